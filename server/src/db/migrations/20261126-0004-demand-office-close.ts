import { sql, type Kysely } from 'kysely';

/** The office may close a resolved demand on the firm's word (confirmed by phone): closed_by 'office'. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table demands drop constraint if exists demands_closed_by_check`.execute(db);
  await sql`alter table demands add constraint demands_closed_by_check check (closed_by in ('enterprise', 'office', 'system'))`.execute(db);
}
