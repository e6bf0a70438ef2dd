import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../platform/context.js';

/** 要素保障 — 招商线索: leads, negotiations, committee, signing, funnel. */
export function registerLandLeadsRoutes(_app: FastifyInstance, _ctx: AppContext): void {}
