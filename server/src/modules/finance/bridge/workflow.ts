import { BRIDGE_LOAN_STATUS_LABELS, type BridgeLoanStatusValue } from '@yuanqi/contract';
import { defineWorkflow } from '../../../platform/workflow/index.js';

/**
 * Who may take a step of a bridge loan:
 * - `firm`: the borrowing firm's users, or the liaison assigned to it (finance:apply, in scope);
 * - `bank`: the users of the lending bank (finance:bank, the loan's bank);
 * - `officer`: the finance officer (finance:manage);
 * - `leader`: a leader (finance:leader-approve), for loans at or above the dated threshold;
 * - `system`: the overdue sweep.
 */
export const BRIDGE_PARTIES = { firm: '申请企业或其联络员', bank: '贷款银行', officer: '金融服务专员', leader: '分管领导', system: '系统' } as const;
export type BridgeParty = keyof typeof BRIDGE_PARTIES;

export const BRIDGE_ACTION_LABELS = {
  file: '提交申请',
  bank_confirm: '确认续贷承诺',
  bank_decline: '拒绝续贷承诺',
  approve: '审批通过',
  leader_approve: '领导审批通过',
  reject: '退回',
  withdraw: '撤回',
  disburse: '放款',
  repay: '登记归还',
  overdue: '标记逾期',
} as const;
export type BridgeAction = keyof typeof BRIDGE_ACTION_LABELS;

type Input = { reason?: string | null };
type CaseState = {
  status: BridgeLoanStatusValue;
  needs_leader: boolean;
  leader_approved_at: Date | null;
  overdue_at: Date | null;
};

const OPEN = ['submitted', 'bank_confirmed', 'approved'] as const satisfies readonly BridgeLoanStatusValue[];
const reason = (input: Input) => (input.reason && input.reason.trim().length >= 2 ? null : { path: 'reason', message: '请填写原因(至少2个字)' });

/**
 * 应急转贷: submitted 待银行确认 → (the lending bank's 续贷承诺) bank_confirmed 待审批 → (the finance
 * officer) approved 待放款 → [a leader, when needs_leader] → disbursed 使用中 → repaid 已归还.
 * The bank may decline (bank_declined); the officer (or the leader) may reject; the firm may
 * withdraw before disbursement. Overdue is an event on a disbursed loan, not a state.
 */
export const bridgeWorkflow = defineWorkflow<BridgeLoanStatusValue, BridgeAction, BridgeParty, Input, CaseState>({
  subject: '转贷',
  stateMessage: (label) => `该笔转贷当前为“${label}”`,
  states: BRIDGE_LOAN_STATUS_LABELS,
  actions: BRIDGE_ACTION_LABELS,
  parties: BRIDGE_PARTIES,
  forbidden: {
    bank_confirm: '只有贷款银行的用户可以确认续贷承诺',
    bank_decline: '只有贷款银行的用户可以拒绝续贷承诺',
    approve: '只有金融服务专员可以审批转贷',
    leader_approve: '只有分管领导可以审批大额转贷',
    disburse: '只有金融服务专员可以放款',
    repay: '只有金融服务专员可以登记归还',
    withdraw: '只有申请企业可以撤回申请',
  },
  buttons: ['bank_confirm', 'bank_decline', 'approve', 'leader_approve', 'disburse', 'repay', 'reject', 'withdraw'],
  probeInput: { reason: '探测' },
  transitions: [
    { from: null, action: 'file', to: 'submitted', who: ['firm'], event: 'bridge.filed' },
    { from: ['submitted'], action: 'bank_confirm', to: 'bank_confirmed', who: ['bank'], event: 'bridge.bank_confirmed' },
    { from: ['submitted'], action: 'bank_decline', to: 'bank_declined', who: ['bank'], event: 'bridge.bank_declined', guard: reason },
    { from: ['bank_confirmed'], action: 'approve', to: 'approved', who: ['officer'], event: 'bridge.approved' },
    {
      from: ['approved'],
      action: 'leader_approve',
      to: 'same',
      who: ['leader'],
      event: 'bridge.leader_approved',
      guard: (_i, c) => (c.needs_leader && !c.leader_approved_at ? null : { path: 'status', message: '该笔转贷无需或已完成领导审批' }),
    },
    { from: OPEN, action: 'reject', to: 'rejected', who: ['officer', 'leader'], event: 'bridge.rejected', guard: reason },
    { from: OPEN, action: 'withdraw', to: 'withdrawn', who: ['firm'], event: 'bridge.withdrawn' },
    {
      from: ['approved'],
      action: 'disburse',
      to: 'disbursed',
      who: ['officer'],
      event: 'bridge.disbursed',
      guard: (_i, c) => (c.needs_leader && !c.leader_approved_at ? { path: 'status', message: '该笔转贷金额达到领导审批起点,须经领导审批后才能放款' } : null),
    },
    { from: ['disbursed'], action: 'repay', to: 'repaid', who: ['officer'], event: 'bridge.repaid' },
    { from: ['disbursed'], action: 'overdue', to: 'same', who: ['system'], event: 'bridge.overdue' },
  ],
});
