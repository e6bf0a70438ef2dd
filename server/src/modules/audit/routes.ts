import type { FastifyInstance } from 'fastify';
import ExcelJS from 'exceljs';
import { ZDate, ZPage, ZPageSize } from '@yuanqi/contract';
import { sql } from 'kysely';
import { z } from 'zod';
import type { Actor } from '../../platform/actor.js';
import type { AppContext } from '../../platform/context.js';
import { verifyAuditChain } from '../../platform/audit.js';
import { startOfShanghaiDay, endOfShanghaiDay } from '../../platform/calendar/index.js';
import { XLSX_TYPE, attachment, route } from '../../platform/http.js';
import { escapeLike } from '../../platform/like.js';
import { writeXlsx } from '../../platform/xlsx.js';
import { actionLabel, changesOf, entityLabel } from './labels.js';
import { findByName, nameEntries } from './names.js';

const ZAuditQuery = z.object({
  entity: z.string().trim().max(50).optional(),
  /** A record's id, or its business number / code / name (SQ…, BJ…, ZC…, a firm's name). */
  entityId: z.string().trim().max(64).optional(),
  actor: z.string().trim().max(64).optional(),
  action: z.string().trim().max(50).optional(),
  from: ZDate.optional(),
  to: ZDate.optional(),
  format: z.enum(['json', 'xlsx']).default('json'),
  page: ZPage,
  pageSize: ZPageSize,
});
type AuditQuery = z.output<typeof ZAuditQuery>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EXPORT_LIMIT = 20_000;

async function filtered(ctx: AppContext, actor: Actor, query: AuditQuery) {
  let q = ctx.db.selectFrom('audit_log').where('park_id', '=', actor.parkId);
  if (query.entity) q = q.where('entity', '=', query.entity);
  if (query.entityId) {
    if (UUID.test(query.entityId)) q = q.where('entity_id', '=', query.entityId);
    else {
      // an officer types the business number (or a code, a firm's name), never a UUID
      const found = await findByName(ctx.db, actor.parkId, query.entityId);
      const ids = [...new Set([query.entityId, ...found.map((f) => f.id)])];
      q = q.where('entity_id', 'in', ids);
    }
  }
  if (query.actor) q = q.where('actor_name', 'ilike', `%${escapeLike(query.actor)}%`);
  if (query.action) q = q.where('action', '=', query.action);
  if (query.from) q = q.where('at', '>=', startOfShanghaiDay(query.from));
  if (query.to) q = q.where('at', '<=', endOfShanghaiDay(query.to));
  return q;
}

async function present(ctx: AppContext, actor: Actor, rows: { id: number; seq: number; at: Date; actor_name: string | null; action: string; entity: string; entity_id: string | null; before: unknown; after: unknown; request_id: string | null; hash: string }[]) {
  const names = await nameEntries(ctx.db, actor.parkId, rows.map((r) => ({ entity: r.entity, entityId: r.entity_id })));
  return rows.map((r) => {
    const named = r.entity_id ? names.get(`${r.entity}:${r.entity_id}`) : undefined;
    return {
      id: Number(r.id),
      seq: Number(r.seq),
      at: r.at.toISOString(),
      actorName: r.actor_name,
      action: r.action,
      actionLabel: actionLabel(r.entity, r.action),
      entity: r.entity,
      entityLabel: entityLabel(r.entity),
      entityId: r.entity_id,
      /** The record's business number, code or name; null when it is gone or has none. */
      entityName: named?.name ?? null,
      entityLink: named?.link ?? null,
      changes: changesOf(r.entity, r.before, r.after),
      before: r.before,
      after: r.after,
      requestId: r.request_id,
      hash: r.hash,
    };
  });
}

function shanghai(iso: string): string {
  return new Date(new Date(iso).getTime() + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
}

export function registerAuditRoutes(app: FastifyInstance, ctx: AppContext): void {
  route(app, { method: 'GET', url: '/api/audit', summary: '审计日志(中文动作与对象、业务编号;format=xlsx 导出)', tags: ['audit'], permission: 'audit:read', query: ZAuditQuery }, async ({ actor, query, reply }) => {
    const q = await filtered(ctx, actor, query);
    if (query.format === 'xlsx') {
      const rows = await q.selectAll().orderBy('seq', 'desc').limit(EXPORT_LIMIT).execute();
      const items = await present(ctx, actor, rows);
      const wb = new ExcelJS.Workbook();
      const sheet = wb.addWorksheet('审计日志');
      sheet.columns = [
        { header: '序号', width: 8 }, { header: '时间(北京时间)', width: 20 }, { header: '操作人', width: 12 }, { header: '动作', width: 14 },
        { header: '对象类型', width: 14 }, { header: '对象', width: 30 }, { header: '变更内容', width: 80 }, { header: '请求编号', width: 38 },
      ];
      sheet.getRow(1).font = { bold: true };
      for (const e of items) {
        const changes = (e.changes ?? []).filter((c) => c.changed).map((c) => `${c.label}:${c.before || '(无)'} → ${c.after || '(无)'}`).join('\n');
        sheet.addRow([e.seq, shanghai(e.at), e.actorName ?? '系统', e.actionLabel, e.entityLabel, e.entityName ?? e.entityId ?? '', changes, e.requestId ?? '']);
      }
      sheet.views = [{ state: 'frozen', ySplit: 1 }];
      reply.header('content-type', XLSX_TYPE).header('content-disposition', attachment('审计日志.xlsx'));
      return reply.send(await writeXlsx(wb));
    }
    const rows = await q.selectAll().orderBy('seq', 'desc').limit(query.pageSize).offset((query.page - 1) * query.pageSize).execute();
    const { total } = await q.select(sql<number>`count(*)::int`.as('total')).executeTakeFirstOrThrow();
    return { items: await present(ctx, actor, rows), total };
  });
  route(app, { method: 'GET', url: '/api/audit/facets', summary: '审计日志筛选项(本园区日志中出现的全部对象类型与动作)', tags: ['audit'], permission: 'audit:read' }, async ({ actor }) => {
    const rows = await ctx.db
      .selectFrom('audit_log')
      .select(['entity', 'action', sql<number>`count(*)::int`.as('n')])
      .where('park_id', '=', actor.parkId)
      .groupBy(['entity', 'action'])
      .execute();
    const entities = new Map<string, number>();
    const actions = new Map<string, { label: string; n: number }>();
    for (const r of rows) {
      entities.set(r.entity, (entities.get(r.entity) ?? 0) + Number(r.n));
      const label = actionLabel(r.entity, r.action);
      const a = actions.get(r.action);
      // one action code may read differently per entity (accept: 签收 / 受理); list it once, by its commonest label
      if (!a || Number(r.n) > a.n) actions.set(r.action, { label, n: (a?.n ?? 0) + Number(r.n) });
      else a.n += Number(r.n);
    }
    return {
      entities: [...entities].map(([value, count]) => ({ value, label: entityLabel(value), count })).sort((a, b) => b.count - a.count),
      actions: [...actions].map(([value, a]) => ({ value, label: a.label, count: a.n })).sort((a, b) => b.count - a.count),
    };
  });
  route(app, { method: 'GET', url: '/api/audit/verify', summary: '校验本园区审计日志哈希链', tags: ['audit'], permission: 'audit:read' }, async ({ actor }) => {
    const result = await verifyAuditChain(ctx.db, actor.parkId);
    return { ...result, firstBroken: result.firstBroken ? { ...result.firstBroken, parkId: actor.parkId } : null };
  });
}
