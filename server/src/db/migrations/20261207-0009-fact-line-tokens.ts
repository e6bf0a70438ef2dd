import { sql, type Kysely } from 'kysely';

/**
 * The fact lines name a fact by a small number instead of its `key@year` text (issue 12): keys
 * were about 60% of the text the matching sweep asks PostgreSQL to assemble and Node.js to scan
 * (65 MB for 100,000 firms). `fact_tokens` numbers every (key, year) a park's lines have used
 * (per park, as every business row: a park's sweep reads only its own few dozen); it only grows
 * (a token is never renumbered or removed), so a reader that has seen token n once knows it for
 * good. A line is now `id␟value␟id␟value…`.
 *
 * The trigger's function first adds the tokens the touched firms' facts need (in key order, so two
 * writers adding the same new tokens wait for each other instead of deadlocking; a writer adding
 * a token another has added but not committed waits for that commit), then rebuilds their lines.
 * The firms' facts are gathered first (a materialized step): the array of touched firms is
 * estimated at a few rows, and joined to the tokens first the planner would scan every firm's
 * facts of a key once per firm. Every line is rebuilt here once, in the new shape.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table fact_tokens (
      id int generated always as identity primary key,
      park_id uuid not null references parks(id),
      key text not null,
      year int not null,
      unique (park_id, key, year))`.execute(db);
  await sql`
    create or replace function yq_fact_lines_of(parks uuid[], ids uuid[]) returns void language sql as $$
      insert into fact_tokens (park_id, key, year)
      select distinct f.park_id, f.key, f.year
        from (select distinct p, e from unnest(parks, ids) as u(p, e)) n
        join enterprise_facts f on f.park_id = n.p and f.enterprise_id = n.e
       where (f.value_number is not null or f.value_text is not null or f.value_bool is not null)
         and not exists (select 1 from fact_tokens t where t.park_id = f.park_id and t.key = f.key and t.year = f.year)
       order by 1, 2, 3
      on conflict (park_id, key, year) do nothing;
      delete from enterprise_fact_lines l
       using (select distinct p, e from unnest(parks, ids) as u(p, e)) n
       where l.enterprise_id = n.e
         and not exists (select 1 from enterprise_facts f
                          where f.park_id = n.p and f.enterprise_id = n.e
                            and (f.value_number is not null or f.value_text is not null or f.value_bool is not null));
      insert into enterprise_fact_lines (enterprise_id, park_id, line)
      with ff as materialized (
        select f.park_id, f.enterprise_id, f.key, f.year, coalesce(f.value_number::text, to_json(f.value_text)::text, f.value_bool::text) as v
          from (select distinct p, e from unnest(parks, ids) as u(p, e)) n
          join enterprise_facts f on f.park_id = n.p and f.enterprise_id = n.e
         where f.value_number is not null or f.value_text is not null or f.value_bool is not null)
      select ff.enterprise_id, ff.park_id, string_agg(t.id::text || chr(31) || ff.v, chr(31))
        from ff
        join fact_tokens t on t.park_id = ff.park_id and t.key = ff.key and t.year = ff.year
       group by ff.park_id, ff.enterprise_id
      on conflict (enterprise_id) do update set line = excluded.line, park_id = excluded.park_id;
    $$`.execute(db);
  await sql`
    select yq_fact_lines_of(array_agg(x.park_id), array_agg(x.enterprise_id))
      from (select distinct park_id, enterprise_id from enterprise_facts) x
    having count(*) > 0`.execute(db);
}
