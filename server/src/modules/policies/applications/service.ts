import {
  BUILTIN_FACT_DEFINITIONS,
  MATCH_STATUS_LABELS,
  POLICY_APPLICATION_EVENT_LABELS,
  POLICY_APPLICATION_STATUS_LABELS,
  formatYuan,
  type ListPolicyApplicationsQuery,
  type MatchStatus,
  type MissingItem,
  type Paged,
  type PolicyApplicationDetail,
  type PolicyApplicationEvent,
  type PolicyApplicationEventAction,
  type PolicyApplicationFile,
  type PolicyApplicationStatus,
  type PolicyApplicationSummary,
  type PolicyMaterial,
  type PolicyRule,
  type ZPolicyApplicationPayoutRequest,
  type ZPolicyApplicationTransitionRequest,
  type ZUpdatePolicyApplicationRequest,
} from '@yuanqi/contract';
import { sql, type Transaction } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../../db/schema.js';
import type { PolicyApplicationRow, PolicyApplicationsTable } from '../../../db/schema-policies.js';
import { can, hasRole, type Actor } from '../../../platform/actor.js';
import { recordAudit } from '../../../platform/audit.js';
import { shanghaiDate, startOfShanghaiDay, endOfShanghaiDay } from '../../../platform/calendar/index.js';
import type { AppContext } from '../../../platform/context.js';
import { AppError, conflict, forbidden, invalidState, notFound } from '../../../platform/errors.js';
import type { NotificationInput } from '../../../platform/notifications.js';
import { enterpriseScopeOf, inEnterpriseScope, type EnterpriseScope } from '../../../platform/scope.js';
import { checkUpload } from '../../../platform/uploads.js';
import { recordPayout, releaseReservation, reserveFunds } from '../../funds/service.js';
import { commitTransition, presentCaseEvent, type CaseEvent, type CaseStore, type StoredCaseEvent } from '../../../platform/workflow/index.js';
import { applicationEvents } from './repository.js';
import { applicationWorkflow, partiesOf, stepOf } from './workflow.js';
import { factRefs, withPersonCount, type Decision } from '../matching/engine.js';
import { factDefinitions, factValueOf, loadCatalogue } from '../facts/service.js';
import { decideFor, loadActivePolicies, loadPaidIndex, refreshEnterpriseMatches, type ActivePolicy } from '../matching/store.js';
import { loadMatchingSubjects } from '../matching/index.js';
import { exclusionKeyOf, periodLabel } from '../matching/periods.js';
import { toStoredPersons, type StoredPerson } from './persons.js';
import { enterpriseUserIds, findFirm, json, lastAccountOf, nextNumber, userNames, usersWithRoles, type Executor } from '../repository.js';
import { resolveFactYear } from '@yuanqi/contract';
import type { Updateable } from 'kysely';
import { escapeLike } from '../../../platform/like.js';

/**
 * 申报: a firm (or its liaison) applies with a form prefilled from its data and its match, uploads
 * materials and submits → 初审 → 复审 (money is reserved in the fund) → 公示 (publicity.ts) →
 * 拨付 (recordPayout in the same transaction; the fund ledger and the voucher number come with it)
 * → the firm is notified. Returned applications are corrected and resubmitted. Every step writes a
 * timeline event, an audit entry and notifications in one transaction.
 */

export const applicationLink = (id: string) => `/policy-applications/${id}`;
/** Where a firm's own user reads its application (the enterprise portal). */
export const firmApplicationLink = (id: string) => `/my/policy-applications/${id}`;
const iso = (d: Date | string | null | undefined): string | null => (d ? new Date(d).toISOString() : null);
const yuan = (fen: number) => formatYuan(fen);

export function applicationReadScope(actor: Actor): EnterpriseScope {
  if (!can(actor, 'policy-application:read')) return { kind: 'none', parkId: actor.parkId };
  return enterpriseScopeOf(actor);
}

type AppWithNames = PolicyApplicationRow & {
  enterprise_name: string;
  liaison_id: string | null;
  policy_title: string;
  policy_code: string;
  fund_id: string | null;
  version_no: number;
  batch_ends_at: Date | null;
  batch_starts_at: Date | null;
};

function baseQuery(db: Executor) {
  return db
    .selectFrom('policy_applications as a')
    .innerJoin('enterprises as e', 'e.id', 'a.enterprise_id')
    .innerJoin('policies as p', 'p.id', 'a.policy_id')
    .innerJoin('policy_versions as v', 'v.id', 'a.version_id')
    .leftJoin('policy_publicity_batches as b', 'b.id', 'a.publicity_batch_id')
    .selectAll('a')
    .select([
      'e.name as enterprise_name',
      'e.liaison_id as liaison_id',
      'p.title as policy_title',
      'p.code as policy_code',
      'p.fund_id as fund_id',
      'v.version_no as version_no',
      'b.ends_at as batch_ends_at',
      'b.starts_at as batch_starts_at',
    ]);
}

async function findApplication(db: Executor, actor: Actor, id: string, opts: { forUpdate?: boolean } = {}): Promise<AppWithNames> {
  const scope = applicationReadScope(actor);
  let q = baseQuery(db).where('a.id', '=', id).where(inEnterpriseScope<any, any>(scope, 'a.park_id', 'a.enterprise_id'));
  if (opts.forUpdate) q = q.forUpdate('a');
  const row = (await q.executeTakeFirst()) as AppWithNames | undefined;
  if (!row) throw notFound('申报');
  return row;
}

/** Objections still open on the application or on its whole batch. */
async function openObjections(db: Executor, parkId: string, app: { id: string; publicity_batch_id: string | null }): Promise<number> {
  if (!app.publicity_batch_id) return 0;
  const row = await db
    .selectFrom('policy_objections')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('park_id', '=', parkId)
    .where('batch_id', '=', app.publicity_batch_id)
    .where('status', '=', 'open')
    .where((eb) => eb.or([eb('application_id', 'is', null), eb('application_id', '=', app.id)]))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

function payableAt(row: { status: string; batch_ends_at: Date | null }, now: Date): boolean {
  return row.status === 'publicity' && row.batch_ends_at !== null && new Date(row.batch_ends_at).getTime() < now.getTime();
}

function presentSummary(r: AppWithNames, now: Date, openObj = 0): PolicyApplicationSummary {
  return {
    id: r.id,
    number: r.number,
    policyId: r.policy_id,
    policyTitle: r.policy_title,
    policyCode: r.policy_code,
    versionId: r.version_id,
    versionNo: r.version_no,
    enterpriseId: r.enterprise_id,
    enterpriseName: r.enterprise_name,
    periodKey: r.period_key,
    status: r.status,
    statusLabel: r.status === 'publicity' && payableAt(r, now) ? '公示期满待拨付' : POLICY_APPLICATION_STATUS_LABELS[r.status],
    estimatedAmountFen: r.estimated_amount_fen === null ? null : Number(r.estimated_amount_fen),
    requestedAmountFen: r.requested_amount_fen === null ? null : Number(r.requested_amount_fen),
    approvedAmountFen: r.approved_amount_fen === null ? null : Number(r.approved_amount_fen),
    paidAmountFen: r.paid_amount_fen === null ? null : Number(r.paid_amount_fen),
    submittedAt: iso(r.submitted_at),
    publicityEndsAt: iso(r.batch_ends_at),
    payable: payableAt(r, now) && openObj === 0,
    voucherNumber: r.voucher_number,
    paidAt: iso(r.paid_at),
    createdAt: iso(r.created_at)!,
    updatedAt: iso(r.updated_at)!,
  };
}

export async function listApplications(ctx: AppContext, actor: Actor, query: ListPolicyApplicationsQuery): Promise<Paged<PolicyApplicationSummary>> {
  const now = ctx.clock.now();
  const scope = applicationReadScope(actor);
  let q = baseQuery(ctx.db).where(inEnterpriseScope<any, any>(scope, 'a.park_id', 'a.enterprise_id'));
  // nobody but the firm itself sees its unsent drafts
  if (scope.kind === 'park') q = q.where('a.status', '!=', 'draft');
  if (query.status && query.status.length > 0) q = q.where('a.status', 'in', query.status);
  if (query.queue === 'first') q = q.where('a.status', '=', 'submitted');
  if (query.queue === 'second') q = q.where('a.status', '=', 'first_passed');
  if (query.queue === 'publicity') q = q.where('a.status', '=', 'approved');
  if (query.queue === 'payout') q = q.where('a.status', '=', 'publicity').where('b.ends_at', '<', now);
  if (query.policyId) q = q.where('a.policy_id', '=', query.policyId);
  if (query.enterpriseId) q = q.where('a.enterprise_id', '=', query.enterpriseId);
  if (query.from) q = q.where('a.created_at', '>=', startOfShanghaiDay(query.from));
  if (query.to) q = q.where('a.created_at', '<=', endOfShanghaiDay(query.to));
  if (query.q) {
    const like = `%${escapeLike(query.q)}%`;
    q = q.where((eb) => eb.or([eb('a.number', 'ilike', like), eb('e.name', 'ilike', like), eb('p.title', 'ilike', like), eb('e.uscc', 'ilike', like)]));
  }
  const total = await q.clearSelect().select(sql<number>`count(*)::int`.as('n')).executeTakeFirst();
  const order = query.queue ? 'asc' : 'desc';
  const rows = (await q
    .orderBy(query.queue ? 'a.submitted_at' : 'a.updated_at', order)
    .orderBy('a.number', 'desc')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute()) as AppWithNames[];
  const blocked = await objectionBlocked(ctx.db, actor.parkId, rows.filter((r) => r.status === 'publicity'));
  return { items: rows.map((r) => presentSummary(r, now, blocked.has(r.id) ? 1 : 0)), total: Number(total?.n ?? 0), page: query.page, pageSize: query.pageSize };
}

/** Applications (of a page) held up by an open objection on themselves or on their whole batch. */
async function objectionBlocked(db: Executor, parkId: string, rows: Array<{ id: string; publicity_batch_id: string | null }>): Promise<Set<string>> {
  const batches = [...new Set(rows.map((r) => r.publicity_batch_id).filter((b): b is string => !!b))];
  if (batches.length === 0) return new Set();
  const open = await db.selectFrom('policy_objections').select(['batch_id', 'application_id']).where('park_id', '=', parkId).where('batch_id', 'in', batches).where('status', '=', 'open').execute();
  return new Set(rows.filter((r) => open.some((o) => o.batch_id === r.publicity_batch_id && (o.application_id === null || o.application_id === r.id))).map((r) => r.id));
}

/** All rows for the Excel export (same filters, at most 20,000). */
export async function exportApplicationRows(ctx: AppContext, actor: Actor, query: Omit<ListPolicyApplicationsQuery, 'page' | 'pageSize'>): Promise<PolicyApplicationSummary[]> {
  const page = await listApplications(ctx, actor, { ...query, page: 1, pageSize: 20_000 } as ListPolicyApplicationsQuery);
  return page.items;
}

function presentEvent(row: StoredCaseEvent): PolicyApplicationEvent {
  return presentCaseEvent(row, POLICY_APPLICATION_EVENT_LABELS);
}

function maskAccount(no: string | null): string | null {
  if (!no) return null;
  return no.length <= 8 ? no : `${no.slice(0, 4)} **** **** ${no.slice(-4)}`;
}

export async function getApplication(ctx: AppContext, actor: Actor, id: string): Promise<PolicyApplicationDetail> {
  const row = await findApplication(ctx.db, actor, id);
  const scope = applicationReadScope(actor);
  if (scope.kind === 'park' && row.status === 'draft' && row.created_by !== actor.userId) throw notFound('申报');
  const now = ctx.clock.now();
  const [events, files, version, openObj] = await Promise.all([
    applicationEvents.list(ctx.db, row.park_id, id),
    ctx.db
      .selectFrom('policy_application_files')
      .select(['id', 'material', 'filename', 'content_type', 'size', 'created_at'])
      .where('park_id', '=', row.park_id)
      .where('application_id', '=', id)
      .orderBy('created_at')
      .execute(),
    ctx.db.selectFrom('policy_versions').select(['materials', 'rule']).where('id', '=', row.version_id).executeTakeFirstOrThrow(),
    openObjections(ctx.db, row.park_id, row),
  ]);
  const names = await userNames(ctx.db, [row.first_reviewed_by, row.second_reviewed_by, row.paid_by]);
  const parties = partiesOf(actor, row);
  const presentFile = (f: (typeof files)[number]): PolicyApplicationFile => ({ id: f.id, material: f.material, filename: f.filename, contentType: f.content_type, size: f.size, uploadedAt: iso(f.created_at)! });
  const materials = ((version.materials as PolicyMaterial[]) ?? []).map((m) => ({ ...m, files: files.filter((f) => f.material === m.name).map(presentFile) }));
  const evaluation = row.evaluation as PolicyApplicationDetail['evaluation'];
  const seesAccount = parties.has('applicant') || can(actor, 'payout:execute');
  const canPayout = can(actor, 'payout:execute') && payableAt(row, now) && openObj === 0;
  return {
    ...presentSummary(row, now, openObj),
    exclusionKey: row.exclusion_key,
    amountOverrideReason: row.amount_override_reason,
    form: (row.form as Record<string, unknown>) ?? {},
    evaluation: evaluation ?? null,
    persons: ((row.persons as StoredPerson[]) ?? []).map((p) => ({ name: p.name, idMasked: p.idMasked, category: p.category ?? null })),
    perPerson: perPersonOf(version.rule as PolicyRule | null),
    accountName: row.account_name,
    bankName: row.bank_name,
    accountNo: seesAccount ? row.account_no : maskAccount(row.account_no),
    contactName: row.contact_name,
    contactPhone: row.contact_phone,
    note: row.note,
    returnReason: row.return_reason,
    returnCount: row.return_count,
    rejectReason: row.reject_reason,
    materials,
    files: files.map(presentFile),
    timeline: events.map(presentEvent),
    firstReviewedByName: row.first_reviewed_by ? (names.get(row.first_reviewed_by) ?? null) : null,
    firstReviewedAt: iso(row.first_reviewed_at),
    secondReviewedByName: row.second_reviewed_by ? (names.get(row.second_reviewed_by) ?? null) : null,
    secondReviewedAt: iso(row.second_reviewed_at),
    publicityBatchId: row.publicity_batch_id,
    publicityStartsAt: iso(row.batch_starts_at),
    payoutId: row.payout_id,
    paidByName: row.paid_by ? (names.get(row.paid_by) ?? null) : null,
    allowedActions: applicationWorkflow.allowedActions(row, parties),
    canPayout,
    canEdit: parties.has('applicant') && (row.status === 'draft' || row.status === 'returned'),
    step: stepOf(row.status),
  };
}

// ---------------------------------------------------------------------------------------------
// Deciding
// ---------------------------------------------------------------------------------------------

type Evaluated = { decision: Decision; ap: ActivePolicy; asOf: string };

/** The decision of the version in force today for the firm (with the claimed persons' count). */
async function evaluateNow(db: Executor, parkId: string, policyId: string, enterpriseId: string, now: Date, personCount?: number): Promise<Evaluated | null> {
  const asOf = shanghaiDate(now);
  const [ap] = await loadActivePolicies(db, parkId, asOf, [policyId]);
  if (!ap) return null;
  const [loaded] = await loadMatchingSubjects(db, parkId, { enterpriseIds: [enterpriseId] });
  if (!loaded) return null;
  const subject = personCount !== undefined && ap.rule.payment.perPerson ? withPersonCount(loaded, ap.rule, asOf, personCount) : loaded;
  const catalogue = await loadCatalogue(db, parkId);
  const paid = await loadPaidIndex(db, parkId, [enterpriseId]);
  return { decision: decideFor(ap, subject, asOf, catalogue, paid), ap, asOf };
}

function evaluationJson(e: Evaluated): string {
  return json({ status: e.decision.status, amountFen: e.decision.amountFen, reasons: e.decision.reasons, missing: e.decision.missing, asOf: e.asOf, versionId: e.ap.version.id });
}

/** The form: the firm's basics and every fact the rule reads (label, year, value), for the firm to check. */
async function prefillForm(db: Executor, parkId: string, enterpriseId: string, rule: PolicyRule, asOf: string): Promise<Record<string, unknown>> {
  const firm = await db
    .selectFrom('enterprises')
    .select(['name', 'uscc', 'legal_representative', 'contact_name', 'contact_phone', 'address', 'headcount', 'annual_revenue_fen'])
    .where('park_id', '=', parkId)
    .where('id', '=', enterpriseId)
    .executeTakeFirstOrThrow();
  const defs = new Map((await factDefinitions(db, parkId)).map((d) => [d.key, d]));
  const refs = factRefs(rule);
  const rows = refs.length
    ? await db
        .selectFrom('enterprise_facts')
        .selectAll()
        .where('park_id', '=', parkId)
        .where('enterprise_id', '=', enterpriseId)
        .where('key', 'in', [...new Set(refs.map((r) => r.key))])
        .execute()
    : [];
  const year = Number(asOf.slice(0, 4));
  const form: Record<string, unknown> = {
    enterpriseName: firm.name,
    uscc: firm.uscc,
    legalRepresentative: firm.legal_representative,
    address: firm.address,
    headcount: firm.headcount,
  };
  for (const r of refs) {
    const def = defs.get(r.key);
    const y = resolveFactYear(r.year, year);
    const latest = def?.period === 'latest';
    const row = rows.filter((x) => x.key === r.key && (latest ? x.year <= y : x.year === y)).sort((a, b) => b.year - a.year)[0];
    form[`${r.key}@${latest ? 'latest' : y}`] = row ? factValueOf(row) : null;
  }
  return form;
}

// ---------------------------------------------------------------------------------------------
// Creating and editing
// ---------------------------------------------------------------------------------------------

/** One event on the 申报 timeline as the case kit writes it (the system actor is named, not linked). */
export function applicationEvent(
  actor: Actor | null,
  action: PolicyApplicationEventAction,
  from: PolicyApplicationStatus | null,
  to: PolicyApplicationStatus | null,
  note: string | null,
  data: Record<string, unknown> | null,
  now: Date,
): CaseEvent {
  return {
    action,
    from_status: from,
    to_status: to,
    actor_id: actor && actor.userId !== '00000000-0000-0000-0000-000000000000' ? actor.userId : null,
    actor_name: actor?.displayName ?? '系统',
    actor_role: actor ? roleOf(actor) : null,
    note,
    data,
    at: now,
  };
}

export function roleOf(actor: Actor): string {
  const order = ['enterprise', 'liaison', 'policy_officer', 'admin', 'leader'] as const;
  return order.find((r) => hasRole(actor, r)) ?? actor.roles[0] ?? 'user';
}

function snapshot(a: PolicyApplicationRow): Record<string, unknown> {
  return {
    number: a.number,
    status: a.status,
    policyId: a.policy_id,
    versionId: a.version_id,
    enterpriseId: a.enterprise_id,
    periodKey: a.period_key,
    estimatedAmountFen: a.estimated_amount_fen,
    requestedAmountFen: a.requested_amount_fen,
    approvedAmountFen: a.approved_amount_fen,
    paidAmountFen: a.paid_amount_fen,
    accountName: a.account_name,
    bankName: a.bank_name,
    persons: ((a.persons as StoredPerson[]) ?? []).map((p) => p.idMasked),
    reservationId: a.reservation_id,
    payoutId: a.payout_id,
  };
}

/** Where 申报 cases live, for the case kit's conditional update, timeline and audit. */
const applicationStore: CaseStore<PolicyApplicationRow> = { table: 'policy_applications', entity: 'policy_application', subject: '申报', events: applicationEvents, snapshot };

async function firmUsers(trx: Executor, parkId: string, enterpriseId: string): Promise<string[]> {
  return (await enterpriseUserIds(trx, parkId, [enterpriseId])).get(enterpriseId) ?? [];
}

export async function createApplication(ctx: AppContext, actor: Actor, input: { policyId: string; enterpriseId?: string; periodKey?: string }): Promise<PolicyApplicationDetail> {
  const scope = enterpriseScopeOf(actor);
  const enterpriseId = input.enterpriseId ?? (scope.kind === 'enterprise' ? scope.enterpriseId : null);
  if (!enterpriseId) throw new AppError('VALIDATION_FAILED', '请选择申报企业', [{ path: 'enterpriseId', message: '请选择企业' }]);
  const now = ctx.clock.now();
  const id = await ctx.db.transaction().execute(async (trx) => {
    const firm = await findFirm(trx, actor.parkId, enterpriseId);
    if (!firm) throw new AppError('VALIDATION_FAILED', '企业不存在', [{ path: 'enterpriseId', message: '企业不存在' }]);
    if (!partiesOf(actor, { enterprise_id: firm.id, liaison_id: firm.liaison_id }).has('applicant')) {
      if (scope.kind === 'enterprise') throw forbidden('只能为本企业申报');
      throw forbidden('只能为您服务的企业代办申报');
    }
    const policy = await trx.selectFrom('policies').selectAll().where('park_id', '=', actor.parkId).where('id', '=', input.policyId).executeTakeFirst();
    if (!policy || policy.status !== 'published') throw new AppError('VALIDATION_FAILED', '政策不存在或未发布', [{ path: 'policyId', message: '政策不存在或未发布' }]);
    if (policy.mode === 'auto') throw invalidState('该政策为免申即享,无需申报:符合条件的企业由系统自动兑现,届时确认收款账户即可');
    const evaluated = await evaluateNow(trx, actor.parkId, policy.id, firm.id, now);
    if (!evaluated) throw invalidState('该政策当前不在有效期内,不能申报');
    const d = evaluated.decision;
    if (d.status === 'ineligible') {
      throw invalidState(`根据现有数据,贵企业暂不符合该政策条件:${d.reasons.slice(-3).join(';')}。如数据有误,请先更新企业数据`);
    }
    const periodKey = input.periodKey ?? d.periodKey;
    if (!periodKey) throw new AppError('VALIDATION_FAILED', '请填写兑现期间', [{ path: 'periodKey', message: '请填写兑现期间' }]);
    const existing = await trx
      .selectFrom('policy_applications')
      .select(['number', 'status'])
      .where('park_id', '=', actor.parkId)
      .where('enterprise_id', '=', firm.id)
      .where('policy_id', '=', policy.id)
      .where('period_key', '=', periodKey)
      .where('status', 'not in', ['rejected', 'withdrawn'])
      .executeTakeFirst();
    if (existing) throw conflict(`该企业${periodLabel(periodKey)}已有此政策的申报(${existing.number},${POLICY_APPLICATION_STATUS_LABELS[existing.status]}),不能重复申报`);
    const day = shanghaiDate(now).replaceAll('-', '');
    const number = `ZC${day}-${String(await nextNumber(trx, actor.parkId, 'application', day)).padStart(4, '0')}`;
    const account = await lastAccountOf(trx, actor.parkId, firm.id);
    const contact = await trx.selectFrom('enterprises').select(['contact_name', 'contact_phone']).where('id', '=', firm.id).executeTakeFirstOrThrow();
    const row = await trx
      .insertInto('policy_applications')
      .values({
        park_id: actor.parkId,
        number,
        policy_id: policy.id,
        version_id: evaluated.ap.version.id,
        enterprise_id: firm.id,
        period_key: periodKey,
        exclusion_key: exclusionKeyOf(evaluated.ap.rule, policy.id),
        status: 'draft',
        estimated_amount_fen: d.amountFen,
        requested_amount_fen: d.amountFen,
        form: json(await prefillForm(trx, actor.parkId, firm.id, evaluated.ap.rule, evaluated.asOf)),
        evaluation: evaluationJson(evaluated),
        account_name: account?.accountName ?? firm.name,
        bank_name: account?.bankName ?? null,
        account_no: account?.accountNo ?? null,
        contact_name: contact.contact_name,
        contact_phone: contact.contact_phone,
        created_by: actor.userId,
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await applicationEvents.write(trx, row.park_id, row.id, [applicationEvent(actor, 'create', null, 'draft', null, { estimatedAmountFen: d.amountFen, status: d.status, versionId: evaluated.ap.version.id }, now)]);
    await recordAudit(trx, actor, actor.parkId, [{ action: 'create', entity: 'policy_application', entityId: row.id, before: null, after: snapshot(row) }], now);
    return row.id;
  });
  return getApplication(ctx, actor, id);
}

function assertEditable(actor: Actor, app: AppWithNames): void {
  if (!partiesOf(actor, app).has('applicant')) throw forbidden('只有申报企业或其驻企专员可以修改申报');
  if (app.status !== 'draft' && app.status !== 'returned') throw invalidState(`申报当前状态为“${POLICY_APPLICATION_STATUS_LABELS[app.status]}”,不能修改`);
}

export async function updateApplication(ctx: AppContext, actor: Actor, id: string, input: z.output<typeof ZUpdatePolicyApplicationRequest>): Promise<PolicyApplicationDetail> {
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const app = await findApplication(trx, actor, id, { forUpdate: true });
    assertEditable(actor, app);
    const patch: Updateable<PolicyApplicationsTable> = { updated_at: now };
    if (input.requestedAmountFen !== undefined) patch.requested_amount_fen = input.requestedAmountFen;
    if (input.accountName !== undefined) patch.account_name = input.accountName;
    if (input.bankName !== undefined) patch.bank_name = input.bankName;
    if (input.accountNo !== undefined) patch.account_no = input.accountNo;
    if (input.contactName !== undefined) patch.contact_name = input.contactName ?? null;
    if (input.contactPhone !== undefined) patch.contact_phone = input.contactPhone ?? null;
    if (input.note !== undefined) patch.note = input.note ?? null;
    if (input.form !== undefined) patch.form = json({ ...((app.form as Record<string, unknown>) ?? {}), ...input.form });
    if (input.persons !== undefined) {
      const stored = toStoredPersons(app.park_id, input.persons);
      patch.persons = json(stored);
      const evaluated = await evaluateNow(trx, app.park_id, app.policy_id, app.enterprise_id, now, stored.length);
      if (evaluated && evaluated.ap.rule.payment.perPerson) {
        patch.estimated_amount_fen = evaluated.decision.amountFen;
        patch.evaluation = evaluationJson(evaluated);
        if (input.requestedAmountFen === undefined) patch.requested_amount_fen = evaluated.decision.amountFen;
      }
    }
    const updated = await trx.updateTable('policy_applications').set(patch).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
    await recordAudit(trx, actor, app.park_id, [{ action: 'update', entity: 'policy_application', entityId: id, before: snapshot(app), after: snapshot(updated) }], now);
  });
  return getApplication(ctx, actor, id);
}

export type Upload = { filename: string; buffer: Buffer };

export async function addFiles(ctx: AppContext, actor: Actor, id: string, files: Upload[], material: string | null): Promise<PolicyApplicationDetail> {
  if (files.length === 0) throw new AppError('VALIDATION_FAILED', '请选择要上传的文件', [{ path: 'file', message: '请选择要上传的文件' }]);
  const checked = files.map((f) => ({ ...checkUpload('attachment', f.filename, f.buffer), buffer: f.buffer }));
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const app = await findApplication(trx, actor, id, { forUpdate: true });
    assertEditable(actor, app);
    if (material) {
      const v = await trx.selectFrom('policy_versions').select('materials').where('id', '=', app.version_id).executeTakeFirstOrThrow();
      const names = ((v.materials as PolicyMaterial[]) ?? []).map((m) => m.name);
      if (!names.includes(material)) throw new AppError('VALIDATION_FAILED', `“${material}”不是该政策要求的申报材料`, [{ path: 'material', message: '材料名称不存在' }]);
    }
    const count = await trx.selectFrom('policy_application_files').select(sql<number>`count(*)::int`.as('n')).where('park_id', '=', app.park_id).where('application_id', '=', id).executeTakeFirst();
    if (Number(count?.n ?? 0) + checked.length > 30) throw new AppError('VALIDATION_FAILED', '每件申报最多30个材料文件', [{ path: 'file', message: '文件过多' }]);
    const saved = await trx
      .insertInto('policy_application_files')
      .values(checked.map((f, i) => ({ park_id: app.park_id, application_id: id, material, filename: f.filename, content_type: f.contentType, size: f.buffer.length, data: f.buffer, uploaded_by: actor.userId, created_at: new Date(now.getTime() + i) })))
      .returning(['id', 'filename', 'size'])
      .execute();
    await applicationEvents.write(trx, app.park_id, app.id, [applicationEvent(actor, 'attach', app.status, app.status, saved.map((s) => s.filename).join('、'), { material, files: saved }, now)]);
    await recordAudit(trx, actor, app.park_id, saved.map((s) => ({ action: 'attach', entity: 'policy_application', entityId: id, before: null, after: { fileId: s.id, filename: s.filename, size: s.size, material } })), now);
  });
  return getApplication(ctx, actor, id);
}

export async function readFile(ctx: AppContext, actor: Actor, id: string, fileId: string) {
  const app = await findApplication(ctx.db, actor, id);
  const file = await ctx.db.selectFrom('policy_application_files').selectAll().where('park_id', '=', app.park_id).where('application_id', '=', id).where('id', '=', fileId).executeTakeFirst();
  if (!file) throw notFound('材料');
  return file;
}

export async function deleteFile(ctx: AppContext, actor: Actor, id: string, fileId: string): Promise<void> {
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const app = await findApplication(trx, actor, id, { forUpdate: true });
    assertEditable(actor, app);
    const file = await trx.selectFrom('policy_application_files').select(['id', 'filename', 'material']).where('park_id', '=', app.park_id).where('application_id', '=', id).where('id', '=', fileId).executeTakeFirst();
    if (!file) throw notFound('材料');
    await trx.deleteFrom('policy_application_files').where('id', '=', fileId).execute();
    await recordAudit(trx, actor, app.park_id, [{ action: 'detach', entity: 'policy_application', entityId: id, before: { fileId, filename: file.filename, material: file.material }, after: null }], now);
  });
}

// ---------------------------------------------------------------------------------------------
// Transitions
// ---------------------------------------------------------------------------------------------

async function claimPersons(trx: Executor, app: AppWithNames, persons: StoredPerson[], now: Date): Promise<void> {
  await trx.deleteFrom('policy_person_claims').where('park_id', '=', app.park_id).where('application_id', '=', app.id).execute();
  if (persons.length === 0) return;
  const taken = await trx
    .selectFrom('policy_person_claims as c')
    .innerJoin('enterprises as e', 'e.id', 'c.enterprise_id')
    .select(['c.person_hash', 'c.person_masked', 'c.person_name', 'e.name as firm'])
    .where('c.park_id', '=', app.park_id)
    .where('c.exclusion_key', '=', app.exclusion_key)
    .where('c.person_hash', 'in', persons.map((p) => p.idHash))
    .execute();
  const conflictOf = (hashes: Set<string>) => {
    const list = persons.filter((p) => hashes.has(p.idHash));
    const idx = persons.findIndex((p) => hashes.has(p.idHash));
    return conflict(
      `${list.map((p) => `${p.name}(${p.idMasked})`).join('、')}已由其他企业申报享受,同一人员只能在一家企业享受`,
      [{ path: `persons.${Math.max(0, idx)}.idNumber`, message: '该人员已由其他企业享受' }],
    );
  };
  if (taken.length > 0) throw conflictOf(new Set(taken.map((t) => t.person_hash)));
  const inserted = await trx
    .insertInto('policy_person_claims')
    .values(persons.map((p) => ({ park_id: app.park_id, exclusion_key: app.exclusion_key, person_hash: p.idHash, person_masked: p.idMasked, person_name: p.name, enterprise_id: app.enterprise_id, application_id: app.id, created_at: now })))
    // a concurrent claim committed first: the unique index decides, and we report who was taken
    .onConflict((oc) => oc.doNothing())
    .returning('person_hash')
    .execute();
  if (inserted.length !== persons.length) {
    const got = new Set(inserted.map((r) => r.person_hash));
    throw conflictOf(new Set(persons.filter((p) => !got.has(p.idHash)).map((p) => p.idHash)));
  }
}

async function releaseClaims(trx: Executor, app: { park_id: string; id: string }): Promise<void> {
  await trx.deleteFrom('policy_person_claims').where('park_id', '=', app.park_id).where('application_id', '=', app.id).execute();
}

function amountCheck(amount: number, computed: number | null, reason: string | null | undefined, label: string): void {
  if (computed !== null && amount > computed && !reason) {
    throw new AppError('VALIDATION_FAILED', `${label}${yuan(amount)}超过按政策规则测算的${yuan(computed)},如确需超出请填写理由`, [{ path: 'overrideReason', message: '超出测算金额须填写理由' }]);
  }
  if (computed === null && !reason) {
    throw new AppError('VALIDATION_FAILED', `按现有数据无法测算金额,核定${yuan(amount)}须填写理由`, [{ path: 'overrideReason', message: '请填写核定金额的依据' }]);
  }
}

/** `POST /api/policy-applications/:id/transitions`: 404 out of scope, 409 wrong state, 403 wrong person, 400 missing input. */
export async function transitionApplication(ctx: AppContext, actor: Actor, id: string, input: z.output<typeof ZPolicyApplicationTransitionRequest>): Promise<PolicyApplicationDetail> {
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const app = await findApplication(trx, actor, id, { forUpdate: true });
    const scope = applicationReadScope(actor);
    const parties = partiesOf(actor, app);
    if (scope.kind === 'park' && app.status === 'draft' && !parties.has('applicant')) throw notFound('申报');
    // 409 wrong state, 403 wrong person, 400 the note a return or a rejection needs
    const t = applicationWorkflow.check(app, input.action, parties, input);
    const event = applicationWorkflow.eventOf(t) as PolicyApplicationEventAction;
    const note = input.note?.trim() || null;
    const patch: Updateable<PolicyApplicationsTable> = { updated_at: now };
    const data: Record<string, unknown> = {};
    const notes: NotificationInput[] = [];
    const link = applicationLink(id);
    const toFirm = async (title: string, body: string, sms = false) => {
      for (const userId of await firmUsers(trx, app.park_id, app.enterprise_id)) notes.push({ parkId: app.park_id, userId, kind: `policy-application.${event}`, title, body, link: firmApplicationLink(id), sms });
      if (app.liaison_id && app.liaison_id !== actor.userId && (event.endsWith('return') || event.endsWith('reject'))) {
        notes.push({ parkId: app.park_id, userId: app.liaison_id, kind: `policy-application.${event}`, title, body: `${app.enterprise_name}:${body}`, link });
      }
    };
    const toReviewers = async (title: string, body: string) => {
      for (const userId of await usersWithRoles(trx, app.park_id, ['policy_officer'])) if (userId !== actor.userId) notes.push({ parkId: app.park_id, userId, kind: `policy-application.${event}`, title, body, link });
    };

    switch (event) {
      case 'submit':
      case 'resubmit': {
        if (!app.account_name || !app.bank_name || !app.account_no) {
          throw new AppError('VALIDATION_FAILED', '请填写完整的收款账户(开户名称、开户银行、银行账号)', [{ path: 'accountNo', message: '请填写收款账户' }]);
        }
        const version = await trx.selectFrom('policy_versions').select(['materials']).where('id', '=', app.version_id).executeTakeFirstOrThrow();
        const files = await trx.selectFrom('policy_application_files').select('material').where('park_id', '=', app.park_id).where('application_id', '=', id).execute();
        const missingMaterials = ((version.materials as PolicyMaterial[]) ?? []).filter((m) => m.required && !files.some((f) => f.material === m.name));
        if (missingMaterials.length > 0) {
          throw new AppError('VALIDATION_FAILED', `请上传申报材料:${missingMaterials.map((m) => m.name).join('、')}`, missingMaterials.map((m) => ({ path: 'file', message: `缺少“${m.name}”` })));
        }
        const persons = (app.persons as StoredPerson[]) ?? [];
        const evaluated = await evaluateNow(trx, app.park_id, app.policy_id, app.enterprise_id, now, persons.length);
        if (!evaluated) throw invalidState('该政策已不在有效期内,不能提交');
        if (evaluated.ap.rule.payment.perPerson && persons.length === 0) {
          throw new AppError('VALIDATION_FAILED', '该政策按人计发,请填写享受补贴的人员名单', [{ path: 'persons', message: '请填写人员名单' }]);
        }
        if (evaluated.decision.status === 'ineligible') throw invalidState(`根据现有数据暂不符合该政策条件:${evaluated.decision.reasons.slice(-3).join(';')}`);
        if (evaluated.ap.rule.payment.perPerson?.uniqueAcrossEnterprises !== false) await claimPersons(trx, app, persons, now);
        const requested = app.requested_amount_fen === null ? evaluated.decision.amountFen : Number(app.requested_amount_fen);
        if (requested !== null && evaluated.decision.amountFen !== null && requested > evaluated.decision.amountFen) {
          throw new AppError('VALIDATION_FAILED', `申请金额${yuan(requested)}超过按政策测算的${yuan(evaluated.decision.amountFen)}`, [{ path: 'requestedAmountFen', message: '超过测算金额' }]);
        }
        Object.assign(patch, {
          submitted_at: now,
          estimated_amount_fen: evaluated.decision.amountFen,
          requested_amount_fen: requested,
          evaluation: evaluationJson(evaluated),
          // a resubmission is decided under the version in force now
          version_id: evaluated.ap.version.id,
        });
        data.estimatedAmountFen = evaluated.decision.amountFen;
        data.status = evaluated.decision.status;
        await toReviewers(`新申报待初审 ${app.number}`, `${app.enterprise_name}申报“${app.policy_title}”${requested ? `,申请${yuan(requested)}` : ''}`);
        break;
      }
      case 'withdraw': {
        await releaseClaims(trx, app);
        if (app.status !== 'draft') await toReviewers(`企业已撤回申报 ${app.number}`, `${app.enterprise_name}撤回了“${app.policy_title}”的申报`);
        break;
      }
      case 'first_pass':
      case 'second_pass': {
        const persons = (app.persons as StoredPerson[]) ?? [];
        const evaluated = await evaluateNow(trx, app.park_id, app.policy_id, app.enterprise_id, now, persons.length);
        // the version the application was submitted under decides; today's evaluation informs the reviewer
        const computed = (app.evaluation as { amountFen?: number | null } | null)?.amountFen ?? evaluated?.decision.amountFen ?? null;
        const amount = input.amountFen ?? (app.approved_amount_fen !== null ? Number(app.approved_amount_fen) : null) ?? (app.requested_amount_fen !== null ? Number(app.requested_amount_fen) : null) ?? computed;
        if (amount === null || amount <= 0) throw new AppError('VALIDATION_FAILED', '请填写核定金额', [{ path: 'amountFen', message: '请填写核定金额' }]);
        amountCheck(amount, computed === null ? null : Number(computed), input.overrideReason, '核定金额');
        Object.assign(patch, { approved_amount_fen: amount, ...(input.overrideReason ? { amount_override_reason: input.overrideReason } : {}) });
        data.amountFen = amount;
        if (input.overrideReason) data.overrideReason = input.overrideReason;
        if (event === 'first_pass') {
          Object.assign(patch, { first_reviewed_by: actor.userId, first_reviewed_at: now });
          await toFirm(`申报初审通过 ${app.number}`, `“${app.policy_title}”初审通过,核定${yuan(amount)},进入复审。`);
        } else {
          if (!app.fund_id) throw invalidState('该政策未指定资金来源,不能复审通过');
          // 复审通过 sets the money aside: the fund cannot be promised twice
          const reservation = await reserveFunds(trx, ctx, actor, {
            parkId: app.park_id,
            fundId: app.fund_id,
            enterpriseId: app.enterprise_id,
            amountFen: amount,
            source: 'policy_application',
            sourceId: app.id,
            memo: `${app.number} ${app.enterprise_name} ${app.policy_title}`,
            now,
          });
          Object.assign(patch, { second_reviewed_by: actor.userId, second_reviewed_at: now, reservation_id: reservation.reservationId });
          await toFirm(`申报复审通过 ${app.number}`, `“${app.policy_title}”复审通过,核定${yuan(amount)},将进行为期5个工作日的公示。`);
        }
        break;
      }
      case 'first_return':
      case 'second_return': {
        Object.assign(patch, { return_reason: note, return_count: app.return_count + 1, approved_amount_fen: null });
        await toFirm(`申报被退回补正 ${app.number}`, `“${app.policy_title}”需补正:${note}。请修改后重新提交。`, true);
        break;
      }
      case 'first_reject':
      case 'second_reject': {
        Object.assign(patch, { reject_reason: note });
        await releaseClaims(trx, app);
        await toFirm(`申报未通过 ${app.number}`, `“${app.policy_title}”未通过审核:${note}`, true);
        break;
      }
      default:
        break;
    }
    await commitTransition(trx, ctx, actor, applicationStore, {
      row: app,
      to: applicationWorkflow.target(t, app, input),
      patch,
      now,
      event: { action: event, actorRole: roleOf(actor), note, data },
      notes,
    });
  });
  return getApplication(ctx, actor, id);
}

// ---------------------------------------------------------------------------------------------
// 拨付
// ---------------------------------------------------------------------------------------------

/**
 * `POST /api/policy-applications/:id/payout` (payout:execute): after the 公示 period with no open
 * objection. recordPayout takes the reserved money, writes the ledger entry and the voucher number
 * in this transaction; the payouts table's unique indexes refuse a second payout of the firm for
 * the same policy (or exclusion group) and period, even from a concurrent request.
 */
export async function payApplication(ctx: AppContext, actor: Actor, id: string, input: z.output<typeof ZPolicyApplicationPayoutRequest>): Promise<PolicyApplicationDetail> {
  if (!can(actor, 'payout:execute')) throw forbidden('没有资金拨付的权限');
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const app = await findApplication(trx, actor, id, { forUpdate: true });
    if (app.status === 'paid') throw conflict(`申报 ${app.number} 已于${shanghaiDate(new Date(app.paid_at!))}拨付(凭证号 ${app.voucher_number}),不能重复拨付`);
    if (app.status !== 'publicity') throw invalidState(`申报当前状态为“${POLICY_APPLICATION_STATUS_LABELS[app.status]}”,公示期满后才能拨付`);
    if (!payableAt(app, now)) throw invalidState(`公示期至${shanghaiDate(new Date(app.batch_ends_at!))}止,期满后才能拨付`);
    if ((await openObjections(trx, app.park_id, app)) > 0) throw invalidState('公示期内收到的异议尚未处理完毕,不能拨付');
    if (!app.fund_id) throw invalidState('该政策未指定资金来源,不能拨付');
    const approved = Number(app.approved_amount_fen ?? 0);
    const amount = input.amountFen ?? approved;
    if (amount <= 0) throw new AppError('VALIDATION_FAILED', '拨付金额应大于0', [{ path: 'amountFen', message: '拨付金额应大于0' }]);
    if (amount > approved && !input.overrideReason) {
      throw new AppError('VALIDATION_FAILED', `拨付金额${yuan(amount)}超过核定金额${yuan(approved)},如确需超出请填写理由`, [{ path: 'overrideReason', message: '超出核定金额须填写理由' }]);
    }
    const reservationId = amount <= approved ? app.reservation_id : null;
    const result = await recordPayout(trx, ctx, actor, {
      parkId: app.park_id,
      fundId: app.fund_id,
      enterpriseId: app.enterprise_id,
      amountFen: amount,
      policyId: app.policy_id,
      policyVersionId: app.version_id,
      periodKey: app.period_key,
      exclusionKey: app.exclusion_key,
      source: 'policy_application',
      sourceId: app.id,
      account: { accountName: input.accountName, bankName: input.bankName, accountNo: input.accountNo },
      memo: input.memo ?? `${app.number} ${app.policy_title}`,
      now,
      reservationId,
    });
    // what was reserved and not paid goes back to the fund
    if (app.reservation_id) await releaseReservation(trx, ctx, actor, { parkId: app.park_id, reservationId: app.reservation_id, memo: `${app.number} 拨付后释放余额`, now });
    const updated = await trx
      .updateTable('policy_applications')
      .set({
        status: 'paid',
        paid_amount_fen: amount,
        payout_id: result.payoutId,
        voucher_number: result.voucherNumber,
        paid_at: now,
        paid_by: actor.userId,
        account_name: input.accountName,
        bank_name: input.bankName,
        account_no: input.accountNo,
        ...(input.overrideReason ? { amount_override_reason: input.overrideReason } : {}),
        updated_at: now,
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await applicationEvents.write(trx, app.park_id, app.id, [applicationEvent(actor, 'payout', 'publicity', 'paid', input.memo ?? null, { amountFen: amount, voucherNumber: result.voucherNumber, payoutId: result.payoutId }, now)]);
    await recordAudit(trx, actor, app.park_id, [{ action: 'payout', entity: 'policy_application', entityId: id, before: snapshot(app), after: snapshot(updated) }], now);
    const users = await firmUsers(trx, app.park_id, app.enterprise_id);
    await ctx.notifier.notify(
      trx,
      users.map((userId) => ({
        parkId: app.park_id,
        userId,
        kind: 'policy-application.paid',
        title: `政策资金已拨付 ${app.number}`,
        body: `“${app.policy_title}”${yuan(amount)}已拨付至${input.bankName}账户(尾号${input.accountNo.slice(-4)}),凭证号 ${result.voucherNumber}。`,
        link: firmApplicationLink(id),
        sms: true,
      })),
    );
    await refreshEnterpriseMatches(trx, app.park_id, [app.enterprise_id], now);
  });
  return getApplication(ctx, actor, id);
}

/** A reversed payout (退回) makes the application payable again. */
export async function onApplicationPayoutReversed(trx: Executor, actor: Actor, payout: { parkId: string; sourceId: string; reason: string; now: Date }): Promise<void> {
  const app = await trx.selectFrom('policy_applications').selectAll().where('park_id', '=', payout.parkId).where('id', '=', payout.sourceId).forUpdate().executeTakeFirst();
  if (!app || app.status !== 'paid') return;
  const updated = await trx
    .updateTable('policy_applications')
    .set({ status: 'publicity', paid_amount_fen: null, payout_id: null, voucher_number: null, paid_at: null, paid_by: null, updated_at: payout.now })
    .where('id', '=', app.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await applicationEvents.write(trx, app.park_id, app.id, [applicationEvent(actor, 'payout_reversed', 'paid', 'publicity', `资金退回:${payout.reason}`, { reversed: true, previousVoucher: app.voucher_number }, payout.now)]);
  await recordAudit(trx as Transaction<DB>, actor, payout.parkId, [{ action: 'payout_reversed', entity: 'policy_application', entityId: app.id, before: snapshot(app), after: snapshot(updated) }], payout.now);
}

/** Whether the version the application uses pays per person (then the firm lists the persons). */
function perPersonOf(rule: PolicyRule | null): PolicyApplicationDetail['perPerson'] {
  const per = rule?.payment?.perPerson;
  if (!per) return null;
  const label = BUILTIN_FACT_DEFINITIONS.find((f) => f.key === per.factKey)?.label ?? per.factKey;
  return { factKey: per.factKey, label, uniqueAcrossEnterprises: per.uniqueAcrossEnterprises };
}
