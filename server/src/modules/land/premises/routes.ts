import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../platform/context.js';

/** 要素保障 — 厂房: buildings, units, leases, bills, relief, payments, parameters. */
export function registerLandPremisesRoutes(_app: FastifyInstance, _ctx: AppContext): void {}
