import type { Generated, Insertable, Selectable } from 'kysely';
import type { Json } from './schema.js';

type Timestamp = Date;

export type PayoutSource = 'policy_application' | 'exemption_grant' | 'voucher' | 'commitment' | 'manual';
export type LedgerKind = 'budget' | 'adjust' | 'reserve' | 'release' | 'payout' | 'reversal';

/** 专项资金: budget = paid + reserved + available (database check), none negative. */
export type FundsTable = {
  id: Generated<string>;
  park_id: string;
  code: string;
  name: string;
  year: number;
  /** local 本级财政, superior 上级资金, mixed 上级+本级配套 */
  source: 'local' | 'superior' | 'mixed';
  category: string | null;
  department: string | null;
  description: string | null;
  status: Generated<'active' | 'closed'>;
  budget_fen: number;
  reserved_fen: Generated<number>;
  paid_fen: Generated<number>;
  available_fen: number;
  /** Last ledger seq of this fund: bumped in the same update that moves money. */
  ledger_seq: Generated<number>;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
};

/** 承诺/预拨: money set aside for one source record; payouts consume it, the rest is released. */
export type FundReservationsTable = {
  id: Generated<string>;
  park_id: string;
  fund_id: string;
  enterprise_id: string | null;
  source: PayoutSource;
  source_id: string;
  amount_fen: number;
  consumed_fen: Generated<number>;
  released_fen: Generated<number>;
  status: Generated<'open' | 'closed'>;
  memo: string | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
};

export type PayoutsTable = {
  id: Generated<string>;
  park_id: string;
  fund_id: string;
  enterprise_id: string;
  amount_fen: number;
  policy_id: string | null;
  policy_version_id: string | null;
  period_key: string;
  exclusion_key: string;
  source: PayoutSource;
  source_id: string;
  reservation_id: string | null;
  /** ZF2026-000123: gap-free per park and year. */
  voucher_number: string | null;
  account_name: string;
  bank_name: string;
  account_no: string;
  memo: string | null;
  status: Generated<'paid' | 'reversed'>;
  paid_at: Timestamp;
  reversed_at: Timestamp | null;
  reversal_reason: string | null;
  reversed_by: string | null;
  created_by: string | null;
  created_at: Timestamp;
};

/** Append-only (trigger). amount_fen: signed change of 余额 (budget − paid); reserved_delta_fen: of 已预留. */
export type FundLedgerTable = {
  id: Generated<number>;
  park_id: string;
  fund_id: string;
  seq: number;
  kind: LedgerKind;
  amount_fen: number;
  reserved_delta_fen: Generated<number>;
  balance_after_fen: number;
  reserved_after_fen: number;
  available_after_fen: number;
  ref_type: string | null;
  ref_id: string | null;
  enterprise_id: string | null;
  memo: string | null;
  created_by: string | null;
  created_at: Timestamp;
};

export type FundNumberSequencesTable = {
  park_id: string;
  kind: string;
  scope: string;
  last: number;
};

export type VoucherProvidersTable = {
  id: Generated<string>;
  park_id: string;
  name: string;
  uscc: string;
  service_types: Generated<string[]>;
  contact_name: string | null;
  contact_phone: string | null;
  account_name: string;
  bank_name: string;
  account_no: string;
  status: Generated<'active' | 'suspended'>;
  note: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
};

export type VouchersTable = {
  id: Generated<string>;
  park_id: string;
  number: string;
  enterprise_id: string;
  fund_id: string;
  reservation_id: string | null;
  face_value_fen: number;
  /** Claimed against invoices (submitted or reimbursed). */
  redeemed_fen: Generated<number>;
  reimbursed_fen: Generated<number>;
  service_types: Generated<string[]>;
  issued_on: string;
  valid_until: string;
  status: 'active' | 'used' | 'expired' | 'revoked';
  expired_at: Timestamp | null;
  released_fen: Generated<number>;
  note: string | null;
  issued_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
};

export type VoucherRedemptionsTable = {
  id: Generated<string>;
  park_id: string;
  voucher_id: string;
  enterprise_id: string;
  provider_id: string;
  service_type: string | null;
  invoice_no: string;
  invoice_amount_fen: number;
  invoice_date: string;
  amount_fen: number;
  file_name: string | null;
  file_type: string | null;
  file_size: number | null;
  file_data: Buffer | null;
  description: string | null;
  status: 'submitted' | 'rejected' | 'reimbursed';
  review_note: string | null;
  reviewed_by: string | null;
  reviewed_at: Timestamp | null;
  payout_id: string | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
};

export type InvestmentProjectsTable = {
  id: Generated<string>;
  park_id: string;
  code: string;
  name: string;
  investor: string;
  enterprise_id: string | null;
  amount_fen: number;
  chain: string | null;
  signed_on: string;
  stage: 'signed' | 'registered' | 'land' | 'started' | 'completed' | 'producing';
  /** { stage: { planned: 'YYYY-MM-DD' | null, actual: 'YYYY-MM-DD' | null } } */
  stage_dates: Json<Record<string, { planned: string | null; actual: string | null }>>;
  contract_no: string | null;
  note: string | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
};

export type CommitmentItemsTable = {
  id: Generated<string>;
  park_id: string;
  project_id: string;
  kind: 'funding' | 'rent' | 'land' | 'talent' | 'other';
  title: string;
  amount_fen: number | null;
  due_on: string;
  fund_id: string | null;
  status: Generated<'pending' | 'fulfilled' | 'cancelled'>;
  fulfilled_fen: Generated<number>;
  fulfilled_on: string | null;
  cancel_reason: string | null;
  note: string | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
};

export type CommitmentFulfilmentsTable = {
  id: Generated<string>;
  park_id: string;
  item_id: string;
  payout_id: string | null;
  amount_fen: number | null;
  fulfilled_on: string;
  note: string | null;
  status: Generated<'active' | 'void'>;
  void_reason: string | null;
  created_by: string | null;
  created_at: Timestamp;
};

/** Table types of this domain (owned by its module). */
export type FundTables = {
  funds: FundsTable;
  fund_reservations: FundReservationsTable;
  payouts: PayoutsTable;
  fund_ledger: FundLedgerTable;
  fund_number_sequences: FundNumberSequencesTable;
  voucher_providers: VoucherProvidersTable;
  vouchers: VouchersTable;
  voucher_redemptions: VoucherRedemptionsTable;
  investment_projects: InvestmentProjectsTable;
  commitment_items: CommitmentItemsTable;
  commitment_fulfilments: CommitmentFulfilmentsTable;
};

export type FundRow = Selectable<FundsTable>;
export type NewFundRow = Insertable<FundsTable>;
export type PayoutRow = Selectable<PayoutsTable>;
export type FundLedgerRow = Selectable<FundLedgerTable>;
export type FundReservationRow = Selectable<FundReservationsTable>;
export type VoucherProviderRow = Selectable<VoucherProvidersTable>;
export type VoucherRow = Selectable<VouchersTable>;
export type VoucherRedemptionRow = Selectable<VoucherRedemptionsTable>;
export type InvestmentProjectRow = Selectable<InvestmentProjectsTable>;
export type CommitmentItemRow = Selectable<CommitmentItemsTable>;
export type CommitmentFulfilmentRow = Selectable<CommitmentFulfilmentsTable>;
