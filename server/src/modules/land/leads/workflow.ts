import { LEAD_ACTION_LABELS, LEAD_STATUS_LABELS, type LeadEventAction, type LeadStatus } from '@yuanqi/contract';
import type { Selectable } from 'kysely';
import type { InvestmentLeadsTable } from '../../../db/schema-land.js';
import { caseEventsTable, defineWorkflow, type CaseStore, type GuardFailure } from '../../../platform/workflow/index.js';

export type LeadRow = Selectable<InvestmentLeadsTable>;

/**
 * Who may take a step of a lead:
 * - `officer`: the park's investment office 招商部门 (investment:manage: dispatchers, admins);
 * - `committee`: the investment committee 招商委员会 (investment:approve: leaders, admins).
 */
export const LEAD_PARTIES = { officer: '招商专员', committee: '招商委员会(分管领导)' } as const;
export type LeadParty = keyof typeof LEAD_PARTIES;

/** What the guards read of a request (each step's own fields, checked by its zod schema first). */
export type LeadStepInput = { note?: string | null; reason?: string | null; committeeOn?: string | null; contractNo?: string | null; signedOn?: string | null };

const OPEN: LeadStatus[] = ['new', 'negotiating', 'committee', 'approved'];
const need =
  (path: keyof LeadStepInput, message: string) =>
  (input: LeadStepInput): GuardFailure | null => {
    const v = input[path];
    return typeof v === 'string' && v.trim().length > 0 ? null : { path, message };
  };
const note2 = (path: 'note' | 'reason', message: string) => (input: LeadStepInput): GuardFailure | null =>
  (input[path] ?? '').trim().length >= 2 ? null : { path, message };

/**
 * The lead 招商线索 as a transition table: created new 新线索; the first negotiation moves it to
 * negotiating 洽谈中 (later ones are events on the timeline); submitted to the committee 待上会 with
 * the meeting date; the committee approves 已过会 or sends it back to negotiating with its opinion;
 * signing 已签约 creates the investment project (service.ts, same transaction); dropped 已放弃 with a
 * reason from any open state. A step that skips the line (sign a lead still negotiating) is a 409.
 */
export const leadWorkflow = defineWorkflow<LeadStatus, LeadEventAction, LeadParty, LeadStepInput, { status: LeadStatus }>({
  subject: '招商线索',
  states: LEAD_STATUS_LABELS,
  actions: LEAD_ACTION_LABELS,
  parties: LEAD_PARTIES,
  forbidden: {
    approve: '只有招商委员会(分管领导或管理员)可以作出过会决定',
    reject: '只有招商委员会(分管领导或管理员)可以作出过会决定',
  },
  buttons: ['negotiate', 'submit_committee', 'approve', 'reject', 'sign', 'drop'],
  probeInput: { note: '探测意见', reason: '探测原因', committeeOn: '2026-01-01', contractNo: 'X', signedOn: '2026-01-01' },
  transitions: [
    { from: null, action: 'create', to: 'new', who: ['officer'] },
    { from: OPEN, action: 'update', to: 'same', who: ['officer'] },
    { from: ['new'], action: 'negotiate', to: 'negotiating', who: ['officer'] },
    { from: ['negotiating', 'committee', 'approved'], action: 'negotiate', to: 'same', who: ['officer'] },
    { from: ['negotiating'], action: 'submit_committee', to: 'committee', who: ['officer'], guard: need('committeeOn', '请填写上会日期') },
    { from: ['committee'], action: 'approve', to: 'approved', who: ['committee'] },
    { from: ['committee'], action: 'reject', to: 'negotiating', who: ['committee'], guard: note2('note', '请填写退回意见(至少2个字)') },
    {
      from: ['approved'],
      action: 'sign',
      to: 'signed',
      who: ['officer'],
      guard: (input) => need('contractNo', '请填写合同编号')(input) ?? need('signedOn', '请填写签约日期')(input),
    },
    { from: OPEN, action: 'drop', to: 'dropped', who: ['officer'], guard: note2('reason', '请填写放弃原因(至少2个字)') },
  ],
});

export const leadEventLog = caseEventsTable('investment_lead_events', 'lead_id');

export function leadSnapshot(r: LeadRow): Record<string, unknown> {
  return {
    code: r.code,
    status: r.status,
    projectName: r.project_name,
    investor: r.investor,
    chain: r.chain,
    amountFen: Number(r.amount_fen),
    source: r.source,
    ownerId: r.owner_id,
    receivedOn: r.received_on,
    committeeOn: r.committee_on,
    committeeDecision: r.committee_decision,
    signedOn: r.signed_on,
    projectId: r.project_id,
    droppedReason: r.dropped_reason,
  };
}

export const leadStore: CaseStore<LeadRow> = { table: 'investment_leads', entity: 'investment_lead', subject: '招商线索', events: leadEventLog, snapshot: leadSnapshot };
