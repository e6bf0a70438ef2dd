import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../platform/context.js';

/** 金融产品 and institutions: banks maintain their products, firms browse and compare them. */
export function registerProductRoutes(_app: FastifyInstance, _ctx: AppContext): void {}
