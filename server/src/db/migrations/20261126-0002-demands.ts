import { sql, type Kysely } from 'kysely';

/**
 * Demands 诉求 with their timeline, attachments and per-day numbers; visits 走访 and 代办 records;
 * the weekly dispatch meeting 周调度; monthly targets 月战图.
 *
 * Every index leads with park_id. The three sweep indexes are partial and small (only rows whose
 * deadline, reminder or auto-close is pending), so the sweep finds the parks with work and each
 * park's due rows without touching the rest of the table.
 */
const statements = [
  `create table visits (
     id uuid primary key default gen_random_uuid(),
     park_id uuid not null references parks(id),
     liaison_id uuid not null references users(id),
     enterprise_id uuid not null references enterprises(id),
     visited_on date not null,
     participants text,
     findings text not null,
     created_by uuid not null references users(id),
     created_at timestamptz not null default now())`,
  `create index visits_park_on_idx on visits (park_id, visited_on)`,
  `create index visits_park_liaison_idx on visits (park_id, liaison_id, visited_on)`,
  `create index visits_park_enterprise_idx on visits (park_id, enterprise_id, visited_on)`,

  `create table demands (
     id uuid primary key default gen_random_uuid(),
     park_id uuid not null references parks(id),
     number text not null,
     enterprise_id uuid not null references enterprises(id),
     category text not null,
     title text not null,
     content text not null,
     source text not null check (source in ('enterprise', 'liaison', 'phone')),
     status text not null check (status in ('submitted', 'accepted', 'in_progress', 'resolved', 'reopened', 'closed', 'withdrawn')),
     assignee_id uuid references users(id),
     department text,
     visit_id uuid references visits(id),
     accept_due_at timestamptz,
     answer_due_at timestamptz,
     due_at timestamptz,
     due_kind text check (due_kind in ('accept', 'answer')),
     remind_at timestamptz,
     reminded_at timestamptz,
     overdue_at timestamptz,
     escalated_at timestamptz,
     escalation_count int not null default 0,
     accepted_at timestamptz,
     answer text,
     answered_at timestamptz,
     answered_on_time boolean,
     answer_working_days int,
     resolved_at timestamptz,
     auto_close_at timestamptz,
     closed_at timestamptz,
     closed_by text check (closed_by in ('enterprise', 'system')),
     withdrawn_at timestamptz,
     reopen_count int not null default 0,
     created_by uuid references users(id),
     created_at timestamptz not null default now(),
     updated_at timestamptz not null default now(),
     unique (park_id, number),
     -- a deadline runs exactly in the open states: the sweep compares due_at only
     check ((due_at is not null) = (status in ('submitted', 'accepted', 'in_progress', 'reopened'))))`,
  `create index demands_park_created_idx on demands (park_id, created_at desc)`,
  `create index demands_park_assignee_idx on demands (park_id, assignee_id, created_at desc)`,
  `create index demands_park_enterprise_idx on demands (park_id, enterprise_id, created_at desc)`,
  `create index demands_park_due_idx on demands (park_id, due_at) where due_at is not null`,
  `create index demands_park_escalated_idx on demands (park_id, escalated_at) where escalated_at is not null`,
  `create index demands_park_resolved_idx on demands (park_id, resolved_at) where resolved_at is not null`,
  `create index demands_park_closed_idx on demands (park_id, closed_at) where closed_at is not null`,
  `create index demands_park_visit_idx on demands (park_id, visit_id) where visit_id is not null`,
  `create index demands_sweep_due_idx on demands (park_id, due_at) where overdue_at is null and due_at is not null`,
  `create index demands_sweep_remind_idx on demands (park_id, remind_at) where remind_at is not null`,
  `create index demands_sweep_close_idx on demands (park_id, auto_close_at) where auto_close_at is not null`,

  `create table demand_events (
     id bigserial primary key,
     park_id uuid not null references parks(id),
     demand_id uuid not null references demands(id),
     action text not null,
     from_status text,
     to_status text,
     actor_id uuid,
     actor_name text not null,
     actor_role text,
     note text,
     data jsonb,
     at timestamptz not null)`,
  `create index demand_events_demand_idx on demand_events (park_id, demand_id, id)`,

  `create table demand_number_sequences (
     park_id uuid not null references parks(id),
     day text not null,
     last int not null,
     primary key (park_id, day))`,

  `create table demand_attachments (
     id uuid primary key default gen_random_uuid(),
     park_id uuid not null references parks(id),
     demand_id uuid not null references demands(id),
     filename text not null,
     content_type text not null,
     size int not null check (size >= 0),
     data bytea not null,
     uploaded_by uuid not null references users(id),
     created_at timestamptz not null default now())`,
  `create index demand_attachments_demand_idx on demand_attachments (park_id, demand_id, created_at)`,

  `create table daiban_records (
     id uuid primary key default gen_random_uuid(),
     park_id uuid not null references parks(id),
     liaison_id uuid not null references users(id),
     enterprise_id uuid not null references enterprises(id),
     visit_id uuid references visits(id),
     kind text not null,
     description text not null,
     case_number text,
     done_on date not null,
     created_by uuid not null references users(id),
     created_at timestamptz not null default now())`,
  `create index daiban_park_on_idx on daiban_records (park_id, done_on)`,
  `create index daiban_park_liaison_idx on daiban_records (park_id, liaison_id, done_on)`,
  `create index daiban_park_visit_idx on daiban_records (park_id, visit_id) where visit_id is not null`,

  `create table dispatch_meetings (
     id uuid primary key default gen_random_uuid(),
     park_id uuid not null references parks(id),
     held_on date not null,
     title text not null,
     attendees text[] not null default '{}',
     status text not null check (status in ('draft', 'closed')),
     created_by uuid not null references users(id),
     created_at timestamptz not null default now(),
     closed_at timestamptz,
     unique (park_id, held_on))`,
  `create table dispatch_items (
     id uuid primary key default gen_random_uuid(),
     park_id uuid not null references parks(id),
     meeting_id uuid not null references dispatch_meetings(id),
     demand_id uuid not null references demands(id),
     reasons text[] not null,
     sort int not null,
     decision text,
     owner_id uuid references users(id),
     new_due_date date,
     done boolean not null default false,
     decided_at timestamptz,
     decided_by uuid references users(id),
     unique (park_id, meeting_id, demand_id))`,
  `create index dispatch_items_demand_idx on dispatch_items (park_id, demand_id)`,

  `create table officer_targets (
     park_id uuid not null references parks(id),
     user_id uuid not null references users(id),
     month text not null check (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
     visits_target int not null check (visits_target >= 0),
     resolved_target int not null check (resolved_target >= 0),
     daiban_target int not null check (daiban_target >= 0),
     updated_by uuid not null references users(id),
     updated_at timestamptz not null default now(),
     primary key (park_id, month, user_id))`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
