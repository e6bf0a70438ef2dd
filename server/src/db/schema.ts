import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { DemandTables } from './schema-demands.js';
import type { RatingTables } from './schema-ratings.js';
import type { ServiceItemTables } from './schema-service-items.js';
import type { ServiceApplicationTables } from './schema-service-applications.js';
import type { PolicyTables } from './schema-policies.js';
import type { FundTables } from './schema-funds.js';
import type { LoginTables } from './schema-login.js';
import type { AdminTables } from './schema-admin.js';
import type { FinanceTables } from './schema-finance.js';
import type { IndustryTables } from './schema-industry.js';
import type { LandTables } from './schema-land.js';

export type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
export type Json<T = unknown> = ColumnType<T, string | undefined | null, string | null>;

/**
 * The timeline table of a case type (the case kit, platform/workflow): the same columns for every
 * case type, the case named by `Subject` (`demand_id`, `application_id` …).
 */
export type CaseEventsTable<Subject extends string> = {
  id: Generated<number>;
  park_id: string;
  action: string;
  from_status: string | null;
  to_status: string | null;
  actor_id: string | null;
  actor_name: string;
  actor_role: string | null;
  note: string | null;
  data: Json<Record<string, unknown> | null>;
  at: Date;
} & { [K in Subject]: string };

export type ParksTable = {
  id: Generated<string>;
  code: string;
  name: string;
  region: string | null;
  created_at: Generated<Date>;
  /** Bumped on every change of the park's roles (migration 20261127-0001). */
  roles_version: Generated<number>;
};

export type BanksTable = {
  id: Generated<string>;
  park_id: string;
  code: string;
  name: string;
  short_name: string | null;
  created_at: Generated<Date>;
  /** 金融机构 kind (migration 20261207-0012): bank, guarantee, insurance, microloan … */
  kind: Generated<'bank' | 'guarantee' | 'insurance' | 'microloan' | 'securities' | 'leasing' | 'trust' | 'fund' | 'other'>;
  /** 战略合作协议 signed with the park */
  strategic: Generated<boolean>;
  agreement_on: string | null;
  contact_name: string | null;
  contact_phone: string | null;
  status: Generated<'active' | 'inactive'>;
  sort: Generated<number>;
};

export type UsersTable = {
  id: Generated<string>;
  park_id: string;
  username: string;
  display_name: string;
  password_hash: string;
  roles: string[];
  /** Custom roles of the park (park_roles) held beside the built-in ones. */
  custom_roles: Generated<string[]>;
  phone: string | null;
  enterprise_id: string | null;
  bank_id: string | null;
  is_active: Generated<boolean>;
  failed_login_count: Generated<number>;
  locked_until: Date | null;
  last_login_at: Date | null;
  password_changed_at: Date | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
};

export type SessionsTable = {
  id: string;
  user_id: string;
  park_id: string;
  csrf_token: string;
  created_at: Generated<Date>;
  expires_at: Date;
  last_seen_at: Generated<Date>;
  ip: string | null;
  user_agent: string | null;
  /** 强制下线: when and by whom the session was ended (its next request is told so). */
  ended_at: Date | null;
  ended_by: string | null;
};

export type LoginAttemptsTable = {
  id: Generated<number>;
  username: string;
  ip: string;
  ok: boolean;
  at: Timestamp;
  park_id: string | null;
  user_id: string | null;
  user_agent: string | null;
  /** Why a log-in failed (LOGIN_FAILURE_REASONS in the contract), null when it succeeded. */
  reason: string | null;
};

export type EnterprisesTable = {
  id: Generated<string>;
  park_id: string;
  uscc: string;
  name: string;
  legal_representative: string | null;
  registered_capital_fen: number | null;
  founded_on: string | null;
  industry_code: string | null;
  chain: string | null;
  is_above_scale: Generated<boolean>;
  annual_revenue_fen: number | null;
  headcount: number | null;
  address: string | null;
  plot: string | null;
  contact_name: string | null;
  contact_phone: string | null;
  tags: Generated<string[]>;
  liaison_id: string | null;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
};

export type DictionariesTable = {
  park_id: string;
  kind: string;
  code: string;
  label: string;
  sort: Generated<number>;
  extra: Json<Record<string, unknown>>;
  active: Generated<boolean>;
};

export type AuditLogTable = {
  id: Generated<number>;
  chain_key: string;
  seq: number;
  park_id: string | null;
  at: Date;
  actor_id: string | null;
  actor_name: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  before: Json;
  after: Json;
  request_id: string | null;
  prev_hash: string | null;
  hash: string;
};

export type CalendarYearsTable = {
  year: number;
  source: 'admin' | 'weekday_only';
  updated_by: string | null;
  updated_at: Generated<Date>;
};

export type CalendarDaysTable = {
  date: string;
  year: number;
  kind: 'holiday' | 'workday';
  name: string | null;
};

export type JobsTable = {
  id: Generated<string>;
  park_id: string;
  user_id: string;
  kind: string;
  status: 'running' | 'done' | 'failed';
  processed: Generated<number>;
  total: Generated<number>;
  result: Json;
  error: Json<{ message: string } | null>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
};

export type NotificationsTable = {
  id: Generated<string>;
  park_id: string;
  user_id: string;
  kind: string;
  title: string;
  body: string | null;
  link: string | null;
  read_at: Date | null;
  created_at: Generated<Date>;
};

export type SmsLogTable = {
  id: Generated<number>;
  park_id: string;
  user_id: string | null;
  phone: string | null;
  text: string;
  status: string;
  created_at: Generated<Date>;
};

export type FoundationTables = {
  notifications: NotificationsTable;
  sms_log: SmsLogTable;
  parks: ParksTable;
  banks: BanksTable;
  users: UsersTable;
  sessions: SessionsTable;
  login_attempts: LoginAttemptsTable;
  enterprises: EnterprisesTable;
  dictionaries: DictionariesTable;
  audit_log: AuditLogTable;
  calendar_years: CalendarYearsTable;
  calendar_days: CalendarDaysTable;
  jobs: JobsTable;
};

/** Every table; each domain declares its own in a schema-<domain>.ts beside this file. */
export type DB = FoundationTables & DemandTables & RatingTables & ServiceItemTables & ServiceApplicationTables & PolicyTables & FundTables & LoginTables & AdminTables & FinanceTables & IndustryTables & LandTables;

export type EnterpriseRow = Selectable<EnterprisesTable>;
export type NewEnterpriseRow = Insertable<EnterprisesTable>;
export type EnterpriseUpdate = Updateable<EnterprisesTable>;
export type UserRow = Selectable<UsersTable>;
