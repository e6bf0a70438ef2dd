import os from 'node:os';
import type { FastifyBaseLogger } from 'fastify';
import { sql } from 'kysely';
import type { AppContext } from './context.js';

/** A periodic job: idempotent and safe to run in several processes at once. */
export type ScheduledJob = { name: string; everyMs: number; run(ctx: AppContext): Promise<unknown> };

/** 定时任务 as the admin reads them: what each sweep does, in Chinese. */
export const JOB_DESCRIPTIONS: Record<string, { label: string; description: string }> = {
  'expire-sessions': { label: '会话与登录记录清理', description: '删除超时的登录会话、30天前的登录记录、过期验证码和14天前的任务运行记录' },
  'pglite-analyze': { label: '内嵌数据库统计更新', description: '内嵌数据库(PGlite)没有自动清理,定期更新查询统计信息;PostgreSQL 服务器上不做事' },
  'demand-sweep': { label: '诉求超期扫描', description: '诉求签收/答复超期自动升级到调度专班,期限前一日提醒,答复7天未确认自动办结' },
  'demand-rollup-fold': { label: '诉求统计汇总', description: '把最近的诉求受理、办结、评价变化并入按日、按月的统计汇总表(统计随时准确,汇总只让统计更快)' },
  'ratings-sweep': { label: '好差评扫描', description: '差评整改超期的标记与通知,未评价案件的提醒' },
  'service-application-sweep': { label: '办件时限扫描', description: '容缺材料逾期未补齐的办件终止、超过承诺时限的办件标记超期、到期前一个工作日预警、告知承诺事后核查逾期标记' },
  'policies-daily': { label: '政策兑现日扫描', description: '到生效日的政策发布、到期政策失效、免申即享超期未确认的作废(释放资金)、政策匹配结果刷新' },
  'voucher-expiry': { label: '创新券到期', description: '到期未使用的创新券作废并释放额度' },
  'finance-offer-escalation': { label: '融资答复超期扫描', description: '金融机构超过答复时限(工作日)仍未答复的融资需求升级到金融服务中心' },
  'bridge-overdue': { label: '应急转贷逾期扫描', description: '超过最长使用天数未归还的应急转贷标记逾期,通知金融服务中心和调度专班,列入周调度议程' },
  'industry-report-reminders': { label: '经济运行月报催报', description: '报送截止日前N个工作日提醒未提交月报的企业及其联络员,截止日后发送逾期通知(每家企业每月每类一次)' },
  'copper-margin-sweep': { label: '存铜融补仓检查', description: '按最新铜价重算质押额度,贷款超出额度的仓单每日一次追加保证金通知;铜价回升的自动解除' },
  'iot-readings-maintenance': { label: '设备原始数据分区与保留', description: '提前建好上月、本月和后两个月的原始读数分区,删除超过保留天数的原始读数(小时、日汇总保留)' },
  'iot-rollups': { label: '设备数据小时/日汇总', description: '把新收到(含迟到、重发)读数所在的小时按原始读数重新精确汇总,再重算所在的日汇总(北京时间)' },
  'iot-device-status': { label: '设备离线检测', description: '超过园区设定分钟数未上报的在线设备标记为离线,每次上线→离线只通知企业和联络员一次' },
  'iot-alarm-hold': { label: '持续越限告警检查', description: '设备在线但停止上报时,按最后读数判断越限是否已持续到规则时长,到时触发告警' },
};

/** This process, as the run log names it. */
export const INSTANCE = `${os.hostname()}:${process.pid}`;

const jobs: ScheduledJob[] = [
  {
    name: 'expire-sessions',
    everyMs: 60 * 60_000,
    run: async (ctx) => {
      const now = ctx.clock.now();
      const idleSince = new Date(now.getTime() - ctx.config.sessionIdleMinutes * 60_000);
      const sessions = await ctx.db.deleteFrom('sessions').where((eb) => eb.or([eb('expires_at', '<', now), eb('last_seen_at', '<', idleSince)])).executeTakeFirst();
      await ctx.db.deleteFrom('login_attempts').where('at', '<', new Date(now.getTime() - 30 * 86_400_000)).execute();
      await ctx.db.deleteFrom('login_captchas').where('expires_at', '<', now).execute();
      // An unknown name's row whose lock has passed holds nothing a real account would still
      // count (its counter is 0 after a lock too): dropping it changes no answer.
      await ctx.db
        .deleteFrom('login_name_failures')
        .where('failed_count', '=', 0)
        .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', now)]))
        .execute();
      await ctx.db.deleteFrom('job_runs').where('started_at', '<', new Date(now.getTime() - 14 * 86_400_000)).execute();
      return { sessionsEnded: Number(sessions.numDeletedRows) };
    },
  },
  {
    // PGlite has no autovacuum: keep the planner's statistics fresh as data grows.
    name: 'pglite-analyze',
    everyMs: 30 * 60_000,
    run: async (ctx) => {
      if (ctx.database.kind === 'pglite') await sql`analyze`.execute(ctx.db);
    },
  },
];

/** Registers a job; domain modules add theirs (deadline sweeps, reminders) at start. */
export function registerScheduledJob(job: ScheduledJob): void {
  // Registered once per job name (the app may be built more than once in one process: tests).
  const existing = jobs.findIndex((j) => j.name === job.name);
  if (existing >= 0) jobs[existing] = job;
  else jobs.push(job);
}

/** Every registered job, in registration order. */
export function scheduledJobs(): readonly ScheduledJob[] {
  return jobs;
}

export type SchedulerOptions = {
  /** Run every job this often instead of its own interval (SCHEDULER_EVERY_MS; tests and drills). */
  everyMs?: number;
};

/**
 * A run left marked as running longer than this (its process died) no longer holds the job.
 * Sweeps are idempotent, so a second process starting a slow run changes nothing but the work.
 */
function staleAfterMs(everyMs: number): number {
  return Math.max(2 * everyMs, 15_000);
}

export type JobRunOutcome = { runId: number; ok: boolean; durationMs: number; result: unknown; error: string | null };

/**
 * Runs one job under its lease (`scheduled_jobs`, shared by every process) and writes the run log
 * (`job_runs`). Returns null when the job is running elsewhere, or — for a scheduled run — when
 * another process already ran it within half its interval (N processes, about one run per interval).
 */
export async function runJobOnce(
  ctx: AppContext,
  job: ScheduledJob,
  opts: { trigger: 'schedule' | 'manual'; everyMs?: number; parkId?: string | null; userId?: string | null },
): Promise<JobRunOutcome | null> {
  const everyMs = opts.everyMs ?? job.everyMs;
  const now = ctx.clock.now();
  await ctx.db.insertInto('scheduled_jobs').values({ name: job.name }).onConflict((oc) => oc.column('name').doNothing()).execute();
  const acquired = await ctx.db
    .updateTable('scheduled_jobs')
    .set({ running_since: now, running_instance: INSTANCE, last_started_at: now })
    .where('name', '=', job.name)
    .where((eb) => eb.or([eb('running_since', 'is', null), eb('running_since', '<', new Date(now.getTime() - staleAfterMs(everyMs)))]))
    .$if(opts.trigger === 'schedule', (q) =>
      q.where((eb) => eb.or([eb('last_started_at', 'is', null), eb('last_started_at', '<=', new Date(now.getTime() - everyMs / 2))])),
    )
    .returning('name')
    .executeTakeFirst();
  if (!acquired) return null;
  const run = await ctx.db
    .insertInto('job_runs')
    .values({ job_name: job.name, trigger: opts.trigger, started_at: now, instance: INSTANCE, park_id: opts.parkId ?? null, triggered_by: opts.userId ?? null, result: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  const started = performance.now();
  let ok = true;
  let result: unknown = null;
  let error: string | null = null;
  try {
    result = (await job.run(ctx)) ?? null;
  } catch (err) {
    ok = false;
    error = err instanceof Error ? err.message.slice(0, 500) : String(err).slice(0, 500);
  }
  const durationMs = Math.round(performance.now() - started);
  const finished = ctx.clock.now();
  let resultJson: string | null = null;
  try {
    resultJson = result === null ? null : JSON.stringify(result);
    if (resultJson && resultJson.length > 4000) resultJson = JSON.stringify({ truncated: true });
  } catch {
    resultJson = null;
  }
  // Written even when the run failed; a database that is away fails these too (the lease then
  // goes stale and the next tick runs again).
  await ctx.db.updateTable('job_runs').set({ finished_at: finished, duration_ms: durationMs, ok, result: resultJson, error }).where('id', '=', run.id).execute();
  await ctx.db
    .updateTable('scheduled_jobs')
    .set({ running_since: null, running_instance: null, last_finished_at: finished, last_ok: ok, last_duration_ms: durationMs })
    .where('name', '=', job.name)
    .where('running_instance', '=', INSTANCE)
    .execute();
  return { runId: Number(run.id), ok, durationMs, result, error };
}

export function startSchedulers(ctx: AppContext, log: FastifyBaseLogger, options: SchedulerOptions = {}): { stop(): void } {
  const timers = jobs.map((job) => {
    let running = false;
    const everyMs = options.everyMs ?? job.everyMs;
    const tick = async () => {
      if (running) return;
      running = true;
      try {
        const outcome = await runJobOnce(ctx, job, { trigger: 'schedule', everyMs });
        if (outcome && !outcome.ok) log.error({ job: job.name, error: outcome.error }, 'scheduled job failed');
      } catch (err) {
        log.error({ err, job: job.name }, 'scheduled job failed');
      } finally {
        running = false;
      }
    };
    const first = setTimeout(tick, Math.min(5_000, everyMs));
    const every = setInterval(tick, everyMs);
    return { first, every };
  });
  return {
    stop: () => {
      for (const t of timers) {
        clearTimeout(t.first);
        clearInterval(t.every);
      }
    },
  };
}
