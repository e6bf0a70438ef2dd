import type { Generated } from 'kysely';
import type { CaseEventsTable } from './schema.js';

type Timestamp = Date;
/** A `date` column: read back as 'YYYY-MM-DD' text (see db/connection.ts type parsers). */
type DateText = string;

/** A value valid from a date (the latest `valid_from <= day` applies). Keys: FINANCE_PARAMETER_KEYS. */
export type FinanceParametersTable = {
  id: Generated<string>;
  park_id: string;
  key: string;
  valid_from: DateText;
  value: number;
  note: string | null;
  created_by: string | null;
  created_at: Timestamp;
};

export type FinanceProductsTable = {
  id: Generated<string>;
  park_id: string;
  bank_id: string;
  name: string;
  type: string;
  /** annual rate in basis points ×1 (3.45 % = 345) */
  rate_min_bp: number;
  rate_max_bp: number;
  term_min_months: number;
  term_max_months: number;
  amount_min_fen: number;
  amount_max_fen: number;
  collateral: Generated<string[]>;
  target_chains: Generated<string[]>;
  target_tags: Generated<string[]>;
  target_note: string | null;
  description: string | null;
  valid_from: DateText;
  valid_to: DateText | null;
  status: Generated<'draft' | 'published' | 'withdrawn'>;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
};

export type FinanceConsentsTable = {
  id: Generated<string>;
  park_id: string;
  enterprise_id: string;
  bank_id: string;
  /** of 'registry' | 'monthly' | 'credit' */
  scopes: string[];
  need_id: string | null;
  granted_by: string | null;
  granted_at: Timestamp;
  revoked_by: string | null;
  revoked_at: Timestamp | null;
  revoke_reason: string | null;
};

export type FinanceNeedsTable = {
  id: Generated<string>;
  park_id: string;
  number: string;
  enterprise_id: string;
  amount_fen: number;
  term_months: number;
  purpose: string;
  collateral: Generated<string[]>;
  collateral_note: string | null;
  product_id: string | null;
  send_to: 'chosen' | 'all';
  status: 'open' | 'chosen' | 'disbursed' | 'withdrawn' | 'closed';
  chosen_offer_id: string | null;
  filed_by: string | null;
  filed_by_role: 'enterprise' | 'liaison' | 'staff';
  filed_at: Timestamp;
  disbursed_at: Timestamp | null;
  disbursed_amount_fen: number | null;
  working_days_to_disbursement: number | null;
  closed_at: Timestamp | null;
  close_reason: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
};

export type FinanceOffersTable = {
  id: Generated<string>;
  park_id: string;
  need_id: string;
  enterprise_id: string;
  bank_id: string;
  status: 'pending' | 'interested' | 'materials_requested' | 'approved' | 'declined' | 'disbursed' | 'superseded';
  sent_at: Timestamp;
  due_at: Timestamp;
  answered_at: Timestamp | null;
  escalated_at: Timestamp | null;
  materials_note: string | null;
  approved_amount_fen: number | null;
  approved_rate_bp: number | null;
  approved_term_months: number | null;
  approved_at: Timestamp | null;
  decline_reason: string | null;
  chosen: Generated<boolean>;
  disbursed_amount_fen: number | null;
  disbursed_on: DateText | null;
  handler_id: string | null;
  updated_at: Timestamp;
};

export type FinanceEventsTable = {
  id: Generated<string>;
  park_id: string;
  title: string;
  theme: string | null;
  held_on: DateText;
  venue: string | null;
  signup_deadline: DateText | null;
  status: Generated<'planned' | 'held' | 'closed' | 'cancelled'>;
  description: string | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
};
export type FinanceEventBanksTable = { park_id: string; event_id: string; bank_id: string };
export type FinanceEventSignupsTable = {
  id: Generated<string>;
  park_id: string;
  event_id: string;
  enterprise_id: string;
  need_id: string | null;
  amount_fen: number | null;
  note: string | null;
  signed_up_by: string | null;
  signed_up_at: Timestamp;
};
export type FinanceEventIntentionsTable = {
  id: Generated<string>;
  park_id: string;
  event_id: string;
  bank_id: string;
  enterprise_id: string;
  amount_fen: number;
  note: string | null;
  created_by: string | null;
  created_at: Timestamp;
};
export type FinanceEventOutcomesTable = {
  id: Generated<string>;
  park_id: string;
  event_id: string;
  bank_id: string;
  enterprise_id: string;
  signed_amount_fen: number;
  signed_on: DateText;
  contract_no: string | null;
  note: string | null;
  created_by: string | null;
  created_at: Timestamp;
};

/** capital = available + lent (database check), none negative. */
export type BridgePoolsTable = {
  id: Generated<string>;
  park_id: string;
  code: string;
  name: string;
  status: Generated<'active' | 'closed'>;
  capital_fen: number;
  available_fen: number;
  lent_fen: Generated<number>;
  fee_income_fen: Generated<number>;
  ledger_seq: Generated<number>;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
};
export type BridgeLedgerKind = 'capital' | 'withdraw' | 'disburse' | 'repay' | 'fee' | 'penalty';
export type BridgePoolLedgerTable = {
  id: Generated<number>;
  park_id: string;
  pool_id: string;
  seq: number;
  kind: BridgeLedgerKind;
  amount_fen: number;
  available_after_fen: number;
  lent_after_fen: number;
  fee_income_after_fen: number;
  loan_id: string | null;
  enterprise_id: string | null;
  memo: string | null;
  created_by: string | null;
  created_at: Timestamp;
};
export type BridgeLoanStatus = 'submitted' | 'bank_confirmed' | 'approved' | 'disbursed' | 'repaid' | 'rejected' | 'withdrawn' | 'bank_declined';
export type BridgeLoansTable = {
  id: Generated<string>;
  park_id: string;
  number: string;
  enterprise_id: string;
  pool_id: string | null;
  bank_id: string;
  maturing_contract_no: string;
  maturing_principal_fen: number;
  maturing_due_on: DateText;
  amount_fen: number;
  days_requested: number;
  purpose: string | null;
  status: BridgeLoanStatus;
  needs_leader: Generated<boolean>;
  renewal_commitment_no: string | null;
  renewal_amount_fen: number | null;
  renewal_expected_on: DateText | null;
  bank_confirmed_at: Timestamp | null;
  bank_confirmed_by: string | null;
  officer_approved_at: Timestamp | null;
  officer_approved_by: string | null;
  leader_approved_at: Timestamp | null;
  leader_approved_by: string | null;
  disbursed_on: DateText | null;
  disbursed_at: Timestamp | null;
  /** parts per million per day: 0.01 %/日 (万分之一) = 100 */
  daily_rate_ppm: number | null;
  max_days: number | null;
  penalty_rate_ppm: number | null;
  due_on: DateText | null;
  repaid_on: DateText | null;
  repaid_at: Timestamp | null;
  days_used: number | null;
  fee_fen: number | null;
  penalty_fen: number | null;
  overdue_at: Timestamp | null;
  escalated_at: Timestamp | null;
  reject_reason: string | null;
  filed_by: string | null;
  filed_at: Timestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
};

export type CopperPricesTable = {
  park_id: string;
  price_on: DateText;
  price_fen_per_ton: number;
  source: Generated<'manual' | 'import' | 'seed'>;
  created_by: string | null;
  created_at: Timestamp;
};
export type WarehouseReceiptsTable = {
  id: Generated<string>;
  park_id: string;
  enterprise_id: string;
  warehouse: string;
  receipt_no: string;
  weight_kg: number;
  grade: string;
  stored_on: DateText | null;
  status: Generated<'held' | 'pledged' | 'released'>;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
};
export type CopperPledgesTable = {
  id: Generated<string>;
  park_id: string;
  number: string;
  receipt_id: string;
  enterprise_id: string;
  bank_id: string;
  priced_on: DateText;
  price_fen_per_ton: number;
  ltv_bp: number;
  loan_fen: number;
  outstanding_fen: number;
  margin_fen: Generated<number>;
  status: 'active' | 'margin_call' | 'released';
  pledged_on: DateText;
  released_on: DateText | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
};
export type MarginCallsTable = {
  id: Generated<string>;
  park_id: string;
  pledge_id: string;
  receipt_id: string;
  enterprise_id: string;
  bank_id: string;
  call_on: DateText;
  price_fen_per_ton: number;
  limit_fen: number;
  outstanding_fen: number;
  shortfall_fen: number;
  status: Generated<'open' | 'resolved'>;
  resolution: 'top_up' | 'repayment' | 'price_recovered' | null;
  resolved_amount_fen: number | null;
  resolved_at: Timestamp | null;
  resolved_by: string | null;
  note: string | null;
  created_at: Timestamp;
};

type NumberSequencesTable = { park_id: string; day: string; last: number };

export type FinanceTables = {
  finance_need_number_sequences: NumberSequencesTable;
  bridge_loan_number_sequences: NumberSequencesTable;
  copper_pledge_number_sequences: NumberSequencesTable;
  finance_parameters: FinanceParametersTable;
  finance_products: FinanceProductsTable;
  finance_consents: FinanceConsentsTable;
  finance_needs: FinanceNeedsTable;
  finance_need_events: CaseEventsTable<'need_id'>;
  finance_offers: FinanceOffersTable;
  finance_offer_events: CaseEventsTable<'offer_id'>;
  finance_events: FinanceEventsTable;
  finance_event_banks: FinanceEventBanksTable;
  finance_event_signups: FinanceEventSignupsTable;
  finance_event_intentions: FinanceEventIntentionsTable;
  finance_event_outcomes: FinanceEventOutcomesTable;
  finance_credit_formulas: FinanceCreditFormulasTable;
  bridge_pools: BridgePoolsTable;
  bridge_pool_ledger: BridgePoolLedgerTable;
  bridge_loans: BridgeLoansTable;
  bridge_loan_events: CaseEventsTable<'loan_id'>;
  copper_prices: CopperPricesTable;
  warehouse_receipts: WarehouseReceiptsTable;
  copper_pledges: CopperPledgesTable;
  copper_pledge_events: CaseEventsTable<'pledge_id'>;
  margin_calls: MarginCallsTable & MarginCallDeadlineColumns;
};

// ------------------------------------------------------------ 存铜融 (migration 20261207-0016-finance-copper)
/** Columns added to `margin_calls` by 20261207-0016: the working-day deadline and the overdue flag. */
export type MarginCallDeadlineColumns = {
  due_at: Timestamp | null;
  due_guessed: Generated<boolean>;
  overdue_at: Timestamp | null;
};

// ------------------------------------------------------------ 信用画像 (migration 20261207-0017-finance-credit)
/** A credit formula version: draft → published (one per park) → retired; definition = contract CreditFormulaDefinition. */
export type FinanceCreditFormulasTable = {
  id: Generated<string>;
  park_id: string;
  version: number;
  name: string;
  note: string | null;
  status: Generated<'draft' | 'published' | 'retired'>;
  definition: import('./schema.js').Json<import('@yuanqi/contract').CreditFormulaDefinition>;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  published_at: Timestamp | null;
  published_by: string | null;
  retired_at: Timestamp | null;
};
