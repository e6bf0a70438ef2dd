import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, clientAs, createTestApp, errorOf, type Client, type TestApp } from '../../../../test/harness.js';
import { buildEnterprise, buildPark, buildUser, type TestPark } from '../../../../test/factories.js';
import { buildDaiban, buildDemand, buildVisit, eventsOf, reloadDemand } from '../../../../test/demand-factories.js';
import type { EnterpriseRow, UserRow } from '../../../db/schema.js';

const START = new Date('2026-11-26T02:00:00Z');
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({}, START);
});
afterAll(async () => {
  await t.close();
});

type Office = { park: TestPark; liaison: UserRow; other: UserRow; firm: EnterpriseRow; asDispatcher: Client; asLiaison: Client; asLeader: Client; asFirm: Client };

async function office(): Promise<Office> {
  const park = await buildPark(t.ctx.db);
  const liaison = await buildUser(t.ctx.db, park, { roles: ['liaison'], displayName: '孙专员' });
  const other = await buildUser(t.ctx.db, park, { roles: ['liaison'], displayName: '周专员' });
  const firm = await buildEnterprise(t.ctx.db, park, { liaison_id: liaison.id });
  return {
    park,
    liaison,
    other,
    firm,
    asDispatcher: await clientAs(t, await buildUser(t.ctx.db, park, { roles: ['dispatcher'], displayName: '营商办 周调度' })),
    asLiaison: await clientAs(t, liaison),
    asLeader: await clientAs(t, await buildUser(t.ctx.db, park, { roles: ['leader'] })),
    asFirm: await clientAs(t, await buildUser(t.ctx.db, park, { roles: ['enterprise'], enterpriseId: firm.id })),
  };
}

describe('POST /api/dispatch-meetings', () => {
  it('answers 401, 403 to a liaison and 400 for a bad date', async () => {
    const o = await office();
    expect((await anonymous(t).post('/api/dispatch-meetings', { heldOn: '2026-11-26' })).statusCode).toBe(401);
    expect((await o.asLiaison.post('/api/dispatch-meetings', { heldOn: '2026-11-26' })).statusCode).toBe(403);
    const bad = await o.asDispatcher.post('/api/dispatch-meetings', { heldOn: '2026-02-30' });
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad).details[0]!.path).toBe('heldOn');
  });

  it('builds the agenda from escalated, overdue and badly rated demands of the park only', async () => {
    const o = await office();
    const escalated = await buildDemand(t.ctx.db, o.park, o.firm, { status: 'accepted', dueAt: new Date('2026-11-20T15:59:59.999Z'), escalatedAt: new Date('2026-11-21T00:00:00Z') });
    const overdue = await buildDemand(t.ctx.db, o.park, o.firm, { status: 'submitted', dueAt: new Date('2026-11-25T15:59:59.999Z') });
    const onTrack = await buildDemand(t.ctx.db, o.park, o.firm, { status: 'accepted', dueAt: new Date('2026-12-01T15:59:59.999Z') });
    const closed = await buildDemand(t.ctx.db, o.park, o.firm, { status: 'closed', closedAt: new Date('2026-11-25T02:00:00Z') });
    const rated = await o.asFirm.post(`/api/demands/${closed.id}/rating`, { level: 'dissatisfied', scores: { serviceEfficiency: 2, serviceLevel: 2, serviceAttitude: 3 }, comment: '答复敷衍,问题没有解决' });
    expect(rated.statusCode).toBe(201);
    const elsewhere = await office();
    await buildDemand(t.ctx.db, elsewhere.park, elsewhere.firm, { status: 'accepted', dueAt: new Date('2026-11-20T15:59:59.999Z') });

    const res = await o.asDispatcher.post('/api/dispatch-meetings', { heldOn: '2026-11-26', attendees: ['刘主任', '营商办 周调度'] });
    expect(res.statusCode).toBe(201);
    const meeting = res.json();
    expect(meeting).toMatchObject({ status: 'draft', title: '2026-11-26 营商环境周调度会', attendees: ['刘主任', '营商办 周调度'], itemCount: 3 });
    expect(meeting.items.map((i: { demandId: string; reasons: string[] }) => [i.demandId, i.reasons])).toEqual([
      [escalated.id, ['escalated', 'overdue']],
      [overdue.id, ['overdue']],
      [closed.id, ['bad_rating']],
    ]);
    expect(meeting.items.map((i: { demandId: string }) => i.demandId)).not.toContain(onTrack.id);
    expect(meeting.items[0].demand).toMatchObject({ number: escalated.number, overdue: true, assigneeName: '孙专员' });

    expect((await o.asDispatcher.post('/api/dispatch-meetings', { heldOn: '2026-11-26' })).statusCode).toBe(409);
    // A bad review is discussed once; the next meeting does not list it again.
    const next = (await o.asDispatcher.post('/api/dispatch-meetings', { heldOn: '2026-12-03' })).json();
    expect(next.items.map((i: { demandId: string }) => i.demandId)).not.toContain(closed.id);
    const list = (await o.asLeader.get('/api/dispatch-meetings')).json();
    expect(list.items.map((m: { heldOn: string }) => m.heldOn)).toEqual(['2026-12-03', '2026-11-26']);
    expect((await o.asLiaison.get('/api/dispatch-meetings')).statusCode).toBe(403);
  });
});

describe('PATCH /api/dispatch-meetings/:id/items/:itemId', () => {
  it('records a decision: new owner (改派) and new deadline on the demand’s timeline', async () => {
    const o = await office();
    const d = await buildDemand(t.ctx.db, o.park, o.firm, { status: 'accepted', dueAt: new Date('2026-11-20T15:59:59.999Z'), escalatedAt: new Date('2026-11-21T00:00:00Z'), overdueAt: new Date('2026-11-21T00:00:00Z') });
    const meeting = (await o.asDispatcher.post('/api/dispatch-meetings', { heldOn: '2026-11-26', attendees: ['刘主任'] })).json();
    const item = meeting.items[0];
    expect((await o.asLiaison.patch(`/api/dispatch-meetings/${meeting.id}/items/${item.id}`, { decision: '限期办结' })).statusCode).toBe(403);
    const past = await o.asDispatcher.patch(`/api/dispatch-meetings/${meeting.id}/items/${item.id}`, { decision: '限期办结', newDueDate: '2026-11-25' });
    expect(past.statusCode).toBe(400);
    expect(errorOf(past).details[0]!.path).toBe('newDueDate');

    const res = await o.asDispatcher.patch(`/api/dispatch-meetings/${meeting.id}/items/${item.id}`, { decision: '由周专员牵头,协调供电公司12月4日前完成增容', ownerId: o.other.id, newDueDate: '2026-12-04' });
    expect(res.statusCode).toBe(200);
    expect(res.json().items[0]).toMatchObject({ decision: '由周专员牵头,协调供电公司12月4日前完成增容', ownerId: o.other.id, ownerName: '周专员', newDueDate: '2026-12-04' });
    const row = await reloadDemand(t.ctx.db, d.id);
    expect(row.assignee_id).toBe(o.other.id);
    expect(row.due_at?.toISOString()).toBe('2026-12-04T15:59:59.999Z');
    expect(row.answer_due_at?.toISOString()).toBe('2026-12-04T15:59:59.999Z');
    expect(row.escalated_at).toBeNull();
    expect(row.overdue_at).toBeNull();
    expect((await eventsOf(t.ctx.db, d.id)).map((e) => e.action)).toEqual(['reassign', 'dispatch']);
    const newOwner = await clientAs(t, o.other);
    expect((await newOwner.get(`/api/demands/${d.id}`)).json().allowedActions).toEqual(['transfer', 'answer']);

    expect((await o.asDispatcher.patch(`/api/dispatch-meetings/${meeting.id}/items/00000000-0000-4000-8000-000000000000`, { decision: '不存在的议题' })).statusCode).toBe(404);
    const closed = await o.asDispatcher.post(`/api/dispatch-meetings/${meeting.id}/close`);
    expect(closed.json().status).toBe('closed');
    expect((await o.asDispatcher.patch(`/api/dispatch-meetings/${meeting.id}/items/${item.id}`, { decision: '改主意了' })).statusCode).toBe(409);
  });
});

describe('GET /api/dispatch-meetings/:id/minutes.docx', () => {
  it('exports the minutes as a real .docx', async () => {
    const o = await office();
    await buildDemand(t.ctx.db, o.park, o.firm, { status: 'accepted', title: '厂房消防验收协调', dueAt: new Date('2026-11-20T15:59:59.999Z') });
    const meeting = (await o.asDispatcher.post('/api/dispatch-meetings', { heldOn: '2026-11-26', attendees: ['刘主任'] })).json();
    await o.asDispatcher.patch(`/api/dispatch-meetings/${meeting.id}/items/${meeting.items[0].id}`, { decision: '住建局下周一现场验收', newDueDate: '2026-12-01' });
    const res = await o.asLeader.get(`/api/dispatch-meetings/${meeting.id}/minutes.docx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('wordprocessingml');
    expect(res.headers['content-disposition']).toContain('.docx');
    const bytes = res.rawPayload;
    expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    expect(bytes.includes(Buffer.from('word/document.xml'))).toBe(true);
    expect((await o.asFirm.get(`/api/dispatch-meetings/${meeting.id}/minutes.docx`)).statusCode).toBe(403);
    const stranger = await office();
    expect((await stranger.asDispatcher.get(`/api/dispatch-meetings/${meeting.id}/minutes.docx`)).statusCode).toBe(404);
  });
});

describe('PUT/GET /api/targets/:month', () => {
  it('sets monthly targets and shows them against what each officer did', async () => {
    const o = await office();
    await buildVisit(t.ctx.db, o.park, { liaisonId: o.liaison.id, enterpriseId: o.firm.id, visitedOn: '2026-11-03' });
    await buildVisit(t.ctx.db, o.park, { liaisonId: o.liaison.id, enterpriseId: o.firm.id, visitedOn: '2026-11-17' });
    await buildVisit(t.ctx.db, o.park, { liaisonId: o.liaison.id, enterpriseId: o.firm.id, visitedOn: '2026-10-31' });
    await buildDaiban(t.ctx.db, o.park, { liaisonId: o.liaison.id, enterpriseId: o.firm.id, doneOn: '2026-11-05' });
    await buildDemand(t.ctx.db, o.park, o.firm, { status: 'closed', resolvedAt: new Date('2026-11-10T02:00:00Z') });
    await buildDemand(t.ctx.db, o.park, o.firm, { status: 'resolved', resolvedAt: new Date('2026-11-30T17:00:00Z') }); // 12-01 in Shanghai

    expect((await o.asLiaison.put('/api/targets/2026-11', { items: [] })).statusCode).toBe(403);
    const wrong = await o.asDispatcher.put('/api/targets/2026-11', { items: [{ userId: o.park.id, visits: 8, demandsResolved: 4, daiban: 2 }] });
    expect(wrong.statusCode).toBe(400);
    expect(errorOf(wrong).details[0]!.path).toBe('items.0.userId');
    const negative = await o.asDispatcher.put('/api/targets/2026-11', { items: [{ userId: o.liaison.id, visits: -1, demandsResolved: 4, daiban: 2 }] });
    expect(negative.statusCode).toBe(400);

    const res = await o.asDispatcher.put('/api/targets/2026-11', { items: [{ userId: o.liaison.id, visits: 8, demandsResolved: 4, daiban: 2 }, { userId: o.other.id, visits: 6, demandsResolved: 3, daiban: 1 }] });
    expect(res.statusCode).toBe(200);
    const mine = res.json().items.find((i: { userId: string }) => i.userId === o.liaison.id);
    expect(mine).toEqual({ userId: o.liaison.id, displayName: '孙专员', target: { visits: 8, demandsResolved: 4, daiban: 2 }, actual: { visits: 2, demandsResolved: 1, daiban: 1 } });
    await o.asDispatcher.put('/api/targets/2026-11', { items: [{ userId: o.liaison.id, visits: 10, demandsResolved: 4, daiban: 2 }] });
    const own = (await o.asLiaison.get('/api/targets/2026-11')).json();
    expect(own.items).toHaveLength(1);
    expect(own.items[0].target.visits).toBe(10);
    expect((await o.asLeader.get('/api/targets/2026-11')).json().items).toHaveLength(2);
    expect((await o.asFirm.get('/api/targets/2026-11')).statusCode).toBe(403);
  });
});

describe('GET /api/demands/stats', () => {
  it('answers 401, 403 to an enterprise user and 400 for a reversed range', async () => {
    const o = await office();
    expect((await anonymous(t).get('/api/demands/stats?from=2026-01-01&to=2026-12-31')).statusCode).toBe(401);
    expect((await o.asFirm.get('/api/demands/stats?from=2026-01-01&to=2026-12-31')).statusCode).toBe(403);
    const reversed = await o.asDispatcher.get('/api/demands/stats?from=2026-12-31&to=2026-01-01');
    expect(reversed.statusCode).toBe(400);
    expect(errorOf(reversed).details[0]!.path).toBe('to');
  });

  it('computes the office’s figures from known data, and a liaison’s own', async () => {
    const o = await office();
    const firm2 = await buildEnterprise(t.ctx.db, o.park, { liaison_id: o.liaison.id });
    const firm3 = await buildEnterprise(t.ctx.db, o.park, { liaison_id: o.other.id });
    const nov = (day: number, hour = 2) => new Date(Date.UTC(2026, 10, day, hour));
    // 孙专员: two 融资 answered (one on time in 2 working days, one late in 4), one 用工 open and overdue.
    await buildDemand(t.ctx.db, o.park, o.firm, { category: 'financing', status: 'closed', createdAt: nov(2), resolvedAt: nov(4), answeredOnTime: true, answerWorkingDays: 2 });
    await buildDemand(t.ctx.db, o.park, firm2, { category: 'financing', status: 'resolved', createdAt: nov(3), resolvedAt: nov(13), answeredOnTime: false, answerWorkingDays: 4, escalatedAt: nov(11) });
    await buildDemand(t.ctx.db, o.park, o.firm, { category: 'labor', status: 'accepted', createdAt: nov(10), dueAt: nov(17) });
    // 周专员: one 用工 open on track; one 政策咨询 filed in October, answered in November in 1 working day.
    await buildDemand(t.ctx.db, o.park, firm3, { category: 'labor', status: 'in_progress', createdAt: nov(20), dueAt: new Date('2026-12-01T15:59:59.999Z') });
    await buildDemand(t.ctx.db, o.park, firm3, { category: 'policy', status: 'closed', createdAt: new Date('2026-10-30T02:00:00Z'), resolvedAt: nov(2), answeredOnTime: true, answerWorkingDays: 1 });
    // Outside the range altogether.
    await buildDemand(t.ctx.db, o.park, firm3, { category: 'policy', status: 'closed', createdAt: new Date('2026-10-01T02:00:00Z'), resolvedAt: new Date('2026-10-09T02:00:00Z') });
    for (const [liaisonId, enterpriseId, day] of [
      [o.liaison.id, o.firm.id, '2026-11-02'],
      [o.liaison.id, o.firm.id, '2026-11-09'],
      [o.liaison.id, firm2.id, '2026-11-16'],
      [o.other.id, firm3.id, '2026-11-05'],
      [o.other.id, firm3.id, '2026-10-28'],
    ] as const) {
      await buildVisit(t.ctx.db, o.park, { liaisonId, enterpriseId, visitedOn: day });
    }
    await buildDaiban(t.ctx.db, o.park, { liaisonId: o.liaison.id, enterpriseId: o.firm.id, doneOn: '2026-11-02' });
    await buildDaiban(t.ctx.db, o.park, { liaisonId: o.liaison.id, enterpriseId: firm2.id, doneOn: '2026-11-30' });

    const res = await o.asDispatcher.get('/api/demands/stats?from=2026-11-01&to=2026-11-30');
    expect(res.statusCode).toBe(200);
    const s = res.json();
    expect(s.visits).toEqual({ count: 4, enterprises: 3 });
    expect(s.daiban).toBe(2);
    expect(s.demands).toEqual({ filed: 4, resolved: 3, resolvedOnTime: 2, onTimeRate: 0.6667, averageAnswerWorkingDays: 2.33, open: 2, overdueOpen: 1, escalated: 1 });
    const financing = s.byCategory.find((c: { category: string }) => c.category === 'financing');
    expect(financing).toMatchObject({ label: '融资', filed: 2, resolved: 2, resolvedOnTime: 1, onTimeRate: 0.5, averageAnswerWorkingDays: 3 });
    const sun = s.byOfficer.find((r: { userId: string }) => r.userId === o.liaison.id);
    expect(sun).toMatchObject({ displayName: '孙专员', visits: 3, visitedEnterprises: 2, daiban: 2, filed: 3, resolved: 2, resolvedOnTime: 1, overdueOpen: 1 });
    const zhou = s.byOfficer.find((r: { userId: string }) => r.userId === o.other.id);
    expect(zhou).toMatchObject({ visits: 1, daiban: 0, filed: 1, resolved: 1, resolvedOnTime: 1, averageAnswerWorkingDays: 1 });

    const own = (await o.asLiaison.get(`/api/demands/stats?from=2026-11-01&to=2026-11-30&liaisonId=${o.other.id}`)).json();
    expect(own.liaisonId).toBe(o.liaison.id);
    expect(own.visits).toEqual({ count: 3, enterprises: 2 });
    expect(own.demands).toMatchObject({ filed: 3, resolved: 2, resolvedOnTime: 1 });
    expect(own.byOfficer.map((r: { userId: string }) => r.userId)).toEqual([o.liaison.id]);

    const xlsx = await o.asDispatcher.get('/api/demands/stats.xlsx?from=2026-11-01&to=2026-11-30');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(book.worksheets.map((w) => w.name)).toEqual(['总览', '按类别', '按专员']);
    const overview = book.getWorksheet('总览')!;
    const figure = (label: string) => {
      let value: unknown;
      overview.eachRow((row) => {
        if (row.getCell(1).value === label) value = row.getCell(2).value;
      });
      return value;
    };
    expect(figure('入企走访(人次)')).toBe(4);
    expect(figure('办结(答复)诉求(件)')).toBe(3);
    expect(figure('按期办结率')).toBe(0.6667);
  });

  it('counts satisfaction from the ratings module: good, bad and the 好评率', async () => {
    const o = await office();
    const good = await buildDemand(t.ctx.db, o.park, o.firm, { status: 'closed', createdAt: new Date('2026-11-20T02:00:00Z'), closedAt: new Date('2026-11-24T02:00:00Z') });
    const bad = await buildDemand(t.ctx.db, o.park, o.firm, { status: 'closed', createdAt: new Date('2026-11-20T02:00:00Z'), closedAt: new Date('2026-11-25T02:00:00Z') });
    await buildDemand(t.ctx.db, o.park, o.firm, { status: 'closed', createdAt: new Date('2026-11-20T02:00:00Z'), closedAt: new Date('2026-11-25T03:00:00Z') });
    expect((await o.asFirm.post(`/api/demands/${good.id}/rating`, { level: 'very_satisfied', scores: { serviceEfficiency: 5, serviceLevel: 5, serviceAttitude: 5 } })).statusCode).toBe(201);
    expect((await o.asFirm.post(`/api/demands/${bad.id}/rating`, { level: 'very_dissatisfied', scores: { serviceEfficiency: 1, serviceLevel: 1, serviceAttitude: 2 }, comment: '多次催办仍无结果' })).statusCode).toBe(201);
    const s = (await o.asDispatcher.get('/api/demands/stats?from=2026-11-01&to=2026-11-30')).json();
    expect(s.satisfaction).toMatchObject({ rated: 2, good: 1, bad: 1, goodRate: 0.5 });
    const sun = s.byOfficer.find((r: { userId: string }) => r.userId === o.liaison.id);
    expect(sun.satisfaction).toMatchObject({ rated: 2, bad: 1 });
  });
});
