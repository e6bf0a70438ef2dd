import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../platform/context.js';

/** 信用画像(the credit profile). */
export function registerCreditRoutes(_app: FastifyInstance, _ctx: AppContext): void {}
