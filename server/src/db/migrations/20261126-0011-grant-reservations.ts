import { sql, type Kysely } from 'kysely';

/**
 * 免申即享 grants hold their money: a grant reserves its amount in the fund when it is granted (as
 * 复审 does for 申报), so the firm's confirmation always pays. `reservation_id` is the grant's
 * fund_reservations row (source 'exemption_grant'); a grant not confirmed by `expires_at` expires
 * and, like a cancelled one, releases what it held. Grants made before this migration keep a null
 * reservation and are paid from the fund's available balance, as before.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table policy_grants drop constraint if exists policy_grants_status_check`.execute(db);
  await sql`alter table policy_grants add constraint policy_grants_status_check check (status in ('awaiting', 'paid', 'cancelled', 'expired'))`.execute(db);
  await sql`alter table policy_grants add column reservation_id uuid references fund_reservations(id)`.execute(db);
  await sql`alter table policy_grants add column expires_at timestamptz`.execute(db);
  await sql`alter table policy_grants add column expired_at timestamptz`.execute(db);
  // the daily sweep finds the awaiting grants past their deadline
  await sql`create index policy_grants_awaiting_expiry_idx on policy_grants (park_id, expires_at) where status = 'awaiting'`.execute(db);
}
