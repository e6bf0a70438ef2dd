import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../platform/context.js';

/** 产业云 — reports: routes under /api/industry/… (see ../routes.ts). */
export function registerIndustryReportsRoutes(_app: FastifyInstance, _ctx: AppContext): void {}
