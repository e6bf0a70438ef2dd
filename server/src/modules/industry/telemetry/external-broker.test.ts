import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { DeviceDetail, DeviceTokenIssued } from '@yuanqi/contract';
import { telemetryTopic } from '@yuanqi/contract';
import { connectAsync, type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientAs, createTestApp, type Client, type TestApp } from '../../../../test/harness.js';
import { buildEnterprise, buildPark, buildUser } from '../../../../test/factories.js';
import { telemetryWriter } from './ingest.js';
import { startTelemetry, type TelemetryHandle } from './mqtt.js';

/**
 * The external-broker path (MQTT_URL): the app subscribes to `$share/yuanqi/yuanqi/devices/+/telemetry`
 * on a real Mosquitto (CI starts one and sets TEST_MQTT_URL; without it these tests are skipped
 * locally and FAIL in CI). The reconnect test starts (and restarts) a Mosquitto of its own.
 */
const MQTT_URL = process.env.TEST_MQTT_URL;
const NOW = new Date('2026-12-07T02:00:00Z');

let t: TestApp;
let firmUser: Client;

beforeAll(async () => {
  t = await createTestApp({}, NOW);
  const park = await buildPark(t.ctx.db);
  const firm = await buildEnterprise(t.ctx.db, park, { is_above_scale: true });
  firmUser = await clientAs(t, await buildUser(t.ctx.db, park, { roles: ['enterprise'], enterpriseId: firm.id }));
});
afterAll(async () => {
  await t.close();
});

async function register(): Promise<DeviceTokenIssued> {
  const res = await firmUser.post('/api/industry/devices', { code: `EXT-${Math.random().toString(36).slice(2, 8)}`, name: '外部代理测试电表', typeCode: 'power_meter' });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

async function detail(id: string): Promise<DeviceDetail> {
  return (await firmUser.get(`/api/industry/devices/${id}`)).json();
}

async function waitFor<T>(probe: () => Promise<T>, ok: (v: T) => boolean, ms = 8_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    await telemetryWriter(t.ctx).flush();
    const v = await probe();
    if (ok(v) || Date.now() > until) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
}

const at = (minutesAgo: number) => new Date(NOW.getTime() - minutesAgo * 60_000).toISOString();

describe('the external broker (TEST_MQTT_URL)', () => {
  it('is configured in CI', () => {
    if (process.env.CI === 'true') expect(MQTT_URL, 'CI must start Mosquitto and set TEST_MQTT_URL (.ci/run)').toBeTruthy();
  });

  describe.skipIf(!MQTT_URL)('Mosquitto', () => {
    const handles: TelemetryHandle[] = [];
    const clients: MqttClient[] = [];
    afterAll(async () => {
      for (const c of clients) await c.endAsync(true).catch(() => undefined);
      for (const h of handles) await h();
    });

    it('two app subscribers split the shared subscription; the token in the payload is checked', async () => {
      handles.push(await startTelemetry(t.ctx, t.app.log, { mqttUrl: MQTT_URL, simulator: 'off' }));
      handles.push(await startTelemetry(t.ctx, t.app.log, { mqttUrl: MQTT_URL, simulator: 'off' }));
      expect(handles[0]!.mode).toBe('external');
      expect(handles[0]!.port).toBeNull();
      const { device, token } = await register();
      const other = await register();
      const publisher = await connectAsync(MQTT_URL!, { reconnectPeriod: 0 });
      clients.push(publisher);
      const before = telemetryWriter(t.ctx).stats.writtenReadings;
      for (let i = 0; i < 20; i++) {
        await publisher.publishAsync(telemetryTopic(device.id), JSON.stringify({ token, readings: [{ metric: 'power_kw', value: 100 + i, ts: at(30 - i) }] }), { qos: 1 });
      }
      // a wrong token, no token, and the right token of another device: refused and counted
      await publisher.publishAsync(telemetryTopic(device.id), JSON.stringify({ token: 'wrong', readings: [{ metric: 'power_kw', value: 1 }] }), { qos: 1 });
      await publisher.publishAsync(telemetryTopic(device.id), JSON.stringify({ readings: [{ metric: 'power_kw', value: 1 }] }), { qos: 1 });
      await publisher.publishAsync(telemetryTopic(device.id), JSON.stringify({ token: other.token, readings: [{ metric: 'power_kw', value: 1 }] }), { qos: 1 });
      const d = await waitFor(() => detail(device.id), (v) => v.acceptedCount === 20 && v.rejectedCount === 3);
      expect(d.acceptedCount).toBe(20);
      expect(d.rejectedByReason).toEqual({ bad_token: 3 });
      expect(d.lastValues.find((v) => v.metric === 'power_kw')!.value).toBe(119);
      // each message was taken by one of the two subscribers, not both
      expect(telemetryWriter(t.ctx).stats.writtenReadings - before).toBe(20);
      expect((await detail(other.device.id)).acceptedCount).toBe(0);
    });
  });
});

/** A Mosquitto of this test's own (CI installs it), so it can be stopped and started again. */
const MOSQUITTO = ['/usr/sbin/mosquitto', '/usr/bin/mosquitto'].find((p) => fs.existsSync(p));

describe.skipIf(!MOSQUITTO && process.env.CI !== 'true')('reconnecting', () => {
  it('the app reconnects to an external broker that restarts and resumes ingest', async () => {
    expect(MOSQUITTO, 'CI must install mosquitto').toBeTruthy();
    const port = await new Promise<number>((resolve) => {
      const probe = net.createServer().listen(0, '127.0.0.1', () => {
        const p = (probe.address() as net.AddressInfo).port;
        probe.close(() => resolve(p));
      });
    });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yq-mosquitto-'));
    fs.writeFileSync(path.join(dir, 'mosquitto.conf'), `listener ${port} 127.0.0.1\nallow_anonymous true\npersistence false\n`);
    async function startBroker(): Promise<() => Promise<void>> {
      const child = spawn(MOSQUITTO!, ['-c', path.join(dir, 'mosquitto.conf')], { stdio: 'ignore' });
      for (let i = 0; i < 50; i++) {
        const up = await new Promise<boolean>((resolve) => {
          const s = net.connect(port, '127.0.0.1', () => {
            s.end();
            resolve(true);
          });
          s.on('error', () => resolve(false));
        });
        if (up) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      return async () => {
        const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
        child.kill('SIGTERM');
        await exited;
      };
    }
    let stopBroker = await startBroker();
    const url = `mqtt://127.0.0.1:${port}`;
    const handle = await startTelemetry(t.ctx, t.app.log, { mqttUrl: url, simulator: 'off' });
    try {
      const { device, token } = await register();
      const send = async (value: number, minutesAgo: number) => {
        const c = await connectAsync(url, { reconnectPeriod: 0, connectTimeout: 2_000 });
        await c.publishAsync(telemetryTopic(device.id), JSON.stringify({ token, readings: [{ metric: 'power_kw', value, ts: at(minutesAgo) }] }), { qos: 1 });
        await c.endAsync();
      };
      await send(1, 10);
      expect((await waitFor(() => detail(device.id), (v) => v.acceptedCount === 1)).acceptedCount).toBe(1);
      await stopBroker();
      await new Promise((r) => setTimeout(r, 300));
      stopBroker = await startBroker();
      // the app's client comes back on its own (reconnect period 2 s) and subscribes again
      const back = await waitFor(
        async () => {
          await send(2, 5).catch(() => undefined);
          return detail(device.id);
        },
        (v) => v.acceptedCount >= 2,
        15_000,
      );
      expect(back.acceptedCount).toBe(2);
    } finally {
      await handle();
      await stopBroker();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);
});
