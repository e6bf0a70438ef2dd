import type { FastifyInstance } from 'fastify';
import { ZCreateDaibanRequest, ZCreateVisitRequest, ZListDaibanQuery, ZListVisitsQuery, ZVisitCalendarQuery } from '@yuanqi/contract';
import type { AppContext } from '../../../platform/context.js';
import { ZIdParams, route } from '../../../platform/http.js';
import * as visits from './service.js';

export function registerVisitRoutes(app: FastifyInstance, ctx: AppContext): void {
  // Visits 走访 and 代办 ---------------------------------------------------------------------

  const visitTags = ['visits'];
  route(app, { method: 'POST', url: '/api/visits', summary: '登记走访(可同时登记代办事项和提出的诉求,一个事务)', tags: visitTags, permission: 'visit:write', body: ZCreateVisitRequest }, async ({ actor, body, reply }) => {
    const visit = await visits.createVisit(ctx, actor, body);
    reply.status(201);
    return visit;
  });
  route(app, { method: 'GET', url: '/api/visits', summary: '走访记录(专员只看本人)', tags: visitTags, permission: 'visit:read', query: ZListVisitsQuery }, ({ actor, query }) => visits.listVisits(ctx, actor, query));
  route(app, { method: 'GET', url: '/api/visits/calendar', summary: '走访日历(按月,每日人次与明细)', tags: visitTags, permission: 'visit:read', query: ZVisitCalendarQuery }, ({ actor, query }) =>
    visits.visitCalendar(ctx, actor, query),
  );
  route(app, { method: 'GET', url: '/api/visits/:id', summary: '走访详情', tags: visitTags, permission: 'visit:read', params: ZIdParams }, ({ actor, params }) => visits.getVisit(ctx, actor, params.id));
  route(app, { method: 'POST', url: '/api/daiban', summary: '登记代办事项', tags: visitTags, permission: 'visit:write', body: ZCreateDaibanRequest }, async ({ actor, body, reply }) => {
    const record = await visits.createDaiban(ctx, actor, body);
    reply.status(201);
    return record;
  });
  route(app, { method: 'GET', url: '/api/daiban', summary: '代办记录(专员只看本人)', tags: visitTags, permission: 'visit:read', query: ZListDaibanQuery }, ({ actor, query }) => visits.listDaiban(ctx, actor, query));
}
