import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../platform/context.js';

/** 产业云 — devices: routes under /api/industry/… (see ../routes.ts). */
export function registerIndustryDevicesRoutes(_app: FastifyInstance, _ctx: AppContext): void {}
