import type { FinanceStatistics } from '@yuanqi/contract';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, clientAs, createTestApp, errorOf, type Client, type TestApp } from '../../../../test/harness.js';
import { buildBank, buildPark, buildUser, type TestPark } from '../../../../test/factories.js';
import { buildEventOutcomes, buildEventSignups, buildFinanceEvent, buildFirms } from '../../../../test/finance-insight-factories.js';

const NOW = new Date('2026-06-10T02:00:00Z');

let t: TestApp;
let park: TestPark;
let officer: Client;
let leader: Client;
let firmUser: Client;
let banker: Client;

beforeAll(async () => {
  t = await createTestApp({}, NOW);
  park = await buildPark(t.ctx.db);
  const a = await buildBank(t.ctx.db, park, '甲银行');
  const b = await buildBank(t.ctx.db, park, '乙银行');
  await t.ctx.db.updateTable('banks').set({ strategic: true }).where('id', '=', a.id).execute();
  const g = await buildBank(t.ctx.db, park, '鹰潭融资担保公司');
  await t.ctx.db.updateTable('banks').set({ kind: 'guarantee' }).where('id', '=', g.id).execute();
  const firms = await buildFirms(t.ctx.db, park, 5, 'ST');
  officer = await clientAs(t, await buildUser(t.ctx.db, park, { roles: ['finance_officer'] }));
  leader = await clientAs(t, await buildUser(t.ctx.db, park, { roles: ['leader'] }));
  firmUser = await clientAs(t, await buildUser(t.ctx.db, park, { roles: ['enterprise'], enterpriseId: firms[0]!.id }));
  banker = await clientAs(t, await buildUser(t.ctx.db, park, { roles: ['bank'], bankId: a.id }));
  const inPeriod = await buildFinanceEvent(t.ctx.db, park, { bankIds: [a.id, b.id], heldOn: '2026-03-18', status: 'held' });
  await buildEventSignups(t.ctx.db, park, inPeriod.id, firms.map((f) => f.id));
  await buildEventOutcomes(t.ctx.db, park, inPeriod.id, [
    { enterpriseId: firms[0]!.id, bankId: a.id, fen: 100_000_000, signedOn: '2026-03-20' },
    { enterpriseId: firms[0]!.id, bankId: b.id, fen: 50_000_000, signedOn: '2026-03-20' },
    { enterpriseId: firms[1]!.id, bankId: b.id, fen: 25_000_000, signedOn: '2026-03-21' },
  ]);
  const outside = await buildFinanceEvent(t.ctx.db, park, { bankIds: [a.id], heldOn: '2025-11-02', status: 'held' });
  await buildEventSignups(t.ctx.db, park, outside.id, [firms[2]!.id]);
  await buildEventOutcomes(t.ctx.db, park, outside.id, [{ enterpriseId: firms[2]!.id, bankId: a.id, fen: 999_00, signedOn: '2025-11-03' }]);
});
afterAll(async () => {
  await t.close();
});

describe('GET /api/finance/stats', () => {
  it('refuses without a session, firms and banks, and a bad period with the field named', async () => {
    expect((await anonymous(t).get('/api/finance/stats?from=2026-01-01&to=2026-06-30')).statusCode).toBe(401);
    expect((await firmUser.get('/api/finance/stats?from=2026-01-01&to=2026-06-30')).statusCode).toBe(403);
    expect((await banker.get('/api/finance/stats?from=2026-01-01&to=2026-06-30')).statusCode).toBe(403);
    const bad = await officer.get('/api/finance/stats?from=2026-07-01&to=2026-06-30');
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad).details[0]).toMatchObject({ path: 'to', message: '结束日期不能早于开始日期' });
    expect((await officer.get('/api/finance/stats?from=2026-02-30&to=2026-06-30')).statusCode).toBe(400);
  });

  it('composes every section; events of the period only', async () => {
    const res = await leader.get('/api/finance/stats?from=2026-01-01&to=2026-06-30');
    expect(res.statusCode).toBe(200);
    const s = res.json() as FinanceStatistics;
    expect(Object.keys(s).sort()).toEqual(['bridge', 'copper', 'events', 'from', 'institutions', 'needs', 'to']);
    expect(s.events).toEqual({ count: 1, signups: 5, signedFirms: 2, signedAmountFen: 175_000_000 });
    expect(s.institutions).toEqual({ total: 3, banks: 2, others: 1, strategic: 1 });
    expect(s.needs.needsFiled).toBe(0);
    expect(s.bridge.disbursedCount).toBe(0);
    expect(s.copper.marginCallsInPeriod.count).toBe(0);
  });

  it('exports a real workbook, one sheet per section, money as 元 numbers', async () => {
    const res = await officer.get('/api/finance/stats/export?from=2026-01-01&to=2026-06-30');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['融资对接', '应急转贷', '存铜融', '融资对接会', '金融机构']);
    const ev = wb.getWorksheet('融资对接会')!;
    const rows: Record<string, unknown> = {};
    ev.eachRow((row) => {
      rows[String(row.getCell(1).value)] = row.getCell(2).value;
    });
    expect(rows['签约企业']).toBe(2);
    expect(rows['签约金额']).toBe(1_750_000);
  });
});
