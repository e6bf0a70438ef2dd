import type { FastifyInstance } from 'fastify';
import { ZDate, ZPage, ZPageSize } from '@yuanqi/contract';
import { sql } from 'kysely';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { verifyAuditChain } from '../../platform/audit.js';
import { startOfShanghaiDay, endOfShanghaiDay } from '../../platform/calendar/index.js';
import { route } from '../../platform/http.js';

const ZAuditQuery = z.object({
  entity: z.string().trim().max(50).optional(),
  entityId: z.string().trim().max(64).optional(),
  actor: z.string().trim().max(64).optional(),
  action: z.string().trim().max(50).optional(),
  from: ZDate.optional(),
  to: ZDate.optional(),
  page: ZPage,
  pageSize: ZPageSize,
});

export function registerAuditRoutes(app: FastifyInstance, ctx: AppContext): void {
  route(app, { method: 'GET', url: '/api/audit', summary: '审计日志', tags: ['audit'], permission: 'audit:read', query: ZAuditQuery }, async ({ actor, query }) => {
    let q = ctx.db.selectFrom('audit_log').where('park_id', '=', actor.parkId);
    if (query.entity) q = q.where('entity', '=', query.entity);
    if (query.entityId) q = q.where('entity_id', '=', query.entityId);
    if (query.actor) q = q.where('actor_name', 'ilike', `%${query.actor.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    if (query.action) q = q.where('action', '=', query.action);
    if (query.from) q = q.where('at', '>=', startOfShanghaiDay(query.from));
    if (query.to) q = q.where('at', '<=', endOfShanghaiDay(query.to));
    const rows = await q.selectAll().orderBy('seq', 'desc').limit(query.pageSize).offset((query.page - 1) * query.pageSize).execute();
    const { total } = await q.select(sql<number>`count(*)::int`.as('total')).executeTakeFirstOrThrow();
    return {
      items: rows.map((r) => ({
        id: Number(r.id), seq: Number(r.seq), at: r.at.toISOString(), actorName: r.actor_name, action: r.action,
        entity: r.entity, entityId: r.entity_id, before: r.before, after: r.after, requestId: r.request_id, hash: r.hash,
      })),
      total,
    };
  });
  route(app, { method: 'GET', url: '/api/audit/verify', summary: '校验本园区审计日志哈希链', tags: ['audit'], permission: 'audit:read' }, async ({ actor }) => {
    const result = await verifyAuditChain(ctx.db, actor.parkId);
    return { ...result, firstBroken: result.firstBroken ? { ...result.firstBroken, parkId: actor.parkId } : null };
  });
}
