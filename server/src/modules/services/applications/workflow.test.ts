import { describe, expect, it } from 'vitest';
import { buildActor } from '../../../platform/actor.js';
import type { CaseStateOf } from '../../../platform/workflow/index.js';
import { applicationWorkflow, partiesOf } from './workflow.js';

type WorkflowState = CaseStateOf<typeof applicationWorkflow>;

const actor = (roles: ('approver' | 'enterprise' | 'liaison' | 'admin' | 'dispatcher')[], userId = 'u1', enterpriseId: string | null = null) =>
  buildActor({ userId, parkId: 'p', username: userId, displayName: userId, roles, enterpriseId, bankId: null, sessionId: null, requestId: null });
const facts = { enterprise_id: 'firm', approver_ids: ['u1'], firm_liaison_id: 'l1', applicant_user_id: 'e1', daiban_liaison_id: null };
const state = (status: WorkflowState['status'], extra: Partial<Omit<WorkflowState, 'status'>> = {}): WorkflowState => ({
  status,
  mode: extra.mode ?? 'normal',
  case_kind: extra.case_kind ?? 'promised',
  accepted_at: extra.accepted_at ?? null,
  resume_status: extra.resume_status ?? null,
});
const { find, target } = applicationWorkflow;
const allowedActionsFor = applicationWorkflow.allowedActions;

describe('the 办件 transition table', () => {
  it('makes the item’s approver the handler, and nobody else among approvers', () => {
    expect([...partiesOf(actor(['approver'], 'u1'), facts)]).toEqual(['handler']);
    expect([...partiesOf(actor(['approver'], 'u2'), facts)]).toEqual([]);
    expect([...partiesOf(actor(['admin'], 'u9'), facts)]).toEqual(['handler']);
    expect([...partiesOf(actor(['dispatcher'], 'u9'), facts)]).toEqual([]);
  });

  it('makes the firm’s users and its liaison the applicant side', () => {
    expect([...partiesOf(actor(['enterprise'], 'e2', 'firm'), facts)]).toEqual(['applicant']);
    expect([...partiesOf(actor(['enterprise'], 'e3', 'other'), facts)]).toEqual([]);
    expect([...partiesOf(actor(['liaison'], 'l1'), facts)]).toEqual(['applicant']);
    expect([...partiesOf(actor(['liaison'], 'l2'), facts)]).toEqual([]);
  });

  it('lets a promised case be decided on the spot only under 告知承诺', () => {
    const handler = new Set(['handler'] as const);
    expect(allowedActionsFor(state('submitted'), handler)).not.toContain('approve');
    expect(allowedActionsFor(state('submitted', { mode: 'chengnuo' }), handler)).toContain('approve');
    expect(allowedActionsFor(state('submitted', { case_kind: 'instant' }), handler)).toContain('approve');
  });

  it('offers 不予受理 only before acceptance, even from a 补正', () => {
    const handler = new Set(['handler'] as const);
    expect(allowedActionsFor(state('supplementing'), handler)).toContain('not_accept');
    expect(allowedActionsFor(state('supplementing', { accepted_at: new Date() }), handler)).not.toContain('not_accept');
  });

  it('returns from a pause to the state it interrupted, and from 容缺 to accepted', () => {
    expect(target(find('supplementing', 'supply')!, state('supplementing', { resume_status: 'reviewing' }), {})).toBe('reviewing');
    expect(target(find('special', 'end_special')!, state('special', { resume_status: 'accepted' }), {})).toBe('accepted');
    expect(target(find('rongque', 'supply')!, state('rongque'), {})).toBe('accepted');
    expect(find('finished', 'approve')).toBeNull();
  });
});
