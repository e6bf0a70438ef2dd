import { describe, expect, it } from 'vitest';
import { AppError } from '../../../platform/errors.js';
import type { PartyOf } from '../../../platform/workflow/index.js';
import { rectificationWorkflow as flow } from './workflow.js';

type RectificationParty = PartyOf<typeof flow>;

const NOW = new Date('2026-11-26T02:00:00Z');
const parties = (...list: RectificationParty[]) => new Set(list);
const caught = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return e instanceof AppError ? [e.code, e.message, e.details[0]?.path ?? null] : ['?', String(e), null];
  }
  return null;
};

describe('rectification workflow', () => {
  it('closes on a satisfied verdict and reopens on an unsatisfied one', () => {
    const verdict = flow.find('visited', 'verdict')!;
    const state = { status: 'visited' as const, fixed_at: NOW };
    expect(flow.target(verdict, state, { verdict: 'satisfied', now: NOW })).toBe('closed');
    expect(flow.target(verdict, state, { verdict: 'unsatisfied', now: NOW })).toBe('open');
    expect(flow.eventOf(verdict)).toBe('rectification.verdict');
  });

  it('says the wrong state and the wrong person as the API always has', () => {
    expect(caught(() => flow.check({ status: 'open', fixed_at: null }, 'verdict', parties('rater-firm'), { now: NOW }))).toEqual([
      'INVALID_STATE',
      '整改当前为“整改中”,不能评价整改结果',
      null,
    ]);
    expect(flow.mayEverTake('record-fix', parties('rater-firm'))).toBe(false);
    expect(flow.mayEverTake('close', parties('handler'))).toBe(false);
    expect(flow.mayEverTake('verdict', parties('handler'))).toBe(true);
    const message = (action: 'record-fix' | 'return-visit' | 'verdict' | 'close') => flow.forbiddenMessage(flow.transitions.find((t) => t.action === action)!);
    expect(message('record-fix')).toBe('只有负责整改的经办人可以执行此操作');
    expect(message('return-visit')).toBe('只有负责整改的经办人可以执行此操作');
    expect(message('verdict')).toBe('只有评价企业或回访人员可以评价整改结果');
    expect(message('close')).toBe('只有调度专班或管理员可以办结整改');
  });

  it('refuses a return visit dated in the future or before the fix, naming visitedAt', () => {
    const fixed = { status: 'fixed' as const, fixed_at: new Date(NOW.getTime() - 3_600_000) };
    const handler = parties('handler');
    expect(caught(() => flow.check(fixed, 'return-visit', handler, { visitedAt: '2026-11-26T11:00:00+08:00', now: NOW }))).toEqual(['VALIDATION_FAILED', '回访时间不能晚于当前时间', 'visitedAt']);
    expect(caught(() => flow.check(fixed, 'return-visit', handler, { visitedAt: '2026-11-26T08:00:00+08:00', now: NOW }))).toEqual([
      'VALIDATION_FAILED',
      '回访时间不能早于整改措施录入时间',
      'visitedAt',
    ]);
    expect(flow.check(fixed, 'return-visit', handler, { now: NOW }).to).toBe('visited');
  });

  it('offers the buttons of the state, and leaves the system rows to the system', () => {
    expect(flow.allowedActions({ status: 'open', fixed_at: null }, parties('handler', 'office'))).toEqual(['record-fix', 'close']);
    expect(flow.allowedActions({ status: 'visited', fixed_at: NOW }, parties('rater-firm'))).toEqual(['verdict']);
    expect(flow.find('closed', 'cancel')).toBeNull();
    expect(flow.eventOf(flow.find('visited', 'cancel')!)).toBe('rectification.cancelled');
    expect(flow.target(flow.find('open', 'overdue')!, { status: 'open', fixed_at: null }, { now: NOW })).toBe('open');
  });
});
