// `npm run audit:verify`: recomputes every hash chain of the audit log and names the first broken
// row. Reads the same database the server uses: DATABASE_URL when set, otherwise the PGlite data
// folder DATA_DIR (default ./data). Exits 0 when every chain is intact, 1 otherwise.
// PGlite is single-process: stop the server before verifying its data folder.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase, type Database } from '../db/connection.js';
import { verifyAuditChain, type VerifyResult } from '../platform/audit.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export type AuditVerifyOptions = {
  /** A postgres:// URL; wins over `dataDir`. */
  databaseUrl?: string;
  /** PGlite data folder (default `<repo>/data`, as the server resolves it). */
  dataDir?: string;
  /** An already open database (tests); it is left open. */
  database?: Database;
  /** Where the summary lines go (default stdout). */
  print?: (line: string) => void;
};

export type AuditVerifyOutcome = { exitCode: 0 | 1; result: VerifyResult | null; lines: string[] };

/** The options the command line gets from the environment, resolved exactly as server/src/main.ts does. */
export function optionsFromEnv(env: NodeJS.ProcessEnv = process.env): AuditVerifyOptions {
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: path.resolve(env.DATA_DIR ?? path.join(root, 'data')),
  };
}

function describeTarget(options: AuditVerifyOptions): string {
  if (options.database) return options.database.kind === 'postgres' ? 'PostgreSQL' : 'PGlite';
  if (options.databaseUrl) return `PostgreSQL ${options.databaseUrl.replace(/\/\/[^@/]*@/, '//***@')}`;
  return `PGlite ${options.dataDir}`;
}

/** Verifies every chain and prints a Chinese summary; never throws. */
export async function runAuditVerify(options: AuditVerifyOptions): Promise<AuditVerifyOutcome> {
  const lines: string[] = [];
  const print = (line: string) => {
    lines.push(line);
    (options.print ?? console.log)(line);
  };
  const opts = { ...options, dataDir: options.dataDir ?? path.join(root, 'data') };
  print(`审计日志校验:${describeTarget(opts)}`);

  let database = opts.database;
  const owned = !database;
  try {
    if (!database) {
      if (!opts.databaseUrl && !fs.existsSync(path.join(opts.dataDir, 'PG_VERSION'))) {
        print(`✗ 数据目录 ${opts.dataDir} 中没有数据库(请检查 DATA_DIR 或设置 DATABASE_URL)`);
        return { exitCode: 1, result: null, lines };
      }
      database = await openDatabase(opts.databaseUrl ? { url: opts.databaseUrl, poolSize: 2 } : { dataDir: opts.dataDir });
    }
    const result = await verifyAuditChain(database.db);
    if (result.ok) {
      print(`✓ 审计日志完整:已校验 ${result.checked} 条记录,共 ${result.chains} 条哈希链,全部一致。`);
      return { exitCode: 0, result, lines };
    }
    const broken = result.firstBroken!;
    const parkId = broken.chainKey.startsWith('park:') ? broken.chainKey.slice('park:'.length) : null;
    const park = parkId ? await database.db.selectFrom('parks').select(['name']).where('id', '=', parkId).executeTakeFirst() : undefined;
    print(`✗ 审计日志校验失败:第一条异常记录 id=${broken.id},序号 seq=${broken.seq},所在链 ${broken.chainKey}${park ? `(${park.name})` : ''}`);
    print(`  原因:${broken.reason}`);
    print(`  异常前已校验 ${result.checked} 条记录,共 ${result.chains} 条哈希链。`);
    return { exitCode: 1, result, lines };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    print(`✗ 无法完成校验:${message}`);
    return { exitCode: 1, result: null, lines };
  } finally {
    if (owned && database) await database.close().catch(() => undefined);
  }
}

const invokedDirectly = process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  const outcome = await runAuditVerify(optionsFromEnv());
  process.exit(outcome.exitCode);
}
