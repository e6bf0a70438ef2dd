import type { FastifyInstance } from 'fastify';
import { ZDashboardFirmsQuery, ZDeviceSeriesQuery, ZFirmDashboardParams, ZId } from '@yuanqi/contract';
import { z } from 'zod';
import type { AppContext } from '../../../platform/context.js';
import { route } from '../../../platform/http.js';
import { dashboardFirms, deviceSeriesView, firmDashboard, officeDashboard } from './service.js';

const tags = ['产业云·看板'];
const ZDeviceParams = z.object({ id: ZId });

/** 产业云 — dashboards: the firm's 企业数据看板, the office's 产业云总览, device series for charts. */
export function registerIndustryDashboardsRoutes(app: FastifyInstance, ctx: AppContext): void {
  route(app, { method: 'GET', url: '/api/industry/dashboard/office', summary: '产业云总览:设备在线、告警、企业用电排行、月报报送', tags }, ({ actor }) => officeDashboard(ctx, actor));
  route(app, { method: 'GET', url: '/api/industry/dashboard/firms', summary: '可查看数据看板的企业(有设备或须报送月报),有告警的在前', tags, query: ZDashboardFirmsQuery }, ({ actor, query }) => dashboardFirms(ctx, actor, query));
  route(app, { method: 'GET', url: '/api/industry/dashboard/firm/:enterpriseId', summary: '企业数据看板:月报与同比、设备实时值、告警、用电(企业看本企业,联络员看所服务企业)', tags, params: ZFirmDashboardParams }, ({ actor, params }) =>
    firmDashboard(ctx, actor, params.enterpriseId),
  );
  route(app, { method: 'GET', url: '/api/industry/devices/:id/series', summary: '设备指标曲线(原始/小时/日粒度,计数类含每段增量)', tags, params: ZDeviceParams, query: ZDeviceSeriesQuery }, ({ actor, params, query }) =>
    deviceSeriesView(ctx, actor, params.id, query),
  );
}
