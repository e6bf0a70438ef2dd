import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/harness.js';
import { buildEnterprise, buildPark, buildUser, type TestPark } from '../../../../test/factories.js';
import { dailyIncreases, energyOfferFor } from './energy.js';
import { deviceSeries, energyByFirm, firmDailyEnergy } from './queries.js';
import { sweepOfflineDevices } from './status.js';
import { rollupDirtyHours } from './sweep.js';
import { buildDevice, insertReadings, type RawReading } from './test-helpers.js';
import { hashDeviceToken } from '../devices/tokens.js';
import { ingestNow } from '../telemetry/ingest.js';

const NOW = new Date('2026-11-26T02:00:00Z');
let t: TestApp;
let park: TestPark;
let firmId: string;

beforeAll(async () => {
  t = await createTestApp({}, NOW);
  park = await buildPark(t.ctx.db);
  firmId = (await buildEnterprise(t.ctx.db, park)).id;
});
afterAll(async () => {
  await t.close();
});

/** A deterministic pseudo-random generator (mulberry32), so a failure can be replayed from its seed. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

type Agg = { key: string; n: number; sum: number; min: number; max: number; first_value: number; last_value: number; last_ts: string };

/** The same aggregates straight from raw: by UTC hour, and by Asia/Shanghai day. */
async function rawAggregates(deviceIds: string[], grain: 'hour' | 'day'): Promise<Map<string, Agg>> {
  const bucket = grain === 'hour' ? sql`to_char(date_trunc('hour', ts at time zone 'UTC'), 'YYYY-MM-DD"T"HH24')` : sql`to_char((ts at time zone 'UTC') + interval '8 hours', 'YYYY-MM-DD')`;
  const rows = await sql<Agg>`
    select device_id || '|' || metric || '|' || ${bucket} as key, count(*)::int as n, sum(value) as sum, min(value) as min, max(value) as max,
           (array_agg(value order by ts))[1] as first_value, (array_agg(value order by ts desc))[1] as last_value, max(ts) as last_ts
      from iot_readings where device_id = any(${deviceIds}::uuid[]) group by 1`.execute(t.ctx.db);
  return new Map(rows.rows.map((r) => [r.key, r]));
}

async function storedAggregates(deviceIds: string[], grain: 'hour' | 'day'): Promise<Map<string, Agg>> {
  const rows =
    grain === 'hour'
      ? await sql<Agg>`select device_id || '|' || metric || '|' || to_char(hour at time zone 'UTC', 'YYYY-MM-DD"T"HH24') as key, n, sum, min, max, first_value, last_value, last_ts
                        from iot_rollups_hourly where device_id = any(${deviceIds}::uuid[])`.execute(t.ctx.db)
      : await sql<Agg>`select device_id || '|' || metric || '|' || to_char(day, 'YYYY-MM-DD') as key, n, sum, min, max, first_value, last_value, last_ts
                        from iot_rollups_daily where device_id = any(${deviceIds}::uuid[])`.execute(t.ctx.db);
  return new Map(rows.rows.map((r) => [r.key, r]));
}

function expectSame(stored: Map<string, Agg>, raw: Map<string, Agg>) {
  expect([...stored.keys()].sort()).toEqual([...raw.keys()].sort());
  for (const [key, r] of raw) {
    const s = stored.get(key)!;
    expect(s.n, key).toBe(r.n);
    expect(s.sum).toBeCloseTo(Number(r.sum), 6);
    expect(s.min).toBe(Number(r.min));
    expect(s.max).toBe(Number(r.max));
    expect(s.first_value, key).toBe(Number(r.first_value));
    expect(s.last_value, key).toBe(Number(r.last_value));
    expect(new Date(s.last_ts).getTime()).toBe(new Date(r.last_ts).getTime());
  }
}

describe('rollups', () => {
  it('equal the raw aggregates by hour and Shanghai day, with late, re-sent and out-of-order data (property)', async () => {
    for (const seed of [1, 7, 42]) {
      const random = rng(seed);
      const devices = [await buildDevice(t.ctx.db, park.id, firmId, { typeCode: 'env_sensor' }), await buildDevice(t.ctx.db, park.id, firmId, { typeCode: 'env_sensor' })];
      const ids = devices.map((d) => d.id);
      // Three days around Shanghai midnight (16:00 UTC): readings at random seconds.
      const start = Date.parse('2026-11-23T10:00:00Z');
      const span = 3 * 86_400_000;
      const all: { device: string; r: RawReading }[] = [];
      for (let i = 0; i < 1500; i++) {
        const device = ids[Math.floor(random() * ids.length)]!;
        const metric = random() < 0.6 ? 'temp_c' : 'humidity_pct';
        const ts = new Date(start + Math.floor(random() * span / 1000) * 1000);
        all.push({ device, r: { metric, ts, value: Math.round((random() * 80 - 10) * 10) / 10 } });
      }
      // Arrive in random chunks, out of order; the sweep runs between chunks, so later chunks are
      // late data for hours already rolled up; a few chunks are sent twice.
      const shuffled = [...all].sort(() => random() - 0.5);
      for (let i = 0; i < shuffled.length; ) {
        const size = 50 + Math.floor(random() * 250);
        const chunk = shuffled.slice(i, i + size);
        i += size;
        for (const id of ids) {
          const mine = chunk.filter((c) => c.device === id).map((c) => c.r);
          await insertReadings(t.ctx.db, park.id, id, mine);
          if (random() < 0.3) expect(await insertReadings(t.ctx.db, park.id, id, mine)).toBe(0);
        }
        if (random() < 0.5) await rollupDirtyHours(t.ctx.db, { batchSize: 7 });
      }
      await rollupDirtyHours(t.ctx.db, { batchSize: 13 });
      expect(await t.ctx.db.selectFrom('iot_rollup_dirty').select('hour').where('device_id', 'in', ids).execute()).toEqual([]);
      expectSame(await storedAggregates(ids, 'hour'), await rawAggregates(ids, 'hour'));
      expectSame(await storedAggregates(ids, 'day'), await rawAggregates(ids, 'day'));
    }
  });

  it('two sweeps at once share the dirty hours and still give exact days', async () => {
    const d = await buildDevice(t.ctx.db, park.id, firmId, { typeCode: 'env_sensor' });
    const readings: RawReading[] = [];
    for (let m = 0; m < 48 * 60; m += 7) readings.push({ metric: 'temp_c', ts: new Date(Date.parse('2026-11-20T00:00:00Z') + m * 60_000), value: (m % 37) - 5 });
    await insertReadings(t.ctx.db, park.id, d.id, readings);
    const [a, b] = await Promise.all([rollupDirtyHours(t.ctx.db, { batchSize: 5 }), rollupDirtyHours(t.ctx.db, { batchSize: 5 })]);
    // on a shared PostgreSQL other test files' devices may have dirty hours the sweeps take too
    expect(a.hours + b.hours).toBeGreaterThanOrEqual(48);
    expect(await t.ctx.db.selectFrom('iot_rollup_dirty').select('hour').where('device_id', '=', d.id).execute()).toEqual([]);
    expectSame(await storedAggregates([d.id], 'hour'), await rawAggregates([d.id], 'hour'));
    expectSame(await storedAggregates([d.id], 'day'), await rawAggregates([d.id], 'day'));
  });

  it('stay exact while the real ingest writes and sweeps run at the same time', async () => {
    const d = await buildDevice(t.ctx.db, park.id, firmId, { typeCode: 'env_sensor' });
    const token = `tok-${d.id}`;
    await t.ctx.db.updateTable('iot_devices').set({ token_hash: hashDeviceToken(token) }).where('id', '=', d.id).execute();
    const random = rng(99);
    const base = NOW.getTime() - 6 * 3_600_000;
    const writes: Promise<unknown>[] = [];
    for (let round = 0; round < 25; round++) {
      // each round: a batch over the last six hours (late data for hours already rolled up) and a sweep, concurrently
      const readings = Array.from({ length: 40 }, () => ({ metric: random() < 0.5 ? 'temp_c' : 'pm25', value: Math.round(random() * 900) / 10, ts: new Date(base + Math.floor(random() * 6 * 3600) * 1000).toISOString() }));
      writes.push(ingestNow(t.ctx, null, d.id, token, { readings }), rollupDirtyHours(t.ctx.db, { batchSize: 2 }));
      if (round % 5 === 4) await Promise.all(writes.splice(0));
    }
    await Promise.all(writes);
    await rollupDirtyHours(t.ctx.db);
    expectSame(await storedAggregates([d.id], 'hour'), await rawAggregates([d.id], 'hour'));
    expectSame(await storedAggregates([d.id], 'day'), await rawAggregates([d.id], 'day'));
  });

  it('answers a device series raw, by hour and by day', async () => {
    const d = await buildDevice(t.ctx.db, park.id, firmId, { typeCode: 'furnace' });
    const base = Date.parse('2026-11-25T15:30:00Z'); // 23:30 Shanghai
    await insertReadings(t.ctx.db, park.id, d.id, [0, 10, 20, 30, 40, 50, 60, 70].map((m, i) => ({ metric: 'temp_c', ts: new Date(base + m * 60_000), value: 1100 + i })));
    await rollupDirtyHours(t.ctx.db);
    const raw = await deviceSeries(t.ctx.db, park.id, d.id, 'temp_c', new Date(base), new Date(base + 3_600_000), 'raw');
    expect(raw.map((p) => p.last)).toEqual([1100, 1101, 1102, 1103, 1104, 1105]);
    const hours = await deviceSeries(t.ctx.db, park.id, d.id, 'temp_c', new Date('2026-11-25T15:00:00Z'), new Date('2026-11-25T17:00:00Z'), 'hour');
    expect(hours).toEqual([
      { t: '2026-11-25T15:00:00.000Z', avg: 1101, min: 1100, max: 1102, last: 1102, n: 3 },
      { t: '2026-11-25T16:00:00.000Z', avg: 1105, min: 1103, max: 1107, last: 1107, n: 5 },
    ]);
    const days = await deviceSeries(t.ctx.db, park.id, d.id, 'temp_c', '2026-11-25', '2026-11-26', 'day');
    expect(days.map((p) => [p.t, p.n, p.last])).toEqual([
      ['2026-11-25', 3, 1102],
      ['2026-11-26', 5, 1107],
    ]);
    // another park's id answers nothing
    const other = await buildPark(t.ctx.db);
    expect(await deviceSeries(t.ctx.db, other.id, d.id, 'temp_c', new Date(base), new Date(base + 3_600_000), 'raw')).toEqual([]);
  });
});

describe('the energy offer (用电量)', () => {
  /** Readings of a cumulative meter: [Shanghai date, hh, value]. */
  const at = (date: string, hh: number) => new Date(Date.parse(`${date}T${String(hh).padStart(2, '0')}:00:00+08:00`));

  it('sums each day’s increase of the firm’s meters, counts from a counter reset, and leaves other firms’ meters out', async () => {
    const firm = await buildEnterprise(t.ctx.db, park);
    const meterA = await buildDevice(t.ctx.db, park.id, firm.id, { typeCode: 'power_meter' });
    const meterB = await buildDevice(t.ctx.db, park.id, firm.id, { typeCode: 'power_meter' });
    const furnace = await buildDevice(t.ctx.db, park.id, firm.id, { typeCode: 'furnace' }); // not a meter
    const elsewhere = await buildDevice(t.ctx.db, park.id, firmId, { typeCode: 'power_meter' });
    const kwh = (ts: Date, value: number) => ({ metric: 'energy_kwh', ts, value });
    // A: the last reading of October is 900; November: 1000 → 1100 on the 1st, 1100 → 1250 on the 2nd,
    // replaced on the 3rd (1250 → 1300 in the morning, then restarts at 0 and reaches 40).
    await insertReadings(t.ctx.db, park.id, meterA.id, [
      kwh(at('2026-10-31', 22), 900),
      kwh(at('2026-11-01', 0), 1000),
      kwh(at('2026-11-01', 12), 1050),
      kwh(at('2026-11-01', 23), 1100),
      kwh(at('2026-11-02', 8), 1180),
      kwh(at('2026-11-02', 20), 1250),
      kwh(at('2026-11-03', 6), 1300),
      kwh(at('2026-11-03', 9), 0),
      kwh(at('2026-11-03', 18), 40),
      kwh(at('2026-12-01', 1), 70), // December: not November's
      { metric: 'power_kw', ts: at('2026-11-02', 9), value: 999 }, // a gauge of the meter: not energy
    ]);
    // B: only the 2nd: 500 → 520 (its first day: last − first).
    await insertReadings(t.ctx.db, park.id, meterB.id, [kwh(at('2026-11-02', 1), 500), kwh(at('2026-11-02', 23), 520)]);
    await insertReadings(t.ctx.db, park.id, furnace.id, [{ metric: 'temp_c', ts: at('2026-11-02', 1), value: 1200 }]);
    await insertReadings(t.ctx.db, park.id, elsewhere.id, [kwh(at('2026-11-02', 1), 0), kwh(at('2026-11-02', 5), 5000)]);
    await rollupDirtyHours(t.ctx.db);

    // A: Oct 31 → Nov 1: 1100 − 900 = 200; Nov 2: 150; Nov 3: 1250 → 1300 before the reset (50),
    // then counted from the reset: 40 − 0 → 90; 440 in all. B: 20.
    const offer = await energyOfferFor(t.ctx.db, park.id, firm.id, '2026-11-01');
    expect(offer).toEqual({ kwh: 460, daysWithData: 3, daysInMonth: 30, meters: 2 });
    expect(await firmDailyEnergy(t.ctx.db, park.id, firm.id, '2026-11-01', '2026-11-30')).toEqual([
      { day: '2026-11-01', kwh: 200 },
      { day: '2026-11-02', kwh: 170 },
      { day: '2026-11-03', kwh: 90 },
    ]);
    const byFirm = await energyByFirm(t.ctx.db, park.id, '2026-11-01', '2026-11-30');
    expect(byFirm.find((f) => f.enterpriseId === firm.id)).toEqual({ enterpriseId: firm.id, kwh: 460, meters: 2 });
    expect(byFirm.find((f) => f.enterpriseId === firmId)?.kwh).toBe(5000);
    // December: A's previous day (Nov 3) is more than 7 days back, so its one reading starts afresh.
    expect(await energyOfferFor(t.ctx.db, park.id, firm.id, '2026-12-01')).toEqual({ kwh: 0, daysWithData: 1, daysInMonth: 31, meters: 1 });
    await insertReadings(t.ctx.db, park.id, meterA.id, [kwh(at('2026-11-28', 12), 50)]);
    await rollupDirtyHours(t.ctx.db);
    // now Nov 28 is within the week: 70 − 50 in December, and Nov 28 adds 50 − 40 to November
    expect((await energyOfferFor(t.ctx.db, park.id, firm.id, '2026-12-01'))?.kwh).toBe(20);
    expect((await energyOfferFor(t.ctx.db, park.id, firm.id, '2026-11-01'))?.kwh).toBe(470);
    // a firm without meters, a month without data
    expect(await energyOfferFor(t.ctx.db, park.id, (await buildEnterprise(t.ctx.db, park)).id, '2026-11-01')).toBeNull();
    expect(await energyOfferFor(t.ctx.db, park.id, firm.id, '2026-09-01')).toBeNull();
  });

  it('a reset between two days counts the new day from the reset', () => {
    const row = (day: string, first: number, last: number, min: number) => ({ enterprise_id: 'f', device_id: 'd', metric: 'energy_kwh', day, first_value: first, last_value: last, min });
    expect(dailyIncreases([row('2026-11-01', 10, 100, 10), row('2026-11-02', 3, 60, 3), row('2026-11-03', 60, 90, 60)], '2026-11-01').map((i) => i.kwh)).toEqual([90, 57, 30]);
  });
});

describe('online / offline', () => {
  it('marks devices not heard from for the park’s window offline, telling the firm and its liaison once', async () => {
    const liaison = await buildUser(t.ctx.db, park, { roles: ['liaison'] });
    const firm = await buildEnterprise(t.ctx.db, park, { liaison_id: liaison.id });
    const staff = await buildUser(t.ctx.db, park, { roles: ['enterprise'], enterpriseId: firm.id });
    const now = t.clock.now();
    const quiet = await buildDevice(t.ctx.db, park.id, firm.id, { online: true, lastSeenAt: new Date(now.getTime() - 16 * 60_000) });
    const fresh = await buildDevice(t.ctx.db, park.id, firm.id, { online: true, lastSeenAt: new Date(now.getTime() - 5 * 60_000) });
    const notes = (userId: string) => t.ctx.db.selectFrom('notifications').selectAll().where('user_id', '=', userId).where('kind', '=', 'industry.device_offline').execute();

    await sweepOfflineDevices(t.ctx);
    const q = await t.ctx.db.selectFrom('iot_devices').selectAll().where('id', '=', quiet.id).executeTakeFirstOrThrow();
    expect(q.online).toBe(false);
    expect(q.status_changed_at?.getTime()).toBe(now.getTime());
    expect((await t.ctx.db.selectFrom('iot_devices').select('online').where('id', '=', fresh.id).executeTakeFirstOrThrow()).online).toBe(true);
    expect((await notes(staff.id)).map((n) => n.title)).toEqual([`设备离线:${quiet.name}(${quiet.code})`]);
    expect(await notes(liaison.id)).toHaveLength(1);

    // Again, and from two processes at once: nothing flips twice, no second notice.
    await Promise.all([sweepOfflineDevices(t.ctx), sweepOfflineDevices(t.ctx)]);
    expect(await notes(staff.id)).toHaveLength(1);

    // Ten more minutes: the fresh one goes too. The park's window is a setting.
    t.clock.advance(11 * 60_000);
    await sweepOfflineDevices(t.ctx);
    expect((await t.ctx.db.selectFrom('iot_devices').select('online').where('id', '=', fresh.id).executeTakeFirstOrThrow()).online).toBe(false);
    expect(await notes(staff.id)).toHaveLength(2);

    await t.ctx.db.insertInto('industry_settings').values({ park_id: park.id, offline_after_minutes: 60 }).onConflict((oc) => oc.column('park_id').doUpdateSet({ offline_after_minutes: 60 })).execute();
    const hour = await buildDevice(t.ctx.db, park.id, firm.id, { online: true, lastSeenAt: new Date(t.clock.now().getTime() - 30 * 60_000) });
    await sweepOfflineDevices(t.ctx);
    expect((await t.ctx.db.selectFrom('iot_devices').select('online').where('id', '=', hour.id).executeTakeFirstOrThrow()).online).toBe(true);
    await t.ctx.db.deleteFrom('industry_settings').where('park_id', '=', park.id).execute();
  });
});
