import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { sql, type Kysely } from 'kysely';
import { openDatabase } from '../db/connection.js';
import type { DB } from '../db/schema.js';

/**
 * Backup and restore of a whole deployment (docs/OPERATIONS.md, "Backup and restore").
 *  - PostgreSQL: `pg_dump -Fc` (custom format, consistent by its own snapshot, server may run),
 *    restored with `pg_restore` into an empty database.
 *  - PGlite: its data folder as a gzipped tarball (PGlite's own dumpDataDir); the folder can be
 *    open in one process only, so the server must be stopped first, and the restore writes a new,
 *    empty data folder.
 */

export type BackupTarget = { databaseUrl: string } | { dataDir: string };

export class BackupError extends Error {}

const PG_CUSTOM_MAGIC = Buffer.from('PGDMP');
const GZIP_MAGIC = Buffer.from([0x1f, 0x8b]);

export const hideSecret = (url: string) => url.replace(/\/\/[^@/]*@/, '//***@');

/** Row counts of every base table of the public schema, by name. */
export async function tableRowCounts(db: Kysely<DB>): Promise<Record<string, number>> {
  const tables = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
    where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`.execute(db);
  const counts: Record<string, number> = {};
  for (const { name } of tables.rows) {
    const r = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(name)}`.execute(db);
    counts[name] = Number(r.rows[0]!.n);
  }
  return counts;
}

function run(command: string, args: string[], opts: { stdoutTo?: string } = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const out = opts.stdoutTo ? fs.openSync(opts.stdoutTo, 'w') : 'ignore';
    const child = spawn(command, args, { stdio: ['ignore', out, 'pipe'] });
    let stderr = '';
    child.stderr?.on('data', (c: Buffer) => {
      stderr += c.toString('utf8');
    });
    child.on('error', (err) => reject(new BackupError(`无法运行 ${command}:${err.message}(PostgreSQL 客户端工具已安装吗?apt-get install postgresql-client)`)));
    child.on('close', (code) => {
      if (typeof out === 'number') fs.closeSync(out);
      if (code === 0) resolve();
      else reject(new BackupError(`${command} 失败(退出码 ${code}):${stderr.trim().slice(0, 800)}`));
    });
  });
}

/** Writes the file next to its final name first, so a failed backup never leaves a half file under that name. */
async function writeAtomically(file: string, write: (tmp: string) => Promise<void>): Promise<void> {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const tmp = `${file}.partial`;
  try {
    await write(tmp);
    fs.renameSync(tmp, file);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw err;
  }
}

/**
 * The server writes its process id here while it holds a PGlite folder (PGlite's own
 * postmaster.pid cannot tell: it says -42 and is copied into every dump).
 */
export const SERVER_PID_FILE = 'yuanqi-server.pid';

/** Marks `dataDir` as held by this process; call the answer on shutdown. */
export function markDataDirInUse(dataDir: string): () => void {
  const file = path.join(dataDir, SERVER_PID_FILE);
  fs.writeFileSync(file, `${process.pid}\n`);
  return () => fs.rmSync(file, { force: true });
}

/** The id of a live process that holds `dataDir`, or null (none, or it died without cleaning up). */
export function dataDirHolder(dataDir: string): number | null {
  const file = path.join(dataDir, SERVER_PID_FILE);
  if (!fs.existsSync(file)) return null;
  const pid = Number(fs.readFileSync(file, 'utf8').trim());
  if (!Number.isInteger(pid) || pid <= 0) return null;
  try {
    process.kill(pid, 0);
    return pid;
  } catch (err) {
    // EPERM: alive, owned by another user
    return (err as NodeJS.ErrnoException).code === 'EPERM' ? pid : null;
  }
}

export type BackupOutcome = { file: string; bytes: number; kind: 'postgres' | 'pglite'; tables: number; rows: number };

/** Backs up `target` into `file`. */
export async function backupDatabase(target: BackupTarget, file: string): Promise<BackupOutcome> {
  if ('databaseUrl' in target) {
    await writeAtomically(file, (tmp) => run('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', `--file=${tmp}`, `--dbname=${target.databaseUrl}`]));
    const database = await openDatabase({ url: target.databaseUrl, poolSize: 2 });
    try {
      const counts = await tableRowCounts(database.db);
      return { file, bytes: fs.statSync(file).size, kind: 'postgres', tables: Object.keys(counts).length, rows: sum(counts) };
    } finally {
      await database.close();
    }
  }
  const dataDir = path.resolve(target.dataDir);
  if (!fs.existsSync(path.join(dataDir, 'PG_VERSION'))) throw new BackupError(`数据目录 ${dataDir} 中没有数据库(请检查 DATA_DIR 或设置 DATABASE_URL)`);
  const holder = dataDirHolder(dataDir);
  if (holder !== null) {
    throw new BackupError(
      `数据目录 ${dataDir} 正被运行中的服务使用(进程 ${holder};内嵌数据库只能由一个进程打开)。请先停止服务(SIGTERM),备份后再启动;` +
        '生产环境建议使用 PostgreSQL,可在运行中备份。',
    );
  }
  const database = await openDatabase({ dataDir });
  try {
    const counts = await tableRowCounts(database.db);
    const tar = Buffer.from(await (await database.dumpDataDir!()).arrayBuffer());
    const gzipped = await promisify(zlib.gzip)(tar);
    await writeAtomically(file, async (tmp) => fs.writeFileSync(tmp, gzipped));
    return { file, bytes: fs.statSync(file).size, kind: 'pglite', tables: Object.keys(counts).length, rows: sum(counts) };
  } finally {
    await database.close();
  }
}

const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

export type RestoreOutcome = { kind: 'postgres' | 'pglite'; counts: Record<string, number> };

function kindOfFile(file: string): 'postgres' | 'pglite' {
  const fd = fs.openSync(file, 'r');
  const head = Buffer.alloc(5);
  fs.readSync(fd, head, 0, 5, 0);
  fs.closeSync(fd);
  if (head.equals(PG_CUSTOM_MAGIC)) return 'postgres';
  if (head.subarray(0, 2).equals(GZIP_MAGIC)) return 'pglite';
  throw new BackupError(`${file} 不是园企通的备份文件(应为 pg_dump 自定义格式或内嵌数据库的 .tar.gz)`);
}

/** Restores `file` into an empty `target`; refuses a target that holds any table or file. */
export async function restoreDatabase(file: string, target: BackupTarget): Promise<RestoreOutcome> {
  if (!fs.existsSync(file)) throw new BackupError(`找不到备份文件 ${file}`);
  const kind = kindOfFile(file);
  if ('databaseUrl' in target) {
    if (kind !== 'postgres') throw new BackupError('这是内嵌数据库(PGlite)的备份,只能恢复到数据目录(不设置 DATABASE_URL,设置 DATA_DIR)');
    const database = await openDatabase({ url: target.databaseUrl, poolSize: 2 });
    try {
      const existing = await sql<{ n: number }>`
        select count(*)::int as n from pg_tables where schemaname not in ('pg_catalog', 'information_schema')`.execute(database.db);
      if (Number(existing.rows[0]!.n) > 0) {
        throw new BackupError(`目标数据库 ${hideSecret(target.databaseUrl)} 不是空库(已有 ${existing.rows[0]!.n} 张表)。请新建一个空数据库(createdb)再恢复,不会覆盖现有数据`);
      }
      await run('pg_restore', ['--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction', `--dbname=${target.databaseUrl}`, file]);
      return { kind, counts: await tableRowCounts(database.db) };
    } finally {
      await database.close();
    }
  }
  if (kind !== 'pglite') throw new BackupError('这是 PostgreSQL 的备份(pg_dump),请设置 DATABASE_URL 指向一个空数据库后再恢复');
  const dataDir = path.resolve(target.dataDir);
  if (fs.existsSync(dataDir) && fs.readdirSync(dataDir).length > 0) {
    throw new BackupError(`目标数据目录 ${dataDir} 不是空目录。请指定一个新的空目录(DATA_DIR),不会覆盖现有数据`);
  }
  const blob = new Blob([await promisify(zlib.gunzip)(fs.readFileSync(file))]);
  const database = await openDatabase({ dataDir, loadDataDir: blob });
  try {
    return { kind, counts: await tableRowCounts(database.db) };
  } finally {
    await database.close();
  }
}
