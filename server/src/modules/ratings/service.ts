import {
  DEMAND_CATEGORY_KIND,
  FIX_VERDICT_LABELS,
  RATING_LEVEL_LABELS,
  RATING_REMINDER_DAY,
  RATING_SUBJECT_TYPES,
  RATING_SUBJECT_TYPE_LABELS,
  RATING_WINDOW_DAYS,
  RECTIFICATION_STATUS_LABELS,
  ZRateRequest,
  isBadRating,
  scoreIssuesFor,
  type AppealRequest,
  type AppealReviewRequest,
  type AppealView,
  type ListAppealsQuery,
  type ListRatingsQuery,
  type ListRectificationsQuery,
  type Paged,
  type RateRequest,
  type RatingDetailView,
  type RatingSettings,
  type RatingStats,
  type RatingStatsGroupBy,
  type RatingStatsQuery,
  type RatingStatsReport,
  type RatingSubjectType,
  type RatingView,
  type RectificationActionRequest,
  type RectificationDetailView,
  type RectificationView,
} from '@yuanqi/contract';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { NewRatingEventRow, RatingRow, RectificationRow } from '../../db/schema-ratings.js';
import type { Actor } from '../../platform/actor.js';
import { recordAudit, type AuditEntry } from '../../platform/audit.js';
import { endOfShanghaiDay, shanghaiDate, startOfShanghaiDay } from '../../platform/calendar/index.js';
import type { AppContext } from '../../platform/context.js';
import { AppError, conflict, forbidden, invalidState, notFound, parseInput, validationError } from '../../platform/errors.js';
import type { NotificationInput } from '../../platform/notifications.js';
import { enterpriseScopeOf } from '../../platform/scope.js';
import { addCounts, departmentOf, emptyCounts, measuresOf, ratingWindowOpen, unratedCutoff, type MeasureCounts } from './measures.js';
import {
  assertCanAppeal,
  assertCanRate,
  assertCanReview,
  isOffice,
  isRaterFirm,
  mayEverTake,
  ratingScopeOf,
} from './policy.js';
import { presentAppeal, presentEvents, presentRating, presentRectification, presentReturnVisit } from './presenter.js';
import * as repo from './repository.js';
import { computeRectifyDue, rectifyDaysOf } from './deadlines.js';
import type { WorkingCalendar } from '../../platform/calendar/index.js';
import { seedRatings } from './seed.js';
import { ACTIVE_RECTIFICATION_STATUSES, transitionOf } from './workflow.js';

type Executor = Kysely<DB> | Transaction<DB>;

/**
 * The case being rated, as its own domain describes it. `officerId` is the officer who answers for
 * it (谁办理谁负责); null sends any rectification to the park's dispatchers. `closedAt` starts the
 * 7-day rating window.
 */
export type RatingSubject = {
  type: 'demand' | 'application';
  id: string;
  parkId: string;
  enterpriseId: string;
  officerId: string | null;
  caseNumber: string;
  category: string | null;
  title: string;
  closedAt: Date;
};

const ONE_PER_SUBJECT = '该事项已评价,每件事只能评价一次';
const MS_PER_DAY = 86_400_000;

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

function dueDateText(dueAt: Date): string {
  return shanghaiDate(dueAt);
}

function unique(ids: (string | null | undefined)[]): string[] {
  return [...new Set(ids.filter((id): id is string => !!id))];
}

function ratingSnapshot(row: RatingRow): Record<string, unknown> {
  return {
    subjectType: row.subject_type,
    subjectId: row.subject_id,
    caseNumber: row.case_number,
    enterpriseId: row.enterprise_id,
    officerId: row.officer_id,
    raterId: row.rater_id,
    channel: row.channel,
    level: row.level,
    scores: row.scores,
    comment: row.comment,
    status: row.status,
    removedReason: row.removed_reason,
  };
}

function rectificationSnapshot(row: RectificationRow): Record<string, unknown> {
  return {
    ratingId: row.rating_id,
    assigneeId: row.assignee_id,
    status: row.status,
    round: row.round,
    dueAt: row.due_at,
    wasLate: row.was_late,
    fixNote: row.fix_note,
    verdict: row.verdict,
    closeNote: row.close_note,
    outcome: row.outcome,
  };
}

function event(parkId: string, ratingId: string, action: string, actor: { id: string | null; name: string; kind: NewRatingEventRow['actor_kind'] }, at: Date, extra: Partial<NewRatingEventRow> = {}): NewRatingEventRow {
  return {
    park_id: parkId,
    rating_id: ratingId,
    action,
    actor_id: actor.id,
    actor_kind: actor.kind,
    actor_name: actor.name,
    at,
    note: null,
    data: null,
    ...extra,
  };
}

const SYSTEM = { id: null, name: '系统', kind: 'system' as const };

function staffKind(actor: Actor, officerIds: (string | null)[]): 'officer' | 'office' {
  return officerIds.includes(actor.userId) ? 'officer' : 'office';
}

// ---------------------------------------------------------------------------------------------
// Rating (called by the subject's domain, inside its transaction)
// ---------------------------------------------------------------------------------------------

/**
 * Rates a closed case, once (一事一评), in the caller's transaction. Only the served firm's own
 * user rates, within RATING_WINDOW_DAYS natural days of closing. A bad review (不满意/非常不满意)
 * opens a rectification on the subject's officer (none → the dispatchers) due in the park's
 * rectification working days; the officer and the dispatchers are notified. A second rating of
 * the same subject — also a concurrent one — is a 409 CONFLICT.
 */
export async function rateSubject(trx: Transaction<DB>, ctx: AppContext, actor: Actor, subject: RatingSubject, input: RateRequest): Promise<RatingView> {
  assertCanRate(actor, subject);
  if (!(RATING_SUBJECT_TYPES as readonly string[]).includes(subject.type)) throw new AppError('BAD_REQUEST', '不支持的评价对象');
  const data = parseInput(ZRateRequest, input);
  const scoreIssues = scoreIssuesFor(subject.type, data.scores);
  if (scoreIssues.length > 0) throw validationError(scoreIssues);
  const now = ctx.clock.now();
  if (await repo.findRatingBySubject(trx, subject.parkId, subject.type, subject.id)) throw conflict(ONE_PER_SUBJECT);
  if (!ratingWindowOpen(subject.closedAt, now)) {
    throw invalidState(`已超过评价期限:办结后${RATING_WINDOW_DAYS}日内可以评价,该事项已计为未评`);
  }
  const bad = isBadRating(data.level);
  const row = await repo.insertRatingOnce(trx, {
    park_id: subject.parkId,
    subject_type: subject.type,
    subject_id: subject.id,
    case_number: subject.caseNumber,
    title: subject.title,
    category: subject.category,
    enterprise_id: subject.enterpriseId,
    officer_id: subject.officerId,
    rater_id: actor.userId,
    rater_name: actor.displayName,
    channel: 'online',
    level: data.level,
    is_bad: bad,
    scores: JSON.stringify(data.scores),
    comment: data.comment ? data.comment : null,
    closed_at: subject.closedAt,
    rated_at: now,
  });
  if (!row) throw conflict(ONE_PER_SUBJECT);

  const events: NewRatingEventRow[] = [
    event(row.park_id, row.id, 'rated', { id: actor.userId, name: actor.displayName, kind: 'rater' }, now, {
      note: row.comment,
      data: JSON.stringify({ level: row.level, scores: data.scores }),
    }),
  ];
  const audits: AuditEntry[] = [{ action: 'rating.create', entity: 'rating', entityId: row.id, before: null, after: ratingSnapshot(row) }];
  const notes: NotificationInput[] = [];
  const levelLabel = RATING_LEVEL_LABELS[row.level];
  if (row.officer_id) {
    notes.push({
      parkId: row.park_id,
      userId: row.officer_id,
      kind: bad ? 'rating.bad' : 'rating.received',
      title: `${RATING_SUBJECT_TYPE_LABELS[row.subject_type]}${row.case_number}收到评价:${levelLabel}`,
      body: row.title,
      link: `/ratings/${row.id}`,
    });
  }
  if (bad) {
    const opened = await openRectification(trx, await ctx.calendar.get(), row, now);
    events.push(opened.event);
    audits.push(opened.audit);
    notes.push(...opened.notes);
  }
  await repo.insertEvents(trx, events);
  await recordAudit(trx, actor, row.park_id, audits, now);
  await ctx.notifier.notify(trx, notes);
  const full = await repo.findRatingBySubject(trx, row.park_id, row.subject_type, row.subject_id);
  return presentRating(full!, actor, now);
}

async function openRectification(trx: Transaction<DB>, calendar: WorkingCalendar, rating: RatingRow, now: Date) {
  const due = await computeRectifyDue(trx, calendar, rating.park_id, now);
  const rectification = await repo.insertRectification(trx, {
    park_id: rating.park_id,
    rating_id: rating.id,
    assignee_id: rating.officer_id,
    opened_at: now,
    due_at: due.dueAt,
  });
  const dispatchers = await repo.findDispatcherIds(trx, rating.park_id);
  const dueText = dueDateText(due.dueAt);
  const recipients = unique([rating.officer_id, ...dispatchers]);
  const notes: NotificationInput[] = recipients.map((userId) => ({
    parkId: rating.park_id,
    userId,
    kind: 'rectification.assigned',
    title: `差评整改:${rating.case_number}(${RATING_LEVEL_LABELS[rating.level]})`,
    body:
      userId === rating.officer_id || !rating.officer_id
        ? `请于${dueText}前完成整改并登记整改措施(${due.days}个工作日)`
        : `已转经办人整改,期限${dueText}`,
    link: `/ratings/rectifications/${rectification.id}`,
  }));
  return {
    rectification,
    notes,
    event: event(rating.park_id, rating.id, 'rectification.opened', SYSTEM, now, {
      rectification_id: rectification.id,
      data: JSON.stringify({ dueAt: due.dueAt.toISOString(), workingDays: due.days, assigneeId: rating.officer_id, calendarGuessed: due.guessed || undefined }),
    }),
    audit: { action: 'rectification.open', entity: 'rating_rectification', entityId: rectification.id, before: null, after: rectificationSnapshot(rectification) } satisfies AuditEntry,
  };
}

/**
 * The rating of one subject as `viewer` may see it (rater hidden unless the viewer may know), or
 * null when there is none or the viewer is a firm other than the rated one. The caller has already
 * checked that the viewer may see the subject itself.
 */
export async function findRatingForSubject(db: Kysely<DB> | Transaction<DB>, parkId: string, type: 'demand' | 'application', id: string, viewer: Actor): Promise<RatingView | null> {
  if (viewer.parkId !== parkId) return null;
  const scope = enterpriseScopeOf(viewer);
  if (scope.kind === 'none') return null;
  const row = await repo.findRatingBySubject(db, parkId, type, id);
  if (!row) return null;
  if (scope.kind === 'enterprise' && row.enterprise_id !== scope.enterpriseId) return null;
  return presentRating(row, viewer, new Date());
}

// ---------------------------------------------------------------------------------------------
// Ledger
// ---------------------------------------------------------------------------------------------

export async function listRatings(ctx: AppContext, actor: Actor, query: ListRatingsQuery): Promise<Paged<RatingView>> {
  const scope = ratingScopeOf(actor);
  if (scope.kind === 'none') throw forbidden('没有查看好差评的权限');
  const { rows, total } = await repo.listRatings(ctx.db, scope, query);
  const now = ctx.clock.now();
  return { items: rows.map((r) => presentRating(r, actor, now)), total, page: query.page, pageSize: query.pageSize };
}

export async function getRating(ctx: AppContext, actor: Actor, id: string): Promise<RatingDetailView> {
  const row = await repo.findRating(ctx.db, ratingScopeOf(actor), id);
  if (!row) throw notFound('评价');
  const events = await repo.listEvents(ctx.db, row.park_id, row.id);
  return { ...presentRating(row, actor, ctx.clock.now()), timeline: presentEvents(events, actor, row) };
}

/** Closed cases the actor's firm may still rate (the 评价 page of the enterprise portal). */
export async function listRateableCases(ctx: AppContext, actor: Actor) {
  const scope = enterpriseScopeOf(actor);
  if (scope.kind !== 'enterprise') throw forbidden('只有企业用户有待评价事项');
  const now = ctx.clock.now();
  const rows = await repo.listRateableSubjects(ctx.db, actor.parkId, scope.enterpriseId, unratedCutoff(now));
  return {
    items: rows.map((r) => ({
      subjectType: r.subject_type,
      subjectId: r.subject_id,
      caseNumber: r.case_number,
      title: r.title,
      category: r.category,
      closedAt: r.closed_at.toISOString(),
      rateBy: new Date(r.closed_at.getTime() + RATING_WINDOW_DAYS * MS_PER_DAY).toISOString(),
    })),
  };
}

// ---------------------------------------------------------------------------------------------
// Rectifications
// ---------------------------------------------------------------------------------------------

export async function listRectifications(ctx: AppContext, actor: Actor, query: ListRectificationsQuery): Promise<Paged<RectificationView>> {
  const scope = ratingScopeOf(actor);
  if (scope.kind === 'none') throw forbidden('没有查看整改的权限');
  const now = ctx.clock.now();
  const { rows, total } = await repo.listRectifications(ctx.db, scope, {
    ...query,
    me: { userId: actor.userId, includePool: isOffice(actor) },
    now,
  });
  return { items: rows.map((r) => presentRectification(r, actor, now)), total, page: query.page, pageSize: query.pageSize };
}

export async function getRectification(ctx: AppContext, actor: Actor, id: string): Promise<RectificationDetailView> {
  const row = await repo.findRectification(ctx.db, ratingScopeOf(actor), id);
  if (!row) throw notFound('整改');
  const [visits, events] = await Promise.all([repo.listReturnVisits(ctx.db, row.park_id, row.id), repo.listEvents(ctx.db, row.park_id, row.rating_id)]);
  return {
    ...presentRectification(row, actor, ctx.clock.now()),
    returnVisits: visits.map(presentReturnVisit),
    timeline: presentEvents(events, actor, row),
  };
}

/**
 * One step of the rectification workflow (workflow.ts): out of scope 404, not the actor's step
 * 403, wrong state 409. The state change, its timeline event and its audit entry are one
 * transaction; a verdict of 不满意 reopens the case with a new working-day deadline.
 */
export async function actOnRectification(ctx: AppContext, actor: Actor, id: string, input: RectificationActionRequest): Promise<RectificationDetailView> {
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const rc = await repo.findRectification(trx, ratingScopeOf(actor), id, true);
    if (!rc) throw notFound('整改');
    const transition = transitionOf(input.action);
    if (!mayEverTake(actor, input.action, rc, rc)) {
      throw forbidden(
        input.action === 'close'
          ? '只有调度专班或管理员可以办结整改'
          : input.action === 'verdict'
            ? '只有评价企业或回访人员可以评价整改结果'
            : '只有负责整改的经办人可以执行此操作',
      );
    }
    if (rc.rating_status !== 'valid') throw invalidState('该差评已经申诉移除,整改已撤销');
    if (!transition.from.includes(rc.status)) {
      throw invalidState(`整改当前为“${RECTIFICATION_STATUS_LABELS[rc.status]}”,不能${transition.label}`);
    }
    const who = isRaterFirm(actor, rc)
      ? { id: actor.userId, name: actor.displayName, kind: 'rater' as const }
      : { id: actor.userId, name: actor.displayName, kind: staffKind(actor, [rc.assignee_id, rc.officer_id]) };
    const events: NewRatingEventRow[] = [];
    const audits: AuditEntry[] = [];
    const notes: NotificationInput[] = [];
    const base = { park_id: rc.park_id, rating_id: rc.rating_id, rectification_id: rc.id };
    let current: RectificationRow = rc;

    const applyVerdict = async (verdict: 'satisfied' | 'unsatisfied', note: string | null, source: 'rater' | 'return_visit') => {
      const before = current;
      if (verdict === 'satisfied') {
        current = await repo.updateRectification(
          trx,
          rc.park_id,
          rc.id,
          { status: 'closed', verdict, verdict_at: now, verdict_by: actor.userId, closed_at: now, closed_by: actor.userId, outcome: 'satisfied' },
          now,
        );
        events.push({ ...event(rc.park_id, rc.rating_id, 'rectification.verdict', who, now), ...base, note, data: JSON.stringify({ verdict, source }) });
        if (rc.assignee_id) {
          notes.push({ parkId: rc.park_id, userId: rc.assignee_id, kind: 'rectification.closed', title: `整改已获企业认可并办结:${rc.case_number}`, link: `/ratings/rectifications/${rc.id}` });
        }
      } else {
        const due = await computeRectifyDue(trx, await ctx.calendar.get(), rc.park_id, now);
        current = await repo.updateRectification(
          trx,
          rc.park_id,
          rc.id,
          {
            status: 'open',
            verdict,
            verdict_at: now,
            verdict_by: actor.userId,
            unsatisfied_count: before.unsatisfied_count + 1,
            round: before.round + 1,
            due_at: due.dueAt,
            overdue_at: null,
            fix_note: null,
            fixed_at: null,
            fixed_by: null,
          },
          now,
        );
        events.push({ ...event(rc.park_id, rc.rating_id, 'rectification.verdict', who, now), ...base, note, data: JSON.stringify({ verdict, source }) });
        events.push({
          ...event(rc.park_id, rc.rating_id, 'rectification.reopened', SYSTEM, now),
          ...base,
          data: JSON.stringify({ round: current.round, dueAt: due.dueAt.toISOString(), workingDays: due.days, calendarGuessed: due.guessed || undefined }),
        });
        const dispatchers = await repo.findDispatcherIds(trx, rc.park_id);
        for (const userId of unique([rc.assignee_id, ...dispatchers])) {
          notes.push({
            parkId: rc.park_id,
            userId,
            kind: 'rectification.reopened',
            title: `企业对整改不满意,需重新整改:${rc.case_number}`,
            body: `第${current.round}轮整改期限${dueDateText(due.dueAt)}`,
            link: `/ratings/rectifications/${rc.id}`,
          });
        }
      }
      await repo.setReturnVisitVerdict(trx, rc.park_id, rc.id, before.round, verdict);
      audits.push({ action: 'rectification.verdict', entity: 'rating_rectification', entityId: rc.id, before: rectificationSnapshot(before), after: rectificationSnapshot(current) });
    };

    switch (input.action) {
      case 'record-fix': {
        const late = now.getTime() > rc.due_at.getTime();
        current = await repo.updateRectification(
          trx,
          rc.park_id,
          rc.id,
          { status: 'fixed', fix_note: input.note!, fixed_at: now, fixed_by: actor.userId, ...(late ? { was_late: true, overdue_at: rc.overdue_at ?? now } : {}) },
          now,
        );
        events.push({ ...event(rc.park_id, rc.rating_id, 'rectification.record-fix', who, now), ...base, note: input.note!, data: JSON.stringify({ round: rc.round, late }) });
        audits.push({ action: 'rectification.record-fix', entity: 'rating_rectification', entityId: rc.id, before: rectificationSnapshot(rc), after: rectificationSnapshot(current) });
        break;
      }
      case 'return-visit': {
        const visitedAt = input.visitedAt ? new Date(input.visitedAt) : now;
        if (visitedAt.getTime() > now.getTime() + 5 * 60_000) {
          throw validationError([{ path: 'visitedAt', message: '回访时间不能晚于当前时间' }]);
        }
        if (rc.fixed_at && visitedAt.getTime() < rc.fixed_at.getTime()) {
          throw validationError([{ path: 'visitedAt', message: '回访时间不能早于整改措施录入时间' }]);
        }
        await repo.insertReturnVisit(trx, {
          park_id: rc.park_id,
          rectification_id: rc.id,
          round: rc.round,
          visitor_id: actor.userId,
          visitor_name: actor.displayName,
          visited_at: visitedAt,
          method: input.method!,
          note: input.note!,
          verdict: null,
        });
        current = await repo.updateRectification(trx, rc.park_id, rc.id, { status: 'visited' }, now);
        events.push({
          ...event(rc.park_id, rc.rating_id, 'rectification.return-visit', who, now),
          ...base,
          note: input.note!,
          data: JSON.stringify({ round: rc.round, method: input.method, visitedAt: visitedAt.toISOString() }),
        });
        audits.push({ action: 'rectification.return-visit', entity: 'rating_rectification', entityId: rc.id, before: rectificationSnapshot(rc), after: rectificationSnapshot(current) });
        if (input.verdict) {
          await applyVerdict(input.verdict, `回访中企业表示:${FIX_VERDICT_LABELS[input.verdict]}`, 'return_visit');
        } else {
          for (const user of await repo.findEnterpriseUserIds(trx, rc.park_id, [rc.enterprise_id])) {
            notes.push({
              parkId: rc.park_id,
              userId: user.id,
              kind: 'rectification.verdict-requested',
              title: `请评价整改结果:${rc.case_number}`,
              body: '经办人已完成整改并回访,请确认是否满意',
              link: `/ratings/rectifications/${rc.id}`,
            });
          }
        }
        break;
      }
      case 'verdict':
        await applyVerdict(input.verdict!, input.note ? input.note : null, isRaterFirm(actor, rc) ? 'rater' : 'return_visit');
        break;
      case 'close': {
        const late = rc.status === 'open' && now.getTime() > rc.due_at.getTime();
        current = await repo.updateRectification(
          trx,
          rc.park_id,
          rc.id,
          { status: 'closed', closed_at: now, closed_by: actor.userId, close_note: input.note!, outcome: 'closed', ...(late ? { was_late: true, overdue_at: rc.overdue_at ?? now } : {}) },
          now,
        );
        events.push({ ...event(rc.park_id, rc.rating_id, 'rectification.close', who, now), ...base, note: input.note! });
        audits.push({ action: 'rectification.close', entity: 'rating_rectification', entityId: rc.id, before: rectificationSnapshot(rc), after: rectificationSnapshot(current) });
        if (rc.assignee_id && rc.assignee_id !== actor.userId) {
          notes.push({ parkId: rc.park_id, userId: rc.assignee_id, kind: 'rectification.closed', title: `整改已由调度专班办结:${rc.case_number}`, body: input.note!, link: `/ratings/rectifications/${rc.id}` });
        }
        break;
      }
    }
    await repo.insertEvents(trx, events);
    await recordAudit(trx, actor, rc.park_id, audits, now);
    await ctx.notifier.notify(trx, notes);
  });
  return getRectification(ctx, actor, id);
}

// ---------------------------------------------------------------------------------------------
// Appeals
// ---------------------------------------------------------------------------------------------

/** The rated officer appeals a bad review as unfair or malicious, once per rating. */
export async function appealRating(ctx: AppContext, actor: Actor, ratingId: string, input: AppealRequest): Promise<AppealView> {
  const now = ctx.clock.now();
  const appealId = await ctx.db.transaction().execute(async (trx) => {
    const rating = await repo.findRating(trx, ratingScopeOf(actor), ratingId);
    if (!rating) throw notFound('评价');
    assertCanAppeal(actor, rating);
    await repo.lockRating(trx, rating.park_id, rating.id);
    if (!rating.is_bad) throw invalidState('只能对差评(不满意、非常不满意)提出申诉');
    if (rating.status !== 'valid') throw invalidState('该差评已被移除,无需申诉');
    const appeal = await repo.insertAppealOnce(trx, { park_id: rating.park_id, rating_id: rating.id, appellant_id: actor.userId, reason: input.reason, submitted_at: now });
    if (!appeal) throw conflict('该差评已申诉过,每条差评只能申诉一次');
    await repo.insertEvents(trx, [
      { ...event(rating.park_id, rating.id, 'appeal.submitted', { id: actor.userId, name: actor.displayName, kind: 'officer' }, now), appeal_id: appeal.id, note: input.reason },
    ]);
    await recordAudit(trx, actor, rating.park_id, [{ action: 'appeal.create', entity: 'rating_appeal', entityId: appeal.id, before: null, after: { ratingId: rating.id, reason: input.reason, status: 'pending' } }], now);
    const reviewers = (await repo.findDispatcherIds(trx, rating.park_id)).filter((id) => id !== actor.userId);
    await ctx.notifier.notify(
      trx,
      reviewers.map((userId) => ({ parkId: rating.park_id, userId, kind: 'appeal.submitted', title: `差评申诉待审核:${rating.case_number}`, body: input.reason, link: `/ratings/appeals/${appeal.id}` })),
    );
    return appeal.id;
  });
  return presentAppeal((await repo.findAppeal(ctx.db, actor.parkId, appealId))!);
}

export async function listAppeals(ctx: AppContext, actor: Actor, query: ListAppealsQuery): Promise<Paged<AppealView>> {
  const scope = ratingScopeOf(actor);
  if (scope.kind === 'none' || scope.kind === 'enterprise') throw forbidden('没有查看申诉的权限');
  const { rows, total } = await repo.listAppeals(ctx.db, actor.parkId, query, scope.kind === 'officer' ? actor.userId : undefined);
  return { items: rows.map(presentAppeal), total, page: query.page, pageSize: query.pageSize };
}

/**
 * Reviews an appeal. `uphold` keeps the review; `remove` marks it removed with the reason — it stays
 * in the ledger and the audit log but leaves every rate — and cancels its open rectification.
 */
export async function reviewAppeal(ctx: AppContext, actor: Actor, appealId: string, input: AppealReviewRequest): Promise<AppealView> {
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const appeal = await repo.findAppeal(trx, actor.parkId, appealId, true);
    if (!appeal) throw notFound('申诉');
    assertCanReview(actor, appeal);
    if (appeal.status !== 'pending') throw invalidState('该申诉已审核,不能重复审核');
    const rating = (await repo.lockRating(trx, appeal.park_id, appeal.rating_id))!;
    const office = { id: actor.userId, name: actor.displayName, kind: 'office' as const };
    const decided = await repo.decideAppeal(trx, appeal.park_id, appeal.id, {
      status: input.decision === 'remove' ? 'removed' : 'upheld',
      reviewer_id: actor.userId,
      decision_reason: input.reason,
      decided_at: now,
    });
    const events: NewRatingEventRow[] = [];
    const audits: AuditEntry[] = [
      { action: 'appeal.review', entity: 'rating_appeal', entityId: appeal.id, before: { status: appeal.status }, after: { status: decided.status, decision: input.decision, reason: input.reason } },
    ];
    const notes: NotificationInput[] = [];
    if (input.decision === 'uphold') {
      events.push({ ...event(rating.park_id, rating.id, 'appeal.upheld', office, now), appeal_id: appeal.id, note: input.reason });
      notes.push({ parkId: rating.park_id, userId: appeal.appellant_id, kind: 'appeal.decided', title: `申诉未获支持,差评维持:${rating.case_number}`, body: input.reason, link: `/ratings/${rating.id}` });
    } else {
      const removed = await repo.markRatingRemoved(trx, rating.park_id, rating.id, actor.userId, input.reason, now);
      events.push({ ...event(rating.park_id, rating.id, 'appeal.removed', office, now), appeal_id: appeal.id, note: input.reason });
      audits.push({ action: 'rating.remove', entity: 'rating', entityId: rating.id, before: ratingSnapshot(rating), after: ratingSnapshot(removed) });
      const rc = await repo.findRectificationByRating(trx, rating.park_id, rating.id, true);
      if (rc && (ACTIVE_RECTIFICATION_STATUSES as readonly string[]).includes(rc.status)) {
        const cancelled = await repo.updateRectification(trx, rc.park_id, rc.id, { status: 'cancelled', outcome: 'cancelled', closed_at: now, closed_by: actor.userId, close_note: input.reason }, now);
        events.push({ ...event(rating.park_id, rating.id, 'rectification.cancelled', office, now), rectification_id: rc.id, note: input.reason });
        audits.push({ action: 'rectification.cancel', entity: 'rating_rectification', entityId: rc.id, before: rectificationSnapshot(rc), after: rectificationSnapshot(cancelled) });
      }
      notes.push({ parkId: rating.park_id, userId: appeal.appellant_id, kind: 'appeal.decided', title: `申诉成立,差评已移除:${rating.case_number}`, body: input.reason, link: `/ratings/${rating.id}` });
      if (rating.rater_id) {
        notes.push({ parkId: rating.park_id, userId: rating.rater_id, kind: 'rating.removed', title: `您对${rating.case_number}的评价经复核已移除`, body: input.reason, link: `/ratings/${rating.id}` });
      }
    }
    await repo.insertEvents(trx, events);
    await recordAudit(trx, actor, rating.park_id, audits, now);
    await ctx.notifier.notify(trx, notes);
  });
  return presentAppeal((await repo.findAppeal(ctx.db, actor.parkId, appealId))!);
}

// ---------------------------------------------------------------------------------------------
// Statistics
// ---------------------------------------------------------------------------------------------

type GroupedCounts = { total: MeasureCounts; groups: Map<string | null, MeasureCounts> };

function merge(into: Map<string | null, MeasureCounts>, from: Map<string | null, Partial<MeasureCounts>>): void {
  for (const [key, counts] of from) addCounts(into.get(key) ?? into.set(key, emptyCounts()).get(key)!, counts);
}

/** The additive counts of the cases closed in [from, to), grouped by `group` (SQL side). */
async function countsOf(db: Executor, parkId: string, filter: repo.StatsFilter, group: repo.StatsSqlGroup): Promise<GroupedCounts> {
  const cutoff = unratedCutoff(filter.asOf);
  const types = filter.subjectType ? [filter.subjectType] : [...RATING_SUBJECT_TYPES];
  // Sequential: `db` may be a caller's transaction, which is one connection.
  const ratingCounts = await repo.countRatings(db, parkId, filter, group);
  const scoreSums = await repo.sumScores(db, parkId, filter, group);
  const subjectCounts: Map<string | null, Partial<MeasureCounts>>[] = [];
  for (const type of types) subjectCounts.push(await repo.countClosedSubjects(db, parkId, type, filter, cutoff, group));
  const groups = new Map<string | null, MeasureCounts>();
  merge(groups, ratingCounts);
  merge(groups, new Map([...scoreSums].map(([key, sums]) => [key, { scoreSums: sums }])));
  for (const counts of subjectCounts) merge(groups, counts);
  const total = emptyCounts();
  for (const counts of groups.values()) addCounts(total, counts);
  return { total, groups };
}

/**
 * 好差评 measures of the demands closed in [range.from, range.to), optionally for one officer.
 * 未评 is judged at `options.now` (default: the current time): a demand closed more than
 * RATING_WINDOW_DAYS days before it and never rated.
 */
export async function ratingStatsForDemands(
  db: Kysely<DB> | Transaction<DB>,
  parkId: string,
  range: { from: Date; to: Date },
  officerId?: string,
  options: { now?: Date } = {},
): Promise<RatingStats> {
  const asOf = options.now ?? new Date();
  const { total } = await countsOf(db, parkId, { from: range.from, to: range.to, asOf, subjectType: 'demand', officerId }, null);
  return { ...measuresOf(total), subjectType: 'demand', officerId: officerId ?? null, from: range.from.toISOString(), to: range.to.toISOString(), asOf: asOf.toISOString() };
}

/** The same measures grouped (officer, category, department, subject type) for any subject type. */
export async function ratingStatsByGroup(
  db: Executor,
  parkId: string,
  filter: { from: Date; to: Date; asOf: Date; subjectType?: RatingSubjectType; officerId?: string },
  groupBy: RatingStatsGroupBy | null,
): Promise<{ total: ReturnType<typeof measuresOf>; groups: RatingStatsReport['groups'] }> {
  const sqlGroup: repo.StatsSqlGroup = groupBy === 'department' ? 'officer' : groupBy;
  const { total, groups } = await countsOf(db, parkId, filter, sqlGroup);
  let labelled: { key: string | null; label: string; counts: MeasureCounts }[] = [];
  if (groupBy === 'officer' || groupBy === 'department') {
    const people = await repo.findUsersRoles(db, parkId, [...groups.keys()].filter((k): k is string => !!k));
    if (groupBy === 'officer') {
      labelled = [...groups].map(([key, counts]) => ({ key, label: key ? (people.get(key)?.name ?? '未知人员') : '未指定经办人(调度专班)', counts }));
    } else {
      const byDepartment = new Map<string, { label: string; counts: MeasureCounts }>();
      for (const [key, counts] of groups) {
        const dept = departmentOf(key ? (people.get(key)?.roles ?? []) : null);
        const entry = byDepartment.get(dept.key) ?? byDepartment.set(dept.key, { label: dept.label, counts: emptyCounts() }).get(dept.key)!;
        addCounts(entry.counts, counts);
      }
      labelled = [...byDepartment].map(([key, v]) => ({ key, label: v.label, counts: v.counts }));
    }
  } else if (groupBy === 'category') {
    const labels = await repo.findCategoryLabels(db, parkId, [DEMAND_CATEGORY_KIND]);
    labelled = [...groups].map(([key, counts]) => ({ key, label: key ? (labels.get(key) ?? key) : '未分类', counts }));
  } else if (groupBy === 'subjectType') {
    labelled = [...groups].map(([key, counts]) => ({ key, label: key ? (RATING_SUBJECT_TYPE_LABELS[key as RatingSubjectType] ?? key) : '其他', counts }));
  }
  labelled.sort((a, b) => b.counts.closed + b.counts.rated - (a.counts.closed + a.counts.rated) || a.label.localeCompare(b.label, 'zh'));
  return { total: measuresOf(total), groups: labelled.map((g) => ({ key: g.key, label: g.label, ...measuresOf(g.counts) })) };
}

/** GET /api/ratings/stats: a liaison sees only its own cases; the office and leaders the park. */
export async function ratingStatsReport(ctx: AppContext, actor: Actor, query: RatingStatsQuery): Promise<RatingStatsReport> {
  const scope = ratingScopeOf(actor);
  if (scope.kind !== 'park' && scope.kind !== 'officer') throw forbidden('没有查看好差评统计的权限');
  const officerId = scope.kind === 'officer' ? actor.userId : query.officerId;
  const asOf = ctx.clock.now();
  const from = startOfShanghaiDay(query.from);
  const to = new Date(endOfShanghaiDay(query.to).getTime() + 1);
  const { total, groups } = await ratingStatsByGroup(ctx.db, actor.parkId, { from, to, asOf, subjectType: query.subjectType, officerId }, query.groupBy ?? null);
  return { from: query.from, to: query.to, asOf: asOf.toISOString(), subjectType: query.subjectType ?? null, groupBy: query.groupBy ?? null, total, groups };
}

// ---------------------------------------------------------------------------------------------
// Settings
// ---------------------------------------------------------------------------------------------

export async function getRatingSettings(ctx: AppContext, actor: Actor): Promise<RatingSettings> {
  return { rectifyDays: await rectifyDaysOf(ctx.db, actor.parkId), ratingWindowDays: RATING_WINDOW_DAYS, reminderDay: RATING_REMINDER_DAY };
}

export async function putRatingSettings(ctx: AppContext, actor: Actor, input: { rectifyDays: number }): Promise<RatingSettings> {
  await ctx.db.transaction().execute(async (trx) => {
    const before = await repo.upsertRectifyDaysSetting(trx, actor.parkId, input.rectifyDays);
    await recordAudit(trx, actor, actor.parkId, [
      { action: 'update', entity: `dictionary:${repo.RATING_SETTING_KIND}`, entityId: repo.RECTIFY_DAYS_CODE, before: { days: before ?? null }, after: { days: input.rectifyDays } },
    ], ctx.clock.now());
  });
  return getRatingSettings(ctx, actor);
}

// ---------------------------------------------------------------------------------------------
// Demo history
// ---------------------------------------------------------------------------------------------

/**
 * Rates the demo park's closed demands (already in `demands`) with a realistic mix: good and bad
 * reviews, rectifications in every state (some late, one reopened), return visits, appeals (one
 * removed, one upheld) and unrated cases. Deterministic; call at the end of the seed transaction.
 */
export async function seedRatingHistory(trx: Transaction<DB>, opts: { parkId: string; now: Date }): Promise<void> {
  await seedRatings(trx, opts);
}

