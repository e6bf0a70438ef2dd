import {
  APPEAL_STATUS_LABELS,
  RATING_LEVEL_LABELS,
  RECTIFICATION_STATUS_LABELS,
  RETURN_VISIT_METHOD_LABELS,
  type AppealView,
  type RatingEventView,
  type RatingView,
  type RectificationView,
  type ReturnVisitView,
} from '@yuanqi/contract';
import type { RatingEventRow } from '../../db/schema-ratings.js';
import type { Actor } from '../../platform/actor.js';
import { allowedActions, maySeeRater } from './policy.js';
import type { AppealWithRefs, RatingWithRefs, RectificationWithRefs } from './repository.js';
import { EVENT_LABELS } from './workflow.js';

const iso = (d: Date | null | undefined): string | null => (d ? d.toISOString() : null);

/** Row → API shape; the rater is named only to those who may know (policy.maySeeRater). */
export function presentRating(row: RatingWithRefs, viewer: Actor, now: Date): RatingView {
  return {
    id: row.id,
    subjectType: row.subject_type,
    subjectId: row.subject_id,
    caseNumber: row.case_number,
    title: row.title,
    category: row.category,
    enterpriseId: row.enterprise_id,
    enterpriseName: row.enterprise_name,
    officerId: row.officer_id,
    officerName: row.officer_name,
    level: row.level,
    levelLabel: RATING_LEVEL_LABELS[row.level],
    isBad: row.is_bad,
    scores: row.scores ?? {},
    comment: row.comment,
    channel: row.channel,
    closedAt: row.closed_at.toISOString(),
    ratedAt: row.rated_at.toISOString(),
    rater: maySeeRater(viewer, row) ? { id: row.rater_id, name: row.rater_name } : null,
    status: row.status,
    removedAt: iso(row.removed_at),
    removedReason: row.removed_reason,
    rectification:
      row.rect_id && row.rect_status && row.rect_due_at
        ? {
            id: row.rect_id,
            status: row.rect_status,
            statusLabel: RECTIFICATION_STATUS_LABELS[row.rect_status],
            round: row.rect_round ?? 1,
            dueAt: row.rect_due_at.toISOString(),
            overdue: row.rect_status === 'open' && row.rect_due_at.getTime() < now.getTime(),
          }
        : null,
    appeal:
      row.appeal_id && row.appeal_status && row.appeal_submitted_at
        ? {
            id: row.appeal_id,
            status: row.appeal_status,
            statusLabel: APPEAL_STATUS_LABELS[row.appeal_status],
            submittedAt: row.appeal_submitted_at.toISOString(),
          }
        : null,
  };
}

/** Timeline entries; the enterprise side is named 企业用户 for viewers who may not see the rater. */
export function presentEvents(rows: RatingEventRow[], viewer: Actor, rating: { officer_id: string | null; rater_id: string | null }): RatingEventView[] {
  const showRater = maySeeRater(viewer, rating);
  return rows.map((e) => ({
    id: String(e.id),
    at: e.at.toISOString(),
    action: e.action,
    actionLabel: EVENT_LABELS[e.action] ?? e.action,
    actorName: e.actor_kind === 'rater' && !showRater ? '企业用户' : e.actor_name,
    note: e.note,
    data: e.data ?? null,
  }));
}

export function presentRectification(row: RectificationWithRefs, viewer: Actor, now: Date): RectificationView {
  return {
    id: row.id,
    ratingId: row.rating_id,
    subjectType: row.subject_type,
    subjectId: row.subject_id,
    caseNumber: row.case_number,
    title: row.title,
    category: row.category,
    enterpriseId: row.enterprise_id,
    enterpriseName: row.enterprise_name,
    level: row.level,
    levelLabel: RATING_LEVEL_LABELS[row.level],
    comment: row.comment,
    assigneeId: row.assignee_id,
    assigneeName: row.assignee_name,
    status: row.status,
    statusLabel: RECTIFICATION_STATUS_LABELS[row.status],
    round: row.round,
    openedAt: row.opened_at.toISOString(),
    dueAt: row.due_at.toISOString(),
    overdue: row.status === 'open' && row.due_at.getTime() < now.getTime(),
    wasLate: row.was_late,
    fixNote: row.fix_note,
    fixedAt: iso(row.fixed_at),
    verdict: row.verdict,
    verdictAt: iso(row.verdict_at),
    closedAt: iso(row.closed_at),
    closeNote: row.close_note,
    outcome: row.outcome,
    closedOnTime: row.status === 'closed' ? !row.was_late : null,
    allowedActions: allowedActions(viewer, row, { enterprise_id: row.enterprise_id, status: row.rating_status }),
  };
}

export function presentReturnVisit(row: {
  id: string;
  round: number;
  visited_at: Date;
  method: ReturnVisitView['method'];
  visitor_name: string;
  note: string;
  verdict: ReturnVisitView['verdict'];
}): ReturnVisitView {
  return {
    id: row.id,
    round: row.round,
    visitedAt: row.visited_at.toISOString(),
    method: row.method,
    methodLabel: RETURN_VISIT_METHOD_LABELS[row.method],
    visitorName: row.visitor_name,
    note: row.note,
    verdict: row.verdict,
  };
}

export function presentAppeal(row: AppealWithRefs): AppealView {
  return {
    id: row.id,
    ratingId: row.rating_id,
    caseNumber: row.case_number,
    title: row.title,
    level: row.level,
    levelLabel: RATING_LEVEL_LABELS[row.level],
    comment: row.comment,
    appellantId: row.appellant_id,
    appellantName: row.appellant_name,
    reason: row.reason,
    status: row.status,
    statusLabel: APPEAL_STATUS_LABELS[row.status],
    submittedAt: row.submitted_at.toISOString(),
    reviewerName: row.reviewer_name,
    decisionReason: row.decision_reason,
    decidedAt: iso(row.decided_at),
  };
}
