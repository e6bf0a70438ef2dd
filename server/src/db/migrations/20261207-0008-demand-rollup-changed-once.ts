import { sql, type Kysely } from 'kysely';
import { changed, events } from './20261207-0005-demand-rollup.js';
import { COLUMNS, grouped } from './20261207-0007-demand-rollup-deltas.js';

/**
 * The demands' UPDATE trigger picks the rows whose counted columns changed once per side: before,
 * each of the three kinds of event (filed, answered, closed) joined the old and the new rows again,
 * six joins per statement, which made the trigger cost ~26 µs per updated demand (3.1 s of a
 * 120,000-row update; ~1.5 s of the 1,000,000-demand bench's sweep). Now two materialized CTEs.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(
      `create or replace function yq_demand_rollup_apply() returns trigger language plpgsql as $$
      begin
        if tg_op = 'INSERT' then
          insert into demand_rollup_delta (${COLUMNS}) ${grouped(events('new_demands', 1))};
        elsif tg_op = 'DELETE' then
          insert into demand_rollup_delta (${COLUMNS}) ${grouped(events('old_demands', -1))};
        else
          with cn as materialized ${changed('n')}, co as materialized ${changed('o')}
          insert into demand_rollup_delta (${COLUMNS}) ${grouped(`${events('cn', 1)} union all ${events('co', -1)}`)};
        end if;
        return null;
      end $$`,
    )
    .execute(db);
}
