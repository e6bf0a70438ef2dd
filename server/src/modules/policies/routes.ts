import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.js';

/** 政策兑现: policy library, rules, matching, 申报, 公示, 免申即享 runs. */
export function registerPolicyRoutes(_app: FastifyInstance, _ctx: AppContext): void {}
