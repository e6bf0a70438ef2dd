import {
  OUTSIDE_ROLES,
  PERMISSIONS,
  ROLES,
  ROLE_DATA_SCOPES,
  ROLE_PERMISSIONS,
  ROLE_REQUIRED_PERMISSIONS,
  widestDataScope,
  type DataScope,
  type Permission,
  type Role,
} from '@yuanqi/contract';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';

/** What one role of a park grants. */
export type RoleGrant = { permissions: ReadonlySet<Permission>; dataScope: DataScope };

type StoredRole = { code: string; builtin: boolean; permissions: string[]; removed: string[]; data_scope: string };

const KNOWN = new Set<string>(PERMISSIONS);

function isRole(code: string): code is Role {
  return (ROLES as readonly string[]).includes(code);
}

/**
 * A built-in role's grant: the code's defaults, plus what the park added, minus what it removed —
 * but never without its required permissions, and an outside account's role (enterprise, bank)
 * never beyond its defaults nor outside its own firm or bank. Permissions added to the product
 * later reach an edited role through its defaults.
 */
export function builtinGrant(role: Role, stored?: Pick<StoredRole, 'permissions' | 'removed' | 'data_scope'> | null): RoleGrant {
  const defaults = ROLE_PERMISSIONS[role];
  const set = new Set<Permission>(defaults);
  if (stored) {
    const outside = OUTSIDE_ROLES.includes(role);
    for (const p of stored.permissions) if (KNOWN.has(p) && !outside) set.add(p as Permission);
    for (const p of stored.removed) set.delete(p as Permission);
    for (const p of ROLE_REQUIRED_PERMISSIONS[role]) set.add(p);
  }
  const dataScope = stored && dataScopeEditable(role) ? (stored.data_scope as DataScope) : ROLE_DATA_SCOPES[role];
  return { permissions: set, dataScope };
}

/** Staff roles may be given the park or only their assigned firms; outside accounts keep theirs. */
export function dataScopeEditable(role: Role): boolean {
  return !OUTSIDE_ROLES.includes(role);
}

function grantOf(row: StoredRole): RoleGrant {
  if (row.builtin && isRole(row.code)) return builtinGrant(row.code, row);
  return { permissions: new Set(row.permissions.filter((p) => KNOWN.has(p)) as Permission[]), dataScope: row.data_scope as DataScope };
}

type ParkRoleTable = { version: number; grants: Map<string, RoleGrant> };

/**
 * Each process keeps the role table of the parks it serves, tagged with the park's
 * `roles_version`. The session lookup reads the version on every request, so an edit made through
 * any process (which bumps it in the same transaction) is seen by every process on its next
 * request; nothing waits for a TTL.
 */
const caches = new WeakMap<Kysely<DB>, Map<string, ParkRoleTable>>();

async function parkRoleTable(db: Kysely<DB>, parkId: string, version: number): Promise<Map<string, RoleGrant>> {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  const hit = cache.get(parkId);
  if (hit && hit.version === version) return hit.grants;
  const rows = await db.selectFrom('park_roles').select(['code', 'builtin', 'permissions', 'removed', 'data_scope']).where('park_id', '=', parkId).execute();
  const grants = new Map<string, RoleGrant>();
  for (const role of ROLES) grants.set(role, builtinGrant(role));
  for (const row of rows) grants.set(row.code, grantOf(row));
  cache.set(parkId, { version, grants });
  return grants;
}

export type Access = { permissions: Set<Permission>; dataScope: DataScope; customRoles: string[] };

/** The permissions and data scope of a user holding `roles` and `customRoles` in a park. */
export async function accessOf(db: Kysely<DB>, parkId: string, version: number, roles: readonly Role[], customRoles: readonly string[]): Promise<Access> {
  const table = await parkRoleTable(db, parkId, version);
  const permissions = new Set<Permission>();
  const scopes: DataScope[] = [];
  const held: string[] = [];
  for (const code of [...roles, ...customRoles]) {
    const grant = table.get(code);
    if (!grant) continue; // a custom role deleted since: grants nothing
    if (!isRole(code)) held.push(code);
    for (const p of grant.permissions) permissions.add(p);
    scopes.push(grant.dataScope);
  }
  return { permissions, dataScope: widestDataScope(scopes), customRoles: held };
}

/** Reads the park's version itself (callers without a session lookup: /api/auth/me, tests). */
export async function accessOfUser(db: Kysely<DB>, user: { park_id: string; roles: string[]; custom_roles: string[] }): Promise<Access> {
  const park = await db.selectFrom('parks').select('roles_version').where('id', '=', user.park_id).executeTakeFirstOrThrow();
  return accessOf(db, user.park_id, park.roles_version, user.roles as Role[], user.custom_roles);
}
