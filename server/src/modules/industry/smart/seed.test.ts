import type { SmartProjectList } from '@yuanqi/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientAs, createTestApp, type TestApp } from '../../../../test/harness.js';
import { buildEnterprise, buildPark, buildUser } from '../../../../test/factories.js';
import { seedIndustrySmart } from '../seed/smart.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('the demo park’s 智能化改造', () => {
  // the months move with the seeding day: the bands must hold whichever month the demo starts in
  it.each(['2026-12-07T02:00:00Z', '2027-03-15T02:00:00Z', '2027-07-01T02:00:00Z'])('seeds six live copper projects whose computed savings mostly fall in ¥2–4M (seeded %s)', async (instant) => {
    const db = t.ctx.db;
    const park = await buildPark(db);
    for (let i = 0; i < 31; i++) await buildEnterprise(db, park, { chain: 'copper', is_above_scale: true });
    await buildEnterprise(db, park, { chain: 'iot', is_above_scale: true });
    const now = new Date(instant);
    await db.transaction().execute((trx) => seedIndustrySmart(trx, { parkId: park.id, now }));
    t.clock.set(now);
    const office = await clientAs(t, await buildUser(db, park, { roles: ['dispatcher'] }));
    const list: SmartProjectList = (await office.get('/api/industry/smart/projects')).json();
    expect(list.items).toHaveLength(6);
    expect(list.items.every((p) => p.chain === 'copper' && p.status === 'live')).toBe(true);
    expect(new Set(list.items.map((p) => p.enterpriseId)).size).toBe(6);
    expect(new Set(list.items.map((p) => p.liveOn)).size).toBe(6);
    const twoYearsAgo = new Date(now.getTime() - 730 * 86_400_000).toISOString().slice(0, 10);
    for (const p of list.items) {
      expect(p.liveOn! >= twoYearsAgo).toBe(true);
      expect(p.investmentFen).toBeGreaterThanOrEqual(300_000_000);
      expect(p.investmentFen).toBeLessThanOrEqual(2_000_000_000);
      expect(p.saving.sufficient).toBe(true);
      if (!p.saving.sufficient) continue;
      expect(p.saving.beforeMonths).toBe(12);
      expect(p.saving.afterMonths).toBeGreaterThanOrEqual(6);
      expect(p.saving.afterMonths).toBeLessThanOrEqual(18);
    }
    const { claim } = list.summary;
    expect({ below: claim.below, within: claim.within, above: claim.above }).toEqual({ below: 1, within: 4, above: 1 });
  });
});
