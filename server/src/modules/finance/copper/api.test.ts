import ExcelJS from 'exceljs';
import type { CopperImportReport, MarginCallView, MarginSweepResult, PledgeDetail, PledgeView, ReceiptView } from '@yuanqi/contract';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { anonymous, clientAs, createTestApp, errorOf, type Client, type TestApp } from '../../../../test/harness.js';
import { buildBank, buildEnterprise, buildPark, buildUser, type TestPark } from '../../../../test/factories.js';
import { buildCopperPrices, buildReceipt } from '../../../../test/finance-copper-factories.js';
import { copperStatistics } from './stats.js';

// Thursday 26 Nov 2026, 10:00 in Shanghai
const NOW = new Date('2026-11-26T02:00:00Z');
const TODAY = '2026-11-26';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

let t: TestApp;

type World = {
  park: TestPark;
  firmId: string;
  otherFirmId: string;
  bankAId: string;
  officer: Client;
  firm: Client;
  otherFirm: Client;
  bankA: Client;
  bankB: Client;
  leader: Client;
  officerRow: { id: string; park_id: string };
};

/** A park of its own per scenario: the sweep is park-wide. Prices 70,000 元/吨 for the week before today. */
async function world(): Promise<World> {
  const db = t.ctx.db;
  const park = await buildPark(db);
  const firm = await buildEnterprise(db, park, { chain: 'copper' });
  const other = await buildEnterprise(db, park, { chain: 'copper' });
  const bankA = await buildBank(db, park, '甲银行鹰潭分行');
  const bankB = await buildBank(db, park, '乙银行鹰潭分行');
  await buildCopperPrices(db, park, ['2026-11-19', '2026-11-20', '2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26'].map((d) => [d, 70_000] as const));
  const officerRow = await buildUser(db, park, { roles: ['finance_officer'] });
  return {
    park,
    officerRow,
    firmId: firm.id,
    otherFirmId: other.id,
    bankAId: bankA.id,
    officer: await clientAs(t, officerRow),
    firm: await clientAs(t, await buildUser(db, park, { roles: ['enterprise'], enterpriseId: firm.id })),
    otherFirm: await clientAs(t, await buildUser(db, park, { roles: ['enterprise'], enterpriseId: other.id })),
    bankA: await clientAs(t, await buildUser(db, park, { roles: ['bank'], bankId: bankA.id })),
    bankB: await clientAs(t, await buildUser(db, park, { roles: ['bank'], bankId: bankB.id })),
    leader: await clientAs(t, await buildUser(db, park, { roles: ['leader'] })),
  };
}

/** 100 t pledged to bank A at 70,000 元/吨: limit 5,600,000 元, loan 5,500,000 元. */
async function pledgeOf(w: World, weightKg = 100_000, loanFen = 550_000_000): Promise<PledgeDetail> {
  const receipt = await buildReceipt(t.ctx.db, w.park, w.firmId, { weightKg });
  const res = await w.bankA.post('/api/finance/copper/pledges', { receiptId: receipt.id, pricedOn: '2026-11-25', loanFen });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

/** Moves the clock; the officer's session (12 hours) is opened again. */
async function moveTo(w: World, instant: string) {
  t.clock.set(new Date(instant));
  w.officer = await clientAs(t, w.officerRow);
}

async function setPrice(w: World, day: string, yuan: number) {
  const res = await w.officer.post('/api/finance/copper/prices', { priceOn: day, priceFenPerTon: yuan * 100 });
  expect(res.statusCode, res.body).toBe(200);
}

async function sweep(w: World): Promise<MarginSweepResult> {
  const res = await w.officer.post('/api/finance/copper/margin-sweep');
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

async function callsOf(w: World, client: Client = w.officer): Promise<MarginCallView[]> {
  const res = await client.get('/api/finance/copper/margin-calls');
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

function multipart(file: Buffer) {
  const boundary = `----yq${Math.random().toString(16).slice(2)}`;
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="铜价.xlsx"\r\nContent-Type: ${XLSX}\r\n\r\n`;
  return { payload: Buffer.concat([Buffer.from(head), file, Buffer.from(`\r\n--${boundary}--\r\n`)]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

async function priceWorkbook(rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('铜价');
  sheet.addRow(['日期', '价格(元/吨)']);
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

beforeAll(async () => {
  t = await createTestApp({}, NOW);
});
afterAll(async () => {
  await t.close();
});
beforeEach(() => t.clock.set(NOW));

describe('POST /api/finance/copper/receipts', () => {
  it('refuses anonymous callers and bad tonnage, naming the field', async () => {
    const w = await world();
    expect((await anonymous(t).post('/api/finance/copper/receipts', {})).statusCode).toBe(401);
    const res = await w.firm.post('/api/finance/copper/receipts', { warehouse: '鹰潭保税库', receiptNo: 'A1', tons: '25.1234', grade: 'A级铜' });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).details[0]!.path).toBe('tons');
  });

  it('registers a firm’s own receipt in kg, refuses the same warehouse and number twice (409), and keeps it from other firms', async () => {
    const w = await world();
    // a firm registering "for" another firm still registers for itself
    const res = await w.firm.post('/api/finance/copper/receipts', { enterpriseId: w.otherFirmId, warehouse: '鹰潭保税库', receiptNo: 'WR-001', tons: '25.125', grade: '阴极铜 Cu-CATH-1', storedOn: '2026-11-02' });
    expect(res.statusCode, res.body).toBe(201);
    const receipt: ReceiptView = res.json();
    expect(receipt).toMatchObject({ enterpriseId: w.firmId, weightKg: 25_125, status: 'held' });
    const again = await w.officer.post('/api/finance/copper/receipts', { enterpriseId: w.otherFirmId, warehouse: '鹰潭保税库', receiptNo: 'WR-001', tons: 10, grade: 'A级铜' });
    expect(again.statusCode).toBe(409);
    expect(errorOf(again).message).toContain('WR-001');
    const mine: ReceiptView[] = (await w.firm.get('/api/finance/copper/receipts')).json();
    expect(mine.map((r) => r.id)).toEqual([receipt.id]);
    expect((await w.otherFirm.get('/api/finance/copper/receipts')).json()).toEqual([]);
    // a bank sees receipts only once pledged to it
    expect((await w.bankA.get('/api/finance/copper/receipts')).json()).toEqual([]);
  });
});

describe('POST /api/finance/copper/pledges', () => {
  it('lets neither a firm nor a leader register a pledge', async () => {
    const w = await world();
    const receipt = await buildReceipt(t.ctx.db, w.park, w.firmId);
    expect((await w.firm.post('/api/finance/copper/pledges', { receiptId: receipt.id, pricedOn: TODAY, loanFen: 100 })).statusCode).toBe(403);
    expect((await w.leader.post('/api/finance/copper/pledges', { receiptId: receipt.id, pricedOn: TODAY, loanFen: 100 })).statusCode).toBe(403);
  });

  it('refuses a loan above tonnage × price × LTV with the limit in 元, naming loanFen', async () => {
    const w = await world();
    const receipt = await buildReceipt(t.ctx.db, w.park, w.firmId, { weightKg: 25_123 });
    // 25.123 t × 70,000 × 80 % = 1,406,888.00 元
    const res = await w.bankA.post('/api/finance/copper/pledges', { receiptId: receipt.id, pricedOn: '2026-11-25', loanFen: 140_688_801 });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).details[0]!.path).toBe('loanFen');
    expect(errorOf(res).message).toContain('1,406,888.00 元');
    const ok = await w.bankA.post('/api/finance/copper/pledges', { receiptId: receipt.id, pricedOn: '2026-11-25', loanFen: 140_688_800 });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ status: 'active', bankId: w.bankAId, priceFenPerTon: 7_000_000, ltvBp: 8000, pricedLimitFen: 140_688_800, outstandingFen: 140_688_800 });
    expect(ok.json().number).toMatch(/^CR20261126\d{3}$/);
  });

  it('takes the LTV in force on the priced day (dated parameter) and the price fixed then (定价不结算)', async () => {
    const w = await world();
    await w.officer.post('/api/finance/parameters', { key: 'copper_ltv_bp', validFrom: '2026-11-25', value: 7000 });
    await buildCopperPrices(t.ctx.db, w.park, [['2026-11-20', 66_000]]);
    const receipt = await buildReceipt(t.ctx.db, w.park, w.firmId, { weightKg: 10_000 });
    const quote = (await w.officer.get(`/api/finance/copper/quote?receiptId=${receipt.id}&pricedOn=2026-11-22`)).json();
    // Sunday: the Friday price; the LTV before the change
    expect(quote).toMatchObject({ priceFenPerTon: 6_600_000, ltvBp: 8000, limitFen: 52_800_000 });
    const res = await w.officer.post('/api/finance/copper/pledges', { receiptId: receipt.id, bankId: w.bankAId, pricedOn: '2026-11-26', loanFen: 40_000_000 });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ ltvBp: 7000, pricedLimitFen: 49_000_000 });
  });

  it('refuses a receipt pledged twice with a Chinese 409 naming the institution holding it', async () => {
    const w = await world();
    const receipt = await buildReceipt(t.ctx.db, w.park, w.firmId, { receiptNo: 'DUP-1' });
    expect((await w.bankA.post('/api/finance/copper/pledges', { receiptId: receipt.id, pricedOn: TODAY, loanFen: 100_000 })).statusCode).toBe(201);
    const res = await w.officer.post('/api/finance/copper/pledges', { receiptId: receipt.id, bankId: w.bankAId, pricedOn: TODAY, loanFen: 100_000 });
    expect(res.statusCode).toBe(409);
    expect(errorOf(res).message).toMatch(/仓单 .*DUP-1 已质押给甲银行鹰潭分行.*解除质押前不能再次质押/);
    // bank B, by warehouse and number
    const viaNumber = await w.bankB.post('/api/finance/copper/pledges', { warehouse: receipt.warehouse, receiptNo: 'DUP-1', pricedOn: TODAY, loanFen: 100_000 });
    expect(viaNumber.statusCode).toBe(409);
  });

  it('lets exactly one of two concurrent pledges of one receipt win (the partial unique index)', async () => {
    const w = await world();
    const receipt = await buildReceipt(t.ctx.db, w.park, w.firmId);
    const results = await Promise.all([
      w.bankA.post('/api/finance/copper/pledges', { receiptId: receipt.id, pricedOn: TODAY, loanFen: 100_000 }),
      w.bankB.post('/api/finance/copper/pledges', { receiptId: receipt.id, pricedOn: TODAY, loanFen: 100_000 }),
      w.officer.post('/api/finance/copper/pledges', { receiptId: receipt.id, bankId: w.bankAId, pricedOn: TODAY, loanFen: 100_000 }),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409, 409]);
    for (const r of results.filter((x) => x.statusCode === 409)) expect(errorOf(r).message).toContain('解除质押前不能再次质押');
    const live = await t.ctx.db.selectFrom('copper_pledges').select('id').where('receipt_id', '=', receipt.id).execute();
    expect(live).toHaveLength(1);
  });
});

describe('margin calls', () => {
  it('a price fall triggers exactly one margin call per receipt and day, however often the sweep runs', async () => {
    const w = await world();
    const pledge = await pledgeOf(w);
    expect((await sweep(w)).created).toBe(0);
    // 68,000: limit 5,440,000 元 < 5,500,000 元 → shortfall 60,000 元
    await setPrice(w, TODAY, 68_000);
    expect((await sweep(w)).created).toBe(1);
    expect((await sweep(w)).created).toBe(0);
    const calls = await callsOf(w);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ pledgeId: pledge.id, callOn: TODAY, shortfallFen: 6_000_000, limitFen: 544_000_000, status: 'open', overdue: false, remainingWorkingDays: 2 });
    // due: 2 working days after Thu 26 Nov → Mon 30 Nov, end of day Shanghai
    expect(calls[0]!.dueAt).toBe('2026-11-30T15:59:59.999Z');
    const detail: PledgeDetail = (await w.firm.get(`/api/finance/copper/pledges/${pledge.id}`)).json();
    expect(detail).toMatchObject({ status: 'margin_call', currentShortfallFen: 6_000_000 });
    expect(detail.events.map((e) => e.action)).toEqual(['pledge', 'margin_call']);
    // the firm and the bank were told
    const notes = await t.ctx.db.selectFrom('notifications').select(['user_id', 'title']).where('park_id', '=', w.park.id).where('kind', '=', 'copper.margin_call').execute();
    expect(new Set(notes.map((n) => n.user_id))).toEqual(new Set([w.firm.userId, w.bankA.userId]));
    expect(notes[0]!.title).toContain('60,000.00 元');
  });

  it('concurrent sweeps create one call per receipt and day', async () => {
    const w = await world();
    await pledgeOf(w);
    await pledgeOf(w);
    await setPrice(w, TODAY, 60_000);
    const results = await Promise.all([sweep(w), sweep(w), sweep(w)]);
    expect(results.reduce((n, r) => n + r.created, 0)).toBe(2);
    const rows = await t.ctx.db.selectFrom('margin_calls').select(['receipt_id', 'call_on']).where('park_id', '=', w.park.id).execute();
    expect(rows).toHaveLength(2);
    expect(new Set(rows.map((r) => r.receipt_id)).size).toBe(2);
    // the next day (still low): pledges already in margin call get no second call
    await moveTo(w, '2026-11-27T02:00:00Z');
    expect((await sweep(w)).created).toBe(0);
  });

  it('a recovered price resolves the open call (price_recovered) and the pledge is active again', async () => {
    const w = await world();
    const pledge = await pledgeOf(w);
    await setPrice(w, TODAY, 68_000);
    await sweep(w);
    await moveTo(w, '2026-11-27T02:00:00Z');
    await setPrice(w, '2026-11-27', 69_500);
    const r = await sweep(w);
    expect(r).toMatchObject({ created: 0, recovered: 1 });
    const [call] = await callsOf(w);
    expect(call).toMatchObject({ status: 'resolved', resolution: 'price_recovered' });
    expect((await w.officer.get(`/api/finance/copper/pledges/${pledge.id}`)).json().status).toBe('active');
  });

  it('a top-up that covers the shortfall resolves the call; one that does not leaves it open', async () => {
    const w = await world();
    const pledge = await pledgeOf(w);
    await setPrice(w, TODAY, 68_000);
    await sweep(w);
    // the firm cannot record its own top-up; bank B cannot see it
    expect((await w.firm.post(`/api/finance/copper/pledges/${pledge.id}/top-up`, { amountFen: 100 })).statusCode).toBe(403);
    expect((await w.bankB.post(`/api/finance/copper/pledges/${pledge.id}/top-up`, { amountFen: 100 })).statusCode).toBe(404);
    const part = await w.bankA.post(`/api/finance/copper/pledges/${pledge.id}/top-up`, { amountFen: 2_000_000, note: '第一笔' });
    expect(part.statusCode, part.body).toBe(200);
    expect(part.json()).toMatchObject({ status: 'margin_call', marginFen: 2_000_000, currentShortfallFen: 4_000_000 });
    expect(part.json().openMarginCall).toMatchObject({ status: 'open', resolvedAmountFen: 2_000_000 });
    const rest = await w.bankA.post(`/api/finance/copper/pledges/${pledge.id}/top-up`, { amountFen: 4_000_000, expectedStatus: 'margin_call' });
    expect(rest.statusCode, rest.body).toBe(200);
    expect(rest.json()).toMatchObject({ status: 'active', marginFen: 6_000_000, currentShortfallFen: 0, openMarginCall: null });
    const [call] = await callsOf(w, w.bankA);
    expect(call).toMatchObject({ status: 'resolved', resolution: 'top_up', resolvedAmountFen: 6_000_000 });
    expect(call!.resolvedByName).toBeTruthy();
    // a stale caller gets 409
    const stale = await w.bankA.post(`/api/finance/copper/pledges/${pledge.id}/top-up`, { amountFen: 100, expectedStatus: 'margin_call' });
    expect(stale.statusCode).toBe(409);
  });

  it('a partial repayment that covers the shortfall resolves the call; full repayment releases the receipt', async () => {
    const w = await world();
    const pledge = await pledgeOf(w);
    await setPrice(w, TODAY, 68_000);
    await sweep(w);
    const tooMuch = await w.officer.post(`/api/finance/copper/pledges/${pledge.id}/repay`, { amountFen: 550_000_001 });
    expect(tooMuch.statusCode).toBe(400);
    expect(errorOf(tooMuch).details[0]!.path).toBe('amountFen');
    const repaid = await w.officer.post(`/api/finance/copper/pledges/${pledge.id}/repay`, { amountFen: 6_000_000 });
    expect(repaid.statusCode, repaid.body).toBe(200);
    expect(repaid.json()).toMatchObject({ status: 'active', outstandingFen: 544_000_000 });
    expect((await callsOf(w))[0]).toMatchObject({ status: 'resolved', resolution: 'repayment' });
    const all = await w.bankA.post(`/api/finance/copper/pledges/${pledge.id}/repay`, { amountFen: 544_000_000 });
    expect(all.statusCode, all.body).toBe(200);
    expect(all.json()).toMatchObject({ status: 'released', outstandingFen: 0, releasedOn: TODAY, actions: [] });
    const receipt: ReceiptView[] = (await w.firm.get('/api/finance/copper/receipts')).json();
    expect(receipt.find((r) => r.id === pledge.receiptId)).toMatchObject({ status: 'released', pledgeId: null });
    // released: it may be pledged again
    expect((await w.bankB.post('/api/finance/copper/pledges', { receiptId: pledge.receiptId, pricedOn: TODAY, loanFen: 100_000 })).statusCode).toBe(201);
  });

  it('flags an open call past its deadline for the finance officer', async () => {
    const w = await world();
    await pledgeOf(w);
    await setPrice(w, TODAY, 68_000);
    await sweep(w);
    await moveTo(w, '2026-12-01T02:00:00Z');
    await sweep(w);
    const calls = await callsOf(w);
    expect(calls[0]).toMatchObject({ overdue: true, status: 'open' });
    expect(calls[0]!.remainingWorkingDays).toBeLessThan(0);
    expect((await w.officer.get('/api/finance/copper/margin-calls?overdue=true')).json()).toHaveLength(1);
    const notes = await t.ctx.db.selectFrom('notifications').select('user_id').where('park_id', '=', w.park.id).where('kind', '=', 'copper.margin_overdue').execute();
    expect(notes.map((n) => n.user_id)).toContain(w.officer.userId);
    const stats = await copperStatistics(t.ctx.db, w.park.id, { from: '2026-11-01', to: '2026-11-30' }, '2026-12-01');
    expect(stats.marginCallsInPeriod).toMatchObject({ count: 1, open: 1, resolved: 0, shortfallFen: 6_000_000 });
    expect(stats.activePledges).toMatchObject({ count: 1, weightKg: 100_000, outstandingFen: 550_000_000, currentLimitFen: 544_000_000, inMarginCall: 1 });
    // no price before the period: its first price is the start
    expect(stats.priceChange).toEqual({ fromOn: '2026-11-19', fromPriceFenPerTon: 7_000_000, toOn: TODAY, toPriceFenPerTon: 6_800_000, percent: -2.86 });
  });
});

describe('isolation', () => {
  it('bank A gets 404 for bank B’s pledges and never sees its margin calls; a firm sees only its own', async () => {
    const w = await world();
    const mine = await pledgeOf(w);
    const otherReceipt = await buildReceipt(t.ctx.db, w.park, w.otherFirmId);
    const theirs: PledgeDetail = (await w.bankB.post('/api/finance/copper/pledges', { receiptId: otherReceipt.id, pricedOn: TODAY, loanFen: 550_000_000 })).json();
    await setPrice(w, TODAY, 60_000);
    await sweep(w);
    expect((await w.bankA.get(`/api/finance/copper/pledges/${theirs.id}`)).statusCode).toBe(404);
    expect((await w.bankA.post(`/api/finance/copper/pledges/${theirs.id}/repay`, { amountFen: 1 })).statusCode).toBe(404);
    const aCalls = await callsOf(w, w.bankA);
    expect(aCalls.map((c) => c.pledgeId)).toEqual([mine.id]);
    expect(((await w.bankA.get('/api/finance/copper/pledges')).json() as PledgeView[]).map((p) => p.id)).toEqual([mine.id]);
    expect(((await w.bankA.get('/api/finance/copper/receipts')).json() as ReceiptView[]).map((r) => r.id)).toEqual([mine.receiptId]);
    // firms
    expect((await w.otherFirm.get(`/api/finance/copper/pledges/${mine.id}`)).statusCode).toBe(404);
    expect(((await w.otherFirm.get('/api/finance/copper/pledges')).json() as PledgeView[]).map((p) => p.id)).toEqual([theirs.id]);
    expect((await callsOf(w, w.firm)).map((c) => c.pledgeId)).toEqual([mine.id]);
    // another park's officer sees nothing of it
    const foreignPark = await buildPark(t.ctx.db);
    const foreign = await clientAs(t, await buildUser(t.ctx.db, foreignPark, { roles: ['finance_officer'] }));
    expect((await foreign.get(`/api/finance/copper/pledges/${mine.id}`)).statusCode).toBe(404);
    expect(await callsOf({ ...w, officer: foreign })).toEqual([]);
  });
});

describe('copper prices', () => {
  it('only the finance officer enters prices; a future date is refused', async () => {
    const w = await world();
    expect((await w.firm.post('/api/finance/copper/prices', { priceOn: TODAY, priceFenPerTon: 100 })).statusCode).toBe(403);
    const future = await w.officer.post('/api/finance/copper/prices', { priceOn: '2026-11-27', priceFenPerTon: 6_800_000 });
    expect(future.statusCode).toBe(400);
    expect(errorOf(future).details[0]!.path).toBe('priceOn');
    const list = (await w.firm.get('/api/finance/copper/prices')).json();
    expect(list.latest).toMatchObject({ priceOn: TODAY, priceFenPerTon: 7_000_000 });
  });

  it('imports an .xlsx: good rows written, each bad row reported with why, existing dates updated and named', async () => {
    const w = await world();
    const file = await priceWorkbook([
      ['2026-11-02', 71_200],
      [new Date(Date.UTC(2026, 10, 3)), '71,350.50'],
      ['2026-11-26', 69_000], // exists (70,000): updated
      ['2026-11-25', 70_000], // exists, same price: unchanged
      ['2026/13/40', 70_000], // bad date
      ['2026-11-04', -5], // not positive
      ['2026-11-05', 0],
      ['2026-11-02', 71_000], // duplicate in the file
      ['2026-12-30', 70_000], // future
      ['2026-11-06', '七万'],
      [null, null], // blank: skipped
    ]);
    const res = await w.officer.request({ method: 'POST', url: '/api/finance/copper/prices/import', ...multipart(file) });
    expect(res.statusCode, res.body).toBe(200);
    const report: CopperImportReport = res.json();
    expect(report).toMatchObject({ total: 10, imported: 2, updated: 1, unchanged: 1, updatedDates: ['2026-11-26'] });
    expect(report.rejected.map((r) => r.row)).toEqual([6, 7, 8, 9, 10, 11]);
    expect(report.rejected[0]!.message).toContain('无法识别');
    expect(report.rejected[1]!.message).toContain('大于0');
    expect(report.rejected[3]!.message).toContain('重复');
    expect(report.rejected[4]!.message).toContain('未来');
    const prices = await t.ctx.db.selectFrom('copper_prices').select(['price_on', 'price_fen_per_ton']).where('park_id', '=', w.park.id).where('price_on', 'in', ['2026-11-02', '2026-11-03', '2026-11-04', '2026-11-26']).orderBy('price_on').execute();
    expect(prices.map((p) => [p.price_on, Number(p.price_fen_per_ton)])).toEqual([
      ['2026-11-02', 7_120_000],
      ['2026-11-03', 7_135_050],
      ['2026-11-26', 6_900_000],
    ]);
  });

  it('refuses a file without the headers and writes nothing', async () => {
    const w = await world();
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('x').addRow(['date', 'price']);
    const res = await w.officer.request({ method: 'POST', url: '/api/finance/copper/prices/import', ...multipart(Buffer.from(await wb.xlsx.writeBuffer())) });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).message).toContain('价格(元/吨)');
  });

  it('serves the template', async () => {
    const w = await world();
    const res = await w.officer.get('/api/finance/copper/prices/template');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
  });
});
