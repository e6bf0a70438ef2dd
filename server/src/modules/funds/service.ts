import { DUPLICATE_PAYOUT_MESSAGE, formatYuan, type PayoutSource } from '@yuanqi/contract';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { FundRow, LedgerKind } from '../../db/schema-funds.js';
import type { Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import { shanghaiDate } from '../../platform/calendar/index.js';
import type { AppContext } from '../../platform/context.js';
import { AppError, conflict, invalidState, notFound } from '../../platform/errors.js';

/**
 * The money core of 专项资金: every movement is one guarded update of the fund row (the row lock
 * serialises concurrent movers, the `where` and the table's checks refuse an overdraft) plus one
 * append-only ledger entry with the next per-fund sequence number. All functions run in the
 * caller's transaction and leave it usable when they refuse (no statement fails inside it).
 */

/** Money in messages and notices: the contract's one formatter ("¥74,074.07"). */
export const yuan = (fen: number) => formatYuan(fen, { symbol: true });

export type PayoutAccount = { accountName: string; bankName: string; accountNo: string };

export type RecordPayoutInput = {
  parkId: string;
  fundId: string;
  enterpriseId: string;
  amountFen: number;
  policyId: string | null;
  policyVersionId: string | null;
  /** The period paid for (2026, 2026-03, 2026-Q1 …): one payout per firm, exclusion key and period. */
  periodKey: string;
  /** What may not be paid twice (the policy, or a mutual-exclusion group); null → `${source}:${sourceId}`. */
  exclusionKey: string | null;
  source: PayoutSource;
  sourceId: string;
  account: PayoutAccount;
  memo?: string;
  now: Date;
  /** Consume money set aside by reserveFunds instead of the fund's available balance. */
  reservationId?: string | null;
};

export type RecordPayoutResult = { payoutId: string; voucherNumber: string; balanceAfterFen: number };

type Trx = Kysely<DB>;

function asTransaction(trx: Trx): Transaction<DB> {
  return trx as Transaction<DB>;
}

function assertAmount(amountFen: number, label = '金额'): void {
  if (!Number.isSafeInteger(amountFen) || amountFen <= 0) {
    throw new AppError('VALIDATION_FAILED', `${label}应为大于0的整数(单位:分)`, [{ path: 'amountFen', message: `${label}应为大于0的整数(单位:分)` }]);
  }
}

async function fundOrThrow(trx: Trx, parkId: string, fundId: string): Promise<FundRow> {
  const fund = await trx.selectFrom('funds').selectAll().where('park_id', '=', parkId).where('id', '=', fundId).executeTakeFirst();
  if (!fund) throw notFound('专项资金');
  return fund;
}

const FUND_COLUMNS = ['id', 'name', 'budget_fen', 'reserved_fen', 'paid_fen', 'available_fen', 'ledger_seq', 'status'] as const;
type FundFigures = { id: string; name: string; budget_fen: number; reserved_fen: number; paid_fen: number; available_fen: number; ledger_seq: number; status: string };

function figures(row: FundFigures) {
  const budget = Number(row.budget_fen);
  const reserved = Number(row.reserved_fen);
  const paid = Number(row.paid_fen);
  return { seq: Number(row.ledger_seq), balance: budget - paid, reserved, available: Number(row.available_fen) };
}

type LedgerInput = {
  parkId: string;
  fund: FundFigures;
  kind: LedgerKind;
  amountFen: number;
  reservedDeltaFen: number;
  refType: string | null;
  refId: string | null;
  enterpriseId: string | null;
  memo: string | null;
  actor: Actor | null;
  now: Date;
};

/** Appends the ledger entry for a movement already applied to `fund` (the row as updated). */
async function appendLedger(trx: Trx, input: LedgerInput): Promise<void> {
  const f = figures(input.fund);
  await trx
    .insertInto('fund_ledger')
    .values({
      park_id: input.parkId,
      fund_id: input.fund.id,
      seq: f.seq,
      kind: input.kind,
      amount_fen: input.amountFen,
      reserved_delta_fen: input.reservedDeltaFen,
      balance_after_fen: f.balance,
      reserved_after_fen: f.reserved,
      available_after_fen: f.available,
      ref_type: input.refType,
      ref_id: input.refId,
      enterprise_id: input.enterpriseId,
      memo: input.memo,
      created_by: realUser(input.actor),
      created_at: input.now,
    })
    .execute();
}

/** The system actor has no users row; only real users go into created_by columns. */
export function realUser(actor: Actor | null): string | null {
  if (!actor || actor.userId === '00000000-0000-0000-0000-000000000000') return null;
  return actor.userId;
}

function insufficient(fund: { name: string; available_fen: number }, amountFen: number): AppError {
  return invalidState(`专项资金「${fund.name}」可用余额不足:可用 ${yuan(Number(fund.available_fen))},本次 ${yuan(amountFen)}`);
}

/** Why a guarded fund update matched no row. */
async function explainFundRefusal(trx: Trx, parkId: string, fundId: string, amountFen: number): Promise<AppError> {
  const fund = await trx.selectFrom('funds').select(['name', 'status', 'available_fen']).where('park_id', '=', parkId).where('id', '=', fundId).executeTakeFirst();
  if (!fund) return notFound('专项资金');
  if (fund.status !== 'active') return invalidState(`专项资金「${fund.name}」已关闭,不能再动用`);
  return insufficient(fund, amountFen);
}

/** The next number of a per-park, per-scope sequence (row-locked until the transaction ends). */
export async function nextNumber(trx: Trx, parkId: string, kind: string, scope: string): Promise<number> {
  const row = await trx
    .insertInto('fund_number_sequences')
    .values({ park_id: parkId, kind, scope, last: 1 })
    .onConflict((oc) => oc.columns(['park_id', 'kind', 'scope']).doUpdateSet({ last: sql`fund_number_sequences.last + 1` }))
    .returning('last')
    .executeTakeFirstOrThrow();
  return Number(row.last);
}

/** A live payout that already takes this slot (same firm, exclusion key and period; or same source). */
async function findLivePayout(trx: Trx, input: { parkId: string; enterpriseId: string; exclusionKey: string; periodKey: string; source: PayoutSource; sourceId: string }) {
  return trx
    .selectFrom('payouts')
    .select(['id', 'voucher_number', 'paid_at', 'amount_fen'])
    .where('park_id', '=', input.parkId)
    .where('status', '=', 'paid')
    .where((eb) =>
      eb.or([
        eb.and([eb('enterprise_id', '=', input.enterpriseId), eb('exclusion_key', '=', input.exclusionKey), eb('period_key', '=', input.periodKey)]),
        eb.and([eb('source', '=', input.source), eb('source_id', '=', input.sourceId)]),
      ]),
    )
    .executeTakeFirst();
}

function duplicate(existing: { voucher_number: string | null; paid_at: Date } | undefined): AppError {
  const details = existing
    ? [{ path: 'periodKey', message: `已于${shanghaiDate(existing.paid_at)}拨付(凭证号 ${existing.voucher_number ?? '—'})` }]
    : [{ path: 'periodKey', message: '本期已拨付' }];
  return conflict(DUPLICATE_PAYOUT_MESSAGE, details);
}

/**
 * 拨付: inserts the payout and its ledger entry and takes the money from the fund, in the caller's
 * transaction. Refuses a second live payout of the same firm, exclusion key and period (or of the
 * same source record) with CONFLICT — the database's unique indexes decide, so two concurrent
 * payouts cannot both pass — and an overspend with INVALID_STATE. Does not notify: callers word
 * their own messages.
 */
export async function recordPayout(trx: Trx, ctx: AppContext, actor: Actor | null, input: RecordPayoutInput): Promise<RecordPayoutResult> {
  void ctx;
  const { parkId, fundId, enterpriseId, amountFen, now } = input;
  assertAmount(amountFen, '拨付金额');
  const periodKey = input.periodKey.trim();
  const exclusionKey = (input.exclusionKey ?? `${input.source}:${input.sourceId}`).trim();
  if (!periodKey) throw new AppError('VALIDATION_FAILED', '兑付期间不能为空', [{ path: 'periodKey', message: '兑付期间不能为空' }]);
  const account = {
    accountName: input.account.accountName.trim(),
    bankName: input.account.bankName.trim(),
    accountNo: input.account.accountNo.replace(/\s+/g, ''),
  };
  if (!account.accountName || !account.bankName || !account.accountNo) {
    throw new AppError('VALIDATION_FAILED', '收款账户信息不完整', [{ path: 'account', message: '请填写收款户名、开户银行和账号' }]);
  }
  const firm = await trx.selectFrom('enterprises').select(['id', 'name']).where('park_id', '=', parkId).where('id', '=', enterpriseId).executeTakeFirst();
  if (!firm) throw notFound('企业');

  const slot = { parkId, enterpriseId, exclusionKey, periodKey, source: input.source, sourceId: input.sourceId };
  // a friendly early answer (also when the fund could not cover it anyway); the unique indexes
  // below are what decides under concurrency
  const existing = await findLivePayout(trx, slot);
  if (existing) throw duplicate(existing);

  // take the money: from a reservation (reserved → paid) or from available (available → paid)
  let fund: FundFigures | undefined;
  const reservationId = input.reservationId ?? null;
  if (reservationId) {
    const reservation = await trx
      .updateTable('fund_reservations')
      .set({
        consumed_fen: sql`consumed_fen + ${amountFen}`,
        status: sql`case when consumed_fen + released_fen + ${amountFen} = amount_fen then 'closed' else 'open' end`,
        updated_at: now,
      })
      .where('park_id', '=', parkId)
      .where('id', '=', reservationId)
      .where('fund_id', '=', fundId)
      .where(sql<boolean>`consumed_fen + released_fen + ${amountFen} <= amount_fen`)
      .returning(['id'])
      .executeTakeFirst();
    if (!reservation) {
      const r = await trx.selectFrom('fund_reservations').selectAll().where('park_id', '=', parkId).where('id', '=', reservationId).executeTakeFirst();
      if (!r || r.fund_id !== fundId) throw notFound('资金预留');
      const left = Number(r.amount_fen) - Number(r.consumed_fen) - Number(r.released_fen);
      throw invalidState(`预留资金余额不足:剩余 ${yuan(left)},本次 ${yuan(amountFen)}`);
    }
    fund = await trx
      .updateTable('funds')
      .set({ reserved_fen: sql`reserved_fen - ${amountFen}`, paid_fen: sql`paid_fen + ${amountFen}`, ledger_seq: sql`ledger_seq + 1`, updated_at: now })
      .where('park_id', '=', parkId)
      .where('id', '=', fundId)
      .returning(FUND_COLUMNS)
      .executeTakeFirst();
    if (!fund) throw notFound('专项资金');
  } else {
    fund = await trx
      .updateTable('funds')
      .set({ available_fen: sql`available_fen - ${amountFen}`, paid_fen: sql`paid_fen + ${amountFen}`, ledger_seq: sql`ledger_seq + 1`, updated_at: now })
      .where('park_id', '=', parkId)
      .where('id', '=', fundId)
      .where('status', '=', 'active')
      .where('available_fen', '>=', amountFen)
      .returning(FUND_COLUMNS)
      .executeTakeFirst();
    if (!fund) throw await explainFundRefusal(trx, parkId, fundId, amountFen);
  }

  // the next voucher number (its sequence row stays locked until we commit, so it can be given back)
  const year = shanghaiDate(now).slice(0, 4);
  const serial = await nextNumber(trx, parkId, 'payout', year);
  const voucherNumber = `ZF${year}-${String(serial).padStart(6, '0')}`;
  const inserted = await trx
    .insertInto('payouts')
    .values({
      park_id: parkId,
      fund_id: fundId,
      enterprise_id: enterpriseId,
      amount_fen: amountFen,
      policy_id: input.policyId,
      policy_version_id: input.policyVersionId,
      period_key: periodKey,
      exclusion_key: exclusionKey,
      source: input.source,
      source_id: input.sourceId,
      reservation_id: reservationId,
      voucher_number: voucherNumber,
      account_name: account.accountName,
      bank_name: account.bankName,
      account_no: account.accountNo,
      memo: input.memo?.trim() || null,
      paid_at: now,
      created_by: realUser(actor),
      created_at: now,
    })
    // the slot is taken (now, or by a concurrent payout that committed first): nothing is
    // inserted and nothing fails, so the caller's transaction stays usable
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!inserted) {
    // undo the movement and the number above (we hold both rows' locks, nobody moved them since)
    await trx
      .updateTable('fund_number_sequences')
      .set({ last: sql`last - 1` })
      .where('park_id', '=', parkId)
      .where('kind', '=', 'payout')
      .where('scope', '=', year)
      .where('last', '=', serial)
      .execute();
    await trx
      .updateTable('funds')
      .set(
        reservationId
          ? { reserved_fen: sql`reserved_fen + ${amountFen}`, paid_fen: sql`paid_fen - ${amountFen}`, ledger_seq: sql`ledger_seq - 1` }
          : { available_fen: sql`available_fen + ${amountFen}`, paid_fen: sql`paid_fen - ${amountFen}`, ledger_seq: sql`ledger_seq - 1` },
      )
      .where('id', '=', fundId)
      .execute();
    if (reservationId) {
      await trx
        .updateTable('fund_reservations')
        .set({ consumed_fen: sql`consumed_fen - ${amountFen}`, status: 'open' })
        .where('id', '=', reservationId)
        .execute();
    }
    throw duplicate(await findLivePayout(trx, slot));
  }

  await appendLedger(trx, {
    parkId,
    fund,
    kind: 'payout',
    amountFen: -amountFen,
    reservedDeltaFen: reservationId ? -amountFen : 0,
    refType: 'payout',
    refId: inserted.id,
    enterpriseId,
    memo: input.memo?.trim() || `${firm.name} 拨付`,
    actor,
    now,
  });
  await recordAudit(asTransaction(trx), actor, parkId, [
    {
      action: 'payout',
      entity: 'payout',
      entityId: inserted.id,
      before: null,
      after: {
        voucherNumber,
        fundId,
        enterpriseId,
        amountFen,
        policyId: input.policyId,
        periodKey,
        exclusionKey,
        source: input.source,
        sourceId: input.sourceId,
        reservationId,
        accountName: account.accountName,
        bankName: account.bankName,
      },
    },
  ], now);
  return { payoutId: inserted.id, voucherNumber, balanceAfterFen: figures(fund).balance };
}

export type ReserveFundsInput = {
  parkId: string;
  fundId: string;
  enterpriseId: string | null;
  amountFen: number;
  source: PayoutSource;
  sourceId: string;
  memo?: string;
  now: Date;
};

/** 承诺/预拨: sets money aside for one source record (available → reserved). */
export async function reserveFunds(trx: Trx, ctx: AppContext, actor: Actor | null, input: ReserveFundsInput): Promise<{ reservationId: string; availableAfterFen: number }> {
  void ctx;
  const { parkId, fundId, amountFen, now } = input;
  assertAmount(amountFen, '预留金额');
  const fund = await trx
    .updateTable('funds')
    .set({ available_fen: sql`available_fen - ${amountFen}`, reserved_fen: sql`reserved_fen + ${amountFen}`, ledger_seq: sql`ledger_seq + 1`, updated_at: now })
    .where('park_id', '=', parkId)
    .where('id', '=', fundId)
    .where('status', '=', 'active')
    .where('available_fen', '>=', amountFen)
    .returning(FUND_COLUMNS)
    .executeTakeFirst();
  if (!fund) throw await explainFundRefusal(trx, parkId, fundId, amountFen);
  const reservation = await trx
    .insertInto('fund_reservations')
    .values({
      park_id: parkId,
      fund_id: fundId,
      enterprise_id: input.enterpriseId,
      source: input.source,
      source_id: input.sourceId,
      amount_fen: amountFen,
      memo: input.memo?.trim() || null,
      created_by: realUser(actor),
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!reservation) {
    await trx
      .updateTable('funds')
      .set({ available_fen: sql`available_fen + ${amountFen}`, reserved_fen: sql`reserved_fen - ${amountFen}`, ledger_seq: sql`ledger_seq - 1` })
      .where('id', '=', fundId)
      .execute();
    throw conflict('该事项已预留过资金,不能重复预留');
  }
  await appendLedger(trx, {
    parkId,
    fund,
    kind: 'reserve',
    amountFen: 0,
    reservedDeltaFen: amountFen,
    refType: input.source,
    refId: input.sourceId,
    enterpriseId: input.enterpriseId,
    memo: input.memo?.trim() || '资金预留',
    actor,
    now,
  });
  await recordAudit(asTransaction(trx), actor, parkId, [
    { action: 'reserve', entity: 'fund_reservation', entityId: reservation.id, before: null, after: { fundId, amountFen, source: input.source, sourceId: input.sourceId } },
  ], now);
  return { reservationId: reservation.id, availableAfterFen: figures(fund).available };
}

export type ReserveFundsBatchInput = {
  parkId: string;
  fundId: string;
  source: PayoutSource;
  /** One reservation per source record (e.g. one per 免申即享 grant). */
  items: Array<{ sourceId: string; enterpriseId: string | null; amountFen: number }>;
  /** What the one ledger entry points at (e.g. the 免申即享 run) and says. */
  refType: string;
  refId: string;
  memo: string;
  now: Date;
};

/**
 * Sets money aside for many source records at once (available → reserved): one guarded update of
 * the fund row for the total, ONE ledger entry for the batch (so a statement shows what a 免申即享
 * run holds as one line), and one reservation row per record, each consumed by its payout or
 * released on its own (a 'release' entry each). Refuses the whole batch if the fund cannot cover
 * it. Returns the reservation of each source id.
 */
export async function reserveFundsBatch(trx: Trx, actor: Actor | null, input: ReserveFundsBatchInput): Promise<Map<string, string>> {
  const { parkId, fundId, now } = input;
  const out = new Map<string, string>();
  if (input.items.length === 0) return out;
  for (const it of input.items) assertAmount(it.amountFen, '预留金额');
  const total = input.items.reduce((s, it) => s + it.amountFen, 0);
  const fund = await trx
    .updateTable('funds')
    .set({ available_fen: sql`available_fen - ${total}`, reserved_fen: sql`reserved_fen + ${total}`, ledger_seq: sql`ledger_seq + 1`, updated_at: now })
    .where('park_id', '=', parkId)
    .where('id', '=', fundId)
    .where('status', '=', 'active')
    .where('available_fen', '>=', total)
    .returning(FUND_COLUMNS)
    .executeTakeFirst();
  if (!fund) throw await explainFundRefusal(trx, parkId, fundId, total);
  for (let i = 0; i < input.items.length; i += 1000) {
    const rows = await trx
      .insertInto('fund_reservations')
      .values(
        input.items.slice(i, i + 1000).map((it) => ({
          park_id: parkId,
          fund_id: fundId,
          enterprise_id: it.enterpriseId,
          source: input.source,
          source_id: it.sourceId,
          amount_fen: it.amountFen,
          memo: input.memo,
          created_by: realUser(actor),
          created_at: now,
          updated_at: now,
        })),
      )
      .returning(['id', 'source_id'])
      .execute();
    for (const r of rows) out.set(r.source_id, r.id);
  }
  await appendLedger(trx, {
    parkId,
    fund,
    kind: 'reserve',
    amountFen: 0,
    reservedDeltaFen: total,
    refType: input.refType,
    refId: input.refId,
    enterpriseId: null,
    memo: input.memo,
    actor,
    now,
  });
  await recordAudit(asTransaction(trx), actor, parkId, [
    { action: 'reserve', entity: 'fund', entityId: fundId, before: null, after: { amountFen: total, count: input.items.length, source: input.source, refType: input.refType, refId: input.refId } },
  ], now);
  return out;
}

export type ReleaseReservationInput = { parkId: string; reservationId: string; amountFen?: number; memo?: string; now: Date };

/** Returns unused reserved money to available; without amountFen the whole remainder. */
export async function releaseReservation(trx: Trx, ctx: AppContext, actor: Actor | null, input: ReleaseReservationInput): Promise<{ releasedFen: number }> {
  void ctx;
  const { parkId, reservationId, now } = input;
  const r = await trx.selectFrom('fund_reservations').selectAll().where('park_id', '=', parkId).where('id', '=', reservationId).executeTakeFirst();
  if (!r) throw notFound('资金预留');
  const remaining = Number(r.amount_fen) - Number(r.consumed_fen) - Number(r.released_fen);
  const amount = input.amountFen ?? remaining;
  if (amount === 0 || remaining === 0) return { releasedFen: 0 };
  assertAmount(amount, '释放金额');
  if (amount > remaining) throw invalidState(`释放金额超过预留余额:剩余 ${yuan(remaining)},本次 ${yuan(amount)}`);
  const updated = await trx
    .updateTable('fund_reservations')
    .set({
      released_fen: sql`released_fen + ${amount}`,
      status: sql`case when consumed_fen + released_fen + ${amount} = amount_fen then 'closed' else 'open' end`,
      updated_at: now,
    })
    .where('id', '=', reservationId)
    .where(sql<boolean>`consumed_fen + released_fen + ${amount} <= amount_fen`)
    .returning('id')
    .executeTakeFirst();
  if (!updated) throw invalidState('预留资金已被他人动用,请刷新后重试');
  const fund = await trx
    .updateTable('funds')
    .set({ reserved_fen: sql`reserved_fen - ${amount}`, available_fen: sql`available_fen + ${amount}`, ledger_seq: sql`ledger_seq + 1`, updated_at: now })
    .where('id', '=', r.fund_id)
    .returning(FUND_COLUMNS)
    .executeTakeFirstOrThrow();
  await appendLedger(trx, {
    parkId,
    fund,
    kind: 'release',
    amountFen: 0,
    reservedDeltaFen: -amount,
    refType: r.source,
    refId: r.source_id,
    enterpriseId: r.enterprise_id,
    memo: input.memo?.trim() || '释放预留',
    actor,
    now,
  });
  await recordAudit(asTransaction(trx), actor, parkId, [
    { action: 'release', entity: 'fund_reservation', entityId: reservationId, before: { remainingFen: remaining }, after: { remainingFen: remaining - amount, releasedFen: amount } },
  ], now);
  return { releasedFen: amount };
}

/** What other modules do when one of their payouts is reversed (e.g. reopen the application). */
export type PayoutReversalHandler = (trx: Trx, ctx: AppContext, actor: Actor, payout: { id: string; parkId: string; source: PayoutSource; sourceId: string; amountFen: number; reason: string; now: Date }) => Promise<void>;
const reversalHandlers: { source: PayoutSource | '*'; handler: PayoutReversalHandler }[] = [];

/**
 * Registers the follow-up of a reversed payout of `source` ('*' = every source, e.g. commitments
 * that link payouts made by other modules). Runs inside the reversal's transaction.
 */
export function registerPayoutReversalHandler(source: PayoutSource | '*', handler: PayoutReversalHandler): void {
  reversalHandlers.push({ source, handler });
}

/**
 * 退回: the payout stays (marked reversed, its slot free again) and a compensating 'reversal'
 * entry returns the money — into the reservation it came from, if any, else to available.
 */
export async function reversePayout(trx: Trx, ctx: AppContext, actor: Actor, input: { parkId: string; payoutId: string; reason: string; now: Date }): Promise<{ balanceAfterFen: number }> {
  const { parkId, payoutId, now } = input;
  const reason = input.reason.trim();
  const payout = await trx.selectFrom('payouts').selectAll().where('park_id', '=', parkId).where('id', '=', payoutId).executeTakeFirst();
  if (!payout) throw notFound('拨付记录');
  if (payout.status !== 'paid') throw invalidState('该笔拨付已退回,不能重复退回');
  const amount = Number(payout.amount_fen);
  const toReservation = payout.reservation_id !== null;
  // the same lock order as recordPayout: reservation, fund, then the payout row
  if (toReservation) {
    await trx
      .updateTable('fund_reservations')
      .set({ consumed_fen: sql`consumed_fen - ${amount}`, status: 'open', updated_at: now })
      .where('id', '=', payout.reservation_id!)
      .execute();
  }
  const fund = await trx
    .updateTable('funds')
    .set(
      toReservation
        ? { paid_fen: sql`paid_fen - ${amount}`, reserved_fen: sql`reserved_fen + ${amount}`, ledger_seq: sql`ledger_seq + 1`, updated_at: now }
        : { paid_fen: sql`paid_fen - ${amount}`, available_fen: sql`available_fen + ${amount}`, ledger_seq: sql`ledger_seq + 1`, updated_at: now },
    )
    .where('id', '=', payout.fund_id)
    .returning(FUND_COLUMNS)
    .executeTakeFirstOrThrow();
  const claimed = await trx
    .updateTable('payouts')
    .set({ status: 'reversed', reversed_at: now, reversal_reason: reason, reversed_by: realUser(actor) })
    .where('id', '=', payoutId)
    .where('status', '=', 'paid')
    .returning('id')
    .executeTakeFirst();
  if (!claimed) {
    // a concurrent reversal won: undo ours
    await trx
      .updateTable('funds')
      .set(
        toReservation
          ? { paid_fen: sql`paid_fen + ${amount}`, reserved_fen: sql`reserved_fen - ${amount}`, ledger_seq: sql`ledger_seq - 1` }
          : { paid_fen: sql`paid_fen + ${amount}`, available_fen: sql`available_fen - ${amount}`, ledger_seq: sql`ledger_seq - 1` },
      )
      .where('id', '=', payout.fund_id)
      .execute();
    if (toReservation) {
      await trx
        .updateTable('fund_reservations')
        .set({
          consumed_fen: sql`consumed_fen + ${amount}`,
          status: sql`case when consumed_fen + released_fen + ${amount} = amount_fen then 'closed' else 'open' end`,
        })
        .where('id', '=', payout.reservation_id!)
        .execute();
    }
    throw invalidState('该笔拨付已退回,不能重复退回');
  }
  await appendLedger(trx, {
    parkId,
    fund,
    kind: 'reversal',
    amountFen: amount,
    reservedDeltaFen: toReservation ? amount : 0,
    refType: 'payout',
    refId: payoutId,
    enterpriseId: payout.enterprise_id,
    memo: `退回 ${payout.voucher_number ?? ''}:${reason}`,
    actor,
    now,
  });
  await recordAudit(asTransaction(trx), actor, parkId, [
    { action: 'reverse', entity: 'payout', entityId: payoutId, before: { status: 'paid' }, after: { status: 'reversed', reason } },
  ], now);
  for (const h of reversalHandlers) {
    if (h.source === '*' || h.source === payout.source) {
      await h.handler(trx, ctx, actor, { id: payoutId, parkId, source: payout.source, sourceId: payout.source_id, amountFen: amount, reason, now });
    }
  }
  return { balanceAfterFen: figures(fund).balance };
}

/** Creates a fund with its budget as the first ledger entry. */
export async function insertFund(
  trx: Trx,
  actor: Actor | null,
  input: { parkId: string; code: string; name: string; year: number; source: 'local' | 'superior' | 'mixed'; category?: string | null; department?: string | null; description?: string | null; budgetFen: number; now: Date },
): Promise<FundRow> {
  const { parkId, now } = input;
  assertAmount(input.budgetFen, '预算金额');
  const fund = await trx
    .insertInto('funds')
    .values({
      park_id: parkId,
      code: input.code,
      name: input.name,
      year: input.year,
      source: input.source,
      category: input.category ?? null,
      department: input.department ?? null,
      description: input.description ?? null,
      budget_fen: input.budgetFen,
      available_fen: input.budgetFen,
      ledger_seq: 1,
      created_by: realUser(actor),
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) => oc.doNothing())
    .returningAll()
    .executeTakeFirst();
  if (!fund) throw conflict(`资金编码“${input.code}”已存在`, [{ path: 'code', message: '编码已存在' }]);
  await appendLedger(trx, {
    parkId,
    fund,
    kind: 'budget',
    amountFen: input.budgetFen,
    reservedDeltaFen: 0,
    refType: 'fund',
    refId: fund.id,
    enterpriseId: null,
    memo: '预算下达',
    actor,
    now,
  });
  await recordAudit(asTransaction(trx), actor, parkId, [
    { action: 'create', entity: 'fund', entityId: fund.id, before: null, after: { code: fund.code, name: fund.name, year: fund.year, source: fund.source, budgetFen: input.budgetFen } },
  ], now);
  return fund;
}

/** 追加/调减: never below what is already paid and reserved (the guarded update refuses it). */
export async function adjustFundBudget(trx: Trx, actor: Actor, input: { parkId: string; fundId: string; deltaFen: number; reason: string; now: Date }): Promise<FundRow> {
  const { parkId, fundId, deltaFen, now } = input;
  const before = await fundOrThrow(trx, parkId, fundId);
  const fund = await trx
    .updateTable('funds')
    .set({ budget_fen: sql`budget_fen + ${deltaFen}`, available_fen: sql`available_fen + ${deltaFen}`, ledger_seq: sql`ledger_seq + 1`, updated_at: now })
    .where('park_id', '=', parkId)
    .where('id', '=', fundId)
    .where(sql<boolean>`available_fen + ${deltaFen} >= 0`)
    .returningAll()
    .executeTakeFirst();
  if (!fund) {
    const now2 = await fundOrThrow(trx, parkId, fundId);
    throw invalidState(
      `调减后预算不能低于已拨付与已预留之和:已拨付 ${yuan(Number(now2.paid_fen))},已预留 ${yuan(Number(now2.reserved_fen))},最多可调减 ${yuan(Number(now2.available_fen))}`,
    );
  }
  await appendLedger(trx, {
    parkId,
    fund,
    kind: 'adjust',
    amountFen: deltaFen,
    reservedDeltaFen: 0,
    refType: 'fund',
    refId: fundId,
    enterpriseId: null,
    memo: `${deltaFen > 0 ? '追加' : '调减'}预算:${input.reason.trim()}`,
    actor,
    now,
  });
  await recordAudit(asTransaction(trx), actor, parkId, [
    { action: 'adjust', entity: 'fund', entityId: fundId, before: { budgetFen: Number(before.budget_fen) }, after: { budgetFen: Number(fund.budget_fen), deltaFen, reason: input.reason.trim() } },
  ], now);
  return fund;
}
