import { PLEDGE_ACTION_LABELS, PLEDGE_STATUS_LABELS, type PledgeStatus } from '@yuanqi/contract';
import { defineWorkflow } from '../../../platform/workflow/index.js';

/**
 * Who may take a pledge transition:
 * - `office`: the finance officer (finance:manage);
 * - `bank`: a user of the institution the receipt is pledged to;
 * - `system`: the margin sweep (margin calls, price recovery, overdue flags).
 */
export const PLEDGE_PARTIES = { office: '金融服务中心', bank: '质权金融机构', system: '系统' } as const;
export type PledgeParty = keyof typeof PLEDGE_PARTIES;

/** What a top-up or repayment leaves behind, computed by the service before the transition. */
export type PledgeStepInput = { amountFen?: number; remainingFen?: number; coveredAfter?: boolean };

const LIVE = ['active', 'margin_call'] as const satisfies readonly PledgeStatus[];

/**
 * The 存铜融 pledge: pledge → active; the sweep's margin call → margin_call; a top-up 追加保证金 or a
 * partial repayment 部分还款 that covers the shortfall at today's price → back to active (one that
 * does not stays in margin_call); a repayment of the whole outstanding loan, or 结清解押, → released
 * (the receipt is released with it). A price recovery resolves the call (system).
 */
export const pledgeWorkflow = defineWorkflow<PledgeStatus, 'pledge' | 'margin_call' | 'top_up' | 'repay' | 'release' | 'price_recovered' | 'overdue', PledgeParty, PledgeStepInput, { status: PledgeStatus; outstanding_fen: number }>({
  subject: '质押',
  stateMessage: (label) => `该质押当前为“${label}”`,
  states: PLEDGE_STATUS_LABELS,
  actions: { ...PLEDGE_ACTION_LABELS, overdue: '标记补仓逾期' },
  parties: PLEDGE_PARTIES,
  buttons: ['top_up', 'repay', 'release'],
  probeInput: { amountFen: 1 },
  transitions: [
    { from: null, action: 'pledge', to: 'active', who: ['office', 'bank'] },
    { from: ['active'], action: 'margin_call', to: 'margin_call', who: ['system'] },
    {
      from: LIVE,
      action: 'top_up',
      to: (input, state) => (input.coveredAfter ? 'active' : state.status),
      who: ['office', 'bank'],
      guard: (input) => (input.amountFen && input.amountFen > 0 ? null : { path: 'amountFen', message: '请填写追加保证金金额' }),
    },
    {
      from: LIVE,
      action: 'repay',
      to: (input, state) => (input.remainingFen === 0 ? 'released' : input.coveredAfter ? 'active' : state.status),
      who: ['office', 'bank'],
      guard: (input, state) => {
        if (!input.amountFen || input.amountFen <= 0) return { path: 'amountFen', message: '请填写还款金额' };
        if (input.amountFen > state.outstanding_fen) return { path: 'amountFen', message: `还款金额不能超过贷款余额 ${(state.outstanding_fen / 100).toFixed(2)} 元` };
        return null;
      },
    },
    { from: LIVE, action: 'release', to: 'released', who: ['office', 'bank'] },
    { from: ['margin_call'], action: 'price_recovered', to: 'active', who: ['system'] },
    { from: ['margin_call'], action: 'overdue', to: 'same', who: ['system'] },
  ],
});
