import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/harness.js';
import { buildBank, buildEnterprise, buildPark, type TestPark } from '../../../../test/factories.js';
import { buildBridgePool } from '../../../../test/finance-bridge-factories.js';
import { buildBridgeLoanRecord, buildCreditFormula } from '../../../../test/finance-insight-factories.js';
import { creditFactsFor, creditProfileFor } from './profile.js';
import { writeFigureFixtures, type FigureFixture } from '../../industry/stats/figure-fixtures.js';

let t: TestApp;
let park: TestPark;

beforeAll(async () => {
  t = await createTestApp({}, new Date('2026-06-10T02:00:00Z'));
  park = await buildPark(t.ctx.db);
});
afterAll(async () => {
  await t.close();
});

describe('creditFactsFor', () => {
  it('reads the registry and the bridge-loan record: on time, repaid late, running past its due day', async () => {
    const firm = await buildEnterprise(t.ctx.db, park, { founded_on: '2016-06-11', registered_capital_fen: 123_456_789, is_above_scale: true, headcount: 42, tags: ['little_giant', 'specialized'] });
    const bank = await buildBank(t.ctx.db, park);
    const pool = await buildBridgePool(t.ctx.db, park, 10_000_000_000);
    await buildBridgeLoanRecord(t.ctx.db, park, { enterpriseId: firm.id, bankId: bank.id, poolId: pool.id, disbursedOn: '2026-01-05', dueOn: '2026-01-20', repaidOn: '2026-01-15' });
    await buildBridgeLoanRecord(t.ctx.db, park, { enterpriseId: firm.id, bankId: bank.id, poolId: pool.id, disbursedOn: '2026-02-05', dueOn: '2026-02-20', repaidOn: '2026-02-24' });
    await buildBridgeLoanRecord(t.ctx.db, park, { enterpriseId: firm.id, bankId: bank.id, poolId: pool.id, disbursedOn: '2026-05-20', dueOn: '2026-06-04' });
    await buildBridgeLoanRecord(t.ctx.db, park, { enterpriseId: firm.id, bankId: bank.id, poolId: pool.id, disbursedOn: '2026-06-05', dueOn: '2026-06-20' });
    const found = await creditFactsFor(t.ctx.db, park.id, firm.id, '2026-06-10');
    expect(found!.facts).toEqual({
      years_founded: 9, // one day short of ten years
      registered_capital_wan: 123.46,
      above_scale: 1,
      headcount: 42,
      high_tech: 0,
      specialized: 1,
      payouts_count_3y: 0,
      payouts_amount_wan_3y: 0,
      demands_filed_3y: 0,
      demands_resolved_pct: null,
      bridge_repaid_on_time: 1,
      bridge_overdue: 2,
      margin_calls_3y: 0,
      needs_disbursed: 0,
      // 规上 with no monthly report on record: no figures, 0 months filed on time
      revenue_12m_wan: null,
      revenue_yoy_pct: null,
      tax_12m_wan: null,
      reports_on_time_12m: 0,
      power_yoy_pct: null,
    });
    expect(await creditFactsFor(t.ctx.db, park.id, '00000000-0000-4000-8000-000000000000', '2026-06-10')).toBeNull();
  });

  it('the profile is null until a formula is published, then applies the published one', async () => {
    const other = await buildPark(t.ctx.db);
    const firm = await buildEnterprise(t.ctx.db, other, { founded_on: '2010-01-01' });
    await buildCreditFormula(t.ctx.db, other, { status: 'draft', version: 1 });
    expect(await creditProfileFor(t.ctx.db, other.id, firm.id)).toBeNull();
    await buildCreditFormula(t.ctx.db, other, { status: 'published', version: 2 });
    const profile = await creditProfileFor(t.ctx.db, other.id, firm.id, new Date('2026-06-10T02:00:00Z'));
    expect(profile).toMatchObject({ formulaVersion: 2, formulaStatus: 'published', asOf: '2026-06-10' });
    expect(profile!.indicators.find((i) => i.metric === 'bridge_overdue')).toMatchObject({ value: 0, score: 100 });
  });

  it('reads the industry cloud: the last 12 accepted months of revenue, tax and power against the 12 before, and reports filed on time', async () => {
    const firm = await buildEnterprise(t.ctx.db, park, { is_above_scale: true, chain: 'copper' });
    const fx: FigureFixture[] = [];
    // accepted 2024-05 … 2026-04 (the evaluation day 2026-06-10: May is not accepted yet)
    for (let i = 0; i < 24; i += 1) {
      const y = 2024 + Math.floor((4 + i) / 12);
      const m = ((4 + i) % 12) + 1;
      const period = `${y}-${String(m).padStart(2, '0')}-01`;
      const recent = i >= 12;
      fx.push({ parkId: park.id, enterpriseId: firm.id, chain: 'copper', period, late: recent && m === 2, values: { revenue_fen: recent ? 150_000_000 : 125_000_000, tax_fen: recent ? 3_000_000 : 2_000_000, power_kwh: recent ? 90_000 : 100_000 } });
    }
    fx.push({ parkId: park.id, enterpriseId: firm.id, chain: 'copper', period: '2026-05-01', status: 'submitted' });
    await writeFigureFixtures(t.ctx.db, fx);
    const found = await creditFactsFor(t.ctx.db, park.id, firm.id, '2026-06-10');
    expect(found!.facts).toMatchObject({
      revenue_12m_wan: 1800, // 12 × 150 万元
      revenue_yoy_pct: 20,
      tax_12m_wan: 36,
      power_yoy_pct: -10,
      // 2025-06 … 2026-05: 12 filed, February's late
      reports_on_time_12m: 11,
    });
    // a year later with nothing new accepted, the figures are too old to profile the firm
    const stale = await creditFactsFor(t.ctx.db, park.id, firm.id, '2027-06-10');
    expect(stale!.facts).toMatchObject({ revenue_12m_wan: null, revenue_yoy_pct: null, reports_on_time_12m: 0 });
  });
});
