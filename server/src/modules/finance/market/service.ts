import {
  CONSENT_SCOPES,
  NEED_STATUS_LABELS,
  OFFER_ACTION_LABELS,
  OFFER_STATUS_LABELS,
  OPEN_OFFER_STATUSES,
  OFFER_STATUSES,
  formatYuan,
  type BankWorkbenchView,
  type CaseEventView,
  type ConsentScope,
  type FileNeedRequest,
  type ListNeedsQuery,
  type ListOffersQuery,
  type NeedAction,
  type NeedActionRequest,
  type NeedDetailView,
  type NeedStatus,
  type NeedView,
  type OfferAction,
  type OfferActionRequest,
  type OfferDetailView,
  type OfferStatus,
  type OfferView,
  type Paged,
  ZFileNeedRequest,
} from '@yuanqi/contract';
import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../../db/schema.js';
import type { FinanceNeedsTable, FinanceOffersTable } from '../../../db/schema-finance.js';
import { can, type Actor } from '../../../platform/actor.js';
import { recordAudit, type AuditEntry } from '../../../platform/audit.js';
import { shanghaiDate, startOfNextShanghaiDay, startOfShanghaiDay, type WorkingCalendar } from '../../../platform/calendar/index.js';
import type { AppContext } from '../../../platform/context.js';
import { nextDaySequence } from '../../../platform/day-sequences.js';
import { AppError, forbidden, invalidState, notFound } from '../../../platform/errors.js';
import type { NotificationInput } from '../../../platform/notifications.js';
import { enterpriseScopeOf, inEnterpriseScope, type EnterpriseScope } from '../../../platform/scope.js';
import {
  caseEventsTable,
  commitTransition,
  lenientDueAt,
  presentCaseEvent,
  remainingWorkingDays,
  type CaseStore,
  type StoredCaseEvent,
} from '../../../platform/workflow/index.js';
import { parameterOn } from '../parameters.js';
import { needWorkflow, offerWorkflow, type OfferInput } from './workflow.js';

type Executor = Kysely<DB> | Transaction<DB>;
export type NeedRow = Selectable<FinanceNeedsTable>;
export type OfferRow = Selectable<FinanceOffersTable>;

const OPEN: readonly OfferStatus[] = OPEN_OFFER_STATUSES;
const bad = (path: string, message: string) => new AppError('VALIDATION_FAILED', message, [{ path, message }]);

// ------------------------------------------------------------ the kit's stores
// The finance timelines have the kit's common shape (caseEventsTableSql); the kit's name list
// predates them, hence the cast.
export const needEvents = caseEventsTable('finance_need_events', 'need_id');
export const offerEvents = caseEventsTable('finance_offer_events', 'offer_id');

const needSnapshot = (n: NeedRow) => ({
  number: n.number,
  status: n.status,
  amountFen: Number(n.amount_fen),
  termMonths: n.term_months,
  chosenOfferId: n.chosen_offer_id,
  disbursedAmountFen: n.disbursed_amount_fen === null ? null : Number(n.disbursed_amount_fen),
  workingDaysToDisbursement: n.working_days_to_disbursement,
});
const offerSnapshot = (o: OfferRow) => ({
  needId: o.need_id,
  bankId: o.bank_id,
  status: o.status,
  dueAt: o.due_at,
  escalatedAt: o.escalated_at,
  approvedAmountFen: o.approved_amount_fen === null ? null : Number(o.approved_amount_fen),
  approvedRateBp: o.approved_rate_bp,
  approvedTermMonths: o.approved_term_months,
  declineReason: o.decline_reason,
  chosen: o.chosen,
  disbursedAmountFen: o.disbursed_amount_fen === null ? null : Number(o.disbursed_amount_fen),
  disbursedOn: o.disbursed_on,
});
export const needStore: CaseStore<NeedRow> = { table: 'finance_needs', entity: 'finance_need', subject: '融资需求', events: needEvents, snapshot: needSnapshot };
export const offerStore: CaseStore<OfferRow> = { table: 'finance_offers', entity: 'finance_offer', subject: '机构答复', events: offerEvents, snapshot: offerSnapshot };

// ------------------------------------------------------------ who sees what
/**
 * Whose needs and answers the actor sees: a bank account its institution's answers only (and the
 * needs sent to it), staff with finance:read the park, an enterprise its own firm, a liaison its
 * assigned firms. Anything else is not found.
 */
type FinanceScope = { kind: 'bank'; parkId: string; bankId: string } | { kind: 'enterprise'; scope: EnterpriseScope };

function financeScopeOf(actor: Actor): FinanceScope {
  if (can(actor, 'finance:bank') && actor.bankId && !can(actor, 'finance:read')) return { kind: 'bank', parkId: actor.parkId, bankId: actor.bankId };
  if (can(actor, 'finance:read')) return { kind: 'enterprise', scope: { kind: 'park', parkId: actor.parkId } };
  if (can(actor, 'finance:apply')) return { kind: 'enterprise', scope: enterpriseScopeOf(actor) };
  return { kind: 'enterprise', scope: { kind: 'none', parkId: actor.parkId } };
}

function roleOf(actor: Actor): string {
  if (can(actor, 'finance:bank') && actor.bankId) return 'bank';
  if (actor.roles.includes('enterprise')) return 'enterprise';
  if (actor.roles.includes('liaison')) return 'liaison';
  return actor.roles[0] ?? 'staff';
}

/** Whether the actor acts for the firm of a need (its user, its liaison, or finance staff who manage). */
async function actsForFirm(db: Executor, actor: Actor, need: { park_id: string; enterprise_id: string }): Promise<boolean> {
  if (need.park_id !== actor.parkId) return false;
  if (can(actor, 'finance:manage')) return true;
  if (!can(actor, 'finance:apply')) return false;
  const scope = enterpriseScopeOf(actor);
  if (scope.kind === 'park') return true;
  if (scope.kind === 'enterprise') return scope.enterpriseId === need.enterprise_id;
  if (scope.kind === 'liaison') {
    const row = await db.selectFrom('enterprises').select('id').where('park_id', '=', need.park_id).where('id', '=', need.enterprise_id).where('liaison_id', '=', actor.userId).executeTakeFirst();
    return !!row;
  }
  return false;
}

// ------------------------------------------------------------ presenting
const ACTION_LABELS: Record<string, string> = {
  'need.file': '提交融资需求',
  'need.choose': '选择方案',
  'need.withdraw': '撤回需求',
  'need.disbursed': '放款完成',
  'need.sent': '推送至金融机构',
  'offer.sent': '收到融资需求',
  'offer.interest': '有意向',
  'offer.request-materials': '要求补充材料',
  'offer.approve': '批准',
  'offer.decline': '拒绝',
  'offer.disburse': '放款',
  'offer.superseded': '未选用',
  'offer.chosen': '企业选择此方案',
  'offer.escalated': '逾期未答复,已升级',
};

/** Need and answer events in the case kit's shape (no actor ids: a bank reads its answer's timeline). */
function presentEvents<S extends NeedStatus | OfferStatus>(events: StoredCaseEvent[]): CaseEventView<string, S>[] {
  return events.map((e) => presentCaseEvent<string, S>(e, ACTION_LABELS, { actorId: false }));
}

type OfferWithRefs = OfferRow & {
  need_number: string;
  enterprise_name: string;
  bank_name: string;
  need_amount_fen: number;
  need_term_months: number;
  need_purpose: string;
};

function offersWithRefs(db: Executor) {
  return db
    .selectFrom('finance_offers as o')
    .innerJoin('finance_needs as n', (j) => j.onRef('n.park_id', '=', 'o.park_id').onRef('n.id', '=', 'o.need_id'))
    .innerJoin('enterprises as e', 'e.id', 'o.enterprise_id')
    .innerJoin('banks as b', 'b.id', 'o.bank_id')
    .selectAll('o')
    .select(['n.number as need_number', 'e.name as enterprise_name', 'b.name as bank_name', 'n.amount_fen as need_amount_fen', 'n.term_months as need_term_months', 'n.purpose as need_purpose']);
}

function offerAllowed(actor: Actor, o: OfferRow): OfferAction[] {
  if (!(can(actor, 'finance:bank') && actor.bankId === o.bank_id && actor.parkId === o.park_id)) return [];
  return offerWorkflow.allowedActions(o, new Set(['bank'])) as OfferAction[];
}

function presentOffer(o: OfferWithRefs, actor: Actor, now: Date, calendar: WorkingCalendar): OfferView {
  const open = OPEN.includes(o.status);
  const answered = o.answered_at;
  return {
    id: o.id,
    needId: o.need_id,
    needNumber: o.need_number,
    enterpriseId: o.enterprise_id,
    enterpriseName: o.enterprise_name,
    bankId: o.bank_id,
    bankName: o.bank_name,
    status: o.status,
    statusLabel: OFFER_STATUS_LABELS[o.status],
    sentAt: o.sent_at.toISOString(),
    dueAt: o.due_at.toISOString(),
    remainingWorkingDays: open && !answered ? remainingWorkingDays(calendar, now, o.due_at) : null,
    overdue: open && !answered && o.due_at.getTime() < now.getTime(),
    answeredAt: answered ? answered.toISOString() : null,
    answeredOnTime: answered ? answered.getTime() <= o.due_at.getTime() : null,
    escalatedAt: o.escalated_at ? o.escalated_at.toISOString() : null,
    materialsNote: o.materials_note,
    approvedAmountFen: o.approved_amount_fen === null ? null : Number(o.approved_amount_fen),
    approvedRateBp: o.approved_rate_bp,
    approvedTermMonths: o.approved_term_months,
    approvedAt: o.approved_at ? o.approved_at.toISOString() : null,
    declineReason: o.decline_reason,
    chosen: o.chosen,
    disbursedAmountFen: o.disbursed_amount_fen === null ? null : Number(o.disbursed_amount_fen),
    disbursedOn: o.disbursed_on,
    needAmountFen: Number(o.need_amount_fen),
    needTermMonths: o.need_term_months,
    needPurpose: o.need_purpose,
    allowedActions: offerAllowed(actor, o),
  };
}

type NeedWithRefs = NeedRow & { enterprise_name: string; product_name: string | null };

function needsWithRefs(db: Executor) {
  return db
    .selectFrom('finance_needs as n')
    .innerJoin('enterprises as e', 'e.id', 'n.enterprise_id')
    .leftJoin('finance_products as p', 'p.id', 'n.product_id')
    .selectAll('n')
    .select(['e.name as enterprise_name', 'p.name as product_name']);
}

type OfferCounts = { total: number; approved: number; answered: number };

async function offerCountsOf(db: Executor, parkId: string, needIds: string[]): Promise<Map<string, OfferCounts>> {
  const out = new Map<string, OfferCounts>();
  if (needIds.length === 0) return out;
  const rows = await db
    .selectFrom('finance_offers')
    .where('park_id', '=', parkId)
    .where('need_id', 'in', needIds)
    .groupBy('need_id')
    .select([
      'need_id',
      sql<string>`count(*)`.as('total'),
      sql<string>`count(*) filter (where approved_at is not null)`.as('approved'),
      sql<string>`count(*) filter (where answered_at is not null)`.as('answered'),
    ])
    .execute();
  for (const r of rows) out.set(r.need_id, { total: Number(r.total), approved: Number(r.approved), answered: Number(r.answered) });
  return out;
}

function presentNeed(n: NeedWithRefs, counts: OfferCounts | undefined, allowed: NeedAction[]): NeedView {
  return {
    id: n.id,
    number: n.number,
    enterpriseId: n.enterprise_id,
    enterpriseName: n.enterprise_name,
    amountFen: Number(n.amount_fen),
    termMonths: n.term_months,
    purpose: n.purpose,
    collateral: n.collateral,
    collateralNote: n.collateral_note,
    productId: n.product_id,
    productName: n.product_name,
    sendTo: n.send_to,
    status: n.status,
    statusLabel: NEED_STATUS_LABELS[n.status],
    chosenOfferId: n.chosen_offer_id,
    filedAt: n.filed_at.toISOString(),
    filedByRole: n.filed_by_role,
    disbursedAt: n.disbursed_at ? n.disbursed_at.toISOString() : null,
    disbursedAmountFen: n.disbursed_amount_fen === null ? null : Number(n.disbursed_amount_fen),
    workingDaysToDisbursement: n.working_days_to_disbursement,
    offerCount: counts?.total ?? 0,
    approvedCount: counts?.approved ?? 0,
    answeredCount: counts?.answered ?? 0,
    allowedActions: allowed,
  };
}

// ------------------------------------------------------------ filing
async function usersOfBanks(db: Executor, parkId: string, bankIds: string[]): Promise<{ id: string; bank_id: string }[]> {
  if (bankIds.length === 0) return [];
  const rows = await db
    .selectFrom('users')
    .select(['id', 'bank_id'])
    .where('park_id', '=', parkId)
    .where('bank_id', 'in', bankIds)
    .where('is_active', '=', true)
    .execute();
  return rows.map((r) => ({ id: r.id, bank_id: r.bank_id! }));
}

export async function financeOfficerIds(db: Executor, parkId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('users')
    .select('id')
    .where('park_id', '=', parkId)
    .where('is_active', '=', true)
    .where(sql<boolean>`roles && array['finance_officer']::text[]`)
    .execute();
  return rows.map((r) => r.id);
}

/** The firm a filing is for: the enterprise user's own; a liaison's assigned one; staff name it. Out of scope = 404. */
async function firmFor(db: Executor, actor: Actor, enterpriseId: string | undefined): Promise<{ id: string; name: string; role: 'enterprise' | 'liaison' | 'staff' }> {
  const scope = enterpriseScopeOf(actor);
  if (scope.kind === 'enterprise') {
    if (enterpriseId && enterpriseId !== scope.enterpriseId) throw notFound('企业');
    const firm = await db.selectFrom('enterprises').select(['id', 'name']).where('park_id', '=', actor.parkId).where('id', '=', scope.enterpriseId).executeTakeFirst();
    if (!firm) throw notFound('企业');
    return { ...firm, role: 'enterprise' };
  }
  if (scope.kind === 'none') throw forbidden('没有提交融资需求的权限');
  if (!enterpriseId) throw bad('enterpriseId', '请选择企业');
  const firm = await db
    .selectFrom('enterprises')
    .select(['id', 'name'])
    .where(inEnterpriseScope<DB, 'enterprises'>(scope, 'park_id', 'id'))
    .where('id', '=', enterpriseId)
    .executeTakeFirst();
  if (!firm) throw notFound('企业');
  return { ...firm, role: scope.kind === 'liaison' ? 'liaison' : 'staff' };
}

function sameScopes(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((s) => b.includes(s));
}

/** Sets a firm's consent to one institution in `trx`: nothing if unchanged; else the live row is revoked and a new one inserted (both stay as the record). */
export async function setConsentIn(
  trx: Transaction<DB>,
  actor: Actor,
  parkId: string,
  enterpriseId: string,
  bankId: string,
  scopes: ConsentScope[],
  now: Date,
  needId: string | null,
): Promise<AuditEntry[]> {
  const ordered = CONSENT_SCOPES.filter((s) => scopes.includes(s));
  const live = await trx
    .selectFrom('finance_consents')
    .selectAll()
    .where('park_id', '=', parkId)
    .where('enterprise_id', '=', enterpriseId)
    .where('bank_id', '=', bankId)
    .where('revoked_at', 'is', null)
    .forUpdate()
    .executeTakeFirst();
  if (live && sameScopes(live.scopes, ordered)) return [];
  if (!live && ordered.length === 0) return [];
  const audits: AuditEntry[] = [];
  if (live) {
    const reason = ordered.length === 0 ? '企业取消授权' : '企业变更授权范围';
    await trx.updateTable('finance_consents').set({ revoked_at: now, revoked_by: actor.userId, revoke_reason: reason }).where('id', '=', live.id).where('revoked_at', 'is', null).execute();
    audits.push({ action: 'consent.revoke', entity: 'finance_consent', entityId: live.id, before: { scopes: live.scopes }, after: { revokedAt: now, reason } });
  }
  if (ordered.length > 0) {
    const row = await trx
      .insertInto('finance_consents')
      .values({ park_id: parkId, enterprise_id: enterpriseId, bank_id: bankId, scopes: ordered, need_id: needId, granted_by: actor.userId, granted_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    audits.push({ action: 'consent.grant', entity: 'finance_consent', entityId: row.id, before: null, after: { bankId, enterpriseId, scopes: ordered, needId } });
  }
  return audits;
}

/**
 * Files a need (one transaction): the need with its number, one answer case per institution due
 * `need_answer_working_days` (the filing day's value) working days later, the firm's consents,
 * timelines, audit and the institutions' notifications.
 */
export async function fileNeed(ctx: AppContext, actor: Actor, input: z.output<typeof ZFileNeedRequest>): Promise<NeedDetailView> {
  const now = ctx.clock.now();
  const calendar = await ctx.calendar.get();
  const firm = await firmFor(ctx.db, actor, input.enterpriseId);
  const parkId = actor.parkId;

  const active = await ctx.db.selectFrom('banks').select(['id', 'name']).where('park_id', '=', parkId).where('status', '=', 'active').orderBy('sort').orderBy('name').execute();
  const activeIds = new Set(active.map((b) => b.id));
  let bankIds: string[];
  if (input.sendTo === 'all') bankIds = active.map((b) => b.id);
  else {
    bankIds = [...new Set(input.bankIds)];
    if (bankIds.length === 0) throw bad('bankIds', '请至少选择一家金融机构');
    const unknown = bankIds.find((id) => !activeIds.has(id));
    if (unknown) throw bad('bankIds', '所选金融机构不存在或已停用');
  }
  if (bankIds.length === 0) throw bad('bankIds', '园区暂无可接收需求的金融机构');
  let productId: string | null = null;
  if (input.productId) {
    const product = await ctx.db.selectFrom('finance_products').select(['id', 'bank_id']).where('park_id', '=', parkId).where('id', '=', input.productId).executeTakeFirst();
    if (!product) throw bad('productId', '所选金融产品不存在');
    productId = product.id;
  }
  const consentBy = new Map<string, ConsentScope[]>();
  for (const [i, c] of input.consents.entries()) {
    if (!bankIds.includes(c.bankId)) throw bad(`consents.${i}.bankId`, '只能向接收本需求的金融机构授权');
    if (new Set(c.scopes).size !== c.scopes.length) throw bad(`consents.${i}.scopes`, '授权范围重复');
    consentBy.set(c.bankId, c.scopes);
  }

  const today = shanghaiDate(now);
  const days = await parameterOn(ctx.db, parkId, 'need_answer_working_days', today);
  const due = lenientDueAt(calendar, now, days);
  const needId = await ctx.db.transaction().execute(async (trx) => {
    const day = today.replaceAll('-', '');
    const seq = await nextDaySequence(trx, 'finance_need_number_sequences', parkId, day);
    const number = `RZ${day}-${String(seq).padStart(4, '0')}`;
    const need = await trx
      .insertInto('finance_needs')
      .values({
        park_id: parkId,
        number,
        enterprise_id: firm.id,
        amount_fen: input.amountFen,
        term_months: input.termMonths,
        purpose: input.purpose,
        collateral: input.collateral,
        collateral_note: input.collateralNote || null,
        product_id: productId,
        send_to: input.sendTo,
        status: 'open',
        filed_by: actor.userId,
        filed_by_role: firm.role,
        filed_at: now,
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const offers = await trx
      .insertInto('finance_offers')
      .values(bankIds.map((bankId) => ({ park_id: parkId, need_id: need.id, enterprise_id: firm.id, bank_id: bankId, status: 'pending' as const, sent_at: now, due_at: due.dueAt, updated_at: now })))
      .returningAll()
      .execute();
    const base = { actor_id: actor.userId, actor_name: actor.displayName, actor_role: firm.role, at: now, note: null };
    const names = new Map(active.map((b) => [b.id, b.name]));
    await needEvents.write(trx, parkId, need.id, [
      { ...base, action: 'need.file', from_status: null, to_status: 'open', data: { amountFen: input.amountFen, termMonths: input.termMonths, sendTo: input.sendTo } },
      {
        ...base,
        action: 'need.sent',
        from_status: 'open',
        to_status: 'open',
        data: { banks: bankIds.map((id) => names.get(id)), dueAt: due.dueAt.toISOString(), workingDays: days, calendarGuessed: due.guessed || undefined },
      },
    ]);
    await offerEvents.writeMany!(
      trx,
      parkId,
      offers.map((o) => ({ caseId: o.id, event: { ...base, action: 'offer.sent', from_status: null, to_status: 'pending', data: { dueAt: due.dueAt.toISOString(), workingDays: days } } })),
    );
    const audits: AuditEntry[] = [
      { action: 'need.file', entity: 'finance_need', entityId: need.id, before: null, after: needSnapshot(need) },
      ...offers.map((o) => ({ action: 'offer.send', entity: 'finance_offer', entityId: o.id, before: null, after: offerSnapshot(o) })),
    ];
    for (const [bankId, scopes] of consentBy) audits.push(...(await setConsentIn(trx, actor, parkId, firm.id, bankId, scopes, now, need.id)));
    await recordAudit(trx, actor, parkId, audits, now);
    const byBank = new Map(offers.map((o) => [o.bank_id, o.id]));
    const recipients = await usersOfBanks(trx, parkId, bankIds);
    const dueText = shanghaiDate(due.dueAt);
    await ctx.notifier.notify(
      trx,
      recipients.map((u) => ({
        parkId,
        userId: u.id,
        kind: 'finance.need',
        title: `新的融资需求:${firm.name} ${formatYuan(input.amountFen)}`,
        body: `${number},期限${input.termMonths}个月,请于${dueText}前答复(${days}个工作日)`,
        link: `/finance/offers/${byBank.get(u.bank_id)}`,
      })),
    );
    return need.id;
  });
  return getNeed(ctx, actor, needId);
}

// ------------------------------------------------------------ needs
export async function listNeeds(ctx: AppContext, actor: Actor, query: ListNeedsQuery): Promise<Paged<NeedView>> {
  const fs = financeScopeOf(actor);
  if (fs.kind === 'bank') throw forbidden('金融机构请在“融资需求”收件箱查看推送给本机构的需求');
  if (fs.scope.kind === 'none') throw forbidden();
  let base = needsWithRefs(ctx.db).where(inEnterpriseScope<any, any>(fs.scope, 'n.park_id', 'n.enterprise_id'));
  if (query.status) {
    const statuses = query.status.split(',').filter((s) => s in NEED_STATUS_LABELS) as NeedStatus[];
    if (statuses.length === 0) throw bad('status', '状态不正确');
    base = base.where('n.status', 'in', statuses);
  }
  if (query.enterpriseId) base = base.where('n.enterprise_id', '=', query.enterpriseId);
  if (query.q) {
    const like = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    base = base.where((eb) => eb.or([eb('n.number', 'ilike', like), eb('e.name', 'ilike', like), eb('n.purpose', 'ilike', like)]));
  }
  const [rows, count] = await Promise.all([
    base
      .orderBy('n.filed_at', 'desc')
      .orderBy('n.id')
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute(),
    base.clearSelect().select(sql<string>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  const counts = await offerCountsOf(ctx.db, actor.parkId, rows.map((r) => r.id));
  // whether the actor acts for the firms: every listed row is in the actor's scope already, so one
  // answer holds for the page (no query per row)
  const mayAct = rows.length > 0 && (await actsForFirm(ctx.db, actor, rows[0]!));
  const items = rows.map((r) => presentNeed(r, counts.get(r.id), mayAct ? (needWorkflow.allowedActions(r, new Set(['firm'])) as NeedAction[]) : []));
  return { items, total: Number(count.n), page: query.page, pageSize: query.pageSize };
}

async function needAllowed(db: Executor, actor: Actor, n: NeedRow): Promise<NeedAction[]> {
  if (!(await actsForFirm(db, actor, n))) return [];
  return needWorkflow.allowedActions(n, new Set(['firm'])) as NeedAction[];
}

/** A need as the actor may see it: a bank only a need sent to it, and only its own answer. */
export async function getNeed(ctx: AppContext, actor: Actor, id: string): Promise<NeedDetailView> {
  const fs = financeScopeOf(actor);
  let q = needsWithRefs(ctx.db).where('n.id', '=', id);
  if (fs.kind === 'bank') {
    q = q.where('n.park_id', '=', fs.parkId).where((eb) =>
      eb.exists(eb.selectFrom('finance_offers as x').select('x.id').whereRef('x.need_id', '=', 'n.id').where('x.park_id', '=', fs.parkId).where('x.bank_id', '=', fs.bankId)),
    );
  } else q = q.where(inEnterpriseScope<any, any>(fs.scope, 'n.park_id', 'n.enterprise_id'));
  const need = await q.executeTakeFirst();
  if (!need) throw notFound('融资需求');
  let offersQ = offersWithRefs(ctx.db).where('o.park_id', '=', need.park_id).where('o.need_id', '=', need.id);
  if (fs.kind === 'bank') offersQ = offersQ.where('o.bank_id', '=', fs.bankId);
  const [offers, events, calendar] = await Promise.all([offersQ.orderBy('b.sort').orderBy('b.name').execute(), needEvents.list(ctx.db, need.park_id, need.id), ctx.calendar.get()]);
  const now = ctx.clock.now();
  const counts = fs.kind === 'bank' ? undefined : (await offerCountsOf(ctx.db, need.park_id, [need.id])).get(need.id);
  const view = presentNeed(need, counts ?? { total: offers.length, approved: offers.filter((o) => o.approved_at).length, answered: offers.filter((o) => o.answered_at).length }, await needAllowed(ctx.db, actor, need));
  // a bank sees the timeline of its own answer, not the list of the other institutions; the firm
  // and staff see the need's events with every institution's answers woven in
  let timeline: NeedDetailView['timeline'] = [];
  if (fs.kind !== 'bank') {
    const offerIds = offers.map((o) => o.id);
    const answers = offerIds.length
      ? await ctx.db
          .selectFrom('finance_offer_events')
          .select(['id', 'offer_id', 'action', 'from_status', 'to_status', 'actor_id', 'actor_name', 'actor_role', 'note', 'data', 'at'])
          .where('park_id', '=', need.park_id)
          .where('offer_id', 'in', offerIds)
          .where('action', 'not in', ['offer.sent', 'offer.chosen', 'offer.superseded'])
          .execute()
      : [];
    const bankOf = new Map(offers.map((o) => [o.id, o.bank_name]));
    const woven = [
      ...presentEvents(events),
      ...presentEvents(answers.map((a) => ({ ...a, id: Number(a.id), at: new Date(a.at), data: a.data as Record<string, unknown> | null }))).map((e, i) => ({
        ...e,
        id: 1e12 + e.id,
        actionLabel: `${bankOf.get(answers[i]!.offer_id) ?? ''} ${e.actionLabel}`,
      })),
    ];
    timeline = woven.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.id - b.id));
  }
  return { ...view, offers: offers.map((o) => presentOffer(o, actor, now, calendar)), timeline };
}

/** The firm chooses one approved answer (the others still open or approved are superseded) or withdraws the need. */
export async function needAction(ctx: AppContext, actor: Actor, id: string, body: NeedActionRequest): Promise<NeedDetailView> {
  const now = ctx.clock.now();
  const fs = financeScopeOf(actor);
  if (fs.kind === 'bank') throw notFound('融资需求');
  await ctx.db.transaction().execute(async (trx) => {
    const need = await trx
      .selectFrom('finance_needs as n')
      .selectAll('n')
      .where('n.id', '=', id)
      .where(inEnterpriseScope<any, any>(fs.scope, 'n.park_id', 'n.enterprise_id'))
      .forUpdate()
      .executeTakeFirst();
    if (!need) throw notFound('融资需求');
    const parties = new Set<'firm' | 'bank'>((await actsForFirm(trx, actor, need)) ? ['firm'] : []);
    const t = needWorkflow.check(need, body.action, parties, { offerId: body.offerId, note: body.note });
    const offers = await trx.selectFrom('finance_offers').selectAll().where('park_id', '=', need.park_id).where('need_id', '=', need.id).forUpdate().execute();
    const firm = await trx.selectFrom('enterprises').select('name').where('id', '=', need.enterprise_id).executeTakeFirstOrThrow();
    const notes: NotificationInput[] = [];
    let chosen: OfferRow | undefined;
    if (body.action === 'choose') {
      chosen = offers.find((o) => o.id === body.offerId);
      if (!chosen) throw bad('offerId', '所选方案不存在');
      if (chosen.status !== 'approved') throw invalidState(`该方案当前为“${OFFER_STATUS_LABELS[chosen.status]}”,只能选择已批准的方案`);
    }
    const updated = await commitTransition(trx, ctx, actor, needStore, {
      row: need,
      to: needWorkflow.target(t, need, {}),
      patch:
        body.action === 'choose'
          ? { chosen_offer_id: chosen!.id, updated_at: now }
          : { closed_at: now, close_reason: body.note || '企业撤回', chosen_offer_id: null, updated_at: now },
      now,
      event: { action: needWorkflow.eventOf(t), actorRole: roleOf(actor), note: body.note, data: chosen ? { offerId: chosen.id, bankId: chosen.bank_id } : null },
    });
    const recipients = await usersOfBanks(trx, need.park_id, offers.map((o) => o.bank_id));
    const tell = (bankId: string, offerId: string, title: string, text: string) =>
      recipients.filter((u) => u.bank_id === bankId).forEach((u) => notes.push({ parkId: need.park_id, userId: u.id, kind: 'finance.offer', title, body: text, link: `/finance/offers/${offerId}` }));
    if (chosen) {
      await trx.updateTable('finance_offers').set({ chosen: true, updated_at: now }).where('id', '=', chosen.id).execute();
      await offerEvents.write(trx, need.park_id, chosen.id, [
        { action: 'offer.chosen', from_status: 'approved', to_status: 'approved', actor_id: actor.userId, actor_name: actor.displayName, actor_role: roleOf(actor), note: null, data: null, at: now },
      ]);
      tell(chosen.bank_id, chosen.id, `企业已选择贵机构方案:${need.number}`, `${firm.name}选择了贵机构批准的方案,请办理放款并登记放款金额和日期`);
    }
    const supersede = offers.filter((o) => o.id !== chosen?.id && offerWorkflow.find(o.status, 'supersede'));
    const reason = body.action === 'choose' ? '企业已选择其他机构的方案' : '企业已撤回融资需求';
    for (const o of supersede) {
      await commitTransition(trx, ctx, actor, offerStore, {
        row: o,
        to: 'superseded',
        patch: { chosen: false, updated_at: now },
        now,
        event: { action: 'offer.superseded', actorRole: 'system', note: reason },
      });
      tell(o.bank_id, o.id, `融资需求${need.number}已不再需要贵机构答复`, `${firm.name}:${reason}`);
    }
    if (notes.length > 0) await ctx.notifier.notify(trx, notes);
    return updated;
  });
  return getNeed(ctx, actor, id);
}

// ------------------------------------------------------------ offers
function parseStatuses(text: string | undefined): OfferStatus[] | null {
  if (!text) return null;
  const list = text.split(',').map((s) => s.trim()).filter(Boolean);
  const bad_ = list.find((s) => !(OFFER_STATUSES as readonly string[]).includes(s));
  if (bad_) throw bad('status', `状态“${bad_}”不正确`);
  return list as OfferStatus[];
}

/**
 * The answers list: a bank its own (default: its open ones by deadline), staff every answer of the
 * park (filter by institution), a firm its own. One indexed page query plus a count.
 */
export async function listOffers(ctx: AppContext, actor: Actor, query: ListOffersQuery): Promise<Paged<OfferView>> {
  const fs = financeScopeOf(actor);
  const now = ctx.clock.now();
  let statuses = parseStatuses(query.status);
  let base = offersWithRefs(ctx.db);
  if (fs.kind === 'bank') {
    base = base.where('o.park_id', '=', fs.parkId).where('o.bank_id', '=', fs.bankId);
    statuses ??= [...OPEN];
  } else {
    if (fs.scope.kind === 'none') throw forbidden();
    base = base.where(inEnterpriseScope<any, any>(fs.scope, 'o.park_id', 'o.enterprise_id'));
    if (query.bankId) base = base.where('o.bank_id', '=', query.bankId);
  }
  if (query.overdue === 'true') {
    statuses = (statuses ?? [...OPEN]).filter((s) => OPEN.includes(s));
    base = base.where('o.due_at', '<', now).where('o.answered_at', 'is', null);
    if (statuses.length === 0) statuses = ['pending'];
  }
  if (statuses) base = base.where('o.status', 'in', statuses);
  if (query.q) {
    const like = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    base = base.where((eb) => eb.or([eb('n.number', 'ilike', like), eb('e.name', 'ilike', like)]));
  }
  const byDeadline = fs.kind === 'bank' || query.overdue === 'true' || (statuses !== null && statuses.every((s) => OPEN.includes(s)));
  const paged = (byDeadline ? base.orderBy('o.due_at').orderBy('o.id') : base.orderBy('o.sent_at', 'desc').orderBy('o.id')).limit(query.pageSize).offset((query.page - 1) * query.pageSize);
  const countQ = query.q ? base.clearSelect().select(sql<string>`count(*)`.as('n')) : countOffers(ctx.db, fs, query, statuses, now);
  const [rows, count, calendar] = await Promise.all([paged.execute(), countQ.executeTakeFirstOrThrow(), ctx.calendar.get()]);
  return { items: rows.map((r) => presentOffer(r, actor, now, calendar)), total: Number(count.n), page: query.page, pageSize: query.pageSize };
}

/** The count without the joins (names are only needed for `q`): an index-only count on finance_offers_bank_idx. */
function countOffers(db: Executor, fs: FinanceScope, query: ListOffersQuery, statuses: OfferStatus[] | null, now: Date) {
  let c = db.selectFrom('finance_offers as o').select(sql<string>`count(*)`.as('n'));
  if (fs.kind === 'bank') c = c.where('o.park_id', '=', fs.parkId).where('o.bank_id', '=', fs.bankId);
  else {
    c = c.where(inEnterpriseScope<any, any>(fs.scope, 'o.park_id', 'o.enterprise_id'));
    if (query.bankId) c = c.where('o.bank_id', '=', query.bankId);
  }
  if (query.overdue === 'true') c = c.where('o.due_at', '<', now).where('o.answered_at', 'is', null);
  if (statuses) c = c.where('o.status', 'in', statuses);
  return c;
}

async function findOffer(db: Executor, actor: Actor, id: string): Promise<OfferWithRefs> {
  const fs = financeScopeOf(actor);
  let q = offersWithRefs(db).where('o.id', '=', id);
  if (fs.kind === 'bank') q = q.where('o.park_id', '=', fs.parkId).where('o.bank_id', '=', fs.bankId);
  else q = q.where(inEnterpriseScope<any, any>(fs.scope, 'o.park_id', 'o.enterprise_id'));
  const row = await q.executeTakeFirst();
  if (!row) throw notFound('机构答复');
  return row;
}

export async function getOffer(ctx: AppContext, actor: Actor, id: string): Promise<OfferDetailView> {
  const o = await findOffer(ctx.db, actor, id);
  const [need, events, calendar, consent] = await Promise.all([
    needsWithRefs(ctx.db).where('n.park_id', '=', o.park_id).where('n.id', '=', o.need_id).executeTakeFirstOrThrow(),
    offerEvents.list(ctx.db, o.park_id, o.id),
    ctx.calendar.get(),
    ctx.db.selectFrom('finance_consents').select('scopes').where('park_id', '=', o.park_id).where('enterprise_id', '=', o.enterprise_id).where('bank_id', '=', o.bank_id).where('revoked_at', 'is', null).executeTakeFirst(),
  ]);
  return {
    ...presentOffer(o, actor, ctx.clock.now(), calendar),
    need: {
      id: need.id,
      number: need.number,
      amountFen: Number(need.amount_fen),
      termMonths: need.term_months,
      purpose: need.purpose,
      collateral: need.collateral,
      collateralNote: need.collateral_note,
      filedAt: need.filed_at.toISOString(),
      status: need.status,
      statusLabel: NEED_STATUS_LABELS[need.status],
      productName: need.product_name,
    },
    consentScopes: (consent?.scopes ?? []) as ConsentScope[],
    timeline: presentEvents(events),
  };
}

/**
 * A bank's step on its answer: interested, materials requested, approved, declined, or the
 * disbursement of the answer the firm chose (which also completes the need, with its working days
 * from filing to disbursement). Another bank's answer is not found.
 */
export async function offerAction(ctx: AppContext, actor: Actor, id: string, body: OfferActionRequest): Promise<OfferDetailView> {
  const now = ctx.clock.now();
  const calendar = await ctx.calendar.get();
  await ctx.db.transaction().execute(async (trx) => {
    const found = await findOffer(trx, actor, id);
    const offer = await trx.selectFrom('finance_offers').selectAll().where('id', '=', found.id).forUpdate().executeTakeFirstOrThrow();
    const isBank = can(actor, 'finance:bank') && actor.bankId === offer.bank_id;
    const input: OfferInput = { note: body.note, amountFen: body.amountFen, rateBp: body.rateBp, termMonths: body.termMonths, disbursedOn: body.disbursedOn };
    if (!offerWorkflow.mayEverTake(body.action, new Set(isBank ? ['bank'] : []))) throw forbidden(`只有接收需求的金融机构可以${OFFER_ACTION_LABELS[body.action]}`);
    const t = offerWorkflow.find(offer.status, body.action);
    if (!t) throw invalidState(offerWorkflow.invalidStateMessage(offer.status, body.action));
    if (body.action === 'disburse' && !offer.chosen) throw invalidState('企业尚未选择此方案,不能放款');
    offerWorkflow.check(offer, body.action, new Set(['bank']), input);
    const need = await trx.selectFrom('finance_needs').selectAll().where('park_id', '=', offer.park_id).where('id', '=', offer.need_id).forUpdate().executeTakeFirstOrThrow();
    const patch: Record<string, unknown> = { updated_at: now, handler_id: actor.userId };
    if (!offer.answered_at && body.action !== 'disburse') patch.answered_at = now;
    let data: Record<string, unknown> | null = null;
    const firmTitle = `${found.bank_name}答复了您的融资需求${need.number}`;
    let firmText = '';
    switch (body.action) {
      case 'interest':
        firmText = '该机构有意向,将与您联系';
        break;
      case 'request-materials':
        patch.materials_note = body.note;
        firmText = `需要补充材料:${body.note}`;
        break;
      case 'approve':
        patch.approved_amount_fen = body.amountFen;
        patch.approved_rate_bp = body.rateBp;
        patch.approved_term_months = body.termMonths;
        patch.approved_at = now;
        data = { amountFen: body.amountFen, rateBp: body.rateBp, termMonths: body.termMonths };
        firmText = `已批准 ${formatYuan(body.amountFen!)},年利率${(body.rateBp! / 100).toFixed(2)}%,期限${body.termMonths}个月,请在“我的融资”中选择方案`;
        break;
      case 'decline':
        patch.decline_reason = body.note;
        firmText = `未能批准:${body.note}`;
        break;
      case 'disburse': {
        const filedOn = shanghaiDate(need.filed_at);
        const today = shanghaiDate(now);
        if (body.disbursedOn! < filedOn) throw bad('disbursedOn', `放款日期不能早于需求提交日期${filedOn}`);
        if (body.disbursedOn! > today) throw bad('disbursedOn', '放款日期不能晚于今天');
        patch.disbursed_amount_fen = body.amountFen;
        patch.disbursed_on = body.disbursedOn;
        data = { amountFen: body.amountFen, disbursedOn: body.disbursedOn };
        firmText = `已放款 ${formatYuan(body.amountFen!)}(${body.disbursedOn})`;
        break;
      }
    }
    const updated = await commitTransition(trx, ctx, actor, offerStore, {
      row: offer,
      to: offerWorkflow.target(t, offer, input),
      patch,
      now,
      event: { action: offerWorkflow.eventOf(t), actorRole: 'bank', note: body.note, data },
    });
    if (body.action === 'disburse') {
      const nt = needWorkflow.check(need, 'disburse', new Set(['bank']), {});
      const filedOn = shanghaiDate(need.filed_at);
      const workingDays = calendar.workingDaysBetween(filedOn, body.disbursedOn!);
      const at = body.disbursedOn === shanghaiDate(now) ? now : new Date(Math.min(now.getTime(), startOfShanghaiDay(body.disbursedOn!).getTime() + 12 * 3_600_000));
      await commitTransition(trx, ctx, actor, needStore, {
        row: need,
        to: needWorkflow.target(nt, need, {}),
        patch: { disbursed_at: at, disbursed_amount_fen: body.amountFen, working_days_to_disbursement: workingDays, updated_at: now },
        now,
        event: { action: needWorkflow.eventOf(nt), actorRole: 'bank', note: null, data: { offerId: updated.id, bank: found.bank_name, amountFen: body.amountFen, disbursedOn: body.disbursedOn, workingDays } },
      });
      firmText += `,从提交到放款共${workingDays}个工作日`;
    }
    const firmUsers = await trx.selectFrom('users').select('id').where('park_id', '=', need.park_id).where('enterprise_id', '=', need.enterprise_id).where('is_active', '=', true).execute();
    const recipients = new Set(firmUsers.map((u) => u.id));
    if (need.filed_by) recipients.add(need.filed_by);
    await ctx.notifier.notify(
      trx,
      [...recipients].map((userId) => ({ parkId: need.park_id, userId, kind: 'finance.answer', title: firmTitle, body: firmText, link: `/finance/needs/${need.id}` })),
    );
  });
  return getOffer(ctx, actor, id);
}

// ------------------------------------------------------------ the bank's workbench
export async function bankWorkbench(ctx: AppContext, actor: Actor): Promise<BankWorkbenchView> {
  if (!actor.bankId || !can(actor, 'finance:bank')) throw forbidden('仅金融机构账号可用');
  const now = ctx.clock.now();
  const today = shanghaiDate(now);
  const monthStart = `${today.slice(0, 7)}-01`;
  const parkId = actor.parkId;
  const [bank, counts, month, inbox] = await Promise.all([
    ctx.db.selectFrom('banks').select(['id', 'name']).where('park_id', '=', parkId).where('id', '=', actor.bankId).executeTakeFirst(),
    ctx.db
      .selectFrom('finance_offers')
      .where('park_id', '=', parkId)
      .where('bank_id', '=', actor.bankId)
      .where('status', 'in', [...OPEN, 'approved'])
      .select([
        sql<string>`count(*) filter (where status <> 'approved')`.as('pending'),
        sql<string>`count(*) filter (where status = 'approved' and chosen)`.as('to_disburse'),
        sql<string>`count(*) filter (where answered_at is null and due_at >= ${now} and due_at < ${startOfNextShanghaiDay(today)})`.as('due_today'),
        sql<string>`count(*) filter (where answered_at is null and due_at < ${now})`.as('overdue'),
      ])
      .executeTakeFirstOrThrow(),
    ctx.db
      .selectFrom('finance_offers')
      .where('park_id', '=', parkId)
      .where('bank_id', '=', actor.bankId)
      .where('status', '=', 'disbursed')
      .where('disbursed_on', '>=', monthStart)
      .select([sql<string>`count(*)`.as('n'), sql<string>`coalesce(sum(disbursed_amount_fen), 0)`.as('amount')])
      .executeTakeFirstOrThrow(),
    listOffers(ctx, actor, { page: 1, pageSize: 8 }),
  ]);
  if (!bank) throw notFound('金融机构');
  return {
    bankId: bank.id,
    bankName: bank.name,
    pending: Number(counts.pending),
    dueToday: Number(counts.due_today),
    overdue: Number(counts.overdue),
    disbursedThisMonth: { count: Number(month.n), amountFen: Number(month.amount) },
    toDisburse: Number(counts.to_disburse),
    inbox: inbox.items,
  };
}
