import type { AppealRequest, AppealReviewRequest, AppealView, ListAppealsQuery, Paged } from '@yuanqi/contract';
import type { AppealRow } from '../../../db/schema-ratings.js';
import type { Actor } from '../../../platform/actor.js';
import { recordAudit } from '../../../platform/audit.js';
import type { AppContext } from '../../../platform/context.js';
import { conflict, forbidden, invalidState, notFound } from '../../../platform/errors.js';
import type { NotificationInput } from '../../../platform/notifications.js';
import { commitTransition, type CaseStore } from '../../../platform/workflow/index.js';
import { ratingEvent, ratingEventLog } from '../events.js';
import { ratingScopeOf } from '../policy.js';
import { ratingSnapshot } from '../presenter.js';
import * as ratingRepo from '../repository.js';
import { cancelRectificationOf } from '../rectifications/service.js';
import { assertCanAppeal, assertCanReview } from './policy.js';
import { appealSnapshot, presentAppeal } from './presenter.js';
import * as repo from './repository.js';
import { appealWorkflow } from './workflow.js';

/** Where the kit keeps appeals: their table, audit name, and the rating's timeline. */
function appealStore(ratingId: string): CaseStore<AppealRow> {
  return { table: 'rating_appeals', entity: 'rating_appeal', subject: '申诉', events: ratingEventLog(ratingId, 'appeal'), snapshot: appealSnapshot };
}

/** The rated officer appeals a bad review as unfair or malicious, once per rating. */
export async function appealRating(ctx: AppContext, actor: Actor, ratingId: string, input: AppealRequest): Promise<AppealView> {
  const now = ctx.clock.now();
  const appealId = await ctx.db.transaction().execute(async (trx) => {
    const rating = await ratingRepo.findRating(trx, ratingScopeOf(actor), ratingId);
    if (!rating) throw notFound('评价');
    assertCanAppeal(actor, rating);
    await ratingRepo.lockRating(trx, rating.park_id, rating.id);
    if (!rating.is_bad) throw invalidState('只能对差评(不满意、非常不满意)提出申诉');
    if (rating.status !== 'valid') throw invalidState('该差评已被移除,无需申诉');
    const appeal = await repo.insertAppealOnce(trx, { park_id: rating.park_id, rating_id: rating.id, appellant_id: actor.userId, reason: input.reason, submitted_at: now });
    if (!appeal) throw conflict('该差评已申诉过,每条差评只能申诉一次');
    const submitted = ratingEvent(appealWorkflow.eventOf(appealWorkflow.creation('submit')!), { id: actor.userId, name: actor.displayName, kind: 'officer' }, now, { note: input.reason });
    await appealStore(rating.id).events.write(trx, rating.park_id, appeal.id, [submitted]);
    await recordAudit(trx, actor, rating.park_id, [{ action: 'appeal.create', entity: 'rating_appeal', entityId: appeal.id, before: null, after: { ratingId: rating.id, reason: input.reason, status: 'pending' } }], now);
    const reviewers = (await ratingRepo.findDispatcherIds(trx, rating.park_id)).filter((id) => id !== actor.userId);
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
 * Reviews an appeal (appeals/workflow.ts). `uphold` keeps the review; `remove` marks it removed with
 * the reason — it stays in the ledger and the audit log but leaves every rate — and cancels its
 * active rectification. Not the office 403, then already decided 409.
 */
export async function reviewAppeal(ctx: AppContext, actor: Actor, appealId: string, input: AppealReviewRequest): Promise<AppealView> {
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const appeal = await repo.findAppeal(trx, actor.parkId, appealId, true);
    if (!appeal) throw notFound('申诉');
    assertCanReview(actor, appeal);
    const transition = appealWorkflow.check(appeal, input.decision, new Set(['reviewer']), input);
    const rating = (await ratingRepo.lockRating(trx, appeal.park_id, appeal.rating_id))!;
    const link = `/ratings/${rating.id}`;
    const notes: NotificationInput[] =
      input.decision === 'uphold'
        ? [{ parkId: rating.park_id, userId: appeal.appellant_id, kind: 'appeal.decided', title: `申诉未获支持,差评维持:${rating.case_number}`, body: input.reason, link }]
        : [
            { parkId: rating.park_id, userId: appeal.appellant_id, kind: 'appeal.decided', title: `申诉成立,差评已移除:${rating.case_number}`, body: input.reason, link },
            ...(rating.rater_id
              ? [{ parkId: rating.park_id, userId: rating.rater_id, kind: 'rating.removed', title: `您对${rating.case_number}的评价经复核已移除`, body: input.reason, link }]
              : []),
          ];
    await commitTransition(trx, ctx, actor, appealStore(rating.id), {
      row: appeal,
      to: appealWorkflow.target(transition, appeal, input),
      patch: { reviewer_id: actor.userId, decision_reason: input.reason, decided_at: now },
      now,
      event: { action: appealWorkflow.eventOf(transition), actorRole: 'office', note: input.reason },
      auditAction: 'appeal.review',
      notes,
    });
    if (input.decision === 'remove') {
      const removed = await ratingRepo.markRatingRemoved(trx, rating.park_id, rating.id, actor.userId, input.reason, now);
      await recordAudit(trx, actor, rating.park_id, [{ action: 'rating.remove', entity: 'rating', entityId: rating.id, before: ratingSnapshot(rating), after: ratingSnapshot(removed) }], now);
      await cancelRectificationOf(trx, ctx, actor, rating, input.reason, now);
    }
  });
  return presentAppeal((await repo.findAppeal(ctx.db, actor.parkId, appealId))!);
}
