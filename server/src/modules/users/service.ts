import { dropCachedSessions } from '../../platform/auth/session-cache.js';
import { maskPhone, type CreateUserRequest, type Role, type UpdateUserRequest, type UserSummary } from '@yuanqi/contract';
import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import type { AppContext } from '../../platform/context.js';
import { AppError, conflict, notFound } from '../../platform/errors.js';
import { hashPassword, isWeakPassword } from '../../platform/passwords.js';

type UserRowJoined = {
  id: string; username: string; display_name: string; roles: string[]; custom_roles: string[]; phone: string | null;
  enterprise_id: string | null; enterprise_name: string | null; bank_id: string | null; bank_name: string | null;
  is_active: boolean; locked_until: Date | null; last_login_at: Date | null; created_at: Date;
};

function present(row: UserRowJoined, now: Date): UserSummary {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    roles: row.roles as Role[],
    customRoles: row.custom_roles,
    phone: maskPhone(row.phone),
    enterpriseId: row.enterprise_id,
    enterpriseName: row.enterprise_name,
    bankId: row.bank_id,
    bankName: row.bank_name,
    isActive: row.is_active,
    lockedUntil: row.locked_until && row.locked_until > now ? row.locked_until.toISOString() : null,
    lastLoginAt: row.last_login_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
  };
}

function baseQuery(ctx: AppContext, parkId: string) {
  return ctx.db
    .selectFrom('users as u')
    .leftJoin('enterprises as e', 'e.id', 'u.enterprise_id')
    .leftJoin('banks as b', 'b.id', 'u.bank_id')
    .select([
      'u.id', 'u.username', 'u.display_name', 'u.roles', 'u.custom_roles', 'u.phone', 'u.enterprise_id', 'e.name as enterprise_name',
      'u.bank_id', 'b.name as bank_name', 'u.is_active', 'u.locked_until', 'u.last_login_at', 'u.created_at',
    ])
    .where('u.park_id', '=', parkId);
}

export async function listUsers(ctx: AppContext, actor: Actor, query: { q?: string; role?: Role; page: number; pageSize: number }) {
  let q = baseQuery(ctx, actor.parkId);
  if (query.q) {
    const like = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) => eb.or([eb('u.username', 'ilike', like), eb('u.display_name', 'ilike', like)]));
  }
  if (query.role) q = q.where(sql<boolean>`${query.role} = any(u.roles)`);
  const rows = await q.orderBy('u.username').limit(query.pageSize).offset((query.page - 1) * query.pageSize).execute();
  const { total } = await q.clearSelect().select(sql<number>`count(*)::int`.as('total')).executeTakeFirstOrThrow();
  const now = ctx.clock.now();
  return { items: rows.map((r) => present(r, now)), total };
}

/** An enterprise user is bound to one firm of the park, a bank user to one bank. */
async function assertBindings(trx: Transaction<DB>, parkId: string, roles: Role[], enterpriseId: string | null | undefined, bankId: string | null | undefined) {
  if (roles.includes('enterprise')) {
    if (!enterpriseId) throw new AppError('VALIDATION_FAILED', '企业用户必须绑定一家企业', [{ path: 'enterpriseId', message: '企业用户必须绑定一家企业' }]);
    const e = await trx.selectFrom('enterprises').select('id').where('id', '=', enterpriseId).where('park_id', '=', parkId).executeTakeFirst();
    if (!e) throw new AppError('VALIDATION_FAILED', '绑定的企业不存在', [{ path: 'enterpriseId', message: '企业不存在' }]);
  }
  if (roles.includes('bank')) {
    if (!bankId) throw new AppError('VALIDATION_FAILED', '金融机构用户必须绑定一家银行', [{ path: 'bankId', message: '金融机构用户必须绑定一家银行' }]);
    const b = await trx.selectFrom('banks').select('id').where('id', '=', bankId).where('park_id', '=', parkId).executeTakeFirst();
    if (!b) throw new AppError('VALIDATION_FAILED', '绑定的银行不存在', [{ path: 'bankId', message: '银行不存在' }]);
  }
}

function auditView(u: { username: string; display_name: string; roles: string[]; custom_roles: string[]; enterprise_id: string | null; bank_id: string | null; is_active: boolean }) {
  return { username: u.username, displayName: u.display_name, roles: u.roles, customRoles: u.custom_roles, enterpriseId: u.enterprise_id, bankId: u.bank_id, isActive: u.is_active };
}

/** Custom roles must be roles of the park (角色与权限); the built-in ones go in `roles`. */
async function assertCustomRoles(trx: Transaction<DB>, parkId: string, codes: string[] | undefined): Promise<string[] | undefined> {
  if (!codes) return undefined;
  const unique = [...new Set(codes)];
  if (unique.length === 0) return [];
  const found = await trx.selectFrom('park_roles').select('code').where('park_id', '=', parkId).where('builtin', '=', false).where('code', 'in', unique).execute();
  const missing = unique.filter((c) => !found.some((f) => f.code === c));
  if (missing.length) throw new AppError('VALIDATION_FAILED', `自定义角色“${missing[0]}”不存在`, [{ path: 'customRoles', message: '自定义角色不存在' }]);
  return unique;
}

export async function createUser(ctx: AppContext, actor: Actor, input: CreateUserRequest): Promise<UserSummary> {
  if (ctx.config.production && isWeakPassword(input.password)) {
    throw new AppError('VALIDATION_FAILED', '密码过于常见,请换一个', [{ path: 'password', message: '密码过于常见' }]);
  }
  const passwordHash = await hashPassword(input.password);
  const id = await ctx.db.transaction().execute(async (trx) => {
    const taken = await trx.selectFrom('users').select('id').where(sql`lower(username)`, '=', input.username.toLowerCase()).executeTakeFirst();
    if (taken) throw conflict(`用户名“${input.username}”已被使用`, [{ path: 'username', message: '用户名已被使用' }]);
    await assertBindings(trx, actor.parkId, input.roles, input.enterpriseId, input.bankId);
    const customRoles = (await assertCustomRoles(trx, actor.parkId, input.customRoles)) ?? [];
    const row = await trx
      .insertInto('users')
      .values({
        park_id: actor.parkId,
        username: input.username,
        display_name: input.displayName,
        password_hash: passwordHash,
        roles: input.roles,
        custom_roles: customRoles,
        phone: input.phone ?? null,
        enterprise_id: input.roles.includes('enterprise') ? (input.enterpriseId ?? null) : null,
        bank_id: input.roles.includes('bank') ? (input.bankId ?? null) : null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, actor.parkId, [{ action: 'create', entity: 'user', entityId: row.id, before: null, after: auditView(row) }], ctx.clock.now());
    return row.id;
  });
  return getUser(ctx, actor, id);
}

export async function getUser(ctx: AppContext, actor: Actor, id: string): Promise<UserSummary> {
  const row = await baseQuery(ctx, actor.parkId).where('u.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('用户');
  return present(row, ctx.clock.now());
}

export async function updateUser(ctx: AppContext, actor: Actor, id: string, input: UpdateUserRequest): Promise<UserSummary> {
  if (input.password && ctx.config.production && isWeakPassword(input.password)) {
    throw new AppError('VALIDATION_FAILED', '密码过于常见,请换一个', [{ path: 'password', message: '密码过于常见' }]);
  }
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  await ctx.db.transaction().execute(async (trx) => {
    const current = await trx.selectFrom('users').selectAll().where('id', '=', id).where('park_id', '=', actor.parkId).forUpdate().executeTakeFirst();
    if (!current) throw notFound('用户');
    if (id === actor.userId && (input.isActive === false || (input.roles && !input.roles.includes('admin')))) {
      throw new AppError('VALIDATION_FAILED', '不能停用自己或撤销自己的管理员角色', [{ path: input.isActive === false ? 'isActive' : 'roles', message: '不能对自己执行此操作' }]);
    }
    const roles = (input.roles ?? current.roles) as Role[];
    const enterpriseId = input.enterpriseId !== undefined ? input.enterpriseId : current.enterprise_id;
    const bankId = input.bankId !== undefined ? input.bankId : current.bank_id;
    await assertBindings(trx, actor.parkId, roles, enterpriseId, bankId);
    const customRoles = await assertCustomRoles(trx, actor.parkId, input.customRoles);
    const now = ctx.clock.now();
    const updated = await trx
      .updateTable('users')
      .set({
        ...(input.displayName !== undefined ? { display_name: input.displayName } : {}),
        roles,
        ...(customRoles ? { custom_roles: customRoles } : {}),
        ...(input.phone !== undefined ? { phone: input.phone } : {}),
        enterprise_id: roles.includes('enterprise') ? enterpriseId : null,
        bank_id: roles.includes('bank') ? bankId : null,
        ...(input.isActive !== undefined ? { is_active: input.isActive } : {}),
        ...(passwordHash ? { password_hash: passwordHash, password_changed_at: now } : {}),
        ...(input.unlock || passwordHash ? { locked_until: null, failed_login_count: 0 } : {}),
        updated_at: now,
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    dropCachedSessions(`u:${id}`);
    // A deactivated user, a reset password or changed roles end the user's open sessions.
    if (input.isActive === false || passwordHash || input.roles || customRoles) {
      await trx.deleteFrom('sessions').where('user_id', '=', id).execute();
    }
    await recordAudit(trx, actor, actor.parkId, [{ action: passwordHash ? 'update+reset-password' : input.unlock ? 'update+unlock' : 'update', entity: 'user', entityId: id, before: auditView(current), after: auditView(updated) }], now);
  });
  return getUser(ctx, actor, id);
}

export async function listBanks(ctx: AppContext, actor: Actor) {
  let q = ctx.db.selectFrom('banks').select(['id', 'name', 'short_name', 'code']).where('park_id', '=', actor.parkId);
  if (actor.roles.every((r) => r === 'bank')) q = q.where('id', '=', actor.bankId ?? '00000000-0000-0000-0000-000000000000');
  const rows = await q.orderBy('code').execute();
  return { items: rows.map((b) => ({ id: b.id, code: b.code, name: b.name, shortName: b.short_name })) };
}
