import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../../db/schema.js';

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
 * total, the by-category and the by-officer tables are rolled up from these few dozen rows. One
 * pass over the rows filed or answered in the range (both columns indexed with park_id first).
 * `filed` counts filings in the range; `resolved`, `on_time` and the days count answers given in it.
 */
export async function demandFigures(db: Executor, parkId: string, range: StatsRange, now: Date, officerId: string | null): Promise<DemandFigureRow[]> {
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
