import { inflateRawSync } from 'node:zlib';
import type { CleanupCampaignDetail, CleanupCandidate, CleanupCaseDetail, CleanupCaseView } from '@yuanqi/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EnterpriseRow } from '../../../db/schema.js';
import { anonymous, clientAs, createTestApp, errorOf, type Client, type TestApp } from '../../../../test/harness.js';
import { buildEnterprise, buildPark, buildUser, type TestPark } from '../../../../test/factories.js';
import { sweepOverdueCleanupCases } from './sweep.js';
import { buildParcel, buildProject, gradeFirm } from './test-factories.js';

// 2026-11-20 10:00 Shanghai
const NOW = new Date('2026-11-20T02:00:00Z');

let t: TestApp;
let park: TestPark;
let otherPark: TestPark;
let firm: EnterpriseRow;
let officer: Client;
let liaison: Client;
let otherOfficer: Client;

/** The text of one entry of a zip (a .docx), read through its central directory. */
function zipEntry(zip: Buffer, name: string): string | null {
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
  return null;
}

let campaignCounter = 0;
async function createCampaign(body: Record<string, unknown> = {}): Promise<CleanupCampaignDetail> {
  campaignCounter += 1;
  const res = await officer.post('/api/land/cleanup/campaigns', { code: `QL2026-T${campaignCounter}`, name: `测试清理专项${campaignCounter}`, startedOn: '2026-03-16', idleYears: 2, ...body });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

async function addCase(campaignId: string, parcelId: string, body: Record<string, unknown> = {}): Promise<CleanupCaseView> {
  const res = await officer.post(`/api/land/cleanup/campaigns/${campaignId}/cases`, { parcelIds: [parcelId], ...body });
  expect(res.statusCode, res.body).toBe(200);
  return res.json()[0];
}

async function act(caseId: string, body: Record<string, unknown>, client = officer) {
  return client.post(`/api/land/cleanup/cases/${caseId}/actions`, body);
}
async function step(caseId: string, body: Record<string, unknown>): Promise<CleanupCaseDetail> {
  const res = await act(caseId, body);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

/** 认定 → 告知 → 约谈 → the outcome, with dates in September. */
async function toOutcome(caseId: string, decide: Record<string, unknown>): Promise<CleanupCaseDetail> {
  await step(caseId, { action: 'notify', on: '2026-09-10' });
  await step(caseId, { action: 'interview', on: '2026-09-20', participants: '园区调度专班、企业法定代表人', note: '企业承认未按期开工,同意协商处置' });
  return step(caseId, { action: 'decide', on: '2026-09-30', ...decide });
}

beforeAll(async () => {
  t = await createTestApp({}, NOW);
  park = await buildPark(t.ctx.db);
  otherPark = await buildPark(t.ctx.db, '另一园区');
  firm = await buildEnterprise(t.ctx.db, park);
  officer = await clientAs(t, await buildUser(t.ctx.db, park, { roles: ['dispatcher'] }));
  liaison = await clientAs(t, await buildUser(t.ctx.db, park, { roles: ['liaison'] }));
  otherOfficer = await clientAs(t, await buildUser(t.ctx.db, otherPark, { roles: ['dispatcher'] }));
});
afterAll(async () => {
  await t.close();
});

describe('POST /api/land/cleanup/campaigns', () => {
  it('refuses the anonymous (401), a reader (403) and names the bad field (400)', async () => {
    expect((await anonymous(t).get('/api/land/cleanup/campaigns')).statusCode).toBe(401);
    const forbidden = await liaison.post('/api/land/cleanup/campaigns', { code: 'X-1', name: '专项', startedOn: '2026-03-01' });
    expect(forbidden.statusCode).toBe(403);
    const bad = await officer.post('/api/land/cleanup/campaigns', { code: 'X-1', name: '专项', startedOn: '2026-03-01', endsOn: '2026-02-01', idleYears: 0 });
    expect(bad.statusCode).toBe(400);
    const paths = errorOf(bad).details.map((d) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['idleYears', 'endsOn']));
  });

  it('takes the idle years from the dated parameter when not given, and refuses a repeated code (409)', async () => {
    await t.ctx.db.insertInto('land_parameters').values({ park_id: park.id, key: 'idle_years', valid_from: '2026-01-01', value: 3, created_at: NOW }).execute();
    const c = await createCampaign({ code: 'QL-PARAM', idleYears: undefined });
    expect(c.idleYears).toBe(3);
    const again = await officer.post('/api/land/cleanup/campaigns', { code: 'QL-PARAM', name: '重复编号', startedOn: '2026-03-01' });
    expect(again.statusCode).toBe(409);
  });
});

describe('GET /api/land/cleanup/campaigns/:id/candidates', () => {
  it('takes a parcel idle exactly N years after 出让 and not one a day short, nor one under construction; and the grade-D firms’ parcels', async () => {
    const c = await createCampaign({ evaluationYear: 2025 });
    const exactly = await buildParcel(t.ctx.db, park, { status: 'transferred', transferredOn: '2024-11-20', enterpriseId: firm.id });
    const dayShort = await buildParcel(t.ctx.db, park, { status: 'transferred', transferredOn: '2024-11-21', enterpriseId: firm.id });
    const building = await buildParcel(t.ctx.db, park, { status: 'construction', transferredOn: '2020-01-01', constructionOn: '2021-01-01', enterpriseId: firm.id });
    const dFirm = await buildEnterprise(t.ctx.db, park);
    const graded = await buildParcel(t.ctx.db, park, { status: 'producing', transferredOn: '2015-01-01', constructionOn: '2015-06-01', enterpriseId: dFirm.id });
    await gradeFirm(t.ctx.db, park, dFirm.id, 2025, 'D');

    const res = await liaison.get(`/api/land/cleanup/campaigns/${c.id}/candidates?asOf=2026-11-20`);
    expect(res.statusCode, res.body).toBe(200);
    const list: CleanupCandidate[] = res.json();
    const ids = list.map((x) => x.parcelId);
    expect(ids).toContain(exactly.id);
    expect(ids).not.toContain(dayShort.id);
    expect(ids).not.toContain(building.id);
    expect(list.find((x) => x.parcelId === exactly.id)).toMatchObject({ reasons: ['idle'], idleYears: 2 });
    expect(list.find((x) => x.parcelId === graded.id)).toMatchObject({ reasons: ['grade_d'], grade: 'D' });
    // the next day the parcel a day short has its two years too
    const next: CleanupCandidate[] = (await liaison.get(`/api/land/cleanup/campaigns/${c.id}/candidates?asOf=2026-11-21`)).json();
    expect(next.map((x) => x.parcelId)).toContain(dayShort.id);
  });

  it('refuses a parcel that is no candidate unless reason 其他 with a note', async () => {
    const c = await createCampaign();
    const building = await buildParcel(t.ctx.db, park, { status: 'construction', transferredOn: '2025-06-01', constructionOn: '2025-09-01', enterpriseId: firm.id });
    const refused = await officer.post(`/api/land/cleanup/campaigns/${c.id}/cases`, { parcelIds: [building.id] });
    expect(refused.statusCode).toBe(400);
    expect(errorOf(refused).details[0]!.path).toBe('reason');
    const reserve = await buildParcel(t.ctx.db, park, { status: 'reserve' });
    const notHeld = await officer.post(`/api/land/cleanup/campaigns/${c.id}/cases`, { parcelIds: [reserve.id], reason: 'other', note: '储备地块' });
    expect(notHeld.statusCode).toBe(400);
  });
});

describe('POST /api/land/cleanup/cases/:id/actions', () => {
  it('refuses a step that skips the line (409) and a reader (403)', async () => {
    const c = await createCampaign();
    const parcel = await buildParcel(t.ctx.db, park, { status: 'idle', transferredOn: '2022-01-10', enterpriseId: firm.id });
    const kase = await addCase(c.id, parcel.id, { on: '2026-09-01' });
    expect(kase.status).toBe('identified');
    const skip = await act(kase.id, { action: 'recover', on: '2026-09-02' });
    expect(skip.statusCode).toBe(409);
    expect(errorOf(skip).message).toContain('已认定');
    expect((await act(kase.id, { action: 'decide', outcome: 'legal' })).statusCode).toBe(409);
    expect((await act(kase.id, { action: 'notify' }, liaison)).statusCode).toBe(403);
    // a step dated before the previous one, or in the future
    expect(errorOf(await act(kase.id, { action: 'notify', on: '2026-08-01' })).details[0]!.path).toBe('on');
    expect((await act(kase.id, { action: 'notify', on: '2026-12-01' })).statusCode).toBe(400);
    // the interview needs its participants and minutes
    await step(kase.id, { action: 'notify', on: '2026-09-10' });
    const noMinutes = await act(kase.id, { action: 'interview', on: '2026-09-12', participants: '调度专班' });
    expect(errorOf(noMinutes).details[0]!.path).toBe('note');
  });

  it('prints the 告知书 as a real .docx with the parcel code and a reply deadline in working days', async () => {
    const c = await createCampaign();
    const parcel = await buildParcel(t.ctx.db, park, { status: 'idle', transferredOn: '2022-03-01', enterpriseId: firm.id, areaMu: 45.5 });
    const kase = await addCase(c.id, parcel.id, { on: '2026-09-01' });
    expect((await officer.get(`/api/land/cleanup/cases/${kase.id}/notice.docx`)).statusCode).toBe(409);
    // 告知 on 30 Sep with 5 working days: 10/1–10/7 国庆, then 10/8, 10/9, 10/10 (Saturday worked), 10/12, 10/13
    const notified = await step(kase.id, { action: 'notify', on: '2026-09-30', replyWorkingDays: 5 });
    expect(notified.replyDeadline).toBe('2026-10-13');
    const docx = await liaison.get(`/api/land/cleanup/cases/${kase.id}/notice.docx`);
    expect(docx.statusCode).toBe(200);
    expect(docx.headers['content-type']).toContain('wordprocessingml');
    expect(docx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const xml = zipEntry(docx.rawPayload, 'word/document.xml');
    expect(xml).not.toBeNull();
    const text = xml!.replace(/<[^>]+>/g, '');
    for (const part of [parcel.code, firm.name, '45.5亩', '2022年3月1日', '闲置土地处置办法', '5个工作日', '2026年10月13日', '测试园区', '2026年9月30日']) expect(text).toContain(part);
  });

  it('sets the 限期开工 deadline on the working-day calendar over 国庆, flags it once when past, and refuses a late start', async () => {
    const c = await createCampaign();
    const parcel = await buildParcel(t.ctx.db, park, { status: 'idle', transferredOn: '2022-01-10', enterpriseId: firm.id });
    const kase = await addCase(c.id, parcel.id, { on: '2026-09-01' });
    const missing = await act(kase.id, { action: 'decide' });
    expect(missing.statusCode).toBe(409);
    await step(kase.id, { action: 'notify', on: '2026-09-10' });
    await step(kase.id, { action: 'interview', on: '2026-09-20', participants: '调度专班、企业', note: '企业承诺尽快开工' });
    const noDays = await act(kase.id, { action: 'decide', on: '2026-09-30', outcome: 'deadline' });
    expect(noDays.statusCode).toBe(400);
    expect(errorOf(noDays).details[0]!.path).toBe('workingDays');
    const decided = await step(kase.id, { action: 'decide', on: '2026-09-30', outcome: 'deadline', workingDays: 5 });
    expect(decided).toMatchObject({ status: 'deadline', outcome: 'deadline', startDeadline: '2026-10-13', overdue: true });
    expect(decided.actions).toEqual(expect.arrayContaining(['confirm_start', 'escalate', 'drop']));
    expect(decided.actions).not.toContain('recover');

    expect(await sweepOverdueCleanupCases(t.ctx)).toBeGreaterThanOrEqual(1);
    await sweepOverdueCleanupCases(t.ctx);
    const flagged: CleanupCaseDetail = (await officer.get(`/api/land/cleanup/cases/${kase.id}`)).json();
    expect(flagged.timeline.filter((e) => e.action === 'flag_overdue')).toHaveLength(1);

    const late = await act(kase.id, { action: 'confirm_start', on: '2026-10-20' });
    expect(late.statusCode).toBe(400);
    expect(errorOf(late).details[0]!.path).toBe('on');
    const escalated = await step(kase.id, { action: 'escalate', on: '2026-10-20', note: '逾期未开工' });
    expect(escalated.status).toBe('legal');
  });

  it('recovers the parcel and re-allocates it to a project: the parcel moves along with the case', async () => {
    const c = await createCampaign();
    const parcel = await buildParcel(t.ctx.db, park, { status: 'transferred', transferredOn: '2022-05-01', enterpriseId: firm.id, areaMu: 62.25 });
    const project = await buildProject(t.ctx.db, park, { amountFen: 2_500_000_000_00 });
    const kase = await addCase(c.id, parcel.id, { on: '2026-09-01' });
    expect(kase.reason).toBe('idle');
    expect((await t.ctx.db.selectFrom('land_parcels').select('status').where('id', '=', parcel.id).executeTakeFirstOrThrow()).status).toBe('idle');
    const agreed = await toOutcome(kase.id, { outcome: 'agreement', compensationFen: 150_000_000 });
    expect(agreed).toMatchObject({ status: 'agreement', compensationFen: 150_000_000 });
    const recovered = await step(kase.id, { action: 'recover', on: '2026-10-15' });
    expect(recovered).toMatchObject({ status: 'recovered', recoveredOn: '2026-10-15', recoveredMu: 62.25, parcelStatus: 'recovered' });
    const noProject = await act(kase.id, { action: 'reallocate', on: '2026-11-02' });
    expect(errorOf(noProject).details[0]!.path).toBe('projectId');
    const done = await step(kase.id, { action: 'reallocate', on: '2026-11-02', projectId: project.id });
    expect(done).toMatchObject({ status: 'reallocated', parcelStatus: 'reallocated', newProjectId: project.id, newProjectName: project.name });
    const p = await t.ctx.db.selectFrom('land_parcels').select(['status', 'project_id']).where('id', '=', parcel.id).executeTakeFirstOrThrow();
    expect(p).toEqual({ status: 'reallocated', project_id: project.id });
    expect(done.timeline.map((e) => e.action)).toEqual(['identify', 'notify', 'interview', 'decide', 'recover', 'reallocate']);
  });
});

describe('GET /api/land/cleanup/campaigns/:id', () => {
  it('computes 宗数, 亩, compensation and the projects by size class into the report sentence', async () => {
    const c = await createCampaign();
    const projects = [
      await buildProject(t.ctx.db, park, { amountFen: 2_000_000_000_00 }), // exactly ¥20亿: a 20亿元项目
      await buildProject(t.ctx.db, park, { amountFen: 3_000_000_000_00 }),
      await buildProject(t.ctx.db, park, { amountFen: 1_999_999_999_99 }), // a fen short: 10亿元项目
      await buildProject(t.ctx.db, park, { amountFen: 1_000_000_000_00 }),
      await buildProject(t.ctx.db, park, { amountFen: 999_999_999_99 }), // other
    ];
    const areas = [10.5, 20.25, 30, 40.1234, 5, 7.5];
    const cases: CleanupCaseView[] = [];
    for (const areaMu of areas) {
      const parcel = await buildParcel(t.ctx.db, park, { status: 'idle', transferredOn: '2021-01-01', enterpriseId: firm.id, areaMu });
      cases.push(await addCase(c.id, parcel.id, { on: '2026-09-01' }));
    }
    // five recovered and re-allocated (one agreement with compensation), one recovered only
    for (const [i, kase] of cases.entries()) {
      await toOutcome(kase.id, i === 0 ? { outcome: 'agreement', compensationFen: 80_000_000 } : { outcome: 'legal' });
      await step(kase.id, { action: 'recover', on: '2026-10-15' });
      if (i < 5) await step(kase.id, { action: 'reallocate', on: '2026-11-02', projectId: projects[i]!.id });
    }
    // one open case at 约谈 and one dropped
    const open = await addCase(c.id, (await buildParcel(t.ctx.db, park, { status: 'idle', transferredOn: '2021-01-01', enterpriseId: firm.id })).id, { on: '2026-09-01' });
    await step(open.id, { action: 'notify', on: '2026-09-10' });
    const dropped = await addCase(c.id, (await buildParcel(t.ctx.db, park, { status: 'idle', transferredOn: '2021-01-01', enterpriseId: firm.id })).id, { on: '2026-09-01' });
    await step(dropped.id, { action: 'drop', note: '经核实系政府原因造成,另行处置' });

    const res = await liaison.get(`/api/land/cleanup/campaigns/${c.id}`);
    expect(res.statusCode, res.body).toBe(200);
    const { figures }: CleanupCampaignDetail = res.json();
    expect(figures).toMatchObject({
      cases: 8,
      recoveredParcels: 6,
      recoveredMu: 113.3734,
      compensationFen: 80_000_000,
      reallocatedParcels: 5,
      projects: 5,
      projectsByClass: { b20: 2, b10: 2, other: 1 },
    });
    expect(figures.byStatus).toMatchObject({ reallocated: 5, recovered: 1, notified: 1, dropped: 1 });
    expect(figures.sentence).toBe('回收闲置土地6宗113.3734亩,“腾笼换鸟”导入20亿元项目2个、10亿元项目2个、其他项目1个');

    const board = await liaison.get(`/api/land/cleanup/campaigns/${c.id}/cases?status=recovered,reallocated&pageSize=50`);
    expect(board.json().total).toBe(6);

    // the export: a real .xlsx with the sentence and one row per case
    const xlsx = await liaison.get(`/api/land/cleanup/campaigns/${c.id}/export.xlsx`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const shared = zipEntry(xlsx.rawPayload, 'xl/sharedStrings.xml') ?? '';
    expect(shared).toContain('20亿元项目2个');
    expect(zipEntry(xlsx.rawPayload, 'xl/worksheets/sheet2.xml')!.match(/<row /g)).toHaveLength(1 + 8);
  });
});

describe('another park', () => {
  it('answers 404 for another park’s campaign and case', async () => {
    const c = await createCampaign();
    const parcel = await buildParcel(t.ctx.db, park, { status: 'idle', transferredOn: '2022-01-10', enterpriseId: firm.id });
    const kase = await addCase(c.id, parcel.id, { on: '2026-09-01' });
    expect((await otherOfficer.get(`/api/land/cleanup/campaigns/${c.id}`)).statusCode).toBe(404);
    expect((await otherOfficer.get(`/api/land/cleanup/campaigns/${c.id}/cases`)).statusCode).toBe(404);
    expect((await otherOfficer.get(`/api/land/cleanup/cases/${kase.id}`)).statusCode).toBe(404);
    expect((await otherOfficer.post(`/api/land/cleanup/cases/${kase.id}/actions`, { action: 'notify' })).statusCode).toBe(404);
    expect((await otherOfficer.get(`/api/land/cleanup/cases/${kase.id}/notice.docx`)).statusCode).toBe(404);
    expect((await otherOfficer.post(`/api/land/cleanup/campaigns/${c.id}/cases`, { parcelIds: [parcel.id] })).statusCode).toBe(404);
  });
});
