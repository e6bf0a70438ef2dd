import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import { defineWorkflow, requireNote } from './definition.js';

type S = 'open' | 'paused' | 'review' | 'done';
type A = 'start' | 'pause' | 'resume' | 'decide' | 'remind';
type P = 'owner' | 'office';
type Input = { note?: string; verdict?: 'ok' | 'again' };
type Case = { status: S; before?: S; urgent: boolean };

const flow = defineWorkflow<S, A, P, Input, Case>({
  subject: '测试件',
  states: { open: '待办', paused: '暂停', review: '审查中', done: '办结' },
  actions: { start: '开始审查', pause: '暂停', resume: '恢复', decide: '作出决定', remind: '提醒' },
  parties: { owner: '经办人', office: '办公室' },
  buttons: ['start', 'pause', 'resume', 'decide'],
  probeInput: { note: 'xx', verdict: 'ok' },
  resume: (c) => c.before ?? 'open',
  transitions: [
    { from: ['open'], action: 'start', to: 'review', who: ['owner'], guard: (_i, c) => (c.urgent ? { path: 'action', message: '急件须当场决定' } : null) },
    { from: ['open', 'review'], action: 'pause', to: 'paused', who: ['owner', 'office'], guard: requireNote('暂停须说明理由(至少2个字)') },
    { from: ['paused'], action: 'resume', to: 'resume', who: ['owner'] },
    { from: ['open', 'review'], action: 'decide', to: (i) => (i.verdict === 'again' ? 'open' : 'done'), who: ['office'], event: 'decided' },
    { from: ['open'], action: 'remind', to: 'same', who: [] },
  ],
});

const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return e instanceof AppError ? [e.code, e.message, e.details[0]?.path ?? null] : ['?', String(e), null];
  }
  return null;
};

describe('defineWorkflow', () => {
  it('finds the transition for an action in a state, and none where the table has none', () => {
    expect(flow.find('open', 'start')?.to).toBe('review');
    expect(flow.find('done', 'start')).toBeNull();
  });

  it('answers 409 for the wrong state, 403 for the wrong person, 400 naming the field for missing input, in that order', () => {
    expect(codeOf(() => flow.check({ status: 'done', urgent: false }, 'pause', new Set(['owner']), {}))).toEqual(['INVALID_STATE', '测试件当前状态为“办结”,不能暂停', null]);
    expect(codeOf(() => flow.check({ status: 'open', urgent: false }, 'decide', new Set(['owner']), {}))).toEqual(['FORBIDDEN', '只有办公室可以作出决定', null]);
    expect(codeOf(() => flow.check({ status: 'open', urgent: false }, 'pause', new Set(['owner']), { note: ' ' }))).toEqual(['VALIDATION_FAILED', '暂停须说明理由(至少2个字)', 'note']);
    expect(flow.check({ status: 'open', urgent: false }, 'pause', new Set(['office']), { note: '等待检测' }).to).toBe('paused');
  });

  it('lists as buttons only the actions the parties may take and the state alone allows', () => {
    expect(flow.allowedActions({ status: 'open', urgent: false }, new Set(['owner']))).toEqual(['start', 'pause']);
    expect(flow.allowedActions({ status: 'open', urgent: true }, new Set(['owner']))).toEqual(['pause']);
    expect(flow.allowedActions({ status: 'open', urgent: false }, new Set(['owner', 'office']))).toEqual(['start', 'pause', 'decide']);
    expect(flow.allowedActions({ status: 'open', urgent: false }, new Set())).toEqual([]);
  });

  it('leads to a fixed state, the same state, the state a pause interrupted, or one chosen by the input', () => {
    const open: Case = { status: 'open', urgent: false };
    expect(flow.target(flow.find('open', 'remind')!, open, {})).toBe('open');
    expect(flow.target(flow.find('paused', 'resume')!, { status: 'paused', before: 'review', urgent: false }, {})).toBe('review');
    expect(flow.target(flow.find('open', 'decide')!, open, { verdict: 'again' })).toBe('open');
    expect(flow.target(flow.find('open', 'decide')!, open, { verdict: 'ok' })).toBe('done');
  });

  it('lists the states an action applies in, for a sweep to select by', () => {
    expect(flow.statesFor('pause')).toEqual(['open', 'review']);
    expect(flow.statesFor('remind')).toEqual(['open']);
    expect(flow.statesFor('start')).toEqual(['open']);
  });

  it('names the timeline event and the party the person acted as', () => {
    const decide = flow.find('review', 'decide')!;
    expect(flow.eventOf(decide)).toBe('decided');
    expect(flow.eventOf(flow.find('open', 'start')!)).toBe('start');
    expect(flow.partyFor(decide, new Set(['owner', 'office']))).toBe('office');
  });
  it('tells whether a party may ever take an action, for a case type that answers 403 before 409', () => {
    expect(flow.mayEverTake('decide', new Set(['owner']))).toBe(false);
    expect(flow.mayEverTake('decide', new Set(['office']))).toBe(true);
    expect(flow.mayEverTake('pause', new Set(['owner']))).toBe(true);
  });

  it('says a whole 403 text where the workflow gives one for the action', () => {
    const worded = defineWorkflow<S, A, P, Input, Case>({ ...flow, forbidden: { decide: '只有办公室主任可以作出决定' } });
    expect(codeOf(() => worded.check({ status: 'open', urgent: false }, 'decide', new Set(['owner']), {}))).toEqual(['FORBIDDEN', '只有办公室主任可以作出决定', null]);
    expect(codeOf(() => worded.check({ status: 'open', urgent: false }, 'start', new Set(['office']), {}))).toEqual(['FORBIDDEN', '只有经办人可以开始审查', null]);
  });
});
