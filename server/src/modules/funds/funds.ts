import { randomUUID } from 'node:crypto';
import type {
  AdjustFundRequest,
  CreateFundRequest,
  FundFigures,
  FundStatement,
  FundsOverview,
  FundSummary,
  ListFundsQuery,
  ListPayoutsQuery,
  ManualPayoutRequest,
  PayoutList,
  PayoutView,
  StatementQuery,
  UpdateFundRequest,
} from '@yuanqi/contract';
import { can, type Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import type { AppContext } from '../../platform/context.js';
import { forbidden, invalidState, notFound } from '../../platform/errors.js';
import { enterpriseScopeOf } from '../../platform/scope.js';
import { startOfShanghaiDay } from '../../platform/calendar/index.js';
import { burnPercent, presentFund, presentLedger, presentPayout } from './presenter.js';
import * as repo from './repository.js';
import { adjustFundBudget, insertFund, recordPayout, reversePayout, yuan } from './service.js';

// ---------------------------------------------------------------------------------------------
// Funds
// ---------------------------------------------------------------------------------------------

export async function listFunds(ctx: AppContext, actor: Actor, q: ListFundsQuery): Promise<FundsOverview> {
  const rows = await repo.listFunds(ctx.db, actor.parkId, q);
  const stats = await repo.fundStats(ctx.db, actor.parkId, rows.map((r) => r.id));
  const items = rows.map((r) => presentFund(r, stats.get(r.id)));
  const sum = (k: 'budgetFen' | 'reservedFen' | 'paidFen' | 'availableFen') => items.reduce((s, i) => s + i[k], 0);
  const totals = { budgetFen: sum('budgetFen'), reservedFen: sum('reservedFen'), paidFen: sum('paidFen'), availableFen: sum('availableFen'), burnPercent: 0 };
  totals.burnPercent = burnPercent(totals.paidFen, totals.budgetFen);
  return { items, totals };
}

export async function getFund(ctx: AppContext, actor: Actor, id: string): Promise<FundSummary> {
  const row = await repo.findFund(ctx.db, actor.parkId, id);
  if (!row) throw notFound('专项资金');
  const stats = await repo.fundStats(ctx.db, actor.parkId, [id]);
  return presentFund(row, stats.get(id));
}

export async function createFund(ctx: AppContext, actor: Actor, input: CreateFundRequest): Promise<FundSummary> {
  const now = ctx.clock.now();
  const row = await ctx.db.transaction().execute((trx) => insertFund(trx, actor, { parkId: actor.parkId, ...input, now }));
  return presentFund(row);
}

export async function updateFund(ctx: AppContext, actor: Actor, id: string, input: UpdateFundRequest): Promise<FundSummary> {
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('funds').selectAll().where('park_id', '=', actor.parkId).where('id', '=', id).forUpdate().executeTakeFirst();
    if (!before) throw notFound('专项资金');
    if (input.status === 'closed' && before.status !== 'closed' && Number(before.reserved_fen) > 0) {
      throw invalidState(`专项资金「${before.name}」尚有预留资金 ${yuan(Number(before.reserved_fen))} 未兑付或释放,不能关闭`);
    }
    const patch = {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.category !== undefined ? { category: input.category ?? null } : {}),
      ...(input.department !== undefined ? { department: input.department ?? null } : {}),
      ...(input.description !== undefined ? { description: input.description ?? null } : {}),
      ...(input.status !== undefined ? { status: input.status } : {}),
    };
    if (Object.keys(patch).length === 0) return;
    await trx.updateTable('funds').set({ ...patch, updated_at: now }).where('id', '=', id).execute();
    const pick = (r: Record<string, unknown>) => Object.fromEntries(Object.keys(patch).map((k) => [k, r[k]]));
    await recordAudit(trx, actor, actor.parkId, [{ action: 'update', entity: 'fund', entityId: id, before: pick(before), after: patch }], now);
  });
  return getFund(ctx, actor, id);
}

export async function adjustFund(ctx: AppContext, actor: Actor, id: string, input: AdjustFundRequest): Promise<FundSummary> {
  const now = ctx.clock.now();
  await ctx.db.transaction().execute((trx) => adjustFundBudget(trx, actor, { parkId: actor.parkId, fundId: id, deltaFen: input.deltaFen, reason: input.reason, now }));
  return getFund(ctx, actor, id);
}

/**
 * 资金明细账 for [from, to]: opening figures (every entry booked before `from`), the entries in time
 * order with running figures, closing figures and totals. Running figures are summed from the
 * entries themselves, so opening + entries = closing holds by construction; each entry's stored
 * *_after_fen (the figures when it was booked) agree with them whenever bookings were made in time
 * order, which live operation guarantees.
 */
export async function fundStatement(ctx: AppContext, actor: Actor, id: string, q: StatementQuery): Promise<FundStatement> {
  const fund = await getFund(ctx, actor, id);
  const from = q.from ?? null;
  const to = q.to ?? null;
  const before = from ? await repo.ledgerSumsBefore(ctx.db, actor.parkId, id, startOfShanghaiDay(from)) : { balance: 0, reserved: 0 };
  const opening: FundFigures = { balanceFen: before.balance, reservedFen: before.reserved, availableFen: before.balance - before.reserved };
  const rows = await repo.ledgerEntries(ctx.db, actor.parkId, id, from, to);
  let balance = opening.balanceFen;
  let reserved = opening.reservedFen;
  const totals = { inFen: 0, outFen: 0, reservedFen: 0, releasedFen: 0, count: rows.length };
  const entries = rows.map((row) => {
    const e = presentLedger(row);
    balance += e.amountFen;
    reserved += e.reservedDeltaFen;
    if (e.amountFen > 0) totals.inFen += e.amountFen;
    else totals.outFen -= e.amountFen;
    if (e.kind === 'reserve') totals.reservedFen += e.reservedDeltaFen;
    if (e.kind === 'release') totals.releasedFen -= e.reservedDeltaFen;
    return { ...e, balanceAfterFen: balance, reservedAfterFen: reserved, availableAfterFen: balance - reserved };
  });
  const closing: FundFigures = { balanceFen: balance, reservedFen: reserved, availableFen: balance - reserved };
  return { fund, from, to, opening, closing, totals, entries };
}

// ---------------------------------------------------------------------------------------------
// Payouts
// ---------------------------------------------------------------------------------------------

/** Staff with fund:read see the park; firms, liaisons and others with policy-application:read their own scope. */
export function assertPayoutReader(actor: Actor): void {
  if (!can(actor, 'fund:read') && !can(actor, 'policy-application:read')) throw forbidden();
}

export async function listPayouts(ctx: AppContext, actor: Actor, q: ListPayoutsQuery): Promise<PayoutList> {
  assertPayoutReader(actor);
  const { page, pageSize, ...filters } = q;
  const { rows, total, totalAmountFen, beneficiaryCount } = await repo.listPayouts(ctx.db, enterpriseScopeOf(actor), filters, { limit: pageSize, offset: (page - 1) * pageSize });
  const full = can(actor, 'payout:execute');
  return { items: rows.map((r) => presentPayout(r, full)), total, page, pageSize, totalAmountFen, beneficiaryCount };
}

export async function getPayout(ctx: AppContext, actor: Actor, id: string): Promise<PayoutView> {
  assertPayoutReader(actor);
  const row = await repo.findPayout(ctx.db, enterpriseScopeOf(actor), id);
  if (!row) throw notFound('拨付记录');
  return presentPayout(row, can(actor, 'payout:execute'));
}

/** All payouts matching the filters, for the export (capped: an export is a report, not a dump). */
export async function payoutsForExport(ctx: AppContext, actor: Actor, q: Omit<ListPayoutsQuery, 'page' | 'pageSize'>): Promise<PayoutView[]> {
  assertPayoutReader(actor);
  const { rows } = await repo.listPayouts(ctx.db, enterpriseScopeOf(actor), q, { limit: 50_000, offset: 0 });
  const full = can(actor, 'payout:execute');
  return rows.map((r) => presentPayout(r, full));
}

export async function manualPayout(ctx: AppContext, actor: Actor, input: ManualPayoutRequest): Promise<PayoutView> {
  const now = ctx.clock.now();
  const sourceId = randomUUID();
  const { payoutId } = await ctx.db.transaction().execute(async (trx) => {
    const result = await recordPayout(trx, ctx, actor, {
      parkId: actor.parkId,
      fundId: input.fundId,
      enterpriseId: input.enterpriseId,
      amountFen: input.amountFen,
      policyId: null,
      policyVersionId: null,
      periodKey: input.periodKey,
      exclusionKey: input.exclusionKey ?? null,
      source: 'manual',
      sourceId,
      account: { accountName: input.accountName, bankName: input.bankName, accountNo: input.accountNo },
      memo: input.memo,
      now,
    });
    await notifyFirm(ctx, trx, actor.parkId, input.enterpriseId, '资金已拨付', `${input.memo}:已拨付 ${yuan(input.amountFen)},凭证号 ${result.voucherNumber}`);
    return result;
  });
  return getPayout(ctx, actor, payoutId);
}

export async function reverse(ctx: AppContext, actor: Actor, id: string, reason: string): Promise<PayoutView> {
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const payout = await trx.selectFrom('payouts').select(['enterprise_id', 'voucher_number', 'amount_fen']).where('park_id', '=', actor.parkId).where('id', '=', id).executeTakeFirst();
    if (!payout) throw notFound('拨付记录');
    await reversePayout(trx, ctx, actor, { parkId: actor.parkId, payoutId: id, reason, now });
    await notifyFirm(ctx, trx, actor.parkId, payout.enterprise_id, '拨付款已退回', `凭证号 ${payout.voucher_number ?? ''} 的拨付 ${yuan(Number(payout.amount_fen))} 已退回:${reason}`);
  });
  return getPayout(ctx, actor, id);
}

/** An in-site message to every active user of a firm. */
export async function notifyFirm(ctx: AppContext, trx: Parameters<AppContext['notifier']['notify']>[0], parkId: string, enterpriseId: string, title: string, body: string, link = '/my/payouts'): Promise<void> {
  const users = await trx.selectFrom('users').select('id').where('park_id', '=', parkId).where('enterprise_id', '=', enterpriseId).where('is_active', '=', true).execute();
  if (users.length === 0) return;
  await ctx.notifier.notify(trx, users.map((u) => ({ parkId, userId: u.id, kind: 'payout', title, body, link })));
}
