import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, clientAs, createTestApp, errorOf, type Client, type TestApp } from '../../../../test/harness.js';
import { buildEnterprise, buildPark, buildUser, type TestPark } from '../../../../test/factories.js';
import { buildFund } from '../../../../test/fund-factories.js';
import { PDF, buildPolicy, hireRule, multipart, rematch, setFacts, wengangRule } from '../../../../test/policy-factories.js';
import { runPolicySweep } from './sweep.js';
import { rb } from '@yuanqi/contract';
import type { ExemptionRunReport, PolicyDetail, PolicyGrantDetail, PolicyTestResult, RecommendedPolicies } from '@yuanqi/contract';

let t: TestApp;
let park: TestPark;
let fundId: string;
let officer: Client;
let officerUser: { id: string; park_id: string };
let ent: Client;
let entUser: { id: string; park_id: string };
let firm: string;
let leader: Client;

beforeAll(async () => {
  t = await createTestApp();
  park = await buildPark(t.ctx.db);
  fundId = (await buildFund(t.ctx.db, park, { budgetFen: 50_000_000 })).id;
  firm = (await buildEnterprise(t.ctx.db, park, { name: '鹰潭版本测试有限公司' })).id;
  officerUser = await buildUser(t.ctx.db, park, { roles: ['policy_officer'] });
  officer = await clientAs(t, officerUser);
  entUser = await buildUser(t.ctx.db, park, { roles: ['enterprise'], enterpriseId: firm });
  ent = await clientAs(t, entUser);
  leader = await clientAs(t, await buildUser(t.ctx.db, park, { roles: ['leader'] }));
  await setFacts(t.ctx.db, park, firm, 2026, { new_hires: 10 });
});

afterAll(async () => {
  await t.close();
});

async function setClock(iso: string): Promise<void> {
  t.clock.set(new Date(iso));
  officer = await clientAs(t, officerUser);
  ent = await clientAs(t, entUser);
}

describe('policy library and versions', () => {
  let policyId: string;

  it('validates a rule with the engine: 400 naming each problem', async () => {
    const bad = await officer.post('/api/policies/validate-rule', { rule: { version: 1, params: [], eligibility: { op: 'all', items: [] }, benefit: { amount: { op: 'fact', key: 'no_such_fact', year: 0 } }, payment: { period: 'year' } } });
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad).details.length).toBeGreaterThanOrEqual(2);
    expect(errorOf(bad).details.every((d) => d.path.startsWith('rule'))).toBe(true);
    const ok = await officer.post('/api/policies/validate-rule', { rule: hireRule() });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().description).toContain('新增就业人数');
    expect((await ent.post('/api/policies/validate-rule', { rule: hireRule() })).statusCode).toBe(403);
  });

  it('creates a draft, saves an unfinished rule, and tests it on a firm with the trace', async () => {
    const created = await officer.post('/api/policies', { title: '鹰潭高新区新增就业补贴', docNumber: '鹰高新发〔2026〕8号', issuer: '管委会', category: '就业用工', mode: 'apply', fundId, validFrom: '2026-01-01' });
    expect(created.statusCode).toBe(201);
    const p = created.json() as PolicyDetail;
    policyId = p.id;
    expect(p.status).toBe('draft');
    expect(p.code).toMatch(/^P2026-\d{3}$/);
    expect(p.draftVersion?.problems.length).toBeGreaterThan(0);
    // publishing an unfinished rule is refused
    expect((await officer.post(`/api/policies/${policyId}/publish`, {})).statusCode).toBe(400);
    const saved = await officer.patch(`/api/policies/${policyId}/versions/${p.draftVersion!.id}`, { rule: hireRule(), effectiveFrom: '2026-01-01', materials: [{ name: '营业执照', required: true }] });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().draftVersion.problems).toEqual([]);
    const test = await officer.post(`/api/policies/${policyId}/test`, { enterpriseId: firm });
    expect(test.statusCode).toBe(200);
    const r = test.json() as PolicyTestResult;
    expect(r.status).toBe('eligible');
    expect(r.amountFen).toBe(200_000);
    expect(r.trace.length).toBeGreaterThan(0);
    expect(r.facts).toEqual([expect.objectContaining({ key: 'new_hires', year: 2026, value: 10, source: 'officer' })]);
    // an edited rule from the request, without saving
    const edited = await officer.post(`/api/policies/${policyId}/test`, { enterpriseId: firm, rule: hireRule({ perHireFen: 50_000 }) });
    expect(edited.json().amountFen).toBe(500_000);
  });

  it('hides drafts from firms and other readers', async () => {
    expect((await ent.get(`/api/policies/${policyId}`)).statusCode).toBe(404);
    expect((await ent.get('/api/policies')).json().items.some((p: { id: string }) => p.id === policyId)).toBe(false);
    expect((await leader.get(`/api/policies/${policyId}`)).statusCode).toBe(404);
    expect((await officer.get('/api/policies?status=draft')).json().items.some((p: { id: string }) => p.id === policyId)).toBe(true);
  });

  it('attaches the policy document (PDF by its bytes) and serves it to readers once published', async () => {
    const fake = multipart({ filename: '原文.pdf', buffer: Buffer.from('not a pdf at all') }, { kind: 'original' });
    expect((await officer.request({ method: 'POST', url: `/api/policies/${policyId}/documents`, ...fake })).statusCode).toBe(400);
    const up = await officer.request({ method: 'POST', url: `/api/policies/${policyId}/documents`, ...multipart({ filename: '鹰高新发〔2026〕8号.pdf', buffer: PDF }, { kind: 'original' }) });
    expect(up.statusCode).toBe(201);
    const docId = up.json().id;
    const pub = await officer.post(`/api/policies/${policyId}/publish`, {});
    expect(pub.statusCode).toBe(200);
    expect(pub.json().status).toBe('published');
    expect(pub.json().matchJobId).toBeTruthy();
    const file = await ent.get(`/api/policies/${policyId}/documents/${docId}`);
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    // the original of a published policy stays
    expect((await officer.delete(`/api/policies/${policyId}/documents/${docId}`)).statusCode).toBe(409);
  });

  it('freezes a published version: edits are refused, a new version supersedes it from its date and decisions record their version', async () => {
    const detail = (await officer.get(`/api/policies/${policyId}`)).json() as PolicyDetail;
    const v1 = detail.currentVersion!;
    expect(v1.status).toBe('published');
    expect((await officer.patch(`/api/policies/${policyId}/versions/${v1.id}`, { rule: hireRule({ perHireFen: 1 }) })).statusCode).toBe(409);
    expect((await officer.patch(`/api/policies/${policyId}`, { title: '改个名字试试看' })).statusCode).toBe(409);

    const v2res = await officer.post(`/api/policies/${policyId}/versions`, { effectiveFrom: '2026-12-01', rule: hireRule({ perHireFen: 40_000 }), changeNote: '补贴标准提高到每人400元' });
    expect(v2res.statusCode).toBe(201);
    expect((await officer.post(`/api/policies/${policyId}/versions`, { effectiveFrom: '2026-12-02' })).statusCode).toBe(409);
    const published = (await officer.post(`/api/policies/${policyId}/publish`, {})).json() as PolicyDetail;
    // 1 December is still to come: version 1 stays in force until then
    expect(published.currentVersionId).toBe(v1.id);
    expect(published.versions.find((v) => v.versionNo === 1)!.effectiveTo).toBe('2026-11-30');

    const app1 = await ent.post('/api/policy-applications', { policyId });
    expect(app1.json().versionId).toBe(v1.id);
    expect(app1.json().estimatedAmountFen).toBe(200_000);
    expect((await ent.post(`/api/policy-applications/${app1.json().id}/transitions`, { action: 'withdraw' })).statusCode).toBe(200);

    await setClock('2026-12-01T02:00:00Z');
    await runPolicySweep(t.ctx);
    const after = (await officer.get(`/api/policies/${policyId}`)).json() as PolicyDetail;
    expect(after.currentVersion!.versionNo).toBe(2);
    expect(after.versions.find((v) => v.versionNo === 1)!.status).toBe('superseded');
    const app2 = await ent.post('/api/policy-applications', { policyId });
    expect(app2.statusCode).toBe(201);
    expect(app2.json().versionId).toBe(after.currentVersionId);
    expect(app2.json().estimatedAmountFen).toBe(400_000);
    // the withdrawn first application keeps the version it was made under
    const first = (await ent.get(`/api/policy-applications/${app1.json().id}`)).json();
    expect(first.versionId).toBe(v1.id);
    await setClock('2026-11-26T02:00:00Z');
  });
});

describe('daily policy sweep', () => {
  it('refreshes every other park when one park holds a published rule it cannot read, and names that park', async () => {
    const broken = await buildPark(t.ctx.db);
    const p = await buildPolicy(t.ctx.db, broken, { fundId: null, title: '损坏的规则(测试)', rule: hireRule() });
    // a rule stored without its payment terms (only a hand edit of the database can do this)
    await t.ctx.db.updateTable('policy_versions').set({ rule: JSON.stringify({ version: 1 }) }).where('policy_id', '=', p.policy.id).execute();
    await t.ctx.db.updateTable('policy_matches').set({ computed_at: new Date('2000-01-01T00:00:00Z') }).where('park_id', '=', park.id).execute();
    const result = await runPolicySweep(t.ctx);
    expect(result.failedParks.map((f) => f.parkId)).toContain(broken.id);
    expect(result.failedParks.map((f) => f.parkId)).not.toContain(park.id);
    expect(result.refreshedParks).toBeGreaterThanOrEqual(1);
  });
});

describe('facts', () => {
  it('lets a firm report its reportable data (matches refresh) but not the window’s', async () => {
    const other = (await buildEnterprise(t.ctx.db, park, { name: '鹰潭填报测试有限公司' })).id;
    const user = await clientAs(t, await buildUser(t.ctx.db, park, { roles: ['enterprise'], enterpriseId: other }));
    const p = await buildPolicy(t.ctx.db, park, { fundId, title: '填报即匹配补贴', rule: hireRule() });
    let rec = (await user.get('/api/policies/recommended')).json() as RecommendedPolicies;
    expect(rec.eligible.some((r) => r.policyId === p.policy.id)).toBe(false);
    const put = await user.put(`/api/enterprises/${other}/facts`, { facts: [{ key: 'new_hires', year: 2026, value: 3 }] });
    expect(put.statusCode).toBe(200);
    expect(put.json().values).toEqual([expect.objectContaining({ key: 'new_hires', value: 3, source: 'enterprise' })]);
    rec = (await user.get('/api/policies/recommended')).json() as RecommendedPolicies;
    expect(rec.eligible.find((r) => r.policyId === p.policy.id)?.match.amountFen).toBe(60_000);
    expect((await user.put(`/api/enterprises/${other}/facts`, { facts: [{ key: 'ui_premium_paid_fen', year: 2025, value: 1 }] })).statusCode).toBe(403);
    expect((await user.put(`/api/enterprises/${firm}/facts`, { facts: [{ key: 'new_hires', year: 2026, value: 3 }] })).statusCode).toBe(404);
    const wrong = await officer.put(`/api/enterprises/${other}/facts`, { facts: [{ key: 'new_hires', year: 2026, value: 2.5 }] });
    expect(wrong.statusCode).toBe(400);
    expect(errorOf(wrong).message).toContain('新增就业人数');
  });

  it('refreshes a firm’s matches when the registry changes it', async () => {
    const dispatcher = await clientAs(t, await buildUser(t.ctx.db, park, { roles: ['dispatcher'] }));
    const small = (await buildEnterprise(t.ctx.db, park, { name: '鹰潭升规测试有限公司', headcount: 40 })).id;
    const rule = { version: 1 as const, params: [], eligibility: rb.all(rb.cmp(rb.field('headcount'), '>=', rb.num(100))), benefit: { amount: rb.num(1_000_000) }, payment: { period: 'once' as const } };
    const p = await buildPolicy(t.ctx.db, park, { fundId, title: '百人以上企业奖励', rule });
    await rematch(t.ctx.db, park, t.clock.now());
    const matched = async () => (await t.ctx.db.selectFrom('policy_matches').select('status').where('policy_id', '=', p.policy.id).where('enterprise_id', '=', small).executeTakeFirst())?.status ?? null;
    expect(await matched()).toBe(null);
    expect((await dispatcher.patch(`/api/enterprises/${small}`, { headcount: 150 })).statusCode).toBe(200);
    expect(await matched()).toBe('eligible');
  });

  it('finds policies and 申报 numbers in the global search, within the reader’s scope', async () => {
    const res = await ent.get(`/api/search?q=${encodeURIComponent('百人以上')}`);
    expect(res.statusCode).toBe(200);
    const group = res.json().groups.find((g: { kind: string }) => g.kind === 'policy');
    expect(group.items[0].title).toBe('百人以上企业奖励');
  });

  it('imports facts from Excel with a report of every rejected row, then refreshes the matches in the background', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const known = await buildEnterprise(t.ctx.db, park, { name: '鹰潭导入测试有限公司' });
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('数据');
    sheet.addRow(['统一社会信用代码', '企业名称', '年度', '新增就业人数', '失业保险费实缴(元)']);
    sheet.addRow([known.uscc, known.name, 2026, 12, 3456.78]);
    sheet.addRow(['91360600MA35XXXXXX', '不存在的企业', 2026, 3, 100]);
    sheet.addRow([known.uscc, known.name, 2025, '十二', 100]);
    const buffer = Buffer.from(await wb.xlsx.writeBuffer());
    const res = await officer.request({ method: 'POST', url: '/api/facts/import', ...multipart({ filename: '企业数据.xlsx', buffer, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }) });
    expect(res.statusCode).toBe(200);
    const report = res.json();
    expect(report.rows).toBe(3);
    expect(report.saved).toBe(2);
    expect(report.rejected.map((r: { row: number; column: string }) => [r.row, r.column])).toEqual([
      [3, '统一社会信用代码'],
      [4, '新增就业人数'],
    ]);
    expect(report.matchJobId).toBeTruthy();
    const facts = (await officer.get(`/api/enterprises/${known.id}/facts?year=2026`)).json().values;
    expect(facts).toEqual(expect.arrayContaining([expect.objectContaining({ key: 'new_hires', value: 12, source: 'import' }), expect.objectContaining({ key: 'ui_premium_paid_fen', value: 345_678 })]));
    expect((await ent.request({ method: 'POST', url: '/api/facts/import', ...multipart({ filename: 'x.xlsx', buffer }) })).statusCode).toBe(403);
  });

  it('defines a park fact that rules may then use', async () => {
    const res = await officer.post('/api/fact-definitions', { key: 'talent_phd_hires', label: '引进博士人数', unit: 'count', type: 'number', enterpriseReportable: true });
    expect(res.statusCode).toBe(201);
    expect((await officer.post('/api/fact-definitions', { key: 'new_hires', label: '重复的内置指标', type: 'number' })).statusCode).toBe(409);
    const rule = { version: 1, params: [], eligibility: { op: 'compare', left: { op: 'fact', key: 'talent_phd_hires', year: 0 }, cmp: '>=', right: { op: 'num', value: 1 } }, benefit: { amount: { op: 'num', value: 5_000_000 } }, payment: { period: 'year' } };
    expect((await officer.post('/api/policies/validate-rule', { rule })).statusCode).toBe(200);
    const defs = (await ent.get('/api/fact-definitions')).json().items;
    expect(defs.find((d: { key: string }) => d.key === 'talent_phd_hires')).toMatchObject({ origin: 'park', enterpriseReportable: true });
  });
});

describe('免申即享', () => {
  let policyId: string;
  let runFirms: { eligible: string; short: string; none: string; dishonest: string };

  beforeAll(async () => {
    const p = await buildPolicy(t.ctx.db, park, { fundId, title: '失业保险稳岗返还(测试)', mode: 'auto', rule: wengangRule() });
    policyId = p.policy.id;
    runFirms = {
      eligible: (await buildEnterprise(t.ctx.db, park, { name: '稳岗甲公司' })).id,
      short: (await buildEnterprise(t.ctx.db, park, { name: '稳岗乙公司' })).id,
      none: (await buildEnterprise(t.ctx.db, park, { name: '稳岗丙公司' })).id,
      dishonest: (await buildEnterprise(t.ctx.db, park, { name: '稳岗丁公司' })).id,
    };
    await setFacts(t.ctx.db, park, runFirms.eligible, 2025, { ui_paid_months: 12, ui_premium_paid_fen: 100_000, serious_dishonesty: false });
    await setFacts(t.ctx.db, park, runFirms.short, 2025, { ui_paid_months: 6, ui_premium_paid_fen: 50_000, serious_dishonesty: false });
    await setFacts(t.ctx.db, park, runFirms.dishonest, 2025, { ui_paid_months: 12, ui_premium_paid_fen: 80_000 });
    await setFacts(t.ctx.db, park, runFirms.dishonest, 2026, { serious_dishonesty: true });
    await rematch(t.ctx.db, park, t.clock.now());
  });

  it('grants every eligible firm and reports every skipped one with its reason; a re-run grants nobody twice', async () => {
    const res = await officer.post(`/api/policies/${policyId}/runs?wait=true`, {});
    expect(res.statusCode).toBe(201);
    expect(res.json().status).toBe('done');
    const report = (await officer.get(`/api/policy-runs/${res.json().id}?pageSize=200`)).json() as ExemptionRunReport;
    const item = (id: string) => report.items.find((i) => i.enterpriseId === id)!;
    expect(item(runFirms.eligible)).toMatchObject({ outcome: 'granted', amountFen: 60_000 });
    expect(item(runFirms.short)).toMatchObject({ outcome: 'skipped', reasonCode: 'ineligible' });
    expect(item(runFirms.none)).toMatchObject({ outcome: 'skipped', reasonCode: 'unknown' });
    expect(item(runFirms.none).reason).toContain('失业保险');
    expect(item(runFirms.dishonest)).toMatchObject({ outcome: 'skipped', reasonCode: 'ineligible' });
    expect(report.granted).toBe(1);
    const xlsx = await officer.get(`/api/policy-runs/${res.json().id}/report.xlsx`);
    expect(xlsx.statusCode).toBe(200);

    const again = await officer.post(`/api/policies/${policyId}/runs?wait=true`, {});
    const report2 = (await officer.get(`/api/policy-runs/${again.json().id}?outcome=granted`)).json() as ExemptionRunReport;
    expect(report2.granted).toBe(0);
    expect(report2.byReason.already_granted).toBe(1);
    const grants = await t.ctx.db.selectFrom('policy_grants').select('id').where('policy_id', '=', policyId).execute();
    expect(grants).toHaveLength(1);
  });

  it('pays when the firm confirms its account; a later run and a second confirmation pay nobody twice', async () => {
    const user = await clientAs(t, await buildUser(t.ctx.db, park, { roles: ['enterprise'], enterpriseId: runFirms.eligible }));
    const list = (await user.get('/api/policy-grants')).json();
    expect(list.items).toHaveLength(1);
    const grantId = list.items[0].id;
    expect((await ent.get(`/api/policy-grants/${grantId}`)).statusCode).toBe(404);
    const account = { accountName: '稳岗甲公司', bankName: '鹰潭农商银行', accountNo: '6230009988776655' };
    const res = await user.post(`/api/policy-grants/${grantId}/confirm`, account);
    expect(res.statusCode).toBe(200);
    const g = res.json() as PolicyGrantDetail;
    expect(g.status).toBe('paid');
    expect(g.confirmedOnBehalf).toBe(false);
    expect(g.voucherNumber).toMatch(/^ZF2026-/);
    expect((await user.post(`/api/policy-grants/${grantId}/confirm`, account)).statusCode).toBe(409);
    const run3 = await officer.post(`/api/policies/${policyId}/runs?wait=true`, {});
    const report = (await officer.get(`/api/policy-runs/${run3.json().id}`)).json() as ExemptionRunReport;
    expect(report.byReason.already_paid).toBe(1);
    const payouts = await t.ctx.db.selectFrom('payouts').select('id').where('policy_id', '=', policyId).execute();
    expect(payouts).toHaveLength(1);
  });

  it('lets the window confirm on a firm’s behalf, with the note recorded', async () => {
    const late = (await buildEnterprise(t.ctx.db, park, { name: '稳岗戊公司' })).id;
    await setFacts(t.ctx.db, park, late, 2025, { ui_paid_months: 12, ui_premium_paid_fen: 20_000, serious_dishonesty: false });
    const run = await officer.post(`/api/policies/${policyId}/runs?wait=true`, {});
    expect(run.json().granted).toBe(1);
    const grant = (await officer.get(`/api/policy-grants?runId=${run.json().id}`)).json().items[0];
    const account = { accountName: '稳岗戊公司', bankName: '工商银行', accountNo: '6222001122334455' };
    expect((await officer.post(`/api/policy-grants/${grant.id}/confirm`, account)).statusCode).toBe(400);
    const res = await officer.post(`/api/policy-grants/${grant.id}/confirm`, { ...account, note: '财务负责人王会计电话确认' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'paid', confirmedOnBehalf: true, confirmNote: '财务负责人王会计电话确认' });
    expect((await leader.post(`/api/policy-grants/${grant.id}/confirm`, account)).statusCode).toBe(403);
  });

  it('refuses runs of 申报 policies and of firms’ users', async () => {
    const apply = await buildPolicy(t.ctx.db, park, { fundId, title: '申报类政策', rule: hireRule() });
    expect((await officer.post(`/api/policies/${apply.policy.id}/runs?wait=true`, {})).statusCode).toBe(409);
    expect((await ent.post(`/api/policies/${policyId}/runs?wait=true`, {})).statusCode).toBe(403);
  });
});

describe('per-person policies', () => {
  it('a person counts for one firm only', async () => {
    const rule = { ...hireRule(), payment: { period: 'year' as const, perPerson: { factKey: 'new_hires', uniqueAcrossEnterprises: true } } };
    const p = await buildPolicy(t.ctx.db, park, { fundId, title: '一次性扩岗补助(测试)', rule });
    const a = (await buildEnterprise(t.ctx.db, park, { name: '扩岗甲公司' })).id;
    const b = (await buildEnterprise(t.ctx.db, park, { name: '扩岗乙公司' })).id;
    await setFacts(t.ctx.db, park, a, 2026, { new_hires: 2 });
    await setFacts(t.ctx.db, park, b, 2026, { new_hires: 2 });
    const ua = await clientAs(t, await buildUser(t.ctx.db, park, { roles: ['enterprise'], enterpriseId: a }));
    const ub = await clientAs(t, await buildUser(t.ctx.db, park, { roles: ['enterprise'], enterpriseId: b }));
    const person = { name: '张小明', idNumber: '11010519491231002X' };
    const appA = (await ua.post('/api/policy-applications', { policyId: p.policy.id })).json();
    const patched = await ua.patch(`/api/policy-applications/${appA.id}`, { bankName: '银行', accountNo: '62220000111122223', persons: [person] });
    expect(patched.statusCode).toBe(200);
    expect(patched.json().persons).toEqual([{ name: '张小明', idMasked: '1101**********002X', category: null }]);
    expect(patched.json().perPerson).toEqual({ factKey: 'new_hires', label: '新增就业人数', uniqueAcrossEnterprises: true });
    expect(patched.json().estimatedAmountFen).toBe(20_000);
    expect(JSON.stringify(patched.json())).not.toContain('11010519491231002X');
    expect((await ua.post(`/api/policy-applications/${appA.id}/transitions`, { action: 'submit' })).statusCode).toBe(200);
    const appB = (await ub.post('/api/policy-applications', { policyId: p.policy.id })).json();
    await ub.patch(`/api/policy-applications/${appB.id}`, { bankName: '银行', accountNo: '62220000111122224', persons: [person] });
    const refused = await ub.post(`/api/policy-applications/${appB.id}/transitions`, { action: 'submit' });
    expect(refused.statusCode).toBe(409);
    expect(errorOf(refused).message).toContain('张小明');
    const stored = await t.ctx.db.selectFrom('policy_person_claims').selectAll().execute();
    expect(JSON.stringify(stored)).not.toContain('11010519491231002X');
  });
});

describe('public publicity page', () => {
  it('answers without a log-in and only for batches that have started', async () => {
    const list = await anonymous(t).get('/api/public/policy-publicity');
    expect(list.statusCode).toBe(200);
    expect((await anonymous(t).get('/api/public/policy-publicity/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    expect((await anonymous(t).get('/api/policy-publicity')).statusCode).toBe(401);
  });
});

describe('one check decides whether a draft can be published', () => {
  const industryRule = (cond: ReturnType<typeof rb.startsWith>) => ({ ...hireRule(), eligibility: rb.all(cond, rb.cmp(rb.fact('new_hires'), '>=', rb.num(1))) });

  it('reports a draft without 资金来源 as not publishable, names it, and publishes once it is set', async () => {
    const created = (await officer.post('/api/policies', { title: '无资金来源的测试政策', category: '就业用工', mode: 'apply', validFrom: '2026-01-01', rule: hireRule(), materials: [{ name: '营业执照', required: true }] })).json() as PolicyDetail;
    // the rule itself is complete …
    expect(created.draftVersion!.description).toContain('新增就业人数');
    // … but the policy is not: the page is told exactly what publishing would refuse
    expect(created.draftVersion!.problems).toEqual([{ path: 'fundId', message: expect.stringContaining('资金来源') }]);
    const refused = await officer.post(`/api/policies/${created.id}/publish`, {});
    expect(refused.statusCode).toBe(400);
    expect(errorOf(refused).details).toEqual(created.draftVersion!.problems);
    expect(errorOf(refused).message).toContain('资金来源');

    await officer.patch(`/api/policies/${created.id}`, { fundId });
    const ready = (await officer.get(`/api/policies/${created.id}`)).json() as PolicyDetail;
    expect(ready.draftVersion!.problems).toEqual([]);
    const pub = await officer.post(`/api/policies/${created.id}/publish`, {});
    expect(pub.statusCode).toBe(200);
    expect(pub.json().status).toBe('published');
  });

  it('names a 申报 policy without materials as not publishable', async () => {
    const created = (await officer.post('/api/policies', { title: '无申报材料的测试政策', category: '就业用工', mode: 'apply', fundId, validFrom: '2026-01-01', rule: hireRule() })).json() as PolicyDetail;
    expect(created.draftVersion!.problems.map((p) => p.path)).toEqual(['materials']);
    expect((await officer.post(`/api/policies/${created.id}/publish`, {})).statusCode).toBe(400);
    // 免申即享 asks the firm for nothing
    const auto = (await officer.post('/api/policies', { title: '免申即享的测试政策', category: '就业用工', mode: 'auto', fundId, validFrom: '2026-01-01', rule: hireRule() })).json() as PolicyDetail;
    expect(auto.draftVersion!.problems).toEqual([]);
    expect((await officer.post(`/api/policies/${auto.id}/publish`, {})).statusCode).toBe(200);
  });

  it('warns when an exact industry code matches no firm of the park; a prefix does not warn', async () => {
    await buildEnterprise(t.ctx.db, park, { name: '鹰潭铜材加工测试有限公司', industry_code: 'C3983' });
    const context = await officer.get('/api/policies/rule-context');
    expect(context.statusCode).toBe(200);
    expect(context.json().industryCodes).toContain('C3983');
    expect((await ent.get('/api/policies/rule-context')).statusCode).toBe(403);

    const exact = (await officer.post('/api/policies', { title: '行业代码精确匹配测试', category: '产业扶持', mode: 'auto', fundId, validFrom: '2026-01-01', rule: industryRule({ op: 'in', left: rb.field('industry_code'), values: ['C'] }) })).json() as PolicyDetail;
    expect(exact.draftVersion!.problems).toEqual([]);
    expect(exact.draftVersion!.warnings).toEqual([{ path: 'rule.eligibility.items.0', message: expect.stringContaining('“C”在本园区没有企业完全相同') }]);
    const prefix = (await officer.post('/api/policies', { title: '行业代码前缀匹配测试', category: '产业扶持', mode: 'auto', fundId, validFrom: '2026-01-01', rule: industryRule(rb.startsWith(rb.field('industry_code'), 'C')) })).json() as PolicyDetail;
    expect(prefix.draftVersion!.warnings).toEqual([]);
  });
});
