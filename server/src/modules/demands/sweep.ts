import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { systemActor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import { shanghaiDate } from '../../platform/calendar/index.js';
import type { AppContext } from '../../platform/context.js';
import type { NotificationInput } from '../../platform/notifications.js';
import { registerScheduledJob } from '../../platform/scheduler.js';
import * as repo from './repository.js';
import { demandLink } from './service.js';

export type SweepResult = { escalated: number; reminded: number; autoClosed: number; ms: number };
export type SweepOptions = { batchSize?: number };

const SYSTEM = { actor_id: null, actor_name: '系统', actor_role: 'system' } as const;
const dueLabel = (kind: string | null) => (kind === 'accept' ? '签收' : '答复');

function byPark<T extends { park_id: string }>(rows: T[]): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of [...rows].sort((a, b) => (a.park_id < b.park_id ? -1 : a.park_id > b.park_id ? 1 : 0))) {
    const list = map.get(row.park_id) ?? [];
    list.push(row);
    map.set(row.park_id, list);
  }
  return map;
}

/**
 * One pass of the deadline sweep over every park: escalates demands whose deadline passed, sends
 * the one-working-day-ahead reminders, and closes answers left unconfirmed for 7 days.
 *
 * Each batch is one transaction whose first statement claims its rows (conditional UPDATE over
 * `FOR UPDATE SKIP LOCKED`), so a crash loses nothing and several processes sweeping at once
 * neither wait on each other nor act twice on one demand.
 */
export async function sweepDemands(ctx: AppContext, now: Date = ctx.clock.now(), options: SweepOptions = {}): Promise<SweepResult> {
  const started = performance.now();
  const limit = options.batchSize ?? 2000;
  const result = { escalated: 0, reminded: 0, autoClosed: 0, ms: 0 };
  const dispatchers = new Map<string, string[]>();
  const dispatchersOf = async (trx: Transaction<DB>, parkId: string) => {
    let ids = dispatchers.get(parkId);
    if (!ids) {
      ids = await repo.dispatcherIds(trx, parkId);
      dispatchers.set(parkId, ids);
    }
    return ids;
  };

  for (;;) {
    const n = await ctx.db.transaction().execute(async (trx) => {
      const rows = await repo.markOverdueBatch(trx, now, limit);
      if (rows.length === 0) return 0;
      await repo.insertEvents(
        trx,
        rows.map((d) => ({
          ...SYSTEM,
          park_id: d.park_id,
          demand_id: d.id,
          action: 'escalate',
          from_status: d.status,
          to_status: d.status,
          note: `${dueLabel(d.due_kind)}期限(${d.due_at ? shanghaiDate(d.due_at) : ''})已过,已升级至调度专班`,
          data: JSON.stringify({ dueKind: d.due_kind, dueAt: d.due_at }),
          at: now,
        })),
      );
      const notes: NotificationInput[] = [];
      for (const [parkId, list] of byPark(rows)) {
        await recordAudit(
          trx,
          systemActor(parkId),
          parkId,
          list.map((d) => ({ action: 'escalate', entity: 'demand', entityId: d.id, before: { escalatedAt: null }, after: { overdueAt: now, escalatedAt: now, dueAt: d.due_at } })),
          now,
        );
        for (const d of list) {
          if (d.assignee_id) {
            notes.push({ parkId, userId: d.assignee_id, kind: 'demand.overdue', title: `诉求已逾期 ${d.number}`, body: `${dueLabel(d.due_kind)}期限已过,已升级至调度专班:${d.title}`, link: demandLink(d.id), sms: true });
          }
        }
        const title = list.length === 1 ? `诉求逾期升级 ${list[0]!.number}` : `${list.length}件诉求逾期,已升级至调度专班`;
        const link = list.length === 1 ? demandLink(list[0]!.id) : '/demands?escalated=true';
        for (const userId of await dispatchersOf(trx, parkId)) {
          notes.push({ parkId, userId, kind: 'demand.escalated', title, body: list.slice(0, 5).map((d) => `${d.number} ${d.title}`).join(';'), link });
        }
      }
      await ctx.notifier.notify(trx, notes);
      return rows.length;
    });
    result.escalated += n;
    if (n < limit) break;
  }

  for (;;) {
    const { taken: n, sent } = await ctx.db.transaction().execute(async (trx) => {
      const taken = await repo.takeRemindersBatch(trx, now, limit);
      // A reminder whose deadline has already passed (the sweep was down) is dropped: escalation speaks instead.
      const rows = taken.filter((d) => d.due_at !== null && d.due_at.getTime() > now.getTime());
      if (rows.length === 0) return { taken: taken.length, sent: 0 };
      await repo.insertEvents(
        trx,
        rows.map((d) => ({
          ...SYSTEM,
          park_id: d.park_id,
          demand_id: d.id,
          action: 'remind',
          from_status: d.status,
          to_status: d.status,
          note: `${dueLabel(d.due_kind)}期限为${d.due_at ? shanghaiDate(d.due_at) : ''},已提醒负责人`,
          data: null,
          at: now,
        })),
      );
      const notes: NotificationInput[] = [];
      for (const [parkId, list] of byPark(rows)) {
        await recordAudit(trx, systemActor(parkId), parkId, list.map((d) => ({ action: 'remind', entity: 'demand', entityId: d.id, after: { remindedAt: now } })), now);
        for (const d of list) {
          const recipients = d.assignee_id ? [d.assignee_id] : await dispatchersOf(trx, parkId);
          for (const userId of recipients) {
            notes.push({ parkId, userId, kind: 'demand.reminder', title: `诉求即将到期 ${d.number}`, body: `${dueLabel(d.due_kind)}期限为${d.due_at ? shanghaiDate(d.due_at) : ''}:${d.title}`, link: demandLink(d.id), sms: true });
          }
        }
      }
      await ctx.notifier.notify(trx, notes);
      return { taken: taken.length, sent: rows.length };
    });
    result.reminded += sent;
    if (n < limit) break;
  }

  for (;;) {
    const n = await ctx.db.transaction().execute(async (trx) => {
      const rows = await repo.autoCloseBatch(trx, now, limit);
      if (rows.length === 0) return 0;
      await repo.insertEvents(
        trx,
        rows.map((d) => ({
          ...SYSTEM,
          park_id: d.park_id,
          demand_id: d.id,
          action: 'auto_close',
          from_status: 'resolved',
          to_status: 'closed',
          note: '答复后7天内企业未确认,系统自动办结',
          data: null,
          at: now,
        })),
      );
      const notes: NotificationInput[] = [];
      for (const [parkId, list] of byPark(rows)) {
        await recordAudit(trx, systemActor(parkId), parkId, list.map((d) => ({ action: 'auto_close', entity: 'demand', entityId: d.id, before: { status: 'resolved' }, after: { status: 'closed', closedBy: 'system' } })), now);
        const users = await repo.enterpriseUserIds(trx, parkId, [...new Set(list.map((d) => d.enterprise_id))]);
        for (const d of list) {
          for (const userId of users.get(d.enterprise_id) ?? []) {
            notes.push({ parkId, userId, kind: 'demand.rate', title: `请评价诉求办理 ${d.number}`, body: '诉求已自动办结,请对办理情况作出评价(一事一评)。', link: demandLink(d.id) });
          }
        }
      }
      await ctx.notifier.notify(trx, notes);
      return rows.length;
    });
    result.autoClosed += n;
    if (n < limit) break;
  }

  result.ms = Math.round(performance.now() - started);
  return result;
}

let registered = false;

/** Registers the sweep with the process scheduler once (every minute; idempotent across processes). */
export function registerDemandSweep(): void {
  if (registered) return;
  registered = true;
  registerScheduledJob({ name: 'demand-sweep', everyMs: 60_000, run: (ctx) => sweepDemands(ctx) });
}
