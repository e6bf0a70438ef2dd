import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../platform/context.js';

/** 产业云 — smart: routes under /api/industry/… (see ../routes.ts). */
export function registerIndustrySmartRoutes(_app: FastifyInstance, _ctx: AppContext): void {}
