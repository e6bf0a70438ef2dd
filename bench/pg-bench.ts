// Shared by the PostgreSQL benchmarks (demands, services, matching): where the server is, how a
// throw-away database is addressed and administered, and a timed log line per phase.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** `BENCH_DATABASE_URL`, or a local cluster started by `scripts/pg-local.sh start`. */
export function serverUrl(): string {
  if (process.env.BENCH_DATABASE_URL) return process.env.BENCH_DATABASE_URL;
  return execFileSync(path.join(root, 'scripts', 'pg-local.sh'), ['start'], { encoding: 'utf8' }).trim().split('\n').pop()!;
}

/** The same server URL pointing at another database. */
export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** Runs one statement (create/drop database …) on the server's `postgres` database. */
export async function admin(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: withDatabase(url, 'postgres') });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** A `[bench:<name>]` logger and a phase timer that logs "label: 1.2 s". */
export function benchLog(name: string) {
  const log = (msg: string) => console.log(`[bench:${name}] ${msg}`);
  async function timed<T>(label: string, work: () => Promise<T>): Promise<T> {
    const started = performance.now();
    const result = await work();
    log(`${label}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
    return result;
  }
  return { log, timed };
}
