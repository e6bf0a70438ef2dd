import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../platform/context.js';

/** 金融超市与融资对接(products, needs, consents, answers). */
export function registerMarketRoutes(_app: FastifyInstance, _ctx: AppContext): void {}
