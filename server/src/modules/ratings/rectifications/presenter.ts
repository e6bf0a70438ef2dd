import { RATING_LEVEL_LABELS, RECTIFICATION_STATUS_LABELS, RETURN_VISIT_METHOD_LABELS, type RectificationView, type ReturnVisitView } from '@yuanqi/contract';
import type { RectificationRow } from '../../../db/schema-ratings.js';
import type { Actor } from '../../../platform/actor.js';
import { iso, subjectFieldsOf } from '../presenter.js';
import { allowedActions } from './policy.js';
import type { RectificationWithRefs } from './repository.js';

export function presentRectification(row: RectificationWithRefs, viewer: Actor, now: Date): RectificationView {
  return {
    id: row.id,
    ratingId: row.rating_id,
    ...subjectFieldsOf(row),
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

/** The audited picture of a rectification. */
export function rectificationSnapshot(row: RectificationRow): Record<string, unknown> {
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
