import type { FilingStatusView, FirmMonthsView, IndicatorView, ReportView } from '@yuanqi/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EnterpriseRow, UserRow } from '../../../db/schema.js';
import { WorkingCalendar } from '../../../platform/calendar/index.js';
import { anonymous, clientAs, createTestApp, errorOf, type Client, type TestApp } from '../../../../test/harness.js';
import { buildEnterprise, buildPark, buildUser, type TestPark } from '../../../../test/factories.js';
import { notificationsOf } from '../../../../test/demand-factories.js';
import { reportDueOn, workingDaysLeft } from './due.js';
import { sweepReportReminders } from './sweep.js';

// 2026-11-20 10:00 Shanghai: October is the last ended month.
const NOW = new Date('2026-11-20T02:00:00Z');

let t: TestApp;
let park: TestPark;
let firm: EnterpriseRow;
let otherFirm: EnterpriseRow;
let smallFirm: EnterpriseRow;
let liaisonRow: UserRow;
let firmUserRow: UserRow;
let firmUser: Client;
let otherFirmUser: Client;
let liaison: Client;
let otherLiaison: Client;
let dispatcher: Client;
let finance: Client;

/** The values a form sends: money in 元. */
const base = { output_fen: 1_000_000, revenue_fen: 900_000, profit_fen: 50_000, tax_fen: 40_000, power_kwh: 200_000, employees: 120 };
const valuesOf = (v: Record<string, number | string | null>, notes: Record<string, string> = {}) =>
  Object.fromEntries(Object.entries(v).map(([k, value]) => [k, { value, note: notes[k] ?? null }]));

async function open(client: Client, period: string, enterpriseId = firm.id): Promise<ReportView> {
  const res = await client.get(`/api/industry/reports/form?enterpriseId=${enterpriseId}&period=${period}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

async function submit(client: Client, report: ReportView, values: Record<string, unknown>) {
  return client.post(`/api/industry/reports/${report.id}/submit`, { version: report.version, values });
}

async function act(client: Client, report: ReportView, body: Record<string, unknown>) {
  return client.post(`/api/industry/reports/${report.id}/actions`, { version: report.version, ...body });
}

/** Files a month for `firm` and has the office accept it. */
async function fileAccepted(period: string, v: Record<string, number>, notes: Record<string, string> = {}): Promise<ReportView> {
  const r = await open(firmUser, period);
  const s = await submit(firmUser, r, valuesOf(v, notes));
  expect(s.statusCode, s.body).toBe(200);
  const a = await act(dispatcher, s.json(), { action: 'accept' });
  expect(a.statusCode, a.body).toBe(200);
  return a.json();
}

beforeAll(async () => {
  t = await createTestApp({}, NOW);
  park = await buildPark(t.ctx.db);
  liaisonRow = await buildUser(t.ctx.db, park, { roles: ['liaison'] });
  const otherLiaisonRow = await buildUser(t.ctx.db, park, { roles: ['liaison'] });
  firm = await buildEnterprise(t.ctx.db, park, { is_above_scale: true, liaison_id: liaisonRow.id, founded_on: '2015-03-01', chain: 'iot' });
  otherFirm = await buildEnterprise(t.ctx.db, park, { is_above_scale: true, liaison_id: otherLiaisonRow.id, founded_on: '2018-01-01' });
  smallFirm = await buildEnterprise(t.ctx.db, park, { is_above_scale: false });
  firmUserRow = await buildUser(t.ctx.db, park, { roles: ['enterprise'], enterpriseId: firm.id });
  firmUser = await clientAs(t, firmUserRow);
  otherFirmUser = await clientAs(t, await buildUser(t.ctx.db, park, { roles: ['enterprise'], enterpriseId: otherFirm.id }));
  liaison = await clientAs(t, liaisonRow);
  otherLiaison = await clientAs(t, otherLiaisonRow);
  dispatcher = await clientAs(t, await buildUser(t.ctx.db, park, { roles: ['dispatcher'] }));
  finance = await clientAs(t, await buildUser(t.ctx.db, park, { roles: ['finance_officer'] }));
});
afterAll(async () => {
  await t.close();
});

describe('due dates on the working calendar', () => {
  const calendar = new WorkingCalendar();
  it('counts the 10th working day of October 2026 across 国庆 and the make-up Saturday 10/10', () => {
    // Oct 8, 9, 10 (Sat, worked), 12–16, 19, 20.
    expect(reportDueOn(calendar, '2026-09-01', 10).dueOn).toBe('2026-10-20');
    expect(reportDueOn(calendar, '2026-09-01', 3).dueOn).toBe('2026-10-10');
  });
  it('counts across 春节 2026 and a month that ends on a weekend', () => {
    // Feb 2026: 2–6, 9–13 are the first ten working days (the holiday starts 2/15).
    expect(reportDueOn(calendar, '2026-01-01', 10).dueOn).toBe('2026-02-13');
    expect(reportDueOn(calendar, '2026-01-01', 11).dueOn).toBe('2026-02-14');
  });
  it('counts working days left and overdue', () => {
    expect(workingDaysLeft(calendar, '2026-10-16', '2026-10-20')).toBe(2);
    expect(workingDaysLeft(calendar, '2026-10-20', '2026-10-20')).toBe(0);
    expect(workingDaysLeft(calendar, '2026-10-22', '2026-10-20')).toBe(-2);
  });
});

describe('GET /api/industry/reports/form', () => {
  it('refuses anonymous callers and staff who do not file', async () => {
    expect((await anonymous(t).get(`/api/industry/reports/form?period=2026-10`)).statusCode).toBe(401);
    expect((await finance.get(`/api/industry/reports/form?enterpriseId=${firm.id}&period=2026-10`)).statusCode).toBe(403);
  });

  it('answers 404 for another firm and for a liaison who does not serve it', async () => {
    expect((await otherFirmUser.get(`/api/industry/reports/form?enterpriseId=${firm.id}&period=2026-10`)).statusCode).toBe(404);
    expect((await otherLiaison.get(`/api/industry/reports/form?enterpriseId=${firm.id}&period=2026-10`)).statusCode).toBe(404);
  });

  it('refuses the current month, a month before the firm was founded and a firm that does not report', async () => {
    const current = await firmUser.get(`/api/industry/reports/form?period=2026-11`);
    expect(current.statusCode).toBe(400);
    expect(errorOf(current).details[0]).toMatchObject({ path: 'period' });
    const early = await firmUser.get(`/api/industry/reports/form?period=2015-02`);
    expect(errorOf(early).details[0]?.message).toContain('早于企业成立日期');
    const small = await clientAs(t, await buildUser(t.ctx.db, park, { roles: ['enterprise'], enterpriseId: smallFirm.id }));
    expect((await small.get(`/api/industry/reports/form?period=2026-10`)).statusCode).toBe(409);
  });

  it('opens a draft once, with the applicable indicators and the due day', async () => {
    const r = await open(firmUser, '2026-08');
    const again = await open(liaison, '2026-08');
    expect(again.id).toBe(r.id);
    expect(r.status).toBe('draft');
    expect(r.dueOn).toBe('2026-09-14'); // September 2026: 1–4, 7–11, 14 → the 10th is 9/14
    expect(r.rows.map((x) => x.key)).toEqual(['output_fen', 'revenue_fen', 'profit_fen', 'tax_fen', 'power_kwh', 'employees']);
    expect(r.editable).toBe(true);
    expect(r.timeline.map((e) => e.action)).toEqual(['create']);
  });
});

describe('validation on entry', () => {
  it('refuses impossible values, naming each field', async () => {
    const r = await open(firmUser, '2025-06');
    const res = await t.app.inject({
      method: 'PUT',
      url: `/api/industry/reports/${r.id}`,
      payload: { version: r.version, values: valuesOf({ revenue_fen: -5, output_fen: '12.345', employees: 10.5, tax_fen: 'abc', unknown_key: 1 }) },
    });
    expect(res.statusCode).toBe(401);
    const save = await firmUser.put(`/api/industry/reports/${r.id}`, { version: r.version, values: valuesOf({ revenue_fen: -5, output_fen: '12.345', employees: 10.5, tax_fen: 'abc', unknown_key: 1 }) });
    expect(save.statusCode).toBe(400);
    const details = errorOf(save).details;
    expect(details).toEqual(
      expect.arrayContaining([
        { path: 'values.revenue_fen.value', message: '营业收入不能为负数' },
        { path: 'values.output_fen.value', message: '工业总产值以元填写,最多精确到分(两位小数)' },
        { path: 'values.employees.value', message: '从业人员应为整数(人)' },
        expect.objectContaining({ path: 'values.tax_fen.value' }),
        expect.objectContaining({ path: 'values.unknown_key' }),
      ]),
    );
    // nothing half-written
    const after = (await firmUser.get(`/api/industry/reports/${r.id}`)).json() as ReportView;
    expect(after.rows.every((row) => row.value === null)).toBe(true);
    expect(after.version).toBe(r.version);
  });

  it('keeps an incomplete draft but refuses to submit it without the required indicators', async () => {
    const r = await open(firmUser, '2025-06');
    const save = await firmUser.put(`/api/industry/reports/${r.id}`, { version: r.version, values: valuesOf({ revenue_fen: '1234.56', profit_fen: -300 }) });
    expect(save.statusCode, save.body).toBe(200);
    const saved = save.json() as ReportView;
    expect(saved.rows.find((x) => x.key === 'revenue_fen')!.value).toBe(123456);
    expect(saved.rows.find((x) => x.key === 'profit_fen')!.value).toBe(-30000);
    const s = await submit(firmUser, saved, {});
    expect(s.statusCode).toBe(400);
    expect(errorOf(s).details.map((d) => d.path)).toEqual(expect.arrayContaining(['values.output_fen.value', 'values.employees.value']));
  });

  it('answers 409 to a stale version', async () => {
    const r = await open(firmUser, '2025-06');
    const stale = await firmUser.put(`/api/industry/reports/${r.id}`, { version: r.version - 1, values: {} });
    expect(stale.statusCode).toBe(409);
  });

  it('asks for a note when 同比 or 环比 swings beyond the threshold, then accepts it with the note', async () => {
    await fileAccepted('2025-10', base);
    await fileAccepted('2026-09', { ...base, revenue_fen: 1_000_000 });
    const r = await open(firmUser, '2026-10');
    const rev = r.rows.find((x) => x.key === 'revenue_fen')!;
    expect(rev.lastYear).toBe(90_000_000);
    expect(rev.previous).toBe(100_000_000);
    // 1,306,800 元 is +45.2% on the year (and +30.68% on the month)
    const swing = { ...base, revenue_fen: 1_306_800 };
    const refused = await submit(firmUser, r, valuesOf(swing));
    expect(refused.statusCode).toBe(400);
    expect(errorOf(refused).details).toEqual([{ path: 'values.revenue_fen.note', message: '营业收入同比 +45.2%,超过 ±30%,请说明原因' }]);
    const ok = await submit(firmUser, r, valuesOf(swing, { revenue_fen: '新增两条产线投产,订单增加' }));
    expect(ok.statusCode, ok.body).toBe(200);
    const submitted = ok.json() as ReportView;
    expect(submitted.status).toBe('submitted');
    expect(submitted.late).toBe(true); // due 2026-11-13 (10th working day of November)
    expect(submitted.swingNotes).toBe(1);
    expect(submitted.rows.find((x) => x.key === 'revenue_fen')).toMatchObject({ yoyPct: 45.2, momPct: 30.7 });
  });

  it('flags a 环比 swing when there is no 同期 figure', async () => {
    const r = await open(firmUser, '2026-07');
    await fileAccepted('2026-06', base);
    const refused = await submit(firmUser, await open(firmUser, '2026-07'), valuesOf({ ...base, employees: 60 }));
    expect(errorOf(refused).details).toEqual([{ path: 'values.employees.note', message: '从业人员环比 -50.0%,超过 ±30%,请说明原因' }]);
    expect(r.id).toBeTruthy();
  });
});

describe('review: return, resubmit, accept, correction', () => {
  it('returns with a reason, lets the firm resubmit, accepts, and writes the figures', async () => {
    const r = await open(firmUser, '2026-03');
    const s = (await submit(firmUser, r, valuesOf(base))).json() as ReportView;
    expect((await act(firmUser, s, { action: 'accept' })).statusCode).toBe(403);
    expect((await act(finance, s, { action: 'accept' })).statusCode).toBe(403);
    const noReason = await act(dispatcher, s, { action: 'return' });
    expect(errorOf(noReason).details[0]).toMatchObject({ path: 'reason' });
    const returned = (await act(dispatcher, s, { action: 'return', reason: '用电量与上月差异较大,请核实' })).json() as ReportView;
    expect(returned.status).toBe('returned');
    expect(returned.returnReason).toBe('用电量与上月差异较大,请核实');
    const notes = await notificationsOf(t.ctx.db, firmUserRow.id);
    expect(notes.some((n) => n.kind === 'industry_report.return' && n.body?.includes('用电量与上月差异较大'))).toBe(true);
    // a second reviewer acting on the old version is refused
    expect((await act(dispatcher, s, { action: 'accept' })).statusCode).toBe(409);
    const resubmitted = (await submit(firmUser, returned, valuesOf({ power_kwh: 210_000 }))).json() as ReportView;
    expect(resubmitted.status).toBe('submitted');
    expect(resubmitted.returnReason).toBeNull();
    const accepted = (await act(dispatcher, resubmitted, { action: 'accept' })).json() as ReportView;
    expect(accepted.status).toBe('accepted');
    expect(accepted.revision).toBe(1);
    expect(accepted.revisions[0]!.figures.power_kwh).toBe(210_000);
    const figures = await t.ctx.db.selectFrom('industry_figures').selectAll().where('enterprise_id', '=', firm.id).where('period', '=', '2026-03-01').execute();
    expect(figures).toHaveLength(6);
    expect(figures.find((f) => f.indicator_key === 'revenue_fen')).toMatchObject({ value: 90_000_000, chain: 'iot', revision: 1 });
    expect(accepted.timeline.map((e) => e.action)).toEqual(['create', 'submit', 'return', 'submit', 'accept']);
    expect(accepted.editable).toBe(false);
    expect(accepted.allowedActions).toEqual(['correct']); // the office may correct too
  });

  it('keeps the accepted revision until a correction is accepted, and shows both', async () => {
    const accepted = await fileAccepted('2026-04', base);
    expect(accepted.allowedActions).toEqual(['correct']); // the office may correct too
    const mine = await firmUser.get(`/api/industry/reports/${accepted.id}`);
    expect((mine.json() as ReportView).allowedActions).toEqual(['correct']);
    const noReason = await act(firmUser, accepted, { action: 'correct', values: valuesOf({ tax_fen: 45_000 }) });
    expect(errorOf(noReason).details[0]).toMatchObject({ path: 'reason' });
    const same = await act(firmUser, accepted, { action: 'correct', reason: '更正税收', values: valuesOf({ tax_fen: 40_000 }) });
    expect(errorOf(same).details[0]).toMatchObject({ path: 'values' });
    const corrected = (await act(firmUser, accepted, { action: 'correct', reason: '税务系统核对后更正税收', values: valuesOf({ tax_fen: 45_000 }) })).json() as ReportView;
    expect(corrected.status).toBe('submitted');
    expect(corrected.correctionReason).toBe('税务系统核对后更正税收');
    const before = await t.ctx.db.selectFrom('industry_figures').select('value').where('enterprise_id', '=', firm.id).where('period', '=', '2026-04-01').where('indicator_key', '=', 'tax_fen').executeTakeFirstOrThrow();
    expect(before.value).toBe(4_000_000);
    const second = (await act(dispatcher, corrected, { action: 'accept' })).json() as ReportView;
    expect(second.revision).toBe(2);
    expect(second.revisions.map((v) => [v.revision, v.figures.tax_fen])).toEqual([
      [2, 4_500_000],
      [1, 4_000_000],
    ]);
    expect(second.revisions[0]!.reason).toBe('税务系统核对后更正税收');
    const after = await t.ctx.db.selectFrom('industry_figures').select(['value', 'revision']).where('enterprise_id', '=', firm.id).where('period', '=', '2026-04-01').where('indicator_key', '=', 'tax_fen').executeTakeFirstOrThrow();
    expect(after).toEqual({ value: 4_500_000, revision: 2 });
  });
});

describe('filing on behalf and office corrections', () => {
  it('lets the liaison file for its firm and the office correct an accepted month', async () => {
    const r = await open(liaison, '2025-05');
    const s = await submit(liaison, r, valuesOf(base));
    expect(s.statusCode, s.body).toBe(200);
    const submitted = s.json() as ReportView;
    expect(submitted.timeline.at(-1)).toMatchObject({ action: 'submit', actorRole: 'liaison' });
    const accepted = (await act(dispatcher, submitted, { action: 'accept' })).json() as ReportView;
    const corrected = await act(dispatcher, accepted, { action: 'correct', reason: '统计局反馈从业人员口径调整', values: valuesOf({ employees: 118 }) });
    expect(corrected.statusCode, corrected.body).toBe(200);
    expect((corrected.json() as ReportView).status).toBe('submitted');
    // a finance officer reads but neither files nor reviews
    expect((await finance.get(`/api/industry/reports/${r.id}`)).statusCode).toBe(200);
    expect((await act(finance, corrected.json(), { action: 'return', reason: '请核实' })).statusCode).toBe(403);
  });
});

describe('同比 and 环比 across a year boundary', () => {
  it('compares January with the previous January and the previous December', async () => {
    await fileAccepted('2025-01', base);
    await fileAccepted('2025-12', { ...base, output_fen: 1_100_000 });
    const jan = await open(firmUser, '2026-01');
    const row = jan.rows.find((x) => x.key === 'output_fen')!;
    expect(row.lastYear).toBe(100_000_000);
    expect(row.previous).toBe(110_000_000);
    const s = (await submit(firmUser, jan, valuesOf({ ...base, output_fen: 1_210_000 }))).json() as ReportView;
    const out = s.rows.find((x) => x.key === 'output_fen')!;
    expect(out.yoyPct).toBe(21);
    expect(out.momPct).toBe(10);
  });
});

describe('lists and scope', () => {
  it('shows the review queue to the office and only own reports to a firm', async () => {
    const queue = await dispatcher.get('/api/industry/reports?status=submitted');
    expect(queue.statusCode).toBe(200);
    expect(queue.json().items.every((r: { status: string }) => r.status === 'submitted')).toBe(true);
    const own = await otherFirmUser.get('/api/industry/reports');
    expect(own.json().total).toBe(0);
    const anyReport = queue.json().items[0];
    expect((await otherFirmUser.get(`/api/industry/reports/${anyReport.id}`)).statusCode).toBe(404);
    expect((await otherLiaison.get(`/api/industry/reports/${anyReport.id}`)).statusCode).toBe(404);
    expect((await liaison.get(`/api/industry/reports/${anyReport.id}`)).statusCode).toBe(200);
    expect((await otherFirmUser.put(`/api/industry/reports/${anyReport.id}`, { version: 1, values: {} })).statusCode).toBe(404);
  });

  it("lists the firm's months with status and due countdown", async () => {
    const res = await firmUser.get('/api/industry/reports/months?months=14');
    const view = res.json() as FirmMonthsView;
    expect(view.months[0]).toMatchObject({ period: '2026-10-01', status: 'submitted' });
    const sept = view.months.find((m) => m.period === '2026-09-01')!;
    expect(sept.status).toBe('accepted');
    const may = view.months.find((m) => m.period === '2026-05-01')!;
    expect(may).toMatchObject({ status: null, statusLabel: '未填报' });
    expect(may.workingDaysLeft).toBeLessThan(0);
  });

  it('lists who has not filed after the due day, with the liaison and working days overdue', async () => {
    const res = await dispatcher.get('/api/industry/reports/filing?period=2026-10&outstanding=true');
    const view = res.json() as FilingStatusView;
    expect(view.dueOn).toBe('2026-11-13');
    const other = view.items.find((i) => i.enterpriseId === otherFirm.id)!;
    expect(other.status).toBeNull();
    expect(other.overdueWorkingDays).toBe(5); // 11/16–11/20
    expect(view.items.some((i) => i.enterpriseId === firm.id)).toBe(false);
    expect(view.items.some((i) => i.enterpriseId === smallFirm.id)).toBe(false);
    const mine = (await liaison.get('/api/industry/reports/filing?period=2026-10')).json() as FilingStatusView;
    expect(mine.items.map((i) => i.enterpriseId)).toEqual([firm.id]);
  });
});

describe('indicators, reporting firms and settings', () => {
  it('lets the office add a chain indicator, exempt and add firms, and change the threshold', async () => {
    expect((await firmUser.post('/api/industry/indicators', {})).statusCode).toBe(403);
    const bad = await dispatcher.post('/api/industry/indicators', { key: 'Bad Key', label: '', unit: 'x', decimals: 5, appliesTo: 'all' });
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad).details.map((d) => d.path)).toEqual(expect.arrayContaining(['key', 'label', 'unit', 'decimals']));
    const created = await dispatcher.post('/api/industry/indicators', { key: 'rd_fen', label: '研发投入', unit: 'fen', decimals: 0, appliesTo: 'all', required: false });
    expect(created.statusCode, created.body).toBe(201 === created.statusCode ? 201 : 200);
    const dup = await dispatcher.post('/api/industry/indicators', { key: 'rd_fen', label: '研发投入', unit: 'fen', decimals: 0, appliesTo: 'all' });
    expect(dup.statusCode).toBe(409);
    const list = (await firmUser.get('/api/industry/indicators')).json() as IndicatorView[];
    const rd = list.find((i) => i.key === 'rd_fen')!;
    expect((await open(firmUser, '2026-02')).rows.some((r) => r.key === 'rd_fen')).toBe(true);
    const off = await dispatcher.patch(`/api/industry/indicators/${rd.id}`, { active: false });
    expect(off.json().active).toBe(false);
    expect((await open(firmUser, '2026-02')).rows.some((r) => r.key === 'rd_fen')).toBe(false);
    const builtin = list.find((i) => i.key === 'employees')!;
    expect((await dispatcher.patch(`/api/industry/indicators/${builtin.id}`, { unit: 'count' })).statusCode).toBe(400);

    expect((await dispatcher.put(`/api/industry/reporters/${smallFirm.id}`, { reports: true })).statusCode).toBe(400);
    expect((await dispatcher.put(`/api/industry/reporters/${smallFirm.id}`, { reports: true, reason: '高新技术企业,纳入监测' })).statusCode).toBe(200);
    const small = await clientAs(t, await buildUser(t.ctx.db, park, { roles: ['enterprise'], enterpriseId: smallFirm.id }));
    expect((await small.get(`/api/industry/reports/form?period=2026-10`)).statusCode).toBe(200);
    const reporters = await dispatcher.get('/api/industry/reporters?filter=overrides');
    expect(reporters.json().items).toEqual([expect.objectContaining({ enterpriseId: smallFirm.id, reports: true, override: true, reason: '高新技术企业,纳入监测' })]);

    const settings = (await firmUser.get('/api/industry/settings')).json();
    expect(settings.swingThresholdPct).toBe(30);
    expect((await firmUser.put('/api/industry/settings', settings)).statusCode).toBe(403);
    const badSettings = await dispatcher.put('/api/industry/settings', { ...settings, reportDueWorkday: 40 });
    expect(errorOf(badSettings).details[0]).toMatchObject({ path: 'reportDueWorkday' });
    const saved = await dispatcher.put('/api/industry/settings', { reportDueWorkday: 8, remindWorkdaysBefore: 2, swingThresholdPct: 50, offlineAfterMinutes: 20, rawRetentionDays: 365, maxFutureSeconds: 60, simulatorEnabled: true });
    expect(saved.json()).toMatchObject({ reportDueWorkday: 8, swingThresholdPct: 50, simulatorEnabled: true });
    const r = await open(firmUser, '2026-02');
    expect(r.swingThresholdPct).toBe(50);
    await dispatcher.put('/api/industry/settings', { ...settings, updatedAt: undefined, updatedByName: undefined });
  });
});

describe('reminders', () => {
  it('reminds firms that have not filed once before the due day and once after it', async () => {
    const remindPark = await buildPark(t.ctx.db, '催报园区');
    const l = await buildUser(t.ctx.db, remindPark, { roles: ['liaison'] });
    const late = await buildEnterprise(t.ctx.db, remindPark, { is_above_scale: true, liaison_id: l.id, founded_on: '2026-11-01' });
    const user = await buildUser(t.ctx.db, remindPark, { roles: ['enterprise'], enterpriseId: late.id });
    const kinds = async (id: string) => (await notificationsOf(t.ctx.db, id)).map((n) => n.kind).filter((k) => k.startsWith('industry_report.remind'));
    // November's report is due 2026-12-14 (10th working day); 3 working days before it is 12/9.
    t.clock.set(new Date('2026-12-08T01:00:00Z'));
    await sweepReportReminders(t.ctx);
    expect(await kinds(user.id)).toEqual([]);
    t.clock.set(new Date('2026-12-09T01:00:00Z'));
    await sweepReportReminders(t.ctx);
    await sweepReportReminders(t.ctx);
    expect(await kinds(user.id)).toEqual(['industry_report.remind_before']);
    expect(await kinds(l.id)).toEqual(['industry_report.remind_before']);
    t.clock.set(new Date('2026-12-15T01:00:00Z'));
    await sweepReportReminders(t.ctx);
    await sweepReportReminders(t.ctx);
    expect(await kinds(user.id)).toEqual(['industry_report.remind_before', 'industry_report.remind_overdue']);
    const notes = await notificationsOf(t.ctx.db, user.id);
    expect(notes[0]!.title).toBe('请于12月14日前报送2026年11月经济运行月报');
    t.clock.set(NOW);
  });
});
