import type { ItemStatsSort } from '@yuanqi/contract';
import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';

type Executor = Kysely<DB> | Transaction<DB>;

/** Outcomes that count as 办结 with a decision (准予, 不予, and 准予 later 撤销). */
export const DECIDED_OUTCOMES = ['approved', 'refused', 'revoked'] as const;

export type ItemStatsDbRow = {
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
  // park totals over every item under the filter (window sums)
  items_total: number;
  t_finished: number;
  t_days_sum: number;
  t_days_count: number;
  t_within: number;
  t_judged: number;
  t_zero_visits: number;
  t_one_visit: number;
  t_backlog: number;
  t_overdue_open: number;
};

export type ItemStatsFilter = {
  from: Date;
  to: Date;
  now: Date;
  department?: string;
  /** Normalised words and their terms: name/code contain the words, or the item holds every term. */
  q?: { text: string; terms: string[] };
  overOnly?: boolean;
  sort: ItemStatsSort;
  limit: number | null;
  offset: number;
};

const ORDER: Record<ItemStatsSort, RawBuilder<unknown>> = {
  code: sql`code`,
  '-finished': sql`finished desc, code`,
  '-avgWorkingDays': sql`(case when days_count > 0 then days_sum::float8 / days_count end) desc nulls last, code`,
  '-overRatio': sql`(case when days_count > 0 then days_sum::float8 / days_count / greatest(committed_days, 1) end) desc nulls last, code`,
  withinLimitShare: sql`(case when judged > 0 then within::float8 / judged end) asc nulls last, code`,
  '-backlog': sql`backlog desc, code`,
  '-overdueOpen': sql`overdue_open desc, backlog desc, code`,
  zeroVisitShare: sql`(case when finished > 0 then zero_visits::float8 / finished end) asc nulls last, code`,
};

/**
 * Per-item figures of one park: the cases finished in [from, to) with a decision, and the cases
 * open now. Two grouped passes over the park's rows of service_applications (the finished ones
 * through (park_id, finished_at), the open ones through (park_id, item_id, finished_at)), joined
 * to the park's items; park totals ride along as window sums so one statement answers the page.
 * Inactive items are listed only when they have figures. `rows` is materialized so that the
 * page's ORDER BY … LIMIT cannot talk the planner into an ordered nested loop over the items
 * (1,500 × the aggregates) instead of two hash joins.
 */
export async function itemStats(db: Executor, parkId: string, f: ItemStatsFilter): Promise<ItemStatsDbRow[]> {
  const qFilter = f.q
    ? sql`and (strpos(i.name, ${f.q.text}) > 0 or strpos(lower(i.code), lower(${f.q.text})) > 0
               ${f.q.terms.length > 0 ? sql`or i.search_terms @> ${sql.val(f.q.terms)}::text[]` : sql``})`
    : sql``;
  const result = await sql<ItemStatsDbRow>`
    with fin as (
      select a.item_id,
             count(*)::int as finished,
             coalesce(sum(a.working_days_used), 0)::float8 as days_sum,
             count(a.working_days_used)::int as days_count,
             count(*) filter (where a.within_limit)::int as within,
             count(a.within_limit)::int as judged,
             count(*) filter (where a.visits = 0)::int as zero_visits,
             count(*) filter (where a.visits = 1)::int as one_visit
        from service_applications a
       where a.park_id = ${parkId}
         and a.finished_at >= ${f.from} and a.finished_at < ${f.to}
         and a.outcome in (${sql.join(DECIDED_OUTCOMES.map((o) => sql`${o}`))})
       group by a.item_id
    ), open as (
      select a.item_id,
             count(*)::int as backlog,
             count(*) filter (where a.due_at < ${f.now})::int as overdue_open
        from service_applications a
       where a.park_id = ${parkId} and a.finished_at is null
       group by a.item_id
    ), rows as materialized (
      select i.id as item_id, i.code, i.name, i.department, i.case_kind, i.committed_days, i.legal_days,
             coalesce(fin.finished, 0) as finished, coalesce(fin.days_sum, 0) as days_sum, coalesce(fin.days_count, 0) as days_count,
             coalesce(fin.within, 0) as within, coalesce(fin.judged, 0) as judged,
             coalesce(fin.zero_visits, 0) as zero_visits, coalesce(fin.one_visit, 0) as one_visit,
             coalesce(open.backlog, 0) as backlog, coalesce(open.overdue_open, 0) as overdue_open
        from service_items i
        left join fin on fin.item_id = i.id
        left join open on open.item_id = i.id
       where i.park_id = ${parkId}
         and (i.status = 'active' or fin.item_id is not null or open.item_id is not null)
         ${f.department ? sql`and i.department = ${f.department}` : sql``}
         ${qFilter}
    )
    select r.*,
           count(*) over ()::int as items_total,
           sum(finished) over ()::int as t_finished,
           sum(days_sum) over ()::float8 as t_days_sum,
           sum(days_count) over ()::int as t_days_count,
           sum(within) over ()::int as t_within,
           sum(judged) over ()::int as t_judged,
           sum(zero_visits) over ()::int as t_zero_visits,
           sum(one_visit) over ()::int as t_one_visit,
           sum(backlog) over ()::int as t_backlog,
           sum(overdue_open) over ()::int as t_overdue_open
      from rows r
     ${f.overOnly ? sql`where r.days_count > 0 and r.days_sum / r.days_count > r.committed_days` : sql``}
     order by ${ORDER[f.sort]}
     ${f.limit === null ? sql`` : sql`limit ${f.limit} offset ${f.offset}`}`.execute(db);
  return result.rows;
}
