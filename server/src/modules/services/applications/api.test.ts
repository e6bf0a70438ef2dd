import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { inflateRawSync } from 'node:zlib';
import { shanghaiDate } from '../../../platform/calendar/index.js';
import { anonymous, clientAs, createTestApp, errorOf, type Client, type TestApp } from '../../../../test/harness.js';
import { act, buildServiceWorld, fileApplication, multipart, supply, type ServiceWorld } from '../../../../test/service-application-factories.js';
import { sweepApplications } from './sweep.js';

let t: TestApp;
let w: ServiceWorld;
let firm: Client;
let other: Client;
let liaison: Client;
let approver: Client;
let otherApprover: Client;
let dispatcher: Client;

/** An instant at hh:mm Asia/Shanghai. */
const at = (date: string, time = '10:00') => new Date(`${date}T${time}:00+08:00`);
const dayOf = (iso: string | null) => (iso ? shanghaiDate(new Date(iso)) : null);

async function login() {
  [firm, other, liaison, approver, otherApprover, dispatcher] = await Promise.all([
    clientAs(t, w.firmUser),
    clientAs(t, w.otherFirmUser),
    clientAs(t, w.liaison),
    clientAs(t, w.approver),
    clientAs(t, w.otherApprover),
    clientAs(t, w.dispatcher),
  ]);
}

/** Moves the injected clock (sessions last 12 hours, so everyone logs in again). */
async function travel(instant: Date) {
  t.clock.set(instant);
  await login();
}

const TODAY = new Date('2026-11-26T02:00:00Z');

beforeAll(async () => {
  t = await createTestApp();
  w = await buildServiceWorld(t.ctx.db);
  await login();
});
afterEach(async () => {
  if (t.clock.now().getTime() !== TODAY.getTime()) await travel(TODAY);
});
afterAll(async () => t?.close());

/** The text of one entry of a zip (a .docx), read through its central directory. */
function zipEntry(zip: Buffer, name: string): string {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let at = zip.readUInt32LE(end + 16);
  for (let i = 0; i < zip.readUInt16LE(end + 10); i++) {
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const skip = nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    if (zip.subarray(at + 46, at + 46 + nameLength).toString() === name) {
      const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const data = zip.subarray(start, start + size);
      return (method === 8 ? inflateRawSync(data) : data).toString('utf8');
    }
    at += 46 + skip;
  }
  throw new Error(`${name} not in zip`);
}

async function fileOne(client: Client = firm, payload: Record<string, unknown> = {}, keys?: string[]) {
  const res = await fileApplication(client, { itemId: w.item.id, ...payload }, keys);
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

describe('POST /api/service-applications', () => {
  it('refuses anonymous callers', async () => {
    const res = await fileApplication(anonymous(t), { itemId: w.item.id });
    expect(res.statusCode).toBe(401);
  });

  it('names the missing material in Chinese', async () => {
    const res = await fileApplication(firm, { itemId: w.item.id }, ['m1', 'm3']);
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).message).toContain('营业执照');
    expect(errorOf(res).details[0]!.path).toBe('material.m2');
  });

  it('names a bad field of the payload', async () => {
    const res = await fileApplication(firm, { itemId: 'nope' });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).details[0]!.message).toContain('事项');
  });

  it('refuses a file whose bytes are not what its name says', async () => {
    const res = await firm.request({
      method: 'POST',
      url: '/api/service-applications',
      ...multipart({ payload: JSON.stringify({ itemId: w.item.id }) }, [
        { field: 'material.m1', filename: 'm1.pdf', content: Buffer.from('not a pdf') },
        { field: 'material.m2', filename: 'm2.pdf', content: Buffer.from('%PDF-1.4') },
        { field: 'material.m3', filename: 'm3.pdf', content: Buffer.from('%PDF-1.4') },
      ]),
    });
    expect(res.statusCode).toBe(400);
  });

  it('refuses a non-key material asked under 容缺 when it is a key material', async () => {
    const res = await fileApplication(firm, { itemId: w.item.id, rongqueKeys: ['m1'] }, ['m2', 'm3']);
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).message).toContain('关键材料');
  });

  it('answers 409 for an item that is no longer in use', async () => {
    const { buildServiceItem } = await import('../../../../test/service-factories.js');
    const inactive = await buildServiceItem(t.ctx.db, w.park, { status: 'inactive', approverIds: [w.approver.id] });
    const res = await fileApplication(firm, { itemId: inactive.id });
    expect(res.statusCode).toBe(409);
  });

  it('files for the own firm with a per-day case number and tells the item’s approvers', async () => {
    const created = await fileOne();
    expect(created.number).toMatch(/^BJ20261126-\d{4}$/);
    expect(created.status).toBe('submitted');
    expect(created.isDaiban).toBe(false);
    expect(created.materials.map((m: { state: string }) => m.state)).toEqual(['uploaded', 'uploaded', 'uploaded']);
    expect(created.clock.state).toBe('not_started');
    const notes = await t.ctx.db.selectFrom('notifications').select(['user_id', 'kind']).where('link', '=', `/services/applications/${created.id}`).execute();
    expect(notes).toContainEqual({ user_id: w.approver.id, kind: 'application.submitted' });
    expect(notes.some((n) => n.user_id === w.otherApprover.id)).toBe(false);
  });

  it('refuses a liaison filing for a firm it does not serve', async () => {
    const res = await fileApplication(liaison, { itemId: w.item.id, enterpriseId: w.otherFirm.id });
    expect(res.statusCode).toBe(403);
  });

  it('records a liaison’s filing as 代办 and counts it once in the liaison’s 代办 figures', async () => {
    const created = await fileOne(liaison, { enterpriseId: w.firm.id });
    expect(created.isDaiban).toBe(true);
    expect(created.daibanLiaisonId).toBe(w.liaison.id);
    expect(created.applicantName).toContain('代办');
    // A 代办 record naming the same case number must not count twice.
    const same = await liaison.post('/api/daiban', { enterpriseId: w.firm.id, doneOn: '2026-11-26', kind: 'license', description: '代办营业执照变更', caseNumber: created.number });
    expect(same.statusCode, same.body).toBe(201);
    expect((await liaison.post('/api/daiban', { enterpriseId: w.firm.id, doneOn: '2026-11-26', kind: 'social_security', description: '代办社保登记' })).statusCode).toBe(201);
    const stats = await liaison.get('/api/demands/stats?from=2026-11-01&to=2026-11-30');
    expect(stats.statusCode, stats.body).toBe(200);
    const daibanApps = await t.ctx.db.selectFrom('service_applications').select('number').where('park_id', '=', w.park.id).where('is_daiban', '=', true).execute();
    expect(stats.json().daiban).toBe(daibanApps.length + 1);
  });

  it('lets only the firm itself sign a 告知承诺, which replaces the replaceable material', async () => {
    const byLiaison = await fileApplication(liaison, { itemId: w.item.id, enterpriseId: w.firm.id, chengnuo: true }, ['m1', 'm2']);
    expect(byLiaison.statusCode).toBe(400);
    expect(errorOf(byLiaison).details[0]!.path).toBe('chengnuo');
    // the signer types their own name: not missing, not the company's
    const unsigned = await fileApplication(firm, { itemId: w.item.id, chengnuo: true }, ['m1', 'm2']);
    expect(unsigned.statusCode).toBe(400);
    expect(errorOf(unsigned).details[0]).toEqual({ path: 'chengnuoSigner', message: '请输入签署人本人姓名' });
    const byCompany = await fileApplication(firm, { itemId: w.item.id, chengnuo: true, chengnuoSigner: w.firm.name }, ['m1', 'm2']);
    expect(byCompany.statusCode).toBe(400);
    expect(errorOf(byCompany).details[0]!.path).toBe('chengnuoSigner');
    const created = await fileOne(firm, { chengnuo: true, chengnuoSigner: '李四' }, ['m1', 'm2']);
    expect(created.mode).toBe('chengnuo');
    // recorded as typed, with the account that signed and the time
    expect(created.chengnuo.signerName).toBe('李四');
    const signed = await t.ctx.db.selectFrom('service_chengnuo').select(['signer_name', 'signer_id', 'signed_at']).where('application_id', '=', created.id).executeTakeFirstOrThrow();
    expect(signed).toMatchObject({ signer_name: '李四', signer_id: w.firmUser.id });
    expect(created.chengnuo.replacedNames).toEqual(['场地使用证明']);
    expect(created.materials[2].state).toBe('chengnuo');
    expect(created.timeline.map((e: { action: string }) => e.action)).toEqual(['submit', 'sign_chengnuo']);
  });
});

describe('GET /api/service-applications and /:id (scope)', () => {
  it('shows a firm only its own cases and answers 404 for another firm’s', async () => {
    const created = await fileOne();
    expect((await other.get(`/api/service-applications/${created.id}`)).statusCode).toBe(404);
    const list = await other.get('/api/service-applications');
    expect(list.json().items.some((a: { id: string }) => a.id === created.id)).toBe(false);
    expect((await firm.get(`/api/service-applications/${created.id}`)).statusCode).toBe(200);
  });

  it('shows an approver only the cases of its items', async () => {
    const created = await fileOne();
    expect((await otherApprover.get(`/api/service-applications/${created.id}`)).statusCode).toBe(404);
    const mine = await approver.get('/api/service-applications?state=open&pageSize=200');
    expect(mine.json().items.some((a: { id: string }) => a.id === created.id)).toBe(true);
    const theirs = await otherApprover.get('/api/service-applications');
    expect(theirs.json().total).toBe(0);
    expect((await dispatcher.get(`/api/service-applications/${created.id}`)).statusCode).toBe(200);
  });

  it('answers 404 for a malformed id and 401 without a session', async () => {
    expect((await firm.get('/api/service-applications/not-a-uuid')).statusCode).toBe(404);
    expect((await anonymous(t).get('/api/service-applications')).statusCode).toBe(401);
  });

  it('counts the queue on the board', async () => {
    const board = await approver.get('/api/service-applications/board');
    expect(board.statusCode).toBe(200);
    expect(board.json().byStatus.submitted).toBeGreaterThan(0);
  });
});

describe('POST /api/service-applications/:id/actions', () => {
  it('validates the action, the scope and the actor', async () => {
    const created = await fileOne();
    expect((await act(approver, created.id, { action: 'fly' })).statusCode).toBe(400);
    expect((await act(otherApprover, created.id, { action: 'accept' })).statusCode).toBe(404);
    expect((await act(firm, created.id, { action: 'accept' })).statusCode).toBe(403);
    expect((await act(approver, created.id, { action: 'not_accept' })).statusCode).toBe(400);
    expect((await act(approver, created.id, { action: 'end_special' })).statusCode).toBe(409);
  });

  it('accepts, reviews and approves with a result number, then takes one rating through the ratings module', async () => {
    const created = await fileOne();
    const detail = await firm.get(`/api/service-applications/${created.id}`);
    expect(detail.json().allowedActions).toEqual(['withdraw']);
    const accepted = await act(approver, created.id, { action: 'accept' });
    expect(accepted.statusCode, accepted.body).toBe(200);
    // Accepted Thursday 2026-11-26: five working days → Thursday 12-03.
    expect(dayOf(accepted.json().clock.dueAt)).toBe('2026-12-03');
    expect(accepted.json().allowedActions).toEqual(['request_supplement', 'start_special', 'start_review', 'approve', 'refuse', 'record_visit']);
    expect((await act(approver, created.id, { action: 'start_review' })).statusCode).toBe(200);
    expect((await act(approver, created.id, { action: 'approve' })).statusCode).toBe(400);
    await travel(new Date('2026-11-30T03:00:00Z'));
    const approved = await act(approver, created.id, { action: 'approve', resultDocNumber: '鹰高审批〔2026〕101号' });
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'finished', outcome: 'approved', workingDaysUsed: 2, withinLimit: true, resultDocNumber: '鹰高审批〔2026〕101号' });
    expect((await firm.get(`/api/service-applications/${created.id}`)).json().canRate).toBe(true);

    const pending = await firm.get('/api/ratings/pending');
    expect(pending.json().items.map((c: { caseNumber: string }) => c.caseNumber)).toContain(created.number);
    const scores = { efficiency: 5, guideAccuracy: 5, convenience: 4, usability: 5 };
    expect((await approver.post(`/api/service-applications/${created.id}/rating`, { level: 'satisfied', scores })).statusCode).toBe(403);
    const rated = await firm.post(`/api/service-applications/${created.id}/rating`, { level: 'satisfied', scores, comment: '办理很快' });
    expect(rated.statusCode, rated.body).toBe(201);
    const stored = await t.ctx.db.selectFrom('ratings').select(['officer_id', 'case_number', 'subject_type']).where('subject_id', '=', created.id).executeTakeFirstOrThrow();
    expect(stored).toEqual({ officer_id: w.approver.id, case_number: created.number, subject_type: 'application' });
    const again = await firm.post(`/api/service-applications/${created.id}/rating`, { level: 'satisfied', scores });
    expect(again.statusCode).toBe(409);
    const after = (await firm.get(`/api/service-applications/${created.id}`)).json();
    expect(after.rating.level).toBe('satisfied');
    expect(after.canRate).toBe(false);
    expect(after.timeline.map((e: { action: string }) => e.action)).toEqual(['submit', 'accept', 'start_review', 'approve', 'rate']);
  });

  it('refuses 不予受理 without a reason and records who and when with one', async () => {
    const created = await fileOne();
    const res = await act(approver, created.id, { action: 'not_accept', note: '申请事项不属于本机关职权范围' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'not_accepted', outcome: 'not_accepted', decisionNote: '申请事项不属于本机关职权范围' });
    expect(res.json().timeline.at(-1)).toMatchObject({ action: 'not_accept', actorName: '审批员甲' });
  });

  it('lets the applicant withdraw before the decision, and counts visits', async () => {
    const created = await fileOne();
    expect((await act(approver, created.id, { action: 'record_visit' })).json().visits).toBe(1);
    const res = await act(firm, created.id, { action: 'withdraw', note: '信息填错,重新申请' });
    expect(res.json()).toMatchObject({ status: 'withdrawn', outcome: 'withdrawn' });
  });
});

describe('the clock across 国庆 2026 through the API', () => {
  it('pauses for 补正 on 9/22, resumes on 10/9 and moves the due date to 10/13', async () => {
    await travel(at('2026-09-18'));
    const created = await fileOne();
    await act(approver, created.id, { action: 'accept' });
    await travel(at('2026-09-22'));
    const asked = await act(approver, created.id, { action: 'request_supplement', materialKeys: ['m2'], note: '营业执照复印件不清晰,请重新上传' });
    expect(asked.statusCode, asked.body).toBe(200);
    expect(asked.json().clock.state).toBe('paused');
    expect(asked.json().materials[1].state).toBe('supplement');
    await travel(at('2026-10-09', '15:00'));
    // The requested material must come with the supply.
    expect((await supply(firm, created.id, ['m3'])).statusCode).toBe(400);
    const supplied = await supply(firm, created.id, ['m2'], '已重新上传');
    expect(supplied.statusCode, supplied.body).toBe(200);
    const view = supplied.json();
    expect(view.status).toBe('accepted');
    expect(view.clock.pausedDays).toBe(8);
    expect(dayOf(view.clock.dueAt)).toBe('2026-10-13');
    expect(dayOf(view.dueAt)).toBe('2026-10-13');
    await travel(at('2026-10-12'));
    expect((await firm.get(`/api/service-applications/${created.id}`)).json().warning).toBe('due_soon');
    await travel(at('2026-10-13', '16:00'));
    const done = await act(approver, created.id, { action: 'approve', resultDocNumber: '鹰高审批〔2026〕88号' });
    expect(done.json()).toMatchObject({ workingDaysUsed: 5, withinLimit: true });
  });

  it('pauses for a special procedure from the item’s list and resumes with the clock pushed back', async () => {
    await travel(at('2026-11-02'));
    const created = await fileOne();
    await act(approver, created.id, { action: 'accept' });
    await travel(at('2026-11-03'));
    const started = await act(approver, created.id, { action: 'start_special', specialName: '专家评审' });
    expect(started.json()).toMatchObject({ status: 'special', clockState: 'paused' });
    await travel(at('2026-11-06'));
    const ended = await act(approver, created.id, { action: 'end_special' });
    expect(ended.json().status).toBe('accepted');
    // 11/3–11/6 paused (4 working days): 11/2 + 5 + 4 → 11/13.
    expect(dayOf(ended.json().dueAt)).toBe('2026-11-13');
  });
});

describe('容缺受理', () => {
  it('refuses a deadline beyond the committed limit, naming both dates', async () => {
    const created = await fileOne(firm, { rongqueKeys: ['m2'] }, ['m1', 'm3']);
    expect(created.materials[1].state).toBe('rongque');
    const detail = (await approver.get(`/api/service-applications/${created.id}`)).json();
    expect(detail.allowedActions).toContain('accept_rongque');
    expect(detail.allowedActions).not.toContain('accept');
    expect(detail.rongqueLatestDeadline).toBe('2026-12-03');
    const late = await act(approver, created.id, { action: 'accept_rongque', deadline: '2026-12-04' });
    expect(late.statusCode).toBe(400);
    expect(errorOf(late).message).toContain('2026-12-04');
    expect(errorOf(late).message).toContain('2026-12-03');
    expect(errorOf(late).details[0]!.path).toBe('deadline');
  });

  it('accepts with a notice .docx, and the sweep terminates the case when the materials are late', async () => {
    const created = await fileOne(firm, { rongqueKeys: ['m2'] }, ['m1', 'm3']);
    const res = await act(approver, created.id, { action: 'accept_rongque', deadline: '2026-12-01' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'rongque', mode: 'rongque', rongqueDeadline: '2026-12-01' });
    expect(res.json().rongque.missing).toEqual([{ key: 'm2', name: '营业执照', form: '复印件', deadline: '2026-12-01' }]);
    const docx = await firm.get(`/api/service-applications/${created.id}/rongque-notice.docx`);
    expect(docx.statusCode).toBe(200);
    expect(docx.headers['content-type']).toContain('wordprocessingml');
    const text = zipEntry(docx.rawPayload, 'word/document.xml').replace(/<[^>]+>/g, '');
    for (const part of ['容缺受理通知书', `${created.number}-RQ`, w.firm.name, '营业执照', '复印件', '2026-12-01', '终止办理', '测试园区行政审批局']) expect(text).toContain(part);

    // Not yet due: nothing happens.
    expect((await sweepApplications(t.ctx, at('2026-12-01', '20:00'))).terminated).toBe(0);
    const swept = await sweepApplications(t.ctx, at('2026-12-02', '00:10'));
    expect(swept.terminated).toBeGreaterThanOrEqual(1);
    const after = (await firm.get(`/api/service-applications/${created.id}`)).json();
    expect(after).toMatchObject({ status: 'terminated', outcome: 'terminated' });
    expect(after.rongque.state).toBe('terminated');
    expect(after.timeline.at(-1).action).toBe('terminate');
    // A second run finds nothing more to do.
    expect((await sweepApplications(t.ctx, at('2026-12-02', '00:20'))).terminated).toBe(0);
  });

  it('resumes normal handling once the missing materials are supplied in time', async () => {
    const created = await fileOne(firm, { rongqueKeys: ['m2'] }, ['m1', 'm3']);
    await act(approver, created.id, { action: 'accept_rongque', deadline: '2026-12-02' });
    const supplied = await supply(firm, created.id, ['m2']);
    expect(supplied.statusCode, supplied.body).toBe(200);
    expect(supplied.json()).toMatchObject({ status: 'accepted' });
    expect(supplied.json().rongque.state).toBe('supplied');
  });
});

describe('告知承诺制 and the post-check', () => {
  it('decides on the spot, schedules a post-check, and a false promise revokes the decision and flags the firm', async () => {
    const created = await fileOne(firm, { chengnuo: true, chengnuoSigner: '李四' }, ['m1', 'm2']);
    const detail = (await approver.get(`/api/service-applications/${created.id}`)).json();
    expect(detail.allowedActions).toContain('approve');
    const approved = await act(approver, created.id, { action: 'approve', resultDocNumber: '鹰高承诺〔2026〕7号' });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'finished', outcome: 'approved', workingDaysUsed: 0 });
    // 20 working days after Thursday 2026-11-26 → 2026-12-24.
    expect(dayOf(approved.json().postcheck.dueAt)).toBe('2026-12-24');

    const list = await approver.get('/api/service-postchecks?status=scheduled');
    expect(list.statusCode).toBe(200);
    const check = list.json().items.find((c: { applicationId: string }) => c.applicationId === created.id);
    expect(check.canRecord).toBe(true);
    expect((await firm.get('/api/service-postchecks')).statusCode).toBe(403);
    expect((await dispatcher.post(`/api/service-postchecks/${check.id}/result`, { result: 'failed', note: '现场核查场地不存在' })).statusCode).toBe(403);

    const failed = await approver.post(`/api/service-postchecks/${check.id}/result`, { result: 'failed', note: '现场核查发现承诺的经营场地不存在' });
    expect(failed.statusCode, failed.body).toBe(200);
    expect(failed.json().status).toBe('failed');
    const revoked = (await firm.get(`/api/service-applications/${created.id}`)).json();
    expect(revoked).toMatchObject({ status: 'revoked', outcome: 'revoked' });
    const row = await t.ctx.db.selectFrom('enterprises').select('tags').where('id', '=', w.firm.id).executeTakeFirstOrThrow();
    expect(row.tags).toContain('chengnuo_bad_credit');
    const tag = await t.ctx.db.selectFrom('dictionaries').select('label').where('park_id', '=', w.park.id).where('kind', '=', 'tag').where('code', '=', 'chengnuo_bad_credit').executeTakeFirstOrThrow();
    expect(tag.label).toBe('承诺失信');

    // 容缺 and 承诺 are then refused for the firm.
    const rongque = await fileApplication(firm, { itemId: w.item.id, rongqueKeys: ['m2'] }, ['m1', 'm3']);
    expect(rongque.statusCode).toBe(400);
    const chengnuo = await fileApplication(firm, { itemId: w.item.id, chengnuo: true, chengnuoSigner: '李四' }, ['m1', 'm2']);
    expect(chengnuo.statusCode).toBe(400);
    await t.ctx.db.updateTable('enterprises').set({ tags: [] }).where('id', '=', w.firm.id).execute();
  });

  it('flags an overdue post-check once', async () => {
    const created = await fileOne(firm, { chengnuo: true, chengnuoSigner: '李四' }, ['m1', 'm2']);
    await act(approver, created.id, { action: 'approve', resultDocNumber: '鹰高承诺〔2026〕8号' });
    const first = await sweepApplications(t.ctx, at('2026-12-25'));
    expect(first.postchecksOverdue).toBeGreaterThanOrEqual(1);
    const second = await sweepApplications(t.ctx, at('2026-12-25', '10:05'));
    expect(second.postchecksOverdue).toBe(0);
    await travel(at('2026-12-25', '11:00'));
    const overdue = await approver.get('/api/service-postchecks?overdue=true');
    expect(overdue.json().items.length).toBeGreaterThan(0);
  });
});

describe('the deadline sweep', () => {
  it('warns one working day ahead and flags a passed committed deadline once', async () => {
    const created = await fileOne();
    await act(approver, created.id, { action: 'accept' });
    // Due 2026-12-03: the warning is due at 09:00 on 12-02.
    const warned = await sweepApplications(t.ctx, at('2026-12-02', '09:30'));
    expect(warned.warned).toBeGreaterThanOrEqual(1);
    const late = await sweepApplications(t.ctx, at('2026-12-04', '08:00'));
    expect(late.overdue).toBeGreaterThanOrEqual(1);
    const events = (await approver.get(`/api/service-applications/${created.id}`)).json().timeline.map((e: { action: string }) => e.action);
    expect(events).toEqual(['submit', 'accept', 'warn', 'overdue']);
    expect((await sweepApplications(t.ctx, at('2026-12-04', '09:00'))).overdue).toBe(0);
  });
});

describe('GET/PUT /api/service-applications/settings', () => {
  it('lets the bureau change the post-check delay', async () => {
    expect((await approver.get('/api/service-applications/settings')).json()).toEqual({ postcheckDays: 20 });
    expect((await firm.put('/api/service-applications/settings', { postcheckDays: 10 })).statusCode).toBe(403);
    expect((await approver.put('/api/service-applications/settings', { postcheckDays: 0 })).statusCode).toBe(400);
    expect((await approver.put('/api/service-applications/settings', { postcheckDays: 10 })).json()).toEqual({ postcheckDays: 10 });
    await approver.put('/api/service-applications/settings', { postcheckDays: 20 });
  });
});

describe('GET /api/service-applications/:id/materials/:fileId', () => {
  it('serves a material to the case’s readers only', async () => {
    const created = await fileOne();
    const file = created.materials[0].files[0];
    const res = await approver.get(`/api/service-applications/${created.id}/materials/${file.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await other.get(`/api/service-applications/${created.id}/materials/${file.id}`)).statusCode).toBe(404);
    expect((await firm.get(`/api/service-applications/${created.id}/materials/${created.id}`)).statusCode).toBe(404);
  });
});

describe('GET /api/service-applications/:id/rongque-notice.docx', () => {
  it('answers 409 for a case not accepted under 容缺 and 404 outside the scope', async () => {
    const created = await fileOne();
    expect((await firm.get(`/api/service-applications/${created.id}/rongque-notice.docx`)).statusCode).toBe(409);
    expect((await other.get(`/api/service-applications/${created.id}/rongque-notice.docx`)).statusCode).toBe(404);
  });
});

describe('POST /api/service-applications/:id/supply', () => {
  it('wants multipart files and a case waiting for them', async () => {
    const created = await fileOne();
    expect((await firm.post(`/api/service-applications/${created.id}/supply`, {})).statusCode).toBe(415);
    expect((await supply(firm, created.id, ['m2'])).statusCode).toBe(409);
    expect((await supply(other, created.id, ['m2'])).statusCode).toBe(404);
  });
});

describe('POST /api/service-applications/:id/rating', () => {
  it('does not rate a case the applicant withdrew', async () => {
    const created = await fileOne();
    await act(firm, created.id, { action: 'withdraw' });
    const res = await firm.post(`/api/service-applications/${created.id}/rating`, { level: 'satisfied', scores: { efficiency: 5, guideAccuracy: 5, convenience: 5, usability: 5 } });
    expect(res.statusCode).toBe(409);
    expect((await other.post(`/api/service-applications/${created.id}/rating`, { level: 'satisfied', scores: {} })).statusCode).toBe(404);
  });
});

describe('global search for 办件', () => {
  it('finds a case by its number inside the searcher’s scope only', async () => {
    const created = await fileOne();
    const mine = await firm.get(`/api/search?q=${created.number}`);
    const group = mine.json().groups.find((g: { kind: string }) => g.kind === 'application');
    expect(group.items[0]).toMatchObject({ id: created.id, link: `/services/applications/${created.id}` });
    const theirs = await other.get(`/api/search?q=${created.number}`);
    expect(theirs.json().groups.find((g: { kind: string }) => g.kind === 'application')?.items ?? []).toEqual([]);
    const wrongApprover = await otherApprover.get(`/api/search?q=${created.number}`);
    expect(wrongApprover.json().groups.find((g: { kind: string }) => g.kind === 'application')?.items ?? []).toEqual([]);
  });
});

describe('a 容缺 case withdrawn while waiting', () => {
  it('is left alone by the sweep and shows the 容缺 as cancelled', async () => {
    const created = await fileOne(firm, { rongqueKeys: ['m2'] }, ['m1', 'm3']);
    await act(approver, created.id, { action: 'accept_rongque', deadline: '2026-11-30' });
    const withdrawn = await act(firm, created.id, { action: 'withdraw', note: '项目暂缓' });
    expect(withdrawn.json()).toMatchObject({ status: 'withdrawn', rongqueDeadline: null });
    expect(withdrawn.json().rongque.state).toBe('cancelled');
    expect(withdrawn.json().materials[1].state).toBe('missing');
    await sweepApplications(t.ctx, at('2026-12-01', '08:00'));
    expect((await firm.get(`/api/service-applications/${created.id}`)).json().status).toBe('withdrawn');
  });
});

describe('GET /api/service-applications (the approver’s 受理 queue)', () => {
  it('puts a new filing waiting for 受理 on the first page: overdue, due soon, then waiting for 受理, then the rest', async () => {
    const q = await buildServiceWorld(t.ctx.db);
    const [applicant, handler] = await Promise.all([clientAs(t, q.firmUser), clientAs(t, q.approver)]);
    // more than a page of running cases, each with its deadline
    const running: string[] = [];
    for (let i = 0; i < 6; i++) {
      const c = (await fileApplication(applicant, { itemId: q.item.id })).json();
      expect((await act(handler, c.id, { action: 'accept' })).statusCode).toBe(200);
      running.push(c.id);
    }
    const fresh = (await fileApplication(applicant, { itemId: q.item.id })).json();
    const page = (sort: string, pageSize = 5, p = 1) => handler.get(`/api/service-applications?state=open&sort=${sort}&page=${p}&pageSize=${pageSize}`);

    const urgent = await page('urgency');
    expect(urgent.statusCode, urgent.body).toBe(200);
    expect(urgent.json().total).toBe(7);
    expect(urgent.json().items[0].id).toBe(fresh.id);
    // ordered by deadline alone, a case with no clock yet (waiting for 受理) fell behind every running one
    expect((await page('dueAt')).json().items.map((a: { id: string }) => a.id)).not.toContain(fresh.id);

    // once the running cases are overdue they come first, the filing waiting for 受理 right after them
    t.clock.set(at('2027-03-01'));
    const [h2] = await Promise.all([clientAs(t, q.approver)]);
    const later = (await h2.get('/api/service-applications?state=open&sort=urgency&pageSize=10')).json();
    expect(later.items.map((a: { id: string }) => a.id)).toEqual([...later.items.slice(0, 6).map((a: { id: string }) => a.id), fresh.id]);
    expect(later.items.slice(0, 6).every((a: { warning: string | null; id: string }) => running.includes(a.id))).toBe(true);
  });
});
