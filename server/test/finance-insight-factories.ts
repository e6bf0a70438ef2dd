import type { CreditFormulaDefinition, ConsentScope } from '@yuanqi/contract';
import type { Kysely } from 'kysely';
import type { DB } from '../src/db/schema.js';
import { DEMO_CREDIT_FORMULA } from '../src/modules/finance/seed/credit.js';
import type { TestPark } from './factories.js';

/** A 融资对接会 with its participating institutions. */
export async function buildFinanceEvent(
  db: Kysely<DB>,
  park: TestPark,
  o: { bankIds: string[]; heldOn?: string; signupDeadline?: string | null; status?: 'planned' | 'held' | 'closed' | 'cancelled'; title?: string },
) {
  const now = new Date();
  const row = await db
    .insertInto('finance_events')
    .values({
      park_id: park.id,
      title: o.title ?? '测试融资对接会',
      theme: null,
      held_on: o.heldOn ?? '2026-07-01',
      venue: '测试会场',
      signup_deadline: o.signupDeadline === undefined ? null : o.signupDeadline,
      status: o.status ?? 'planned',
      description: null,
      created_by: null,
      created_at: now,
      updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  if (o.bankIds.length) await db.insertInto('finance_event_banks').values(o.bankIds.map((bank_id) => ({ park_id: park.id, event_id: row.id, bank_id }))).execute();
  return row;
}

/** Many sign-ups at once (batched): firms signed up to an event with an amount each. */
export async function buildEventSignups(db: Kysely<DB>, park: TestPark, eventId: string, enterpriseIds: string[], amountFen = 100_000_000) {
  const now = new Date();
  if (!enterpriseIds.length) return;
  await db
    .insertInto('finance_event_signups')
    .values(enterpriseIds.map((enterprise_id) => ({ park_id: park.id, event_id: eventId, enterprise_id, need_id: null, amount_fen: amountFen, note: null, signed_up_by: null, signed_up_at: now })))
    .execute();
}

/** Signed outcomes (batched). */
export async function buildEventOutcomes(db: Kysely<DB>, park: TestPark, eventId: string, rows: { enterpriseId: string; bankId: string; fen: number; signedOn?: string }[]) {
  const now = new Date();
  if (!rows.length) return;
  await db
    .insertInto('finance_event_outcomes')
    .values(rows.map((r) => ({ park_id: park.id, event_id: eventId, bank_id: r.bankId, enterprise_id: r.enterpriseId, signed_amount_fen: r.fen, signed_on: r.signedOn ?? '2026-07-02', contract_no: null, note: null, created_by: null, created_at: now })))
    .execute();
}

/** Firms at once (batched): minimal registry rows with distinct USCC-like codes (no check digits needed here). */
export async function buildFirms(db: Kysely<DB>, park: TestPark, count: number, prefix = 'F') {
  const rows = Array.from({ length: count }, (_, i) => ({
    park_id: park.id,
    uscc: `${prefix}${park.code}${String(i).padStart(6, '0')}`.slice(0, 18).padEnd(18, '0'),
    name: `批量企业${prefix}${i}有限公司`,
    tags: [] as string[],
  }));
  return db.insertInto('enterprises').values(rows).returning(['id', 'name']).execute();
}

/** A credit formula version (published by default: the one in force). */
export async function buildCreditFormula(db: Kysely<DB>, park: TestPark, o: { status?: 'draft' | 'published' | 'retired'; version?: number; definition?: CreditFormulaDefinition; name?: string } = {}) {
  const now = new Date();
  const status = o.status ?? 'published';
  return db
    .insertInto('finance_credit_formulas')
    .values({
      park_id: park.id,
      version: o.version ?? 1,
      name: o.name ?? '测试信用公式',
      note: null,
      status,
      definition: JSON.stringify(o.definition ?? DEMO_CREDIT_FORMULA),
      created_by: null,
      created_at: now,
      updated_at: now,
      published_at: status === 'draft' ? null : now,
      published_by: null,
      retired_at: status === 'retired' ? now : null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** A firm's data consent to one institution (live unless `revoked`). */
export async function buildConsent(db: Kysely<DB>, park: TestPark, o: { enterpriseId: string; bankId: string; scopes: ConsentScope[]; revoked?: boolean }) {
  const now = new Date();
  return db
    .insertInto('finance_consents')
    .values({ park_id: park.id, enterprise_id: o.enterpriseId, bank_id: o.bankId, scopes: o.scopes, need_id: null, granted_by: null, granted_at: now, revoked_by: null, revoked_at: o.revoked ? now : null, revoke_reason: o.revoked ? '测试撤回' : null })
    .returningAll()
    .executeTakeFirstOrThrow();
}

let loanCounter = 0;
/**
 * A bridge loan's record as the credit profile reads it (disbursed, or repaid on `repaidOn`),
 * written directly: the profile only reads status, due_on and repaid_on. Needs a pool (bridge factories).
 */
export async function buildBridgeLoanRecord(db: Kysely<DB>, park: TestPark, o: { enterpriseId: string; bankId: string; poolId: string; disbursedOn: string; dueOn: string; repaidOn?: string }) {
  loanCounter += 1;
  const now = new Date();
  return db
    .insertInto('bridge_loans')
    .values({
      park_id: park.id,
      number: `ZDT${Date.now()}${loanCounter}`,
      enterprise_id: o.enterpriseId,
      pool_id: o.poolId,
      bank_id: o.bankId,
      maturing_contract_no: `CR-${Date.now()}-${loanCounter}`,
      maturing_principal_fen: 100_000_000,
      maturing_due_on: o.disbursedOn,
      amount_fen: 100_000_000,
      days_requested: 10,
      purpose: null,
      status: o.repaidOn ? 'repaid' : 'disbursed',
      disbursed_on: o.disbursedOn,
      disbursed_at: now,
      daily_rate_ppm: 100,
      max_days: 15,
      penalty_rate_ppm: 500,
      due_on: o.dueOn,
      repaid_on: o.repaidOn ?? null,
      fee_fen: o.repaidOn ? 100_000 : null,
      filed_at: now,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}
