import { can, type Actor } from '../../platform/actor.js';
import { forbidden } from '../../platform/errors.js';
import type { Permission } from '@yuanqi/contract';

/** The actor holds at least one of `permissions`, else 403 (a row outside the scope is still 404). */
export function requireAnyLandPermission(actor: Actor, ...permissions: Permission[]): void {
  if (!permissions.some((p) => can(actor, p))) throw forbidden();
}
