import type { FastifyInstance } from 'fastify';
import { ZDemandStatsQuery } from '@yuanqi/contract';
import type { AppContext } from '../../../platform/context.js';
import { XLSX_TYPE, attachment, route } from '../../../platform/http.js';
import { registerDemandRollupFold } from './rollup.js';
import * as stats from './service.js';
import { buildStatsWorkbook } from './xlsx.js';

export function registerDemandStatsRoutes(app: FastifyInstance, ctx: AppContext): void {
  registerDemandRollupFold();
  const tags = ['demands'];

  route(app, { method: 'GET', url: '/api/demands/stats', summary: '诉求与走访统计(专员只看本人)', tags, permission: 'stats:read', query: ZDemandStatsQuery }, ({ actor, query }) =>
    stats.demandStats(ctx, actor, query),
  );

  route(app, { method: 'GET', url: '/api/demands/stats.xlsx', summary: '诉求与走访统计导出 Excel', tags, permission: 'stats:read', query: ZDemandStatsQuery, produces: XLSX_TYPE }, async ({ actor, query, reply }) => {
    const figures = await stats.demandStats(ctx, actor, query);
    const title = `诉求办理与走访统计(${query.from} 至 ${query.to})`;
    const buffer = await buildStatsWorkbook(figures, title);
    reply.header('content-type', XLSX_TYPE).header('content-disposition', attachment(`诉求统计-${query.from}至${query.to}.xlsx`));
    return reply.send(buffer);
  });
}
