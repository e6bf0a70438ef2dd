// `npm run bench:api`: what the platform costs on a real read.
//
// For each database kind (embedded PGlite, a PostgreSQL server) the demo park is seeded into a
// fresh database, then two HTTP servers run in this process on the same Kysely connection:
//   real — the app itself (buildApp): session cookie → session lookup, permission, zod parsing
//          of the query, the enterprise service and presenter, hooks, JSON;
//   bare — a plain Fastify() with one route that calls the same repository function with the
//          same (pre-parsed) query and scope and returns its rows: no auth, validation or presenter.
// autocannon (in a child process, so it does not share the servers' event loop) loads each one in
// turn with the same logged-in, filtered page-of-20 request. Goal: real ≥ 85% of bare req/s (issue 12;
// it was 70 %), on each database, with CPU real/bare printed beside it.
//
// Environment: BENCH_DATABASES=pglite,postgres (default both) · BENCH_DATABASE_URL (a server to
// create the throwaway bench_* database on; default: scripts/pg-local.sh start) ·
// BENCH_ROUNDS=2 × BENCH_DURATION=5 s measured per route, in the order real, bare, bare, real …
// (so a machine load that drifts during the run weighs on both alike) · BENCH_WARMUP=2 s ·
// BENCH_CONNECTIONS=10 · SESSION_CACHE_SECONDS (default 5, as the server; 0 reads the session on
// every request, the platform before issue 12).
// Exits non-zero on errors (setup failure, failed requests), never on a missed goal.
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Options, Result } from 'autocannon';
import Fastify, { type FastifyInstance } from 'fastify';
import pg from 'pg';
import { ZListEnterprisesQuery, type ListEnterprisesQuery } from '@yuanqi/contract';
import { buildApp } from '../server/src/app.js';
import { openDatabase, type Database, type DatabaseKind } from '../server/src/db/connection.js';
import { migrateToLatest } from '../server/src/db/migrate.js';
import { DEMO_PASSWORD, seedDemoPark } from '../server/src/db/seed/seed-demo.js';
import { listEnterprises } from '../server/src/modules/enterprises/repository.js';
import { pct, writeResults, type Verdict } from './verdicts.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const GOAL = 0.85;
const PAGE_SIZE = 20;
const LOGIN = 'dispatcher';

function envNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number, got "${raw}"`);
  return n;
}

const DURATION = envNumber('BENCH_DURATION', 5);
const WARMUP = envNumber('BENCH_WARMUP', 2);
const CONNECTIONS = envNumber('BENCH_CONNECTIONS', 10);
const ROUNDS = Math.round(envNumber('BENCH_ROUNDS', 2));
const SESSION_CACHE_SECONDS = process.env.SESSION_CACHE_SECONDS === '0' ? 0 : envNumber('SESSION_CACHE_SECONDS', 5);
const KINDS = (process.env.BENCH_DATABASES ?? 'pglite,postgres')
  .split(',')
  .map((s) => s.trim())
  .filter(Boolean) as DatabaseKind[];
for (const k of KINDS) if (k !== 'pglite' && k !== 'postgres') throw new Error(`BENCH_DATABASES: unknown kind "${k}"`);

/** The filtered page the benchmark asks for; the first candidate that yields a full page wins. */
const QUERY_CANDIDATES = [
  'chain=iot&page=2&pageSize=20&q=科技',
  'chain=iot&page=1&pageSize=20&q=科技',
  'chain=iot&page=2&pageSize=20',
  'q=科技&page=2&pageSize=20',
];

type RouteKind = 'real' | 'bare';

type Measurement = {
  database: DatabaseKind;
  route: RouteKind;
  url: string;
  connections: number;
  /** Measured phases (BENCH_ROUNDS). */
  phases: number;
  durationSeconds: number;
  requests: number;
  reqPerSec: number;
  /** req/s of each measured phase, in the order run. */
  phaseReqPerSec: number[];
  latencyMs: { avg: number; p50: number; p90: number; p99: number; max: number };
  /** CPU time of this process (both servers, and PGlite when embedded) per request served. */
  serverCpuMicrosPerRequest: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  statusCodes: Record<string, number>;
};

type DatabaseReport = {
  database: DatabaseKind;
  setupMs: { open: number; migrate: number; seed: number };
  enterprises: number;
  query: string;
  total: number;
  real: Measurement;
  bare: Measurement;
  /** real req/s ÷ bare req/s: the goal is ≥ 0.85. */
  ratio: number;
  /** bare CPU/request ÷ real CPU/request: what the ratio would be if this process's CPU were the only limit. */
  cpuRatio: number;
  pass: boolean;
};

const log = (...args: unknown[]) => console.log(...args);
const cleanupFailures: string[] = [];

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const value = await fn();
  return [value, Math.round(performance.now() - t0)];
}

// autocannon runs in a child process: it gets its own event loop (and core) instead of competing
// with the servers on this thread, and this process's CPU time is then the servers' alone.
const AUTOCANNON = createRequire(import.meta.url).resolve('autocannon');
const CHILD = `require(process.argv[1])(JSON.parse(process.argv[2])).then(
  (r) => process.stdout.write(JSON.stringify(r)),
  (e) => { console.error(e); process.exit(1); })`;

type Load = { result: Result; cpuMicros: number };

async function load(url: string, cookie: string | null, seconds: number): Promise<Load> {
  const options: Options = { url, connections: CONNECTIONS, duration: seconds, headers: cookie ? { cookie } : {}, timeout: 10 };
  const cpu0 = process.cpuUsage();
  const child = spawn(process.execPath, ['-e', CHILD, AUTOCANNON, JSON.stringify(options)], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
  const cpu = process.cpuUsage(cpu0);
  if (code !== 0) throw new Error(`autocannon exited with ${code}`);
  return { result: JSON.parse(out) as Result, cpuMicros: cpu.user + cpu.system };
}

/** One route's phases (one per round) as one measurement. */
function toMeasurement(database: DatabaseKind, route: RouteKind, loads: Load[]): Measurement {
  const first = loads[0]!.result;
  const requests = loads.reduce((n, l) => n + l.result.requests.total, 0);
  const seconds = loads.reduce((n, l) => n + l.result.duration, 0);
  const cpu = loads.reduce((n, l) => n + l.cpuMicros, 0);
  const sum = (f: (r: Result) => number) => loads.reduce((n, l) => n + f(l.result), 0);
  // Percentiles over several phases: the request-weighted mean of each phase's (exact for one phase).
  const weighted = (f: (r: Result) => number) =>
    requests > 0 ? Math.round((loads.reduce((n, l) => n + f(l.result) * l.result.requests.total, 0) / requests) * 100) / 100 : 0;
  const statusCodes: Record<string, number> = {};
  for (const l of loads) for (const [code, st] of Object.entries(l.result.statusCodeStats ?? {})) statusCodes[code] = (statusCodes[code] ?? 0) + st.count;
  return {
    database,
    route,
    url: first.url,
    connections: first.connections,
    phases: loads.length,
    durationSeconds: Math.round(seconds * 100) / 100,
    requests,
    reqPerSec: seconds > 0 ? Math.round(requests / seconds) : 0,
    phaseReqPerSec: loads.map((l) => (l.result.duration > 0 ? Math.round(l.result.requests.total / l.result.duration) : 0)),
    latencyMs: {
      avg: weighted((r) => r.latency.average),
      p50: weighted((r) => r.latency.p50),
      p90: weighted((r) => r.latency.p90),
      p99: weighted((r) => r.latency.p99),
      max: Math.max(...loads.map((l) => l.result.latency.max)),
    },
    serverCpuMicrosPerRequest: requests > 0 ? Math.round(cpu / requests) : 0,
    errors: sum((r) => r.errors),
    timeouts: sum((r) => r.timeouts),
    non2xx: sum((r) => r.non2xx),
    statusCodes,
  };
}

const PG_LOCAL = path.join(root, 'scripts/pg-local.sh');
/** Set when this run started the local cluster: it is stopped again at the end. */
let startedLocalServer = false;

async function reachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1500 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

/** A PostgreSQL server URL: BENCH_DATABASE_URL, or the throwaway local cluster of scripts/pg-local.sh. */
async function serverUrl(): Promise<string> {
  if (process.env.BENCH_DATABASE_URL) return process.env.BENCH_DATABASE_URL;
  const port = process.env.PGPORT_LOCAL ?? '54329';
  const wasRunning = await reachable(`postgres://postgres@127.0.0.1:${port}/postgres`);
  log(`  ${wasRunning ? 'using the running' : 'starting a'} local PostgreSQL (scripts/pg-local.sh start) …`);
  const out = execFileSync('bash', [PG_LOCAL, 'start'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  const url = out.trim().split('\n').at(-1)?.trim();
  if (!url?.startsWith('postgres')) throw new Error(`scripts/pg-local.sh start printed no URL: ${out}`);
  startedLocalServer = !wasRunning;
  return url;
}

function stopLocalServer(): void {
  if (!startedLocalServer) return;
  execFileSync('bash', [PG_LOCAL, 'stop'], { stdio: 'inherit' });
  startedLocalServer = false;
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function adminQuery(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

type Opened = { database: Database; cleanup: () => Promise<void> };

async function openFresh(kind: DatabaseKind): Promise<Opened> {
  if (kind === 'pglite') {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yq-bench-pglite-'));
    const database = await openDatabase({ dataDir });
    return {
      database,
      cleanup: async () => {
        await database.close();
        fs.rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  const base = await serverUrl();
  const name = `bench_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  await adminQuery(base, `create database ${name}`);
  const url = withDatabase(base, name);
  log(`  database ${url.replace(/\/\/[^@/]*@/, '//…@')}`);
  const database = await openDatabase({ url, poolSize: 10 });
  return {
    database,
    cleanup: async () => {
      await database.close();
      await adminQuery(base, `drop database if exists ${name} with (force)`);
    },
  };
}

async function listen(app: FastifyInstance): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('no TCP address');
  return `http://127.0.0.1:${address.port}`;
}

async function logIn(base: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: LOGIN, password: DEMO_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`log-in as ${LOGIN} answered ${res.status}: ${await res.text()}`);
  const session = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .find((c) => c.startsWith('yq_session='));
  if (!session) throw new Error('log-in set no yq_session cookie');
  return session;
}

type Page = { items: { id: string }[]; total: number };

async function getPage(url: string, cookie: string | null): Promise<{ status: number; body: Page }> {
  const res = await fetch(url, { headers: cookie ? { cookie } : {} });
  const text = await res.text();
  let body: Page;
  try {
    body = JSON.parse(text) as Page;
  } catch {
    throw new Error(`${url} answered ${res.status} with non-JSON: ${text.slice(0, 200)}`);
  }
  return { status: res.status, body };
}

async function benchDatabase(kind: DatabaseKind): Promise<DatabaseReport> {
  log(`\n── ${kind} ──`);
  const [opened, openMs] = await timed(() => openFresh(kind));
  const { database } = opened;
  const apps: FastifyInstance[] = [];
  try {
    const [, migrateMs] = await timed(() => migrateToLatest(database.db));
    const [seeded, seedMs] = await timed(() => seedDemoPark(database.db, { withDemoUsers: true }));
    log(`  open ${openMs} ms · migrate ${migrateMs} ms · seed ${seedMs} ms (${seeded.enterprises} enterprises, ${seeded.users} users)`);

    // SESSION_CACHE_SECONDS as the server reads it (default 5; 0 = the session read on every request)
    const { app } = await buildApp({ database, config: { sessionCacheSeconds: SESSION_CACHE_SECONDS } });
    apps.push(app);
    const realBase = await listen(app);

    // The bare peer: same connection, same repository call, nothing else.
    const bare = Fastify();
    apps.push(bare);
    const scope = { kind: 'park', parkId: seeded.parkId } as const;
    let parsed: ListEnterprisesQuery | null = null;
    bare.get('/api/enterprises', async () => {
      const { rows, total } = await listEnterprises(database.db, scope, parsed!);
      return { items: rows, total };
    });
    const bareBase = await listen(bare);

    const cookie = await logIn(realBase);

    // Pick the filtered page: it must answer 200 with a full page of 20 on the real route.
    let query: string | null = null;
    let realPage: Page | null = null;
    for (const candidate of QUERY_CANDIDATES) {
      const { status, body } = await getPage(`${realBase}/api/enterprises?${candidate}`, cookie);
      if (status !== 200) throw new Error(`GET /api/enterprises?${candidate} answered ${status}: ${JSON.stringify(body).slice(0, 300)}`);
      if (body.items.length === PAGE_SIZE) {
        query = candidate;
        realPage = body;
        break;
      }
      log(`  ${candidate}: only ${body.items.length} items, trying another filter`);
    }
    if (!query || !realPage) throw new Error(`no candidate filter yields a page of ${PAGE_SIZE}`);
    parsed = ZListEnterprisesQuery.parse(Object.fromEntries(new URLSearchParams(query)));

    // Both routes must answer the same rows, or the comparison is meaningless.
    const barePage = await getPage(`${bareBase}/api/enterprises?${query}`, null);
    if (barePage.status !== 200) throw new Error(`bare route answered ${barePage.status}`);
    const same = barePage.body.total === realPage.total && barePage.body.items.map((i) => i.id).join() === realPage.items.map((i) => i.id).join();
    if (!same) throw new Error('the bare route answers different rows from the real route');
    log(`  GET /api/enterprises?${query} → 200, ${realPage.items.length} items of ${realPage.total}`);

    const realUrl = `${realBase}/api/enterprises?${encodeURI(query)}`;
    const bareUrl = `${bareBase}/api/enterprises?${encodeURI(query)}`;

    log(`  warm-up ${WARMUP} s each …`);
    await load(realUrl, cookie, WARMUP);
    await load(bareUrl, null, WARMUP);

    // Alternating phases; with several rounds the order is real, bare, bare, real … so a load
    // that drifts steadily over the run weighs on both routes alike.
    const phases: Record<RouteKind, Load[]> = { real: [], bare: [] };
    for (let round = 0; round < ROUNDS; round++) {
      const order: RouteKind[] = round % 2 === 0 ? ['real', 'bare'] : ['bare', 'real'];
      for (const route of order) {
        log(`  ${route} ${CONNECTIONS} connections × ${DURATION} s${ROUNDS > 1 ? ` (round ${round + 1}/${ROUNDS})` : ''} …`);
        phases[route].push(route === 'real' ? await load(realUrl, cookie, DURATION) : await load(bareUrl, null, DURATION));
      }
    }
    const real = toMeasurement(kind, 'real', phases.real);
    const bareM = toMeasurement(kind, 'bare', phases.bare);

    const ratio = bareM.reqPerSec > 0 ? real.reqPerSec / bareM.reqPerSec : 0;
    const cpuRatio = real.serverCpuMicrosPerRequest > 0 ? bareM.serverCpuMicrosPerRequest / real.serverCpuMicrosPerRequest : 0;
    return {
      database: kind,
      setupMs: { open: openMs, migrate: migrateMs, seed: seedMs },
      enterprises: seeded.enterprises,
      query,
      total: realPage.total,
      real,
      bare: bareM,
      ratio,
      cpuRatio,
      pass: ratio >= GOAL,
    };
  } finally {
    for (const a of apps.reverse()) await a.close().catch(() => {});
    await opened.cleanup().catch((e: unknown) => {
      console.error(`  cleanup failed: ${String(e)}`);
      cleanupFailures.push(`${kind}: cleanup failed: ${String(e)}`);
    });
  }
}

function pad(text: string, width: number, right = false): string {
  return right ? text.padStart(width) : text.padEnd(width);
}

function printTable(reports: DatabaseReport[]): void {
  const head = ['database', 'route', 'req/s', 'p50 ms', 'p99 ms', 'errors', 'non-2xx', 'real/bare', 'cpu µs/req', 'cpu real/bare'];
  const widths = [10, 6, 8, 8, 8, 7, 8, 10, 10, 13];
  const line = (cells: string[]) => cells.map((c, i) => pad(c, widths[i]!, i >= 2)).join('  ');
  log('\n' + line(head));
  log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of reports) {
    for (const m of [r.real, r.bare]) {
      log(
        line([
          r.database,
          m.route,
          String(m.reqPerSec),
          m.latencyMs.p50.toFixed(1),
          m.latencyMs.p99.toFixed(1),
          String(m.errors + m.timeouts),
          String(m.non2xx),
          m.route === 'real' ? `${(r.ratio * 100).toFixed(1)}%` : '',
          String(m.serverCpuMicrosPerRequest),
          m.route === 'real' ? `${(r.cpuRatio * 100).toFixed(1)}%` : '',
        ]),
      );
    }
  }
  log('');
  log('cpu µs/req: this process\'s CPU time per request (servers + embedded PGlite; not the PostgreSQL server\'s);');
  log('cpu real/bare: bare ÷ real CPU per request, a cross-check of the ratio that other load on the machine hardly moves.');
}

async function main(): Promise<number> {
  log(`bench:api — GET /api/enterprises (logged in as ${LOGIN}) vs a bare Fastify route on the same query`);
  log(`${CONNECTIONS} connections, warm-up ${WARMUP} s, ${ROUNDS} × ${DURATION} s per route; Node ${process.version}, ${os.cpus().length} CPUs, load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  const loadBefore = os.loadavg();
  if (loadBefore[0]! > os.cpus().length * 0.75) {
    log(`note: the machine is already busy (1-minute load ${loadBefore[0]!.toFixed(1)} on ${os.cpus().length} CPUs): req/s will be noisy; the cpu columns are steadier`);
  }

  const reports: DatabaseReport[] = [];
  const failures: string[] = [];
  for (const kind of KINDS) {
    try {
      reports.push(await benchDatabase(kind));
    } catch (e) {
      failures.push(`${kind}: ${e instanceof Error ? e.message : String(e)}`);
      console.error(`  ${kind} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    }
  }

  try {
    stopLocalServer();
  } catch (e) {
    failures.push(`stopping the local PostgreSQL failed: ${String(e)}`);
  }
  failures.push(...cleanupFailures);
  if (reports.length > 0) printTable(reports);
  for (const r of reports) {
    for (const m of [r.real, r.bare]) {
      if (m.errors + m.timeouts + m.non2xx > 0) failures.push(`${r.database}/${m.route}: ${m.errors} errors, ${m.timeouts} timeouts, ${m.non2xx} non-2xx`);
    }
  }

  const verdicts: Verdict[] = reports.map((r) => ({
    figure: `${r.database}: real route's share of the bare route's req/s`,
    goal: `≥ ${pct(GOAL)}`,
    result: `${pct(r.ratio)} (cpu real/bare ${pct(r.cpuRatio)})`,
    pass: r.pass && r.real.errors + r.real.timeouts + r.real.non2xx === 0,
  }));
  for (const f of failures) verdicts.push({ figure: 'run', goal: 'no errors', result: f, pass: false });
  const outFile = writeResults(
    'api',
    {
      at: new Date().toISOString(),
      goal: GOAL,
      settings: { connections: CONNECTIONS, warmupSeconds: WARMUP, durationSeconds: DURATION, rounds: ROUNDS, login: LOGIN, sessionCacheSeconds: SESSION_CACHE_SECONDS },
      machine: { node: process.version, cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? null, loadavgBefore: loadBefore, loadavgAfter: os.loadavg() },
      results: reports,
      failures,
    },
    verdicts,
  );
  log(`\nresults written to ${outFile}`);

  if (failures.length > 0) {
    console.error(`\nerrors:\n  ${failures.join('\n  ')}`);
    return 1;
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
