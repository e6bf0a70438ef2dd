import { RATING_SUBJECT_TYPE_LABELS, RATING_WINDOW_DAYS } from '@yuanqi/contract';
import type { AuditEntry } from '../../platform/audit.js';
import { recordAudit } from '../../platform/audit.js';
import { shanghaiDate } from '../../platform/calendar/index.js';
import type { AppContext } from '../../platform/context.js';
import type { NotificationInput } from '../../platform/notifications.js';
import { registerScheduledJob } from '../../platform/scheduler.js';
import type { NewRatingEventRow } from '../../db/schema-ratings.js';
import { SYSTEM_ACTOR, ratingEvent, ratingEventRow } from './events.js';
import { reminderWindow } from './measures.js';
import * as rectificationRepo from './rectifications/repository.js';
import { rectificationWorkflow } from './rectifications/workflow.js';
import * as repo from './repository.js';

const BATCH = 500;
/** The workflow's `overdue` row: an event on an open round, no change of state. */
const OVERDUE_EVENT = rectificationWorkflow.eventOf(rectificationWorkflow.find('open', 'overdue')!);

export type RatingSweepResult = { overdue: number; reminded: number };

function groupByPark<T extends { park_id: string }>(rows: T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const row of rows) (out.get(row.park_id) ?? out.set(row.park_id, []).get(row.park_id)!).push(row);
  return out;
}

/**
 * The ratings sweep, for every park:
 * 1. flags each open rectification round past its deadline once (event, audit, notice to the
 *    officer — or the office pool — and the dispatchers): the workflow's system `overdue` row,
 *    applied in bulk by one claiming update rather than case by case;
 * 2. reminds the firm's users to rate each case closed five days ago and still unrated, once.
 * Idempotent and safe in several processes: flagged rows and sent reminders are never picked again
 * (`overdue_at is null`, the reminders' primary key), and rows locked by another sweep are skipped.
 */
export async function runRatingSweep(ctx: AppContext, now: Date = ctx.clock.now()): Promise<RatingSweepResult> {
  let overdue = 0;
  for (;;) {
    const count = await ctx.db.transaction().execute(async (trx) => {
      const rows = await rectificationRepo.flagOverdueRectifications(trx, now, BATCH);
      for (const [parkId, parkRows] of groupByPark(rows)) {
        const dispatchers = await repo.findDispatcherIds(trx, parkId);
        const events: NewRatingEventRow[] = [];
        const audits: AuditEntry[] = [];
        const notes: NotificationInput[] = [];
        for (const rc of parkRows) {
          const flagged = ratingEvent(OVERDUE_EVENT, SYSTEM_ACTOR, now, { data: { round: rc.round, dueAt: rc.due_at.toISOString() } });
          events.push(ratingEventRow(parkId, rc.rating_id, 'rectification', rc.id, flagged));
          audits.push({ action: 'rectification.overdue', entity: 'rating_rectification', entityId: rc.id, before: { overdueAt: null }, after: { overdueAt: now, round: rc.round, dueAt: rc.due_at } });
          const recipients = new Set([...(rc.assignee_id ? [rc.assignee_id] : []), ...dispatchers]);
          for (const userId of recipients) {
            notes.push({
              parkId,
              userId,
              kind: 'rectification.overdue',
              title: `差评整改已逾期:${rc.case_number}`,
              body: `整改期限${shanghaiDate(rc.due_at)}已过,请尽快落实整改`,
              link: `/ratings/rectifications/${rc.id}`,
              sms: userId === rc.assignee_id,
            });
          }
        }
        await repo.insertEvents(trx, events);
        await recordAudit(trx, null, parkId, audits, now);
        await ctx.notifier.notify(trx, notes);
      }
      return rows.length;
    });
    overdue += count;
    if (count < BATCH) break;
  }

  let reminded = 0;
  const window = reminderWindow(now);
  for (;;) {
    const count = await ctx.db.transaction().execute(async (trx) => {
      const rows = await repo.insertDueReminders(trx, window, now, BATCH);
      for (const [parkId, parkRows] of groupByPark(rows)) {
        const users = await repo.enterpriseUserIds(trx, parkId, [...new Set(parkRows.map((r) => r.enterprise_id))]);
        const notes: NotificationInput[] = [];
        for (const row of parkRows) {
          for (const userId of users.get(row.enterprise_id) ?? []) {
            notes.push({
              parkId,
              userId,
              kind: 'rating.reminder',
              title: `请评价:${RATING_SUBJECT_TYPE_LABELS[row.subject_type]}${row.case_number}`,
              body: `“${row.title}”已办结,欢迎评价(办结后${RATING_WINDOW_DAYS}日内可评价)`,
              link: row.subject_type === 'demand' ? `/demands/${row.subject_id}` : `/services/applications/${row.subject_id}`,
            });
          }
        }
        await recordAudit(trx, null, parkId, [
          { action: 'rating.remind', entity: 'rating_reminder', entityId: null, before: null, after: { subjects: parkRows.map((r) => ({ type: r.subject_type, id: r.subject_id })) } },
        ], now);
        await ctx.notifier.notify(trx, notes);
      }
      return rows.length;
    });
    reminded += count;
    if (count < BATCH) break;
  }
  return { overdue, reminded };
}

let registered = false;

/** Registers the sweep with the scheduler, once per process (buildApp may run many times in tests). */
export function registerRatingJobs(): void {
  if (registered) return;
  registered = true;
  registerScheduledJob({ name: 'ratings-sweep', everyMs: 10 * 60_000, run: (ctx) => runRatingSweep(ctx) });
}
