import { sql, type Transaction } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/harness.js';
import { buildPark, buildUser } from '../../../../test/factories.js';
import { generateDemoPark } from '../../../db/seed/demo-data.js';
import { seedInstitutions, seedProducts } from '../seed/products.js';

const NOW = new Date('2026-11-26T02:00:00Z');
const ROLLBACK = new Error('rollback');

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({}, NOW);
});
afterAll(async () => {
  await t.close();
});

/**
 * Seeds the demo park's 13 banks and its `bank` log-in, then the institutions and products, and
 * runs `check` inside the same transaction, which is rolled back: the demo log-in names
 * (bank, bank2, bank_icbc …) are unique across the deployment and must not stay behind.
 */
async function withSeeded(check: (trx: Transaction<DB>, parkId: string) => Promise<void>): Promise<void> {
  const park = await buildPark(t.ctx.db);
  await t.ctx.db
    .transaction()
    .execute(async (trx) => {
      const banks = await trx
        .insertInto('banks')
        .values(generateDemoPark().banks.map((b) => ({ park_id: park.id, code: b.code, name: b.name, short_name: b.shortName })))
        .returning(['id'])
        .execute();
      await buildUser(trx, park, { roles: ['bank'], username: 'bank', bankId: banks[0]!.id });
      await seedInstitutions(trx, { parkId: park.id, now: NOW });
      await seedProducts(trx, { parkId: park.id, now: NOW });
      await check(trx, park.id);
      throw ROLLBACK;
    })
    .catch((e) => {
      if (e !== ROLLBACK) throw e;
    });
}

describe('seedInstitutions and seedProducts', () => {
  it('gives the park 26 institutions, the 13 banks strategic, each with a log-in, and about 60 products', async () => {
    await withSeeded(async (trx, parkId) => {
      const banks = await trx.selectFrom('banks').selectAll().where('park_id', '=', parkId).orderBy('sort').execute();
      expect(banks).toHaveLength(26);
      const kinds = banks.reduce((m: Record<string, number>, b: { kind: string }) => ({ ...m, [b.kind]: (m[b.kind] ?? 0) + 1 }), {});
      expect(kinds).toEqual({ bank: 13, guarantee: 4, insurance: 3, microloan: 2, securities: 1, leasing: 2, fund: 1 });
      const realBanks = banks.filter((b: { kind: string }) => b.kind === 'bank');
      expect(realBanks.every((b: { strategic: boolean; agreement_on: string | null }) => b.strategic && b.agreement_on)).toBe(true);
      expect(new Set(banks.map((b: { code: string }) => b.code)).size).toBe(26);
      expect(banks[0].code).toBe('icbc');

      const users = await trx.selectFrom('users').select(['username', 'display_name', 'bank_id', 'roles', 'password_hash']).where('park_id', '=', parkId).where(sql<boolean>`'bank' = any(roles)`).execute();
      for (const b of banks) expect(users.filter((u) => u.bank_id === b.id).length).toBeGreaterThanOrEqual(1);
      const byName = new Map(users.map((u) => [u.username, u]));
      expect(byName.get('bank')!.bank_id).toBe(banks[0].id);
      expect(byName.get('bank2')!.bank_id).toBe(banks[1].id);
      expect(byName.get('bank_ytfg')!.display_name).toBe('市融资担保集团 客户经理');
      expect(new Set(users.map((u: { password_hash: string }) => u.password_hash)).size).toBe(1);

      const counts = await trx
        .selectFrom('finance_products')
        .select(['bank_id', sql<number>`count(*)::int`.as('n'), sql<number>`min(rate_min_bp)::int`.as('lo'), sql<number>`max(rate_max_bp)::int`.as('hi')])
        .where('park_id', '=', parkId)
        .groupBy('bank_id')
        .execute();
      const per = new Map(counts.map((c: { bank_id: string; n: number }) => [c.bank_id, c.n]));
      for (const b of realBanks) {
        expect(per.get(b.id)).toBeGreaterThanOrEqual(3);
        expect(per.get(b.id)).toBeLessThanOrEqual(5);
      }
      const others = banks.filter((b: { kind: string }) => b.kind !== 'bank').filter((b: { id: string }) => per.has(b.id));
      expect(others.length).toBeGreaterThanOrEqual(8);
      const total = counts.reduce((s: number, c: { n: number }) => s + c.n, 0);
      expect(total).toBeGreaterThanOrEqual(55);
      expect(total).toBeLessThanOrEqual(65);
      expect(Math.min(...counts.map((c: { lo: number }) => c.lo))).toBeGreaterThanOrEqual(300);
      expect(Math.max(...counts.map((c: { hi: number }) => c.hi))).toBeLessThanOrEqual(650);

      const today = '2026-11-26';
      const states = await trx
        .selectFrom('finance_products')
        .select(['status', 'valid_from', 'valid_to'])
        .where('park_id', '=', parkId)
        .execute();
      const withdrawn = states.filter((s: { status: string }) => s.status === 'withdrawn').length;
      const drafts = states.filter((s: { status: string }) => s.status === 'draft').length;
      const expired = states.filter((s: { status: string; valid_to: string | null }) => s.status === 'published' && s.valid_to !== null && s.valid_to < today).length;
      const available = states.filter((s: { status: string; valid_from: string; valid_to: string | null }) => s.status === 'published' && s.valid_from <= today && (s.valid_to === null || s.valid_to >= today)).length;
      expect(withdrawn).toBeGreaterThanOrEqual(3);
      expect(drafts).toBe(2);
      expect(expired).toBeGreaterThanOrEqual(3);
      expect(available).toBeGreaterThanOrEqual(45);
    });
  });

  it('is deterministic: the same products every time', async () => {
    const snapshots: string[] = [];
    for (let i = 0; i < 2; i++) {
      await withSeeded(async (trx, parkId) => {
        const rows = await trx
          .selectFrom('finance_products as p')
          .innerJoin('banks as b', 'b.id', 'p.bank_id')
          .select(['b.code', 'p.name', 'p.rate_min_bp', 'p.valid_from', 'p.valid_to', 'p.status'])
          .where('p.park_id', '=', parkId)
          .orderBy('b.code')
          .orderBy('p.name')
          .execute();
        snapshots.push(JSON.stringify(rows));
      });
    }
    expect(snapshots[0]).toBe(snapshots[1]);
  });
});
