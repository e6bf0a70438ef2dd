import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../platform/context.js';

/** 产业云 — dashboards: routes under /api/industry/… (see ../routes.ts). */
export function registerIndustryDashboardsRoutes(_app: FastifyInstance, _ctx: AppContext): void {}
