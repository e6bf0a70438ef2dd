import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/harness.js';
import { buildEnterprise, buildPark, buildUser, type TestPark } from '../../../../test/factories.js';
import { DEMO_RELIEF_CODE, seedLandPremises } from '../seed/premises.js';
import { occupancyOn, reliefReportOf } from './service.js';

const NOW = new Date('2026-12-08T02:00:00Z');
let t: TestApp;
let park: TestPark;
let demoFirm: string;

beforeAll(async () => {
  t = await createTestApp({}, NOW);
  park = await buildPark(t.ctx.db, '厂房演示园区');
  for (let i = 0; i < 40; i++) await buildEnterprise(t.ctx.db, park, { tags: i % 2 ? ['high_tech'] : i % 3 ? ['tech_sme'] : [] });
  for (let i = 0; i < 40; i++) await buildEnterprise(t.ctx.db, park, { tags: [] });
  demoFirm = (await buildEnterprise(t.ctx.db, park, { tags: ['high_tech'], is_above_scale: true })).id;
  await buildUser(t.ctx.db, park, { roles: ['enterprise'], username: `enterprise-${park.id.slice(0, 8)}`, enterpriseId: demoFirm });
  await t.ctx.db.transaction().execute((trx) => seedLandPremises(trx, { parkId: park.id, now: NOW }));
}, 300_000);
afterAll(async () => {
  await t.close();
});

describe('the demo premises', () => {
  it('has 100万 ㎡ of factory space about 80 % let, and 1,152 apartments', async () => {
    const o = await occupancyOn(t.ctx.db, park.id, '2026-12-08');
    expect(o.factories.areaM2).toBe(1_000_000);
    expect(o.factories.letAreaM2 / o.factories.areaM2).toBeGreaterThan(0.72);
    expect(o.factories.letAreaM2 / o.factories.areaM2).toBeLessThan(0.9);
    expect(o.byKind.find((k) => k.kind === 'apartment')!.units).toBe(1_152);
    expect(o.byKind.find((k) => k.kind === 'custom_factory')!.buildings + o.byKind.find((k) => k.kind === 'standard_factory')!.buildings).toBe(60);
  });

  it('computes the relief measure at exactly ¥1,110,000, the demo firm among the firms', async () => {
    const m = await t.ctx.db.selectFrom('premises_relief_measures').select('id').where('park_id', '=', park.id).where('code', '=', DEMO_RELIEF_CODE).executeTakeFirstOrThrow();
    const report = await reliefReportOf(t.ctx.db, park.id, m.id);
    expect(report.totalFen).toBe(111_000_000);
    expect(report.rows.reduce((a, r) => a + r.amountFen, 0)).toBe(111_000_000);
    expect(report.rows.some((r) => r.enterpriseId === demoFirm)).toBe(true);
    expect(report.status).toBe('active');
  });

  it('bills twelve months, one per lease and month, with payments and some arrears', async () => {
    const r = await sql<{ months: number; bills: number; leases: number; overdue: number; relief: number }>`select count(distinct period)::int as months, count(*)::int as bills,
      (select count(*)::int from premises_leases where park_id = ${park.id}) as leases,
      count(*) filter (where status in ('open', 'partial') and due_on < '2026-12-08')::int as overdue,
      coalesce(sum(relief_fen), 0) as relief from premises_bills where park_id = ${park.id}`.execute(t.ctx.db);
    expect(r.rows[0]).toMatchObject({ months: 12, relief: 111_000_000 });
    expect(r.rows[0]!.overdue).toBeGreaterThan(0);
    const paid = await sql<{ ok: number }>`select count(*)::int as ok from premises_bills b
      left join (select bill_id, sum(amount_fen) as s from premises_payments where park_id = ${park.id} and status = 'active' group by bill_id) p on p.bill_id = b.id
      where b.park_id = ${park.id} and b.paid_fen = coalesce(p.s, 0)`.execute(t.ctx.db);
    expect(paid.rows[0]!.ok).toBe(r.rows[0]!.bills);
    const demo = await t.ctx.db.selectFrom('premises_bills').select(['relief_fen']).where('park_id', '=', park.id).where('enterprise_id', '=', demoFirm).where('relief_fen', '>', 0).execute();
    expect(demo.length).toBe(3);
  }, 120_000);
});
