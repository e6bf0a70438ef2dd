import type { Generated, Selectable } from 'kysely';
import type { CaseEventsTable, Json } from './schema.js';

type Timestamp = Date;

export type DemandsTable = {
  id: Generated<string>;
  park_id: string;
  /** SQ20261126-0001: unique per park, a per-day sequence. */
  number: string;
  enterprise_id: string;
  category: string;
  title: string;
  content: string;
  source: 'enterprise' | 'liaison' | 'phone';
  status: 'submitted' | 'accepted' | 'in_progress' | 'resolved' | 'reopened' | 'closed' | 'withdrawn';
  /** 首接负责: the owner until resolved; null = the dispatcher's pool. */
  assignee_id: string | null;
  /** 承办单位 after a transfer (free text or a `department` dictionary label). */
  department: string | null;
  visit_id: string | null;
  accept_due_at: Timestamp | null;
  answer_due_at: Timestamp | null;
  /** The running deadline; null exactly when no service-side deadline runs (not open). */
  due_at: Timestamp | null;
  due_kind: 'accept' | 'answer' | null;
  /** When the reminder for the running deadline is due; null once sent or when none is planned. */
  remind_at: Timestamp | null;
  reminded_at: Timestamp | null;
  /** Set by the sweep when the running deadline passed; cleared when a new deadline starts. */
  overdue_at: Timestamp | null;
  /** Escalated to the dispatcher and not yet handled by a dispatch decision. */
  escalated_at: Timestamp | null;
  escalation_count: Generated<number>;
  accepted_at: Timestamp | null;
  answer: string | null;
  answered_at: Timestamp | null;
  answered_on_time: boolean | null;
  /** Working days from filing to the (latest) answer, on the Shanghai calendar. */
  answer_working_days: number | null;
  resolved_at: Timestamp | null;
  auto_close_at: Timestamp | null;
  closed_at: Timestamp | null;
  /** enterprise: the firm confirmed; office: the office closed it on the firm's word (e.g. by phone); system: auto-close. */
  closed_by: 'enterprise' | 'office' | 'system' | null;
  withdrawn_at: Timestamp | null;
  reopen_count: Generated<number>;
  /** The filer; null only for records taken over from an earlier system (demo history). */
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
};

export type DemandEventsTable = CaseEventsTable<'demand_id'>;

export type DemandNumberSequencesTable = {
  park_id: string;
  /** YYYYMMDD (Shanghai) */
  day: string;
  last: number;
};

export type DemandAttachmentsTable = {
  id: Generated<string>;
  park_id: string;
  demand_id: string;
  filename: string;
  content_type: string;
  size: number;
  data: Buffer;
  uploaded_by: string;
  created_at: Timestamp;
};

export type VisitsTable = {
  id: Generated<string>;
  park_id: string;
  liaison_id: string;
  enterprise_id: string;
  visited_on: string;
  participants: string | null;
  findings: string;
  created_by: string;
  created_at: Timestamp;
};

export type DaibanRecordsTable = {
  id: Generated<string>;
  park_id: string;
  liaison_id: string;
  enterprise_id: string;
  visit_id: string | null;
  kind: string;
  description: string;
  case_number: string | null;
  done_on: string;
  created_by: string;
  created_at: Timestamp;
};

export type DispatchMeetingsTable = {
  id: Generated<string>;
  park_id: string;
  held_on: string;
  title: string;
  attendees: string[];
  status: 'draft' | 'closed';
  created_by: string;
  created_at: Timestamp;
  closed_at: Timestamp | null;
};

export type DispatchItemsTable = {
  id: Generated<string>;
  park_id: string;
  meeting_id: string;
  demand_id: string;
  reasons: string[];
  sort: number;
  decision: string | null;
  owner_id: string | null;
  new_due_date: string | null;
  done: Generated<boolean>;
  decided_at: Timestamp | null;
  decided_by: string | null;
};

export type OfficerTargetsTable = {
  park_id: string;
  user_id: string;
  /** YYYY-MM */
  month: string;
  visits_target: number;
  resolved_target: number;
  daiban_target: number;
  updated_by: string;
  updated_at: Timestamp;
};

/**
 * The demands' additive figures per park, Shanghai day ('d') or month ('m'), category and owner,
 * kept by triggers on `demands` and `ratings` (migration 20261207-0005). Read only by statistics.
 */
export type DemandRollupTable = {
  park_id: string;
  grain: 'd' | 'm';
  /** The day, or the month's first day. */
  bucket: string;
  category: string;
  assignee_id: string | null;
  filed: number;
  escalated: number;
  resolved: number;
  on_time: number;
  days_sum: number;
  days_count: number;
  closed: number;
  rated: number;
};

/** Tables of the demands domain (demands, events, visits, dispatch meetings, targets). */
export type DemandTables = {
  demands: DemandsTable;
  demand_events: DemandEventsTable;
  demand_number_sequences: DemandNumberSequencesTable;
  demand_attachments: DemandAttachmentsTable;
  visits: VisitsTable;
  daiban_records: DaibanRecordsTable;
  dispatch_meetings: DispatchMeetingsTable;
  dispatch_items: DispatchItemsTable;
  officer_targets: OfficerTargetsTable;
  demand_rollup: DemandRollupTable;
  /** Changes not folded into demand_rollup yet (migration 20261207-0007); read through the view demand_rollup_all. */
  demand_rollup_delta: DemandRollupTable;
};

export type DemandRow = Selectable<DemandsTable>;
export type DemandEventRow = Selectable<DemandEventsTable>;
export type VisitRow = Selectable<VisitsTable>;
export type DaibanRow = Selectable<DaibanRecordsTable>;
export type DispatchMeetingRow = Selectable<DispatchMeetingsTable>;
export type DispatchItemRow = Selectable<DispatchItemsTable>;
