import {
  POLICY_APPLICATION_EVENT_LABELS,
  POLICY_APPLICATION_STATUS_LABELS,
  type PolicyApplicationAction,
  type PolicyApplicationStatus,
} from '@yuanqi/contract';
import { can, hasRole, type Actor } from '../../../platform/actor.js';
import { enterpriseScopeOf } from '../../../platform/scope.js';
import { defineWorkflow, requireNote, type NoteInput, type PartyOf } from '../../../platform/workflow/index.js';

/**
 * Who may act on one application:
 * - `applicant`: the firm's own user, or the liaison serving the firm (代办), holding policy:apply;
 * - `reviewer`: the policy window (policy:review) — 初审 and 复审.
 * 公示 (batches), objections and 拨付 have their own endpoints and permissions.
 */
const APPLICATION_PARTIES = { applicant: '申报企业或其驻企专员', reviewer: '政策兑现窗口审核人员' } as const;

const returnNote = requireNote('退回补正须写明需要补正的内容(至少2个字)');
const rejectNote = requireNote('不予通过须写明理由(至少2个字)');

/**
 * The 申报 workflow (SPEC §2.3) as one table on the case kit; every row writes one timeline event
 * (`event`: pass/return/reject are 初审 from 待初审 and 复审 from 待复审).
 */
export const applicationWorkflow = defineWorkflow<PolicyApplicationStatus, PolicyApplicationAction, keyof typeof APPLICATION_PARTIES, NoteInput, { status: PolicyApplicationStatus }>({
  subject: '申报',
  states: POLICY_APPLICATION_STATUS_LABELS,
  actions: { submit: '提交', withdraw: '撤回', pass: '审核通过', return: '退回补正', reject: '不予通过' },
  events: POLICY_APPLICATION_EVENT_LABELS,
  parties: APPLICATION_PARTIES,
  buttons: ['submit', 'pass', 'return', 'reject', 'withdraw'],
  transitions: [
    { from: ['draft'], action: 'submit', event: 'submit', to: 'submitted', who: ['applicant'] },
    { from: ['returned'], action: 'submit', event: 'resubmit', to: 'submitted', who: ['applicant'] },
    { from: ['draft', 'submitted', 'returned', 'first_passed'], action: 'withdraw', event: 'withdraw', to: 'withdrawn', who: ['applicant'] },
    { from: ['submitted'], action: 'pass', event: 'first_pass', to: 'first_passed', who: ['reviewer'] },
    { from: ['submitted'], action: 'return', event: 'first_return', to: 'returned', who: ['reviewer'], guard: returnNote },
    { from: ['submitted'], action: 'reject', event: 'first_reject', to: 'rejected', who: ['reviewer'], guard: rejectNote },
    { from: ['first_passed'], action: 'pass', event: 'second_pass', to: 'approved', who: ['reviewer'] },
    { from: ['first_passed'], action: 'return', event: 'second_return', to: 'returned', who: ['reviewer'], guard: returnNote },
    { from: ['first_passed'], action: 'reject', event: 'second_reject', to: 'rejected', who: ['reviewer'], guard: rejectNote },
  ],
});

export function partiesOf(actor: Actor, app: { enterprise_id: string; liaison_id: string | null }): Set<PartyOf<typeof applicationWorkflow>> {
  const parties = new Set<PartyOf<typeof applicationWorkflow>>();
  if (can(actor, 'policy:review')) parties.add('reviewer');
  if (can(actor, 'policy:apply')) {
    const scope = enterpriseScopeOf(actor);
    if (hasRole(actor, 'enterprise') && scope.kind === 'enterprise' && scope.enterpriseId === app.enterprise_id) parties.add('applicant');
    if (scope.kind === 'liaison' && app.liaison_id === actor.userId) parties.add('applicant');
  }
  return parties;
}

/** Progress step (0 申报 … 4 拨付) for the parcel-like tracker. */
export function stepOf(status: PolicyApplicationStatus): number {
  switch (status) {
    case 'draft':
    case 'returned':
      return 0;
    case 'submitted':
      return 1;
    case 'first_passed':
      return 2;
    case 'approved':
    case 'publicity':
      return 3;
    case 'paid':
      return 4;
    case 'rejected':
    case 'withdrawn':
      return 0;
  }
}
