import { sql, type Kysely } from 'kysely';

/**
 * Writing facts in bulk got 1.35× slower with the fact tokens (migration 20261207-0009): the lines'
 * function read the touched firms' facts twice, once to add new tokens and once to build the
 * lines, and built the lines through a materialized step joined to the tokens. Now:
 *  - the trigger adds the new tokens from the statement's own changed rows (its transition table:
 *    only a row written by the statement can name a key and year not numbered yet — every earlier
 *    fact was numbered when it was written, or by migration 0009);
 *  - a line looks each fact's token up by the unique key (park, key, year), in the one pass over
 *    the firms' facts. A fact without a token — written with the triggers switched off — stops the
 *    statement with an error instead of leaving the fact out of the line.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create function yq_fact_token_missing(key text, year int) returns text language plpgsql as $$
    begin
      raise exception 'fact_tokens has no token for %@% (facts written without their trigger?)', key, year;
    end $$`.execute(db);
  await sql`
    create or replace function yq_fact_lines_of(parks uuid[], ids uuid[]) returns void language sql as $$
      delete from enterprise_fact_lines l
       using (select distinct p, e from unnest(parks, ids) as u(p, e)) n
       where l.enterprise_id = n.e
         and not exists (select 1 from enterprise_facts f
                          where f.park_id = n.p and f.enterprise_id = n.e
                            and (f.value_number is not null or f.value_text is not null or f.value_bool is not null));
      insert into enterprise_fact_lines (enterprise_id, park_id, line)
      select f.enterprise_id, f.park_id,
             string_agg(coalesce((select t.id from fact_tokens t where t.park_id = f.park_id and t.key = f.key and t.year = f.year)::text,
                                 yq_fact_token_missing(f.key, f.year))
                        || chr(31) || coalesce(f.value_number::text, to_json(f.value_text)::text, f.value_bool::text), chr(31))
        from (select distinct p, e from unnest(parks, ids) as u(p, e)) n
        join enterprise_facts f on f.park_id = n.p and f.enterprise_id = n.e
       where f.value_number is not null or f.value_text is not null or f.value_bool is not null
       group by f.park_id, f.enterprise_id
      on conflict (enterprise_id) do update set line = excluded.line, park_id = excluded.park_id;
    $$`.execute(db);
  await sql`
    create or replace function yq_fact_lines_refresh() returns trigger language plpgsql as $$
    declare
      parks uuid[];
      ids uuid[];
    begin
      if tg_op in ('INSERT', 'UPDATE') then
        -- new keys and years first, in key order (two writers adding the same ones wait, never deadlock)
        insert into fact_tokens (park_id, key, year)
        select distinct x.park_id, x.key, x.year from new_facts x
         where (x.value_number is not null or x.value_text is not null or x.value_bool is not null)
           and not exists (select 1 from fact_tokens t where t.park_id = x.park_id and t.key = x.key and t.year = x.year)
         order by 1, 2, 3
        on conflict (park_id, key, year) do nothing;
      end if;
      if tg_op = 'INSERT' then
        select array_agg(x.park_id), array_agg(x.enterprise_id) into parks, ids
          from (select distinct park_id, enterprise_id from new_facts) x;
      elsif tg_op = 'DELETE' then
        select array_agg(x.park_id), array_agg(x.enterprise_id) into parks, ids
          from (select distinct park_id, enterprise_id from old_facts) x;
      else
        select array_agg(x.park_id), array_agg(x.enterprise_id) into parks, ids
          from (select park_id, enterprise_id from new_facts union select park_id, enterprise_id from old_facts) x;
      end if;
      if ids is not null then
        perform yq_fact_lines_of(parks, ids);
      end if;
      return null;
    end $$`.execute(db);
}
