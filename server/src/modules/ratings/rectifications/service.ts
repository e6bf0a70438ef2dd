import {
  FIX_VERDICT_LABELS,
  RATING_LEVEL_LABELS,
  type FixVerdict,
  type ListRectificationsQuery,
  type Paged,
  type RectificationActionRequest,
  type RectificationDetailView,
  type RectificationView,
} from '@yuanqi/contract';
import type { Transaction } from 'kysely';
import type { DB } from '../../../db/schema.js';
import type { RatingRow, RectificationRow } from '../../../db/schema-ratings.js';
import type { Actor } from '../../../platform/actor.js';
import type { AuditEntry } from '../../../platform/audit.js';
import { shanghaiDate, type WorkingCalendar } from '../../../platform/calendar/index.js';
import type { AppContext } from '../../../platform/context.js';
import { forbidden, invalidState, notFound } from '../../../platform/errors.js';
import type { NotificationInput } from '../../../platform/notifications.js';
import { commitTransition, type CaseEvent, type CaseStore } from '../../../platform/workflow/index.js';
import { computeRectifyDue } from '../deadlines.js';
import { SYSTEM_ACTOR, ratingEvent, ratingEventLog, ratingEventRow, type EventActor } from '../events.js';
import { isOffice, isRaterFirm, ratingScopeOf } from '../policy.js';
import { presentEvents } from '../presenter.js';
import * as ratingRepo from '../repository.js';
import { partiesOf } from './policy.js';
import { presentRectification, presentReturnVisit, rectificationSnapshot } from './presenter.js';
import * as repo from './repository.js';
import { rectificationWorkflow } from './workflow.js';

function unique(ids: (string | null | undefined)[]): string[] {
  return [...new Set(ids.filter((id): id is string => !!id))];
}

/** Where the kit keeps rectifications: their table, audit name, and the rating's timeline. */
function rectificationStore(ratingId: string): CaseStore<RectificationRow> {
  return { table: 'rating_rectifications', entity: 'rating_rectification', subject: '整改', events: ratingEventLog(ratingId, 'rectification'), snapshot: rectificationSnapshot };
}

/**
 * Opens the rectification of a bad review (the rating's own transaction): due in the park's
 * rectification working days; the officer (or, without one, the office pool) and the dispatchers
 * are told. Answers its opening event, audit entry and notices for the caller to write with the
 * rating's.
 */
export async function openRectification(trx: Transaction<DB>, calendar: WorkingCalendar, rating: RatingRow, now: Date) {
  const due = await computeRectifyDue(trx, calendar, rating.park_id, now);
  const rectification = await repo.insertRectification(trx, {
    park_id: rating.park_id,
    rating_id: rating.id,
    assignee_id: rating.officer_id,
    opened_at: now,
    due_at: due.dueAt,
  });
  const dispatchers = await ratingRepo.findDispatcherIds(trx, rating.park_id);
  const dueText = shanghaiDate(due.dueAt);
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
  const opened = ratingEvent('rectification.opened', SYSTEM_ACTOR, now, {
    data: { dueAt: due.dueAt.toISOString(), workingDays: due.days, assigneeId: rating.officer_id, calendarGuessed: due.guessed || undefined },
  });
  return {
    rectification,
    notes,
    event: ratingEventRow(rating.park_id, rating.id, 'rectification', rectification.id, opened),
    audit: { action: 'rectification.open', entity: 'rating_rectification', entityId: rectification.id, before: null, after: rectificationSnapshot(rectification) } satisfies AuditEntry,
  };
}

/**
 * Cancels the rating's rectification when it is still active (its bad review was removed on
 * appeal), in the caller's transaction; `actor` is the office member who removed the review.
 */
export async function cancelRectificationOf(trx: Transaction<DB>, ctx: Pick<AppContext, 'notifier'>, actor: Actor, rating: RatingRow, reason: string, now: Date): Promise<void> {
  const rc = await repo.findRectificationByRating(trx, rating.park_id, rating.id, true);
  const cancel = rc && rectificationWorkflow.find(rc.status, 'cancel');
  if (!rc || !cancel) return;
  await commitTransition(trx, ctx, actor, rectificationStore(rating.id), {
    row: rc,
    to: rectificationWorkflow.target(cancel, rc, { now }),
    patch: { outcome: 'cancelled', closed_at: now, closed_by: actor.userId, close_note: reason, updated_at: now },
    now,
    event: { action: rectificationWorkflow.eventOf(cancel), actorRole: 'office', note: reason },
    auditAction: 'rectification.cancel',
  });
}

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
  const [visits, events] = await Promise.all([repo.listReturnVisits(ctx.db, row.park_id, row.id), ratingRepo.listEvents(ctx.db, row.park_id, row.rating_id)]);
  return {
    ...presentRectification(row, actor, ctx.clock.now()),
    returnVisits: visits.map(presentReturnVisit),
    timeline: presentEvents(events, actor, row),
  };
}

/**
 * One step of the rectification workflow (workflow.ts): out of scope 404, not the actor's step
 * 403, wrong state 409, bad input 400. Each state change goes through the case kit's
 * commitTransition (conditional update, timeline event, audit entry, notices) in one transaction; a
 * verdict of 不满意 reopens the case with a new working-day deadline.
 */
export async function actOnRectification(ctx: AppContext, actor: Actor, id: string, input: RectificationActionRequest): Promise<RectificationDetailView> {
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const rc = await repo.findRectification(trx, ratingScopeOf(actor), id, true);
    if (!rc) throw notFound('整改');
    const parties = partiesOf(actor, rc, rc);
    // 403 before 409, as this API has always answered: not the actor's step in any state.
    if (!rectificationWorkflow.mayEverTake(input.action, parties)) {
      throw forbidden(rectificationWorkflow.forbiddenMessage(rectificationWorkflow.transitions.find((t) => t.action === input.action)!));
    }
    if (rc.rating_status !== 'valid') throw invalidState('该差评已经申诉移除,整改已撤销');
    const stepInput = { verdict: input.verdict, visitedAt: input.visitedAt, now };
    const transition = rectificationWorkflow.check(rc, input.action, parties, stepInput);
    const who: EventActor = isRaterFirm(actor, rc)
      ? { id: actor.userId, name: actor.displayName, kind: 'rater' }
      : { id: actor.userId, name: actor.displayName, kind: [rc.assignee_id, rc.officer_id].includes(actor.userId) ? 'officer' : 'office' };
    const store = rectificationStore(rc.rating_id);
    const link = `/ratings/rectifications/${rc.id}`;

    const applyVerdict = async (before: RectificationRow, verdict: FixVerdict, note: string | null, source: 'rater' | 'return_visit') => {
      const step = rectificationWorkflow.find(before.status, 'verdict')!;
      const to = rectificationWorkflow.target(step, before, { verdict, now });
      const decided = { verdict, verdict_at: now, verdict_by: actor.userId, updated_at: now };
      const event = { action: rectificationWorkflow.eventOf(step), actorRole: who.kind, note, data: { verdict, source } };
      if (to === 'closed') {
        await commitTransition(trx, ctx, actor, store, {
          row: before,
          to,
          patch: { ...decided, closed_at: now, closed_by: actor.userId, outcome: 'satisfied' },
          now,
          event,
          notes: rc.assignee_id
            ? [{ parkId: rc.park_id, userId: rc.assignee_id, kind: 'rectification.closed', title: `整改已获企业认可并办结:${rc.case_number}`, link }]
            : [],
        });
      } else {
        const due = await computeRectifyDue(trx, await ctx.calendar.get(), rc.park_id, now);
        const round = before.round + 1;
        const reopened: CaseEvent = ratingEvent('rectification.reopened', SYSTEM_ACTOR, now, {
          data: { round, dueAt: due.dueAt.toISOString(), workingDays: due.days, calendarGuessed: due.guessed || undefined },
        });
        const dispatchers = await ratingRepo.findDispatcherIds(trx, rc.park_id);
        await commitTransition(trx, ctx, actor, store, {
          row: before,
          to,
          patch: {
            ...decided,
            unsatisfied_count: before.unsatisfied_count + 1,
            round,
            due_at: due.dueAt,
            overdue_at: null,
            fix_note: null,
            fixed_at: null,
            fixed_by: null,
          },
          now,
          event,
          extraEvents: [reopened],
          notes: unique([rc.assignee_id, ...dispatchers]).map((userId) => ({
            parkId: rc.park_id,
            userId,
            kind: 'rectification.reopened',
            title: `企业对整改不满意,需重新整改:${rc.case_number}`,
            body: `第${round}轮整改期限${shanghaiDate(due.dueAt)}`,
            link,
          })),
        });
      }
      await repo.setReturnVisitVerdict(trx, rc.park_id, rc.id, before.round, verdict);
    };

    const to = rectificationWorkflow.target(transition, rc, stepInput);
    const action = rectificationWorkflow.eventOf(transition);
    switch (input.action) {
      case 'record-fix': {
        const late = now.getTime() > rc.due_at.getTime();
        await commitTransition(trx, ctx, actor, store, {
          row: rc,
          to,
          patch: { fix_note: input.note!, fixed_at: now, fixed_by: actor.userId, updated_at: now, ...(late ? { was_late: true, overdue_at: rc.overdue_at ?? now } : {}) },
          now,
          event: { action, actorRole: who.kind, note: input.note!, data: { round: rc.round, late } },
        });
        break;
      }
      case 'return-visit': {
        const visitedAt = input.visitedAt ? new Date(input.visitedAt) : now;
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
        const visited = await commitTransition(trx, ctx, actor, store, {
          row: rc,
          to,
          patch: { updated_at: now },
          now,
          event: { action, actorRole: who.kind, note: input.note!, data: { round: rc.round, method: input.method, visitedAt: visitedAt.toISOString() } },
        });
        if (input.verdict) {
          await applyVerdict(visited, input.verdict, `回访中企业表示:${FIX_VERDICT_LABELS[input.verdict]}`, 'return_visit');
        } else {
          const firm = (await ratingRepo.enterpriseUserIds(trx, rc.park_id, [rc.enterprise_id])).get(rc.enterprise_id) ?? [];
          if (firm.length > 0) {
            await ctx.notifier.notify(
              trx,
              firm.map((userId) => ({
                parkId: rc.park_id,
                userId,
                kind: 'rectification.verdict-requested',
                title: `请评价整改结果:${rc.case_number}`,
                body: '经办人已完成整改并回访,请确认是否满意',
                link,
              })),
            );
          }
        }
        break;
      }
      case 'verdict':
        await applyVerdict(rc, input.verdict!, input.note ? input.note : null, isRaterFirm(actor, rc) ? 'rater' : 'return_visit');
        break;
      case 'close': {
        const late = rc.status === 'open' && now.getTime() > rc.due_at.getTime();
        await commitTransition(trx, ctx, actor, store, {
          row: rc,
          to,
          patch: { closed_at: now, closed_by: actor.userId, close_note: input.note!, outcome: 'closed', updated_at: now, ...(late ? { was_late: true, overdue_at: rc.overdue_at ?? now } : {}) },
          now,
          event: { action, actorRole: who.kind, note: input.note! },
          notes:
            rc.assignee_id && rc.assignee_id !== actor.userId
              ? [{ parkId: rc.park_id, userId: rc.assignee_id, kind: 'rectification.closed', title: `整改已由调度专班办结:${rc.case_number}`, body: input.note!, link }]
              : [],
        });
        break;
      }
    }
  });
  return getRectification(ctx, actor, id);
}
