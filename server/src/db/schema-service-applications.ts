import type { Generated, Selectable } from 'kysely';
import type { CaseEventsTable, Json } from './schema.js';

type Timestamp = Date;

export type ServiceApplicationStatus =
  | 'submitted'
  | 'supplementing'
  | 'accepted'
  | 'rongque'
  | 'special'
  | 'reviewing'
  | 'finished'
  | 'not_accepted'
  | 'terminated'
  | 'withdrawn'
  | 'revoked';

export type ServiceApplicationOutcome = 'approved' | 'refused' | 'not_accepted' | 'terminated' | 'withdrawn' | 'revoked';

export type ServiceApplicationsTable = {
  id: Generated<string>;
  park_id: string;
  /** BJ20261126-0001: unique per park, a per-day sequence. */
  number: string;
  item_id: string;
  enterprise_id: string;
  /** 工程建设项目 the application belongs to (an item of one of the four stages). */
  project_id: string | null;
  /** The user who filed it (enterprise user, or the liaison for 代办); null for taken-over history. */
  applicant_user_id: string | null;
  /** Name shown as 申请人 (the filer's display name at filing time). */
  applicant_name: string;
  contact_name: string | null;
  contact_phone: string | null;
  description: string | null;
  /** 代办: filed by the firm's liaison on its behalf; counted in the liaison's statistics. */
  is_daiban: Generated<boolean>;
  daiban_liaison_id: string | null;
  case_kind: 'instant' | 'promised';
  /** Non-key materials the applicant asked, at filing, to supply later (容缺申请). */
  rongque_keys: Generated<string[]>;
  /** normal, 容缺受理 (accepted with non-key materials missing), 告知承诺 (commitment signed at filing). */
  mode: Generated<'normal' | 'rongque' | 'chengnuo'>;
  status: ServiceApplicationStatus;
  submitted_at: Timestamp;
  accepted_at: Timestamp | null;
  accepted_by: string | null;
  review_started_at: Timestamp | null;
  decided_at: Timestamp | null;
  decided_by: string | null;
  /** 办结 time (the end of the case, whatever the outcome); null while open. */
  finished_at: Timestamp | null;
  outcome: ServiceApplicationOutcome | null;
  result_doc_number: string | null;
  /** Reason of 不予受理 / refusal / termination / revocation. */
  decision_note: string | null;
  committed_days: number;
  legal_days: number;
  /** Working days of closed pauses (补正, 特别程序); the running pause is in paused_since. */
  paused_days: Generated<number>;
  paused_since: Timestamp | null;
  /** Status to return to when the running pause ends. */
  resume_status: ServiceApplicationStatus | null;
  /** Working days from acceptance to 办结, pauses excluded; set at finish. */
  working_days_used: number | null;
  within_limit: boolean | null;
  /** 到现场次数 actually made by the applicant (一次不跑 when 0). */
  visits: Generated<number>;
  /** Committed deadline (end of day, Shanghai) shifted by paused working days; null before acceptance / when closed. */
  due_at: Timestamp | null;
  legal_due_at: Timestamp | null;
  /** When the 即将到期 warning (1 working day ahead) is due; null once sent or while no deadline runs. */
  warn_at: Timestamp | null;
  /** 即将到期 warning sent for the current due_at. */
  warned_at: Timestamp | null;
  overdue_at: Timestamp | null;
  revoked_at: Timestamp | null;
  /** The calendar lacked a year: deadlines counted on weekdays only. */
  calendar_guessed: Generated<boolean>;
  created_at: Generated<Timestamp>;
  updated_at: Generated<Timestamp>;
};

export type ServiceApplicationNumberSequencesTable = {
  park_id: string;
  /** YYYYMMDD (Shanghai) */
  day: string;
  last: number;
};

export type ServiceApplicationEventsTable = CaseEventsTable<'application_id'>;

export type ServiceApplicationMaterialsTable = {
  id: Generated<string>;
  park_id: string;
  application_id: string;
  material_key: string;
  material_name: string;
  stage: 'filing' | 'supplement' | 'rongque';
  filename: string;
  content_type: string;
  size: number;
  data: Buffer;
  uploaded_by: string | null;
  created_at: Generated<Timestamp>;
};

export type ServiceApplicationPausesTable = {
  id: Generated<string>;
  park_id: string;
  application_id: string;
  kind: 'supplement' | 'special';
  /** 补正 or the special procedure's name (公示, 听证, 检测, 专家评审 …). */
  name: string;
  material_keys: Generated<string[]>;
  note: string | null;
  max_days: number | null;
  started_at: Timestamp;
  started_by: string | null;
  ended_at: Timestamp | null;
  ended_by: string | null;
  /** Working days the pause covered (set when it ends). */
  working_days: number | null;
};

export type RongqueMissingMaterial = { key: string; name: string; form: string; deadline: string };

export type ServiceRongqueTable = {
  id: Generated<string>;
  park_id: string;
  application_id: string;
  /** 容缺受理通知书 number (the case number with a suffix). */
  notice_number: string;
  missing: Json<RongqueMissingMaterial[]>;
  /** YYYY-MM-DD (Shanghai) the missing materials are due. */
  deadline: string;
  /** End of the deadline day. */
  due_at: Timestamp;
  /** The committed due date computed from acceptance (the latest allowed deadline). */
  committed_due_at: Timestamp;
  supplied_at: Timestamp | null;
  terminated_at: Timestamp | null;
  created_by: string | null;
  created_at: Timestamp;
};

export type ServiceChengnuoTable = {
  id: Generated<string>;
  park_id: string;
  application_id: string;
  text: string;
  /** Keys of the materials the commitment replaces. */
  replaced_keys: string[];
  signer_id: string | null;
  signer_name: string;
  signed_at: Timestamp;
};

export type ServicePostchecksTable = {
  id: Generated<string>;
  park_id: string;
  application_id: string;
  enterprise_id: string;
  item_id: string;
  status: 'scheduled' | 'passed' | 'failed';
  due_at: Timestamp;
  overdue_at: Timestamp | null;
  checked_at: Timestamp | null;
  checked_by: string | null;
  result: string | null;
  created_at: Timestamp;
};

export type ServiceProjectsTable = {
  id: Generated<string>;
  park_id: string;
  enterprise_id: string;
  code: string;
  name: string;
  location: string | null;
  investment_fen: number | null;
  started_at: Timestamp;
  target_days: Generated<number>;
  legal_days: Generated<number>;
  status: Generated<'active' | 'completed' | 'cancelled'>;
  completed_at: Timestamp | null;
  note: string | null;
  created_by: string | null;
  created_at: Generated<Timestamp>;
  updated_at: Generated<Timestamp>;
};

export type ServiceProjectStagesTable = {
  park_id: string;
  project_id: string;
  stage: 'planning' | 'engineering' | 'construction' | 'acceptance';
  sort: number;
  planned_days: number;
  note: string | null;
};

/** Tables of the 办件 domain (applications, their clock, 容缺/承诺/核查, construction projects). */
export type ServiceApplicationTables = {
  service_applications: ServiceApplicationsTable;
  service_application_number_sequences: ServiceApplicationNumberSequencesTable;
  service_application_events: ServiceApplicationEventsTable;
  service_application_materials: ServiceApplicationMaterialsTable;
  service_application_pauses: ServiceApplicationPausesTable;
  service_rongque: ServiceRongqueTable;
  service_chengnuo: ServiceChengnuoTable;
  service_postchecks: ServicePostchecksTable;
  service_projects: ServiceProjectsTable;
  service_project_stages: ServiceProjectStagesTable;
};

export type ServiceApplicationRow = Selectable<ServiceApplicationsTable>;
export type ServiceApplicationEventRow = Selectable<ServiceApplicationEventsTable>;
export type ServiceApplicationPauseRow = Selectable<ServiceApplicationPausesTable>;
export type ServiceRongqueRow = Selectable<ServiceRongqueTable>;
export type ServiceChengnuoRow = Selectable<ServiceChengnuoTable>;
export type ServicePostcheckRow = Selectable<ServicePostchecksTable>;
export type ServiceProjectRow = Selectable<ServiceProjectsTable>;
