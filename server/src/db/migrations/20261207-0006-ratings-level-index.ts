import { sql, type Kysely } from 'kysely';

/**
 * 好评率 / 差评 of the cases closed in a range (a domain's own statistics, issue 12) count the
 * valid ratings by level per officer: the (park, subject type, closed_at) index now carries the
 * officer, category, status and level, so that count reads the index alone and no rating rows.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists ratings_park_closed_idx`.execute(db);
  await sql`create index ratings_park_closed_idx on ratings (park_id, subject_type, closed_at) include (officer_id, category, status, level)`.execute(db);
}
