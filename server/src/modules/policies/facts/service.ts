import {
  BUILTIN_FACT_DEFINITIONS,
  FACT_SOURCE_LABELS,
  makeRuleCatalogue,
  type EnterpriseFacts,
  type EnterpriseFactValue,
  type FactDefinition,
  type FactImportReport,
  type FactSource,
  type FactUnit,
  type RuleCatalogue,
  type RuleFactDefinition,
} from '@yuanqi/contract';
import type { z } from 'zod';
import type { ZCreateFactDefinitionRequest, ZPutFactsRequest, ZUpdateFactDefinitionRequest } from '@yuanqi/contract';
import { startJob } from '../../jobs/service.js';
import { buildFactsTemplate, importValue, parseFactsWorkbook } from '../xlsx.js';
import type { Transaction } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { can, hasRole, type Actor } from '../../../platform/actor.js';
import { recordAudit } from '../../../platform/audit.js';
import type { AppContext } from '../../../platform/context.js';
import { AppError, conflict, forbidden, notFound } from '../../../platform/errors.js';
import { enterpriseScopeOf } from '../../../platform/scope.js';
import { readScope as enterpriseReadScope } from '../../enterprises/policy.js';
import { refreshEnterpriseMatches } from '../matching/store.js';
import { json, userNames, type Executor } from '../repository.js';

/**
 * Enterprise facts: the reported yearly data rules read (参保人数, 失业保险费, 研发投入 …). The
 * builtin definitions come from the rule engine's catalogue; a park adds its own in
 * `fact_definitions`. Values are stored in the fact's unit (fen for money, percent as 5.5).
 */

/** Builtin facts a firm may report itself (the rest come from the window, imports or other agencies). */
export const ENTERPRISE_REPORTABLE_BUILTINS = new Set([
  'new_hires',
  'new_graduate_hires',
  'expansion_hires',
  'trainees',
  'training_months',
  'rd_expense_fen',
  'revenue_fen',
  'revenue_growth',
  'main_product_share',
  'debt_ratio',
  'listing_stage',
  'listing_overseas',
  'funds_raised_fen',
  'state_rent_monthly_fen',
  'is_state_property_tenant',
]);

type ParkFactRow = Awaited<ReturnType<typeof loadParkFactRows>>[number];

export async function loadParkFactRows(db: Executor, parkId: string) {
  return db.selectFrom('fact_definitions').selectAll().where('park_id', '=', parkId).orderBy('sort').orderBy('key').execute();
}

function toRuleFact(row: ParkFactRow): RuleFactDefinition {
  return {
    key: row.key,
    label: row.label,
    type: row.type,
    ...(row.unit ? { unit: row.unit } : {}),
    ...(row.unit === 'count' && row.count_word ? { countWord: row.count_word } : {}),
    period: row.period,
    ...(row.options ? { options: row.options as Array<{ value: string; label: string }> } : {}),
    ...(row.description ? { description: row.description } : {}),
  };
}

/** The park's rule catalogue: builtin fields and facts, the park's own facts, its tags and chains. */
export async function loadCatalogue(db: Executor, parkId: string): Promise<RuleCatalogue> {
  const [facts, dict] = await Promise.all([
    loadParkFactRows(db, parkId),
    db.selectFrom('dictionaries').select(['kind', 'code', 'label']).where('park_id', '=', parkId).where('kind', 'in', ['tag', 'chain']).orderBy('sort').execute(),
  ]);
  const tags = dict.filter((d) => d.kind === 'tag').map((d) => ({ value: d.code, label: d.label }));
  const chains = dict.filter((d) => d.kind === 'chain').map((d) => ({ value: d.code, label: d.label }));
  return makeRuleCatalogue({
    facts: facts.filter((f) => f.active).map(toRuleFact),
    ...(tags.length > 0 ? { tags } : {}),
    ...(chains.length > 0 ? { chains } : {}),
  });
}

function builtinView(f: RuleFactDefinition): FactDefinition {
  return {
    key: f.key,
    label: f.label,
    unit: (f.unit as FactUnit | undefined) ?? null,
    countWord: f.countWord ?? null,
    type: f.type,
    period: f.period ?? 'year',
    options: f.options ?? null,
    enterpriseReportable: ENTERPRISE_REPORTABLE_BUILTINS.has(f.key),
    description: f.description ?? null,
    origin: 'builtin',
    active: true,
  };
}

function parkView(row: ParkFactRow): FactDefinition {
  return {
    key: row.key,
    label: row.label,
    unit: row.unit,
    countWord: row.count_word,
    type: row.type,
    period: row.period,
    options: (row.options as Array<{ value: string; label: string }> | null) ?? null,
    enterpriseReportable: row.enterprise_reportable,
    description: row.description,
    origin: 'park',
    active: row.active,
  };
}

/** Every definition of the park, builtins first; a park row with a builtin's key replaces it. */
export async function factDefinitions(db: Executor, parkId: string): Promise<FactDefinition[]> {
  const park = await loadParkFactRows(db, parkId);
  const parkKeys = new Set(park.map((p) => p.key));
  return [...BUILTIN_FACT_DEFINITIONS.filter((b) => !parkKeys.has(b.key)).map(builtinView), ...park.map(parkView)];
}

export async function listFactDefinitions(ctx: AppContext, actor: Actor): Promise<FactDefinition[]> {
  return factDefinitions(ctx.db, actor.parkId);
}

export async function createFactDefinition(ctx: AppContext, actor: Actor, input: z.output<typeof ZCreateFactDefinitionRequest>): Promise<FactDefinition> {
  const i = input;
  if (BUILTIN_FACT_DEFINITIONS.some((b) => b.key === i.key)) throw conflict(`“${i.key}”是内置指标,不能重复定义`);
  if (i.type === 'text' && i.unit) throw new AppError('VALIDATION_FAILED', '文字指标不需要单位', [{ path: 'unit', message: '文字指标不需要单位' }]);
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    const exists = await trx.selectFrom('fact_definitions').select('key').where('park_id', '=', actor.parkId).where('key', '=', i.key).executeTakeFirst();
    if (exists) throw conflict(`指标编码“${i.key}”已存在`);
    const row = await trx
      .insertInto('fact_definitions')
      .values({
        park_id: actor.parkId,
        key: i.key,
        label: i.label,
        unit: i.type === 'number' ? (i.unit ?? 'number') : null,
        count_word: i.type === 'number' && i.unit === 'count' ? (i.countWord ?? null) : null,
        type: i.type,
        period: i.period,
        options: i.options ? json(i.options) : null,
        enterprise_reportable: i.enterpriseReportable,
        description: i.description ?? null,
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, actor.parkId, [{ action: 'create', entity: 'fact_definition', entityId: row.key, before: null, after: parkView(row) }], now);
    return parkView(row);
  });
}

export async function updateFactDefinition(ctx: AppContext, actor: Actor, key: string, input: z.output<typeof ZUpdateFactDefinitionRequest>): Promise<FactDefinition> {
  const i = input;
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('fact_definitions').selectAll().where('park_id', '=', actor.parkId).where('key', '=', key).forUpdate().executeTakeFirst();
    if (!row) {
      if (BUILTIN_FACT_DEFINITIONS.some((b) => b.key === key)) throw conflict('内置指标由系统维护,不能修改');
      throw notFound('指标');
    }
    const patch = {
      ...(i.label !== undefined ? { label: i.label } : {}),
      ...(i.countWord !== undefined && row.unit === 'count' ? { count_word: i.countWord ?? null } : {}),
      ...(i.options !== undefined ? { options: i.options ? json(i.options) : null } : {}),
      ...(i.enterpriseReportable !== undefined ? { enterprise_reportable: i.enterpriseReportable } : {}),
      ...(i.description !== undefined ? { description: i.description ?? null } : {}),
      ...(i.active !== undefined ? { active: i.active } : {}),
    };
    const updated = await trx
      .updateTable('fact_definitions')
      .set({ ...patch, updated_at: now })
      .where('park_id', '=', actor.parkId)
      .where('key', '=', key)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, actor.parkId, [{ action: 'update', entity: 'fact_definition', entityId: key, before: parkView(row), after: parkView(updated) }], now);
    return parkView(updated);
  });
}

// ---------------------------------------------------------------------------------------------
// Values
// ---------------------------------------------------------------------------------------------

export function factValueOf(row: { value_number: string | number | null; value_text: string | null; value_bool: boolean | null }): number | string | boolean | null {
  if (row.value_number !== null && row.value_number !== undefined) return Number(row.value_number);
  if (row.value_bool !== null && row.value_bool !== undefined) return row.value_bool;
  return row.value_text ?? null;
}

/** Which facts the actor may set for a firm in its scope, and under which source. */
function writerOf(actor: Actor, enterpriseId: string): { source: FactSource; all: boolean } {
  if (can(actor, 'policy:manage')) return { source: 'officer', all: true };
  const scope = enterpriseScopeOf(actor);
  if (hasRole(actor, 'enterprise') && scope.kind === 'enterprise' && scope.enterpriseId === enterpriseId && can(actor, 'enterprise:write')) {
    return { source: 'enterprise', all: false };
  }
  if (scope.kind === 'liaison' && can(actor, 'enterprise:write')) return { source: 'officer', all: false };
  throw forbidden('没有填报企业数据的权限');
}

async function firmInScope(db: Executor, actor: Actor, enterpriseId: string): Promise<{ id: string; name: string }> {
  const scope = enterpriseReadScope(actor);
  const row = await db
    .selectFrom('enterprises as e')
    .select(['e.id', 'e.name'])
    .where('e.id', '=', enterpriseId)
    .where((eb) => {
      const park = eb('e.park_id', '=', scope.parkId);
      if (scope.kind === 'park') return park;
      if (scope.kind === 'enterprise') return eb.and([park, eb('e.id', '=', scope.enterpriseId)]);
      if (scope.kind === 'liaison') return eb.and([park, eb('e.liaison_id', '=', scope.userId)]);
      return eb.val(false);
    })
    .executeTakeFirst();
  if (!row) throw notFound('企业');
  return row;
}

async function presentFacts(db: Executor, actor: Actor, firm: { id: string; name: string }, year?: number): Promise<EnterpriseFacts> {
  const defs = await factDefinitions(db, actor.parkId);
  const byKey = new Map(defs.map((d) => [d.key, d]));
  let q = db.selectFrom('enterprise_facts').selectAll().where('park_id', '=', actor.parkId).where('enterprise_id', '=', firm.id);
  if (year !== undefined) q = q.where('year', '=', year);
  const rows = await q.orderBy('year', 'desc').orderBy('key').execute();
  const names = await userNames(db, rows.map((r) => r.updated_by));
  const values: EnterpriseFactValue[] = rows.map((r) => {
    const def = byKey.get(r.key);
    return {
      key: r.key,
      label: def?.label ?? r.key,
      unit: def?.unit ?? null,
      type: def?.type ?? 'number',
      year: r.year,
      value: factValueOf(r),
      source: r.source,
      sourceLabel: FACT_SOURCE_LABELS[r.source],
      updatedAt: new Date(r.updated_at).toISOString(),
      updatedByName: r.updated_by ? (names.get(r.updated_by) ?? null) : null,
    };
  });
  let editable: string[] = [];
  try {
    const w = writerOf(actor, firm.id);
    editable = defs.filter((d) => d.active && (w.all || d.enterpriseReportable)).map((d) => d.key);
  } catch {
    editable = [];
  }
  return { enterpriseId: firm.id, enterpriseName: firm.name, values, editableKeys: editable };
}

export async function getEnterpriseFacts(ctx: AppContext, actor: Actor, enterpriseId: string, year?: number): Promise<EnterpriseFacts> {
  const firm = await firmInScope(ctx.db, actor, enterpriseId);
  return presentFacts(ctx.db, actor, firm, year);
}

export type FactWrite = { key: string; year: number; value: number | string | boolean | null };

/** Checks one value against its definition; answers the columns to store (null value → delete). */
export function factColumns(def: FactDefinition, value: number | string | boolean | null, path: string): { value_number: number | null; value_text: string | null; value_bool: boolean | null } | null {
  if (value === null) return null;
  const fail = (message: string) => new AppError('VALIDATION_FAILED', `${def.label}:${message}`, [{ path, message }]);
  if (def.type === 'number') {
    const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
    if (typeof n !== 'number' || !Number.isFinite(n)) throw fail('应为数字');
    if (n < 0 && def.unit !== 'percent') throw fail('不能为负数');
    if ((def.unit === 'fen' || def.unit === 'count' || def.unit === 'months') && !Number.isInteger(n)) {
      throw fail(def.unit === 'fen' ? '金额应为整数(单位:分)' : '应为整数');
    }
    return { value_number: n, value_text: null, value_bool: null };
  }
  if (def.type === 'boolean') {
    if (typeof value === 'boolean') return { value_number: null, value_text: null, value_bool: value };
    if (value === '是' || value === 'true') return { value_number: null, value_text: null, value_bool: true };
    if (value === '否' || value === 'false') return { value_number: null, value_text: null, value_bool: false };
    throw fail('应为是或否');
  }
  const text = String(value).trim();
  if (!text) return null;
  if (def.options && def.options.length > 0) {
    const option = def.options.find((o) => o.value === text || o.label === text);
    if (!option) throw fail(`应为 ${def.options.map((o) => o.label).join('、')} 之一`);
    return { value_number: null, value_text: option.value, value_bool: null };
  }
  return { value_number: null, value_text: text.slice(0, 500), value_bool: null };
}

/**
 * Writes facts of one firm inside the caller's transaction: upserts (or deletes, for null) and an
 * audit entry with the values before and after. Does not check who may write.
 */
export async function writeFacts(
  trx: Transaction<DB>,
  actor: Actor | null,
  parkId: string,
  enterpriseId: string,
  writes: FactWrite[],
  source: FactSource,
  defs: Map<string, FactDefinition>,
  now: Date,
  opts: { audit?: boolean; pathPrefix?: string } = {},
): Promise<number> {
  if (writes.length === 0) return 0;
  const before = await trx
    .selectFrom('enterprise_facts')
    .selectAll()
    .where('park_id', '=', parkId)
    .where('enterprise_id', '=', enterpriseId)
    .where((eb) => eb.or(writes.map((w) => eb.and([eb('key', '=', w.key), eb('year', '=', w.year)]))))
    .execute();
  const beforeMap = new Map(before.map((r) => [`${r.key}@${r.year}`, factValueOf(r)]));
  const upserts: Array<{ key: string; year: number; cols: NonNullable<ReturnType<typeof factColumns>> }> = [];
  const deletes: FactWrite[] = [];
  writes.forEach((w, i) => {
    const def = defs.get(w.key);
    const path = `${opts.pathPrefix ?? 'facts.'}${i}.value`;
    if (!def) throw new AppError('VALIDATION_FAILED', `指标“${w.key}”不存在`, [{ path: `${opts.pathPrefix ?? 'facts.'}${i}.key`, message: '指标不存在' }]);
    const cols = factColumns(def, w.value, path);
    if (cols === null) deletes.push(w);
    else upserts.push({ key: w.key, year: w.year, cols });
  });
  const userId = actor && actor.userId !== '00000000-0000-0000-0000-000000000000' ? actor.userId : null;
  for (let i = 0; i < upserts.length; i += 500) {
    await trx
      .insertInto('enterprise_facts')
      .values(upserts.slice(i, i + 500).map((u) => ({ park_id: parkId, enterprise_id: enterpriseId, key: u.key, year: u.year, ...u.cols, source, updated_by: userId, updated_at: now })))
      .onConflict((oc) =>
        oc.columns(['park_id', 'enterprise_id', 'key', 'year']).doUpdateSet((eb) => ({
          value_number: eb.ref('excluded.value_number'),
          value_text: eb.ref('excluded.value_text'),
          value_bool: eb.ref('excluded.value_bool'),
          source: eb.ref('excluded.source'),
          updated_by: eb.ref('excluded.updated_by'),
          updated_at: eb.ref('excluded.updated_at'),
        })),
      )
      .execute();
  }
  for (const d of deletes) {
    await trx.deleteFrom('enterprise_facts').where('park_id', '=', parkId).where('enterprise_id', '=', enterpriseId).where('key', '=', d.key).where('year', '=', d.year).execute();
  }
  if (opts.audit !== false) {
    const b: Record<string, unknown> = {};
    const a: Record<string, unknown> = {};
    for (const w of writes) {
      const k = `${w.key}@${w.year}`;
      b[k] = beforeMap.get(k) ?? null;
      a[k] = w.value;
    }
    await recordAudit(trx, actor, parkId, [{ action: 'facts', entity: 'enterprise', entityId: enterpriseId, before: b, after: { ...a, source } }], now);
  }
  return writes.length;
}

/** `PUT /api/enterprises/:id/facts`: officers any fact, the firm (and its liaison) the reportable ones; refreshes its matches. */
export async function putEnterpriseFacts(ctx: AppContext, actor: Actor, enterpriseId: string, input: z.output<typeof ZPutFactsRequest>): Promise<EnterpriseFacts> {
  const i = input;
  const now = ctx.clock.now();
  const firm = await ctx.db.transaction().execute(async (trx) => {
    const firm = await firmInScope(trx, actor, enterpriseId);
    const writer = writerOf(actor, enterpriseId);
    const defs = new Map((await factDefinitions(trx, actor.parkId)).map((d) => [d.key, d]));
    const seen = new Set<string>();
    i.facts.forEach((f, idx) => {
      const def = defs.get(f.key);
      if (!def || !def.active) throw new AppError('VALIDATION_FAILED', `指标“${f.key}”不存在或已停用`, [{ path: `facts.${idx}.key`, message: '指标不存在' }]);
      if (!writer.all && !def.enterpriseReportable) throw forbidden(`“${def.label}”由政策兑现窗口核定,企业不能自行填报`);
      const k = `${f.key}@${f.year}`;
      if (seen.has(k)) throw new AppError('VALIDATION_FAILED', `“${def.label}”${f.year}年度重复填写`, [{ path: `facts.${idx}.key`, message: '重复' }]);
      seen.add(k);
    });
    await writeFacts(trx, actor, actor.parkId, enterpriseId, i.facts, writer.source, defs, now);
    await refreshEnterpriseMatches(trx, actor.parkId, [enterpriseId], now);
    return firm;
  });
  return presentFacts(ctx.db, actor, firm);
}

// ---------------------------------------------------------------------------------------------
// Import
// ---------------------------------------------------------------------------------------------

/**
 * `POST /api/facts/import`: a sheet of 统一社会信用代码, 年度 and one column per fact. Every bad row
 * or cell is reported; the good values go in one transaction (source import); the park's matches
 * are then recomputed in the background.
 */
export async function importFacts(ctx: AppContext, actor: Actor, file: Buffer): Promise<FactImportReport> {
  if (!can(actor, 'policy:manage')) throw forbidden();
  const defsList = await factDefinitions(ctx.db, actor.parkId);
  const defs = new Map(defsList.map((d) => [d.key, d]));
  const sheet = await parseFactsWorkbook(file, defsList);
  const rejected = [...sheet.rejected];
  const firms = new Map<string, string>();
  const usccs = [...new Set(sheet.rows.map((r) => r.uscc))];
  for (let i = 0; i < usccs.length; i += 1000) {
    const rows = await ctx.db.selectFrom('enterprises').select(['id', 'uscc']).where('park_id', '=', actor.parkId).where('uscc', 'in', usccs.slice(i, i + 1000)).execute();
    for (const r of rows) firms.set(r.uscc, r.id);
  }
  type Good = { enterpriseId: string; writes: FactWrite[] };
  const perFirm = new Map<string, Good>();
  for (const row of sheet.rows) {
    const enterpriseId = firms.get(row.uscc);
    if (!enterpriseId) {
      rejected.push({ row: row.row, column: '统一社会信用代码', message: `企业库中没有统一社会信用代码为 ${row.uscc} 的企业` });
      continue;
    }
    const writes: FactWrite[] = [];
    let bad = false;
    for (const v of row.values) {
      const def = defs.get(v.key)!;
      const value = importValue(def, v.raw);
      try {
        factColumns(def, value, v.column);
        writes.push({ key: v.key, year: row.year, value });
      } catch (err) {
        bad = true;
        rejected.push({ row: row.row, column: v.column, message: err instanceof AppError ? err.message : '值不正确' });
      }
    }
    if (bad) continue;
    const g = perFirm.get(enterpriseId) ?? { enterpriseId, writes: [] };
    for (const w of writes) {
      const i = g.writes.findIndex((x) => x.key === w.key && x.year === w.year);
      if (i >= 0) g.writes[i] = w;
      else g.writes.push(w);
    }
    perFirm.set(enterpriseId, g);
  }
  const now = ctx.clock.now();
  let saved = 0;
  await ctx.db.transaction().execute(async (trx) => {
    for (const g of perFirm.values()) saved += await writeFacts(trx, actor, actor.parkId, g.enterpriseId, g.writes, 'import', defs, now, { pathPrefix: 'file.' });
  });
  rejected.sort((a, b) => a.row - b.row);
  let matchJobId: string | null = null;
  if (perFirm.size > 0) {
    const ids = [...perFirm.keys()];
    matchJobId = await startJob(ctx, actor, 'policy-matching', async (progress) => {
      const now2 = ctx.clock.now();
      let done = 0;
      for (let i = 0; i < ids.length; i += 200) {
        const chunk = ids.slice(i, i + 200);
        await ctx.db.transaction().execute((trx) => refreshEnterpriseMatches(trx, actor.parkId, chunk, now2));
        done += chunk.length;
        void progress(done, ids.length, 'match');
      }
      return { enterprises: ids.length };
    });
  }
  return { rows: sheet.total, saved, rejected, matchJobId };
}

export async function factsTemplate(ctx: AppContext, actor: Actor): Promise<Buffer> {
  return buildFactsTemplate(await factDefinitions(ctx.db, actor.parkId));
}
