import { sql, type Kysely } from 'kysely';

/**
 * Every app process keeps the sessions it has just read for a few seconds (platform/auth/
 * session-cache.ts). Whatever ends a session or changes what it may do announces it on the channel
 * `yq_session_change` when its transaction commits, and every process drops what it holds:
 * - `s:<session id>`: a session ended (强制下线 sets `ended_at`) or deleted (退出登录, 结束其他会话,
 *   clean-up of expired ones);
 * - `u:<user id>`: a user changed or deleted (disabled, locked, roles, enterprise, name);
 * - `p:<park id>`: a park's role table changed (`roles_version` bumped).
 * Triggers rather than calls in the code: no write path, present or future, can forget it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create function yq_notify_session_change() returns trigger language plpgsql as $$
    begin
      perform pg_notify('yq_session_change', tg_argv[0] || ':' || old.id::text);
      return null;
    end $$`.execute(db);
  await sql`create trigger sessions_change_notify after update of ended_at or delete on sessions for each row execute function yq_notify_session_change('s')`.execute(db);
  await sql`create trigger users_change_notify after update or delete on users for each row execute function yq_notify_session_change('u')`.execute(db);
  await sql`create trigger parks_roles_notify after update of roles_version on parks for each row execute function yq_notify_session_change('p')`.execute(db);
}
