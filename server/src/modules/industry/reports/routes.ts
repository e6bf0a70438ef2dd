import type { FastifyInstance } from 'fastify';
import {
  ZCreateIndicatorRequest,
  ZFilingStatusQuery,
  ZFirmMonthsQuery,
  ZIndustrySettingsRequest,
  ZReportActionRequest,
  ZReportFormQuery,
  ZReportListQuery,
  ZReportersQuery,
  ZSaveReportRequest,
  ZSetReporterRequest,
  ZUpdateIndicatorRequest,
} from '@yuanqi/contract';
import { z } from 'zod';
import type { AppContext } from '../../../platform/context.js';
import { route, ZIdParams } from '../../../platform/http.js';
import * as service from './service.js';
import { registerReportReminderSweep } from './sweep.js';

const tags = ['产业云·经济运行月报'];
const ZEnterpriseParams = z.object({ enterpriseId: z.uuid() });

/** 产业云 — reports: routes under /api/industry/… (see ../routes.ts). */
export function registerIndustryReportsRoutes(app: FastifyInstance, ctx: AppContext): void {
  registerReportReminderSweep();

  // ---- indicators, reporting firms, settings
  route(app, { method: 'GET', url: '/api/industry/indicators', summary: '月报指标列表', tags }, ({ actor }) => service.listIndicatorViews(ctx, actor));
  route(app, { method: 'POST', url: '/api/industry/indicators', summary: '新增月报指标', tags, permission: 'industry:manage', body: ZCreateIndicatorRequest }, ({ actor, body }) =>
    service.createIndicator(ctx, actor, body),
  );
  route(app, { method: 'PATCH', url: '/api/industry/indicators/:id', summary: '修改或停用月报指标', tags, permission: 'industry:manage', params: ZIdParams, body: ZUpdateIndicatorRequest }, ({ actor, params, body }) =>
    service.updateIndicator(ctx, actor, params.id, body),
  );
  route(app, { method: 'GET', url: '/api/industry/reporters', summary: '月报报送企业', tags, permission: 'industry:manage', query: ZReportersQuery }, ({ actor, query }) => service.listReporters(ctx, actor, query));
  route(app, { method: 'PUT', url: '/api/industry/reporters/:enterpriseId', summary: '列入或豁免报送', tags, permission: 'industry:manage', params: ZEnterpriseParams, body: ZSetReporterRequest }, async ({ actor, params, body }) => {
    await service.setReporter(ctx, actor, params.enterpriseId, body);
    return { ok: true };
  });
  route(app, { method: 'DELETE', url: '/api/industry/reporters/:enterpriseId', summary: '恢复按规上判定', tags, permission: 'industry:manage', params: ZEnterpriseParams }, async ({ actor, params }) => {
    await service.setReporter(ctx, actor, params.enterpriseId, null);
    return { ok: true };
  });
  route(app, { method: 'GET', url: '/api/industry/settings', summary: '产业云设置', tags }, ({ actor }) => service.getSettings(ctx, actor));
  route(app, { method: 'PUT', url: '/api/industry/settings', summary: '保存产业云设置', tags, permission: 'industry:manage', body: ZIndustrySettingsRequest }, ({ actor, body }) =>
    service.putSettings(ctx, actor, body),
  );

  // ---- reports
  route(app, { method: 'GET', url: '/api/industry/reports', summary: '月报列表(审核队列)', tags, query: ZReportListQuery }, ({ actor, query }) => service.listReports(ctx, actor, query));
  route(app, { method: 'GET', url: '/api/industry/reports/months', summary: '企业的月度报表', tags, query: ZFirmMonthsQuery }, ({ actor, query }) => service.listFirmMonths(ctx, actor, query));
  route(app, { method: 'GET', url: '/api/industry/reports/filing', summary: '报送情况(逾期未报)', tags, query: ZFilingStatusQuery }, ({ actor, query }) => service.filingStatus(ctx, actor, query));
  route(app, { method: 'GET', url: '/api/industry/reports/form', summary: '打开某月月报(首次打开时创建草稿)', tags, permission: 'industry:report', query: ZReportFormQuery }, ({ actor, query }) =>
    service.openReportForm(ctx, actor, query),
  );
  route(app, { method: 'GET', url: '/api/industry/reports/:id', summary: '月报详情', tags, params: ZIdParams }, ({ actor, params }) => service.getReport(ctx, actor, params.id));
  route(app, { method: 'PUT', url: '/api/industry/reports/:id', summary: '保存月报草稿', tags, permission: 'industry:report', params: ZIdParams, body: ZSaveReportRequest }, ({ actor, params, body }) =>
    service.saveReport(ctx, actor, params.id, body),
  );
  route(app, { method: 'POST', url: '/api/industry/reports/:id/submit', summary: '提交月报', tags, permission: 'industry:report', params: ZIdParams, body: ZSaveReportRequest }, ({ actor, params, body }) =>
    service.submitReport(ctx, actor, params.id, body),
  );
  route(app, { method: 'POST', url: '/api/industry/reports/:id/actions', summary: '审核通过、退回或更正月报', tags, params: ZIdParams, body: ZReportActionRequest }, ({ actor, params, body }) =>
    service.actOnReport(ctx, actor, params.id, body),
  );
}
