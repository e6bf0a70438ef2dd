import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../src/db/schema.js';
import type { TestPark } from './factories.js';

/** Daily copper prices in 元/吨: [[day, yuan], …] (stored fen per ton). */
export async function buildCopperPrices(db: Kysely<DB>, park: TestPark, prices: readonly (readonly [string, number])[]): Promise<void> {
  await db
    .insertInto('copper_prices')
    .values(prices.map(([day, yuan]) => ({ park_id: park.id, price_on: day, price_fen_per_ton: Math.round(yuan * 100), source: 'seed' as const, created_at: new Date() })))
    .onConflict((oc) => oc.columns(['park_id', 'price_on']).doUpdateSet((eb) => ({ price_fen_per_ton: eb.ref('excluded.price_fen_per_ton') })))
    .execute();
}

/** A warehouse receipt of a firm, held (not pledged). */
export async function buildReceipt(db: Kysely<DB>, park: TestPark, enterpriseId: string, overrides: { weightKg?: number; warehouse?: string; receiptNo?: string; grade?: string } = {}) {
  return db
    .insertInto('warehouse_receipts')
    .values({
      park_id: park.id,
      enterprise_id: enterpriseId,
      warehouse: overrides.warehouse ?? '鹰潭保税物流中心1号库',
      receipt_no: overrides.receiptNo ?? `WR${randomUUID().slice(0, 8)}`,
      weight_kg: overrides.weightKg ?? 100_000,
      grade: overrides.grade ?? '阴极铜 Cu-CATH-1',
      stored_on: '2026-11-01',
      created_at: new Date(),
      updated_at: new Date(),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}
