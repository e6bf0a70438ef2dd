import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { buildApp } from './app.js';
import { openDatabase } from './db/connection.js';
import { migrateToLatest } from './db/migrate.js';
import { DEMO_LOGINS, DEMO_PASSWORD, seedDemoPark } from './db/seed/seed-demo.js';
import { bootstrapProduction } from './db/seed/bootstrap.js';
import { startSchedulers } from './platform/scheduler.js';
import { securityConfigFromEnv } from './platform/env-config.js';
import { markDataDirInUse } from './platform/backup.js';
import { startTelemetry } from './modules/industry/telemetry/mqtt.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const production = process.env.NODE_ENV === 'production';
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '0.0.0.0';
const databaseUrl = process.env.DATABASE_URL || undefined;
const dataDir = path.resolve(process.env.DATA_DIR ?? path.join(root, 'data'));

const database = await openDatabase(
  databaseUrl
    ? {
        url: databaseUrl,
        poolSize: Number(process.env.DB_POOL_SIZE ?? 10),
        connectTimeoutMs: Number(process.env.DB_CONNECT_TIMEOUT_MS ?? 5_000),
        statementTimeoutMs: Number(process.env.DB_STATEMENT_TIMEOUT_MS ?? 30_000),
      }
    : { dataDir },
);
// `npm run backup` refuses a PGlite folder this process holds (see OPERATIONS.md)
const releaseDataDir = databaseUrl ? null : markDataDirInUse(dataDir);
const migration = await migrateToLatest(database.db);

const parks = await database.db.selectFrom('parks').select('id').limit(1).execute();
let seeded = false;
if (parks.length === 0) {
  if (production) await bootstrapProduction(database.db);
  else {
    await seedDemoPark(database.db, { withDemoUsers: true });
    seeded = true;
  }
}

// PGlite runs PostgreSQL without autovacuum, so nothing refreshes the planner's statistics on its
// own; without them a join over a few thousand rows can take seconds. A server's autovacuum does
// this itself, but a fresh seed is analysed there too.
if (database.kind === 'pglite' || seeded) await sql`analyze`.execute(database.db);

const { app, ctx } = await buildApp({
  database,
  config: {
    production,
    secureCookies: process.env.SECURE_COOKIES ? process.env.SECURE_COOKIES === 'true' : production,
    webDist: path.join(root, 'web', 'dist'),
    ...securityConfigFromEnv(process.env),
  },
  logger: { level: process.env.LOG_LEVEL ?? 'info' },
});
const schedulers = startSchedulers(ctx, app.log, process.env.SCHEDULER_EVERY_MS ? { everyMs: Number(process.env.SCHEDULER_EVERY_MS) } : {});
// 产业云 telemetry over MQTT: the embedded broker (MQTT_PORT, default 1883; 'off' = none) or an
// external one (MQTT_URL), see docs/industry/TELEMETRY.md.
const stopTelemetry = await startTelemetry(ctx, app.log, {
  mqttUrl: process.env.MQTT_URL || undefined,
  mqttPort: process.env.MQTT_PORT === 'off' ? 'off' : process.env.MQTT_PORT ? Number(process.env.MQTT_PORT) : undefined,
});

let closing = false;
async function shutdown(signal: string) {
  if (closing) return;
  closing = true;
  app.log.info({ signal }, 'shutting down');
  schedulers.stop();
  await stopTelemetry().catch((error: unknown) => app.log.error({ error }, 'stopping telemetry'));
  const timer = setTimeout(() => process.exit(1), 10_000);
  try {
    await app.close();
    await database.close();
    releaseDataDir?.();
  } finally {
    clearTimeout(timer);
    process.exit(0);
  }
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));

await app.listen({ port, host });
const where = databaseUrl ? `PostgreSQL ${databaseUrl.replace(/\/\/[^@]*@/, '//***@')}` : `PGlite ${dataDir}`;
const lines = [
  '',
  '  园企通 Yuanqi 已启动',
  `  地址:     http://localhost:${port}`,
  `  数据库:   ${where}(迁移 ${migration}${seeded ? ',已生成演示园区' : ''})`,
  `  接口文档: http://localhost:${port}/api/docs`,
  stopTelemetry.mode === 'embedded'
    ? `  MQTT:     mqtt://localhost:${stopTelemetry.port}(内置,设备用户名=设备ID,密码=设备令牌;主题 yuanqi/devices/{设备ID}/telemetry)`
    : stopTelemetry.mode === 'external'
      ? `  MQTT:     外部 ${String(stopTelemetry.brokerUrl).replace(/\/\/[^@]*@/, '//***@')}`
      : '  MQTT:     未启用',
];
if (!production) {
  lines.push(`  演示账号(密码均为 ${DEMO_PASSWORD}):`);
  lines.push(`    ${DEMO_LOGINS.map((l) => l.username).join('  ')}`);
}
console.log(`${lines.join('\n')}\n`);
