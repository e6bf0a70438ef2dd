import type { Transaction } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { systemActor } from '../../../platform/actor.js';
import { recordAudit } from '../../../platform/audit.js';
import { shanghaiDate } from '../../../platform/calendar/index.js';
import type { AppContext } from '../../../platform/context.js';
import type { NotificationInput } from '../../../platform/notifications.js';
import { registerScheduledJob } from '../../../platform/scheduler.js';
import { writeCaseEvents, type CaseEventEntry } from '../../../platform/workflow/index.js';
import * as repo from './repository.js';
import { demandLink } from './service.js';
import { demandWorkflow } from './workflow.js';

export type SweepResult = { escalated: number; reminded: number; autoClosed: number; parks: number; ms: number };
export type SweepOptions = {
  batchSize?: number;
  /** Parks swept side by side (default 3; PGlite serialises them anyway). */
  concurrency?: number;
  /** Only these parks (a province sweeping one park again; tests sharing a database with others). */
  parkIds?: readonly string[];
};

const dueLabel = (kind: string | null) => (kind === 'accept' ? '签收' : '答复');
const dueDate = (d: repo.SweptDemand) => (d.due_at ? shanghaiDate(d.due_at) : '');

/**
 * One notice per person per batch: the demand itself when there is one, else a digest that links
 * to the list (a sweep after downtime must not send an owner fifty text messages).
 */
function perRecipient(
  parkId: string,
  byUser: Map<string, repo.SweptDemand[]>,
  notice: { kind: string; one: (d: repo.SweptDemand) => string; many: (n: number) => string; listLink: string; sms: boolean },
): NotificationInput[] {
  return [...byUser].map(([userId, list]) => ({
    parkId,
    userId,
    kind: notice.kind,
    title: list.length === 1 ? notice.one(list[0]!) : notice.many(list.length),
    // A single demand's number is already in the title; a list names each one.
    body:
      list.length === 1
        ? `${list[0]!.title}(期限 ${dueDate(list[0]!)})`
        : list.slice(0, 5).map((d) => `${d.number} ${d.title}(期限 ${dueDate(d)})`).join(';'),
    link: list.length === 1 ? demandLink(list[0]!.id) : notice.listLink,
    sms: notice.sms,
  }));
}

/**
 * The timeline entries of a batch: the system transition `action` from each demand's state, as
 * the workflow table has it (escalate and remind keep the state; auto_close closes).
 */
function systemEvents(
  rows: readonly (repo.SweptDemand & { from_status?: repo.SweptDemand['status'] })[],
  action: 'escalate' | 'remind' | 'auto_close',
  now: Date,
  note: (d: repo.SweptDemand) => string,
  data: (d: repo.SweptDemand) => Record<string, unknown> | null = () => null,
): CaseEventEntry[] {
  return rows.map((d) => {
    const from = d.from_status ?? d.status;
    const transition = demandWorkflow.find(from, action);
    const to = transition ? demandWorkflow.target(transition, { status: from, assignee_id: d.assignee_id }, {}) : d.status;
    return {
      caseId: d.id,
      event: { action, from_status: from, to_status: to, actor_id: null, actor_name: '系统', actor_role: 'system', note: note(d), data: data(d), at: now },
    };
  });
}

function groupBy<K>(rows: repo.SweptDemand[], key: (d: repo.SweptDemand) => K | null): Map<K, repo.SweptDemand[]> {
  const map = new Map<K, repo.SweptDemand[]>();
  for (const d of rows) {
    const k = key(d);
    if (k === null) continue;
    map.set(k, [...(map.get(k) ?? []), d]);
  }
  return map;
}

/**
 * One pass of the deadline sweep: escalates demands whose deadline passed (to the dispatchers,
 * with the owner told), sends the one-working-day-ahead reminders, and closes answers left
 * unconfirmed for 7 days — park by park.
 *
 * Each batch is one transaction of one park whose first statement claims its rows (a conditional
 * UPDATE over `FOR UPDATE SKIP LOCKED`), so a crash loses nothing, and several processes sweeping
 * at once neither wait on each other nor act twice on one demand. Working park by park keeps every
 * transaction on one park's rows and one audit chain, so parks are swept side by side.
 */
export async function sweepDemands(ctx: AppContext, now: Date = ctx.clock.now(), options: SweepOptions = {}): Promise<SweepResult> {
  const started = performance.now();
  const limit = options.batchSize ?? 5000;
  const result: SweepResult = { escalated: 0, reminded: 0, autoClosed: 0, parks: 0, ms: 0 };
  const work = (await repo.parksWithSweepWork(ctx.db, now, demandWorkflow.statesFor('auto_close'))).filter((w) => !options.parkIds || options.parkIds.includes(w.parkId));
  result.parks = work.length;

  const queue = [...work];
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) await sweepPark(ctx, next, now, limit, result);
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 3) }, worker));
  result.ms = Math.round(performance.now() - started);
  return result;
}

/** One park's escalations, reminders and auto-closes, batch by batch. */
async function sweepPark(ctx: AppContext, work: repo.SweepWork, now: Date, limit: number, result: SweepResult): Promise<void> {
  const { parkId, due, remind, close } = work;
  let dispatchers: string[] | null = null;
  const dispatchersOf = async (trx: Transaction<DB>) => (dispatchers ??= await repo.dispatcherIds(trx, parkId));

  // Escalation: the deadline passed.
  while (due) {
    const n = await ctx.db.transaction().execute(async (trx) => {
      // Claims the rows in one statement; their `escalate` events follow in the same transaction.
      const rows = await repo.markOverdueBatch(trx, parkId, now, limit);
      if (rows.length === 0) return 0;
      await writeCaseEvents(
        repo.demandEvents,
        trx,
        parkId,
        systemEvents(rows, 'escalate', now, (d) => `${dueLabel(d.due_kind)}期限(${dueDate(d)})已过,已升级至调度专班`, (d) => ({ dueKind: d.due_kind, dueAt: d.due_at })),
      );
      await recordAudit(
        trx,
        systemActor(parkId),
        parkId,
        rows.map((d) => ({ action: 'escalate', entity: 'demand', entityId: d.id, before: { escalatedAt: null }, after: { overdueAt: now, dueAt: d.due_at } })),
        now,
      );
      const toOwners = perRecipient(parkId, groupBy(rows, (d) => d.assignee_id), {
        kind: 'demand.overdue',
        one: (d) => `诉求已逾期 ${d.number}`,
        many: (n) => `您负责的${n}件诉求已逾期,已升级至调度专班`,
        listLink: '/demands?mine=true&overdue=true',
        sms: true,
      });
      const byDispatcher = new Map((await dispatchersOf(trx)).map((id) => [id, rows]));
      const toOffice = perRecipient(parkId, byDispatcher, {
        kind: 'demand.escalated',
        one: (d) => `诉求逾期升级 ${d.number}`,
        many: (n) => `${n}件诉求逾期,已升级至调度专班`,
        listLink: '/demands?escalated=true',
        sms: false,
      });
      await ctx.notifier.notify(trx, [...toOwners, ...toOffice]);
      return rows.length;
    });
    result.escalated += n;
    if (n < limit) break;
  }

  // Reminders: one working day before the deadline.
  while (remind) {
    const { taken, sent } = await ctx.db.transaction().execute(async (trx) => {
      const { claimed, rows } = await repo.takeRemindersBatch(trx, parkId, now, limit);
      if (rows.length === 0) return { taken: claimed, sent: 0 };
      await writeCaseEvents(repo.demandEvents, trx, parkId, systemEvents(rows, 'remind', now, (d) => `${dueLabel(d.due_kind)}期限为${dueDate(d)},已提醒负责人`));
      await recordAudit(trx, systemActor(parkId), parkId, rows.map((d) => ({ action: 'remind', entity: 'demand', entityId: d.id, after: { remindedAt: now } })), now);
      const byOwner = groupBy(rows, (d) => d.assignee_id);
      const pool = rows.filter((d) => !d.assignee_id);
      if (pool.length) for (const id of await dispatchersOf(trx)) byOwner.set(id, [...(byOwner.get(id) ?? []), ...pool]);
      await ctx.notifier.notify(
        trx,
        perRecipient(parkId, byOwner, {
          kind: 'demand.reminder',
          one: (d) => `诉求即将到期 ${d.number}(${dueLabel(d.due_kind)}期限 ${dueDate(d)})`,
          many: (n) => `您有${n}件诉求即将到期`,
          listLink: '/demands?mine=true',
          sms: true,
        }),
      );
      return { taken: claimed, sent: rows.length };
    });
    result.reminded += sent;
    if (taken < limit) break;
  }

  // Auto-close: answered, not confirmed within 7 natural days.
  const closeFrom = demandWorkflow.statesFor('auto_close');
  const closeTo = demandWorkflow.target(demandWorkflow.find(closeFrom[0]!, 'auto_close')!, { status: closeFrom[0]!, assignee_id: null }, {});
  while (close) {
    const n = await ctx.db.transaction().execute(async (trx) => {
      const rows = await repo.autoCloseBatch(trx, parkId, now, limit, closeFrom, closeTo);
      if (rows.length === 0) return 0;
      await writeCaseEvents(repo.demandEvents, trx, parkId, systemEvents(rows, 'auto_close', now, () => '答复后7天内企业未确认,系统自动办结'));
      await recordAudit(trx, systemActor(parkId), parkId, rows.map((d) => ({ action: 'auto_close', entity: 'demand', entityId: d.id, before: { status: d.from_status }, after: { status: d.status, closedBy: 'system' } })), now);
      const users = await repo.enterpriseUserIds(trx, parkId, [...new Set(rows.map((d) => d.enterprise_id))]);
      const notes: NotificationInput[] = [];
      for (const d of rows) {
        for (const userId of users.get(d.enterprise_id) ?? []) {
          notes.push({ parkId, userId, kind: 'demand.rate', title: `请评价诉求办理 ${d.number}`, body: '诉求已自动办结,请对办理情况作出评价(一事一评)。', link: demandLink(d.id) });
        }
      }
      await ctx.notifier.notify(trx, notes);
      return rows.length;
    });
    result.autoClosed += n;
    if (n < limit) break;
  }
}

let registered = false;

/** Registers the sweep with the process scheduler once (every minute; idempotent across processes). */
export function registerDemandSweep(): void {
  if (registered) return;
  registered = true;
  registerScheduledJob({ name: 'demand-sweep', everyMs: 60_000, run: (ctx) => sweepDemands(ctx) });
}
