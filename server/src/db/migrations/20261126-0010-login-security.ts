import { sql, type Kysely } from 'kysely';

/**
 * Log-in hardening (issue 10, item 3).
 * - `login_name_failures`: the failure counter and lock of a log-in name that belongs to no user,
 *   kept exactly like `users.failed_login_count` / `locked_until`, so an unknown name counts down
 *   and locks across addresses as a real account does and the answers cannot tell them apart.
 * - `login_captchas`: image challenges, shared by every app process (processes are stateless);
 *   single-use (deleted when checked) and short-lived. Only a hash of the answer is stored.
 * - `sessions_idle_idx`: the hourly sweep deletes sessions idle past the idle timeout.
 * Neither table belongs to a park: a log-in happens before anyone knows the park.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table login_name_failures (
    username_key text primary key,
    failed_count int not null default 0,
    locked_until timestamptz,
    updated_at timestamptz not null default now())`.execute(db);
  await sql`create table login_captchas (
    id uuid primary key default gen_random_uuid(),
    answer_hash text not null,
    ip text not null,
    created_at timestamptz not null default now(),
    expires_at timestamptz not null)`.execute(db);
  await sql`create index login_captchas_ip_idx on login_captchas (ip, expires_at)`.execute(db);
  await sql`create index login_captchas_expires_idx on login_captchas (expires_at)`.execute(db);
  await sql`create index sessions_last_seen_idx on sessions (last_seen_at)`.execute(db);
}
