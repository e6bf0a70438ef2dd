import { REPORT_STATUS_LABELS, type ReportStatus } from '@yuanqi/contract';
import { defineWorkflow } from '../../../platform/workflow/index.js';

/**
 * Who may take a step of a monthly report:
 * - `filer`: the firm's own staff and its liaison (industry:report, in scope);
 * - `reviewer`: the office (industry:review: dispatchers, admins).
 */
const REPORT_PARTIES = { filer: '本企业或其联络员', reviewer: '调度专班或管理员' } as const;

export type ReportStepInput = { reason?: string | null };

/**
 * 经济运行月报 as a case: draft → (submit) submitted → (accept) accepted, or (return, with a reason)
 * returned → the firm edits and submits again. An accepted report is corrected by reopening it with
 * a reason and the corrected values: submitted again, the figures change only when the correction
 * is accepted (a new revision; the old one stays readable).
 */
export const reportWorkflow = defineWorkflow<ReportStatus, 'submit' | 'accept' | 'return' | 'correct', keyof typeof REPORT_PARTIES, ReportStepInput, { status: ReportStatus }>({
  subject: '月报',
  states: REPORT_STATUS_LABELS,
  actions: { submit: '提交', accept: '审核通过', return: '退回', correct: '更正' },
  parties: REPORT_PARTIES,
  buttons: ['accept', 'return', 'correct'],
  probeInput: { reason: '理由' },
  transitions: [
    { from: ['draft', 'returned'], action: 'submit', to: 'submitted', who: ['filer'] },
    { from: ['submitted'], action: 'accept', to: 'accepted', who: ['reviewer'] },
    {
      from: ['submitted'],
      action: 'return',
      to: 'returned',
      who: ['reviewer'],
      guard: (input) => (input.reason && input.reason.trim().length >= 2 ? null : { path: 'reason', message: '请填写退回原因(至少2个字)' }),
    },
    {
      from: ['accepted'],
      action: 'correct',
      to: 'submitted',
      who: ['filer', 'reviewer'],
      guard: (input) => (input.reason && input.reason.trim().length >= 2 ? null : { path: 'reason', message: '请填写更正原因(至少2个字)' }),
    },
  ],
});
