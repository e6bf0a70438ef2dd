// `npx tsx bench/api-profile.ts`: where the real GET /api/enterprises spends its time compared with
// the bare route of bench/api.ts. In-process (Fastify inject, no sockets), one request at a time,
// the variants interleaved call by call and summarised by their medians, so other load on the
// machine moves every variant alike. Each variant adds one layer of the real route to the bare one:
//   bare                        repository call → JSON (bench/api.ts's bare route)
//   + session lookup            loadSession() for the cookie's token first (one more query)
//   + zod + presenter           ZListEnterprisesQuery on request.query, readScope, presentEnterprise
//   real                        the app: cookie plugin, hooks, request id, route(), error handling …
// followed by the pieces on their own (queries, zod, presenter, JSON).
// BENCH_DATABASES=pglite,postgres and BENCH_DATABASE_URL as for bench/api.ts; BENCH_ITERATIONS
// (default 300) calls per variant.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify from 'fastify';
import pg from 'pg';
import { ZListEnterprisesQuery } from '@yuanqi/contract';
import { buildApp } from '../server/src/app.js';
import { openDatabase, type Database, type DatabaseKind } from '../server/src/db/connection.js';
import { migrateToLatest } from '../server/src/db/migrate.js';
import { DEMO_PASSWORD, seedDemoPark } from '../server/src/db/seed/seed-demo.js';
import { loadSession, type LoadedSession } from '../server/src/platform/auth/sessions.js';

const POLICY = { idleMinutes: 30, absoluteHours: 12 };
import { listEnterprises } from '../server/src/modules/enterprises/repository.js';
import { presentEnterprise } from '../server/src/modules/enterprises/presenter.js';
import { readScope } from '../server/src/modules/enterprises/policy.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const N = Number(process.env.BENCH_ITERATIONS ?? 300);
const QUERY = 'chain=iot&page=2&pageSize=20&q=科技';
const KINDS = (process.env.BENCH_DATABASES ?? 'pglite,postgres').split(',').map((s) => s.trim()).filter(Boolean) as DatabaseKind[];

type Step = [label: string, fn: () => unknown];

/** Runs the steps round-robin N times (after 30 warm-up rounds); median µs per call, wall and this process's CPU. */
async function interleaved(steps: Step[]): Promise<Map<string, { wall: number; cpu: number }>> {
  const wall = steps.map(() => [] as number[]);
  const cpu = steps.map(() => [] as number[]);
  for (let round = 0; round < N + 30; round++) {
    for (let i = 0; i < steps.length; i++) {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      await steps[i]![1]();
      const c = process.cpuUsage(c0);
      if (round >= 30) {
        wall[i]!.push((performance.now() - t0) * 1000);
        cpu[i]!.push(c.user + c.system);
      }
    }
  }
  const median = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)]!;
  return new Map(steps.map(([label], i) => [label, { wall: median(wall[i]!), cpu: median(cpu[i]!) }]));
}

async function open(kind: DatabaseKind): Promise<{ database: Database; cleanup: () => Promise<void> }> {
  if (kind === 'pglite') {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yq-bench-profile-'));
    const database = await openDatabase({ dataDir });
    return { database, cleanup: async () => { await database.close(); fs.rmSync(dataDir, { recursive: true, force: true }); } };
  }
  const base = process.env.BENCH_DATABASE_URL ?? execFileSync('bash', [path.join(root, 'scripts/pg-local.sh'), 'start'], { encoding: 'utf8' }).trim().split('\n').at(-1)!;
  const name = `bench_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const admin = async (text: string) => {
    const c = new pg.Client({ connectionString: base });
    await c.connect();
    try { await c.query(text); } finally { await c.end(); }
  };
  await admin(`create database ${name}`);
  const u = new URL(base);
  u.pathname = `/${name}`;
  const database = await openDatabase({ url: u.toString() });
  return { database, cleanup: async () => { await database.close(); await admin(`drop database if exists ${name} with (force)`); } };
}

function print(title: string, results: Map<string, { wall: number; cpu: number }>, baseline?: string): void {
  const base = baseline ? results.get(baseline)!.cpu : 0;
  console.log(`\n${title.padEnd(38)} ${'wall µs'.padStart(8)} ${'cpu µs'.padStart(8)}${baseline ? ' cpu vs bare'.padStart(13) : ''}`);
  for (const [label, { wall, cpu }] of results) {
    const extra = baseline ? `${cpu - base >= 0 ? '+' : ''}${(cpu - base).toFixed(0)}`.padStart(13) : '';
    console.log(`${label.padEnd(38)} ${wall.toFixed(0).padStart(8)} ${cpu.toFixed(0).padStart(8)}${extra}`);
  }
}

async function profile(kind: DatabaseKind): Promise<void> {
  const { database, cleanup } = await open(kind);
  try {
    await migrateToLatest(database.db);
    const seeded = await seedDemoPark(database.db, { withDemoUsers: true });
    const { app } = await buildApp({ database });
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'dispatcher', password: DEMO_PASSWORD } });
    const token = login.cookies.find((c) => c.name === 'yq_session')!.value;
    const cookie = `yq_session=${token}`;
    const query = ZListEnterprisesQuery.parse(Object.fromEntries(new URLSearchParams(QUERY)));
    const scope = { kind: 'park', parkId: seeded.parkId } as const;

    const bare = Fastify();
    bare.get('/bare', async () => {
      const { rows, total } = await listEnterprises(database.db, scope, query);
      return { items: rows, total };
    });
    bare.get('/bare-session', async () => {
      await loadSession(database.db, token, new Date(), POLICY, 'x');
      const { rows, total } = await listEnterprises(database.db, scope, query);
      return { items: rows, total };
    });
    bare.get('/bare-session-zod-presenter', async (request) => {
      const loaded = (await loadSession(database.db, token, new Date(), POLICY, 'x')) as LoadedSession;
      const q = ZListEnterprisesQuery.parse(request.query);
      const { rows, total } = await listEnterprises(database.db, readScope(loaded.actor), q);
      return { items: rows.map((r) => presentEnterprise(r, loaded.actor)), total, page: q.page, pageSize: q.pageSize };
    });
    await bare.ready();
    const qs = encodeURI(QUERY);

    console.log(`\n══ ${kind}: medians of ${N} interleaved sequential calls ══`);
    print('route (inject)', await interleaved([
      ['bare', () => bare.inject({ url: `/bare?${qs}` })],
      ['bare + session lookup', () => bare.inject({ url: `/bare-session?${qs}` })],
      ['bare + session + zod + presenter', () => bare.inject({ url: `/bare-session-zod-presenter?${qs}` })],
      ['real GET /api/enterprises', () => app.inject({ url: `/api/enterprises?${qs}`, headers: { cookie } })],
      ['real, no cookie (401, no query)', () => app.inject({ url: `/api/enterprises?${qs}` })],
    ]), 'bare');

    const loaded = (await loadSession(database.db, token, new Date(), POLICY, 'x')) as LoadedSession;
    const { rows, total } = await listEnterprises(database.db, scope, query);
    const page = { items: rows.map((r) => presentEnterprise(r, loaded.actor)), total, page: 2, pageSize: 20 };
    const where = (q: ReturnType<typeof database.db.selectFrom<'enterprises'>>) =>
      q.where('park_id', '=', seeded.parkId).where('chain', '=', 'iot').where('name', 'ilike', '%科技%');
    print('piece', await interleaved([
      ['loadSession (sessions ⋈ users by id)', () => loadSession(database.db, token, new Date(), POLICY, 'x')],
      ['listEnterprises (rows + count)', () => listEnterprises(database.db, scope, query)],
      ['  rows query alone', () => where(database.db.selectFrom('enterprises')).selectAll().orderBy('name').limit(20).offset(20).execute()],
      ['  count(*) query alone', () => where(database.db.selectFrom('enterprises')).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst()],
      ['select 1 (per-query floor)', () => database.db.selectNoFrom((eb) => eb.lit(1).as('one')).execute()],
      ['zod parse of the query', () => ZListEnterprisesQuery.parse(Object.fromEntries(new URLSearchParams(QUERY)))],
      ['readScope + presenter (20 rows)', () => [readScope(loaded.actor), rows.map((r) => presentEnterprise(r, loaded.actor))]],
      ['JSON.stringify real page', () => JSON.stringify(page)],
      ['JSON.stringify bare page', () => JSON.stringify({ items: rows, total })],
    ]));
    console.log(`\nresponse: real ${Buffer.byteLength(JSON.stringify(page))} bytes, bare ${Buffer.byteLength(JSON.stringify({ items: rows, total }))} bytes`);
    await app.close();
    await bare.close();
  } finally {
    await cleanup();
  }
}

for (const kind of KINDS) await profile(kind);
