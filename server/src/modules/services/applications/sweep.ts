/**
 * The 办件 sweep (every minute, park by park): terminates 容缺 cases whose missing materials were
 * not supplied by the deadline, flags cases past their committed deadline (已超期), sends the
 * 即将到期 warnings one working day ahead, and flags overdue post-checks.
 *
 * Each batch is one transaction of one park whose first statement claims its rows with
 * `FOR UPDATE SKIP LOCKED` and re-checks the condition on the locked row, so several processes
 * sweeping at once neither wait on each other nor act twice on one case; a second run finds
 * nothing left to do.
 */
import { sql, type Transaction } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { systemActor } from '../../../platform/actor.js';
import { recordAudit, type AuditEntry } from '../../../platform/audit.js';
import { shanghaiDate } from '../../../platform/calendar/index.js';
import type { AppContext } from '../../../platform/context.js';
import type { NotificationInput } from '../../../platform/notifications.js';
import { registerScheduledJob } from '../../../platform/scheduler.js';
import { SERVICE_APPLICATION_LINKS, type ApplicationEventAction, type ApplicationStatus } from '@yuanqi/contract';
import { pauseIntervalOf, snapshotOf } from './presenter.js';
import { finishFigures, writeCaseEvents, type CaseEvent, type CaseEventEntry } from '../../../platform/workflow/index.js';
import * as repo from './repository.js';
import { applicationEvents } from './store.js';
import { applicationWorkflow } from './workflow.js';

export type ApplicationSweepResult = { terminated: number; overdue: number; warned: number; postchecksOverdue: number; parks: number };

const link = SERVICE_APPLICATION_LINKS.application;

async function parksWithWork(ctx: AppContext, now: Date) {
  const result = await sql<{ id: string; rongque: boolean; due: boolean; warn: boolean; checks: boolean }>`
    select w.* from (
      select p.id,
             exists (select 1 from service_rongque r join service_applications a on a.id = r.application_id
                      where r.park_id = p.id and r.due_at < ${now} and r.supplied_at is null and r.terminated_at is null and a.status = 'rongque') as rongque,
             exists (select 1 from service_applications a where a.park_id = p.id and a.due_at < ${now} and a.finished_at is null and a.overdue_at is null) as due,
             exists (select 1 from service_applications a where a.park_id = p.id and a.warn_at <= ${now}) as warn,
             exists (select 1 from service_postchecks c where c.park_id = p.id and c.status = 'scheduled' and c.overdue_at is null and c.due_at < ${now}) as checks
        from parks p) w
     where w.rongque or w.due or w.warn or w.checks
     order by w.id`.execute(ctx.db);
  return result.rows;
}

/** One pass over every park; answers what it did. */
export async function sweepApplications(ctx: AppContext, now: Date = ctx.clock.now(), options: { batchSize?: number } = {}): Promise<ApplicationSweepResult> {
  const limit = options.batchSize ?? 500;
  const result: ApplicationSweepResult = { terminated: 0, overdue: 0, warned: 0, postchecksOverdue: 0, parks: 0 };
  const work = await parksWithWork(ctx, now);
  result.parks = work.length;
  for (const park of work) {
    if (park.rongque) result.terminated += await loop(() => terminateRongqueBatch(ctx, park.id, now, limit), limit);
    if (park.due) result.overdue += await loop(() => markOverdueBatch(ctx, park.id, now, limit), limit);
    if (park.warn) result.warned += await loop(() => warnBatch(ctx, park.id, now, limit), limit);
    if (park.checks) result.postchecksOverdue += await loop(() => postcheckOverdueBatch(ctx, park.id, now, limit), limit);
  }
  return result;
}

async function loop(batch: () => Promise<number>, limit: number): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await batch();
    total += n;
    if (n < limit) return total;
  }
}

async function approverInbox(trx: Transaction<DB>, parkId: string, approverIds: readonly string[]) {
  return repo.activeApprovers(trx, parkId, approverIds);
}

/** 容缺 cases past their deadline with materials still missing: terminated (终止办理). */
async function terminateRongqueBatch(ctx: AppContext, parkId: string, now: Date, limit: number): Promise<number> {
  const calendar = await ctx.calendar.get();
  return ctx.db.transaction().execute(async (trx) => {
    const claimed = await sql<{ application_id: string; deadline: string; missing: { name: string }[] }>`
      with picked as (
        select r.id from service_rongque r
          join service_applications a on a.id = r.application_id
         where r.park_id = ${parkId} and r.due_at < ${now} and r.supplied_at is null and r.terminated_at is null and a.status = 'rongque'
         order by r.due_at
         limit ${limit}
         for update of r, a skip locked)
      update service_rongque r set terminated_at = ${now}
        from picked
       where r.id = picked.id and r.terminated_at is null and r.supplied_at is null
      returning r.application_id, r.deadline, r.missing`.execute(trx);
    if (claimed.rows.length === 0) return 0;
    const system = systemActor(parkId);
    const events: CaseEventEntry[] = [];
    const terminate = applicationWorkflow.find('rongque', 'terminate')!;
    const audits: AuditEntry[] = [];
    const notes: NotificationInput[] = [];
    for (const r of claimed.rows) {
      const app = await repo.findApplication(trx, { kind: 'park', parkId }, r.application_id);
      if (!app) continue;
      const pauses = await repo.listPauses(trx, parkId, [app.id]);
      const figures = finishFigures(calendar, { startedAt: app.accepted_at, limitDays: app.committed_days, pauses: pauses.map(pauseIntervalOf) }, now);
      const names = (r.missing as { name: string }[]).map((m) => m.name).join('、');
      const note = `容缺材料(${names})未在${r.deadline}前补齐,终止办理`;
      const to = applicationWorkflow.target(terminate, app, {});
      const updated = await repo.updateApplication(trx, parkId, app.id, {
        status: to,
        outcome: 'terminated',
        finished_at: now,
        decision_note: note,
        working_days_used: figures.workingDaysUsed,
        within_limit: figures.withinLimit,
        warn_at: null,
        updated_at: now,
      });
      const action = applicationWorkflow.eventOf(terminate);
      events.push({ caseId: app.id, event: { action, from_status: app.status, to_status: to, actor_id: null, actor_name: '系统', actor_role: 'system', note, data: { deadline: r.deadline }, at: now } });
      audits.push({ action, entity: 'service_application', entityId: app.id, before: snapshotOf(app), after: snapshotOf(updated) });
      const applicants = new Set([...(await repo.enterpriseUserIds(trx, parkId, app.enterprise_id)), ...(app.daiban_liaison_id ? [app.daiban_liaison_id] : [])]);
      for (const userId of applicants) {
        notes.push({ parkId, userId, kind: 'application.terminated', title: `办件已终止 ${app.number}`, body: `“${app.item_name}”${note}。如需办理请重新申请。`, link: link(app.id), sms: true });
      }
      for (const userId of await approverInbox(trx, parkId, app.approver_ids)) {
        notes.push({ parkId, userId, kind: 'application.terminated', title: `容缺逾期终止 ${app.number}`, body: `${app.enterprise_name}:${app.item_name}`, link: link(app.id) });
      }
    }
    await writeCaseEvents(applicationEvents, trx, parkId, events);
    await recordAudit(trx, system, parkId, audits, now);
    await ctx.notifier.notify(trx, notes);
    return claimed.rows.length;
  });
}

type Swept = { id: string; number: string; item_id: string; enterprise_id: string; due_at: Date; approver_ids: string[]; item_name: string };

/** The timeline event a batch writes for a swept row: its note and data worded in SQL, from the row as updated. */
type SweptEvent = { status: ApplicationStatus; event_note: string; event_data: Record<string, unknown> | null };

const systemEvent = (action: ApplicationEventAction, status: ApplicationStatus, note: string, data: Record<string, unknown> | null, at: Date): CaseEvent => ({
  action,
  from_status: status,
  to_status: status,
  actor_id: null,
  actor_name: '系统',
  actor_role: 'system',
  note,
  data,
  at,
});

const RETURNED = sql`u.id, u.number, u.item_id, u.enterprise_id, u.due_at, i.approver_ids, i.name as item_name`;
const DUE_DATE = sql`to_char((u.due_at at time zone 'UTC') + interval '8 hours', 'YYYY-MM-DD')`;

/** One notice per approver per batch: the case itself, or a digest linking to the list. */
async function perApprover(trx: Transaction<DB>, parkId: string, rows: Swept[], kind: string, one: (r: Swept) => string, many: (n: number) => string, listLink: string): Promise<NotificationInput[]> {
  const byUser = new Map<string, Swept[]>();
  for (const r of rows) for (const userId of await approverInbox(trx, parkId, r.approver_ids)) byUser.set(userId, [...(byUser.get(userId) ?? []), r]);
  return [...byUser].map(([userId, list]) => ({
    parkId,
    userId,
    kind,
    title: list.length === 1 ? one(list[0]!) : many(list.length),
    body: list.slice(0, 5).map((r) => `${r.number} ${r.item_name}(期限 ${shanghaiDate(r.due_at)})`).join(';'),
    link: list.length === 1 ? link(list[0]!.id) : listLink,
    sms: kind === 'application.overdue',
  }));
}

/** Running cases past their committed deadline: flagged once per deadline. */
async function markOverdueBatch(ctx: AppContext, parkId: string, now: Date, limit: number): Promise<number> {
  return ctx.db.transaction().execute(async (trx) => {
    const result = await sql<Swept & SweptEvent>`
      with picked as (
        select id from service_applications
         where park_id = ${parkId} and due_at < ${now} and finished_at is null and overdue_at is null
         order by due_at
         limit ${limit}
         for update skip locked),
      u as (
        update service_applications a set overdue_at = ${now}, warn_at = null, updated_at = ${now}
          from picked
         where a.id = picked.id and a.overdue_at is null and a.finished_at is null and a.due_at < ${now}
        returning a.*)
      select ${RETURNED}, u.status, '承诺办结期限(' || ${DUE_DATE} || ')已过' as event_note, jsonb_build_object('dueAt', u.due_at) as event_data
        from u join service_items i on i.id = u.item_id`.execute(trx);
    const rows = result.rows;
    if (rows.length === 0) return 0;
    await writeCaseEvents(applicationEvents, trx, parkId, rows.map((r) => ({ caseId: r.id, event: systemEvent('overdue', r.status, r.event_note, r.event_data, now) })));
    await recordAudit(trx, systemActor(parkId), parkId, rows.map((r) => ({ action: 'overdue', entity: 'service_application', entityId: r.id, before: { overdueAt: null }, after: { overdueAt: now, dueAt: r.due_at } })), now);
    await ctx.notifier.notify(trx, await perApprover(trx, parkId, rows, 'application.overdue', (r) => `办件已超承诺时限 ${r.number}`, (n) => `您有${n}件办件已超承诺时限`, `${SERVICE_APPLICATION_LINKS.applications}?warning=overdue`));
    return rows.length;
  });
}

/** 即将到期: one working day before the committed deadline (the reminder time set when the clock started). */
async function warnBatch(ctx: AppContext, parkId: string, now: Date, limit: number): Promise<number> {
  return ctx.db.transaction().execute(async (trx) => {
    const result = await sql<Swept & SweptEvent & { live: boolean }>`
      with picked as (
        select id from service_applications
         where park_id = ${parkId} and warn_at <= ${now}
         order by warn_at
         limit ${limit}
         for update skip locked),
      u as (
        update service_applications a set warn_at = null, warned_at = ${now}
          from picked
         where a.id = picked.id and a.warn_at <= ${now}
        returning a.*)
      select ${RETURNED}, (u.finished_at is null and u.due_at > ${now}) as live, u.status, '承诺办结期限为' || ${DUE_DATE} || ',已提醒审批人员' as event_note, null as event_data
        from u join service_items i on i.id = u.item_id`.execute(trx);
    const live = result.rows.filter((r) => r.live);
    if (live.length > 0) {
      await writeCaseEvents(applicationEvents, trx, parkId, live.map((r) => ({ caseId: r.id, event: systemEvent('warn', r.status, r.event_note, r.event_data, now) })));
      await recordAudit(trx, systemActor(parkId), parkId, live.map((r) => ({ action: 'warn', entity: 'service_application', entityId: r.id, after: { warnedAt: now } })), now);
      await ctx.notifier.notify(trx, await perApprover(trx, parkId, live, 'application.due_soon', (r) => `办件即将到期 ${r.number}`, (n) => `您有${n}件办件即将到期`, `${SERVICE_APPLICATION_LINKS.applications}?warning=due_soon`));
    }
    return result.rows.length;
  });
}

/** Post-checks not done by their due date: flagged once, the item's approvers told. */
async function postcheckOverdueBatch(ctx: AppContext, parkId: string, now: Date, limit: number): Promise<number> {
  return ctx.db.transaction().execute(async (trx) => {
    const result = await sql<{ id: string; application_id: string; number: string; due_at: Date; approver_ids: string[]; item_name: string; item_id: string; enterprise_id: string } & SweptEvent>`
      with picked as (
        select id from service_postchecks
         where park_id = ${parkId} and status = 'scheduled' and overdue_at is null and due_at < ${now}
         order by due_at
         limit ${limit}
         for update skip locked),
      u as (
        update service_postchecks c set overdue_at = ${now}
          from picked
         where c.id = picked.id and c.overdue_at is null and c.status = 'scheduled'
        returning c.*)
      select u.id, u.application_id, a.number, u.due_at, i.approver_ids, i.name as item_name, u.item_id, u.enterprise_id, a.status,
             '事后核查期限(' || to_char((u.due_at at time zone 'UTC') + interval '8 hours', 'YYYY-MM-DD') || ')已过,尚未登记核查结果' as event_note, null as event_data
        from u join service_applications a on a.id = u.application_id join service_items i on i.id = u.item_id`.execute(trx);
    const rows = result.rows;
    if (rows.length === 0) return 0;
    await writeCaseEvents(applicationEvents, trx, parkId, rows.map((r) => ({ caseId: r.application_id, event: systemEvent('postcheck_overdue', r.status, r.event_note, r.event_data, now) })));
    await recordAudit(trx, systemActor(parkId), parkId, rows.map((r) => ({ action: 'postcheck.overdue', entity: 'service_postcheck', entityId: r.id, after: { overdueAt: now } })), now);
    const swept = rows.map((r) => ({ ...r, id: r.application_id }));
    await ctx.notifier.notify(trx, await perApprover(trx, parkId, swept, 'postcheck.overdue', (r) => `事后核查已逾期 ${r.number}`, (n) => `您有${n}项事后核查已逾期`, SERVICE_APPLICATION_LINKS.postchecks));
    return rows.length;
  });
}

let registered = false;

/** Registers the sweep with the process scheduler once (every minute; idempotent across processes). */
export function registerApplicationSweep(): void {
  if (registered) return;
  registered = true;
  registerScheduledJob({ name: 'service-application-sweep', everyMs: 60_000, run: (ctx) => sweepApplications(ctx) });
}
