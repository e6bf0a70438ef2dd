import type { Insertable, Kysely } from 'kysely';
import type { DB } from '../src/db/schema.js';
import type { TestPark } from './factories.js';

let counter = 0;

/** A product of `bankId`, published and valid from 2026-01-01 unless told otherwise. */
export async function buildProduct(db: Kysely<DB>, park: TestPark, bankId: string, overrides: Partial<Insertable<DB['finance_products']>> = {}) {
  counter += 1;
  const now = new Date('2026-01-01T00:00:00Z');
  return db
    .insertInto('finance_products')
    .values({
      park_id: park.id,
      bank_id: bankId,
      name: `测试产品${counter}号`,
      type: 'credit',
      rate_min_bp: 350,
      rate_max_bp: 450,
      term_min_months: 1,
      term_max_months: 12,
      amount_min_fen: 10_000_000,
      amount_max_fen: 300_000_000,
      collateral: ['none'],
      target_chains: [],
      target_tags: [],
      valid_from: '2026-01-01',
      valid_to: null,
      status: 'published',
      created_at: now,
      updated_at: now,
      ...overrides,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** A valid create-product body (amounts in fen, rates in bp). */
export function productBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: '测试科创贷',
    type: 'credit',
    rateMinBp: 345,
    rateMaxBp: 435,
    termMinMonths: 6,
    termMaxMonths: 36,
    amountMinFen: 50_000_000,
    amountMaxFen: 1_000_000_000,
    collateral: ['none'],
    targetChains: ['iot'],
    targetTags: ['high_tech'],
    targetNote: '高新技术企业',
    description: '以研发投入授信的信用贷款。',
    validFrom: '2026-06-01',
    validTo: null,
    ...overrides,
  };
}
