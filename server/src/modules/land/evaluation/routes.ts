import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ZCreateMujunThresholdRequest, ZMujunFiguresQuery, ZMujunInefficientQuery, ZMujunRankingQuery, ZMujunYear, ZSaveMujunFiguresRequest } from '@yuanqi/contract';
import type { AppContext } from '../../../platform/context.js';
import { XLSX_TYPE, attachment, route } from '../../../platform/http.js';
import { readSingleFile } from '../../../platform/uploads.js';
import { buildFiguresTemplate, importFigures, rankingWorkbook } from './excel.js';
import * as service from './service.js';

const tags = ['要素保障·亩均论英雄'];
const ZYearParams = z.object({ year: ZMujunYear });
const ZFirmParams = z.object({ enterpriseId: z.uuid() });
const ZFirmYearParams = z.object({ enterpriseId: z.uuid(), year: ZMujunYear });
const ZTemplateQuery = z.object({ year: ZMujunYear });

/** 要素保障 — 亩均论英雄: thresholds, firms' figures, graded years, ranking and export. */
export function registerLandEvaluationRoutes(app: FastifyInstance, ctx: AppContext): void {
  // ---- thresholds
  route(app, { method: 'GET', url: '/api/land/evaluation/thresholds', summary: '亩均评价标准(按生效日期的各版本)', tags, permission: 'land:read' }, ({ actor }) => service.listThresholds(ctx, actor));
  route(app, { method: 'POST', url: '/api/land/evaluation/thresholds', summary: '新增一版亩均评价标准(自某日起生效)', tags, permission: 'land:manage', body: ZCreateMujunThresholdRequest }, ({ actor, body }) =>
    service.createThreshold(ctx, actor, body),
  );

  // ---- firms' figures
  route(app, { method: 'GET', url: '/api/land/evaluation/figures', summary: '有地企业某年度的亩均数据及来源(月报/录入/导入)', tags, permission: 'land:read', query: ZMujunFiguresQuery }, ({ actor, query }) =>
    service.listFigures(ctx, actor, query),
  );
  route(app, { method: 'PUT', url: '/api/land/evaluation/figures/:enterpriseId/:year', summary: '录入企业某年度的营收、税收、投资与建筑面积', tags, permission: 'land:manage', params: ZFirmYearParams, body: ZSaveMujunFiguresRequest }, ({ actor, params, body }) =>
    service.saveFigures(ctx, actor, params.enterpriseId, params.year, body),
  );
  route(app, { method: 'GET', url: '/api/land/evaluation/figures/template', summary: '下载企业亩均数据导入模板', tags, permission: 'land:manage', query: ZTemplateQuery, produces: XLSX_TYPE }, async ({ actor, query, reply }) => {
    const buffer = await buildFiguresTemplate(ctx, actor, query.year);
    reply.header('content-type', XLSX_TYPE).header('content-disposition', attachment(`企业亩均数据导入模板-${query.year}.xlsx`));
    return reply.send(buffer);
  });
  route(app, { method: 'POST', url: '/api/land/evaluation/figures/import', summary: '从 Excel 导入企业亩均数据(全部通过才导入,逐行列出错误)', tags, permission: 'land:manage' }, async ({ actor, request }) => {
    const { buffer } = await readSingleFile(request, 'xlsx');
    return importFigures(ctx, actor, buffer);
  });

  // ---- graded years
  route(app, { method: 'POST', url: '/api/land/evaluation/years/:year/evaluate', summary: '评价某年度并发布(D类企业的投产地块认定低效)', tags, permission: 'land:manage', params: ZYearParams }, ({ actor, params }) =>
    service.evaluateYear(ctx, actor, params.year),
  );
  route(app, { method: 'GET', url: '/api/land/evaluation', summary: '亩均评价排名(年度、等级、产业链筛选)', tags, permission: 'land:read', query: ZMujunRankingQuery }, ({ actor, query }) => service.ranking(ctx, actor, query));
  route(app, { method: 'GET', url: '/api/land/evaluation/export', summary: '导出亩均评价排名 Excel', tags, permission: 'land:read', query: ZMujunRankingQuery, produces: XLSX_TYPE }, async ({ actor, query, reply }) => {
    const view = await service.ranking(ctx, actor, query, true);
    const park = await ctx.db.selectFrom('parks').select('name').where('id', '=', actor.parkId).executeTakeFirstOrThrow();
    reply.header('content-type', XLSX_TYPE).header('content-disposition', attachment(`${park.name}${view.year ?? ''}年度亩均评价.xlsx`));
    return reply.send(await rankingWorkbook(park.name, view));
  });
  route(app, { method: 'GET', url: '/api/land/evaluation/inefficient', summary: '低效地块(评价为D类企业的地块)', tags, permission: 'land:read', query: ZMujunInefficientQuery }, ({ actor, query }) =>
    service.inefficientParcels(ctx, actor, query.year),
  );
  route(app, { method: 'GET', url: '/api/land/evaluation/firms/:enterpriseId', summary: '企业历年亩均评价', tags, permission: 'land:read', params: ZFirmParams }, ({ actor, params }) =>
    service.firmHistory(ctx, actor, params.enterpriseId),
  );
}
