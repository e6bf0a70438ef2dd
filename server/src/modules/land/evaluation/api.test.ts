import ExcelJS from 'exceljs';
import type { MujunEvaluateResult, MujunFiguresView, MujunFirmHistory, MujunInefficientView, MujunRankingView, MujunThresholdRules } from '@yuanqi/contract';
import { gradeMujun } from '@yuanqi/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EnterpriseRow } from '../../../db/schema.js';
import { anonymous, clientAs, createTestApp, errorOf, type Client, type TestApp } from '../../../../test/harness.js';
import { buildEnterprise, buildPark, buildUser, type TestPark } from '../../../../test/factories.js';

const NOW = new Date('2026-12-08T02:00:00Z');
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** One indicator, so a fen moves the score visibly: 亩均税收 against 10万元/亩 (weight 100, no cap beyond 1.2). */
const rulesWith = (benchmarkWanPerMu: number): MujunThresholdRules => ({
  indicators: [{ key: 'tax_per_mu', benchmark: benchmarkWanPerMu * 1_000_000, weight: 100, cap: 1.2 }],
  cutoffs: { A: 85, B: 70, C: 50 },
});

let t: TestApp;
let park: TestPark;
let otherPark: TestPark;
let office: Client;
let leader: Client;
let liaison: Client;
let firmUser: Client;
let otherOffice: Client;
const firms: Record<string, EnterpriseRow> = {};
const parcelOf: Record<string, string> = {};
let foreignFirm: EnterpriseRow;

/** A square-ish parcel of `mu` 亩 held by `firm`, status `status`. */
async function parcel(code: string, firm: EnterpriseRow | null, mu: number, status: string, parkId = park.id): Promise<string> {
  const row = await t.ctx.db
    .insertInto('land_parcels')
    .values({
      park_id: parkId,
      code,
      boundary: JSON.stringify({ type: 'Polygon', coordinates: [[[117, 28], [117.001, 28], [117.001, 28.001], [117, 28.001], [117, 28]]] }),
      area_mu: mu,
      centroid_lng: 117.0005,
      centroid_lat: 28.0005,
      planned_use: 'industrial',
      enterprise_id: firm?.id ?? null,
      status,
      status_since: '2024-01-01',
      transferred_on: '2022-01-01',
      producing_on: status === 'producing' ? '2024-01-01' : null,
      created_at: NOW,
      updated_at: NOW,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

async function enter(firm: EnterpriseRow, year: number, body: Record<string, unknown>, client = office) {
  const res = await client.put(`/api/land/evaluation/figures/${firm.id}/${year}`, body);
  expect(res.statusCode, res.body).toBe(200);
}

async function evaluate(year: number, client = office): Promise<MujunEvaluateResult> {
  const res = await client.post(`/api/land/evaluation/years/${year}/evaluate`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

async function rankingOf(year: number, extra = ''): Promise<MujunRankingView> {
  const res = await office.get(`/api/land/evaluation?year=${year}&pageSize=200${extra}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}
const gradeIn = (view: MujunRankingView, firm: EnterpriseRow) => view.items.find((i) => i.enterpriseId === firm.id)?.grade;

function multipart(file: Buffer) {
  const boundary = `----yq${Math.random().toString(16).slice(2)}`;
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="亩均.xlsx"\r\nContent-Type: ${XLSX}\r\n\r\n`;
  return { payload: Buffer.concat([Buffer.from(head), file, Buffer.from(`\r\n--${boundary}--\r\n`)]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

beforeAll(async () => {
  t = await createTestApp({}, NOW);
  park = await buildPark(t.ctx.db);
  otherPark = await buildPark(t.ctx.db, '别的园区');
  const liaisonRow = await buildUser(t.ctx.db, park, { roles: ['liaison'] });
  for (const key of ['onA', 'belowA', 'onC', 'belowC', 'reports', 'partial', 'none']) {
    firms[key] = await buildEnterprise(t.ctx.db, park, { name: `亩均测试${key}有限公司`, liaison_id: key === 'onA' ? liaisonRow.id : null });
  }
  foreignFirm = await buildEnterprise(t.ctx.db, otherPark, { name: '别园企业' });
  for (const [key, firm] of Object.entries(firms)) parcelOf[key] = await parcel(`T-${key}`, firm, 10, 'producing');
  await parcel('T-reserve', null, 30, 'reserve');
  await parcel('X-1', foreignFirm, 5, 'producing', otherPark.id);
  office = await clientAs(t, await buildUser(t.ctx.db, park, { roles: ['dispatcher'] }));
  leader = await clientAs(t, await buildUser(t.ctx.db, park, { roles: ['leader'] }));
  liaison = await clientAs(t, liaisonRow);
  firmUser = await clientAs(t, await buildUser(t.ctx.db, park, { roles: ['enterprise'], enterpriseId: firms.onA!.id }));
  otherOffice = await clientAs(t, await buildUser(t.ctx.db, otherPark, { roles: ['dispatcher'] }));

  // 12 accepted months of 2025 for `reports`: tax 1,000,000 fen a month = 12,000,000 (1.2万元/亩 on 10 亩)
  // and 6 months for `partial`.
  const months = (n: number) => Array.from({ length: n }, (_, i) => `2025-${String(i + 1).padStart(2, '0')}-01`);
  await t.ctx.db
    .insertInto('industry_figures')
    .values([
      ...months(12).flatMap((period) => [
        { park_id: park.id, enterprise_id: firms.reports!.id, period, indicator_key: 'tax_fen', value: 1_000_000, chain: null, revision: 1 },
        { park_id: park.id, enterprise_id: firms.reports!.id, period, indicator_key: 'revenue_fen', value: 30_000_000, chain: null, revision: 1 },
      ]),
      ...months(6).map((period) => ({ park_id: park.id, enterprise_id: firms.partial!.id, period, indicator_key: 'tax_fen', value: 5_000_000, chain: null, revision: 1 })),
    ])
    .execute();
});
afterAll(async () => {
  await t.close();
});

describe('the scoring rule', () => {
  it('truncates points to two decimals, so one fen short of a cut-off stays below it', () => {
    const rules = rulesWith(10);
    expect(gradeMujun(rules, { tax_per_mu: 8_500_000 })).toMatchObject({ score: 85, grade: 'A' });
    expect(gradeMujun(rules, { tax_per_mu: 8_499_999.9 })).toMatchObject({ score: 84.99, grade: 'B' });
    expect(gradeMujun(rules, { tax_per_mu: 20_000_000 }).score).toBe(120); // capped at 1.2 × weight
    expect(gradeMujun(rules, { tax_per_mu: null })).toMatchObject({ score: 0, grade: 'D' });
  });
});

describe('thresholds', () => {
  it('refuses rules whose weights do not add up to 100 or whose cut-offs are out of order, naming the field', async () => {
    const bad = await office.post('/api/land/evaluation/thresholds', { validFrom: '2024-01-01', rules: { indicators: [{ key: 'tax_per_mu', benchmark: 1, weight: 60 }], cutoffs: { A: 85, B: 70, C: 50 } } });
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad).details[0]).toMatchObject({ path: 'rules.indicators' });
    expect(errorOf(bad).details[0]!.message).toContain('权重合计应为100');
    const order = await office.post('/api/land/evaluation/thresholds', { validFrom: '2024-01-01', rules: { ...rulesWith(10), cutoffs: { A: 50, B: 70, C: 40 } } });
    expect(errorOf(order).details[0]).toMatchObject({ path: 'rules.cutoffs' });
  });

  it('keeps dated versions: one from 2024-01-01 and a stricter one from 2026-01-01; the same date twice is a 409', async () => {
    expect((await office.post('/api/land/evaluation/thresholds', { validFrom: '2024-01-01', rules: rulesWith(10), note: '首版' })).statusCode).toBe(200);
    expect((await office.post('/api/land/evaluation/thresholds', { validFrom: '2026-01-01', rules: rulesWith(20), note: '提高标准' })).statusCode).toBe(200);
    expect((await office.post('/api/land/evaluation/thresholds', { validFrom: '2026-01-01', rules: rulesWith(30) })).statusCode).toBe(409);
    const list = (await leader.get('/api/land/evaluation/thresholds')).json();
    expect(list.items.map((i: { validFrom: string }) => i.validFrom)).toEqual(['2026-01-01', '2024-01-01']);
  });

  it('is managed by land:manage only', async () => {
    expect((await leader.post('/api/land/evaluation/thresholds', { validFrom: '2027-01-01', rules: rulesWith(10) })).statusCode).toBe(403);
    expect((await firmUser.get('/api/land/evaluation/thresholds')).statusCode).toBe(403);
    expect((await anonymous(t).get('/api/land/evaluation/thresholds')).statusCode).toBe(401);
  });
});

describe('grading a year', () => {
  it('grades exactly on a cut-off up and one fen below it down', async () => {
    // 10 亩 each: tax 85,000,000 fen = 8.5万元/亩 = 85.00 points (A); one fen less = 84.99 (B).
    await enter(firms.onA!, 2025, { taxFen: 85_000_000 });
    await enter(firms.belowA!, 2025, { taxFen: 84_999_999 });
    await enter(firms.onC!, 2025, { taxFen: 50_000_000 });
    await enter(firms.belowC!, 2025, { taxFen: 49_999_999 });
    const result = await evaluate(2025);
    expect(result.firms).toBe(7);
    expect(result.thresholdValidFrom).toBe('2024-01-01');
    const view = await rankingOf(2025);
    expect(gradeIn(view, firms.onA!)).toBe('A');
    expect(gradeIn(view, firms.belowA!)).toBe('B');
    expect(gradeIn(view, firms.onC!)).toBe('C');
    expect(gradeIn(view, firms.belowC!)).toBe('D');
    const onA = view.items.find((i) => i.enterpriseId === firms.onA!.id)!;
    expect(onA).toMatchObject({ score: 85, taxPerMuFen: 8_500_000, landMu: 10, taxSource: 'entered', rank: 1 });
    expect(view.items.find((i) => i.enterpriseId === firms.belowA!.id)!.score).toBe(84.99);
    // the reserve parcel (no holder) and the other park's firm are not graded
    expect(view.total).toBe(7);
    expect(view.counts).toMatchObject({ A: 1, B: 1, C: 1, total: 7 });
  });

  it('takes revenue and tax from the accepted monthly reports when they cover the year, else the entered figure', async () => {
    await enter(firms.reports!, 2025, { taxFen: 999, revenueFen: 5 });
    await enter(firms.partial!, 2025, { taxFen: 70_000_000 });
    await evaluate(2025);
    const view = await rankingOf(2025);
    const rep = view.items.find((i) => i.enterpriseId === firms.reports!.id)!;
    expect(rep).toMatchObject({ taxFen: 12_000_000, revenueFen: 360_000_000, taxSource: 'reports', revenueSource: 'reports', reportMonths: 12, taxPerMuFen: 1_200_000 });
    const partial = view.items.find((i) => i.enterpriseId === firms.partial!.id)!;
    expect(partial).toMatchObject({ taxFen: 70_000_000, taxSource: 'entered', grade: 'B' });
    const none = view.items.find((i) => i.enterpriseId === firms.none!.id)!;
    expect(none).toMatchObject({ taxFen: null, taxSource: 'none', score: 0, grade: 'D' });
    const figures: MujunFiguresView = (await office.get('/api/land/evaluation/figures?year=2025&pageSize=50')).json();
    const f = figures.items.find((i) => i.enterpriseId === firms.reports!.id)!;
    expect(f).toMatchObject({ reportTaxFen: 12_000_000, taxFen: 12_000_000, taxSource: 'reports', entered: { taxFen: 999 } });
  });

  it('grades the same figures differently after the dated threshold change', async () => {
    await enter(firms.onA!, 2026, { taxFen: 85_000_000 });
    const first = await evaluate(2026);
    // 2026 is now the latest graded year: publishing it marks the producing parcels of its D firms
    // 低效 — the three D firms of 2025 were marked when 2025 was published, four more now
    expect(first).toMatchObject({ published: true, markedInefficient: 4, counts: { A: 0, B: 0, C: 0, D: 7 } });
    const before = await rankingOf(2025);
    const after = await rankingOf(2026);
    expect(gradeIn(before, firms.onA!)).toBe('A');
    expect(after.threshold?.validFrom).toBe('2026-01-01');
    // 8.5万元/亩 against 20万元/亩 = 42.5 points
    expect(after.items.find((i) => i.enterpriseId === firms.onA!.id)).toMatchObject({ score: 42.5, grade: 'D' });
  });

  it('filters by grade and chain and exports a real workbook', async () => {
    const d = await rankingOf(2025, '&grade=D');
    expect(d.items.every((i) => i.grade === 'D')).toBe(true);
    expect(d.items.length).toBe(d.counts.D);
    const res = await office.get('/api/land/evaluation/export?year=2025');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ExcelJS.Buffer);
    const ws = wb.worksheets[0]!;
    expect(String(ws.getCell('A1').value)).toContain('2025年度亩均效益评价结果');
    expect(ws.getRow(4).getCell(2).value).toBe(firms.onA!.name);
    expect(ws.getRow(4).getCell(12).value).toBe('A');
  });
});

describe('publication: the 低效 parcels are computed', () => {
  it('moves the producing parcels of firms graded D in the latest year to 低效, and back when they are no longer D', async () => {
    // re-running the published year moves nothing more: its parcels are 低效 already
    const result = await evaluate(2026);
    expect(result).toMatchObject({ published: true, markedInefficient: 0, rectified: 0 });
    const status = async (key: string) => (await t.ctx.db.selectFrom('land_parcels').select('status').where('id', '=', parcelOf[key]!).executeTakeFirstOrThrow()).status;
    expect(await status('onA')).toBe('inefficient');
    const events = await t.ctx.db.selectFrom('land_parcel_events').selectAll().where('parcel_id', '=', parcelOf.onA!).execute();
    expect(events.length).toBeGreaterThan(0);
    const list: MujunInefficientView = (await leader.get('/api/land/evaluation/inefficient?year=2026')).json();
    expect(list.inefficientCount).toBe(7);
    expect(list.totalMu).toBe(70);

    // the firm reports more tax for 2026: 200,000,000 fen = 20万元/亩 = 100 points, A
    await enter(firms.onA!, 2026, { taxFen: 200_000_000 });
    const again = await evaluate(2026);
    expect(again.rectified).toBe(1);
    expect(await status('onA')).toBe('producing');

    // an earlier year does not move parcels
    const old = await evaluate(2025);
    expect(old.published).toBe(false);
    expect(await status('onA')).toBe('producing');
  });
});

describe('scope', () => {
  it('answers 403 to those without land permissions and 404 for a firm outside the scope', async () => {
    expect((await leader.post('/api/land/evaluation/years/2025/evaluate')).statusCode).toBe(403);
    expect((await liaison.post('/api/land/evaluation/years/2025/evaluate')).statusCode).toBe(403);
    expect((await firmUser.get('/api/land/evaluation?year=2025')).statusCode).toBe(403);
    expect((await office.get(`/api/land/evaluation/firms/${foreignFirm.id}`)).statusCode).toBe(404);
    expect((await liaison.get(`/api/land/evaluation/firms/${firms.belowA!.id}`)).statusCode).toBe(404);
    expect((await office.put(`/api/land/evaluation/figures/${foreignFirm.id}/2025`, { taxFen: 1 })).statusCode).toBe(404);
  });

  it('shows a liaison its own firms only, and another park nothing of this one', async () => {
    const view: MujunRankingView = (await liaison.get('/api/land/evaluation?year=2025')).json();
    expect(view.items.map((i) => i.enterpriseId)).toEqual([firms.onA!.id]);
    expect(view.items[0]!.rank).toBe(1);
    const history: MujunFirmHistory = (await liaison.get(`/api/land/evaluation/firms/${firms.onA!.id}`)).json();
    expect(history.years.map((y) => [y.year, y.grade])).toEqual([[2026, 'A'], [2025, 'A']]);
    const foreign: MujunRankingView = (await otherOffice.get('/api/land/evaluation?year=2025')).json();
    expect(foreign.total).toBe(0);
  });
});

describe('figures import', () => {
  async function workbook(rows: unknown[][]): Promise<Buffer> {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('数据');
    ws.addRow(['统一社会信用代码', '企业名称', '年度', '营业收入(元)', '税收(元)', '累计固定资产投资(元)', '建筑面积(㎡)']);
    for (const r of rows) ws.addRow(r);
    return Buffer.from(await wb.xlsx.writeBuffer());
  }

  it('refuses the whole file when one row is wrong, naming the row and column', async () => {
    const file = await workbook([
      [firms.none!.uscc, '', 2025, '1000000.50', 80000, 5000000, 12000],
      ['', '不存在的公司', 2025, 1, 1, 1, 1],
      ['', firms.onC!.name, 2025, -5, 1, 1, 1],
    ]);
    const res = await office.request({ method: 'POST', url: '/api/land/evaluation/figures/import', ...multipart(file) });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.imported).toBe(0);
    expect(body.rejected).toEqual([
      { row: 3, column: '企业名称', message: '园区企业库中没有“不存在的公司”' },
      { row: 4, column: '营业收入(元)', message: '营业收入不能为负数' },
    ]);
    const row = await t.ctx.db.selectFrom('land_firm_figures').selectAll().where('enterprise_id', '=', firms.none!.id).executeTakeFirst();
    expect(row).toBeUndefined();
  });

  it('imports a clean file in one go, by credit code or name', async () => {
    const file = await workbook([
      [firms.none!.uscc, '', 2025, '1000000.50', 80000, 5000000, 12000],
      ['', firms.onC!.name, 2024, 100, 200, 300, 400.5],
    ]);
    const res = await office.request({ method: 'POST', url: '/api/land/evaluation/figures/import', ...multipart(file) });
    expect(res.json()).toMatchObject({ imported: 2, updated: 0, rejected: [] });
    const row = await t.ctx.db.selectFrom('land_firm_figures').selectAll().where('enterprise_id', '=', firms.none!.id).where('year', '=', 2025).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ revenue_fen: 100_000_050, tax_fen: 8_000_000, investment_fen: 500_000_000, floor_area_m2: 12000, source: 'import' });
    const tpl = await office.get('/api/land/evaluation/figures/template?year=2025');
    expect(tpl.statusCode).toBe(200);
    expect(tpl.headers['content-type']).toContain('spreadsheetml');
  });
});
