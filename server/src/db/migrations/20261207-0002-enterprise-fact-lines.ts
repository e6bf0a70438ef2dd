import { sql, type Kysely } from 'kysely';

/**
 * Every firm's reported facts in the shape the matching sweep reads them (issue 12): one row per
 * firm, its facts as one text `key@year␟value␟key@year␟value…` (␟ = chr(31); text values
 * JSON-encoded, numbers and booleans as PostgreSQL writes them). The sweep then reads rows instead
 * of gathering ~24 fact rows per firm at every sweep.
 *
 * Kept by the database itself: a statement-level trigger on `enterprise_facts` rebuilds the lines
 * of the firms a statement touched, once per statement (an import of a million facts rebuilds
 * each firm once), in the same transaction — a sweep never reads lines that disagree with the facts.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table enterprise_fact_lines (
      enterprise_id uuid primary key references enterprises(id) on delete cascade,
      park_id uuid not null references parks(id),
      line text not null)`.execute(db);
  await sql`create index enterprise_fact_lines_park_idx on enterprise_fact_lines (park_id, enterprise_id)`.execute(db);
  await sql`
    create function yq_fact_lines_of(ids uuid[]) returns void language sql as $$
      delete from enterprise_fact_lines l
       where l.enterprise_id = any(ids)
         and not exists (select 1 from enterprise_facts f
                          where f.enterprise_id = l.enterprise_id
                            and (f.value_number is not null or f.value_text is not null or f.value_bool is not null));
      insert into enterprise_fact_lines (enterprise_id, park_id, line)
      select f.enterprise_id, min(f.park_id::text)::uuid,
             string_agg(f.key || '@' || f.year || chr(31) || coalesce(f.value_number::text, to_json(f.value_text)::text, f.value_bool::text), chr(31))
        from enterprise_facts f
       where f.enterprise_id = any(ids)
         and (f.value_number is not null or f.value_text is not null or f.value_bool is not null)
       group by f.enterprise_id
      on conflict (enterprise_id) do update set line = excluded.line, park_id = excluded.park_id;
    $$`.execute(db);
  await sql`
    create function yq_fact_lines_refresh() returns trigger language plpgsql as $$
    begin
      if tg_op = 'INSERT' then
        perform yq_fact_lines_of(array(select distinct enterprise_id from new_facts));
      elsif tg_op = 'DELETE' then
        perform yq_fact_lines_of(array(select distinct enterprise_id from old_facts));
      else
        perform yq_fact_lines_of(array(select enterprise_id from new_facts union select enterprise_id from old_facts));
      end if;
      return null;
    end $$`.execute(db);
  await sql`create trigger enterprise_facts_lines_ins after insert on enterprise_facts referencing new table as new_facts for each statement execute function yq_fact_lines_refresh()`.execute(db);
  await sql`create trigger enterprise_facts_lines_upd after update on enterprise_facts referencing new table as new_facts old table as old_facts for each statement execute function yq_fact_lines_refresh()`.execute(db);
  await sql`create trigger enterprise_facts_lines_del after delete on enterprise_facts referencing old table as old_facts for each statement execute function yq_fact_lines_refresh()`.execute(db);
  await sql`select yq_fact_lines_of(array(select distinct enterprise_id from enterprise_facts))`.execute(db);
}
