import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAuditVerify } from '../src/cli/audit-verify.js';
import { openDatabase, type Database } from '../src/db/connection.js';
import { UNAVAILABLE_MESSAGE } from '../src/platform/error-handler.js';
import { call, freePort, logIn, root, startAppProcess, type AppProcess, type Session } from './app-processes.js';
import { buildDemand } from './demand-factories.js';
import { buildEnterprise, buildPark, buildUser, buildUscc } from './factories.js';

/**
 * Fault drills on PostgreSQL with real app processes (PGlite's kill -9 drill is crash.test.ts):
 *  1. three processes share one database; one is killed with SIGKILL in the middle of a burst of
 *     writes: every acknowledged write is there exactly once, a session opened on the killed
 *     process goes on working on the others, and the deadline sweep, run by all three every
 *     second, escalates each overdue demand exactly once;
 *  2. on a PostgreSQL server of its own, the server is stopped for a few seconds mid-burst: every
 *     request answers 201 or 503 "系统繁忙,请稍后再试" within REQUEST_BOUND_MS, and the same
 *     process serves writes again once the server is back;
 *  3. the same server turned read-only, then its data disk full: writes answer 503, none is
 *     acknowledged and lost.
 * Each drill prints its figures.
 */

const DATABASE_URL = process.env.TEST_DATABASE_URL;
const DEMO_PASSWORD = 'Demo@2026';
/** No request may take longer than this while the database is away (DB_CONNECT_TIMEOUT_MS is 3 s). */
const REQUEST_BOUND_MS = 10_000;
const PG_LOCAL = path.join(root, 'scripts/pg-local.sh');

const started = new Set<AppProcess>();
async function start(name: string, env: Record<string, string>): Promise<AppProcess> {
  const app = await startAppProcess(name, env);
  started.add(app);
  return app;
}
async function killAll(): Promise<void> {
  for (const app of started) {
    if (app.alive()) app.child.kill('SIGKILL');
    await app.exited;
  }
  started.clear();
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function adminQuery(url: string, text: string): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(text);
  } finally {
    await client.end();
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type Outcome = { at: number; ms: number; status: number; code?: string; message?: string; id?: string; name: string; uscc: string; process: string };

/** One enterprise create; a refused connection (a killed process) is status 0. */
async function createFirm(app: AppProcess, session: Session, tag: string, i: number): Promise<Outcome> {
  const item = { uscc: buildUscc(), name: `故障演练${tag}第${i}号有限公司` };
  const t0 = performance.now();
  try {
    const res = await call(app.base, session, 'POST', '/api/enterprises', { ...item, headcount: i }, AbortSignal.timeout(60_000));
    const text = await res.text();
    const ms = Math.round(performance.now() - t0);
    let body: { id?: string; error?: { code: string; message: string } } = {};
    try {
      body = JSON.parse(text) as typeof body;
    } catch {
      /* a non-JSON answer is judged by its status */
    }
    return { at: Date.now(), ms, status: res.status, code: body.error?.code, message: body.error?.message, id: res.status === 201 ? body.id : undefined, ...item, process: app.name };
  } catch {
    return { at: Date.now(), ms: Math.round(performance.now() - t0), status: 0, ...item, process: app.name };
  }
}

/** Rows of this drill's firms by name: every acknowledged one must be there, none twice. */
async function firmsNamed(database: Database, tag: string): Promise<Map<string, { id: string; n: number }>> {
  const rows = await database.db
    .selectFrom('enterprises')
    .select(['name', sql<string>`min(id::text)`.as('id'), sql<number>`count(*)::int`.as('n')])
    .where('name', 'like', `故障演练${tag}%`)
    .groupBy('name')
    .execute();
  return new Map(rows.map((r) => [r.name, { id: r.id, n: r.n }]));
}

function checkAcknowledged(acknowledged: Outcome[], present: Map<string, { id: string; n: number }>) {
  const lost = acknowledged.filter((o) => present.get(o.name)?.id !== o.id);
  const duplicates = [...present.values()].filter((r) => r.n > 1).length;
  return { lost, duplicates };
}

describe.skipIf(!DATABASE_URL)('fault drills on PostgreSQL', () => {
  afterAll(killAll);

  it('kill -9 of one of three processes mid-burst: acknowledged writes kept once, sessions survive, sweeps act once', async () => {
    const name = `faults_${randomBytes(4).toString('hex')}`;
    await adminQuery(DATABASE_URL!, `create database ${name}`);
    const url = withDatabase(DATABASE_URL!, name);
    const database = await openDatabase({ url, poolSize: 3 });
    try {
      const env = { DATABASE_URL: url, DB_POOL_SIZE: '5', SCHEDULER_EVERY_MS: '1000' };
      // The first process seeds the empty database; the others start on the seeded one.
      const first = await start('A', env);
      const [second, third] = await Promise.all([start('B', env), start('C', env)]);
      const apps = [first, second, third];
      const sessions = await Promise.all(apps.map((a) => logIn(a.base, 'admin', DEMO_PASSWORD)));
      const victimSession = await logIn(second.base, 'dispatcher', DEMO_PASSWORD);

      // Overdue demands of a park of their own, all visible at once to the three sweeps.
      const park = await buildPark(database.db, '故障演练园区');
      const liaison = await buildUser(database.db, park, { roles: ['liaison'] });
      await buildUser(database.db, park, { roles: ['dispatcher'] });
      const firm = await buildEnterprise(database.db, park, { liaison_id: liaison.id });
      const overdue = new Date(Date.now() - 3_600_000);
      const demands = await database.db.transaction().execute(async (trx) => {
        const list = [];
        for (let i = 0; i < 150; i++) list.push(await buildDemand(trx, park, firm, { status: 'accepted', assigneeId: liaison.id, dueAt: overdue, dueKind: 'answer' }));
        return list;
      });
      const demandIds = demands.map((d) => d.id);
      const sweepStarted = Date.now();

      // The burst: 240 creates spread over the three processes, 12 in flight; B is killed
      // after 90 acknowledgements, and what was sent to it afterwards is simply not acknowledged.
      const tag = randomBytes(3).toString('hex');
      const BURST = 240;
      const KILL_AFTER = 90;
      const outcomes: Outcome[] = [];
      let next = 0;
      let acknowledged = 0;
      let killedAt = -1;
      const worker = async () => {
        while (next < BURST) {
          const i = next++;
          const k = i % 3;
          const o = await createFirm(apps[k]!, sessions[k]!, tag, i);
          outcomes.push(o);
          if (o.status === 201 && ++acknowledged >= KILL_AFTER && killedAt < 0) {
            killedAt = i;
            second.child.kill('SIGKILL');
          }
        }
      };
      await Promise.all(Array.from({ length: 12 }, worker));
      expect(await second.exited).toBe(null); // killed by the signal
      expect(killedAt).toBeGreaterThan(0);

      const acked = outcomes.filter((o) => o.status === 201);
      const refused = outcomes.filter((o) => o.status !== 201);
      // Only the killed process may fail a request, and only by not answering (or answering 503 while dying).
      expect(refused.filter((o) => o.process !== 'B' || (o.status !== 0 && o.status !== 503))).toEqual([]);
      expect(acked.filter((o) => o.process === 'B').length).toBeGreaterThan(0);
      expect(refused.length).toBeGreaterThan(0); // the kill came mid-burst

      const present = await firmsNamed(database, tag);
      const { lost, duplicates } = checkAcknowledged(acked, present);
      expect(lost).toEqual([]);
      expect(duplicates).toBe(0);
      // and the surviving processes read them back
      for (const o of acked.filter((_, i) => i % 10 === 0)) {
        const res = await call(first.base, sessions[0]!, 'GET', `/api/enterprises/${o.id}`);
        expect(res.status).toBe(200);
        expect(await res.json()).toMatchObject({ name: o.name, uscc: o.uscc });
      }

      // The session opened on the killed process lives in the database: A and C answer it.
      for (const app of [first, third]) {
        const me = await call(app.base, victimSession, 'GET', '/api/auth/me');
        expect(me.status).toBe(200);
        expect(((await me.json()) as { id: string }).id).toBe(victimSession.userId);
      }

      // The sweep runs every second in each live process: wait until every demand is escalated,
      // let a few more rounds pass, then count.
      for (;;) {
        const left = await database.db.selectFrom('demands').select(sql<number>`count(*)::int`.as('n')).where('id', 'in', demandIds).where('escalated_at', 'is', null).executeTakeFirstOrThrow();
        if (left.n === 0) break;
        if (Date.now() - sweepStarted > 90_000) throw new Error(`${left.n} overdue demands not escalated after 90 s`);
        await sleep(500);
      }
      const escalatedAfterMs = Date.now() - sweepStarted;
      await sleep(4_000);
      const events = await database.db
        .selectFrom('demand_events')
        .select(['demand_id', sql<number>`count(*)::int`.as('n')])
        .where('demand_id', 'in', demandIds)
        .where('action', '=', 'escalate')
        .groupBy('demand_id')
        .execute();
      const audits = await database.db
        .selectFrom('audit_log')
        .select(['entity_id', sql<number>`count(*)::int`.as('n')])
        .where('entity', '=', 'demand')
        .where('action', '=', 'escalate')
        .where('entity_id', 'in', demandIds)
        .groupBy('entity_id')
        .execute();
      expect(events.length).toBe(demandIds.length);
      expect(events.filter((e) => e.n !== 1)).toEqual([]);
      expect(audits.length).toBe(demandIds.length);
      expect(audits.filter((e) => e.n !== 1)).toEqual([]);

      await killAll();
      const verify = await runAuditVerify({ databaseUrl: url, print: () => undefined });
      expect(verify.exitCode).toBe(0);

      console.log(
        [
          'faults · kill -9 of 1 of 3 app processes (PostgreSQL)',
          `  writes sent ${outcomes.length}, acknowledged ${acked.length} (${acked.filter((o) => o.process === 'B').length} by the killed process), present ${acked.length - lost.length}, lost ${lost.length}, duplicates ${duplicates}`,
          `  not acknowledged ${refused.length} (all sent to the killed process)`,
          `  session opened on the killed process answered by the other two: yes`,
          `  sweep: ${demandIds.length} overdue demands escalated within ${(escalatedAfterMs / 1000).toFixed(1)} s by 3 processes sweeping every 1 s; escalate events per demand = 1, audit rows per demand = 1`,
          `  audit chain verified: ${verify.exitCode === 0 ? 'yes' : 'no'}`,
        ].join('\n'),
      );
    } finally {
      await killAll();
      await database.close();
      await adminQuery(DATABASE_URL!, `drop database if exists ${name} with (force)`).catch(() => undefined);
    }
  }, 400_000);

  describe('a PostgreSQL server of its own: restart, read-only, disk full', () => {
    const pgDir = path.join(os.tmpdir(), `yq-faults-pg-${randomBytes(4).toString('hex')}`);
    let pgPort = 0;
    let serverUrl = '';
    let app: AppProcess;
    let session: Session;
    let database: Database;
    const tag = randomBytes(3).toString('hex');
    let counter = 0;
    const acknowledged: Outcome[] = [];
    const pgLocal = (cmd: 'start' | 'stop') =>
      execFileSync('bash', [PG_LOCAL, cmd, String(pgPort)], { env: { ...process.env, PG_LOCAL_DIR: pgDir }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

    beforeAll(async () => {
      pgPort = await freePort();
      serverUrl = pgLocal('start').trim().split('\n').at(-1)!;
      // A production start: the park and its administrator only, no demo data to seed.
      app = await start('solo', {
        DATABASE_URL: serverUrl,
        NODE_ENV: 'production',
        SECURE_COOKIES: 'false',
        YQ_PARK_NAME: '故障演练园区',
        YQ_ADMIN_USERNAME: 'drill-admin',
        YQ_ADMIN_PASSWORD: 'Drill#2026-faults',
        DB_POOL_SIZE: '5',
        DB_CONNECT_TIMEOUT_MS: '3000',
      });
      session = await logIn(app.base, 'drill-admin', 'Drill#2026-faults');
      database = await openDatabase({ url: serverUrl, poolSize: 2 });
    }, 200_000);

    afterAll(async () => {
      await killAll();
      await database?.close().catch(() => undefined);
      try {
        pgLocal('stop');
      } catch {
        /* already stopped */
      }
      try {
        execFileSync('umount', [`${pgDir}-small`], { stdio: 'ignore' });
      } catch {
        /* never mounted */
      }
      fs.rmSync(`${pgDir}-small`, { recursive: true, force: true });
      fs.rmSync(pgDir, { recursive: true, force: true });
    });

    /** Creates firms, `inFlight` at a time, until `until()` says stop; returns every outcome. */
    async function burst(inFlight: number, until: () => boolean): Promise<Outcome[]> {
      const outcomes: Outcome[] = [];
      const worker = async () => {
        while (!until()) {
          const o = await createFirm(app, session, tag, counter++);
          outcomes.push(o);
          if (o.status === 201) acknowledged.push(o);
        }
      };
      await Promise.all(Array.from({ length: inFlight }, worker));
      return outcomes;
    }

    function expectOnly201And503(outcomes: Outcome[]) {
      // a refused connection (status 0) means the process is gone: say why, with what it printed
      expect(app.alive(), `the app process exited during the drill; its last output:\n${app.output.join('')}`).toBe(true);
      const other = outcomes.filter((o) => o.status !== 201 && o.status !== 503);
      expect(other.map((o) => `${o.status} ${o.code ?? ''} ${o.message ?? ''}`)).toEqual([]);
      for (const o of outcomes.filter((x) => x.status === 503)) {
        expect(o.code).toBe('SERVICE_UNAVAILABLE');
        expect(o.message).toBe(UNAVAILABLE_MESSAGE);
      }
    }

    async function expectNothingAcknowledgedLost() {
      const present = await firmsNamed(database, tag);
      const { lost, duplicates } = checkAcknowledged(acknowledged, present);
      expect(lost).toEqual([]);
      expect(duplicates).toBe(0);
      return { present: acknowledged.length - lost.length, lost: lost.length, duplicates };
    }

    it('answers 503 "系统繁忙,请稍后再试" while PostgreSQL restarts, within the bound, and recovers without a restart', async () => {
      let stoppedAt = 0;
      let restartedAt = 0;
      let firstOkAfter = 0;
      let done = false;
      const drill = (async () => {
        await sleep(2_000);
        stoppedAt = Date.now();
        pgLocal('stop');
        await sleep(4_000);
        pgLocal('start');
        restartedAt = Date.now();
      })();
      const outcomes = await burst(6, () => {
        if (done) return true;
        if (restartedAt && !firstOkAfter) {
          const ok = acknowledged.find((o) => o.at > restartedAt);
          if (ok) firstOkAfter = ok.at;
        }
        if (firstOkAfter && Date.now() - firstOkAfter > 2_000) done = true;
        if (restartedAt && Date.now() - restartedAt > 30_000) done = true;
        return done;
      });
      await drill;
      expectOnly201And503(outcomes);
      const unavailable = outcomes.filter((o) => o.status === 503);
      expect(unavailable.length).toBeGreaterThan(0);
      const slowest = Math.max(...outcomes.map((o) => o.ms));
      expect(slowest).toBeLessThan(REQUEST_BOUND_MS);
      expect(firstOkAfter).toBeGreaterThan(0); // the same process writes again
      expect(app.alive()).toBe(true);
      const health = await fetch(`${app.base}/api/health`);
      expect(health.status).toBe(200);
      const figures = await expectNothingAcknowledgedLost();
      const verify = await runAuditVerify({ databaseUrl: serverUrl, print: () => undefined });
      expect(verify.exitCode).toBe(0);
      console.log(
        [
          'faults · PostgreSQL stopped for 4 s mid-burst (one app process, 6 writes in flight)',
          `  requests ${outcomes.length}: 201 × ${outcomes.length - unavailable.length}, 503 "${UNAVAILABLE_MESSAGE}" × ${unavailable.length}, other 0`,
          `  slowest answer ${slowest} ms (bound ${REQUEST_BOUND_MS} ms; DB_CONNECT_TIMEOUT_MS=3000)`,
          `  first acknowledged write ${firstOkAfter - restartedAt} ms after PostgreSQL was back (down ${restartedAt - stoppedAt} ms), no app restart`,
          `  acknowledged ${acknowledged.length}, present ${figures.present}, lost ${figures.lost}, duplicates ${figures.duplicates}; audit chain verified`,
        ].join('\n'),
      );
    }, 120_000);

    it('answers 503 to writes on a read-only database and acknowledges none of them', async () => {
      const before = await firmsNamed(database, tag);
      await adminQuery(serverUrl, 'alter system set default_transaction_read_only = on');
      await adminQuery(serverUrl, 'select pg_reload_conf()');
      await sleep(500);
      try {
        let n = 0;
        const outcomes = await burst(4, () => n++ >= 40);
        expectOnly201And503(outcomes);
        expect(outcomes.filter((o) => o.status === 201)).toEqual([]);
        // reads still answer
        const list = await call(app.base, session, 'GET', '/api/enterprises?pageSize=5');
        expect(list.status).toBe(200);
        const during = await firmsNamed(database, tag);
        expect(during.size).toBe(before.size);
        console.log(`faults · read-only database: ${outcomes.length} writes, 503 × ${outcomes.filter((o) => o.status === 503).length}, acknowledged 0, rows added 0; reads 200`);
      } finally {
        const client = new pg.Client({ connectionString: serverUrl });
        await client.connect();
        await client.query('set default_transaction_read_only = off');
        await client.query('alter system reset default_transaction_read_only');
        await client.query('select pg_reload_conf()');
        await client.end();
      }
      await sleep(500);
      const after = await createFirm(app, session, tag, counter++);
      expect(after.status).toBe(201);
      acknowledged.push(after);
      await expectNothingAcknowledgedLost();
    }, 60_000);

    it('answers 503 to writes when the data disk is full, and loses no acknowledged write', async () => {
      // The firms' table moves to a tablespace on a small tmpfs that is then filled to the brim:
      // PostgreSQL itself fails to extend the table (53100 disk_full). Without permission to
      // mount, a trigger raises the same SQLSTATE from PostgreSQL instead (printed as such).
      const small = `${pgDir}-small`;
      fs.mkdirSync(small, { recursive: true });
      let real = true;
      try {
        execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=16m,mode=0700', 'tmpfs', small], { stdio: 'ignore' });
        execFileSync('chown', ['postgres:postgres', small]);
      } catch {
        real = false;
      }
      const filler = path.join(small, 'filler');
      if (real) {
        await adminQuery(serverUrl, `create tablespace faults_small location '${small}'`);
        await adminQuery(serverUrl, 'alter table enterprises set tablespace faults_small');
        try {
          execFileSync('dd', ['if=/dev/zero', `of=${filler}`, 'bs=1M', 'count=64'], { stdio: 'ignore' });
        } catch {
          /* dd stops with ENOSPC: the disk is full, as wanted */
        }
      } else {
        await adminQuery(
          serverUrl,
          `create function faults_disk_full() returns trigger language plpgsql as $$ begin raise exception 'could not extend file: No space left on device' using errcode = 'disk_full'; end $$;
           create trigger faults_disk_full before insert on enterprises for each row execute function faults_disk_full();`,
        );
      }
      let outcomes: Outcome[] = [];
      try {
        let n = 0;
        outcomes = await burst(4, () => n++ >= 300 || outcomes.filter((o) => o.status === 503).length >= 20);
        expectOnly201And503(outcomes);
        expect(outcomes.filter((o) => o.status === 503).length).toBeGreaterThan(0);
      } finally {
        if (real) fs.rmSync(filler, { force: true });
        else await adminQuery(serverUrl, 'drop trigger faults_disk_full on enterprises; drop function faults_disk_full()');
      }
      const again = await createFirm(app, session, tag, counter++);
      expect(again.status).toBe(201);
      acknowledged.push(again);
      const figures = await expectNothingAcknowledgedLost();
      const verify = await runAuditVerify({ databaseUrl: serverUrl, print: () => undefined });
      expect(verify.exitCode).toBe(0);
      if (real) {
        await adminQuery(serverUrl, 'alter table enterprises set tablespace pg_default');
        await adminQuery(serverUrl, 'drop tablespace faults_small');
      }
      console.log(
        [
          `faults · data disk full (${real ? 'real: the table on a 16 MB tmpfs filled up, PostgreSQL 53100' : 'simulated: mount not permitted, a trigger raised 53100 disk_full in PostgreSQL'})`,
          `  writes ${outcomes.length}: 201 × ${outcomes.filter((o) => o.status === 201).length} before the disk filled, 503 × ${outcomes.filter((o) => o.status === 503).length}, other 0`,
          `  after space was freed: writes acknowledged again; acknowledged in all drills ${acknowledged.length}, present ${figures.present}, lost ${figures.lost}, duplicates ${figures.duplicates}; audit chain verified`,
        ].join('\n'),
      );
    }, 90_000);
  });
});
