import { can, hasRole, type Actor } from '../../../platform/actor.js';
import { forbidden } from '../../../platform/errors.js';
import { enterpriseScopeOf } from '../../../platform/scope.js';

/**
 * Which applications an actor may read (everything else is not found, 404):
 * - `park`: the office, leaders and admins (application:read, park-wide roles other than approver);
 * - `approver`: an approver reads only the applications of the items it acts on;
 * - `liaison`: the firms it serves, plus the 代办 it filed itself;
 * - `enterprise`: its own firm's;
 * - `none`: anyone else.
 */
export type ApplicationScope =
  | { kind: 'park'; parkId: string }
  | { kind: 'approver'; parkId: string; userId: string }
  | { kind: 'liaison'; parkId: string; userId: string }
  | { kind: 'enterprise'; parkId: string; enterpriseId: string }
  | { kind: 'none'; parkId: string };

const PARK_READERS = ['admin', 'dispatcher', 'leader'] as const;

export function applicationScopeOf(actor: Actor): ApplicationScope {
  const parkId = actor.parkId;
  if (!can(actor, 'application:read')) return { kind: 'none', parkId };
  if (hasRole(actor, ...PARK_READERS)) return { kind: 'park', parkId };
  if (hasRole(actor, 'approver')) return { kind: 'approver', parkId, userId: actor.userId };
  const scope = enterpriseScopeOf(actor);
  if (scope.kind === 'liaison') return { kind: 'liaison', parkId, userId: actor.userId };
  if (scope.kind === 'enterprise') return { kind: 'enterprise', parkId, enterpriseId: scope.enterpriseId };
  return { kind: 'none', parkId };
}

/** Post-checks are the bureau's work: park readers see all, approvers their items'; firms never. */
export function assertStaffScope(scope: ApplicationScope): asserts scope is Extract<ApplicationScope, { kind: 'park' | 'approver' }> {
  if (scope.kind !== 'park' && scope.kind !== 'approver') throw forbidden('只有审批局和管理人员可以查看事后核查');
}

/** Construction projects: park-wide staff see all; a liaison its firms'; an enterprise its own. */
export type ProjectScope = ReturnType<typeof enterpriseScopeOf>;

export function projectScopeOf(actor: Actor): ProjectScope {
  if (!can(actor, 'project:read')) return { kind: 'none', parkId: actor.parkId };
  return enterpriseScopeOf(actor);
}
