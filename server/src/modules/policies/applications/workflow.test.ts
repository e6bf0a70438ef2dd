import { describe, expect, it } from 'vitest';
import { AppError } from '../../../platform/errors.js';
import type { PartyOf } from '../../../platform/workflow/index.js';
import { applicationWorkflow } from './workflow.js';

type Party = PartyOf<typeof applicationWorkflow>;

const reviewer = new Set<Party>(['reviewer']);
const applicant = new Set<Party>(['applicant']);

const failureOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return e instanceof AppError ? [e.code, e.message, e.details[0]?.path ?? null] : ['?', String(e), null];
  }
  return null;
};

describe('申报 workflow table', () => {
  it('names the review step in the event: 初审 from 待初审, 复审 from 待复审, 重新提交 after a return', () => {
    expect(applicationWorkflow.eventOf(applicationWorkflow.find('submitted', 'pass')!)).toBe('first_pass');
    expect(applicationWorkflow.eventOf(applicationWorkflow.find('first_passed', 'pass')!)).toBe('second_pass');
    expect(applicationWorkflow.eventOf(applicationWorkflow.find('returned', 'submit')!)).toBe('resubmit');
    expect(applicationWorkflow.find('first_passed', 'pass')!.to).toBe('approved');
  });

  it('answers 409, then 403, then 400 for a missing note, in the texts the API promises', () => {
    expect(failureOf(() => applicationWorkflow.check({ status: 'paid' }, 'withdraw', applicant, {}))).toEqual(['INVALID_STATE', '申报当前状态为“已拨付”,不能撤回', null]);
    expect(failureOf(() => applicationWorkflow.check({ status: 'submitted' }, 'pass', applicant, {}))).toEqual(['FORBIDDEN', '只有政策兑现窗口审核人员可以初审通过', null]);
    expect(failureOf(() => applicationWorkflow.check({ status: 'submitted' }, 'return', reviewer, { note: ' ' }))).toEqual(['VALIDATION_FAILED', '退回补正须写明需要补正的内容(至少2个字)', 'note']);
    expect(failureOf(() => applicationWorkflow.check({ status: 'first_passed' }, 'reject', reviewer, {}))).toEqual(['VALIDATION_FAILED', '不予通过须写明理由(至少2个字)', 'note']);
  });

  it('offers the buttons of the parties in this state', () => {
    expect(applicationWorkflow.allowedActions({ status: 'submitted' }, reviewer)).toEqual(['pass', 'return', 'reject']);
    expect(applicationWorkflow.allowedActions({ status: 'returned' }, applicant)).toEqual(['submit', 'withdraw']);
    expect(applicationWorkflow.allowedActions({ status: 'approved' }, new Set<Party>(['applicant', 'reviewer']))).toEqual([]);
  });
});
