import { periodLabel, previousPeriod } from '@yuanqi/contract';
import { sql } from 'kysely';
import { shanghaiDate } from '../../../platform/calendar/index.js';
import type { AppContext } from '../../../platform/context.js';
import type { NotificationInput } from '../../../platform/notifications.js';
import { registerScheduledJob } from '../../../platform/scheduler.js';
import { industrySettings } from '../defaults.js';
import { periodOfInstant, reportDueOn, workingDaysLeft } from './due.js';
import * as repo from './repository.js';

export type ReminderSweepResult = { before: number; overdue: number };

const dueText = (date: string) => `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;

/**
 * 月报催报: for the last two ended months, `remindWorkdaysBefore` working days before the due day
 * each reporting firm that has not submitted (and its liaison) is told the report is due; after the
 * due day, an overdue notice. Once per firm, month and kind: the reminders table's key decides who
 * is told (`on conflict do nothing … returning`), so the sweep is idempotent and several processes
 * may run it at once.
 */
export async function sweepReportReminders(ctx: AppContext): Promise<ReminderSweepResult> {
  const now = ctx.clock.now();
  const today = shanghaiDate(now);
  const current = periodOfInstant(now);
  const calendar = await ctx.calendar.get();
  const result: ReminderSweepResult = { before: 0, overdue: 0 };
  const parks = await ctx.db.selectFrom('parks').select('id').execute();
  for (const { id: parkId } of parks) {
    const settings = await industrySettings(ctx.db, parkId);
    for (const period of [previousPeriod(current), previousPeriod(previousPeriod(current))]) {
      const { dueOn } = reportDueOn(calendar, period, settings.reportDueWorkday);
      let kind: 'before' | 'overdue';
      if (today <= dueOn) {
        if (workingDaysLeft(calendar, today, dueOn) > settings.remindWorkdaysBefore) continue;
        kind = 'before';
      } else kind = 'overdue';
      const firms = await repo
        .reportingFirmsQuery(ctx.db, { kind: 'park', parkId }, period)
        .where((eb) => eb.or([eb('rep.status', 'is', null), eb('rep.status', 'in', ['draft', 'returned'])]))
        .where(({ not, exists, selectFrom }) =>
          not(exists(selectFrom('industry_report_reminders as m').select(sql`1`.as('one')).whereRef('m.park_id', '=', 'e.park_id').whereRef('m.enterprise_id', '=', 'e.id').where('m.period', '=', period).where('m.kind', '=', kind))),
        )
        .select(['e.id', 'e.name', 'e.liaison_id'])
        .execute();
      if (firms.length === 0) continue;
      await ctx.db.transaction().execute(async (trx) => {
        const claimed = await trx
          .insertInto('industry_report_reminders')
          .values(firms.map((f) => ({ park_id: parkId, enterprise_id: f.id, period, kind, sent_at: now })))
          .onConflict((oc) => oc.columns(['park_id', 'enterprise_id', 'period', 'kind']).doNothing())
          .returning('enterprise_id')
          .execute();
        const mine = new Set(claimed.map((c) => c.enterprise_id));
        const told = firms.filter((f) => mine.has(f.id));
        const users = await repo.firmUserIds(trx, parkId, told.map((f) => f.id));
        const month = periodLabel(period);
        const ym = period.slice(0, 7);
        const notes: NotificationInput[] = [];
        for (const f of told) {
          const title = kind === 'before' ? `请于${dueText(dueOn)}前报送${month}经济运行月报` : `${month}经济运行月报已逾期未报`;
          for (const userId of users.get(f.id) ?? []) {
            notes.push({ parkId, userId, kind: `industry_report.remind_${kind}`, title, body: kind === 'before' ? `截止日期:${dueOn}(第${settings.reportDueWorkday}个工作日)` : `截止日期为${dueOn},请尽快填报并提交`, link: `/industry/reports/file?period=${ym}` });
          }
          if (f.liaison_id) {
            notes.push({
              parkId,
              userId: f.liaison_id,
              kind: `industry_report.remind_${kind}`,
              title: kind === 'before' ? `${f.name}:${month}月报${dueText(dueOn)}截止` : `${f.name}:${month}月报逾期未报`,
              body: kind === 'before' ? `企业尚未提交,截止日期${dueOn}` : `截止日期为${dueOn},请督促企业报送`,
              link: `/industry/reports/filing?period=${ym}`,
            });
          }
        }
        if (notes.length) await ctx.notifier.notify(trx, notes);
        result[kind] += told.length;
      });
    }
  }
  return result;
}

let registered = false;

/** 月报催报: hourly; idempotent and safe in several processes (the reminders table's key). */
export function registerReportReminderSweep(): void {
  if (registered) return;
  registered = true;
  registerScheduledJob({ name: 'industry-report-reminders', everyMs: 60 * 60_000, run: (ctx) => sweepReportReminders(ctx).then(() => undefined) });
}
