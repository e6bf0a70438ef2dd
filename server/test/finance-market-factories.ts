import type { Kysely } from 'kysely';
import type { DB } from '../src/db/schema.js';
import type { TestPark } from './factories.js';

/** A need sent to `bankIds` with one pending answer each, written directly (for tests of reads, sweeps and statistics). */
export async function buildNeed(
  db: Kysely<DB>,
  park: TestPark,
  enterpriseId: string,
  bankIds: string[],
  o: { filedAt: Date; dueAt: Date; amountFen?: number; number?: string },
): Promise<{ needId: string; offerIds: string[] }> {
  const need = await db
    .insertInto('finance_needs')
    .values({
      park_id: park.id,
      number: o.number ?? `RZT-${Math.random().toString(36).slice(2, 10)}`,
      enterprise_id: enterpriseId,
      amount_fen: o.amountFen ?? 100_000_000,
      term_months: 12,
      purpose: '测试用流动资金',
      send_to: 'chosen',
      status: 'open',
      filed_by_role: 'enterprise',
      filed_at: o.filedAt,
      created_at: o.filedAt,
      updated_at: o.filedAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const offers = await db
    .insertInto('finance_offers')
    .values(bankIds.map((bankId) => ({ park_id: park.id, need_id: need.id, enterprise_id: enterpriseId, bank_id: bankId, status: 'pending' as const, sent_at: o.filedAt, due_at: o.dueAt, updated_at: o.filedAt })))
    .returning('id')
    .execute();
  return { needId: need.id, offerIds: offers.map((r) => r.id) };
}
