import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../../db/schema.js';

type Executor = Kysely<DB> | Transaction<DB>;

/** Outcomes that count as 办结 with a decision (准予, 不予, and 准予 later 撤销). */
export const DECIDED_OUTCOMES = ['approved', 'refused', 'revoked'] as const;

/** One item with its additive figures (sums and counts; shares and means are taken after filtering). */
export type ItemFigureRow = {
  item_id: string;
  code: string;
  name: string;
  department: string;
  case_kind: 'instant' | 'promised';
  committed_days: number;
  legal_days: number;
  finished: number;
  days_sum: number;
  days_count: number;
  within: number;
  judged: number;
  zero_visits: number;
  one_visit: number;
  backlog: number;
  overdue_open: number;
};

/**
 * Figures of every item of one park: the cases finished in [from, to) with a decision, and the
 * cases open now. Two grouped passes over the park's rows of service_applications (finished ones
 * through (park_id, finished_at), open ones through (park_id, item_id, finished_at)), hash-joined
 * to the park's items (index-only through service_items_park_stats_idx). Inactive items are
 * listed only when they have figures. Filtering, totals, sorting and paging happen on these
 * ~1,500 rows in the service.
 */
export async function itemFigures(db: Executor, parkId: string, range: { from: Date; to: Date }, now: Date): Promise<ItemFigureRow[]> {
  const result = await sql<ItemFigureRow>`
    with fin as (
      select a.item_id,
             count(*)::int as finished,
             coalesce(sum(a.working_days_used::float8), 0) as days_sum,
             count(a.working_days_used)::int as days_count,
             count(*) filter (where a.within_limit)::int as within,
             count(a.within_limit)::int as judged,
             count(*) filter (where a.visits = 0)::int as zero_visits,
             count(*) filter (where a.visits = 1)::int as one_visit
        from service_applications a
       where a.park_id = ${parkId}
         and a.finished_at >= ${range.from} and a.finished_at < ${range.to}
         and a.outcome in (${sql.join(DECIDED_OUTCOMES.map((o) => sql`${o}`))})
       group by a.item_id
    ), open as (
      select a.item_id,
             count(*)::int as backlog,
             count(*) filter (where a.due_at < ${now})::int as overdue_open
        from service_applications a
       where a.park_id = ${parkId} and a.finished_at is null
       group by a.item_id
    )
    select i.id as item_id, i.code, i.name, i.department, i.case_kind, i.committed_days, i.legal_days,
           coalesce(fin.finished, 0) as finished, coalesce(fin.days_sum, 0) as days_sum, coalesce(fin.days_count, 0) as days_count,
           coalesce(fin.within, 0) as within, coalesce(fin.judged, 0) as judged,
           coalesce(fin.zero_visits, 0) as zero_visits, coalesce(fin.one_visit, 0) as one_visit,
           coalesce(open.backlog, 0) as backlog, coalesce(open.overdue_open, 0) as overdue_open
      from service_items i
      left join fin on fin.item_id = i.id
      left join open on open.item_id = i.id
     where i.park_id = ${parkId}
       and (i.status = 'active' or fin.item_id is not null or open.item_id is not null)`.execute(db);
  // int and float8 arrive as numbers from both drivers; Number() guards a pg configured otherwise
  return result.rows.map((r) => ({
    ...r,
    committed_days: Number(r.committed_days),
    legal_days: Number(r.legal_days),
    finished: Number(r.finished),
    days_sum: Number(r.days_sum),
    days_count: Number(r.days_count),
    within: Number(r.within),
    judged: Number(r.judged),
    zero_visits: Number(r.zero_visits),
    one_visit: Number(r.one_visit),
    backlog: Number(r.backlog),
    overdue_open: Number(r.overdue_open),
  }));
}
