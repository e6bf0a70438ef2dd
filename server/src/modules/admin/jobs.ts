import type { JobRunView, Paged, ScheduledJobView } from '@yuanqi/contract';
import { sql } from 'kysely';
import type { Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import type { AppContext } from '../../platform/context.js';
import { conflict, notFound } from '../../platform/errors.js';
import { JOB_DESCRIPTIONS, runJobOnce, scheduledJobs } from '../../platform/scheduler.js';

export function scheduleLabel(everyMs: number): string {
  if (everyMs % 3_600_000 === 0) return `每${everyMs / 3_600_000}小时`;
  if (everyMs % 60_000 === 0) return `每${everyMs / 60_000}分钟`;
  return `每${Math.round(everyMs / 1000)}秒`;
}

/** 定时任务: every job the scheduler runs, with its schedule and its last run (from any process). */
export async function listJobs(ctx: AppContext): Promise<{ items: ScheduledJobView[] }> {
  const states = await ctx.db.selectFrom('scheduled_jobs').selectAll().execute();
  const byName = new Map(states.map((s) => [s.name, s]));
  const now = ctx.clock.now();
  return {
    items: scheduledJobs().map((job) => {
      const s = byName.get(job.name);
      const meta = JOB_DESCRIPTIONS[job.name];
      const running = !!s?.running_since && now.getTime() - s.running_since.getTime() < Math.max(2 * job.everyMs, 15_000);
      return {
        name: job.name,
        label: meta?.label ?? job.name,
        description: meta?.description ?? '',
        everyMs: job.everyMs,
        schedule: scheduleLabel(job.everyMs),
        running,
        lastStartedAt: s?.last_started_at?.toISOString() ?? null,
        lastFinishedAt: s?.last_finished_at?.toISOString() ?? null,
        lastOk: s?.last_ok ?? null,
        lastDurationMs: s?.last_duration_ms ?? null,
        nextRunAt: s?.last_started_at ? new Date(Math.max(s.last_started_at.getTime() + job.everyMs, now.getTime())).toISOString() : null,
      };
    }),
  };
}

function presentRun(r: { id: number; job_name: string; trigger: 'schedule' | 'manual'; started_at: Date; finished_at: Date | null; duration_ms: number | null; ok: boolean | null; result: unknown; error: string | null; instance: string; display_name: string | null }): JobRunView {
  return {
    id: Number(r.id),
    job: r.job_name,
    trigger: r.trigger,
    startedAt: r.started_at.toISOString(),
    finishedAt: r.finished_at?.toISOString() ?? null,
    durationMs: r.duration_ms,
    ok: r.ok,
    result: r.result,
    error: r.error,
    instance: r.instance,
    triggeredBy: r.display_name,
  };
}

function findJob(name: string) {
  const job = scheduledJobs().find((j) => j.name === name);
  if (!job) throw notFound('定时任务');
  return job;
}

/** The run log of one job, newest first. */
export async function listRuns(ctx: AppContext, name: string, page: number, pageSize: number): Promise<Paged<JobRunView>> {
  findJob(name);
  const q = ctx.db.selectFrom('job_runs as r').leftJoin('users as u', 'u.id', 'r.triggered_by').where('r.job_name', '=', name);
  const rows = await q
    .select(['r.id', 'r.job_name', 'r.trigger', 'r.started_at', 'r.finished_at', 'r.duration_ms', 'r.ok', 'r.result', 'r.error', 'r.instance', 'u.display_name'])
    .orderBy('r.started_at', 'desc')
    .orderBy('r.id', 'desc')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  const { total } = await q.select(sql<number>`count(*)::int`.as('total')).executeTakeFirstOrThrow();
  return { items: rows.map(presentRun), total, page, pageSize };
}

/**
 * 立即执行: runs the job once in this request, under the same lease as the scheduled runs (a run
 * already going in any process answers 409). Sweeps are idempotent, so running one early changes
 * nothing but when its work is done. Audited.
 */
export async function runNow(ctx: AppContext, actor: Actor, name: string): Promise<JobRunView> {
  const job = findJob(name);
  const outcome = await runJobOnce(ctx, job, { trigger: 'manual', parkId: actor.parkId, userId: actor.userId });
  if (!outcome) throw conflict(`定时任务“${JOB_DESCRIPTIONS[name]?.label ?? name}”正在执行中,请稍后再试`);
  await ctx.db.transaction().execute(async (trx) => {
    await recordAudit(trx, actor, actor.parkId, [{ action: 'run-now', entity: 'scheduled_job', entityId: name, before: null, after: { ok: outcome.ok, durationMs: outcome.durationMs, error: outcome.error } }], ctx.clock.now());
  });
  const row = await ctx.db
    .selectFrom('job_runs as r')
    .leftJoin('users as u', 'u.id', 'r.triggered_by')
    .select(['r.id', 'r.job_name', 'r.trigger', 'r.started_at', 'r.finished_at', 'r.duration_ms', 'r.ok', 'r.result', 'r.error', 'r.instance', 'u.display_name'])
    .where('r.id', '=', outcome.runId)
    .executeTakeFirstOrThrow();
  return presentRun(row);
}
