import { sql, type Kysely } from 'kysely';

/**
 * 存铜融 margin calls get their deadline: `due_at` is computed from the working-day calendar
 * (dated parameter `margin_call_working_days`) when the call is issued, so the overdue flag is a
 * plain `due_at < now` comparison; `overdue_at` records when the sweep first flagged it for the
 * finance officer. `due_guessed`: the calendar lacked a year and weekdays were counted.
 */
const statements = [
  `alter table margin_calls add column due_at timestamptz`,
  `alter table margin_calls add column due_guessed boolean not null default false`,
  `alter table margin_calls add column overdue_at timestamptz`,
  `create index margin_calls_due_idx on margin_calls (park_id, due_at) where status = 'open'`,
  `create index margin_calls_pledge_idx on margin_calls (park_id, pledge_id, call_on desc)`,
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only');
}
