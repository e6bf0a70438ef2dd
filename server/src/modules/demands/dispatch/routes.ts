import type { FastifyInstance } from 'fastify';
import { ZCreateDispatchMeetingRequest, ZListDispatchMeetingsQuery, ZMonth, ZPutTargetsRequest, ZUpdateDispatchItemRequest } from '@yuanqi/contract';
import { z } from 'zod';
import { can, type Actor } from '../../../platform/actor.js';
import type { AppContext } from '../../../platform/context.js';
import { forbidden } from '../../../platform/errors.js';
import { DOCX_TYPE, ZIdParams, attachment, route } from '../../../platform/http.js';
import { enterpriseScopeOf } from '../../../platform/scope.js';
import { overdueBridgeLoansOn } from '../../finance/bridge/service.js';
import { buildMinutesDocx } from './minutes-docx.js';
import * as dispatch from './service.js';
import * as targets from './targets.js';

const ZItemParams = z.object({ id: z.uuid(), itemId: z.uuid() });
const ZMonthParams = z.object({ month: ZMonth });

/** The meeting and target screens belong to the office and the leaders (park-wide readers). */
function assertParkWide(actor: Actor): void {
  if (enterpriseScopeOf(actor).kind !== 'park') throw forbidden('只有调度专班和领导可以查看周调度');
}

export function registerDispatchRoutes(app: FastifyInstance, ctx: AppContext): void {
  // Weekly dispatch 周调度 ---------------------------------------------------------------------

  const dispatchTags = ['dispatch'];
  route(app, { method: 'POST', url: '/api/dispatch-meetings', summary: '召开周调度会议(自动生成议题:升级、逾期、差评)', tags: dispatchTags, permission: 'demand:dispatch', body: ZCreateDispatchMeetingRequest }, async ({ actor, body, reply }) => {
    const meeting = await dispatch.createMeeting(ctx, actor, body);
    reply.status(201);
    return meeting;
  });
  route(app, { method: 'GET', url: '/api/dispatch-meetings', summary: '周调度会议列表', tags: dispatchTags, permission: 'demand:read', query: ZListDispatchMeetingsQuery }, ({ actor, query }) => {
    assertParkWide(actor);
    return dispatch.listMeetings(ctx, actor, query);
  });
  route(app, { method: 'GET', url: '/api/dispatch-meetings/:id', summary: '周调度会议(议题与决定)', tags: dispatchTags, permission: 'demand:read', params: ZIdParams }, ({ actor, params }) => {
    assertParkWide(actor);
    return dispatch.getMeeting(ctx, actor, params.id);
  });
  // 逾期转贷: a read-only section of the agenda (dispatch_items is demand-shaped), as on the meeting's date
  route(app, { method: 'GET', url: '/api/dispatch-meetings/:id/bridge-loans', summary: '会议议程的逾期应急转贷(只读,按会议日期)', tags: dispatchTags, permission: 'finance:read', params: ZIdParams }, async ({ actor, params }) => {
    assertParkWide(actor);
    const meeting = await dispatch.getMeeting(ctx, actor, params.id);
    return overdueBridgeLoansOn(ctx.db, actor.parkId, meeting.heldOn);
  });
  route(app, { method: 'PATCH', url: '/api/dispatch-meetings/:id/items/:itemId', summary: '记录议题的调度决定、责任人和新期限', tags: dispatchTags, permission: 'demand:dispatch', params: ZItemParams, body: ZUpdateDispatchItemRequest }, ({ actor, params, body }) =>
    dispatch.decideItem(ctx, actor, params.id, params.itemId, body),
  );
  route(app, { method: 'POST', url: '/api/dispatch-meetings/:id/close', summary: '结束会议(决定不再修改)', tags: dispatchTags, permission: 'demand:dispatch', params: ZIdParams }, ({ actor, params }) =>
    dispatch.closeMeeting(ctx, actor, params.id),
  );
  route(app, { method: 'GET', url: '/api/dispatch-meetings/:id/minutes.docx', summary: '导出会议纪要 .docx', tags: dispatchTags, permission: 'demand:read', params: ZIdParams, produces: DOCX_TYPE }, async ({ actor, params, reply }) => {
    assertParkWide(actor);
    const meeting = await dispatch.getMeeting(ctx, actor, params.id);
    const park = await ctx.db.selectFrom('parks').select('name').where('id', '=', actor.parkId).executeTakeFirstOrThrow();
    const bridge = can(actor, 'finance:read') ? await overdueBridgeLoansOn(ctx.db, actor.parkId, meeting.heldOn) : [];
    const buffer = await buildMinutesDocx(meeting, park.name, bridge);
    reply.header('content-type', DOCX_TYPE).header('content-disposition', attachment(`周调度会议纪要-${meeting.heldOn}.docx`));
    return reply.send(buffer);
  });

  // Monthly targets 月战图 ----------------------------------------------------------------------

  route(app, { method: 'GET', url: '/api/targets/:month', summary: '月战图:专员目标与完成情况(专员只看本人)', tags: dispatchTags, permission: 'stats:read', params: ZMonthParams }, ({ actor, params }) =>
    targets.getTargets(ctx, actor, params.month),
  );
  route(app, { method: 'PUT', url: '/api/targets/:month', summary: '设置专员月度目标', tags: dispatchTags, permission: 'demand:dispatch', params: ZMonthParams, body: ZPutTargetsRequest }, ({ actor, params, body }) =>
    targets.putTargets(ctx, actor, params.month, body),
  );
}
