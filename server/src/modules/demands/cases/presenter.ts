import {
  DEMAND_ACTION_LABELS,
  DEMAND_STATUS_LABELS,
  type DemandCategory,
  type DemandEvent,
  type DemandSummary,
} from '@yuanqi/contract';
import type { DemandRow } from '../../../db/schema-demands.js';
import type { WorkingCalendar } from '../../../platform/calendar/index.js';
import { categoryLabel } from './categories.js';
import { presentCaseEvent, remainingWorkingDays, type StoredCaseEvent } from '../../../platform/workflow/index.js';
import type { DemandWithNames } from './repository.js';

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

export type PresentContext = { categories: Map<string, DemandCategory>; calendar: WorkingCalendar; now: Date };

export function presentSummary(row: DemandWithNames, pc: PresentContext): DemandSummary {
  const dueAt = row.due_at;
  return {
    id: row.id,
    number: row.number,
    category: row.category,
    categoryLabel: categoryLabel(pc.categories, row.category),
    title: row.title,
    status: row.status,
    statusLabel: DEMAND_STATUS_LABELS[row.status],
    source: row.source,
    enterpriseId: row.enterprise_id,
    enterpriseName: row.enterprise_name,
    assigneeId: row.assignee_id,
    assigneeName: row.assignee_name,
    department: row.department,
    dueAt: iso(dueAt),
    dueKind: dueAt ? row.due_kind : null,
    remainingWorkingDays: dueAt ? remainingWorkingDays(pc.calendar, pc.now, dueAt) : null,
    overdue: dueAt !== null && dueAt.getTime() < pc.now.getTime(),
    escalated: row.escalated_at !== null && dueAt !== null,
    escalatedAt: iso(row.escalated_at),
    acceptDueAt: iso(row.accept_due_at),
    answerDueAt: iso(row.answer_due_at),
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    resolvedAt: iso(row.resolved_at),
    closedAt: iso(row.closed_at),
  };
}

export function presentEvent(row: StoredCaseEvent): DemandEvent {
  return presentCaseEvent(row, DEMAND_ACTION_LABELS);
}

/** What the audit log keeps of a demand (no presentation-only fields). */
export function snapshotOf(row: DemandRow): Record<string, unknown> {
  return {
    number: row.number,
    status: row.status,
    category: row.category,
    enterpriseId: row.enterprise_id,
    assigneeId: row.assignee_id,
    department: row.department,
    dueAt: row.due_at,
    dueKind: row.due_kind,
    acceptDueAt: row.accept_due_at,
    answerDueAt: row.answer_due_at,
    escalatedAt: row.escalated_at,
    answeredAt: row.answered_at,
    closedAt: row.closed_at,
  };
}
