// `npm run bench:services`: the 政务服务 catalogue at province scale on PostgreSQL.
//
// A fresh database `bench_services_<random>` on a PostgreSQL server (BENCH_DATABASE_URL, else the
// one scripts/pg-local.sh starts) gets the real migrations and: 100 parks, each with the demo
// catalogue's words spread over 1,500 items (search terms computed by the app's own indexer for
// one park and copied to the others in SQL), its ~30 synonyms, 100 firms and an approver;
// then 1,000,000 service applications (10,000 per park over two years, generated in SQL with
// generate_series: 88% decided, 4% refused/withdrawn/not accepted, 8% open — a quarter of those
// past their deadline), popular items drawing most cases.
// Through the REAL app (buildApp, listening on 127.0.0.1, the park's approver logged in), a load
// generator in a child process (so it does not share the server's event loop) measures
// p50/p95/p99 of
//   - the catalogue search   GET /api/service-items?q=…  (colloquial, two-character, one
//     character, synonym and code queries, rotating)
//   - per-item statistics    GET /api/service-stats/items?from=…&to=…  twice: 20 one-year ranges
//     and sorts rotating (repeats: since issue 12 a page without words is computed on every request),
//     and 3,500 distinct ranges (every request computed: the cold figure)
// Goal: p95 ≤ 100 ms for the search and both statistics runs. The database is dropped at the end; the figures go to
// bench/results/services-<date>.json.
//
// Environment: BENCH_DATABASE_URL · BENCH_PARKS=100 · BENCH_ITEMS=1500 (per park) ·
// BENCH_APPLICATIONS=1000000 · BENCH_DURATION=15 · BENCH_WARMUP=3 · BENCH_CONNECTIONS=10 ·
// BENCH_KEEP=1 (keep the database for inspection) · BENCH_REUSE=<database> (measure a kept database
// again without rebuilding it, e.g. after trying an index).
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { sql, type Kysely } from 'kysely';
import { admin, benchLog, serverUrl, withDatabase } from './pg-bench.js';
import { buildApp } from '../server/src/app.js';
import { openDatabase } from '../server/src/db/connection.js';
import { migrateToLatest } from '../server/src/db/migrate.js';
import type { DB } from '../server/src/db/schema.js';
import { fixedClock } from '../server/src/platform/clock.js';
import { hashPassword } from '../server/src/platform/passwords.js';
import { assignMaterialKeys, itemColumns } from '../server/src/modules/services/catalogue/service.js';
import { SEED_ITEMS, SEED_SYNONYMS } from '../server/src/modules/services/seed/catalogue-data.js';
import { seedItemInput } from '../server/src/modules/services/seed/catalogue.js';
import { writeResults } from './verdicts.js';
import { loadUrls, type LoadResult } from './http-load.js';


function envNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number, got "${raw}"`);
  return n;
}

const PARKS = Math.round(envNumber('BENCH_PARKS', 100));
const ITEMS = Math.round(envNumber('BENCH_ITEMS', 1500));
const APPLICATIONS = Math.round(envNumber('BENCH_APPLICATIONS', 1_000_000));
const FIRMS_PER_PARK = 100;
const DURATION = envNumber('BENCH_DURATION', 15);
const WARMUP = envNumber('BENCH_WARMUP', 3);
const CONNECTIONS = Math.round(envNumber('BENCH_CONNECTIONS', 10));
const GOAL_P95_MS = 100;
const PASSWORD = 'Bench@2026pw';
/** The bench's "now": a Thursday 10:00 in Shanghai. */
const T0 = new Date('2026-11-26T02:00:00Z');

/** How people ask, rotating: colloquial, two characters, one character, synonyms, a code prefix. */
const QUERIES = [
  '怎么开公司', '营业执照', '开办', '排污', '房产证怎么办', '接水', '食品经营许可', '我要办施工许可证', '环评', '水',
  '注销公司需要什么材料', '消防验收', '不动产登记', '刻章', '社保', '如何申请排污许可证', '过户', '供水报装', '抵押', 'BCH01',
];

/** Name variants that spread the demo's words over 1,500 items per park. */
const VARIANTS = ['', '(分支机构)', '(个体经营者)', '(外商投资)', '(变更)', '(延续)', '(注销)', '(补证换证)', '(告知承诺)', '(跨区迁入)'];

const { log, timed } = benchLog('services');

// ---------------------------------------------------------------------------------------------
// Data
// ---------------------------------------------------------------------------------------------

async function generate(db: Kysely<DB>, passwordHash: string): Promise<void> {
  const run = (q: string) => sql.raw(q).execute(db);
  await timed('parks, approvers, firms', async () => {
    await run(`insert into parks (code, name, region)
               select 'p' || lpad(i::text, 3, '0'), '开发区' || i, '省' from generate_series(0, ${PARKS - 1}) i`);
    await run(`create table bench_parks as select id, (row_number() over (order by code) - 1)::int as idx from parks`);
    await run(`insert into users (park_id, username, display_name, password_hash, roles)
               select p.id, case when p.idx = 0 then 'bench-approver' else 'a-' || p.idx end, '审批局' || p.idx, '${passwordHash}', '{approver}'
                 from bench_parks p`);
    await run(`insert into enterprises (park_id, uscc, name, chain, created_at, updated_at)
               select p.id, 'B' || lpad(p.idx::text, 3, '0') || lpad(i::text, 14, '0'), '企业' || p.idx || '-' || i || '有限公司', 'iot', now(), now()
                 from bench_parks p cross join generate_series(0, ${FIRMS_PER_PARK - 1}) i`);
    await run(`create table bench_firms as
               select e.id, p.idx as park_idx, (row_number() over (partition by e.park_id order by e.uscc) - 1)::int as n
                 from enterprises e join bench_parks p on p.id = e.park_id`);
    await run(`create index on bench_firms (park_idx, n)`);
  });

  await timed(`${(PARKS * ITEMS).toLocaleString('en')} items and synonyms`, async () => {
    const park0 = (await sql<{ id: string }>`select id from bench_parks where idx = 0`.execute(db)).rows[0]!.id;
    const synonyms = SEED_SYNONYMS.map((s) => ({ term: s.term, expandsTo: s.expandsTo }));
    const rows = Array.from({ length: ITEMS }, (_, k) => {
      const base = SEED_ITEMS[k % SEED_ITEMS.length]!;
      const variant = VARIANTS[Math.floor(k / SEED_ITEMS.length) % VARIANTS.length]!;
      const input = seedItemInput({ ...base, name: `${base.name}${variant}` }, k);
      input.code = `BCH${String(k).padStart(5, '0')}`;
      input.basicCode = null;
      return { ...itemColumns(input, assignMaterialKeys(input.materials, []), synonyms), park_id: park0 };
    });
    for (let i = 0; i < rows.length; i += 500) await db.insertInto('service_items').values(rows.slice(i, i + 500)).execute();
    const columns = (await sql<{ column_name: string }>`
      select column_name from information_schema.columns
       where table_name = 'service_items' and column_name not in ('id', 'park_id', 'approver_ids', 'created_at', 'updated_at')
       order by ordinal_position`.execute(db)).rows.map((r) => r.column_name);
    const list = columns.join(', ');
    await run(`insert into service_items (park_id, ${list}, approver_ids)
               select p.id, ${columns.map((c) => `i.${c}`).join(', ')}, array[u.id]
                 from service_items i cross join bench_parks p join users u on u.park_id = p.id
                where i.park_id = '${park0}' and p.idx > 0`);
    await run(`update service_items i set approver_ids = array[u.id] from users u where u.park_id = i.park_id and i.park_id = '${park0}'`);
    await run(`insert into service_synonyms (park_id, term, expands_to)
               select p.id, s.term, s.expands_to
                 from bench_parks p cross join (select * from jsonb_to_recordset('${JSON.stringify(SEED_SYNONYMS.map((s) => ({ term: s.term, expands_to: s.expandsTo })))}'::jsonb) as x(term text, expands_to text[])) s`);
    await run(`create table bench_items as
               select i.id, p.idx as park_idx, (row_number() over (partition by i.park_id order by i.code) - 1)::int as n,
                      i.case_kind, i.committed_days, i.legal_days
                 from service_items i join bench_parks p on p.id = i.park_id`);
    await run(`create index on bench_items (park_idx, n)`);
  });

  // Secondary indexes are dropped during the load and rebuilt after it, with their own definitions.
  const indexes = (await sql<{ indexname: string; indexdef: string }>`
    select indexname, indexdef from pg_indexes
     where tablename = 'service_applications' and indexname not like '%pkey' and indexdef not like 'CREATE UNIQUE%'`.execute(db)).rows;
  for (const i of indexes) await run(`drop index ${i.indexname}`);

  const t0 = `'${T0.toISOString()}'::timestamptz`;
  const chunk = 100_000;
  await timed(`${APPLICATIONS.toLocaleString('en')} applications`, async () => {
    for (let from = 1; from <= APPLICATIONS; from += chunk) {
      const to = Math.min(APPLICATIONS, from + chunk - 1);
      // Popular items draw most cases: item n = ITEMS · r², so the first tenth of the list takes ~30%.
      await run(`
        insert into service_applications (park_id, number, item_id, enterprise_id, applicant_name, case_kind, status,
          submitted_at, accepted_at, decided_at, finished_at, outcome, committed_days, legal_days, working_days_used,
          within_limit, visits, due_at, created_at, updated_at)
        select p.id, 'BJ' || to_char(x.submitted_at + interval '8 hours', 'YYYYMMDD') || '-' || lpad(x.g::text, 7, '0'),
               it.id, f.id, '企业经办人', it.case_kind,
               case x.kind when 'open' then 'accepted' when 'approved' then 'finished' when 'refused' then 'finished' else x.kind end,
               x.submitted_at,
               case when x.kind not in ('not_accepted', 'withdrawn') then x.submitted_at + interval '2 hours' end,
               case when x.kind in ('approved', 'refused') then c.finished_at end,
               c.finished_at,
               case when x.kind <> 'open' then x.kind end,
               it.committed_days, it.legal_days,
               case when x.kind in ('approved', 'refused') then c.used end,
               case when x.kind in ('approved', 'refused') then c.used <= it.committed_days end,
               x.visits,
               case when x.kind = 'open' then x.submitted_at + greatest(it.committed_days, 1) * interval '1.4 days' end,
               x.submitted_at, x.submitted_at
          from (
            select s.g, s.g % ${PARKS} as park_idx, floor(${ITEMS} * s.r1 * s.r1)::int as item_n, floor(random() * ${FIRMS_PER_PARK})::int as firm_n,
                   case when s.r < 0.08 then 'open' when s.r < 0.93 then 'approved' when s.r < 0.95 then 'refused'
                        when s.r < 0.97 then 'not_accepted' else 'withdrawn' end as kind,
                   case when s.r2 < 0.62 then 0 when s.r2 < 0.93 then 1 else 2 end as visits,
                   case when s.r < 0.08 then ${t0} - s.r3 * interval '30 days' else ${t0} - interval '1 day' - s.r3 * interval '729 days' end as submitted_at,
                   s.r4, s.r5
              from (select g, random() as r, random() as r1, random() as r2, random() as r3, random() as r4, random() as r5
                      from generate_series(${from}, ${to}) g) s
          ) x
          join bench_items it on it.park_idx = x.park_idx and it.n = x.item_n
          -- working days used: within the promise for 92%, over it for the rest
          cross join lateral (
            select round((case when x.r5 < 0.92 then x.r4 * it.committed_days else it.committed_days + 0.5 + x.r4 * 3 end)::numeric, 2) as used,
                   case when x.kind <> 'open' then x.submitted_at + (1 + greatest(it.committed_days, 1) * x.r4 * 1.3) * interval '1 day' end as finished_at
          ) c
          join bench_firms f on f.park_idx = x.park_idx and f.n = x.firm_n
          join bench_parks p on p.idx = x.park_idx`);
    }
  });
  await timed('rebuild application indexes', async () => {
    for (const i of indexes) await run(i.indexdef);
  });
  await timed('vacuum analyze', async () => {
    await run('vacuum analyze');
  });
}

// ---------------------------------------------------------------------------------------------
// Load (in a child process)
// ---------------------------------------------------------------------------------------------

/** Loads `urls` (rotating) with this bench's connections, warm-up and duration. */
const load = (urls: string[], cookie: string) => loadUrls(urls, cookie, { connections: CONNECTIONS, warmupSeconds: WARMUP, durationSeconds: DURATION });

/** One request at a time (no queueing): how long a single user waits. */
async function sequential(urls: string[], cookie: string, rounds: number): Promise<{ p50: number; p95: number; max: number }> {
  const lat: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const url of urls) {
      const t = performance.now();
      const res = await fetch(url, { headers: { cookie } });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`${url}: ${res.status}`);
      lat.push(performance.now() - t);
    }
  }
  lat.sort((a, b) => a - b);
  const q = (p: number) => lat[Math.min(lat.length - 1, Math.ceil(p * lat.length) - 1)]!;
  return { p50: q(0.5), p95: q(0.95), max: lat.at(-1)! };
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const started = performance.now();
  const server = serverUrl();
  const reuse = process.env.BENCH_REUSE;
  if (reuse && !/^bench_services_[0-9a-f]+$/.test(reuse)) throw new Error(`BENCH_REUSE must name a kept bench database, got "${reuse}"`);
  const name = reuse ?? `bench_services_${randomBytes(4).toString('hex')}`;
  const url = withDatabase(server, name);
  log(`PostgreSQL ${server.replace(/\/\/[^@]*@/, '//***@')} → database ${name}${reuse ? ' (reused)' : ''}`);
  if (!reuse) await admin(server, `create database ${name}`);
  let database: Awaited<ReturnType<typeof openDatabase>> | null = null;
  let app: Awaited<ReturnType<typeof buildApp>>['app'] | null = null;
  try {
    database = await openDatabase({ url, poolSize: 10 });
    if (!reuse) {
      await migrateToLatest(database.db);
      await generate(database.db, await hashPassword(PASSWORD));
    }
    const counts = (await sql<{ parks: number; items: number; applications: number; open: number; perPark: number }>`
      select (select count(*)::int from parks) as parks, (select count(*)::int from service_items) as items,
             (select count(*)::int from service_applications) as applications,
             (select count(*)::int from service_applications where finished_at is null) as open,
             (select count(*)::int from service_applications a join users u on u.park_id = a.park_id where u.username = 'bench-approver') as "perPark"`.execute(database.db)).rows[0]!;
    log(`data: ${counts.parks} parks, ${counts.items.toLocaleString('en')} items, ${counts.applications.toLocaleString('en')} applications (${counts.open.toLocaleString('en')} open; ${counts.perPark.toLocaleString('en')} in the measured park)`);

    const built = await buildApp({ database, clock: fixedClock(T0), config: { loginIpLimit: 1000 } });
    app = built.app;
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address();
    const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'bench-approver', password: PASSWORD }) });
    if (login.status !== 200) throw new Error(`log-in failed: ${login.status} ${await login.text()}`);
    const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');

    const searchUrls = QUERIES.map((q) => `${base}/api/service-items?q=${encodeURIComponent(q)}&page=1&pageSize=20`);
    const day = (offset: number) => new Date(T0.getTime() + 8 * 3_600_000 - offset * 86_400_000).toISOString().slice(0, 10);
    const sorts = ['code', '-finished', '-avgWorkingDays', '-overdueOpen'];
    const statsUrls = Array.from({ length: 20 }, (_, k) => `${base}/api/service-stats/items?from=${day(364 + k)}&to=${day(k)}&sort=${sorts[k % sorts.length]}&page=1&pageSize=20`);
    // distinct (from, to) pairs — 700 end days × 5 lengths — never repeated within a run
    const statsColdUrls = Array.from({ length: 3500 }, (_, k) => {
      const end = 400 + (k % 700);
      const length = [30, 91, 182, 273, 364][Math.floor(k / 700)]!;
      return `${base}/api/service-stats/items?from=${day(end + length)}&to=${day(end)}&sort=${sorts[k % sorts.length]}&page=1&pageSize=20`;
    });

    // What the searches find: the first hit of each, so a reader can judge the ranking too.
    const firstHits: Record<string, string> = {};
    for (const [i, u] of searchUrls.entries()) {
      const res = await fetch(u, { headers: { cookie } });
      const body = (await res.json()) as { total: number; items: { name: string }[] };
      if (res.status !== 200) throw new Error(`${u}: ${res.status} ${JSON.stringify(body)}`);
      firstHits[QUERIES[i]!] = `${body.items[0]?.name ?? '—'} (${body.total})`;
    }
    log(`first hits: ${Object.entries(firstHits).map(([q, h]) => `${q} → ${h}`).join(' · ')}`);
    const statsProbe = await fetch(statsUrls[0]!, { headers: { cookie } });
    const statsBody = (await statsProbe.json()) as { totals: unknown; items: unknown[] };
    if (statsProbe.status !== 200) throw new Error(`stats: ${statsProbe.status} ${JSON.stringify(statsBody)}`);
    log(`stats totals: ${JSON.stringify(statsBody.totals)}`);

    // The floor on this machine right now: an authenticated request that only looks the session up.
    const floor = await timed(`load reference GET /api/auth/me (${CONNECTIONS} connections, ${DURATION} s)`, () => load([`${base}/api/auth/me`], cookie));
    const search = await timed(`load search (${CONNECTIONS} connections, ${DURATION} s)`, () => load(searchUrls, cookie));
    const stats = await timed(`load stats (${CONNECTIONS} connections, ${DURATION} s)`, () => load(statsUrls, cookie));
    const statsCold = await timed(`load stats, distinct ranges (${CONNECTIONS} connections, ${DURATION} s)`, () => load(statsColdUrls, cookie));
    const searchSingle = await sequential(searchUrls, cookie, 3);
    const statsSingle = await sequential(statsColdUrls.slice(-40), cookie, 1);

    const rows = [
      { what: `办事指南搜索 GET /api/service-items?q=… (${QUERIES.length} queries rotating)`, r: search },
      { what: '事项效能 GET /api/service-stats/items (20 one-year ranges/sorts repeating)', r: stats },
      { what: '事项效能, every request computed (3,500 distinct ranges)', r: statsCold },
    ];
    const fmt = (n: number) => (Number.isFinite(n) ? n.toFixed(1).padStart(8) : '       —');
    const floorLine = `  reference (session look-up only)  GET /api/auth/me`.padEnd(80);
    console.log('');
    console.log(`  政务服务基准 bench:services — ${counts.parks} parks × ${ITEMS.toLocaleString('en')} items, ${counts.applications.toLocaleString('en')} applications, PostgreSQL, ${os.cpus().length} cores, ${CONNECTIONS} connections × ${DURATION} s`);
    console.log(`  ${'what'.padEnd(78)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'rps'.padStart(7)}  goal           result`);
    for (const row of rows) {
      const pass = row.r.p95 <= GOAL_P95_MS && row.r.errors === 0 && row.r.non2xx === 0;
      console.log(`  ${row.what.padEnd(78)} ${fmt(row.r.p50)} ${fmt(row.r.p95)} ${fmt(row.r.p99)} ${row.r.rps.toFixed(0).padStart(7)}  p95 ≤ ${GOAL_P95_MS} ms   ${pass ? 'PASS' : 'FAIL'}`);
    }
    console.log(`${floorLine} ${fmt(floor.p50)} ${fmt(floor.p95)} ${fmt(floor.p99)} ${floor.rps.toFixed(0).padStart(7)}  (the machine's floor under the same load)`);
    console.log(`  one user at a time: search p50 ${searchSingle.p50.toFixed(1)} ms / p95 ${searchSingle.p95.toFixed(1)} ms; stats (computed) p50 ${statsSingle.p50.toFixed(1)} ms / p95 ${statsSingle.p95.toFixed(1)} ms`);
    console.log(`  load average during the run: ${os.loadavg().map((l) => l.toFixed(1)).join(' / ')} (1/5/15 min) on ${os.cpus().length} cores`);
    console.log('');

    const out = {
      benchmark: 'services',
      at: new Date().toISOString(),
      machine: { cpus: os.cpus().length, node: process.version, loadAverage: os.loadavg() },
      database: 'postgres',
      data: { ...counts, itemsPerPark: ITEMS },
      load: { connections: CONNECTIONS, durationSeconds: DURATION, warmupSeconds: WARMUP },
      queries: QUERIES,
      firstHits,
      reference: floor,
      search,
      stats,
      statsUncached: statsCold,
      sequential: { search: searchSingle, stats: statsSingle },
      goals: { p95Ms: GOAL_P95_MS },
      totalSeconds: Math.round((performance.now() - started) / 1000),
    };
    const verdicts = rows.map((row) => ({
      figure: row.what,
      goal: `p95 ≤ ${GOAL_P95_MS} ms`,
      result: `p95 ${row.r.p95.toFixed(1)} ms${row.r.errors + row.r.non2xx > 0 ? `, ${row.r.errors} errors, ${row.r.non2xx} non-2xx` : ''}`,
      pass: row.r.p95 <= GOAL_P95_MS && row.r.errors === 0 && row.r.non2xx === 0,
    }));
    log(`results → ${writeResults('services', out, verdicts)} (${out.totalSeconds} s in all)`);
  } finally {
    if (app) await app.close().catch(() => undefined);
    if (database) await database.close().catch(() => undefined);
    if (process.env.BENCH_KEEP === '1' || reuse) log(`kept database ${name}`);
    else await admin(server, `drop database if exists ${name} with (force)`).catch((err) => log(`could not drop ${name}: ${(err as Error).message}`));
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
