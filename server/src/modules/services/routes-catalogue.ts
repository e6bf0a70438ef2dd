import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.js';

/** 办事指南: service items, Chinese search, synonyms, import, per-item performance. */
export function registerServiceCatalogueRoutes(_app: FastifyInstance, _ctx: AppContext): void {}
