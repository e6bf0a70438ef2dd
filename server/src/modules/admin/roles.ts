import { dropCachedSessions } from '../../platform/auth/session-cache.js';
import {
  OUTSIDE_ROLES,
  PERMISSIONS,
  ROLES,
  ROLE_DATA_SCOPES,
  ROLE_LABELS,
  ROLE_PERMISSIONS,
  ROLE_REQUIRED_PERMISSIONS,
  type CreateRoleRequest,
  type Permission,
  type Role,
  type RoleView,
  type UpdateRoleRequest,
} from '@yuanqi/contract';
import { sql, type Selectable, type Transaction } from 'kysely';
import type { ParkRolesTable } from '../../db/schema-admin.js';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import type { AppContext } from '../../platform/context.js';
import { AppError, conflict, notFound } from '../../platform/errors.js';
import { builtinGrant, dataScopeEditable } from '../../platform/role-access.js';

type StoredRole = Selectable<ParkRolesTable>;

function isRole(code: string): code is Role {
  return (ROLES as readonly string[]).includes(code);
}

function sorted(set: Iterable<Permission>): Permission[] {
  const order = new Map(PERMISSIONS.map((p, i) => [p, i]));
  return [...set].sort((a, b) => order.get(a)! - order.get(b)!);
}

function present(code: string, row: StoredRole | undefined, userCount: number): RoleView {
  if (isRole(code)) {
    const grant = builtinGrant(code, row ?? null);
    const outside = OUTSIDE_ROLES.includes(code);
    const defaults = new Set(ROLE_PERMISSIONS[code]);
    return {
      code,
      name: row?.name ?? ROLE_LABELS[code],
      builtin: true,
      permissions: sorted(grant.permissions),
      requiredPermissions: [...ROLE_REQUIRED_PERMISSIONS[code]],
      grantablePermissions: outside ? [...ROLE_PERMISSIONS[code]] : [...PERMISSIONS],
      dataScope: grant.dataScope,
      dataScopeEditable: dataScopeEditable(code),
      description: row?.description ?? null,
      customised: grant.permissions.size !== defaults.size || [...grant.permissions].some((p) => !defaults.has(p)) || grant.dataScope !== ROLE_DATA_SCOPES[code],
      userCount,
      updatedAt: row?.updated_at.toISOString() ?? null,
    };
  }
  return {
    code,
    name: row!.name,
    builtin: false,
    permissions: sorted(row!.permissions.filter((p): p is Permission => (PERMISSIONS as readonly string[]).includes(p))),
    requiredPermissions: [],
    grantablePermissions: [...PERMISSIONS],
    dataScope: row!.data_scope as RoleView['dataScope'],
    dataScopeEditable: true,
    description: row!.description,
    customised: false,
    userCount,
    updatedAt: row!.updated_at.toISOString(),
  };
}

async function userCounts(db: AppContext['db'] | Transaction<DB>, parkId: string): Promise<Map<string, number>> {
  const rows = await sql<{ code: string; n: number }>`
    select code, count(*)::int as n from (
      select unnest(roles || custom_roles) as code from users where park_id = ${parkId} and is_active
    ) t group by code`.execute(db);
  return new Map(rows.rows.map((r) => [r.code, Number(r.n)]));
}

/** Every role of the park: the nine built-in ones first, then the custom ones by name. */
export async function listRoles(ctx: AppContext, actor: Actor): Promise<{ items: RoleView[] }> {
  const rows = await ctx.db.selectFrom('park_roles').selectAll().where('park_id', '=', actor.parkId).execute();
  const counts = await userCounts(ctx.db, actor.parkId);
  const byCode = new Map(rows.map((r) => [r.code, r]));
  const builtin = ROLES.map((r) => present(r, byCode.get(r), counts.get(r) ?? 0));
  const custom = rows
    .filter((r) => !r.builtin)
    .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'))
    .map((r) => present(r.code, r, counts.get(r.code) ?? 0));
  return { items: [...builtin, ...custom] };
}

async function bumpVersion(trx: Transaction<DB>, parkId: string): Promise<void> {
  await trx.updateTable('parks').set({ roles_version: sql`roles_version + 1` }).where('id', '=', parkId).execute();
  dropCachedSessions(`p:${parkId}`);
}

function auditView(v: RoleView) {
  return { name: v.name, permissions: v.permissions, dataScope: v.dataScope, description: v.description };
}

async function findRole(trx: Transaction<DB>, parkId: string, code: string) {
  return trx.selectFrom('park_roles').selectAll().where('park_id', '=', parkId).where('code', '=', code).forUpdate().executeTakeFirst();
}

export async function createRole(ctx: AppContext, actor: Actor, input: CreateRoleRequest): Promise<RoleView> {
  if (isRole(input.code)) throw conflict(`角色编码“${input.code}”是内置角色`, [{ path: 'code', message: '与内置角色重复' }]);
  if (input.dataScope === 'enterprise' || input.dataScope === 'bank') {
    // a custom role is a staff role: firms' and banks' accounts keep their built-in roles
    throw new AppError('VALIDATION_FAILED', '自定义角色的数据权限只能是全园区、分管企业或无', [{ path: 'dataScope', message: '自定义角色不能限定为本企业或本机构' }]);
  }
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    if (await findRole(trx, actor.parkId, input.code)) throw conflict(`角色编码“${input.code}”已存在`, [{ path: 'code', message: '角色编码已存在' }]);
    const row = await trx
      .insertInto('park_roles')
      .values({ park_id: actor.parkId, code: input.code, name: input.name, builtin: false, permissions: sorted(new Set(input.permissions)), removed: [], data_scope: input.dataScope, description: input.description ?? null, updated_at: now })
      .returningAll()
      .executeTakeFirstOrThrow();
    await bumpVersion(trx, actor.parkId);
    const view = present(row.code, row, 0);
    await recordAudit(trx, actor, actor.parkId, [{ action: 'create', entity: 'role', entityId: row.code, before: null, after: auditView(view) }], now);
    return view;
  });
}

/**
 * Edits a role: its name, permissions and data scope. A built-in role keeps its required
 * permissions (naming them if the edit would take one away), an outside account's role can only
 * lose permissions, and the change counts from the next request of every user who holds it.
 */
export async function updateRole(ctx: AppContext, actor: Actor, code: string, input: UpdateRoleRequest): Promise<RoleView> {
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    const row = await findRole(trx, actor.parkId, code);
    const counts = await userCounts(trx, actor.parkId);
    if (isRole(code)) {
      const before = present(code, row, counts.get(code) ?? 0);
      const wanted = new Set<Permission>(input.permissions ?? before.permissions);
      const missing = ROLE_REQUIRED_PERMISSIONS[code].filter((p) => !wanted.has(p));
      if (missing.length) {
        throw new AppError('VALIDATION_FAILED', `内置角色“${ROLE_LABELS[code]}”必须保留权限:${missing.join('、')}`, [{ path: 'permissions', message: `必须保留 ${missing.join('、')}` }]);
      }
      const outside = OUTSIDE_ROLES.includes(code);
      const defaults = new Set<Permission>(ROLE_PERMISSIONS[code]);
      const beyond = [...wanted].filter((p) => !defaults.has(p));
      if (outside && beyond.length) {
        throw new AppError('VALIDATION_FAILED', `“${ROLE_LABELS[code]}”是外部账号的角色,只能减少权限,不能授予 ${beyond.join('、')}`, [{ path: 'permissions', message: '外部账号的角色只能减少权限' }]);
      }
      if (input.dataScope && input.dataScope !== before.dataScope && !dataScopeEditable(code)) {
        throw new AppError('VALIDATION_FAILED', `“${ROLE_LABELS[code]}”的数据权限固定为账号绑定的${code === 'bank' ? '银行' : '企业'}`, [{ path: 'dataScope', message: '此角色的数据权限不可修改' }]);
      }
      if (input.dataScope === 'enterprise' || input.dataScope === 'bank') {
        throw new AppError('VALIDATION_FAILED', '内部角色的数据权限只能是全园区、分管企业或无', [{ path: 'dataScope', message: '内部角色不能限定为本企业或本机构' }]);
      }
      const values = {
        name: input.name ?? row?.name ?? ROLE_LABELS[code],
        permissions: sorted(beyond),
        removed: sorted([...defaults].filter((p) => !wanted.has(p))),
        data_scope: input.dataScope ?? before.dataScope,
        description: input.description !== undefined ? input.description : (row?.description ?? null),
        updated_at: now,
      };
      if (input.name && input.name !== ROLE_LABELS[code]) {
        throw new AppError('VALIDATION_FAILED', '内置角色不能改名', [{ path: 'name', message: '内置角色不能改名' }]);
      }
      const saved = await trx
        .insertInto('park_roles')
        .values({ park_id: actor.parkId, code, builtin: true, ...values })
        .onConflict((oc) => oc.columns(['park_id', 'code']).doUpdateSet(values))
        .returningAll()
        .executeTakeFirstOrThrow();
      await bumpVersion(trx, actor.parkId);
      const after = present(code, saved, counts.get(code) ?? 0);
      await recordAudit(trx, actor, actor.parkId, [{ action: 'update', entity: 'role', entityId: code, before: auditView(before), after: auditView(after) }], now);
      return after;
    }
    if (!row || row.builtin) throw notFound('角色');
    if (input.dataScope === 'enterprise' || input.dataScope === 'bank') {
      throw new AppError('VALIDATION_FAILED', '自定义角色的数据权限只能是全园区、分管企业或无', [{ path: 'dataScope', message: '自定义角色不能限定为本企业或本机构' }]);
    }
    const before = present(code, row, counts.get(code) ?? 0);
    const saved = await trx
      .updateTable('park_roles')
      .set({
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.permissions ? { permissions: sorted(new Set(input.permissions)) } : {}),
        ...(input.dataScope ? { data_scope: input.dataScope } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
        updated_at: now,
      })
      .where('park_id', '=', actor.parkId)
      .where('code', '=', code)
      .returningAll()
      .executeTakeFirstOrThrow();
    await bumpVersion(trx, actor.parkId);
    const after = present(code, saved, counts.get(code) ?? 0);
    await recordAudit(trx, actor, actor.parkId, [{ action: 'update', entity: 'role', entityId: code, before: auditView(before), after: auditView(after) }], now);
    return after;
  });
}

/** Deletes a custom role no user holds; built-in roles are never deleted (403). */
export async function deleteRole(ctx: AppContext, actor: Actor, code: string): Promise<void> {
  if (isRole(code)) throw new AppError('FORBIDDEN', `内置角色“${ROLE_LABELS[code]}”不能删除`);
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const row = await findRole(trx, actor.parkId, code);
    if (!row) throw notFound('角色');
    const holders = await trx
      .selectFrom('users')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('park_id', '=', actor.parkId)
      .where(sql<boolean>`${code} = any(custom_roles)`)
      .executeTakeFirstOrThrow();
    if (holders.n > 0) throw conflict(`还有 ${holders.n} 个用户持有角色“${row.name}”,请先在用户管理中移除`);
    await trx.deleteFrom('park_roles').where('park_id', '=', actor.parkId).where('code', '=', code).execute();
    await bumpVersion(trx, actor.parkId);
    await recordAudit(trx, actor, actor.parkId, [{ action: 'delete', entity: 'role', entityId: code, before: { name: row.name, permissions: row.permissions, dataScope: row.data_scope }, after: null }], now);
  });
}
