import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { FundRow } from '../src/db/schema-funds.js';
import type { DB } from '../src/db/schema.js';
import { insertFund } from '../src/modules/funds/service.js';
import type { TestPark } from './factories.js';

export type FundOverrides = {
  code?: string;
  name?: string;
  year?: number;
  source?: 'local' | 'superior' | 'mixed';
  category?: string | null;
  /** Default ¥1,000,000. */
  budgetFen?: number;
  status?: 'active' | 'closed';
  now?: Date;
};

/**
 * A 专项资金 with its budget as the first ledger entry, written through the service (so the fund's
 * figures and ledger agree as in production).
 */
export async function buildFund(db: Kysely<DB>, park: TestPark, overrides: FundOverrides = {}): Promise<FundRow> {
  const now = overrides.now ?? new Date('2026-01-05T02:00:00Z');
  return db.transaction().execute(async (trx) => {
    const fund = await insertFund(trx, null, {
      parkId: park.id,
      code: overrides.code ?? `F-${randomUUID().slice(0, 8)}`,
      name: overrides.name ?? `测试专项资金${randomUUID().slice(0, 4)}`,
      year: overrides.year ?? 2026,
      source: overrides.source ?? 'local',
      category: overrides.category ?? null,
      budgetFen: overrides.budgetFen ?? 100_000_000,
      now,
    });
    if (overrides.status === 'closed') {
      return trx.updateTable('funds').set({ status: 'closed' }).where('id', '=', fund.id).returningAll().executeTakeFirstOrThrow();
    }
    return fund;
  });
}
