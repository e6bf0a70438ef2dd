import { sql, type Kysely } from 'kysely';

/**
 * The fact lines' trigger (migration 20261207-0002) matched the touched firms with
 * `enterprise_id = any(<array parameter>)`: PostgreSQL compares each fact row with the whole array
 * (it hashes only constant arrays), so a statement touching 100,000 firms ran for many minutes.
 * Now the touched (park, firm) pairs are joined to `enterprise_facts` on its primary key's first
 * two columns: an index lookup per firm for a few, a join for many.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create function yq_fact_lines_of(parks uuid[], ids uuid[]) returns void language sql as $$
      delete from enterprise_fact_lines l
       using (select distinct p, e from unnest(parks, ids) as u(p, e)) n
       where l.enterprise_id = n.e
         and not exists (select 1 from enterprise_facts f
                          where f.park_id = n.p and f.enterprise_id = n.e
                            and (f.value_number is not null or f.value_text is not null or f.value_bool is not null));
      insert into enterprise_fact_lines (enterprise_id, park_id, line)
      select f.enterprise_id, f.park_id,
             string_agg(f.key || '@' || f.year || chr(31) || coalesce(f.value_number::text, to_json(f.value_text)::text, f.value_bool::text), chr(31))
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
  await sql`drop function yq_fact_lines_of(uuid[])`.execute(db);
}
