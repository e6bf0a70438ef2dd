import {
  DEMAND_ACTION_LABELS,
  DEMAND_STATUS_LABELS,
  OPEN_DEMAND_STATUSES,
  type DemandAction,
  type DemandEventAction,
  type DemandStatus,
  type DemandTransitionRequest,
} from '@yuanqi/contract';
import { can, hasRole, type Actor } from '../../platform/actor.js';

/**
 * Who may take a transition, relative to one demand:
 * - `owner`: the 首接负责人 (assignee) holding `demand:handle`;
 * - `dispatcher`: the office (`demand:dispatch`), which may act on every demand of its park;
 * - `enterprise`: a user of the demand's own firm;
 * - `filer`: whoever may file for the firm (see policy.assertCanFile);
 * - `system`: the sweep.
 */
export type Party = 'owner' | 'dispatcher' | 'enterprise' | 'filer' | 'system';

export type GuardInput = Pick<DemandTransitionRequest, 'note' | 'department' | 'assigneeId'>;
export type GuardFailure = { path: string; message: string };
type DemandState = { status: DemandStatus; assignee_id: string | null };

export type Transition = {
  from: readonly DemandStatus[] | null;
  action: DemandEventAction;
  /** `same`: the state does not change (reassign, escalate …). */
  to: DemandStatus | 'same';
  who: readonly Party[];
  /** Input the transition needs beyond who and when; a failure is a 400 naming the field. */
  guard?: (input: GuardInput, demand: DemandState) => GuardFailure | null;
};

const OPEN = OPEN_DEMAND_STATUSES;
const HANDLING = ['accepted', 'in_progress', 'reopened'] as const satisfies readonly DemandStatus[];

const noteRequired =
  (message: string) =>
  (input: GuardInput): GuardFailure | null =>
    input.note && input.note.trim().length >= 2 ? null : { path: 'note', message };

/**
 * The demand workflow (SPEC §2.2) as one table. Every row that changes anything writes one
 * `demand_events` row in the same transaction as the change.
 */
export const DEMAND_TRANSITIONS: readonly Transition[] = [
  { from: null, action: 'submit', to: 'submitted', who: ['filer'] },
  { from: ['submitted'], action: 'accept', to: 'accepted', who: ['owner', 'dispatcher'] },
  {
    from: HANDLING,
    action: 'transfer',
    to: 'in_progress',
    who: ['owner', 'dispatcher'],
    guard: (input) =>
      !input.department ? { path: 'department', message: '转办须填写承办单位' } : noteRequired('转办须填写转办理由(至少2个字)')(input),
  },
  { from: HANDLING, action: 'answer', to: 'resolved', who: ['owner', 'dispatcher'], guard: noteRequired('答复须填写答复内容(至少2个字)') },
  { from: ['resolved'], action: 'confirm', to: 'closed', who: ['enterprise'] },
  { from: ['resolved'], action: 'reject', to: 'reopened', who: ['enterprise'], guard: noteRequired('退回须填写不满意的理由(至少2个字)') },
  // The firm confirmed by phone or cannot be reached: the office closes on its word, with a note.
  { from: ['resolved'], action: 'close', to: 'closed', who: ['dispatcher'], guard: noteRequired('代企业确认办结须说明情况(至少2个字)') },
  { from: OPEN, action: 'withdraw', to: 'withdrawn', who: ['enterprise'] },
  {
    from: OPEN,
    action: 'reassign',
    to: 'same',
    who: ['dispatcher'],
    guard: (input, demand) =>
      !input.assigneeId
        ? { path: 'assigneeId', message: '改派须选择新的负责人' }
        : input.assigneeId === demand.assignee_id
          ? { path: 'assigneeId', message: '新的负责人与当前负责人相同' }
          : null,
  },
  { from: ['resolved'], action: 'auto_close', to: 'closed', who: ['system'] },
  { from: OPEN, action: 'escalate', to: 'same', who: ['system'] },
  { from: OPEN, action: 'remind', to: 'same', who: ['system'] },
  { from: OPEN, action: 'dispatch', to: 'same', who: ['dispatcher'] },
];

export function findTransition(status: DemandStatus, action: DemandEventAction): Transition | null {
  return DEMAND_TRANSITIONS.find((t) => t.action === action && t.from !== null && t.from.includes(status)) ?? null;
}

/** The state a transition leads to from `status`. */
export function targetOf(transition: Transition, status: DemandStatus): DemandStatus {
  return transition.to === 'same' ? status : transition.to;
}

/** The parties this actor is for this demand. */
export function partiesOf(actor: Actor, demand: { assignee_id: string | null; enterprise_id: string }): Set<Party> {
  const parties = new Set<Party>();
  if (can(actor, 'demand:dispatch')) parties.add('dispatcher');
  if (demand.assignee_id !== null && demand.assignee_id === actor.userId && can(actor, 'demand:handle')) parties.add('owner');
  if (hasRole(actor, 'enterprise') && actor.enterpriseId === demand.enterprise_id && can(actor, 'demand:create')) parties.add('enterprise');
  return parties;
}

export function mayTake(transition: Transition, parties: Set<Party>): boolean {
  return transition.who.some((p) => parties.has(p));
}

/** The person-taken actions open to these parties in this state, in the order the UI shows them. */
export function allowedActionsFor(status: DemandStatus, parties: Set<Party>, actions: readonly DemandAction[]): DemandAction[] {
  return actions.filter((action) => {
    const t = findTransition(status, action);
    return t !== null && mayTake(t, parties);
  });
}

/** 409 text: why the action does not apply to the demand's current state. */
export function invalidStateMessage(status: DemandStatus, action: DemandEventAction): string {
  return `诉求当前状态为“${DEMAND_STATUS_LABELS[status]}”,不能${DEMAND_ACTION_LABELS[action]}`;
}

/** 403 text: who may take the action. */
export function forbiddenMessage(transition: Transition): string {
  const names: Record<Party, string> = { owner: '首接负责人', dispatcher: '调度专班', enterprise: '提出诉求的企业', filer: '提交人', system: '系统' };
  return `只有${transition.who.map((p) => names[p]).join('或')}可以${DEMAND_ACTION_LABELS[transition.action]}`;
}
