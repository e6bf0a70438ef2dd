import {
  BRIDGE_LEDGER_KIND_LABELS,
  BRIDGE_LEDGER_KINDS,
  formatYuan,
  type BridgeLedgerEntryView,
  type BridgeLedgerKindValue,
  type BridgePoolCapitalRequest,
  type BridgePoolStatement,
  type BridgePoolView,
  type CreateBridgePoolRequest,
} from '@yuanqi/contract';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../../db/schema.js';
import type { Actor } from '../../../platform/actor.js';
import { recordAudit } from '../../../platform/audit.js';
import { startOfNextShanghaiDay, startOfShanghaiDay } from '../../../platform/calendar/index.js';
import type { AppContext } from '../../../platform/context.js';
import { AppError, conflict, notFound } from '../../../platform/errors.js';

type Executor = Kysely<DB> | Transaction<DB>;

/**
 * The 应急转贷 pool: one row whose figures move only by guarded single-row updates that also bump
 * `ledger_seq`, each followed by its append-only ledger entries numbered from that seq, in the same
 * transaction. capital = available + lent, none negative: the database's checks.
 */

type PoolFigures = { id: string; park_id: string; name: string; capital_fen: number; available_fen: number; lent_fen: number; fee_income_fen: number; ledger_seq: number };
const FIGURES = ['id', 'park_id', 'name', 'capital_fen', 'available_fen', 'lent_fen', 'fee_income_fen', 'ledger_seq'] as const;

function figures(row: Record<string, unknown>): PoolFigures {
  return {
    id: row.id as string,
    park_id: row.park_id as string,
    name: row.name as string,
    capital_fen: Number(row.capital_fen),
    available_fen: Number(row.available_fen),
    lent_fen: Number(row.lent_fen),
    fee_income_fen: Number(row.fee_income_fen),
    ledger_seq: Number(row.ledger_seq),
  };
}

export type LedgerLine = { kind: BridgeLedgerKindValue; amountFen: number; loanId?: string | null; enterpriseId?: string | null; memo?: string | null };

/**
 * Writes the ledger entries of one pool movement: `after` is the pool as the guarded update
 * returned it (its seq bumped by lines.length); each line's balances are those after it, worked
 * back from the end.
 */
async function writeLines(trx: Executor, after: PoolFigures, lines: LedgerLine[], actorId: string | null, now: Date): Promise<void> {
  let available = after.available_fen;
  let lent = after.lent_fen;
  let fee = after.fee_income_fen;
  const rows = [];
  for (let i = lines.length - 1; i >= 0; i--) {
    const l = lines[i]!;
    rows.unshift({
      park_id: after.park_id,
      pool_id: after.id,
      seq: after.ledger_seq - (lines.length - 1 - i),
      kind: l.kind,
      amount_fen: l.amountFen,
      available_after_fen: available,
      lent_after_fen: lent,
      fee_income_after_fen: fee,
      loan_id: l.loanId ?? null,
      enterprise_id: l.enterpriseId ?? null,
      memo: l.memo ?? null,
      created_by: actorId,
      created_at: now,
    });
    // undo this line to get the balances before it
    switch (l.kind) {
      case 'capital':
        available -= l.amountFen;
        break;
      case 'withdraw':
        available += l.amountFen;
        break;
      case 'disburse':
        available += l.amountFen;
        lent -= l.amountFen;
        break;
      case 'repay':
        available -= l.amountFen;
        lent += l.amountFen;
        break;
      case 'fee':
      case 'penalty':
        fee -= l.amountFen;
        break;
    }
  }
  await trx.insertInto('bridge_pool_ledger').values(rows).execute();
}

/**
 * Lends `amountFen` from the pool: `available_fen >= x` in the WHERE, so concurrent disbursements
 * queue on the row lock and the ones that no longer fit match no row. 0 rows → 409 naming the
 * available balance and the amount; nothing is written.
 */
export async function debitPool(trx: Executor, parkId: string, poolId: string, amountFen: number, line: Omit<LedgerLine, 'kind' | 'amountFen'>, actorId: string | null, now: Date): Promise<PoolFigures> {
  const row = await trx
    .updateTable('bridge_pools')
    .set({ available_fen: sql`available_fen - ${amountFen}`, lent_fen: sql`lent_fen + ${amountFen}`, ledger_seq: sql`ledger_seq + 1`, updated_at: now })
    .where('park_id', '=', parkId)
    .where('id', '=', poolId)
    .where('status', '=', 'active')
    .where('available_fen', '>=', amountFen)
    .returning(FIGURES)
    .executeTakeFirst();
  if (!row) {
    const pool = await trx.selectFrom('bridge_pools').select(['available_fen', 'status']).where('park_id', '=', parkId).where('id', '=', poolId).executeTakeFirst();
    if (!pool) throw notFound('转贷资金池');
    if (pool.status !== 'active') throw conflict('该资金池已关闭,不能放款', [{ path: 'poolId', message: '资金池已关闭' }]);
    throw conflict(`资金池可用余额不足:可用 ${formatYuan(Number(pool.available_fen), { symbol: true })},本笔 ${formatYuan(amountFen, { symbol: true })}`, [
      { path: 'poolId', message: '资金池可用余额不足' },
    ]);
  }
  const after = figures(row);
  await writeLines(trx, after, [{ kind: 'disburse', amountFen, ...line }], actorId, now);
  return after;
}

/** Principal back (available += x, lent −= x) and the fee and penalty into fee income, one update. */
export async function creditPool(
  trx: Executor,
  parkId: string,
  poolId: string,
  input: { principalFen: number; feeFen: number; penaltyFen: number; loanId: string; enterpriseId: string; memo: string },
  actorId: string | null,
  now: Date,
): Promise<PoolFigures> {
  const lines: LedgerLine[] = [{ kind: 'repay', amountFen: input.principalFen, loanId: input.loanId, enterpriseId: input.enterpriseId, memo: `${input.memo} 归还本金` }];
  if (input.feeFen > 0) lines.push({ kind: 'fee', amountFen: input.feeFen, loanId: input.loanId, enterpriseId: input.enterpriseId, memo: `${input.memo} 转贷费` });
  if (input.penaltyFen > 0) lines.push({ kind: 'penalty', amountFen: input.penaltyFen, loanId: input.loanId, enterpriseId: input.enterpriseId, memo: `${input.memo} 逾期费` });
  const row = await trx
    .updateTable('bridge_pools')
    .set({
      available_fen: sql`available_fen + ${input.principalFen}`,
      lent_fen: sql`lent_fen - ${input.principalFen}`,
      fee_income_fen: sql`fee_income_fen + ${input.feeFen + input.penaltyFen}`,
      ledger_seq: sql`ledger_seq + ${lines.length}`,
      updated_at: now,
    })
    .where('park_id', '=', parkId)
    .where('id', '=', poolId)
    .where('lent_fen', '>=', input.principalFen)
    .returning(FIGURES)
    .executeTakeFirst();
  if (!row) throw conflict('资金池已贷出金额小于本笔本金,账目异常,请联系管理员');
  const after = figures(row);
  await writeLines(trx, after, lines, actorId, now);
  return after;
}

function presentPool(r: Record<string, unknown>): BridgePoolView {
  return {
    id: r.id as string,
    code: r.code as string,
    name: r.name as string,
    status: r.status as 'active' | 'closed',
    capitalFen: Number(r.capital_fen),
    availableFen: Number(r.available_fen),
    lentFen: Number(r.lent_fen),
    feeIncomeFen: Number(r.fee_income_fen),
    ledgerSeq: Number(r.ledger_seq),
    createdAt: (r.created_at as Date).toISOString(),
  };
}

export async function listPools(db: Executor, parkId: string): Promise<BridgePoolView[]> {
  const rows = await db.selectFrom('bridge_pools').selectAll().where('park_id', '=', parkId).orderBy('created_at').execute();
  return rows.map(presentPool);
}

export async function getPool(db: Executor, parkId: string, id: string): Promise<BridgePoolView> {
  const row = await db.selectFrom('bridge_pools').selectAll().where('park_id', '=', parkId).where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('转贷资金池');
  return presentPool(row);
}

/** A new pool: its capital is the first ledger entry ('capital', seq 1). */
export async function createPool(ctx: AppContext, actor: Actor, input: CreateBridgePoolRequest): Promise<BridgePoolView> {
  const now = ctx.clock.now();
  const id = await ctx.db.transaction().execute(async (trx) => {
    const dup = await trx.selectFrom('bridge_pools').select('id').where('park_id', '=', actor.parkId).where('code', '=', input.code).executeTakeFirst();
    if (dup) throw conflict(`编码 ${input.code} 已被使用`, [{ path: 'code', message: '编码已被使用' }]);
    const row = await trx
      .insertInto('bridge_pools')
      .values({ park_id: actor.parkId, code: input.code, name: input.name, capital_fen: input.capitalFen, available_fen: input.capitalFen, lent_fen: 0, fee_income_fen: 0, ledger_seq: 1, created_by: actor.userId, created_at: now, updated_at: now })
      .returning(FIGURES)
      .executeTakeFirstOrThrow();
    await writeLines(trx, figures(row), [{ kind: 'capital', amountFen: input.capitalFen, memo: input.memo ?? '初始注资' }], actor.userId, now);
    await recordAudit(trx, actor, actor.parkId, [{ action: 'create', entity: 'bridge_pool', entityId: row.id, before: null, after: { code: input.code, name: input.name, capitalFen: input.capitalFen } }], now);
    return row.id;
  });
  return getPool(ctx.db, actor.parkId, id);
}

/** 注资 / 减资: capital out never below what is lent (only the available part may leave). */
export async function moveCapital(ctx: AppContext, actor: Actor, poolId: string, input: BridgePoolCapitalRequest): Promise<BridgePoolView> {
  const now = ctx.clock.now();
  const x = input.amountFen;
  await ctx.db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('bridge_pools').selectAll().where('park_id', '=', actor.parkId).where('id', '=', poolId).executeTakeFirst();
    if (!before) throw notFound('转贷资金池');
    let q = trx
      .updateTable('bridge_pools')
      .set(
        input.direction === 'in'
          ? { capital_fen: sql`capital_fen + ${x}`, available_fen: sql`available_fen + ${x}`, ledger_seq: sql`ledger_seq + 1`, updated_at: now }
          : { capital_fen: sql`capital_fen - ${x}`, available_fen: sql`available_fen - ${x}`, ledger_seq: sql`ledger_seq + 1`, updated_at: now },
      )
      .where('park_id', '=', actor.parkId)
      .where('id', '=', poolId);
    if (input.direction === 'out') q = q.where('available_fen', '>=', x);
    const row = await q.returning(FIGURES).executeTakeFirst();
    if (!row) {
      const now2 = await trx.selectFrom('bridge_pools').select(['available_fen', 'lent_fen']).where('id', '=', poolId).executeTakeFirstOrThrow();
      throw new AppError('CONFLICT', `可用余额不足,不能减资:可用 ${formatYuan(Number(now2.available_fen), { symbol: true })},已贷出 ${formatYuan(Number(now2.lent_fen), { symbol: true })} 须收回后才能减资`, [
        { path: 'amountFen', message: `减资金额不能超过可用余额 ${formatYuan(Number(now2.available_fen), { symbol: true })}` },
      ]);
    }
    const after = figures(row);
    await writeLines(trx, after, [{ kind: input.direction === 'in' ? 'capital' : 'withdraw', amountFen: x, memo: input.memo }], actor.userId, now);
    await recordAudit(trx, actor, actor.parkId, [
      { action: input.direction === 'in' ? 'capital_in' : 'capital_out', entity: 'bridge_pool', entityId: poolId, before: { capitalFen: Number(before.capital_fen), availableFen: Number(before.available_fen) }, after: { capitalFen: after.capital_fen, availableFen: after.available_fen, amountFen: x, memo: input.memo } },
    ], now);
  });
  return getPool(ctx.db, actor.parkId, poolId);
}

/** Statement for [from, to] (Asia/Shanghai dates): opening (after the last entry before), every entry, closing. */
export async function poolStatement(db: Executor, parkId: string, poolId: string, period: { from: string; to: string }): Promise<BridgePoolStatement> {
  if (period.from > period.to) throw new AppError('VALIDATION_FAILED', '开始日期不能晚于结束日期', [{ path: 'from', message: '开始日期不能晚于结束日期' }]);
  const pool = await getPool(db, parkId, poolId);
  const fromAt = startOfShanghaiDay(period.from);
  const toAt = startOfNextShanghaiDay(period.to);
  const before = await db
    .selectFrom('bridge_pool_ledger')
    .select(['available_after_fen', 'lent_after_fen', 'fee_income_after_fen'])
    .where('park_id', '=', parkId)
    .where('pool_id', '=', poolId)
    .where('created_at', '<', fromAt)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  const rows = await db
    .selectFrom('bridge_pool_ledger as l')
    .leftJoin('bridge_loans as b', 'b.id', 'l.loan_id')
    .leftJoin('enterprises as e', 'e.id', 'l.enterprise_id')
    .leftJoin('users as u', 'u.id', 'l.created_by')
    .select(['l.seq', 'l.kind', 'l.amount_fen', 'l.available_after_fen', 'l.lent_after_fen', 'l.fee_income_after_fen', 'l.loan_id', 'b.number as loan_number', 'e.name as enterprise_name', 'l.memo', 'l.created_at', 'u.display_name as created_by_name'])
    .where('l.park_id', '=', parkId)
    .where('l.pool_id', '=', poolId)
    .where('l.created_at', '>=', fromAt)
    .where('l.created_at', '<', toAt)
    .orderBy('l.seq')
    .execute();
  const bal = (r: { available_after_fen: number; lent_after_fen: number; fee_income_after_fen: number } | undefined) => {
    const availableFen = r ? Number(r.available_after_fen) : 0;
    const lentFen = r ? Number(r.lent_after_fen) : 0;
    return { availableFen, lentFen, feeIncomeFen: r ? Number(r.fee_income_after_fen) : 0, capitalFen: availableFen + lentFen };
  };
  const opening = bal(before);
  const closing = rows.length ? bal(rows[rows.length - 1]) : opening;
  const totals = Object.fromEntries(BRIDGE_LEDGER_KINDS.map((k) => [k, 0])) as Record<BridgeLedgerKindValue, number>;
  const entries: BridgeLedgerEntryView[] = rows.map((r) => {
    totals[r.kind] += Number(r.amount_fen);
    return {
      seq: r.seq,
      kind: r.kind,
      kindLabel: BRIDGE_LEDGER_KIND_LABELS[r.kind],
      amountFen: Number(r.amount_fen),
      availableAfterFen: Number(r.available_after_fen),
      lentAfterFen: Number(r.lent_after_fen),
      feeIncomeAfterFen: Number(r.fee_income_after_fen),
      loanId: r.loan_id,
      loanNumber: r.loan_number,
      enterpriseName: r.enterprise_name,
      memo: r.memo,
      createdAt: r.created_at.toISOString(),
      createdBy: r.created_by_name,
    };
  });
  return { pool, from: period.from, to: period.to, opening, closing, totals, entries };
}
