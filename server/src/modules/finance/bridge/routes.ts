import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../platform/context.js';

/** 应急转贷(bridge loans and the pool). */
export function registerBridgeRoutes(_app: FastifyInstance, _ctx: AppContext): void {}
