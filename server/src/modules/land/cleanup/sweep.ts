import { sql } from 'kysely';
import { recordAudit } from '../../../platform/audit.js';
import { shanghaiDate } from '../../../platform/calendar/index.js';
import type { AppContext } from '../../../platform/context.js';
import type { NotificationInput } from '../../../platform/notifications.js';
import { JOB_DESCRIPTIONS, registerScheduledJob } from '../../../platform/scheduler.js';
import { writeCaseEvents } from '../../../platform/workflow/index.js';
import { cleanupEventLog, cleanupWorkflow } from './workflow.js';

/**
 * 限期开工 past its deadline: each case still 限期开工 whose start deadline has passed gets one
 * 逾期未开工 event on its timeline and its officer (who listed it, else who created the campaign) an
 * in-site message to decide: confirm the start, or 转依法收回. Once per case (a case with the event is
 * skipped); locked with SKIP LOCKED, so several processes may run it at once.
 */
export async function sweepOverdueCleanupCases(ctx: Pick<AppContext, 'db' | 'clock' | 'notifier'>): Promise<number> {
  const now = ctx.clock.now();
  const today = shanghaiDate(now);
  const states = cleanupWorkflow.statesFor('flag_overdue');
  return ctx.db.transaction().execute(async (trx) => {
    const due = await trx
      .selectFrom('land_cleanup_cases as c')
      .innerJoin('land_parcels as p', 'p.id', 'c.parcel_id')
      .innerJoin('land_cleanup_campaigns as k', 'k.id', 'c.campaign_id')
      .select(['c.id', 'c.park_id', 'c.case_no', 'c.start_deadline', 'c.status', 'c.created_by', 'k.created_by as campaign_created_by', 'p.code as parcel_code'])
      .where('c.status', 'in', states)
      .where('c.start_deadline', '<', today)
      .where(({ not, exists, selectFrom }) =>
        not(exists(selectFrom('land_cleanup_case_events as e').select(sql`1`.as('one')).whereRef('e.park_id', '=', 'c.park_id').whereRef('e.case_id', '=', 'c.id').where('e.action', '=', 'flag_overdue'))),
      )
      .orderBy('c.id')
      .limit(500)
      .forUpdate('c')
      .skipLocked()
      .execute();
    const byPark = new Map<string, typeof due>();
    for (const c of due) byPark.set(c.park_id, [...(byPark.get(c.park_id) ?? []), c]);
    for (const [parkId, cases] of byPark) {
      await writeCaseEvents(
        cleanupEventLog,
        trx,
        parkId,
        cases.map((c) => ({
          caseId: c.id,
          event: { action: 'flag_overdue', from_status: c.status, to_status: c.status, actor_id: null, actor_name: '系统', actor_role: 'system', note: `限期开工期限${c.start_deadline}已过,尚未确认开工`, data: { startDeadline: c.start_deadline }, at: now },
        })),
      );
      await recordAudit(trx, null, parkId, cases.map((c) => ({ action: 'flag_overdue', entity: 'land_cleanup_case', entityId: c.id, before: { status: c.status }, after: { status: c.status, overdueSince: c.start_deadline } })), now);
      const notes: NotificationInput[] = [];
      for (const c of cases) {
        const userId = c.created_by ?? c.campaign_created_by;
        if (userId)
          notes.push({ parkId, userId, kind: 'land_cleanup.overdue', title: `${c.parcel_code} 限期开工已逾期`, body: `案件${c.case_no}的开工期限${c.start_deadline}已过,请确认开工或转依法收回`, link: `/land/cleanup/cases/${c.id}` });
      }
      if (notes.length) await ctx.notifier.notify(trx, notes);
    }
    return due.length;
  });
}

let registered = false;

/** 闲置用地清理逾期扫描: hourly. */
export function registerCleanupSweep(): void {
  if (registered) return;
  registered = true;
  JOB_DESCRIPTIONS['land-cleanup-overdue'] = { label: '闲置用地限期开工逾期扫描', description: '限期开工期限已过仍未确认开工的清理案件,记入时间线并通知经办人确认开工或转依法收回(每件一次)' };
  registerScheduledJob({ name: 'land-cleanup-overdue', everyMs: 60 * 60_000, run: (ctx) => sweepOverdueCleanupCases(ctx) });
}
