import { sql, type Kysely } from 'kysely';

/**
 * The admin console (issue 11, item 8): what RuoYi / 芋道 users expect to find.
 * - `park_roles`: a park's roles and their permissions and data scope. A built-in role (the nine
 *   of SPEC) has a row only once an admin edits it, holding what was added to and removed from
 *   the code's defaults, so permissions added to the product later still reach it; a custom role
 *   holds its whole permission set. `parks.roles_version` is bumped on every change so that every
 *   app process rebuilds its cached role table on the next request (the session lookup reads it).
 * - `users.custom_roles`: the custom roles a user holds beside the built-in `roles`.
 * - `departments`: the park's organisation tree; `is_handler` marks 承办单位 that demands can be
 *   transferred to. The departments a park already used (the `department` dictionary and the free
 *   text of transferred demands) are copied in, so old transfers stay readable and selectable.
 * - `login_attempts`: park, user, user agent and reason, for 登录日志.
 * - `sessions.ended_at` / `ended_by`: 强制下线 marks the session instead of deleting it, so its
 *   next request can be told why it was ended.
 * - `scheduled_jobs` / `job_runs`: one row per periodic job (a lease that keeps two processes from
 *   running it at once, and its last run), and a run log.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table park_roles (
    park_id uuid not null references parks(id),
    code text not null,
    name text not null,
    builtin boolean not null,
    permissions text[] not null default '{}',
    removed text[] not null default '{}',
    data_scope text not null check (data_scope in ('park', 'assigned', 'enterprise', 'bank', 'none')),
    description text,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    primary key (park_id, code))`.execute(db);
  await sql`alter table parks add column roles_version int not null default 0`.execute(db);
  await sql`alter table users add column custom_roles text[] not null default '{}'`.execute(db);

  await sql`create table departments (
    id uuid primary key default gen_random_uuid(),
    park_id uuid not null references parks(id),
    parent_id uuid references departments(id),
    name text not null,
    is_handler boolean not null default true,
    leader text,
    phone text,
    sort int not null default 0,
    active boolean not null default true,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    unique (park_id, name))`.execute(db);
  await sql`create index departments_parent_idx on departments (park_id, parent_id)`.execute(db);
  await sql`insert into departments (park_id, name, sort)
    select park_id, label, min(sort) from dictionaries where kind = 'department' group by park_id, label
    on conflict (park_id, name) do nothing`.execute(db);
  await sql`insert into departments (park_id, name, sort)
    select park_id, btrim(department), 1000 from demands where department is not null and btrim(department) <> ''
    group by park_id, btrim(department)
    on conflict (park_id, name) do nothing`.execute(db);

  await sql`alter table login_attempts add column park_id uuid references parks(id)`.execute(db);
  await sql`alter table login_attempts add column user_id uuid references users(id) on delete set null`.execute(db);
  await sql`alter table login_attempts add column user_agent text`.execute(db);
  await sql`alter table login_attempts add column reason text`.execute(db);
  await sql`create index login_attempts_park_at_idx on login_attempts (park_id, at desc)`.execute(db);
  await sql`create index login_attempts_at_idx on login_attempts (at desc)`.execute(db);

  await sql`alter table sessions add column ended_at timestamptz`.execute(db);
  await sql`alter table sessions add column ended_by text`.execute(db);
  await sql`create index sessions_park_idx on sessions (park_id, last_seen_at desc)`.execute(db);

  await sql`create table scheduled_jobs (
    name text primary key,
    running_since timestamptz,
    running_instance text,
    last_started_at timestamptz,
    last_finished_at timestamptz,
    last_ok boolean,
    last_duration_ms int)`.execute(db);
  await sql`create table job_runs (
    id bigserial primary key,
    job_name text not null,
    trigger text not null check (trigger in ('schedule', 'manual')),
    started_at timestamptz not null,
    finished_at timestamptz,
    duration_ms int,
    ok boolean,
    result jsonb,
    error text,
    instance text not null,
    park_id uuid references parks(id),
    triggered_by uuid references users(id) on delete set null)`.execute(db);
  await sql`create index job_runs_job_idx on job_runs (job_name, started_at desc)`.execute(db);
  await sql`create index job_runs_started_idx on job_runs (started_at)`.execute(db);
}
