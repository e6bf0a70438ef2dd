import {
  ZCreateServiceItemRequest,
  type ApproverOption,
  type BulkItemApproverRequest,
  type HotServiceItem,
  type ItemVersionRequest,
  type ListServiceItemsQuery,
  type ServiceItemListResponse,
  type ServiceItemView,
  type ServiceMaterial,
  type ServiceMaterialInput,
  type ServiceSynonym,
  type ServiceSynonymRequest,
  type ServiceSynonymWriteResult,
  type SetItemApproversRequest,
} from '@yuanqi/contract';
import type { Kysely, Transaction } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../../db/schema.js';
import type { ServiceItemRow } from '../../../db/schema-service-items.js';
import { can, type Actor } from '../../../platform/actor.js';
import { recordAudit, type AuditEntry } from '../../../platform/audit.js';
import type { AppContext } from '../../../platform/context.js';
import { AppError, conflict, notFound } from '../../../platform/errors.js';
import * as repo from './repository.js';
import { itemSnapshot, materialsOf, presentItem, presentItemSummary, presentSynonym } from './presenter.js';
import { itemSearchTerms, type SynonymEntry } from './search-terms.js';
import { analyzeQuery, forgetSynonyms, searchInfoOf, searchItems } from './search-service.js';

type Executor = Kysely<DB> | Transaction<DB>;

/** An item as the API and the import validate it. */
export type ServiceItemInput = z.output<typeof ZCreateServiceItemRequest>;

const staleItem = () => conflict('该事项已被他人修改,请刷新后再编辑', [{ path: 'version', message: '版本已过期' }]);

// ---------------------------------------------------------------------------------------------
// Column mapping

/**
 * Gives every material a stable key: one it already has, else the key of the current material
 * with the same name (so an Excel re-import keeps keys), else the next free `m<n>`.
 */
export function assignMaterialKeys(input: ServiceMaterialInput[], current: ServiceMaterial[]): ServiceMaterial[] {
  const byName = new Map(current.map((m) => [m.name, m.key]));
  const used = new Set(input.map((m) => m.key).filter((k): k is string => Boolean(k)));
  let next = 1;
  for (const key of [...used, ...current.map((m) => m.key)]) {
    const n = /^m(\d+)$/.exec(key);
    if (n) next = Math.max(next, Number(n[1]) + 1);
  }
  return input.map((m) => {
    let key = m.key;
    if (!key) {
      const previous = byName.get(m.name);
      if (previous && !used.has(previous)) key = previous;
      else key = `m${next++}`;
      used.add(key);
    }
    const out: ServiceMaterial = {
      key,
      name: m.name,
      form: m.form,
      copies: m.copies ?? 1,
      required: m.required ?? true,
      isKey: m.isKey ?? false,
      rongqueAllowed: m.rongqueAllowed ?? false,
      chengnuoReplaceable: m.chengnuoReplaceable ?? false,
    };
    if (m.note) out.note = m.note;
    return out;
  });
}

/** The columns an input sets (not park, status, approvers unless given, version). */
export function itemColumns(input: ServiceItemInput, materials: ServiceMaterial[], synonyms: readonly SynonymEntry[]) {
  const terms = itemSearchTerms(
    { code: input.code, basicCode: input.basicCode, name: input.name, mainItem: input.mainItem, subItem: input.subItem, keywords: input.keywords },
    synonyms,
  );
  return {
    basic_code: input.basicCode ?? null,
    code: input.code,
    name: input.name,
    main_item: input.mainItem ?? null,
    sub_item: input.subItem ?? null,
    item_type: input.itemType,
    department: input.department,
    legal_basis: input.legalBasis ?? null,
    target: input.target,
    case_kind: input.caseKind,
    legal_days: input.legalDays,
    committed_days: input.committedDays,
    special_procedures: JSON.stringify(input.specialProcedures),
    visits: input.visits,
    online: input.online,
    appointment: input.appointment,
    delivery: input.delivery,
    chengnuo_allowed: input.chengnuoAllowed,
    chengnuo_text: input.chengnuoText ?? null,
    fee_charged: input.feeCharged,
    fee_basis: input.feeBasis ?? null,
    fee_amount_fen: input.feeCharged ? (input.feeAmountFen ?? null) : null,
    steps: JSON.stringify(input.steps),
    consult_phone: input.consultPhone ?? null,
    complaint_phone: input.complaintPhone ?? null,
    joint_departments: [...new Set(input.jointDepartments)],
    materials: JSON.stringify(materials),
    project_stage: input.projectStage ?? null,
    keywords: [...new Set(input.keywords)],
    search_terms: terms.searchTerms,
    name_terms: terms.nameTerms,
  };
}

/** Every id must be an active approver of the park. */
async function checkApprovers(db: Executor, parkId: string, ids: string[]): Promise<string[]> {
  const unique = [...new Set(ids)];
  const found = await repo.findApproverUsers(db, parkId, unique);
  const ok = new Set(found.filter((u) => u.is_active).map((u) => u.id));
  const bad = unique.filter((id) => !ok.has(id));
  if (bad.length > 0) {
    const message = '审批人员须为本园区在用的审批局账号';
    throw new AppError('VALIDATION_FAILED', message, [{ path: 'approverIds', message }]);
  }
  return unique;
}

async function approversOf(db: Executor, actor: Actor, row: ServiceItemRow): Promise<{ id: string; displayName: string }[] | null> {
  if (!can(actor, 'service:manage') && !can(actor, 'service:handle')) return null;
  const names = await repo.findUserNames(db, row.park_id, row.approver_ids);
  return row.approver_ids.map((id) => ({ id, displayName: names.get(id) ?? '(已删除用户)' }));
}

// ---------------------------------------------------------------------------------------------
// Reads

/** The list and the search 办事指南: readers without service:manage see active items only. */
export async function listItems(ctx: AppContext, actor: Actor, query: ListServiceItemsQuery): Promise<ServiceItemListResponse> {
  const status = can(actor, 'service:manage') ? (query.status ?? 'active') : 'active';
  const search = await analyzeQuery(ctx.db, actor.parkId, query.q);
  const { q: _q, page, pageSize, sort, status: _s, ...filters } = query;
  const result = await searchItems(ctx.db, actor.parkId, { ...filters, status }, search, {
    limit: pageSize,
    offset: (page - 1) * pageSize,
    sort: sort === 'relevance' && !search ? undefined : sort,
  });
  return { items: result.rows.map(presentItemSummary), total: result.total, page, pageSize, search: searchInfoOf(search) };
}

export async function getItem(ctx: AppContext, actor: Actor, id: string): Promise<ServiceItemView> {
  const row = await repo.findItem(ctx.db, actor.parkId, id);
  if (!row) throw notFound('事项');
  return presentItem(row, await approversOf(ctx.db, actor, row));
}

/** Items most applied for in the last 365 days (the guide's 热门事项). */
export async function hotItems(ctx: AppContext, actor: Actor, limit = 8): Promise<HotServiceItem[]> {
  const since = new Date(ctx.clock.now().getTime() - 365 * 86_400_000);
  const rows = await repo.findHotItems(ctx.db, actor.parkId, since, limit);
  return rows.map((r) => ({ id: r.id, code: r.code, name: r.name, committedDays: r.committed_days, visits: r.visits, online: r.online, itemType: r.item_type }));
}

export async function listDepartments(ctx: AppContext, actor: Actor): Promise<string[]> {
  return repo.findDepartments(ctx.db, actor.parkId);
}

export async function listApproverOptions(ctx: AppContext, actor: Actor): Promise<ApproverOption[]> {
  const [users, counts] = await Promise.all([repo.findApproverUsers(ctx.db, actor.parkId), repo.countItemsPerApprover(ctx.db, actor.parkId)]);
  return users.filter((u) => u.is_active).map((u) => ({ id: u.id, displayName: u.display_name, username: u.username, itemCount: counts.get(u.id) ?? 0 }));
}

// ---------------------------------------------------------------------------------------------
// Writes

export async function createItem(ctx: AppContext, actor: Actor, input: ServiceItemInput): Promise<ServiceItemView> {
  const now = ctx.clock.now();
  const row = await ctx.db.transaction().execute(async (trx) => {
    if (await repo.findItemByCode(trx, actor.parkId, input.code)) {
      throw conflict(`实施编码“${input.code}”已被其他事项使用`, [{ path: 'code', message: '实施编码已存在' }]);
    }
    const approverIds = input.approverIds ? await checkApprovers(trx, actor.parkId, input.approverIds) : [];
    const synonyms = await repo.findSynonymEntries(trx, actor.parkId);
    const materials = assignMaterialKeys(input.materials, []);
    const [created] = await repo.insertItems(trx, [
      { ...itemColumns(input, materials, synonyms), park_id: actor.parkId, approver_ids: approverIds, created_at: now, updated_at: now },
    ]);
    await recordAudit(trx, actor, actor.parkId, [{ action: 'create', entity: 'service_item', entityId: created!.id, before: null, after: itemSnapshot(created!) }], now);
    return created!;
  });
  return presentItem(row, await approversOf(ctx.db, actor, row));
}

export async function updateItem(ctx: AppContext, actor: Actor, id: string, input: ServiceItemInput & { version: number }): Promise<ServiceItemView> {
  const now = ctx.clock.now();
  const row = await ctx.db.transaction().execute(async (trx) => {
    const current = await repo.findItem(trx, actor.parkId, id, { forUpdate: true });
    if (!current) throw notFound('事项');
    if (current.version !== input.version) throw staleItem();
    if (input.code !== current.code) {
      const other = await repo.findItemByCode(trx, actor.parkId, input.code);
      if (other) throw conflict(`实施编码“${input.code}”已被其他事项使用`, [{ path: 'code', message: '实施编码已存在' }]);
    }
    const approverIds = input.approverIds ? await checkApprovers(trx, actor.parkId, input.approverIds) : current.approver_ids;
    const synonyms = await repo.findSynonymEntries(trx, actor.parkId);
    const materials = assignMaterialKeys(input.materials, materialsOf(current));
    const updated = await repo.updateItem(trx, actor.parkId, id, input.version, {
      ...itemColumns(input, materials, synonyms),
      approver_ids: approverIds,
      updated_at: now,
    });
    if (!updated) throw staleItem();
    await recordAudit(trx, actor, actor.parkId, [{ action: 'update', entity: 'service_item', entityId: id, before: itemSnapshot(current), after: itemSnapshot(updated) }], now);
    return updated;
  });
  return presentItem(row, await approversOf(ctx.db, actor, row));
}

/** 启用 / 停用: a stopped item leaves the guide and takes no new applications; its history stays. */
export async function setItemStatus(ctx: AppContext, actor: Actor, id: string, status: 'active' | 'inactive', input: ItemVersionRequest): Promise<ServiceItemView> {
  const now = ctx.clock.now();
  const row = await ctx.db.transaction().execute(async (trx) => {
    const current = await repo.findItem(trx, actor.parkId, id, { forUpdate: true });
    if (!current) throw notFound('事项');
    if (current.version !== input.version) throw staleItem();
    if (current.status === status) throw new AppError('INVALID_STATE', status === 'active' ? '该事项已在用' : '该事项已停用');
    const updated = await repo.updateItem(trx, actor.parkId, id, input.version, { status, updated_at: now });
    if (!updated) throw staleItem();
    await recordAudit(trx, actor, actor.parkId, [{ action: status === 'active' ? 'activate' : 'deactivate', entity: 'service_item', entityId: id, before: { status: current.status }, after: { status } }], now);
    return updated;
  });
  return presentItem(row, await approversOf(ctx.db, actor, row));
}

export async function setItemApprovers(ctx: AppContext, actor: Actor, id: string, input: SetItemApproversRequest): Promise<ServiceItemView> {
  const now = ctx.clock.now();
  const row = await ctx.db.transaction().execute(async (trx) => {
    const current = await repo.findItem(trx, actor.parkId, id, { forUpdate: true });
    if (!current) throw notFound('事项');
    if (current.version !== input.version) throw staleItem();
    const approverIds = await checkApprovers(trx, actor.parkId, input.approverIds);
    const updated = await repo.updateItem(trx, actor.parkId, id, input.version, { approver_ids: approverIds, updated_at: now });
    if (!updated) throw staleItem();
    await recordAudit(trx, actor, actor.parkId, [{ action: 'assign-approvers', entity: 'service_item', entityId: id, before: { approverIds: current.approver_ids }, after: { approverIds } }], now);
    return updated;
  });
  return presentItem(row, await approversOf(ctx.db, actor, row));
}

/** Adds or removes one approver on many items; items already in that state are left alone. */
export async function bulkSetApprover(ctx: AppContext, actor: Actor, input: BulkItemApproverRequest): Promise<{ changed: number }> {
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    if (input.mode === 'add') await checkApprovers(trx, actor.parkId, [input.approverId]);
    const ids = [...new Set(input.itemIds)];
    const found = await repo.findItemsByIds(trx, actor.parkId, ids, { forUpdate: true });
    if (found.length !== ids.length) throw notFound('事项');
    const before = new Map(found.map((r) => [r.id, r.approver_ids]));
    const changed = await repo.setApprovers(trx, actor.parkId, ids, input.approverId, input.mode, now);
    await recordAudit(
      trx,
      actor,
      actor.parkId,
      changed.map((r) => ({ action: 'assign-approvers', entity: 'service_item', entityId: r.id, before: { approverIds: before.get(r.id) }, after: { approverIds: r.approver_ids } })),
      now,
    );
    return { changed: changed.length };
  });
}

// ---------------------------------------------------------------------------------------------
// Synonyms

/** Recomputes the search terms of every item of the park; returns how many changed. */
export async function reindexPark(trx: Transaction<DB>, parkId: string): Promise<number> {
  const synonyms = await repo.findSynonymEntries(trx, parkId);
  const items = await repo.findItemsForIndex(trx, parkId);
  const changed: { id: string; searchTerms: string[]; nameTerms: string[] }[] = [];
  for (const item of items) {
    const terms = itemSearchTerms(
      { code: item.code, basicCode: item.basic_code, name: item.name, mainItem: item.main_item, subItem: item.sub_item, keywords: item.keywords },
      synonyms,
    );
    const same = (a: string[], b: string[]) => a.length === b.length && [...a].sort().every((t, i) => t === b[i]);
    if (!same(item.search_terms, terms.searchTerms) || !same(item.name_terms, terms.nameTerms)) changed.push({ id: item.id, ...terms });
  }
  await repo.updateSearchTerms(trx, parkId, changed);
  return changed.length;
}

export async function listSynonyms(ctx: AppContext, actor: Actor): Promise<ServiceSynonym[]> {
  return (await repo.findSynonyms(ctx.db, actor.parkId)).map(presentSynonym);
}

const cleanExpansions = (values: string[]) => [...new Set(values.map((v) => v.trim()).filter(Boolean))];

/**
 * Synonym writes re-index the park's items in the same transaction (about 1,500 items: well
 * under a second), so a search right after the answer already uses the new word.
 */
export async function createSynonym(ctx: AppContext, actor: Actor, input: ServiceSynonymRequest): Promise<ServiceSynonymWriteResult> {
  const now = ctx.clock.now();
  const result = await ctx.db.transaction().execute(async (trx) => {
    if (await repo.findSynonymByTerm(trx, actor.parkId, input.term)) {
      throw conflict(`搜索词“${input.term}”已存在,请编辑原有条目`, [{ path: 'term', message: '搜索词已存在' }]);
    }
    const [row] = await repo.insertSynonyms(trx, [{ park_id: actor.parkId, term: input.term, expands_to: cleanExpansions(input.expandsTo), created_by: actor.userId, created_at: now, updated_at: now }]);
    const reindexed = await reindexPark(trx, actor.parkId);
    await recordAudit(trx, actor, actor.parkId, [{ action: 'create', entity: 'service_synonym', entityId: row!.id, before: null, after: { term: row!.term, expandsTo: row!.expands_to } }], now);
    return { synonym: presentSynonym(row!), reindexed };
  });
  forgetSynonyms(actor.parkId);
  return result;
}

export async function updateSynonym(ctx: AppContext, actor: Actor, id: string, input: ServiceSynonymRequest): Promise<ServiceSynonymWriteResult> {
  const now = ctx.clock.now();
  const result = await ctx.db.transaction().execute(async (trx) => {
    const current = await repo.findSynonym(trx, actor.parkId, id);
    if (!current) throw notFound('同义词');
    if (input.term !== current.term) {
      const other = await repo.findSynonymByTerm(trx, actor.parkId, input.term);
      if (other) throw conflict(`搜索词“${input.term}”已存在`, [{ path: 'term', message: '搜索词已存在' }]);
    }
    const row = await repo.updateSynonym(trx, actor.parkId, id, { term: input.term, expands_to: cleanExpansions(input.expandsTo), updated_at: now });
    const reindexed = await reindexPark(trx, actor.parkId);
    const entries: AuditEntry[] = [
      { action: 'update', entity: 'service_synonym', entityId: id, before: { term: current.term, expandsTo: current.expands_to }, after: { term: row!.term, expandsTo: row!.expands_to } },
    ];
    await recordAudit(trx, actor, actor.parkId, entries, now);
    return { synonym: presentSynonym(row!), reindexed };
  });
  forgetSynonyms(actor.parkId);
  return result;
}

export async function deleteSynonym(ctx: AppContext, actor: Actor, id: string): Promise<ServiceSynonymWriteResult> {
  const now = ctx.clock.now();
  const result = await ctx.db.transaction().execute(async (trx) => {
    const current = await repo.findSynonym(trx, actor.parkId, id);
    if (!current) throw notFound('同义词');
    await repo.deleteSynonym(trx, actor.parkId, id);
    const reindexed = await reindexPark(trx, actor.parkId);
    await recordAudit(trx, actor, actor.parkId, [{ action: 'delete', entity: 'service_synonym', entityId: id, before: { term: current.term, expandsTo: current.expands_to }, after: null }], now);
    return { synonym: null, reindexed };
  });
  forgetSynonyms(actor.parkId);
  return result;
}
