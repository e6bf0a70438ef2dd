import { permissionsOf, type Permission, type Role } from '@yuanqi/contract';
import { forbidden } from './errors.js';

/** Who is acting: the logged-in user as every service sees it. */
export type Actor = {
  userId: string;
  parkId: string;
  username: string;
  displayName: string;
  roles: Role[];
  permissions: Set<Permission>;
  enterpriseId: string | null;
  bankId: string | null;
  sessionId: string | null;
  requestId: string | null;
};

export function buildActor(input: Omit<Actor, 'permissions'>): Actor {
  return { ...input, permissions: permissionsOf(input.roles) };
}

export function hasRole(actor: Actor, ...roles: Role[]): boolean {
  return roles.some((r) => actor.roles.includes(r));
}

export function can(actor: Actor, permission: Permission): boolean {
  return actor.permissions.has(permission);
}

export function requirePermission(actor: Actor, permission: Permission): void {
  if (!can(actor, permission)) throw forbidden();
}

/** The system itself (sweeps, seeding) when it writes. */
export function systemActor(parkId: string, name = '系统'): Actor {
  return {
    userId: '00000000-0000-0000-0000-000000000000',
    parkId,
    username: 'system',
    displayName: name,
    roles: ['admin'],
    permissions: permissionsOf(['admin']),
    enterpriseId: null,
    bankId: null,
    sessionId: null,
    requestId: null,
  };
}
