import type { Me, Role } from '@yuanqi/contract';
import { permissionsOf } from '@yuanqi/contract';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../actor.js';
import { recordAudit } from '../audit.js';
import { AppError } from '../errors.js';
import { decoyHash, hashPassword, isWeakPassword, verifyPassword } from '../passwords.js';
import { createSession, type CreatedSession } from './sessions.js';

export const MAX_FAILED_LOGINS = 5;
export const LOCK_MINUTES = 15;
const IP_WINDOW_MINUTES = 10;

function shanghaiTime(d: Date): string {
  const t = new Date(d.getTime() + 8 * 3_600_000);
  return `${String(t.getUTCHours()).padStart(2, '0')}:${String(t.getUTCMinutes()).padStart(2, '0')}`;
}

function lockedError(until: Date, now: Date): AppError {
  const minutes = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
  return new AppError('ACCOUNT_LOCKED', `密码连续错误${MAX_FAILED_LOGINS}次,账号已锁定${LOCK_MINUTES}分钟,请于${shanghaiTime(until)}后再试(约${minutes}分钟)`);
}

export type LoginOptions = { ip: string; userAgent: string | null; now: Date; sessionHours: number; ipLimit: number };

/**
 * Checks the password and opens a session. Five wrong passwords lock the account for fifteen
 * minutes; many failures from one IP throttle that IP whatever the user name.
 */
export async function login(db: Kysely<DB>, username: string, password: string, opts: LoginOptions): Promise<{ session: CreatedSession; userId: string }> {
  const { now, ip } = opts;
  const since = new Date(now.getTime() - IP_WINDOW_MINUTES * 60_000);
  const failures = await db
    .selectFrom('login_attempts')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('ip', '=', ip)
    .where('ok', '=', false)
    .where('at', '>', since)
    .executeTakeFirstOrThrow();
  if (failures.n >= opts.ipLimit) {
    throw new AppError('TOO_MANY_REQUESTS', `该网络地址登录失败次数过多,请${IP_WINDOW_MINUTES}分钟后再试`);
  }
  const user = await db
    .selectFrom('users')
    .selectAll()
    .where(sql`lower(username)`, '=', username.trim().toLowerCase())
    .executeTakeFirst();
  const recordAttempt = (ok: boolean) =>
    db.insertInto('login_attempts').values({ username: username.slice(0, 64), ip, ok, at: now }).execute();

  if (!user) {
    await verifyPassword(await decoyHash(), password);
    await recordAttempt(false);
    // Answer as a real account would (attempts left, then a lock), so the answer does not tell
    // which user names exist.
    const tries = await db
      .selectFrom('login_attempts')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('ip', '=', ip)
      .where('ok', '=', false)
      .where('at', '>', new Date(now.getTime() - LOCK_MINUTES * 60_000))
      .where(sql`lower(trim(username))`, '=', username.slice(0, 64).trim().toLowerCase())
      .executeTakeFirstOrThrow();
    if (tries.n >= MAX_FAILED_LOGINS) throw lockedError(new Date(now.getTime() + LOCK_MINUTES * 60_000), now);
    throw new AppError('INVALID_CREDENTIALS', `用户名或密码错误,再错${MAX_FAILED_LOGINS - tries.n}次账号将被锁定${LOCK_MINUTES}分钟`);
  }
  if (user.locked_until && user.locked_until.getTime() > now.getTime()) {
    await recordAttempt(false);
    throw lockedError(user.locked_until, now);
  }
  const ok = await verifyPassword(user.password_hash, password);
  if (!ok) {
    await recordAttempt(false);
    // Count atomically so parallel attempts cannot slip past the limit.
    const updated = await db
      .updateTable('users')
      .set({ failed_login_count: sql`failed_login_count + 1` })
      .where('id', '=', user.id)
      .returning(['failed_login_count'])
      .executeTakeFirstOrThrow();
    if (updated.failed_login_count >= MAX_FAILED_LOGINS) {
      const until = new Date(now.getTime() + LOCK_MINUTES * 60_000);
      await db.updateTable('users').set({ locked_until: until, failed_login_count: 0 }).where('id', '=', user.id).execute();
      throw lockedError(until, now);
    }
    const left = MAX_FAILED_LOGINS - updated.failed_login_count;
    throw new AppError('INVALID_CREDENTIALS', `用户名或密码错误,再错${left}次账号将被锁定${LOCK_MINUTES}分钟`);
  }
  if (!user.is_active) {
    await recordAttempt(false);
    throw new AppError('FORBIDDEN', '账号已停用,请联系管理员');
  }
  await recordAttempt(true);
  await db
    .updateTable('users')
    .set({ failed_login_count: 0, locked_until: null, last_login_at: now })
    .where('id', '=', user.id)
    .execute();
  const session = await createSession(db, user, now, opts.sessionHours, { ip, userAgent: opts.userAgent });
  return { session, userId: user.id };
}

export async function describeUser(db: Kysely<DB>, userId: string): Promise<Me> {
  const row = await db
    .selectFrom('users as u')
    .innerJoin('parks as p', 'p.id', 'u.park_id')
    .leftJoin('enterprises as e', 'e.id', 'u.enterprise_id')
    .leftJoin('banks as b', 'b.id', 'u.bank_id')
    .select([
      'u.id', 'u.username', 'u.display_name', 'u.park_id', 'p.name as park_name', 'u.roles',
      'u.enterprise_id', 'e.name as enterprise_name', 'u.bank_id', 'b.name as bank_name',
    ])
    .where('u.id', '=', userId)
    .executeTakeFirstOrThrow();
  const roles = row.roles as Role[];
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    parkId: row.park_id,
    parkName: row.park_name,
    roles,
    permissions: [...permissionsOf(roles)],
    enterpriseId: row.enterprise_id,
    enterpriseName: row.enterprise_name,
    bankId: row.bank_id,
    bankName: row.bank_name,
  };
}

export async function changeOwnPassword(db: Kysely<DB>, actor: Actor, oldPassword: string, newPassword: string, production: boolean, now: Date): Promise<void> {
  const user = await db.selectFrom('users').select(['password_hash']).where('id', '=', actor.userId).executeTakeFirstOrThrow();
  if (!(await verifyPassword(user.password_hash, oldPassword))) {
    throw new AppError('VALIDATION_FAILED', '原密码不正确', [{ path: 'oldPassword', message: '原密码不正确' }]);
  }
  if (oldPassword === newPassword) {
    throw new AppError('VALIDATION_FAILED', '新密码不能与原密码相同', [{ path: 'newPassword', message: '新密码不能与原密码相同' }]);
  }
  if (production && isWeakPassword(newPassword)) {
    throw new AppError('VALIDATION_FAILED', '新密码过于常见,请换一个', [{ path: 'newPassword', message: '新密码过于常见' }]);
  }
  const passwordHash = await hashPassword(newPassword);
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ password_hash: passwordHash, password_changed_at: now, updated_at: now }).where('id', '=', actor.userId).execute();
    // Other sessions of this user end: a changed password should lock out whoever else had it.
    await trx.deleteFrom('sessions').where('user_id', '=', actor.userId).where('id', '!=', actor.sessionId ?? '').execute();
    await recordAudit(trx, actor, actor.parkId, [{ action: 'user.change-password', entity: 'user', entityId: actor.userId, before: null, after: null }], now);
  });
}
