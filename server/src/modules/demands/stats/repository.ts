import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { nextDate, rollupCovers } from '../../../platform/rollup.js';

type Executor = Kysely<DB> | Transaction<DB>;

/** [from, to) instants of the range; dates are the Shanghai dates it covers. */
export type StatsRange = { from: Date; to: Date; fromDate: string; toDate: string };

export type DemandFigureRow = {
  category: string;
  assignee_id: string | null;
  filed: number;
  resolved: number;
  on_time: number;
  /** Sum of answer_working_days over the answers given in the range (the mean is taken after roll-up). */
  days_sum: number;
  days_count: number;
  open: number;
  overdue_open: number;
  escalated: number;
};

/**
 * Demand figures of one park for a range, per (category, owner) — additive counts and sums, so the
 * total, the by-category and the by-officer tables are rolled up from these few dozen rows.
 * `filed` counts filings in the range; `resolved`, `on_time` and the days count answers given in it;
 * `open` and `overdue_open` are the demands filed in the range still open (overdue at `now`).
 *
 * The counts come from `demand_rollup_all` (kept by the writes, migrations 20261207-0005/0007): the month
 * rows of the range's whole months and the day rows of its ends — a park's year is a few hundred
 * rows, not its 10,000 demands. The open ones are a live pass over the open demands filed in the
 * range (a partial index: closed demands are not read). `demandFiguresFromRows` computes the same
 * counts from the demands themselves; the tests hold the two equal.
 */
export async function demandFigures(db: Executor, parkId: string, range: StatsRange, now: Date, officerId: string | null): Promise<DemandFigureRow[]> {
  const [counts, open] = await Promise.all([rolledDemandCounts(db, parkId, range, officerId), openDemandCounts(db, parkId, range, now, officerId)]);
  return mergeFigureRows(counts, open);
}

type CountRow = Omit<DemandFigureRow, 'open' | 'overdue_open'>;
type OpenRow = Pick<DemandFigureRow, 'category' | 'assignee_id' | 'open' | 'overdue_open'>;

function mergeFigureRows(counts: CountRow[], open: OpenRow[]): DemandFigureRow[] {
  const key = (r: { category: string; assignee_id: string | null }) => `${r.category}\u0000${r.assignee_id ?? ''}`;
  const out = new Map<string, DemandFigureRow>();
  for (const r of counts) out.set(key(r), { ...r, open: 0, overdue_open: 0 });
  for (const r of open) {
    const row = out.get(key(r));
    if (row) {
      row.open += r.open;
      row.overdue_open += r.overdue_open;
    } else {
      out.set(key(r), { category: r.category, assignee_id: r.assignee_id, filed: 0, resolved: 0, on_time: 0, days_sum: 0, days_count: 0, escalated: 0, open: r.open, overdue_open: r.overdue_open });
    }
  }
  return [...out.values()];
}

async function rolledDemandCounts(db: Executor, parkId: string, range: StatsRange, officerId: string | null): Promise<CountRow[]> {
  const result = await sql<CountRow>`
    select r.category, r.assignee_id,
           sum(r.filed)::int as filed, sum(r.resolved)::int as resolved, sum(r.on_time)::int as on_time,
           sum(r.days_sum)::int as days_sum, sum(r.days_count)::int as days_count, sum(r.escalated)::int as escalated
      from demand_rollup_all r
     where r.park_id = ${parkId} and ${rollupCovers('r', range.fromDate, nextDate(range.toDate))}
       ${officerId ? sql`and r.assignee_id = ${officerId}` : sql``}
     group by r.category, r.assignee_id
    having sum(r.filed) <> 0 or sum(r.resolved) <> 0 or sum(r.escalated) <> 0`.execute(db);
  return result.rows;
}

async function openDemandCounts(db: Executor, parkId: string, range: StatsRange, now: Date, officerId: string | null): Promise<OpenRow[]> {
  const result = await sql<OpenRow>`
    select d.category, d.assignee_id, count(*)::int as open, count(*) filter (where d.due_at < ${now})::int as overdue_open
      from demands d
     where d.park_id = ${parkId} and d.due_at is not null and d.created_at >= ${range.from} and d.created_at < ${range.to}
       ${officerId ? sql`and d.assignee_id = ${officerId}` : sql``}
     group by d.category, d.assignee_id`.execute(db);
  return result.rows;
}

/** The same figures counted from the demands rows (the reference the rollup is tested against). */
export async function demandFiguresFromRows(db: Executor, parkId: string, range: StatsRange, now: Date, officerId: string | null): Promise<DemandFigureRow[]> {
  const filedIn = sql`(d.created_at >= ${range.from} and d.created_at < ${range.to})`;
  const resolvedIn = sql`(d.resolved_at >= ${range.from} and d.resolved_at < ${range.to})`;
  const result = await sql<DemandFigureRow>`
    select d.category, d.assignee_id,
           count(*) filter (where ${filedIn})::int as filed,
           count(*) filter (where ${resolvedIn})::int as resolved,
           count(*) filter (where ${resolvedIn} and d.answered_on_time)::int as on_time,
           coalesce(sum(d.answer_working_days) filter (where ${resolvedIn}), 0)::int as days_sum,
           count(d.answer_working_days) filter (where ${resolvedIn})::int as days_count,
           count(*) filter (where ${filedIn} and d.due_at is not null)::int as open,
           count(*) filter (where ${filedIn} and d.due_at < ${now})::int as overdue_open,
           count(*) filter (where ${filedIn} and d.escalation_count > 0)::int as escalated
      from demands d
     where d.park_id = ${parkId}
       and (${filedIn} or ${resolvedIn})
       ${officerId ? sql`and d.assignee_id = ${officerId}` : sql``}
     group by d.category, d.assignee_id`.execute(db);
  return result.rows;
}

export type VisitFigureRow = { liaison_id: string | null; by_officer: boolean; visits: number; enterprises: number };

export async function visitFigures(db: Executor, parkId: string, range: StatsRange, officerId: string | null): Promise<VisitFigureRow[]> {
  const result = await sql<VisitFigureRow>`
    select v.liaison_id, grouping(v.liaison_id) = 0 as by_officer,
           count(*)::int as visits, count(distinct v.enterprise_id)::int as enterprises
      from visits v
     where v.park_id = ${parkId} and v.visited_on >= ${range.fromDate} and v.visited_on <= ${range.toDate}
       ${officerId ? sql`and v.liaison_id = ${officerId}` : sql``}
     group by grouping sets ((), (v.liaison_id))`.execute(db);
  return result.rows;
}

export type DaibanFigureRow = { liaison_id: string | null; by_officer: boolean; daiban: number };

/**
 * 代办 done in the range: the liaisons' 代办 records, plus the service applications a liaison filed
 * on a firm's behalf (is_daiban, counted on the filing day). An application whose number a 代办
 * record already names is that record, so it is not counted twice.
 */
export function daibanDone(parkId: string, range: StatsRange) {
  return sql`
    select b.liaison_id from daiban_records b
     where b.park_id = ${parkId} and b.done_on >= ${range.fromDate} and b.done_on <= ${range.toDate}
    union all
    select a.daiban_liaison_id as liaison_id from service_applications a
     where a.park_id = ${parkId} and a.is_daiban and a.submitted_at >= ${range.from} and a.submitted_at < ${range.to}
       and not exists (select 1 from daiban_records r where r.park_id = a.park_id and r.case_number = a.number)`;
}

export async function daibanFigures(db: Executor, parkId: string, range: StatsRange, officerId: string | null): Promise<DaibanFigureRow[]> {
  const result = await sql<DaibanFigureRow>`
    select b.liaison_id, grouping(b.liaison_id) = 0 as by_officer, count(*)::int as daiban
      from (${daibanDone(parkId, range)}) b
     where true ${officerId ? sql`and b.liaison_id = ${officerId}` : sql``}
     group by grouping sets ((), (b.liaison_id))`.execute(db);
  return result.rows;
}

/** The park's active liaisons (the officers every table lists, even with nothing done). */
export async function activeLiaisons(db: Executor, parkId: string): Promise<{ id: string; display_name: string }[]> {
  return db
    .selectFrom('users')
    .select(['id', 'display_name'])
    .where('park_id', '=', parkId)
    .where('is_active', '=', true)
    .where(sql<boolean>`'liaison' = any(roles)`)
    .orderBy('username')
    .execute();
}

export async function namesOf(db: Executor, parkId: string, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'display_name']).where('park_id', '=', parkId).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}
