import {
  MATCH_STATUS_LABELS,
  POLICY_DOCUMENT_KIND_LABELS,
  POLICY_MODE_LABELS,
  POLICY_STATUS_LABELS,
  POLICY_VERSION_STATUS_LABELS,
  dayBefore,
  describeRule,
  checkPolicyPublish,
  validateRule,
  type ListPoliciesQuery,
  type PolicyPublishCheck,
  type PolicyRuleContext,
  type Paged,
  type PolicyAction,
  type PolicyCategory,
  type PolicyDetail,
  type PolicyDocument,
  type PolicyDocumentKind,
  type PolicyMaterial,
  type PolicyMatchView,
  type PolicyRule,
  type PolicyRuleCheckResult,
  type PolicySummary,
  type PolicyTestResult,
  type PolicyVersionView,
  type RuleCatalogue,
  type ZCreatePolicyRequest,
  type ZCreateVersionRequest,
  type ZUpdatePolicyRequest,
  type ZUpdateVersionRequest,
} from '@yuanqi/contract';
import { sql, type Transaction } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../../db/schema.js';
import type { PolicyRow, PolicyVersionRow } from '../../../db/schema-policies.js';
import { can, hasRole, type Actor } from '../../../platform/actor.js';
import { recordAudit } from '../../../platform/audit.js';
import { shanghaiDate } from '../../../platform/calendar/index.js';
import type { AppContext } from '../../../platform/context.js';
import { AppError, conflict, forbidden, invalidState, notFound } from '../../../platform/errors.js';
import { enterpriseScopeOf } from '../../../platform/scope.js';
import { checkUpload } from '../../../platform/uploads.js';
import { startJob } from '../../jobs/service.js';
import { factRefs, withPersonCount } from '../matching/engine.js';
import { factDefinitions, factValueOf, loadCatalogue } from '../facts/service.js';
import { decideFor, loadActivePolicies, loadPaidIndex, refreshPolicyMatches } from '../matching/store.js';
import { loadMatchingSubjects } from '../matching/index.js';
import { exclusionKeyOf } from '../matching/periods.js';
import { findFirm, json, nextNumber, userNames, type Executor } from '../repository.js';
import { findPolicy, fundNames, listVersions, parkIndustryCodes } from './repository.js';
import { formatYuan, resolveFactYear } from '@yuanqi/contract';

/**
 * The policy library: policies with frozen versions. A policy's basic information may change
 * only while it was never published; its rule lives in versions — a draft version is edited
 * freely (always a valid rule), a published one never: a new version supersedes it from its
 * effective date, and every decision (match, application, grant, payout) records the version.
 */

const iso = (d: Date | string | null | undefined): string | null => (d ? new Date(d).toISOString() : null);

/** Officers manage; everyone else reads published policies only (enterprise users never see drafts). */
export function seesDrafts(actor: Actor): boolean {
  return can(actor, 'policy:manage');
}

function visibleStatuses(actor: Actor): Array<PolicyRow['status']> {
  if (seesDrafts(actor)) return ['draft', 'published', 'withdrawn', 'expired'];
  if (enterpriseScopeOf(actor).kind === 'enterprise') return ['published'];
  return ['published', 'withdrawn', 'expired'];
}

function validationOf(errors: Array<{ path: string; message: string }>, prefix = 'rule'): AppError {
  const details = errors.map((e) => ({ path: e.path ? `${prefix}.${e.path}` : prefix, message: e.message }));
  const first = details[0]?.message ?? '规则有误';
  return new AppError('VALIDATION_FAILED', details.length > 1 ? `规则有误:${first}(共${details.length}处)` : `规则有误:${first}`, details);
}

/** Validates a rule against the park's catalogue; 400 with every problem otherwise. */
export function checkRule(raw: unknown, catalogue: RuleCatalogue): PolicyRule {
  if (raw === undefined || raw === null) throw new AppError('VALIDATION_FAILED', '请填写政策规则', [{ path: 'rule', message: '请填写政策规则' }]);
  const result = validateRule(raw, catalogue);
  if (!result.ok) throw validationOf(result.errors);
  return result.rule;
}

/** A starting rule for a new draft (not yet valid: no condition) — the officer fills it in. */
export const STARTER_RULE: PolicyRule = {
  version: 1,
  params: [],
  eligibility: { op: 'all', items: [] },
  benefit: { amount: { op: 'num', value: 0 } },
  payment: { period: 'year' },
};

/**
 * A draft may hold a rule still being written: any rule object is saved, and its problems are
 * shown with the draft (PolicyVersionView.problems). Publishing and testing need a valid rule.
 */
function draftRule(raw: unknown): unknown {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new AppError('VALIDATION_FAILED', '规则应为一个规则对象', [{ path: 'rule', message: '规则应为一个规则对象' }]);
  if (JSON.stringify(raw).length > 200_000) throw new AppError('VALIDATION_FAILED', '规则过大', [{ path: 'rule', message: '规则过大' }]);
  return raw;
}

/** The plain-Chinese text of a rule, or null while it is not valid. */
function describeIfValid(raw: unknown, catalogue: RuleCatalogue): string | null {
  const r = validateRule(raw, catalogue);
  return r.ok ? describeRule(r.rule, catalogue) : null;
}

/** `checkPolicyPublish` (contract) on a policy row and its draft version. */
function publishCheckOf(p: PolicyRow, draft: PolicyVersionRow, versions: PolicyVersionRow[], catalogue: RuleCatalogue, industryCodes: string[] | null): PolicyPublishCheck {
  const latest = versions.find((v) => v.status !== 'draft' && v.id !== draft.id);
  return checkPolicyPublish(
    {
      rule: draft.rule,
      mode: p.mode,
      fundId: p.fund_id,
      validFrom: p.valid_from,
      validTo: p.valid_to,
      effectiveFrom: draft.effective_from,
      previousEffectiveFrom: latest?.effective_from ?? null,
      previousVersionNo: latest?.version_no ?? null,
      materials: (draft.materials as PolicyMaterial[]) ?? [],
    },
    { catalogue, industryCodes },
  );
}

/** `GET /api/policies/rule-context`: what the rule page checks a rule against beyond the catalogue. */
export async function ruleContext(ctx: AppContext, actor: Actor): Promise<PolicyRuleContext> {
  return { industryCodes: await parkIndustryCodes(ctx.db, actor.parkId) };
}

export function ruleProblems(raw: unknown, catalogue: RuleCatalogue): Array<{ path: string; message: string }> {
  const r = validateRule(raw, catalogue);
  return r.ok ? [] : r.errors.map((e) => ({ path: e.path ? `rule.${e.path}` : 'rule', message: e.message }));
}

// ---------------------------------------------------------------------------------------------
// Presenting
// ---------------------------------------------------------------------------------------------

type PolicyStats = { eligible: number; applied: number; paid: number; paidAmount: number };

async function statsFor(db: Executor, parkId: string, ids: string[]): Promise<Map<string, PolicyStats>> {
  const out = new Map<string, PolicyStats>();
  if (ids.length === 0) return out;
  for (const id of ids) out.set(id, { eligible: 0, applied: 0, paid: 0, paidAmount: 0 });
  const [m, a, p] = await Promise.all([
    db.selectFrom('policy_matches').select(['policy_id', sql<number>`count(*)::int`.as('n')]).where('park_id', '=', parkId).where('policy_id', 'in', ids).where('status', '=', 'eligible').groupBy('policy_id').execute(),
    db
      .selectFrom('policy_applications')
      .select(['policy_id', sql<number>`count(*)::int`.as('n')])
      .where('park_id', '=', parkId)
      .where('policy_id', 'in', ids)
      .where('status', 'not in', ['draft', 'withdrawn'])
      .groupBy('policy_id')
      .execute(),
    db
      .selectFrom('payouts')
      .select(['policy_id', sql<number>`count(*)::int`.as('n'), sql<string>`coalesce(sum(amount_fen), 0)`.as('amount')])
      .where('park_id', '=', parkId)
      .where('policy_id', 'in', ids)
      .where('status', '=', 'paid')
      .groupBy('policy_id')
      .execute(),
  ]);
  for (const r of m) out.get(r.policy_id)!.eligible = Number(r.n);
  for (const r of a) out.get(r.policy_id)!.applied = Number(r.n);
  for (const r of p) if (r.policy_id) Object.assign(out.get(r.policy_id)!, { paid: Number(r.n), paidAmount: Number(r.amount) });
  return out;
}

type SummaryExtras = { fundName: string | null; current: PolicyVersionRow | null; hasDraft: boolean; stats: PolicyStats | null };

function presentSummary(p: PolicyRow, x: SummaryExtras): PolicySummary {
  return {
    id: p.id,
    code: p.code,
    title: p.title,
    docNumber: p.doc_number,
    issuer: p.issuer,
    category: p.category as PolicyCategory,
    mode: p.mode,
    modeLabel: POLICY_MODE_LABELS[p.mode],
    status: p.status,
    statusLabel: POLICY_STATUS_LABELS[p.status],
    summary: p.summary,
    validFrom: p.valid_from,
    validTo: p.valid_to,
    fundId: p.fund_id,
    fundName: x.fundName,
    tags: p.tags,
    currentVersionId: p.current_version_id,
    currentVersionNo: x.current?.version_no ?? null,
    hasDraft: x.hasDraft,
    benefitText: x.current?.description ?? null,
    eligibleCount: x.stats ? x.stats.eligible : null,
    appliedCount: x.stats ? x.stats.applied : null,
    paidCount: x.stats ? x.stats.paid : null,
    paidAmountFen: x.stats ? x.stats.paidAmount : null,
    publishedAt: iso(p.published_at),
    updatedAt: iso(p.updated_at)!,
  };
}

function presentVersion(v: PolicyVersionRow, names: Map<string, string>, withRule: boolean, catalogue: RuleCatalogue | null, check?: PolicyPublishCheck | null): PolicyVersionView {
  return {
    id: v.id,
    versionNo: v.version_no,
    status: v.status,
    statusLabel: POLICY_VERSION_STATUS_LABELS[v.status],
    effectiveFrom: v.effective_from,
    effectiveTo: v.effective_to,
    rule: withRule ? (v.rule as PolicyRule) : null,
    description: v.description,
    problems: withRule && v.status === 'draft' ? (check?.errors ?? (catalogue ? ruleProblems(v.rule, catalogue) : [])) : [],
    warnings: withRule && v.status === 'draft' ? (check?.warnings ?? []) : [],
    changeNote: v.change_note,
    materials: (v.materials as PolicyMaterial[]) ?? [],
    publishedAt: iso(v.published_at),
    publishedByName: v.published_by ? (names.get(v.published_by) ?? null) : null,
    createdAt: iso(v.created_at)!,
  };
}

export async function listPolicies(ctx: AppContext, actor: Actor, query: ListPoliciesQuery): Promise<Paged<PolicySummary>> {
  const statuses = visibleStatuses(actor);
  let q = ctx.db.selectFrom('policies').where('park_id', '=', actor.parkId).where('status', 'in', statuses);
  if (query.status) q = q.where('status', '=', query.status);
  if (query.category) q = q.where('category', '=', query.category);
  if (query.mode) q = q.where('mode', '=', query.mode);
  if (query.fundId) q = q.where('fund_id', '=', query.fundId);
  if (query.q) {
    const like = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) => eb.or([eb('title', 'ilike', like), eb('code', 'ilike', like), eb('doc_number', 'ilike', like), eb('summary', 'ilike', like)]));
  }
  const totalRow = await q.select(sql<number>`count(*)::int`.as('n')).executeTakeFirst();
  const rows = await q
    .selectAll()
    .orderBy(sql`case status when 'published' then 0 when 'draft' then 1 else 2 end`)
    .orderBy('updated_at', 'desc')
    .orderBy('code')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  const items = await summaries(ctx.db, actor, rows);
  return { items, total: Number(totalRow?.n ?? 0), page: query.page, pageSize: query.pageSize };
}

async function summaries(db: Executor, actor: Actor, rows: PolicyRow[]): Promise<PolicySummary[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const versions = await db.selectFrom('policy_versions').selectAll().where('park_id', '=', actor.parkId).where('policy_id', 'in', ids).execute();
  const funds = await fundNames(db, actor.parkId, rows.map((r) => r.fund_id));
  const stats = seesDrafts(actor) || can(actor, 'policy:review') ? await statsFor(db, actor.parkId, ids) : null;
  return rows.map((r) =>
    presentSummary(r, {
      fundName: r.fund_id ? (funds.get(r.fund_id)?.name ?? null) : null,
      current: versions.find((v) => v.id === r.current_version_id) ?? null,
      hasDraft: versions.some((v) => v.policy_id === r.id && v.status === 'draft'),
      stats: stats?.get(r.id) ?? null,
    }),
  );
}

/** Loads a policy the actor may see (404 otherwise). */
export async function visiblePolicy(db: Executor, actor: Actor, id: string, opts: { forUpdate?: boolean } = {}): Promise<PolicyRow> {
  const row = await findPolicy(db, actor.parkId, id, opts);
  if (!row || !visibleStatuses(actor).includes(row.status)) throw notFound('政策');
  return row;
}

function allowedActions(actor: Actor, p: PolicyRow, hasDraft: boolean, mine: { applicationId: string | null; match: PolicyMatchView | null }): PolicyAction[] {
  const out: PolicyAction[] = [];
  if (can(actor, 'policy:manage')) {
    if (!p.published_at && p.status === 'draft') out.push('edit');
    if (hasDraft && p.status !== 'withdrawn') out.push('edit_version', 'publish');
    if (!hasDraft && p.status === 'published') out.push('new_version');
    if (p.status === 'published') out.push('withdraw');
    out.push('test', 'upload_document');
    if (p.status === 'published' && p.mode === 'auto' && p.current_version_id) out.push('run');
  }
  if (can(actor, 'policy:apply') && p.status === 'published' && p.mode === 'apply' && enterpriseScopeOf(actor).kind !== 'park') {
    if (!mine.applicationId && mine.match?.status !== 'ineligible') out.push('apply');
  }
  return out;
}

export async function getPolicy(ctx: AppContext, actor: Actor, id: string): Promise<PolicyDetail> {
  const p = await visiblePolicy(ctx.db, actor, id);
  const officer = seesDrafts(actor);
  const versions = (await listVersions(ctx.db, actor.parkId, id)).filter((v) => officer || v.status !== 'draft');
  const names = await userNames(ctx.db, versions.map((v) => v.published_by));
  const docs = await ctx.db
    .selectFrom('policy_documents')
    .select(['id', 'kind', 'filename', 'content_type', 'size', 'created_at'])
    .where('park_id', '=', actor.parkId)
    .where('policy_id', '=', id)
    .orderBy('created_at')
    .execute();
  const [summary] = await summaries(ctx.db, actor, [p]);
  const funds = await fundNames(ctx.db, actor.parkId, [p.fund_id]);
  const current = versions.find((v) => v.id === p.current_version_id) ?? null;
  const draft = versions.find((v) => v.status === 'draft') ?? null;
  const catalogue = officer && draft ? await loadCatalogue(ctx.db, actor.parkId) : null;
  // the draft's problems are exactly what publishing it would refuse (one check for both)
  const draftCheck = catalogue && draft ? publishCheckOf(p, draft, versions, catalogue, await parkIndustryCodes(ctx.db, actor.parkId)) : null;

  // the reader's own firm (enterprise user): its decision, live application and grant
  let myMatch: PolicyMatchView | null = null;
  let myApplicationId: string | null = null;
  let myGrantId: string | null = null;
  const scope = enterpriseScopeOf(actor);
  if (scope.kind === 'enterprise' && p.status === 'published') {
    myMatch = await liveMatch(ctx, actor.parkId, p, scope.enterpriseId);
    const app = await ctx.db
      .selectFrom('policy_applications')
      .select('id')
      .where('park_id', '=', actor.parkId)
      .where('policy_id', '=', id)
      .where('enterprise_id', '=', scope.enterpriseId)
      .where('status', 'not in', ['rejected', 'withdrawn'])
      .$if(myMatch?.periodKey != null, (qb) => qb.where('period_key', '=', myMatch!.periodKey!))
      .orderBy('created_at', 'desc')
      .executeTakeFirst();
    myApplicationId = app?.id ?? null;
    const grant = await ctx.db
      .selectFrom('policy_grants')
      .select('id')
      .where('park_id', '=', actor.parkId)
      .where('policy_id', '=', id)
      .where('enterprise_id', '=', scope.enterpriseId)
      .where('status', 'not in', ['cancelled', 'expired'])
      .orderBy('created_at', 'desc')
      .executeTakeFirst();
    myGrantId = grant?.id ?? null;
  }
  return {
    ...summary!,
    contact: p.contact,
    fundBalanceFen: officer && p.fund_id ? (funds.get(p.fund_id)?.availableFen ?? null) : null,
    withdrawnAt: iso(p.withdrawn_at),
    withdrawReason: p.withdraw_reason,
    versions: versions.map((v) => presentVersion(v, names, officer, catalogue)),
    currentVersion: current ? presentVersion(current, names, officer, catalogue) : null,
    draftVersion: draft ? presentVersion(draft, names, officer, catalogue, draftCheck) : null,
    documents: docs.map(presentDocument),
    allowedActions: allowedActions(actor, p, draft !== null, { applicationId: myApplicationId, match: myMatch }),
    myMatch,
    myApplicationId,
    myGrantId,
    createdAt: iso(p.created_at)!,
  };
}

function presentDocument(d: { id: string; kind: PolicyDocumentKind; filename: string; content_type: string; size: number; created_at: Date | string }): PolicyDocument {
  return { id: d.id, kind: d.kind, kindLabel: POLICY_DOCUMENT_KIND_LABELS[d.kind], filename: d.filename, contentType: d.content_type, size: d.size, uploadedAt: iso(d.created_at)! };
}

/** One firm's decision for one published policy, computed now (the stored row may omit ineligible). */
export async function liveMatch(ctx: AppContext, parkId: string, p: PolicyRow, enterpriseId: string): Promise<PolicyMatchView | null> {
  const now = ctx.clock.now();
  const today = shanghaiDate(now);
  const [ap] = await loadActivePolicies(ctx.db, parkId, today, [p.id]);
  if (!ap) return null;
  const [subject] = await loadMatchingSubjects(ctx.db, parkId, { enterpriseIds: [enterpriseId] });
  if (!subject) return null;
  const catalogue = await loadCatalogue(ctx.db, parkId);
  const paid = await loadPaidIndex(ctx.db, parkId, [enterpriseId]);
  const d = decideFor(ap, subject, today, catalogue, paid);
  return {
    status: d.status,
    statusLabel: MATCH_STATUS_LABELS[d.status],
    amountFen: d.amountFen,
    periodKey: d.periodKey,
    reasons: d.reasons,
    missing: d.missing,
    versionId: ap.version.id,
    computedAt: now.toISOString(),
  };
}

// ---------------------------------------------------------------------------------------------
// Writing
// ---------------------------------------------------------------------------------------------

function snapshot(p: PolicyRow): Record<string, unknown> {
  return {
    code: p.code,
    title: p.title,
    docNumber: p.doc_number,
    issuer: p.issuer,
    category: p.category,
    mode: p.mode,
    status: p.status,
    fundId: p.fund_id,
    validFrom: p.valid_from,
    validTo: p.valid_to,
    currentVersionId: p.current_version_id,
  };
}

function versionSnapshot(v: PolicyVersionRow): Record<string, unknown> {
  return { versionNo: v.version_no, status: v.status, effectiveFrom: v.effective_from, effectiveTo: v.effective_to, description: v.description, rule: v.rule };
}

async function assertFund(db: Executor, parkId: string, fundId: string | null | undefined): Promise<void> {
  if (!fundId) return;
  const f = await db.selectFrom('funds').select(['id', 'status']).where('park_id', '=', parkId).where('id', '=', fundId).executeTakeFirst();
  if (!f) throw new AppError('VALIDATION_FAILED', '资金来源不存在', [{ path: 'fundId', message: '专项资金不存在' }]);
}

type CreateInput = z.output<typeof ZCreatePolicyRequest>;

export async function createPolicy(ctx: AppContext, actor: Actor, input: CreateInput): Promise<PolicyDetail> {
  const now = ctx.clock.now();
  const id = await ctx.db.transaction().execute(async (trx) => {
    await assertFund(trx, actor.parkId, input.fundId);
    const catalogue = await loadCatalogue(trx, actor.parkId);
    const rule = input.rule === undefined ? STARTER_RULE : draftRule(input.rule);
    const year = shanghaiDate(now).slice(0, 4);
    const code = input.code ?? `P${year}-${String(await nextNumber(trx, actor.parkId, 'policy', year)).padStart(3, '0')}`;
    const dup = await trx.selectFrom('policies').select('id').where('park_id', '=', actor.parkId).where('code', '=', code).executeTakeFirst();
    if (dup) throw conflict(`政策编码“${code}”已被使用`, [{ path: 'code', message: '政策编码已被使用' }]);
    const policy = await trx
      .insertInto('policies')
      .values({
        park_id: actor.parkId,
        code,
        title: input.title,
        doc_number: input.docNumber ?? null,
        issuer: input.issuer ?? null,
        category: input.category,
        summary: input.summary ?? null,
        mode: input.mode,
        status: 'draft',
        fund_id: input.fundId ?? null,
        valid_from: input.validFrom,
        valid_to: input.validTo ?? null,
        contact: input.contact ?? null,
        tags: input.tags ?? [],
        created_by: actor.userId,
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const version = await trx
      .insertInto('policy_versions')
      .values({
        park_id: actor.parkId,
        policy_id: policy.id,
        version_no: 1,
        rule: json(rule),
        effective_from: input.effectiveFrom ?? input.validFrom,
        status: 'draft',
        description: describeIfValid(rule, catalogue),
        materials: json(input.materials ?? []),
        created_by: actor.userId,
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, actor.parkId, [
      { action: 'create', entity: 'policy', entityId: policy.id, before: null, after: snapshot(policy) },
      { action: 'create', entity: 'policy_version', entityId: version.id, before: null, after: versionSnapshot(version) },
    ], now);
    return policy.id;
  });
  return getPolicy(ctx, actor, id);
}

export async function updatePolicy(ctx: AppContext, actor: Actor, id: string, input: z.output<typeof ZUpdatePolicyRequest>): Promise<PolicyDetail> {
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const p = await visiblePolicy(trx, actor, id, { forUpdate: true });
    if (p.published_at || p.status !== 'draft') throw conflict('已发布的政策不能直接修改,请新建版本;如需停止执行请撤回');
    await assertFund(trx, actor.parkId, input.fundId);
    const patch = {
      ...(input.title !== undefined ? { title: input.title } : {}),
      ...(input.docNumber !== undefined ? { doc_number: input.docNumber ?? null } : {}),
      ...(input.issuer !== undefined ? { issuer: input.issuer ?? null } : {}),
      ...(input.category !== undefined ? { category: input.category } : {}),
      ...(input.summary !== undefined ? { summary: input.summary ?? null } : {}),
      ...(input.mode !== undefined ? { mode: input.mode } : {}),
      ...(input.fundId !== undefined ? { fund_id: input.fundId ?? null } : {}),
      ...(input.validFrom !== undefined ? { valid_from: input.validFrom } : {}),
      ...(input.validTo !== undefined ? { valid_to: input.validTo ?? null } : {}),
      ...(input.contact !== undefined ? { contact: input.contact ?? null } : {}),
      ...(input.tags !== undefined ? { tags: input.tags } : {}),
    };
    const validFrom = patch.valid_from ?? p.valid_from;
    const validTo = 'valid_to' in patch ? patch.valid_to : p.valid_to;
    if (validTo && validTo < validFrom) throw new AppError('VALIDATION_FAILED', '有效期止不能早于有效期起', [{ path: 'validTo', message: '有效期止不能早于有效期起' }]);
    const updated = await trx.updateTable('policies').set({ ...patch, updated_at: now }).where('park_id', '=', actor.parkId).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
    await recordAudit(trx, actor, actor.parkId, [{ action: 'update', entity: 'policy', entityId: id, before: snapshot(p), after: snapshot(updated) }], now);
  });
  return getPolicy(ctx, actor, id);
}

export async function createVersion(ctx: AppContext, actor: Actor, id: string, input: z.output<typeof ZCreateVersionRequest>): Promise<PolicyDetail> {
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const p = await visiblePolicy(trx, actor, id, { forUpdate: true });
    if (p.status === 'withdrawn' || p.status === 'expired') throw invalidState(`政策已${POLICY_STATUS_LABELS[p.status]},不能新建版本`);
    const versions = await listVersions(trx, actor.parkId, id);
    if (versions.some((v) => v.status === 'draft')) throw conflict('该政策已有一个草稿版本,请先编辑或发布它');
    const catalogue = await loadCatalogue(trx, actor.parkId);
    const base = versions.find((v) => v.id === p.current_version_id) ?? versions[0];
    const rule = input.rule === undefined ? ((base?.rule as PolicyRule) ?? STARTER_RULE) : draftRule(input.rule);
    const latestPublished = versions.find((v) => v.status !== 'draft');
    if (latestPublished && input.effectiveFrom <= latestPublished.effective_from) {
      throw new AppError('VALIDATION_FAILED', `新版本的生效日期应晚于第${latestPublished.version_no}版的生效日期(${latestPublished.effective_from})`, [{ path: 'effectiveFrom', message: '应晚于现行版本的生效日期' }]);
    }
    const version = await trx
      .insertInto('policy_versions')
      .values({
        park_id: actor.parkId,
        policy_id: id,
        version_no: (versions[0]?.version_no ?? 0) + 1,
        rule: json(rule),
        effective_from: input.effectiveFrom,
        status: 'draft',
        description: describeIfValid(rule, catalogue),
        change_note: input.changeNote ?? null,
        materials: json(input.materials ?? ((base?.materials as PolicyMaterial[]) ?? [])),
        created_by: actor.userId,
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await trx.updateTable('policies').set({ updated_at: now }).where('id', '=', id).execute();
    await recordAudit(trx, actor, actor.parkId, [{ action: 'create', entity: 'policy_version', entityId: version.id, before: null, after: versionSnapshot(version) }], now);
  });
  return getPolicy(ctx, actor, id);
}

async function draftVersionOf(trx: Executor, actor: Actor, policyId: string, versionId: string): Promise<PolicyVersionRow> {
  const v = await trx.selectFrom('policy_versions').selectAll().where('park_id', '=', actor.parkId).where('policy_id', '=', policyId).where('id', '=', versionId).forUpdate().executeTakeFirst();
  if (!v) throw notFound('政策版本');
  if (v.status !== 'draft') throw conflict(`第${v.version_no}版已发布,已发布的版本不能修改;如需调整请新建版本`);
  return v;
}

export async function updateVersion(ctx: AppContext, actor: Actor, id: string, versionId: string, input: z.output<typeof ZUpdateVersionRequest>): Promise<PolicyDetail> {
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    await visiblePolicy(trx, actor, id, { forUpdate: true });
    const v = await draftVersionOf(trx, actor, id, versionId);
    const catalogue = await loadCatalogue(trx, actor.parkId);
    const rule = input.rule === undefined ? v.rule : draftRule(input.rule);
    if (input.effectiveFrom !== undefined) {
      const prev = await trx
        .selectFrom('policy_versions')
        .select(['version_no', 'effective_from'])
        .where('park_id', '=', actor.parkId)
        .where('policy_id', '=', id)
        .where('status', '!=', 'draft')
        .orderBy('version_no', 'desc')
        .executeTakeFirst();
      if (prev && input.effectiveFrom <= prev.effective_from) {
        throw new AppError('VALIDATION_FAILED', `生效日期应晚于第${prev.version_no}版的生效日期(${prev.effective_from})`, [{ path: 'effectiveFrom', message: '应晚于现行版本的生效日期' }]);
      }
    }
    const updated = await trx
      .updateTable('policy_versions')
      .set({
        rule: json(rule),
        description: describeIfValid(rule, catalogue),
        ...(input.effectiveFrom !== undefined ? { effective_from: input.effectiveFrom } : {}),
        ...(input.changeNote !== undefined ? { change_note: input.changeNote ?? null } : {}),
        ...(input.materials !== undefined ? { materials: json(input.materials) } : {}),
        updated_at: now,
      })
      .where('id', '=', versionId)
      .returningAll()
      .executeTakeFirstOrThrow();
    await trx.updateTable('policies').set({ updated_at: now }).where('id', '=', id).execute();
    await recordAudit(trx, actor, actor.parkId, [{ action: 'update', entity: 'policy_version', entityId: versionId, before: versionSnapshot(v), after: versionSnapshot(updated) }], now);
  });
  return getPolicy(ctx, actor, id);
}

export async function deleteVersion(ctx: AppContext, actor: Actor, id: string, versionId: string): Promise<PolicyDetail> {
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    await visiblePolicy(trx, actor, id, { forUpdate: true });
    const v = await draftVersionOf(trx, actor, id, versionId);
    const others = await trx.selectFrom('policy_versions').select('id').where('park_id', '=', actor.parkId).where('policy_id', '=', id).where('id', '!=', versionId).execute();
    if (others.length === 0) throw conflict('这是政策唯一的版本,不能删除');
    await trx.deleteFrom('policy_versions').where('id', '=', versionId).execute();
    await recordAudit(trx, actor, actor.parkId, [{ action: 'delete', entity: 'policy_version', entityId: versionId, before: versionSnapshot(v), after: null }], now);
  });
  return getPolicy(ctx, actor, id);
}

/**
 * Publishes the draft version. In force from its effective date: on or before today it becomes
 * the current version at once (the previous one is superseded from that day); a later date waits
 * for the nightly sweep (the previous version's end date is set now). A published version is
 * frozen. The park's matches for this policy are recomputed in the background.
 */
export async function publishPolicy(ctx: AppContext, actor: Actor, id: string, input: { effectiveFrom?: string }): Promise<PolicyDetail & { matchJobId: string | null }> {
  const now = ctx.clock.now();
  const today = shanghaiDate(now);
  const firstPublish = await ctx.db.transaction().execute(async (trx) => {
    const p = await visiblePolicy(trx, actor, id, { forUpdate: true });
    if (p.status === 'withdrawn' || p.status === 'expired') throw invalidState(`政策已${POLICY_STATUS_LABELS[p.status]},不能发布`);
    const versions = await listVersions(trx, actor.parkId, id);
    const draft = versions.find((v) => v.status === 'draft');
    if (!draft) throw invalidState('没有待发布的草稿版本');
    const catalogue = await loadCatalogue(trx, actor.parkId);
    const effectiveFrom = input.effectiveFrom ?? draft.effective_from;
    const previous = versions.filter((v) => v.status !== 'draft');
    const latest = previous[0];
    // the same check the rule page shows: what it calls complete publishes, and nothing else does
    const check = publishCheckOf(p, { ...draft, effective_from: effectiveFrom }, versions, catalogue, null);
    if (!check.ok || !check.rule) {
      const first = check.errors[0]?.message ?? '规则有误';
      throw new AppError('VALIDATION_FAILED', check.errors.length > 1 ? `发布前请处理:${first}(共${check.errors.length}处)` : `发布前请处理:${first}`, check.errors);
    }
    const rule = check.rule;
    const published = await trx
      .updateTable('policy_versions')
      .set({ status: 'published', effective_from: effectiveFrom, published_at: now, published_by: actor.userId, description: describeRule(rule, catalogue), rule: json(rule), updated_at: now })
      .where('id', '=', draft.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const audits = [{ action: 'publish', entity: 'policy_version', entityId: draft.id, before: versionSnapshot(draft), after: versionSnapshot(published) }];
    if (latest) {
      const endsOn = dayBefore(effectiveFrom);
      const inForceNow = effectiveFrom <= today;
      const prev = await trx
        .updateTable('policy_versions')
        .set({ effective_to: endsOn, ...(inForceNow ? { status: 'superseded' as const, superseded_at: now } : {}), updated_at: now })
        .where('id', '=', latest.id)
        .returningAll()
        .executeTakeFirstOrThrow();
      audits.push({ action: inForceNow ? 'supersede' : 'schedule_supersede', entity: 'policy_version', entityId: latest.id, before: versionSnapshot(latest), after: versionSnapshot(prev) });
    }
    const becomesCurrent = effectiveFrom <= today || !latest;
    const updated = await trx
      .updateTable('policies')
      .set({
        status: 'published',
        ...(p.published_at ? {} : { published_at: now }),
        ...(becomesCurrent ? { current_version_id: published.id } : {}),
        updated_at: now,
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    audits.push({ action: 'publish', entity: 'policy', entityId: id, before: snapshot(p), after: snapshot(updated) });
    await recordAudit(trx, actor, actor.parkId, audits, now);
    return !p.published_at;
  });
  const matchJobId = await startPolicyMatchJob(ctx, actor, [id], firstPublish ? { notifyEligible: id } : {});
  return { ...(await getPolicy(ctx, actor, id)), matchJobId };
}

export async function withdrawPolicy(ctx: AppContext, actor: Actor, id: string, input: { reason: string }): Promise<PolicyDetail> {
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const p = await visiblePolicy(trx, actor, id, { forUpdate: true });
    if (p.status !== 'published') throw invalidState(`政策当前为“${POLICY_STATUS_LABELS[p.status]}”,只有已发布的政策可以撤回`);
    const updated = await trx
      .updateTable('policies')
      .set({ status: 'withdrawn', withdrawn_at: now, withdraw_reason: input.reason, updated_at: now })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await trx.deleteFrom('policy_matches').where('park_id', '=', actor.parkId).where('policy_id', '=', id).execute();
    await recordAudit(trx, actor, actor.parkId, [{ action: 'withdraw', entity: 'policy', entityId: id, before: snapshot(p), after: { ...snapshot(updated), reason: input.reason } }], now);
  });
  return getPolicy(ctx, actor, id);
}

/** Recomputes matches for these policies (null = all) in the background; answers the job id. */
export async function startPolicyMatchJob(ctx: AppContext, actor: Actor, policyIds: string[] | null, opts: { notifyEligible?: string } = {}): Promise<string> {
  return startJob(ctx, actor, 'policy-matching', async (progress) => {
    const result = await refreshPolicyMatches(ctx.db, actor.parkId, ctx.clock.now(), policyIds, (done, total) => void progress(done, total, 'match'));
    if (opts.notifyEligible) await notifyEligibleFirms(ctx, actor.parkId, opts.notifyEligible);
    return result;
  });
}

/** A newly published policy: the firms it fits hear of it (为您推荐). */
async function notifyEligibleFirms(ctx: AppContext, parkId: string, policyId: string): Promise<void> {
  const p = await findPolicy(ctx.db, parkId, policyId);
  if (!p) return;
  const rows = await ctx.db.selectFrom('policy_matches').select(['enterprise_id', 'amount_fen']).where('park_id', '=', parkId).where('policy_id', '=', policyId).where('status', '=', 'eligible').execute();
  if (rows.length === 0) return;
  const { enterpriseUserIds } = await import('../repository.js');
  const users = await enterpriseUserIds(ctx.db, parkId, rows.map((r) => r.enterprise_id));
  const notes = rows.flatMap((r) =>
    (users.get(r.enterprise_id) ?? []).map((userId) => ({
      parkId,
      userId,
      kind: 'policy.recommended',
      title: `新政策推荐:${p.title}`,
      body: p.mode === 'auto' ? '贵企业符合条件,免申即享,无需申报,兑现时请确认收款账户。' : `贵企业符合申报条件${r.amount_fen ? `,预计可享受${formatYuan(Number(r.amount_fen))}` : ''}。`,
      link: `/my/policies/${policyId}`,
    })),
  );
  if (notes.length === 0) return;
  await ctx.db.transaction().execute(async (trx) => ctx.notifier.notify(trx, notes));
}

// ---------------------------------------------------------------------------------------------
// Documents
// ---------------------------------------------------------------------------------------------

export async function addDocument(ctx: AppContext, actor: Actor, id: string, file: { filename: string; buffer: Buffer }, kind: PolicyDocumentKind): Promise<PolicyDocument> {
  const checked = checkUpload('attachment', file.filename, file.buffer);
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    await visiblePolicy(trx, actor, id, { forUpdate: true });
    const count = await trx.selectFrom('policy_documents').select(sql<number>`count(*)::int`.as('n')).where('park_id', '=', actor.parkId).where('policy_id', '=', id).executeTakeFirst();
    if (Number(count?.n ?? 0) >= 20) throw new AppError('VALIDATION_FAILED', '每项政策最多20个附件', [{ path: 'file', message: '附件过多' }]);
    const row = await trx
      .insertInto('policy_documents')
      .values({ park_id: actor.parkId, policy_id: id, kind, filename: checked.filename, content_type: checked.contentType, size: file.buffer.length, data: file.buffer, uploaded_by: actor.userId, created_at: now })
      .returning(['id', 'kind', 'filename', 'content_type', 'size', 'created_at'])
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, actor.parkId, [{ action: 'attach', entity: 'policy', entityId: id, before: null, after: { documentId: row.id, kind, filename: row.filename, size: row.size } }], now);
    return presentDocument(row);
  });
}

export async function readDocument(ctx: AppContext, actor: Actor, id: string, documentId: string) {
  await visiblePolicy(ctx.db, actor, id);
  const doc = await ctx.db.selectFrom('policy_documents').selectAll().where('park_id', '=', actor.parkId).where('policy_id', '=', id).where('id', '=', documentId).executeTakeFirst();
  if (!doc) throw notFound('附件');
  return doc;
}

export async function deleteDocument(ctx: AppContext, actor: Actor, id: string, documentId: string): Promise<void> {
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const p = await visiblePolicy(trx, actor, id, { forUpdate: true });
    const doc = await trx.selectFrom('policy_documents').select(['id', 'kind', 'filename']).where('park_id', '=', actor.parkId).where('policy_id', '=', id).where('id', '=', documentId).executeTakeFirst();
    if (!doc) throw notFound('附件');
    if (p.published_at && doc.kind === 'original') throw conflict('已发布政策的原文不能删除');
    await trx.deleteFrom('policy_documents').where('id', '=', documentId).execute();
    await recordAudit(trx, actor, actor.parkId, [{ action: 'detach', entity: 'policy', entityId: id, before: { documentId, kind: doc.kind, filename: doc.filename }, after: null }], now);
  });
}

// ---------------------------------------------------------------------------------------------
// Rule checking and test-on-firm
// ---------------------------------------------------------------------------------------------

export async function validateRuleRequest(ctx: AppContext, actor: Actor, raw: unknown): Promise<PolicyRuleCheckResult> {
  const catalogue = await loadCatalogue(ctx.db, actor.parkId);
  const rule = checkRule(raw, catalogue);
  return { ok: true, description: describeRule(rule, catalogue) };
}

/**
 * `POST /api/policies/:id/test`: the given rule — or the draft version's, or the current one's —
 * on one firm at a date, with the full trace and the facts it read. Writes nothing.
 */
export async function testRule(ctx: AppContext, actor: Actor, id: string, input: { rule?: unknown; enterpriseId: string; asOf?: string; persons?: number }): Promise<PolicyTestResult> {
  const p = await visiblePolicy(ctx.db, actor, id);
  const catalogue = await loadCatalogue(ctx.db, actor.parkId);
  let rule: PolicyRule;
  let versionId: string | null = null;
  if (input.rule !== undefined) rule = checkRule(input.rule, catalogue);
  else {
    const versions = await listVersions(ctx.db, actor.parkId, id);
    const v = versions.find((x) => x.status === 'draft') ?? versions.find((x) => x.id === p.current_version_id) ?? versions[0];
    if (!v) throw invalidState('该政策还没有规则');
    rule = checkRule(v.rule, catalogue);
    versionId = v.id;
  }
  const firm = await findFirm(ctx.db, actor.parkId, input.enterpriseId);
  if (!firm) throw new AppError('VALIDATION_FAILED', '企业不存在', [{ path: 'enterpriseId', message: '企业不存在' }]);
  const asOf = input.asOf ?? shanghaiDate(ctx.clock.now());
  const [loaded] = await loadMatchingSubjects(ctx.db, actor.parkId, { enterpriseIds: [firm.id] });
  if (!loaded) throw notFound('企业');
  const subject = input.persons !== undefined ? withPersonCount(loaded, rule, asOf, input.persons) : loaded;
  const paid = await loadPaidIndex(ctx.db, actor.parkId, [firm.id]);
  const ap = { policy: p, version: { id: versionId ?? '' } as PolicyVersionRow, rule, exclusionKey: exclusionKeyOf(rule, p.id) };
  const d = decideFor(ap, subject, asOf, catalogue, paid);

  const defs = new Map((await factDefinitions(ctx.db, actor.parkId)).map((f) => [f.key, f]));
  const asOfYear = Number(asOf.slice(0, 4));
  const refs = factRefs(rule);
  const stored = refs.length
    ? await ctx.db
        .selectFrom('enterprise_facts')
        .selectAll()
        .where('park_id', '=', actor.parkId)
        .where('enterprise_id', '=', firm.id)
        .where('key', 'in', [...new Set(refs.map((r) => r.key))])
        .execute()
    : [];
  const facts = refs.map((r) => {
    const def = defs.get(r.key);
    const year = resolveFactYear(r.year, asOfYear);
    const latest = def?.period === 'latest';
    const candidates = stored.filter((s) => s.key === r.key && (latest ? s.year <= year : s.year === year)).sort((a, b) => b.year - a.year);
    const row = candidates[0];
    return { key: r.key, label: def?.label ?? r.key, year: row?.year ?? year, value: row ? factValueOf(row) : null, source: row?.source ?? null };
  });
  return {
    enterpriseId: firm.id,
    enterpriseName: firm.name,
    asOf,
    status: d.status,
    statusLabel: MATCH_STATUS_LABELS[d.status],
    amountFen: d.amountFen,
    periodKey: d.periodKey,
    reasons: d.reasons,
    missing: d.missing,
    trace: d.trace,
    uncappedAmountFen: d.uncappedAmountFen,
    capFen: d.capFen,
    versionId,
    facts,
  };
}

export function assertManager(actor: Actor): void {
  if (!can(actor, 'policy:manage')) throw forbidden();
}
