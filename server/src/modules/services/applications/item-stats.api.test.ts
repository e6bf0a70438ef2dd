import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ITEM_STATS_SORTS, type ItemStatsResponse } from '@yuanqi/contract';
import { isOver, sortRows, totalsOf } from './item-stats.js';
import { itemFigures } from './item-stats-repository.js';
import { anonymous, clientAs, createTestApp, errorOf, type Client, type TestApp } from '../../../../test/harness.js';
import { buildEnterprise, buildPark, buildUser, type TestPark } from '../../../../test/factories.js';
import { buildServiceItem, insertServiceCases } from '../../../../test/service-factories.js';
import type { EnterpriseRow } from '../../../db/schema.js';
import type { ServiceItemRow } from '../../../db/schema-service-items.js';

// 2026-11-26 10:00 Shanghai
const NOW = new Date('2026-11-26T02:00:00Z');
const RANGE = 'from=2026-11-02&to=2026-11-25';

let t: TestApp;
let park: TestPark;
let firm: EnterpriseRow;
let asDispatcher: Client;
let asApprover: Client;
let items: { quick: ServiceItemRow; slow: ServiceItemRow; idle: ServiceItemRow; stoppedWithCases: ServiceItemRow; stoppedIdle: ServiceItemRow };

const at = (iso: string) => new Date(iso);

beforeAll(async () => {
  t = await createTestApp({}, NOW);
  const db = t.ctx.db;
  park = await buildPark(db);
  firm = await buildEnterprise(db, park);
  asDispatcher = await clientAs(t, await buildUser(db, park, { roles: ['dispatcher'] }));
  asApprover = await clientAs(t, await buildUser(db, park, { roles: ['approver'] }));
  items = {
    quick: await buildServiceItem(db, park, { code: 'S-01', name: '企业开办', legalDays: 3, committedDays: 1, department: '市场准入科' }),
    slow: await buildServiceItem(db, park, { code: 'S-02', name: '排污许可', legalDays: 20, committedDays: 3, department: '投资建设科' }),
    idle: await buildServiceItem(db, park, { code: 'S-03', name: '无人申请的事项', legalDays: 20, committedDays: 5, department: '投资建设科' }),
    stoppedWithCases: await buildServiceItem(db, park, { code: 'S-04', name: '已停用但有办件', status: 'inactive', department: '投资建设科' }),
    stoppedIdle: await buildServiceItem(db, park, { code: 'S-05', name: '已停用无办件', status: 'inactive' }),
  };
  const f = firm.id;
  const q = items.quick.id;
  await insertServiceCases(db, park, [
    // 企业开办 (committed 1): four decided in range, averaging 1.125 working days
    { itemId: q, enterpriseId: f, submittedAt: at('2026-11-03T01:00:00Z'), finishedAt: at('2026-11-03T06:00:00Z'), outcome: 'approved', committedDays: 1, workingDaysUsed: 0.5, withinLimit: true, visits: 0 },
    { itemId: q, enterpriseId: f, submittedAt: at('2026-11-04T01:00:00Z'), finishedAt: at('2026-11-05T06:00:00Z'), outcome: 'approved', committedDays: 1, workingDaysUsed: 1, withinLimit: true, visits: 0 },
    { itemId: q, enterpriseId: f, submittedAt: at('2026-11-09T01:00:00Z'), finishedAt: at('2026-11-11T06:00:00Z'), outcome: 'approved', committedDays: 1, workingDaysUsed: 2, withinLimit: false, visits: 1 },
    { itemId: q, enterpriseId: f, submittedAt: at('2026-10-29T01:00:00Z'), finishedAt: at('2026-11-01T16:30:00Z'), outcome: 'refused', committedDays: 1, workingDaysUsed: 1, withinLimit: true, visits: 2 },
    // not counted: not accepted, withdrawn, and finished the evening before the range (23:59 Shanghai)
    { itemId: q, enterpriseId: f, submittedAt: at('2026-11-12T01:00:00Z'), finishedAt: at('2026-11-12T02:00:00Z'), outcome: 'not_accepted', committedDays: 1, visits: 0 },
    { itemId: q, enterpriseId: f, submittedAt: at('2026-11-12T01:00:00Z'), finishedAt: at('2026-11-12T03:00:00Z'), outcome: 'withdrawn', committedDays: 1, visits: 0 },
    { itemId: q, enterpriseId: f, submittedAt: at('2026-10-30T01:00:00Z'), finishedAt: at('2026-11-01T15:59:00Z'), outcome: 'approved', committedDays: 1, workingDaysUsed: 9, withinLimit: false, visits: 3 },
    // open now: one past its deadline
    { itemId: q, enterpriseId: f, submittedAt: at('2026-11-20T01:00:00Z'), committedDays: 1, dueAt: at('2026-11-21T15:59:59Z') },
    { itemId: q, enterpriseId: f, submittedAt: at('2026-11-26T01:00:00Z'), committedDays: 1, dueAt: at('2026-11-27T15:59:59Z') },
    // 排污许可 (committed 3): one decided within its limit in 2 days
    { itemId: items.slow.id, enterpriseId: f, submittedAt: at('2026-11-16T01:00:00Z'), finishedAt: at('2026-11-18T08:00:00Z'), outcome: 'approved', committedDays: 3, workingDaysUsed: 2, withinLimit: true, visits: 0 },
    // a stopped item keeps its history in the statistics
    { itemId: items.stoppedWithCases.id, enterpriseId: f, submittedAt: at('2026-11-16T01:00:00Z'), finishedAt: at('2026-11-17T08:00:00Z'), outcome: 'approved', committedDays: 5, workingDaysUsed: 1, withinLimit: true, visits: 0 },
  ]);
  // another park's cases never count
  const other = await buildPark(db);
  const otherItem = await buildServiceItem(db, other);
  const otherFirm = await buildEnterprise(db, other);
  await insertServiceCases(db, other, [
    { itemId: otherItem.id, enterpriseId: otherFirm.id, submittedAt: at('2026-11-03T01:00:00Z'), finishedAt: at('2026-11-04T01:00:00Z'), outcome: 'approved', committedDays: 5, workingDaysUsed: 1, withinLimit: true },
  ]);
});
afterAll(async () => {
  await t.close();
});

async function stats(query: string, client: Client = asDispatcher): Promise<ItemStatsResponse> {
  const res = await client.get(`/api/service-stats/items?${query}`);
  expect(res.statusCode).toBe(200);
  return res.json() as ItemStatsResponse;
}

describe('GET /api/service-stats/items', () => {
  it('refuses anonymous callers (401) and enterprises and liaisons (403)', async () => {
    expect((await anonymous(t).get(`/api/service-stats/items?${RANGE}`)).statusCode).toBe(401);
    const firmUser = await clientAs(t, await buildUser(t.ctx.db, park, { roles: ['enterprise'], enterpriseId: firm.id }));
    expect((await firmUser.get(`/api/service-stats/items?${RANGE}`)).statusCode).toBe(403);
    const liaison = await clientAs(t, await buildUser(t.ctx.db, park, { roles: ['liaison'] }));
    expect((await liaison.get(`/api/service-stats/items?${RANGE}`)).statusCode).toBe(403);
  });

  it('names a missing or reversed period (400)', async () => {
    const missing = await asDispatcher.get('/api/service-stats/items');
    expect(missing.statusCode).toBe(400);
    expect(errorOf(missing).details.map((d) => d.path).sort()).toEqual(['from', 'to']);
    const reversed = await asDispatcher.get('/api/service-stats/items?from=2026-11-25&to=2026-11-02');
    expect(errorOf(reversed).details).toEqual([{ path: 'to', message: '开始日期不能晚于结束日期' }]);
  });

  it('computes each item’s figures from its cases, and the park totals weighted by cases', async () => {
    const body = await stats(RANGE);
    expect(body.items.map((i) => i.code)).toEqual(['S-01', 'S-02', 'S-03', 'S-04']);
    const quick = body.items[0]!;
    expect(quick).toMatchObject({
      name: '企业开办',
      committedDays: 1,
      finished: 4,
      avgWorkingDays: 1.13,
      withinLimitShare: 0.75,
      zeroVisitShare: 0.5,
      oneVisitShare: 0.25,
      backlog: 2,
      overdueOpen: 1,
      overCommitted: true,
    });
    expect(body.items[1]).toMatchObject({ finished: 1, avgWorkingDays: 2, withinLimitShare: 1, zeroVisitShare: 1, overCommitted: false, backlog: 0 });
    expect(body.items[2]).toMatchObject({ name: '无人申请的事项', finished: 0, avgWorkingDays: null, withinLimitShare: null, zeroVisitShare: null, overCommitted: false });
    expect(body.totals).toEqual({
      items: 4,
      finished: 6,
      avgWorkingDays: 1.25, // (0.5 + 1 + 2 + 1 + 2 + 1) / 6
      withinLimitShare: 0.8333,
      zeroVisitShare: 0.6667,
      oneVisitShare: 0.1667,
      backlog: 2,
      overdueOpen: 1,
    });
  });

  it('sorts, pages, filters by department or words, and keeps only items over their promise on request', async () => {
    expect((await stats(`${RANGE}&sort=-avgWorkingDays`)).items.map((i) => i.code)).toEqual(['S-02', 'S-01', 'S-04', 'S-03']);
    expect((await stats(`${RANGE}&sort=-overRatio`)).items[0]!.code).toBe('S-01');
    expect((await stats(`${RANGE}&sort=-overdueOpen&pageSize=1`)).items.map((i) => i.code)).toEqual(['S-01']);
    const page2 = await stats(`${RANGE}&pageSize=3&page=2`);
    expect(page2.items.map((i) => i.code)).toEqual(['S-04']);
    expect(page2.total).toBe(4);
    const beyond = await stats(`${RANGE}&pageSize=3&page=5`);
    expect(beyond).toMatchObject({ items: [], total: 4, totals: { finished: 6 } });
    const dept = await stats(`${RANGE}&department=${encodeURIComponent('投资建设科')}`);
    expect(dept.items.map((i) => i.code)).toEqual(['S-02', 'S-03', 'S-04']);
    expect(dept.totals).toMatchObject({ items: 3, finished: 2, avgWorkingDays: 1.5 });
    expect((await stats(`${RANGE}&q=${encodeURIComponent('排污')}`)).items.map((i) => i.code)).toEqual(['S-02']);
    const over = await stats(`${RANGE}&overOnly=true`);
    expect(over.items.map((i) => i.code)).toEqual(['S-01']);
  });

  it('computes a plain page in PostgreSQL exactly as the in-memory table sorts, filters and totals it (the word search’s path)', async () => {
    // a second park with ties and empty items: 12 items, every sort and filter, pages of 5
    const db = t.ctx.db;
    const p2 = await buildPark(db);
    const f2 = await buildEnterprise(db, p2);
    const depts = ['甲科', '乙科'];
    const built = [];
    for (let i = 0; i < 12; i++) {
      built.push(await buildServiceItem(db, p2, { code: `T-${String(11 - i).padStart(2, '0')}`, name: `事项${i}`, committedDays: 1 + (i % 3), legalDays: 10, department: depts[i % 2]!, status: i === 11 ? 'inactive' : 'active' }));
    }
    const cases = [];
    for (let i = 0; i < 10; i++) {
      for (let k = 0; k < i % 4; k++) {
        cases.push({ itemId: built[i]!.id, enterpriseId: f2.id, submittedAt: at('2026-11-03T01:00:00Z'), finishedAt: at(`2026-11-${10 + k}T06:00:00Z`), outcome: 'approved' as const, committedDays: 1, workingDaysUsed: (k + i) % 3, withinLimit: (k + i) % 2 === 0, visits: (i + k) % 3 });
      }
      if (i % 3 === 0) cases.push({ itemId: built[i]!.id, enterpriseId: f2.id, submittedAt: at('2026-11-20T01:00:00Z'), committedDays: 1, dueAt: at(i % 2 ? '2026-11-21T15:59:59Z' : '2026-11-30T15:59:59Z') });
    }
    await insertServiceCases(db, p2, cases);
    const officer = await clientAs(t, await buildUser(db, p2, { roles: ['approver'] }));
    const all = await itemFigures(db, p2.id, { from: at('2026-11-01T16:00:00Z'), to: at('2026-11-25T16:00:00Z') }, NOW);
    for (const sort of ITEM_STATS_SORTS) {
      for (const filter of ['', '&department=%E7%94%B2%E7%A7%91', '&overOnly=true']) {
        const rows = all.filter((r) => (filter.includes('department') ? r.department === '甲科' : true) && (filter.includes('overOnly') ? isOver(r) : true));
        const expected = sortRows(rows, sort).map((r) => r.code);
        for (const page of [1, 2, 3]) {
          const body = await stats(`${RANGE}&sort=${sort}&pageSize=5&page=${page}${filter}`, officer);
          expect(body.items.map((i) => i.code), `${sort}${filter} page ${page}`).toEqual(expected.slice((page - 1) * 5, page * 5));
          expect(body.total).toBe(rows.length);
          expect(body.totals, `${sort}${filter}`).toEqual(totalsOf(rows));
        }
      }
    }
  });

  it('counts cases by the Shanghai day they finished', async () => {
    const body = await stats('from=2026-11-01&to=2026-11-01');
    expect(body.items.find((i) => i.code === 'S-01')).toMatchObject({ finished: 1, avgWorkingDays: 9 });
  });

  it('exports the table with a totals row as .xlsx', async () => {
    const res = await asApprover.get(`/api/service-stats/items/export?${RANGE}&page=1&pageSize=20`);
    expect(res.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ExcelJS.Buffer);
    const sheet = workbook.getWorksheet('事项效能')!;
    const values = (r: number) => (sheet.getRow(r).values as unknown[]).slice(1);
    expect(values(3).slice(0, 8)).toEqual(['S-01', '企业开办', '市场准入科', '承诺件', 3, 1, 4, 1.13]);
    expect(values(7).slice(0, 2)).toEqual(['合计', '4个事项']);
    expect(values(7)[6]).toBe(6);
  });
});

describe('GET /api/service-items/hot', () => {
  it('lists the active items applied for most in the last year, then fills up in code order', async () => {
    const firmUser = await clientAs(t, await buildUser(t.ctx.db, park, { roles: ['enterprise'], enterpriseId: firm.id }));
    const hot = (await firmUser.get('/api/service-items/hot')).json() as { code: string }[];
    expect(hot.map((h) => h.code)).toEqual(['S-01', 'S-02', 'S-03']);
  });
});
