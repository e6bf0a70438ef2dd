import type { FastifyInstance } from 'fastify';
import { DEMAND_CATEGORY_KIND, ZDemandCategoryExtra } from '@yuanqi/contract';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { recordAudit } from '../../platform/audit.js';
import { route } from '../../platform/http.js';
import { parseInput } from '../../platform/errors.js';
import { ensureDemandCategories } from '../demands/cases/categories.js';

/**
 * The dictionaries an admin edits (数据字典), in menu order. `department` (承办单位) is listed only
 * when the park has entries of it: transfers take a free-text department today.
 */
export const EDITABLE_DICTIONARIES: readonly { kind: string; label: string; optional?: true }[] = [
  { kind: 'chain', label: '产业链' },
  { kind: 'tag', label: '企业标签' },
  { kind: 'industry', label: '国民经济行业(GB/T 4754)' },
  { kind: DEMAND_CATEGORY_KIND, label: '诉求类别(含签收/答复期限)' },
  { kind: 'department', label: '承办单位', optional: true },
];

const ZKind = z.object({ kind: z.string().regex(/^[a-z_-]{2,40}$/) });
const ZPutEntry = z.object({
  code: z.string({ error: '请填写编码' }).trim().regex(/^[\w-]{1,40}$/, { error: '编码为1–40位字母、数字、下划线或连字符' }),
  label: z.string({ error: '请填写名称' }).trim().min(1, { error: '请填写名称' }).max(50, { error: '名称最多50个字' }),
  sort: z.number().int().optional(),
  active: z.boolean().optional(),
  extra: z.record(z.string(), z.unknown()).optional(),
});

export function registerDictionaryRoutes(app: FastifyInstance, ctx: AppContext): void {
  route(app, { method: 'GET', url: '/api/dictionaries', summary: '可维护的数据字典及条目数', tags: ['dictionaries'], permission: 'dictionary:manage' }, async ({ actor }) => {
    // The categories a park starts with are created on first use; show them here as well.
    await ensureDemandCategories(ctx.db, actor.parkId);
    const counts = await ctx.db
      .selectFrom('dictionaries')
      .select(['kind', (eb) => eb.fn.countAll<string | number>().as('count')])
      .where('park_id', '=', actor.parkId)
      .where('kind', 'in', EDITABLE_DICTIONARIES.map((d) => d.kind))
      .groupBy('kind')
      .execute();
    const countOf = new Map(counts.map((c) => [c.kind, Number(c.count)]));
    const items = EDITABLE_DICTIONARIES.filter((d) => !d.optional || (countOf.get(d.kind) ?? 0) > 0).map((d) => ({ kind: d.kind, label: d.label, count: countOf.get(d.kind) ?? 0 }));
    return { items };
  });
  route(app, { method: 'GET', url: '/api/dictionaries/:kind', summary: '字典项(产业链、标签、行业…)', tags: ['dictionaries'], params: ZKind }, async ({ actor, params }) => {
    if (params.kind === DEMAND_CATEGORY_KIND) await ensureDemandCategories(ctx.db, actor.parkId);
    const rows = await ctx.db
      .selectFrom('dictionaries')
      .select(['code', 'label', 'sort', 'active', 'extra'])
      .where('park_id', '=', actor.parkId)
      .where('kind', '=', params.kind)
      .orderBy('sort')
      .orderBy('code')
      .execute();
    return { items: rows };
  });
  route(app, { method: 'PUT', url: '/api/dictionaries/:kind', summary: '新增或修改字典项', tags: ['dictionaries'], permission: 'dictionary:manage', params: ZKind, body: ZPutEntry }, async ({ actor, params, body }) => {
    await ctx.db.transaction().execute(async (trx) => {
      // Editing the first category must not stop the defaults from being created afterwards.
      if (params.kind === DEMAND_CATEGORY_KIND) await ensureDemandCategories(trx, actor.parkId);
      const before = await trx.selectFrom('dictionaries').selectAll().where('park_id', '=', actor.parkId).where('kind', '=', params.kind).where('code', '=', body.code).forUpdate().executeTakeFirst();
      // An edit that leaves `extra` out keeps what the entry had (a label change keeps its data).
      let extra = body.extra ?? ((before?.extra as Record<string, unknown> | null | undefined) ?? undefined);
      if (params.kind === DEMAND_CATEGORY_KIND) {
        // A demand category carries its deadlines in working days (签收 / 答复), each 1–60.
        const merged = { ...((before?.extra as Record<string, unknown> | null) ?? {}), ...(body.extra ?? {}) };
        extra = { ...merged, ...parseInput(z.object({ extra: ZDemandCategoryExtra }), { extra: merged }).extra };
      }
      const values = { label: body.label, sort: body.sort ?? before?.sort ?? 0, active: body.active ?? before?.active ?? true, extra: extra ? JSON.stringify(extra) : null };
      await trx
        .insertInto('dictionaries')
        .values({ park_id: actor.parkId, kind: params.kind, code: body.code, ...values })
        .onConflict((oc) => oc.columns(['park_id', 'kind', 'code']).doUpdateSet(values))
        .execute();
      await recordAudit(trx, actor, actor.parkId, [{ action: before ? 'update' : 'create', entity: `dictionary:${params.kind}`, entityId: body.code, before: before ?? null, after: { ...body } }], ctx.clock.now());
    });
    return { ok: true };
  });
}
