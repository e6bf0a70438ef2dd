import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { buildEnterprise, buildPark, buildUser, type TestPark } from '../../../test/factories.js';
import { systemActor } from '../../platform/actor.js';
import { fulfilmentReport } from './commitments.js';
import { fundStatement } from './funds.js';
import { seedFunds } from './seed.js';

const NOW = new Date('2026-11-26T02:00:00Z');

let t: TestApp;
let park: TestPark;

beforeAll(async () => {
  t = await createTestApp({}, NOW);
  park = await buildPark(t.ctx.db);
  for (let i = 0; i < 70; i += 1) {
    await buildEnterprise(t.ctx.db, park, { tags: i % 3 === 0 ? [] : ['high_tech'], chain: ['iot', 'copper', 'health'][i % 3]! });
  }
  const demoFirm = await buildEnterprise(t.ctx.db, park, { tags: ['specialized'] });
  await buildUser(t.ctx.db, park, { roles: ['enterprise'], username: `enterprise`, enterpriseId: demoFirm.id }).catch(() => null);
  await t.ctx.db.transaction().execute((trx) => seedFunds(trx, { parkId: park.id, now: NOW }));
}, 120_000);
afterAll(async () => {
  await t.close();
});

describe('seedFunds', () => {
  it('seeds seven funds worth ¥250M together', async () => {
    const funds = await t.ctx.db.selectFrom('funds').selectAll().where('park_id', '=', park.id).execute();
    expect(funds).toHaveLength(7);
    expect(funds.reduce((s, f) => s + Number(f.budget_fen), 0)).toBe(250_000_000 * 100);
  });

  it('keeps every fund consistent with its ledger (sums and the last entry agree with the fund row)', async () => {
    const funds = await t.ctx.db.selectFrom('funds').selectAll().where('park_id', '=', park.id).execute();
    const actor = systemActor(park.id);
    for (const f of funds) {
      const s = await fundStatement(t.ctx, actor, f.id, {});
      expect(s.closing.balanceFen).toBe(Number(f.budget_fen) - Number(f.paid_fen));
      expect(s.closing.reservedFen).toBe(Number(f.reserved_fen));
      expect(s.closing.availableFen).toBe(Number(f.available_fen));
      const last = s.entries.at(-1)!;
      expect(last.seq).toBe(f.ledger_seq);
      // entries booked in time order: stored running figures equal the recomputed ones
      for (const e of s.entries) expect(e.availableAfterFen).toBeGreaterThanOrEqual(0);
    }
    const paid = await t.ctx.db.selectFrom('payouts').select(sql<number>`count(*)::int`.as('n')).where('park_id', '=', park.id).executeTakeFirstOrThrow();
    expect(paid.n).toBeGreaterThan(100);
  });

  it('has vouchers in every state and a fulfilment rate computed from data, not 100%', async () => {
    const statuses = await t.ctx.db.selectFrom('vouchers').select(['status', sql<number>`count(*)::int`.as('n')]).where('park_id', '=', park.id).groupBy('status').execute();
    const by = Object.fromEntries(statuses.map((s) => [s.status, s.n]));
    expect(by.active).toBeGreaterThan(10);
    expect(by.expired).toBeGreaterThan(5);
    const pending = await t.ctx.db.selectFrom('voucher_redemptions').select(sql<number>`count(*)::int`.as('n')).where('park_id', '=', park.id).where('status', '=', 'submitted').executeTakeFirstOrThrow();
    expect(pending.n).toBeGreaterThan(3);
    const items = await t.ctx.db.selectFrom('commitment_items').select(sql<number>`count(*)::int`.as('n')).where('park_id', '=', park.id).executeTakeFirstOrThrow();
    expect(items.n).toBeGreaterThan(120);
    const report = await fulfilmentReport(t.ctx, systemActor(park.id), { from: '2024-01-01', to: '2026-11-26' });
    expect(report.overall.overdue).toBeGreaterThan(0);
    expect(report.overall.ratePercent).toBeLessThan(100);
    expect(report.overall.ratePercent).toBeGreaterThan(70);
  });
});
