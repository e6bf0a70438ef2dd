import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ZFinanceEventIntentionRequest, ZFinanceEventOutcomeRequest, ZFinanceEventSignupRequest, ZSaveFinanceEventRequest } from '@yuanqi/contract';
import { can } from '../../../platform/actor.js';
import type { AppContext } from '../../../platform/context.js';
import { forbidden } from '../../../platform/errors.js';
import { XLSX_TYPE, attachment, route } from '../../../platform/http.js';
import { registerStatsRoutes } from '../stats/routes.js';
import { outcomesWorkbook } from '../stats/excel.js';
import { createEvent, getBankEvent, getEvent, listBankEvents, listEvents, listFirmEvents, recordOutcome, registerIntention, signUp, updateEvent } from './service.js';

const ZId = z.object({ id: z.uuid() });
const ZFirmQuery = z.object({ enterpriseId: z.uuid({ error: '企业编号格式不正确' }).optional() });

/** 融资对接会 and the finance statistics. */
export function registerEventRoutes(app: FastifyInstance, ctx: AppContext): void {
  const tags = ['金融服务'];
  // ---------------------------------------------------------------- finance officer desk
  route(app, { method: 'GET', url: '/api/finance/events', summary: '融资对接会列表(含由数据计算的签约企业数、金额)', tags, permission: 'finance:read' }, ({ actor }) => listEvents(ctx, actor));
  route(app, { method: 'POST', url: '/api/finance/events', summary: '新建融资对接会', tags, permission: 'finance:manage', body: ZSaveFinanceEventRequest }, async ({ actor, body, reply }) => {
    reply.status(201);
    return createEvent(ctx, actor, body);
  });
  // ---------------------------------------------------------------- firms (before /:id)
  route(app, { method: 'GET', url: '/api/finance/events/firm', summary: '企业可报名的对接会和本企业的报名', tags, permission: 'finance:apply', query: ZFirmQuery }, ({ actor, query }) =>
    listFirmEvents(ctx, actor, query.enterpriseId),
  );
  route(app, { method: 'GET', url: '/api/finance/events/:id', summary: '融资对接会详情(报名、意向、签约结果、按机构汇总)', tags, permission: 'finance:read', params: ZId }, ({ actor, params }) => getEvent(ctx, actor, params.id));
  route(app, { method: 'PUT', url: '/api/finance/events/:id', summary: '修改融资对接会', tags, permission: 'finance:manage', params: ZId, body: ZSaveFinanceEventRequest }, ({ actor, params, body }) =>
    updateEvent(ctx, actor, params.id, body),
  );
  route(app, { method: 'GET', url: '/api/finance/events/:id/outcomes/export', summary: '导出对接会签约结果 Excel', tags, permission: 'finance:read', params: ZId, produces: XLSX_TYPE }, async ({ actor, params, reply }) => {
    const event = await getEvent(ctx, actor, params.id);
    reply.header('content-type', XLSX_TYPE).header('content-disposition', attachment(`${event.title}-签约结果.xlsx`));
    return reply.send(await outcomesWorkbook(event));
  });
  route(app, { method: 'POST', url: '/api/finance/events/:id/signups', summary: '企业报名对接会(选一条本企业的融资需求或填写金额;每家企业一次)', tags, permission: 'finance:apply', params: ZId, body: ZFinanceEventSignupRequest }, async ({ actor, params, body, reply }) => {
    reply.status(201);
    return signUp(ctx, actor, params.id, body);
  });
  route(app, { method: 'POST', url: '/api/finance/events/:id/outcomes', summary: '登记签约结果(金融服务中心为任一参会机构;机构只为本机构)', tags, params: ZId, body: ZFinanceEventOutcomeRequest }, async ({ actor, params, body, reply }) => {
    if (!can(actor, 'finance:manage') && !can(actor, 'finance:bank')) throw forbidden();
    reply.status(201);
    return recordOutcome(ctx, actor, params.id, body);
  });
  // ---------------------------------------------------------------- participating institutions
  route(app, { method: 'GET', url: '/api/finance/bank/events', summary: '本机构参加的融资对接会', tags, permission: 'finance:bank' }, ({ actor }) => listBankEvents(ctx, actor));
  route(app, { method: 'GET', url: '/api/finance/bank/events/:id', summary: '本机构参加的对接会:报名企业及金额、本机构的意向与签约', tags, permission: 'finance:bank', params: ZId }, ({ actor, params }) =>
    getBankEvent(ctx, actor, params.id),
  );
  route(app, { method: 'POST', url: '/api/finance/bank/events/:id/intentions', summary: '登记(或修改)本机构对报名企业的意向', tags, permission: 'finance:bank', params: ZId, body: ZFinanceEventIntentionRequest }, async ({ actor, params, body, reply }) => {
    reply.status(201);
    return registerIntention(ctx, actor, params.id, body);
  });

  registerStatsRoutes(app, ctx);
}
