import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../platform/context.js';

/** 要素保障 — 征地拆迁 register: areas, households, payments, incidents. */
export function registerLandAcquisitionRoutes(_app: FastifyInstance, _ctx: AppContext): void {}
