import type { DeviceDetail, DeviceTokenIssued, TelemetryIngestResult } from '@yuanqi/contract';
import { telemetryTopic } from '@yuanqi/contract';
import { connectAsync, type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EnterpriseRow } from '../../../db/schema.js';
import { anonymous, clientAs, createTestApp, errorOf, type Client, type TestApp } from '../../../../test/harness.js';
import { buildEnterprise, buildPark, buildUser, type TestPark } from '../../../../test/factories.js';
import { startTelemetry, type TelemetryHandle } from './mqtt.js';
import { Writable } from 'node:stream';
import pino from 'pino';
import { TelemetryWriter, checkReadings, loadDevice, telemetryWriter } from './ingest.js';

const NOW = new Date('2026-12-07T02:00:00Z');

let t: TestApp;
let park: TestPark;
let firm: EnterpriseRow;
let otherFirm: EnterpriseRow;
let firmUser: Client;
let otherFirmUser: Client;
let liaison: Client;
let dispatcher: Client;
let telemetry: TelemetryHandle;

beforeAll(async () => {
  t = await createTestApp({}, NOW);
  park = await buildPark(t.ctx.db);
  const liaisonRow = await buildUser(t.ctx.db, park, { roles: ['liaison'] });
  firm = await buildEnterprise(t.ctx.db, park, { liaison_id: liaisonRow.id, is_above_scale: true });
  otherFirm = await buildEnterprise(t.ctx.db, park, { is_above_scale: true });
  firmUser = await clientAs(t, await buildUser(t.ctx.db, park, { roles: ['enterprise'], enterpriseId: firm.id }));
  otherFirmUser = await clientAs(t, await buildUser(t.ctx.db, park, { roles: ['enterprise'], enterpriseId: otherFirm.id }));
  liaison = await clientAs(t, liaisonRow);
  dispatcher = await clientAs(t, await buildUser(t.ctx.db, park, { roles: ['dispatcher'] }));
  telemetry = await startTelemetry(t.ctx, t.app.log, { mqttPort: 0, host: '127.0.0.1', simulator: 'off' });
});
afterAll(async () => {
  await telemetry?.();
  await t.close();
});

let seq = 0;
async function register(client: Client, typeCode = 'furnace', extra: Record<string, unknown> = {}): Promise<DeviceTokenIssued> {
  seq += 1;
  const res = await client.post('/api/industry/devices', { code: `DEV-${seq}-${Math.random().toString(36).slice(2, 6)}`, name: `熔炉${seq}号`, typeCode, location: '一号车间', ...extra });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

function post(deviceId: string, token: string | null, payload: unknown) {
  return t.app.inject({
    method: 'POST',
    url: `/api/industry/devices/${deviceId}/telemetry`,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), 'content-type': 'application/json' },
    payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
  });
}

async function detail(client: Client, id: string): Promise<DeviceDetail> {
  const res = await client.get(`/api/industry/devices/${id}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

async function storedCount(deviceId: string): Promise<number> {
  const row = await t.ctx.db.selectFrom('iot_readings').select((eb) => eb.fn.countAll<number>().as('n')).where('device_id', '=', deviceId).executeTakeFirstOrThrow();
  return Number(row.n);
}

const at = (minutesAgo: number) => new Date(NOW.getTime() - minutesAgo * 60_000).toISOString();

describe('HTTP ingest', () => {
  it('stores good readings, answers what it stored and moves the device', async () => {
    const { device, token } = await register(firmUser);
    expect(token).toMatch(/^[\w-]{43}$/);
    expect(device.hasToken).toBe(true);
    expect(device.tokenHint).toBe(token.slice(-4));
    const res = await post(device.id, token, { readings: [{ metric: 'temp_c', value: 812.5, ts: at(2) }, { metric: 'temp_c', value: 815, ts: at(1) }, { metric: 'temp_c', value: 800 }] });
    expect(res.statusCode, res.body).toBe(200);
    const result: TelemetryIngestResult = res.json();
    expect(result).toMatchObject({ accepted: 3, duplicates: 0, rejected: 0 });
    expect(await storedCount(device.id)).toBe(3);
    const d = await detail(firmUser, device.id);
    expect(d.online).toBe(true);
    expect(d.lastSeenAt).toBe(NOW.toISOString());
    expect(d.acceptedCount).toBe(3);
    expect(d.lastValues).toEqual([{ metric: 'temp_c', label: '炉温', unit: '℃', kind: 'gauge', value: 800, ts: NOW.toISOString() }]);
    // the hours touched are marked for the rollups
    const dirty = await t.ctx.db.selectFrom('iot_rollup_dirty').select('hour').where('device_id', '=', device.id).execute();
    expect(dirty.map((r) => r.hour.toISOString())).toEqual(['2026-12-07T01:00:00.000Z', '2026-12-07T02:00:00.000Z'].filter((h) => dirty.some((r) => r.hour.toISOString() === h)));
    expect(dirty.length).toBe(2);
    // the latest raw readings, newest first
    const readings = await firmUser.get(`/api/industry/devices/${device.id}/readings`);
    expect(readings.json().map((r: { value: number }) => r.value)).toEqual([800, 815, 812.5]);
    // an older reading arriving later does not replace the last value
    await post(device.id, token, { readings: [{ metric: 'temp_c', value: 500, ts: at(30) }] });
    expect((await detail(firmUser, device.id)).lastValues[0]!.value).toBe(800);
  });

  it('refuses bad readings one by one, stores the good ones, drops duplicates and counts by reason', async () => {
    const { device, token } = await register(firmUser, 'line_counter');
    await post(device.id, token, { readings: [{ metric: 'output_pcs', value: 10, ts: at(5) }] });
    const res = await post(device.id, token, {
      readings: [
        { metric: 'output_pcs', value: 10, ts: at(5) }, // duplicate
        { metric: 'output_pcs', value: 20, ts: at(4) },
        { metric: 'nope', value: 1 }, // unknown metric
        { metric: 'speed_ppm', value: true }, // bool for a gauge
        { metric: 'running', value: true }, // bool for a flag: fine
        { metric: 'running', value: 2 }, // a flag is 0/1
        { metric: 'speed_ppm', value: 99_999 }, // above max 5000
        { metric: 'speed_ppm', value: 10, ts: new Date(NOW.getTime() + 3_600_000).toISOString() }, // future
        { metric: 'speed_ppm', value: 10, ts: '2020-01-01T00:00:00Z' }, // older than the retention
        { metric: 'speed_ppm', value: 10, ts: 'yesterday' }, // not a time
        { metric: 'speed_ppm', value: '12' }, // text
        'x',
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    const result: TelemetryIngestResult = res.json();
    expect(result.accepted).toBe(2);
    expect(result.duplicates).toBe(1);
    expect(result.rejected).toBe(9);
    expect(result.rejectedByReason).toEqual({ unknown_metric: 1, bad_value: 3, out_of_range: 1, future_ts: 1, too_old: 1, malformed: 2 });
    expect(result.errors.map((e) => e.index)).toEqual([2, 3, 5, 6, 7, 8, 9, 10, 11]);
    expect(result.errors[0]!.message).toContain('nope');
    const d = await detail(firmUser, device.id);
    expect(d.acceptedCount).toBe(3);
    expect(d.rejectedCount).toBe(9);
    expect(d.rejectedByReason).toEqual({ unknown_metric: 1, bad_value: 3, out_of_range: 1, future_ts: 1, too_old: 1, malformed: 2 });
    expect(d.lastRejectedReason).toBe('malformed');
    expect(d.lastValues.find((v) => v.metric === 'running')!.value).toBe(1);
    expect(await storedCount(device.id)).toBe(3);
  });

  it('reads a time without a zone as Beijing time and epoch milliseconds as UTC; refuses a body over 2 MB', async () => {
    const { device, token } = await register(firmUser);
    const res = await post(device.id, token, { readings: [{ metric: 'temp_c', value: 1, ts: '2026-12-07 09:30:00' }, { metric: 'temp_c', value: 2, ts: NOW.getTime() - 60_000 }] });
    expect(res.json()).toMatchObject({ accepted: 2, rejected: 0 });
    const rows = await t.ctx.db.selectFrom('iot_readings').select(['ts', 'value']).where('device_id', '=', device.id).orderBy('ts').execute();
    expect(rows.map((r) => [r.ts.toISOString(), r.value])).toEqual([
      ['2026-12-07T01:30:00.000Z', 1],
      ['2026-12-07T01:59:00.000Z', 2],
    ]);
    const huge = await post(device.id, token, JSON.stringify({ readings: [{ metric: 'temp_c', value: 1, pad: 'x'.repeat(2 * 1024 * 1024) }] }));
    expect(huge.statusCode).toBe(413);
  });

  it('refuses a missing or wrong token (401, counted), malformed JSON (400, counted) and a disabled device (403)', async () => {
    const { device, token } = await register(firmUser);
    const missing = await post(device.id, null, { readings: [{ metric: 'temp_c', value: 1 }] });
    expect(missing.statusCode).toBe(401);
    expect(errorOf(missing).message).toContain('令牌');
    const wrong = await post(device.id, 'x'.repeat(43), { readings: [{ metric: 'temp_c', value: 1 }] });
    expect(wrong.statusCode).toBe(401);
    expect(errorOf(wrong).message).toBe('设备令牌错误或已失效(请在设备详情中查看或重置令牌)');
    const unknownDevice = await post('00000000-0000-4000-8000-000000000000', token, { readings: [{ metric: 'temp_c', value: 1 }] });
    expect(unknownDevice.statusCode).toBe(401);
    const malformed = await post(device.id, token, '{"readings": [');
    expect(malformed.statusCode).toBe(400);
    expect(errorOf(malformed).message).toContain('JSON');
    const notArray = await post(device.id, token, { readings: 'many' });
    expect(notArray.statusCode).toBe(400);
    expect(errorOf(notArray).message).toContain('数组');
    await telemetryWriter(t.ctx).flush();
    let d = await detail(firmUser, device.id);
    expect(d.rejectedByReason).toEqual({ bad_token: 1, malformed: 2 });
    expect(d.acceptedCount).toBe(0);
    expect(await storedCount(device.id)).toBe(0);

    const disabled = await firmUser.post(`/api/industry/devices/${device.id}/disable`, { version: d.version });
    expect(disabled.statusCode, disabled.body).toBe(200);
    const refused = await post(device.id, token, { readings: [{ metric: 'temp_c', value: 1 }] });
    expect(refused.statusCode).toBe(403);
    expect(errorOf(refused).message).toContain('停用');
    await telemetryWriter(t.ctx).flush();
    d = await detail(firmUser, device.id);
    expect(d.rejectedByReason.device_disabled).toBe(1);
    const enabled = await firmUser.post(`/api/industry/devices/${device.id}/enable`, { version: d.version });
    expect(enabled.statusCode, enabled.body).toBe(200);
    expect((await post(device.id, token, { readings: [{ metric: 'temp_c', value: 1 }] })).statusCode).toBe(200);
  });

  it('a rotated token replaces the old one at once; a revoked one leaves none', async () => {
    const { device, token } = await register(firmUser);
    const rotated = await firmUser.post(`/api/industry/devices/${device.id}/token`, { version: device.version });
    expect(rotated.statusCode, rotated.body).toBe(200);
    const issued: DeviceTokenIssued = rotated.json();
    expect(issued.token).not.toBe(token);
    expect((await post(device.id, token, { readings: [{ metric: 'temp_c', value: 1 }] })).statusCode).toBe(401);
    expect((await post(device.id, issued.token, { readings: [{ metric: 'temp_c', value: 1 }] })).statusCode).toBe(200);
    // a stale version is refused (409)
    expect((await firmUser.post(`/api/industry/devices/${device.id}/token`, { version: device.version })).statusCode).toBe(409);
    const revoked = await firmUser.post(`/api/industry/devices/${device.id}/token/revoke`, { version: issued.device.version });
    expect(revoked.statusCode, revoked.body).toBe(200);
    expect(revoked.json().hasToken).toBe(false);
    expect((await post(device.id, issued.token, { readings: [{ metric: 'temp_c', value: 2 }] })).statusCode).toBe(401);
    // every change is audited
    const audit = await t.ctx.db.selectFrom('audit_log').select('action').where('entity_id', '=', device.id).orderBy('seq').execute();
    expect(audit.map((a) => a.action)).toEqual(['iot_device.create', 'iot_device.rotate_token', 'iot_device.revoke_token']);
  });
});

describe('scope', () => {
  it('another firm cannot list, read, rotate, disable or post for a device (404 / 401)', async () => {
    const { device, token } = await register(firmUser);
    const list = await otherFirmUser.get('/api/industry/devices');
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((d: { id: string }) => d.id)).not.toContain(device.id);
    expect((await otherFirmUser.get(`/api/industry/devices/${device.id}`)).statusCode).toBe(404);
    expect((await otherFirmUser.get(`/api/industry/devices/${device.id}/readings`)).statusCode).toBe(404);
    expect((await otherFirmUser.post(`/api/industry/devices/${device.id}/token`, { version: device.version })).statusCode).toBe(404);
    expect((await otherFirmUser.post(`/api/industry/devices/${device.id}/disable`, { version: device.version })).statusCode).toBe(404);
    expect((await otherFirmUser.patch(`/api/industry/devices/${device.id}`, { name: '改名', version: device.version })).statusCode).toBe(404);
    // a session is no device credential
    const bySession = await otherFirmUser.request({ method: 'POST', url: `/api/industry/devices/${device.id}/telemetry`, payload: { readings: [{ metric: 'temp_c', value: 1 }] } });
    expect(bySession.statusCode).toBe(401);
    // nor may a firm register a device for another firm
    const foreign = await otherFirmUser.post('/api/industry/devices', { enterpriseId: firm.id, code: 'X-1', name: '别人的设备', typeCode: 'furnace' });
    expect(foreign.statusCode).toBe(404);
    // the owner, its liaison and the office see it
    expect((await liaison.get(`/api/industry/devices/${device.id}`)).statusCode).toBe(200);
    expect((await dispatcher.get(`/api/industry/devices/${device.id}`)).statusCode).toBe(200);
    expect(token).toBeTruthy();
  });
});

describe('MQTT on the embedded broker', () => {
  const url = () => `mqtt://127.0.0.1:${telemetry.port}`;
  const clients: MqttClient[] = [];
  afterAll(async () => {
    for (const c of clients) await c.endAsync(true).catch(() => undefined);
  });

  async function waitFor<T>(probe: () => Promise<T>, ok: (v: T) => boolean, ms = 5_000): Promise<T> {
    const until = Date.now() + ms;
    for (;;) {
      await telemetryWriter(t.ctx).flush();
      const v = await probe();
      if (ok(v) || Date.now() > until) return v;
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  it('a device with its token publishes readings that are stored', async () => {
    expect(telemetry.port).toBeGreaterThan(0);
    expect(telemetry.mode).toBe('embedded');
    const { device, token } = await register(firmUser);
    const client = await connectAsync(url(), { username: device.id, password: token, reconnectPeriod: 0 });
    clients.push(client);
    await client.publishAsync(telemetryTopic(device.id), JSON.stringify({ readings: [{ metric: 'temp_c', value: 700, ts: at(3) }, { metric: 'temp_c', value: 701, ts: at(2) }] }), { qos: 1 });
    await client.publishAsync(telemetryTopic(device.id), JSON.stringify({ readings: [{ metric: 'temp_c', value: 702, ts: at(1) }] }), { qos: 0 });
    expect(await waitFor(() => storedCount(device.id), (n) => n === 3)).toBe(3);
    const d = await detail(firmUser, device.id);
    expect(d.online).toBe(true);
    expect(d.acceptedCount).toBe(3);
    expect(d.lastValues[0]!.value).toBe(702);
  });

  it('a wrong token is refused at connect, nothing is stored and the refusal is counted', async () => {
    const { device } = await register(firmUser);
    await expect(connectAsync(url(), { username: device.id, password: 'wrong-token', reconnectPeriod: 0 })).rejects.toThrow(/Not authorized|Bad username or password/i);
    await expect(connectAsync(url(), { username: 'not-a-device', password: 'x', reconnectPeriod: 0 })).rejects.toThrow();
    const d = await waitFor(() => detail(firmUser, device.id), (v) => v.rejectedCount === 1);
    expect(d.rejectedByReason).toEqual({ bad_token: 1 });
    expect(await storedCount(device.id)).toBe(0);
  });

  it('a malformed payload is refused and counted; bad readings are counted by reason', async () => {
    const { device, token } = await register(firmUser);
    const client = await connectAsync(url(), { username: device.id, password: token, reconnectPeriod: 0 });
    clients.push(client);
    await client.publishAsync(telemetryTopic(device.id), 'not json', { qos: 1 });
    await client.publishAsync(telemetryTopic(device.id), JSON.stringify({ readings: [{ metric: 'temp_c', value: true }, { metric: 'temp_c', value: 5 }] }), { qos: 1 });
    const d = await waitFor(() => detail(firmUser, device.id), (v) => v.rejectedCount === 2 && v.acceptedCount === 1);
    expect(d.rejectedByReason).toEqual({ malformed: 1, bad_value: 1 });
    expect(await storedCount(device.id)).toBe(1);
  });

  it('a device may publish only to its own topic and subscribe only to its own topics', async () => {
    const a = await register(firmUser);
    const b = await register(otherFirmUser);
    const client = await connectAsync(url(), { username: a.device.id, password: a.token, reconnectPeriod: 0 });
    clients.push(client);
    // the broker answers the subscription with 0x80 (refused)
    await expect(client.subscribeAsync(`yuanqi/devices/+/telemetry`, { qos: 0 })).rejects.toThrow(/Subscribe error/);
    await expect(client.subscribeAsync(`yuanqi/devices/${b.device.id}/telemetry`, { qos: 0 })).rejects.toThrow(/Subscribe error/);
    expect((await client.subscribeAsync(`yuanqi/devices/${a.device.id}/commands`, { qos: 0 }))[0]!.qos).toBe(0);
    const closed = new Promise<void>((resolve) => client.once('close', () => resolve()));
    client.publish(telemetryTopic(b.device.id), JSON.stringify({ readings: [{ metric: 'temp_c', value: 5 }] }), { qos: 0 });
    await closed;
    await new Promise((r) => setTimeout(r, 100));
    await telemetryWriter(t.ctx).flush();
    expect(await storedCount(b.device.id)).toBe(0);
  });

  it('rotating the token ends an open connection: later messages are not stored', async () => {
    const { device, token } = await register(firmUser);
    const client = await connectAsync(url(), { username: device.id, password: token, reconnectPeriod: 0 });
    clients.push(client);
    await client.publishAsync(telemetryTopic(device.id), JSON.stringify({ readings: [{ metric: 'temp_c', value: 1, ts: at(2) }] }), { qos: 1 });
    expect(await waitFor(() => storedCount(device.id), (n) => n === 1)).toBe(1);
    const rotated = await firmUser.post(`/api/industry/devices/${device.id}/token`, { version: device.version });
    expect(rotated.statusCode).toBe(200);
    const closed = new Promise<void>((resolve) => client.once('close', () => resolve()));
    client.publish(telemetryTopic(device.id), JSON.stringify({ readings: [{ metric: 'temp_c', value: 2, ts: at(1) }] }), { qos: 0 });
    await closed;
    await telemetryWriter(t.ctx).flush();
    expect(await storedCount(device.id)).toBe(1);
    await expect(connectAsync(url(), { username: device.id, password: token, reconnectPeriod: 0 })).rejects.toThrow();
    const fresh = await connectAsync(url(), { username: device.id, password: rotated.json().token, reconnectPeriod: 0 });
    clients.push(fresh);
  });

  it('anonymous users cannot reach the device API', async () => {
    expect((await anonymous(t).get('/api/industry/devices')).statusCode).toBe(401);
  });
});

describe('the write-behind buffer', () => {
  it('a write the database refuses is retried, then logged and counted, not silently lost', async () => {
    const { device } = await register(firmUser);
    const lines: string[] = [];
    const log = pino({ level: 'error' }, new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) }));
    const cached = (await loadDevice(t.ctx, device.id))!;
    // a device row whose park id is not a uuid: PostgreSQL refuses the whole statement
    const broken = { ...cached, parkId: 'not-a-park' };
    const writer = new TelemetryWriter(t.ctx, log);
    await writer.add(broken, checkReadings(broken, [{ metric: 'temp_c', value: 1 }, { metric: 'temp_c', value: 2, ts: at(1) }], NOW));
    await writer.flush();
    expect(writer.stats).toMatchObject({ flushes: 0, failedFlushes: 1, failedReadings: 2, pending: 0 });
    expect(lines.join('')).toContain('telemetry: writing a batch failed');
    expect(await storedCount(device.id)).toBe(0);
    // the next batch is written as usual
    await writer.add(cached, checkReadings(cached, [{ metric: 'temp_c', value: 3 }], NOW));
    await writer.flush();
    expect(writer.stats).toMatchObject({ flushes: 1, writtenReadings: 1, failedFlushes: 1 });
    expect(await storedCount(device.id)).toBe(1);
  });
});
