import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../platform/context.js';

/** 存铜融(receipts, prices, pledges, margin calls). */
export function registerCopperRoutes(_app: FastifyInstance, _ctx: AppContext): void {}
