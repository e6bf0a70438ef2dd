import type { BankFinanceEventDetail, FinanceEventDetail, FinanceEventSummary, FirmFinanceEvent } from '@yuanqi/contract';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { EnterpriseRow } from '../../../db/schema.js';
import { anonymous, clientAs, createTestApp, errorOf, type Client, type TestApp } from '../../../../test/harness.js';
import { buildBank, buildEnterprise, buildPark, buildUser, type TestPark } from '../../../../test/factories.js';
import { buildEventOutcomes, buildEventSignups, buildFinanceEvent, buildFirms } from '../../../../test/finance-insight-factories.js';
import { splitExactly } from '../seed/events.js';

const NOW = new Date('2026-06-10T02:00:00Z');

let t: TestApp;
let park: TestPark;
let firm: EnterpriseRow;
let otherFirm: EnterpriseRow;
let bankA: { id: string };
let bankB: { id: string };
let bankC: { id: string };
let officer: Client;
let leader: Client;
let firmUser: Client;
let otherFirmUser: Client;
let bankerA: Client;
let bankerB: Client;
let bankerC: Client;
let liaison: Client;
let foreignOfficer: Client;

beforeAll(async () => {
  t = await createTestApp({}, NOW);
  park = await buildPark(t.ctx.db);
  const otherPark = await buildPark(t.ctx.db, '另一个园区');
  const liaisonRow = await buildUser(t.ctx.db, park, { roles: ['liaison'] });
  firm = await buildEnterprise(t.ctx.db, park, { liaison_id: liaisonRow.id });
  otherFirm = await buildEnterprise(t.ctx.db, park);
  bankA = await buildBank(t.ctx.db, park, '甲银行鹰潭分行');
  bankB = await buildBank(t.ctx.db, park, '乙银行鹰潭分行');
  bankC = await buildBank(t.ctx.db, park, '丙银行鹰潭分行');
  officer = await clientAs(t, await buildUser(t.ctx.db, park, { roles: ['finance_officer'] }));
  leader = await clientAs(t, await buildUser(t.ctx.db, park, { roles: ['leader'] }));
  firmUser = await clientAs(t, await buildUser(t.ctx.db, park, { roles: ['enterprise'], enterpriseId: firm.id }));
  otherFirmUser = await clientAs(t, await buildUser(t.ctx.db, park, { roles: ['enterprise'], enterpriseId: otherFirm.id }));
  bankerA = await clientAs(t, await buildUser(t.ctx.db, park, { roles: ['bank'], bankId: bankA.id }));
  bankerB = await clientAs(t, await buildUser(t.ctx.db, park, { roles: ['bank'], bankId: bankB.id }));
  bankerC = await clientAs(t, await buildUser(t.ctx.db, park, { roles: ['bank'], bankId: bankC.id }));
  liaison = await clientAs(t, liaisonRow);
  foreignOfficer = await clientAs(t, await buildUser(t.ctx.db, otherPark, { roles: ['finance_officer'] }));
});
afterAll(async () => {
  await t.close();
});
beforeEach(() => {
  t.clock.set(NOW);
});

const eventBody = (o: Record<string, unknown> = {}) => ({ title: '二季度银企对接会', theme: '稳增长', heldOn: '2026-06-20', venue: '管委会报告厅', signupDeadline: '2026-06-15', description: null, bankIds: [bankA.id, bankB.id], ...o });

describe('POST /api/finance/events', () => {
  it('refuses without a session, a firm, and bad input with Chinese field messages', async () => {
    expect((await anonymous(t).post('/api/finance/events', eventBody())).statusCode).toBe(401);
    expect((await firmUser.post('/api/finance/events', eventBody())).statusCode).toBe(403);
    expect((await leader.post('/api/finance/events', eventBody())).statusCode).toBe(403);
    const bad = await officer.post('/api/finance/events', eventBody({ title: '', signupDeadline: '2026-06-25', bankIds: [] }));
    expect(bad.statusCode).toBe(400);
    const messages = errorOf(bad).details.map((d) => d.message).join(';');
    expect(messages).toContain('请填写对接会名称');
    expect(messages).toContain('请至少选择一家参会金融机构');
    expect(messages).toContain('报名截止日不能晚于举办日期');
  });

  it('refuses an institution of another park', async () => {
    const foreignBank = await buildBank(t.ctx.db, await buildPark(t.ctx.db), '外园区银行');
    const res = await officer.post('/api/finance/events', eventBody({ bankIds: [bankA.id, foreignBank.id] }));
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).details[0]!.path).toBe('bankIds');
  });

  it('creates an event with its institutions; the figures start at zero', async () => {
    const res = await officer.post('/api/finance/events', eventBody());
    expect(res.statusCode).toBe(201);
    const e = res.json() as FinanceEventDetail;
    expect(e.banks.map((b) => b.id).sort()).toEqual([bankA.id, bankB.id].sort());
    expect(e.figures).toMatchObject({ signups: 0, signedFirms: 0, signedAmountFen: 0, participatingInstitutions: 2 });
    expect(e.signupOpen).toBe(true);
    expect((await foreignOfficer.get(`/api/finance/events/${e.id}`)).statusCode).toBe(404);
  });
});

describe('融资对接会 figures', () => {
  it('are computed from the outcomes: 90 distinct firms and the exact signed sum', async () => {
    const banks = await Promise.all(Array.from({ length: 13 }, (_, i) => buildBank(t.ctx.db, park, `对接银行${i + 1}`)));
    const firms = await buildFirms(t.ctx.db, park, 120, 'EV');
    const event = await buildFinanceEvent(t.ctx.db, park, { bankIds: banks.map((b) => b.id), heldOn: '2026-03-18', status: 'held' });
    await buildEventSignups(t.ctx.db, park, event.id, firms.map((f) => f.id));
    const weights = Array.from({ length: 100 }, (_, i) => 10 + ((i * 37) % 90));
    const shares = splitExactly(11_600, weights);
    expect(shares.reduce((s, x) => s + x, 0)).toBe(11_600);
    // 100 outcomes over 90 firms: the first ten firms sign with two banks
    const rows = shares.map((units, k) => ({ enterpriseId: firms[k < 90 ? k : k - 90]!.id, bankId: banks[k % 13]!.id, fen: units * 10_000_000 }));
    await buildEventOutcomes(t.ctx.db, park, event.id, rows);
    const res = await officer.get(`/api/finance/events/${event.id}`);
    expect(res.statusCode).toBe(200);
    const e = res.json() as FinanceEventDetail;
    expect(e.figures.signedFirms).toBe(90);
    expect(e.figures.signedAmountFen).toBe(116_000_000_000);
    expect(e.figures.outcomes).toBe(100);
    expect(e.figures.signups).toBe(120);
    expect(e.figures.signedInstitutions).toBe(13);
    expect(e.byInstitution).toHaveLength(13);
    expect(e.byInstitution.reduce((s, b) => s + b.signedAmountFen, 0)).toBe(116_000_000_000);
    const list = (await leader.get('/api/finance/events')).json() as FinanceEventSummary[];
    expect(list.find((x) => x.id === event.id)!.figures.signedAmountFen).toBe(116_000_000_000);
    // the export is a real workbook with one row per outcome and the computed total
    const x = await officer.get(`/api/finance/events/${event.id}/outcomes/export`);
    expect(x.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('签约结果')!;
    let sum = 0;
    ws.eachRow((row, n) => {
      if (n > 3 && typeof row.getCell(1).value === 'number') sum += Number(row.getCell(4).value);
    });
    expect(Math.round(sum * 100)).toBe(116_000_000_000);
    expect(wb.getWorksheet('按机构')!.rowCount).toBe(14);
  });
});

describe('POST /api/finance/events/:id/signups', () => {
  it('lets a firm sign up once with an amount, until the deadline', async () => {
    const event = await buildFinanceEvent(t.ctx.db, park, { bankIds: [bankA.id, bankB.id], heldOn: '2026-06-20', signupDeadline: '2026-06-15' });
    const missing = await firmUser.post(`/api/finance/events/${event.id}/signups`, {});
    expect(missing.statusCode).toBe(400);
    expect(errorOf(missing).details[0]!.message).toBe('请选择一条融资需求或填写融资金额');
    const ok = await firmUser.post(`/api/finance/events/${event.id}/signups`, { amountFen: 5_000_000_00, note: '流动资金' });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ enterpriseId: firm.id, amountFen: 500_000_000 });
    const again = await firmUser.post(`/api/finance/events/${event.id}/signups`, { amountFen: 100 });
    expect(again.statusCode).toBe(409);
    expect(errorOf(again).message).toContain('只能报名一次');
    // a firm cannot sign up another firm
    expect((await firmUser.post(`/api/finance/events/${event.id}/signups`, { enterpriseId: otherFirm.id, amountFen: 100 })).statusCode).toBe(404);
    // after the deadline (2026-06-16 in Shanghai)
    t.clock.set(new Date('2026-06-15T16:30:00Z'));
    const lateUser = await clientAs(t, await buildUser(t.ctx.db, park, { roles: ['enterprise'], enterpriseId: otherFirm.id }));
    const late = await lateUser.post(`/api/finance/events/${event.id}/signups`, { amountFen: 100_00 });
    expect(late.statusCode).toBe(409);
    expect(errorOf(late).message).toContain('报名已于 2026-06-15 截止');
    // the firm's phone list shows its sign-up
    t.clock.set(NOW);
    const mine = (await firmUser.get('/api/finance/events/firm')).json() as FirmFinanceEvent[];
    expect(mine.find((e) => e.id === event.id)!.mySignup!.amountFen).toBe(500_000_000);
    expect(((await otherFirmUser.get('/api/finance/events/firm')).json() as FirmFinanceEvent[]).find((e) => e.id === event.id)!.mySignup).toBeNull();
  });

  it('two sign-ups of one firm at once: one is taken, the other refused (database unique key)', async () => {
    const event = await buildFinanceEvent(t.ctx.db, park, { bankIds: [bankA.id], heldOn: '2026-06-30' });
    const results = await Promise.all([firmUser.post(`/api/finance/events/${event.id}/signups`, { amountFen: 100_00 }), firmUser.post(`/api/finance/events/${event.id}/signups`, { amountFen: 200_00 })]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    const rows = await t.ctx.db.selectFrom('finance_event_signups').select('id').where('event_id', '=', event.id).execute();
    expect(rows).toHaveLength(1);
  });

  it('takes only one of the firm’s own needs (another firm’s need is 404)', async () => {
    const event = await buildFinanceEvent(t.ctx.db, park, { bankIds: [bankA.id], heldOn: '2026-06-30' });
    const now = new Date();
    const need = await t.ctx.db
      .insertInto('finance_needs')
      .values({ park_id: park.id, number: `RZ-${Date.now()}`, enterprise_id: otherFirm.id, amount_fen: 3_000_000_00, term_months: 12, purpose: '购设备', send_to: 'all', status: 'open', filed_by_role: 'enterprise', filed_at: now, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    expect((await firmUser.post(`/api/finance/events/${event.id}/signups`, { needId: need.id })).statusCode).toBe(404);
    const own = await otherFirmUser.post(`/api/finance/events/${event.id}/signups`, { needId: need.id });
    expect(own.statusCode).toBe(201);
    expect(own.json()).toMatchObject({ needId: need.id, amountFen: 300_000_000 });
    // a liaison signs up its assigned firm, not another
    expect((await liaison.post(`/api/finance/events/${event.id}/signups`, { enterpriseId: otherFirm.id, amountFen: 100 })).statusCode).toBe(404);
    expect((await liaison.post(`/api/finance/events/${event.id}/signups`, { enterpriseId: firm.id, amountFen: 100_00 })).statusCode).toBe(201);
  });
});

describe('bank views: intentions and outcomes', () => {
  it('only participating institutions, each its own (404 otherwise)', async () => {
    const event = await buildFinanceEvent(t.ctx.db, park, { bankIds: [bankA.id, bankB.id], heldOn: '2026-06-09', status: 'held' });
    await buildEventSignups(t.ctx.db, park, event.id, [firm.id]);
    // C does not take part: 404 on every view of the event
    expect((await bankerC.get(`/api/finance/bank/events/${event.id}`)).statusCode).toBe(404);
    expect((await bankerC.post(`/api/finance/bank/events/${event.id}/intentions`, { enterpriseId: firm.id, amountFen: 100_00 })).statusCode).toBe(404);
    expect((await bankerC.post(`/api/finance/events/${event.id}/outcomes`, { enterpriseId: firm.id, signedAmountFen: 100_00, signedOn: '2026-06-10' })).statusCode).toBe(404);
    expect(((await bankerC.get('/api/finance/bank/events')).json() as FinanceEventSummary[]).some((e) => e.id === event.id)).toBe(false);
    // staff pages are not a bank's
    expect((await bankerA.get(`/api/finance/events/${event.id}`)).statusCode).toBe(403);
    // a firm that did not sign up: 404
    expect((await bankerA.post(`/api/finance/bank/events/${event.id}/intentions`, { enterpriseId: otherFirm.id, amountFen: 100_00 })).statusCode).toBe(404);
    expect((await bankerA.post(`/api/finance/bank/events/${event.id}/intentions`, { enterpriseId: firm.id, amountFen: 2_000_000_00, note: '信用贷' })).statusCode).toBe(201);
    expect((await bankerB.post(`/api/finance/bank/events/${event.id}/intentions`, { enterpriseId: firm.id, amountFen: 1_000_000_00 })).statusCode).toBe(201);
    // revising its own intention keeps one row
    expect((await bankerA.post(`/api/finance/bank/events/${event.id}/intentions`, { enterpriseId: firm.id, amountFen: 2_500_000_00 })).statusCode).toBe(201);
    const a = (await bankerA.get(`/api/finance/bank/events/${event.id}`)).json() as BankFinanceEventDetail;
    expect(a.intentions).toHaveLength(1);
    expect(a.intentions[0]).toMatchObject({ bankId: bankA.id, amountFen: 250_000_000 });
    expect(a.signups).toEqual([expect.objectContaining({ enterpriseId: firm.id, enterpriseName: firm.name, amountFen: 100_000_000 })]);
    // a bank records its own outcome only: naming another bank is 404
    expect((await bankerA.post(`/api/finance/events/${event.id}/outcomes`, { enterpriseId: firm.id, bankId: bankB.id, signedAmountFen: 100_00, signedOn: '2026-06-10' })).statusCode).toBe(404);
    const mine = await bankerA.post(`/api/finance/events/${event.id}/outcomes`, { enterpriseId: firm.id, signedAmountFen: 2_000_000_00, signedOn: '2026-06-10', contractNo: 'HT-001' });
    expect(mine.statusCode).toBe(201);
    const early = await officer.post(`/api/finance/events/${event.id}/outcomes`, { enterpriseId: firm.id, bankId: bankB.id, signedAmountFen: 100_00, signedOn: '2026-06-01' });
    expect(early.statusCode).toBe(400);
    expect(errorOf(early).details[0]!.path).toBe('signedOn');
    expect((await officer.post(`/api/finance/events/${event.id}/outcomes`, { enterpriseId: firm.id, bankId: bankC.id, signedAmountFen: 100_00, signedOn: '2026-06-10' })).statusCode).toBe(400);
    expect((await officer.post(`/api/finance/events/${event.id}/outcomes`, { enterpriseId: firm.id, bankId: bankB.id, signedAmountFen: 1_000_000_00, signedOn: '2026-06-10' })).statusCode).toBe(201);
    // B sees only its own intentions and outcomes
    const b = (await bankerB.get(`/api/finance/bank/events/${event.id}`)).json() as BankFinanceEventDetail;
    expect(b.intentions.map((i) => i.bankId)).toEqual([bankB.id]);
    expect(b.outcomes.map((o) => o.bankId)).toEqual([bankB.id]);
    const e = (await officer.get(`/api/finance/events/${event.id}`)).json() as FinanceEventDetail;
    expect(e.figures).toMatchObject({ signedFirms: 1, signedInstitutions: 2, outcomes: 2, signedAmountFen: 300_000_000, intentions: 2, intentionAmountFen: 350_000_000 });
  });
});
