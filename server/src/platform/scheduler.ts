import type { FastifyBaseLogger } from 'fastify';
import { sql } from 'kysely';
import type { AppContext } from './context.js';

/** A periodic job: idempotent and safe to run in several processes at once. */
export type ScheduledJob = { name: string; everyMs: number; run(ctx: AppContext): Promise<unknown> };

const jobs: ScheduledJob[] = [
  {
    name: 'expire-sessions',
    everyMs: 60 * 60_000,
    run: async (ctx) => {
      const now = ctx.clock.now();
      const idleSince = new Date(now.getTime() - ctx.config.sessionIdleMinutes * 60_000);
      await ctx.db.deleteFrom('sessions').where((eb) => eb.or([eb('expires_at', '<', now), eb('last_seen_at', '<', idleSince)])).execute();
      await ctx.db.deleteFrom('login_attempts').where('at', '<', new Date(now.getTime() - 30 * 86_400_000)).execute();
      await ctx.db.deleteFrom('login_captchas').where('expires_at', '<', now).execute();
      // An unknown name's row whose lock has passed holds nothing a real account would still
      // count (its counter is 0 after a lock too): dropping it changes no answer.
      await ctx.db
        .deleteFrom('login_name_failures')
        .where('failed_count', '=', 0)
        .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', now)]))
        .execute();
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
  jobs.push(job);
}

export type SchedulerOptions = {
  /** Run every job this often instead of its own interval (SCHEDULER_EVERY_MS; tests and drills). */
  everyMs?: number;
};

export function startSchedulers(ctx: AppContext, log: FastifyBaseLogger, options: SchedulerOptions = {}): { stop(): void } {
  const timers = jobs.map((job) => {
    let running = false;
    const tick = async () => {
      if (running) return;
      running = true;
      try {
        await job.run(ctx);
      } catch (err) {
        log.error({ err, job: job.name }, 'scheduled job failed');
      } finally {
        running = false;
      }
    };
    const everyMs = options.everyMs ?? job.everyMs;
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
