import {
  DEMAND_AUTO_CLOSE_DAYS,
  DEMAND_STATUSES,
  DEMAND_STATUS_LABELS,
  type CreateDemandRequest,
  type DemandAction,
  type DemandBoardSummary,
  type DemandCategory,
  type DemandDetail,
  type DemandSource,
  type DemandStatus,
  type DemandSummary,
  type DemandTransitionRequest,
  type ListDemandsQuery,
  type Paged,
  type RateRequest,
  type RatingView,
} from '@yuanqi/contract';
import type { Transaction, Updateable } from 'kysely';
import type { DemandRow, DemandsTable } from '../../../db/schema-demands.js';
import type { DB } from '../../../db/schema.js';
import { hasRole, type Actor } from '../../../platform/actor.js';
import { recordAudit, type AuditEntry } from '../../../platform/audit.js';
import { commitTransition, reminderAt, type CaseEvent, type PartyOf } from '../../../platform/workflow/index.js';
import { endOfShanghaiDay, shanghaiDate, type WorkingCalendar } from '../../../platform/calendar/index.js';
import type { AppContext } from '../../../platform/context.js';
import { AppError, forbidden, invalidState, notFound } from '../../../platform/errors.js';
import type { NotificationInput } from '../../../platform/notifications.js';
import { checkUpload } from '../../../platform/uploads.js';
import { ensureDepartments } from '../../admin/departments.js';
import { MAX_ATTACHMENTS_PER_DEMAND } from './attachments.js';
import { categoriesForDisplay, loadCategories, requireCategory } from './categories.js';
import { acceptDueAt, answerDueAt, answerWorkingDays, autoCloseAt } from './deadlines.js';
import { assertCanAttach, demandReadScope, resolveFiling } from './policy.js';
import { presentEvent, presentSummary, snapshotOf, type PresentContext } from './presenter.js';
import { findDemandRating, rateDemand, ratedCaseEvent } from './ratings-bridge.js';
import * as repo from './repository.js';
import { demandWorkflow, partiesOf } from './workflow.js';

export const demandLink = (id: string) => `/demands/${id}`;

/** The role an event names for its actor: the capacity in which the person acted. */
export function roleOf(actor: Actor, party?: PartyOf<typeof demandWorkflow>): string {
  if (party === 'enterprise') return 'enterprise';
  if (party === 'owner' && hasRole(actor, 'liaison')) return 'liaison';
  if (party === 'dispatcher' && hasRole(actor, 'dispatcher')) return 'dispatcher';
  const order = ['enterprise', 'liaison', 'dispatcher', 'admin', 'leader'] as const;
  return order.find((r) => hasRole(actor, r)) ?? actor.roles[0] ?? 'user';
}

async function presentContext(ctx: AppContext, parkId: string, now: Date): Promise<PresentContext> {
  const [categories, calendar] = [await categoriesForDisplay(ctx.db, parkId), await ctx.calendar.get()];
  return { categories, calendar, now };
}

// ---------------------------------------------------------------------------------------------
// Filing
// ---------------------------------------------------------------------------------------------

export type FileInput = Pick<CreateDemandRequest, 'category' | 'title' | 'content'>;
export type FilingContext = {
  now: Date;
  calendar: WorkingCalendar;
  categories: Map<string, DemandCategory>;
  visitId?: string | null;
  /** Path prefix of the input in the request, for error details (`demands.2.`). */
  path?: string;
};

/**
 * Files one demand inside the caller's transaction: number, owner (the firm's liaison, else the
 * dispatcher pool), deadlines, timeline, audit and notifications. A liaison filing for its own
 * firm owns the demand at once, so it starts accepted.
 */
export async function fileDemand(
  trx: Transaction<DB>,
  ctx: AppContext,
  actor: Actor,
  firm: { id: string; name: string; liaison_id: string | null },
  source: DemandSource,
  input: FileInput,
  fc: FilingContext,
): Promise<DemandRow> {
  const { now, calendar } = fc;
  const category = requireCategory(fc.categories, input.category, `${fc.path ?? ''}category`);
  const owner = firm.liaison_id ? await repo.findActiveStaff(trx, actor.parkId, firm.liaison_id, ['liaison']) : undefined;
  const assigneeId = owner?.id ?? null;
  const selfOwned = assigneeId !== null && assigneeId === actor.userId;
  const day = shanghaiDate(now).replaceAll('-', '');
  const sequence = await repo.nextDemandSequence(trx, actor.parkId, day);
  const number = `SQ${day}-${String(sequence).padStart(4, '0')}`;
  const acceptDue = acceptDueAt(calendar, now, category);
  const answerDue = answerDueAt(calendar, now, category);
  const dueAt = selfOwned ? answerDue : acceptDue;
  // The creating transition, and for a liaison filing for its own firm the 签收 that follows at once.
  const submitted = demandWorkflow.creation('submit')!.to as DemandStatus;
  const accepted = demandWorkflow.find(submitted, 'accept')!.to as DemandStatus;
  const row = await repo.insertDemand(trx, {
    park_id: actor.parkId,
    number,
    enterprise_id: firm.id,
    category: category.code,
    title: input.title,
    content: input.content,
    source,
    status: selfOwned ? accepted : submitted,
    assignee_id: assigneeId,
    visit_id: fc.visitId ?? null,
    accept_due_at: acceptDue,
    answer_due_at: answerDue,
    due_at: dueAt,
    due_kind: selfOwned ? 'answer' : 'accept',
    remind_at: reminderAt(calendar, now, dueAt),
    accepted_at: selfOwned ? now : null,
    created_by: actor.userId,
    created_at: now,
    updated_at: now,
  });
  const base = { actor_id: actor.userId, actor_name: actor.displayName, actor_role: roleOf(actor), at: now };
  const events: CaseEvent[] = [
    { ...base, action: 'submit', from_status: null, to_status: submitted, note: null, data: { source, category: category.code, acceptDueAt: acceptDue, assigneeId } },
  ];
  if (selfOwned) {
    events.push({ ...base, action: 'accept', from_status: submitted, to_status: accepted, note: '专员代提,自动签收', data: { answerDueAt: answerDue } });
  }
  await repo.demandEvents.write(trx, actor.parkId, row.id, events);
  await recordAudit(trx, actor, actor.parkId, [{ action: 'submit', entity: 'demand', entityId: row.id, before: null, after: snapshotOf(row) }], now);

  const link = demandLink(row.id);
  const notes: NotificationInput[] = [];
  if (assigneeId && !selfOwned) {
    notes.push({ parkId: actor.parkId, userId: assigneeId, kind: 'demand.assigned', title: `新诉求待签收 ${number}`, body: `${firm.name}:${input.title}。请于${shanghaiDate(acceptDue)}前签收。`, link, sms: true });
  }
  if (!assigneeId) {
    for (const userId of await repo.dispatcherIds(trx, actor.parkId)) {
      notes.push({ parkId: actor.parkId, userId, kind: 'demand.pool', title: `新诉求待分派 ${number}`, body: `${firm.name}尚无驻企专员:${input.title}`, link });
    }
  }
  if (source !== 'enterprise') {
    const users = (await repo.enterpriseUserIds(trx, actor.parkId, [firm.id])).get(firm.id) ?? [];
    for (const userId of users) {
      notes.push({ parkId: actor.parkId, userId, kind: 'demand.filed', title: `已为贵企业登记诉求 ${number}`, body: input.title, link });
    }
  }
  await ctx.notifier.notify(trx, notes);
  return row;
}

/** `POST /api/demands`. */
export async function createDemand(ctx: AppContext, actor: Actor, input: CreateDemandRequest): Promise<DemandDetail> {
  const enterpriseId = input.enterpriseId ?? (hasRole(actor, 'enterprise') ? actor.enterpriseId : null);
  if (!enterpriseId) throw new AppError('VALIDATION_FAILED', '请选择提出诉求的企业', [{ path: 'enterpriseId', message: '请选择企业' }]);
  const now = ctx.clock.now();
  const calendar = await ctx.calendar.get();
  const id = await ctx.db.transaction().execute(async (trx) => {
    const firm = await repo.findFirm(trx, actor.parkId, enterpriseId);
    if (!firm) throw new AppError('VALIDATION_FAILED', '企业不存在', [{ path: 'enterpriseId', message: '企业不存在' }]);
    const source = resolveFiling(actor, firm, input.source);
    const categories = await loadCategories(trx, actor.parkId);
    const row = await fileDemand(trx, ctx, actor, firm, source, input, { now, calendar, categories });
    return row.id;
  });
  return getDemand(ctx, actor, id);
}

// ---------------------------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------------------------

export async function listDemands(ctx: AppContext, actor: Actor, query: ListDemandsQuery): Promise<Paged<DemandSummary>> {
  const now = ctx.clock.now();
  const { rows, total } = await repo.listDemands(ctx.db, demandReadScope(actor), { ...query, now, userId: actor.userId });
  const pc = await presentContext(ctx, actor.parkId, now);
  return { items: rows.map((r) => presentSummary(r, pc)), total, page: query.page, pageSize: query.pageSize };
}

export async function demandBoard(ctx: AppContext, actor: Actor): Promise<DemandBoardSummary> {
  const now = ctx.clock.now();
  const counts = await repo.boardCounts(ctx.db, demandReadScope(actor), now, endOfShanghaiDay(shanghaiDate(now)));
  const byStatus = Object.fromEntries(DEMAND_STATUSES.map((s) => [s, counts[s]])) as Record<DemandStatus, number>;
  return {
    byStatus,
    open: byStatus.submitted + byStatus.accepted + byStatus.in_progress + byStatus.reopened,
    overdue: counts.overdue,
    escalated: counts.escalated,
    unassigned: counts.unassigned,
    dueToday: counts.due_today,
  };
}

export async function getDemand(ctx: AppContext, actor: Actor, id: string): Promise<DemandDetail> {
  const row = await repo.findDemand(ctx.db, demandReadScope(actor), id);
  if (!row) throw notFound('诉求');
  const now = ctx.clock.now();
  const pc = await presentContext(ctx, actor.parkId, now);
  const events = await repo.demandEvents.list(ctx.db, actor.parkId, id);
  const attachments = await repo.listAttachments(ctx.db, actor.parkId, id);
  const names = await repo.userNames(ctx.db, row.created_by ? [row.created_by] : []);
  const rating = await findDemandRating(ctx.db, actor.parkId, id, actor);
  const parties = partiesOf(actor, row);
  return {
    ...presentSummary(row, pc),
    content: row.content,
    answer: row.answer,
    answeredAt: row.answered_at?.toISOString() ?? null,
    answeredOnTime: row.answered_on_time,
    autoCloseAt: row.auto_close_at?.toISOString() ?? null,
    closedBy: row.closed_by,
    reopenCount: row.reopen_count,
    visitId: row.visit_id,
    createdById: row.created_by ?? '',
    createdByName: row.created_by ? (names.get(row.created_by) ?? null) : null,
    timeline: events.map(presentEvent),
    allowedActions: demandWorkflow.allowedActions(row, parties) as DemandAction[],
    canRate: row.status === 'closed' && parties.has('enterprise') && rating === null,
    attachments: attachments.map((a) => ({
      id: a.id,
      filename: a.filename,
      contentType: a.content_type,
      size: a.size,
      uploadedAt: a.created_at.toISOString(),
      uploadedByName: a.uploaded_by_name,
    })),
    rating,
  };
}

// ---------------------------------------------------------------------------------------------
// Transitions
// ---------------------------------------------------------------------------------------------

type Applied = { patch: Updateable<DemandsTable>; data: Record<string, unknown>; notes: NotificationInput[] };

/**
 * What entering the transition's target state does to the row: the deadlines that start (computed
 * now, stored as instants), the ones that stop, and who hears of it.
 */
async function applyAction(
  trx: Transaction<DB>,
  actor: Actor,
  demand: repo.DemandWithNames,
  input: DemandTransitionRequest,
  category: DemandCategory,
  calendar: WorkingCalendar,
  now: Date,
): Promise<Applied> {
  const link = demandLink(demand.id);
  const parkId = demand.park_id;
  const firmUsers = async () => (await repo.enterpriseUserIds(trx, parkId, [demand.enterprise_id])).get(demand.enterprise_id) ?? [];
  const toFirm = async (kind: string, title: string, body?: string): Promise<NotificationInput[]> =>
    (await firmUsers()).map((userId) => ({ parkId, userId, kind, title, body, link }));
  const startAnswerClock = (start: Date) => {
    const due = answerDueAt(calendar, start, category);
    return { answer_due_at: due, due_at: due, due_kind: 'answer' as const, overdue_at: null, remind_at: reminderAt(calendar, start, due) };
  };

  switch (input.action) {
    case 'accept': {
      const clock = startAnswerClock(now);
      const assignee = demand.assignee_id ?? actor.userId;
      const notes = await toFirm('demand.accepted', `诉求已签收 ${demand.number}`, `${actor.displayName}已签收,将于${shanghaiDate(clock.answer_due_at)}前答复。`);
      return { patch: { ...clock, accepted_at: now, assignee_id: assignee }, data: { answerDueAt: clock.answer_due_at, assigneeId: assignee }, notes };
    }
    case 'transfer': {
      // 承办单位 come from the park's department tree (系统管理 → 部门管理), as the dialog lists them.
      await ensureDepartments(trx, parkId, now);
      const handler = await trx
        .selectFrom('departments')
        .select('id')
        .where('park_id', '=', parkId)
        .where('name', '=', input.department!)
        .where('is_handler', '=', true)
        .where('active', '=', true)
        .executeTakeFirst();
      if (!handler) {
        throw new AppError('VALIDATION_FAILED', `承办单位“${input.department}”不在本园区部门管理的承办单位中(或已停用)`, [
          { path: 'department', message: '请从部门管理的承办单位中选择' },
        ]);
      }
      const notes = await toFirm('demand.transferred', `诉求已转办 ${demand.number}`, `已转至${input.department}办理,${demand.assignee_name ?? '首接负责人'}继续跟进。`);
      // The office may pick a demand out of the pool: whoever first works it owns it.
      const owner = demand.assignee_id ? {} : { assignee_id: actor.userId };
      return { patch: { department: input.department!, ...owner }, data: { department: input.department, previousDepartment: demand.department }, notes };
    }
    case 'answer': {
      // 按期: answered within the answer deadline and no deadline missed on the way (an escalated
      // demand rescued by a dispatch extension is not on time).
      const onTime = demand.answer_due_at !== null && now.getTime() <= demand.answer_due_at.getTime() && demand.escalation_count === 0;
      const notes = await toFirm('demand.answered', `诉求已答复 ${demand.number}`, `请查看答复并确认;${DEMAND_AUTO_CLOSE_DAYS}天内未确认将自动办结。`);
      return {
        patch: {
          answer: input.note!,
          answered_at: now,
          answered_on_time: onTime,
          answer_working_days: answerWorkingDays(calendar, demand.created_at, now),
          resolved_at: now,
          auto_close_at: autoCloseAt(now, DEMAND_AUTO_CLOSE_DAYS),
          due_at: null,
          due_kind: null,
          remind_at: null,
          // The answer settles the escalation (escalation_count keeps that there was one).
          escalated_at: null,
          ...(demand.assignee_id ? {} : { assignee_id: actor.userId }),
        },
        data: { onTime },
        notes: notes.map((n) => ({ ...n, sms: true })),
      };
    }
    case 'confirm': {
      const notes = await toFirm('demand.rate', `请评价诉求办理 ${demand.number}`, '诉求已办结,请对办理情况作出评价(一事一评)。');
      return { patch: { closed_at: now, closed_by: 'enterprise', auto_close_at: null }, data: {}, notes };
    }
    case 'close': {
      const notes = await toFirm('demand.rate', `请评价诉求办理 ${demand.number}`, `诉求已由${actor.displayName}办结(${input.note}),请对办理情况作出评价。`);
      return { patch: { closed_at: now, closed_by: 'office', auto_close_at: null }, data: {}, notes };
    }
    case 'reject': {
      const clock = startAnswerClock(now);
      const notes: NotificationInput[] = demand.assignee_id
        ? [{ parkId, userId: demand.assignee_id, kind: 'demand.rejected', title: `企业不满意退回 ${demand.number}`, body: `理由:${input.note}。请于${shanghaiDate(clock.answer_due_at)}前重新答复。`, link, sms: true }]
        : [];
      return {
        patch: { ...clock, reopen_count: demand.reopen_count + 1, resolved_at: null, answered_on_time: null, auto_close_at: null },
        data: { answerDueAt: clock.answer_due_at },
        notes,
      };
    }
    case 'withdraw': {
      const notes: NotificationInput[] = demand.assignee_id
        ? [{ parkId, userId: demand.assignee_id, kind: 'demand.withdrawn', title: `企业已撤回诉求 ${demand.number}`, body: demand.title, link }]
        : [];
      return { patch: { withdrawn_at: now, due_at: null, due_kind: null, remind_at: null, escalated_at: null }, data: {}, notes };
    }
    case 'reassign': {
      const user = await repo.findActiveStaff(trx, parkId, input.assigneeId!, ['liaison', 'dispatcher']);
      if (!user) throw new AppError('VALIDATION_FAILED', '新的负责人不存在、已停用或不是驻企专员/调度专班人员', [{ path: 'assigneeId', message: '负责人无效' }]);
      const notes: NotificationInput[] = [
        { parkId, userId: user.id, kind: 'demand.assigned', title: `诉求改派给您 ${demand.number}`, body: `${demand.enterprise_name}:${demand.title}`, link, sms: true },
      ];
      if (demand.assignee_id) notes.push({ parkId, userId: demand.assignee_id, kind: 'demand.reassigned', title: `诉求已改派 ${demand.number}`, body: `改由${user.display_name}负责`, link });
      return { patch: { assignee_id: user.id }, data: { previousAssigneeId: demand.assignee_id, assigneeId: user.id, assigneeName: user.display_name }, notes };
    }
  }
}

/** `POST /api/demands/:id/transitions`: 404 out of scope, 409 wrong state, 403 wrong person, 400 missing input. */
export async function transitionDemand(ctx: AppContext, actor: Actor, id: string, input: DemandTransitionRequest): Promise<DemandDetail> {
  const now = ctx.clock.now();
  const calendar = await ctx.calendar.get();
  await ctx.db.transaction().execute(async (trx) => {
    const demand = await repo.findDemand(trx, demandReadScope(actor), id, { forUpdate: true });
    if (!demand) throw notFound('诉求');
    const parties = partiesOf(actor, demand);
    const transition = demandWorkflow.check(demand, input.action, parties, input);
    const categories = await loadCategories(trx, demand.park_id);
    const category = categories.get(demand.category) ?? requireCategory(categories, demand.category);
    const applied = await applyAction(trx, actor, demand, input, category, calendar, now);
    await commitTransition(trx, ctx, actor, repo.demandCases, {
      row: demand,
      to: demandWorkflow.target(transition, demand, input),
      patch: { ...applied.patch, updated_at: now },
      now,
      event: { action: demandWorkflow.eventOf(transition), actorRole: roleOf(actor, demandWorkflow.partyFor(transition, parties)), note: input.note, data: applied.data },
      notes: applied.notes,
    });
  });
  return getDemand(ctx, actor, id);
}

// ---------------------------------------------------------------------------------------------
// Attachments
// ---------------------------------------------------------------------------------------------

export type Upload = { filename: string; buffer: Buffer };

export async function addAttachments(ctx: AppContext, actor: Actor, id: string, files: Upload[]): Promise<DemandDetail> {
  if (files.length === 0) throw new AppError('VALIDATION_FAILED', '请选择要上传的文件', [{ path: 'file', message: '请选择要上传的文件' }]);
  const checked = files.map((f) => ({ ...checkUpload('attachment', f.filename, f.buffer), buffer: f.buffer }));
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const demand = await repo.findDemand(trx, demandReadScope(actor), id, { forUpdate: true });
    if (!demand) throw notFound('诉求');
    assertCanAttach(actor, demand);
    const existing = await repo.countAttachments(trx, demand.park_id, id);
    if (existing + checked.length > MAX_ATTACHMENTS_PER_DEMAND) {
      throw new AppError('VALIDATION_FAILED', `每件诉求最多${MAX_ATTACHMENTS_PER_DEMAND}个附件(已有${existing}个)`, [{ path: 'file', message: '附件过多' }]);
    }
    const saved = await repo.insertAttachments(
      trx,
      // One millisecond apart, so the list keeps the order of the upload.
      checked.map((f, i) => ({ park_id: demand.park_id, demand_id: id, filename: f.filename, content_type: f.contentType, size: f.buffer.length, data: f.buffer, uploaded_by: actor.userId, created_at: new Date(now.getTime() + i) })),
    );
    const files = saved.map((s) => ({ id: s.id, filename: s.filename, size: s.size }));
    await repo.demandEvents.write(trx, demand.park_id, id, [
      {
        action: 'attach',
        from_status: demand.status,
        to_status: demand.status,
        actor_id: actor.userId,
        actor_name: actor.displayName,
        actor_role: roleOf(actor, [...partiesOf(actor, demand)][0]),
        note: files.map((f) => f.filename).join('、'),
        data: { files },
        at: now,
      },
    ]);
    const audits: AuditEntry[] = files.map((f) => ({ action: 'attach', entity: 'demand', entityId: id, before: null, after: f }));
    await recordAudit(trx, actor, demand.park_id, audits, now);
  });
  return getDemand(ctx, actor, id);
}

export async function readAttachment(ctx: AppContext, actor: Actor, id: string, attachmentId: string) {
  const demand = await repo.findDemand(ctx.db, demandReadScope(actor), id);
  if (!demand) throw notFound('诉求');
  const file = await repo.findAttachment(ctx.db, demand.park_id, id, attachmentId);
  if (!file) throw notFound('附件');
  return file;
}


// ---------------------------------------------------------------------------------------------
// Rating 好差评
// ---------------------------------------------------------------------------------------------

/**
 * `POST /api/demands/:id/rating`: the firm's own user rates its closed demand, once. The ratings
 * module writes the rating (and any rectification) in this transaction; the demand's timeline
 * gets a `rate` event naming the firm, not the person (the rater stays hidden from the officer).
 */
export async function rateDemandById(ctx: AppContext, actor: Actor, id: string, input: RateRequest): Promise<RatingView> {
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    const demand = await repo.findDemand(trx, demandReadScope(actor), id, { forUpdate: true });
    if (!demand) throw notFound('诉求');
    if (!partiesOf(actor, demand).has('enterprise')) throw forbidden('只有提出诉求的企业可以评价');
    if (demand.status !== 'closed') throw invalidState(`诉求当前状态为“${DEMAND_STATUS_LABELS[demand.status]}”,办结后才能评价`);
    const view = await rateDemand(trx, ctx, actor, demand, input);
    await repo.demandEvents.write(trx, demand.park_id, id, [ratedCaseEvent(demand.status, demand.enterprise_name, input.level, now)]);
    return view;
  });
}
