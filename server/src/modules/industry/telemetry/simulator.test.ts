import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { ZTelemetryBatch, telemetryTopic } from '@yuanqi/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/harness.js';
import { buildEnterprise, buildPark, type TestPark } from '../../../../test/factories.js';
import { mulberry32 } from '../../../db/seed/random.js';
import { buildDevice } from '../rollups/test-helpers.js';
import { hashDeviceToken, simulatedDeviceToken } from '../devices/tokens.js';
import { isSilentSimulatedDevice, simulatedReadings, simulatorProfile, startSimulator } from './simulator.js';
import { startTelemetry } from './mqtt.js';

const NOW = new Date('2026-12-07T02:00:00Z');

let t: TestApp;
let park: TestPark;
let quietPark: TestPark;
const devices: { id: string; type: string }[] = [];
let quietDevice: { id: string };

/** A simulated device as the demo seed makes it: token derived from its id, last values to continue from. */
async function buildSimulated(parkId: string, enterpriseId: string, typeCode: string, lastValues: Record<string, number>) {
  let device = await buildDevice(t.ctx.db, parkId, enterpriseId, { typeCode, online: true, lastSeenAt: new Date(NOW.getTime() - 60_000) });
  // a "silent" device (the demo's broken few) would not publish: make another
  while (isSilentSimulatedDevice(device.id)) device = await buildDevice(t.ctx.db, parkId, enterpriseId, { typeCode });
  const token = simulatedDeviceToken(device.id);
  const ts = new Date(NOW.getTime() - 60_000).toISOString();
  await t.ctx.db
    .updateTable('iot_devices')
    .set({
      simulated: true,
      token_hash: hashDeviceToken(token),
      token_hint: token.slice(-4),
      last_seen_at: new Date(NOW.getTime() - 60_000),
      last_values: JSON.stringify(Object.fromEntries(Object.entries(lastValues).map(([k, value]) => [k, { value, ts }]))),
    })
    .where('id', '=', device.id)
    .execute();
  return device;
}

beforeAll(async () => {
  t = await createTestApp({}, NOW);
  park = await buildPark(t.ctx.db);
  quietPark = await buildPark(t.ctx.db, '未开模拟的园区');
  const firm = await buildEnterprise(t.ctx.db, park, { is_above_scale: true, chain: 'copper' });
  const quietFirm = await buildEnterprise(t.ctx.db, quietPark, { is_above_scale: true });
  for (const [type, last] of [
    ['power_meter', { energy_kwh: 50_000, power_kw: 900, voltage_v: 380 }],
    ['furnace', { temp_c: 1150 }],
    ['line_counter', { output_pcs: 7_000, speed_ppm: 100, running: 1 }],
  ] as const) {
    devices.push({ id: (await buildSimulated(park.id, firm.id, type, last)).id, type });
  }
  quietDevice = await buildSimulated(quietPark.id, quietFirm.id, 'power_meter', { energy_kwh: 10 });
  await t.ctx.db.insertInto('industry_settings').values({ park_id: park.id, simulator_enabled: true }).execute();
});
afterAll(async () => {
  await t.close();
});

describe('the signal model', () => {
  it('keeps meters counting up at the load it reports, furnaces near their set point, and draws excursions', () => {
    const rand = mulberry32(7);
    const meter = simulatorProfile('meter-1', 'power_meter');
    const state = { energy_kwh: 1_000 };
    let previous = 1_000;
    for (let k = 1; k <= 288; k++) {
      const ms = NOW.getTime() + k * 300_000;
      const v = simulatedReadings(meter, state, ms, 5 / 60, rand);
      expect(v.energy_kwh).toBeGreaterThan(previous);
      // the increase is the reported load over five minutes
      expect(v.energy_kwh! - previous).toBeCloseTo((v.power_kw! * 5) / 60, 0);
      previous = v.energy_kwh!;
      expect(v.voltage_v).toBeGreaterThan(370);
      expect(v.voltage_v).toBeLessThan(390);
    }
    const furnace = simulatorProfile('furnace-1', 'furnace');
    const temps = Array.from({ length: 288 }, (_, k) => simulatedReadings(furnace, {}, NOW.getTime() + k * 300_000, 5 / 60, rand).temp_c!);
    expect(Math.min(...temps)).toBeGreaterThan(1_080);
    expect(Math.max(...temps)).toBeLessThan(1_230);
    const from = NOW.getTime();
    const hot = simulatedReadings(furnace, {}, from + 60_000, 5 / 60, rand, [{ metric: 'temp_c', from, to: from + 8 * 60_000, peak: 1_270 }]);
    expect(hot.temp_c).toBeGreaterThan(1_250);
  });
});

describe('startSimulator', () => {
  it('publishes well-formed batches on each device’s topic, connecting as the device with its token', async () => {
    const { Aedes } = await import('aedes');
    const connections: { username: string; password: string }[] = [];
    const messages: { topic: string; clientId: string; payload: string }[] = [];
    const broker = await Aedes.createBroker({
      authenticate(_client, username, password, done) {
        connections.push({ username: username ?? '', password: password?.toString() ?? '' });
        done(null, !!username && password?.toString() === simulatedDeviceToken(username));
      },
    });
    broker.on('publish', (packet, client) => {
      if (client) messages.push({ topic: packet.topic, clientId: client.id, payload: packet.payload.toString() });
    });
    const server = net.createServer(broker.handle);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    let clock = NOW.getTime();
    const stop = await startSimulator(t.ctx, t.app.log, `mqtt://127.0.0.1:${port}`, { intervalMs: 150, now: () => clock, random: mulberry32(3), allParks: false });
    try {
      for (let i = 0; i < 100 && devices.some((d) => messages.filter((m) => m.topic === telemetryTopic(d.id)).length < 3); i++) {
        clock += 30_000;
        await new Promise((r) => setTimeout(r, 50));
      }
    } finally {
      await stop();
      await new Promise<void>((resolve) => broker.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    // one connection per simulated device of the park that switched it on, none for the other park
    // (on a PostgreSQL server other test files' parks may have switched it on too: only ours count)
    const ours = new Set([...devices.map((d) => d.id), quietDevice.id]);
    expect(connections.map((c) => c.username).filter((u) => ours.has(u)).sort()).toEqual(devices.map((d) => d.id).sort());
    expect(connections.every((c) => c.password === simulatedDeviceToken(c.username))).toBe(true);
    expect(messages.some((m) => m.topic.includes(quietDevice.id))).toBe(false);
    for (const d of devices) {
      const mine = messages.filter((m) => m.topic === telemetryTopic(d.id));
      expect(mine.length).toBeGreaterThanOrEqual(3);
      const batches = mine.map((m) => ZTelemetryBatch.parse(JSON.parse(m.payload)));
      expect(batches.every((b) => b.token === simulatedDeviceToken(d.id))).toBe(true);
      const metrics = batches[0]!.readings.map((r) => r.metric).sort();
      if (d.type === 'power_meter') {
        expect(metrics).toEqual(['energy_kwh', 'power_kw', 'voltage_v']);
        const energy = batches.map((b) => b.readings.find((r) => r.metric === 'energy_kwh')!.value as number);
        // continues from the stored last value and keeps increasing
        expect(energy[0]).toBeGreaterThan(50_000);
        expect(energy[0]).toBeLessThan(50_100);
        for (let i = 1; i < energy.length; i++) expect(energy[i]).toBeGreaterThan(energy[i - 1]!);
      }
      if (d.type === 'furnace') expect(metrics).toEqual(['temp_c']);
      if (d.type === 'line_counter') {
        const output = batches.map((b) => b.readings.find((r) => r.metric === 'output_pcs')!.value as number);
        expect(output[0]).toBeGreaterThanOrEqual(7_000);
        for (let i = 1; i < output.length; i++) expect(output[i]).toBeGreaterThanOrEqual(output[i - 1]!);
      }
      for (const b of batches) for (const r of b.readings) expect(typeof r.ts).toBe('string');
    }
  });

  it('feeds the app’s embedded broker: the readings are accepted and stored for the devices', async () => {
    const telemetry = await startTelemetry(t.ctx, t.app.log, { mqttPort: 0, host: '127.0.0.1', simulator: 'off' });
    // each batch a second later than the last, around the app's fixed clock (ingest refuses readings from the future)
    let tick = NOW.getTime() - 200_000;
    const stop = await startSimulator(t.ctx, t.app.log, telemetry.brokerUrl!, { intervalMs: 100, now: () => (tick += 1_000) });
    const stored = async () =>
      Number(
        (
          await t.ctx.db
            .selectFrom('iot_readings')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('device_id', 'in', devices.map((d) => d.id))
            .executeTakeFirstOrThrow()
        ).n,
      );
    try {
      for (let i = 0; i < 100 && (await stored()) < 15; i++) await new Promise((r) => setTimeout(r, 100));
    } finally {
      await stop();
      await telemetry();
    }
    expect(await stored()).toBeGreaterThanOrEqual(15);
    const rows = await t.ctx.db.selectFrom('iot_devices').select(['id', 'rejected_count', 'accepted_count']).where('id', 'in', devices.map((d) => d.id)).execute();
    for (const r of rows) {
      expect(Number(r.rejected_count)).toBe(0);
      expect(Number(r.accepted_count)).toBeGreaterThan(0);
    }
  });
});
