import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../platform/context.js';

/** 融资对接会 and the finance statistics. */
export function registerEventRoutes(_app: FastifyInstance, _ctx: AppContext): void {}
