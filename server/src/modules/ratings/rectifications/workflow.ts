import {
  RECTIFICATION_ACTION_LABELS,
  RECTIFICATION_STATUS_LABELS,
  type FixVerdict,
  type RectificationAction,
  type RectificationStatus,
} from '@yuanqi/contract';
import type { RectificationRow } from '../../../db/schema-ratings.js';
import { defineWorkflow } from '../../../platform/workflow/index.js';

/**
 * Who may take a transition:
 * - `handler`: the responsible officer (the case's officer), or the office when the case had none;
 * - `office`: dispatchers and admins;
 * - `rater-firm`: the staff of the rated firm (the rater's side);
 * - `system`: the appeal review (a removed review cancels its rectification) and the sweep.
 */
const RECTIFICATION_PARTIES = { handler: '负责整改的经办人', office: '调度专班或管理员', 'rater-firm': '评价企业', system: '系统' } as const;

const ACTIVE = ['open', 'fixed', 'visited'] as const satisfies readonly RectificationStatus[];

/** The 5 minutes a return visit's time may run ahead of the server's clock. */
const CLOCK_SKEW_MS = 5 * 60_000;

/**
 * The rectification 整改 workflow: open 整改中 → (record-fix) fixed → (return-visit) visited →
 * (verdict) closed, or back to open for a new round when the rater is not satisfied; the office
 * closes from any active state. The system cancels an active one when its bad review is removed on
 * appeal, and flags an open round past its deadline (an event, not a state).
 *
 * A person's 403 comes before the 409 here (the API has always answered so): the service asks
 * `mayEverTake` first, then `check`.
 */
export const rectificationWorkflow = defineWorkflow<
  RectificationStatus,
  // the person-taken actions (the API's) and the system's
  RectificationAction | 'cancel' | 'overdue',
  keyof typeof RECTIFICATION_PARTIES,
  // besides the case: the request, and the time it is taken
  { verdict?: FixVerdict; visitedAt?: string; now: Date },
  Pick<RectificationRow, 'status' | 'fixed_at'>
>({
  subject: '整改',
  stateMessage: (label) => `整改当前为“${label}”`,
  states: RECTIFICATION_STATUS_LABELS,
  actions: { ...RECTIFICATION_ACTION_LABELS, cancel: '撤销', overdue: '标记逾期' },
  parties: RECTIFICATION_PARTIES,
  forbidden: {
    'record-fix': '只有负责整改的经办人可以执行此操作',
    'return-visit': '只有负责整改的经办人可以执行此操作',
    verdict: '只有评价企业或回访人员可以评价整改结果',
    close: '只有调度专班或管理员可以办结整改',
  },
  buttons: ['record-fix', 'return-visit', 'verdict', 'close'],
  transitions: [
    { from: ['open'], action: 'record-fix', to: 'fixed', who: ['handler'], event: 'rectification.record-fix' },
    {
      from: ['fixed'],
      action: 'return-visit',
      to: 'visited',
      who: ['handler', 'office'],
      event: 'rectification.return-visit',
      guard: (input, rc) => {
        const visitedAt = input.visitedAt ? new Date(input.visitedAt) : input.now;
        if (visitedAt.getTime() > input.now.getTime() + CLOCK_SKEW_MS) return { path: 'visitedAt', message: '回访时间不能晚于当前时间' };
        if (rc.fixed_at && visitedAt.getTime() < rc.fixed_at.getTime()) return { path: 'visitedAt', message: '回访时间不能早于整改措施录入时间' };
        return null;
      },
    },
    {
      from: ['visited'],
      action: 'verdict',
      to: ({ verdict }) => (verdict === 'unsatisfied' ? 'open' : 'closed'),
      who: ['rater-firm', 'handler', 'office'],
      event: 'rectification.verdict',
    },
    { from: ACTIVE, action: 'close', to: 'closed', who: ['office'], event: 'rectification.close' },
    { from: ACTIVE, action: 'cancel', to: 'cancelled', who: ['system'], event: 'rectification.cancelled' },
    { from: ['open'], action: 'overdue', to: 'same', who: ['system'], event: 'rectification.overdue' },
  ],
});
