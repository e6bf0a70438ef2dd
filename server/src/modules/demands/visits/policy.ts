import { can, type Actor } from '../../../platform/actor.js';
import { forbidden } from '../../../platform/errors.js';
import { enterpriseScopeOf } from '../../../platform/scope.js';

/** Visits and 代办 records: a liaison sees its own, park-wide readers all of the park's. */
export function visitReadScope(actor: Actor): { kind: 'park' | 'liaison' | 'none'; parkId: string; userId: string } {
  if (!can(actor, 'visit:read')) return { kind: 'none', parkId: actor.parkId, userId: actor.userId };
  const scope = enterpriseScopeOf(actor);
  if (scope.kind === 'park') return { kind: 'park', parkId: actor.parkId, userId: actor.userId };
  if (scope.kind === 'liaison') return { kind: 'liaison', parkId: actor.parkId, userId: actor.userId };
  return { kind: 'none', parkId: actor.parkId, userId: actor.userId };
}

/** Liaisons record visits for the firms they serve; the office may record for any liaison. */
export function assertCanRecordVisit(actor: Actor, firm: { liaison_id: string | null }): void {
  if (!can(actor, 'visit:write')) throw forbidden('没有登记走访的权限');
  if (enterpriseScopeOf(actor).kind === 'park') return;
  if (firm.liaison_id !== actor.userId) throw forbidden('只能登记您服务企业的走访');
}
