import {
  ABOVE_SCALE_REVENUE_FEN,
  FIELD_LABELS,
  maskPhone,
  type CreateEnterpriseRequest,
  type Enterprise,
  type ImportRejection,
  type ListEnterprisesQuery,
  type Paged,
  type UpdateEnterpriseRequest,
} from '@yuanqi/contract';
import { sql, type Transaction } from 'kysely';
import type { DB, EnterpriseRow, EnterpriseUpdate, NewEnterpriseRow } from '../../db/schema.js';
import { can, type Actor } from '../../platform/actor.js';
import { diffFields, recordAudit } from '../../platform/audit.js';
import type { AppContext } from '../../platform/context.js';
import { AppError, conflict, notFound } from '../../platform/errors.js';
import { buildEnterpriseWorkbook, parseEnterpriseWorkbook, type CreateEnterpriseInput } from './excel.js';
import { assertCanCreate, assertCanUpdate, readScope } from './policy.js';
import { presentEnterprise, snapshotOf } from './presenter.js';
import * as repo from './repository.js';
import { enterpriseChanged, enterprisesChangedInBackground } from '../policies/matching/hooks.js';

const COLUMN_OF: Record<string, keyof NewEnterpriseRow> = {
  uscc: 'uscc',
  name: 'name',
  legalRepresentative: 'legal_representative',
  registeredCapitalFen: 'registered_capital_fen',
  foundedOn: 'founded_on',
  industryCode: 'industry_code',
  chain: 'chain',
  isAboveScale: 'is_above_scale',
  annualRevenueFen: 'annual_revenue_fen',
  headcount: 'headcount',
  address: 'address',
  plot: 'plot',
  contactName: 'contact_name',
  contactPhone: 'contact_phone',
  tags: 'tags',
  liaisonId: 'liaison_id',
};

/** API fields → columns; only the fields present in `input` are set. */
function toColumns(input: Record<string, unknown>): EnterpriseUpdate {
  const out: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(input)) {
    const column = COLUMN_OF[field];
    if (column && value !== undefined) out[column] = field === 'contactPhone' && value === '' ? null : value;
  }
  // 规上 follows revenue unless it is set explicitly.
  if (out.is_above_scale === undefined && typeof out.annual_revenue_fen === 'number') {
    out.is_above_scale = (out.annual_revenue_fen as number) >= ABOVE_SCALE_REVENUE_FEN;
  }
  return out as EnterpriseUpdate;
}

async function assertLiaison(trx: Transaction<DB>, parkId: string, liaisonId: string | null | undefined): Promise<void> {
  if (!liaisonId) return;
  const user = await trx
    .selectFrom('users')
    .select('id')
    .where('id', '=', liaisonId)
    .where('park_id', '=', parkId)
    .where(sql<boolean>`'liaison' = any(roles)`)
    .where('is_active', '=', true)
    .executeTakeFirst();
  if (!user) throw new AppError('VALIDATION_FAILED', '驻企专员不存在或已停用', [{ path: 'liaisonId', message: '驻企专员不存在或已停用' }]);
}

async function assertDictionaryCodes(trx: Transaction<DB>, parkId: string, input: { chain?: string | null; tags?: string[] }): Promise<void> {
  if (input.chain) {
    const found = await trx.selectFrom('dictionaries').select('code').where('park_id', '=', parkId).where('kind', '=', 'chain').where('code', '=', input.chain).executeTakeFirst();
    if (!found) throw new AppError('VALIDATION_FAILED', `产业链“${input.chain}”不在字典中`, [{ path: 'chain', message: '产业链不在字典中' }]);
  }
  if (input.tags && input.tags.length > 0) {
    const known = await trx.selectFrom('dictionaries').select('code').where('park_id', '=', parkId).where('kind', '=', 'tag').where('code', 'in', input.tags).execute();
    const unknown = input.tags.filter((t) => !known.some((k) => k.code === t));
    if (unknown.length > 0) throw new AppError('VALIDATION_FAILED', `标签“${unknown.join('、')}”不在字典中`, [{ path: 'tags', message: '标签不在字典中' }]);
  }
}

export async function listEnterprises(ctx: AppContext, actor: Actor, query: ListEnterprisesQuery): Promise<Paged<Enterprise>> {
  const scope = readScope(actor);
  if (scope.kind === 'none') throw new AppError('FORBIDDEN', '没有查看企业库的权限');
  const { rows, total } = await repo.listEnterprises(ctx.db, scope, query);
  return { items: rows.map((r) => presentEnterprise(r, actor)), total, page: query.page, pageSize: query.pageSize };
}

export async function getEnterprise(ctx: AppContext, actor: Actor, id: string): Promise<Enterprise> {
  const row = await repo.findEnterprise(ctx.db, readScope(actor), id);
  if (!row) throw notFound('企业');
  return presentEnterprise(row, actor);
}

/** Creates one firm; a USCC already in the park is a 409 naming the firm that holds it. */
export async function createEnterprise(ctx: AppContext, actor: Actor, input: CreateEnterpriseRequest): Promise<Enterprise> {
  assertCanCreate(actor);
  const row = await ctx.db.transaction().execute(async (trx) => {
    const [existing] = await repo.findEnterprisesByUscc(trx, actor.parkId, [input.uscc]);
    if (existing) {
      throw conflict(`统一社会信用代码${input.uscc}已登记为“${existing.name}”`, [{ path: 'uscc', message: `已登记为“${existing.name}”` }]);
    }
    await assertLiaison(trx, actor.parkId, input.liaisonId);
    await assertDictionaryCodes(trx, actor.parkId, input);
    const [created] = await repo.insertEnterprises(trx, [{ ...(toColumns(input) as NewEnterpriseRow), park_id: actor.parkId }]);
    await recordAudit(trx, actor, actor.parkId, [{ action: 'create', entity: 'enterprise', entityId: created!.id, before: null, after: snapshotOf(created!) }], ctx.clock.now());
    await enterpriseChanged(trx, actor.parkId, created!.id, ctx.clock.now());
    return created!;
  });
  return getEnterprise(ctx, actor, row.id);
}

/** Updates the given fields; `version` (when sent) must match, so a stale form cannot overwrite. */
export async function updateEnterprise(ctx: AppContext, actor: Actor, id: string, input: UpdateEnterpriseRequest): Promise<Enterprise> {
  const scope = readScope(actor);
  await ctx.db.transaction().execute(async (trx) => {
    const current = await repo.findEnterprise(trx, scope, id, true);
    if (!current) throw notFound('企业');
    assertCanUpdate(actor, input);
    if (input.version !== undefined && input.version !== current.version) {
      throw conflict('该企业信息已被他人修改,请刷新后再编辑', [{ path: 'version', message: '版本已过期' }]);
    }
    const { version: _version, ...fields } = input;
    if (fields.uscc && fields.uscc !== current.uscc) {
      const [other] = await repo.findEnterprisesByUscc(trx, actor.parkId, [fields.uscc]);
      if (other) throw conflict(`统一社会信用代码${fields.uscc}已登记为“${other.name}”`, [{ path: 'uscc', message: `已登记为“${other.name}”` }]);
    }
    await assertLiaison(trx, actor.parkId, fields.liaisonId);
    await assertDictionaryCodes(trx, actor.parkId, fields);
    const patch = toColumns(fields);
    if (Object.keys(patch).length === 0) return;
    const updated = await repo.updateEnterprise(trx, actor.parkId, id, patch);
    const before = snapshotOf(current);
    const after = snapshotOf(updated);
    if (diffFields(before, after).length === 0) return;
    await recordAudit(trx, actor, actor.parkId, [{ action: fields.liaisonId !== undefined && Object.keys(fields).length === 1 ? 'assign-liaison' : 'update', entity: 'enterprise', entityId: id, before, after }], ctx.clock.now());
    if (fields.liaisonId === undefined || Object.keys(fields).length > 1) await enterpriseChanged(trx, actor.parkId, id, ctx.clock.now());
    if (updated.liaison_id && updated.liaison_id !== current.liaison_id) {
      await ctx.notifier.notify(trx, [
        { parkId: actor.parkId, userId: updated.liaison_id, kind: 'enterprise.assigned', title: `您被指派为“${updated.name}”的驻企专员`, body: `由${actor.displayName}分配`, link: `/enterprises/${id}` },
      ]);
    }
  });
  return getEnterprise(ctx, actor, id);
}

export async function listLiaisons(ctx: AppContext, actor: Actor) {
  const rows = await repo.findLiaisons(ctx.db, actor.parkId);
  return { items: rows.map((r) => ({ id: r.id, displayName: r.display_name, enterpriseCount: r.enterprise_count })) };
}

export async function enterpriseHistory(ctx: AppContext, actor: Actor, id: string) {
  const row = await repo.findEnterprise(ctx.db, readScope(actor), id);
  if (!row) throw notFound('企业');
  const entries = await repo.enterpriseHistory(ctx.db, actor.parkId, id);
  // Liaisons appear by name, not by id.
  const liaisonIds = new Set<string>();
  for (const e of entries) {
    for (const snap of [e.before, e.after] as (Record<string, unknown> | null)[]) {
      if (typeof snap?.liaisonId === 'string') liaisonIds.add(snap.liaisonId);
    }
  }
  const names = new Map<string, string>();
  if (liaisonIds.size > 0) {
    const rows = await ctx.db.selectFrom('users').select(['id', 'display_name']).where('park_id', '=', actor.parkId).where('id', 'in', [...liaisonIds]).execute();
    for (const r of rows) names.set(r.id, r.display_name);
  }
  // Phones stay masked here as everywhere for readers who need not see them.
  const showContacts = can(actor, 'enterprise:view-contacts');
  const nameOf = (field: string, value: unknown) =>
    field === 'liaisonId' && typeof value === 'string' ? (names.get(value) ?? value)
    : field === 'contactPhone' && !showContacts && typeof value === 'string' ? maskPhone(value)
    : value;
  return {
    items: entries.map((e) => ({
      id: Number(e.id),
      at: e.at.toISOString(),
      actorName: e.actor_name,
      action: e.action,
      changes: diffFields(e.before as Record<string, unknown> | null, e.after as Record<string, unknown> | null).map((c) => ({
        field: c.field,
        label: FIELD_LABELS[c.field] ?? c.field,
        before: nameOf(c.field, c.before),
        after: nameOf(c.field, c.after),
      })),
    })),
  };
}

export async function exportEnterprises(ctx: AppContext, actor: Actor, query: Omit<ListEnterprisesQuery, 'page' | 'pageSize'>): Promise<Buffer> {
  const scope = readScope(actor);
  if (scope.kind === 'none') throw new AppError('FORBIDDEN', '没有导出企业库的权限');
  const rows = await repo.listAllEnterprises(ctx.db, scope, query);
  const chainLabels = await dictionaryLabels(ctx, actor.parkId, 'chain');
  return buildEnterpriseWorkbook(rows.map((r) => presentEnterprise(r, actor)), { chainLabels });
}

async function dictionaryLabels(ctx: AppContext, parkId: string, kind: string): Promise<Record<string, string>> {
  const rows = await ctx.db.selectFrom('dictionaries').select(['code', 'label']).where('park_id', '=', parkId).where('kind', '=', kind).execute();
  return Object.fromEntries(rows.map((r) => [r.code, r.label]));
}

export type ImportOutcome = { imported: number; updated: number; unchanged: number; rejected: ImportRejection[] };
export type ImportProgress = (done: number, total: number, phase: 'parse' | 'write') => void | Promise<void>;

/**
 * Imports a sheet: every bad row is reported with row, column and reason; the good rows go in
 * one transaction; a USCC already in the park updates that firm (only the columns the sheet has).
 */
export async function importEnterprises(ctx: AppContext, actor: Actor, file: Buffer, onProgress?: ImportProgress): Promise<ImportOutcome> {
  assertCanCreate(actor);
  const chainLabels = await dictionaryLabels(ctx, actor.parkId, 'chain');
  const tagLabels = await dictionaryLabels(ctx, actor.parkId, 'tag');
  const parsed = await parseEnterpriseWorkbook(file, {
    chainLabels,
    onProgress: (done, total) => void onProgress?.(done, total, 'parse'),
  });
  const rejected = [...parsed.rejected];
  const liaisons = await repo.findLiaisons(ctx.db, actor.parkId);
  const tagCodeOf = new Map<string, string>();
  for (const [code, label] of Object.entries(tagLabels)) {
    tagCodeOf.set(code, code);
    tagCodeOf.set(label, code);
  }

  type Good = { row: number; data: CreateEnterpriseInput; liaisonId?: string | null; tags?: string[] };
  const good: Good[] = [];
  for (const { row, data } of parsed.rows) {
    const item: Good = { row, data };
    let ok = true;
    if (data.liaisonName !== undefined) {
      const matches = liaisons.filter((l) => l.display_name === data.liaisonName);
      if (matches.length !== 1) {
        rejected.push({ row, column: '驻企专员', message: matches.length === 0 ? `驻企专员“${data.liaisonName}”不存在` : `驻企专员“${data.liaisonName}”重名,请在系统中分配` });
        ok = false;
      } else item.liaisonId = matches[0]!.id;
    }
    if (data.tags !== undefined) {
      const unknown = data.tags.filter((t) => !tagCodeOf.has(t));
      if (unknown.length > 0) {
        rejected.push({ row, column: '标签', message: `标签“${unknown.join('、')}”不在字典中` });
        ok = false;
      } else item.tags = data.tags.map((t) => tagCodeOf.get(t)!);
    }
    if (ok) good.push(item);
  }

  // Progress is reported before and after the transaction, never inside it: on PGlite the
  // transaction holds the only connection, and a progress write from inside would wait on itself.
  await onProgress?.(0, good.length, 'write');
  const now = ctx.clock.now();
  let imported = 0;
  let updated = 0;
  let unchanged = 0;
  const changed: string[] = [];
  await ctx.db.transaction().execute(async (trx) => {
    const existing = new Map<string, EnterpriseRow>();
    for (let i = 0; i < good.length; i += 1000) {
      for (const row of await repo.findEnterprisesByUscc(trx, actor.parkId, good.slice(i, i + 1000).map((g) => g.data.uscc))) existing.set(row.uscc, row);
    }
    const inserts: NewEnterpriseRow[] = [];
    const audits: Parameters<typeof recordAudit>[3] = [];
    for (const g of good) {
      const { liaisonName: _n, ...fields } = g.data;
      const input: Record<string, unknown> = { ...fields };
      if (g.tags !== undefined) input.tags = g.tags;
      if (g.liaisonId !== undefined) input.liaisonId = g.liaisonId;
      const current = existing.get(g.data.uscc);
      if (!current) {
        inserts.push({ ...(toColumns(input) as NewEnterpriseRow), park_id: actor.parkId });
      } else {
        const patch = toColumns(input);
        const next = { ...current, ...patch } as EnterpriseRow;
        if (diffFields(snapshotOf(current), snapshotOf(next)).length === 0) unchanged += 1;
        else {
          const after = await repo.updateEnterprise(trx, actor.parkId, current.id, patch);
          audits.push({ action: 'import', entity: 'enterprise', entityId: current.id, before: snapshotOf(current), after: snapshotOf(after) });
          updated += 1;
        }
      }
    }
    const created = await repo.insertEnterprises(trx, inserts);
    imported = created.length;
    for (const row of created) audits.push({ action: 'import', entity: 'enterprise', entityId: row.id, before: null, after: snapshotOf(row) });
    await recordAudit(trx, actor, actor.parkId, audits, now);
    changed.push(...audits.map((a) => a.entityId).filter((x): x is string => !!x));
  });
  await enterprisesChangedInBackground(ctx, actor, changed);
  await onProgress?.(good.length, good.length, 'write');
  rejected.sort((a, b) => a.row - b.row);
  return { imported, updated, unchanged, rejected };
}
