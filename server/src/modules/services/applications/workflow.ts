/**
 * The 办件 workflow as one transition table `{ from, action, to, who, guard }`. Every row that
 * changes anything writes one `service_application_events` row in the same transaction.
 *
 * Parties, relative to one application:
 * - `handler`: an approver whose item's `approver_ids` holds them (or an admin), with service:handle;
 * - `applicant`: a user of the applying firm, its liaison, or whoever filed it (service:apply);
 * - `system`: the sweep (容缺 termination, warnings) and the post-check's consequences.
 */
import {
  APPLICATION_ACTION_LABELS,
  APPLICATION_ACTIONS,
  APPLICATION_STATUS_LABELS,
  OPEN_APPLICATION_STATUSES,
  type ApplicationAction,
  type ApplicationEventAction,
  type ApplicationStatus,
  type ServiceApplicationActionRequest,
} from '@yuanqi/contract';
import { can, hasRole, type Actor } from '../../../platform/actor.js';

export type Party = 'handler' | 'applicant' | 'system';

export type GuardInput = Omit<ServiceApplicationActionRequest, 'action'>;
export type GuardFailure = { path: string; message: string };
export type WorkflowState = {
  status: ApplicationStatus;
  mode: 'normal' | 'rongque' | 'chengnuo';
  case_kind: 'instant' | 'promised';
  accepted_at: Date | null;
};

export type Transition = {
  from: readonly ApplicationStatus[] | null;
  action: ApplicationEventAction;
  /** `same`: the state does not change; `resume`: back to the state the pause interrupted. */
  to: ApplicationStatus | 'same' | 'resume';
  who: readonly Party[];
  /** Input the transition needs beyond who and when; a failure is a 400 naming the field. */
  guard?: (input: GuardInput, state: WorkflowState) => GuardFailure | null;
};

const OPEN = OPEN_APPLICATION_STATUSES;
/** Accepted and running (the clock counts). */
const RUNNING = ['accepted', 'reviewing'] as const satisfies readonly ApplicationStatus[];
const ALL = [...OPEN, 'finished', 'not_accepted', 'terminated', 'withdrawn', 'revoked'] as const satisfies readonly ApplicationStatus[];

const noteRequired =
  (message: string) =>
  (input: GuardInput): GuardFailure | null =>
    input.note && input.note.trim().length >= 2 ? null : { path: 'note', message };

export const APPLICATION_TRANSITIONS: readonly Transition[] = [
  { from: null, action: 'submit', to: 'submitted', who: ['applicant'] },
  { from: ['submitted'], action: 'accept', to: 'accepted', who: ['handler'] },
  {
    // 不予受理 is a decision on the filing, so only before acceptance (a 补正 before acceptance included).
    from: ['submitted', 'supplementing'],
    action: 'not_accept',
    to: 'not_accepted',
    who: ['handler'],
    guard: (input, state) => (state.accepted_at ? { path: 'action', message: '已受理的办件不能再不予受理,请作出不予许可决定' } : noteRequired('不予受理须说明理由(至少2个字)')(input)),
  },
  {
    from: ['submitted', ...RUNNING],
    action: 'request_supplement',
    to: 'supplementing',
    who: ['handler'],
    guard: (input) =>
      !input.materialKeys || input.materialKeys.length === 0
        ? { path: 'materialKeys', message: '一次性告知补正须列明需要补正的材料' }
        : noteRequired('一次性告知补正须写明补正要求(至少2个字)')(input),
  },
  { from: ['supplementing', 'rongque'], action: 'supply', to: 'resume', who: ['applicant'] },
  {
    from: ['submitted'],
    action: 'accept_rongque',
    to: 'rongque',
    who: ['handler'],
    guard: (input) => (input.deadline ? null : { path: 'deadline', message: '容缺受理须确定容缺材料的补齐期限' }),
  },
  {
    from: RUNNING,
    action: 'start_special',
    to: 'special',
    who: ['handler'],
    guard: (input) => (input.specialName ? null : { path: 'specialName', message: '请选择或填写特别程序(如公示、听证、检测、专家评审)' }),
  },
  { from: ['special'], action: 'end_special', to: 'resume', who: ['handler'] },
  { from: ['accepted'], action: 'start_review', to: 'reviewing', who: ['handler'] },
  {
    // From 待受理 only for 即办件 and 告知承诺 cases: accepted and decided on the spot (即时决定).
    from: ['submitted', ...RUNNING],
    action: 'approve',
    to: 'finished',
    who: ['handler'],
    guard: (input, state) => {
      if (state.status === 'submitted' && state.case_kind !== 'instant' && state.mode !== 'chengnuo') {
        return { path: 'action', message: '承诺件须先受理再作出决定(即办件和告知承诺办件可当场决定)' };
      }
      return input.resultDocNumber ? null : { path: 'resultDocNumber', message: '准予许可须填写决定文书(证照)文号' };
    },
  },
  { from: RUNNING, action: 'refuse', to: 'finished', who: ['handler'], guard: noteRequired('不予许可须说明理由和依据(至少2个字)') },
  { from: OPEN, action: 'withdraw', to: 'withdrawn', who: ['applicant'] },
  { from: ALL, action: 'record_visit', to: 'same', who: ['handler'] },
  // System and side effects.
  { from: ['rongque'], action: 'terminate', to: 'terminated', who: ['system'] },
  { from: OPEN, action: 'warn', to: 'same', who: ['system'] },
  { from: OPEN, action: 'overdue', to: 'same', who: ['system'] },
  { from: ['finished'], action: 'revoke', to: 'revoked', who: ['handler', 'system'] },
];

export function findTransition(status: ApplicationStatus, action: ApplicationEventAction): Transition | null {
  return APPLICATION_TRANSITIONS.find((t) => t.action === action && t.from !== null && t.from.includes(status)) ?? null;
}

/** The state a transition leads to from `state` (a pause's end returns to where it interrupted). */
export function targetOf(transition: Transition, status: ApplicationStatus, resumeStatus: ApplicationStatus | null): ApplicationStatus {
  if (transition.to === 'same') return status;
  if (transition.to === 'resume') return status === 'rongque' ? 'accepted' : (resumeStatus ?? 'accepted');
  return transition.to;
}

export type PartyFacts = {
  enterprise_id: string;
  approver_ids: readonly string[];
  firm_liaison_id: string | null;
  applicant_user_id: string | null;
  daiban_liaison_id: string | null;
};

/** Whether the actor acts for the item's bureau on this application. */
export function isHandler(actor: Actor, facts: Pick<PartyFacts, 'approver_ids'>): boolean {
  if (!can(actor, 'service:handle')) return false;
  return hasRole(actor, 'admin') || facts.approver_ids.includes(actor.userId);
}

/** The parties this actor is for this application. */
export function partiesOf(actor: Actor, facts: PartyFacts): Set<Party> {
  const parties = new Set<Party>();
  if (isHandler(actor, facts)) parties.add('handler');
  if (can(actor, 'service:apply')) {
    const ownFirm = hasRole(actor, 'enterprise') && actor.enterpriseId === facts.enterprise_id;
    const firmLiaison = hasRole(actor, 'liaison') && facts.firm_liaison_id === actor.userId;
    const filer = facts.applicant_user_id === actor.userId || facts.daiban_liaison_id === actor.userId;
    if (ownFirm || firmLiaison || filer) parties.add('applicant');
  }
  return parties;
}

export function mayTake(transition: Transition, parties: Set<Party>): boolean {
  return transition.who.some((p) => parties.has(p));
}

/** The person-taken actions open to these parties in this state, guards on state included. */
export function allowedActionsFor(state: WorkflowState, parties: Set<Party>): ApplicationAction[] {
  return APPLICATION_ACTIONS.filter((action) => {
    const t = findTransition(state.status, action);
    if (!t || !mayTake(t, parties)) return false;
    // Guards that depend on the state only (not on the input) hide the button too.
    const failure = t.guard?.({ note: 'xx', materialKeys: ['x'], deadline: '2000-01-01', specialName: 'xx', resultDocNumber: 'xx' }, state);
    return !failure;
  });
}

/** 409 text: why the action does not apply to the case's current state. */
export function invalidStateMessage(status: ApplicationStatus, action: ApplicationEventAction): string {
  return `办件当前状态为“${APPLICATION_STATUS_LABELS[status]}”,不能${APPLICATION_ACTION_LABELS[action]}`;
}

/** 403 text: who may take the action. */
export function forbiddenMessage(transition: Transition): string {
  const names: Record<Party, string> = { handler: '该事项的审批人员', applicant: '申请企业或其驻企专员', system: '系统' };
  return `只有${transition.who.map((p) => names[p]).join('或')}可以${APPLICATION_ACTION_LABELS[transition.action]}`;
}
