import ExcelJS from 'exceljs';
import type { SmartCostImportReport, SmartProjectDetail, SmartProjectList } from '@yuanqi/contract';
import { addMonths } from '@yuanqi/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, clientAs, createTestApp, errorOf, type Client, type TestApp } from '../../../../test/harness.js';
import { buildEnterprise, buildPark, buildUser, type TestPark } from '../../../../test/factories.js';

// Thursday 26 Nov 2026, 10:00 in Shanghai
const NOW = new Date('2026-11-26T02:00:00Z');

let t: TestApp;

type World = {
  park: TestPark;
  firmId: string;
  otherFirmId: string;
  office: Client;
  leader: Client;
  firm: Client;
  otherFirm: Client;
  liaison: Client;
  otherLiaison: Client;
};

/** A park with two copper firms, each served by its own liaison. */
async function world(): Promise<World> {
  const db = t.ctx.db;
  const park = await buildPark(db);
  const liaisonRow = await buildUser(db, park, { roles: ['liaison'] });
  const otherLiaisonRow = await buildUser(db, park, { roles: ['liaison'] });
  const firm = await buildEnterprise(db, park, { chain: 'copper', is_above_scale: true, liaison_id: liaisonRow.id });
  const other = await buildEnterprise(db, park, { chain: 'copper', is_above_scale: true, liaison_id: otherLiaisonRow.id });
  return {
    park,
    firmId: firm.id,
    otherFirmId: other.id,
    office: await clientAs(t, await buildUser(db, park, { roles: ['dispatcher'] })),
    leader: await clientAs(t, await buildUser(db, park, { roles: ['leader'] })),
    firm: await clientAs(t, await buildUser(db, park, { roles: ['enterprise'], enterpriseId: firm.id })),
    otherFirm: await clientAs(t, await buildUser(db, park, { roles: ['enterprise'], enterpriseId: other.id })),
    liaison: await clientAs(t, liaisonRow),
    otherLiaison: await clientAs(t, otherLiaisonRow),
  };
}

const project = (over: Record<string, unknown> = {}) => ({
  name: '熔铸车间智能化改造',
  content: '熔炼炉自动控温、在线检测',
  vendor: '某智能装备有限公司',
  investmentFen: 600_000_000,
  startedOn: '2025-01-10',
  liveOn: '2025-06-15',
  status: 'live',
  ...over,
});

async function create(client: Client, body: Record<string, unknown>): Promise<SmartProjectDetail> {
  const res = await client.post('/api/industry/smart/projects', body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

/** 12 months at 1,000,000 元 before go-live (2025-06), the changeover month, `after` months at 750,000 元. */
function costGrid(after: number) {
  return [
    ...Array.from({ length: 12 }, (_, i) => ({ month: addMonths('2024-06-01', i).slice(0, 7), costFen: 100_000_000 })),
    { month: '2025-06', costFen: 95_000_000, note: '上线当月' },
    ...Array.from({ length: after }, (_, i) => ({ month: addMonths('2025-07-01', i).slice(0, 7), costFen: 75_000_000 })),
  ];
}

function multipart(file: Buffer, name = 'costs.xlsx') {
  const boundary = '----smart-test';
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`;
  return { payload: Buffer.concat([Buffer.from(head), file, Buffer.from(`\r\n--${boundary}--\r\n`)]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

beforeAll(async () => {
  t = await createTestApp({}, NOW);
});
afterAll(async () => {
  await t.close();
});

describe('POST /api/industry/smart/projects', () => {
  it('is 401 without a session', async () => {
    const res = await anonymous(t).post('/api/industry/smart/projects', project());
    expect(res.statusCode).toBe(401);
  });

  it('names each wrong field in Chinese and writes nothing', async () => {
    const w = await world();
    const res = await w.office.post('/api/industry/smart/projects', { enterpriseId: w.firmId, name: '', investmentFen: -5, status: 'live', startedOn: '2025-13-01' });
    expect(res.statusCode).toBe(400);
    const details = errorOf(res).details;
    const byPath = Object.fromEntries(details.map((d) => [d.path, d.message]));
    expect(byPath.name).toContain('项目名称');
    expect(byPath.investmentFen).toContain('投资');
    expect(byPath.startedOn).toContain('启动日期');
    expect(byPath.liveOn).toBe('已上线的项目请填写上线日期');
    const list: SmartProjectList = (await w.office.get('/api/industry/smart/projects')).json();
    expect(list.items).toHaveLength(0);
  });

  it('refuses a go-live before the start, and a live project going live in the future', async () => {
    const w = await world();
    const early = await w.office.post('/api/industry/smart/projects', project({ enterpriseId: w.firmId, startedOn: '2025-07-01', liveOn: '2025-06-01' }));
    expect(early.statusCode).toBe(400);
    expect(errorOf(early).details).toEqual([{ path: 'liveOn', message: '上线日期不能早于启动日期' }]);
    const future = await w.office.post('/api/industry/smart/projects', project({ enterpriseId: w.firmId, liveOn: '2026-12-20' }));
    expect(future.statusCode).toBe(400);
    expect(errorOf(future).details[0]).toEqual({ path: 'liveOn', message: '已上线项目的上线日期不能晚于今天' });
    // a planned project may name a go-live date ahead
    await create(w.office, project({ enterpriseId: w.firmId, status: 'planned', startedOn: '2027-01-01', liveOn: '2027-06-01' }));
  });

  it('needs the firm from the office; a firm files for itself whatever it names', async () => {
    const w = await world();
    const missing = await w.office.post('/api/industry/smart/projects', project());
    expect(missing.statusCode).toBe(400);
    expect(errorOf(missing).details).toEqual([{ path: 'enterpriseId', message: '请选择企业' }]);
    const own = await create(w.firm, project({ enterpriseId: w.otherFirmId }));
    expect(own.enterpriseId).toBe(w.firmId);
  });

  it('is 404 for a liaison naming a firm it does not serve, 403 for a leader who only reads', async () => {
    const w = await world();
    const res = await w.liaison.post('/api/industry/smart/projects', project({ enterpriseId: w.otherFirmId }));
    expect(res.statusCode).toBe(404);
    const ok = await create(w.liaison, project({ enterpriseId: w.firmId }));
    expect(ok.enterpriseId).toBe(w.firmId);
    const leader = await w.leader.post('/api/industry/smart/projects', project({ enterpriseId: w.firmId }));
    expect(leader.statusCode).toBe(403);
  });
});

describe('GET /api/industry/smart/projects/:id', () => {
  it('is 404 for another firm, its liaison, and a malformed id; the office and the leader read it', async () => {
    const w = await world();
    const p = await create(w.firm, project());
    for (const client of [w.otherFirm, w.otherLiaison]) {
      expect((await client.get(`/api/industry/smart/projects/${p.id}`)).statusCode).toBe(404);
      expect((await client.put(`/api/industry/smart/projects/${p.id}/costs`, { version: p.version, costs: costGrid(3) })).statusCode).toBe(404);
      expect((await client.put(`/api/industry/smart/projects/${p.id}`, { ...project(), version: p.version })).statusCode).toBe(404);
      expect((await client.get(`/api/industry/smart/projects/${p.id}/costs/template`)).statusCode).toBe(404);
      expect((await client.delete(`/api/industry/smart/projects/${p.id}?version=${p.version}`)).statusCode).toBe(404);
      const list: SmartProjectList = (await client.get('/api/industry/smart/projects')).json();
      expect(list.items.map((i) => i.id)).not.toContain(p.id);
    }
    expect((await w.office.get('/api/industry/smart/projects/not-a-uuid')).statusCode).toBe(404);
    expect((await w.leader.get(`/api/industry/smart/projects/${p.id}`)).statusCode).toBe(200);
    expect((await w.liaison.get(`/api/industry/smart/projects/${p.id}`)).statusCode).toBe(200);
    const leaderView: SmartProjectDetail = (await w.leader.get(`/api/industry/smart/projects/${p.id}`)).json();
    expect(leaderView.canEdit).toBe(false);
  });
});

describe('PUT /api/industry/smart/projects/:id/costs', () => {
  it('computes the saving and the payback from the months entered', async () => {
    const w = await world();
    const p = await create(w.firm, project());
    expect(p.saving).toMatchObject({ sufficient: false, reason: 'no_before' });
    const res = await w.firm.put(`/api/industry/smart/projects/${p.id}/costs`, { version: p.version, costs: costGrid(6) });
    expect(res.statusCode, res.body).toBe(200);
    const d: SmartProjectDetail = res.json();
    expect(d.saving).toEqual({
      sufficient: true,
      beforeMonths: 12,
      afterMonths: 6,
      beforeAvgFen: 100_000_000,
      afterAvgFen: 75_000_000,
      monthlySavingFen: 25_000_000,
      annualSavingFen: 300_000_000,
      paybackMonths: 24,
      band: 'within',
    });
    expect(d.costs).toHaveLength(19);
    expect(d.costs.find((c) => c.month === '2025-06-01')).toMatchObject({ phase: 'golive', note: '上线当月' });
    expect(d.costs.filter((c) => c.phase === 'before')).toHaveLength(12);
    expect(d.costs.filter((c) => c.phase === 'after')).toHaveLength(6);
  });

  it('says 数据不足 with two months after go-live, then computes once a third is entered', async () => {
    const w = await world();
    const p = await create(w.office, project({ enterpriseId: w.firmId }));
    const two: SmartProjectDetail = (await w.office.put(`/api/industry/smart/projects/${p.id}/costs`, { version: p.version, costs: costGrid(2) })).json();
    expect(two.saving).toMatchObject({ sufficient: false, reason: 'few_after', afterMonths: 2, message: '数据不足:上线后仅有2个月成本数据(至少3个月)' });
    const three: SmartProjectDetail = (await w.office.put(`/api/industry/smart/projects/${p.id}/costs`, { version: two.version, costs: [{ month: '2025-09', costFen: 75_000_000 }] })).json();
    expect(three.saving).toMatchObject({ sufficient: true, afterMonths: 3, annualSavingFen: 300_000_000 });
    // a null cost removes the month again
    const removed: SmartProjectDetail = (await w.office.put(`/api/industry/smart/projects/${p.id}/costs`, { version: three.version, costs: [{ month: '2025-09', costFen: null }] })).json();
    expect(removed.saving.sufficient).toBe(false);
    expect(removed.costs.map((c) => c.month)).not.toContain('2025-09-01');
  });

  it('refuses future months, repeated months and negative costs naming the row, and writes none of the batch', async () => {
    const w = await world();
    const p = await create(w.firm, project());
    const res = await w.firm.put(`/api/industry/smart/projects/${p.id}/costs`, {
      version: p.version,
      costs: [
        { month: '2025-01', costFen: 1_000 },
        { month: '2026-12', costFen: 1_000 },
        { month: '2025-01', costFen: 2_000 },
      ],
    });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).details).toEqual([
      { path: 'costs.1.month', message: '月份:2026-12 晚于本月,不能填写未来月份的成本' },
      { path: 'costs.2.month', message: '月份:2025-01 重复填写' },
    ]);
    const negative = await w.firm.put(`/api/industry/smart/projects/${p.id}/costs`, { version: p.version, costs: [{ month: '2025-01', costFen: -1 }, { month: '2025/02', costFen: 1 }] });
    expect(negative.statusCode).toBe(400);
    const paths = errorOf(negative).details.map((d) => d.path);
    expect(paths).toEqual(['costs.0.costFen', 'costs.1.month']);
    expect(errorOf(negative).details[0]!.message).toContain('运行成本');
    const d: SmartProjectDetail = (await w.firm.get(`/api/industry/smart/projects/${p.id}`)).json();
    expect(d.costs).toHaveLength(0);
    expect(d.version).toBe(p.version);
  });

  it('is 409 for a grid saved over someone else’s change', async () => {
    const w = await world();
    const p = await create(w.firm, project());
    expect((await w.firm.put(`/api/industry/smart/projects/${p.id}/costs`, { version: p.version, costs: costGrid(3) })).statusCode).toBe(200);
    const stale = await w.liaison.put(`/api/industry/smart/projects/${p.id}/costs`, { version: p.version, costs: [{ month: '2025-10', costFen: 1 }] });
    expect(stale.statusCode).toBe(409);
    const d: SmartProjectDetail = (await w.firm.get(`/api/industry/smart/projects/${p.id}`)).json();
    expect(d.costs.map((c) => c.month)).not.toContain('2025-10-01');
  });
});

describe('GET /api/industry/smart/projects (summary)', () => {
  it('checks the claim across live projects: below, within and above ¥2–4M, insufficient apart', async () => {
    const w = await world();
    const grid = (afterFen: number) => [
      ...Array.from({ length: 12 }, (_, i) => ({ month: addMonths('2024-06-01', i).slice(0, 7), costFen: 100_000_000 })),
      ...Array.from({ length: 4 }, (_, i) => ({ month: addMonths('2025-07-01', i).slice(0, 7), costFen: afterFen })),
    ];
    // savings per month ¥125,000 (1.5M/yr), ¥250,000 (3M), ¥383,333.33 (4.6M); one with too few months; one building
    for (const [name, afterFen, firm] of [
      ['甲', 87_500_000, w.firmId],
      ['乙', 75_000_000, w.firmId],
      ['丙', 61_666_667, w.otherFirmId],
    ] as const) {
      const p = await create(w.office, project({ enterpriseId: firm, name }));
      expect((await w.office.put(`/api/industry/smart/projects/${p.id}/costs`, { version: p.version, costs: grid(afterFen) })).statusCode).toBe(200);
    }
    const short = await create(w.office, project({ enterpriseId: w.firmId, name: '丁' }));
    await w.office.put(`/api/industry/smart/projects/${short.id}/costs`, { version: short.version, costs: costGrid(1) });
    await create(w.office, project({ enterpriseId: w.firmId, name: '戊', status: 'building', liveOn: null, investmentFen: 100_000_000 }));

    const list: SmartProjectList = (await w.office.get('/api/industry/smart/projects')).json();
    const s = list.summary;
    expect(s.projects).toBe(5);
    expect(s.live).toBe(4);
    expect(s.computed).toBe(3);
    expect(s.insufficient).toBe(1);
    expect(s.totalInvestmentFen).toBe(4 * 600_000_000 + 100_000_000);
    expect({ below: s.claim.below, within: s.claim.within, above: s.claim.above }).toEqual({ below: 1, within: 1, above: 1 });
    expect(s.perProject.map((p) => [p.name, p.annualSavingFen, p.band])).toEqual([
      ['丙', 459_999_996, 'above'],
      ['乙', 300_000_000, 'within'],
      ['甲', 150_000_000, 'below'],
    ]);
    expect(s.totalAnnualSavingFen).toBe(459_999_996 + 300_000_000 + 150_000_000);

    // the firm sees only its own projects, and the summary over them
    const own: SmartProjectList = (await w.otherFirm.get('/api/industry/smart/projects')).json();
    expect(own.items.map((i) => i.name)).toEqual(['丙']);
    expect(own.summary.claim.above).toBe(1);
    const filtered: SmartProjectList = (await w.office.get(`/api/industry/smart/projects?status=building`)).json();
    expect(filtered.items.map((i) => i.name)).toEqual(['戊']);
  });
});

describe('PUT and DELETE /api/industry/smart/projects/:id', () => {
  it('updates with the version read, 409 when stale; deletes with its costs', async () => {
    const w = await world();
    const p = await create(w.firm, project());
    const res = await w.firm.put(`/api/industry/smart/projects/${p.id}`, { ...project({ investmentFen: 900_000_000 }), version: p.version });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().investmentFen).toBe(900_000_000);
    expect((await w.firm.put(`/api/industry/smart/projects/${p.id}`, { ...project(), version: p.version })).statusCode).toBe(409);
    const version = res.json().version;
    expect((await w.firm.delete(`/api/industry/smart/projects/${p.id}?version=${version}`)).statusCode).toBe(204);
    expect((await w.firm.get(`/api/industry/smart/projects/${p.id}`)).statusCode).toBe(404);
  });
});

describe('POST /api/industry/smart/projects/:id/costs/import', () => {
  it('imports the good rows of the template, reports the bad ones by row, and is 404 for another firm', async () => {
    const w = await world();
    const p = await create(w.firm, project());
    const template = await w.firm.get(`/api/industry/smart/projects/${p.id}/costs/template`);
    expect(template.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(template.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    // the template lists 2024-06 (12 months before go-live) through this month
    expect(sheet.getRow(2).getCell(1).value).toBe('2024-06');
    expect(sheet.getRow(1).getCell(2).value).toBe('运行成本(元)');
    for (let r = 2; r <= 13; r++) sheet.getRow(r).getCell(2).value = 1_000_000;
    for (let r = 15; r <= 18; r++) sheet.getRow(r).getCell(2).value = 750_000;
    sheet.getRow(19).getCell(2).value = '七十万';
    sheet.addRow(['2026-12', 1]);
    sheet.addRow(['2025-07', 1]);
    const file = Buffer.from(await wb.xlsx.writeBuffer());

    const denied = await w.otherFirm.request({ method: 'POST', url: `/api/industry/smart/projects/${p.id}/costs/import`, ...multipart(file) });
    expect(denied.statusCode).toBe(404);

    const res = await w.firm.request({ method: 'POST', url: `/api/industry/smart/projects/${p.id}/costs/import`, ...multipart(file) });
    expect(res.statusCode, res.body).toBe(200);
    const report: SmartCostImportReport = res.json();
    expect(report.imported).toBe(16);
    expect(report.rejected.map((r) => [r.column, r.message])).toEqual([
      ['运行成本(元)', '运行成本“七十万”不是数字'],
      ['月份', '2026-12 晚于本月,不能填写未来月份的成本'],
      ['月份', '2025-07 在文件中重复(与第 15 行相同),只导入第 15 行'],
    ]);
    const d: SmartProjectDetail = (await w.firm.get(`/api/industry/smart/projects/${p.id}`)).json();
    expect(d.saving).toMatchObject({ sufficient: true, annualSavingFen: 300_000_000 });

    const again = await w.firm.request({ method: 'POST', url: `/api/industry/smart/projects/${p.id}/costs/import`, ...multipart(file) });
    expect(again.json()).toMatchObject({ imported: 0, updated: 0, unchanged: 16 });
  });
});
