import { sql, type Kysely } from 'kysely';
import { caseEventsTableSql } from '../../platform/workflow/commit.js';

/**
 * 产业云 (SPEC §2.7): monthly economic reports 经济运行月报 with admin-editable indicators, their
 * review as a case and accepted versions kept; IoT devices with per-device tokens, raw readings
 * (time-partitioned by month), hour/day rollups, threshold alarm rules and alarms (a case); and
 * smart-transformation projects 智能化改造 with their monthly costs.
 *
 * The rules that must hold whatever the code does are the database's:
 * - one report per firm and month (unique), one value per report and indicator;
 * - an accepted version of a report is never rewritten: a correction adds the next revision;
 * - one reading per device, metric and instant (unique), so a re-sent batch is not counted twice;
 * - at most one live alarm per device and rule (partial unique index): a sustained breach raises
 *   one alarm, not one per reading;
 * - a rollup row per device, metric and hour / day.
 * Every business row carries park_id; unique keys and main indexes lead with it (readings lead with
 * the device, whose id is globally unique, so a device's range scan stays one index walk).
 */
const statements = [
  // ------------------------------------------------------------ settings
  // One row per park; absent = the contract's INDUSTRY_SETTING_DEFAULTS.
  `create table industry_settings (
     park_id uuid primary key references parks(id),
     report_due_workday int not null default 10 check (report_due_workday between 1 and 23),
     remind_workdays_before int not null default 3 check (remind_workdays_before between 0 and 15),
     swing_threshold_pct int not null default 30 check (swing_threshold_pct between 1 and 1000),
     offline_after_minutes int not null default 15 check (offline_after_minutes between 1 and 10080),
     raw_retention_days int not null default 400 check (raw_retention_days between 7 and 3660),
     max_future_seconds int not null default 300 check (max_future_seconds between 0 and 86400),
     simulator_enabled boolean not null default false,
     updated_by uuid references users(id),
     updated_at timestamptz not null default now())`,

  // ------------------------------------------------------------ monthly reports 经济运行月报
  // The form set is data. `unit`: fen (money, integer fen), kwh, person, tonne, count, percent.
  // `applies_to`: 'all' = every reporting firm, 'chains' = firms of the listed chains only.
  `create table industry_indicators (
     id uuid primary key default gen_random_uuid(),
     park_id uuid not null references parks(id),
     key text not null check (key ~ '^[a-z][a-z0-9_]{1,39}$'),
     label text not null check (length(label) between 1 and 40),
     unit text not null check (unit in ('fen', 'kwh', 'person', 'tonne', 'count', 'percent')),
     decimals int not null default 0 check (decimals between 0 and 3),
     applies_to text not null default 'all' check (applies_to in ('all', 'chains')),
     chains text[] not null default '{}',
     required boolean not null default true,
     allow_negative boolean not null default false,
     max_value numeric,
     swing_check boolean not null default true,
     sort int not null default 0,
     active boolean not null default true,
     builtin boolean not null default false,
     help text,
     created_at timestamptz not null default now(),
     updated_at timestamptz not null default now(),
     unique (park_id, key))`,

  // Which firms report: 规上 firms by default; an officer adds or exempts a firm here.
  `create table industry_reporters (
     park_id uuid not null references parks(id),
     enterprise_id uuid not null references enterprises(id),
     reports boolean not null,
     reason text,
     updated_by uuid references users(id),
     updated_at timestamptz not null default now(),
     primary key (park_id, enterprise_id))`,

  // One firm's report for one month (period = first day of the month). draft → submitted →
  // returned / accepted; an accepted report reopened for a correction goes back to submitted with
  // revision + 1 pending.
  `create table industry_reports (
     id uuid primary key default gen_random_uuid(),
     park_id uuid not null references parks(id),
     enterprise_id uuid not null references enterprises(id),
     period date not null check (extract(day from period) = 1),
     status text not null check (status in ('draft', 'submitted', 'returned', 'accepted')),
     revision int not null default 0,
     due_on date not null,
     submitted_at timestamptz,
     submitted_by uuid references users(id),
     late boolean not null default false,
     reviewed_at timestamptz,
     reviewed_by uuid references users(id),
     return_reason text,
     correction_reason text,
     version int not null default 1,
     created_at timestamptz not null,
     updated_at timestamptz not null,
     unique (park_id, enterprise_id, period))`,
  `create index industry_reports_period_idx on industry_reports (park_id, period, status)`,
  ...caseEventsTableSql('industry_report_events', 'report_id', 'industry_reports'),

  // The values being filled (draft/submitted/returned) or last accepted; `note` explains a swing.
  `create table industry_report_values (
     park_id uuid not null references parks(id),
     report_id uuid not null references industry_reports(id),
     indicator_key text not null,
     value numeric not null,
     note text,
     source text not null default 'manual' check (source in ('manual', 'iot', 'import')),
     primary key (park_id, report_id, indicator_key))`,

  // Every accepted version, never rewritten: revision 1 is the first acceptance, each correction
  // the next. `figures`: { key: value }, `notes`: { key: note }.
  `create table industry_report_revisions (
     park_id uuid not null references parks(id),
     report_id uuid not null references industry_reports(id),
     revision int not null check (revision >= 1),
     figures jsonb not null,
     notes jsonb not null default '{}',
     reason text,
     accepted_at timestamptz not null,
     accepted_by uuid references users(id),
     primary key (park_id, report_id, revision))`,

  // The accepted figures, one row per firm, month and indicator, as statistics read them (the
  // current revision; replaced on a correction). chain is the firm's at acceptance.
  `create table industry_figures (
     park_id uuid not null references parks(id),
     enterprise_id uuid not null references enterprises(id),
     period date not null,
     indicator_key text not null,
     value numeric not null,
     chain text,
     revision int not null,
     primary key (park_id, period, indicator_key, enterprise_id))`,
  `create index industry_figures_firm_idx on industry_figures (park_id, enterprise_id, period)`,

  // Reminders sent (before the due day, after it): one per firm, month and kind, so the sweep is
  // idempotent across processes.
  `create table industry_report_reminders (
     park_id uuid not null references parks(id),
     enterprise_id uuid not null references enterprises(id),
     period date not null,
     kind text not null check (kind in ('before', 'overdue')),
     sent_at timestamptz not null,
     primary key (park_id, enterprise_id, period, kind))`,

  // ------------------------------------------------------------ devices 物联网设备
  // A type names its metrics: [{ key, label, unit, kind: 'gauge' | 'counter' | 'flag', min?, max?, energy? }].
  // energy: the metric is cumulative electricity in kWh (its daily increase is the firm's 用电量).
  `create table iot_device_types (
     park_id uuid not null references parks(id),
     code text not null check (code ~ '^[a-z][a-z0-9_]{1,39}$'),
     label text not null,
     metrics jsonb not null,
     builtin boolean not null default false,
     created_at timestamptz not null default now(),
     primary key (park_id, code))`,

  // The id is the device's name on the wire (topic, HTTP path): globally unique. The token is kept
  // as a SHA-256 hash; token_hint is its last 4 characters, to tell two tokens apart.
  `create table iot_devices (
     id uuid primary key default gen_random_uuid(),
     park_id uuid not null references parks(id),
     enterprise_id uuid not null references enterprises(id),
     code text not null check (length(code) between 1 and 40),
     name text not null check (length(name) between 1 and 60),
     type_code text not null,
     location text,
     status text not null default 'active' check (status in ('active', 'disabled')),
     token_hash text,
     token_hint text,
     token_issued_at timestamptz,
     last_seen_at timestamptz,
     online boolean not null default false,
     status_changed_at timestamptz,
     accepted_count bigint not null default 0,
     rejected_count bigint not null default 0,
     rejected_by_reason jsonb not null default '{}',
     last_rejected_at timestamptz,
     last_rejected_reason text,
     last_values jsonb not null default '{}',
     simulated boolean not null default false,
     created_by uuid references users(id),
     created_at timestamptz not null default now(),
     updated_at timestamptz not null default now(),
     version int not null default 1,
     unique (park_id, code),
     foreign key (park_id, type_code) references iot_device_types(park_id, code))`,
  `create index iot_devices_firm_idx on iot_devices (park_id, enterprise_id)`,
  `create index iot_devices_token_idx on iot_devices (token_hash)`,

  // Raw readings, partitioned by month of ts (partitions made ahead by the maintenance sweep and on
  // demand; the default partition catches anything else). Retention drops whole months.
  `create table iot_readings (
     park_id uuid not null,
     device_id uuid not null,
     metric text not null,
     ts timestamptz not null,
     value double precision not null,
     received_at timestamptz not null default now()
   ) partition by range (ts)`,
  `create table iot_readings_default partition of iot_readings default`,
  `create unique index iot_readings_key on iot_readings (device_id, metric, ts)`,

  // Hours touched by ingest since the last rollup: the rollup sweep recomputes exactly these from
  // raw and deletes them (FOR UPDATE SKIP LOCKED: several processes share the work).
  `create table iot_rollup_dirty (
     park_id uuid not null,
     device_id uuid not null,
     hour timestamptz not null,
     primary key (device_id, hour))`,

  `create table iot_rollups_hourly (
     park_id uuid not null references parks(id),
     device_id uuid not null references iot_devices(id),
     metric text not null,
     hour timestamptz not null,
     n int not null,
     sum double precision not null,
     min double precision not null,
     max double precision not null,
     first_value double precision not null,
     last_value double precision not null,
     last_ts timestamptz not null,
     primary key (device_id, metric, hour))`,
  `create index iot_rollups_hourly_park_idx on iot_rollups_hourly (park_id, hour)`,

  // Days are Asia/Shanghai days.
  `create table iot_rollups_daily (
     park_id uuid not null references parks(id),
     device_id uuid not null references iot_devices(id),
     metric text not null,
     day date not null,
     n int not null,
     sum double precision not null,
     min double precision not null,
     max double precision not null,
     first_value double precision not null,
     last_value double precision not null,
     last_ts timestamptz not null,
     primary key (device_id, metric, day))`,
  `create index iot_rollups_daily_park_idx on iot_rollups_daily (park_id, day)`,

  // ------------------------------------------------------------ alarms 告警
  // A rule for a device type (every device of it in the park) or one device.
  `create table iot_alarm_rules (
     id uuid primary key default gen_random_uuid(),
     park_id uuid not null references parks(id),
     name text not null check (length(name) between 1 and 60),
     type_code text,
     device_id uuid references iot_devices(id),
     metric text not null,
     comparison text not null check (comparison in ('gt', 'gte', 'lt', 'lte')),
     threshold double precision not null,
     for_minutes int not null default 0 check (for_minutes between 0 and 1440),
     severity text not null default 'warning' check (severity in ('info', 'warning', 'critical')),
     enabled boolean not null default true,
     created_by uuid references users(id),
     created_at timestamptz not null default now(),
     updated_at timestamptz not null default now(),
     check ((type_code is null) <> (device_id is null)))`,
  `create index iot_alarm_rules_park_idx on iot_alarm_rules (park_id, enabled)`,

  // Evaluation state per device and rule: since when the condition holds (null = not breached).
  `create table iot_alarm_watch (
     park_id uuid not null references parks(id),
     device_id uuid not null references iot_devices(id),
     rule_id uuid not null references iot_alarm_rules(id) on delete cascade,
     breach_since timestamptz,
     last_ts timestamptz,
     last_value double precision,
     primary key (device_id, rule_id))`,

  // An alarm is a case: open → acknowledged → closed (with a note). cleared_at: the condition ended.
  `create table iot_alarms (
     id uuid primary key default gen_random_uuid(),
     park_id uuid not null references parks(id),
     enterprise_id uuid not null references enterprises(id),
     device_id uuid not null references iot_devices(id),
     rule_id uuid references iot_alarm_rules(id) on delete set null,
     kind text not null default 'threshold' check (kind in ('threshold', 'offline')),
     metric text,
     severity text not null,
     title text not null,
     status text not null check (status in ('open', 'acknowledged', 'closed')),
     breach_started_at timestamptz not null,
     raised_at timestamptz not null,
     trigger_value double precision,
     peak_value double precision,
     cleared_at timestamptz,
     acknowledged_at timestamptz,
     acknowledged_by uuid references users(id),
     closed_at timestamptz,
     closed_by uuid references users(id),
     close_note text,
     version int not null default 1,
     updated_at timestamptz not null)`,
  `create unique index iot_alarms_live_key on iot_alarms (device_id, rule_id) where status in ('open', 'acknowledged') and rule_id is not null`,
  `create unique index iot_alarms_live_offline_key on iot_alarms (device_id) where status in ('open', 'acknowledged') and kind = 'offline'`,
  `create index iot_alarms_park_idx on iot_alarms (park_id, status, raised_at desc)`,
  `create index iot_alarms_firm_idx on iot_alarms (park_id, enterprise_id, raised_at desc)`,
  ...caseEventsTableSql('iot_alarm_events', 'alarm_id', 'iot_alarms'),

  // ------------------------------------------------------------ 智能化改造
  `create table smart_projects (
     id uuid primary key default gen_random_uuid(),
     park_id uuid not null references parks(id),
     enterprise_id uuid not null references enterprises(id),
     name text not null check (length(name) between 1 and 80),
     content text,
     vendor text,
     investment_fen bigint not null check (investment_fen >= 0),
     started_on date,
     live_on date,
     status text not null default 'building' check (status in ('planned', 'building', 'live')),
     created_by uuid references users(id),
     created_at timestamptz not null default now(),
     updated_at timestamptz not null default now(),
     version int not null default 1)`,
  `create index smart_projects_firm_idx on smart_projects (park_id, enterprise_id)`,

  // The firm's operating cost of the transformed line by month, before and after go-live.
  `create table smart_project_costs (
     park_id uuid not null references parks(id),
     project_id uuid not null references smart_projects(id) on delete cascade,
     month date not null check (extract(day from month) = 1),
     cost_fen bigint not null check (cost_fen >= 0),
     note text,
     primary key (park_id, project_id, month))`,
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only');
}
