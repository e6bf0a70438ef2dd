import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { daibanDone, type StatsRange } from '../stats/repository.js';

type Executor = Kysely<DB> | Transaction<DB>;

export async function targetsOf(db: Executor, parkId: string, month: string) {
  return db.selectFrom('officer_targets').selectAll().where('park_id', '=', parkId).where('month', '=', month).execute();
}

export async function upsertTarget(
  trx: Transaction<DB>,
  row: { park_id: string; user_id: string; month: string; visits_target: number; resolved_target: number; daiban_target: number; updated_by: string; updated_at: Date },
) {
  const before = await trx
    .selectFrom('officer_targets')
    .selectAll()
    .where('park_id', '=', row.park_id)
    .where('month', '=', row.month)
    .where('user_id', '=', row.user_id)
    .forUpdate()
    .executeTakeFirst();
  await trx
    .insertInto('officer_targets')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['park_id', 'month', 'user_id']).doUpdateSet({
        visits_target: row.visits_target,
        resolved_target: row.resolved_target,
        daiban_target: row.daiban_target,
        updated_by: row.updated_by,
        updated_at: row.updated_at,
      }),
    )
    .execute();
  return before;
}

/** What each officer did in the range: visits, demands answered (as owner), 代办. */
export async function actualsByOfficer(db: Executor, parkId: string, range: StatsRange, officerId: string | null) {
  const result = await sql<{ user_id: string; visits: number; resolved: number; daiban: number }>`
    with v as (
      select liaison_id as user_id, count(*)::int as n from visits
       where park_id = ${parkId} and visited_on >= ${range.fromDate} and visited_on <= ${range.toDate}
       group by liaison_id),
    r as (
      select assignee_id as user_id, count(*)::int as n from demands
       where park_id = ${parkId} and resolved_at >= ${range.from} and resolved_at < ${range.to} and assignee_id is not null
       group by assignee_id),
    b as (
      select d.liaison_id as user_id, count(*)::int as n from (${daibanDone(parkId, range)}) d
       group by d.liaison_id)
    select coalesce(v.user_id, r.user_id, b.user_id) as user_id,
           coalesce(v.n, 0) as visits, coalesce(r.n, 0) as resolved, coalesce(b.n, 0) as daiban
      from v full join r on r.user_id = v.user_id
             full join b on b.user_id = coalesce(v.user_id, r.user_id)
     where ${officerId ? sql`coalesce(v.user_id, r.user_id, b.user_id) = ${officerId}` : sql`true`}`.execute(db);
  return result.rows;
}
