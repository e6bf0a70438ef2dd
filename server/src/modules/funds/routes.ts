import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.js';

/** 专项资金 ledgers and payouts, 创新券 vouchers, 招商承诺 commitments. */
export function registerFundRoutes(_app: FastifyInstance, _ctx: AppContext): void {}
