import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../platform/context.js';

/** 要素保障 — 闲置用地清理专项行动: campaigns and their cases. */
export function registerLandCleanupRoutes(_app: FastifyInstance, _ctx: AppContext): void {}
