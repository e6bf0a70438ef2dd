import type { NeedStatistics, NeedStatisticsByBank } from '@yuanqi/contract';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { startOfNextShanghaiDay, startOfShanghaiDay } from '../../../platform/calendar/index.js';

const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const round1 = (v: number | null): number | null => (v === null ? null : Math.round(v * 10) / 10);

/**
 * 融资对接 figures of the needs filed in [from, to] (Asia/Shanghai filing dates) and their answers:
 * two aggregate queries per park (the needs by finance_needs_filed_idx; their answers read from
 * finance_offers_need_cover_idx alone, migration 0018), whatever the period's size. The answers are
 * grouped by institution first and only then joined to `banks`: joined before, the planner
 * under-estimated the join at province scale and looked `banks` up once per answer (bench:finance).
 *
 * - answered on time: the institution's first answer (answered_at) by its due_at;
 * - overdue: answered after due_at, or still open and unanswered past it now;
 * - approved: every answer that was ever approved (approved_at set; it stays when later disbursed or
 *   not chosen), its approved amount;
 * - working days: `working_days_to_disbursement` of the disbursed needs (the filing day not counted);
 *   "within five" = at most 5 working days, the report's 一周.
 */
export async function needStatistics(db: Kysely<DB>, parkId: string, period: { from: string; to: string }, now: Date = new Date()): Promise<NeedStatistics> {
  const start = startOfShanghaiDay(period.from);
  const end = startOfNextShanghaiDay(period.to);

  const needs = await db
    .selectFrom('finance_needs')
    .where('park_id', '=', parkId)
    .where('filed_at', '>=', start)
    .where('filed_at', '<', end)
    .select([
      sql<string>`count(*)`.as('filed'),
      sql<string>`coalesce(sum(amount_fen), 0)`.as('amount'),
      sql<string>`count(*) filter (where disbursed_at is not null)`.as('disbursed'),
      sql<string>`coalesce(sum(disbursed_amount_fen) filter (where disbursed_at is not null), 0)`.as('disbursed_amount'),
      sql<string | null>`avg(working_days_to_disbursement)`.as('wd_avg'),
      sql<string | null>`percentile_cont(0.5) within group (order by working_days_to_disbursement)`.as('wd_median'),
      sql<string | null>`percentile_cont(0.9) within group (order by working_days_to_disbursement)`.as('wd_p90'),
      sql<string>`count(*) filter (where working_days_to_disbursement <= 5)`.as('wd_five'),
    ])
    .executeTakeFirstOrThrow();

  const perBank = db
    .selectFrom('finance_offers as o')
    .innerJoin('finance_needs as n', (j) => j.onRef('n.park_id', '=', 'o.park_id').onRef('n.id', '=', 'o.need_id'))
    .where('n.park_id', '=', parkId)
    .where('n.filed_at', '>=', start)
    .where('n.filed_at', '<', end)
    .groupBy('o.bank_id')
    .select([
      'o.bank_id',
      sql<string>`count(*)`.as('sent'),
      sql<string>`count(*) filter (where o.answered_at is not null)`.as('answered'),
      sql<string>`count(*) filter (where o.answered_at <= o.due_at)`.as('on_time'),
      sql<string>`count(*) filter (where o.answered_at > o.due_at
                   or (o.answered_at is null and o.status in ('pending', 'interested', 'materials_requested') and o.due_at < ${now}))`.as('overdue'),
      sql<string>`count(*) filter (where o.approved_at is not null)`.as('approved'),
      sql<string>`coalesce(sum(o.approved_amount_fen) filter (where o.approved_at is not null), 0)`.as('approved_amount'),
      sql<string>`count(*) filter (where o.status = 'declined')`.as('declined'),
      sql<string>`count(*) filter (where o.status = 'disbursed')`.as('disbursed'),
      sql<string>`coalesce(sum(o.disbursed_amount_fen) filter (where o.status = 'disbursed'), 0)`.as('disbursed_amount'),
    ]);
  const rows = await db
    .selectFrom(perBank.as('a'))
    .innerJoin('banks as b', 'b.id', 'a.bank_id')
    .selectAll('a')
    .select('b.name as bank_name')
    .orderBy('b.sort')
    .orderBy('b.name')
    .execute();

  const byBank: NeedStatisticsByBank[] = rows.map((r) => ({
    bankId: r.bank_id,
    bankName: r.bank_name,
    sent: num(r.sent),
    answered: num(r.answered),
    answeredOnTime: num(r.on_time),
    approvedCount: num(r.approved),
    approvedAmountFen: num(r.approved_amount),
    disbursedCount: num(r.disbursed),
    disbursedAmountFen: num(r.disbursed_amount),
  }));
  const sum = (pick: (r: (typeof rows)[number]) => unknown) => rows.reduce((acc, r) => acc + num(pick(r)), 0);
  const offersSent = sum((r) => r.sent);
  const answeredOnTime = sum((r) => r.on_time);
  const disbursedCount = num(needs.disbursed);
  const withinFive = num(needs.wd_five);
  return {
    from: period.from,
    to: period.to,
    needsFiled: num(needs.filed),
    needsAmountFen: num(needs.amount),
    offersSent,
    answeredOnTime,
    answeredOnTimeShare: offersSent === 0 ? 0 : answeredOnTime / offersSent,
    overdueAnswers: sum((r) => r.overdue),
    approvedCount: sum((r) => r.approved),
    approvedAmountFen: sum((r) => r.approved_amount),
    declinedCount: sum((r) => r.declined),
    disbursedCount,
    disbursedAmountFen: num(needs.disbursed_amount),
    workingDays: {
      average: round1(numOrNull(needs.wd_avg)),
      median: round1(numOrNull(needs.wd_median)),
      p90: round1(numOrNull(needs.wd_p90)),
      withinFive,
      withinFiveShare: disbursedCount === 0 ? 0 : withinFive / disbursedCount,
    },
    byBank,
  };
}
