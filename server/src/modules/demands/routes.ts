import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.js';
import { registerDemandCaseRoutes } from './cases/routes.js';
import { registerDispatchRoutes } from './dispatch/routes.js';
import { registerDemandStatsRoutes } from './stats/routes.js';
import { registerVisitRoutes } from './visits/routes.js';

/** The demands domain: 诉求 cases, visits 走访 and 代办, the weekly dispatch 周调度 with targets, statistics. */
export function registerDemandRoutes(app: FastifyInstance, ctx: AppContext): void {
  registerDemandCaseRoutes(app, ctx);
  registerDemandStatsRoutes(app, ctx);
  registerVisitRoutes(app, ctx);
  registerDispatchRoutes(app, ctx);
}
