import {
  DEMAND_STATUS_LABELS,
  type CreateDispatchMeetingRequest,
  type DispatchItem,
  type DispatchMeeting,
  type DispatchMeetingDetail,
  type DispatchReason,
  type Paged,
  type UpdateDispatchItemRequest,
} from '@yuanqi/contract';
import type { Updateable } from 'kysely';
import type { DemandsTable } from '../../../db/schema-demands.js';
import type { Actor } from '../../../platform/actor.js';
import { recordAudit } from '../../../platform/audit.js';
import { shanghaiDate } from '../../../platform/calendar/index.js';
import type { AppContext } from '../../../platform/context.js';
import { AppError, conflict, invalidState, notFound } from '../../../platform/errors.js';
import type { NotificationInput } from '../../../platform/notifications.js';
import { categoryLabel, loadCategories } from '../cases/categories.js';
import { dueAtOfDate } from '../cases/deadlines.js';
import { commitTransition, reminderAt, remainingWorkingDays, type CaseEvent } from '../../../platform/workflow/index.js';
import * as demands from '../cases/repository.js';
import { demandLink, roleOf } from '../cases/service.js';
import { demandWorkflow } from '../cases/workflow.js';
import * as repo from './repository.js';

type MeetingRow = NonNullable<Awaited<ReturnType<typeof repo.findMeeting>>>;

function presentMeeting(row: MeetingRow & { item_count?: number | null; decided_count?: number | null }): DispatchMeeting {
  return {
    id: row.id,
    heldOn: row.held_on,
    title: row.title,
    attendees: row.attendees ?? [],
    status: row.status,
    itemCount: row.item_count ?? 0,
    decidedCount: row.decided_count ?? 0,
    createdAt: row.created_at.toISOString(),
    closedAt: row.closed_at?.toISOString() ?? null,
    createdByName: row.created_by_name,
  };
}

/**
 * Opens a meeting whose agenda is generated now: escalated and overdue open demands, and demands
 * with a fresh bad rating. One meeting per date.
 */
export async function createMeeting(ctx: AppContext, actor: Actor, input: CreateDispatchMeetingRequest): Promise<DispatchMeetingDetail> {
  const now = ctx.clock.now();
  const id = await ctx.db.transaction().execute(async (trx) => {
    if (await repo.findMeetingOn(trx, actor.parkId, input.heldOn)) {
      throw conflict(`${input.heldOn}已有周调度会议`, [{ path: 'heldOn', message: '该日期已有会议' }]);
    }
    const agenda = await repo.agendaCandidates(trx, actor.parkId, now);
    const meeting = await repo.insertMeeting(trx, {
      park_id: actor.parkId,
      held_on: input.heldOn,
      title: input.title ?? `${input.heldOn} 营商环境周调度会`,
      attendees: input.attendees,
      status: 'draft',
      created_by: actor.userId,
      created_at: now,
    });
    const rank = (c: repo.AgendaCandidate) => (c.escalated ? 0 : c.overdue ? 1 : 2);
    const ordered = [...agenda].sort((a, b) => rank(a) - rank(b) || (a.due_at?.getTime() ?? Infinity) - (b.due_at?.getTime() ?? Infinity));
    await repo.insertItems(
      trx,
      ordered.map((c, i) => ({
        park_id: actor.parkId,
        meeting_id: meeting.id,
        demand_id: c.demand_id,
        reasons: [c.escalated && 'escalated', c.overdue && 'overdue', c.bad_rating && 'bad_rating'].filter(Boolean) as string[],
        sort: i + 1,
      })),
    );
    await recordAudit(trx, actor, actor.parkId, [{ action: 'create', entity: 'dispatch_meeting', entityId: meeting.id, before: null, after: { heldOn: input.heldOn, title: meeting.title, attendees: input.attendees, items: ordered.length } }], now);
    return meeting.id;
  });
  return getMeeting(ctx, actor, id);
}

export async function listMeetings(ctx: AppContext, actor: Actor, query: { page: number; pageSize: number }): Promise<Paged<DispatchMeeting>> {
  const { rows, total } = await repo.listMeetings(ctx.db, actor.parkId, { limit: query.pageSize, offset: (query.page - 1) * query.pageSize });
  return { items: rows.map(presentMeeting), total, page: query.page, pageSize: query.pageSize };
}

export async function getMeeting(ctx: AppContext, actor: Actor, id: string): Promise<DispatchMeetingDetail> {
  const meeting = await repo.findMeeting(ctx.db, actor.parkId, id);
  if (!meeting) throw notFound('周调度会议');
  const rows = await repo.listItems(ctx.db, actor.parkId, id);
  const categories = await loadCategories(ctx.db, actor.parkId);
  const calendar = await ctx.calendar.get();
  const now = ctx.clock.now();
  const items: DispatchItem[] = rows.map((r) => ({
    id: r.id,
    demandId: r.demand_id,
    reasons: r.reasons as DispatchReason[],
    demand: {
      number: r.number,
      title: r.title,
      category: r.category,
      categoryLabel: categoryLabel(categories, r.category),
      status: r.status,
      statusLabel: DEMAND_STATUS_LABELS[r.status],
      enterpriseName: r.enterprise_name,
      assigneeId: r.assignee_id,
      assigneeName: r.assignee_name,
      dueAt: r.due_at?.toISOString() ?? null,
      overdue: r.due_at !== null && r.due_at.getTime() < now.getTime(),
      remainingWorkingDays: r.due_at ? remainingWorkingDays(calendar, now, r.due_at) : null,
      department: r.department,
      createdAt: r.demand_created_at.toISOString(),
    },
    decision: r.decision,
    ownerId: r.owner_id,
    ownerName: r.owner_name,
    newDueDate: r.new_due_date,
    done: r.done,
    decidedAt: r.decided_at?.toISOString() ?? null,
    decidedByName: r.decided_by_name,
  }));
  return { ...presentMeeting({ ...meeting, item_count: items.length, decided_count: items.filter((i) => i.decidedAt).length }), items };
}

/**
 * Records the meeting's decision on one agenda item. For an open demand the decision is binding:
 * a new answer deadline restarts its clock (and clears the escalation), a new owner is a 改派;
 * both go on the demand's timeline in the same transaction.
 */
export async function decideItem(ctx: AppContext, actor: Actor, meetingId: string, itemId: string, input: UpdateDispatchItemRequest): Promise<DispatchMeetingDetail> {
  const now = ctx.clock.now();
  const today = shanghaiDate(now);
  if (input.newDueDate && input.newDueDate < today) {
    throw new AppError('VALIDATION_FAILED', `新期限不能早于今天(${today})`, [{ path: 'newDueDate', message: '新期限不能早于今天' }]);
  }
  const calendar = await ctx.calendar.get();
  await ctx.db.transaction().execute(async (trx) => {
    const meeting = await repo.findMeeting(trx, actor.parkId, meetingId, true);
    if (!meeting) throw notFound('周调度会议');
    if (meeting.status === 'closed') throw invalidState('会议已结束,不能再修改调度决定');
    const item = await repo.findItem(trx, actor.parkId, meetingId, itemId);
    if (!item) throw notFound('议题');
    const demand = await demands.findDemand(trx, { kind: 'park', parkId: actor.parkId }, item.demand_id, { forUpdate: true });
    if (!demand) throw notFound('诉求');
    let owner: { id: string; display_name: string } | undefined;
    if (input.ownerId) {
      owner = await demands.findActiveStaff(trx, actor.parkId, input.ownerId, ['liaison', 'dispatcher']);
      if (!owner) throw new AppError('VALIDATION_FAILED', '责任人不存在、已停用或不是驻企专员/调度专班人员', [{ path: 'ownerId', message: '责任人无效' }]);
    }
    const notes: NotificationInput[] = [];
    const link = demandLink(demand.id);
    const role = roleOf(actor, 'dispatcher');
    // The decision binds an open demand: the workflow's `dispatch` applies (it keeps the state).
    const transition = demandWorkflow.find(demand.status, 'dispatch');
    if (transition) {
      const to = demandWorkflow.target(transition, demand, {});
      const patch: Updateable<DemandsTable> = { updated_at: now };
      const reassignment: CaseEvent[] = [];
      if (owner && owner.id !== demand.assignee_id) {
        patch.assignee_id = owner.id;
        reassignment.push({ action: 'reassign', from_status: demand.status, to_status: to, actor_id: actor.userId, actor_name: actor.displayName, actor_role: role, note: `周调度改派:${input.decision}`, data: { previousAssigneeId: demand.assignee_id, assigneeId: owner.id, assigneeName: owner.display_name, meetingId }, at: now });
      }
      if (input.newDueDate) {
        const due = dueAtOfDate(input.newDueDate);
        Object.assign(patch, { due_at: due, overdue_at: null, escalated_at: null, remind_at: reminderAt(calendar, now, due) });
        if (demand.due_kind === 'accept') patch.accept_due_at = due;
        else patch.answer_due_at = due;
      }
      const updated = await commitTransition(trx, ctx, actor, demands.demandCases, {
        row: demand,
        to,
        patch,
        now,
        eventsBefore: reassignment,
        event: {
          action: demandWorkflow.eventOf(transition),
          actorRole: role,
          note: input.decision,
          data: { meetingId, heldOn: meeting.held_on, newDueDate: input.newDueDate ?? null, ownerId: owner?.id ?? demand.assignee_id },
        },
      });
      const ownerId = updated.assignee_id;
      if (ownerId) {
        notes.push({ parkId: actor.parkId, userId: ownerId, kind: 'demand.dispatch', title: `周调度决定 ${demand.number}`, body: `${input.decision}${input.newDueDate ? `;新期限 ${input.newDueDate}` : ''}`, link, sms: true });
      }
    } else if (owner) {
      notes.push({ parkId: actor.parkId, userId: owner.id, kind: 'demand.dispatch', title: `周调度交办 ${demand.number}`, body: `${input.decision}${input.newDueDate ? `;期限 ${input.newDueDate}` : ''}`, link, sms: true });
    }
    const before = { decision: item.decision, ownerId: item.owner_id, newDueDate: item.new_due_date, done: item.done };
    const updatedItem = await repo.updateItem(trx, actor.parkId, itemId, {
      decision: input.decision,
      owner_id: owner?.id ?? item.owner_id ?? demand.assignee_id,
      new_due_date: input.newDueDate ?? item.new_due_date,
      done: input.done ?? item.done,
      decided_at: now,
      decided_by: actor.userId,
    });
    await recordAudit(trx, actor, actor.parkId, [{ action: 'decide', entity: 'dispatch_item', entityId: itemId, before, after: { decision: updatedItem.decision, ownerId: updatedItem.owner_id, newDueDate: updatedItem.new_due_date, done: updatedItem.done } }], now);
    await ctx.notifier.notify(trx, notes);
  });
  return getMeeting(ctx, actor, meetingId);
}

export async function closeMeeting(ctx: AppContext, actor: Actor, id: string): Promise<DispatchMeetingDetail> {
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const meeting = await repo.findMeeting(trx, actor.parkId, id, true);
    if (!meeting) throw notFound('周调度会议');
    if (meeting.status === 'closed') throw invalidState('会议已结束');
    await repo.updateMeeting(trx, actor.parkId, id, { status: 'closed', closed_at: now });
    await recordAudit(trx, actor, actor.parkId, [{ action: 'close', entity: 'dispatch_meeting', entityId: id, before: { status: 'draft' }, after: { status: 'closed' } }], now);
  });
  return getMeeting(ctx, actor, id);
}
