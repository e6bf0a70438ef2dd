import type { FastifyInstance } from 'fastify';
import {
  ZCancelGrantRequest,
  ZConfirmGrantRequest,
  ZListGrantsQuery,
  ZRunItemsQuery,
  ZStartRunQuery,
  ZStartRunRequest,
} from '@yuanqi/contract';
import { z } from 'zod';
import { can } from '../../../platform/actor.js';
import type { AppContext } from '../../../platform/context.js';
import { forbidden } from '../../../platform/errors.js';
import { XLSX_TYPE, ZIdParams, attachment, route } from '../../../platform/http.js';
import { registerPayoutReversalHandler } from '../../funds/service.js';
import * as exemption from './service.js';
import * as library from '../library/service.js';
import { buildRunWorkbook } from '../xlsx.js';

const ZRunParams = z.object({ id: z.uuid() });
const ZXlsxIdParams = z.object({ id: z.uuid() });

/** 免申即享: batch runs and their reports, grants the firm confirms. */
export function registerExemptionRoutes(app: FastifyInstance, ctx: AppContext, tags: string[]): void {
  registerPayoutReversalHandler('exemption_grant', (trx, _ctx, actor, payout) => exemption.onGrantPayoutReversed(trx, actor, payout));
  route(app, { method: 'POST', url: '/api/policies/:id/runs', summary: '免申即享批量兑现(后台任务;wait=true 时完成后返回)', tags, permission: 'policy:manage', params: ZIdParams, query: ZStartRunQuery, body: ZStartRunRequest }, async ({ actor, params, query, body, reply }) => {
    const run = await exemption.startRun(ctx, actor, params.id, body, query.wait === true);
    reply.status(query.wait ? 201 : 202);
    return run;
  });
  route(app, { method: 'GET', url: '/api/policies/:id/runs', summary: '免申即享兑现批次', tags, permission: 'policy:read', params: ZIdParams }, async ({ actor, params }) => {
    if (!can(actor, 'policy:manage') && !can(actor, 'policy:review')) throw forbidden();
    await library.visiblePolicy(ctx.db, actor, params.id);
    return { items: await exemption.listRuns(ctx, actor, params.id) };
  });
  route(app, { method: 'GET', url: '/api/policy-runs/:id', summary: '兑现批次报告(逐户发放或跳过原因)', tags, permission: 'policy:manage', params: ZRunParams, query: ZRunItemsQuery }, ({ actor, params, query }) =>
    exemption.runReport(ctx, actor, params.id, query),
  );
  route(app, { method: 'GET', url: '/api/policy-runs/:id/report.xlsx', summary: '导出兑现批次报告 Excel', tags, permission: 'policy:manage', params: ZXlsxIdParams, produces: XLSX_TYPE }, async ({ actor, params, reply }) => {
    const report = await exemption.runReport(ctx, actor, params.id, { page: 1, pageSize: 100_000 });
    const buffer = await buildRunWorkbook(report, report.items);
    reply.header('content-type', XLSX_TYPE).header('content-disposition', attachment(`免申即享兑现-${report.number}.xlsx`));
    return reply.send(buffer);
  });
  route(app, { method: 'GET', url: '/api/policy-grants', summary: '免申即享兑现记录(企业只看本企业)', tags, permission: 'policy-application:read', query: ZListGrantsQuery }, ({ actor, query }) =>
    exemption.listGrants(ctx, actor, query),
  );
  route(app, { method: 'GET', url: '/api/policy-grants/:id', summary: '免申即享兑现详情', tags, permission: 'policy-application:read', params: ZIdParams }, ({ actor, params }) => exemption.getGrant(ctx, actor, params.id));
  route(app, { method: 'POST', url: '/api/policy-grants/:id/confirm', summary: '确认收款账户并拨付(企业本人,或窗口代为确认)', tags, permission: 'policy-application:read', params: ZIdParams, body: ZConfirmGrantRequest }, ({ actor, params, body }) =>
    exemption.confirmGrant(ctx, actor, params.id, body),
  );
  route(app, { method: 'POST', url: '/api/policy-grants/:id/cancel', summary: '取消免申即享兑现', tags, permission: 'policy:manage', params: ZIdParams, body: ZCancelGrantRequest }, ({ actor, params, body }) =>
    exemption.cancelGrant(ctx, actor, params.id, body),
  );
}
