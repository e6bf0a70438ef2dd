/** API shapes of 办件: list rows, the case detail's parts, audit snapshots. */
import {
  APPLICATION_ACTION_LABELS,
  APPLICATION_MODE_LABELS,
  APPLICATION_OUTCOME_LABELS,
  APPLICATION_STATUS_LABELS,
  POSTCHECK_STATUS_LABELS,
  type ApplicationClockView,
  type ApplicationEventView,
  type ApplicationMaterialView,
  type ApplicationStatus,
  type ApplicationView,
  type ChengnuoView,
  type MaterialState,
  type PostcheckView,
  type RongqueView,
  type ServiceMaterial,
} from '@yuanqi/contract';
import type { ServiceApplicationPauseRow, ServiceApplicationRow, ServiceChengnuoRow, ServiceRongqueRow } from '../../../db/schema-service-applications.js';
import type { WorkingCalendar } from '../../../platform/calendar/index.js';
import { presentCaseEvent, type StoredCaseEvent } from '../../../platform/workflow/index.js';
import type { ApplicationWithNames, MaterialFileRow } from './repository.js';
import { clockOf, type PauseInterval } from './clock.js';

export function pauseIntervalOf(row: ServiceApplicationPauseRow): PauseInterval {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    materialKeys: row.material_keys,
    note: row.note,
    maxDays: row.max_days,
    startedAt: row.started_at,
    endedAt: row.ended_at,
  };
}

export function clockViewOf(calendar: WorkingCalendar, row: ServiceApplicationRow, pauses: ServiceApplicationPauseRow[], now: Date): ApplicationClockView {
  return clockOf(
    calendar,
    {
      acceptedAt: row.accepted_at,
      finishedAt: row.finished_at,
      committedDays: row.committed_days,
      legalDays: row.legal_days,
      pauses: pauses.map(pauseIntervalOf),
      calendarGuessed: row.calendar_guessed,
    },
    now,
  );
}

export function presentApplication(row: ApplicationWithNames, clock: ApplicationClockView, rongqueDeadline: string | null): ApplicationView {
  return {
    id: row.id,
    number: row.number,
    itemId: row.item_id,
    itemCode: row.item_code,
    itemName: row.item_name,
    department: row.department,
    enterpriseId: row.enterprise_id,
    enterpriseName: row.enterprise_name,
    projectId: row.project_id,
    projectName: row.project_name,
    projectStage: row.project_id ? row.project_stage : null,
    applicantName: row.applicant_name,
    isDaiban: row.is_daiban,
    daibanLiaisonId: row.daiban_liaison_id,
    daibanLiaisonName: row.daiban_liaison_name,
    caseKind: row.case_kind,
    mode: row.mode,
    modeLabel: APPLICATION_MODE_LABELS[row.mode],
    status: row.status,
    statusLabel: APPLICATION_STATUS_LABELS[row.status],
    outcome: row.outcome,
    outcomeLabel: row.outcome ? APPLICATION_OUTCOME_LABELS[row.outcome] : null,
    submittedAt: row.submitted_at.toISOString(),
    acceptedAt: row.accepted_at?.toISOString() ?? null,
    finishedAt: row.finished_at?.toISOString() ?? null,
    dueAt: clock.dueAt,
    legalDueAt: clock.legalDueAt,
    committedDays: row.committed_days,
    elapsedDays: row.working_days_used !== null ? Number(row.working_days_used) : clock.elapsedDays,
    remainingDays: clock.remainingDays,
    clockState: clock.state,
    warning: clock.warning,
    workingDaysUsed: row.working_days_used !== null ? Number(row.working_days_used) : null,
    withinLimit: row.within_limit,
    visits: row.visits,
    resultDocNumber: row.result_doc_number,
    rongqueDeadline,
  };
}

export function presentEvent(row: StoredCaseEvent): ApplicationEventView {
  return presentCaseEvent(row, APPLICATION_ACTION_LABELS, { actorId: false });
}

export type MaterialContext = {
  status: ApplicationStatus;
  rongqueKeys: readonly string[];
  files: MaterialFileRow[];
  chengnuo: Pick<ServiceChengnuoRow, 'replaced_keys'> | null | undefined;
  rongque: Pick<ServiceRongqueRow, 'missing' | 'supplied_at' | 'terminated_at' | 'created_at'> | null | undefined;
  openPause: Pick<ServiceApplicationPauseRow, 'kind' | 'material_keys' | 'started_at'> | null | undefined;
};

/** Whether a material has a file (since `after`, when given). */
function hasFile(files: MaterialFileRow[], key: string, after?: Date): boolean {
  return files.some((f) => f.material_key === key && (!after || f.created_at.getTime() >= after.getTime()));
}

/** The checklist state of one material (what the window sees beside each line). */
export function materialStateOf(m: ServiceMaterial, c: MaterialContext): MaterialState {
  const pause = c.openPause?.kind === 'supplement' ? c.openPause : null;
  if (pause && pause.material_keys.includes(m.key) && !hasFile(c.files, m.key, pause.started_at)) return 'supplement';
  if (hasFile(c.files, m.key)) return 'uploaded';
  if (c.chengnuo?.replaced_keys.includes(m.key)) return 'chengnuo';
  const rongquePending = c.status === 'rongque' && c.rongque && (c.rongque.missing as { key: string }[]).some((x) => x.key === m.key);
  if (rongquePending || (c.status === 'submitted' && c.rongqueKeys.includes(m.key))) return 'rongque';
  return m.required ? 'missing' : 'optional';
}

/** Required materials with no file that no commitment replaces (a 容缺 request does not count as present). */
export function missingMaterials(materials: readonly ServiceMaterial[], files: MaterialFileRow[], chengnuo: Pick<ServiceChengnuoRow, 'replaced_keys'> | null | undefined): ServiceMaterial[] {
  return materials.filter((m) => m.required && !hasFile(files, m.key) && !chengnuo?.replaced_keys.includes(m.key));
}

export function presentMaterials(materials: readonly ServiceMaterial[], c: MaterialContext): ApplicationMaterialView[] {
  return materials.map((m) => ({
    key: m.key,
    name: m.name,
    form: m.form,
    copies: m.copies,
    required: m.required,
    isKey: m.isKey,
    rongqueAllowed: m.rongqueAllowed,
    chengnuoReplaceable: m.chengnuoReplaceable,
    note: m.note ?? null,
    state: materialStateOf(m, c),
    files: c.files
      .filter((f) => f.material_key === m.key)
      .map((f) => ({ id: f.id, filename: f.filename, contentType: f.content_type, size: f.size, stage: f.stage, createdAt: f.created_at.toISOString() })),
  }));
}

export function presentRongque(row: ServiceRongqueRow, status: ApplicationStatus): RongqueView {
  return {
    noticeNumber: row.notice_number,
    missing: row.missing as RongqueView['missing'],
    deadline: row.deadline,
    dueAt: row.due_at.toISOString(),
    committedDueAt: row.committed_due_at.toISOString(),
    suppliedAt: row.supplied_at?.toISOString() ?? null,
    terminatedAt: row.terminated_at?.toISOString() ?? null,
    state: row.supplied_at ? 'supplied' : row.terminated_at ? 'terminated' : status === 'rongque' ? 'pending' : 'cancelled',
  };
}

export function presentChengnuo(row: ServiceChengnuoRow, materials: readonly ServiceMaterial[]): ChengnuoView {
  return {
    text: row.text,
    replacedKeys: row.replaced_keys,
    replacedNames: row.replaced_keys.map((k) => materials.find((m) => m.key === k)?.name ?? k),
    signerName: row.signer_name,
    signedAt: row.signed_at.toISOString(),
  };
}

export type PostcheckRowWithNames = {
  id: string;
  application_id: string;
  application_number: string;
  item_id: string;
  item_name: string;
  enterprise_id: string;
  enterprise_name: string;
  status: 'scheduled' | 'passed' | 'failed';
  due_at: Date;
  overdue_at: Date | null;
  checked_at: Date | null;
  checked_by_name: string | null;
  result: string | null;
  created_at: Date;
  approver_ids: string[];
};

export function presentPostcheck(row: PostcheckRowWithNames, now: Date, canRecord: boolean): PostcheckView {
  return {
    id: row.id,
    applicationId: row.application_id,
    applicationNumber: row.application_number,
    itemId: row.item_id,
    itemName: row.item_name,
    enterpriseId: row.enterprise_id,
    enterpriseName: row.enterprise_name,
    status: row.status,
    statusLabel: POSTCHECK_STATUS_LABELS[row.status],
    dueAt: row.due_at.toISOString(),
    overdue: row.status === 'scheduled' && row.due_at.getTime() < now.getTime(),
    checkedAt: row.checked_at?.toISOString() ?? null,
    checkedByName: row.checked_by_name,
    result: row.result,
    createdAt: row.created_at.toISOString(),
    canRecord: canRecord && row.status === 'scheduled',
  };
}

/** What the audit log keeps of an application (before/after of every step). */
export function snapshotOf(row: ServiceApplicationRow) {
  return {
    number: row.number,
    itemId: row.item_id,
    enterpriseId: row.enterprise_id,
    projectId: row.project_id,
    status: row.status,
    mode: row.mode,
    isDaiban: row.is_daiban,
    acceptedAt: row.accepted_at,
    decidedBy: row.decided_by,
    finishedAt: row.finished_at,
    outcome: row.outcome,
    resultDocNumber: row.result_doc_number,
    decisionNote: row.decision_note,
    dueAt: row.due_at,
    legalDueAt: row.legal_due_at,
    pausedDays: row.paused_days,
    workingDaysUsed: row.working_days_used,
    withinLimit: row.within_limit,
    visits: row.visits,
  };
}
