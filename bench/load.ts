// `npm run bench:load`: the platform under a park's working day, on the production shape.
//
// A fresh database on a PostgreSQL server is seeded with the demo park (plus one log-in per
// enterprise user the bench plays), THREE app processes (server/src/main.ts, as `npm start` runs
// it, each on its own port) start on it, and nginx, started by this script with a configuration
// generated into a temp folder, balances them on a loopback port. Then LOAD_USERS virtual users
// (200) log in through nginx as demo users of their role and, for LOAD_DURATION seconds (60),
// each follows its role's scenario with think time: enterprise staff on the phone pages
// (工作台, 我的诉求, 为我推荐的政策, 我的办件, 办事指南 search, filing a demand), liaisons
// (demand queue, assigned firms, 走访 records, logging a visit), the dispatcher's board, the
// approval bureau's queue and the policy window's matching views.
//
// Reports requests, throughput, p50/p99 per route, errors (every answer that is not 2xx, every
// network error or timeout: the scenarios ask for nothing that should fail) and each app
// process's resident memory before and after. PASS needs errors = 0 and no process growing by
// more than LOAD_RSS_GROWTH_MB (150). Exits non-zero on FAIL. Results go to bench/results/.
//
// Environment: BENCH_DATABASE_URL or TEST_DATABASE_URL (a PostgreSQL server to create the
// throwaway database on; default: scripts/pg-local.sh start) · LOAD_USERS=200 · LOAD_DURATION=60 ·
// LOAD_THINK_MS=3000-8000 (uniform) · LOAD_PROCESSES=3 · NGINX=/usr/sbin/nginx.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import pg from 'pg';
import { openDatabase } from '../server/src/db/connection.js';
import { migrateToLatest } from '../server/src/db/migrate.js';
import { DEMO_PASSWORD, seedDemoPark } from '../server/src/db/seed/seed-demo.js';
import { hashPassword } from '../server/src/platform/passwords.js';
import { freePort, root, startAppProcess, stopAppProcess, type AppProcess, type Session } from '../server/test/app-processes.js';
import { writeResults, type Verdict } from './verdicts.js';

function envNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number, got "${raw}"`);
  return n;
}

const USERS = Math.round(envNumber('LOAD_USERS', 200));
const DURATION_S = envNumber('LOAD_DURATION', 60);
const PROCESSES = Math.round(envNumber('LOAD_PROCESSES', 3));
const RSS_GROWTH_MB = envNumber('LOAD_RSS_GROWTH_MB', 150);
const [THINK_MIN, THINK_MAX] = (process.env.LOAD_THINK_MS ?? '3000-8000').split('-').map(Number) as [number, number];
const NGINX = process.env.NGINX ?? '/usr/sbin/nginx';
const REQUEST_TIMEOUT_MS = 30_000;
const PG_LOCAL = path.join(root, 'scripts/pg-local.sh');

/** Share of the virtual users per role (the rest of 1 goes to enterprise staff). */
const MIX = { liaison: 0.2, dispatcher: 0.08, approver: 0.1, policy_officer: 0.12 } as const;
type Role = 'enterprise' | keyof typeof MIX;

const log = (...args: unknown[]) => console.log(...args);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// Keep-alive connections to nginx, as browsers hold them; at most one request per virtual user is
// usually in flight, a page's few together.
const agent = new http.Agent({ keepAlive: true, maxSockets: 512 });

type Answer = { status: number; text: string; setCookie: string[] };

/** One HTTP request through the keep-alive agent (status 0 on a network error or timeout). */
function send(method: string, url: string, headers: Record<string, string>, body?: string): Promise<Answer> {
  return new Promise((resolve) => {
    const req = http.request(url, { method, agent, headers: body === undefined ? headers : { ...headers, 'content-length': String(Buffer.byteLength(body)) }, timeout: REQUEST_TIMEOUT_MS }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8'), setCookie: res.headers['set-cookie'] ?? [] }));
      res.on('error', (e) => resolve({ status: 0, text: e.message, setCookie: [] }));
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${REQUEST_TIMEOUT_MS} ms`)));
    req.on('error', (e) => resolve({ status: 0, text: e.message, setCookie: [] }));
    req.end(body);
  });
}

// ── PostgreSQL ─────────────────────────────────────────────────────────────────────────────

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

async function serverUrl(): Promise<string> {
  const given = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL;
  if (given) return given;
  const port = process.env.PGPORT_LOCAL ?? '54329';
  const wasRunning = await reachable(`postgres://postgres@127.0.0.1:${port}/postgres`);
  const out = execFileSync('bash', [PG_LOCAL, 'start'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  startedLocalServer = !wasRunning;
  return out.trim().split('\n').at(-1)!.trim();
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

// ── nginx ──────────────────────────────────────────────────────────────────────────────────

/** The load balancer's configuration: the same shape as docs/OPERATIONS.md shows, on loopback. */
function nginxConfig(dir: string, port: number, upstreams: number[]): string {
  return `# generated by bench/load.ts
worker_processes 1;
daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
${process.getuid?.() === 0 ? 'user root root;' : ''}
events { worker_connections 2048; }
http {
  access_log off;
  client_body_temp_path ${dir}/client_body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  upstream yuanqi {
    least_conn;
${upstreams.map((p) => `    server 127.0.0.1:${p} max_fails=3 fail_timeout=5s;`).join('\n')}
    keepalive 64;
  }
  server {
    listen 127.0.0.1:${port};
    client_max_body_size 25m;
    location / {
      proxy_pass http://yuanqi;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;   # log-in throttling per client IP (TRUST_PROXY)
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_next_upstream error timeout;                              # only requests that never reached a process
      proxy_read_timeout 60s;
    }
  }
}
`;
}

async function startNginx(dir: string, port: number, upstreams: number[]): Promise<ChildProcess> {
  if (!fs.existsSync(NGINX)) throw new Error(`nginx not found at ${NGINX} (Debian: apt-get install -y nginx)`);
  const conf = path.join(dir, 'nginx.conf');
  fs.writeFileSync(conf, nginxConfig(dir, port, upstreams));
  execFileSync(NGINX, ['-t', '-q', '-p', dir, '-e', path.join(dir, 'error.log'), '-c', conf], { stdio: 'inherit' });
  const child = spawn(NGINX, ['-p', dir, '-e', path.join(dir, 'error.log'), '-c', conf], { stdio: ['ignore', 'inherit', 'inherit'] });
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/api/health`);
      if (res.ok) return child;
    } catch {
      /* not yet */
    }
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`nginx did not start: ${fs.readFileSync(path.join(dir, 'error.log'), 'utf8')}`);
    await sleep(100);
  }
}

// ── measuring ──────────────────────────────────────────────────────────────────────────────

type RouteStats = { latencies: number[]; errors: number; statuses: Record<string, number> };
const stats = new Map<string, RouteStats>();
let measuring = false;
const errorSamples: string[] = [];

function record(route: string, ms: number, status: number, detail: string): void {
  if (!measuring) return;
  let s = stats.get(route);
  if (!s) stats.set(route, (s = { latencies: [], errors: 0, statuses: {} }));
  s.latencies.push(ms);
  s.statuses[String(status)] = (s.statuses[String(status)] ?? 0) + 1;
  if (status < 200 || status >= 300) {
    s.errors += 1;
    if (errorSamples.length < 20) errorSamples.push(`${route} → ${status} ${detail.slice(0, 200)}`);
  }
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Resident memory of a process in MB (Linux /proc). */
function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

// ── virtual users ──────────────────────────────────────────────────────────────────────────

type Vu = { role: Role; username: string; session: Session; enterpriseId: string | null; ip: string };

let base = '';

async function request(vu: Vu, route: string, method: string, url: string, body?: unknown): Promise<unknown> {
  const t0 = performance.now();
  const { status, text } = await send(
    method,
    `${base}${url}`,
    {
      cookie: vu.session.cookie,
      'x-forwarded-for': vu.ip,
      ...(method === 'GET' ? {} : { 'x-csrf-token': vu.session.csrf, 'content-type': 'application/json' }),
    },
    body === undefined ? undefined : JSON.stringify(body),
  );
  record(route, performance.now() - t0, status, text);
  if (status >= 200 && status < 300 && text) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return null;
    }
  }
  return null;
}

/** A page: its requests go out together, as the browser's queries do. */
async function page(vu: Vu, calls: [route: string, url: string][]): Promise<unknown[]> {
  return Promise.all(calls.map(([route, url]) => request(vu, route, 'GET', url)));
}

/** End of the measured run: nobody thinks past it. */
let deadline = Infinity;
const think = () => sleep(Math.max(0, Math.min(THINK_MIN + Math.random() * (THINK_MAX - THINK_MIN), deadline - Date.now())));
const pick = <T>(list: readonly T[]): T | undefined => list[Math.floor(Math.random() * list.length)];
const idsOf = (page: unknown): string[] => ((page as { items?: { id: string }[] } | null)?.items ?? []).map((i) => i.id);
const NOTIFICATIONS: [string, string] = ['GET /api/notifications', '/api/notifications?unread=true&page=1&pageSize=5'];
let demandsFiled = 0;
let visitsLogged = 0;

/** One step of a role's day: a page (or a write) chosen by weight, then think time. */
async function step(vu: Vu): Promise<void> {
  const r = Math.random();
  switch (vu.role) {
    case 'enterprise': {
      if (r < 0.25) {
        await page(vu, [['GET /api/auth/me', '/api/auth/me'], ['GET /api/policies/recommended', '/api/policies/recommended'], ['GET /api/demands', '/api/demands?page=1&pageSize=5'], ['GET /api/ratings/pending', '/api/ratings/pending'], NOTIFICATIONS]);
      } else if (r < 0.45) {
        const list = await page(vu, [['GET /api/demands', '/api/demands?page=1&pageSize=20'], NOTIFICATIONS]);
        const id = pick(idsOf(list[0]));
        if (id) {
          await think();
          await page(vu, [['GET /api/demands/:id', `/api/demands/${id}`]]);
        }
      } else if (r < 0.65) {
        await page(vu, [['GET /api/policies/recommended', '/api/policies/recommended'], ['GET /api/enterprises/:id/policy-matches', `/api/enterprises/${vu.enterpriseId}/policy-matches`]]);
      } else if (r < 0.8) {
        await page(vu, [['GET /api/service-applications', '/api/service-applications?page=1&pageSize=20'], NOTIFICATIONS]);
      } else if (r < 0.92) {
        await page(vu, [['GET /api/service-items?q=', `/api/service-items?q=${encodeURIComponent(pick(['营业执照', '怎么办营业执照', '施工许可', '食品经营许可', '消防'])!)}&page=1&pageSize=20&sort=relevance`]]);
      } else {
        // 我要提诉求: the form loads the park's categories, the user picks one and writes.
        const [categories] = await page(vu, [['GET /api/demands/categories', '/api/demands/categories']]);
        const codes = ((categories as { items?: { code: string; active: boolean }[] } | null)?.items ?? []).filter((c) => c.active).map((c) => c.code);
        await think();
        const created = await request(vu, 'POST /api/demands', 'POST', '/api/demands', {
          category: pick(codes) ?? 'financing',
          title: `压测诉求 ${randomBytes(3).toString('hex')}`,
          content: '企业希望园区协调解决生产用电扩容问题,请专员跟进。',
        });
        if (created) demandsFiled += 1;
      }
      break;
    }
    case 'liaison': {
      if (r < 0.4) {
        const list = await page(vu, [['GET /api/demands?mine', '/api/demands?mine=true&page=1&pageSize=20'], NOTIFICATIONS]);
        const id = pick(idsOf(list[0]));
        if (id) {
          await think();
          await page(vu, [['GET /api/demands/:id', `/api/demands/${id}`]]);
        }
      } else if (r < 0.65) {
        await page(vu, [['GET /api/enterprises', '/api/enterprises?page=1&pageSize=20']]);
      } else if (r < 0.88) {
        await page(vu, [['GET /api/visits', '/api/visits?page=1&pageSize=20']]);
      } else {
        const firms = await page(vu, [['GET /api/enterprises', '/api/enterprises?page=1&pageSize=20']]);
        const enterpriseId = pick(idsOf(firms[0]));
        if (enterpriseId) {
          await think();
          const created = await request(vu, 'POST /api/visits', 'POST', '/api/visits', {
            enterpriseId,
            visitedOn: new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10),
            participants: '企业总经理、财务负责人',
            findings: '生产经营正常,订单饱满,反映用工紧张。',
          });
          if (created) visitsLogged += 1;
        }
      }
      break;
    }
    case 'dispatcher': {
      if (r < 0.5) {
        await page(vu, [['GET /api/demands/board', '/api/demands/board'], ['GET /api/demands?escalated', '/api/demands?escalated=true&page=1&pageSize=20'], NOTIFICATIONS]);
      } else if (r < 0.8) {
        await page(vu, [['GET /api/demands', '/api/demands?page=1&pageSize=20']]);
      } else {
        await page(vu, [['GET /api/dispatch-meetings', '/api/dispatch-meetings?page=1&pageSize=20']]);
      }
      break;
    }
    case 'approver': {
      if (r < 0.6) {
        const list = await page(vu, [['GET /api/service-applications/board', '/api/service-applications/board'], ['GET /api/service-applications', '/api/service-applications?page=1&pageSize=20'], NOTIFICATIONS]);
        const id = pick(idsOf(list[1]));
        if (id) {
          await think();
          await page(vu, [['GET /api/service-applications/:id', `/api/service-applications/${id}`]]);
        }
      } else {
        await page(vu, [['GET /api/service-items', '/api/service-items?page=1&pageSize=20&sort=code']]);
      }
      break;
    }
    case 'policy_officer': {
      if (r < 0.35) {
        await page(vu, [['GET /api/policies', '/api/policies?page=1&pageSize=20'], ['GET /api/policies/stats', '/api/policies/stats']]);
      } else if (r < 0.75) {
        const list = await page(vu, [['GET /api/policies', '/api/policies?page=1&pageSize=20']]);
        const id = pick(idsOf(list[0]));
        if (id) {
          await think();
          await page(vu, [['GET /api/policies/:id', `/api/policies/${id}`], ['GET /api/policies/:id/matches', `/api/policies/${id}/matches?page=1&pageSize=20`]]);
        }
      } else {
        await page(vu, [['GET /api/policy-applications', '/api/policy-applications?page=1&pageSize=20'], NOTIFICATIONS]);
      }
      break;
    }
  }
  await think();
}

async function runVu(vu: Vu, until: number): Promise<void> {
  // Stagger the first page over one think time, as people do not all click at the same instant.
  await sleep(Math.random() * Math.min(THINK_MAX, until - Date.now()));
  while (Date.now() < until) await step(vu);
}

// ── setup ──────────────────────────────────────────────────────────────────────────────────

type Accounts = { role: Role; username: string; enterpriseId: string | null }[];

/**
 * The demo park plus the log-ins the bench plays: one per enterprise user (each its own firm, with
 * a liaison, so its demands route as in life); staff share their role's demo log-ins, liaisons
 * spread over the ~20 demo liaisons.
 */
async function seed(url: string): Promise<{ accounts: Accounts; enterprises: number; seedMs: number }> {
  const database = await openDatabase({ url, poolSize: 4 });
  try {
    const t0 = performance.now();
    await migrateToLatest(database.db);
    const seeded = await seedDemoPark(database.db, { withDemoUsers: true });
    const counts: Record<Role, number> = { enterprise: 0, liaison: 0, dispatcher: 0, approver: 0, policy_officer: 0 };
    for (const [role, share] of Object.entries(MIX)) counts[role as Role] = Math.max(1, Math.round(USERS * share));
    counts.enterprise = Math.max(1, USERS - Object.values(MIX).reduce((n, s) => n + Math.max(1, Math.round(USERS * s)), 0));

    const firms = await database.db
      .selectFrom('enterprises')
      .select(['id'])
      .where('park_id', '=', seeded.parkId)
      .where('liaison_id', 'is not', null)
      .orderBy('uscc')
      .limit(counts.enterprise)
      .execute();
    const hash = await hashPassword(DEMO_PASSWORD);
    const entUsers = firms.map((f, i) => ({
      park_id: seeded.parkId,
      username: `bench-ent-${String(i + 1).padStart(3, '0')}`,
      display_name: `压测企业用户${i + 1}`,
      password_hash: hash,
      roles: ['enterprise'],
      phone: null,
      enterprise_id: f.id,
      bank_id: null,
    }));
    if (entUsers.length) await database.db.insertInto('users').values(entUsers).execute();
    const liaisons = await database.db.selectFrom('users').select('username').where('park_id', '=', seeded.parkId).where(({ eb }) => eb('roles', '@>', eb.val(['liaison']))).orderBy('username').execute();

    const accounts: Accounts = [];
    entUsers.forEach((u) => accounts.push({ role: 'enterprise', username: u.username, enterpriseId: u.enterprise_id }));
    for (let i = 0; i < counts.liaison; i++) accounts.push({ role: 'liaison', username: liaisons[i % liaisons.length]!.username, enterpriseId: null });
    for (const role of ['dispatcher', 'approver', 'policy_officer'] as const) for (let i = 0; i < counts[role]; i++) accounts.push({ role, username: role, enterpriseId: null });
    const { sql } = await import('kysely');
    await sql`analyze`.execute(database.db);
    return { accounts, enterprises: seeded.enterprises, seedMs: Math.round(performance.now() - t0) };
  } finally {
    await database.close();
  }
}

async function logInVu(account: Accounts[number], index: number): Promise<Vu> {
  // Each virtual user is a client of its own (10.x.y.z), as nginx passes on in X-Forwarded-For.
  const ip = `10.${(index >> 16) & 255}.${(index >> 8) & 255}.${(index & 255) + 1}`;
  const t0 = performance.now();
  const res = await send('POST', `${base}/api/auth/login`, { 'content-type': 'application/json', 'x-forwarded-for': ip }, JSON.stringify({ username: account.username, password: DEMO_PASSWORD }));
  const text = res.text;
  record('POST /api/auth/login', performance.now() - t0, res.status, text);
  if (res.status !== 200) throw new Error(`log-in as ${account.username} answered ${res.status}: ${text.slice(0, 200)}`);
  const cookies = res.setCookie.map((c) => c.split(';')[0]!);
  const csrf = cookies.find((c) => c.startsWith('yq_csrf='))!.slice('yq_csrf='.length);
  return { role: account.role, username: account.username, enterpriseId: account.enterpriseId, ip, session: { cookie: cookies.join('; '), csrf, userId: (JSON.parse(text) as { id: string }).id } };
}

// ── main ───────────────────────────────────────────────────────────────────────────────────

type RouteReport = { route: string; requests: number; errors: number; p50: number; p90: number; p99: number; max: number; statuses: Record<string, number> };

async function main(): Promise<number> {
  log(`bench:load — ${USERS} virtual users × ${DURATION_S} s, think ${THINK_MIN}–${THINK_MAX} ms, ${PROCESSES} app processes behind nginx, PostgreSQL`);
  log(`Node ${process.version}, ${os.cpus().length} CPUs, load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  const loadBefore = os.loadavg();
  const failures: string[] = [];
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'yq-load-'));
  if (process.getuid?.() === 0) fs.chmodSync(tmp, 0o755);
  const server = await serverUrl();
  const name = `bench_load_${Date.now().toString(36)}_${randomBytes(2).toString('hex')}`;
  await adminQuery(server, `create database ${name}`);
  const dbUrl = new URL(server);
  dbUrl.pathname = `/${name}`;
  const apps: AppProcess[] = [];
  let nginx: ChildProcess | null = null;
  let report: Record<string, unknown> = {};
  let pass = false;
  try {
    const { accounts, enterprises, seedMs } = await seed(dbUrl.toString());
    log(`  database ${name}: demo park seeded (${enterprises} enterprises) and ${accounts.length} virtual users' log-ins in ${seedMs} ms`);

    const env = { DATABASE_URL: dbUrl.toString(), DB_POOL_SIZE: '10', TRUST_PROXY: '127.0.0.1', LOG_LEVEL: 'warn' };
    const ports = await Promise.all(Array.from({ length: PROCESSES }, () => freePort()));
    apps.push(...(await Promise.all(ports.map((port, i) => startAppProcess(`app${i + 1}`, env, { port })))));
    const lbPort = await freePort();
    nginx = await startNginx(tmp, lbPort, ports);
    base = `http://127.0.0.1:${lbPort}`;
    log(`  ${PROCESSES} app processes on ports ${ports.join(', ')} (pids ${apps.map((a) => a.child.pid).join(', ')}); nginx ${base} (config ${path.join(tmp, 'nginx.conf')})`);

    // Log-ins before the measured minute (argon2id costs ~0.1 s of CPU each), 8 at a time.
    measuring = true;
    const loginStarted = performance.now();
    const vus: Vu[] = [];
    for (let i = 0; i < accounts.length; i += 8) vus.push(...(await Promise.all(accounts.slice(i, i + 8).map((a, j) => logInVu(a, i + j)))));
    const loginMs = Math.round(performance.now() - loginStarted);
    const loginStats = stats.get('POST /api/auth/login')!;
    stats.clear();
    log(`  ${vus.length} log-ins in ${loginMs} ms`);

    const rssBefore = apps.map((a) => rssMb(a.child.pid!));
    const started = Date.now();
    const until = started + DURATION_S * 1000;
    deadline = until;
    log(`  running ${DURATION_S} s …`);
    await Promise.all(vus.map((vu) => runVu(vu, until)));
    measuring = false;
    const elapsedS = (Date.now() - started) / 1000;
    const rssAfter = apps.map((a) => rssMb(a.child.pid!));
    const alive = apps.map((a) => a.alive());

    const routes: RouteReport[] = [...stats.entries()]
      .map(([route, s]) => {
        const sorted = [...s.latencies].sort((a, b) => a - b);
        const r1 = (n: number) => Math.round(n * 10) / 10;
        return { route, requests: sorted.length, errors: s.errors, p50: r1(percentile(sorted, 50)), p90: r1(percentile(sorted, 90)), p99: r1(percentile(sorted, 99)), max: r1(sorted.at(-1) ?? 0), statuses: s.statuses };
      })
      .sort((a, b) => b.requests - a.requests);
    const all = [...stats.values()].flatMap((s) => s.latencies).sort((a, b) => a - b);
    const requests = all.length;
    const errors = routes.reduce((n, r) => n + r.errors, 0);
    const growth = rssAfter.map((after, i) => after - rssBefore[i]!);

    const widths = [44, 8, 7, 8, 8, 8, 8];
    const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
    log('\n' + line(['route', 'requests', 'errors', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms']));
    log(widths.map((w) => '-'.repeat(w)).join('  '));
    for (const r of routes) log(line([r.route, String(r.requests), String(r.errors), r.p50.toFixed(1), r.p90.toFixed(1), r.p99.toFixed(1), r.max.toFixed(0)]));
    log(line(['all', String(requests), String(errors), percentile(all, 50).toFixed(1), percentile(all, 90).toFixed(1), percentile(all, 99).toFixed(1), (all.at(-1) ?? 0).toFixed(0)]));
    const loginSorted = [...loginStats.latencies].sort((a, b) => a - b);
    log(`\n  log-ins ${loginSorted.length}, errors ${loginStats.errors}, p50 ${percentile(loginSorted, 50).toFixed(0)} ms, p99 ${percentile(loginSorted, 99).toFixed(0)} ms (before the measured run)`);
    log(`  machine load average ${loadBefore.map((l) => l.toFixed(1)).join(' / ')} before, ${os.loadavg().map((l) => l.toFixed(1)).join(' / ')} after (${os.cpus().length} CPUs; other work on the machine weighs on latency, not on errors)`);
    log(`  throughput ${(requests / elapsedS).toFixed(1)} req/s over ${elapsedS.toFixed(1)} s; writes: ${demandsFiled} demands filed, ${visitsLogged} visits logged`);
    for (let i = 0; i < apps.length; i++) log(`  ${apps[i]!.name} RSS ${rssBefore[i]} MB → ${rssAfter[i]} MB (${growth[i]! >= 0 ? '+' : ''}${growth[i]} MB)${alive[i] ? '' : ' — EXITED'}`);
    if (errorSamples.length) log(`\n  first errors:\n    ${errorSamples.join('\n    ')}`);

    if (errors > 0) failures.push(`${errors} requests failed`);
    if (loginStats.errors > 0) failures.push(`${loginStats.errors} log-ins failed`);
    growth.forEach((g, i) => {
      if (g > RSS_GROWTH_MB) failures.push(`${apps[i]!.name} grew by ${g} MB (bound ${RSS_GROWTH_MB} MB)`);
    });
    alive.forEach((a, i) => {
      if (!a) failures.push(`${apps[i]!.name} exited during the run`);
    });
    pass = failures.length === 0;
    log('');
    log(`${errors === 0 && loginStats.errors === 0 ? 'PASS' : 'FAIL'}  errors = ${errors + loginStats.errors} of ${requests + loginSorted.length} requests (p99 ${percentile(all, 99).toFixed(1)} ms)`);
    log(`${growth.every((g) => g <= RSS_GROWTH_MB) ? 'PASS' : 'FAIL'}  memory: largest growth ${Math.max(...growth)} MB per process (bound ${RSS_GROWTH_MB} MB)`);

    report = {
      at: new Date().toISOString(),
      settings: { users: USERS, durationSeconds: DURATION_S, thinkMs: [THINK_MIN, THINK_MAX], processes: PROCESSES, poolSizePerProcess: 10, loadBalancer: 'nginx', rssGrowthBoundMb: RSS_GROWTH_MB, mix: Object.fromEntries(Object.entries(accounts.reduce<Record<string, number>>((m, a) => ({ ...m, [a.role]: (m[a.role] ?? 0) + 1 }), {}))) },
      machine: { node: process.version, cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? null, loadavgBefore: loadBefore, loadavgAfter: os.loadavg() },
      setup: { seedMs, enterprises, logins: loginSorted.length, loginMs, loginP50Ms: percentile(loginSorted, 50), loginP99Ms: percentile(loginSorted, 99), loginErrors: loginStats.errors },
      totals: { requests, errors, elapsedSeconds: elapsedS, reqPerSec: Math.round((requests / elapsedS) * 10) / 10, p50Ms: percentile(all, 50), p90Ms: percentile(all, 90), p99Ms: percentile(all, 99), demandsFiled, visitsLogged },
      memory: apps.map((a, i) => ({ process: a.name, rssBeforeMb: rssBefore[i], rssAfterMb: rssAfter[i], growthMb: growth[i] })),
      routes,
      errorSamples,
      failures,
      pass,
    };
  } catch (e) {
    failures.push(e instanceof Error ? (e.stack ?? e.message) : String(e));
    for (const a of apps) if (a.output.length) console.error(`--- ${a.name} output ---\n${a.output.join('').slice(-3000)}`);
  } finally {
    for (const a of apps) await stopAppProcess(a).catch(() => undefined);
    if (nginx && nginx.exitCode === null) {
      nginx.kill('SIGQUIT');
      await new Promise((resolve) => nginx!.once('exit', resolve));
    }
    await adminQuery(server, `drop database if exists ${name} with (force)`).catch((e: unknown) => failures.push(`drop database: ${String(e)}`));
    if (startedLocalServer) execFileSync('bash', [PG_LOCAL, 'stop'], { stdio: 'inherit' });
    fs.rmSync(tmp, { recursive: true, force: true });
  }

  const totals = (report as { totals?: { requests: number; errors: number; p99Ms: number } } | null)?.totals;
  const memory = (report as { memory?: { growthMb: number }[] } | null)?.memory ?? [];
  const verdicts: Verdict[] = [
    { figure: `a working day on ${PROCESSES} processes behind nginx: failed requests`, goal: '0', result: totals ? `${totals.errors} of ${totals.requests} (p99 ${totals.p99Ms.toFixed(1)} ms)` : 'no run', pass: !!totals && totals.errors === 0 && failures.length === 0 },
    { figure: 'memory growth per process', goal: `≤ ${RSS_GROWTH_MB} MB`, result: memory.length ? `${Math.max(...memory.map((m) => m.growthMb))} MB` : 'no run', pass: memory.length > 0 && memory.every((m) => m.growthMb <= RSS_GROWTH_MB) },
  ];
  log(`results written to ${writeResults('load', { ...report, failures }, verdicts)}`);
  if (failures.length) {
    console.error(`\nFAIL:\n  ${failures.join('\n  ')}`);
    return 1;
  }
  return pass ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
