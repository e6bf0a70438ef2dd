import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../platform/context.js';

/** 要素保障 — 亩均论英雄: thresholds, firms' figures, graded years, ranking and export. */
export function registerLandEvaluationRoutes(_app: FastifyInstance, _ctx: AppContext): void {}
