import { LAND_CLEANUP_EVENT_LABELS, LAND_CLEANUP_STATUS_LABELS, LAND_CLEANUP_ACTIONS, type CleanupAction, type CleanupStatus, type CleanupOutcome } from '@yuanqi/contract';
import type { Selectable } from 'kysely';
import type { LandCleanupCasesTable } from '../../../db/schema-land.js';
import { caseEventsTable, defineWorkflow, type CaseStore, type GuardFailure } from '../../../platform/workflow/index.js';

export type CleanupCaseRow = Selectable<LandCleanupCasesTable>;

/** Who takes a case's step: the park office running the clean-up (land:manage), or the sweep. */
export const CLEANUP_PARTIES = { officer: '清理专项经办人(调度专班)', system: '系统' } as const;
export type CleanupParty = keyof typeof CLEANUP_PARTIES;

/** What the guards read of a request. */
export type CleanupGuardInput = {
  note?: string | null;
  participants?: string | null;
  outcome?: CleanupOutcome | null;
  workingDays?: number | null;
  compensationFen?: number | null;
  projectId?: string | null;
  enterpriseId?: string | null;
};

const need = (ok: boolean, path: string, message: string): GuardFailure | null => (ok ? null : { path, message });

/**
 * The clean-up case 闲置用地处置 as a transition table: 认定 identified → 告知 notified (the notice
 * .docx with a reply deadline in working days) → 约谈 interviewed (participants, minutes) → the
 * agreed outcome chosen by the input: 限期开工 deadline (a deadline in working days) / 协议收回
 * agreement (compensation agreed) / 依法收回 legal. 限期开工 ends 已开工 resolved when the firm
 * starts, or is escalated to 依法收回 (the sweep flags it once past the deadline). 协议收回 and
 * 依法收回 lead to 收回 recovered (the parcel moves through moveParcel 'recover'), then 再出让
 * reallocated to a new project or firm (moveParcel 'reallocate'). Any open case may be dropped with
 * a reason. A step that skips the line has no transition: 409.
 */
export const cleanupWorkflow = defineWorkflow<CleanupStatus, CleanupAction | 'identify' | 'flag_overdue', CleanupParty, CleanupGuardInput, { status: CleanupStatus }>({
  subject: '清理案件',
  states: LAND_CLEANUP_STATUS_LABELS,
  actions: { ...LAND_CLEANUP_EVENT_LABELS, identify: '认定', flag_overdue: '标记逾期' } as Record<CleanupAction | 'identify' | 'flag_overdue', string>,
  parties: CLEANUP_PARTIES,
  buttons: LAND_CLEANUP_ACTIONS,
  probeInput: { note: '说明说明', participants: '参加人员', outcome: 'legal', workingDays: 10, compensationFen: 0, projectId: '00000000-0000-0000-0000-000000000000' },
  transitions: [
    { from: null, action: 'identify', to: 'identified', who: ['officer', 'system'] },
    { from: ['identified'], action: 'notify', to: 'notified', who: ['officer', 'system'] },
    {
      from: ['notified'],
      action: 'interview',
      to: 'interviewed',
      who: ['officer', 'system'],
      guard: (i) => need(!!i.participants && i.participants.trim().length >= 2, 'participants', '请填写约谈参加人员') ?? need(!!i.note && i.note.trim().length >= 2, 'note', '请填写约谈纪要(至少2个字)'),
    },
    {
      from: ['interviewed'],
      action: 'decide',
      to: (i) => i.outcome!,
      who: ['officer', 'system'],
      guard: (i) =>
        need(!!i.outcome, 'outcome', '请选择处置方式') ??
        (i.outcome === 'deadline' ? need(!!i.workingDays, 'workingDays', '限期开工须填写期限(工作日)') : null) ??
        (i.outcome === 'agreement' ? need(i.compensationFen !== undefined && i.compensationFen !== null, 'compensationFen', '协议收回须填写约定的补偿金额') : null),
    },
    { from: ['deadline'], action: 'confirm_start', to: 'resolved', who: ['officer', 'system'] },
    { from: ['deadline'], action: 'escalate', to: 'legal', who: ['officer', 'system'], guard: (i) => need(!!i.note && i.note.trim().length >= 2, 'note', '请填写转依法收回的理由(至少2个字)') },
    { from: ['deadline'], action: 'flag_overdue', to: 'same', who: ['system'] },
    { from: ['agreement', 'legal'], action: 'recover', to: 'recovered', who: ['officer', 'system'] },
    { from: ['recovered'], action: 'reallocate', to: 'reallocated', who: ['officer', 'system'], guard: (i) => need(!!i.projectId || !!i.enterpriseId, 'projectId', '请选择再出让的招商项目或企业') },
    {
      from: ['identified', 'notified', 'interviewed', 'deadline', 'agreement', 'legal'],
      action: 'drop',
      to: 'dropped',
      who: ['officer', 'system'],
      guard: (i) => need(!!i.note && i.note.trim().length >= 2, 'note', '请填写撤销理由(至少2个字)'),
    },
  ],
});

export const cleanupEventLog = caseEventsTable('land_cleanup_case_events', 'case_id');

export const cleanupSnapshot = (row: CleanupCaseRow): Record<string, unknown> => ({
  caseNo: row.case_no,
  status: row.status,
  parcelId: row.parcel_id,
  reason: row.reason,
  notifiedOn: row.notified_on,
  interviewedOn: row.interviewed_on,
  outcome: row.outcome,
  startDeadline: row.start_deadline,
  compensationFen: row.compensation_fen === null ? null : Number(row.compensation_fen),
  recoveredOn: row.recovered_on,
  recoveredMu: row.recovered_mu === null ? null : Number(row.recovered_mu),
  newProjectId: row.new_project_id,
  newEnterpriseId: row.new_enterprise_id,
  reallocatedOn: row.reallocated_on,
});

export const cleanupStore: CaseStore<CleanupCaseRow> = { table: 'land_cleanup_cases', entity: 'land_cleanup_case', subject: '清理案件', events: cleanupEventLog, snapshot: cleanupSnapshot };
