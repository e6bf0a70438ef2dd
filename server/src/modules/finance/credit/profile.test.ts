import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/harness.js';
import { buildBank, buildEnterprise, buildPark, type TestPark } from '../../../../test/factories.js';
import { buildBridgePool } from '../../../../test/finance-bridge-factories.js';
import { buildBridgeLoanRecord, buildCreditFormula } from '../../../../test/finance-insight-factories.js';
import { creditFactsFor, creditProfileFor } from './profile.js';

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
});
