import { APPEAL_STATUS_LABELS, type AppealDecision, type AppealStatus } from '@yuanqi/contract';
import { defineWorkflow } from '../../../platform/workflow/index.js';

/**
 * The appeal 申诉 workflow: the rated officer submits (pending); the office decides — `uphold`
 * keeps the review, `remove` takes it out of every rate and cancels its rectification. The
 * review's decision is the action, so each writes its own event. Who may act is checked first
 * (appeals/policy.ts, 403 before 409, as the API has always answered). Parties: `appellant`, the
 * rated officer; `reviewer`, the office (rating:review), never on its own appeal.
 */
export const appealWorkflow = defineWorkflow<AppealStatus, 'submit' | AppealDecision, 'appellant' | 'reviewer', unknown, { status: AppealStatus }>({
  subject: '申诉',
  // Any state but pending means the appeal was decided already.
  stateMessage: () => '该申诉已审核',
  states: APPEAL_STATUS_LABELS,
  actions: { submit: '申诉', uphold: '重复审核', remove: '重复审核' },
  parties: { appellant: '被评价的经办人', reviewer: '调度专班或管理员' },
  events: { 'appeal.upheld': '审核申诉', 'appeal.removed': '审核申诉' },
  buttons: ['uphold', 'remove'],
  transitions: [
    { from: null, action: 'submit', to: 'pending', who: ['appellant'], event: 'appeal.submitted' },
    { from: ['pending'], action: 'uphold', to: 'upheld', who: ['reviewer'], event: 'appeal.upheld' },
    { from: ['pending'], action: 'remove', to: 'removed', who: ['reviewer'], event: 'appeal.removed' },
  ],
});
