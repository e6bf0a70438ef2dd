import type { ColumnType, Generated } from 'kysely';
import type { CaseEventsTable } from './schema.js';

type Timestamp = Date;
/** A `date` column: read back as 'YYYY-MM-DD' text (see db/connection.ts type parsers). */
type DateText = string;
type Json<T> = ColumnType<T, string | undefined | null, string | null>;
/** numeric / double precision / bigint: read back as a JS number (db/connection.ts type parsers). */
type Num = number;
type DaySequenceTable = { park_id: string; day: string; last: number };

// Tables of migration 20261208-0001-land (要素保障, SPEC §2.8). See the migration for the rules.

export type LandParametersTable = {
  id: Generated<string>;
  park_id: string;
  key: string;
  valid_from: DateText;
  value: Num;
  note: string | null;
  created_by: string | null;
  created_at: Timestamp;
};

export type LandParcelsTable = {
  id: Generated<string>;
  park_id: string;
  code: string;
  name: string | null;
  boundary: Json<unknown>;
  area_mu: Num;
  declared_area_mu: Num | null;
  centroid_lng: Num;
  centroid_lat: Num;
  zone: string | null;
  planned_use: string;
  enterprise_id: string | null;
  project_id: string | null;
  status: string;
  status_since: DateText;
  transferred_on: DateText | null;
  construction_on: DateText | null;
  producing_on: DateText | null;
  land_price_fen: Num | null;
  floor_area_m2: Num | null;
  note: string | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
};

export type LandMapFeaturesTable = {
  id: Generated<string>;
  park_id: string;
  kind: string;
  name: string | null;
  geometry: Json<unknown>;
  sort_order: Generated<number>;
  created_at: Timestamp;
};

export type LandEvaluationThresholdsTable = {
  id: Generated<string>;
  park_id: string;
  valid_from: DateText;
  rules: Json<unknown>;
  note: string | null;
  created_by: string | null;
  created_at: Timestamp;
};

export type LandFirmFiguresTable = {
  park_id: string;
  enterprise_id: string;
  year: number;
  revenue_fen: Num | null;
  tax_fen: Num | null;
  investment_fen: Num | null;
  floor_area_m2: Num | null;
  source: Generated<string>;
  note: string | null;
  updated_by: string | null;
  updated_at: Timestamp;
};

export type LandEvaluationsTable = {
  park_id: string;
  year: number;
  enterprise_id: string;
  land_mu: Num;
  revenue_fen: Num | null;
  tax_fen: Num | null;
  investment_fen: Num | null;
  floor_area_m2: Num | null;
  tax_per_mu_fen: Num | null;
  revenue_per_mu_fen: Num | null;
  investment_per_mu_fen: Num | null;
  plot_ratio: Num | null;
  score: Num | null;
  grade: string;
  revenue_source: string;
  threshold_id: string | null;
  computed_at: Timestamp;
};

export type LandCleanupCampaignsTable = {
  id: Generated<string>;
  park_id: string;
  code: string;
  name: string;
  started_on: DateText;
  ends_on: DateText | null;
  idle_years: Generated<number>;
  evaluation_year: number | null;
  status: Generated<string>;
  note: string | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
};

export type LandCleanupCasesTable = {
  id: Generated<string>;
  park_id: string;
  campaign_id: string;
  parcel_id: string;
  case_no: string;
  enterprise_id: string | null;
  reason: string;
  status: string;
  identified_on: DateText;
  notified_on: DateText | null;
  interviewed_on: DateText | null;
  interview_note: string | null;
  outcome: string | null;
  start_deadline: DateText | null;
  compensation_fen: Num | null;
  recovered_on: DateText | null;
  recovered_mu: Num | null;
  new_project_id: string | null;
  new_enterprise_id: string | null;
  reallocated_on: DateText | null;
  note: string | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
};

export type InvestmentLeadsTable = {
  id: Generated<string>;
  park_id: string;
  code: string;
  project_name: string;
  investor: string;
  contact_name: string | null;
  contact_phone: string | null;
  chain: string | null;
  amount_fen: Num;
  source: string;
  description: string | null;
  land_need_mu: Num | null;
  factory_need_m2: Num | null;
  status: string;
  owner_id: string | null;
  received_on: DateText;
  committee_on: DateText | null;
  committee_decision: string | null;
  committee_note: string | null;
  signed_on: DateText | null;
  project_id: string | null;
  dropped_reason: string | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
};

export type InvestmentNegotiationsTable = {
  id: Generated<string>;
  park_id: string;
  lead_id: string;
  held_on: DateText;
  form: string;
  location: string | null;
  participants: string;
  minutes: string;
  next_step: string | null;
  created_by: string | null;
  created_at: Timestamp;
};

export type PremisesBuildingsTable = {
  id: Generated<string>;
  park_id: string;
  code: string;
  name: string;
  kind: string;
  address: string | null;
  floors: number;
  parcel_id: string | null;
  completed_on: DateText | null;
  note: string | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
};

export type PremisesUnitsTable = {
  id: Generated<string>;
  park_id: string;
  building_id: string;
  code: string;
  floor: number;
  area_m2: Num;
  layout: string | null;
  status: Generated<string>;
  note: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
};

export type PremisesLeasesTable = {
  id: Generated<string>;
  park_id: string;
  contract_no: string;
  enterprise_id: string;
  unit_id: string;
  starts_on: DateText;
  ends_on: DateText;
  rent_fen_per_m2_month: Num;
  monthly_rent_fen: Num;
  deposit_fen: Generated<Num>;
  status: Generated<string>;
  terminated_on: DateText | null;
  terminate_reason: string | null;
  note: string | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
};

export type PremisesReliefMeasuresTable = {
  id: Generated<string>;
  park_id: string;
  code: string;
  name: string;
  period_from: DateText;
  period_to: DateText;
  rule: Json<unknown>;
  status: Generated<string>;
  basis: string | null;
  note: string | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
};

export type PremisesBillsTable = {
  id: Generated<string>;
  park_id: string;
  lease_id: string;
  enterprise_id: string;
  period: DateText;
  days: number;
  gross_fen: Num;
  relief_fen: Generated<Num>;
  due_fen: Num;
  paid_fen: Generated<Num>;
  due_on: DateText;
  status: Generated<string>;
  issued_at: Timestamp;
  updated_at: Timestamp;
  /** migration 20261208-0006: relief granted after payment, owed back to the firm */
  credit_fen: Generated<Num>;
  /** migration 20261208-0006: the last arrears reminder */
  reminded_at: Timestamp | null;
};

export type PremisesBillReliefsTable = {
  park_id: string;
  bill_id: string;
  measure_id: string;
  enterprise_id: string;
  amount_fen: Num;
  explanation: string;
};

export type PremisesPaymentsTable = {
  id: Generated<string>;
  park_id: string;
  bill_id: string;
  enterprise_id: string;
  amount_fen: Num;
  paid_on: DateText;
  method: string;
  reference: string | null;
  note: string | null;
  status: Generated<string>;
  void_reason: string | null;
  created_by: string | null;
  created_at: Timestamp;
};

export type ApartmentRuleSetsTable = {
  id: Generated<string>;
  park_id: string;
  valid_from: DateText;
  rules: Json<unknown>;
  note: string | null;
  created_by: string | null;
  created_at: Timestamp;
};

export type ApartmentApplicationsTable = {
  id: Generated<string>;
  park_id: string;
  code: string;
  enterprise_id: string;
  applicant_name: string;
  id_number_hash: string;
  id_number_masked: string;
  phone: string | null;
  position: string;
  facts: Generated<Json<unknown>>;
  status: string;
  eligible: boolean | null;
  score: Generated<number>;
  rule_set_id: string | null;
  evaluation: Json<unknown> | null;
  unit_id: string | null;
  allocated_on: DateText | null;
  move_in_on: DateText | null;
  move_out_on: DateText | null;
  reject_reason: string | null;
  submitted_at: Timestamp;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
};

export type ApartmentOccupanciesTable = {
  id: Generated<string>;
  park_id: string;
  unit_id: string;
  application_id: string;
  enterprise_id: string;
  starts_on: DateText;
  ends_on: DateText | null;
  created_at: Timestamp;
};

export type AcquisitionAreasTable = {
  id: Generated<string>;
  park_id: string;
  code: string;
  name: string;
  planned_mu: Num | null;
  boundary: Json<unknown> | null;
  started_on: DateText;
  finished_on: DateText | null;
  status: Generated<string>;
  note: string | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
};

export type AcquisitionAreaOfficersTable = {
  park_id: string;
  area_id: string;
  user_id: string;
};

export type AcquisitionHouseholdsTable = {
  id: Generated<string>;
  park_id: string;
  area_id: string;
  code: string;
  kind: string;
  name: string;
  id_number_hash: string | null;
  id_number_masked: string | null;
  phone: string | null;
  address: string | null;
  members: number | null;
  building_area_m2: Num;
  land_area_m2: Num | null;
  agreement_on: DateText | null;
  compensation_agreed_fen: Num | null;
  moved_out_on: DateText | null;
  note: string | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
};

export type AcquisitionPaymentsTable = {
  id: Generated<string>;
  park_id: string;
  household_id: string;
  amount_fen: Num;
  paid_on: DateText;
  reference: string | null;
  note: string | null;
  status: Generated<string>;
  void_reason: string | null;
  created_by: string | null;
  created_at: Timestamp;
};

export type AcquisitionIncidentsTable = {
  id: Generated<string>;
  park_id: string;
  area_id: string;
  household_id: string | null;
  kind: string;
  occurred_on: DateText;
  summary: string;
  status: Generated<string>;
  resolution: string | null;
  resolved_on: DateText | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
};

export type LandTables = {
  land_parameters: LandParametersTable;
  land_parcels: LandParcelsTable;
  land_map_features: LandMapFeaturesTable;
  land_evaluation_thresholds: LandEvaluationThresholdsTable;
  land_firm_figures: LandFirmFiguresTable;
  land_evaluations: LandEvaluationsTable;
  land_cleanup_campaigns: LandCleanupCampaignsTable;
  land_cleanup_cases: LandCleanupCasesTable;
  investment_leads: InvestmentLeadsTable;
  investment_negotiations: InvestmentNegotiationsTable;
  premises_buildings: PremisesBuildingsTable;
  premises_units: PremisesUnitsTable;
  premises_leases: PremisesLeasesTable;
  premises_relief_measures: PremisesReliefMeasuresTable;
  premises_bills: PremisesBillsTable;
  premises_bill_reliefs: PremisesBillReliefsTable;
  premises_payments: PremisesPaymentsTable;
  apartment_rule_sets: ApartmentRuleSetsTable;
  apartment_applications: ApartmentApplicationsTable;
  apartment_occupancies: ApartmentOccupanciesTable;
  acquisition_areas: AcquisitionAreasTable;
  acquisition_area_officers: AcquisitionAreaOfficersTable;
  acquisition_households: AcquisitionHouseholdsTable;
  acquisition_payments: AcquisitionPaymentsTable;
  acquisition_incidents: AcquisitionIncidentsTable;
  land_parcel_events: CaseEventsTable<'parcel_id'>;
  land_cleanup_case_events: CaseEventsTable<'case_id'>;
  investment_lead_events: CaseEventsTable<'lead_id'>;
  apartment_application_events: CaseEventsTable<'application_id'>;
  land_cleanup_case_number_sequences: DaySequenceTable;
  investment_lead_number_sequences: DaySequenceTable;
  apartment_application_number_sequences: DaySequenceTable;
  premises_lease_number_sequences: DaySequenceTable;
};
