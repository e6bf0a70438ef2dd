import { sql, type Kysely } from 'kysely';

/**
 * 专项资金 funds with an append-only ledger, reservations (承诺/预拨), payouts (拨付); 创新券 vouchers,
 * their service providers and redemptions; 招商引资 signed projects with their promised incentives
 * (承诺事项) and the fulfilments that settle them.
 *
 * The money rules live in the database, not only in code:
 * - a fund's figures are one row: budget = paid + reserved + available, none negative (checks), so
 *   `update funds set available_fen = available_fen - x where … and available_fen >= x` serialises
 *   concurrent payouts on the row lock and can never overdraw;
 * - a firm is paid once per exclusion key and period (partial unique index over live payouts; a
 *   reversed payout frees the slot so a returned transfer can be paid again), and once per source;
 * - fund_ledger is append-only (trigger), one gap-free sequence per fund;
 * - a voucher's redeemed amount never exceeds its face value (check).
 * Every unique key and main index leads with park_id.
 */
const statements = [
  `create table funds (
     id uuid primary key default gen_random_uuid(),
     park_id uuid not null references parks(id),
     code text not null,
     name text not null,
     year int not null check (year between 2000 and 2100),
     source text not null check (source in ('local', 'superior', 'mixed')),
     category text,
     department text,
     description text,
     status text not null default 'active' check (status in ('active', 'closed')),
     budget_fen bigint not null check (budget_fen >= 0),
     reserved_fen bigint not null default 0 check (reserved_fen >= 0),
     paid_fen bigint not null default 0 check (paid_fen >= 0),
     available_fen bigint not null check (available_fen >= 0),
     ledger_seq int not null default 0,
     created_by uuid references users(id),
     created_at timestamptz not null,
     updated_at timestamptz not null,
     unique (park_id, code),
     check (available_fen = budget_fen - reserved_fen - paid_fen))`,
  `create index funds_park_year_idx on funds (park_id, year desc, code)`,

  `create table fund_reservations (
     id uuid primary key default gen_random_uuid(),
     park_id uuid not null references parks(id),
     fund_id uuid not null references funds(id),
     enterprise_id uuid references enterprises(id),
     source text not null check (source in ('policy_application', 'exemption_grant', 'voucher', 'commitment', 'manual')),
     source_id text not null,
     amount_fen bigint not null check (amount_fen > 0),
     consumed_fen bigint not null default 0 check (consumed_fen >= 0),
     released_fen bigint not null default 0 check (released_fen >= 0),
     status text not null default 'open' check (status in ('open', 'closed')),
     memo text,
     created_by uuid references users(id),
     created_at timestamptz not null,
     updated_at timestamptz not null,
     check (consumed_fen + released_fen <= amount_fen),
     check ((status = 'closed') = (consumed_fen + released_fen = amount_fen)))`,
  `create unique index fund_reservations_source_idx on fund_reservations (park_id, source, source_id)`,
  `create index fund_reservations_fund_idx on fund_reservations (park_id, fund_id, status)`,

  `create table payouts (
     id uuid primary key default gen_random_uuid(),
     park_id uuid not null references parks(id),
     fund_id uuid not null references funds(id),
     enterprise_id uuid not null references enterprises(id),
     amount_fen bigint not null check (amount_fen > 0),
     policy_id uuid,
     policy_version_id uuid,
     period_key text not null check (length(period_key) between 1 and 40),
     exclusion_key text not null check (length(exclusion_key) between 1 and 200),
     source text not null check (source in ('policy_application', 'exemption_grant', 'voucher', 'commitment', 'manual')),
     source_id text not null,
     reservation_id uuid references fund_reservations(id),
     voucher_number text,
     account_name text not null,
     bank_name text not null,
     account_no text not null,
     memo text,
     status text not null default 'paid' check (status in ('paid', 'reversed')),
     paid_at timestamptz not null,
     reversed_at timestamptz,
     reversal_reason text,
     reversed_by uuid references users(id),
     created_by uuid references users(id),
     created_at timestamptz not null,
     check ((status = 'reversed') = (reversed_at is not null)))`,
  // 不重复兑付: one live payout per firm, exclusion key (policy or mutual-exclusion group) and period
  `create unique index payouts_once_idx on payouts (park_id, enterprise_id, exclusion_key, period_key) where status = 'paid'`,
  // one live payout per source record (application, grant, voucher redemption, commitment item …)
  `create unique index payouts_source_idx on payouts (park_id, source, source_id) where status = 'paid'`,
  `create unique index payouts_voucher_number_idx on payouts (park_id, voucher_number)`,
  `create index payouts_park_paid_idx on payouts (park_id, paid_at desc)`,
  `create index payouts_park_fund_idx on payouts (park_id, fund_id, paid_at desc)`,
  `create index payouts_park_enterprise_idx on payouts (park_id, enterprise_id, paid_at desc)`,
  `create index payouts_park_policy_idx on payouts (park_id, policy_id, period_key) where policy_id is not null`,

  `create table fund_ledger (
     id bigserial primary key,
     park_id uuid not null references parks(id),
     fund_id uuid not null references funds(id),
     seq int not null check (seq >= 1),
     kind text not null check (kind in ('budget', 'adjust', 'reserve', 'release', 'payout', 'reversal')),
     amount_fen bigint not null,
     reserved_delta_fen bigint not null default 0,
     balance_after_fen bigint not null,
     reserved_after_fen bigint not null check (reserved_after_fen >= 0),
     available_after_fen bigint not null check (available_after_fen >= 0),
     ref_type text,
     ref_id text,
     enterprise_id uuid references enterprises(id),
     memo text,
     created_by uuid references users(id),
     created_at timestamptz not null,
     unique (park_id, fund_id, seq),
     check (available_after_fen = balance_after_fen - reserved_after_fen))`,
  `create index fund_ledger_fund_at_idx on fund_ledger (park_id, fund_id, created_at, seq)`,
  `create function fund_ledger_append_only() returns trigger language plpgsql as $$
   begin
     raise exception 'fund_ledger is append-only';
   end $$`,
  `create trigger fund_ledger_no_change before update or delete on fund_ledger
     for each row execute function fund_ledger_append_only()`,
  `create trigger fund_ledger_no_truncate before truncate on fund_ledger
     for each statement execute function fund_ledger_append_only()`,

  `create table fund_number_sequences (
     park_id uuid not null references parks(id),
     kind text not null,
     scope text not null,
     last int not null,
     primary key (park_id, kind, scope))`,

  // 创新券
  `create table voucher_providers (
     id uuid primary key default gen_random_uuid(),
     park_id uuid not null references parks(id),
     name text not null,
     uscc text not null,
     service_types text[] not null default '{}',
     contact_name text,
     contact_phone text,
     account_name text not null,
     bank_name text not null,
     account_no text not null,
     status text not null default 'active' check (status in ('active', 'suspended')),
     note text,
     created_at timestamptz not null,
     updated_at timestamptz not null,
     unique (park_id, uscc))`,

  `create table vouchers (
     id uuid primary key default gen_random_uuid(),
     park_id uuid not null references parks(id),
     number text not null,
     enterprise_id uuid not null references enterprises(id),
     fund_id uuid not null references funds(id),
     reservation_id uuid references fund_reservations(id),
     face_value_fen bigint not null check (face_value_fen > 0),
     redeemed_fen bigint not null default 0 check (redeemed_fen >= 0),
     reimbursed_fen bigint not null default 0 check (reimbursed_fen >= 0),
     service_types text[] not null default '{}',
     issued_on date not null,
     valid_until date not null,
     status text not null check (status in ('active', 'used', 'expired', 'revoked')),
     expired_at timestamptz,
     released_fen bigint not null default 0 check (released_fen >= 0),
     note text,
     issued_by uuid references users(id),
     created_at timestamptz not null,
     updated_at timestamptz not null,
     unique (park_id, number),
     check (redeemed_fen <= face_value_fen),
     check (reimbursed_fen <= redeemed_fen),
     check (valid_until >= issued_on))`,
  `create index vouchers_park_enterprise_idx on vouchers (park_id, enterprise_id, issued_on desc)`,
  `create index vouchers_park_status_idx on vouchers (park_id, status, valid_until)`,
  `create index vouchers_sweep_idx on vouchers (park_id, valid_until) where status = 'active'`,

  `create table voucher_redemptions (
     id uuid primary key default gen_random_uuid(),
     park_id uuid not null references parks(id),
     voucher_id uuid not null references vouchers(id),
     enterprise_id uuid not null references enterprises(id),
     provider_id uuid not null references voucher_providers(id),
     service_type text,
     invoice_no text not null,
     invoice_amount_fen bigint not null check (invoice_amount_fen > 0),
     invoice_date date not null,
     amount_fen bigint not null check (amount_fen > 0),
     file_name text,
     file_type text,
     file_size int,
     file_data bytea,
     description text,
     status text not null check (status in ('submitted', 'rejected', 'reimbursed')),
     review_note text,
     reviewed_by uuid references users(id),
     reviewed_at timestamptz,
     payout_id uuid references payouts(id),
     created_by uuid references users(id),
     created_at timestamptz not null,
     updated_at timestamptz not null,
     check (amount_fen <= invoice_amount_fen))`,
  // one invoice number once per provider (a rejected claim frees it for a corrected resubmission)
  `create unique index voucher_redemptions_invoice_idx on voucher_redemptions (park_id, provider_id, invoice_no) where status <> 'rejected'`,
  `create index voucher_redemptions_park_status_idx on voucher_redemptions (park_id, status, created_at desc)`,
  `create index voucher_redemptions_voucher_idx on voucher_redemptions (park_id, voucher_id, created_at)`,

  // 招商承诺
  `create table investment_projects (
     id uuid primary key default gen_random_uuid(),
     park_id uuid not null references parks(id),
     code text not null,
     name text not null,
     investor text not null,
     enterprise_id uuid references enterprises(id),
     amount_fen bigint not null check (amount_fen >= 0),
     chain text,
     signed_on date not null,
     stage text not null check (stage in ('signed', 'registered', 'land', 'started', 'completed', 'producing')),
     stage_dates jsonb not null default '{}',
     contract_no text,
     note text,
     created_by uuid references users(id),
     created_at timestamptz not null,
     updated_at timestamptz not null,
     unique (park_id, code))`,
  `create index investment_projects_park_signed_idx on investment_projects (park_id, signed_on desc)`,
  `create index investment_projects_enterprise_idx on investment_projects (park_id, enterprise_id) where enterprise_id is not null`,

  `create table commitment_items (
     id uuid primary key default gen_random_uuid(),
     park_id uuid not null references parks(id),
     project_id uuid not null references investment_projects(id),
     kind text not null check (kind in ('funding', 'rent', 'land', 'talent', 'other')),
     title text not null,
     amount_fen bigint check (amount_fen > 0),
     due_on date not null,
     fund_id uuid references funds(id),
     status text not null default 'pending' check (status in ('pending', 'fulfilled', 'cancelled')),
     fulfilled_fen bigint not null default 0 check (fulfilled_fen >= 0),
     fulfilled_on date,
     cancel_reason text,
     note text,
     created_by uuid references users(id),
     created_at timestamptz not null,
     updated_at timestamptz not null,
     check ((status = 'fulfilled') = (fulfilled_on is not null)))`,
  `create index commitment_items_project_idx on commitment_items (park_id, project_id, due_on)`,
  `create index commitment_items_due_idx on commitment_items (park_id, due_on, status)`,

  `create table commitment_fulfilments (
     id uuid primary key default gen_random_uuid(),
     park_id uuid not null references parks(id),
     item_id uuid not null references commitment_items(id),
     payout_id uuid references payouts(id),
     amount_fen bigint check (amount_fen > 0),
     fulfilled_on date not null,
     note text,
     status text not null default 'active' check (status in ('active', 'void')),
     void_reason text,
     created_by uuid references users(id),
     created_at timestamptz not null)`,
  // a payout settles at most one promised item
  `create unique index commitment_fulfilments_payout_idx on commitment_fulfilments (park_id, payout_id) where payout_id is not null and status = 'active'`,
  `create index commitment_fulfilments_item_idx on commitment_fulfilments (park_id, item_id)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
