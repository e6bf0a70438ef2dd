import type { BridgeLoanDetail, BridgeLoanPage, BridgePoolStatement, BridgeLoanStatistics } from '@yuanqi/contract';
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { EnterpriseRow } from '../../../db/schema.js';
import { clientAs, createTestApp, errorOf, type Client, type TestApp } from '../../../../test/harness.js';
import { buildBank, buildEnterprise, buildPark, buildUser, type TestPark } from '../../../../test/factories.js';
import { bankConfirmation, bridgeApplication, buildBridgePool } from '../../../../test/finance-bridge-factories.js';
import { sweepOverdueBridgeLoans } from './service.js';

const NOW = new Date('2026-06-10T02:00:00Z'); // 10:00 in Shanghai

let t: TestApp;
let park: TestPark;
let firm: EnterpriseRow;
let otherFirm: EnterpriseRow;
let bankA: { id: string };
let bankB: { id: string };
let firmUser: Client;
let otherFirmUser: Client;
let liaison: Client;
let bankerA: Client;
let bankerB: Client;
let officer: Client;
let leader: Client;
let dispatcher: Client;

/** A client whose session is opened at the test clock's time on each request (tests move the clock by days). */
function live(user: { id: string; park_id: string }): Client {
  const at = async () => clientAs(t, user);
  return {
    userId: user.id,
    request: async (o) => (await at()).request(o),
    get: async (u) => (await at()).get(u),
    post: async (u, p) => (await at()).post(u, p),
    patch: async (u, p) => (await at()).patch(u, p),
    put: async (u, p) => (await at()).put(u, p),
    delete: async (u) => (await at()).delete(u),
  };
}

beforeAll(async () => {
  t = await createTestApp({}, NOW);
  park = await buildPark(t.ctx.db);
  const liaisonUser = await buildUser(t.ctx.db, park, { roles: ['liaison'] });
  firm = await buildEnterprise(t.ctx.db, park, { liaison_id: liaisonUser.id });
  otherFirm = await buildEnterprise(t.ctx.db, park);
  bankA = await buildBank(t.ctx.db, park, '甲银行');
  bankB = await buildBank(t.ctx.db, park, '乙银行');
  firmUser = live(await buildUser(t.ctx.db, park, { roles: ['enterprise'], enterpriseId: firm.id }));
  otherFirmUser = live(await buildUser(t.ctx.db, park, { roles: ['enterprise'], enterpriseId: otherFirm.id }));
  liaison = live(liaisonUser);
  bankerA = live(await buildUser(t.ctx.db, park, { roles: ['bank'], bankId: bankA.id }));
  bankerB = live(await buildUser(t.ctx.db, park, { roles: ['bank'], bankId: bankB.id }));
  officer = live(await buildUser(t.ctx.db, park, { roles: ['finance_officer'] }));
  leader = live(await buildUser(t.ctx.db, park, { roles: ['leader'] }));
  dispatcher = live(await buildUser(t.ctx.db, park, { roles: ['dispatcher'] }));
});
afterAll(async () => {
  await t.close();
});
beforeEach(() => {
  t.clock.set(NOW);
});

async function file(client: Client, bankId: string, o: Record<string, unknown> = {}): Promise<BridgeLoanDetail> {
  const res = await client.post('/api/finance/bridge-loans', bridgeApplication(bankId, o));
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}
async function ok(res: { statusCode: number; body: string; json(): any }, code = 200) {
  expect(res.statusCode, res.body).toBe(code);
  return res.json();
}
/** filed by the firm, confirmed by bank A, approved by the officer */
async function approved(o: Record<string, unknown> = {}): Promise<BridgeLoanDetail> {
  const loan = await file(firmUser, bankA.id, o);
  await ok(await bankerA.post(`/api/finance/bridge-loans/${loan.id}/bank-confirm`, bankConfirmation()));
  return ok(await officer.post(`/api/finance/bridge-loans/${loan.id}/approve`, {}));
}

describe('应急转贷 loans', () => {
  it('goes from application through the bank’s commitment, approval, disbursement to repayment, with the fee in the ledger', async () => {
    const pool = await buildBridgePool(t.ctx.db, park, 1_000_000_000, NOW);
    const loan = await file(firmUser, bankA.id, { amountFen: 1_234_567, maturingPrincipalFen: 2_000_000 });
    expect(loan.status).toBe('submitted');
    expect(loan.number).toMatch(/^ZD20260610\d{3}$/);

    // no approval without the bank's 续贷承诺
    const early = await officer.post(`/api/finance/bridge-loans/${loan.id}/approve`, {});
    expect(early.statusCode).toBe(409);
    expect(errorOf(early).message).toBe('贷款银行尚未确认续贷承诺,不能审批通过');

    expect((await bankerA.get(`/api/finance/bridge-loans/${loan.id}`)).json().actions).toEqual(['bank_confirm', 'bank_decline']);
    const confirmed = await ok(await bankerA.post(`/api/finance/bridge-loans/${loan.id}/bank-confirm`, bankConfirmation({ commitmentNo: 'XD-2026-001' })));
    expect(confirmed.status).toBe('bank_confirmed');
    expect(confirmed.renewalCommitmentNo).toBe('XD-2026-001');
    await ok(await officer.post(`/api/finance/bridge-loans/${loan.id}/approve`, {}));

    const disbursed: BridgeLoanDetail = await ok(await officer.post(`/api/finance/bridge-loans/${loan.id}/disburse`, { poolId: pool.id }));
    expect(disbursed).toMatchObject({ status: 'disbursed', disbursedOn: '2026-06-10', dueOn: '2026-06-25', termsFixed: true, terms: { dailyRatePpm: 100, maxDays: 15, penaltyRatePpm: 500 } });

    t.clock.set(new Date('2026-06-20T02:00:00Z'));
    const future = await officer.post(`/api/finance/bridge-loans/${loan.id}/repay`, { repaidOn: '2026-06-21' });
    expect(future.statusCode).toBe(400);
    expect(errorOf(future).details[0]!.path).toBe('repaidOn');
    const repaid: BridgeLoanDetail = await ok(await officer.post(`/api/finance/bridge-loans/${loan.id}/repay`, { repaidOn: '2026-06-17', renewalContractNo: 'XJ-1' }));
    // 1,234,567 × 100 ppm × 7 days = 864.1969 fen → 864
    expect(repaid).toMatchObject({ status: 'repaid', daysUsed: 7, feeFen: 864, penaltyFen: 0 });

    const s: BridgePoolStatement = await ok(await officer.get(`/api/finance/bridge-pools/${pool.id}/statement?from=2026-06-01&to=2026-06-30`));
    expect(s.entries.map((e) => [e.seq, e.kind, e.amountFen])).toEqual([
      [1, 'capital', 1_000_000_000],
      [2, 'disburse', 1_234_567],
      [3, 'repay', 1_234_567],
      [4, 'fee', 864],
    ]);
    expect(s.closing).toEqual({ availableFen: 1_000_000_000, lentFen: 0, feeIncomeFen: 864, capitalFen: 1_000_000_000 });
    expect(s.entries[1]).toMatchObject({ availableAfterFen: 1_000_000_000 - 1_234_567, lentAfterFen: 1_234_567, loanNumber: loan.number });
    const xlsx = await officer.get(`/api/finance/bridge-pools/${pool.id}/statement/export?from=2026-06-01&to=2026-06-30`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');

    const events = (await firmUser.get(`/api/finance/bridge-loans/${loan.id}`)).json().events.map((e: { action: string }) => e.action);
    expect(events).toEqual(['bridge.filed', 'bridge.bank_confirmed', 'bridge.approved', 'bridge.disbursed', 'bridge.repaid']);
  });

  it('refuses bad applications with a Chinese message naming the field, and a second live one for the same contract', async () => {
    const over = await firmUser.post('/api/finance/bridge-loans', bridgeApplication(bankA.id, { amountFen: 600_000_000, maturingPrincipalFen: 500_000_000 }));
    expect(over.statusCode).toBe(400);
    expect(errorOf(over).details[0]).toMatchObject({ path: 'amountFen' });
    expect(errorOf(over).message).toContain('不能超过到期贷款本金');
    const tooLong = await firmUser.post('/api/finance/bridge-loans', bridgeApplication(bankA.id, { daysRequested: 16 }));
    expect(errorOf(tooLong).details[0]).toMatchObject({ path: 'daysRequested' });
    const tooBig = await firmUser.post('/api/finance/bridge-loans', bridgeApplication(bankA.id, { amountFen: 3_000_000_001, maturingPrincipalFen: 5_000_000_000 }));
    expect(errorOf(tooBig).details[0]).toMatchObject({ path: 'amountFen' });

    const first = await file(firmUser, bankA.id, { maturingContractNo: 'DUP-1' });
    const again = await firmUser.post('/api/finance/bridge-loans', bridgeApplication(bankA.id, { maturingContractNo: 'DUP-1' }));
    expect(again.statusCode).toBe(409);
    expect(errorOf(again).message).toContain('DUP-1');
    // withdrawn: the contract may be applied for again
    await ok(await firmUser.post(`/api/finance/bridge-loans/${first.id}/withdraw`, {}));
    await file(firmUser, bankA.id, { maturingContractNo: 'DUP-1' });
    // a firm cannot file for another firm
    const foreign = await firmUser.post('/api/finance/bridge-loans', bridgeApplication(bankA.id, { enterpriseId: otherFirm.id }));
    expect(foreign.statusCode).toBe(404);
    // the liaison files for its assigned firm, not for others
    const byLiaison = await file(liaison, bankA.id, { enterpriseId: firm.id });
    expect(byLiaison.enterpriseId).toBe(firm.id);
    expect((await liaison.post('/api/finance/bridge-loans', bridgeApplication(bankA.id, { enterpriseId: otherFirm.id }))).statusCode).toBe(404);
  });

  it('needs a leader at or above the dated threshold before disbursement', async () => {
    const pool = await buildBridgePool(t.ctx.db, park, 5_000_000_000, NOW);
    const big = await approved({ amountFen: 1_000_000_000, maturingPrincipalFen: 1_500_000_000 });
    expect(big).toMatchObject({ status: 'approved', needsLeader: true, leaderApproved: false });
    const early = await officer.post(`/api/finance/bridge-loans/${big.id}/disburse`, { poolId: pool.id });
    expect(early.statusCode).toBe(409);
    expect(errorOf(early).message).toContain('须经领导审批');
    expect((await officer.post(`/api/finance/bridge-loans/${big.id}/leader-approve`, {})).statusCode).toBe(403);
    const led = await ok(await leader.post(`/api/finance/bridge-loans/${big.id}/leader-approve`, { note: '同意' }));
    expect(led.leaderApproved).toBe(true);
    expect((await leader.post(`/api/finance/bridge-loans/${big.id}/leader-approve`, {})).statusCode).toBe(400);
    await ok(await officer.post(`/api/finance/bridge-loans/${big.id}/disburse`, { poolId: pool.id }));
    const small = await approved({ amountFen: 999_999_999, maturingPrincipalFen: 1_500_000_000 });
    expect(small.needsLeader).toBe(false);
  });

  it('takes the terms of the disbursement day from the dated parameters', async () => {
    const pool = await buildBridgePool(t.ctx.db, park, 5_000_000_000, NOW);
    await ok(await officer.post('/api/finance/parameters', { key: 'bridge_daily_rate_ppm', validFrom: '2026-06-12', value: 120 }));
    const before = await approved({ amountFen: 10_000_000 });
    const after = await approved({ amountFen: 10_000_000 });
    await ok(await officer.post(`/api/finance/bridge-loans/${before.id}/disburse`, { poolId: pool.id }));
    t.clock.set(new Date('2026-06-12T02:00:00Z'));
    await ok(await officer.post(`/api/finance/bridge-loans/${after.id}/disburse`, { poolId: pool.id }));
    t.clock.set(new Date('2026-06-20T02:00:00Z'));
    const r1: BridgeLoanDetail = await ok(await officer.post(`/api/finance/bridge-loans/${before.id}/repay`, { repaidOn: '2026-06-20' }));
    const r2: BridgeLoanDetail = await ok(await officer.post(`/api/finance/bridge-loans/${after.id}/repay`, { repaidOn: '2026-06-20' }));
    // 10 days at 100 ppm; 8 days at 120 ppm (¥10万)
    expect([r1.terms.dailyRatePpm, r1.daysUsed, r1.feeFen]).toEqual([100, 10, 10_000]);
    expect([r2.terms.dailyRatePpm, r2.daysUsed, r2.feeFen]).toEqual([120, 8, 9_600]);
    await ok(await officer.post('/api/finance/parameters', { key: 'bridge_daily_rate_ppm', validFrom: '2026-06-12', value: 100 }));
  });

  it('eight concurrent disbursements against a small pool: never negative, the rest refused, the ledger gap-free', async () => {
    const amount = 100_000_000;
    const pool = await buildBridgePool(t.ctx.db, park, amount * 3 + 5, NOW);
    const loans = [];
    for (let i = 0; i < 8; i++) loans.push(await approved({ amountFen: amount }));
    const results = await Promise.all(loans.map((l) => officer.post(`/api/finance/bridge-loans/${l.id}/disburse`, { poolId: pool.id })));
    const codes = results.map((r) => r.statusCode).sort();
    expect(codes).toEqual([200, 200, 200, 409, 409, 409, 409, 409]);
    for (const r of results.filter((x) => x.statusCode === 409)) expect(errorOf(r).message).toBe('资金池可用余额不足:可用 ¥0.05,本笔 ¥1,000,000.00');
    const row = await t.ctx.db.selectFrom('bridge_pools').selectAll().where('id', '=', pool.id).executeTakeFirstOrThrow();
    expect([Number(row.available_fen), Number(row.lent_fen), row.ledger_seq]).toEqual([5, amount * 3, 4]);
    const seqs = await t.ctx.db.selectFrom('bridge_pool_ledger').select(['seq', 'available_after_fen']).where('pool_id', '=', pool.id).orderBy('seq').execute();
    expect(seqs.map((s) => s.seq)).toEqual([1, 2, 3, 4]);
    expect(seqs.every((s) => Number(s.available_after_fen) >= 0)).toBe(true);
    const refused = await t.ctx.db.selectFrom('bridge_loans').select('status').where('id', 'in', loans.map((l) => l.id)).execute();
    expect(refused.filter((r) => r.status === 'approved')).toHaveLength(5);
  });

  it('keeps the ledger append-only and capital out never below what is lent', async () => {
    const pool = await buildBridgePool(t.ctx.db, park, 1_000, NOW);
    await expect(sql`update bridge_pool_ledger set amount_fen = 1 where pool_id = ${pool.id}`.execute(t.ctx.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from bridge_pool_ledger where pool_id = ${pool.id}`.execute(t.ctx.db)).rejects.toThrow(/append-only/);
    const out = await officer.post(`/api/finance/bridge-pools/${pool.id}/capital`, { direction: 'out', amountFen: 1_001, memo: '减资' });
    expect(out.statusCode).toBe(409);
    expect(errorOf(out).details[0]!.path).toBe('amountFen');
    const inn = await ok(await officer.post(`/api/finance/bridge-pools/${pool.id}/capital`, { direction: 'in', amountFen: 500, memo: '追加注资' }));
    expect([inn.capitalFen, inn.availableFen, inn.ledgerSeq]).toEqual([1_500, 1_500, 2]);
    expect((await ok(await officer.post(`/api/finance/bridge-pools/${pool.id}/capital`, { direction: 'out', amountFen: 1_500, memo: '全部收回' }))).capitalFen).toBe(0);
    expect((await firmUser.post(`/api/finance/bridge-pools/${pool.id}/capital`, { direction: 'in', amountFen: 1, memo: 'x' })).statusCode).toBe(403);
  });

  it('isolates banks and firms: another bank’s loan and confirmation are 404, a firm sees only its own', async () => {
    const loan = await file(firmUser, bankA.id);
    expect((await bankerB.get(`/api/finance/bridge-loans/${loan.id}`)).statusCode).toBe(404);
    expect((await bankerB.post(`/api/finance/bridge-loans/${loan.id}/bank-confirm`, bankConfirmation())).statusCode).toBe(404);
    expect((await bankerB.post(`/api/finance/bridge-loans/${loan.id}/bank-decline`, { reason: '不认识' })).statusCode).toBe(404);
    const listB: BridgeLoanPage = (await bankerB.get('/api/finance/bridge-loans?pageSize=200')).json();
    expect(listB.items.every((i) => i.bankId === bankB.id)).toBe(true);
    expect(listB.items.find((i) => i.id === loan.id)).toBeUndefined();
    const listA: BridgeLoanPage = (await bankerA.get('/api/finance/bridge-loans?view=awaiting_bank&pageSize=200')).json();
    expect(listA.items.some((i) => i.id === loan.id)).toBe(true);
    expect(listA.items.every((i) => i.bankId === bankA.id)).toBe(true);
    expect((await otherFirmUser.get(`/api/finance/bridge-loans/${loan.id}`)).statusCode).toBe(404);
    expect((await otherFirmUser.post(`/api/finance/bridge-loans/${loan.id}/withdraw`, {})).statusCode).toBe(404);
    const mine: BridgeLoanPage = (await otherFirmUser.get('/api/finance/bridge-loans')).json();
    expect(mine.items.every((i) => i.enterpriseId === otherFirm.id)).toBe(true);
    // the lending bank declines with a reason; the firm sees it
    const noReason = await bankerA.post(`/api/finance/bridge-loans/${loan.id}/bank-decline`, { reason: '' });
    expect(noReason.statusCode).toBe(400);
    await ok(await bankerA.post(`/api/finance/bridge-loans/${loan.id}/bank-decline`, { reason: '企业授信额度已用完' }));
    expect((await firmUser.get(`/api/finance/bridge-loans/${loan.id}`)).json()).toMatchObject({ status: 'bank_declined', rejectReason: '企业授信额度已用完' });
    // firms and banks do not read the statistics or the pools
    expect((await bankerA.get('/api/finance/bridge-pools')).statusCode).toBe(403);
    expect((await firmUser.get('/api/finance/bridge-loans/stats?from=2026-01-01&to=2026-12-31')).statusCode).toBe(403);
  });

  it('flags an overdue loan once, however often the sweep runs, and counts it in the statistics', async () => {
    const pool = await buildBridgePool(t.ctx.db, park, 5_000_000_000, NOW);
    const loan = await approved({ amountFen: 20_000_000 });
    await ok(await officer.post(`/api/finance/bridge-loans/${loan.id}/disburse`, { poolId: pool.id }));
    const late = new Date('2026-06-26T02:00:00Z'); // due 2026-06-25
    await sweepOverdueBridgeLoans(t.ctx, new Date('2026-06-25T15:00:00Z')); // 23:00 on the due date: not yet
    expect((await officer.get(`/api/finance/bridge-loans/${loan.id}`)).json().overdue).toBe(false);
    const [a, b] = await Promise.all([sweepOverdueBridgeLoans(t.ctx, late), sweepOverdueBridgeLoans(t.ctx, late)]);
    const c = await sweepOverdueBridgeLoans(t.ctx, late);
    expect(a.flagged + b.flagged + c.flagged).toBeGreaterThanOrEqual(1);
    const detail: BridgeLoanDetail = (await officer.get(`/api/finance/bridge-loans/${loan.id}`)).json();
    expect(detail.overdue).toBe(true);
    expect(detail.events.filter((e) => e.action === 'bridge.overdue')).toHaveLength(1);
    const flagged = await t.ctx.db.selectFrom('bridge_loan_events').select(sql<number>`count(*)`.as('n')).where('loan_id', '=', loan.id).where('action', '=', 'bridge.overdue').executeTakeFirstOrThrow();
    expect(Number(flagged.n)).toBe(1);
    const note = await t.ctx.db.selectFrom('notifications').select('user_id').where('kind', '=', 'bridge.overdue').where('link', '=', `/finance/bridge-loans/${loan.id}`).execute();
    expect(note.length).toBeGreaterThanOrEqual(2); // officer, dispatcher, firm — once each
    expect(new Set(note.map((n) => n.user_id)).size).toBe(note.length);
    expect(((await dispatcher.get('/api/finance/bridge-loans/overdue')).json() as { id: string }[]).some((l) => l.id === loan.id)).toBe(true);

    t.clock.set(late);
    // the weekly dispatch meeting reads it in its read-only 逾期转贷 section (as on its date) and its minutes
    const meeting = await ok(await dispatcher.post('/api/dispatch-meetings', { heldOn: '2026-06-26', attendees: ['调度专班'] }), 201);
    const agenda: { id: string; overdueDays: number }[] = await ok(await dispatcher.get(`/api/dispatch-meetings/${meeting.id}/bridge-loans`));
    expect(agenda.find((l) => l.id === loan.id)?.overdueDays).toBe(1);
    const earlier = await ok(await dispatcher.post('/api/dispatch-meetings', { heldOn: '2026-06-25', attendees: ['调度专班'] }), 201);
    expect(((await ok(await dispatcher.get(`/api/dispatch-meetings/${earlier.id}/bridge-loans`))) as { id: string }[]).some((l) => l.id === loan.id)).toBe(false);
    const minutes = await dispatcher.get(`/api/dispatch-meetings/${meeting.id}/minutes.docx`);
    expect(minutes.statusCode).toBe(200);
    const stats: BridgeLoanStatistics = await ok(await officer.get('/api/finance/bridge-loans/stats?from=2026-06-01&to=2026-06-30'));
    expect(stats.overdueCount).toBeGreaterThanOrEqual(1);
    expect(stats.disbursedCount).toBeGreaterThanOrEqual(1);
    expect(stats.poolTurnover).not.toBeNull();
    const backwards = await officer.get('/api/finance/bridge-loans/stats?from=2026-06-30&to=2026-06-01');
    expect(backwards.statusCode).toBe(400);
    expect(errorOf(backwards).details[0]!.path).toBe('from');
    expect(stats.byBank.find((r) => r.bankId === bankA.id)!.overdueCount).toBeGreaterThanOrEqual(1);
    // a late repayment pays the penalty: due 06-25, repaid 06-27 → 17 days, 2 overdue
    t.clock.set(new Date('2026-06-27T02:00:00Z'));
    const repaid: BridgeLoanDetail = await ok(await officer.post(`/api/finance/bridge-loans/${loan.id}/repay`, { repaidOn: '2026-06-27' }));
    expect(repaid).toMatchObject({ daysUsed: 17, feeFen: 34_000, penaltyFen: 20_000, overdue: false });
  });
});
