import type { LeadDetail, LeadFunnel, LeadListPage } from '@yuanqi/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { clientAs, createTestApp, errorOf, type Client, type TestApp } from '../../../../test/harness.js';
import { buildEnterprise, buildPark, buildUser, type TestPark } from '../../../../test/factories.js';

const NOW = new Date('2026-06-10T02:00:00Z'); // 10:00 in Shanghai

let t: TestApp;
let park: TestPark;
let otherPark: TestPark;
let officer: Client; // dispatcher: investment:manage
let leader: Client; // investment:approve
let admin: Client;
let firmUser: Client;
let liaison: Client;
let otherOfficer: Client;
let ownerId: string;

const YI = 100_000_000 * 100; // ¥1亿 in fen

function lead(o: Record<string, unknown> = {}) {
  return {
    projectName: '年产10万吨高端铜箔项目',
    investor: '朗通电子(深圳)有限公司',
    contactName: '周经理',
    contactPhone: '13812345678',
    chain: 'copper',
    amountFen: 20 * YI,
    source: 'online',
    receivedOn: '2026-03-02',
    description: '高端电解铜箔',
    landNeedMu: 180.5,
    factoryNeedM2: 52000.25,
    ownerId,
    ...o,
  };
}
const negotiation = (o: Record<string, unknown> = {}) => ({
  heldOn: '2026-03-10',
  form: 'online',
  location: '线上视频',
  participants: '园区招商局、朗通电子董事长',
  minutes: '双方就用地、厂房和配套政策交换意见,企业确认投资意向。',
  nextStep: '提交招商委员会',
  ...o,
});

async function ok<T = any>(res: { statusCode: number; body: string; json(): any }, code = 200): Promise<T> {
  expect(res.statusCode, res.body).toBe(code);
  return res.json();
}
async function file(o: Record<string, unknown> = {}): Promise<LeadDetail> {
  return ok(await officer.post('/api/land/leads', lead(o)), 201);
}
async function toApproved(o: Record<string, unknown> = {}): Promise<LeadDetail> {
  const l = await file(o);
  await ok(await officer.post(`/api/land/leads/${l.id}/negotiations`, negotiation()));
  await ok(await officer.post(`/api/land/leads/${l.id}/submit-committee`, { committeeOn: '2026-04-01' }));
  return ok(await leader.post(`/api/land/leads/${l.id}/approve`, { note: '同意' }));
}

beforeAll(async () => {
  t = await createTestApp({}, NOW);
  park = await buildPark(t.ctx.db);
  otherPark = await buildPark(t.ctx.db, '另一园区');
  const officerUser = await buildUser(t.ctx.db, park, { roles: ['dispatcher'], displayName: '招商局 陈专员' });
  ownerId = officerUser.id;
  officer = await clientAs(t, officerUser);
  leader = await clientAs(t, await buildUser(t.ctx.db, park, { roles: ['leader'] }));
  admin = await clientAs(t, await buildUser(t.ctx.db, park, { roles: ['admin'] }));
  liaison = await clientAs(t, await buildUser(t.ctx.db, park, { roles: ['liaison'] }));
  const firm = await buildEnterprise(t.ctx.db, park);
  firmUser = await clientAs(t, await buildUser(t.ctx.db, park, { roles: ['enterprise'], enterpriseId: firm.id }));
  otherOfficer = await clientAs(t, await buildUser(t.ctx.db, otherPark, { roles: ['dispatcher'] }));
});
afterAll(async () => {
  await t.close();
});

describe('POST /api/land/leads', () => {
  it('refuses an enterprise user (403) and a reader without manage (403)', async () => {
    expect((await firmUser.post('/api/land/leads', lead())).statusCode).toBe(403);
    expect((await firmUser.get('/api/land/leads')).statusCode).toBe(403);
    expect((await leader.post('/api/land/leads', lead())).statusCode).toBe(403);
  });

  it('names the field of bad input (400)', async () => {
    const res = await officer.post('/api/land/leads', lead({ amountFen: 12.5, source: 'tv', projectName: '' }));
    expect(res.statusCode).toBe(400);
    const paths = errorOf(res).details.map((d) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['amountFen', 'source', 'projectName']));
    const chain = await officer.post('/api/land/leads', lead({ chain: 'no-such-chain' }));
    expect(chain.statusCode).toBe(400);
    expect(errorOf(chain).details[0]!.path).toBe('chain');
    const future = await officer.post('/api/land/leads', lead({ receivedOn: '2026-07-01' }));
    expect(errorOf(future).details[0]!.path).toBe('receivedOn');
  });

  it('files a lead numbered by the day received, amounts in fen, needs in 亩 and ㎡', async () => {
    const l = await file();
    expect(l.code).toMatch(/^ZS-20260302-\d{3}$/);
    expect(l.status).toBe('new');
    expect(l.amountFen).toBe(20 * YI);
    expect(l.landNeedMu).toBe(180.5);
    expect(l.factoryNeedM2).toBe(52000.25);
    expect(l.chainLabel).toBe('铜基新材料');
    expect(l.ownerName).toBe('招商局 陈专员');
    expect(l.actions).toEqual(['negotiate', 'drop']);
    expect(l.timeline.map((e) => e.action)).toEqual(['create']);
  });
});

describe('GET /api/land/leads/:id', () => {
  it('answers 404 for another park’s lead and for an unknown id', async () => {
    const l = await file();
    expect((await otherOfficer.get(`/api/land/leads/${l.id}`)).statusCode).toBe(404);
    expect((await otherOfficer.post(`/api/land/leads/${l.id}/negotiations`, negotiation())).statusCode).toBe(404);
    expect((await officer.get('/api/land/leads/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
  });

  it('masks the contact phone for a reader without manage', async () => {
    const l = await file();
    expect(l.contactPhone).toBe('13812345678');
    const seen = await ok<LeadDetail>(await leader.get(`/api/land/leads/${l.id}`));
    expect(seen.contactPhone).toBe('138****5678');
    const list = await ok<LeadListPage>(await leader.get(`/api/land/leads?q=${encodeURIComponent(l.code)}`));
    expect(list.items[0]!.contactPhone).toBe('138****5678');
  });
});

describe('the lead’s steps', () => {
  it('takes a lead from new through negotiation and committee to signed, creating exactly one project', async () => {
    const l = await file({ receivedOn: '2026-02-01', projectName: '屏对屏铜箔项目' });
    const n1 = await ok<LeadDetail>(await officer.post(`/api/land/leads/${l.id}/negotiations`, negotiation({ heldOn: '2026-02-03' })));
    expect(n1.status).toBe('negotiating');
    const n2 = await ok<LeadDetail>(await officer.post(`/api/land/leads/${l.id}/negotiations`, negotiation({ heldOn: '2026-02-20', form: 'in_person', location: '园区管委会' })));
    expect(n2.status).toBe('negotiating');
    expect(n2.negotiations).toHaveLength(2);
    expect(n2.negotiations[0]!.heldOn).toBe('2026-02-20');
    const c = await ok<LeadDetail>(await officer.post(`/api/land/leads/${l.id}/submit-committee`, { committeeOn: '2026-03-05' }));
    expect(c.status).toBe('committee');
    expect(c.committeeOn).toBe('2026-03-05');
    expect(c.actions).toEqual(['negotiate', 'drop']); // the officer may not decide
    const leaderView = await ok<LeadDetail>(await leader.get(`/api/land/leads/${l.id}`));
    expect(leaderView.actions).toEqual(['approve', 'reject']);
    const a = await ok<LeadDetail>(await leader.post(`/api/land/leads/${l.id}/approve`, { note: '同意引进' }));
    expect(a.status).toBe('approved');
    expect(a.committeeDecision).toBe('approved');
    const before = await t.ctx.db.selectFrom('investment_projects').select('id').where('park_id', '=', park.id).execute();
    const s = await ok<LeadDetail>(await officer.post(`/api/land/leads/${l.id}/sign`, { contractNo: 'YTGX-ZS-2026-901', signedOn: '2026-03-20' }));
    expect(s.status).toBe('signed');
    expect(s.signedOn).toBe('2026-03-20');
    expect(s.project).toMatchObject({ code: l.code, name: '屏对屏铜箔项目', contractNo: 'YTGX-ZS-2026-901', signedOn: '2026-03-20', stage: 'signed' });
    const after = await t.ctx.db.selectFrom('investment_projects').selectAll().where('park_id', '=', park.id).execute();
    expect(after).toHaveLength(before.length + 1);
    const project = after.find((p) => p.id === s.projectId)!;
    expect(Number(project.amount_fen)).toBe(20 * YI);
    expect(project.investor).toBe('朗通电子(深圳)有限公司');
    expect(project.chain).toBe('copper');
    // the project page reads the project; the lead is found from it
    const back = await ok(await officer.get(`/api/land/leads/by-project/${s.projectId}`));
    expect(back).toEqual({ lead: { id: l.id, code: l.code } });
    const projectPage = await ok(await admin.get(`/api/investment-projects/${s.projectId}`));
    expect(projectPage).toMatchObject({ code: l.code, amountFen: 20 * YI, stage: 'signed' });
    expect(s.timeline.map((e) => e.action)).toEqual(['create', 'negotiate', 'negotiate', 'submit_committee', 'approve', 'sign']);
    expect(s.actions).toEqual([]);
  });

  it('refuses a skipped step with 409 (sign while negotiating, committee before any negotiation)', async () => {
    const l = await file();
    const early = await officer.post(`/api/land/leads/${l.id}/submit-committee`, { committeeOn: '2026-04-01' });
    expect(early.statusCode).toBe(409);
    expect(errorOf(early).message).toContain('新线索');
    await ok(await officer.post(`/api/land/leads/${l.id}/negotiations`, negotiation()));
    const sign = await officer.post(`/api/land/leads/${l.id}/sign`, { contractNo: 'HT-1', signedOn: '2026-04-02' });
    expect(sign.statusCode).toBe(409);
    expect(errorOf(sign).message).toBe('招商线索当前状态为“洽谈中”,不能签约');
  });

  it('lets only investment:approve decide (403 for the officer, whatever the state)', async () => {
    const l = await file();
    await ok(await officer.post(`/api/land/leads/${l.id}/negotiations`, negotiation()));
    await ok(await officer.post(`/api/land/leads/${l.id}/submit-committee`, { committeeOn: '2026-04-01' }));
    expect((await officer.post(`/api/land/leads/${l.id}/approve`, {})).statusCode).toBe(403);
    expect((await liaison.post(`/api/land/leads/${l.id}/approve`, {})).statusCode).toBe(403);
    expect((await officer.post(`/api/land/leads/${l.id}/reject`, { note: '再谈' })).statusCode).toBe(403);
    // the admin sits on the committee too
    const rejected = await ok<LeadDetail>(await admin.post(`/api/land/leads/${l.id}/reject`, { note: '投资强度不足,继续洽谈' }));
    expect(rejected.status).toBe('negotiating');
    expect(rejected.committeeDecision).toBe('rejected');
    const noNote = await leader.post(`/api/land/leads/${l.id}/reject`, {});
    expect(noNote.statusCode).toBe(400);
  });

  it('leaves the lead unsigned when the project cannot be created (duplicate project code)', async () => {
    const first = await toApproved();
    const signed = await ok<LeadDetail>(await officer.post(`/api/land/leads/${first.id}/sign`, { contractNo: 'HT-A', signedOn: '2026-05-01', projectCode: 'DUP-2026-01' }));
    expect(signed.status).toBe('signed');
    const second = await toApproved();
    const events = await t.ctx.db.selectFrom('investment_lead_events').select('id').where('lead_id', '=', second.id).execute();
    const res = await officer.post(`/api/land/leads/${second.id}/sign`, { contractNo: 'HT-B', signedOn: '2026-05-02', projectCode: 'DUP-2026-01' });
    expect(res.statusCode).toBe(409);
    expect(errorOf(res).details[0]!.path).toBe('code');
    const after = await ok<LeadDetail>(await officer.get(`/api/land/leads/${second.id}`));
    expect(after.status).toBe('approved');
    expect(after.projectId).toBeNull();
    expect(after.signedOn).toBeNull();
    const eventsAfter = await t.ctx.db.selectFrom('investment_lead_events').select('id').where('lead_id', '=', second.id).execute();
    expect(eventsAfter).toHaveLength(events.length);
    const projects = await t.ctx.db.selectFrom('investment_projects').select('id').where('park_id', '=', park.id).where('code', '=', 'DUP-2026-01').execute();
    expect(projects).toHaveLength(1);
  });

  it('drops an open lead with a reason, and nothing more can be done to it', async () => {
    const l = await file();
    expect((await officer.post(`/api/land/leads/${l.id}/drop`, { reason: '' })).statusCode).toBe(400);
    const d = await ok<LeadDetail>(await officer.post(`/api/land/leads/${l.id}/drop`, { reason: '企业转投外省' }));
    expect(d.status).toBe('dropped');
    expect(d.droppedReason).toBe('企业转投外省');
    expect((await officer.post(`/api/land/leads/${l.id}/negotiations`, negotiation())).statusCode).toBe(409);
    expect((await officer.patch(`/api/land/leads/${l.id}`, { investor: 'X' })).statusCode).toBe(409);
  });

  it('refuses a negotiation dated before the lead came in or in the future', async () => {
    const l = await file({ receivedOn: '2026-03-02' });
    const early = await officer.post(`/api/land/leads/${l.id}/negotiations`, negotiation({ heldOn: '2026-03-01' }));
    expect(errorOf(early).details[0]!.path).toBe('heldOn');
    const future = await officer.post(`/api/land/leads/${l.id}/negotiations`, negotiation({ heldOn: '2026-07-01' }));
    expect(future.statusCode).toBe(400);
  });

  it('edits an open lead’s facts with an event naming the fields', async () => {
    const l = await file();
    const e = await ok<LeadDetail>(await officer.patch(`/api/land/leads/${l.id}`, { amountFen: 10 * YI, chain: 'iot' }));
    expect(e.amountFen).toBe(10 * YI);
    expect(e.chain).toBe('iot');
    expect(e.timeline.at(-1)).toMatchObject({ action: 'update', data: { fields: ['chain', 'amountFen'] } });
  });
});

describe('GET /api/land/leads/funnel', () => {
  it('counts the period’s leads by stage and chain with their amounts in fen, and the period’s signings', async () => {
    // a park of its own, so the figures are only these leads
    const p = await buildPark(t.ctx.db, '漏斗园区');
    const off = await clientAs(t, await buildUser(t.ctx.db, p, { roles: ['dispatcher'] }));
    const boss = await clientAs(t, await buildUser(t.ctx.db, p, { roles: ['leader'] }));
    const mk = async (o: Record<string, unknown>) => ok<LeadDetail>(await off.post('/api/land/leads', lead({ ownerId: null, ...o })), 201);
    const neg = async (id: string, form = 'online', heldOn = '2026-02-05') => ok(await off.post(`/api/land/leads/${id}/negotiations`, negotiation({ heldOn, form })));
    const up = async (id: string) => ok(await off.post(`/api/land/leads/${id}/submit-committee`, { committeeOn: '2026-02-06' }));
    const yes = async (id: string) => ok(await boss.post(`/api/land/leads/${id}/approve`, {}));
    const sign = async (id: string, signedOn: string) => ok(await off.post(`/api/land/leads/${id}/sign`, { contractNo: `HT-${id.slice(0, 6)}`, signedOn }));

    // January: 4 copper (2 online), 2 iot
    const a = await mk({ receivedOn: '2026-01-05', chain: 'copper', source: 'online', amountFen: 20 * YI });
    const b = await mk({ receivedOn: '2026-01-08', chain: 'copper', source: 'online', amountFen: 20 * YI });
    const c = await mk({ receivedOn: '2026-01-10', chain: 'copper', source: 'visit', amountFen: 5 * YI });
    const d = await mk({ receivedOn: '2026-01-20', chain: 'copper', source: 'fair', amountFen: 3 * YI });
    const e = await mk({ receivedOn: '2026-01-12', chain: 'iot', source: 'visit', amountFen: 2 * YI });
    const f = await mk({ receivedOn: '2026-01-31', chain: 'iot', source: 'referral', amountFen: 1 * YI });
    // outside the period: February
    const g = await mk({ receivedOn: '2026-02-01', chain: 'copper', source: 'online', amountFen: 7 * YI });

    for (const x of [a, b]) {
      await neg(x.id);
      await up(x.id);
      await yes(x.id);
      await sign(x.id, '2026-02-09');
    }
    await neg(c.id, 'in_person');
    await up(c.id);
    await yes(c.id);
    await neg(d.id, 'in_person');
    await up(d.id);
    await neg(e.id, 'online', '2026-01-20');
    await ok(await off.post(`/api/land/leads/${f.id}/drop`, { reason: '无意向' }));
    await neg(g.id);

    const fun = await ok<LeadFunnel>(await off.get('/api/land/leads/funnel?from=2026-01-01&to=2026-01-31'));
    expect(fun.total.received).toEqual({ count: 6, amountFen: 51 * YI });
    expect(fun.total.negotiated).toEqual({ count: 5, amountFen: 50 * YI });
    expect(fun.total.committee).toEqual({ count: 4, amountFen: 48 * YI });
    expect(fun.total.approved).toEqual({ count: 3, amountFen: 45 * YI });
    expect(fun.total.signed).toEqual({ count: 2, amountFen: 40 * YI });
    expect(fun.total.dropped).toEqual({ count: 1, amountFen: 1 * YI });
    expect(fun.total.open).toEqual({ count: 3, amountFen: 10 * YI });
    expect(fun.total.stepRates).toEqual({ received: null, negotiated: 83.3, committee: 80, approved: 75, signed: 66.7 });
    expect(fun.total.conversionPercent).toBe(33.3);
    expect(fun.total.online).toMatchObject({ count: 2, amountFen: 40 * YI, sharePercent: 33.3, signed: { count: 2, amountFen: 40 * YI } });
    const copper = fun.byChain.find((x) => x.chain === 'copper')!;
    expect(copper.chainLabel).toBe('铜基新材料');
    expect(copper.received).toEqual({ count: 4, amountFen: 48 * YI });
    expect(copper.signed.count).toBe(2);
    expect(fun.byChain.find((x) => x.chain === 'iot')!.received.count).toBe(2);
    // only January's negotiations (e's) fall in the period
    expect(fun.activity.negotiations).toBe(1);
    expect(fun.activity.signed.count).toBe(0);

    const feb = await ok<LeadFunnel>(await off.get('/api/land/leads/funnel?from=2026-02-01&to=2026-02-28'));
    expect(feb.total.received.count).toBe(1);
    expect(feb.activity.signed).toEqual({ count: 2, amountFen: 40 * YI });
    expect(feb.activity.signedOnline).toEqual({ count: 2, amountFen: 40 * YI });
    expect(feb.activity.negotiations).toBe(5);
    expect(feb.activity.onlineNegotiations).toBe(3);
    expect(feb.signings.map((s) => s.signedOn)).toEqual(['2026-02-09', '2026-02-09']);

    const chainOnly = await ok<LeadFunnel>(await off.get('/api/land/leads/funnel?from=2026-01-01&to=2026-01-31&chain=iot'));
    expect(chainOnly.total.received).toEqual({ count: 2, amountFen: 3 * YI });
    const online = await ok<LeadFunnel>(await off.get('/api/land/leads/funnel?from=2026-01-01&to=2026-01-31&source=online'));
    expect(online.total.signed.count).toBe(2);

    const wide = await ok<LeadFunnel>(await off.get('/api/land/leads/funnel?from=0001-01-01&to=9999-12-31'));
    expect(wide.total.received.count).toBe(7);
    expect(wide.activity.approvals).toBe(3);
    const bad = await off.get('/api/land/leads/funnel?from=2026-02-01&to=2026-01-01');
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad).details[0]!.path).toBe('to');

    const xlsx = await off.request({ method: 'GET', url: '/api/land/leads/funnel/export?from=2026-01-01&to=2026-02-28' });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('漏斗')!;
    const signedRow = sheet.getRows(1, sheet.rowCount)!.find((r) => r.getCell(1).value === '签约')!;
    expect(signedRow.getCell(2).value).toBe(2);
    expect(signedRow.getCell(3).value).toBe(4_000_000_000);
    expect(wb.getWorksheet('期间签约')!.rowCount).toBe(3);
  });
});
