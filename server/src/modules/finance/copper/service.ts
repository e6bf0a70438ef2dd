import {
  MARGIN_CALL_RESOLUTION_LABELS,
  MARGIN_CALL_STATUS_LABELS,
  PLEDGE_ACTION_LABELS,
  PLEDGE_STATUS_LABELS,
  RECEIPT_STATUS_LABELS,
  copperLimitFen,
  copperShortfallFen,
  fenToYuanString,
  formatPricePerTon,
  formatTons,
  type CopperPriceList,
  type CreatePledgeRequest,
  type CreateReceiptRequest,
  type MarginCallView,
  type MarginSweepResult,
  type PledgeAmountRequest,
  type PledgeDetail,
  type PledgeEventView,
  type PledgeQuote,
  type PledgeStatus,
  type PledgeView,
  type ReceiptView,
  type SetCopperPriceRequest,
} from '@yuanqi/contract';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { can, type Actor } from '../../../platform/actor.js';
import { recordAudit } from '../../../platform/audit.js';
import { shanghaiDate, type WorkingCalendar } from '../../../platform/calendar/index.js';
import type { AppContext } from '../../../platform/context.js';
import { nextDaySequence } from '../../../platform/day-sequences.js';
import { AppError, conflict, forbidden, notFound } from '../../../platform/errors.js';
import type { NotificationInput, Notifier } from '../../../platform/notifications.js';
import { enterpriseScopeOf } from '../../../platform/scope.js';
import {
  caseEventsTable,
  commitTransition,
  lenientDueAt,
  presentCaseEvent,
  remainingWorkingDays,
  type CaseStore,
} from '../../../platform/workflow/index.js';
import { parameterOn } from '../parameters.js';
import {
  findRecipients,
  inCopperScope,
  latestPriceOn,
  receiptInScope,
  selectMarginCalls,
  selectPledges,
  selectReceipts,
  type CopperScope,
  type Executor,
  type MarginCallListRow,
  type PledgeListRow,
  type PledgeRow,
} from './repository.js';
import { pledgeWorkflow, type PledgeParty } from './workflow.js';

// The kit's event-table union lists the older case types; this table has the same shape (migration 0012).
/** The next pledge number of the park's day: CR20261207001 (the day's counter, platform/day-sequences). */
export async function nextPledgeNumber(trx: Transaction<DB>, parkId: string, day: string): Promise<string> {
  const seq = await nextDaySequence(trx, 'copper_pledge_number_sequences', parkId, day);
  return `CR${day.replace(/-/g, '')}${String(seq).padStart(3, '0')}`;
}

export const pledgeEvents = caseEventsTable('copper_pledge_events', 'pledge_id');

/** The timeline's labels: the contract's, and the sweep's flag on an unanswered margin call. */
const PLEDGE_EVENT_LABELS: Record<PledgeEventView['action'], string> = { ...PLEDGE_ACTION_LABELS, overdue: '补仓逾期' };

function pledgeSnapshot(row: PledgeRow): Record<string, unknown> {
  return {
    number: row.number,
    receiptId: row.receipt_id,
    enterpriseId: row.enterprise_id,
    bankId: row.bank_id,
    pricedOn: row.priced_on,
    priceFenPerTon: Number(row.price_fen_per_ton),
    ltvBp: row.ltv_bp,
    loanFen: Number(row.loan_fen),
    outstandingFen: Number(row.outstanding_fen),
    marginFen: Number(row.margin_fen),
    status: row.status,
    pledgedOn: row.pledged_on,
    releasedOn: row.released_on,
  };
}

const pledgeStore: CaseStore<PledgeRow> = { table: 'copper_pledges', entity: 'copper_pledge', subject: '质押', events: pledgeEvents, snapshot: pledgeSnapshot };

const todayOf = (ctx: AppContext) => shanghaiDate(ctx.clock.now());

/** Which rows the actor sees; an actor with no finance role sees none (403). */
export function copperScopeOf(actor: Actor): CopperScope {
  if (can(actor, 'finance:read')) return { kind: 'park', parkId: actor.parkId };
  if (can(actor, 'finance:bank') && actor.bankId) return { kind: 'bank', parkId: actor.parkId, bankId: actor.bankId };
  if (can(actor, 'finance:apply')) return { kind: 'enterprise', scope: enterpriseScopeOf(actor) };
  throw forbidden();
}

function partiesOf(actor: Actor, pledge: { bank_id: string }): Set<PledgeParty> {
  const parties = new Set<PledgeParty>();
  if (can(actor, 'finance:manage')) parties.add('office');
  if (can(actor, 'finance:bank') && actor.bankId && actor.bankId === pledge.bank_id) parties.add('bank');
  return parties;
}

// ------------------------------------------------------------------ presenters

function presentReceipt(r: Awaited<ReturnType<ReturnType<typeof selectReceipts>['execute']>>[number]): ReceiptView {
  return {
    id: r.id,
    enterpriseId: r.enterprise_id,
    enterpriseName: r.enterprise_name,
    warehouse: r.warehouse,
    receiptNo: r.receipt_no,
    weightKg: Number(r.weight_kg),
    grade: r.grade,
    storedOn: r.stored_on,
    status: r.status,
    statusLabel: RECEIPT_STATUS_LABELS[r.status],
    pledgeId: r.pledge_id,
    pledgeNumber: r.pledge_number,
    bankName: r.bank_name,
    createdAt: r.created_at.toISOString(),
  };
}

function presentMarginCall(m: MarginCallListRow, calendar: WorkingCalendar, now: Date): MarginCallView {
  const open = m.status === 'open';
  const remaining = open && m.due_at ? remainingWorkingDays(calendar, now, m.due_at) : null;
  return {
    id: m.id,
    pledgeId: m.pledge_id,
    pledgeNumber: m.pledge_number,
    receiptId: m.receipt_id,
    receiptNo: m.receipt_no,
    warehouse: m.warehouse,
    enterpriseId: m.enterprise_id,
    enterpriseName: m.enterprise_name,
    bankId: m.bank_id,
    bankName: m.bank_name,
    callOn: m.call_on,
    priceFenPerTon: Number(m.price_fen_per_ton),
    limitFen: Number(m.limit_fen),
    outstandingFen: Number(m.outstanding_fen),
    shortfallFen: Number(m.shortfall_fen),
    status: m.status,
    statusLabel: MARGIN_CALL_STATUS_LABELS[m.status],
    dueAt: m.due_at ? m.due_at.toISOString() : null,
    remainingWorkingDays: remaining,
    overdue: open && !!m.due_at && m.due_at.getTime() < now.getTime(),
    resolution: m.resolution,
    resolutionLabel: m.resolution ? MARGIN_CALL_RESOLUTION_LABELS[m.resolution] : null,
    resolvedAmountFen: m.resolved_amount_fen === null ? null : Number(m.resolved_amount_fen),
    resolvedAt: m.resolved_at ? m.resolved_at.toISOString() : null,
    resolvedByName: m.resolved_by_name,
    createdAt: m.created_at.toISOString(),
  };
}

function presentPledge(p: PledgeListRow, price: { price_on: string; price_fen_per_ton: number } | undefined, openCall: MarginCallView | null, actor: Actor): PledgeView {
  const weightKg = Number(p.weight_kg);
  const outstanding = Number(p.outstanding_fen);
  const margin = Number(p.margin_fen);
  const live = p.status !== 'released';
  const currentLimit = price && live ? copperLimitFen(weightKg, price.price_fen_per_ton, p.ltv_bp) : null;
  return {
    id: p.id,
    number: p.number,
    receiptId: p.receipt_id,
    receiptNo: p.receipt_no,
    warehouse: p.warehouse,
    grade: p.grade,
    weightKg,
    enterpriseId: p.enterprise_id,
    enterpriseName: p.enterprise_name,
    bankId: p.bank_id,
    bankName: p.bank_name,
    pricedOn: p.priced_on,
    priceFenPerTon: Number(p.price_fen_per_ton),
    ltvBp: p.ltv_bp,
    pricedLimitFen: copperLimitFen(weightKg, Number(p.price_fen_per_ton), p.ltv_bp),
    loanFen: Number(p.loan_fen),
    outstandingFen: outstanding,
    marginFen: margin,
    status: p.status,
    statusLabel: PLEDGE_STATUS_LABELS[p.status],
    pledgedOn: p.pledged_on,
    releasedOn: p.released_on,
    currentPriceOn: live && price ? price.price_on : null,
    currentPriceFenPerTon: live && price ? price.price_fen_per_ton : null,
    currentLimitFen: currentLimit,
    currentShortfallFen: currentLimit === null ? 0 : copperShortfallFen(outstanding, margin, currentLimit),
    openMarginCall: openCall,
    actions: pledgeWorkflow.allowedActions({ status: p.status, outstanding_fen: outstanding }, partiesOf(actor, p)) as PledgeView['actions'],
    createdAt: p.created_at.toISOString(),
  };
}

// ------------------------------------------------------------------ receipts

export async function listReceipts(ctx: AppContext, actor: Actor, query: { status?: string; enterpriseId?: string }): Promise<ReceiptView[]> {
  const scope = copperScopeOf(actor);
  let q = selectReceipts(ctx.db).where(receiptInScope(scope));
  if (query.status) q = q.where('r.status', '=', query.status as 'held');
  if (query.enterpriseId) q = q.where('r.enterprise_id', '=', query.enterpriseId);
  const rows = await q.orderBy('r.created_at', 'desc').orderBy('r.receipt_no').limit(500).execute();
  return rows.map(presentReceipt);
}

/** A firm registers its own receipt (finance:apply); the finance officer registers one for a firm. */
export async function createReceipt(ctx: AppContext, actor: Actor, input: CreateReceiptRequest & { tons: number }): Promise<ReceiptView> {
  let enterpriseId: string;
  if (can(actor, 'finance:manage')) {
    if (!input.enterpriseId) throw new AppError('VALIDATION_FAILED', '请选择企业', [{ path: 'enterpriseId', message: '请选择企业' }]);
    enterpriseId = input.enterpriseId;
  } else if (can(actor, 'finance:apply')) {
    const scope = enterpriseScopeOf(actor);
    if (scope.kind === 'enterprise') enterpriseId = scope.enterpriseId;
    else if (input.enterpriseId) enterpriseId = input.enterpriseId;
    else throw new AppError('VALIDATION_FAILED', '请选择企业', [{ path: 'enterpriseId', message: '请选择企业' }]);
  } else throw forbidden();
  const firm = await ctx.db
    .selectFrom('enterprises as e')
    .select(['e.id', 'e.name'])
    .where('e.id', '=', enterpriseId)
    .where(can(actor, 'finance:manage') ? (eb) => eb('e.park_id', '=', actor.parkId) : (eb) => eb.and([eb('e.park_id', '=', actor.parkId), ...(enterpriseScopeOf(actor).kind === 'liaison' ? [eb('e.liaison_id', '=', actor.userId)] : [eb('e.id', '=', enterpriseId)])]))
    .executeTakeFirst();
  if (!firm) throw notFound('企业');
  const today = todayOf(ctx);
  if (input.storedOn && input.storedOn > today) throw new AppError('VALIDATION_FAILED', '入库日期不能晚于今天', [{ path: 'storedOn', message: '入库日期不能晚于今天' }]);
  const now = ctx.clock.now();
  const existing = await ctx.db
    .selectFrom('warehouse_receipts')
    .select('id')
    .where('park_id', '=', actor.parkId)
    .where('warehouse', '=', input.warehouse)
    .where('receipt_no', '=', input.receiptNo)
    .executeTakeFirst();
  const duplicate = () => conflict(`仓库“${input.warehouse}”的仓单号 ${input.receiptNo} 已登记,不能重复登记`, [{ path: 'receiptNo', message: '该仓库的仓单号已登记' }]);
  if (existing) throw duplicate();
  let id: string;
  try {
    id = await ctx.db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('warehouse_receipts')
        .values({
          park_id: actor.parkId,
          enterprise_id: enterpriseId,
          warehouse: input.warehouse,
          receipt_no: input.receiptNo,
          weight_kg: input.tons,
          grade: input.grade,
          stored_on: input.storedOn ?? null,
          created_by: actor.userId,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await recordAudit(trx, actor, actor.parkId, [
        { action: 'create', entity: 'warehouse_receipt', entityId: row.id, before: null, after: { enterpriseId, warehouse: input.warehouse, receiptNo: input.receiptNo, weightKg: input.tons, grade: input.grade, storedOn: input.storedOn ?? null } },
      ], now);
      return row.id;
    });
  } catch (err) {
    if ((err as { code?: string }).code === '23505') throw duplicate();
    throw err;
  }
  const row = await selectReceipts(ctx.db).where('r.id', '=', id).executeTakeFirstOrThrow();
  return presentReceipt(row);
}

// ------------------------------------------------------------------ prices

export async function listPrices(ctx: AppContext, actor: Actor, query: { from?: string; to?: string }): Promise<CopperPriceList> {
  copperScopeOf(actor);
  const today = todayOf(ctx);
  let q = ctx.db.selectFrom('copper_prices').select(['price_on', 'price_fen_per_ton', 'source', 'created_at']).where('park_id', '=', actor.parkId);
  if (query.from) q = q.where('price_on', '>=', query.from);
  if (query.to) q = q.where('price_on', '<=', query.to);
  const rows = await q.orderBy('price_on', 'desc').limit(1500).execute();
  const latest = await ctx.db
    .selectFrom('copper_prices')
    .select(['price_on', 'price_fen_per_ton', 'source', 'created_at'])
    .where('park_id', '=', actor.parkId)
    .where('price_on', '<=', today)
    .orderBy('price_on', 'desc')
    .limit(1)
    .executeTakeFirst();
  const present = (r: (typeof rows)[number]) => ({ priceOn: r.price_on, priceFenPerTon: Number(r.price_fen_per_ton), source: r.source, createdAt: r.created_at.toISOString() });
  return { items: rows.map(present), latest: latest ? present(latest) : null };
}

export async function setPrice(ctx: AppContext, actor: Actor, input: SetCopperPriceRequest): Promise<{ priceOn: string; priceFenPerTon: number; replaced: boolean }> {
  if (input.priceOn > todayOf(ctx)) throw new AppError('VALIDATION_FAILED', '不能录入未来日期的铜价', [{ path: 'priceOn', message: '不能录入未来日期的铜价' }]);
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('copper_prices').select('price_fen_per_ton').where('park_id', '=', actor.parkId).where('price_on', '=', input.priceOn).forUpdate().executeTakeFirst();
    await trx
      .insertInto('copper_prices')
      .values({ park_id: actor.parkId, price_on: input.priceOn, price_fen_per_ton: input.priceFenPerTon, source: 'manual', created_by: actor.userId, created_at: now })
      .onConflict((oc) => oc.columns(['park_id', 'price_on']).doUpdateSet({ price_fen_per_ton: input.priceFenPerTon, source: 'manual', created_by: actor.userId, created_at: now }))
      .execute();
    await recordAudit(trx, actor, actor.parkId, [
      { action: before ? 'update' : 'create', entity: 'copper_price', entityId: input.priceOn, before: before ? { priceOn: input.priceOn, priceFenPerTon: Number(before.price_fen_per_ton) } : null, after: { priceOn: input.priceOn, priceFenPerTon: input.priceFenPerTon } },
    ], now);
    return { priceOn: input.priceOn, priceFenPerTon: input.priceFenPerTon, replaced: !!before };
  });
}

// ------------------------------------------------------------------ pledges

async function findPledge(db: Executor, scope: CopperScope, id: string): Promise<PledgeListRow> {
  const row = await selectPledges(db).where('p.id', '=', id).where(inCopperScope(scope, 'p')).executeTakeFirst();
  if (!row) throw notFound('质押');
  return row;
}

async function openCallsByPledge(ctx: AppContext, parkId: string, pledgeIds: string[]): Promise<Map<string, MarginCallView>> {
  if (pledgeIds.length === 0) return new Map();
  const calendar = await ctx.calendar.get();
  const now = ctx.clock.now();
  const rows = await selectMarginCalls(ctx.db).where('m.park_id', '=', parkId).where('m.status', '=', 'open').where('m.pledge_id', 'in', pledgeIds).orderBy('m.call_on', 'desc').execute();
  const map = new Map<string, MarginCallView>();
  for (const r of rows) if (!map.has(r.pledge_id)) map.set(r.pledge_id, presentMarginCall(r, calendar, now));
  return map;
}

export async function listPledges(ctx: AppContext, actor: Actor, query: { status?: string; enterpriseId?: string }): Promise<PledgeView[]> {
  const scope = copperScopeOf(actor);
  let q = selectPledges(ctx.db).where(inCopperScope(scope, 'p'));
  if (query.status === 'live') q = q.where('p.status', '<>', 'released');
  else if (query.status) q = q.where('p.status', '=', query.status as 'active');
  if (query.enterpriseId) q = q.where('p.enterprise_id', '=', query.enterpriseId);
  const rows = await q.orderBy('p.created_at', 'desc').limit(500).execute();
  const price = await latestPriceOn(ctx.db, actor.parkId, todayOf(ctx));
  const calls = await openCallsByPledge(ctx, actor.parkId, rows.filter((r) => r.status === 'margin_call').map((r) => r.id));
  return rows.map((r) => presentPledge(r, price, calls.get(r.id) ?? null, actor));
}

export async function getPledge(ctx: AppContext, actor: Actor, id: string): Promise<PledgeDetail> {
  const scope = copperScopeOf(actor);
  const row = await findPledge(ctx.db, scope, id);
  const price = await latestPriceOn(ctx.db, actor.parkId, todayOf(ctx));
  const calendar = await ctx.calendar.get();
  const now = ctx.clock.now();
  const calls = (await selectMarginCalls(ctx.db).where('m.park_id', '=', actor.parkId).where('m.pledge_id', '=', id).orderBy('m.call_on', 'desc').execute()).map((m) => presentMarginCall(m, calendar, now));
  const events = await pledgeEvents.list(ctx.db, actor.parkId, id);
  return {
    ...presentPledge(row, price, calls.find((c) => c.status === 'open') ?? null, actor),
    marginCalls: calls,
    events: events.map((e) => presentCaseEvent<PledgeEventView['action'], PledgeStatus>(e, PLEDGE_EVENT_LABELS, { actorId: false })),
  };
}

type ReceiptTarget = { receiptId?: string; warehouse?: string; receiptNo?: string };

async function findReceiptForPledge(db: Executor, parkId: string, target: ReceiptTarget) {
  let q = db.selectFrom('warehouse_receipts').selectAll().where('park_id', '=', parkId);
  if (target.receiptId) q = q.where('id', '=', target.receiptId);
  else if (target.warehouse && target.receiptNo) q = q.where('warehouse', '=', target.warehouse).where('receipt_no', '=', target.receiptNo);
  else throw new AppError('VALIDATION_FAILED', '请选择仓单', [{ path: 'receiptId', message: '请选择仓单' }]);
  const receipt = await q.executeTakeFirst();
  if (!receipt) throw notFound('仓单');
  return receipt;
}

/** 定价: the price fixed on `pricedOn` (given, else the table's latest price on or before that day) and the LTV in force then. */
export async function quotePledge(ctx: AppContext, actor: Actor, query: ReceiptTarget & { pricedOn?: string }): Promise<PledgeQuote> {
  if (!can(actor, 'finance:manage') && !(can(actor, 'finance:bank') && actor.bankId)) throw forbidden();
  const pricedOn = query.pricedOn ?? todayOf(ctx);
  const price = await latestPriceOn(ctx.db, actor.parkId, pricedOn);
  const ltvBp = await parameterOn(ctx.db, actor.parkId, 'copper_ltv_bp', pricedOn);
  let weightKg: number | null = null;
  if (query.receiptId || (query.warehouse && query.receiptNo)) weightKg = Number((await findReceiptForPledge(ctx.db, actor.parkId, query)).weight_kg);
  return {
    pricedOn,
    priceFenPerTon: price?.price_fen_per_ton ?? null,
    ltvBp,
    weightKg,
    limitFen: price && weightKg !== null ? copperLimitFen(weightKg, price.price_fen_per_ton, ltvBp) : null,
  };
}

async function alreadyPledged(db: Executor, parkId: string, receipt: { id: string; receipt_no: string; warehouse: string }): Promise<AppError> {
  const live = await db
    .selectFrom('copper_pledges as p')
    .innerJoin('banks as b', 'b.id', 'p.bank_id')
    .select(['p.number', 'b.name', 'b.short_name'])
    .where('p.park_id', '=', parkId)
    .where('p.receipt_id', '=', receipt.id)
    .where('p.status', '<>', 'released')
    .executeTakeFirst();
  const bank = live ? (live.short_name ?? live.name) : '其他金融机构';
  return conflict(`仓单 ${receipt.warehouse} ${receipt.receipt_no} 已质押给${bank}${live ? `(质押编号 ${live.number})` : ''},解除质押前不能再次质押`, [{ path: 'receiptId', message: `已质押给${bank}` }]);
}

const isLiveIndexViolation = (err: unknown) => {
  const e = err as { code?: string; constraint?: string; message?: string };
  return e.code === '23505' && (e.constraint === 'copper_pledges_receipt_live_idx' || (e.message ?? '').includes('copper_pledges_receipt_live_idx'));
};

/**
 * Registers a pledge (the finance officer for any institution, an institution's user for itself).
 * The partial unique index `copper_pledges_receipt_live_idx` decides between concurrent pledges of
 * one receipt; its violation becomes the Chinese 409 naming the institution that holds it.
 */
export async function createPledge(ctx: AppContext, actor: Actor, input: CreatePledgeRequest): Promise<PledgeDetail> {
  const office = can(actor, 'finance:manage');
  const bankUser = can(actor, 'finance:bank') && !!actor.bankId;
  if (!office && !bankUser) throw forbidden('只有金融服务中心或金融机构可以办理质押');
  const bankId = bankUser && !office ? actor.bankId! : input.bankId;
  if (!bankId) throw new AppError('VALIDATION_FAILED', '请选择质权金融机构', [{ path: 'bankId', message: '请选择质权金融机构' }]);
  const bank = await ctx.db.selectFrom('banks').select(['id', 'name', 'short_name']).where('park_id', '=', actor.parkId).where('id', '=', bankId).executeTakeFirst();
  if (!bank) throw new AppError('VALIDATION_FAILED', '金融机构不存在', [{ path: 'bankId', message: '金融机构不存在' }]);
  const receipt = await findReceiptForPledge(ctx.db, actor.parkId, input);
  const today = todayOf(ctx);
  if (input.pricedOn > today) throw new AppError('VALIDATION_FAILED', '定价日期不能晚于今天', [{ path: 'pricedOn', message: '定价日期不能晚于今天' }]);
  const pledgedOn = input.pledgedOn ?? today;
  if (pledgedOn > today) throw new AppError('VALIDATION_FAILED', '质押日期不能晚于今天', [{ path: 'pledgedOn', message: '质押日期不能晚于今天' }]);
  if (pledgedOn < input.pricedOn) throw new AppError('VALIDATION_FAILED', '质押日期不能早于定价日期', [{ path: 'pledgedOn', message: '质押日期不能早于定价日期' }]);
  if (receipt.status === 'pledged') throw await alreadyPledged(ctx.db, actor.parkId, receipt);
  let price = input.priceFenPerTon;
  if (!price) {
    const table = await latestPriceOn(ctx.db, actor.parkId, input.pricedOn);
    if (!table) throw new AppError('VALIDATION_FAILED', `${input.pricedOn}及之前没有铜价,请填写定价`, [{ path: 'priceFenPerTon', message: '铜价表中没有该日价格,请填写定价' }]);
    price = table.price_fen_per_ton;
  }
  const ltvBp = await parameterOn(ctx.db, actor.parkId, 'copper_ltv_bp', input.pricedOn);
  const weightKg = Number(receipt.weight_kg);
  const limitFen = copperLimitFen(weightKg, price, ltvBp);
  if (input.loanFen > limitFen) {
    const msg = `贷款金额不能超过质押额度 ${fenToYuanString(limitFen)} 元(${formatTons(weightKg)} × ${formatPricePerTon(price)} × 质押率 ${(ltvBp / 100).toFixed(2)}%)`;
    throw new AppError('VALIDATION_FAILED', msg, [{ path: 'loanFen', message: msg }]);
  }
  const now = ctx.clock.now();
  const parties = partiesOf(actor, { bank_id: bankId });
  const creation = pledgeWorkflow.creation('pledge')!;
  const party = pledgeWorkflow.partyFor(creation, parties) ?? 'office';
  let id: string;
  try {
    id = await ctx.db.transaction().execute(async (trx) => {
      const number = await nextPledgeNumber(trx, actor.parkId, today);
      const row = await trx
        .insertInto('copper_pledges')
        .values({
          park_id: actor.parkId,
          number,
          receipt_id: receipt.id,
          enterprise_id: receipt.enterprise_id,
          bank_id: bankId,
          priced_on: input.pricedOn,
          price_fen_per_ton: price,
          ltv_bp: ltvBp,
          loan_fen: input.loanFen,
          outstanding_fen: input.loanFen,
          status: 'active',
          pledged_on: pledgedOn,
          created_by: actor.userId,
          created_at: now,
          updated_at: now,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await trx.updateTable('warehouse_receipts').set({ status: 'pledged', updated_at: now }).where('park_id', '=', actor.parkId).where('id', '=', receipt.id).execute();
      await pledgeEvents.write(trx, actor.parkId, row.id, [
        {
          action: 'pledge',
          from_status: null,
          to_status: 'active',
          actor_id: actor.userId,
          actor_name: actor.displayName,
          actor_role: party,
          note: input.note ?? null,
          data: { receiptNo: receipt.receipt_no, weightKg, priceFenPerTon: price, ltvBp, limitFen, loanFen: input.loanFen },
          at: now,
        },
      ]);
      await recordAudit(trx, actor, actor.parkId, [
        { action: 'create', entity: 'copper_pledge', entityId: row.id, before: null, after: pledgeSnapshot(row) },
        { action: 'update', entity: 'warehouse_receipt', entityId: receipt.id, before: { status: receipt.status }, after: { status: 'pledged' } },
      ], now);
      const firmUsers = await findRecipients(trx, actor.parkId, { enterpriseId: receipt.enterprise_id });
      await ctx.notifier.notify(trx, firmUsers.map((userId) => ({
        parkId: actor.parkId,
        userId,
        kind: 'copper.pledged',
        title: `存铜融:仓单 ${receipt.receipt_no} 已质押给${bank.short_name ?? bank.name}`,
        body: `贷款 ${fenToYuanString(input.loanFen)} 元,额度 ${fenToYuanString(limitFen)} 元(定价 ${formatPricePerTon(price)})`,
        link: '/finance/copper',
      })));
      return row.id;
    });
  } catch (err) {
    if (isLiveIndexViolation(err)) throw await alreadyPledged(ctx.db, actor.parkId, receipt);
    throw err;
  }
  return getPledge(ctx, actor, id);
}

/**
 * 追加保证金 / 部分还款 / 结清解押 on a live pledge, by the finance officer or the pledge's
 * institution. Coverage is judged at today's limit (latest price on or before today): once the
 * shortfall is covered the open margin call is resolved and the pledge is back to active; a
 * repayment of the whole outstanding loan releases the pledge and the receipt.
 */
export async function pledgeStep(ctx: AppContext, actor: Actor, id: string, action: 'top_up' | 'repay' | 'release', input: Partial<PledgeAmountRequest>): Promise<PledgeDetail> {
  const scope = copperScopeOf(actor);
  await findPledge(ctx.db, scope, id);
  const now = ctx.clock.now();
  await ctx.db.transaction().execute((trx) => applyPledgeStep(trx, ctx, actor, id, action, input, now));
  return getPledge(ctx, actor, id);
}

/** The step itself in the caller's transaction (the seed records its history through it too). */
export async function applyPledgeStep(trx: Transaction<DB>, ctx: Pick<AppContext, 'notifier'>, actor: Actor, id: string, action: 'top_up' | 'repay' | 'release', input: Partial<PledgeAmountRequest>, now: Date): Promise<void> {
  const today = shanghaiDate(now);
  {
    const row = await trx.selectFrom('copper_pledges').selectAll().where('park_id', '=', actor.parkId).where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
    if (input.expectedStatus && input.expectedStatus !== row.status) throw conflict('质押已被他人处理(状态已变化),请刷新后重试');
    const receipt = await trx.selectFrom('warehouse_receipts').select(['id', 'weight_kg', 'receipt_no', 'status']).where('id', '=', row.receipt_id).executeTakeFirstOrThrow();
    const outstanding = Number(row.outstanding_fen);
    const margin = Number(row.margin_fen);
    const amount = action === 'release' ? outstanding : (input.amountFen ?? 0);
    const marginAfter = action === 'top_up' ? margin + amount : margin;
    const outstandingAfter = action === 'top_up' ? outstanding : outstanding - amount;
    const price = await latestPriceOn(trx, row.park_id, today);
    const limit = price ? copperLimitFen(Number(receipt.weight_kg), price.price_fen_per_ton, row.ltv_bp) : null;
    const shortfallAfter = limit === null ? 0 : copperShortfallFen(outstandingAfter, marginAfter, limit);
    const stepInput = { amountFen: action === 'release' ? Math.max(1, amount) : amount, remainingFen: outstandingAfter, coveredAfter: shortfallAfter === 0 };
    const parties = partiesOf(actor, row);
    const transition = pledgeWorkflow.check({ status: row.status, outstanding_fen: outstanding }, action, parties, stepInput);
    const to = pledgeWorkflow.target(transition, { status: row.status, outstanding_fen: outstanding }, stepInput);
    const released = to === 'released';
    const patch: Record<string, unknown> = { margin_fen: marginAfter, outstanding_fen: outstandingAfter, updated_at: now };
    if (released) patch.released_on = today;
    const openCall = await trx.selectFrom('margin_calls').selectAll().where('park_id', '=', row.park_id).where('pledge_id', '=', row.id).where('status', '=', 'open').forUpdate().executeTakeFirst();
    const resolution = action === 'top_up' ? 'top_up' : 'repayment';
    let callResolved = false;
    if (openCall) {
      callResolved = released || shortfallAfter === 0;
      await trx
        .updateTable('margin_calls')
        .set({
          resolved_amount_fen: Number(openCall.resolved_amount_fen ?? 0) + amount,
          ...(callResolved ? { status: 'resolved' as const, resolution, resolved_at: now, resolved_by: actor.userId } : {}),
        })
        .where('id', '=', openCall.id)
        .execute();
    }
    if (released) await trx.updateTable('warehouse_receipts').set({ status: 'released', updated_at: now }).where('id', '=', row.receipt_id).execute();
    const bankName = await trx.selectFrom('banks').select(['name', 'short_name']).where('id', '=', row.bank_id).executeTakeFirstOrThrow();
    const recipients = await findRecipients(trx, row.park_id, { enterpriseId: row.enterprise_id, bankId: row.bank_id });
    const verb = action === 'top_up' ? '追加保证金' : released ? '结清还款,仓单已解除质押' : '部分还款';
    const notes: NotificationInput[] = recipients
      .filter((u) => u !== actor.userId)
      .map((userId) => ({
        parkId: row.park_id,
        userId,
        kind: `copper.${action}`,
        title: `存铜融 ${row.number}:${verb} ${fenToYuanString(amount)} 元`,
        body: callResolved ? '补仓通知已解除' : openCall ? `仍差 ${fenToYuanString(shortfallAfter)} 元` : `${bankName.short_name ?? bankName.name}`,
        link: '/finance/copper',
      }));
    await commitTransition(trx, ctx, actor, pledgeStore, {
      row,
      to,
      patch,
      now,
      event: {
        action,
        actorRole: pledgeWorkflow.partyFor(transition, parties) ?? null,
        note: input.note ?? null,
        data: { amountFen: amount, marginFen: marginAfter, outstandingFen: outstandingAfter, limitFen: limit, shortfallFen: shortfallAfter, marginCallId: openCall?.id ?? null, marginCallResolved: callResolved },
      },
      extraAudits: [
        ...(openCall ? [{ action: callResolved ? 'resolve' : 'update', entity: 'margin_call', entityId: openCall.id, before: { status: openCall.status, resolvedAmountFen: openCall.resolved_amount_fen }, after: { status: callResolved ? 'resolved' : 'open', resolution: callResolved ? resolution : null, resolvedAmountFen: Number(openCall.resolved_amount_fen ?? 0) + amount } }] : []),
        ...(released ? [{ action: 'update', entity: 'warehouse_receipt', entityId: row.receipt_id, before: { status: receipt.status }, after: { status: 'released' } }] : []),
      ],
      notes,
    });
  }
}

// ------------------------------------------------------------------ margin calls

export async function listMarginCalls(ctx: AppContext, actor: Actor, query: { status?: string; overdue?: string }): Promise<MarginCallView[]> {
  const scope = copperScopeOf(actor);
  const now = ctx.clock.now();
  let q = selectMarginCalls(ctx.db).where(inCopperScope(scope, 'm'));
  if (query.status === 'open' || query.status === 'resolved') q = q.where('m.status', '=', query.status);
  if (query.overdue === 'true') q = q.where('m.status', '=', 'open').where('m.due_at', '<', now);
  const rows = await q.orderBy('m.status', 'desc').orderBy('m.call_on', 'desc').orderBy('m.created_at', 'desc').limit(500).execute();
  const calendar = await ctx.calendar.get();
  return rows.map((r) => presentMarginCall(r, calendar, now));
}

export type SweepDeps = { calendar: WorkingCalendar; notifier: Notifier };

/**
 * The margin check of one live pledge, in the caller's transaction: a pledge whose outstanding loan
 * less its margin exceeds today's limit gets the day's margin call (`on conflict do nothing` on
 * (park, receipt, day): exactly one per receipt and day however often and concurrently it runs) and
 * goes to margin_call; a pledge in margin_call whose shortfall is gone (the price recovered) has its
 * call resolved; an open call past its deadline is flagged once for the finance officers.
 */
async function checkPledge(trx: Transaction<DB>, deps: SweepDeps, pledgeId: string, price: { price_on: string; price_fen_per_ton: number }, now: Date): Promise<'created' | 'recovered' | 'overdue' | null> {
  const row = await trx.selectFrom('copper_pledges').selectAll().where('id', '=', pledgeId).where('status', '<>', 'released').forUpdate().skipLocked().executeTakeFirst();
  if (!row) return null;
  const receipt = await trx.selectFrom('warehouse_receipts').select(['weight_kg', 'receipt_no', 'warehouse']).where('id', '=', row.receipt_id).executeTakeFirstOrThrow();
  const limit = copperLimitFen(Number(receipt.weight_kg), price.price_fen_per_ton, row.ltv_bp);
  const outstanding = Number(row.outstanding_fen);
  const shortfall = copperShortfallFen(outstanding, Number(row.margin_fen), limit);
  const today = shanghaiDate(now);
  const ctx = { notifier: deps.notifier };
  if (row.status === 'active' && shortfall > 0) {
    const days = await parameterOn(trx, row.park_id, 'margin_call_working_days', today);
    const due = lenientDueAt(deps.calendar, now, days);
    const call = await trx
      .insertInto('margin_calls')
      .values({
        park_id: row.park_id,
        pledge_id: row.id,
        receipt_id: row.receipt_id,
        enterprise_id: row.enterprise_id,
        bank_id: row.bank_id,
        call_on: today,
        price_fen_per_ton: price.price_fen_per_ton,
        limit_fen: limit,
        outstanding_fen: outstanding,
        shortfall_fen: shortfall,
        due_at: due.dueAt,
        due_guessed: due.guessed,
        created_at: now,
      })
      .onConflict((oc) => oc.columns(['park_id', 'receipt_id', 'call_on']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!call) return null;
    const recipients = await findRecipients(trx, row.park_id, { enterpriseId: row.enterprise_id, bankId: row.bank_id });
    const dueText = shanghaiDate(due.dueAt);
    await commitTransition(trx, ctx, null, pledgeStore, {
      row,
      to: 'margin_call',
      patch: { updated_at: now },
      now,
      event: { action: 'margin_call', actorRole: 'system', data: { marginCallId: call.id, priceOn: price.price_on, priceFenPerTon: price.price_fen_per_ton, limitFen: limit, outstandingFen: outstanding, shortfallFen: shortfall, dueAt: due.dueAt.toISOString(), workingDays: days, calendarGuessed: due.guessed || undefined } },
      extraAudits: [{ action: 'create', entity: 'margin_call', entityId: call.id, before: null, after: { pledge: row.number, callOn: today, limitFen: limit, outstandingFen: outstanding, shortfallFen: shortfall, dueAt: due.dueAt.toISOString() } }],
      notes: recipients.map((userId) => ({
        parkId: row.park_id,
        userId,
        kind: 'copper.margin_call',
        title: `补仓通知:仓单 ${receipt.receipt_no} 差额 ${fenToYuanString(shortfall)} 元`,
        body: `铜价 ${formatPricePerTon(price.price_fen_per_ton)}(${price.price_on}),额度 ${fenToYuanString(limit)} 元低于贷款余额;请于 ${dueText} 前追加保证金或部分还款(${days}个工作日)`,
        link: '/finance/copper',
        sms: true,
      })),
    });
    return 'created';
  }
  if (row.status === 'margin_call' && shortfall === 0) {
    const open = await trx.selectFrom('margin_calls').select(['id', 'shortfall_fen']).where('park_id', '=', row.park_id).where('pledge_id', '=', row.id).where('status', '=', 'open').execute();
    await trx.updateTable('margin_calls').set({ status: 'resolved', resolution: 'price_recovered', resolved_at: now }).where('park_id', '=', row.park_id).where('pledge_id', '=', row.id).where('status', '=', 'open').execute();
    const recipients = await findRecipients(trx, row.park_id, { enterpriseId: row.enterprise_id, bankId: row.bank_id });
    await commitTransition(trx, ctx, null, pledgeStore, {
      row,
      to: 'active',
      patch: { updated_at: now },
      now,
      event: { action: 'price_recovered', actorRole: 'system', data: { priceOn: price.price_on, priceFenPerTon: price.price_fen_per_ton, limitFen: limit, marginCallIds: open.map((o) => o.id) } },
      extraAudits: open.map((o) => ({ action: 'resolve', entity: 'margin_call', entityId: o.id, before: { status: 'open' }, after: { status: 'resolved', resolution: 'price_recovered' } })),
      notes: recipients.map((userId) => ({ parkId: row.park_id, userId, kind: 'copper.price_recovered', title: `存铜融 ${row.number}:铜价回升,补仓通知已解除`, body: `铜价 ${formatPricePerTon(price.price_fen_per_ton)},额度 ${fenToYuanString(limit)} 元`, link: '/finance/copper' })),
    });
    return 'recovered';
  }
  if (row.status === 'margin_call') {
    const flagged = await trx
      .updateTable('margin_calls')
      .set({ overdue_at: now })
      .where('park_id', '=', row.park_id)
      .where('pledge_id', '=', row.id)
      .where('status', '=', 'open')
      .where('due_at', '<', now)
      .where('overdue_at', 'is', null)
      .returning(['id', 'shortfall_fen'])
      .execute();
    if (flagged.length === 0) return null;
    const officers = await findRecipients(trx, row.park_id, { financeOfficers: true });
    await commitTransition(trx, ctx, null, pledgeStore, {
      row,
      to: row.status,
      patch: { updated_at: now },
      now,
      event: { action: 'overdue', actorRole: 'system', data: { marginCallIds: flagged.map((f) => f.id) } },
      notes: officers.map((userId) => ({ parkId: row.park_id, userId, kind: 'copper.margin_overdue', title: `补仓逾期:${row.number}(仓单 ${receipt.receipt_no})`, body: `差额 ${fenToYuanString(Number(flagged[0]!.shortfall_fen))} 元,已过补仓期限`, link: '/finance/copper/margin-calls' })),
    });
    return 'overdue';
  }
  return null;
}

/**
 * The margin sweep of one park at `now`. `db` a Kysely instance: one short transaction per pledge
 * (SKIP LOCKED: a pledge another process is checking is left to it). A transaction (the seed): the
 * same checks inside it.
 */
export async function sweepMarginCalls(db: Kysely<DB> | Transaction<DB>, deps: SweepDeps, parkId: string, now: Date): Promise<MarginSweepResult> {
  const day = shanghaiDate(now);
  const price = await latestPriceOn(db, parkId, day);
  const result: MarginSweepResult = { checked: 0, created: 0, recovered: 0, day, priceOn: price?.price_on ?? null, priceFenPerTon: price?.price_fen_per_ton ?? null };
  if (!price) return result;
  const pledges = await db.selectFrom('copper_pledges').select('id').where('park_id', '=', parkId).where('status', '<>', 'released').orderBy('id').execute();
  for (const { id } of pledges) {
    result.checked++;
    const run = (trx: Transaction<DB>) => checkPledge(trx, deps, id, price, now);
    let outcome: Awaited<ReturnType<typeof checkPledge>>;
    if (db.isTransaction) outcome = await run(db as Transaction<DB>);
    else {
      try {
        outcome = await (db as Kysely<DB>).transaction().execute(run);
      } catch (err) {
        // someone acted on the pledge between our read and our write: their state stands, next run re-checks
        if (err instanceof AppError && err.code === 'CONFLICT') continue;
        throw err;
      }
    }
    if (outcome === 'created') result.created++;
    if (outcome === 'recovered') result.recovered++;
  }
  return result;
}

/** The finance officer's 立即检查补仓 button. */
export async function runMarginSweepNow(ctx: AppContext, actor: Actor): Promise<MarginSweepResult> {
  const calendar = await ctx.calendar.get();
  const result = await sweepMarginCalls(ctx.db, { calendar, notifier: ctx.notifier }, actor.parkId, ctx.clock.now());
  await ctx.db.transaction().execute((trx) =>
    recordAudit(trx, actor, actor.parkId, [{ action: 'margin_sweep', entity: 'margin_call', entityId: result.day, before: null, after: result }], ctx.clock.now()),
  );
  return result;
}

/** The scheduled sweep: every park that has copper pledges. */
export async function sweepAllParks(ctx: AppContext): Promise<{ parks: number; created: number; recovered: number }> {
  const parks = await ctx.db.selectFrom('copper_pledges').select('park_id').where('status', '<>', 'released').distinct().execute();
  const calendar = await ctx.calendar.get();
  let created = 0;
  let recovered = 0;
  for (const { park_id } of parks) {
    const r = await sweepMarginCalls(ctx.db, { calendar, notifier: ctx.notifier }, park_id, ctx.clock.now());
    created += r.created;
    recovered += r.recovered;
  }
  return { parks: parks.length, created, recovered };
}

