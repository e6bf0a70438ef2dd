import type { DashboardFirmList, DeviceSeriesView, FirmDashboardView, OfficeDashboardView } from '@yuanqi/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import type { DB, EnterpriseRow } from '../../../db/schema.js';
import { anonymous, clientAs, createTestApp, errorOf, type Client, type TestApp } from '../../../../test/harness.js';
import { buildEnterprise, buildPark, buildUser, type TestPark } from '../../../../test/factories.js';
import { buildDevice, insertReadings } from '../rollups/test-helpers.js';
import { rollupDirtyHours } from '../rollups/sweep.js';
import { writeFigureFixtures } from '../stats/figure-fixtures.js';
import { energyIncreases } from '../rollups/energy.js';

// 10:00 in Shanghai on Monday 7 December 2026: this month is December, the month being reported November.
const NOW = new Date('2026-12-07T02:00:00Z');
/** An instant at Shanghai local time on a day. */
const sh = (day: string, hhmm: string) => new Date(`${day}T${hhmm}:00+08:00`);

let t: TestApp;
let park: TestPark;
let otherPark: TestPark;
let firm: EnterpriseRow;
let otherFirm: EnterpriseRow;
let thirdFirm: EnterpriseRow;
let firmUser: Client;
let otherFirmUser: Client;
let liaison: Client;
let otherLiaison: Client;
let leader: Client;
let dispatcher: Client;
let foreignLeader: Client;
let meter: { id: string };
let furnace: { id: string };
let otherMeter: { id: string };

/** An alarm row as alarm evaluation writes it (the alarms' own tests cover how they are raised). */
async function buildAlarm(db: Kysely<DB>, device: { id: string; park_id: string; enterprise_id: string }, o: { status: 'open' | 'acknowledged' | 'closed'; severity: 'info' | 'warning' | 'critical'; raisedAt: Date; metric?: string; title?: string }) {
  return db
    .insertInto('iot_alarms')
    .values({
      park_id: device.park_id,
      enterprise_id: device.enterprise_id,
      device_id: device.id,
      rule_id: null,
      kind: 'threshold',
      metric: o.metric ?? 'temp_c',
      severity: o.severity,
      title: o.title ?? '熔炉超温:测试',
      status: o.status,
      breach_started_at: o.raisedAt,
      raised_at: o.raisedAt,
      trigger_value: 1262,
      peak_value: 1270,
      closed_at: o.status === 'closed' ? o.raisedAt : null,
      close_note: o.status === 'closed' ? '已处理' : null,
      updated_at: o.raisedAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

beforeAll(async () => {
  t = await createTestApp({}, NOW);
  park = await buildPark(t.ctx.db);
  otherPark = await buildPark(t.ctx.db, '另一个园区');
  const liaisonRow = await buildUser(t.ctx.db, park, { roles: ['liaison'] });
  firm = await buildEnterprise(t.ctx.db, park, { liaison_id: liaisonRow.id, is_above_scale: true, chain: 'copper' });
  otherFirm = await buildEnterprise(t.ctx.db, park, { is_above_scale: true });
  thirdFirm = await buildEnterprise(t.ctx.db, park, { is_above_scale: true });
  await buildEnterprise(t.ctx.db, park, { is_above_scale: false });
  firmUser = await clientAs(t, await buildUser(t.ctx.db, park, { roles: ['enterprise'], enterpriseId: firm.id }));
  otherFirmUser = await clientAs(t, await buildUser(t.ctx.db, park, { roles: ['enterprise'], enterpriseId: otherFirm.id }));
  liaison = await clientAs(t, liaisonRow);
  otherLiaison = await clientAs(t, await buildUser(t.ctx.db, park, { roles: ['liaison'] }));
  leader = await clientAs(t, await buildUser(t.ctx.db, park, { roles: ['leader'] }));
  dispatcher = await clientAs(t, await buildUser(t.ctx.db, park, { roles: ['dispatcher'] }));
  foreignLeader = await clientAs(t, await buildUser(t.ctx.db, otherPark, { roles: ['leader'] }));

  const db = t.ctx.db;
  const m = await buildDevice(db, park.id, firm.id, { typeCode: 'power_meter', name: '总进线电表', code: 'A-PM1', online: true, lastSeenAt: sh('2026-12-07', '09:55') });
  const f = await buildDevice(db, park.id, firm.id, { typeCode: 'furnace', name: '1号熔炉', code: 'A-FN1', online: false, lastSeenAt: sh('2026-12-06', '20:00') });
  const o = await buildDevice(db, park.id, otherFirm.id, { typeCode: 'power_meter', name: 'B电表', code: 'B-PM1', online: true, lastSeenAt: sh('2026-12-07', '09:50') });
  meter = m;
  furnace = f;
  otherMeter = o;
  await db.updateTable('iot_devices').set({ last_values: JSON.stringify({ energy_kwh: { value: 1600, ts: sh('2026-12-07', '09:00').toISOString() }, power_kw: { value: 812.5, ts: sh('2026-12-07', '09:00').toISOString() } }) }).where('id', '=', m.id).execute();

  // The meter's counter: one reading a day at 23:00 (and this morning): daily increases 0, 100, 150, 350.
  await insertReadings(db, park.id, m.id, [
    { metric: 'energy_kwh', ts: sh('2026-11-29', '23:00'), value: 1000 },
    { metric: 'energy_kwh', ts: sh('2026-11-30', '23:00'), value: 1100 },
    { metric: 'energy_kwh', ts: sh('2026-12-01', '23:00'), value: 1250 },
    { metric: 'energy_kwh', ts: sh('2026-12-07', '08:30'), value: 1500 },
    { metric: 'energy_kwh', ts: sh('2026-12-07', '09:00'), value: 1600 },
    { metric: 'power_kw', ts: sh('2026-12-07', '08:30'), value: 800 },
    { metric: 'power_kw', ts: sh('2026-12-07', '08:40'), value: 820 },
    { metric: 'power_kw', ts: sh('2026-12-07', '09:00'), value: 812.5 },
  ]);
  // The other firm's meter: 600 kWh this month, 40 on the first days of last month.
  await insertReadings(db, park.id, o.id, [
    { metric: 'energy_kwh', ts: sh('2026-11-01', '12:00'), value: 1960 },
    { metric: 'energy_kwh', ts: sh('2026-11-02', '12:00'), value: 2000 },
    { metric: 'energy_kwh', ts: sh('2026-12-01', '12:00'), value: 2000 },
    { metric: 'energy_kwh', ts: sh('2026-12-06', '12:00'), value: 2600 },
  ]);
  await insertReadings(db, park.id, f.id, [{ metric: 'temp_c', ts: sh('2026-12-06', '19:55'), value: 1150 }]);
  await rollupDirtyHours(db);

  await buildAlarm(db, f, { status: 'open', severity: 'critical', raisedAt: sh('2026-12-07', '08:00'), title: '熔炉超温:1号熔炉' });
  await buildAlarm(db, f, { status: 'closed', severity: 'critical', raisedAt: sh('2026-11-20', '08:00') });
  await buildAlarm(db, o, { status: 'acknowledged', severity: 'warning', raisedAt: sh('2026-12-06', '08:00'), metric: 'voltage_v', title: '电压过低:B电表' });

  await writeFigureFixtures(db, [
    { parkId: park.id, enterpriseId: firm.id, chain: 'copper', period: '2026-11-01', status: 'accepted', values: { output_fen: 12_000_000_00, copper_output_t: 1200 } },
    { parkId: park.id, enterpriseId: firm.id, chain: 'copper', period: '2025-11-01', status: 'accepted', values: { output_fen: 10_000_000_00, copper_output_t: 1000 } },
    { parkId: park.id, enterpriseId: firm.id, chain: 'copper', period: '2026-10-01', status: 'accepted', values: { output_fen: 11_000_000_00 } },
    { parkId: park.id, enterpriseId: otherFirm.id, chain: null, period: '2026-11-01', status: 'submitted' },
  ]);
});
afterAll(async () => {
  await t.close();
});

describe('GET /api/industry/dashboard/firm/:enterpriseId', () => {
  it('answers 401 without a session and 404 for a firm outside the actor’s scope', async () => {
    expect((await anonymous(t).get(`/api/industry/dashboard/firm/${firm.id}`)).statusCode).toBe(401);
    expect((await otherFirmUser.get(`/api/industry/dashboard/firm/${firm.id}`)).statusCode).toBe(404);
    expect((await otherLiaison.get(`/api/industry/dashboard/firm/${firm.id}`)).statusCode).toBe(404);
    expect((await foreignLeader.get(`/api/industry/dashboard/firm/${firm.id}`)).statusCode).toBe(404);
    expect((await firmUser.get('/api/industry/dashboard/firm/not-a-uuid')).statusCode).toBe(404);
  });

  it('shows the firm its devices with live values, its live alarms and its metered energy from the daily rollups', async () => {
    for (const client of [firmUser, liaison, leader]) {
      const res = await client.get(`/api/industry/dashboard/firm/${firm.id}`);
      expect(res.statusCode).toBe(200);
      const view = res.json() as FirmDashboardView;
      expect(view.enterprise).toMatchObject({ id: firm.id, name: firm.name, chain: 'copper' });
      expect(view.devicesTotal).toBe(2);
      expect(view.devicesOnline).toBe(1);
      const m = view.devices.find((d) => d.id === meter.id)!;
      expect(m).toMatchObject({ online: true, typeCode: 'power_meter', typeLabel: '智能电表' });
      expect(m.values.find((v) => v.key === 'power_kw')).toMatchObject({ value: 812.5, unit: 'kW', label: '有功功率' });
      expect(m.values.find((v) => v.key === 'voltage_v')).toMatchObject({ value: null });
      expect(view.devices.find((d) => d.id === furnace.id)).toMatchObject({ online: false, liveAlarms: 1 });
      expect(view.liveAlarms.map((a) => [a.title, a.status, a.metricLabel, a.unit])).toEqual([['熔炉超温:1号熔炉', 'open', '炉温', '℃']]);
      expect(view.recentAlarms).toHaveLength(2);
      // 29 Nov: first day (0), 30 Nov: 100; 1 Dec: 150, 7 Dec: 350
      expect(view.energy).toMatchObject({ meters: 1, todayKwh: 350, monthKwh: 500, lastMonthKwh: 100 });
      expect(view.energy.daily).toEqual([
        { day: '2026-11-29', kwh: 0 },
        { day: '2026-11-30', kwh: 100 },
        { day: '2026-12-01', kwh: 150 },
        { day: '2026-12-07', kwh: 350 },
      ]);
    }
  });

  it('lists the last 12 months’ reports with accepted figures and 同比', async () => {
    const view = (await firmUser.get(`/api/industry/dashboard/firm/${firm.id}`)).json() as FirmDashboardView;
    expect(view.reports).toHaveLength(12);
    expect(view.reports[0]).toMatchObject({ period: '2026-11-01', status: 'accepted', statusLabel: '已通过' });
    expect(view.reports[0]!.figures.find((f) => f.key === 'output_fen')).toMatchObject({ value: 12_000_000_00, lastYear: 10_000_000_00, yoyPct: 20 });
    expect(view.reports[0]!.figures.find((f) => f.key === 'copper_output_t')).toMatchObject({ value: 1200, lastYear: 1000, yoyPct: 20, unit: 'tonne' });
    expect(view.reports[1]!.figures.find((f) => f.key === 'output_fen')).toMatchObject({ value: 11_000_000_00, lastYear: null, yoyPct: null });
    expect(view.reports[2]).toMatchObject({ period: '2026-09-01', status: null, statusLabel: '未填报', figures: [] });
    expect(view.reports[11]!.period).toBe('2025-12-01');
  });
});

describe('GET /api/industry/dashboard/office', () => {
  it('answers 401 without a session and 403 to firms and liaisons', async () => {
    expect((await anonymous(t).get('/api/industry/dashboard/office')).statusCode).toBe(401);
    expect((await firmUser.get('/api/industry/dashboard/office')).statusCode).toBe(403);
    expect((await liaison.get('/api/industry/dashboard/office')).statusCode).toBe(403);
  });

  it('counts devices online, live alarms by severity, energy by firm and the month’s reporting, for its own park only', async () => {
    for (const client of [leader, dispatcher]) {
      const res = await client.get('/api/industry/dashboard/office');
      expect(res.statusCode).toBe(200);
      const view = res.json() as OfficeDashboardView;
      expect(view.devices).toMatchObject({ total: 3, online: 2, offline: 1, firms: 2 });
      expect(view.devices.byType).toEqual([
        { typeCode: 'furnace', label: '熔炉温度传感器', total: 1, online: 0 },
        { typeCode: 'power_meter', label: '智能电表', total: 2, online: 2 },
      ]);
      expect(view.alarms.live).toBe(2);
      expect(view.alarms.bySeverity).toEqual([
        { severity: 'critical', label: '严重', open: 1, acknowledged: 0 },
        { severity: 'warning', label: '一般', open: 0, acknowledged: 1 },
        { severity: 'info', label: '提示', open: 0, acknowledged: 0 },
      ]);
      expect(view.alarms.raisedToday).toBe(1);
      expect(view.alarms.latest.map((a) => a.status)).toEqual(['open', 'acknowledged', 'closed']);
      expect(view.alarms.latest[0]).toMatchObject({ enterpriseName: firm.name, deviceName: '1号熔炉' });

      expect(view.energy).toMatchObject({ month: '2026-12-01', totalKwh: 1100, lastMonthKwh: 140, lastMonthSameDaysKwh: 40, firmsWithMeters: 2 });
      expect(view.energy.topFirms.map((r) => [r.enterpriseName, r.kwh, r.lastMonthKwh, r.changePct])).toEqual([
        [otherFirm.name, 600, 40, 1400],
        [firm.name, 500, 100, null],
      ]);

      // November: three 规上 firms report (the small one does not); one accepted, one submitted, one not started.
      expect(view.reporting).toMatchObject({ period: '2026-11-01', periodLabel: '2026年11月', expected: 3, submitted: 1, accepted: 1, notStarted: 1, returned: 0, draft: 0 });
      expect(view.reporting.dueOn > '2026-12-07').toBe(true);
      expect(view.reporting.overdue).toBe(0);
    }
    const foreign = (await foreignLeader.get('/api/industry/dashboard/office')).json() as OfficeDashboardView;
    expect(foreign.devices.total).toBe(0);
    expect(foreign.alarms.live).toBe(0);
    expect(foreign.energy.topFirms).toEqual([]);
  });

  it('counts outstanding reports as overdue once the due day has passed', async () => {
    const view = (await leader.get('/api/industry/dashboard/office')).json() as OfficeDashboardView;
    t.clock.set(new Date(`${view.reporting.dueOn}T20:00:00Z`));
    try {
      // a fresh session: the clock moved past the first one's idle timeout
      const officer = await clientAs(t, await buildUser(t.ctx.db, park, { roles: ['leader'] }));
      const later = (await officer.get('/api/industry/dashboard/office')).json() as OfficeDashboardView;
      expect(later.reporting.period).toBe('2026-11-01');
      expect(later.reporting.overdue).toBe(1);
    } finally {
      t.clock.set(NOW);
    }
  });
});

describe('GET /api/industry/dashboard/firms', () => {
  it('lists the firms in scope with devices or reports, those with live alarms first', async () => {
    expect((await anonymous(t).get('/api/industry/dashboard/firms')).statusCode).toBe(401);
    const all = (await dispatcher.get('/api/industry/dashboard/firms')).json() as DashboardFirmList;
    // the small firm neither reports nor has devices
    expect(all.items.map((f) => [f.name, f.devices, f.online, f.liveAlarms])).toEqual([
      [firm.name, 2, 1, 1],
      [otherFirm.name, 1, 1, 1],
      [thirdFirm.name, 0, 0, 0],
    ]);
    expect(all.total).toBe(3);
    const mine = (await liaison.get('/api/industry/dashboard/firms')).json() as DashboardFirmList;
    expect(mine.items.map((f) => f.enterpriseId)).toEqual([firm.id]);
    const own = (await otherFirmUser.get('/api/industry/dashboard/firms')).json() as DashboardFirmList;
    expect(own.items.map((f) => f.enterpriseId)).toEqual([otherFirm.id]);
    const found = (await dispatcher.get(`/api/industry/dashboard/firms?q=${encodeURIComponent(thirdFirm.name)}`)).json() as DashboardFirmList;
    expect(found.items.map((f) => f.enterpriseId)).toEqual([thirdFirm.id]);
    expect((await dispatcher.get('/api/industry/dashboard/firms?bogus=1')).statusCode).toBe(400);
  });
});

describe('energy by firm', () => {
  it('counts a meter that was reset (replaced) the way the monthly report’s energy offer does', async () => {
    const db = t.ctx.db;
    const p = await buildPark(db, '电表更换园区');
    const a = await buildEnterprise(db, p, { is_above_scale: true });
    const b = await buildEnterprise(db, p, { is_above_scale: true });
    const officer = await clientAs(t, await buildUser(db, p, { roles: ['dispatcher'] }));
    const ma = await buildDevice(db, p.id, a.id, { typeCode: 'power_meter', code: 'R-1', online: true });
    const mb = await buildDevice(db, p.id, b.id, { typeCode: 'power_meter', code: 'R-2', online: true });
    const mb2 = await buildDevice(db, p.id, b.id, { typeCode: 'power_meter', code: 'R-3', online: true });
    await insertReadings(db, p.id, ma.id, [
      { metric: 'energy_kwh', ts: sh('2026-10-30', '12:00'), value: 4_000 },
      { metric: 'energy_kwh', ts: sh('2026-11-03', '12:00'), value: 4_600 },
      { metric: 'energy_kwh', ts: sh('2026-11-30', '22:00'), value: 5_000 },
      { metric: 'energy_kwh', ts: sh('2026-12-02', '08:00'), value: 5_100 },
      // the meter is replaced at noon: the new one starts at 10
      { metric: 'energy_kwh', ts: sh('2026-12-02', '12:00'), value: 10 },
      { metric: 'energy_kwh', ts: sh('2026-12-02', '20:00'), value: 60 },
      { metric: 'energy_kwh', ts: sh('2026-12-05', '20:00'), value: 260 },
      { metric: 'power_kw', ts: sh('2026-12-05', '20:00'), value: 99 },
    ]);
    await insertReadings(db, p.id, mb.id, [
      { metric: 'energy_kwh', ts: sh('2026-12-03', '12:00'), value: 700 },
      { metric: 'energy_kwh', ts: sh('2026-12-06', '12:00'), value: 1_000 },
    ]);
    await insertReadings(db, p.id, mb2.id, [
      { metric: 'energy_kwh', ts: sh('2026-11-20', '12:00'), value: 50 },
      { metric: 'energy_kwh', ts: sh('2026-12-04', '12:00'), value: 90 },
    ]);
    await rollupDirtyHours(db);
    const view = (await officer.get('/api/industry/dashboard/office')).json() as OfficeDashboardView;
    const offer = async (firm: string, from: string, to: string) => (await energyIncreases(db, p.id, firm, from, to)).reduce((s, i) => s + i.kwh, 0);
    const rowOf = (id: string) => view.energy.topFirms.find((f) => f.enterpriseId === id)!;
    for (const firm of [a.id, b.id]) {
      expect(rowOf(firm).kwh).toBeCloseTo(await offer(firm, '2026-12-01', '2026-12-07'), 6);
      const last = await offer(firm, '2026-11-01', '2026-11-30');
      expect(rowOf(firm).lastMonthKwh ?? 0).toBeCloseTo(last, 6);
    }
    // a: on the 2nd 100 before the replacement and 50 after it, 200 on the 5th; November 600 + 400
    expect(rowOf(a.id)).toMatchObject({ kwh: 350, lastMonthKwh: 1000, meters: 1 });
    // b: the first meter's first day counts from its first reading; the second's day is 40 after 20 Nov (outside the look-back: 0)
    expect(rowOf(b.id)).toMatchObject({ kwh: 300, meters: 2 });
    expect(view.energy.totalKwh).toBeCloseTo(650, 6);
  });
});

describe('GET /api/industry/devices/:id/series', () => {
  it('answers 404 for another firm’s device and 400 naming the field for a bad metric or range', async () => {
    expect((await otherFirmUser.get(`/api/industry/devices/${meter.id}/series?metric=energy_kwh`)).statusCode).toBe(404);
    expect((await otherLiaison.get(`/api/industry/devices/${meter.id}/series?metric=energy_kwh`)).statusCode).toBe(404);
    const bad = await firmUser.get(`/api/industry/devices/${meter.id}/series?metric=temp_c`);
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad).details[0]).toMatchObject({ path: 'metric' });
    expect(errorOf(bad).details[0]!.message).toContain('energy_kwh');
    const long = await firmUser.get(`/api/industry/devices/${meter.id}/series?metric=power_kw&grain=raw&from=2026-11-01&to=2026-12-07`);
    expect(long.statusCode).toBe(400);
    expect(errorOf(long).details[0]!.path).toBe('from');
    const grain = await firmUser.get(`/api/industry/devices/${meter.id}/series?metric=power_kw&grain=week`);
    expect(grain.statusCode).toBe(400);
    expect(errorOf(grain).details[0]!.path).toBe('grain');
    const reversed = await firmUser.get(`/api/industry/devices/${meter.id}/series?metric=power_kw&from=2026-12-07&to=2026-12-01`);
    expect(reversed.statusCode).toBe(400);
  });

  it('answers raw readings, hourly and daily rollups, with each bucket’s increase for a counter', async () => {
    const raw = (await firmUser.get(`/api/industry/devices/${meter.id}/series?metric=power_kw&grain=raw`)).json() as DeviceSeriesView;
    expect(raw).toMatchObject({ label: '有功功率', unit: 'kW', kind: 'gauge', grain: 'raw' });
    expect(raw.points.map((p) => p.last)).toEqual([800, 820, 812.5]);
    expect(raw.points.every((p) => p.delta === null)).toBe(true);

    const hour = (await liaison.get(`/api/industry/devices/${meter.id}/series?metric=power_kw&grain=hour`)).json() as DeviceSeriesView;
    expect(hour.points).toEqual([{ t: sh('2026-12-07', '08:00').toISOString(), avg: 810, min: 800, max: 820, last: 820, n: 2, delta: null }, { t: sh('2026-12-07', '09:00').toISOString(), avg: 812.5, min: 812.5, max: 812.5, last: 812.5, n: 1, delta: null }]);

    const day = (await leader.get(`/api/industry/devices/${meter.id}/series?metric=energy_kwh&grain=day&from=2026-11-30&to=2026-12-07`)).json() as DeviceSeriesView;
    expect(day.kind).toBe('counter');
    // 30 Nov's increase needs 29 Nov's last value, which the series reads but does not answer
    expect(day.points.map((p) => [p.t, p.last, p.delta])).toEqual([
      ['2026-11-30', 1100, 100],
      ['2026-12-01', 1250, 150],
      ['2026-12-07', 1600, 350],
    ]);
    const otherDay = (await dispatcher.get(`/api/industry/devices/${otherMeter.id}/series?metric=energy_kwh&grain=day&from=2026-12-01&to=2026-12-07`)).json() as DeviceSeriesView;
    expect(otherDay.points.map((p) => p.delta)).toEqual([null, 600]);
  });
});
