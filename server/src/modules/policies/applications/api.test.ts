import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, clientAs, createTestApp, errorOf, type Client, type TestApp } from '../../../../test/harness.js';
import { buildEnterprise, buildPark, buildUser, type TestPark } from '../../../../test/factories.js';
import { buildFund } from '../../../../test/fund-factories.js';
import { PDF, buildPolicy, hireRule, multipart, rematch, setFacts } from '../../../../test/policy-factories.js';
import { recordPayout } from '../../funds/service.js';
import { parseYuanToFen, type PolicyApplicationDetail, type RecommendedPolicies } from '@yuanqi/contract';
import ExcelJS from 'exceljs';

/** The rows of an exported workbook's first sheet (cell values, 1-based like ExcelJS). */
async function readXlsx(buffer: Buffer): Promise<ExcelJS.CellValue[][]> {
  const w = new ExcelJS.Workbook();
  await w.xlsx.load(buffer as unknown as ArrayBuffer);
  const rows: ExcelJS.CellValue[][] = [];
  w.worksheets[0]!.eachRow((row) => rows.push(row.values as ExcelJS.CellValue[]));
  return rows;
}

let t: TestApp;
let park: TestPark;
let fundId: string;
let policyId: string;
let versionId: string;
let firmA: string;
let firmB: string;
let firmC: string;
let officer: Client;
let entA: Client;
let entB: Client;
let entC: Client;
let bank: Client;
let leader: Client;
let liaison: Client;
let liaisonId: string;
const users: Record<string, { id: string; park_id: string }> = {};

/** Sessions expire 12 hours after their last use: moving the clock needs fresh ones. */
async function setClock(iso: string): Promise<void> {
  t.clock.set(new Date(iso));
  officer = await clientAs(t, users.officer!);
  entA = await clientAs(t, users.entA!);
  liaison = await clientAs(t, users.liaison!);
}

beforeAll(async () => {
  t = await createTestApp();
  park = await buildPark(t.ctx.db);
  const fund = await buildFund(t.ctx.db, park, { name: '就业专项资金', budgetFen: 100_000_000 });
  fundId = fund.id;
  const liaisonUser = await buildUser(t.ctx.db, park, { roles: ['liaison'] });
  liaisonId = liaisonUser.id;
  firmA = (await buildEnterprise(t.ctx.db, park, { name: '鹰潭甲科技有限公司', liaison_id: liaisonId })).id;
  firmB = (await buildEnterprise(t.ctx.db, park, { name: '鹰潭乙材料有限公司' })).id;
  firmC = (await buildEnterprise(t.ctx.db, park, { name: '鹰潭丙物联有限公司' })).id;
  const p = await buildPolicy(t.ctx.db, park, { fundId, title: '新增就业岗位补贴', rule: hireRule(), materials: [{ name: '营业执照', required: true }, { name: '劳动合同', required: false }] });
  policyId = p.policy.id;
  versionId = p.version.id;
  await setFacts(t.ctx.db, park, firmA, 2026, { new_hires: 10 });
  await setFacts(t.ctx.db, park, firmC, 2026, { new_hires: 0 });
  await rematch(t.ctx.db, park, t.clock.now());
  users.officer = await buildUser(t.ctx.db, park, { roles: ['policy_officer'], displayName: '李政策' });
  users.entA = await buildUser(t.ctx.db, park, { roles: ['enterprise'], enterpriseId: firmA });
  users.liaison = liaisonUser;
  officer = await clientAs(t, users.officer);
  entA = await clientAs(t, users.entA);
  entB = await clientAs(t, await buildUser(t.ctx.db, park, { roles: ['enterprise'], enterpriseId: firmB }));
  entC = await clientAs(t, await buildUser(t.ctx.db, park, { roles: ['enterprise'], enterpriseId: firmC }));
  bank = await clientAs(t, await buildUser(t.ctx.db, park, { roles: ['bank'] }));
  leader = await clientAs(t, await buildUser(t.ctx.db, park, { roles: ['leader'] }));
  liaison = await clientAs(t, liaisonUser);
});

afterAll(async () => {
  await t.close();
});

describe('为您推荐的政策', () => {
  it('shows an eligible firm the policy with its amount and reasons, a firm without data what to supply, and an ineligible firm nothing', async () => {
    const a = (await entA.get('/api/policies/recommended')).json() as RecommendedPolicies;
    const hit = a.eligible.find((r) => r.policyId === policyId);
    expect(hit?.match.amountFen).toBe(200_000);
    expect(hit?.match.reasons.join(' ')).toContain('新增就业人数');
    expect(hit?.canApply).toBe(true);

    const b = (await entB.get('/api/policies/recommended')).json() as RecommendedPolicies;
    expect(b.eligible.some((r) => r.policyId === policyId)).toBe(false);
    const unknown = b.unknown.find((r) => r.policyId === policyId);
    expect(unknown?.match.missing.map((m) => m.key)).toContain('new_hires');

    const c = (await entC.get('/api/policies/recommended')).json() as RecommendedPolicies;
    expect([...c.eligible, ...c.unknown].some((r) => r.policyId === policyId)).toBe(false);
  });

  it('lists eligible firms that have not applied for the officer, and exports them', async () => {
    const res = await officer.get(`/api/policies/${policyId}/matches?status=eligible&applied=false`);
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((r: { enterpriseId: string }) => r.enterpriseId)).toEqual([firmA]);
    const xlsx = await officer.get(`/api/policies/${policyId}/matches.xlsx?status=eligible`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    expect((await entA.get(`/api/policies/${policyId}/matches`)).statusCode).toBe(403);
  });
});

describe('申报 → 初审 → 复审 → 公示 → 拨付', () => {
  let appId: string;

  it('creates a draft prefilled from the firm’s data and match, visible to the firm only', async () => {
    const res = await entA.post('/api/policy-applications', { policyId });
    expect(res.statusCode).toBe(201);
    const app = res.json() as PolicyApplicationDetail;
    appId = app.id;
    expect(app.number).toMatch(/^ZC20261126-\d{4}$/);
    expect(app.status).toBe('draft');
    expect(app.versionId).toBe(versionId);
    expect(app.estimatedAmountFen).toBe(200_000);
    expect(app.form['new_hires@2026']).toBe(10);
    expect(app.periodKey).toBe('2026');
    expect(app.canEdit).toBe(true);
    expect(app.allowedActions).toEqual(['submit', 'withdraw']);

    expect((await entB.get(`/api/policy-applications/${appId}`)).statusCode).toBe(404);
    expect((await bank.get('/api/policy-applications')).statusCode).toBe(403);
    // the window does not see unsent drafts
    expect((await officer.get(`/api/policy-applications/${appId}`)).statusCode).toBe(404);
    // a second live application for the same period is refused
    expect((await entA.post('/api/policy-applications', { policyId })).statusCode).toBe(409);
    // an ineligible firm is told why instead of filing
    const c = await entC.post('/api/policy-applications', { policyId });
    expect(c.statusCode).toBe(409);
    expect(errorOf(c).message).toContain('不符合');
  });

  it('refuses to submit without the required material and the account', async () => {
    let res = await entA.post(`/api/policy-applications/${appId}/transitions`, { action: 'submit' });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).message).toContain('收款账户');
    expect((await entA.patch(`/api/policy-applications/${appId}`, { bankName: '鹰潭农商银行', accountNo: '6230 0012 3456 7890' })).statusCode).toBe(200);
    res = await entA.post(`/api/policy-applications/${appId}/transitions`, { action: 'submit' });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).message).toContain('营业执照');
    const upload = multipart({ filename: '营业执照.pdf', buffer: PDF }, { material: '营业执照' });
    expect((await entA.request({ method: 'POST', url: `/api/policy-applications/${appId}/files`, ...upload })).statusCode).toBe(201);
    res = await entA.post(`/api/policy-applications/${appId}/transitions`, { action: 'submit' });
    expect(res.statusCode).toBe(200);
    expect(res.json().status).toBe('submitted');
  });

  it('lets only the window review; an amount above the computed one needs a reason', async () => {
    expect((await entA.post(`/api/policy-applications/${appId}/transitions`, { action: 'pass' })).statusCode).toBe(403);
    expect((await leader.post(`/api/policy-applications/${appId}/transitions`, { action: 'pass' })).statusCode).toBe(403);
    let res = await officer.post(`/api/policy-applications/${appId}/transitions`, { action: 'pass', amountFen: 250_000 });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).details[0]!.path).toBe('overrideReason');
    res = await officer.post(`/api/policy-applications/${appId}/transitions`, { action: 'pass', note: '材料齐全' });
    expect(res.statusCode).toBe(200);
    expect(res.json().status).toBe('first_passed');
    expect(res.json().approvedAmountFen).toBe(200_000);
    expect(res.json().firstReviewedByName).toBe('李政策');
  });

  it('returns for correction with reasons; the firm corrects and resubmits', async () => {
    let res = await officer.post(`/api/policy-applications/${appId}/transitions`, { action: 'return' });
    expect(res.statusCode).toBe(400);
    res = await officer.post(`/api/policy-applications/${appId}/transitions`, { action: 'return', note: '请补充劳动合同' });
    expect(res.statusCode).toBe(200);
    expect(res.json().status).toBe('returned');
    expect(res.json().returnReason).toBe('请补充劳动合同');
    const detail = (await entA.get(`/api/policy-applications/${appId}`)).json() as PolicyApplicationDetail;
    expect(detail.canEdit).toBe(true);
    const upload = multipart({ filename: '劳动合同.pdf', buffer: PDF }, { material: '劳动合同' });
    expect((await entA.request({ method: 'POST', url: `/api/policy-applications/${appId}/files`, ...upload })).statusCode).toBe(201);
    res = await entA.post(`/api/policy-applications/${appId}/transitions`, { action: 'submit' });
    expect(res.json().status).toBe('submitted');
    expect(res.json().timeline.map((e: { action: string }) => e.action)).toEqual(['create', 'attach', 'submit', 'first_pass', 'second_return', 'attach', 'resubmit']);
  });

  it('复审通过 reserves the money in the fund', async () => {
    expect((await officer.post(`/api/policy-applications/${appId}/transitions`, { action: 'pass' })).json().status).toBe('first_passed');
    const res = await officer.post(`/api/policy-applications/${appId}/transitions`, { action: 'pass' });
    expect(res.json().status).toBe('approved');
    const fund = await t.ctx.db.selectFrom('funds').select(['reserved_fen', 'paid_fen']).where('id', '=', fundId).executeTakeFirstOrThrow();
    expect(Number(fund.reserved_fen)).toBe(200_000);
    expect((await officer.post(`/api/policy-applications/${appId}/payout`, { accountName: '鹰潭甲科技有限公司', bankName: '鹰潭农商银行', accountNo: '6230001234567890' })).statusCode).toBe(409);
  });

  let batchId: string;
  it('公示 lists the firm on a public page for 5 working days; anyone may object', async () => {
    const res = await officer.post('/api/policy-publicity', { applicationIds: [appId] });
    expect(res.statusCode).toBe(201);
    batchId = res.json().id;
    // Thursday 26 November → 5 working days: 27, 30 Nov, 1, 2, 3 Dec → ends 3 Dec, 24:00 Shanghai
    expect(res.json().endsAt).toBe('2026-12-03T15:59:59.999Z');
    const pub = await anonymous(t).get('/api/public/policy-publicity');
    expect(pub.statusCode).toBe(200);
    const detail = await anonymous(t).get(`/api/public/policy-publicity/${batchId}`);
    expect(detail.statusCode).toBe(200);
    expect(detail.json().items).toEqual([expect.objectContaining({ enterpriseName: '鹰潭甲科技有限公司', amountFen: 200_000 })]);
    expect(detail.json().acceptingObjections).toBe(true);
    const bad = await anonymous(t).post(`/api/public/policy-publicity/${batchId}/objections`, { submitterName: '王', contact: '1', content: '短' });
    expect(bad.statusCode).toBe(400);
    const obj = await anonymous(t).post(`/api/public/policy-publicity/${batchId}/objections`, { applicationId: appId, submitterName: '王先生', contact: '13900001111', content: '该企业新增就业人数与实际不符,请核查。' });
    expect(obj.statusCode).toBe(201);
    const seen = (await officer.get(`/api/policy-publicity/${batchId}`)).json();
    expect(seen.openObjections).toBe(1);
    expect(seen.objections[0].contact).toBe('13900001111');
    // the firm's timeline says an objection arrived, not who raised it
    const timeline = ((await entA.get(`/api/policy-applications/${appId}`)).json() as PolicyApplicationDetail).timeline;
    expect(timeline.at(-1)).toMatchObject({ action: 'objection', actorName: '公众' });
    expect(JSON.stringify(timeline)).not.toContain('13900001111');
  });

  it('pays only after the period with every objection handled, once, with a voucher number, and tells the firm', async () => {
    const account = { accountName: '鹰潭甲科技有限公司', bankName: '鹰潭农商银行', accountNo: '6230001234567890' };
    let res = await officer.post(`/api/policy-applications/${appId}/payout`, account);
    expect(res.statusCode).toBe(409);
    expect(errorOf(res).message).toContain('公示期');
    await setClock('2026-12-04T01:00:00Z');
    res = await anonymous(t).post(`/api/public/policy-publicity/${batchId}/objections`, { submitterName: '赵女士', contact: '13900002222', content: '公示期过后再提的异议。' });
    expect(res.statusCode).toBe(409);
    res = await officer.post(`/api/policy-applications/${appId}/payout`, account);
    expect(res.statusCode).toBe(409);
    expect(errorOf(res).message).toContain('异议');
    const objectionId = (await officer.get(`/api/policy-publicity/${batchId}`)).json().objections[0].id;
    expect((await entA.post(`/api/policy-objections/${objectionId}/handle`, { decision: 'dismissed', note: '经核查社保记录属实' })).statusCode).toBe(403);
    expect((await officer.post(`/api/policy-objections/${objectionId}/handle`, { decision: 'dismissed', note: '经核查社保记录属实' })).statusCode).toBe(200);
    expect((await entA.post(`/api/policy-applications/${appId}/payout`, account)).statusCode).toBe(403);
    res = await officer.post(`/api/policy-applications/${appId}/payout`, account);
    expect(res.statusCode).toBe(200);
    const paid = res.json() as PolicyApplicationDetail;
    expect(paid.status).toBe('paid');
    expect(paid.paidAmountFen).toBe(200_000);
    expect(paid.voucherNumber).toMatch(/^ZF2026-\d{6}$/);
    const payout = await t.ctx.db.selectFrom('payouts').selectAll().where('id', '=', paid.payoutId!).executeTakeFirstOrThrow();
    expect(payout.policy_version_id).toBe(versionId);
    expect(payout.period_key).toBe('2026');
    const fund = await t.ctx.db.selectFrom('funds').select(['reserved_fen', 'paid_fen']).where('id', '=', fundId).executeTakeFirstOrThrow();
    expect([Number(fund.reserved_fen), Number(fund.paid_fen)]).toEqual([0, 200_000]);
    const notes = await t.ctx.db.selectFrom('notifications').select(['kind', 'body']).where('park_id', '=', park.id).where('kind', '=', 'policy-application.paid').execute();
    expect(notes[0]!.body).toContain(paid.voucherNumber!);
    expect((await officer.post(`/api/policy-applications/${appId}/payout`, account)).statusCode).toBe(409);
    // paid: no longer recommended
    const a = (await entA.get('/api/policies/recommended')).json() as RecommendedPolicies;
    expect(a.eligible.some((r) => r.policyId === policyId)).toBe(false);
    await setClock('2026-11-26T02:00:00Z');
  });

  it('shows the same fen on the 公示 page, in the .xlsx exports and in the payout row', async () => {
    const payout = await t.ctx.db.selectFrom('payouts').select(['amount_fen', 'voucher_number']).where('source_id', '=', appId).executeTakeFirstOrThrow();
    const fen = Number(payout.amount_fen);
    const pub = (await anonymous(t).get(`/api/public/policy-publicity/${batchId}`)).json();
    expect(pub.items.map((i: { amountFen: number }) => i.amountFen)).toEqual([fen]);
    const staff = (await officer.get(`/api/policy-publicity/${batchId}`)).json();
    expect(staff.items.map((i: { amountFen: number }) => i.amountFen)).toEqual([fen]);
    const cellFen = (v: ExcelJS.CellValue) => parseYuanToFen(v as number);
    const apps = await readXlsx((await officer.get('/api/policy-applications.xlsx')).rawPayload);
    const appRow = apps.find((r) => r[2] === '鹰潭甲科技有限公司' && r[10] != null)!;
    // 核定金额 and 拨付金额 (columns 9 and 10)
    expect([cellFen(appRow[9]!), cellFen(appRow[10]!)]).toEqual([fen, fen]);
    const payouts = await readXlsx((await officer.get('/api/payouts/export')).rawPayload);
    const payoutRow = payouts.find((r) => r.includes(payout.voucher_number!))!;
    expect(payoutRow.map((v) => (typeof v === 'number' ? cellFen(v) : null))).toContain(fen);
  });

  it('lets a liaison file for the firms it serves only', async () => {
    const p2 = await buildPolicy(t.ctx.db, park, { fundId, title: '第二项补贴', rule: hireRule({ period: 'once' }) });
    await rematch(t.ctx.db, park, t.clock.now());
    const ok = await liaison.post('/api/policy-applications', { policyId: p2.policy.id, enterpriseId: firmA });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().periodKey).toBe('once');
    const other = await liaison.post('/api/policy-applications', { policyId: p2.policy.id, enterpriseId: firmB });
    expect(other.statusCode).toBe(403);
  });
});

describe('公示异议成立', () => {
  it('takes the application off the list, rejects it and releases its reserved money', async () => {
    const firm = (await buildEnterprise(t.ctx.db, park, { name: '异议测试企业' })).id;
    const p = await buildPolicy(t.ctx.db, park, { fundId, title: '异议测试补贴', rule: hireRule() });
    await setFacts(t.ctx.db, park, firm, 2026, { new_hires: 4 });
    const ent = await clientAs(t, await buildUser(t.ctx.db, park, { roles: ['enterprise'], enterpriseId: firm }));
    const app = (await ent.post('/api/policy-applications', { policyId: p.policy.id })).json();
    await ent.patch(`/api/policy-applications/${app.id}`, { bankName: '建设银行', accountNo: '6217000011113333' });
    await ent.post(`/api/policy-applications/${app.id}/transitions`, { action: 'submit' });
    await officer.post(`/api/policy-applications/${app.id}/transitions`, { action: 'pass' });
    await officer.post(`/api/policy-applications/${app.id}/transitions`, { action: 'pass' });
    const reservedBefore = Number((await t.ctx.db.selectFrom('funds').select('reserved_fen').where('id', '=', fundId).executeTakeFirstOrThrow()).reserved_fen);
    const batch = (await officer.post('/api/policy-publicity', { applicationIds: [app.id] })).json();
    await anonymous(t).post(`/api/public/policy-publicity/${batch.id}/objections`, { applicationId: app.id, submitterName: '刘女士', contact: '13900003333', content: '该企业新增人员均为关联企业调入,并非新增就业。' });
    const objection = (await officer.get(`/api/policy-publicity/${batch.id}`)).json().objections[0];
    const res = await officer.post(`/api/policy-objections/${objection.id}/handle`, { decision: 'upheld', note: '经核查,新增人员系关联企业调入' });
    expect(res.statusCode).toBe(200);
    expect(res.json().status).toBe('upheld');
    const after = (await ent.get(`/api/policy-applications/${app.id}`)).json() as PolicyApplicationDetail;
    expect(after.status).toBe('rejected');
    expect(after.rejectReason).toContain('公示异议成立');
    const reservedAfter = Number((await t.ctx.db.selectFrom('funds').select('reserved_fen').where('id', '=', fundId).executeTakeFirstOrThrow()).reserved_fen);
    expect(reservedBefore - reservedAfter).toBe(80_000);
    const pub = (await anonymous(t).get(`/api/public/policy-publicity/${batch.id}`)).json();
    expect(pub.items).toEqual([]);
    // rejected: the firm may apply again for the period
    expect((await ent.post('/api/policy-applications', { policyId: p.policy.id })).statusCode).toBe(201);
  });
});

describe('不重复兑付', () => {
  it('two concurrent payout requests for one application: exactly one succeeds', async () => {
    const firm = (await buildEnterprise(t.ctx.db, park, { name: '并发测试企业' })).id;
    const p = await buildPolicy(t.ctx.db, park, { fundId, title: '并发测试补贴', rule: hireRule() });
    await setFacts(t.ctx.db, park, firm, 2026, { new_hires: 5 });
    const ent = await clientAs(t, await buildUser(t.ctx.db, park, { roles: ['enterprise'], enterpriseId: firm }));
    const app = (await ent.post('/api/policy-applications', { policyId: p.policy.id })).json();
    await ent.patch(`/api/policy-applications/${app.id}`, { bankName: '建设银行', accountNo: '6217000011112222' });
    expect((await ent.post(`/api/policy-applications/${app.id}/transitions`, { action: 'submit' })).statusCode).toBe(200);
    await officer.post(`/api/policy-applications/${app.id}/transitions`, { action: 'pass' });
    await officer.post(`/api/policy-applications/${app.id}/transitions`, { action: 'pass' });
    await officer.post('/api/policy-publicity', { applicationIds: [app.id] });
    await setClock('2026-12-10T02:00:00Z');
    const account = { accountName: '并发测试企业', bankName: '建设银行', accountNo: '6217000011112222' };
    const results = await Promise.all([officer.post(`/api/policy-applications/${app.id}/payout`, account), officer.post(`/api/policy-applications/${app.id}/payout`, account)]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const payouts = await t.ctx.db.selectFrom('payouts').select('id').where('park_id', '=', park.id).where('enterprise_id', '=', firm).execute();
    expect(payouts).toHaveLength(1);
    await setClock('2026-11-26T02:00:00Z');
  });

  it('two concurrent payouts of the same firm, policy and period from different sources: the database lets one through', async () => {
    const firm = (await buildEnterprise(t.ctx.db, park, { name: '数据库唯一约束测试企业' })).id;
    const now = t.clock.now();
    const pay = (sourceId: string) =>
      t.ctx.db.transaction().execute((trx) =>
        recordPayout(trx, t.ctx, null, {
          parkId: park.id,
          fundId,
          enterpriseId: firm,
          amountFen: 10_000,
          policyId,
          policyVersionId: versionId,
          periodKey: '2026',
          exclusionKey: policyId,
          source: 'manual',
          sourceId,
          account: { accountName: '数据库唯一约束测试企业', bankName: '工商银行', accountNo: '6222000011112222' },
          now,
        }),
      );
    const results = await Promise.allSettled([pay('a'), pay('b')]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(rejected.reason.code).toBe('CONFLICT');
  });
});
