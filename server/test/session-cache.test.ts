import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.js';
import { openDatabase, type Database } from '../src/db/connection.js';
import { SessionCache, listenForSessionChanges } from '../src/platform/auth/session-cache.js';
import { CSRF_COOKIE, SESSION_COOKIE, createSession, sessionIdOf } from '../src/platform/auth/sessions.js';
import { buildPark, buildUser, type TestPark } from './factories.js';
import { call, logIn, startAppProcess, stopAppProcess, type AppProcess, type Session } from './app-processes.js';
import { clientAs, createTestApp, type TestApp } from './harness.js';

// Issue 12, item 2: a session read is reused for a few seconds per process, and whatever ends a
// session or changes its user or roles is refused at once on the process that made the change and,
// through the database's message, on every other process.

describe('SessionCache', () => {
  const row = (id: string, park = 'p1') => ({ id, park_id: park, n: Math.random() });
  it('serves a row for its time to live only, and nothing before it is listening', () => {
    let now = 0;
    const cache = new SessionCache<ReturnType<typeof row>>(5000, () => now);
    cache.put('s1', row('u1'), cache.generation());
    expect(cache.get('s1')).toBeUndefined(); // not listening: off
    cache.setLive(true);
    cache.put('s1', row('u1'), cache.generation());
    expect(cache.get('s1')?.id).toBe('u1');
    now = 5001;
    expect(cache.get('s1')).toBeUndefined();
  });
  it('drops by session, by user and by park, and empties when the listener is lost', () => {
    const cache = new SessionCache<ReturnType<typeof row>>(5000, () => 0);
    cache.setLive(true);
    const put = (s: string, u: string, p = 'p1') => cache.put(s, row(u, p), cache.generation());
    put('s1', 'u1');
    put('s2', 'u1');
    put('s3', 'u2');
    put('s4', 'u3', 'p2');
    cache.drop('s:s3');
    expect(cache.get('s3')).toBeUndefined();
    expect(cache.get('s1')).toBeDefined();
    cache.drop('u:u1');
    expect([cache.get('s1'), cache.get('s2')]).toEqual([undefined, undefined]);
    put('s5', 'u5', 'p2');
    cache.drop('p:p2');
    expect([cache.get('s4'), cache.get('s5')]).toEqual([undefined, undefined]);
    put('s6', 'u6');
    cache.setLive(false);
    cache.setLive(true);
    expect(cache.get('s6')).toBeUndefined();
  });
  it('does not keep a read that a change overtook', () => {
    const cache = new SessionCache<ReturnType<typeof row>>(5000, () => 0);
    cache.setLive(true);
    const before = cache.generation();
    cache.drop('s:other'); // a message arrives while the read is under way
    cache.put('s1', row('u1'), before);
    expect(cache.get('s1')).toBeUndefined();
  });
});

/** Polls until `check` holds; returns how long it took (ms). */
async function within(ms: number, check: () => Promise<boolean>): Promise<number> {
  const t0 = performance.now();
  for (;;) {
    if (await check()) return performance.now() - t0;
    if (performance.now() - t0 > ms) throw new Error(`not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 2));
  }
}

describe('the session cache of two apps on one database (in one process: every change also dropped locally)', () => {
  let a: TestApp;
  let b: { app: FastifyInstance; database: Database | null };
  let park: TestPark;
  let n = 0;

  beforeAll(async () => {
    a = await createTestApp({ sessionCacheSeconds: 60 });
    // "process B": its own app (own cache, own listener) and, on a server, its own pool
    const target = inject('testDatabase');
    const database = target.kind === 'postgres' ? await openDatabase({ url: target.url, poolSize: 3 }) : null;
    const built = await buildApp({ database: database ?? a.database, clock: a.clock, config: { sessionIdleMinutes: 12 * 60, sessionCacheSeconds: 60 } });
    await built.app.ready();
    b = { app: built.app, database };
    park = await buildPark(a.ctx.db, '会话缓存园区');
  });
  afterAll(async () => {
    await b.app.close();
    await b.database?.close();
    await a.close();
  });

  const userOf = (roles: ['admin'] | ['liaison']) => buildUser(a.ctx.db, park, { roles, username: `cache_${roles[0]}_${++n}` });
  async function session(user: { id: string; park_id: string }) {
    const s = await createSession(a.ctx.db, user, a.clock.now(), 12, { ip: '127.0.0.1', userAgent: 'test' });
    const on = (app: FastifyInstance) => (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
      app.inject({ method, url, payload, cookies: { [SESSION_COOKIE]: s.token, [CSRF_COOKIE]: s.csrfToken }, headers: { 'x-csrf-token': s.csrfToken } });
    return { id: sessionIdOf(s.token), onA: on(a.app), onB: on(b.app) };
  }
  const meOk = async (call: (m: 'GET', u: string) => Promise<{ statusCode: number }>) => (await call('GET', '/api/auth/me')).statusCode === 200;

  it('logging out on one process is refused on the other', async () => {
    const s = await session(await userOf(['liaison']));
    expect(await meOk(s.onA)).toBe(true);
    expect(await meOk(s.onB)).toBe(true); // B now holds it for 60 s
    expect((await s.onA('POST', '/api/auth/logout', {})).statusCode).toBeLessThan(300);
    expect(await meOk(s.onA)).toBe(false); // the process that changed it: at once
    const ms = await within(2000, async () => !(await meOk(s.onB)));
    expect(ms).toBeLessThan(2000);
  });

  it('强制下线 by an admin on one process is refused on the other with its reason', async () => {
    const admin = await clientAs(a, await userOf(['admin']));
    const s = await session(await userOf(['liaison']));
    expect(await meOk(s.onB)).toBe(true);
    expect((await admin.delete(`/api/admin/sessions/${s.id}`)).statusCode).toBe(204);
    await within(2000, async () => (await s.onB('GET', '/api/auth/me')).statusCode === 401);
    expect((await s.onB('GET', '/api/auth/me')).json().error.code).toBe('SESSION_ENDED');
  });

  it('a change made straight in the database (no app code) reaches both processes through its trigger', async () => {
    const user = await userOf(['liaison']);
    const s = await session(user);
    expect(await meOk(s.onA)).toBe(true);
    expect(await meOk(s.onB)).toBe(true);
    await a.ctx.db.updateTable('users').set({ is_active: false }).where('id', '=', user.id).execute();
    await within(2000, async () => !(await meOk(s.onA)) && !(await meOk(s.onB)));
  });

  it('turns on only when its own ping comes back: a LISTEN that is never told anything keeps it off', async () => {
    const deaf = { ...a.database, listen: async (_c: string, _m: (p: string) => void, onState: (live: boolean) => void) => (onState(true), async () => undefined) };
    const offCache = new SessionCache<{ id: string; park_id: string }>(60_000);
    const stopDeaf = await listenForSessionChanges(deaf as Database, offCache, { pingTimeoutMs: 50 });
    const onCache = new SessionCache<{ id: string; park_id: string }>(60_000);
    const stopReal = await listenForSessionChanges(a.database, onCache, { pingTimeoutMs: 2000 });
    await within(2000, async () => onCache.isLive);
    await new Promise((r) => setTimeout(r, 100));
    expect(offCache.isLive).toBe(false);
    await stopDeaf();
    await stopReal();
    expect(onCache.isLive).toBe(false);
  });

  it('serves repeated requests from the cache: a change hidden from the triggers stays unseen while the entry lives', async () => {
    const user = await userOf(['liaison']);
    const s = await session(user);
    expect(await meOk(s.onB)).toBe(true);
    // triggers off for this one write (as a replica applies changes): no message is sent
    await a.ctx.db.transaction().execute(async (trx) => {
      await sql`set local session_replication_role = replica`.execute(trx);
      await trx.updateTable('users').set({ is_active: false }).where('id', '=', user.id).execute();
    });
    expect(await meOk(s.onB)).toBe(true); // still the cached read: the cache is really used
    const fresh = await session(user); // a session never read before is read from the database
    expect(await meOk(fresh.onB)).toBe(false);
  });

  it('a change of roles counts without waiting for the cache to expire', async () => {
    const user = await userOf(['admin']);
    const s = await session(user);
    const sessionsPage = async () => (await s.onB('GET', '/api/admin/sessions')).statusCode;
    expect(await sessionsPage()).toBe(200); // held by B from here on
    await a.ctx.db.updateTable('users').set({ roles: ['liaison'] }).where('id', '=', user.id).execute();
    await within(2000, async () => (await sessionsPage()) === 403);
  });
});

// Real processes on a PostgreSQL server: the one place where "another process" is not this one, so
// only the database's message can reach it.
const SERVER_URL = process.env.TEST_DATABASE_URL;
describe.skipIf(!SERVER_URL)('two app processes on a PostgreSQL server', () => {
  const apps: AppProcess[] = [];
  let url = '';
  let dbName = '';
  afterAll(async () => {
    await Promise.all(apps.map((p) => stopAppProcess(p)));
    if (dbName) await adminQuery(SERVER_URL!, `drop database if exists ${dbName} with (force)`);
  });
  beforeAll(async () => {
    dbName = `session_cache_${randomBytes(4).toString('hex')}`;
    await adminQuery(SERVER_URL!, `create database ${dbName}`);
    const u = new URL(SERVER_URL!);
    u.pathname = `/${dbName}`;
    url = u.toString();
    const env = { DATABASE_URL: url, SESSION_CACHE_SECONDS: '60' };
    apps.push(await startAppProcess('A', env)); // seeds the demo park
    apps.push(await startAppProcess('B', env));
  }, 300_000);

  const me = (base: string, s: Session) => call(base, s, 'GET', '/api/auth/me');
  const sessionIdIn = (s: Session) => sessionIdOf(/yq_session=([^;]+)/.exec(s.cookie)![1]!);

  it('logout, 强制下线 and a disabled user on A are refused on B within milliseconds, though B holds the session for 60 s', async () => {
    const [A, B] = [apps[0]!.base, apps[1]!.base];
    const timings: Record<string, number> = {};

    const s1 = await logIn(A, 'liaison', 'Demo@2026');
    expect((await me(B, s1)).status).toBe(200);
    expect((await call(A, s1, 'POST', '/api/auth/logout', {})).status).toBeLessThan(300);
    timings.logout = await within(1000, async () => (await me(B, s1)).status === 401);

    const admin = await logIn(A, 'admin', 'Demo@2026');
    const s2 = await logIn(B, 'dispatcher', 'Demo@2026');
    expect((await me(B, s2)).status).toBe(200);
    expect((await call(A, admin, 'DELETE', `/api/admin/sessions/${sessionIdIn(s2)}`)).status).toBe(204);
    timings.forceLogout = await within(1000, async () => (await me(B, s2)).status === 401);
    expect(((await (await me(B, s2)).json()) as { error: { code: string } }).error.code).toBe('SESSION_ENDED');

    const s3 = await logIn(B, 'leader', 'Demo@2026');
    expect((await me(B, s3)).status).toBe(200);
    await adminQuery(url, `update users set is_active = false where id = '${s3.userId}'`);
    timings.disabledBySql = await within(1000, async () => (await me(B, s3)).status === 401);
    console.log(`session changes seen by the other process after (ms): ${JSON.stringify(Object.fromEntries(Object.entries(timings).map(([k, v]) => [k, Math.round(v * 10) / 10])))}`);
  }, 120_000);
});

async function adminQuery(connectionString: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}
