import { describe, expect, it } from 'vitest';
import { AppError } from '../../../platform/errors.js';
import { appealWorkflow as flow } from './workflow.js';

describe('appeal workflow', () => {
  it('leads a decision to its own state and event', () => {
    const pending = { status: 'pending' as const };
    const reviewer = new Set(['reviewer'] as const);
    expect(flow.eventOf(flow.creation('submit')!)).toBe('appeal.submitted');
    const uphold = flow.check(pending, 'uphold', reviewer, {});
    expect([flow.target(uphold, pending, {}), flow.eventOf(uphold)]).toEqual(['upheld', 'appeal.upheld']);
    const remove = flow.check(pending, 'remove', reviewer, {});
    expect([flow.target(remove, pending, {}), flow.eventOf(remove)]).toEqual(['removed', 'appeal.removed']);
  });

  it('answers 409 for an appeal decided already, in the words the API always used', () => {
    try {
      flow.check({ status: 'upheld' }, 'remove', new Set(['reviewer']), {});
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      expect([(e as AppError).code, (e as AppError).message]).toEqual(['INVALID_STATE', '该申诉已审核,不能重复审核']);
    }
    expect(flow.forbiddenMessage(flow.find('pending', 'uphold')!)).toBe('只有调度专班或管理员可以审核申诉');
  });
});
