import { sql, type Kysely } from 'kysely';

/**
 * 要素保障 — premises: follow-up to 20261208-0001-land.
 * - premises_bills.credit_fen: relief granted on a bill after it was (partly) paid cannot lower what
 *   is due below what was paid (the bill's check paid ≤ due); that part is kept as a credit owed to
 *   the firm (refunded or offset), so relief_fen + credit_fen = the sum of the bill's relief lines.
 * - premises_bills.reminded_at: the last arrears reminder sent for the bill.
 * - an index for the arrears list (open bills by due day).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table premises_bills add column credit_fen bigint not null default 0 check (credit_fen >= 0)`.execute(db);
  await sql`alter table premises_bills add column reminded_at timestamptz`.execute(db);
  await sql`create index premises_bills_arrears_idx on premises_bills (park_id, due_on) where status in ('open', 'partial')`.execute(db);
}
