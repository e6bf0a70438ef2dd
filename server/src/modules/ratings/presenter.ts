import {
  APPEAL_STATUS_LABELS,
  RATING_LEVEL_LABELS,
  RECTIFICATION_STATUS_LABELS,
  type RatingEventView,
  type RatingView,
} from '@yuanqi/contract';
import type { RatingEventRow, RatingRow } from '../../db/schema-ratings.js';
import type { Actor } from '../../platform/actor.js';
import { EVENT_LABELS } from './events.js';
import { maySeeRater } from './policy.js';
import type { RatingWithRefs } from './repository.js';

export const iso = (d: Date | null | undefined): string | null => (d ? d.toISOString() : null);

type RatedSubjectRow = Pick<RatingWithRefs, 'subject_type' | 'subject_id' | 'case_number' | 'title' | 'category' | 'enterprise_id' | 'enterprise_name'>;

/** The rated case as a rating and its rectification both show it. */
export function subjectFieldsOf(row: RatedSubjectRow): Pick<RatingView, 'subjectType' | 'subjectId' | 'caseNumber' | 'title' | 'category' | 'enterpriseId' | 'enterpriseName'> {
  return {
    subjectType: row.subject_type,
    subjectId: row.subject_id,
    caseNumber: row.case_number,
    title: row.title,
    category: row.category,
    enterpriseId: row.enterprise_id,
    enterpriseName: row.enterprise_name,
  };
}

export function presentRating(row: RatingWithRefs, viewer: Actor, now: Date): RatingView {
  return {
    id: row.id,
    ...subjectFieldsOf(row),
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

/** The audited picture of a rating. */
export function ratingSnapshot(row: RatingRow): Record<string, unknown> {
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
