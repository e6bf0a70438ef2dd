import type { ItemStatsSort } from '@yuanqi/contract';
import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
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

function itemRowsSql(parkId: string, range: { from: Date; to: Date }, now: Date) {
  return sql<ItemFigureRow>`
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
       and (i.status = 'active' or fin.item_id is not null or open.item_id is not null)`;
}

/** The figures columns of a row as numbers (int and float8 arrive as numbers from both drivers; Number() guards a pg configured otherwise). */
function numeric<T extends ItemFigureRow>(r: T): T {
  return {
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
  };
}

/**
 * Figures of every item of one park: the cases finished in [from, to) with a decision, and the
 * cases open now. Two grouped passes over the park's rows of service_applications (finished ones
 * through (park_id, finished_at), open ones through (park_id, item_id, finished_at)), hash-joined
 * to the park's items (index-only through service_items_park_stats_idx). Inactive items are
 * listed only when they have figures. For the word search and the export, which filter on the
 * folded names in the service; a plain page comes from `itemFiguresPage`.
 */
export async function itemFigures(db: Executor, parkId: string, range: { from: Date; to: Date }, now: Date): Promise<ItemFigureRow[]> {
  const result = await itemRowsSql(parkId, range, now).execute(db);
  return result.rows.map(numeric);
}

/** Sort keys in SQL: the same keys and order as the service's in-memory sort (nulls last, ties by code). */
const SQL_SORT: Record<ItemStatsSort, RawBuilder<unknown>> = {
  code: sql`r.code collate "C"`,
  '-finished': sql`r.finished desc, r.code collate "C"`,
  '-avgWorkingDays': sql`r.days_sum / nullif(r.days_count, 0) desc nulls last, r.code collate "C"`,
  '-overRatio': sql`r.days_sum / nullif(r.days_count, 0) / greatest(r.committed_days, 1) desc nulls last, r.code collate "C"`,
  withinLimitShare: sql`r.within::float8 / nullif(r.judged, 0) asc nulls last, r.code collate "C"`,
  '-backlog': sql`r.backlog desc, r.code collate "C"`,
  '-overdueOpen': sql`r.overdue_open desc, r.backlog desc, r.code collate "C"`,
  zeroVisitShare: sql`r.zero_visits::float8 / nullif(r.finished, 0) asc nulls last, r.code collate "C"`,
};

export type ItemTotalsRow = Omit<ItemFigureRow, 'item_id' | 'code' | 'name' | 'department' | 'case_kind' | 'committed_days' | 'legal_days'> & { items: number };

/**
 * One page of the table, filtered (department, over the promise), sorted and cut in PostgreSQL,
 * with the totals over every filtered item: the server receives 20 rows instead of the park's
 * 1,500 (reading those was most of a request's CPU time in Node.js; issue 12).
 */
export async function itemFiguresPage(
  db: Executor,
  parkId: string,
  range: { from: Date; to: Date },
  now: Date,
  options: { department?: string; overOnly?: boolean; sort: ItemStatsSort; offset: number; limit: number },
): Promise<{ rows: ItemFigureRow[]; totals: ItemTotalsRow }> {
  const result = await sql<ItemFigureRow & { t_items: number; t_finished: number; t_days_sum: number; t_days_count: number; t_within: number; t_judged: number; t_zero_visits: number; t_one_visit: number; t_backlog: number; t_overdue_open: number }>`
    with rows as (${itemRowsSql(parkId, range, now)}), r as (
      select * from rows r
       where true
         ${options.department ? sql`and r.department = ${options.department}` : sql``}
         ${options.overOnly ? sql`and r.days_count > 0 and r.days_sum / r.days_count > r.committed_days` : sql``}
    ), totals as (
      select count(*)::int as t_items, coalesce(sum(finished), 0)::int as t_finished, coalesce(sum(days_sum), 0)::float8 as t_days_sum,
             coalesce(sum(days_count), 0)::int as t_days_count, coalesce(sum(within), 0)::int as t_within, coalesce(sum(judged), 0)::int as t_judged,
             coalesce(sum(zero_visits), 0)::int as t_zero_visits, coalesce(sum(one_visit), 0)::int as t_one_visit,
             coalesce(sum(backlog), 0)::int as t_backlog, coalesce(sum(overdue_open), 0)::int as t_overdue_open
        from r
    )
    select totals.*, p.*
      from totals
      left join lateral (select * from r order by ${SQL_SORT[options.sort]} limit ${options.limit} offset ${options.offset}) p on true`.execute(db);
  const first = result.rows[0]!;
  const totals: ItemTotalsRow = {
    items: Number(first.t_items),
    finished: Number(first.t_finished),
    days_sum: Number(first.t_days_sum),
    days_count: Number(first.t_days_count),
    within: Number(first.t_within),
    judged: Number(first.t_judged),
    zero_visits: Number(first.t_zero_visits),
    one_visit: Number(first.t_one_visit),
    backlog: Number(first.t_backlog),
    overdue_open: Number(first.t_overdue_open),
  };
  const rows = result.rows
    .filter((r) => r.item_id !== null)
    .map(({ t_items: _a, t_finished: _b, t_days_sum: _c, t_days_count: _d, t_within: _e, t_judged: _f, t_zero_visits: _g, t_one_visit: _h, t_backlog: _i, t_overdue_open: _j, ...r }) => numeric(r));
  return { rows, totals };
}
