// `npm run restore FILE`: restores a backup made by `npm run backup` into an EMPTY database, then
// prints the row count of every table and verifies the audit chains on the restored copy.
//  - a pg_dump file: into DATABASE_URL, which must name an existing database without tables;
//  - a PGlite .tar.gz: into DATA_DIR (default ./data), which must not exist or be empty.
// Nothing is ever overwritten. Exit 0 when restored and the audit chains are intact, 1 otherwise.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BackupError, hideSecret, restoreDatabase, type RestoreOutcome } from '../platform/backup.js';
import { runAuditVerify } from './audit-verify.js';
import { targetFromEnv } from './backup.js';

/** Restores, lists the tables' row counts and verifies the audit log; never throws. */
export async function runRestore(argv: string[], env: NodeJS.ProcessEnv = process.env, print: (line: string) => void = console.log): Promise<{ exitCode: 0 | 1; outcome: RestoreOutcome | null }> {
  const file = argv.find((a) => !a.startsWith('--'));
  if (!file) {
    print('用法:npm run restore -- 备份文件(恢复到 DATABASE_URL 指向的空数据库,或 DATA_DIR 指向的空目录)');
    return { exitCode: 1, outcome: null };
  }
  const target = targetFromEnv(env);
  const into = 'databaseUrl' in target ? `PostgreSQL ${hideSecret(target.databaseUrl)}` : `PGlite ${target.dataDir}`;
  print(`恢复:${path.resolve(file)} → ${into}`);
  let outcome: RestoreOutcome;
  try {
    outcome = await restoreDatabase(path.resolve(file), target);
  } catch (error) {
    print(`✗ 恢复失败:${error instanceof BackupError || error instanceof Error ? error.message : String(error)}`);
    return { exitCode: 1, outcome: null };
  }
  const entries = Object.entries(outcome.counts);
  print(`✓ 已恢复 ${entries.length} 张表,共 ${entries.reduce((s, [, n]) => s + n, 0)} 行:`);
  print(entries.map(([t, n]) => `${t} ${n}`).join(','));
  const verify = await runAuditVerify('databaseUrl' in target ? { databaseUrl: target.databaseUrl, print } : { dataDir: target.dataDir, print });
  return { exitCode: verify.exitCode, outcome };
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exit((await runRestore(process.argv.slice(2))).exitCode);
}
