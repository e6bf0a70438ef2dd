import { hasRole, type Actor } from '../../../platform/actor.js';
import { forbidden } from '../../../platform/errors.js';
import { enterpriseScopeOf } from '../../../platform/scope.js';

/** The liaison whose figures a stats reader gets: its own for a liaison, anyone's (or all) for park-wide readers. */
export function statsOfficerFilter(actor: Actor, requested: string | undefined): string | null {
  if (enterpriseScopeOf(actor).kind === 'park') return requested ?? null;
  if (hasRole(actor, 'liaison')) return actor.userId;
  throw forbidden('没有查看统计的权限');
}
