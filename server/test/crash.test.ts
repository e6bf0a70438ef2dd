import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { runAuditVerify } from '../src/cli/audit-verify.js';
import { buildUscc } from './factories.js';

/**
 * The crash test: the real server process takes a burst of enterprise creates and is killed with
 * SIGKILL in the middle of it; after a restart on the same data every create it had acknowledged
 * (201) is there, with its audit row, and the audit chain verifies.
 */

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const DEMO_PASSWORD = 'Demo@2026';
const BURST = 200;
const IN_FLIGHT = 10;
/** Acknowledged creates after which the server is killed, with the rest of the burst in flight. */
const KILL_AFTER = 70;

type Server = { child: ChildProcess; port: number; output: string[]; exited: Promise<number | null> };
const running = new Set<Server>();

afterEach(async () => {
  for (const server of running) {
    server.child.kill('SIGKILL');
    await server.exited;
  }
  running.clear();
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** Starts `node --import tsx server/src/main.ts` as `npm start` would, without NODE_ENV. */
async function startServer(env: Record<string, string>): Promise<Server> {
  const port = await freePort();
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' };
  delete childEnv.NODE_ENV;
  delete childEnv.TEST_DATABASE_URL;
  if (!env.DATABASE_URL) delete childEnv.DATABASE_URL;
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], { cwd: root, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  child.stdout!.on('data', (d) => output.push(String(d)));
  child.stderr!.on('data', (d) => output.push(String(d)));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const server = { child, port, output, exited };
  running.add(server);
  void exited.then(() => running.delete(server));

  // the first start seeds the whole demo park (every module), which takes minutes on a loaded CI machine
  const deadline = Date.now() + 240_000;
  let gone = false;
  void exited.then(() => (gone = true));
  for (;;) {
    if (gone) throw new Error(`the server exited before it was ready:\n${output.join('')}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/api/health`);
      if (res.ok) return server;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) throw new Error(`the server did not become ready:\n${output.join('')}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function stopServer(server: Server): Promise<void> {
  server.child.kill('SIGTERM');
  expect(await server.exited).toBe(0);
}

type Session = { port: number; cookie: string; csrf: string };

async function login(port: number): Promise<Session> {
  const res = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: DEMO_PASSWORD }),
  });
  expect(res.status).toBe(200);
  const cookies = res.headers.getSetCookie().map((c) => c.split(';')[0]!);
  const csrf = cookies.find((c) => c.startsWith('yq_csrf='))!.slice('yq_csrf='.length);
  return { port, cookie: cookies.join('; '), csrf };
}

function call(session: Session, method: string, url: string, body?: unknown): Promise<Response> {
  return fetch(`http://127.0.0.1:${session.port}${url}`, {
    method,
    headers: {
      cookie: session.cookie,
      ...(body === undefined ? {} : { 'content-type': 'application/json', 'x-csrf-token': session.csrf }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

type Acknowledged = { id: string; uscc: string; name: string };

/**
 * Fires BURST creates, IN_FLIGHT at a time, and SIGKILLs the server as soon as KILL_AFTER of them
 * are acknowledged. Requests cut off by the kill are simply not acknowledged.
 */
async function burstAndKill(server: Server, session: Session, tag: string): Promise<{ acknowledged: Acknowledged[]; sent: number }> {
  const acknowledged: Acknowledged[] = [];
  let next = 0;
  let killed = false;
  const worker = async () => {
    while (!killed && next < BURST) {
      const i = next++;
      const item = { uscc: buildUscc(), name: `崩溃测试${tag}第${i}号有限公司` };
      try {
        const res = await call(session, 'POST', '/api/enterprises', { ...item, headcount: i, chain: 'iot' });
        if (res.status === 201) {
          const body = (await res.json()) as { id: string };
          acknowledged.push({ id: body.id, ...item });
          if (acknowledged.length >= KILL_AFTER && !killed) {
            killed = true;
            server.child.kill('SIGKILL');
          }
        } else if (!killed) {
          throw new Error(`create answered ${res.status}: ${await res.text()}`);
        }
      } catch (error) {
        if (!killed) throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  expect(killed).toBe(true);
  expect(await server.exited).toBe(null); // killed by a signal, not exited
  return { acknowledged, sent: next };
}

async function assertEverythingAcknowledgedIsThere(session: Session, acknowledged: Acknowledged[], tag: string): Promise<void> {
  const missing: Acknowledged[] = [];
  for (const item of acknowledged) {
    const res = await call(session, 'GET', `/api/enterprises/${item.id}`);
    if (res.status !== 200) {
      missing.push(item);
      continue;
    }
    expect(await res.json()).toMatchObject({ uscc: item.uscc, name: item.name });
    const audit = await call(session, 'GET', `/api/audit?entity=enterprise&entityId=${item.id}`);
    expect(((await audit.json()) as { total: number }).total).toBe(1);
  }
  expect(missing).toEqual([]);
  // the burst's firms that did survive are whole: searchable and each with one audit row
  const list = await call(session, 'GET', `/api/enterprises?q=${encodeURIComponent(`崩溃测试${tag}`)}&pageSize=200`);
  const { total } = (await list.json()) as { total: number };
  expect(total).toBeGreaterThanOrEqual(acknowledged.length);
  const verify = await call(session, 'GET', '/api/audit/verify');
  expect(await verify.json()).toMatchObject({ ok: true, firstBroken: null });
}

async function crashAndRecover(env: Record<string, string>): Promise<void> {
  const tag = randomBytes(3).toString('hex');
  const first = await startServer(env);
  const before = await login(first.port);
  const firmsBefore = ((await (await call(before, 'GET', '/api/enterprises?pageSize=1')).json()) as { total: number }).total;
  expect(firmsBefore).toBeGreaterThan(900); // the demo park was seeded

  const { acknowledged, sent } = await burstAndKill(first, before, tag);
  expect(acknowledged.length).toBeGreaterThanOrEqual(KILL_AFTER);
  expect(sent).toBeLessThan(BURST); // the kill came mid-burst

  const second = await startServer(env);
  const after = await login(second.port);
  await assertEverythingAcknowledgedIsThere(after, acknowledged, tag);
  // a restart keeps the data and does not seed again
  const firmsAfter = ((await (await call(after, 'GET', '/api/enterprises?pageSize=1')).json()) as { total: number }).total;
  expect(firmsAfter).toBeGreaterThanOrEqual(firmsBefore + acknowledged.length);
  expect(firmsAfter).toBeLessThanOrEqual(firmsBefore + sent);
  await stopServer(second);
}

describe('kill -9 during a burst of enterprise writes', () => {
  it('keeps every acknowledged write on PGlite, and the audit chain verifies', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yq-crash-'));
    try {
      await crashAndRecover({ DATA_DIR: dataDir });
      const outcome = await runAuditVerify({ dataDir, print: () => undefined });
      expect(outcome.lines.join('\n')).toContain('审计日志完整');
      expect(outcome.exitCode).toBe(0);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 420_000);

  it.skipIf(!process.env.TEST_DATABASE_URL)('keeps every acknowledged write on PostgreSQL, and the audit chain verifies', async () => {
    // the server seeds only an empty database: use a fresh one
    const name = `crash_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await admin.connect();
    await admin.query(`create database ${name}`);
    const url = new URL(process.env.TEST_DATABASE_URL!);
    url.pathname = `/${name}`;
    try {
      await crashAndRecover({ DATABASE_URL: url.toString() });
      const outcome = await runAuditVerify({ databaseUrl: url.toString(), print: () => undefined });
      expect(outcome.exitCode).toBe(0);
    } finally {
      for (const server of running) {
        server.child.kill('SIGKILL');
        await server.exited;
      }
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  }, 420_000);
});
