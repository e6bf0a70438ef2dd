import { permissionsOf, ROLE_DATA_SCOPES, widestDataScope, type DataScope, type Permission, type Role } from '@yuanqi/contract';
import { forbidden } from './errors.js';

/** Who is acting: the logged-in user as every service sees it. */
export type Actor = {
  userId: string;
  parkId: string;
  username: string;
  displayName: string;
  roles: Role[];
  /** From the park's role table (角色与权限), see platform/role-access.ts. */
  permissions: Set<Permission>;
  /** Which enterprises' rows the actor sees; absent = the built-in roles' defaults. */
  dataScope?: DataScope;
  /** Custom roles of the park the user holds beside `roles`. */
  customRoles?: string[];
  enterpriseId: string | null;
  bankId: string | null;
  sessionId: string | null;
  requestId: string | null;
};

/**
 * An actor with its permissions: those given (the park's stored role table, as a session gets
 * them) or else the code's defaults for its roles.
 */
export function buildActor(input: Omit<Actor, 'permissions'> & { permissions?: Set<Permission> }): Actor {
  return {
    ...input,
    permissions: input.permissions ?? permissionsOf(input.roles),
    dataScope: input.dataScope ?? widestDataScope(input.roles.map((r) => ROLE_DATA_SCOPES[r])),
  };
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
