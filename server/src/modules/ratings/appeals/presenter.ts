import { APPEAL_STATUS_LABELS, RATING_LEVEL_LABELS, type AppealView } from '@yuanqi/contract';
import type { AppealRow } from '../../../db/schema-ratings.js';
import { iso } from '../presenter.js';
import type { AppealWithRefs } from './repository.js';

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

/**
 * The audited picture of an appeal: its state and, once decided, the decision and its reason
 * (the submission is audited with the rating and the reason, see service.appealRating).
 */
export function appealSnapshot(row: AppealRow): Record<string, unknown> {
  if (row.status === 'pending') return { status: row.status };
  return { status: row.status, decision: row.status === 'removed' ? 'remove' : 'uphold', reason: row.decision_reason };
}
