import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../platform/context.js';

/** 要素保障 — 人才公寓: rules, applications, allocation, occupancy. */
export function registerLandApartmentsRoutes(_app: FastifyInstance, _ctx: AppContext): void {}
