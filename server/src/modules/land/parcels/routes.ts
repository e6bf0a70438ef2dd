import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../platform/context.js';

/** 要素保障 — 地块: parcels, their status workflow, import, the map's layers. */
export function registerLandParcelsRoutes(_app: FastifyInstance, _ctx: AppContext): void {}
