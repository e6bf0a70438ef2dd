import type { FastifyInstance } from 'fastify';
import {
  ZListMatchesQuery,
  ZRecommendedQuery,
} from '@yuanqi/contract';
import { z } from 'zod';
import { can } from '../../../platform/actor.js';
import type { AppContext } from '../../../platform/context.js';
import { forbidden } from '../../../platform/errors.js';
import { XLSX_TYPE, ZIdParams, attachment, route } from '../../../platform/http.js';
import * as views from './views.js';
import * as library from '../library/service.js';
import { buildMatchesWorkbook } from '../xlsx.js';

const ZXlsxIdParams = z.object({ id: z.uuid() });

/** 政策匹配: the workbench figures, recommendations for a firm, a policy's matched firms (and their Excel), a firm's matches. */
export function registerMatchingRoutes(app: FastifyInstance, ctx: AppContext, tags: string[]): void {
  route(app, { method: 'GET', url: '/api/policies/stats', summary: '政策兑现工作台数字', tags, permission: 'policy:read' }, ({ actor }) => {
    if (!can(actor, 'policy:manage') && !can(actor, 'policy:review') && !can(actor, 'policy-application:read')) throw forbidden();
    if (actor.enterpriseId) throw forbidden();
    return views.policyOverview(ctx, actor);
  });
  route(app, { method: 'GET', url: '/api/policies/recommended', summary: '为您推荐的政策(符合条件与待补充数据)', tags, permission: 'policy:read', query: ZRecommendedQuery }, ({ actor, query }) =>
    views.recommendedPolicies(ctx, actor, query.enterpriseId),
  );
  route(app, { method: 'GET', url: '/api/policies/:id/matches', summary: '政策匹配企业(符合条件未申报等)', tags, permission: 'policy:manage', params: ZIdParams, query: ZListMatchesQuery }, ({ actor, params, query }) =>
    views.policyMatches(ctx, actor, params.id, query),
  );
  route(app, { method: 'GET', url: '/api/policies/:id/matches.xlsx', summary: '导出政策匹配企业 Excel', tags, permission: 'policy:manage', params: ZXlsxIdParams, query: ZListMatchesQuery, produces: XLSX_TYPE }, async ({ actor, params, query, reply }) => {
    const policy = await library.visiblePolicy(ctx.db, actor, params.id);
    const page = await views.policyMatches(ctx, actor, params.id, { ...query, page: 1, pageSize: 100_000 });
    const buffer = await buildMatchesWorkbook(policy.title, page.items);
    reply.header('content-type', XLSX_TYPE).header('content-disposition', attachment(`${policy.title}-匹配企业.xlsx`));
    return reply.send(buffer);
  });
  route(app, { method: 'GET', url: '/api/enterprises/:id/policy-matches', summary: '企业画像:政策匹配情况', tags, permission: 'policy:read', params: ZIdParams }, ({ actor, params }) =>
    views.enterpriseMatches(ctx, actor, params.id),
  );
}
