import type { Actor } from '../../platform/actor.js';
import type { AppContext } from '../../platform/context.js';
import { AppError, notFound } from '../../platform/errors.js';

export type JobProgress = (done: number, total: number, phase?: string) => void | Promise<void>;

export type JobView = {
  id: string;
  kind: string;
  status: 'running' | 'done' | 'failed';
  processed: number;
  total: number;
  phase: string | null;
  result: unknown;
  error: { message: string } | null;
  createdAt: string;
  updatedAt: string;
};

/**
 * Runs a long task after the request returns; its progress and result live in the `jobs` table so
 * that a poll answered by any app process sees them.
 */
export async function startJob<T>(ctx: AppContext, actor: Actor, kind: string, run: (progress: JobProgress) => Promise<T>): Promise<string> {
  const job = await ctx.db
    .insertInto('jobs')
    .values({ park_id: actor.parkId, user_id: actor.userId, kind, status: 'running', result: JSON.stringify({ phase: null }) })
    .returning('id')
    .executeTakeFirstOrThrow();
  let lastWrite = 0;
  let writing: Promise<unknown> = Promise.resolve();
  const progress: JobProgress = (done, total, phase) => {
    const now = Date.now();
    if (now - lastWrite < 250 && done < total) return;
    lastWrite = now;
    writing = writing.then(() =>
      ctx.db
        .updateTable('jobs')
        .set({ processed: done, total, result: JSON.stringify({ phase: phase ?? null }), updated_at: new Date() })
        .where('id', '=', job.id)
        .where('status', '=', 'running')
        .execute()
        .catch(() => undefined),
    );
  };
  setImmediate(() => {
    run(progress)
      .then(async (result) => {
        await writing;
        await ctx.db.updateTable('jobs').set({ status: 'done', result: JSON.stringify(result), updated_at: new Date() }).where('id', '=', job.id).execute();
      })
      .catch(async (error: unknown) => {
        await writing;
        const message = error instanceof AppError ? error.message : '任务执行失败,请稍后重试';
        await ctx.db
          .updateTable('jobs')
          .set({ status: 'failed', error: JSON.stringify({ message, details: error instanceof AppError ? error.details : [] }), updated_at: new Date() })
          .where('id', '=', job.id)
          .execute()
          .catch(() => undefined);
      });
  });
  return job.id;
}

export async function getJob(ctx: AppContext, actor: Actor, id: string): Promise<JobView> {
  const row = await ctx.db.selectFrom('jobs').selectAll().where('id', '=', id).where('park_id', '=', actor.parkId).where('user_id', '=', actor.userId).executeTakeFirst();
  if (!row) throw notFound('任务');
  const resultObject = row.result as Record<string, unknown> | null;
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    processed: row.processed,
    total: row.total,
    phase: row.status === 'running' ? ((resultObject?.phase as string | null) ?? null) : null,
    result: row.status === 'done' ? row.result : null,
    error: row.error as { message: string } | null,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}
