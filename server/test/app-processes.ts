import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Real app processes (`node --import tsx server/src/main.ts`, as `npm start` runs it) for the
 * fault tests and the load bench: each on its own loopback port, stopped or killed by its pid.
 */

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export type AppProcess = {
  name: string;
  child: ChildProcess;
  port: number;
  base: string;
  output: string[];
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
  alive(): boolean;
};

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Starts one app process and waits until `/api/health` answers. NODE_ENV and the test database
 * variables of this process are not passed on; `env` says everything else.
 */
export async function startAppProcess(name: string, env: Record<string, string>, options: { port?: number; readyTimeoutMs?: number } = {}): Promise<AppProcess> {
  const port = options.port ?? (await freePort());
  const childEnv: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn', ...env, PORT: String(port), HOST: '127.0.0.1' };
  if (!env.NODE_ENV) delete childEnv.NODE_ENV;
  delete childEnv.TEST_DATABASE_URL;
  if (!env.DATABASE_URL) delete childEnv.DATABASE_URL;
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], { cwd: root, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  const keep = (d: Buffer) => {
    output.push(String(d));
    if (output.length > 400) output.splice(0, output.length - 400);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  let gone = false;
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  void exited.then(() => (gone = true));
  const app: AppProcess = { name, child, port, base: `http://127.0.0.1:${port}`, output, exited, alive: () => !gone };

  const deadline = Date.now() + (options.readyTimeoutMs ?? 180_000);
  for (;;) {
    if (gone) throw new Error(`${name} exited before it was ready:\n${output.join('')}`);
    try {
      const res = await fetch(`${app.base}/api/health`);
      if (res.ok) return app;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${name} did not become ready:\n${output.join('')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves with the exit code. */
export async function stopAppProcess(app: AppProcess, graceMs = 15_000): Promise<number | null> {
  if (!app.alive()) return app.exited;
  app.child.kill('SIGTERM');
  const timer = setTimeout(() => app.child.kill('SIGKILL'), graceMs);
  try {
    return await app.exited;
  } finally {
    clearTimeout(timer);
  }
}

/** A logged-in browser: the session and CSRF cookies, and the CSRF header for writes. */
export type Session = { cookie: string; csrf: string; userId: string };

export async function logIn(base: string, username: string, password: string, headers: Record<string, string> = {}): Promise<Session> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`log-in as ${username} answered ${res.status}: ${await res.text()}`);
  const cookies = res.headers.getSetCookie().map((c) => c.split(';')[0]!);
  const csrf = cookies.find((c) => c.startsWith('yq_csrf='))?.slice('yq_csrf='.length);
  if (!csrf || !cookies.some((c) => c.startsWith('yq_session='))) throw new Error(`log-in as ${username} set no session`);
  const body = (await res.json()) as { id: string };
  return { cookie: cookies.join('; '), csrf, userId: body.id };
}

export function call(base: string, session: Session | null, method: string, url: string, body?: unknown, signal?: AbortSignal): Promise<Response> {
  return fetch(`${base}${url}`, {
    method,
    signal,
    headers: {
      ...(session ? { cookie: session.cookie } : {}),
      ...(session && method !== 'GET' ? { 'x-csrf-token': session.csrf } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}
