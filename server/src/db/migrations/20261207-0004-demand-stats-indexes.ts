import { sql, type Kysely } from 'kysely';

/**
 * The office's statistics (GET /api/demands/stats, issue 12) read the demands filed or answered in
 * a range and, for 好差评's 未评率, the demands closed in it. Covering indexes let those passes
 * answer from the index alone instead of fetching every demand's wide row (content, answer): on
 * the province bench database (1,000,000 demands) a park's year reads 10,000 index entries and no
 * heap pages. The plain (park_id, closed_at) index is replaced by its covering form.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index demands_park_created_stats_idx on demands (park_id, created_at)
    include (category, assignee_id, due_at, escalation_count, resolved_at, answered_on_time, answer_working_days)`.execute(db);
  await sql`create index demands_park_resolved_stats_idx on demands (park_id, resolved_at)
    include (category, assignee_id, due_at, escalation_count, created_at, answered_on_time, answer_working_days) where resolved_at is not null`.execute(db);
  await sql`drop index if exists demands_park_closed_idx`.execute(db);
  await sql`create index demands_park_closed_idx on demands (park_id, closed_at)
    include (status, assignee_id, category) where closed_at is not null`.execute(db);
}
