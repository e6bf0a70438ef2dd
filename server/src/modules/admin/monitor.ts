import os from 'node:os';
import type { MonitorView } from '@yuanqi/contract';
import { sql } from 'kysely';
import { currentMigration } from '../../db/migrate.js';
import type { Actor } from '../../platform/actor.js';
import type { AppContext } from '../../platform/context.js';
import { INSTANCE } from '../../platform/scheduler.js';

/**
 * 系统监控: this process (the one answering; each process behind the balancer answers for itself),
 * the database, and the background work. Park figures (sessions, notifications) are the actor's park.
 */
export async function monitor(ctx: AppContext, actor: Actor): Promise<MonitorView> {
  const now = ctx.clock.now();
  const started = performance.now();
  const version = await sql<{ v: string }>`select version() as v`.execute(ctx.db);
  const latencyMs = Math.round((performance.now() - started) * 10) / 10;
  let sizeBytes: number | null = null;
  try {
    const size = await sql<{ n: string | number }>`select pg_database_size(current_database()) as n`.execute(ctx.db);
    sizeBytes = Number(size.rows[0]?.n ?? 0) || null;
  } catch {
    sizeBytes = null;
  }
  const pool = ctx.database.pool;
  const jobs = await ctx.db
    .selectFrom('jobs')
    .select([
      sql<number>`count(*) filter (where status = 'running')::int`.as('running'),
      sql<number>`count(*) filter (where status = 'failed' and updated_at > ${new Date(now.getTime() - 86_400_000)})::int`.as('failed'),
    ])
    .where('park_id', '=', actor.parkId)
    .executeTakeFirstOrThrow();
  const scheduled = await ctx.db.selectFrom('scheduled_jobs').select(sql<number>`count(*) filter (where running_since is not null)::int`.as('n')).executeTakeFirstOrThrow();
  const last = await ctx.db.selectFrom('job_runs').select(['job_name', 'started_at', 'ok']).orderBy('started_at', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();
  const online = await ctx.db
    .selectFrom('sessions')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('park_id', '=', actor.parkId)
    .where('ended_at', 'is', null)
    .where('expires_at', '>', now)
    .where('last_seen_at', '>', new Date(now.getTime() - ctx.config.sessionIdleMinutes * 60_000))
    .executeTakeFirstOrThrow();
  const unread = await ctx.db.selectFrom('notifications').select(sql<number>`count(*)::int`.as('n')).where('park_id', '=', actor.parkId).where('read_at', 'is', null).executeTakeFirstOrThrow();
  const mem = process.memoryUsage();
  return {
    process: {
      instance: INSTANCE,
      pid: process.pid,
      node: process.version,
      uptimeSeconds: Math.round(process.uptime()),
      rssBytes: mem.rss,
      heapUsedBytes: mem.heapUsed,
      heapTotalBytes: mem.heapTotal,
      platform: `${os.type()} ${os.release()} (${os.arch()})`,
      cpus: os.cpus().length,
      loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100),
    },
    database: {
      engine: ctx.database.kind === 'postgres' ? 'PostgreSQL 服务器' : '内嵌数据库(PGlite)',
      version: (version.rows[0]?.v ?? '').split(' on ')[0]!.split(',')[0]!,
      sizeBytes,
      migration: await currentMigration(ctx.db),
      pool: pool ? { size: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount } : null,
      latencyMs,
    },
    queues: {
      jobsRunning: Number(jobs.running),
      jobsFailed24h: Number(jobs.failed),
      scheduledRunning: Number(scheduled.n),
      lastSweep: last ? { job: last.job_name, at: last.started_at.toISOString(), ok: last.ok } : null,
      onlineSessions: Number(online.n),
      unreadNotifications: Number(unread.n),
    },
    time: now.toISOString(),
  };
}
