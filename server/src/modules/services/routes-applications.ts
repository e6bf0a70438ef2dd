import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.js';

/** 办件: applications, the working-day clock, 容缺/承诺/补正, decisions, construction projects. */
export function registerServiceApplicationRoutes(_app: FastifyInstance, _ctx: AppContext): void {}
