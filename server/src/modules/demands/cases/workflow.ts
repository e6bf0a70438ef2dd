import {
  DEMAND_ACTIONS,
  DEMAND_ACTION_LABELS,
  DEMAND_STATUS_LABELS,
  OPEN_DEMAND_STATUSES,
  type DemandEventAction,
  type DemandStatus,
  type DemandTransitionRequest,
} from '@yuanqi/contract';
import { can, hasRole, type Actor } from '../../../platform/actor.js';
import type { DemandRow } from '../../../db/schema-demands.js';
import { defineWorkflow, requireNote, type PartyOf } from '../../../platform/workflow/index.js';

/**
 * Who may take a transition, relative to one demand:
 * - `owner`: the 首接负责人 (assignee) holding `demand:handle`;
 * - `dispatcher`: the office (`demand:dispatch`), which may act on every demand of its park;
 * - `enterprise`: a user of the demand's own firm;
 * - `filer`: whoever may file for the firm (see policy.resolveFiling);
 * - `system`: the sweep.
 */
const DEMAND_PARTIES = { owner: '首接负责人', dispatcher: '调度专班', enterprise: '提出诉求的企业', filer: '提交人', system: '系统' } as const;

const OPEN = OPEN_DEMAND_STATUSES;
const HANDLING = ['accepted', 'in_progress', 'reopened'] as const satisfies readonly DemandStatus[];

/**
 * The demand workflow (SPEC §2.2) as one table, on the case kit. Every row that changes anything
 * writes one `demand_events` row in the same transaction as the change; the system rows
 * (auto_close, escalate, remind) are the ones the sweep takes.
 */
export const demandWorkflow = defineWorkflow<
  DemandStatus,
  DemandEventAction,
  keyof typeof DEMAND_PARTIES,
  Pick<DemandTransitionRequest, 'note' | 'department' | 'assigneeId'>,
  Pick<DemandRow, 'status' | 'assignee_id'>
>({
  subject: '诉求',
  states: DEMAND_STATUS_LABELS,
  actions: DEMAND_ACTION_LABELS,
  parties: DEMAND_PARTIES,
  buttons: DEMAND_ACTIONS,
  transitions: [
    { from: null, action: 'submit', to: 'submitted', who: ['filer'] },
    { from: ['submitted'], action: 'accept', to: 'accepted', who: ['owner', 'dispatcher'] },
    {
      from: HANDLING,
      action: 'transfer',
      to: 'in_progress',
      who: ['owner', 'dispatcher'],
      guard: (input) =>
        !input.department ? { path: 'department', message: '转办须填写承办单位' } : requireNote('转办须填写转办理由(至少2个字)')(input),
    },
    { from: HANDLING, action: 'answer', to: 'resolved', who: ['owner', 'dispatcher'], guard: requireNote('答复须填写答复内容(至少2个字)') },
    { from: ['resolved'], action: 'confirm', to: 'closed', who: ['enterprise'] },
    { from: ['resolved'], action: 'reject', to: 'reopened', who: ['enterprise'], guard: requireNote('退回须填写不满意的理由(至少2个字)') },
    // The firm confirmed by phone or cannot be reached: the office closes on its word, with a note.
    { from: ['resolved'], action: 'close', to: 'closed', who: ['dispatcher'], guard: requireNote('代企业确认办结须说明情况(至少2个字)') },
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
  ],
});

/** The parties this actor is for this demand. */
export function partiesOf(actor: Actor, demand: { assignee_id: string | null; enterprise_id: string }): Set<PartyOf<typeof demandWorkflow>> {
  const parties = new Set<PartyOf<typeof demandWorkflow>>();
  if (can(actor, 'demand:dispatch')) parties.add('dispatcher');
  if (demand.assignee_id !== null && demand.assignee_id === actor.userId && can(actor, 'demand:handle')) parties.add('owner');
  if (hasRole(actor, 'enterprise') && actor.enterpriseId === demand.enterprise_id && can(actor, 'demand:create')) parties.add('enterprise');
  return parties;
}
