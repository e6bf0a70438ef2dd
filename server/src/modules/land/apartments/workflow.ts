import { APARTMENT_APPLICATION_STATUS_LABELS, type ApartmentApplicationAction, type ApartmentApplicationStatus } from '@yuanqi/contract';
import { defineWorkflow } from '../../../platform/workflow/index.js';

/**
 * Who may take a step of a talent-apartment application:
 * - `firm`: the applying firm's own staff (premises:apply, the firm's application);
 * - `office`: 调度专班 / admin (premises:manage): allocates, records move-in and move-out;
 * - `system`: the evaluation by the rule set valid on the application's day.
 */
export const APARTMENT_PARTIES = { firm: '申请企业', office: '调度专班或管理员', system: '系统' } as const;
export type ApartmentParty = keyof typeof APARTMENT_PARTIES;

/** What the guards read of a request. */
export type ApartmentStepInput = { unitId?: string | null; date?: string | null; note?: string | null; eligible?: boolean };

/**
 * 人才公寓 application: submitted → (evaluate: the rules) waitlisted with a score | rejected with the
 * failing rules → (allocate: a vacant apartment from a day) allocated → (move_in) moved_in →
 * (move_out) moved_out. The firm may withdraw before allocation; the office may release an
 * allocation not taken up (back to the waitlist, same score and place).
 */
export const apartmentWorkflow = defineWorkflow<ApartmentApplicationStatus, ApartmentApplicationAction, ApartmentParty, ApartmentStepInput, { status: ApartmentApplicationStatus }>({
  subject: '公寓申请',
  stateMessage: (label) => `该公寓申请当前为“${label}”`,
  states: APARTMENT_APPLICATION_STATUS_LABELS,
  actions: { submit: '提交', evaluate: '审查', allocate: '分配房间', release: '撤销分配', move_in: '登记入住', move_out: '登记退房', withdraw: '撤回' },
  parties: APARTMENT_PARTIES,
  forbidden: {
    allocate: '只有调度专班或管理员可以分配公寓',
    move_in: '只有调度专班或管理员可以登记入住',
    move_out: '只有调度专班或管理员可以登记退房',
    release: '只有调度专班或管理员可以撤销分配',
    withdraw: '只有申请企业或调度专班可以撤回申请',
  },
  buttons: ['allocate', 'move_in', 'move_out', 'release', 'withdraw'],
  probeInput: { unitId: '00000000-0000-0000-0000-000000000000', date: '2000-01-01' },
  transitions: [
    { from: null, action: 'submit', to: 'submitted', who: ['firm', 'office'] },
    { from: ['submitted'], action: 'evaluate', to: (input) => (input.eligible ? 'waitlisted' : 'rejected'), who: ['system'] },
    {
      from: ['waitlisted'],
      action: 'allocate',
      to: 'allocated',
      who: ['office'],
      guard: (input) => (input.unitId ? null : { path: 'unitId', message: '请选择要分配的房间' }),
    },
    { from: ['allocated'], action: 'release', to: 'waitlisted', who: ['office'] },
    { from: ['allocated'], action: 'move_in', to: 'moved_in', who: ['office'] },
    { from: ['moved_in'], action: 'move_out', to: 'moved_out', who: ['office'] },
    { from: ['submitted', 'waitlisted'], action: 'withdraw', to: 'withdrawn', who: ['firm', 'office'] },
  ],
});
