import type { AlarmDetailView, AlarmRuleView, AlarmSummary, AlarmView, Paged } from '@yuanqi/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientAs, createTestApp, errorOf, type Client, type TestApp } from '../../../../test/harness.js';
import { buildEnterprise, buildPark, buildUser, type TestPark } from '../../../../test/factories.js';
import { buildDevice, insertReadings } from '../rollups/test-helpers.js';
import { evaluateReadings, forgetAlarmRules, sweepHeldBreaches, type IngestedDevice } from './evaluate.js';

const NOW = new Date('2026-11-26T02:00:00Z');
let t: TestApp;

type World = {
  park: TestPark;
  firmId: string;
  otherFirmId: string;
  office: Client;
  firm: Client;
  firmUserId: string;
  liaisonId: string;
  otherFirm: Client;
  liaison: Client;
  otherLiaison: Client;
  leader: Client;
};

let w: World;

beforeAll(async () => {
  t = await createTestApp({}, NOW);
  const db = t.ctx.db;
  const park = await buildPark(db);
  const liaisonRow = await buildUser(db, park, { roles: ['liaison'] });
  const otherLiaisonRow = await buildUser(db, park, { roles: ['liaison'] });
  const firm = await buildEnterprise(db, park, { chain: 'copper', is_above_scale: true, liaison_id: liaisonRow.id });
  const other = await buildEnterprise(db, park, { chain: 'copper', is_above_scale: true, liaison_id: otherLiaisonRow.id });
  const firmUser = await buildUser(db, park, { roles: ['enterprise'], enterpriseId: firm.id });
  w = {
    park,
    firmId: firm.id,
    otherFirmId: other.id,
    office: await clientAs(t, await buildUser(db, park, { roles: ['dispatcher'] })),
    firm: await clientAs(t, firmUser),
    firmUserId: firmUser.id,
    liaisonId: liaisonRow.id,
    otherFirm: await clientAs(t, await buildUser(db, park, { roles: ['enterprise'], enterpriseId: other.id })),
    liaison: await clientAs(t, liaisonRow),
    otherLiaison: await clientAs(t, otherLiaisonRow),
    leader: await clientAs(t, await buildUser(db, park, { roles: ['leader'] })),
  };
});
afterAll(async () => {
  await t.close();
});

const rule = (over: Record<string, unknown> = {}) => ({
  name: '炉温过高',
  scope: 'type',
  typeCode: 'furnace',
  metric: 'temp_c',
  comparison: 'gt',
  threshold: 1250,
  forMinutes: 5,
  severity: 'critical',
  ...over,
});

async function furnace(firmId = w.firmId): Promise<IngestedDevice> {
  const d = await buildDevice(t.ctx.db, w.park.id, firmId, { typeCode: 'furnace' });
  return { id: d.id, parkId: w.park.id, enterpriseId: firmId, typeCode: 'furnace', name: d.name };
}

/** One reading a minute from `start` (ms), the values given. */
const minutely = (start: number, values: number[]) => values.map((value, i) => ({ metric: 'temp_c', ts: new Date(start + i * 60_000), value }));

async function alarmsOf(deviceId: string): Promise<AlarmView[]> {
  const res = await w.office.get(`/api/industry/alarms?deviceId=${deviceId}&pageSize=50`);
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as Paged<AlarmView>).items;
}

let ruleId: string;

describe('alarm rules', () => {
  it('the office creates a type-wide rule; bad input names the field; others may not', async () => {
    const bad = await w.office.post('/api/industry/alarm-rules', rule({ metric: 'gas_ppm' }));
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad).details[0]).toMatchObject({ path: 'metric' });
    expect(errorOf(bad).message).toContain('炉温');
    const long = await w.office.post('/api/industry/alarm-rules', rule({ forMinutes: 2000 }));
    expect(long.statusCode).toBe(400);
    expect(errorOf(long).details[0]).toMatchObject({ path: 'forMinutes', message: '持续时间最长1440分钟(24小时)' });
    const noType = await w.office.post('/api/industry/alarm-rules', rule({ typeCode: null }));
    expect(errorOf(noType).details[0]).toMatchObject({ path: 'typeCode', message: '请选择设备类型' });
    const unknownType = await w.office.post('/api/industry/alarm-rules', rule({ typeCode: 'nope' }));
    expect(unknownType.statusCode).toBe(400);
    const noDevice = await w.office.post('/api/industry/alarm-rules', rule({ scope: 'device', typeCode: null, deviceId: '00000000-0000-4000-8000-000000000000' }));
    expect(errorOf(noDevice).details[0]).toMatchObject({ path: 'deviceId', message: '设备不存在' });
    expect((await w.firm.post('/api/industry/alarm-rules', rule())).statusCode).toBe(403);
    expect((await w.liaison.get('/api/industry/alarm-rules')).statusCode).toBe(403);

    const res = await w.office.post('/api/industry/alarm-rules', rule());
    expect(res.statusCode, res.body).toBe(201);
    const created = res.json() as AlarmRuleView;
    expect(created).toMatchObject({ scope: 'type', typeLabel: '熔炉温度传感器', metricLabel: '炉温', unit: '℃', conditionText: '炉温 > 1250 ℃ 持续 5 分钟', enabled: true, liveAlarms: 0 });
    ruleId = created.id;
    const options = (await w.office.get('/api/industry/alarm-rules/options')).json();
    expect(options.types.find((x: { code: string }) => x.code === 'furnace').metrics[0]).toMatchObject({ key: 'temp_c', unit: '℃' });
  });
});

describe('evaluation', () => {
  it('a sustained breach raises ONE alarm (many readings), tracks its peak, and clears when the condition ends', async () => {
    const d = await furnace();
    const start = NOW.getTime() - 30 * 60_000;
    // 1200, then 12 minutes above 1250 (from minute 1) in two batches, then back to 1240: the
    // breach has lasted 5 minutes at minute 6 (1300)
    await evaluateReadings(t.ctx, d, minutely(start, [1200, 1260, 1270, 1265]));
    expect(await alarmsOf(d.id)).toEqual([]); // 2 minutes so far
    await evaluateReadings(t.ctx, d, minutely(start + 4 * 60_000, [1262, 1280, 1300, 1290, 1271, 1266, 1263, 1259, 1255]));
    let alarms = await alarmsOf(d.id);
    expect(alarms).toHaveLength(1);
    const a = alarms[0]!;
    expect(a).toMatchObject({ status: 'open', severity: 'critical', triggerValue: 1300, peakValue: 1300, clearedAt: null, conditionText: '炉温 > 1250 ℃ 持续 5 分钟' });
    expect(a.breachStartedAt).toBe(new Date(start + 60_000).toISOString());
    // the same readings again change nothing
    await evaluateReadings(t.ctx, d, minutely(start + 4 * 60_000, [1262, 1280, 1300]));
    await evaluateReadings(t.ctx, d, minutely(start + 13 * 60_000, [1240]));
    alarms = await alarmsOf(d.id);
    expect(alarms).toHaveLength(1);
    expect(alarms[0]!.clearedAt).toBe(new Date(start + 13 * 60_000).toISOString());
    expect(alarms[0]!.status).toBe('open');

    // the firm's user and its liaison were told once, by SMS too (critical)
    const notes = await t.ctx.db.selectFrom('notifications').selectAll().where('kind', '=', 'industry.alarm_raised').where('link', '=', `/industry/alarms/${a.id}`).execute();
    expect(notes.map((n) => n.user_id).sort()).toEqual([w.firmUserId, w.liaisonId].sort());
    expect(notes[0]!.title).toContain('【严重】');

    const detail = (await w.office.get(`/api/industry/alarms/${a.id}`)).json() as AlarmDetailView;
    expect(detail.timeline.map((e) => e.action)).toEqual(['alarm.raised', 'alarm.cleared']);
    expect(detail.timeline[0]!.actionLabel).toBe('触发告警');
  });

  it('the peak counts the breach’s readings of earlier batches', async () => {
    const d = await furnace();
    const start = NOW.getTime() - 50 * 60_000;
    const first = minutely(start, [1300, 1340, 1310]);
    await insertReadings(t.ctx.db, w.park.id, d.id, first);
    await evaluateReadings(t.ctx, d, first);
    const second = minutely(start + 3 * 60_000, [1290, 1280, 1270]);
    await insertReadings(t.ctx.db, w.park.id, d.id, second);
    await evaluateReadings(t.ctx, d, second);
    expect((await alarmsOf(d.id)).map((a) => [a.triggerValue, a.peakValue])).toEqual([[1270, 1340]]);
  });

  it('two evaluations of one device at once raise one alarm', async () => {
    const d = await furnace();
    const start = NOW.getTime() - 40 * 60_000;
    const batch = minutely(start, Array(8).fill(1300));
    await Promise.all([evaluateReadings(t.ctx, d, batch), evaluateReadings(t.ctx, d, batch), evaluateReadings(t.ctx, d, batch.slice(3))]);
    expect(await alarmsOf(d.id)).toHaveLength(1);
  });

  it('a shorter breach raises nothing; a disabled rule is not evaluated', async () => {
    const d = await furnace();
    const start = NOW.getTime() - 20 * 60_000;
    await evaluateReadings(t.ctx, d, minutely(start, [1260, 1270, 1280, 1290, 1200, 1260, 1270, 1200]));
    expect(await alarmsOf(d.id)).toEqual([]);
    expect((await w.office.post(`/api/industry/alarm-rules/${ruleId}/disable`)).json().enabled).toBe(false);
    await evaluateReadings(t.ctx, d, minutely(start + 10 * 60_000, Array(8).fill(1300)));
    expect(await alarmsOf(d.id)).toEqual([]);
    expect((await w.office.post(`/api/industry/alarm-rules/${ruleId}/enable`)).json().enabled).toBe(true);
  });

  it('a breach that comes back before anyone closed the alarm is the same alarm; after closing, a new one', async () => {
    const d = await furnace();
    const start = NOW.getTime() - 60 * 60_000;
    await evaluateReadings(t.ctx, d, minutely(start, [1300, 1300, 1300, 1300, 1300, 1300, 1200]));
    let [a] = await alarmsOf(d.id);
    expect(a!.clearedAt).not.toBeNull();
    await evaluateReadings(t.ctx, d, minutely(start + 10 * 60_000, [1310, 1320, 1330, 1340, 1350, 1360, 1370]));
    const again = await alarmsOf(d.id);
    expect(again).toHaveLength(1);
    expect(again[0]).toMatchObject({ id: a!.id, clearedAt: null, peakValue: 1370 });
    const closed = await w.office.post(`/api/industry/alarms/${a!.id}/close`, { note: '炉温控制器已更换' });
    expect(closed.statusCode, closed.body).toBe(200);
    // still breached: the next reading is not a new breach yet (5 minutes from its start are past) → new alarm at once
    await evaluateReadings(t.ctx, d, minutely(start + 17 * 60_000, [1300]));
    const after = await alarmsOf(d.id);
    expect(after).toHaveLength(2);
    expect(after[0]).toMatchObject({ status: 'open' });
    expect(after[1]).toMatchObject({ id: a!.id, status: 'closed', closeNote: '炉温控制器已更换' });
  });

  it('a device that stops sending mid-breach raises its alarm by the clock while it is online (once)', async () => {
    const d = await furnace();
    await t.ctx.db.updateTable('iot_devices').set({ online: true, last_seen_at: NOW }).where('id', '=', d.id).execute();
    await evaluateReadings(t.ctx, d, minutely(NOW.getTime() - 60_000, [1290]));
    expect((await sweepHeldBreaches(t.ctx)).raised).toBe(0);
    t.clock.advance(5 * 60_000);
    const [r1, r2] = await Promise.all([sweepHeldBreaches(t.ctx), sweepHeldBreaches(t.ctx)]);
    expect(r1.raised + r2.raised).toBe(1);
    expect((await sweepHeldBreaches(t.ctx)).raised).toBe(0);
    const [a] = await alarmsOf(d.id);
    expect(a).toMatchObject({ triggerValue: 1290, status: 'open' });
    // an offline device raises nothing
    const quiet = await furnace();
    await evaluateReadings(t.ctx, quiet, minutely(t.clock.now().getTime(), [1290]));
    t.clock.advance(10 * 60_000);
    expect((await sweepHeldBreaches(t.ctx)).raised).toBe(0);
    expect(await alarmsOf(quiet.id)).toEqual([]);
    // a watch left in breach while the device's latest value (by ts) is normal is reset, not raised
    const odd = await furnace();
    await evaluateReadings(t.ctx, odd, minutely(t.clock.now().getTime(), [1290]));
    const later = new Date(t.clock.now().getTime() + 60_000).toISOString();
    await t.ctx.db.updateTable('iot_devices').set({ online: true, last_seen_at: t.clock.now(), last_values: JSON.stringify({ temp_c: { value: 1180, ts: later } }) }).where('id', '=', odd.id).execute();
    t.clock.advance(6 * 60_000);
    await t.ctx.db.updateTable('iot_devices').set({ last_seen_at: t.clock.now() }).where('id', '=', odd.id).execute();
    expect((await sweepHeldBreaches(t.ctx)).raised).toBe(0);
    expect(await alarmsOf(odd.id)).toEqual([]);
    expect((await t.ctx.db.selectFrom('iot_alarm_watch').select('breach_since').where('device_id', '=', odd.id).executeTakeFirstOrThrow()).breach_since).toBeNull();
  });

  it('a device rule applies to its device only; rule changes are seen at once', async () => {
    const d = await furnace();
    const other = await furnace();
    const res = await w.office.post('/api/industry/alarm-rules', rule({ name: '1号炉低温', scope: 'device', typeCode: null, deviceId: d.id, comparison: 'lt', threshold: 900, forMinutes: 0, severity: 'warning' }));
    expect(res.statusCode, res.body).toBe(201);
    const start = t.clock.now().getTime();
    await evaluateReadings(t.ctx, d, minutely(start, [850, 820]));
    await evaluateReadings(t.ctx, other, minutely(start, [850]));
    expect((await alarmsOf(d.id)).map((a) => [a.ruleName, a.peakValue, a.severity])).toEqual([['1号炉低温', 820, 'warning']]);
    expect(await alarmsOf(other.id)).toEqual([]);
    expect((await w.office.delete(`/api/industry/alarm-rules/${res.json().id}`)).statusCode).toBe(204);
    forgetAlarmRules();
    await evaluateReadings(t.ctx, other, minutely(start + 60_000, [850]));
    expect(await alarmsOf(other.id)).toEqual([]);
    // the deleted rule's alarm stays, without its rule
    expect((await alarmsOf(d.id))[0]).toMatchObject({ ruleId: null, conditionText: null, title: `1号炉低温:${d.name}` });
  });
});

describe('the alarm case', () => {
  async function openAlarm(firmId = w.firmId): Promise<AlarmView> {
    const d = await furnace(firmId);
    const start = t.clock.now().getTime() - 10 * 60_000;
    await evaluateReadings(t.ctx, d, minutely(start, Array(7).fill(1300)));
    const [a] = await alarmsOf(d.id);
    return a!;
  }

  it('the firm acknowledges on its own, then closes with a note; other firms and liaisons get 404', async () => {
    const a = await openAlarm();
    for (const c of [w.otherFirm, w.otherLiaison]) {
      expect((await c.get(`/api/industry/alarms/${a.id}`)).statusCode).toBe(404);
      expect((await c.post(`/api/industry/alarms/${a.id}/acknowledge`, {})).statusCode).toBe(404);
      expect((await c.post(`/api/industry/alarms/${a.id}/close`, { note: '已处理完毕' })).statusCode).toBe(404);
      expect(((await c.get('/api/industry/alarms?pageSize=200')).json() as Paged<AlarmView>).items.some((x) => x.id === a.id)).toBe(false);
    }
    const mine = (await w.firm.get('/api/industry/alarms?pageSize=200')).json() as Paged<AlarmView>;
    expect(mine.items.length).toBeGreaterThan(0);
    expect(mine.items.every((x) => x.enterpriseId === w.firmId)).toBe(true);

    const view = (await w.firm.get(`/api/industry/alarms/${a.id}`)).json() as AlarmDetailView;
    expect(view.actions).toEqual(['acknowledge']);
    // the firm may not close an alarm nobody acknowledged
    const early = await w.firm.post(`/api/industry/alarms/${a.id}/close`, { note: '已处理完毕' });
    expect(early.statusCode).toBe(403);
    const ack = await w.firm.post(`/api/industry/alarms/${a.id}/acknowledge`, { note: '已安排人员检查' });
    expect(ack.statusCode, ack.body).toBe(200);
    expect(ack.json()).toMatchObject({ status: 'acknowledged', actions: ['close'] });
    expect((await w.liaison.post(`/api/industry/alarms/${a.id}/acknowledge`, {})).statusCode).toBe(409);
    const noNote = await w.firm.post(`/api/industry/alarms/${a.id}/close`, { note: ' ' });
    expect(noNote.statusCode).toBe(400);
    expect(errorOf(noNote).details[0]).toMatchObject({ path: 'note' });
    const closed = await w.firm.post(`/api/industry/alarms/${a.id}/close`, { note: '热电偶老化,已更换' });
    expect(closed.statusCode, closed.body).toBe(200);
    const c = closed.json() as AlarmDetailView;
    expect(c).toMatchObject({ status: 'closed', closeNote: '热电偶老化,已更换', actions: [] });
    expect(c.timeline.map((e) => [e.action, e.actorRole])).toEqual([
      ['alarm.raised', 'system'],
      ['acknowledge', 'firm'],
      ['close', 'firm'],
    ]);
    const audit = await t.ctx.db.selectFrom('audit_log').select('action').where('entity', '=', 'iot_alarm').where('entity_id', '=', a.id).orderBy('id').execute();
    expect(audit.map((x) => x.action)).toEqual(['alarm.raise', 'alarm.acknowledge', 'alarm.close']);
    // the liaison was told it was closed
    const told = await t.ctx.db.selectFrom('notifications').select('user_id').where('kind', '=', 'industry.alarm_closed').where('link', '=', `/industry/alarms/${a.id}`).execute();
    expect(told.map((n) => n.user_id)).toEqual([w.liaisonId]);
  });

  it('the liaison acknowledges for its firm; the office closes an open alarm directly; the leader only reads', async () => {
    const a = await openAlarm();
    expect((await w.leader.get(`/api/industry/alarms/${a.id}`)).json().actions).toEqual([]);
    expect((await w.leader.post(`/api/industry/alarms/${a.id}/acknowledge`, {})).statusCode).toBe(403);
    expect((await w.liaison.post(`/api/industry/alarms/${a.id}/acknowledge`, {})).json().status).toBe('acknowledged');

    const b = await openAlarm(w.otherFirmId);
    expect((await w.office.get(`/api/industry/alarms/${b.id}`)).json().actions).toEqual(['acknowledge', 'close']);
    const direct = await w.office.post(`/api/industry/alarms/${b.id}/close`, { note: '误报,传感器校准' });
    expect(direct.statusCode, direct.body).toBe(200);
    expect(direct.json()).toMatchObject({ status: 'closed', acknowledgedAt: expect.any(String) });
    // a stale version is a 409
    const c = await openAlarm();
    expect((await w.office.post(`/api/industry/alarms/${c.id}/acknowledge`, { version: c.version + 5 })).statusCode).toBe(409);
  });

  it('lists by status and severity with a summary', async () => {
    const open = (await w.office.get('/api/industry/alarms?status=open,acknowledged&severity=critical')).json() as Paged<AlarmView>;
    expect(open.items.every((x) => x.status !== 'closed' && x.severity === 'critical')).toBe(true);
    const bad = await w.office.get('/api/industry/alarms?status=nope');
    expect(bad.statusCode).toBe(400);
    const s = (await w.office.get('/api/industry/alarms/summary')).json() as AlarmSummary;
    expect(s.open + s.acknowledged).toBe(open.total + (await w.office.get('/api/industry/alarms?status=open,acknowledged&severity=warning')).json().total);
    const firmSummary = (await w.firm.get('/api/industry/alarms/summary')).json() as AlarmSummary;
    expect(firmSummary.open + firmSummary.acknowledged).toBeLessThanOrEqual(s.open + s.acknowledged);
  });
});
