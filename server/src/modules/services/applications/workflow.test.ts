import { describe, expect, it } from 'vitest';
import { buildActor } from '../../../platform/actor.js';
import { allowedActionsFor, findTransition, partiesOf, targetOf } from './workflow.js';

const actor = (roles: ('approver' | 'enterprise' | 'liaison' | 'admin' | 'dispatcher')[], userId = 'u1', enterpriseId: string | null = null) =>
  buildActor({ userId, parkId: 'p', username: userId, displayName: userId, roles, enterpriseId, bankId: null, sessionId: null, requestId: null });
const facts = { enterprise_id: 'firm', approver_ids: ['u1'], firm_liaison_id: 'l1', applicant_user_id: 'e1', daiban_liaison_id: null };
const state = (status: Parameters<typeof findTransition>[0], extra: Partial<{ mode: 'normal' | 'chengnuo' | 'rongque'; case_kind: 'instant' | 'promised'; accepted_at: Date | null }> = {}) => ({
  status,
  mode: extra.mode ?? ('normal' as const),
  case_kind: extra.case_kind ?? ('promised' as const),
  accepted_at: extra.accepted_at ?? null,
});

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
    expect(targetOf(findTransition('supplementing', 'supply')!, 'supplementing', 'reviewing')).toBe('reviewing');
    expect(targetOf(findTransition('special', 'end_special')!, 'special', 'accepted')).toBe('accepted');
    expect(targetOf(findTransition('rongque', 'supply')!, 'rongque', null)).toBe('accepted');
    expect(findTransition('finished', 'approve')).toBeNull();
  });
});
