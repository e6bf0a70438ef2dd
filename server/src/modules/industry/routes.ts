import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.js';
import { registerIndustryReportsRoutes } from './reports/routes.js';
import { registerIndustryStatsRoutes } from './stats/routes.js';
import { registerIndustryDevicesRoutes } from './devices/routes.js';
import { registerIndustryAlarmsRoutes } from './alarms/routes.js';
import { registerIndustryDashboardsRoutes } from './dashboards/routes.js';
import { registerIndustrySmartRoutes } from './smart/routes.js';

/**
 * 产业云 (SPEC §2.7): each sub-domain registers its own routes — reports 经济运行月报 (filing,
 * review, indicators, settings), stats (totals, 同比/环比, export), devices (devices, tokens and the
 * HTTP telemetry endpoint), alarms (rules and alarms), dashboards (firm and office), smart
 * (智能化改造). MQTT telemetry starts beside the app (telemetry/mqtt.ts, from main.ts).
 */
export function registerIndustryRoutes(app: FastifyInstance, ctx: AppContext): void {
  registerIndustryReportsRoutes(app, ctx);
  registerIndustryStatsRoutes(app, ctx);
  registerIndustryDevicesRoutes(app, ctx);
  registerIndustryAlarmsRoutes(app, ctx);
  registerIndustryDashboardsRoutes(app, ctx);
  registerIndustrySmartRoutes(app, ctx);
}
