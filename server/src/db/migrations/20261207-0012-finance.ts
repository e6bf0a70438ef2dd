import { sql, type Kysely } from 'kysely';
import { caseEventsTableSql } from '../../platform/workflow/commit.js';

/**
 * 金融服务 (SPEC §2.6): the institutions and their products, financing needs 融资需求 sent to banks
 * with the firm's recorded data consent, each bank's answer as its own case (the offer), 融资对接会
 * events with sign-ups, intentions and signed outcomes, the 应急转贷 bridge-loan pool and its loans,
 * 存铜融 warehouse receipts, daily copper prices, pledges and margin calls, and dated parameters.
 *
 * The rules that must hold whatever the code does are the database's:
 * - a bank's answer is one row per need and bank (unique), so no bank answers twice;
 * - a bridge pool is one row: capital = available + lent, none negative (checks), so
 *   `update … set available_fen = available_fen - x where … and available_fen >= x` serialises
 *   concurrent disbursements on the row lock and never overdraws; its ledger is append-only with
 *   one gap-free sequence per pool;
 * - a bridge loan is at most the maturing principal; one live bridge loan per maturing contract;
 * - a warehouse receipt is pledged at most once at a time (partial unique index), and gets at most
 *   one margin call per day;
 * - a dated parameter has one value per key and start date.
 * Every business row carries park_id; unique keys and main indexes lead with it.
 */
const statements = [
  // ------------------------------------------------------------ institutions and parameters
  // `banks` (foundation) holds every financial institution a park works with: 13 partner banks plus
  // guarantee, insurance, microloan … firms; a `bank` account is bound to one of them.
  `alter table banks add column kind text not null default 'bank'
     check (kind in ('bank', 'guarantee', 'insurance', 'microloan', 'securities', 'leasing', 'trust', 'fund', 'other'))`,
  `alter table banks add column strategic boolean not null default false`,
  `alter table banks add column agreement_on date`,
  `alter table banks add column contact_name text`,
  `alter table banks add column contact_phone text`,
  `alter table banks add column status text not null default 'active' check (status in ('active', 'inactive'))`,
  `alter table banks add column sort int not null default 0`,

  // A parameter valid from a date: the value that applies on day D is the row with the latest
  // valid_from <= D. Keys: see FINANCE_PARAMETER_KEYS in the contract.
  `create table finance_parameters (
     id uuid primary key default gen_random_uuid(),
     park_id uuid not null references parks(id),
     key text not null check (length(key) between 1 and 60),
     valid_from date not null,
     value bigint not null check (value >= 0),
     note text,
     created_by uuid references users(id),
     created_at timestamptz not null,
     unique (park_id, key, valid_from))`,

  // per-park, per-day counters of the case numbers (platform/day-sequences.ts)
  ...['finance_need', 'bridge_loan', 'copper_pledge'].map(
    (t) => `create table ${t}_number_sequences (park_id uuid not null references parks(id), day text not null, last int not null, primary key (park_id, day))`,
  ),

  // ------------------------------------------------------------ products 金融产品
  `create table finance_products (
     id uuid primary key default gen_random_uuid(),
     park_id uuid not null references parks(id),
     bank_id uuid not null references banks(id),
     name text not null check (length(name) between 1 and 80),
     type text not null check (type in ('credit', 'mortgage', 'pledge', 'guarantee', 'supply_chain', 'bill', 'ip_pledge', 'insurance', 'leasing', 'other')),
     rate_min_bp int not null check (rate_min_bp >= 0),
     rate_max_bp int not null,
     term_min_months int not null check (term_min_months >= 1),
     term_max_months int not null,
     amount_min_fen bigint not null check (amount_min_fen >= 0),
     amount_max_fen bigint not null,
     collateral text[] not null default '{}',
     target_chains text[] not null default '{}',
     target_tags text[] not null default '{}',
     target_note text,
     description text,
     valid_from date not null,
     valid_to date,
     status text not null default 'published' check (status in ('draft', 'published', 'withdrawn')),
     created_by uuid references users(id),
     created_at timestamptz not null,
     updated_at timestamptz not null,
     check (rate_max_bp >= rate_min_bp),
     check (term_max_months >= term_min_months),
     check (amount_max_fen >= amount_min_fen),
     check (valid_to is null or valid_to >= valid_from))`,
  `create index finance_products_park_idx on finance_products (park_id, status, type, bank_id)`,
  `create index finance_products_bank_idx on finance_products (park_id, bank_id, status)`,

  // ------------------------------------------------------------ consent 数据授权
  // Which of a firm's data one institution may see. Revoking sets revoked_at (the row stays as the
  // record); at most one live consent per firm and institution.
  `create table finance_consents (
     id uuid primary key default gen_random_uuid(),
     park_id uuid not null references parks(id),
     enterprise_id uuid not null references enterprises(id),
     bank_id uuid not null references banks(id),
     scopes text[] not null check (scopes <@ array['registry', 'monthly', 'credit']::text[] and cardinality(scopes) >= 1),
     need_id uuid,
     granted_by uuid references users(id),
     granted_at timestamptz not null,
     revoked_by uuid references users(id),
     revoked_at timestamptz,
     revoke_reason text)`,
  `create unique index finance_consents_live_idx on finance_consents (park_id, enterprise_id, bank_id) where revoked_at is null`,
  `create index finance_consents_bank_idx on finance_consents (park_id, bank_id, enterprise_id) where revoked_at is null`,

  // ------------------------------------------------------------ needs 融资需求 and answers
  `create table finance_needs (
     id uuid primary key default gen_random_uuid(),
     park_id uuid not null references parks(id),
     number text not null,
     enterprise_id uuid not null references enterprises(id),
     amount_fen bigint not null check (amount_fen > 0),
     term_months int not null check (term_months between 1 and 360),
     purpose text not null,
     collateral text[] not null default '{}',
     collateral_note text,
     product_id uuid references finance_products(id),
     send_to text not null check (send_to in ('chosen', 'all')),
     status text not null check (status in ('open', 'chosen', 'disbursed', 'withdrawn', 'closed')),
     chosen_offer_id uuid,
     filed_by uuid references users(id),
     filed_by_role text not null check (filed_by_role in ('enterprise', 'liaison', 'staff')),
     filed_at timestamptz not null,
     disbursed_at timestamptz,
     disbursed_amount_fen bigint check (disbursed_amount_fen > 0),
     -- working days from filing to disbursement (the filing day not counted): "一个月压减至一周"
     working_days_to_disbursement int check (working_days_to_disbursement >= 0),
     closed_at timestamptz,
     close_reason text,
     created_at timestamptz not null,
     updated_at timestamptz not null,
     unique (park_id, number))`,
  `create index finance_needs_park_idx on finance_needs (park_id, status, filed_at desc)`,
  `create index finance_needs_enterprise_idx on finance_needs (park_id, enterprise_id, filed_at desc)`,
  `create index finance_needs_filed_idx on finance_needs (park_id, filed_at)`,
  ...caseEventsTableSql('finance_need_events', 'need_id', 'finance_needs'),

  // One bank's answer to one need: its own case (pending → interested → materials_requested →
  // approved / declined → disbursed; superseded when the firm picked another or withdrew).
  `create table finance_offers (
     id uuid primary key default gen_random_uuid(),
     park_id uuid not null references parks(id),
     need_id uuid not null references finance_needs(id),
     enterprise_id uuid not null references enterprises(id),
     bank_id uuid not null references banks(id),
     status text not null check (status in ('pending', 'interested', 'materials_requested', 'approved', 'declined', 'disbursed', 'superseded')),
     sent_at timestamptz not null,
     due_at timestamptz not null,
     answered_at timestamptz,
     escalated_at timestamptz,
     materials_note text,
     approved_amount_fen bigint check (approved_amount_fen > 0),
     approved_rate_bp int check (approved_rate_bp >= 0),
     approved_term_months int check (approved_term_months >= 1),
     approved_at timestamptz,
     decline_reason text,
     chosen boolean not null default false,
     disbursed_amount_fen bigint check (disbursed_amount_fen > 0),
     disbursed_on date,
     handler_id uuid references users(id),
     updated_at timestamptz not null,
     unique (park_id, need_id, bank_id),
     check (status <> 'approved' or (approved_amount_fen is not null and approved_rate_bp is not null and approved_term_months is not null)),
     check (status <> 'declined' or decline_reason is not null),
     check (status <> 'disbursed' or (disbursed_amount_fen is not null and disbursed_on is not null)))`,
  // a bank's inbox: its open answers by deadline
  `create index finance_offers_bank_idx on finance_offers (park_id, bank_id, status, due_at)`,
  `create index finance_offers_bank_sent_idx on finance_offers (park_id, bank_id, sent_at desc)`,
  `create index finance_offers_need_idx on finance_offers (park_id, need_id)`,
  `create index finance_offers_due_idx on finance_offers (due_at) where status in ('pending', 'interested', 'materials_requested') and escalated_at is null`,
  ...caseEventsTableSql('finance_offer_events', 'offer_id', 'finance_offers'),

  // ------------------------------------------------------------ 融资对接会
  `create table finance_events (
     id uuid primary key default gen_random_uuid(),
     park_id uuid not null references parks(id),
     title text not null check (length(title) between 1 and 100),
     theme text,
     held_on date not null,
     venue text,
     signup_deadline date,
     status text not null default 'planned' check (status in ('planned', 'held', 'closed', 'cancelled')),
     description text,
     created_by uuid references users(id),
     created_at timestamptz not null,
     updated_at timestamptz not null)`,
  `create index finance_events_park_idx on finance_events (park_id, held_on desc)`,
  `create table finance_event_banks (
     park_id uuid not null references parks(id),
     event_id uuid not null references finance_events(id),
     bank_id uuid not null references banks(id),
     primary key (park_id, event_id, bank_id))`,
  `create table finance_event_signups (
     id uuid primary key default gen_random_uuid(),
     park_id uuid not null references parks(id),
     event_id uuid not null references finance_events(id),
     enterprise_id uuid not null references enterprises(id),
     need_id uuid references finance_needs(id),
     amount_fen bigint check (amount_fen > 0),
     note text,
     signed_up_by uuid references users(id),
     signed_up_at timestamptz not null,
     unique (park_id, event_id, enterprise_id))`,
  `create table finance_event_intentions (
     id uuid primary key default gen_random_uuid(),
     park_id uuid not null references parks(id),
     event_id uuid not null references finance_events(id),
     bank_id uuid not null references banks(id),
     enterprise_id uuid not null references enterprises(id),
     amount_fen bigint not null check (amount_fen > 0),
     note text,
     created_by uuid references users(id),
     created_at timestamptz not null,
     unique (park_id, event_id, bank_id, enterprise_id))`,
  `create table finance_event_outcomes (
     id uuid primary key default gen_random_uuid(),
     park_id uuid not null references parks(id),
     event_id uuid not null references finance_events(id),
     bank_id uuid not null references banks(id),
     enterprise_id uuid not null references enterprises(id),
     signed_amount_fen bigint not null check (signed_amount_fen > 0),
     signed_on date not null,
     contract_no text,
     note text,
     created_by uuid references users(id),
     created_at timestamptz not null,
     unique (park_id, event_id, bank_id, enterprise_id))`,
  `create index finance_event_outcomes_event_idx on finance_event_outcomes (park_id, event_id)`,

  // ------------------------------------------------------------ 应急转贷 bridge loans
  `create table bridge_pools (
     id uuid primary key default gen_random_uuid(),
     park_id uuid not null references parks(id),
     code text not null,
     name text not null,
     status text not null default 'active' check (status in ('active', 'closed')),
     capital_fen bigint not null check (capital_fen >= 0),
     available_fen bigint not null check (available_fen >= 0),
     lent_fen bigint not null default 0 check (lent_fen >= 0),
     fee_income_fen bigint not null default 0 check (fee_income_fen >= 0),
     ledger_seq int not null default 0,
     created_by uuid references users(id),
     created_at timestamptz not null,
     updated_at timestamptz not null,
     unique (park_id, code),
     check (capital_fen = available_fen + lent_fen))`,
  `create table bridge_pool_ledger (
     id bigserial primary key,
     park_id uuid not null references parks(id),
     pool_id uuid not null references bridge_pools(id),
     seq int not null check (seq >= 1),
     kind text not null check (kind in ('capital', 'withdraw', 'disburse', 'repay', 'fee', 'penalty')),
     amount_fen bigint not null,
     available_after_fen bigint not null check (available_after_fen >= 0),
     lent_after_fen bigint not null check (lent_after_fen >= 0),
     fee_income_after_fen bigint not null check (fee_income_after_fen >= 0),
     loan_id uuid,
     enterprise_id uuid references enterprises(id),
     memo text,
     created_by uuid references users(id),
     created_at timestamptz not null,
     unique (park_id, pool_id, seq))`,
  `create index bridge_pool_ledger_at_idx on bridge_pool_ledger (park_id, pool_id, created_at, seq)`,
  `create function bridge_pool_ledger_append_only() returns trigger language plpgsql as $$
   begin
     raise exception 'bridge_pool_ledger is append-only';
   end $$`,
  `create trigger bridge_pool_ledger_no_change before update or delete on bridge_pool_ledger
     for each row execute function bridge_pool_ledger_append_only()`,

  `create table bridge_loans (
     id uuid primary key default gen_random_uuid(),
     park_id uuid not null references parks(id),
     number text not null,
     enterprise_id uuid not null references enterprises(id),
     pool_id uuid references bridge_pools(id),
     bank_id uuid not null references banks(id),
     maturing_contract_no text not null check (length(maturing_contract_no) between 1 and 60),
     maturing_principal_fen bigint not null check (maturing_principal_fen > 0),
     maturing_due_on date not null,
     amount_fen bigint not null check (amount_fen > 0),
     days_requested int not null check (days_requested >= 1),
     purpose text,
     status text not null check (status in ('submitted', 'bank_confirmed', 'approved', 'disbursed', 'repaid', 'rejected', 'withdrawn', 'bank_declined')),
     needs_leader boolean not null default false,
     renewal_commitment_no text,
     renewal_amount_fen bigint check (renewal_amount_fen > 0),
     renewal_expected_on date,
     bank_confirmed_at timestamptz,
     bank_confirmed_by uuid references users(id),
     officer_approved_at timestamptz,
     officer_approved_by uuid references users(id),
     leader_approved_at timestamptz,
     leader_approved_by uuid references users(id),
     -- the terms fixed on the disbursement day from the dated parameters
     disbursed_on date,
     disbursed_at timestamptz,
     daily_rate_ppm int check (daily_rate_ppm >= 0),
     max_days int check (max_days >= 1),
     penalty_rate_ppm int check (penalty_rate_ppm >= 0),
     due_on date,
     repaid_on date,
     repaid_at timestamptz,
     days_used int check (days_used >= 0),
     fee_fen bigint check (fee_fen >= 0),
     penalty_fen bigint check (penalty_fen >= 0),
     overdue_at timestamptz,
     escalated_at timestamptz,
     reject_reason text,
     filed_by uuid references users(id),
     filed_at timestamptz not null,
     created_at timestamptz not null,
     updated_at timestamptz not null,
     unique (park_id, number),
     check (amount_fen <= maturing_principal_fen),
     check (status not in ('disbursed', 'repaid') or (pool_id is not null and disbursed_on is not null and daily_rate_ppm is not null and max_days is not null and due_on is not null)),
     check (status <> 'repaid' or (repaid_on is not null and fee_fen is not null)))`,
  // 一笔到期贷款只转贷一次: one live bridge loan per maturing contract of a bank
  `create unique index bridge_loans_contract_idx on bridge_loans (park_id, bank_id, maturing_contract_no) where status not in ('rejected', 'withdrawn', 'bank_declined')`,
  `create index bridge_loans_park_idx on bridge_loans (park_id, status, filed_at desc)`,
  `create index bridge_loans_bank_idx on bridge_loans (park_id, bank_id, status, filed_at desc)`,
  `create index bridge_loans_enterprise_idx on bridge_loans (park_id, enterprise_id, filed_at desc)`,
  `create index bridge_loans_disbursed_idx on bridge_loans (park_id, disbursed_on) where disbursed_on is not null`,
  `create index bridge_loans_due_idx on bridge_loans (due_on) where status = 'disbursed'`,
  ...caseEventsTableSql('bridge_loan_events', 'loan_id', 'bridge_loans'),

  // ------------------------------------------------------------ 存铜融 copper-stock finance
  // price per tonne in fen, one per day (entered or imported)
  `create table copper_prices (
     park_id uuid not null references parks(id),
     price_on date not null,
     price_fen_per_ton bigint not null check (price_fen_per_ton > 0),
     source text not null default 'manual' check (source in ('manual', 'import', 'seed')),
     created_by uuid references users(id),
     created_at timestamptz not null,
     primary key (park_id, price_on))`,
  // tonnage in kilograms (a receipt says 25.000 t = 25,000 kg)
  `create table warehouse_receipts (
     id uuid primary key default gen_random_uuid(),
     park_id uuid not null references parks(id),
     enterprise_id uuid not null references enterprises(id),
     warehouse text not null check (length(warehouse) between 1 and 80),
     receipt_no text not null check (length(receipt_no) between 1 and 60),
     weight_kg bigint not null check (weight_kg > 0),
     grade text not null,
     stored_on date,
     status text not null default 'held' check (status in ('held', 'pledged', 'released')),
     created_by uuid references users(id),
     created_at timestamptz not null,
     updated_at timestamptz not null,
     unique (park_id, warehouse, receipt_no))`,
  `create index warehouse_receipts_enterprise_idx on warehouse_receipts (park_id, enterprise_id)`,
  `create table copper_pledges (
     id uuid primary key default gen_random_uuid(),
     park_id uuid not null references parks(id),
     number text not null,
     receipt_id uuid not null references warehouse_receipts(id),
     enterprise_id uuid not null references enterprises(id),
     bank_id uuid not null references banks(id),
     -- 定价不结算: the price fixed when the copper was bought, settled later
     priced_on date not null,
     price_fen_per_ton bigint not null check (price_fen_per_ton > 0),
     ltv_bp int not null check (ltv_bp between 1 and 10000),
     loan_fen bigint not null check (loan_fen > 0),
     outstanding_fen bigint not null check (outstanding_fen >= 0),
     margin_fen bigint not null default 0 check (margin_fen >= 0),
     status text not null check (status in ('active', 'margin_call', 'released')),
     pledged_on date not null,
     released_on date,
     created_by uuid references users(id),
     created_at timestamptz not null,
     updated_at timestamptz not null,
     unique (park_id, number),
     check (outstanding_fen <= loan_fen),
     check (status <> 'released' or (released_on is not null and outstanding_fen = 0)))`,
  // 一张仓单不得重复质押
  `create unique index copper_pledges_receipt_live_idx on copper_pledges (park_id, receipt_id) where status <> 'released'`,
  `create index copper_pledges_bank_idx on copper_pledges (park_id, bank_id, status)`,
  `create index copper_pledges_enterprise_idx on copper_pledges (park_id, enterprise_id, status)`,
  ...caseEventsTableSql('copper_pledge_events', 'pledge_id', 'copper_pledges'),
  `create table margin_calls (
     id uuid primary key default gen_random_uuid(),
     park_id uuid not null references parks(id),
     pledge_id uuid not null references copper_pledges(id),
     receipt_id uuid not null references warehouse_receipts(id),
     enterprise_id uuid not null references enterprises(id),
     bank_id uuid not null references banks(id),
     call_on date not null,
     price_fen_per_ton bigint not null,
     limit_fen bigint not null check (limit_fen >= 0),
     outstanding_fen bigint not null,
     shortfall_fen bigint not null check (shortfall_fen > 0),
     status text not null default 'open' check (status in ('open', 'resolved')),
     resolution text check (resolution in ('top_up', 'repayment', 'price_recovered')),
     resolved_amount_fen bigint check (resolved_amount_fen >= 0),
     resolved_at timestamptz,
     resolved_by uuid references users(id),
     note text,
     created_at timestamptz not null,
     check ((status = 'resolved') = (resolved_at is not null)))`,
  // exactly one margin call per receipt and day, whoever runs the sweep and however often
  `create unique index margin_calls_daily_idx on margin_calls (park_id, receipt_id, call_on)`,
  `create index margin_calls_park_idx on margin_calls (park_id, status, call_on desc)`,
  `create index margin_calls_bank_idx on margin_calls (park_id, bank_id, status)`,
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only');
}
