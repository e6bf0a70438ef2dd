import type { FastifyInstance } from 'fastify';
import { ZIndustryCompletenessQuery, ZIndustryRankingsQuery, ZIndustryStatsQuery, ZIndustryTrendQuery } from '@yuanqi/contract';
import type { AppContext } from '../../../platform/context.js';
import { AppError } from '../../../platform/errors.js';
import { XLSX_TYPE, attachment, route } from '../../../platform/http.js';
import { statsWorkbook } from './excel.js';
import { industryCompleteness, industryRankings, industryStats, industryTrend } from './service.js';

/**
 * 产业云 — 经济运行统计: routes under /api/industry/stats. Reading needs industry:read and is
 * scoped (staff: the park; a liaison: its firms; a firm: only its own figures); the statistics-office
 * export is for industry:stats (dispatcher, finance officer, leader, admin).
 */
export function registerIndustryStatsRoutes(app: FastifyInstance, ctx: AppContext): void {
  const tags = ['产业云'];
  route(app, { method: 'GET', url: '/api/industry/stats', summary: '经济运行统计:全园区及各产业链本月、同期、同比、环比、累计、累计增速和报送企业数', tags, permission: 'industry:read', query: ZIndustryStatsQuery }, ({ actor, query }) =>
    industryStats(ctx, actor, query.month),
  );
  route(app, { method: 'GET', url: '/api/industry/stats/rankings', summary: '企业排名(本月或累计,含同比)', tags, permission: 'industry:read', query: ZIndustryRankingsQuery }, ({ actor, query }) =>
    industryRankings(ctx, actor, query),
  );
  route(app, { method: 'GET', url: '/api/industry/stats/completeness', summary: '报送完整性:产业链应报企业 × 近12个月', tags, permission: 'industry:read', query: ZIndustryCompletenessQuery }, ({ actor, query }) =>
    industryCompleteness(ctx, actor, query),
  );
  route(app, { method: 'GET', url: '/api/industry/stats/trend', summary: '指标月度趋势(含同期和同比)', tags, permission: 'industry:read', query: ZIndustryTrendQuery }, ({ actor, query }) =>
    industryTrend(ctx, actor, query),
  );
  route(app, { method: 'GET', url: '/api/industry/stats/export', summary: '导出经济运行主要指标 Excel(每条产业链一张工作表,另附企业排名)', tags, permission: 'industry:stats', query: ZIndustryStatsQuery, produces: XLSX_TYPE }, async ({ actor, query, reply }) => {
    const view = await industryStats(ctx, actor, query.month);
    if (!view.period) throw new AppError('INVALID_STATE', '暂无审核通过的月报数据,无法导出');
    const base = { indicator: 'output_fen', chain: undefined, order: 'desc' as const, limit: 500, month: view.period };
    const [month, ytd, park] = await Promise.all([
      industryRankings(ctx, actor, { ...base, basis: 'month' }),
      industryRankings(ctx, actor, { ...base, basis: 'ytd' }),
      ctx.db.selectFrom('parks').select('name').where('id', '=', actor.parkId).executeTakeFirstOrThrow(),
    ]);
    reply.header('content-type', XLSX_TYPE).header('content-disposition', attachment(`${park.name}${view.ytdLabel}经济运行主要指标.xlsx`));
    return reply.send(await statsWorkbook(park.name, view, { month, ytd }));
  });
}
