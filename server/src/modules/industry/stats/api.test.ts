import ExcelJS from 'exceljs';
import { periodOf, rb, type IndustryCompletenessView, type IndustryRankingsView, type IndustryStatsView, type IndustryTrendView } from '@yuanqi/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EnterpriseRow } from '../../../db/schema.js';
import { anonymous, clientAs, createTestApp, errorOf, type Client, type TestApp } from '../../../../test/harness.js';
import { buildEnterprise, buildPark, buildUser, type TestPark } from '../../../../test/factories.js';
import { buildPolicy } from '../../../../test/policy-factories.js';
import { writeFigureFixtures, type FigureFixture } from './figure-fixtures.js';
import { syncFactsForFirms, syncFactsFromFigures } from './facts.js';

const NOW = new Date('2026-04-20T02:00:00Z');

let t: TestApp;
let park: TestPark;
let a: EnterpriseRow; // copper, every month 2024-12 … 2026-03 accepted
let b: EnterpriseRow; // copper, accepted to 2026-02, March submitted
let c: EnterpriseRow; // iot, accepted to 2026-02, March returned
let e: EnterpriseRow; // copper 规上, never reports
let dispatcher: Client;
let firmUser: Client;
let liaison: Client;

/** Output in fen of each firm by month: not uniform, so sums, 累计 and growth are all distinct. */
function output(firm: 'a' | 'b' | 'c', period: string): number {
  const y = Number(period.slice(0, 4));
  const m = Number(period.slice(5, 7));
  const base = { a: 1_000_000_000, b: 500_000_000, c: 300_000_000 }[firm];
  const growth = { a: 1.2, b: 0.9, c: 1.1 }[firm];
  return Math.round(base * (y >= 2026 ? growth : y === 2025 ? 1 : 0.95) * (1 + m / 100));
}
const sales = (period: string) => 100.5 + Number(period.slice(5, 7)) / 1000;

const months = (from: string, to: string) => {
  const out: string[] = [];
  for (let p = from; p <= to; ) {
    out.push(p);
    const [y, m] = p.split('-').map(Number) as [number, number];
    p = m === 12 ? periodOf(y + 1, 1) : periodOf(y, m + 1);
  }
  return out;
};

beforeAll(async () => {
  t = await createTestApp({}, NOW);
  park = await buildPark(t.ctx.db, '测试高新区');
  const liaisonUser = await buildUser(t.ctx.db, park, { roles: ['liaison'] });
  a = await buildEnterprise(t.ctx.db, park, { chain: 'copper', is_above_scale: true, name: '甲铜业有限公司', liaison_id: liaisonUser.id });
  b = await buildEnterprise(t.ctx.db, park, { chain: 'copper', is_above_scale: true, name: '乙铜材有限公司' });
  c = await buildEnterprise(t.ctx.db, park, { chain: 'iot', is_above_scale: true, name: '丙物联有限公司' });
  e = await buildEnterprise(t.ctx.db, park, { chain: 'copper', is_above_scale: true, name: '丁铜箔有限公司' });
  await buildEnterprise(t.ctx.db, park, { chain: 'iot', is_above_scale: false });
  const fx: FigureFixture[] = [];
  for (const p of months('2024-12-01', '2026-03-01')) {
    fx.push({ parkId: park.id, enterpriseId: a.id, chain: 'copper', period: p, values: { output_fen: output('a', p), copper_sales_t: sales(p), revenue_fen: output('a', p) - 1000, employees: 300 } });
    if (p < '2026-03-01') {
      fx.push({ parkId: park.id, enterpriseId: b.id, chain: 'copper', period: p, values: { output_fen: output('b', p), copper_sales_t: sales(p) } });
      fx.push({ parkId: park.id, enterpriseId: c.id, chain: 'iot', period: p, values: { output_fen: output('c', p) } });
    }
  }
  fx.push({ parkId: park.id, enterpriseId: b.id, chain: 'copper', period: '2026-03-01', status: 'submitted', late: true });
  fx.push({ parkId: park.id, enterpriseId: c.id, chain: 'iot', period: '2026-03-01', status: 'returned' });
  await writeFigureFixtures(t.ctx.db, fx);
  dispatcher = await clientAs(t, await buildUser(t.ctx.db, park, { roles: ['dispatcher'] }));
  firmUser = await clientAs(t, await buildUser(t.ctx.db, park, { roles: ['enterprise'], enterpriseId: b.id }));
  liaison = await clientAs(t, liaisonUser);
}, 60_000);

afterAll(async () => {
  await t?.close();
});

const sum = (firms: ('a' | 'b' | 'c')[], periods: string[], skip: (f: string, p: string) => boolean = () => false) =>
  firms.reduce((s, f) => s + periods.reduce((x, p) => x + (skip(f, p) ? 0 : output(f, p)), 0), 0);
const growth = (v: number, base: number) => Math.round(((v - base) / base) * 1000) / 10;

describe('GET /api/industry/stats', () => {
  it('needs a session and a well-formed month', async () => {
    expect((await anonymous(t).get('/api/industry/stats')).statusCode).toBe(401);
    const bad = await dispatcher.get('/api/industry/stats?month=2026-13');
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad).details[0]).toMatchObject({ path: 'month' });
    expect(errorOf(bad).details[0]!.message).toContain('YYYY-MM');
  });

  it('defaults to the last month with accepted figures and totals the park and each chain', async () => {
    const res = await dispatcher.get('/api/industry/stats');
    expect(res.statusCode).toBe(200);
    const v = res.json() as IndustryStatsView;
    expect(v.period).toBe('2026-03-01');
    expect(v.ytdLabel).toBe('2026年1–3月');
    expect(v.months[0]).toBe('2026-03-01');
    expect(v.groups.map((g) => g.label)).toEqual(['全园区', '物联网', '铜基新材料']);
    const copper = v.groups.find((g) => g.chain === 'copper')!;
    // a accepted; b submitted (late); e never: 3 should report, 2 reported, 1 accepted
    expect(copper).toMatchObject({ expected: 3, reported: 2, accepted: 1 });
    expect(v.groups[0]).toMatchObject({ expected: 4, reported: 3, accepted: 1 });
    const out = copper.rows.find((r) => r.key === 'output_fen')!;
    expect(out.unitLabel).toBe('万元');
    expect(out.current).toBe(output('a', '2026-03-01'));
    // comparable basis: b's March is not accepted yet, so its March 2025 is not in 同期 either
    expect(out.lastYear).toBe(output('a', '2025-03-01'));
    expect(out.yoyPct).toBe(growth(out.current!, out.lastYear!));
    const ytd = sum(['a'], months('2026-01-01', '2026-03-01')) + sum(['b'], months('2026-01-01', '2026-02-01'));
    expect(out.ytd).toBe(ytd);
    expect(out.ytdLastYear).toBe(sum(['a'], months('2025-01-01', '2025-03-01')) + sum(['b'], months('2025-01-01', '2025-02-01')));
    expect(out.ytdYoyPct).toBe(growth(ytd, out.ytdLastYear!));
    expect(out.previous).toBe(output('a', '2026-02-01'));
    // tonnes keep three decimals; copper indicators are not listed for the iot chain
    expect(copper.rows.find((r) => r.key === 'copper_sales_t')!.current).toBe(100.503);
    expect(v.groups.find((g) => g.chain === 'iot')!.rows.some((r) => r.key === 'copper_sales_t')).toBe(false);
    // a stock (从业人员) is a month-end level: no 累计
    expect(copper.rows.find((r) => r.key === 'employees')).toMatchObject({ current: 300, lastYear: 300, yoyPct: 0, ytd: null, ytdLastYear: null, ytdYoyPct: null });
  });

  it('compares January with the December before (环比) and its 累计 is January alone, across the year boundary', async () => {
    const v = (await dispatcher.get('/api/industry/stats?month=2026-01')).json() as IndustryStatsView;
    const park = v.groups[0]!.rows.find((r) => r.key === 'output_fen')!;
    const jan = sum(['a', 'b', 'c'], ['2026-01-01']);
    expect(park.current).toBe(jan);
    expect(park.ytd).toBe(jan);
    expect(park.previous).toBe(sum(['a', 'b', 'c'], ['2025-12-01']));
    expect(park.momPct).toBe(growth(jan, park.previous!));
    expect(park.lastYear).toBe(sum(['a', 'b', 'c'], ['2025-01-01']));
    expect(park.ytdLastYear).toBe(park.lastYear);
    expect(park.yoyPct).toBe(growth(jan, park.lastYear!));
    // 2025-01 has a 环比 base (2024-12) but no 同期 at all
    const v25 = (await dispatcher.get('/api/industry/stats?month=2025-01')).json() as IndustryStatsView;
    const r25 = v25.groups[0]!.rows.find((r) => r.key === 'output_fen')!;
    expect(r25.previous).toBe(sum(['a', 'b', 'c'], ['2024-12-01']));
    expect(r25.lastYear).toBeNull();
    expect(r25.yoyPct).toBeNull();
  });

  it('shows a firm only its own figures, and a liaison only its firms', async () => {
    const own = (await firmUser.get('/api/industry/stats?month=2026-02')).json() as IndustryStatsView;
    expect(own.groups.map((g) => g.chain)).toEqual([null, 'copper']);
    expect(own.groups[0]!.rows.find((r) => r.key === 'output_fen')!.current).toBe(output('b', '2026-02-01'));
    expect(own.groups[0]!.expected).toBe(1);
    const mine = (await liaison.get('/api/industry/stats?month=2026-02')).json() as IndustryStatsView;
    expect(mine.groups[0]!.rows.find((r) => r.key === 'output_fen')!.current).toBe(output('a', '2026-02-01'));
  });
});

describe('GET /api/industry/stats/rankings', () => {
  it('ranks firms by the month or the year to date, top or bottom, with 同比, within a chain', async () => {
    const top = (await dispatcher.get('/api/industry/stats/rankings?month=2026-02&indicator=output_fen')).json() as IndustryRankingsView;
    expect(top.rows.map((r) => r.enterpriseName)).toEqual(['甲铜业有限公司', '乙铜材有限公司', '丙物联有限公司']);
    expect(top.rows[0]).toMatchObject({ rank: 1, value: output('a', '2026-02-01'), lastYear: output('a', '2025-02-01'), yoyPct: growth(output('a', '2026-02-01'), output('a', '2025-02-01')), chainLabel: '铜基新材料' });
    const bottom = (await dispatcher.get('/api/industry/stats/rankings?month=2026-02&indicator=output_fen&order=asc&chain=copper&limit=1')).json() as IndustryRankingsView;
    expect(bottom.total).toBe(2);
    expect(bottom.rows).toHaveLength(1);
    expect(bottom.rows[0]!.enterpriseName).toBe('乙铜材有限公司');
    const ytd = (await dispatcher.get('/api/industry/stats/rankings?month=2026-02&basis=ytd&chain=copper')).json() as IndustryRankingsView;
    expect(ytd.rows[1]).toMatchObject({ value: sum(['b'], ['2026-01-01', '2026-02-01']), lastYear: sum(['b'], ['2025-01-01', '2025-02-01']) });
    expect(ytd.rows[1]!.yoyPct).toBeLessThan(0);
    // a stock ranks by the month even when 累计 is asked for
    const staff = (await dispatcher.get('/api/industry/stats/rankings?month=2026-02&basis=ytd&indicator=employees')).json() as IndustryRankingsView;
    expect(staff).toMatchObject({ basis: 'month', total: 1 });
    expect(staff.rows[0]!.value).toBe(300);
  });

  it('refuses an unknown indicator naming the field', async () => {
    const res = await dispatcher.get('/api/industry/stats/rankings?indicator=nope_key');
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).details[0]!.path).toBe('indicator');
  });
});

describe('GET /api/industry/stats/completeness', () => {
  it('grids the chain firms × 12 months: accepted, submitted, returned, missing and late', async () => {
    const v = (await dispatcher.get('/api/industry/stats/completeness?chain=copper&month=2026-03')).json() as IndustryCompletenessView;
    expect(v.periods).toHaveLength(12);
    expect(v.periods[0]).toBe('2025-04-01');
    expect(v.periods[11]).toBe('2026-03-01');
    expect(v.firms.map((f) => f.enterpriseName).sort()).toEqual(['丁铜箔有限公司', '乙铜材有限公司', '甲铜业有限公司'].sort());
    const byName = new Map(v.firms.map((f) => [f.enterpriseName, f]));
    expect(byName.get('甲铜业有限公司')!.accepted).toBe(12);
    expect(byName.get('乙铜材有限公司')!.cells[11]).toEqual({ period: '2026-03-01', state: 'submitted', late: true });
    // March's report was due on the 10th working day of April: on 20 April it is late
    expect(byName.get('丁铜箔有限公司')!.cells[11]).toEqual({ period: '2026-03-01', state: 'missing', late: true });
    expect(v.acceptedByPeriod[11]).toBe(1);
    expect(v.acceptedByPeriod[10]).toBe(2);
    expect(v.completeFirms).toBe(1);
    const iot = (await dispatcher.get('/api/industry/stats/completeness?chain=iot&month=2026-03')).json() as IndustryCompletenessView;
    expect(iot.firms[0]!.cells[11]!.state).toBe('returned');
  });
});

describe('GET /api/industry/stats/trend', () => {
  it('returns the documented IndustryTrendView: months back from the last accepted, with 同期 and 同比', async () => {
    const res = await dispatcher.get('/api/industry/stats/trend?chain=copper&indicators=output_fen,copper_sales_t&months=14');
    expect(res.statusCode).toBe(200);
    const v = res.json() as IndustryTrendView;
    expect(v.chain).toBe('copper');
    expect(v.chainLabel).toBe('铜基新材料');
    expect(v.indicators.map((i) => i.key)).toEqual(['output_fen', 'copper_sales_t']);
    const pts = v.indicators[0]!.points;
    expect(pts).toHaveLength(14);
    expect(pts[0]!.period).toBe('2025-02-01');
    expect(pts[13]).toEqual({ period: '2026-03-01', value: output('a', '2026-03-01'), lastYear: output('a', '2025-03-01'), yoyPct: growth(output('a', '2026-03-01'), output('a', '2025-03-01')), firms: 1 });
    expect(pts[0]!.lastYear).toBeNull();
    const bad = await dispatcher.get('/api/industry/stats/trend?indicators=output_fen,unknown_x');
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad).details[0]!.path).toBe('indicators.1');
  });
});

describe('GET /api/industry/stats/export', () => {
  it('writes the statistics-office layout, one sheet per chain and the park, and a rankings sheet', async () => {
    const res = await dispatcher.get('/api/industry/stats/export?month=2026-02');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['全园区', '物联网', '铜基新材料', '企业排名']);
    const ws = wb.getWorksheet('铜基新材料')!;
    expect(ws.getCell('A1').value).toBe('测试高新区 2026年1–2月经济运行主要指标(铜基新材料)');
    expect(String(ws.getCell('A2').value)).toContain('应报企业3家,已报送2家,已审核通过2家');
    expect(String(ws.getCell('A2').value)).toContain('可比口径');
    expect((ws.getRow(3).values as unknown[]).slice(1)).toEqual(['指标', '计量单位', '本月', '同期', '增速(%)', '累计', '同期累计', '累计增速(%)']);
    const row = ws.getRow(4);
    expect(row.getCell(1).value).toBe('工业总产值');
    expect(row.getCell(2).value).toBe('万元');
    const cur = output('a', '2026-02-01') + output('b', '2026-02-01');
    expect(row.getCell(3).value).toBe(Math.round(cur / 10_000) / 100);
    expect(row.getCell(3).numFmt).toBe('#,##0.00');
    const ly = output('a', '2025-02-01') + output('b', '2025-02-01');
    expect(row.getCell(5).value).toBe(growth(cur, ly));
    const ytd = sum(['a', 'b'], ['2026-01-01', '2026-02-01']);
    expect(row.getCell(6).value).toBe(Math.round(ytd / 10_000) / 100);
    const rk = wb.getWorksheet('企业排名')!;
    expect(rk.getRow(3).getCell(2).value).toBe('甲铜业有限公司');
    expect(rk.getRow(5).getCell(2).value).toBe('丙物联有限公司');
  });

  it('is for statistics staff only', async () => {
    expect((await firmUser.get('/api/industry/stats/export?month=2026-02')).statusCode).toBe(403);
  });
});

describe('policy facts from accepted figures', () => {
  it('writes the year facts when the 12th month is accepted, and a rule on revenue_fen then matches the firm', async () => {
    const firm = await buildEnterprise(t.ctx.db, park, { chain: 'iot', is_above_scale: true });
    await buildPolicy(t.ctx.db, park, {
      fundId: null,
      mode: 'auto',
      rule: { version: 1, params: [], eligibility: rb.all(rb.cmp(rb.fact('revenue_fen', -1), '>=', rb.num(100_000_000))), benefit: { amount: rb.num(1_000_000) }, payment: { period: 'year' } },
    });
    const fx = (p: string, revenue: number, employees: number): FigureFixture => ({ parkId: park.id, enterpriseId: firm.id, chain: 'iot', period: p, values: { revenue_fen: revenue, tax_fen: 1_000_000, employees } });
    await writeFigureFixtures(t.ctx.db, months('2024-01-01', '2024-12-01').map((p) => fx(p, 10_000_000, 100)));
    await writeFigureFixtures(t.ctx.db, months('2025-01-01', '2025-11-01').map((p) => fx(p, 12_000_000, 110)));
    const sync = () => t.ctx.db.transaction().execute((trx) => syncFactsFromFigures(trx, null, park.id, firm.id, 2025, NOW));
    await sync();
    const facts = () => t.ctx.db.selectFrom('enterprise_facts').select(['key', 'year', 'value_number', 'source']).where('enterprise_id', '=', firm.id).where('year', '=', 2025).orderBy('key').execute();
    const match = () => t.ctx.db.selectFrom('policy_matches').select('status').where('enterprise_id', '=', firm.id).executeTakeFirst();
    expect(await facts()).toEqual([]);
    expect((await match())?.status ?? 'none').not.toBe('eligible');
    await writeFigureFixtures(t.ctx.db, [fx('2025-12-01', 12_000_000, 95)]);
    await sync();
    expect(await facts()).toEqual([
      { key: 'new_hires', year: 2025, value_number: 0, source: 'system' },
      { key: 'revenue_fen', year: 2025, value_number: 144_000_000, source: 'system' },
      { key: 'revenue_growth', year: 2025, value_number: 20, source: 'system' },
      { key: 'tax_paid_fen', year: 2025, value_number: 12_000_000, source: 'system' },
    ]);
    expect((await match())!.status).toBe('eligible');
    // a correction that takes a month away removes what the system wrote
    await t.ctx.db.deleteFrom('industry_figures').where('enterprise_id', '=', firm.id).where('period', '=', '2025-06-01').execute();
    await sync();
    expect(await facts()).toEqual([]);
  });

  it('the batch form writes every complete year of many firms at once and leaves officer values of incomplete years alone', async () => {
    const firms: EnterpriseRow[] = [];
    for (let i = 0; i < 12; i += 1) firms.push(await buildEnterprise(t.ctx.db, park, { chain: 'copper', is_above_scale: true }));
    const fx: FigureFixture[] = [];
    firms.forEach((f, i) => {
      // firm i reports 2023 … 2025 fully, except that odd firms miss 2025-07
      for (const p of months('2023-01-01', '2025-12-01')) {
        if (i % 2 === 1 && p === '2025-07-01') continue;
        fx.push({ parkId: park.id, enterpriseId: f.id, chain: 'copper', period: p, values: { revenue_fen: 1_000_000 * (i + 1) * (p < '2024-01-01' ? 1 : p < '2025-01-01' ? 2 : 3), tax_fen: 10_000, employees: 50 + Number(p.slice(0, 4)) - 2023 } });
      }
    });
    await writeFigureFixtures(t.ctx.db, fx);
    const odd = firms[1]!;
    await t.ctx.db.insertInto('enterprise_facts').values({ park_id: park.id, enterprise_id: odd.id, key: 'revenue_fen', year: 2025, value_number: 5, source: 'officer', updated_at: NOW }).execute();
    const changed = await t.ctx.db.transaction().execute((trx) => syncFactsForFirms(trx, null, park.id, firms.map((f) => f.id), [2023, 2024, 2025], NOW));
    expect(changed).toBe(12);
    const rows = await t.ctx.db.selectFrom('enterprise_facts').select(['enterprise_id', 'key', 'year', 'value_number', 'source']).where('enterprise_id', 'in', firms.map((f) => f.id)).execute();
    const get = (id: string, key: string, year: number) => rows.find((r) => r.enterprise_id === id && r.key === key && r.year === year);
    expect(get(firms[0]!.id, 'revenue_fen', 2024)?.value_number).toBe(24_000_000);
    expect(get(firms[0]!.id, 'revenue_growth', 2024)?.value_number).toBe(100);
    expect(get(firms[0]!.id, 'revenue_growth', 2025)?.value_number).toBe(50);
    expect(get(firms[0]!.id, 'new_hires', 2025)?.value_number).toBe(1);
    // 2023 has no previous year: revenue but no growth, no hires
    expect(get(firms[0]!.id, 'revenue_fen', 2023)?.value_number).toBe(12_000_000);
    expect(get(firms[0]!.id, 'revenue_growth', 2023)).toBeUndefined();
    // the odd firm's 2025 is incomplete: the officer's value stays, no system value is written
    expect(get(odd.id, 'revenue_fen', 2025)).toMatchObject({ value_number: 5, source: 'officer' });
    expect(get(odd.id, 'tax_paid_fen', 2025)).toBeUndefined();
    expect(get(odd.id, 'revenue_fen', 2024)?.source).toBe('system');
    // run again: nothing changes
    expect(await t.ctx.db.transaction().execute((trx) => syncFactsForFirms(trx, null, park.id, firms.map((f) => f.id), [2023, 2024, 2025], NOW))).toBe(0);
  });
});
