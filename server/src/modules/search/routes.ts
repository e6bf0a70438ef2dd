import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { route } from '../../platform/http.js';
import { globalSearch } from './service.js';

export const ZSearchQuery = z.object({
  q: z
    .string({ error: '请输入搜索关键词' })
    .trim()
    .min(1, { error: '请输入搜索关键词' })
    .max(50, { error: '搜索关键词最多50个字' }),
});

export function registerSearchRoutes(app: FastifyInstance, ctx: AppContext): void {
  route(
    app,
    { method: 'GET', url: '/api/search', summary: '全局搜索(企业、诉求编号;每类最多5条,按各自的数据范围)', tags: ['search'], query: ZSearchQuery },
    ({ actor, query }) => globalSearch(ctx, actor, query.q),
  );
}
