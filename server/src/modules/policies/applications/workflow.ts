import {
  POLICY_APPLICATION_EVENT_LABELS,
  POLICY_APPLICATION_STATUS_LABELS,
  type PolicyApplicationAction,
  type PolicyApplicationEventAction,
  type PolicyApplicationStatus,
} from '@yuanqi/contract';
import { can, hasRole, type Actor } from '../../../platform/actor.js';
import { enterpriseScopeOf } from '../../../platform/scope.js';

/**
 * Who may act on one application:
 * - `applicant`: the firm's own user, or the liaison serving the firm (代办), holding policy:apply;
 * - `reviewer`: the policy window (policy:review) — 初审 and 复审.
 * 公示 (batches), objections and 拨付 have their own endpoints and permissions.
 */
export type Party = 'applicant' | 'reviewer';

export type Transition = {
  from: readonly PolicyApplicationStatus[];
  action: PolicyApplicationAction;
  /** the timeline event written */
  event: PolicyApplicationEventAction;
  to: PolicyApplicationStatus;
  who: readonly Party[];
  /** a note (意见) is required */
  noteRequired?: boolean;
};

/** The 申报 workflow (SPEC §2.3) as one table; every row writes one timeline event. */
export const APPLICATION_TRANSITIONS: readonly Transition[] = [
  { from: ['draft'], action: 'submit', event: 'submit', to: 'submitted', who: ['applicant'] },
  { from: ['returned'], action: 'submit', event: 'resubmit', to: 'submitted', who: ['applicant'] },
  { from: ['draft', 'submitted', 'returned', 'first_passed'], action: 'withdraw', event: 'withdraw', to: 'withdrawn', who: ['applicant'] },
  { from: ['submitted'], action: 'pass', event: 'first_pass', to: 'first_passed', who: ['reviewer'] },
  { from: ['submitted'], action: 'return', event: 'first_return', to: 'returned', who: ['reviewer'], noteRequired: true },
  { from: ['submitted'], action: 'reject', event: 'first_reject', to: 'rejected', who: ['reviewer'], noteRequired: true },
  { from: ['first_passed'], action: 'pass', event: 'second_pass', to: 'approved', who: ['reviewer'] },
  { from: ['first_passed'], action: 'return', event: 'second_return', to: 'returned', who: ['reviewer'], noteRequired: true },
  { from: ['first_passed'], action: 'reject', event: 'second_reject', to: 'rejected', who: ['reviewer'], noteRequired: true },
];

export function findTransition(status: PolicyApplicationStatus, action: PolicyApplicationAction): Transition | null {
  return APPLICATION_TRANSITIONS.find((t) => t.action === action && t.from.includes(status)) ?? null;
}

export function partiesOf(actor: Actor, app: { enterprise_id: string; liaison_id: string | null }): Set<Party> {
  const parties = new Set<Party>();
  if (can(actor, 'policy:review')) parties.add('reviewer');
  if (can(actor, 'policy:apply')) {
    const scope = enterpriseScopeOf(actor);
    if (hasRole(actor, 'enterprise') && scope.kind === 'enterprise' && scope.enterpriseId === app.enterprise_id) parties.add('applicant');
    if (scope.kind === 'liaison' && app.liaison_id === actor.userId) parties.add('applicant');
  }
  return parties;
}

export function mayTake(t: Transition, parties: Set<Party>): boolean {
  return t.who.some((p) => parties.has(p));
}

export function allowedActionsFor(status: PolicyApplicationStatus, parties: Set<Party>): PolicyApplicationAction[] {
  const order: PolicyApplicationAction[] = ['submit', 'pass', 'return', 'reject', 'withdraw'];
  return order.filter((a) => {
    const t = findTransition(status, a);
    return t !== null && mayTake(t, parties);
  });
}

export function invalidStateMessage(status: PolicyApplicationStatus, action: PolicyApplicationAction): string {
  const names: Record<PolicyApplicationAction, string> = { submit: '提交', withdraw: '撤回', pass: '审核通过', return: '退回补正', reject: '不予通过' };
  return `申报当前状态为“${POLICY_APPLICATION_STATUS_LABELS[status]}”,不能${names[action]}`;
}

export function forbiddenMessage(t: Transition): string {
  const names: Record<Party, string> = { applicant: '申报企业或其驻企专员', reviewer: '政策兑现窗口审核人员' };
  return `只有${t.who.map((p) => names[p]).join('或')}可以${POLICY_APPLICATION_EVENT_LABELS[t.event]}`;
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
