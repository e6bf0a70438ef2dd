import type { FastifyInstance } from 'fastify';
import { ZPage, ZPageSize } from '@yuanqi/contract';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { route } from '../../platform/http.js';
import { listNotifications, markRead } from './service.js';

const ZListQuery = z.object({ unread: z.enum(['true', 'false']).optional().transform((v) => v === 'true'), page: ZPage, pageSize: ZPageSize });
const ZReadBody = z.object({ ids: z.union([z.array(z.uuid({ error: '消息编号格式不正确' })).max(500), z.literal('all')], { error: 'ids 应为消息编号列表或 "all"' }) });

export function registerNotificationRoutes(app: FastifyInstance, ctx: AppContext): void {
  route(app, { method: 'GET', url: '/api/notifications', summary: '我的消息', tags: ['notifications'], query: ZListQuery }, ({ actor, query }) => listNotifications(ctx, actor, query));
  route(app, { method: 'POST', url: '/api/notifications/read', summary: '标记已读', tags: ['notifications'], body: ZReadBody }, ({ actor, body }) => markRead(ctx, actor, body.ids));
}
