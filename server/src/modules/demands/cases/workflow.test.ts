import type { DemandStatus } from '@yuanqi/contract';
import { describe, expect, it } from 'vitest';
import { buildActor } from '../../../platform/actor.js';
import type { PartyOf } from '../../../platform/workflow/index.js';
import { demandWorkflow, partiesOf } from './workflow.js';

type Party = PartyOf<typeof demandWorkflow>;

const DEMAND_TRANSITIONS = demandWorkflow.transitions;
const findTransition = demandWorkflow.find;
const targetOf = (t: NonNullable<ReturnType<typeof findTransition>>, status: DemandStatus) => demandWorkflow.target(t, { status, assignee_id: null }, {});
const allowedActionsFor = (status: DemandStatus, parties: Set<Party>) => demandWorkflow.allowedActions({ status, assignee_id: 'u-1' }, parties);

const firm = 'e-1';
const actor = (roles: Parameters<typeof buildActor>[0]['roles'], extra: Partial<Parameters<typeof buildActor>[0]> = {}) =>
  buildActor({ userId: 'u-1', parkId: 'p-1', username: 'x', displayName: 'X', roles, enterpriseId: null, bankId: null, sessionId: null, requestId: null, ...extra });

describe('the demand transition table', () => {
  it('has exactly one transition per state and action', () => {
    const seen = new Set<string>();
    for (const t of DEMAND_TRANSITIONS) {
      for (const from of t.from ?? ['(new)']) {
        const key = `${from}:${t.action}`;
        expect(seen.has(key), key).toBe(false);
        seen.add(key);
      }
    }
  });

  it('walks the happy path submitted → accepted → in progress → resolved → closed', () => {
    let status = 'submitted' as const as Parameters<typeof findTransition>[0];
    for (const action of ['accept', 'transfer', 'answer', 'confirm'] as const) {
      const t = findTransition(status, action);
      expect(t, `${status} ${action}`).not.toBeNull();
      status = targetOf(t!, status);
    }
    expect(status).toBe('closed');
  });

  it('reopens on reject and lets the owner answer again', () => {
    expect(targetOf(findTransition('resolved', 'reject')!, 'resolved')).toBe('reopened');
    expect(findTransition('reopened', 'answer')?.to).toBe('resolved');
    expect(findTransition('reopened', 'accept')).toBeNull();
  });

  it('refuses actions that do not apply to the state', () => {
    expect(findTransition('closed', 'answer')).toBeNull();
    expect(findTransition('submitted', 'answer')).toBeNull();
    expect(findTransition('resolved', 'withdraw')).toBeNull();
    expect(findTransition('withdrawn', 'reassign')).toBeNull();
    expect(findTransition('accepted', 'confirm')).toBeNull();
  });

  it('keeps the state on reassign, escalate and dispatch', () => {
    for (const action of ['reassign', 'escalate', 'dispatch'] as const) {
      expect(targetOf(findTransition('in_progress', action)!, 'in_progress')).toBe('in_progress');
    }
  });

  it('requires a department and a reason to transfer, a note to answer and to reject', () => {
    const demand = { status: 'accepted' as const, assignee_id: 'u-1' };
    expect(findTransition('accepted', 'transfer')!.guard!({ note: '需要规划部门' }, demand)?.path).toBe('department');
    expect(findTransition('accepted', 'transfer')!.guard!({ department: '自然资源局' }, demand)?.path).toBe('note');
    expect(findTransition('accepted', 'transfer')!.guard!({ department: '自然资源局', note: '涉及用地指标' }, demand)).toBeNull();
    expect(findTransition('accepted', 'answer')!.guard!({}, demand)?.path).toBe('note');
    expect(findTransition('resolved', 'reject')!.guard!({ note: ' ' }, demand)?.path).toBe('note');
    expect(findTransition('accepted', 'reassign')!.guard!({ assigneeId: 'u-1' }, demand)?.path).toBe('assigneeId');
  });
});

describe('who may act', () => {
  const demand = { assignee_id: 'u-1', enterprise_id: firm };

  it('gives the owner liaison accept, transfer and answer, never the enterprise actions', () => {
    const parties = partiesOf(actor(['liaison']), demand);
    expect(allowedActionsFor('submitted', parties)).toEqual(['accept']);
    expect(allowedActionsFor('accepted', parties)).toEqual(['transfer', 'answer']);
    expect(allowedActionsFor('resolved', parties)).toEqual([]);
  });

  it('gives a liaison who does not own the demand nothing', () => {
    const parties = partiesOf(actor(['liaison'], { userId: 'u-2' }), demand);
    expect(allowedActionsFor('submitted', parties)).toEqual([]);
  });

  it('gives the firm confirm, reject and withdraw on its own demand only', () => {
    const own = partiesOf(actor(['enterprise'], { userId: 'u-9', enterpriseId: firm }), demand);
    expect(allowedActionsFor('resolved', own)).toEqual(['confirm', 'reject']);
    expect(allowedActionsFor('accepted', own)).toEqual(['withdraw']);
    const other = partiesOf(actor(['enterprise'], { userId: 'u-9', enterpriseId: 'e-2' }), demand);
    expect(allowedActionsFor('resolved', other)).toEqual([]);
  });

  it('gives the dispatcher every service-side action including reassign', () => {
    const parties = partiesOf(actor(['dispatcher'], { userId: 'u-5' }), demand);
    expect(allowedActionsFor('submitted', parties)).toEqual(['accept', 'reassign']);
    expect(allowedActionsFor('in_progress', parties)).toEqual(['transfer', 'answer', 'reassign']);
  });

  it('gives a leader (read only) nothing', () => {
    expect(allowedActionsFor('submitted', partiesOf(actor(['leader']), demand))).toEqual([]);
  });
});
