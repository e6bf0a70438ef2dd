import type { BridgeLoanBankRow, BridgeLoanStatistics } from '@yuanqi/contract';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { startOfNextShanghaiDay, startOfShanghaiDay } from '../../../platform/calendar/index.js';

type Executor = Kysely<DB> | Transaction<DB>;

/**
 * 应急转贷 figures for [from, to] (Asia/Shanghai dates, both included). Four index-backed aggregates
 * per park (each grouped by bank, so the per-bank rows come with them):
 * - loans disbursed in the period (bridge_loans_disbursed_idx): count, amount, days used of those
 *   already repaid;
 * - loans repaid in the period (bridge_loans_repaid_idx): fees and penalties charged;
 * - loans outstanding now (status 'disbursed', bridge_loans_park_idx): count, amount, overdue;
 * - applications filed in the period (bridge_loans_filed_idx): filed / approved / rejected;
 * and the active pools' capital (one row or a few) for the turnover.
 */
export async function bridgeLoanStatistics(db: Executor, parkId: string, period: { from: string; to: string }): Promise<BridgeLoanStatistics> {
  const { from, to } = period;
  const fromAt = startOfShanghaiDay(from);
  const toAt = startOfNextShanghaiDay(to);

  const [disbursed, repaid, outstanding, filed, pools] = await Promise.all([
    db
      .selectFrom('bridge_loans')
      .select([
        'bank_id',
        sql<number>`count(*)`.as('n'),
        sql<number>`coalesce(sum(amount_fen), 0)`.as('amount'),
        sql<number>`count(*) filter (where status = 'repaid')`.as('repaid_n'),
        sql<number>`coalesce(sum(days_used) filter (where status = 'repaid'), 0)`.as('repaid_days'),
      ])
      .where('park_id', '=', parkId)
      .where('disbursed_on', 'is not', null)
      .where('disbursed_on', '>=', from)
      .where('disbursed_on', '<=', to)
      .groupBy('bank_id')
      .execute(),
    db
      .selectFrom('bridge_loans')
      .select([sql<number>`coalesce(sum(fee_fen), 0)`.as('fee'), sql<number>`coalesce(sum(penalty_fen), 0)`.as('penalty')])
      .where('park_id', '=', parkId)
      .where('repaid_on', 'is not', null)
      .where('repaid_on', '>=', from)
      .where('repaid_on', '<=', to)
      .executeTakeFirst(),
    db
      .selectFrom('bridge_loans')
      .select([
        'bank_id',
        sql<number>`count(*)`.as('n'),
        sql<number>`coalesce(sum(amount_fen), 0)`.as('amount'),
        sql<number>`count(*) filter (where overdue_at is not null)`.as('overdue_n'),
        sql<number>`coalesce(sum(amount_fen) filter (where overdue_at is not null), 0)`.as('overdue_amount'),
      ])
      .where('park_id', '=', parkId)
      .where('status', '=', 'disbursed')
      .groupBy('bank_id')
      .execute(),
    db
      .selectFrom('bridge_loans')
      .select([
        sql<number>`count(*)`.as('n'),
        sql<number>`count(*) filter (where officer_approved_at is not null)`.as('approved'),
        sql<number>`count(*) filter (where status in ('rejected', 'bank_declined'))`.as('rejected'),
      ])
      .where('park_id', '=', parkId)
      .where('filed_at', '>=', fromAt)
      .where('filed_at', '<', toAt)
      .executeTakeFirst(),
    db
      .selectFrom('bridge_pools')
      .select([sql<number>`coalesce(sum(capital_fen), 0)`.as('capital'), sql<number>`coalesce(sum(available_fen), 0)`.as('available')])
      .where('park_id', '=', parkId)
      .where('status', '=', 'active')
      .executeTakeFirst(),
  ]);

  const bankIds = [...new Set([...disbursed.map((r) => r.bank_id), ...outstanding.map((r) => r.bank_id)])];
  const banks = bankIds.length
    ? await db.selectFrom('banks').select(['id', 'name', 'short_name']).where('id', 'in', bankIds).execute()
    : [];
  const bankName = new Map(banks.map((b) => [b.id, b.short_name ?? b.name]));

  const rows = new Map<string, BridgeLoanBankRow>();
  const row = (bankId: string): BridgeLoanBankRow => {
    let r = rows.get(bankId);
    if (!r) {
      r = { bankId, bankName: bankName.get(bankId) ?? '', count: 0, amountFen: 0, outstandingCount: 0, outstandingFen: 0, overdueCount: 0, overdueFen: 0 };
      rows.set(bankId, r);
    }
    return r;
  };
  let disbursedCount = 0;
  let disbursedFen = 0;
  let repaidCount = 0;
  let repaidDays = 0;
  for (const d of disbursed) {
    const r = row(d.bank_id);
    r.count = Number(d.n);
    r.amountFen = Number(d.amount);
    disbursedCount += r.count;
    disbursedFen += r.amountFen;
    repaidCount += Number(d.repaid_n);
    repaidDays += Number(d.repaid_days);
  }
  let outstandingCount = 0;
  let outstandingFen = 0;
  let overdueCount = 0;
  let overdueFen = 0;
  for (const o of outstanding) {
    const r = row(o.bank_id);
    r.outstandingCount = Number(o.n);
    r.outstandingFen = Number(o.amount);
    r.overdueCount = Number(o.overdue_n);
    r.overdueFen = Number(o.overdue_amount);
    outstandingCount += r.outstandingCount;
    outstandingFen += r.outstandingFen;
    overdueCount += r.overdueCount;
    overdueFen += r.overdueFen;
  }
  const poolCapitalFen = Number(pools?.capital ?? 0);
  return {
    from,
    to,
    disbursedCount,
    disbursedFen,
    averageDaysUsed: repaidCount ? Math.round((repaidDays / repaidCount) * 10) / 10 : null,
    repaidCount,
    feeFen: Number(repaid?.fee ?? 0),
    penaltyFen: Number(repaid?.penalty ?? 0),
    outstandingCount,
    outstandingFen,
    overdueCount,
    overdueFen,
    poolCapitalFen,
    poolAvailableFen: Number(pools?.available ?? 0),
    poolTurnover: poolCapitalFen > 0 ? Math.round((disbursedFen / poolCapitalFen) * 100) / 100 : null,
    applicationsFiled: Number(filed?.n ?? 0),
    applicationsApproved: Number(filed?.approved ?? 0),
    applicationsRejected: Number(filed?.rejected ?? 0),
    byBank: [...rows.values()].sort((a, b) => b.amountFen - a.amountFen || b.outstandingFen - a.outstandingFen || a.bankName.localeCompare(b.bankName, 'zh-CN')),
  };
}
