import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { anonymous, clientAs, createTestApp, errorOf, type Client, type TestApp } from '../../../../test/harness.js';
import { buildEnterprise, buildPark, buildUser, type TestPark } from '../../../../test/factories.js';
import { buildDemand, eventsOf, notificationsOf, reloadDemand } from '../../../../test/demand-factories.js';
import type { EnterpriseRow, UserRow } from '../../../db/schema.js';

const START = new Date('2026-11-26T02:00:00Z'); // Thursday 10:00 in Shanghai
let t: TestApp;

type World = {
  park: TestPark;
  firmUser: UserRow;
  liaison: UserRow;
  otherLiaison: UserRow;
  dispatcherUser: UserRow;
  firm: EnterpriseRow;
  otherFirm: EnterpriseRow;
  lonelyFirm: EnterpriseRow;
  asLiaison: Client;
  asOtherLiaison: Client;
  asDispatcher: Client;
  asFirm: Client;
  asOtherFirm: Client;
  asLeader: Client;
  asBank: Client;
};

/** A park with two liaisons, each serving one firm, a firm without liaison, and one log-in per role. */
async function buildWorld(): Promise<World> {
  const db = t.ctx.db;
  const park = await buildPark(db);
  const liaison = await buildUser(db, park, { roles: ['liaison'], displayName: '王专员', phone: '13900000001' });
  const otherLiaison = await buildUser(db, park, { roles: ['liaison'], displayName: '赵专员' });
  const dispatcherUser = await buildUser(db, park, { roles: ['dispatcher'], displayName: '调度专班' });
  const firm = await buildEnterprise(db, park, { liaison_id: liaison.id, name: `鹰潭铜箔科技有限公司${randomUUID().slice(0, 4)}` });
  const otherFirm = await buildEnterprise(db, park, { liaison_id: otherLiaison.id });
  const lonelyFirm = await buildEnterprise(db, park, { liaison_id: null });
  const firmUser = await buildUser(db, park, { roles: ['enterprise'], enterpriseId: firm.id });
  const otherFirmUser = await buildUser(db, park, { roles: ['enterprise'], enterpriseId: otherFirm.id });
  const leader = await buildUser(db, park, { roles: ['leader'] });
  const bank = await buildUser(db, park, { roles: ['bank'] });
  return {
    park,
    firmUser,
    liaison,
    otherLiaison,
    dispatcherUser,
    firm,
    otherFirm,
    lonelyFirm,
    asLiaison: await clientAs(t, liaison),
    asOtherLiaison: await clientAs(t, otherLiaison),
    asDispatcher: await clientAs(t, dispatcherUser),
    asFirm: await clientAs(t, firmUser),
    asOtherFirm: await clientAs(t, otherFirmUser),
    asLeader: await clientAs(t, leader),
    asBank: await clientAs(t, bank),
  };
}

let w: World;

beforeAll(async () => {
  t = await createTestApp({}, START);
  w = await buildWorld();
});
beforeEach(() => {
  t.clock.set(START);
});
afterAll(async () => {
  await t.close();
});

const fileAs = (client: Client, body: Record<string, unknown> = {}) =>
  client.post('/api/demands', { category: 'financing', title: '流动资金贷款即将到期,申请续贷对接', content: '企业一笔800万元流动资金贷款12月到期,希望对接银行办理续贷。', ...body });

const act = (client: Client, id: string, body: Record<string, unknown>) => client.post(`/api/demands/${id}/transitions`, body);

describe('POST /api/demands', () => {
  it('answers 401 without a session', async () => {
    const res = await anonymous(t).post('/api/demands', { category: 'financing', title: '标题', content: '内容内容内容' });
    expect(res.statusCode).toBe(401);
  });

  it('answers 400 naming the missing title in Chinese', async () => {
    const res = await w.asFirm.post('/api/demands', { category: 'financing', content: '内容内容内容' });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).details[0]).toMatchObject({ path: 'title' });
    expect(errorOf(res).message).toContain('诉求标题');
  });

  it('answers 400 for an unknown category, listing the known ones', async () => {
    const res = await fileAs(w.asFirm, { category: 'nonsense' });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).details[0]!.path).toBe('category');
    expect(errorOf(res).details[0]!.message).toContain('融资');
  });

  it('answers 403 to a bank user', async () => {
    expect((await fileAs(w.asBank, { enterpriseId: w.firm.id })).statusCode).toBe(403);
  });

  it('files an enterprise demand to its liaison with a 签收 deadline of one working day', async () => {
    const res = await fileAs(w.asFirm);
    expect(res.statusCode).toBe(201);
    const d = res.json();
    expect(d).toMatchObject({ status: 'submitted', source: 'enterprise', assigneeId: w.liaison.id, assigneeName: '王专员', enterpriseId: w.firm.id, categoryLabel: '融资', dueKind: 'accept' });
    expect(d.number).toMatch(/^SQ20261126-\d{4}$/);
    expect(d.dueAt).toBe('2026-11-27T15:59:59.999Z');
    expect(d.remainingWorkingDays).toBe(1);
    expect(d.timeline.map((e: { action: string }) => e.action)).toEqual(['submit']);
    expect(d.allowedActions).toEqual(['withdraw']);
    const notes = await notificationsOf(t.ctx.db, w.liaison.id);
    expect(notes.some((n) => n.kind === 'demand.assigned' && n.title.includes(d.number))).toBe(true);
    const sms = await t.ctx.db.selectFrom('sms_log').selectAll().where('user_id', '=', w.liaison.id).execute();
    expect(sms.length).toBeGreaterThan(0);
  });

  it('puts a demand of a firm without liaison in the dispatcher pool and tells the dispatchers', async () => {
    const res = await fileAs(w.asDispatcher, { enterpriseId: w.lonelyFirm.id });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ assigneeId: null, source: 'phone', status: 'submitted' });
    const notes = await notificationsOf(t.ctx.db, w.dispatcherUser.id);
    expect(notes.some((n) => n.kind === 'demand.pool' && n.title.includes(res.json().number))).toBe(true);
  });

  it('lets a liaison file for its own firm: it owns the demand at once and the answer clock runs', async () => {
    const res = await fileAs(w.asLiaison, { enterpriseId: w.firm.id });
    expect(res.statusCode).toBe(201);
    const d = res.json();
    expect(d).toMatchObject({ status: 'accepted', source: 'liaison', assigneeId: w.liaison.id, dueKind: 'answer' });
    // 融资: answer within 5 working days of Thursday 2026-11-26 → Thursday 2026-12-03.
    expect(d.dueAt).toBe('2026-12-03T15:59:59.999Z');
    expect(d.timeline.map((e: { action: string }) => e.action)).toEqual(['submit', 'accept']);
  });

  it('refuses a liaison filing for a firm it does not serve (403), and an enterprise filing for another firm (403)', async () => {
    const byLiaison = await fileAs(w.asLiaison, { enterpriseId: w.otherFirm.id });
    expect(byLiaison.statusCode).toBe(403);
    expect(errorOf(byLiaison).message).toContain('您服务的企业');
    expect((await fileAs(w.asFirm, { enterpriseId: w.otherFirm.id })).statusCode).toBe(403);
  });

  it('asks staff which firm the demand is for (400), and refuses a firm of another park (400)', async () => {
    const res = await fileAs(w.asDispatcher);
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).details[0]!.path).toBe('enterpriseId');
    const elsewhere = await buildEnterprise(t.ctx.db, await buildPark(t.ctx.db, '外园区'));
    expect((await fileAs(w.asDispatcher, { enterpriseId: elsewhere.id })).statusCode).toBe(400);
  });

  it('numbers concurrent filings of one day without gaps or duplicates', async () => {
    const results = await Promise.all(Array.from({ length: 6 }, () => fileAs(w.asFirm)));
    const numbers = results.map((r) => r.json().number as string);
    expect(results.every((r) => r.statusCode === 201)).toBe(true);
    expect(new Set(numbers).size).toBe(6);
    const seqs = numbers.map((n) => Number(n.slice(-4))).sort((a, b) => a - b);
    expect(seqs[5]! - seqs[0]!).toBe(5);
  });

  it('writes an audit entry in the same transaction', async () => {
    const d = (await fileAs(w.asFirm)).json();
    const audit = await t.ctx.db.selectFrom('audit_log').selectAll().where('entity', '=', 'demand').where('entity_id', '=', d.id).execute();
    expect(audit.map((a) => a.action)).toEqual(['submit']);
  });
});

describe('GET /api/demands', () => {
  it('answers 401 without a session and 403 to a bank user', async () => {
    expect((await anonymous(t).get('/api/demands')).statusCode).toBe(401);
    expect((await w.asBank.get('/api/demands')).statusCode).toBe(403);
  });

  it('answers 400 for an unknown status', async () => {
    const res = await w.asDispatcher.get('/api/demands?status=submitted,bogus');
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).details[0]!.path).toBe('status');
  });

  it('limits an enterprise to its own firm and a liaison to its firms plus demands assigned to it', async () => {
    const world = await buildWorld();
    const mine = await buildDemand(t.ctx.db, world.park, world.firm);
    const theirs = await buildDemand(t.ctx.db, world.park, world.otherFirm);
    const handedOver = await buildDemand(t.ctx.db, world.park, world.otherFirm, { assigneeId: world.liaison.id });
    const ids = async (c: Client) => (await c.get('/api/demands?pageSize=100')).json().items.map((d: { id: string }) => d.id).sort();
    expect(await ids(world.asFirm)).toEqual([mine.id]);
    expect(await ids(world.asLiaison)).toEqual([mine.id, handedOver.id].sort());
    expect(await ids(world.asOtherLiaison)).toEqual([theirs.id, handedOver.id].sort());
    expect(await ids(world.asDispatcher)).toEqual([mine.id, theirs.id, handedOver.id].sort());
    expect(await ids(world.asLeader)).toEqual([mine.id, theirs.id, handedOver.id].sort());
  });

  it('lists the overdue board most-overdue first with a negative countdown', async () => {
    const world = await buildWorld();
    const late = await buildDemand(t.ctx.db, world.park, world.firm, { status: 'accepted', dueAt: new Date('2026-11-20T15:59:59.999Z'), createdAt: new Date('2026-11-10T02:00:00Z') });
    const later = await buildDemand(t.ctx.db, world.park, world.firm, { status: 'accepted', dueAt: new Date('2026-11-24T15:59:59.999Z') });
    await buildDemand(t.ctx.db, world.park, world.firm, { status: 'accepted', dueAt: new Date('2026-12-01T15:59:59.999Z') });
    await buildDemand(t.ctx.db, world.park, world.firm, { status: 'closed' });
    const res = await world.asDispatcher.get('/api/demands?overdue=true&page=1&pageSize=20');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.total).toBe(2);
    expect(body.items.map((d: { id: string }) => d.id)).toEqual([late.id, later.id]);
    expect(body.items[0]).toMatchObject({ overdue: true, remainingWorkingDays: -4 });
    expect(body.items[1]).toMatchObject({ overdue: true, remainingWorkingDays: -2 });
  });

  it('filters by status list, category, owner, the pool and a search on number, title or firm', async () => {
    const world = await buildWorld();
    const a = await buildDemand(t.ctx.db, world.park, world.firm, { status: 'submitted', category: 'labor', title: '招聘数控技工30名' });
    const b = await buildDemand(t.ctx.db, world.park, world.lonelyFirm, { status: 'accepted', assigneeId: null });
    const c = await buildDemand(t.ctx.db, world.park, world.otherFirm, { status: 'closed' });
    const get = async (q: string) => (await world.asDispatcher.get(`/api/demands?${q}`)).json().items.map((d: { id: string }) => d.id).sort();
    expect(await get('status=submitted,accepted')).toEqual([a.id, b.id].sort());
    expect(await get('category=labor')).toEqual([a.id]);
    expect(await get(`assigneeId=${world.otherLiaison.id}`)).toEqual([c.id]);
    expect(await get('assigneeId=none')).toEqual([b.id]);
    expect(await get(`q=${encodeURIComponent('数控技工')}`)).toEqual([a.id]);
    expect(await get(`q=${encodeURIComponent(world.firm.name.slice(0, 8))}`)).toEqual([a.id]);
    expect(await get(`q=${c.number}`)).toEqual([c.id]);
    expect((await world.asLiaison.get('/api/demands?mine=true')).json().items.map((d: { id: string }) => d.id)).toEqual([a.id]);
  });
});

describe('GET /api/demands/:id', () => {
  it('answers 404 for a malformed id and for a demand outside the reader’s scope', async () => {
    const d = await buildDemand(t.ctx.db, w.park, w.otherFirm);
    expect((await w.asFirm.get('/api/demands/not-a-uuid')).statusCode).toBe(404);
    expect((await w.asFirm.get(`/api/demands/${d.id}`)).statusCode).toBe(404);
    expect((await w.asLiaison.get(`/api/demands/${d.id}`)).statusCode).toBe(404);
    expect((await w.asOtherFirm.get(`/api/demands/${d.id}`)).statusCode).toBe(200);
  });

  it('tells each reader exactly which actions it may take', async () => {
    const d = await buildDemand(t.ctx.db, w.park, w.firm, { status: 'submitted' });
    expect((await w.asLiaison.get(`/api/demands/${d.id}`)).json().allowedActions).toEqual(['accept']);
    expect((await w.asDispatcher.get(`/api/demands/${d.id}`)).json().allowedActions).toEqual(['accept', 'reassign']);
    expect((await w.asFirm.get(`/api/demands/${d.id}`)).json().allowedActions).toEqual(['withdraw']);
    expect((await w.asLeader.get(`/api/demands/${d.id}`)).json().allowedActions).toEqual([]);
  });
});

describe('POST /api/demands/:id/transitions', () => {
  it('refuses a transfer to a 承办单位 that is not in the park’s department tree, naming the field, and changes nothing', async () => {
    const id = (await fileAs(w.asFirm)).json().id as string;
    expect((await act(w.asLiaison, id, { action: 'accept' })).statusCode).toBe(200);
    const refused = await act(w.asLiaison, id, { action: 'transfer', department: '随便写的单位', note: '需其他单位办理' });
    expect(refused.statusCode).toBe(400);
    expect(errorOf(refused).details[0]).toMatchObject({ path: 'department' });
    expect(errorOf(refused).message).toContain('部门管理');
    const after = (await w.asLiaison.get(`/api/demands/${id}`)).json();
    expect(after).toMatchObject({ status: 'accepted', department: null });
  });

  it('runs the whole workflow with a timeline, deadlines that restart on reopen, and notifications', async () => {
    const filed = (await fileAs(w.asFirm)).json();
    const id = filed.id as string;

    const accepted = await act(w.asLiaison, id, { action: 'accept' });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toMatchObject({ status: 'accepted', dueKind: 'answer', dueAt: '2026-12-03T15:59:59.999Z' });
    expect(accepted.json().allowedActions).toEqual(['transfer', 'answer']);

    const transferred = await act(w.asLiaison, id, { action: 'transfer', department: '财政金融局', note: '需银行审批续贷' });
    expect(transferred.json()).toMatchObject({ status: 'in_progress', department: '财政金融局', assigneeId: w.liaison.id });

    // Four days later: fresh sessions (the old ones expired with the moved clock).
    t.clock.set(new Date('2026-11-30T03:00:00Z'));
    const asLiaison = await clientAs(t, w.liaison);
    const asFirm = await clientAs(t, w.firmUser);
    const answered = await act(asLiaison, id, { action: 'answer', note: '已对接农商行,续贷审批通过,12月5日前放款。' });
    expect(answered.json()).toMatchObject({ status: 'resolved', dueAt: null, answer: '已对接农商行,续贷审批通过,12月5日前放款。', answeredOnTime: true });
    expect(answered.json().autoCloseAt).toBe('2026-12-07T03:00:00.000Z');

    const firmView = await asFirm.get(`/api/demands/${id}`);
    expect(firmView.json().allowedActions).toEqual(['confirm', 'reject']);

    const rejected = await act(asFirm, id, { action: 'reject', note: '放款时间太晚,请协调提前' });
    // The answer clock restarts from the reject: 5 working days after Monday 11-30 → Monday 12-07.
    expect(rejected.json()).toMatchObject({ status: 'reopened', dueKind: 'answer', dueAt: '2026-12-07T15:59:59.999Z', reopenCount: 1 });
    const ownerNotes = await notificationsOf(t.ctx.db, w.liaison.id);
    expect(ownerNotes.some((n) => n.kind === 'demand.rejected')).toBe(true);

    await act(asLiaison, id, { action: 'answer', note: '已协调提前至12月2日放款。' });
    const closed = await act(asFirm, id, { action: 'confirm' });
    expect(closed.json()).toMatchObject({ status: 'closed', closedBy: 'enterprise', canRate: true });

    const timeline = closed.json().timeline as { action: string; fromStatus: string | null; toStatus: string; actorName: string; actorRole: string }[];
    expect(timeline.map((e) => e.action)).toEqual(['submit', 'accept', 'transfer', 'answer', 'reject', 'answer', 'confirm']);
    expect(timeline[1]).toMatchObject({ fromStatus: 'submitted', toStatus: 'accepted', actorName: '王专员', actorRole: 'liaison' });
    expect(timeline[4]).toMatchObject({ fromStatus: 'resolved', toStatus: 'reopened', actorRole: 'enterprise' });

    const audit = await t.ctx.db.selectFrom('audit_log').select('action').where('entity', '=', 'demand').where('entity_id', '=', id).orderBy('seq').execute();
    expect(audit.map((a) => a.action)).toEqual(['submit', 'accept', 'transfer', 'answer', 'reject', 'answer', 'confirm']);
    const firmNotes = await t.ctx.db.selectFrom('notifications').select('kind').where('link', '=', `/demands/${id}`).execute();
    expect(firmNotes.map((n) => n.kind)).toEqual(expect.arrayContaining(['demand.accepted', 'demand.transferred', 'demand.answered', 'demand.rate']));
  });

  it('answers 404 to an enterprise acting on another firm’s demand and to a liaison not serving the firm', async () => {
    const d = await buildDemand(t.ctx.db, w.park, w.otherFirm, { status: 'resolved' });
    expect((await act(w.asFirm, d.id, { action: 'confirm' })).statusCode).toBe(404);
    const s = await buildDemand(t.ctx.db, w.park, w.otherFirm, { status: 'submitted' });
    expect((await act(w.asLiaison, s.id, { action: 'accept' })).statusCode).toBe(404);
    expect((await reloadDemand(t.ctx.db, s.id)).status).toBe('submitted');
  });

  it('answers 403 to a party the transition does not name', async () => {
    const d = await buildDemand(t.ctx.db, w.park, w.firm, { status: 'resolved' });
    const res = await act(w.asLiaison, d.id, { action: 'confirm' });
    expect(res.statusCode).toBe(403);
    expect(errorOf(res).message).toContain('提出诉求的企业');
    expect((await act(w.asFirm, (await buildDemand(t.ctx.db, w.park, w.firm)).id, { action: 'accept' })).statusCode).toBe(403);
    expect((await act(w.asLeader, d.id, { action: 'confirm' })).statusCode).toBe(403);
  });

  it('answers 409 INVALID_STATE for an action the state does not allow', async () => {
    const d = await buildDemand(t.ctx.db, w.park, w.firm, { status: 'closed' });
    const res = await act(w.asLiaison, d.id, { action: 'accept' });
    expect(res.statusCode).toBe(409);
    expect(errorOf(res)).toMatchObject({ code: 'INVALID_STATE', message: '诉求当前状态为“已办结”,不能签收' });
    expect(await eventsOf(t.ctx.db, d.id)).toHaveLength(0);
  });

  it('answers 400 when the answer has no text, naming the field', async () => {
    const d = await buildDemand(t.ctx.db, w.park, w.firm, { status: 'accepted' });
    const res = await act(w.asLiaison, d.id, { action: 'answer' });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).details[0]!.path).toBe('note');
    expect((await act(w.asLiaison, d.id, { action: 'escalate' })).statusCode).toBe(400);
  });

  it('lets the dispatcher reassign: the new owner acts, the old one no longer can, the timeline keeps both', async () => {
    const d = (await fileAs(w.asFirm)).json();
    const res = await act(w.asDispatcher, d.id, { action: 'reassign', assigneeId: w.otherLiaison.id, note: '王专员休假' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ assigneeId: w.otherLiaison.id, status: 'submitted' });
    expect((await act(w.asLiaison, d.id, { action: 'accept' })).statusCode).toBe(403);
    const accepted = await act(w.asOtherLiaison, d.id, { action: 'accept' });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json().timeline.map((e: { action: string }) => e.action)).toEqual(['submit', 'reassign', 'accept']);
    expect((await act(w.asDispatcher, d.id, { action: 'reassign', assigneeId: w.firm.id })).statusCode).toBe(400);
  });

  it('lets the dispatcher take a pool demand: whoever accepts it owns it', async () => {
    const d = (await fileAs(w.asDispatcher, { enterpriseId: w.lonelyFirm.id })).json();
    const res = await act(w.asDispatcher, d.id, { action: 'accept' });
    expect(res.json()).toMatchObject({ status: 'accepted', assigneeId: w.dispatcherUser.id });
  });

  it('lets the firm withdraw before the answer and stops the clock', async () => {
    const d = (await fileAs(w.asFirm)).json();
    const res = await act(w.asFirm, d.id, { action: 'withdraw', note: '问题已自行解决' });
    expect(res.json()).toMatchObject({ status: 'withdrawn', dueAt: null, allowedActions: [] });
    expect((await act(w.asFirm, d.id, { action: 'withdraw' })).statusCode).toBe(409);
  });

  it('serialises two concurrent answers: one wins, the other gets 409', async () => {
    const d = await buildDemand(t.ctx.db, w.park, w.firm, { status: 'accepted' });
    const [a, b] = await Promise.all([
      act(w.asLiaison, d.id, { action: 'answer', note: '第一次答复内容' }),
      act(w.asDispatcher, d.id, { action: 'answer', note: '第二次答复内容' }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    expect((await eventsOf(t.ctx.db, d.id)).filter((e) => e.action === 'answer')).toHaveLength(1);
  });
});

function multipart(files: { filename: string; content: Buffer; type?: string }[]) {
  const boundary = `----yq${randomUUID()}`;
  const parts = files.map((f) =>
    Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${f.filename}"\r\nContent-Type: ${f.type ?? 'application/octet-stream'}\r\n\r\n`),
      f.content,
      Buffer.from('\r\n'),
    ]),
  );
  return { payload: Buffer.concat([...parts, Buffer.from(`--${boundary}--\r\n`)]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 7)]);

describe('POST /api/demands/:id/attachments', () => {
  it('stores files in the database and serves them to readers in scope only', async () => {
    const d = (await fileAs(w.asFirm)).json();
    const upload = await w.asFirm.request({ method: 'POST', url: `/api/demands/${d.id}/attachments`, ...multipart([{ filename: '现场照片.png', content: PNG }, { filename: '申请.pdf', content: Buffer.from('%PDF-1.4 test') }]) });
    expect(upload.statusCode).toBe(201);
    const files = upload.json().attachments as { id: string; filename: string; size: number; contentType: string }[];
    expect(files.map((f) => f.filename)).toEqual(['现场照片.png', '申请.pdf']);
    expect(upload.json().timeline.at(-1)).toMatchObject({ action: 'attach' });
    const download = await w.asLiaison.get(`/api/demands/${d.id}/attachments/${files[0]!.id}`);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('image/png');
    expect(download.rawPayload.equals(PNG)).toBe(true);
    expect((await w.asOtherFirm.get(`/api/demands/${d.id}/attachments/${files[0]!.id}`)).statusCode).toBe(404);
  });

  it('refuses a renamed file (400), a file over 20 MB (413), and another firm (404)', async () => {
    const d = (await fileAs(w.asFirm)).json();
    const renamed = await w.asFirm.request({ method: 'POST', url: `/api/demands/${d.id}/attachments`, ...multipart([{ filename: '营业执照.pdf', content: PNG }]) });
    expect(renamed.statusCode).toBe(400);
    expect(errorOf(renamed).message).toContain('营业执照.pdf');
    const big = Buffer.concat([Buffer.from('%PDF-1.4'), Buffer.alloc(20 * 1024 * 1024 + 10)]);
    const tooBig = await w.asFirm.request({ method: 'POST', url: `/api/demands/${d.id}/attachments`, ...multipart([{ filename: '大文件.pdf', content: big }]) });
    expect(tooBig.statusCode).toBe(413);
    const other = await w.asOtherFirm.request({ method: 'POST', url: `/api/demands/${d.id}/attachments`, ...multipart([{ filename: 'a.png', content: PNG }]) });
    expect(other.statusCode).toBe(404);
    expect((await w.asFirm.get(`/api/demands/${d.id}`)).json().attachments).toHaveLength(0);
  });
});

const GOOD = { level: 'satisfied', scores: { serviceEfficiency: 5, serviceLevel: 4, serviceAttitude: 5 }, comment: '响应及时' };

describe('POST /api/demands/:id/rating', () => {
  it('answers 401, 404 out of scope, 403 to staff and 409 before the demand is closed', async () => {
    const open = await buildDemand(t.ctx.db, w.park, w.firm, { status: 'resolved' });
    expect((await anonymous(t).post(`/api/demands/${open.id}/rating`, GOOD)).statusCode).toBe(401);
    expect((await w.asOtherFirm.post(`/api/demands/${open.id}/rating`, GOOD)).statusCode).toBe(404);
    expect((await w.asLiaison.post(`/api/demands/${open.id}/rating`, GOOD)).statusCode).toBe(403);
    const early = await w.asFirm.post(`/api/demands/${open.id}/rating`, GOOD);
    expect(early.statusCode).toBe(409);
    expect(errorOf(early).code).toBe('INVALID_STATE');
  });

  it('rates a closed demand once and refuses a second rating with 409', async () => {
    const d = (await fileAs(w.asFirm)).json();
    await act(w.asLiaison, d.id, { action: 'accept' });
    await act(w.asLiaison, d.id, { action: 'answer', note: '已协调解决' });
    await act(w.asFirm, d.id, { action: 'confirm' });
    const first = await w.asFirm.post(`/api/demands/${d.id}/rating`, GOOD);
    expect(first.statusCode).toBe(201);
    const second = await w.asFirm.post(`/api/demands/${d.id}/rating`, { ...GOOD, level: 'very_satisfied' });
    expect(second.statusCode).toBe(409);
    const detail = (await w.asFirm.get(`/api/demands/${d.id}`)).json();
    expect(detail.canRate).toBe(false);
    expect(detail.rating).toMatchObject({ level: 'satisfied' });
    const rateEvent = detail.timeline.at(-1);
    expect(rateEvent).toMatchObject({ action: 'rate', actorId: null, actorName: w.firm.name });
  });
});

describe('GET /api/demands/board and /categories', () => {
  it('counts the park’s demands by status, overdue and the pool', async () => {
    const world = await buildWorld();
    await buildDemand(t.ctx.db, world.park, world.firm, { status: 'submitted', dueAt: new Date('2026-11-20T15:59:59.999Z') });
    await buildDemand(t.ctx.db, world.park, world.lonelyFirm, { status: 'accepted', assigneeId: null, dueAt: new Date('2026-11-26T15:59:59.999Z') });
    await buildDemand(t.ctx.db, world.park, world.firm, { status: 'closed' });
    const board = (await world.asDispatcher.get('/api/demands/board')).json();
    expect(board).toMatchObject({ open: 2, overdue: 1, unassigned: 1, dueToday: 1 });
    expect(board.byStatus).toMatchObject({ submitted: 1, accepted: 1, closed: 1 });
  });

  it('lists the categories with their working-day deadlines', async () => {
    const items = (await w.asFirm.get('/api/demands/categories')).json().items as { code: string; label: string; answerDays: number }[];
    expect(items.find((c) => c.code === 'land')).toMatchObject({ label: '用地', acceptDays: 1, answerDays: 10 });
    expect(items).toHaveLength(9);
  });
});

describe('PUT /api/dictionaries/demand_category', () => {
  it('validates the deadlines an admin sets and uses them for the next demand', async () => {
    const world = await buildWorld();
    const admin = await clientAs(t, await buildUser(t.ctx.db, world.park, { roles: ['admin'] }));
    await admin.get('/api/demands/categories');
    const bad = await admin.put('/api/dictionaries/demand_category', { code: 'policy', label: '政策咨询', extra: { acceptDays: 0, answerDays: 3 } });
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad).message).toContain('签收期限');
    const ok = await admin.put('/api/dictionaries/demand_category', { code: 'policy', label: '政策咨询', extra: { answerDays: 2 } });
    expect(ok.statusCode).toBe(200);
    const d = (await fileAs(world.asLiaison, { enterpriseId: world.firm.id, category: 'policy' })).json();
    expect(d.dueAt).toBe('2026-11-30T15:59:59.999Z'); // 2 working days after Thursday → Monday
  });
});
