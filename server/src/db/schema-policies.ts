import type { ColumnType, Generated, Selectable } from 'kysely';
import type { CaseEventsTable, Json } from './schema.js';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** numeric comes back as a string from pg and PGlite alike; write numbers or strings. */
type Numeric = ColumnType<string | null, number | string | null | undefined, number | string | null>;

export type FactDefinitionsTable = {
  park_id: string;
  key: string;
  label: string;
  /** RuleUnit of the rule engine: fen | percent | count | number | months */
  unit: 'fen' | 'percent' | 'count' | 'number' | 'months' | null;
  /** what a count counts (件, 项, 家); null reads 人 */
  count_word: string | null;
  type: 'number' | 'boolean' | 'text';
  /** year: a value per data year; latest: a state (the most recent year ≤ the year asked is used) */
  period: Generated<'year' | 'latest'>;
  /** for text facts: the allowed values [{value, label}] */
  options: Json<Array<{ value: string; label: string }> | null>;
  /** the enterprise may report this fact itself */
  enterprise_reportable: Generated<boolean>;
  description: string | null;
  sort: Generated<number>;
  active: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
};

export type EnterpriseFactsTable = {
  park_id: string;
  enterprise_id: string;
  key: string;
  /** the data year (a 'latest' fact holds its state from this year on) */
  year: number;
  value_number: Numeric;
  value_text: string | null;
  value_bool: boolean | null;
  source: 'enterprise' | 'officer' | 'import' | 'system';
  updated_by: string | null;
  updated_at: Timestamp;
};

/** A firm's facts as one line for the matching sweep, kept by a trigger (migration 20261207-0002). */
export type EnterpriseFactLinesTable = {
  enterprise_id: string;
  park_id: string;
  /** `token␟value␟token␟value…` (␟ = chr(31), tokens: the park's `fact_tokens`, text values JSON-encoded) */
  line: string;
};

/** Every (key, year) a park's fact lines have named, numbered once for good (migration 20261207-0009). */
export type FactTokensTable = {
  id: Generated<number>;
  park_id: string;
  key: string;
  year: number;
};

export type PolicyStatus = 'draft' | 'published' | 'withdrawn' | 'expired';
export type PolicyMode = 'apply' | 'auto';

export type PoliciesTable = {
  id: Generated<string>;
  park_id: string;
  code: string;
  title: string;
  /** 文号 */
  doc_number: string | null;
  issuer: string | null;
  category: string;
  summary: string | null;
  /** apply 申报, auto 免申即享 */
  mode: PolicyMode;
  status: PolicyStatus;
  fund_id: string | null;
  valid_from: string;
  valid_to: string | null;
  contact: string | null;
  tags: Generated<string[]>;
  /** the version in force now (the latest published one whose effective_from has come) */
  current_version_id: string | null;
  published_at: Timestamp | null;
  withdrawn_at: Timestamp | null;
  withdraw_reason: string | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
};

export type PolicyVersionsTable = {
  id: Generated<string>;
  park_id: string;
  policy_id: string;
  version_no: number;
  rule: Json<unknown>;
  effective_from: string;
  /** set when a later version supersedes this one (the day before the successor's effective_from) */
  effective_to: string | null;
  status: 'draft' | 'published' | 'superseded';
  /** describeRule(): the rule in plain Chinese */
  description: string | null;
  change_note: string | null;
  /** materials an applicant must upload: [{name, required, hint}] */
  materials: Json<Array<{ name: string; required: boolean; hint?: string | null }>>;
  published_at: Timestamp | null;
  published_by: string | null;
  superseded_at: Timestamp | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
};

export type PolicyDocumentsTable = {
  id: Generated<string>;
  park_id: string;
  policy_id: string;
  kind: 'original' | 'interpretation' | 'form' | 'other';
  filename: string;
  content_type: string;
  size: number;
  data: Buffer;
  uploaded_by: string | null;
  created_at: Timestamp;
};

export type PolicyMatchesTable = {
  park_id: string;
  enterprise_id: string;
  policy_id: string;
  version_id: string;
  status: 'eligible' | 'unknown' | 'ineligible';
  amount_fen: number | null;
  period_key: string | null;
  reasons: Json<unknown[]>;
  missing: Json<unknown[]>;
  computed_at: Timestamp;
};

export type PolicyApplicationStatus =
  | 'draft'
  | 'submitted'
  | 'returned'
  | 'first_passed'
  | 'approved'
  | 'publicity'
  | 'paid'
  | 'rejected'
  | 'withdrawn';

export type PolicyApplicationsTable = {
  id: Generated<string>;
  park_id: string;
  /** ZC20261126-0001 */
  number: string;
  policy_id: string;
  version_id: string;
  enterprise_id: string;
  period_key: string;
  exclusion_key: string;
  status: PolicyApplicationStatus;
  estimated_amount_fen: number | null;
  requested_amount_fen: number | null;
  approved_amount_fen: number | null;
  amount_override_reason: string | null;
  paid_amount_fen: number | null;
  form: Json<Record<string, unknown>>;
  evaluation: Json<unknown>;
  /** [{name, idHash, idMasked, category}] — never the ID number in clear */
  persons: Json<Array<{ name: string; idHash: string; idMasked: string; category?: string | null }>>;
  account_name: string | null;
  bank_name: string | null;
  account_no: string | null;
  contact_name: string | null;
  contact_phone: string | null;
  note: string | null;
  return_reason: string | null;
  return_count: Generated<number>;
  reject_reason: string | null;
  submitted_at: Timestamp | null;
  first_reviewed_by: string | null;
  first_reviewed_at: Timestamp | null;
  second_reviewed_by: string | null;
  second_reviewed_at: Timestamp | null;
  publicity_batch_id: string | null;
  /** the fund reservation made at 复审通过 (consumed by the payout, released on rejection) */
  reservation_id: string | null;
  payout_id: string | null;
  voucher_number: string | null;
  paid_at: Timestamp | null;
  paid_by: string | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
};

export type PolicyApplicationEventsTable = CaseEventsTable<'application_id'>;

export type PolicyApplicationFilesTable = {
  id: Generated<string>;
  park_id: string;
  application_id: string;
  material: string | null;
  filename: string;
  content_type: string;
  size: number;
  data: Buffer;
  uploaded_by: string | null;
  created_at: Timestamp;
};

export type PolicyPersonClaimsTable = {
  park_id: string;
  exclusion_key: string;
  /** HMAC/SHA-256 of the normalised ID number */
  person_hash: string;
  person_masked: string;
  person_name: string | null;
  enterprise_id: string;
  application_id: string;
  created_at: Timestamp;
};

export type PolicyPublicityBatchesTable = {
  id: Generated<string>;
  park_id: string;
  /** GS2026-001 */
  number: string;
  title: string;
  note: string | null;
  starts_at: Timestamp;
  /** end of the 5th working day after the start (Asia/Shanghai) */
  ends_at: Timestamp;
  working_days: Generated<number>;
  created_by: string | null;
  created_at: Timestamp;
};

export type PolicyPublicityItemsTable = {
  id: Generated<string>;
  park_id: string;
  batch_id: string;
  application_id: string;
  enterprise_name: string;
  uscc_masked: string | null;
  policy_title: string;
  amount_fen: number;
  status: Generated<'listed' | 'removed'>;
  removed_reason: string | null;
  sort: Generated<number>;
};

export type PolicyObjectionsTable = {
  id: Generated<string>;
  park_id: string;
  batch_id: string;
  application_id: string | null;
  submitter_name: string;
  contact: string;
  content: string;
  status: Generated<'open' | 'upheld' | 'dismissed'>;
  handling_note: string | null;
  handled_by: string | null;
  handled_at: Timestamp | null;
  created_at: Timestamp;
};

export type PolicyExemptionRunsTable = {
  id: Generated<string>;
  park_id: string;
  /** MS2026-0001 */
  number: string;
  policy_id: string;
  version_id: string;
  period_key: string;
  as_of: string;
  status: 'running' | 'done' | 'failed';
  job_id: string | null;
  evaluated: Generated<number>;
  granted: Generated<number>;
  skipped: Generated<number>;
  granted_amount_fen: Generated<number>;
  error: string | null;
  created_by: string | null;
  created_at: Timestamp;
  finished_at: Timestamp | null;
};

export type PolicyExemptionRunItemsTable = {
  park_id: string;
  run_id: string;
  enterprise_id: string;
  outcome: 'granted' | 'skipped';
  reason_code: 'granted' | 'ineligible' | 'unknown' | 'already_granted' | 'already_paid' | 'excluded' | 'applied' | 'no_funds';
  reason: string;
  amount_fen: number | null;
  grant_id: string | null;
};

export type PolicyGrantsTable = {
  id: Generated<string>;
  park_id: string;
  policy_id: string;
  version_id: string;
  run_id: string;
  enterprise_id: string;
  period_key: string;
  exclusion_key: string;
  amount_fen: number;
  reasons: Json<unknown[]>;
  status: 'awaiting' | 'paid' | 'cancelled' | 'expired';
  account_name: string | null;
  bank_name: string | null;
  account_no: string | null;
  confirmed_by: string | null;
  confirmed_at: Timestamp | null;
  confirmed_on_behalf: Generated<boolean>;
  confirm_note: string | null;
  payout_id: string | null;
  voucher_number: string | null;
  paid_at: Timestamp | null;
  cancelled_reason: string | null;
  /** The grant's fund_reservations row; null for grants made before grants held their money. */
  reservation_id: string | null;
  /** Confirm by then, or the grant expires and its reservation is released. */
  expires_at: Timestamp | null;
  expired_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
};

export type PolicyNumberSequencesTable = {
  park_id: string;
  /** 'application' | 'publicity' | 'run' */
  kind: string;
  /** the day (YYYYMMDD) or year (YYYY) the counter runs in */
  scope: string;
  last: number;
};

/** Tables of the 政策兑现 domain. */
export type PolicyTables = {
  fact_definitions: FactDefinitionsTable;
  enterprise_facts: EnterpriseFactsTable;
  enterprise_fact_lines: EnterpriseFactLinesTable;
  fact_tokens: FactTokensTable;
  policies: PoliciesTable;
  policy_versions: PolicyVersionsTable;
  policy_documents: PolicyDocumentsTable;
  policy_matches: PolicyMatchesTable;
  policy_applications: PolicyApplicationsTable;
  policy_application_events: PolicyApplicationEventsTable;
  policy_application_files: PolicyApplicationFilesTable;
  policy_person_claims: PolicyPersonClaimsTable;
  policy_publicity_batches: PolicyPublicityBatchesTable;
  policy_publicity_items: PolicyPublicityItemsTable;
  policy_objections: PolicyObjectionsTable;
  policy_exemption_runs: PolicyExemptionRunsTable;
  policy_exemption_run_items: PolicyExemptionRunItemsTable;
  policy_grants: PolicyGrantsTable;
  policy_number_sequences: PolicyNumberSequencesTable;
};

export type PolicyRow = Selectable<PoliciesTable>;
export type PolicyVersionRow = Selectable<PolicyVersionsTable>;
export type PolicyApplicationRow = Selectable<PolicyApplicationsTable>;
export type PolicyGrantRow = Selectable<PolicyGrantsTable>;
export type PolicyMatchRow = Selectable<PolicyMatchesTable>;
export type EnterpriseFactRow = Selectable<EnterpriseFactsTable>;
