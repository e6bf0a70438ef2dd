import type { FixVerdict, RectificationAction, RectificationStatus } from '@yuanqi/contract';

/**
 * Who may take a transition:
 * - `handler`: the responsible officer (the case's officer), or the office when the case had none;
 * - `office`: dispatchers and admins;
 * - `rater-firm`: the staff of the rated firm (the rater's side).
 */
export type TransitionWho = 'handler' | 'office' | 'rater-firm';

export type RectificationTransition = {
  action: RectificationAction;
  from: readonly RectificationStatus[];
  /** The next state; a verdict decides between closing and reopening. */
  to: (input: { verdict?: FixVerdict }) => RectificationStatus;
  who: readonly TransitionWho[];
  /** What the timeline calls it. */
  label: string;
};

/**
 * The rectification 整改 state machine. The system adds two transitions outside this table:
 * `cancel` (the bad review was removed on appeal: open/fixed/visited → cancelled) and the overdue
 * flag (an event, not a state).
 */
export const RECTIFICATION_TRANSITIONS: readonly RectificationTransition[] = [
  { action: 'record-fix', from: ['open'], to: () => 'fixed', who: ['handler'], label: '录入整改措施' },
  { action: 'return-visit', from: ['fixed'], to: () => 'visited', who: ['handler', 'office'], label: '登记回访' },
  {
    action: 'verdict',
    from: ['visited'],
    to: ({ verdict }) => (verdict === 'unsatisfied' ? 'open' : 'closed'),
    who: ['rater-firm', 'handler', 'office'],
    label: '评价整改结果',
  },
  { action: 'close', from: ['open', 'fixed', 'visited'], to: () => 'closed', who: ['office'], label: '办结' },
];

export function transitionOf(action: RectificationAction): RectificationTransition {
  return RECTIFICATION_TRANSITIONS.find((t) => t.action === action)!;
}

export const ACTIVE_RECTIFICATION_STATUSES = ['open', 'fixed', 'visited'] as const satisfies readonly RectificationStatus[];

/** Timeline labels of every event the module writes. */
export const EVENT_LABELS: Record<string, string> = {
  rated: '企业评价',
  'rectification.opened': '差评转整改',
  'rectification.record-fix': '录入整改措施',
  'rectification.return-visit': '登记回访',
  'rectification.verdict': '评价整改结果',
  'rectification.reopened': '整改不满意,重新整改',
  'rectification.close': '整改办结',
  'rectification.overdue': '整改逾期',
  'rectification.cancelled': '整改撤销(差评已移除)',
  'appeal.submitted': '经办人申诉',
  'appeal.upheld': '申诉不成立,维持差评',
  'appeal.removed': '申诉成立,差评移除',
};
