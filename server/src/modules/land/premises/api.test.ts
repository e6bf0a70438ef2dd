import type { ActivateReliefResult, BillView, BuildingView, LeaseView, MyPremisesView, PremisesOccupancyView, ReliefReportView } from '@yuanqi/contract';
import { reliefOfBill, rentBillGross, rentMonthlyFen, type ReliefRule } from '@yuanqi/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EnterpriseRow, UserRow } from '../../../db/schema.js';
import { clientAs, createTestApp, errorOf, type Client, type TestApp } from '../../../../test/harness.js';
import { buildEnterprise, buildPark, buildUser, type TestPark } from '../../../../test/factories.js';
import { notificationsOf } from '../../../../test/demand-factories.js';

// 2026-06-20 10:00 Shanghai
const NOW = new Date('2026-06-20T02:00:00Z');

let t: TestApp;
let park: TestPark;
let firm: EnterpriseRow;
let otherFirm: EnterpriseRow;
let firmUserRow: UserRow;
let officer: Client;
let firmUser: Client;
let otherUser: Client;
let liaison: Client;
let factory: BuildingView;
let standard: BuildingView;

const unitOf = (b: BuildingView, code: string) => b.units.find((u) => u.code === code)!;

async function lease(body: Record<string, unknown>): Promise<LeaseView> {
  const res = await officer.post('/api/land/premises/leases', body);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

beforeAll(async () => {
  t = await createTestApp({}, NOW);
  park = await buildPark(t.ctx.db, '厂房测试园区');
  firm = await buildEnterprise(t.ctx.db, park, { is_above_scale: false, tags: ['tech_sme'], chain: 'iot' });
  otherFirm = await buildEnterprise(t.ctx.db, park, { is_above_scale: true, tags: [] });
  firmUserRow = await buildUser(t.ctx.db, park, { roles: ['enterprise'], enterpriseId: firm.id });
  firmUser = await clientAs(t, firmUserRow);
  otherUser = await clientAs(t, await buildUser(t.ctx.db, park, { roles: ['enterprise'], enterpriseId: otherFirm.id }));
  officer = await clientAs(t, await buildUser(t.ctx.db, park, { roles: ['dispatcher'] }));
  liaison = await clientAs(t, await buildUser(t.ctx.db, park, { roles: ['liaison'] }));
  let res = await officer.post('/api/land/premises/buildings', { code: 'DZ-01', name: '定制厂房1号', kind: 'custom_factory', floors: 3 });
  expect(res.statusCode, res.body).toBe(200);
  factory = res.json();
  for (const [code, floor, areaM2] of [['101', 1, 1000], ['102', 1, 333.33], ['201', 2, 500.5], ['301', 3, 800]] as const) {
    res = await officer.post(`/api/land/premises/buildings/${factory.id}/units`, { code, floor, areaM2 });
    expect(res.statusCode, res.body).toBe(200);
    factory = res.json();
  }
  res = await officer.post('/api/land/premises/buildings', { code: 'BZ-01', name: '标准厂房1号', kind: 'standard_factory', floors: 2 });
  standard = res.json();
  res = await officer.post(`/api/land/premises/buildings/${standard.id}/units`, { code: 'A1', floor: 1, areaM2: 600 });
  res = await officer.post(`/api/land/premises/buildings/${standard.id}/units`, { code: 'A2', floor: 2, areaM2: 400, status: 'maintenance' });
  standard = res.json();
});
afterAll(async () => {
  await t.close();
});

describe('bill arithmetic (one rounding: half up to the fen, once)', () => {
  it('monthly rent = area × rate, a partial month pro rata by days', () => {
    expect(rentMonthlyFen(333.33, 1000)).toBe(333_330);
    expect(rentMonthlyFen(500.5, 1234)).toBe(617_617); // 500.5 × 12.34 = 6176.17
    expect(rentMonthlyFen(0.05, 1)).toBe(0); // 0.05 fen → 0
    expect(rentMonthlyFen(0.5, 1)).toBe(1); // 0.5 fen → 1 (half up)
    expect(rentBillGross(333_330, 30, '2026-06-01')).toBe(333_330);
    expect(rentBillGross(333_330, 11, '2026-06-01')).toBe(122_221); // 333330 × 11 / 30 = 122221.0
    expect(rentBillGross(100_000, 1, '2026-02-01')).toBe(3_571); // 100000 / 28 = 3571.43
    expect(rentBillGross(100_000, 15, '2026-07-01')).toBe(48_387); // 1500000 / 31 = 48387.1
  });

  it('free months cover the first N months of the period, percent rounds once, per ㎡ pro rata', () => {
    const subject = { days: 30, grossFen: 333_330, areaM2: 333.33, buildingKind: 'custom_factory' as const, leaseStartsOn: '2025-01-01', firm: { chain: null, tags: [], isAboveScale: false } };
    const free: ReliefRule = { kind: 'free_months', months: 3, eligibility: {} };
    const m = { name: '免租', periodFrom: '2026-03-01', periodTo: '2026-08-31', rule: free };
    expect(reliefOfBill(m, { ...subject, period: '2026-02-01' }, 333_330)).toBeNull();
    expect(reliefOfBill(m, { ...subject, period: '2026-03-01' }, 333_330)?.amountFen).toBe(333_330);
    expect(reliefOfBill(m, { ...subject, period: '2026-05-01' }, 333_330)?.amountFen).toBe(333_330);
    expect(reliefOfBill(m, { ...subject, period: '2026-06-01' }, 333_330)).toBeNull();
    const pct = { ...m, rule: { kind: 'percent', percent: 33, eligibility: {} } as ReliefRule };
    expect(reliefOfBill(pct, { ...subject, period: '2026-06-01', grossFen: 12_345 }, 12_345)?.amountFen).toBe(4_074); // 4073.85
    expect(reliefOfBill(pct, { ...subject, period: '2026-06-01', grossFen: 50 }, 50)?.amountFen).toBe(17); // 16.5 → 17
    const perM2 = { ...m, rule: { kind: 'fixed_per_m2', fenPerM2: 200, eligibility: {} } as ReliefRule };
    expect(reliefOfBill(perM2, { ...subject, period: '2026-06-01', days: 15 }, 333_330)?.amountFen).toBe(33_333); // 66666 × 15/30
    // never more than what earlier measures left
    expect(reliefOfBill(perM2, { ...subject, period: '2026-06-01' }, 1_000)?.amountFen).toBe(1_000);
    // eligibility
    const onlyBig = { ...m, rule: { kind: 'free_months', months: 3, eligibility: { aboveScale: true } } as ReliefRule };
    expect(reliefOfBill(onlyBig, { ...subject, period: '2026-03-01' }, 333_330)).toBeNull();
  });
});

describe('dated parameters', () => {
  it('lists defaults, adds a version valid from a date; the lease rate comes from its start day', async () => {
    let res = await officer.get('/api/land/parameters');
    expect(res.statusCode).toBe(200);
    expect(res.json().find((p: { key: string }) => p.key === 'rent.custom_factory').current).toBe(1000);
    res = await officer.post('/api/land/parameters', { key: 'rent.custom_factory', validFrom: '2026-09-01', value: 1200, note: '调价' });
    expect(res.statusCode, res.body).toBe(200);
    res = await officer.post('/api/land/parameters', { key: 'rent.custom_factory', validFrom: '2026-09-01', value: 1300 });
    expect(res.statusCode).toBe(409);
    res = await officer.post('/api/land/parameters', { key: 'rent.custom_factory', validFrom: '2026-13-01', value: -1 });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).details.map((d) => d.path).sort()).toEqual(['validFrom', 'value']);
    res = await officer.get(`/api/land/premises/leases/quote?unitId=${unitOf(factory, '301').id}&startsOn=2026-09-01`);
    expect(res.json()).toMatchObject({ rateFen: 1200, monthlyRentFen: 960_000, depositFen: 1_920_000 });
    res = await officer.get(`/api/land/premises/leases/quote?unitId=${unitOf(factory, '301').id}&startsOn=2026-08-31`);
    expect(res.json()).toMatchObject({ rateFen: 1000, monthlyRentFen: 800_000 });
    expect((await liaison.post('/api/land/parameters', { key: 'deposit_months', validFrom: '2026-01-01', value: 3 })).statusCode).toBe(403);
  });
});

describe('leases', () => {
  let first: LeaseView;
  it('signs a lease at the parameter rate and refuses an overlapping one, naming the unit and the other lease', async () => {
    first = await lease({ enterpriseId: firm.id, unitId: unitOf(factory, '102').id, startsOn: '2026-01-20', endsOn: '2027-01-19' });
    expect(first).toMatchObject({ rentFenPerM2Month: 1000, monthlyRentFen: 333_330, depositFen: 666_660, status: 'active' });
    expect(first.contractNo).toMatch(/^ZL20260620\d{3}$/);
    const res = await officer.post('/api/land/premises/leases', { enterpriseId: otherFirm.id, unitId: unitOf(factory, '102').id, startsOn: '2027-01-19', endsOn: '2027-12-31' });
    expect(res.statusCode).toBe(409);
    expect(errorOf(res).message).toContain('定制厂房1号 102');
    expect(errorOf(res).message).toContain(first.contractNo);
    // the day after is free
    const next = await lease({ enterpriseId: otherFirm.id, unitId: unitOf(factory, '102').id, startsOn: '2027-01-20', endsOn: '2027-12-31', rentFenPerM2Month: 900 });
    expect(next.monthlyRentFen).toBe(299_997);
    // a unit under maintenance is not let; an apartment is not leased here
    expect((await officer.post('/api/land/premises/leases', { enterpriseId: firm.id, unitId: unitOf(standard, 'A2').id, startsOn: '2026-07-01', endsOn: '2026-12-31' })).statusCode).toBe(409);
    // validation names the field
    const bad = await officer.post('/api/land/premises/leases', { enterpriseId: firm.id, unitId: unitOf(factory, '101').id, startsOn: '2026-07-01', endsOn: '2026-06-01' });
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad).details[0]!.path).toBe('endsOn');
  });

  it('two concurrent leases of one unit: exactly one succeeds', async () => {
    const unitId = unitOf(factory, '201').id;
    const results = await Promise.all([
      officer.post('/api/land/premises/leases', { enterpriseId: otherFirm.id, unitId, startsOn: '2026-02-01', endsOn: '2026-12-31' }),
      officer.post('/api/land/premises/leases', { enterpriseId: otherFirm.id, unitId, startsOn: '2026-02-01', endsOn: '2026-12-31', note: '同时签订' }),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const rows = await t.ctx.db.selectFrom('premises_leases').select('id').where('park_id', '=', park.id).where('unit_id', '=', unitId).execute();
    expect(rows).toHaveLength(1);
  });

  it('shows occupancy on a date: let with the tenant, maintenance, vacant', async () => {
    let res = await officer.get(`/api/land/premises/buildings/${factory.id}?date=2026-03-01`);
    const b: BuildingView = res.json();
    expect(unitOf(b, '102')).toMatchObject({ state: 'let', tenantName: firm.name });
    expect(unitOf(b, '101').state).toBe('vacant');
    expect(b.counts).toMatchObject({ units: 4, let: 2, vacant: 2 });
    res = await officer.get(`/api/land/premises/buildings/${factory.id}?date=2026-01-19`);
    expect(unitOf(res.json(), '102').state).toBe('vacant');
    res = await officer.get('/api/land/premises/occupancy?date=2026-03-01');
    const o: PremisesOccupancyView = res.json();
    const std = o.byKind.find((k) => k.kind === 'standard_factory')!;
    expect(std).toMatchObject({ units: 2, let: 0, maintenance: 1, vacant: 1 });
    const custom = o.byKind.find((k) => k.kind === 'custom_factory')!;
    expect(custom.letAreaM2).toBe(833.83);
    expect(custom.occupancyRate).toBe(0.5);
    expect((await liaison.get('/api/land/premises/occupancy')).statusCode).toBe(403);
  });
});

describe('bills, relief, payments and arrears', () => {
  let measureId: string;
  it('generates a month idempotently, a partial first month pro rata', async () => {
    let res = await officer.post('/api/land/premises/bills/generate', { month: '2026-01' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().created).toBe(1);
    res = await officer.post('/api/land/premises/bills/generate', { month: '2026-01' });
    expect(res.json()).toMatchObject({ created: 0, existing: 1 });
    const bills = (await officer.get(`/api/land/premises/bills?month=2026-01&enterpriseId=${firm.id}`)).json();
    expect(bills.items[0]).toMatchObject({ days: 12, grossFen: 129_031, dueFen: 129_031, dueOn: '2026-01-15' }); // 333330 × 12/31 = 129030.97
    for (const m of ['2026-02', '2026-03', '2026-04']) expect((await officer.post('/api/land/premises/bills/generate', { month: m })).statusCode).toBe(200);
    expect((await officer.post('/api/land/premises/bills/generate', { month: '2026-08' })).statusCode).toBe(400);
  });

  it('pays a bill, then a measure of three free months applies to the issued bills (a paid bill gets a credit)', async () => {
    const march = (await officer.get(`/api/land/premises/bills?month=2026-03&enterpriseId=${firm.id}`)).json().items[0];
    let res = await officer.post(`/api/land/premises/bills/${march.id}/payments`, { amountFen: 333_330, paidOn: '2026-03-10', method: 'transfer', reference: 'T1' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'paid', balanceFen: 0 });
    res = await officer.post(`/api/land/premises/bills/${march.id}/payments`, { amountFen: 1, paidOn: '2026-03-10', method: 'transfer' });
    expect(res.statusCode).toBe(409);
    res = await officer.post('/api/land/premises/reliefs', {
      code: 'JM-2026',
      name: '中小微企业房租减免',
      periodFrom: '2026-02-01',
      periodTo: '2026-04-30',
      rule: { kind: 'free_months', months: 3, eligibility: { aboveScale: false, buildingKinds: ['custom_factory', 'standard_factory'], leaseStartedBefore: '2026-02-01' } },
    });
    expect(res.statusCode, res.body).toBe(200);
    measureId = res.json().id;
    res = await officer.post(`/api/land/premises/reliefs/${measureId}/activate`);
    expect(res.statusCode, res.body).toBe(200);
    const act: ActivateReliefResult = res.json();
    // Feb, Mar, Apr of the firm's lease (unit 201 is let to a 规上 firm from February: not eligible)
    expect(act).toMatchObject({ billsChanged: 3, amountFen: 3 * 333_330, creditFen: 333_330 });
    const bill: BillView = (await officer.get(`/api/land/premises/bills/${march.id}`)).json();
    expect(bill).toMatchObject({ grossFen: 333_330, reliefTotalFen: 333_330, creditFen: 333_330, dueFen: 333_330, paidFen: 333_330, status: 'paid' });
    expect(bill.reliefs[0]!.explanation).toContain('免租3个月');
    const feb = (await officer.get(`/api/land/premises/bills?month=2026-02&enterpriseId=${firm.id}`)).json().items[0];
    expect(feb).toMatchObject({ reliefFen: 333_330, dueFen: 0, status: 'paid' });
    // a month issued later gets the active measure too
    const report: ReliefReportView = (await officer.get(`/api/land/premises/reliefs/${measureId}`)).json();
    expect(report.totalFen).toBe(999_990);
    expect(report.rows).toEqual([expect.objectContaining({ enterpriseId: firm.id, bills: 3, amountFen: 999_990, areaM2: 333.33 })]);
    const xlsx = await officer.get(`/api/land/premises/reliefs/${measureId}/export`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
  });

  it('lists arrears past the due day and reminds the firm', async () => {
    const res = await officer.get('/api/land/premises/arrears');
    expect(res.statusCode).toBe(200);
    const mine = res.json().items.find((r: { enterpriseId: string }) => r.enterpriseId === firm.id);
    // January (129,031) is overdue since 15 Jan; Feb–Apr are relieved
    expect(mine).toMatchObject({ bills: 1, balanceFen: 129_031, oldestDueOn: '2026-01-15', maxOverdueDays: 156 });
    const remind = await officer.post('/api/land/premises/arrears/remind', { enterpriseIds: [firm.id] });
    expect(remind.json()).toMatchObject({ firms: 1, notified: 1 });
    const notes = await notificationsOf(t.ctx.db, firmUserRow.id);
    expect(notes.at(-1)!.title).toContain('1290.31');
  });

  it('void a payment and the bill is open again', async () => {
    const jan = (await officer.get(`/api/land/premises/bills?month=2026-01&enterpriseId=${firm.id}`)).json().items[0];
    let res = await officer.post(`/api/land/premises/bills/${jan.id}/payments`, { amountFen: 29_031, paidOn: '2026-06-01', method: 'cash' });
    expect(res.json()).toMatchObject({ status: 'partial', balanceFen: 100_000 });
    const paymentId = (res.json() as BillView).payments[0]!.id;
    res = await officer.post(`/api/land/premises/payments/${paymentId}/void`, { reason: '录错' });
    expect(res.json()).toMatchObject({ status: 'open', paidFen: 0 });
  });

  it('an enterprise sees its own leases and bills with the relief, and 404 for another firm', async () => {
    const res = await firmUser.get('/api/land/premises/mine');
    expect(res.statusCode).toBe(200);
    const mine: MyPremisesView = res.json();
    expect(mine.leases).toHaveLength(1);
    const feb = mine.bills.find((b) => b.period === '2026-02-01' && b.grossFen === 333_330)!;
    expect(feb.reliefs[0]!.amountFen).toBe(333_330);
    const theirs: MyPremisesView = (await otherUser.get('/api/land/premises/mine')).json();
    const lease = theirs.leases.find((l) => l.unitCode === '201')!;
    expect((await firmUser.get(`/api/land/premises/leases/${lease.id}`)).statusCode).toBe(404);
    expect((await otherUser.get(`/api/land/premises/leases/${lease.id}`)).statusCode).toBe(200);
    expect((await otherUser.get(`/api/land/premises/leases/${mine.leases[0]!.id}`)).statusCode).toBe(404);
    expect((await otherUser.get(`/api/land/premises/bills/${feb.id}`)).statusCode).toBe(404);
    expect((await firmUser.get(`/api/land/premises/bills/${feb.id}`)).statusCode).toBe(200);
    const others = (await otherUser.get('/api/land/premises/bills')).json();
    expect(others.items.every((b: { enterpriseId: string }) => b.enterpriseId === otherFirm.id)).toBe(true);
    expect((await firmUser.post('/api/land/premises/bills/generate', { month: '2026-05' })).statusCode).toBe(403);
    expect((await firmUser.get('/api/land/premises/buildings')).statusCode).toBe(403);
  });

  it('terminates a lease: the month it ends in is recomputed, later bills voided; a billed lease is not cancelled', async () => {
    const l = (await otherUser.get('/api/land/premises/mine')).json().leases.find((x: { unitCode: string }) => x.unitCode === '201');
    let res = await officer.post(`/api/land/premises/leases/${l.id}/cancel`, { reason: '签错' });
    expect(res.statusCode).toBe(409);
    res = await officer.post(`/api/land/premises/leases/${l.id}/terminate`, { terminatedOn: '2026-03-15', reason: '企业搬迁' });
    expect(res.statusCode, res.body).toBe(200);
    const v: LeaseView = res.json();
    const march = v.bills.find((b) => b.period === '2026-03-01')!;
    expect(march).toMatchObject({ days: 15, grossFen: rentBillGross(rentMonthlyFen(500.5, 1000), 15, '2026-03-01') });
    expect(v.bills.find((b) => b.period === '2026-04-01')!.status).toBe('void');
    // the unit is free from the 16th
    await lease({ enterpriseId: firm.id, unitId: unitOf(factory, '201').id, startsOn: '2026-03-16', endsOn: '2026-12-31' });
  });
});
