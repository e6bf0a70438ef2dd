import { sql, type Kysely } from 'kysely';
import { changed, events, FIGURES, lockDemands, ratedMoves } from './20261207-0005-demand-rollup.js';

/**
 * demand_rollup without a lock in the writing transaction. Upserting the rollup from the triggers
 * (migration 20261207-0005) made every filing, answer and closing of a category and owner wait on
 * one month row while another transaction held it — the sweep's batch for up to a second — and two
 * transactions taking two rows in opposite orders could deadlock (one answered 409).
 *
 * Now the triggers only INSERT their grouped changes into `demand_rollup_delta` (no unique key,
 * nothing to wait for), and `yq_demand_rollup_fold()` moves the committed deltas into
 * `demand_rollup` in one statement (DELETE … RETURNING feeding the grouped upsert: a reader sees
 * the deltas before or the sums after, never both or neither); the scheduler runs it every minute
 * (job `demand-rollup-fold`), one process at a time (an advisory lock). Readers read
 * `demand_rollup_all`, the rollup and the deltas not folded yet, so the figures are exact at any
 * moment and the fold only keeps the reading short.
 */
const SUMS = FIGURES.map((f) => `sum(e.${f})::int as ${f}`).join(', ');
const NON_ZERO = FIGURES.map((f) => `sum(e.${f}) <> 0`).join(' or ');
export const COLUMNS = `park_id, grain, bucket, category, assignee_id, ${FIGURES.join(', ')}`;

/** The grouped events at day and month grain, for an INSERT … SELECT. */
export function grouped(eventsSql: string): string {
  return `
    select e.park_id, g.grain, case g.grain when 'd' then e.d else date_trunc('month', e.d)::date end as bucket,
           e.category, e.assignee_id, ${SUMS}
      from (${eventsSql}) e cross join (values ('d'::"char"), ('m'::"char")) g(grain)
     group by 1, 2, 3, 4, 5
    having ${NON_ZERO}`;
}

/** The rows of a ratings update's `side` whose subject changed (ids never change). */
const movedRatings = (side: 'n' | 'o') =>
  `(select ${side}.* from new_ratings n join old_ratings o on o.id = n.id
     where (n.park_id, n.subject_type, n.subject_id) is distinct from (o.park_id, o.subject_type, o.subject_id))`;

const append = (eventsSql: string) => `insert into demand_rollup_delta (${COLUMNS}) ${grouped(eventsSql)}`;

export async function up(db: Kysely<unknown>): Promise<void> {
  // the rollup's columns, defaults and checks; no unique key (every statement appends) and no foreign key
  await sql`create table demand_rollup_delta (like demand_rollup including defaults including constraints)`.execute(db);
  await sql`create index demand_rollup_delta_bucket_idx on demand_rollup_delta (park_id, grain, bucket)`.execute(db);

  await sql
    .raw(
      `create or replace function yq_demand_rollup_apply() returns trigger language plpgsql as $$
      begin
        if tg_op = 'INSERT' then
          ${append(events('new_demands', 1))};
        elsif tg_op = 'DELETE' then
          ${append(events('old_demands', -1))};
        else
          ${append(`${events(changed('n'), 1)} union all ${events(changed('o'), -1)}`)};
        end if;
        return null;
      end $$`,
    )
    .execute(db);
  await sql
    .raw(
      `create or replace function yq_demand_rollup_rated() returns trigger language plpgsql as $$
      begin
        if tg_op = 'INSERT' then
          ${lockDemands('new_ratings')};
          ${append(ratedMoves('new_ratings', 1))};
        elsif tg_op = 'DELETE' then
          ${lockDemands('old_ratings')};
          ${append(ratedMoves('old_ratings', -1))};
        else
          -- only a rating moved to another subject moves anything (none does today): a status or
          -- text change neither locks its demand nor appends a row
          ${lockDemands(movedRatings('n'))};
          ${lockDemands(movedRatings('o'))};
          ${append(`${ratedMoves(movedRatings('n'), 1)} union all ${ratedMoves(movedRatings('o'), -1)}`)};
        end if;
        return null;
      end $$`,
    )
    .execute(db);

  const add = FIGURES.map((f) => `${f} = t.${f} + excluded.${f}`).join(', ');
  const moved = FIGURES.map((f) => `sum(m.${f})::int`).join(', ');
  const movedNonZero = FIGURES.map((f) => `sum(m.${f}) <> 0`).join(' or ');
  await sql
    .raw(
      `create function yq_demand_rollup_fold() returns int language plpgsql as $$
      declare n int;
      begin
        -- one fold at a time (another process folding now leaves nothing worth waiting for)
        if not pg_try_advisory_xact_lock(hashtext('yq_demand_rollup_fold')) then return 0; end if;
        with m as (delete from demand_rollup_delta returning *),
             ins as (
               insert into demand_rollup as t (${COLUMNS})
               select m.park_id, m.grain, m.bucket, m.category, m.assignee_id, ${moved}
                 from m group by 1, 2, 3, 4, 5
               having ${movedNonZero}
                order by 1, 2, 3, 4, 5
               on conflict (park_id, grain, bucket, category, assignee_id) do update set ${add}
               returning 1)
        select count(*) into n from m;
        return n;
      end $$`,
    )
    .execute(db);

  await sql
    .raw(
      `create view demand_rollup_all as
         select ${COLUMNS} from demand_rollup
         union all
         select ${COLUMNS} from demand_rollup_delta`,
    )
    .execute(db);
}
