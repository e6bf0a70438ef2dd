import { sql, type Kysely } from 'kysely';

/**
 * The office's demand statistics without reading every demand of the range (issue 12, item 3):
 * `demand_rollup` holds, per park, Shanghai day ('d') and month ('m'), category and owner, the
 * additive figures the statistics sum —
 *   filed, escalated      demands filed that day (escalated: with escalation_count > 0);
 *   resolved, on_time, days_sum, days_count   answers given that day (resolved_at);
 *   closed, rated          demands closed that day (status 'closed') and, of those, the ones with a
 *                          rating row (the 好差评 未评率 counts the others).
 * A year is then about 12 month rows per (category, owner) plus the days at its ragged ends,
 * instead of ~10,000 demands and their ratings.
 *
 * Kept by the database itself, in the writing transaction: statement-level triggers on `demands`
 * (insert, update, delete) subtract what the old rows contributed and add what the new rows
 * contribute, and triggers on `ratings` move `rated` when a demand's rating appears or goes. So
 * every write path — the API, the sweep, imports, the demo seed, a bench's INSERT … SELECT — keeps
 * it, and a statement of 50,000 escalations is one grouped upsert. Upserts go in key order so two
 * statements never wait on each other's rows crosswise. The rating trigger reads the demand FOR
 * SHARE, so a rating and a concurrent change of the same demand are applied one after the other.
 *
 * What depends on the current time is not here: 在办/超期 (due_at) is a live query over the open
 * demands, and the 7-day 未评 window is judged live for the days it can still change.
 */

/** The Shanghai calendar date of an instant (UTC+8 all year). */
export const day = (column: string) => `((${column} at time zone 'UTC') + interval '8 hours')::date`;

export const FIGURES = ['filed', 'escalated', 'resolved', 'on_time', 'days_sum', 'days_count', 'closed', 'rated'] as const;

/**
 * One row per event of each demand in `source` (filing, answer, closing), its figures times `sign`.
 * `rated` looks the rating up now: the old and the new rows of an update see the same ratings, so a
 * rating counted when it arrived is taken back exactly when its demand leaves the closed state.
 */
export function events(source: string, sign: 1 | -1): string {
  const s = sign === 1 ? '' : '-';
  return `
    select x.park_id, x.category, x.assignee_id, ${day('x.created_at')} as d,
           ${s}1 as filed, ${s}(x.escalation_count > 0)::int as escalated,
           0 as resolved, 0 as on_time, 0 as days_sum, 0 as days_count, 0 as closed, 0 as rated
      from ${source} x
    union all
    select x.park_id, x.category, x.assignee_id, ${day('x.resolved_at')},
           0, 0, ${s}1, ${s}coalesce(x.answered_on_time::int, 0), ${s}coalesce(x.answer_working_days, 0),
           ${s}(x.answer_working_days is not null)::int, 0, 0
      from ${source} x where x.resolved_at is not null
    union all
    select x.park_id, x.category, x.assignee_id, ${day('x.closed_at')},
           0, 0, 0, 0, 0, 0, ${s}1,
           ${s}(exists (select 1 from ratings r where r.park_id = x.park_id and r.subject_type = 'demand' and r.subject_id = x.id))::int
      from ${source} x where x.status = 'closed' and x.closed_at is not null`;
}

/** What a demand's figures depend on: an update that changes none of it (a reminder, an edit) moves nothing. */
const COUNTED = ['park_id', 'category', 'assignee_id', 'status', 'created_at', 'resolved_at', 'closed_at', 'escalation_count', 'answered_on_time', 'answer_working_days'];

/** The rows of an update's `side` ('n' new, 'o' old) whose counted columns changed (ids never change). */
export function changed(side: 'n' | 'o'): string {
  const cols = (a: string) => `(${COUNTED.map((c) => `${a}.${c}`).join(', ')})`;
  return `(select ${side}.* from new_demands n join old_demands o on o.id = n.id where ${cols('n')} is distinct from ${cols('o')})`;
}

/** Adds the grouped events to the rollup at day and month grain, in key order. */
function upsert(eventsSql: string): string {
  const sums = FIGURES.map((f) => `sum(e.${f})::int as ${f}`).join(', ');
  const nonZero = FIGURES.map((f) => `sum(e.${f}) <> 0`).join(' or ');
  const add = FIGURES.map((f) => `${f} = t.${f} + excluded.${f}`).join(', ');
  return `
    insert into demand_rollup as t (park_id, grain, bucket, category, assignee_id, ${FIGURES.join(', ')})
    select e.park_id, g.grain, case g.grain when 'd' then e.d else date_trunc('month', e.d)::date end as bucket,
           e.category, e.assignee_id, ${sums}
      from (${eventsSql}) e cross join (values ('d'::"char"), ('m'::"char")) g(grain)
     group by 1, 2, 3, 4, 5
    having ${nonZero}
     order by 1, 2, 3, 4, 5
    on conflict (park_id, grain, bucket, category, assignee_id) do update set ${add}`;
}

/** A demand's rating appearing (or going) moves `rated` of the day and month its demand closed. */
export const ratedMoves = (source: string, sign: 1 | -1) => `
    select d.park_id, d.category, d.assignee_id, ${day('d.closed_at')} as d,
           0 as filed, 0 as escalated, 0 as resolved, 0 as on_time, 0 as days_sum, 0 as days_count, 0 as closed, ${sign} as rated
      from ${source} r join demands d on d.park_id = r.park_id and d.id = r.subject_id
     where r.subject_type = 'demand' and d.status = 'closed' and d.closed_at is not null`;

/** The rated demands read FOR SHARE: a rating and a concurrent change of its demand apply one after the other. */
export const lockDemands = (source: string) =>
  `perform 1 from demands d join ${source} r on d.park_id = r.park_id and d.id = r.subject_id and r.subject_type = 'demand' order by d.id for share of d`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table demand_rollup (
      park_id uuid not null references parks(id),
      grain "char" not null check (grain in ('d', 'm')),
      bucket date not null,
      category text not null,
      assignee_id uuid,
      filed int not null default 0,
      escalated int not null default 0,
      resolved int not null default 0,
      on_time int not null default 0,
      days_sum int not null default 0,
      days_count int not null default 0,
      closed int not null default 0,
      rated int not null default 0,
      constraint demand_rollup_key unique nulls not distinct (park_id, grain, bucket, category, assignee_id))`.execute(db);

  await sql
    .raw(
      `create function yq_demand_rollup_apply() returns trigger language plpgsql as $$
      begin
        if tg_op = 'INSERT' then
          ${upsert(events('new_demands', 1))};
        elsif tg_op = 'DELETE' then
          ${upsert(events('old_demands', -1))};
        else
          ${upsert(`${events(changed('n'), 1)} union all ${events(changed('o'), -1)}`)};
        end if;
        return null;
      end $$`,
    )
    .execute(db);
  await sql`create trigger demands_rollup_ins after insert on demands referencing new table as new_demands for each statement execute function yq_demand_rollup_apply()`.execute(db);
  await sql`create trigger demands_rollup_upd after update on demands referencing new table as new_demands old table as old_demands for each statement execute function yq_demand_rollup_apply()`.execute(db);
  await sql`create trigger demands_rollup_del after delete on demands referencing old table as old_demands for each statement execute function yq_demand_rollup_apply()`.execute(db);

  await sql
    .raw(
      `create function yq_demand_rollup_rated() returns trigger language plpgsql as $$
      begin
        if tg_op = 'INSERT' then
          ${lockDemands('new_ratings')};
          ${upsert(ratedMoves('new_ratings', 1))};
        elsif tg_op = 'DELETE' then
          ${lockDemands('old_ratings')};
          ${upsert(ratedMoves('old_ratings', -1))};
        else
          ${lockDemands('new_ratings')};
          ${lockDemands('old_ratings')};
          ${upsert(`${ratedMoves('new_ratings', 1)} union all ${ratedMoves('old_ratings', -1)}`)};
        end if;
        return null;
      end $$`,
    )
    .execute(db);
  await sql`create trigger ratings_rollup_ins after insert on ratings referencing new table as new_ratings for each statement execute function yq_demand_rollup_rated()`.execute(db);
  await sql`create trigger ratings_rollup_upd after update on ratings referencing new table as new_ratings old table as old_ratings for each statement execute function yq_demand_rollup_rated()`.execute(db);
  await sql`create trigger ratings_rollup_del after delete on ratings referencing old table as old_ratings for each statement execute function yq_demand_rollup_rated()`.execute(db);

  // what is already there
  await sql.raw(upsert(events('demands', 1))).execute(db);

  // 在办 / 超期 of a range stay a live query over the open demands only
  await sql`create index demands_park_open_created_idx on demands (park_id, created_at)
    include (category, assignee_id, due_at) where due_at is not null`.execute(db);
}
