import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { buildApp } from '../src/app.js';
import { runBackup } from '../src/cli/backup.js';
import { runRestore } from '../src/cli/restore.js';
import { openDatabase, type Database } from '../src/db/connection.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { seedDemoPark } from '../src/db/seed/seed-demo.js';
import { markDataDirInUse, tableRowCounts } from '../src/platform/backup.js';
import { fixedClock } from '../src/platform/clock.js';
import { createSession, CSRF_COOKIE, SESSION_COOKIE } from '../src/platform/auth/sessions.js';
import { buildUscc } from './factories.js';

const SEEDED_AT = new Date('2026-11-26T02:00:00Z');

/** The demo park seeded, then written to through the API (so the audit log grows), as a park in use is. */
async function makeBusyPark(database: Database): Promise<void> {
  await seedDemoPark(database.db, { withDemoUsers: true, now: SEEDED_AT });
  const clock = fixedClock(new Date('2026-11-27T02:00:00Z'));
  const { app } = await buildApp({ database, clock, config: {} });
  await app.ready();
  try {
    const admin = await database.db.selectFrom('users').select(['id', 'park_id']).where(sql<boolean>`'admin' = any(roles)`).executeTakeFirstOrThrow();
    const session = await createSession(database.db, admin, clock.now(), 12, { ip: '127.0.0.1', userAgent: 'backup-test' });
    const headers = { 'x-csrf-token': session.csrfToken };
    const cookies = { [SESSION_COOKIE]: session.token, [CSRF_COOKIE]: session.csrfToken };
    for (let i = 0; i < 5; i++) {
      const created = await app.inject({ method: 'POST', url: '/api/enterprises', headers, cookies, payload: { uscc: buildUscc(), name: `备份演练企业${i}号有限公司`, headcount: 10 + i } });
      expect(created.statusCode).toBe(201);
      const edited = await app.inject({ method: 'PATCH', url: `/api/enterprises/${created.json().id}`, headers, cookies, payload: { headcount: 20 + i } });
      expect(edited.statusCode).toBe(200);
    }
  } finally {
    await app.close();
  }
}

const tmpRoots: string[] = [];
const tmpDir = (label: string) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `yq-${label}-`));
  tmpRoots.push(dir);
  return dir;
};
afterAll(() => {
  for (const d of tmpRoots) fs.rmSync(d, { recursive: true, force: true });
});

const quiet = () => {
  const lines: string[] = [];
  return { lines, print: (l: string) => lines.push(l) };
};

describe('npm run backup / restore on the embedded database (PGlite)', () => {
  let source: string;
  let counts: Record<string, number>;

  beforeAll(async () => {
    const target = inject('testDatabase');
    source = path.join(tmpDir('backup-src'), 'data');
    const database =
      target.kind === 'pglite'
        ? await openDatabase({ dataDir: source, loadDataDir: new Blob([fs.readFileSync(target.file)]) })
        : await openDatabase({ dataDir: source });
    try {
      await migrateToLatest(database.db);
      await makeBusyPark(database);
      counts = await tableRowCounts(database.db);
    } finally {
      await database.close();
    }
  }, 300_000);

  it('refuses to back up a data folder a running server holds', async () => {
    // as server/src/main.ts does while it serves
    const release = markDataDirInUse(source);
    try {
      const out = quiet();
      const r = await runBackup(['--out', path.join(tmpDir('refused'), 'x.tar.gz')], { DATA_DIR: source }, out.print);
      expect(r.exitCode).toBe(1);
      expect(out.lines.join('\n')).toContain('正被运行中的服务使用');
    } finally {
      release();
    }
  }, 60_000);

  it('backs up a busy demo park, restores it into an empty folder with equal row counts and an intact audit chain', async () => {
    const file = path.join(tmpDir('backup-file'), 'yuanqi.tar.gz');
    const backup = quiet();
    const made = await runBackup(['--out', file], { DATA_DIR: source }, backup.print);
    expect(made.exitCode, backup.lines.join('\n')).toBe(0);
    expect(fs.statSync(file).size).toBeGreaterThan(0);

    const restoredDir = path.join(tmpDir('restore'), 'data');
    const restore = quiet();
    const restored = await runRestore([file], { DATA_DIR: restoredDir }, restore.print);
    expect(restored.exitCode, restore.lines.join('\n')).toBe(0);
    expect(restored.outcome!.counts).toEqual(counts);
    expect(counts.enterprises).toBeGreaterThan(900);
    expect(counts.audit_log).toBeGreaterThan(0);
    expect(restore.lines.join('\n')).toContain('审计日志完整');
    const tables = Object.keys(counts).length;
    const rows = Object.values(counts).reduce((a, b) => a + b, 0);
    console.log(`[backup] PGlite: ${tables} tables, ${rows} rows backed up (${(fs.statSync(file).size / 1024 / 1024).toFixed(1)} MB) and restored with equal counts; ${restore.lines.find((l) => l.includes('审计日志完整'))}`);

    // a restore never writes over data
    const again = quiet();
    expect((await runRestore([file], { DATA_DIR: restoredDir }, again.print)).exitCode).toBe(1);
    expect(again.lines.join('\n')).toContain('不是空目录');
  }, 300_000);
});

const serverUrl = process.env.TEST_DATABASE_URL;

describe.runIf(serverUrl)('npm run backup / restore on PostgreSQL (pg_dump / pg_restore)', () => {
  const suffix = `${process.pid}_${Date.now().toString(36)}`;
  const names = { source: `yuanqi_backup_src_${suffix}`, target: `yuanqi_backup_dst_${suffix}` };
  const urlOf = (name: string) => {
    const u = new URL(serverUrl!);
    u.pathname = `/${name}`;
    return u.toString();
  };
  const admin = async <T>(work: (c: pg.Client) => Promise<T>) => {
    const c = new pg.Client({ connectionString: urlOf('postgres') });
    await c.connect();
    try {
      return await work(c);
    } finally {
      await c.end();
    }
  };
  let counts: Record<string, number>;

  beforeAll(async () => {
    await admin(async (c) => {
      await c.query(`create database ${names.source}`);
      await c.query(`create database ${names.target}`);
    });
    const database = await openDatabase({ url: urlOf(names.source), poolSize: 3 });
    try {
      await migrateToLatest(database.db);
      await makeBusyPark(database);
      counts = await tableRowCounts(database.db);
    } finally {
      await database.close();
    }
  }, 300_000);

  afterAll(async () => {
    await admin(async (c) => {
      for (const n of [names.source, names.target]) await c.query(`drop database if exists ${n} with (force)`);
    });
  });

  it('dumps with pg_dump, restores into an empty database with equal row counts and an intact audit chain, and refuses a database with tables', async () => {
    const file = path.join(tmpDir('pg-backup'), 'yuanqi.dump');
    const backup = quiet();
    const made = await runBackup(['--out', file], { DATABASE_URL: urlOf(names.source) }, backup.print);
    expect(made.exitCode, backup.lines.join('\n')).toBe(0);
    expect(fs.readFileSync(file).subarray(0, 5).toString()).toBe('PGDMP');

    const restore = quiet();
    const restored = await runRestore([file], { DATABASE_URL: urlOf(names.target) }, restore.print);
    expect(restored.exitCode, restore.lines.join('\n')).toBe(0);
    expect(restored.outcome!.counts).toEqual(counts);
    expect(restore.lines.join('\n')).toContain('审计日志完整');
    const rows = Object.values(counts).reduce((a, b) => a + b, 0);
    console.log(`[backup] PostgreSQL: ${Object.keys(counts).length} tables, ${rows} rows dumped (${(fs.statSync(file).size / 1024 / 1024).toFixed(1)} MB) and restored with equal counts; ${restore.lines.find((l) => l.includes('审计日志完整'))}`);

    const again = quiet();
    expect((await runRestore([file], { DATABASE_URL: urlOf(names.target) }, again.print)).exitCode).toBe(1);
    expect(again.lines.join('\n')).toContain('不是空库');
  }, 300_000);
});
