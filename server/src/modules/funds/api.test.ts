import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import type { FundStatement, FundSummary, InvestmentProjectDetail, PayoutList, PayoutView, VoucherDetail, VoucherView } from '@yuanqi/contract';
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { EnterpriseRow } from '../../db/schema.js';
import { anonymous, clientAs, createTestApp, errorOf, type Client, type TestApp } from '../../../test/harness.js';
import { buildBank, buildEnterprise, buildPark, buildUser, buildUscc, type TestPark } from '../../../test/factories.js';
import { buildFund } from '../../../test/fund-factories.js';
import { expireVouchers } from './vouchers.js';

const NOW = new Date('2026-06-10T02:00:00Z');
const ACCOUNT = { accountName: '测试企业有限公司', bankName: '中国银行鹰潭分行', accountNo: '6216 6100 0001 2345 678' };
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');

let t: TestApp;
let park: TestPark;
let otherPark: TestPark;
let firm: EnterpriseRow;
let otherFirm: EnterpriseRow;
let officer: Client;
let finance: Client;
let leader: Client;
let firmUser: Client;
let firmUserRow: { id: string; park_id: string };
let officerRow: { id: string; park_id: string };
let otherFirmUser: Client;
let liaison: Client;
let banker: Client;
let foreignOfficer: Client;

beforeAll(async () => {
  t = await createTestApp({}, NOW);
  park = await buildPark(t.ctx.db);
  otherPark = await buildPark(t.ctx.db, '另一个园区');
  const liaisonUser = await buildUser(t.ctx.db, park, { roles: ['liaison'] });
  firm = await buildEnterprise(t.ctx.db, park, { liaison_id: liaisonUser.id });
  otherFirm = await buildEnterprise(t.ctx.db, park);
  officerRow = await buildUser(t.ctx.db, park, { roles: ['policy_officer'] });
  officer = await clientAs(t, officerRow);
  finance = await clientAs(t, await buildUser(t.ctx.db, park, { roles: ['finance_officer'] }));
  leader = await clientAs(t, await buildUser(t.ctx.db, park, { roles: ['leader'] }));
  firmUserRow = await buildUser(t.ctx.db, park, { roles: ['enterprise'], enterpriseId: firm.id });
  firmUser = await clientAs(t, firmUserRow);
  otherFirmUser = await clientAs(t, await buildUser(t.ctx.db, park, { roles: ['enterprise'], enterpriseId: otherFirm.id }));
  liaison = await clientAs(t, liaisonUser);
  const bank = await buildBank(t.ctx.db, park);
  banker = await clientAs(t, await buildUser(t.ctx.db, park, { roles: ['bank'], bankId: bank.id }));
  foreignOfficer = await clientAs(t, await buildUser(t.ctx.db, otherPark, { roles: ['policy_officer'] }));
});
afterAll(async () => {
  await t.close();
});
beforeEach(() => {
  t.clock.set(NOW);
});

const manual = (fundId: string, enterpriseId: string, o: Record<string, unknown> = {}) => ({
  fundId,
  enterpriseId,
  amountFen: 500_000,
  periodKey: '2026',
  exclusionKey: 'award-2026',
  memo: '一事一议奖励',
  ...ACCOUNT,
  ...o,
});

async function xlsxRows(body: Buffer): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  const rows: unknown[][] = [];
  wb.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

// ---------------------------------------------------------------------------------------------
describe('funds API', () => {
  it('answers 401 without a session, 403 for a role without fund:read, 404 for a fund of another park', async () => {
    expect((await anonymous(t).get('/api/funds')).statusCode).toBe(401);
    expect((await firmUser.get('/api/funds')).statusCode).toBe(403);
    expect((await banker.get('/api/funds')).statusCode).toBe(403);
    const fund = await buildFund(t.ctx.db, park);
    expect((await foreignOfficer.get(`/api/funds/${fund.id}`)).statusCode).toBe(404);
    expect((await officer.get('/api/funds/not-a-uuid')).statusCode).toBe(404);
  });

  it('answers 400 naming the field for a bad budget', async () => {
    const res = await officer.post('/api/funds', { code: 'X1', name: '测试', year: 2026, source: 'local', budgetFen: -5 });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).details[0]!.path).toBe('budgetFen');
    expect(errorOf(res).message).toContain('预算金额');
  });

  it('creates a fund whose budget is the first ledger entry; a finance officer reads but cannot create', async () => {
    const body = { code: `T${randomUUID().slice(0, 6)}`, name: '测试产业资金', year: 2026, source: 'superior', budgetFen: 1_000_000_00 };
    expect((await finance.post('/api/funds', body)).statusCode).toBe(403);
    const res = await officer.post('/api/funds', body);
    expect(res.statusCode).toBe(201);
    const fund = res.json() as FundSummary;
    expect(fund).toMatchObject({ budgetFen: 100_000_000, availableFen: 100_000_000, paidFen: 0, burnPercent: 0 });
    const again = await officer.post('/api/funds', body);
    expect(again.statusCode).toBe(409);
    const statement = (await finance.get(`/api/funds/${fund.id}/statement`)).json() as FundStatement;
    expect(statement.entries).toHaveLength(1);
    expect(statement.entries[0]).toMatchObject({ kind: 'budget', amountFen: 100_000_000, balanceAfterFen: 100_000_000 });
  });

  it('adjusts the budget up and down, never below paid + reserved', async () => {
    const fund = await buildFund(t.ctx.db, park, { budgetFen: 1_000_000 });
    const paid = await officer.post('/api/payouts', manual(fund.id, firm.id, { amountFen: 600_000, exclusionKey: `adj-${fund.id}` }));
    expect(paid.statusCode).toBe(201);
    const up = await officer.post(`/api/funds/${fund.id}/adjustments`, { deltaFen: 200_000, reason: '追加年度预算' });
    expect(up.json()).toMatchObject({ budgetFen: 1_200_000, availableFen: 600_000 });
    const tooFar = await officer.post(`/api/funds/${fund.id}/adjustments`, { deltaFen: -700_000, reason: '调减' });
    expect(tooFar.statusCode).toBe(409);
    expect(errorOf(tooFar).message).toContain('最多可调减 ¥6,000.00');
    const down = await officer.post(`/api/funds/${fund.id}/adjustments`, { deltaFen: -600_000, reason: '年中调减' });
    expect(down.json()).toMatchObject({ budgetFen: 600_000, availableFen: 0, burnPercent: 100 });
    expect((await officer.post(`/api/funds/${fund.id}/adjustments`, { deltaFen: 0, reason: 'x' })).statusCode).toBe(400);
  });

  it('lists funds with totals and burn rate', async () => {
    const res = await leader.get('/api/funds?year=2026');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.items.length).toBeGreaterThan(0);
    expect(body.totals.budgetFen).toBe(body.items.reduce((s: number, f: FundSummary) => s + f.budgetFen, 0));
  });
});

// ---------------------------------------------------------------------------------------------
describe('statement', () => {
  it('adds up: opening + entries = closing for any window, and the .xlsx carries the same figures', async () => {
    const fund = await buildFund(t.ctx.db, park, { budgetFen: 10_000_000, now: new Date('2026-01-05T02:00:00Z') });
    const days = ['2026-02-10', '2026-03-15', '2026-04-20', '2026-05-25'];
    for (const [i, day] of days.entries()) {
      t.clock.set(new Date(`${day}T03:00:00Z`));
      const res = await officer.post('/api/payouts', manual(fund.id, firm.id, { amountFen: 100_000 * (i + 1), exclusionKey: `st-${fund.id}-${i}` }));
      expect(res.statusCode).toBe(201);
    }
    t.clock.set(new Date('2026-04-01T03:00:00Z'));
    await officer.post(`/api/funds/${fund.id}/adjustments`, { deltaFen: 500_000, reason: '追加' });
    t.clock.set(NOW);
    const s = (await officer.get(`/api/funds/${fund.id}/statement?from=2026-03-01&to=2026-04-30`)).json() as FundStatement;
    expect(s.opening).toEqual({ balanceFen: 9_900_000, reservedFen: 0, availableFen: 9_900_000 });
    expect(s.entries.map((e) => e.kind)).toEqual(['payout', 'adjust', 'payout']);
    const sum = s.entries.reduce((acc, e) => acc + e.amountFen, 0);
    expect(s.closing.balanceFen).toBe(s.opening.balanceFen + sum);
    expect(s.closing.balanceFen).toBe(9_900_000 - 200_000 + 500_000 - 300_000);
    expect(s.totals).toMatchObject({ inFen: 500_000, outFen: 500_000, count: 3 });
    expect(s.entries[0]!.voucherNumber).toMatch(/^ZF2026-\d{6}$/);
    expect(s.entries[0]!.enterpriseName).toBe(firm.name);

    const bad = await officer.get(`/api/funds/${fund.id}/statement?from=2026-05-01&to=2026-04-01`);
    expect(bad.statusCode).toBe(400);

    const file = await officer.get(`/api/funds/${fund.id}/statement/export?from=2026-03-01&to=2026-04-30`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toContain('spreadsheetml');
    expect(decodeURIComponent(String(file.headers['content-disposition']))).toContain('明细账-2026-03-01至2026-04-30.xlsx');
    const rows = await xlsxRows(file.rawPayload);
    const opening = rows.find((r) => r[2] === '期初')!;
    const closing = rows.find((r) => r[2] === '期末')!;
    expect(opening[9]).toBe(99_000);
    expect(closing[9]).toBe(s.closing.balanceFen / 100);
    expect(rows.filter((r) => r[2] === '拨付')).toHaveLength(2);
  });
});

// ---------------------------------------------------------------------------------------------
describe('payouts API', () => {
  it('two concurrent payouts of the same firm, policy and period: exactly one succeeds', async () => {
    const fund = await buildFund(t.ctx.db, park, { budgetFen: 10_000_000 });
    const body = manual(fund.id, firm.id, { exclusionKey: `policy-${fund.id}` });
    const [a, b] = await Promise.all([officer.post('/api/payouts', body), officer.post('/api/payouts', body)]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([201, 409]);
    const refused = a.statusCode === 409 ? a : b;
    expect(errorOf(refused).message).toBe('该企业本期已兑付此项政策,不能重复拨付');
    const list = (await officer.get(`/api/payouts?fundId=${fund.id}`)).json() as PayoutList;
    expect(list.total).toBe(1);
    // another period is another payout
    expect((await officer.post('/api/payouts', { ...body, periodKey: '2027' })).statusCode).toBe(201);
  });

  it('a fund never goes negative under N concurrent payouts summing above its balance', async () => {
    const fund = await buildFund(t.ctx.db, park, { budgetFen: 1_000_000 });
    const firms = await Promise.all(Array.from({ length: 8 }, () => buildEnterprise(t.ctx.db, park)));
    const results = await Promise.all(firms.map((f) => officer.post('/api/payouts', manual(fund.id, f.id, { amountFen: 300_000, exclusionKey: `n-${fund.id}` }))));
    expect(results.filter((r) => r.statusCode === 201)).toHaveLength(3);
    for (const r of results.filter((x) => x.statusCode !== 201)) {
      expect(r.statusCode).toBe(409);
      expect(errorOf(r).code).toBe('INVALID_STATE');
      expect(errorOf(r).message).toContain('可用余额不足');
    }
    const after = (await officer.get(`/api/funds/${fund.id}`)).json() as FundSummary;
    expect(after).toMatchObject({ paidFen: 900_000, availableFen: 100_000, payoutCount: 3, beneficiaryCount: 3 });
  });

  it('shows an enterprise only its own payouts (another firm\'s is a 404) with the account masked', async () => {
    const fund = await buildFund(t.ctx.db, park);
    const mine = (await officer.post('/api/payouts', manual(fund.id, firm.id, { exclusionKey: `scope-${fund.id}` }))).json() as PayoutView;
    const theirs = (await officer.post('/api/payouts', manual(fund.id, otherFirm.id, { exclusionKey: `scope-${fund.id}` }))).json() as PayoutView;
    expect(mine.accountNo).toBe('6216610000012345678');
    const list = (await firmUser.get(`/api/payouts?fundId=${fund.id}`)).json() as PayoutList;
    expect(list.items.map((p) => p.id)).toEqual([mine.id]);
    expect(list.items[0]!.accountNo).toBe('6216 **** 5678');
    expect((await firmUser.get(`/api/payouts/${theirs.id}`)).statusCode).toBe(404);
    expect((await firmUser.get(`/api/payouts/${mine.id}`)).statusCode).toBe(200);
    // the firm's liaison sees its assigned firm's payouts only
    const seen = (await liaison.get(`/api/payouts?fundId=${fund.id}`)).json() as PayoutList;
    expect(seen.items.map((p) => p.id)).toEqual([mine.id]);
    expect((await banker.get('/api/payouts')).statusCode).toBe(403);
    expect((await firmUser.post('/api/payouts', manual(fund.id, firm.id))).statusCode).toBe(403);
    expect((await foreignOfficer.get(`/api/payouts/${mine.id}`)).statusCode).toBe(404);
  });

  it('filters and exports payouts', async () => {
    const fund = await buildFund(t.ctx.db, park);
    await officer.post('/api/payouts', manual(fund.id, firm.id, { exclusionKey: `exp-${fund.id}`, periodKey: '2026-Q1' }));
    await officer.post('/api/payouts', manual(fund.id, otherFirm.id, { exclusionKey: `exp-${fund.id}`, periodKey: '2026-Q2' }));
    const q1 = (await officer.get(`/api/payouts?fundId=${fund.id}&periodKey=2026-Q1`)).json() as PayoutList;
    expect(q1.items.map((p) => p.enterpriseId)).toEqual([firm.id]);
    expect(q1.totalAmountFen).toBe(500_000);
    const all = (await officer.get(`/api/payouts?fundId=${fund.id}&pageSize=1`)).json() as PayoutList;
    expect(all).toMatchObject({ total: 2, beneficiaryCount: 2, totalAmountFen: 1_000_000 });
    expect((await officer.get('/api/payouts?source=lottery')).statusCode).toBe(400);
    const file = await officer.get(`/api/payouts/export?fundId=${fund.id}`);
    expect(file.statusCode).toBe(200);
    const rows = await xlsxRows(file.rawPayload);
    expect(rows[0]![0]).toBe('凭证号');
    expect(rows).toHaveLength(4);
  });

  it('reverses a payout with a compensating entry; the slot is free again and a second reversal is refused', async () => {
    const fund = await buildFund(t.ctx.db, park, { budgetFen: 2_000_000 });
    const body = manual(fund.id, firm.id, { exclusionKey: `rev-${fund.id}` });
    const payout = (await officer.post('/api/payouts', body)).json() as PayoutView;
    expect((await officer.post(`/api/payouts/${payout.id}/reverse`, {})).statusCode).toBe(400);
    const reversed = await officer.post(`/api/payouts/${payout.id}/reverse`, { reason: '收款账号有误,银行退回' });
    expect(reversed.json()).toMatchObject({ status: 'reversed', reversalReason: '收款账号有误,银行退回' });
    expect((await officer.post(`/api/payouts/${payout.id}/reverse`, { reason: '再退' })).statusCode).toBe(409);
    const s = (await officer.get(`/api/funds/${fund.id}/statement`)).json() as FundStatement;
    expect(s.entries.map((e) => [e.kind, e.amountFen])).toEqual([['budget', 2_000_000], ['payout', -500_000], ['reversal', 500_000]]);
    expect((await officer.post('/api/payouts', body)).statusCode).toBe(201);
  });

  it('keeps the ledger append-only: the database refuses an update', async () => {
    const fund = await buildFund(t.ctx.db, park);
    const err = await t.ctx.db.updateTable('fund_ledger').set({ amount_fen: 1 }).where('fund_id', '=', fund.id).execute().catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    expect(String(err)).toContain('append-only');
  });
});

// ---------------------------------------------------------------------------------------------
function redemptionForm(fields: Record<string, string | number>, file: { name: string; data: Buffer } | null = { name: '发票.pdf', data: PDF }) {
  const boundary = `----yq${randomUUID()}`;
  const parts: Buffer[] = Object.entries(fields).map(([k, v]) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  if (file) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/pdf\r\n\r\n`), file.data, Buffer.from('\r\n'));
  }
  return { payload: Buffer.concat([...parts, Buffer.from(`--${boundary}--\r\n`)]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describe('innovation vouchers', () => {
  let fund: { id: string };
  let providerId: string;
  let voucher: VoucherView;

  beforeAll(async () => {
    fund = await buildFund(t.ctx.db, park, { budgetFen: 10_000_000 });
    const provider = await officer.post('/api/voucher-providers', {
      name: '鹰潭测试检测有限公司',
      uscc: buildUscc(),
      serviceTypes: ['检验检测', '研发设计'],
      ...ACCOUNT,
      accountName: '鹰潭测试检测有限公司',
    });
    expect(provider.statusCode).toBe(201);
    providerId = provider.json().id;
    t.clock.set(new Date('2026-05-20T02:00:00Z'));
    const issued = await officer.post('/api/vouchers', { fundId: fund.id, enterpriseIds: [firm.id], faceValueFen: 5_000_000, validUntil: '2026-09-30' });
    expect(issued.statusCode).toBe(201);
    t.clock.set(NOW);
    voucher = (await firmUser.get(`/api/vouchers/${issued.json().issued[0].id}`)).json();
  });

  it('issues a voucher with its face value reserved in the fund', async () => {
    expect(voucher.number).toMatch(/^CXQ2026-\d{5}$/);
    expect(voucher).toMatchObject({ faceValueFen: 5_000_000, remainingFen: 5_000_000, status: 'active', daysLeft: 112 });
    const f = (await officer.get(`/api/funds/${fund.id}`)).json() as FundSummary;
    expect(f).toMatchObject({ reservedFen: 5_000_000, availableFen: 5_000_000 });
    const bad = await officer.post('/api/vouchers', { fundId: fund.id, enterpriseIds: [firm.id], faceValueFen: 100, validUntil: '2026-01-01' });
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad).details[0]!.path).toBe('validUntil');
  });

  it('shows a firm only its own vouchers; another firm gets 404', async () => {
    const mine = (await firmUser.get('/api/vouchers')).json();
    expect(mine.items.map((v: VoucherView) => v.id)).toContain(voucher.id);
    expect((await otherFirmUser.get(`/api/vouchers/${voucher.id}`)).statusCode).toBe(404);
    expect((await otherFirmUser.get('/api/vouchers')).json().items).toHaveLength(0);
    expect((await anonymous(t).get('/api/vouchers')).statusCode).toBe(401);
    expect((await firmUser.post('/api/vouchers', { fundId: fund.id, enterpriseIds: [firm.id], faceValueFen: 100, validUntil: '2026-12-31' })).statusCode).toBe(403);
  });

  it('redeems against an invoice; over the remaining amount, a reused invoice or another firm is refused', async () => {
    const fields = { providerId, serviceType: '检验检测', invoiceNo: '24360001', invoiceAmountFen: 3_500_000, invoiceDate: '2026-06-01', amountFen: 3_000_000 };
    const noFile = await firmUser.request({ method: 'POST', url: `/api/vouchers/${voucher.id}/redemptions`, ...redemptionForm(fields, null) });
    expect(noFile.statusCode).toBe(400);
    expect(errorOf(noFile).details[0]!.path).toBe('file');
    const badField = await firmUser.request({ method: 'POST', url: `/api/vouchers/${voucher.id}/redemptions`, ...redemptionForm({ ...fields, invoiceNo: 'x' }) });
    expect(badField.statusCode).toBe(400);
    expect(errorOf(badField).details[0]!.path).toBe('invoiceNo');
    const ok = await firmUser.request({ method: 'POST', url: `/api/vouchers/${voucher.id}/redemptions`, ...redemptionForm(fields) });
    expect(ok.statusCode).toBe(201);
    expect((ok.json() as VoucherDetail).remainingFen).toBe(2_000_000);
    const over = await firmUser.request({ method: 'POST', url: `/api/vouchers/${voucher.id}/redemptions`, ...redemptionForm({ ...fields, invoiceNo: '24360002', amountFen: 2_500_000 }) });
    expect(over.statusCode).toBe(409);
    expect(errorOf(over).message).toContain('抵用金额超过创新券余额:剩余 ¥20,000.00');
    const reused = await firmUser.request({ method: 'POST', url: `/api/vouchers/${voucher.id}/redemptions`, ...redemptionForm({ ...fields, amountFen: 100_000 }) });
    expect(reused.statusCode).toBe(409);
    expect(errorOf(reused).message).toContain('同一张发票只能使用一次');
    const stranger = await otherFirmUser.request({ method: 'POST', url: `/api/vouchers/${voucher.id}/redemptions`, ...redemptionForm({ ...fields, invoiceNo: '24360003' }) });
    expect(stranger.statusCode).toBe(404);
    const detail = (await firmUser.get(`/api/vouchers/${voucher.id}`)).json() as VoucherDetail;
    expect(detail.redemptions).toHaveLength(1);
    expect(detail.redeemedFen).toBe(3_000_000);
  });

  it('the officer reimburses the provider from the reservation; the ledger shows the payout', async () => {
    const list = (await officer.get('/api/voucher-redemptions?status=submitted')).json();
    const r = list.items.find((x: { voucherId: string }) => x.voucherId === voucher.id);
    expect(r).toBeTruthy();
    expect((await firmUser.post(`/api/voucher-redemptions/${r.id}/review`, { action: 'reimburse' })).statusCode).toBe(403);
    expect((await officer.post(`/api/voucher-redemptions/${r.id}/review`, { action: 'reject' })).statusCode).toBe(400);
    const done = await officer.post(`/api/voucher-redemptions/${r.id}/review`, { action: 'reimburse', note: '核验无误' });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ status: 'reimbursed' });
    expect(done.json().payoutVoucherNumber).toMatch(/^ZF2026-/);
    expect((await officer.post(`/api/voucher-redemptions/${r.id}/review`, { action: 'reimburse' })).statusCode).toBe(409);
    const f = (await officer.get(`/api/funds/${fund.id}`)).json() as FundSummary;
    expect(f).toMatchObject({ reservedFen: 2_000_000, paidFen: 3_000_000, availableFen: 5_000_000 });
    const payouts = (await officer.get(`/api/payouts?fundId=${fund.id}&source=voucher`)).json() as PayoutList;
    expect(payouts.items[0]).toMatchObject({ enterpriseId: firm.id, accountName: '鹰潭测试检测有限公司', amountFen: 3_000_000 });
    expect(payouts.items[0]!.memo).toContain('发票 24360001');
    const found = (await officer.get(`/api/payouts?source=voucher&q=${encodeURIComponent('测试检测')}`)).json() as PayoutList;
    expect(found.items.map((p) => p.id)).toContain(payouts.items[0]!.id);
    const invoice = await firmUser.get(`/api/voucher-redemptions/${r.id}/file`);
    expect(invoice.statusCode).toBe(200);
    expect(invoice.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await otherFirmUser.get(`/api/voucher-redemptions/${r.id}/file`)).statusCode).toBe(404);
  });

  it('the expiry sweep expires the voucher, releases the unused rest once, and is idempotent', async () => {
    t.clock.set(new Date('2026-10-01T01:00:00Z'));
    const firmLater = await clientAs(t, firmUserRow);
    const officerLater = await clientAs(t, officerRow);
    const late = await firmLater.request({ method: 'POST', url: `/api/vouchers/${voucher.id}/redemptions`, ...redemptionForm({ providerId, invoiceNo: '24360009', invoiceAmountFen: 100_000, invoiceDate: '2026-09-20', amountFen: 100_000 }) });
    expect(late.statusCode).toBe(409);
    expect(errorOf(late).message).toContain('已于 2026-09-30 过期');
    const first = await expireVouchers(t.ctx);
    expect(first.expired).toBeGreaterThanOrEqual(1);
    const second = await expireVouchers(t.ctx);
    expect(second).toEqual({ expired: 0, releasedFen: 0 });
    const v = (await firmLater.get(`/api/vouchers/${voucher.id}`)).json() as VoucherDetail;
    expect(v).toMatchObject({ status: 'expired', releasedFen: 2_000_000, remainingFen: 0 });
    const f = (await officerLater.get(`/api/funds/${fund.id}`)).json() as FundSummary;
    expect(f).toMatchObject({ reservedFen: 0, paidFen: 3_000_000, availableFen: 7_000_000 });
    const releases = await t.ctx.db.selectFrom('fund_ledger').select(sql<number>`count(*)::int`.as('n')).where('fund_id', '=', fund.id).where('kind', '=', 'release').executeTakeFirstOrThrow();
    expect(releases.n).toBe(1);
  });
});

// ---------------------------------------------------------------------------------------------
describe('investment commitments', () => {
  let fund: { id: string };
  let project: InvestmentProjectDetail;

  beforeAll(async () => {
    fund = await buildFund(t.ctx.db, park, { budgetFen: 50_000_000 });
    t.clock.set(new Date('2026-01-10T02:00:00Z'));
    const res = await officer.post('/api/investment-projects', {
      code: `ZS-${randomUUID().slice(0, 6)}`,
      name: '年产5万吨电子铜箔项目',
      investor: '浙江康德金属集团有限公司',
      enterpriseId: firm.id,
      amountFen: 2_000_000_000_00,
      chain: 'copper',
      signedOn: '2026-01-08',
    });
    expect(res.statusCode).toBe(201);
    project = res.json();
    const items = [
      { kind: 'funding', title: '固定资产投资奖励(第一期)', amountFen: 1_000_000, dueOn: '2026-03-31', fundId: fund.id },
      { kind: 'funding', title: '固定资产投资奖励(第二期)', amountFen: 1_000_000, dueOn: '2026-04-30', fundId: fund.id },
      { kind: 'land', title: '供应工业用地80亩', dueOn: '2026-05-15' },
      { kind: 'talent', title: '人才安家补贴', amountFen: 300_000, dueOn: '2026-05-31', fundId: fund.id },
      { kind: 'other', title: '电力专线接入', dueOn: '2026-08-31' },
    ];
    for (const item of items) project = (await officer.post(`/api/investment-projects/${project.id}/items`, item)).json();
    t.clock.set(NOW);
  });

  it('answers 401, 400, 403 and 404 first', async () => {
    expect((await anonymous(t).get('/api/investment-projects')).statusCode).toBe(401);
    expect((await firmUser.get('/api/investment-projects')).statusCode).toBe(403);
    expect((await foreignOfficer.get(`/api/investment-projects/${project.id}`)).statusCode).toBe(404);
    const bad = await officer.post(`/api/investment-projects/${project.id}/items`, { kind: 'funding', title: '奖励', dueOn: '2026-12-31' });
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad).details[0]!.path).toBe('amountFen');
    expect((await officer.get('/api/commitments/fulfilment?from=2026-12-01&to=2026-01-01')).statusCode).toBe(400);
  });

  it('fulfils items by payout, by linking an existing payout and by a note; computes the rate for a period', async () => {
    const [first, second, land, talent] = project.items;
    // first instalment paid on time (2026-03-20)
    t.clock.set(new Date('2026-03-20T02:00:00Z'));
    const paid = await officer.post(`/api/commitment-items/${first!.id}/fulfilments`, { mode: 'pay', fundId: fund.id, amountFen: 1_000_000, ...ACCOUNT });
    expect(paid.statusCode).toBe(201);
    const tooMuch = await officer.post(`/api/commitment-items/${second!.id}/fulfilments`, { mode: 'pay', fundId: fund.id, amountFen: 1_500_000, ...ACCOUNT });
    expect(tooMuch.statusCode).toBe(409);
    // the land on time by a note
    t.clock.set(new Date('2026-05-10T02:00:00Z'));
    expect((await officer.post(`/api/commitment-items/${land!.id}/fulfilments`, { mode: 'note', fulfilledOn: '2026-05-10', note: '净地交付' })).statusCode).toBe(201);
    // the talent subsidy late (paid elsewhere on 2026-06-05, linked)
    t.clock.set(new Date('2026-06-05T02:00:00Z'));
    const elsewhere = (await officer.post('/api/payouts', manual(fund.id, firm.id, { amountFen: 300_000, exclusionKey: 'talent-housing' }))).json() as PayoutView;
    const linked = await officer.post(`/api/commitment-items/${talent!.id}/fulfilments`, { mode: 'link', payoutId: elsewhere.id });
    expect(linked.statusCode).toBe(201);
    const twice = await officer.post(`/api/commitment-items/${second!.id}/fulfilments`, { mode: 'link', payoutId: elsewhere.id });
    expect(twice.statusCode).toBe(409);
    t.clock.set(NOW);

    const detail = (await officer.get(`/api/investment-projects/${project.id}`)).json() as InvestmentProjectDetail;
    const byTitle = Object.fromEntries(detail.items.map((i) => [i.title, i]));
    expect(byTitle['固定资产投资奖励(第一期)']).toMatchObject({ status: 'fulfilled', onTime: true, fulfilledOn: '2026-03-20' });
    expect(byTitle['固定资产投资奖励(第二期)']).toMatchObject({ status: 'pending', overdue: true });
    expect(byTitle['人才安家补贴']).toMatchObject({ status: 'fulfilled', onTime: false });
    expect(byTitle['电力专线接入']).toMatchObject({ status: 'pending', overdue: false });

    // due Jan–Jun: 4 items fell due, 2 on time, 1 late, 1 overdue → 50%
    const rate = (await leader.get('/api/commitments/fulfilment?from=2026-01-01&to=2026-06-30')).json();
    expect(rate.overall).toMatchObject({ due: 4, fulfilledOnTime: 2, fulfilledLate: 1, overdue: 1, notYetDue: 0, ratePercent: 50 });
    expect(rate.overdueItems.map((i: { title: string }) => i.title)).toEqual(['固定资产投资奖励(第二期)']);
    // the whole year: the item due in August has not come yet and is reported apart
    const year = (await leader.get('/api/commitments/fulfilment?from=2026-01-01&to=2026-12-31')).json();
    expect(year.overall).toMatchObject({ due: 4, notYetDue: 1, ratePercent: 50 });
    // a single quarter
    const q1 = (await leader.get('/api/commitments/fulfilment?from=2026-01-01&to=2026-03-31')).json();
    expect(q1.overall).toMatchObject({ due: 1, fulfilledOnTime: 1, ratePercent: 100 });

    // a reversed payout reopens the item it settled
    const firstPayout = byTitle['固定资产投资奖励(第一期)']!.fulfilments[0]!.payoutId!;
    expect((await officer.post(`/api/payouts/${firstPayout}/reverse`, { reason: '企业账户冻结,款项退回' })).statusCode).toBe(200);
    const after = (await leader.get('/api/commitments/fulfilment?from=2026-01-01&to=2026-03-31')).json();
    expect(after.overall).toMatchObject({ due: 1, fulfilledOnTime: 0, overdue: 1, ratePercent: 0 });
  });

  it('lists projects with their overdue count', async () => {
    const list = (await officer.get('/api/investment-projects?overdue=true')).json();
    const row = list.items.find((p: { id: string }) => p.id === project.id);
    expect(row.overdueCount).toBeGreaterThanOrEqual(1);
    expect(row.itemCount).toBe(5);
  });
});
