import fs from 'node:fs';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { inject } from 'vitest';
import { buildApp } from '../src/app.js';
import { openDatabase, type Database } from '../src/db/connection.js';
import type { AppConfig, AppContext } from '../src/platform/context.js';
import { fixedClock } from '../src/platform/clock.js';
import { CSRF_COOKIE, SESSION_COOKIE, createSession } from '../src/platform/auth/sessions.js';

export type TestApp = {
  app: FastifyInstance;
  ctx: AppContext;
  database: Database;
  clock: ReturnType<typeof fixedClock>;
  close(): Promise<void>;
};

/** Opens the test database (migrated once per run) and builds the app; one per test file. */
export async function createTestApp(config: Partial<AppConfig> = {}, start = new Date('2026-11-26T02:00:00Z')): Promise<TestApp> {
  const target = inject('testDatabase');
  const database =
    target.kind === 'postgres'
      ? await openDatabase({ url: target.url, poolSize: 5 })
      : await openDatabase({ loadDataDir: new Blob([fs.readFileSync(target.file)]) });
  const clock = fixedClock(start);
  // Tests move the clock by hours and days between requests of one session; the 30-minute idle
  // timeout would end those sessions. Tests of the idle timeout set it themselves.
  const { app, ctx } = await buildApp({ database, clock, config: { sessionIdleMinutes: 12 * 60, ...config } });
  await app.ready();
  return {
    app,
    ctx,
    database,
    clock,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}

/** A logged-in client: cookies and the CSRF header on every request. */
export type Client = {
  userId: string;
  request(opts: InjectOptions): Promise<LightMyRequestResponse>;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, payload?: unknown): Promise<LightMyRequestResponse>;
  patch(url: string, payload?: unknown): Promise<LightMyRequestResponse>;
  put(url: string, payload?: unknown): Promise<LightMyRequestResponse>;
  delete(url: string): Promise<LightMyRequestResponse>;
};

function clientFor(t: TestApp, userId: string, token: string | null, csrf: string | null): Client {
  const cookies: Record<string, string> = {};
  if (token) cookies[SESSION_COOKIE] = token;
  if (csrf) cookies[CSRF_COOKIE] = csrf;
  const request = (opts: InjectOptions) =>
    t.app.inject({
      ...opts,
      cookies: { ...cookies, ...(opts.cookies ?? {}) },
      headers: { ...(csrf ? { 'x-csrf-token': csrf } : {}), ...(opts.headers ?? {}) },
    });
  return {
    userId,
    request,
    get: (url) => request({ method: 'GET', url }),
    post: (url, payload) => request({ method: 'POST', url, payload: payload as InjectOptions['payload'] }),
    patch: (url, payload) => request({ method: 'PATCH', url, payload: payload as InjectOptions['payload'] }),
    put: (url, payload) => request({ method: 'PUT', url, payload: payload as InjectOptions['payload'] }),
    delete: (url) => request({ method: 'DELETE', url }),
  };
}

/** A client with a session opened directly (fast); the log-in endpoint has its own tests. */
export async function clientAs(t: TestApp, user: { id: string; park_id: string }): Promise<Client> {
  const session = await createSession(t.ctx.db, user, t.clock.now(), 12, { ip: '127.0.0.1', userAgent: 'test' });
  return clientFor(t, user.id, session.token, session.csrfToken);
}

/** No session at all. */
export function anonymous(t: TestApp): Client {
  return clientFor(t, '', null, null);
}

/** Logs in through the API like a browser would. */
export async function loginAs(t: TestApp, username: string, password: string): Promise<{ response: LightMyRequestResponse; client: Client | null }> {
  const response = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (response.statusCode !== 200) return { response, client: null };
  const token = response.cookies.find((c) => c.name === SESSION_COOKIE)!.value;
  const csrf = response.cookies.find((c) => c.name === CSRF_COOKIE)!.value;
  return { response, client: clientFor(t, response.json().id, token, csrf) };
}

export function errorOf(res: LightMyRequestResponse): { code: string; message: string; details: { path: string; message: string }[] } {
  return res.json().error;
}
