import { sql, type Kysely } from 'kysely';

/**
 * 要素保障 — apartments: follow-up to 20261208-0001-land.
 * - `preferred_layout`: the layout (户型) the firm asks for; "allocate next" suggests the top of the
 *   waitlist among applicants who prefer a vacant unit's layout (or have no preference).
 * - `withdrawn_at`: when a firm withdrew, so the waitlist of a past day is counted exactly.
 * - occupancies by firm: the per-firm figures of a day read them by (park, firm).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table apartment_applications add column preferred_layout text check (preferred_layout is null or length(preferred_layout) between 1 and 20)`.execute(db);
  await sql`alter table apartment_applications add column withdrawn_at timestamptz`.execute(db);
  await sql`create index apartment_occupancies_enterprise_idx on apartment_occupancies (park_id, enterprise_id, starts_on)`.execute(db);
}
