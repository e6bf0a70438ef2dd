import { sql, type Kysely } from 'kysely';

/**
 * 信用画像 credit formulas, versioned like the policy rules: a draft is edited, publishing it
 * retires the version in force (kept, never deleted), so exactly one version is published per park
 * (partial unique index). The definition is the contract's `CreditFormulaDefinition` (indicators
 * with bands and weights, grade thresholds), validated by the service before it is stored.
 * Also the indexes the credit facts and the 融资对接会 bank views read by.
 */
const statements = [
  `create table finance_credit_formulas (
     id uuid primary key default gen_random_uuid(),
     park_id uuid not null references parks(id),
     version int not null check (version >= 1),
     name text not null check (length(name) between 1 and 60),
     note text,
     status text not null default 'draft' check (status in ('draft', 'published', 'retired')),
     definition jsonb not null,
     created_by uuid references users(id),
     created_at timestamptz not null,
     updated_at timestamptz not null,
     published_at timestamptz,
     published_by uuid references users(id),
     retired_at timestamptz,
     unique (park_id, version),
     check ((status = 'draft') = (published_at is null)))`,
  `create unique index finance_credit_formulas_published_idx on finance_credit_formulas (park_id) where status = 'published'`,
  // a firm's margin calls (credit facts)
  `create index margin_calls_enterprise_idx on margin_calls (park_id, enterprise_id, call_on desc)`,
  // the events an institution takes part in (a bank's view)
  `create index finance_event_banks_bank_idx on finance_event_banks (park_id, bank_id, event_id)`,
  // a firm's sign-ups (a firm's phone view)
  `create index finance_event_signups_enterprise_idx on finance_event_signups (park_id, enterprise_id)`,
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only');
}
