// `npm run bench:telemetry`: 产业云 telemetry on PostgreSQL (issue 14, item 7).
//
// A fresh database on a PostgreSQL server (BENCH_DATABASE_URL, else the one scripts/pg-local.sh
// starts) gets the real migrations and the demo park (seedDemoPark: 150 firms, three years of
// monthly reports, the 163 demo devices with their rollups and alarm rules), plus BENCH_DEVICES
// (200) smart meters (power_meter: energy_kwh, power_kw, voltage_v, with the demo's type-wide
// 电压过低 rule) on the copper firms, each with its own token. Then ONE real app process
// (server/src/main.ts as `npm start` runs it, on that database, with its embedded MQTT broker and
// its schedulers: the rollup and offline sweeps run while data comes in) is started.
//
// Ingest, side by side in one run — the same generated rows (BENCH_DEVICES × BENCH_READINGS,
// 3 metrics, one second apart) into the same table `iot_readings`, truncated before each method:
//   1. COPY  raw `COPY iot_readings … FROM STDIN` over one connection (pg-copy-streams): the limit;
//   2. HTTP  BENCH_HTTP_CLIENTS concurrent clients POSTing batches of BENCH_BATCH readings to
//            POST /api/industry/devices/:id/telemetry with the device's Bearer token; every answer
//            must say all its readings were accepted;
//   3. MQTT  one `mqtt` client per device (username = device id, password = token) publishing its
//            batches (QoS 1) to yuanqi/devices/{id}/telemetry on the app's embedded broker; timed
//            until the table holds every row (count polled every 100 ms).
// A warm-up round of the three (not counted), then BENCH_ROUNDS rounds, interleaved; a method's rate is its rows over its summed time.
// Goal: HTTP and MQTT each ≥ 50 % of COPY's readings/s.
//
// Dashboard: BENCH_STORED (10,000,000) readings generated in SQL (INSERT … SELECT generate_series,
// one reading a minute per device and metric back from now, into the month partitions) with their
// hourly and daily rollups (aggregated from those rows), then p50/p95/p99 of the office and firm
// dashboards, the device series (hour, raw and day grains) and the statistics trend, under
// BENCH_CONNECTIONS concurrent clients (park-wide staff sessions) for BENCH_DURATION seconds each.
// Goal: p95 ≤ 200 ms per endpoint (the office dashboard is the issue's figure).
//
// Output: a table on the console and bench/results/telemetry-<date>.json with PASS/FAIL per goal.
// Run it alone on the machine (`flock /tmp/bench.lock npm run bench:telemetry`): other work moves
// both sides of the ratio but not equally.
//
// Environment: BENCH_DATABASE_URL · BENCH_DEVICES=200 · BENCH_READINGS=1500 (per device and round)
// · BENCH_BATCH=500 · BENCH_HTTP_CLIENTS=16 · BENCH_ROUNDS=2 · BENCH_STORED=10000000 ·
// BENCH_CONNECTIONS=4 · BENCH_DURATION=10 · BENCH_WARMUP=2 · BENCH_SKIP_DASHBOARD=1 ·
// BENCH_KEEP=1 (keep the database bench_telemetry_<suffix>) · BENCH_CPU_PROF=<dir> (a CPU profile
// of the app process, written when it stops).
import { createHash, randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { sql } from 'kysely';
import mqtt from 'mqtt';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { telemetryTopic } from '@yuanqi/contract';
import { admin, benchLog, serverUrl, withDatabase } from './pg-bench.js';
import { openDatabase } from '../server/src/db/connection.js';
import { migrateToLatest } from '../server/src/db/migrate.js';
import { DEMO_PASSWORD, seedDemoPark } from '../server/src/db/seed/seed-demo.js';
import { ensureReadingPartitions } from '../server/src/modules/industry/telemetry/partitions.js';
import { freePort, startAppProcess, stopAppProcess, logIn, type AppProcess } from '../server/test/app-processes.js';
import { ms, pct, writeResults, type Verdict } from './verdicts.js';

function envNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be a non-negative number, got "${raw}"`);
  return n;
}

const DEVICES = Math.max(1, Math.round(envNumber('BENCH_DEVICES', 200)));
const READINGS = Math.max(3, Math.round(envNumber('BENCH_READINGS', 1500)));
const BATCH = Math.max(1, Math.round(envNumber('BENCH_BATCH', 500)));
const HTTP_CLIENTS = Math.max(1, Math.round(envNumber('BENCH_HTTP_CLIENTS', 16)));
const ROUNDS = Math.max(1, Math.round(envNumber('BENCH_ROUNDS', 2)));
const STORED = Math.round(envNumber('BENCH_STORED', 10_000_000));
const CONNECTIONS = Math.max(1, Math.round(envNumber('BENCH_CONNECTIONS', 4)));
const DURATION = envNumber('BENCH_DURATION', 10);
const WARMUP = envNumber('BENCH_WARMUP', 2);
const SKIP_DASHBOARD = process.env.BENCH_SKIP_DASHBOARD === '1';
const GOAL_RATIO = 0.5;
const GOAL_P95_MS = 200;
const METRICS = ['energy_kwh', 'power_kw', 'voltage_v'] as const;

const { log, timed } = benchLog('telemetry');

type BenchDevice = { id: string; parkId: string; enterpriseId: string; token: string; index: number };

// ---------------------------------------------------------------------------------------------
// Setup: the demo park and the bench's meters
// ---------------------------------------------------------------------------------------------

/** BENCH_DEVICES smart meters spread over the copper firms, each with a random token (stored hashed, as the app does). */
async function addMeters(db: Awaited<ReturnType<typeof openDatabase>>['db'], parkId: string): Promise<BenchDevice[]> {
  const firms = await db.selectFrom('enterprises').select('id').where('park_id', '=', parkId).where('chain', '=', 'copper').where('is_above_scale', '=', true).orderBy('uscc').execute();
  if (firms.length === 0) throw new Error('the demo park has no copper firms');
  const tokens = Array.from({ length: DEVICES }, () => randomBytes(32).toString('base64url'));
  const rows = await db
    .insertInto('iot_devices')
    .values(
      tokens.map((token, i) => ({
        park_id: parkId,
        enterprise_id: firms[i % firms.length]!.id,
        code: `BENCH-EM-${String(i + 1).padStart(4, '0')}`,
        name: `压测智能电表${i + 1}号`,
        type_code: 'power_meter',
        location: `${(i % 6) + 1}号车间配电室`,
        token_hash: createHash('sha256').update(token).digest('hex'),
        token_hint: token.slice(-4),
        token_issued_at: new Date(),
      })),
    )
    .returning(['id', 'park_id', 'enterprise_id', 'code'])
    .execute();
  const byCode = new Map(rows.map((r) => [r.code, r]));
  return tokens.map((token, i) => {
    const r = byCode.get(`BENCH-EM-${String(i + 1).padStart(4, '0')}`)!;
    return { id: r.id, parkId: r.park_id, enterpriseId: r.enterprise_id, token, index: i };
  });
}

/** The rows every method ingests: per device READINGS readings, the three metrics in turn, one second apart per metric. */
type Reading = { metric: string; ts: number; value: number };
function readingsOf(device: BenchDevice, start: number): Reading[] {
  const out: Reading[] = [];
  for (let i = 0; i < READINGS; i++) {
    const step = Math.floor(i / METRICS.length);
    const metric = METRICS[i % METRICS.length]!;
    const ts = start + step * 1000;
    const value =
      metric === 'energy_kwh' ? 10_000 + device.index * 100 + step * 0.05 : metric === 'power_kw' ? 150 + ((device.index * 7 + step) % 60) : 380 + ((device.index + step) % 9) - 4;
    out.push({ metric, ts, value: Math.round(value * 1000) / 1000 });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Ingest methods
// ---------------------------------------------------------------------------------------------

type Run = { method: 'copy' | 'http' | 'mqtt'; round: number; readings: number; seconds: number; rate: number };

async function truncate(pool: pg.Pool): Promise<void> {
  await pool.query('truncate iot_readings, iot_rollup_dirty');
}

async function countReadings(pool: pg.Pool): Promise<number> {
  return Number((await pool.query<{ n: string }>('select count(*) as n from iot_readings')).rows[0]!.n);
}

/** COPY of the same rows, text format, over one connection; the text is built before the clock starts. */
async function runCopy(pool: pg.Pool, devices: BenchDevice[], rows: Map<string, Reading[]>): Promise<number> {
  const received = new Date().toISOString();
  const chunks: Buffer[] = [];
  let lines: string[] = [];
  for (const d of devices) {
    for (const r of rows.get(d.id)!) {
      lines.push(`${d.parkId}\t${d.id}\t${r.metric}\t${new Date(r.ts).toISOString()}\t${r.value}\t${received}\n`);
      if (lines.length === 20_000) {
        chunks.push(Buffer.from(lines.join('')));
        lines = [];
      }
    }
  }
  if (lines.length) chunks.push(Buffer.from(lines.join('')));
  const client = await pool.connect();
  try {
    const t = performance.now();
    await pipeline(Readable.from(chunks), client.query(copyFrom('copy iot_readings (park_id, device_id, metric, ts, value, received_at) from stdin')));
    return (performance.now() - t) / 1000;
  } finally {
    client.release();
  }
}

/** HTTP_CLIENTS loops taking the next batch request in turn; every answer must accept the whole batch. */
async function runHttp(base: string, devices: BenchDevice[], rows: Map<string, Reading[]>): Promise<number> {
  // round-robin over the devices: a device's batches are not sent back to back
  const perDevice = devices.map((d) => {
    const all = rows.get(d.id)!;
    const out: { url: string; token: string; body: string; n: number }[] = [];
    for (let i = 0; i < all.length; i += BATCH) {
      const readings = all.slice(i, i + BATCH);
      out.push({ url: `${base}/api/industry/devices/${d.id}/telemetry`, token: d.token, body: JSON.stringify({ readings }), n: readings.length });
    }
    return out;
  });
  const requests = Array.from({ length: Math.max(...perDevice.map((b) => b.length)) }, (_, j) => perDevice.flatMap((b) => (b[j] ? [b[j]!] : []))).flat();
  let next = 0;
  const failures: string[] = [];
  const t = performance.now();
  await Promise.all(
    Array.from({ length: HTTP_CLIENTS }, async () => {
      while (next < requests.length) {
        const r = requests[next++]!;
        // a device whose batch is answered 409 (the app's answer to a deadlock or serialization
        // failure) or 503 sends it again, as a real device would; the retry is counted
        for (let attempt = 1; ; attempt++) {
          const res = await fetch(r.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${r.token}` }, body: r.body });
          const body = (await res.json()) as { accepted?: number; duplicates?: number };
          if (res.status === 200 && (body.accepted ?? 0) + (attempt > 1 ? (body.duplicates ?? 0) : 0) === r.n) break;
          failures.push(`${res.status} ${JSON.stringify(body).slice(0, 200)}`);
          if (attempt === 3 || (res.status !== 409 && res.status !== 503)) throw new Error(`HTTP ingest: a batch not accepted after ${attempt} attempts: ${failures.at(-1)}`);
        }
      }
    }),
  );
  const seconds = (performance.now() - t) / 1000;
  if (failures.length) log(`  http: ${failures.length} batches answered with an error and sent again, first: ${failures[0]}`);
  httpRetries.push(...failures);
  return seconds;
}

/** The HTTP batches answered with an error (and sent again) over the whole run. */
const httpRetries: string[] = [];

/** One MQTT client per device, connected before the clock starts; timed until the table holds every row. */
async function runMqtt(brokerUrl: string, pool: pg.Pool, devices: BenchDevice[], rows: Map<string, Reading[]>, expected: number): Promise<number> {
  const clients = await Promise.all(
    devices.map(
      (d) =>
        new Promise<mqtt.MqttClient>((resolve, reject) => {
          const c = mqtt.connect(brokerUrl, { username: d.id, password: d.token, clientId: `bench-${d.id}`, reconnectPeriod: 0, connectTimeout: 30_000 });
          c.once('connect', () => resolve(c));
          c.once('error', reject);
        }),
    ),
  );
  try {
    const payloads = devices.map((d) => {
      const all = rows.get(d.id)!;
      const out: Buffer[] = [];
      for (let i = 0; i < all.length; i += BATCH) out.push(Buffer.from(JSON.stringify({ readings: all.slice(i, i + BATCH) })));
      return out;
    });
    const t = performance.now();
    await Promise.all(clients.map(async (c, i) => {
      for (const p of payloads[i]!) await c.publishAsync(telemetryTopic(devices[i]!.id), p, { qos: 1 });
    }));
    const published = (performance.now() - t) / 1000;
    let n = 0;
    const deadline = performance.now() + 300_000;
    while ((n = await countReadings(pool)) < expected) {
      if (performance.now() > deadline) throw new Error(`MQTT ingest: only ${n} of ${expected} rows after 300 s`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const seconds = (performance.now() - t) / 1000;
    log(`  mqtt: all published (QoS 1 acknowledged) after ${published.toFixed(2)} s, all stored after ${seconds.toFixed(2)} s`);
    return seconds;
  } finally {
    await Promise.all(clients.map((c) => c.endAsync().catch(() => undefined)));
  }
}

// ---------------------------------------------------------------------------------------------
// Dashboard: 10M stored readings, rollups, and the endpoints under load
// ---------------------------------------------------------------------------------------------

async function generateStored(pool: pg.Pool, devices: BenchDevice[]): Promise<{ readings: number; hourly: number; daily: number; from: string; to: string }> {
  const perSeries = Math.max(1, Math.ceil(STORED / (devices.length * METRICS.length)));
  // one reading a minute, ending at the last whole minute
  const end = new Date(Math.floor(Date.now() / 60_000) * 60_000 - 60_000);
  const start = new Date(end.getTime() - (perSeries - 1) * 60_000);
  await pool.query(`create unlogged table if not exists bench_meters (id uuid primary key, park_id uuid not null, idx int not null)`);
  await pool.query('truncate bench_meters');
  await pool.query(`insert into bench_meters select * from unnest($1::uuid[], $2::uuid[], $3::int[])`, [devices.map((d) => d.id), devices.map((d) => d.parkId), devices.map((d) => d.index)]);
  const group = 20;
  for (let g = 0; g < devices.length; g += group) {
    const t = performance.now();
    // rows in index order (device, metric, ts): the unique index takes them as appends
    await pool.query(
      `insert into iot_readings (park_id, device_id, metric, ts, value, received_at)
       select m.park_id, m.id, k.metric, t.ts,
              case k.metric
                when 'energy_kwh' then 10000 + m.idx * 100 + n * 0.05
                when 'power_kw' then 150 + 40 * sin(n / 90.0 + m.idx) + (n % 7)
                else 380 + 3 * sin(n / 30.0 + m.idx)
              end,
              t.ts
         from bench_meters m
         cross join (values ('energy_kwh'), ('power_kw'), ('voltage_v')) k(metric)
         cross join lateral (select $1::timestamptz + (n * interval '1 minute') as ts, n from generate_series(0, $2::int - 1) n) t
        where m.idx >= $3 and m.idx < $4
        order by m.id, k.metric, t.ts`,
      [start.toISOString(), perSeries, g, g + group],
    );
    log(`  stored readings: devices ${g + 1}–${Math.min(g + group, devices.length)} of ${devices.length} (${((performance.now() - t) / 1000).toFixed(1)} s)`);
  }
  await timed('hourly rollups from the stored readings', () =>
    pool.query(`
      insert into iot_rollups_hourly (park_id, device_id, metric, hour, n, sum, min, max, first_value, last_value, last_ts)
      select r.park_id, r.device_id, r.metric, date_trunc('hour', r.ts, 'UTC'), count(*), sum(r.value), min(r.value), max(r.value),
             (array_agg(r.value order by r.ts))[1], (array_agg(r.value order by r.ts desc))[1], max(r.ts)
        from iot_readings r join bench_meters m on m.id = r.device_id
       group by 1, 2, 3, 4
      on conflict (device_id, metric, hour) do update set n = excluded.n, sum = excluded.sum, min = excluded.min, max = excluded.max,
        first_value = excluded.first_value, last_value = excluded.last_value, last_ts = excluded.last_ts`),
  );
  await timed('daily rollups (Asia/Shanghai days) from the hourly ones', () =>
    pool.query(`
      insert into iot_rollups_daily (park_id, device_id, metric, day, n, sum, min, max, first_value, last_value, last_ts)
      select h.park_id, h.device_id, h.metric, (h.hour at time zone 'Asia/Shanghai')::date, sum(h.n), sum(h.sum), min(h.min), max(h.max),
             (array_agg(h.first_value order by h.hour))[1], (array_agg(h.last_value order by h.hour desc))[1], max(h.last_ts)
        from iot_rollups_hourly h join bench_meters m on m.id = h.device_id
       group by 1, 2, 3, 4
      on conflict (device_id, metric, day) do update set n = excluded.n, sum = excluded.sum, min = excluded.min, max = excluded.max,
        first_value = excluded.first_value, last_value = excluded.last_value, last_ts = excluded.last_ts`),
  );
  // the meters are online with their last values, as ingest would have left them
  await pool.query(`
    update iot_devices d set online = true, last_seen_at = now(), status_changed_at = now(),
           last_values = (select jsonb_object_agg(h.metric, jsonb_build_object('value', h.last_value, 'ts', h.last_ts))
                            from (select distinct on (metric) metric, last_value, last_ts from iot_rollups_hourly where device_id = d.id order by metric, hour desc) h)
     where d.id in (select id from bench_meters)`);
  await timed('analyze', () => pool.query('analyze'));
  const counts = (
    await pool.query<{ readings: string; hourly: string; daily: string }>(`
      select (select count(*) from iot_readings) as readings,
             (select count(*) from iot_rollups_hourly) as hourly,
             (select count(*) from iot_rollups_daily) as daily`)
  ).rows[0]!;
  return { readings: Number(counts.readings), hourly: Number(counts.hourly), daily: Number(counts.daily), from: start.toISOString(), to: end.toISOString() };
}

type Latency = { requests: number; errors: number; rps: number; p50: number; p95: number; p99: number; max: number };

/** CONNECTIONS loops over the URLs (rotating sessions) for WARMUP + DURATION seconds; latencies after the warm-up. */
async function load(urls: string[], cookies: string[]): Promise<Latency> {
  const lat: number[] = [];
  let errors = 0;
  let next = 0;
  const measureFrom = performance.now() + WARMUP * 1000;
  const end = measureFrom + DURATION * 1000;
  const firstErrors: string[] = [];
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (performance.now() < end) {
        const i = next++;
        const url = urls[i % urls.length]!;
        const t = performance.now();
        const res = await fetch(url, { headers: { cookie: cookies[i % cookies.length]! } });
        const text = await res.text();
        if (t < measureFrom) continue;
        lat.push(performance.now() - t);
        if (res.status !== 200) {
          errors++;
          if (firstErrors.length < 3) firstErrors.push(`${res.status} ${url.replace(/^http:\/\/[^/]+/, '')} ${text.slice(0, 200)}`);
        }
      }
    }),
  );
  if (firstErrors.length) log(`  errors: ${firstErrors.join(' | ')}`);
  lat.sort((a, b) => a - b);
  const q = (p: number) => (lat.length ? lat[Math.min(lat.length - 1, Math.ceil(p * lat.length) - 1)]! : Number.NaN);
  return { requests: lat.length, errors, rps: lat.length / DURATION, p50: q(0.5), p95: q(0.95), p99: q(0.99), max: lat.at(-1) ?? Number.NaN };
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const started = performance.now();
  const server = serverUrl();
  const name = `bench_telemetry_${randomBytes(4).toString('hex')}`;
  log(`PostgreSQL ${server.replace(/\/\/[^@]*@/, '//***@')} → ${name}; ${DEVICES} devices × ${READINGS} readings per round, batches of ${BATCH}, ${HTTP_CLIENTS} HTTP clients, ${ROUNDS} rounds; ${os.cpus().length} cores, load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  await admin(server, `create database ${name}`);
  const url = withDatabase(server, name);
  const database = await openDatabase({ url, poolSize: 4 });
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  let app: AppProcess | null = null;
  try {
    await timed('migrate', () => migrateToLatest(database.db));
    const seed = await timed('demo park (seedDemoPark)', () => seedDemoPark(database.db, { withDemoUsers: true }));
    const devices = await addMeters(database.db, seed.parkId);
    await ensureReadingPartitions(database.db, new Date());
    await sql`analyze`.execute(database.db);
    log(`demo park ${seed.enterprises} firms; ${DEVICES} bench meters on its copper firms`);

    const mqttPort = await freePort();
    app = await timed('app process (server/src/main.ts)', () =>
      startAppProcess(
        'app',
        {
          DATABASE_URL: url,
          DB_POOL_SIZE: '10',
          MQTT_PORT: String(mqttPort),
          IOT_SIMULATOR: 'off',
          TRUST_PROXY: '127.0.0.1',
          LOG_LEVEL: 'warn',
          // BENCH_CPU_PROF=<dir>: the app process writes a V8 CPU profile there when it stops
          ...(process.env.BENCH_CPU_PROF ? { NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require ${path.join(path.dirname(fileURLToPath(import.meta.url)), 'telemetry', 'cpu-profile.cjs')}`.trim() } : {}),
        },
        { readyTimeoutMs: 300_000 },
      ),
    );
    const brokerUrl = `mqtt://127.0.0.1:${mqttPort}`;

    // ------------------------------------------------------------------ ingest side by side
    const start = Math.floor(Date.now() / 1000) * 1000 - 3 * 3_600_000;
    const rows = new Map(devices.map((d) => [d.id, readingsOf(d, start)]));
    const expected = DEVICES * READINGS;
    const runs: Run[] = [];
    // round 0 warms up (the app's JIT, the connections, PostgreSQL's caches) and is not counted
    for (let round = 0; round <= ROUNDS; round++) {
      for (const method of ['copy', 'http', 'mqtt'] as const) {
        await truncate(pool);
        // a quiet second: the sweeps finish what the previous method left
        await new Promise((resolve) => setTimeout(resolve, 1000));
        const seconds =
          method === 'copy' ? await runCopy(pool, devices, rows) : method === 'http' ? await runHttp(app.base, devices, rows) : await runMqtt(brokerUrl, pool, devices, rows, expected);
        const stored = await countReadings(pool);
        if (stored !== expected) throw new Error(`${method}: ${stored} rows stored, expected ${expected}`);
        const run = { method, round, readings: expected, seconds, rate: expected / seconds };
        if (round > 0) runs.push(run);
        log(`${round === 0 ? 'warm-up (not counted)' : `round ${round}`} ${method.padEnd(4)} ${expected.toLocaleString('en')} readings in ${seconds.toFixed(2)} s = ${Math.round(run.rate).toLocaleString('en')} readings/s (load ${os.loadavg()[0]!.toFixed(1)})`);
      }
    }
    const rateOf = (m: Run['method']) => {
      const r = runs.filter((x) => x.method === m);
      return r.reduce((s, x) => s + x.readings, 0) / r.reduce((s, x) => s + x.seconds, 0);
    };
    const ingest = { copy: rateOf('copy'), http: rateOf('http'), mqtt: rateOf('mqtt') };

    // ------------------------------------------------------------------ dashboard over stored readings
    let stored: Awaited<ReturnType<typeof generateStored>> | null = null;
    const endpoints: { key: string; what: string; latency: Latency }[] = [];
    if (!SKIP_DASHBOARD) {
      await truncate(pool);
      stored = await timed(`generate ${STORED.toLocaleString('en')} stored readings and their rollups`, () => generateStored(pool, devices));
      log(`stored: ${JSON.stringify(stored)}`);
      // park-wide staff who read the industry cloud, a session each
      const cookies: string[] = [];
      for (const u of ['dispatcher', 'leader', 'admin', 'finance_officer']) cookies.push((await logIn(app.base, u, DEMO_PASSWORD)).cookie);
      const b = app.base;
      const firms = [...new Set(devices.map((d) => d.enterpriseId))];
      const hour = 3_600_000;
      const to = new Date(Math.floor(Date.now() / hour) * hour);
      const iso = (t: number) => new Date(t).toISOString();
      const plans: { key: string; what: string; urls: string[] }[] = [
        { key: 'office', what: '产业云总览 GET /api/industry/dashboard/office', urls: [`${b}/api/industry/dashboard/office`] },
        { key: 'firm', what: '企业看板 GET /api/industry/dashboard/firm/:id', urls: firms.map((f) => `${b}/api/industry/dashboard/firm/${f}`) },
        {
          key: 'seriesHour',
          what: '设备曲线 24 h 按小时 GET …/series',
          urls: devices.map((d, i) => `${b}/api/industry/devices/${d.id}/series?metric=${METRICS[i % 3]}&grain=hour&from=${iso(to.getTime() - 24 * hour)}&to=${iso(to.getTime())}`),
        },
        {
          key: 'seriesRaw',
          what: '设备曲线 6 h 原始 GET …/series',
          urls: devices.map((d, i) => `${b}/api/industry/devices/${d.id}/series?metric=${METRICS[i % 3]}&grain=raw&from=${iso(to.getTime() - 6 * hour)}&to=${iso(to.getTime())}`),
        },
        { key: 'seriesDay', what: '设备曲线 30 天 按日 GET …/series', urls: devices.map((d, i) => `${b}/api/industry/devices/${d.id}/series?metric=${METRICS[i % 3]}&grain=day`) },
        {
          key: 'trend',
          what: '铜产业链产值趋势 GET /api/industry/stats/trend',
          urls: [`${b}/api/industry/stats/trend?chain=copper&indicators=output_fen,copper_sales_t`, `${b}/api/industry/stats/trend?chain=copper&indicators=output_fen`, `${b}/api/industry/stats/trend?indicators=revenue_fen`],
        },
      ];
      for (const p of plans) {
        const probe = await fetch(p.urls[0]!, { headers: { cookie: cookies[0]! } });
        const text = await probe.text();
        if (probe.status !== 200) throw new Error(`${p.urls[0]}: ${probe.status} ${text.slice(0, 300)}`);
        log(`  ${p.key}: ${text.length.toLocaleString('en')} bytes, e.g. ${text.slice(0, 160).replace(/\s+/g, ' ')}…`);
      }
      for (const p of plans) {
        const latency = await load(p.urls, cookies);
        endpoints.push({ key: p.key, what: p.what, latency });
        log(`${p.key}: p50 ${latency.p50.toFixed(1)} ms, p95 ${latency.p95.toFixed(1)} ms, p99 ${latency.p99.toFixed(1)} ms, ${latency.requests} requests, ${latency.errors} errors (load ${os.loadavg()[0]!.toFixed(1)})`);
      }
    }

    // ------------------------------------------------------------------ report
    const fmtRate = (n: number) => Math.round(n).toLocaleString('en').padStart(10);
    console.log('');
    console.log(`  遥测基准 bench:telemetry — PostgreSQL, ${os.cpus().length} cores, ${DEVICES} devices × ${READINGS} readings (${expected.toLocaleString('en')} rows) per method and round, ${ROUNDS} rounds`);
    console.log(`  ${'method'.padEnd(52)} ${'readings/s'.padStart(10)}  ${'÷ COPY'.padStart(8)}`);
    console.log(`  ${'COPY … FROM STDIN (one connection, the limit)'.padEnd(52)} ${fmtRate(ingest.copy)}  ${'100.0 %'.padStart(8)}`);
    console.log(`  ${`HTTP POST …/telemetry, ${HTTP_CLIENTS} clients, batches of ${BATCH}`.padEnd(52)} ${fmtRate(ingest.http)}  ${pct(ingest.http / ingest.copy).padStart(8)}`);
    console.log(`  ${`MQTT embedded broker, ${DEVICES} clients, batches of ${BATCH}`.padEnd(52)} ${fmtRate(ingest.mqtt)}  ${pct(ingest.mqtt / ingest.copy).padStart(8)}`);
    if (stored) {
      console.log('');
      console.log(`  dashboard over ${stored.readings.toLocaleString('en')} stored readings (${stored.hourly.toLocaleString('en')} hourly, ${stored.daily.toLocaleString('en')} daily rollups), ${CONNECTIONS} clients × ${DURATION} s`);
      console.log(`  ${'endpoint'.padEnd(44)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'req'.padStart(6)} ${'err'.padStart(4)}`);
      for (const e of endpoints) console.log(`  ${e.what.padEnd(44)} ${e.latency.p50.toFixed(1).padStart(8)} ${e.latency.p95.toFixed(1).padStart(8)} ${e.latency.p99.toFixed(1).padStart(8)} ${String(e.latency.requests).padStart(6)} ${String(e.latency.errors).padStart(4)}`);
    }
    console.log('');
    const verdicts: Verdict[] = [
      {
        figure: 'HTTP ingest ÷ COPY',
        goal: `≥ ${pct(GOAL_RATIO)}, every batch accepted the first time`,
        result: `${Math.round(ingest.http).toLocaleString('en')} ÷ ${Math.round(ingest.copy).toLocaleString('en')} readings/s = ${pct(ingest.http / ingest.copy)}; ${httpRetries.length} batches answered with an error and sent again`,
        pass: ingest.http / ingest.copy >= GOAL_RATIO && httpRetries.length === 0,
      },
      { figure: 'MQTT ingest ÷ COPY', goal: `≥ ${pct(GOAL_RATIO)}`, result: `${Math.round(ingest.mqtt).toLocaleString('en')} ÷ ${Math.round(ingest.copy).toLocaleString('en')} readings/s = ${pct(ingest.mqtt / ingest.copy)}`, pass: ingest.mqtt / ingest.copy >= GOAL_RATIO },
      ...endpoints.map((e) => ({
        figure: `${e.what}, ${stored!.readings.toLocaleString('en')} stored readings`,
        goal: `p95 ≤ ${GOAL_P95_MS} ms, 0 errors`,
        result: `p95 ${ms(e.latency.p95)}, ${e.latency.errors} errors of ${e.latency.requests}`,
        pass: e.latency.p95 <= GOAL_P95_MS && e.latency.errors === 0,
      })),
    ];
    const out = {
      benchmark: 'telemetry',
      at: new Date().toISOString(),
      machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? null, node: process.version, loadavg: os.loadavg() },
      database: 'postgres',
      settings: { devices: DEVICES, readingsPerDevice: READINGS, batch: BATCH, httpClients: HTTP_CLIENTS, mqttClients: DEVICES, rounds: ROUNDS, stored: STORED, connections: CONNECTIONS, durationSeconds: DURATION, warmupSeconds: WARMUP },
      ingest: { readingsPerSecond: ingest, ratios: { http: ingest.http / ingest.copy, mqtt: ingest.mqtt / ingest.copy }, runs, httpRetries },
      dashboard: stored ? { stored, endpoints } : null,
      goals: { ingestRatio: GOAL_RATIO, p95Ms: GOAL_P95_MS },
      totalSeconds: Math.round((performance.now() - started) / 1000),
    };
    log(`results → ${writeResults('telemetry', out, verdicts)} (${out.totalSeconds} s in all)`);
  } finally {
    if (app) await stopAppProcess(app).catch(() => undefined);
    await pool.end().catch(() => undefined);
    await database.close().catch(() => undefined);
    if (process.env.BENCH_KEEP === '1') log(`kept database ${name}`);
    else await admin(server, `drop database if exists ${name} with (force)`).catch((err) => log(`could not drop ${name}: ${(err as Error).message}`));
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
