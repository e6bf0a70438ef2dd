import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.js';
import { ZIdParams, route } from '../../platform/http.js';
import { getJob } from './service.js';

export function registerJobRoutes(app: FastifyInstance, ctx: AppContext): void {
  route(app, { method: 'GET', url: '/api/jobs/:id', summary: '后台任务进度', tags: ['jobs'], params: ZIdParams }, ({ actor, params }) => getJob(ctx, actor, params.id));
}
