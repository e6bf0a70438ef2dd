import type { Generated } from 'kysely';
import type { Json, Timestamp } from './schema.js';

/** A park's role: the built-in ones' changes to the code's defaults, or a custom role (migration 20261127-0001). */
export type ParkRolesTable = {
  park_id: string;
  code: string;
  name: string;
  builtin: boolean;
  /** Custom role: its permissions. Built-in role: the permissions added to its defaults. */
  permissions: Generated<string[]>;
  /** Built-in role: the defaults taken away. */
  removed: Generated<string[]>;
  data_scope: string;
  description: string | null;
  created_at: Generated<Date>;
  updated_at: Timestamp;
};

/** The park's organisation tree; `is_handler` = a 承办单位 demands can be transferred to. */
export type DepartmentsTable = {
  id: Generated<string>;
  park_id: string;
  parent_id: string | null;
  name: string;
  is_handler: Generated<boolean>;
  leader: string | null;
  phone: string | null;
  sort: Generated<number>;
  active: Generated<boolean>;
  created_at: Generated<Date>;
  updated_at: Timestamp;
};

/** One row per periodic job: a lease across processes and the last run. */
export type ScheduledJobsTable = {
  name: string;
  running_since: Date | null;
  running_instance: string | null;
  last_started_at: Date | null;
  last_finished_at: Date | null;
  last_ok: boolean | null;
  last_duration_ms: number | null;
};

/** The run log of periodic jobs. */
export type JobRunsTable = {
  id: Generated<number>;
  job_name: string;
  trigger: 'schedule' | 'manual';
  started_at: Date;
  finished_at: Date | null;
  duration_ms: number | null;
  ok: boolean | null;
  result: Json;
  error: string | null;
  instance: string;
  park_id: string | null;
  triggered_by: string | null;
};

export type AdminTables = {
  park_roles: ParkRolesTable;
  departments: DepartmentsTable;
  scheduled_jobs: ScheduledJobsTable;
  job_runs: JobRunsTable;
};
