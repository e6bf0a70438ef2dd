import type { ColumnType, Generated } from 'kysely';
import type { CaseEventsTable } from './schema.js';

type Timestamp = Date;
/** A `date` column: read back as 'YYYY-MM-DD' text (see db/connection.ts type parsers). */
type DateText = string;
type Json<T> = ColumnType<T, string | undefined | null, string | null>;
/** numeric / double precision / bigint: read back as a JS number (db/connection.ts type parsers). */
type Num = number;

// Tables of migration 20261207-0020-industry (产业云, SPEC §2.7). See the migration for the rules.

export type IndustrySettingsTable = {
  park_id: string;
  report_due_workday: Generated<number>;
  remind_workdays_before: Generated<number>;
  swing_threshold_pct: Generated<number>;
  offline_after_minutes: Generated<number>;
  raw_retention_days: Generated<number>;
  max_future_seconds: Generated<number>;
  simulator_enabled: Generated<boolean>;
  updated_by: string | null;
  updated_at: Generated<Timestamp>;
};

export type IndustryIndicatorsTable = {
  id: Generated<string>;
  park_id: string;
  key: string;
  label: string;
  /** IndicatorUnit of the contract: fen | kwh | person | tonne | count | percent */
  unit: string;
  decimals: Generated<number>;
  /** 'all' | 'chains' */
  applies_to: Generated<string>;
  chains: Generated<string[]>;
  required: Generated<boolean>;
  allow_negative: Generated<boolean>;
  max_value: Num | null;
  swing_check: Generated<boolean>;
  sort: Generated<number>;
  active: Generated<boolean>;
  builtin: Generated<boolean>;
  help: string | null;
  created_at: Generated<Timestamp>;
  updated_at: Generated<Timestamp>;
};

export type IndustryReportersTable = {
  park_id: string;
  enterprise_id: string;
  reports: boolean;
  reason: string | null;
  updated_by: string | null;
  updated_at: Generated<Timestamp>;
};

export type IndustryReportsTable = {
  id: Generated<string>;
  park_id: string;
  enterprise_id: string;
  /** first day of the month, 'YYYY-MM-01' */
  period: DateText;
  /** ReportStatus: draft | submitted | returned | accepted */
  status: string;
  revision: Generated<number>;
  due_on: DateText;
  submitted_at: Timestamp | null;
  submitted_by: string | null;
  late: Generated<boolean>;
  reviewed_at: Timestamp | null;
  reviewed_by: string | null;
  return_reason: string | null;
  correction_reason: string | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
};

export type IndustryReportValuesTable = {
  park_id: string;
  report_id: string;
  indicator_key: string;
  value: Num;
  note: string | null;
  /** 'manual' | 'iot' | 'import' */
  source: Generated<string>;
};

export type IndustryReportRevisionsTable = {
  park_id: string;
  report_id: string;
  revision: number;
  figures: Json<Record<string, number>>;
  notes: Json<Record<string, string>>;
  reason: string | null;
  accepted_at: Timestamp;
  accepted_by: string | null;
};

export type IndustryFiguresTable = {
  park_id: string;
  enterprise_id: string;
  period: DateText;
  indicator_key: string;
  value: Num;
  chain: string | null;
  revision: number;
};

export type IndustryReportRemindersTable = {
  park_id: string;
  enterprise_id: string;
  period: DateText;
  /** 'before' | 'overdue' */
  kind: string;
  sent_at: Timestamp;
};

/** One metric of a device type (contract DeviceMetric). */
export type DeviceMetricJson = { key: string; label: string; unit: string; kind: 'gauge' | 'counter' | 'flag'; min?: number | null; max?: number | null; energy?: boolean };

export type IotDeviceTypesTable = {
  park_id: string;
  code: string;
  label: string;
  metrics: Json<DeviceMetricJson[]>;
  builtin: Generated<boolean>;
  created_at: Generated<Timestamp>;
};

export type IotDevicesTable = {
  id: Generated<string>;
  park_id: string;
  enterprise_id: string;
  code: string;
  name: string;
  type_code: string;
  location: string | null;
  /** 'active' | 'disabled' */
  status: Generated<string>;
  token_hash: string | null;
  token_hint: string | null;
  token_issued_at: Timestamp | null;
  last_seen_at: Timestamp | null;
  online: Generated<boolean>;
  status_changed_at: Timestamp | null;
  accepted_count: Generated<Num>;
  rejected_count: Generated<Num>;
  rejected_by_reason: Json<Record<string, number>>;
  last_rejected_at: Timestamp | null;
  last_rejected_reason: string | null;
  /** { metric: { value, ts } } of the latest accepted reading per metric */
  last_values: Json<Record<string, { value: number; ts: string }>>;
  simulated: Generated<boolean>;
  created_by: string | null;
  created_at: Generated<Timestamp>;
  updated_at: Generated<Timestamp>;
  version: Generated<number>;
};

export type IotReadingsTable = {
  park_id: string;
  device_id: string;
  metric: string;
  ts: Timestamp;
  value: Num;
  received_at: Generated<Timestamp>;
};

export type IotRollupDirtyTable = {
  park_id: string;
  device_id: string;
  hour: Timestamp;
};

type RollupColumns = {
  park_id: string;
  device_id: string;
  metric: string;
  n: number;
  sum: Num;
  min: Num;
  max: Num;
  first_value: Num;
  last_value: Num;
  last_ts: Timestamp;
};
export type IotRollupsHourlyTable = RollupColumns & { hour: Timestamp };
export type IotRollupsDailyTable = RollupColumns & { day: DateText };

export type IotAlarmRulesTable = {
  id: Generated<string>;
  park_id: string;
  name: string;
  type_code: string | null;
  device_id: string | null;
  metric: string;
  /** 'gt' | 'gte' | 'lt' | 'lte' */
  comparison: string;
  threshold: Num;
  for_minutes: Generated<number>;
  /** 'info' | 'warning' | 'critical' */
  severity: Generated<string>;
  enabled: Generated<boolean>;
  created_by: string | null;
  created_at: Generated<Timestamp>;
  updated_at: Generated<Timestamp>;
};

export type IotAlarmWatchTable = {
  park_id: string;
  device_id: string;
  rule_id: string;
  breach_since: Timestamp | null;
  last_ts: Timestamp | null;
  last_value: Num | null;
};

export type IotAlarmsTable = {
  id: Generated<string>;
  park_id: string;
  enterprise_id: string;
  device_id: string;
  rule_id: string | null;
  /** 'threshold' | 'offline' */
  kind: Generated<string>;
  metric: string | null;
  severity: string;
  title: string;
  /** 'open' | 'acknowledged' | 'closed' */
  status: string;
  breach_started_at: Timestamp;
  raised_at: Timestamp;
  trigger_value: Num | null;
  peak_value: Num | null;
  cleared_at: Timestamp | null;
  acknowledged_at: Timestamp | null;
  acknowledged_by: string | null;
  closed_at: Timestamp | null;
  closed_by: string | null;
  close_note: string | null;
  version: Generated<number>;
  updated_at: Timestamp;
};

export type SmartProjectsTable = {
  id: Generated<string>;
  park_id: string;
  enterprise_id: string;
  name: string;
  content: string | null;
  vendor: string | null;
  investment_fen: Num;
  started_on: DateText | null;
  live_on: DateText | null;
  /** 'planned' | 'building' | 'live' */
  status: Generated<string>;
  created_by: string | null;
  created_at: Generated<Timestamp>;
  updated_at: Generated<Timestamp>;
  version: Generated<number>;
};

export type SmartProjectCostsTable = {
  park_id: string;
  project_id: string;
  month: DateText;
  cost_fen: Num;
  note: string | null;
};

export type IndustryTables = {
  industry_settings: IndustrySettingsTable;
  industry_indicators: IndustryIndicatorsTable;
  industry_reporters: IndustryReportersTable;
  industry_reports: IndustryReportsTable;
  industry_report_events: CaseEventsTable<'report_id'>;
  industry_report_values: IndustryReportValuesTable;
  industry_report_revisions: IndustryReportRevisionsTable;
  industry_figures: IndustryFiguresTable;
  industry_report_reminders: IndustryReportRemindersTable;
  iot_device_types: IotDeviceTypesTable;
  iot_devices: IotDevicesTable;
  iot_readings: IotReadingsTable;
  iot_rollup_dirty: IotRollupDirtyTable;
  iot_rollups_hourly: IotRollupsHourlyTable;
  iot_rollups_daily: IotRollupsDailyTable;
  iot_alarm_rules: IotAlarmRulesTable;
  iot_alarm_watch: IotAlarmWatchTable;
  iot_alarms: IotAlarmsTable;
  iot_alarm_events: CaseEventsTable<'alarm_id'>;
  smart_projects: SmartProjectsTable;
  smart_project_costs: SmartProjectCostsTable;
};
