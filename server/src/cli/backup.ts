// `npm run backup [-- --out FILE]`: backs up the database the server uses.
//  - DATABASE_URL set: pg_dump custom format (the server may keep running).
//  - otherwise the PGlite folder DATA_DIR (default ./data) as .tar.gz; stop the server first.
// The default file is backups/yuanqi-<kind>-<UTC time>.dump|.tar.gz. Exit 0 on success, 1 otherwise.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BackupError, backupDatabase, hideSecret, type BackupOutcome, type BackupTarget } from '../platform/backup.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export function targetFromEnv(env: NodeJS.ProcessEnv = process.env): BackupTarget {
  return env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : { dataDir: path.resolve(env.DATA_DIR ?? path.join(root, 'data')) };
}

export function defaultBackupFile(target: BackupTarget, now = new Date()): string {
  const stamp = now.toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
  return path.join(root, 'backups', 'databaseUrl' in target ? `yuanqi-postgres-${stamp}.dump` : `yuanqi-pglite-${stamp}.tar.gz`);
}

/** Runs a backup and prints one Chinese summary line; never throws. */
export async function runBackup(argv: string[], env: NodeJS.ProcessEnv = process.env, print: (line: string) => void = console.log): Promise<{ exitCode: 0 | 1; outcome: BackupOutcome | null }> {
  const target = targetFromEnv(env);
  const outAt = argv.indexOf('--out');
  const file = path.resolve(outAt >= 0 && argv[outAt + 1] ? argv[outAt + 1]! : defaultBackupFile(target));
  const from = 'databaseUrl' in target ? `PostgreSQL ${hideSecret(target.databaseUrl)}` : `PGlite ${target.dataDir}`;
  print(`备份:${from} → ${file}`);
  try {
    const started = Date.now();
    const outcome = await backupDatabase(target, file);
    print(`✓ 备份完成:${outcome.tables} 张表,${outcome.rows} 行,文件 ${(outcome.bytes / 1024 / 1024).toFixed(1)} MB,用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒`);
    return { exitCode: 0, outcome };
  } catch (error) {
    print(`✗ 备份失败:${error instanceof BackupError || error instanceof Error ? error.message : String(error)}`);
    return { exitCode: 1, outcome: null };
  }
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exit((await runBackup(process.argv.slice(2))).exitCode);
}
