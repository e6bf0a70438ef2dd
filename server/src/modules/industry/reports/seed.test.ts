import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/harness.js';
import { buildEnterprise, buildPark, type TestPark } from '../../../../test/factories.js';
import { ensureIndustryDefaults } from '../defaults.js';
import { seedIndustryReports } from '../seed/reports.js';

const NOW = new Date('2026-12-07T02:00:00Z');
let t: TestApp;
let park: TestPark;
const copper: string[] = [];
const others: string[] = [];

beforeAll(async () => {
  t = await createTestApp({}, NOW);
  park = await buildPark(t.ctx.db, '月报演示园区');
  for (let i = 0; i < 4; i += 1) copper.push((await buildEnterprise(t.ctx.db, park, { chain: 'copper', is_above_scale: true, annual_revenue_fen: 300_000_000_00, founded_on: '2010-01-01' })).id);
  for (let i = 0; i < 14; i += 1) others.push((await buildEnterprise(t.ctx.db, park, { chain: 'iot', is_above_scale: true, annual_revenue_fen: 80_000_000_00, founded_on: '2012-05-01' })).id);
  await buildEnterprise(t.ctx.db, park, { is_above_scale: false });
  await ensureIndustryDefaults(t.ctx.db, park.id);
  await t.ctx.db.transaction().execute((trx) => seedIndustryReports(trx, { parkId: park.id, now: NOW }));
});
afterAll(async () => {
  await t.close();
});

describe('the demo report history', () => {
  it('gives every copper firm 36 accepted months up to the last ended month, with figures for every copper indicator', async () => {
    const rows = await t.ctx.db
      .selectFrom('industry_reports')
      .select(['enterprise_id', sql<number>`count(*)::int`.as('n'), sql<string>`min(period)::text`.as('first'), sql<string>`max(period)::text`.as('last')])
      .where('park_id', '=', park.id)
      .where('enterprise_id', 'in', copper)
      .where('status', '=', 'accepted')
      .groupBy('enterprise_id')
      .execute();
    expect(rows).toHaveLength(4);
    for (const r of rows) expect(r).toMatchObject({ n: 36, first: '2023-12-01', last: '2026-11-01' });
    const keys = await t.ctx.db.selectFrom('industry_figures').select('indicator_key').distinct().where('park_id', '=', park.id).where('enterprise_id', 'in', copper).execute();
    expect(keys.map((k) => k.indicator_key).sort()).toEqual(['copper_output_t', 'copper_sales_t', 'employees', 'orders_fen', 'output_fen', 'power_kwh', 'profit_fen', 'revenue_fen', 'tax_fen']);
  });

  it('keeps figures, revisions and states consistent, with the latest month in progress', async () => {
    const reports = await t.ctx.db.selectFrom('industry_reports').selectAll().where('park_id', '=', park.id).execute();
    const accepted = reports.filter((r) => r.status === 'accepted');
    const revisions = await t.ctx.db.selectFrom('industry_report_revisions').select(['report_id', 'revision']).where('park_id', '=', park.id).execute();
    // one revision per accepted report, plus the first of each corrected one
    expect(revisions.length).toBe(accepted.length + accepted.filter((r) => r.revision === 2).length);
    const figureReports = await sql<{ n: number }>`select count(*)::int as n from industry_figures f where f.park_id = ${park.id}
      and not exists (select 1 from industry_reports r where r.park_id = f.park_id and r.enterprise_id = f.enterprise_id and r.period = f.period and r.status = 'accepted' and r.revision = f.revision)`.execute(t.ctx.db);
    expect(figureReports.rows[0]!.n).toBe(0);
    const latest = reports.filter((r) => r.period === '2026-11-01' && others.includes(r.enterprise_id));
    expect(new Set(latest.map((r) => r.status))).toEqual(new Set(['accepted', 'submitted', 'returned', 'draft']));
    expect(latest.length).toBeLessThan(others.length); // some not started
    expect(reports.every((r) => !r.submitted_at || r.submitted_at.getTime() < NOW.getTime())).toBe(true);
    const events = await sql<{ n: number }>`select count(*)::int as n from industry_report_events where park_id = ${park.id}`.execute(t.ctx.db);
    expect(events.rows[0]!.n).toBeGreaterThanOrEqual(reports.length * 2);
  });

  it('draws plausible, varied figures: tax 3–6 % of revenue, copper at ~¥70k/t, a dip around the Spring Festival', async () => {
    const f = await t.ctx.db.selectFrom('industry_figures').select(['enterprise_id', 'period', 'indicator_key', 'value']).where('park_id', '=', park.id).execute();
    const get = (id: string, period: string, key: string) => f.find((x) => x.enterprise_id === id && x.period === period && x.indicator_key === key)?.value;
    const firm = copper[0]!;
    const rev = get(firm, '2025-06-01', 'revenue_fen')!;
    const tax = get(firm, '2025-06-01', 'tax_fen')!;
    expect(tax / rev).toBeGreaterThan(0.025);
    expect(tax / rev).toBeLessThan(0.07);
    const price = get(firm, '2025-06-01', 'output_fen')! / 100 / get(firm, '2025-06-01', 'copper_output_t')!;
    expect(price).toBeGreaterThan(55_000);
    expect(price).toBeLessThan(90_000);
    // 2025's Spring Festival was in January: the park's January revenue is below its March
    const total = (period: string) => f.filter((x) => x.period === period && x.indicator_key === 'revenue_fen').reduce((a, b) => a + b.value, 0);
    expect(total('2025-01-01')).toBeLessThan(total('2025-03-01') * 0.9);
    // growth differs between firms
    const growth = [...copper, ...others].map((id) => (get(id, '2026-10-01', 'revenue_fen') ?? 0) / (get(id, '2024-10-01', 'revenue_fen') ?? 1));
    expect(Math.max(...growth) - Math.min(...growth)).toBeGreaterThan(0.15);
  });
});
