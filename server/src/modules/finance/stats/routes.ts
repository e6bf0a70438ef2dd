import type { FastifyInstance } from 'fastify';
import { ZFinanceStatsQuery } from '@yuanqi/contract';
import type { AppContext } from '../../../platform/context.js';
import { XLSX_TYPE, attachment, route } from '../../../platform/http.js';
import { statisticsWorkbook } from './excel.js';
import { financeStatistics } from './service.js';

/** 金融服务统计: GET /api/finance/stats and its .xlsx export. */
export function registerStatsRoutes(app: FastifyInstance, ctx: AppContext): void {
  const tags = ['金融服务'];
  route(app, { method: 'GET', url: '/api/finance/stats', summary: '金融服务统计(融资对接、应急转贷、存铜融、对接会、金融机构)', tags, permission: 'finance:read', query: ZFinanceStatsQuery }, ({ actor, query }) =>
    financeStatistics(ctx.db, actor.parkId, query, ctx.clock.now()),
  );
  route(app, { method: 'GET', url: '/api/finance/stats/export', summary: '导出金融服务统计 Excel(每部分一张工作表)', tags, permission: 'finance:read', query: ZFinanceStatsQuery, produces: XLSX_TYPE }, async ({ actor, query, reply }) => {
    const stats = await financeStatistics(ctx.db, actor.parkId, query, ctx.clock.now());
    reply.header('content-type', XLSX_TYPE).header('content-disposition', attachment(`金融服务统计-${query.from}至${query.to}.xlsx`));
    return reply.send(await statisticsWorkbook(stats));
  });
}
