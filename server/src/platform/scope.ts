import { sql, type ExpressionBuilder, type Expression, type SqlBool } from 'kysely';
import type { Actor } from './actor.js';
import { hasRole } from './actor.js';

/**
 * Which enterprises' rows an actor may see. Every domain whose rows belong to an enterprise
 * (demands, applications, payouts, reports …) filters through this one mechanism, so a new
 * module cannot forget a role: an out-of-scope row is simply not found (404).
 */
export type EnterpriseScope =
  | { kind: 'park'; parkId: string }
  | { kind: 'liaison'; parkId: string; userId: string }
  | { kind: 'enterprise'; parkId: string; enterpriseId: string }
  | { kind: 'none'; parkId: string };

/** Roles that see every enterprise of their park. */
const PARK_WIDE_ROLES = ['admin', 'dispatcher', 'approver', 'policy_officer', 'finance_officer', 'leader'] as const;

export function enterpriseScopeOf(actor: Actor): EnterpriseScope {
  // A role's data scope is editable (角色与权限): the session's actor carries the widest of its
  // roles'; actors built without one (the system, older callers) fall back to the roles' defaults.
  if (actor.dataScope) {
    switch (actor.dataScope) {
      case 'park':
        return { kind: 'park', parkId: actor.parkId };
      case 'assigned':
        return { kind: 'liaison', parkId: actor.parkId, userId: actor.userId };
      case 'enterprise':
        return actor.enterpriseId ? { kind: 'enterprise', parkId: actor.parkId, enterpriseId: actor.enterpriseId } : { kind: 'none', parkId: actor.parkId };
      default:
        return { kind: 'none', parkId: actor.parkId };
    }
  }
  if (hasRole(actor, ...PARK_WIDE_ROLES)) return { kind: 'park', parkId: actor.parkId };
  if (hasRole(actor, 'liaison')) return { kind: 'liaison', parkId: actor.parkId, userId: actor.userId };
  if (hasRole(actor, 'enterprise') && actor.enterpriseId) {
    return { kind: 'enterprise', parkId: actor.parkId, enterpriseId: actor.enterpriseId };
  }
  return { kind: 'none', parkId: actor.parkId };
}

/**
 * A where-clause for a table whose `enterpriseColumn` names an enterprise id and whose
 * `parkColumn` names its park: both the park and the enterprise scope are applied.
 */
export function inEnterpriseScope<DB, TB extends keyof DB>(
  scope: EnterpriseScope,
  parkColumn: string,
  enterpriseColumn: string,
): (eb: ExpressionBuilder<DB, TB>) => Expression<SqlBool> {
  return (eb) => {
    const park = eb(eb.ref(parkColumn as any), '=', scope.parkId);
    switch (scope.kind) {
      case 'park':
        return park;
      case 'enterprise':
        return eb.and([park, eb(eb.ref(enterpriseColumn as any), '=', scope.enterpriseId)]);
      case 'liaison':
        return eb.and([
          park,
          eb(
            eb.ref(enterpriseColumn as any),
            'in',
            sql<string>`(select e.id from enterprises e where e.park_id = ${scope.parkId} and e.liaison_id = ${scope.userId})`,
          ),
        ]);
      case 'none':
        return sql<SqlBool>`false`;
    }
  };
}
