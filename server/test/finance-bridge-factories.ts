import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../src/db/schema.js';
import type { TestPark } from './factories.js';

/** A bridge pool with its capital as ledger entry 1 (the shape createPool writes). */
export async function buildBridgePool(db: Kysely<DB>, park: TestPark, capitalFen: number, now = new Date()) {
  const pool = await db
    .insertInto('bridge_pools')
    .values({ park_id: park.id, code: `P-${randomUUID().slice(0, 6)}`, name: '测试转贷资金池', capital_fen: capitalFen, available_fen: capitalFen, lent_fen: 0, fee_income_fen: 0, ledger_seq: 1, created_by: null, created_at: now, updated_at: now })
    .returningAll()
    .executeTakeFirstOrThrow();
  await db
    .insertInto('bridge_pool_ledger')
    .values({ park_id: park.id, pool_id: pool.id, seq: 1, kind: 'capital', amount_fen: capitalFen, available_after_fen: capitalFen, lent_after_fen: 0, fee_income_after_fen: 0, memo: '初始注资', created_at: now })
    .execute();
  return pool;
}

let contractCounter = 0;
/** A loan application body (a fresh maturing contract number each call). */
export function bridgeApplication(bankId: string, overrides: Record<string, unknown> = {}) {
  contractCounter += 1;
  return {
    bankId,
    maturingContractNo: `JK-${randomUUID().slice(0, 8)}-${contractCounter}`,
    maturingPrincipalFen: 500_000_000,
    maturingDueOn: '2026-07-01',
    amountFen: 300_000_000,
    daysRequested: 10,
    purpose: '归还到期流动资金贷款',
    ...overrides,
  };
}

export const bankConfirmation = (overrides: Record<string, unknown> = {}) => ({
  commitmentNo: `XD-${randomUUID().slice(0, 6)}`,
  renewalAmountFen: 500_000_000,
  expectedRenewalOn: '2026-07-05',
  ...overrides,
});
