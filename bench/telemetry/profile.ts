// `npx tsx bench/telemetry/profile.ts`: where the ingest's time goes, without HTTP or MQTT.
//
// On a throw-away PostgreSQL database (BENCH_DATABASE_URL) with the real migrations, one park, its
// device types and PROFILE_DEVICES meters, the same rows as bench:telemetry are written by:
//   copy          COPY … FROM STDIN (the limit)
//   store:<n>     the app's own write (telemetry/ingest.ts storeBatches: one unnest statement per
//                 batch with the dirty hours and the device update), batches of n readings, one at a
//                 time and PROFILE_PARALLEL at a time
//   insert-only   the same unnest insert with `on conflict do nothing`, without the dirty hours,
//                 the device update or `returning` (what the statement's other parts cost)
//   insert-plain  the unnest insert without `on conflict` (what the speculative insertion costs)
// each after a truncate, and prints readings/s. The parameters' serialisation in Node is timed apart.
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { sql } from 'kysely';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { admin, benchLog, serverUrl, withDatabase } from '../pg-bench.js';
import { openDatabase } from '../../server/src/db/connection.js';
import { migrateToLatest } from '../../server/src/db/migrate.js';
import { ensureIndustryDefaults } from '../../server/src/modules/industry/defaults.js';
import { storeBatches, type CachedDevice, type DeviceBatch } from '../../server/src/modules/industry/telemetry/ingest.js';
import { evaluateReadings } from '../../server/src/modules/industry/alarms/evaluate.js';
import { ensureReadingPartitions } from '../../server/src/modules/industry/telemetry/partitions.js';
import type { AppContext } from '../../server/src/platform/context.js';

const DEVICES = Number(process.env.PROFILE_DEVICES ?? 200);
const READINGS = Number(process.env.PROFILE_READINGS ?? 1500);
const PARALLEL = Number(process.env.PROFILE_PARALLEL ?? 4);
const METRICS = ['energy_kwh', 'power_kw', 'voltage_v'];
const { log } = benchLog('telemetry-profile');

async function main(): Promise<void> {
  const server = serverUrl();
  const name = `bench_tprofile_${randomBytes(3).toString('hex')}`;
  await admin(server, `create database ${name}`);
  const url = withDatabase(server, name);
  const database = await openDatabase({ url, poolSize: PARALLEL + 1 });
  const pool = new pg.Pool({ connectionString: url, max: PARALLEL + 1 });
  try {
    const db = database.db;
    await migrateToLatest(db);
    const park = await db.insertInto('parks').values({ code: 'prof', name: '压测园区', region: '测试' }).returning('id').executeTakeFirstOrThrow();
    await ensureIndustryDefaults(db, park.id);
    const firm = await db
      .insertInto('enterprises')
      .values({ park_id: park.id, uscc: '91360600MA00000001', name: '压测企业', legal_representative: '张三', chain: 'copper', is_above_scale: true, tags: [] })
      .returning('id')
      .executeTakeFirstOrThrow();
    const rows = await db
      .insertInto('iot_devices')
      .values(Array.from({ length: DEVICES }, (_, i) => ({ park_id: park.id, enterprise_id: firm.id, code: `P${i}`, name: `电表${i}`, type_code: 'power_meter', token_hash: 'x' })))
      .returning('id')
      .execute();
    await ensureReadingPartitions(db, new Date());
    const devices: CachedDevice[] = rows.map((r) => ({ id: r.id, parkId: park.id, enterpriseId: firm.id, typeCode: 'power_meter', name: 'x', status: 'active', tokenHash: null, metrics: new Map(), maxFutureMs: 0, retentionMs: 0 }));
    const start = Math.floor(Date.now() / 1000) * 1000 - 3 * 3_600_000;
    const readings = new Map(devices.map((d, k) => [d.id, Array.from({ length: READINGS }, (_, i) => ({ metric: METRICS[i % 3]!, ts: new Date(start + Math.floor(i / 3) * 1000), value: 380 + ((k + i) % 5) }))]));
    const total = DEVICES * READINGS;
    const ctx = { db, clock: { now: () => new Date() } } as unknown as AppContext;
    const truncate = () => pool.query('truncate iot_readings, iot_rollup_dirty');
    const report = (what: string, seconds: number) => log(`${what.padEnd(44)} ${Math.round(total / seconds).toLocaleString('en').padStart(9)} readings/s (${seconds.toFixed(2)} s)`);

    // COPY
    await truncate();
    {
      const lines: string[] = [];
      for (const d of devices) for (const r of readings.get(d.id)!) lines.push(`${d.parkId}\t${d.id}\t${r.metric}\t${r.ts.toISOString()}\t${r.value}\n`);
      const client = await pool.connect();
      const t = performance.now();
      await pipeline(Readable.from([Buffer.from(lines.join(''))]), client.query(copyFrom('copy iot_readings (park_id, device_id, metric, ts, value) from stdin')));
      client.release();
      report('copy', (performance.now() - t) / 1000);
    }

    /** Batches of `size` readings, a device's readings in order, devices round-robin (as the bench sends them). */
    const batchesOf = (size: number): DeviceBatch[][] => {
      const perDevice = devices.map((d) => {
        const all = readings.get(d.id)!;
        const out: DeviceBatch[] = [];
        for (let i = 0; i < all.length; i += size) out.push({ device: d, seen: true, check: { valid: all.slice(i, i + size), rejected: 0, rejectedByReason: {}, lastReason: null, errors: [] } });
        return out;
      });
      const flat = Array.from({ length: Math.max(...perDevice.map((b) => b.length)) }, (_, j) => perDevice.flatMap((b) => (b[j] ? [b[j]!] : []))).flat();
      // the MQTT writer coalesces many devices' messages into one write: group to `size` readings
      const writes: DeviceBatch[][] = [];
      let cur: DeviceBatch[] = [];
      let n = 0;
      for (const b of flat) {
        cur.push(b);
        n += b.check.valid.length;
        if (n >= size) {
          writes.push(cur);
          cur = [];
          n = 0;
        }
      }
      if (cur.length) writes.push(cur);
      return writes;
    };
    const runStore = async (size: number, parallel: number) => {
      await truncate();
      const writes = batchesOf(size);
      let next = 0;
      const t = performance.now();
      await Promise.all(Array.from({ length: parallel }, async () => {
        while (next < writes.length) await storeBatches(ctx, writes[next++]!);
      }));
      report(`store (app statement) ${size}/write × ${parallel} at a time`, (performance.now() - t) / 1000);
    };
    await runStore(500, 1);
    await runStore(500, PARALLEL);
    await runStore(20_000, 1);
    await runStore(20_000, PARALLEL);
    // what the HTTP path adds per request after the write: the alarm rules' evaluation (the demo's 电压过低 rule on every meter)
    await db.insertInto('iot_alarm_rules').values({ park_id: park.id, name: '电压过低', type_code: 'power_meter', metric: 'voltage_v', comparison: 'lt', threshold: 340, for_minutes: 10, severity: 'warning' }).execute();
    {
      await truncate();
      const writes = batchesOf(500);
      let next = 0;
      const t = performance.now();
      await Promise.all(Array.from({ length: PARALLEL }, async () => {
        while (next < writes.length) {
          const w = writes[next++]!;
          await storeBatches(ctx, w);
          for (const b of w) await evaluateReadings(ctx, { id: b.device.id, parkId: b.device.parkId, enterpriseId: b.device.enterpriseId, typeCode: 'power_meter', name: 'x' }, b.check.valid);
        }
      }));
      report(`store + alarm evaluation 500/write × ${PARALLEL}`, (performance.now() - t) / 1000);
    }

    // the statement's parts
    const arrays = (batch: DeviceBatch[]) => {
      const p: string[] = [], d: string[] = [], m: string[] = [], t: string[] = [], v: number[] = [];
      for (const b of batch) for (const r of b.check.valid) {
        p.push(b.device.parkId);
        d.push(b.device.id);
        m.push(r.metric);
        t.push(r.ts.toISOString());
        v.push(r.value);
      }
      return { p, d, m, t, v };
    };
    for (const [label, conflict] of [['insert-only (on conflict do nothing)', true], ['insert-plain (no on conflict)', false]] as const) {
      for (const size of [500, 20_000]) {
        await truncate();
        const writes = batchesOf(size).map(arrays);
        let next = 0;
        const t = performance.now();
        await Promise.all(Array.from({ length: PARALLEL }, async () => {
          while (next < writes.length) {
            const a = writes[next++]!;
            await sql`insert into iot_readings (park_id, device_id, metric, ts, value, received_at)
              select p, d, m, t, v, now() from unnest(${a.p}::uuid[], ${a.d}::uuid[], ${a.m}::text[], ${a.t}::timestamptz[], ${a.v}::float8[]) as x(p, d, m, t, v)
              ${conflict ? sql`on conflict do nothing` : sql``}`.execute(db);
          }
        }));
        report(`${label} ${size}/write × ${PARALLEL}`, (performance.now() - t) / 1000);
      }
    }
    {
      const t = performance.now();
      for (const w of batchesOf(500)) arrays(w);
      log(`building the parameter arrays in Node (500/write): ${((performance.now() - t) / 1000).toFixed(2)} s for ${total.toLocaleString('en')} readings`);
    }
  } finally {
    await pool.end();
    await database.close();
    await admin(server, `drop database if exists ${name} with (force)`);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
