/**
 * The 办件 workflow as one transition table `{ from, action, to, who, guard }` for the case kit
 * (platform/workflow): the kit finds, checks and applies it; every row that changes anything
 * writes one `service_application_events` row in the same transaction.
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
import type { ServiceApplicationRow } from '../../../db/schema-service-applications.js';
import { defineWorkflow, requireNote, type PartyOf } from '../../../platform/workflow/index.js';

const APPLICATION_PARTIES = { handler: '该事项的审批人员', applicant: '申请企业或其驻企专员', system: '系统' } as const;

const OPEN = OPEN_APPLICATION_STATUSES;
/** Accepted and running (the clock counts). */
const RUNNING = ['accepted', 'reviewing'] as const satisfies readonly ApplicationStatus[];
const ALL = [...OPEN, 'finished', 'not_accepted', 'terminated', 'withdrawn', 'revoked'] as const satisfies readonly ApplicationStatus[];

/** The 办件 workflow: the kit's lookups (find, check 409/403/400, allowedActions, target) over this table. */
export const applicationWorkflow = defineWorkflow<
  ApplicationStatus,
  ApplicationEventAction,
  keyof typeof APPLICATION_PARTIES,
  Omit<ServiceApplicationActionRequest, 'action'>,
  // what the guards and `resume` read of a case (resume_status: the state a pause interrupted)
  Pick<ServiceApplicationRow, 'status' | 'mode' | 'case_kind' | 'accepted_at' | 'resume_status'>
>({
  subject: '办件',
  states: APPLICATION_STATUS_LABELS,
  actions: APPLICATION_ACTION_LABELS,
  parties: APPLICATION_PARTIES,
  buttons: APPLICATION_ACTIONS,
  // Satisfies every input check, so a guard that still fails is one on the state alone (no button).
  probeInput: { note: 'xx', materialKeys: ['x'], deadline: '2000-01-01', specialName: 'xx', resultDocNumber: 'xx' },
  // The end of a 补正 or 特别程序 returns to where it interrupted; a 容缺 supplied goes on as accepted.
  resume: (state) => (state.status === 'rongque' ? 'accepted' : (state.resume_status ?? 'accepted')),
  transitions: [
    { from: null, action: 'submit', to: 'submitted', who: ['applicant'] },
    { from: ['submitted'], action: 'accept', to: 'accepted', who: ['handler'] },
    {
      // 不予受理 is a decision on the filing, so only before acceptance (a 补正 before acceptance included).
      from: ['submitted', 'supplementing'],
      action: 'not_accept',
      to: 'not_accepted',
      who: ['handler'],
      guard: (input, state) => (state.accepted_at ? { path: 'action', message: '已受理的办件不能再不予受理,请作出不予许可决定' } : requireNote('不予受理须说明理由(至少2个字)')(input)),
    },
    {
      from: ['submitted', ...RUNNING],
      action: 'request_supplement',
      to: 'supplementing',
      who: ['handler'],
      guard: (input) =>
        !input.materialKeys || input.materialKeys.length === 0
          ? { path: 'materialKeys', message: '一次性告知补正须列明需要补正的材料' }
          : requireNote('一次性告知补正须写明补正要求(至少2个字)')(input),
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
    { from: RUNNING, action: 'refuse', to: 'finished', who: ['handler'], guard: requireNote('不予许可须说明理由和依据(至少2个字)') },
    { from: OPEN, action: 'withdraw', to: 'withdrawn', who: ['applicant'] },
    { from: ALL, action: 'record_visit', to: 'same', who: ['handler'] },
    // System and side effects.
    { from: ['rongque'], action: 'terminate', to: 'terminated', who: ['system'] },
    { from: OPEN, action: 'warn', to: 'same', who: ['system'] },
    { from: OPEN, action: 'overdue', to: 'same', who: ['system'] },
    { from: ['finished'], action: 'revoke', to: 'revoked', who: ['handler', 'system'] },
  ],
});

/** Who stands where on one application: the firm, the item's approvers, the firm's liaison, the filer. */
export type ApplicationPeople = {
  enterprise_id: string;
  approver_ids: readonly string[];
  firm_liaison_id: string | null;
  applicant_user_id: string | null;
  daiban_liaison_id: string | null;
};

/** Whether the actor acts for the item's bureau on this application. */
export function isHandler(actor: Actor, facts: Pick<ApplicationPeople, 'approver_ids'>): boolean {
  if (!can(actor, 'service:handle')) return false;
  return hasRole(actor, 'admin') || facts.approver_ids.includes(actor.userId);
}

/** The parties this actor is for this application. */
export function partiesOf(actor: Actor, facts: ApplicationPeople): Set<PartyOf<typeof applicationWorkflow>> {
  const parties = new Set<PartyOf<typeof applicationWorkflow>>();
  if (isHandler(actor, facts)) parties.add('handler');
  if (can(actor, 'service:apply')) {
    const ownFirm = hasRole(actor, 'enterprise') && actor.enterpriseId === facts.enterprise_id;
    const firmLiaison = hasRole(actor, 'liaison') && facts.firm_liaison_id === actor.userId;
    const filer = facts.applicant_user_id === actor.userId || facts.daiban_liaison_id === actor.userId;
    if (ownFirm || firmLiaison || filer) parties.add('applicant');
  }
  return parties;
}
