import ExcelJS from 'exceljs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { anonymous, clientAs, createTestApp, errorOf, type Client, type TestApp } from '../../../test/harness.js';
import { buildBank, buildUser } from '../../../test/factories.js';
import { BAD_RATING, GOOD_RATING, buildClosedDemand, buildRatingPark, rateAs, type RatingPark } from '../../../test/rating-factories.js';
import type { RatingView } from '@yuanqi/contract';

const DAY = 86_400_000;
const NOW = new Date('2026-11-26T02:00:00Z');

let t: TestApp;
let p: RatingPark;
let firm: Client;
let otherFirm: Client;
let liaison: Client;
let otherLiaison: Client;
let dispatcher: Client;
let leader: Client;
let admin: Client;
/** A bad review of the firm, on the liaison's case, and a good one. */
let bad: RatingView;
let good: RatingView;

beforeAll(async () => {
  t = await createTestApp({}, NOW);
  p = await buildRatingPark(t.ctx.db);
  firm = await clientAs(t, p.firmUser);
  otherFirm = await clientAs(t, p.otherFirmUser);
  liaison = await clientAs(t, p.liaison);
  otherLiaison = await clientAs(t, p.otherLiaison);
  dispatcher = await clientAs(t, p.dispatcher);
  leader = await clientAs(t, p.leader);
  admin = await clientAs(t, p.admin);
  bad = await rateAs(t, p.firmUser, await buildClosedDemand(t.ctx.db, p, new Date(NOW.getTime() - DAY)), BAD_RATING);
  good = await rateAs(t, p.firmUser, await buildClosedDemand(t.ctx.db, p, new Date(NOW.getTime() - DAY), { category: 'land' }), GOOD_RATING);
});
afterAll(async () => {
  await t.close();
});
beforeEach(() => {
  t.clock.set(NOW);
});

describe('GET /api/ratings', () => {
  it('answers 401 without a session', async () => {
    const res = await anonymous(t).get('/api/ratings');
    expect(res.statusCode).toBe(401);
  });

  it('answers 400 naming the field for a bad level', async () => {
    const res = await dispatcher.get('/api/ratings?level=great');
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).details[0]!.path).toBe('level');
    expect(errorOf(res).message).toContain('评价等级');
  });

  it('answers 403 for a role without ratings (a bank)', async () => {
    const bank = await buildBank(t.ctx.db, p.park);
    const banker = await clientAs(t, await buildUser(t.ctx.db, p.park, { roles: ['bank'], bankId: bank.id }));
    expect((await banker.get('/api/ratings')).statusCode).toBe(403);
  });

  it('shows the firm its own ratings only', async () => {
    const mine = await firm.get('/api/ratings');
    expect(mine.statusCode).toBe(200);
    expect(mine.json().items.map((r: RatingView) => r.id).sort()).toEqual([bad.id, good.id].sort());
    const theirs = await otherFirm.get('/api/ratings');
    expect(theirs.json().total).toBe(0);
  });

  it('shows the liaison its cases without the rater, the dispatcher with the rater', async () => {
    const asLiaison = await liaison.get('/api/ratings?bad=true');
    expect(asLiaison.json().items.map((r: RatingView) => r.id)).toEqual([bad.id]);
    expect(asLiaison.json().items[0].rater).toBeNull();
    expect(asLiaison.body).not.toContain(p.firmUser.display_name);
    expect((await otherLiaison.get('/api/ratings')).json().total).toBe(0);
    const asLeader = await leader.get(`/api/ratings?officerId=${p.liaison.id}`);
    expect(asLeader.json().items.every((r: RatingView) => r.rater === null)).toBe(true);
    const asDispatcher = await dispatcher.get(`/api/ratings?bad=true&officerId=${p.liaison.id}`);
    expect(asDispatcher.json().items[0].rater).toEqual({ id: p.firmUser.id, name: p.firmUser.display_name });
  });

  it('filters by level, category and date', async () => {
    expect((await dispatcher.get('/api/ratings?level=very_satisfied')).json().items.map((r: RatingView) => r.id)).toEqual([good.id]);
    expect((await dispatcher.get('/api/ratings?category=land')).json().items.map((r: RatingView) => r.id)).toEqual([good.id]);
    expect((await dispatcher.get('/api/ratings?from=2026-11-27')).json().total).toBe(0);
    expect((await dispatcher.get('/api/ratings?from=2026-11-26&to=2026-11-26')).json().total).toBe(2);
  });
});

describe('GET /api/ratings/:id', () => {
  it('answers 404 for a malformed id and for another firm', async () => {
    expect((await dispatcher.get('/api/ratings/not-a-uuid')).statusCode).toBe(404);
    expect((await otherFirm.get(`/api/ratings/${bad.id}`)).statusCode).toBe(404);
    expect((await otherLiaison.get(`/api/ratings/${bad.id}`)).statusCode).toBe(404);
  });

  it('answers the rating with its timeline, masking the rater for the officer', async () => {
    const res = await liaison.get(`/api/ratings/${bad.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: bad.id, level: 'dissatisfied', rater: null, rectification: { status: 'open' } });
    expect(res.json().timeline.map((e: { action: string; actorName: string }) => [e.action, e.actorName])).toEqual([
      ['rated', '企业用户'],
      ['rectification.opened', '系统'],
    ]);
  });
});

describe('GET /api/ratings/stats', () => {
  it('answers 403 for an enterprise and 400 for a reversed period', async () => {
    expect((await firm.get('/api/ratings/stats?from=2026-11-01&to=2026-11-30')).statusCode).toBe(403);
    const res = await dispatcher.get('/api/ratings/stats?from=2026-11-30&to=2026-11-01');
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).details[0]!.path).toBe('to');
    const missing = await dispatcher.get('/api/ratings/stats?to=2026-11-01');
    expect(errorOf(missing).message).toContain('开始日期');
  });

  it('groups by officer and by department, a liaison seeing only itself', async () => {
    const res = await dispatcher.get('/api/ratings/stats?from=2026-11-01&to=2026-11-30&groupBy=officer');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.total).toMatchObject({ closed: 2, rated: 2, good: 1, bad: 1, goodRate: 0.5, rectifyOpen: 1 });
    expect(body.groups).toEqual([expect.objectContaining({ key: p.liaison.id, label: p.liaison.display_name, rated: 2 })]);
    const byDepartment = await leader.get('/api/ratings/stats?from=2026-11-01&to=2026-11-30&groupBy=department');
    expect(byDepartment.json().groups.map((g: { label: string }) => g.label)).toEqual(['驻企专员']);
    const own = await otherLiaison.get(`/api/ratings/stats?from=2026-11-01&to=2026-11-30&officerId=${p.liaison.id}`);
    expect(own.json().total.rated).toBe(0);
  });

  it('exports the statistics as .xlsx', async () => {
    const res = await dispatcher.get('/api/ratings/stats.xlsx?from=2026-11-01&to=2026-11-30&groupBy=category');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toContain('filename*=UTF-8');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ExcelJS.Buffer);
    const sheet = workbook.getWorksheet('好差评统计')!;
    expect(sheet.getRow(2).getCell(1).value).toBe('类别');
    expect(sheet.getRow(sheet.rowCount).getCell(1).value).toBe('合计');
  });
});

describe('GET /api/ratings/pending', () => {
  it('lists the firm’s closed cases still waiting for a rating', async () => {
    const waiting = await buildClosedDemand(t.ctx.db, p, new Date(NOW.getTime() - 2 * DAY));
    await buildClosedDemand(t.ctx.db, p, new Date(NOW.getTime() - 9 * DAY)); // window over
    const res = await firm.get('/api/ratings/pending');
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((c: { subjectId: string }) => c.subjectId)).toEqual([waiting.id]);
    expect((await liaison.get('/api/ratings/pending')).statusCode).toBe(403);
  });
});

describe('POST /api/rectifications/:id/actions', () => {
  it('answers 400 naming the field when the fix is not described', async () => {
    const res = await liaison.post(`/api/rectifications/${bad.rectification!.id}/actions`, { action: 'record-fix', note: '好' });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).details[0]).toMatchObject({ path: 'note' });
    expect(errorOf(res).message).toContain('整改措施');
    const wrong = await liaison.post(`/api/rectifications/${bad.rectification!.id}/actions`, { action: 'fix-it' });
    expect(errorOf(wrong).details[0]!.path).toBe('action');
  });

  it('answers 404 out of scope, 403 for the wrong role, 409 in the wrong state', async () => {
    const url = `/api/rectifications/${bad.rectification!.id}/actions`;
    expect((await otherFirm.post(url, { action: 'verdict', verdict: 'satisfied' })).statusCode).toBe(404);
    expect((await otherLiaison.post(url, { action: 'record-fix', note: '不是我的整改' })).statusCode).toBe(404);
    expect((await firm.post(url, { action: 'record-fix', note: '企业自己整改了' })).statusCode).toBe(403);
    expect((await leader.post(url, { action: 'close', note: '领导办结' })).statusCode).toBe(403);
    const res = await firm.post(url, { action: 'verdict', verdict: 'satisfied' });
    expect(res.statusCode).toBe(409);
    expect(errorOf(res).code).toBe('INVALID_STATE');
  });

  it('runs the flow: the officer fixes and visits, the firm judges the fix', async () => {
    const subject = await buildClosedDemand(t.ctx.db, p, new Date(NOW.getTime() - DAY));
    const rating = await rateAs(t, p.firmUser, subject, BAD_RATING);
    const id = rating.rectification!.id;
    const mine = await liaison.get('/api/rectifications?mine=true&status=open');
    expect(mine.json().items.map((r: { id: string }) => r.id)).toContain(id);
    expect(mine.json().items.find((r: { id: string }) => r.id === id).allowedActions).toEqual(['record-fix']);
    expect((await liaison.post(`/api/rectifications/${id}/actions`, { action: 'record-fix', note: '已协调银行重新对接并书面答复' })).statusCode).toBe(200);
    t.clock.set(new Date(NOW.getTime() + 3_600_000));
    const early = await liaison.post(`/api/rectifications/${id}/actions`, { action: 'return-visit', note: '企业表示已收到答复', method: 'phone', visitedAt: '2026-11-26T09:00:00+08:00' });
    expect(errorOf(early).details[0]).toEqual({ path: 'visitedAt', message: '回访时间不能早于整改措施录入时间' });
    const visit = await liaison.post(`/api/rectifications/${id}/actions`, {
      action: 'return-visit',
      note: '企业表示已收到答复',
      method: 'phone',
      visitedAt: '2026-11-26T10:30:00+08:00',
    });
    expect(visit.statusCode).toBe(200);
    expect(visit.json().returnVisits[0]).toMatchObject({ method: 'phone', methodLabel: '电话回访', visitorName: p.liaison.display_name, visitedAt: '2026-11-26T02:30:00.000Z' });
    const detail = await firm.get(`/api/rectifications/${id}`);
    expect(detail.json().allowedActions).toEqual(['verdict']);
    const verdict = await firm.post(`/api/rectifications/${id}/actions`, { action: 'verdict', verdict: 'satisfied' });
    expect(verdict.json()).toMatchObject({ status: 'closed', outcome: 'satisfied', closedOnTime: true });
    const timeline = (await liaison.get(`/api/rectifications/${id}`)).json().timeline;
    expect(timeline.at(-1)).toMatchObject({ action: 'rectification.verdict', actorName: '企业用户' });
  });

  it('lets the dispatcher close a rectification and lists overdue ones', async () => {
    t.clock.set(new Date(NOW.getTime() + 20 * DAY));
    const dispatcher = await clientAs(t, p.dispatcher); // a fresh session at the later time
    const overdue = await dispatcher.get('/api/rectifications?overdue=true');
    expect(overdue.json().items.map((r: { id: string }) => r.id)).toContain(bad.rectification!.id);
    const res = await dispatcher.post(`/api/rectifications/${bad.rectification!.id}/actions`, { action: 'close', note: '经核实诉求无政策依据,已向企业解释' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'closed', outcome: 'closed', wasLate: true, closedOnTime: false });
  });
});

describe('POST /api/ratings/:id/appeal and POST /api/appeals/:id/review', () => {
  it('lets only the rated officer appeal a bad review, once; the office reviews it', async () => {
    const subject = await buildClosedDemand(t.ctx.db, p, new Date(NOW.getTime() - DAY));
    const rating = await rateAs(t, p.firmUser, subject, { ...BAD_RATING, level: 'very_dissatisfied' });
    const short = await liaison.post(`/api/ratings/${rating.id}/appeal`, { reason: '冤枉' });
    expect(short.statusCode).toBe(400);
    expect(errorOf(short).details[0]!.path).toBe('reason');
    expect((await firm.post(`/api/ratings/${rating.id}/appeal`, { reason: '企业自己申诉自己的差评' })).statusCode).toBe(403);
    expect((await liaison.post(`/api/ratings/${good.id}/appeal`, { reason: '好评也申诉一下试试看' })).statusCode).toBe(409);
    const appeal = await liaison.post(`/api/ratings/${rating.id}/appeal`, { reason: '企业电话确认系误操作,差评与事实不符' });
    expect(appeal.statusCode).toBe(201);
    expect((await liaison.post(`/api/ratings/${rating.id}/appeal`, { reason: '企业电话确认系误操作,差评与事实不符' })).statusCode).toBe(409);

    const pending = await dispatcher.get('/api/appeals?status=pending');
    expect(pending.json().items.map((a: { id: string }) => a.id)).toContain(appeal.json().id);
    const url = `/api/appeals/${appeal.json().id}/review`;
    expect((await liaison.post(url, { decision: 'remove', reason: '同意' })).statusCode).toBe(403);
    const badDecision = await dispatcher.post(url, { decision: 'delete', reason: '同意' });
    expect(badDecision.statusCode).toBe(400);
    expect(errorOf(badDecision).details[0]!.path).toBe('decision');
    const reviewed = await admin.post(url, { decision: 'remove', reason: '经核实系企业误操作' });
    expect(reviewed.statusCode).toBe(200);
    expect(reviewed.json()).toMatchObject({ status: 'removed', statusLabel: '差评已移除' });
    expect((await dispatcher.post(url, { decision: 'uphold', reason: '再审' })).statusCode).toBe(409);
    const ledger = await dispatcher.get(`/api/ratings/${rating.id}`);
    expect(ledger.json()).toMatchObject({ status: 'removed', removedReason: '经核实系企业误操作', rectification: { status: 'cancelled' } });
    const audit = await admin.get(`/api/audit?entity=rating&entityId=${rating.id}`);
    expect(audit.json().items.map((e: { action: string }) => e.action)).toEqual(['rating.remove', 'rating.create']);
    expect((await admin.get('/api/audit/verify')).json()).toMatchObject({ ok: true });
  });
});

describe('PUT /api/ratings/settings', () => {
  it('lets an admin set the rectification deadline within 1–30 working days', async () => {
    const tooLong = await admin.put('/api/ratings/settings', { rectifyDays: 60 });
    expect(tooLong.statusCode).toBe(400);
    expect(errorOf(tooLong).details[0]!.path).toBe('rectifyDays');
    expect((await dispatcher.put('/api/ratings/settings', { rectifyDays: 10 })).statusCode).toBe(403);
    expect((await admin.put('/api/ratings/settings', { rectifyDays: 10 })).json()).toMatchObject({ rectifyDays: 10, ratingWindowDays: 7 });
    expect((await dispatcher.get('/api/ratings/settings')).json().rectifyDays).toBe(10);
    await admin.put('/api/ratings/settings', { rectifyDays: 5 });
  });
});
