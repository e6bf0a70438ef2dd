import { dropCachedSessions } from './session-cache.js';
import type { LoginFailureReason, Me, Role } from '@yuanqi/contract';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../actor.js';
import { recordAudit } from '../audit.js';
import { AppError } from '../errors.js';
import { decoyHash, hashPassword, isWeakPassword, verifyPassword } from '../passwords.js';
import { accessOfUser } from '../role-access.js';
import { consumeCaptcha } from './captcha.js';
import { createSession, destroyOtherSessions, type CreatedSession } from './sessions.js';

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

export type LoginOptions = {
  ip: string;
  userAgent: string | null;
  now: Date;
  sessionAbsoluteHours: number;
  ipLimit: number;
  /** IP failures (10 minutes) from which a captcha is needed; 0 = never. */
  captchaAfter: number;
  captcha?: { id: string | null; answer: string } | null;
};

/**
 * The failure counter of one log-in name. A real account keeps it on its user row; a name that
 * belongs to nobody keeps one in `login_name_failures` that behaves the same (no window, across
 * addresses, reset by a lock), so every answer — and every answer to a second address — is the
 * same for a ghost name as for a real one.
 */
type NameCounter = {
  lockedUntil: Date | null;
  /** Adds a failure atomically (parallel attempts cannot slip past the limit); returns the new count. */
  addFailure(): Promise<number>;
  lock(until: Date): Promise<void>;
};

function userCounter(db: Kysely<DB>, user: { id: string; locked_until: Date | null }): NameCounter {
  return {
    lockedUntil: user.locked_until,
    addFailure: async () =>
      (
        await db
          .updateTable('users')
          .set({ failed_login_count: sql`failed_login_count + 1` })
          .where('id', '=', user.id)
          .returning(['failed_login_count'])
          .executeTakeFirstOrThrow()
      ).failed_login_count,
    lock: async (until) => {
      await db.updateTable('users').set({ locked_until: until, failed_login_count: 0 }).where('id', '=', user.id).execute();
    },
  };
}

async function ghostCounter(db: Kysely<DB>, key: string, now: Date): Promise<NameCounter> {
  const row = await db.selectFrom('login_name_failures').select(['locked_until']).where('username_key', '=', key).executeTakeFirst();
  return {
    lockedUntil: row?.locked_until ?? null,
    addFailure: async () =>
      (
        await db
          .insertInto('login_name_failures')
          .values({ username_key: key, failed_count: 1, updated_at: now })
          .onConflict((oc) => oc.column('username_key').doUpdateSet({ failed_count: sql`login_name_failures.failed_count + 1`, updated_at: now }))
          .returning(['failed_count'])
          .executeTakeFirstOrThrow()
      ).failed_count,
    lock: async (until) => {
      await db.updateTable('login_name_failures').set({ locked_until: until, failed_count: 0, updated_at: now }).where('username_key', '=', key).execute();
    },
  };
}

/** The key a log-in name is counted under: what the users_username_key index compares. */
export function loginNameKey(username: string): string {
  return username.trim().toLowerCase().slice(0, 64);
}

/**
 * Checks the password and opens a session. Five wrong passwords lock the name for fifteen
 * minutes, whether or not an account has it; many failures from one IP first ask for an image
 * captcha, then throttle that IP whatever the user name.
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
  // 登录日志: the park and user once the name is known, the browser, and why a log-in failed.
  let known: { id: string; park_id: string } | null = null;
  const recordAttempt = (ok: boolean, reason: LoginFailureReason | null) =>
    db
      .insertInto('login_attempts')
      .values({ username: username.slice(0, 64), ip, ok, at: now, park_id: known?.park_id ?? null, user_id: known?.id ?? null, user_agent: opts.userAgent?.slice(0, 300) ?? null, reason })
      .execute();

  // The captcha depends on the address only, never on the name, so it tells nothing about accounts.
  if (opts.captchaAfter > 0 && failures.n >= opts.captchaAfter) {
    if (!opts.captcha) throw new AppError('CAPTCHA_REQUIRED', '请输入验证码', [{ path: 'captcha', message: '请输入验证码' }]);
    const verdict = await consumeCaptcha(db, opts.captcha.id, opts.captcha.answer, now);
    if (verdict !== 'ok') {
      // A wrong guess counts against the address, so guessing images runs into the IP throttle.
      await recordAttempt(false, 'captcha');
      const message = verdict === 'wrong' ? '验证码错误,请重新输入' : '验证码已过期,请刷新后重新输入';
      throw new AppError('CAPTCHA_INVALID', message, [{ path: 'captcha', message }]);
    }
  }

  const key = loginNameKey(username);
  const user = await db.selectFrom('users').selectAll().where(sql`lower(username)`, '=', key).executeTakeFirst();
  const counter = user ? userCounter(db, user) : await ghostCounter(db, key, now);
  known = user ?? null;

  if (counter.lockedUntil && counter.lockedUntil.getTime() > now.getTime()) {
    await recordAttempt(false, 'locked');
    throw lockedError(counter.lockedUntil, now);
  }
  // A name without an account is checked against a decoy hash: the same argon2 work, the same time.
  let ok = false;
  if (user) ok = await verifyPassword(user.password_hash, password);
  else await verifyPassword(await decoyHash(), password);
  if (!user || !ok) {
    await recordAttempt(false, user ? 'bad_password' : 'unknown_user');
    const count = await counter.addFailure();
    if (count >= MAX_FAILED_LOGINS) {
      const until = new Date(now.getTime() + LOCK_MINUTES * 60_000);
      await counter.lock(until);
      throw lockedError(until, now);
    }
    throw new AppError('INVALID_CREDENTIALS', `用户名或密码错误,再错${MAX_FAILED_LOGINS - count}次账号将被锁定${LOCK_MINUTES}分钟`);
  }
  if (!user.is_active) {
    await recordAttempt(false, 'inactive');
    throw new AppError('FORBIDDEN', '账号已停用,请联系管理员');
  }
  await recordAttempt(true, null);
  await db
    .updateTable('users')
    .set({ failed_login_count: 0, locked_until: null, last_login_at: now })
    .where('id', '=', user.id)
    .execute();
  const session = await createSession(db, user, now, opts.sessionAbsoluteHours, { ip, userAgent: opts.userAgent });
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
      'u.enterprise_id', 'e.name as enterprise_name', 'u.bank_id', 'b.name as bank_name', 'u.custom_roles',
    ])
    .where('u.id', '=', userId)
    .executeTakeFirstOrThrow();
  const roles = row.roles as Role[];
  // The park's role table (角色与权限), as every request's actor gets it.
  const access = await accessOfUser(db, { park_id: row.park_id, roles, custom_roles: row.custom_roles });
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    parkId: row.park_id,
    parkName: row.park_name,
    roles,
    permissions: [...access.permissions],
    enterpriseId: row.enterprise_id,
    enterpriseName: row.enterprise_name,
    bankId: row.bank_id,
    bankName: row.bank_name,
  };
}

/**
 * Changes the actor's own password. With `endOtherSessions` (the default) every other session of
 * the user ends: a changed password should lock out whoever else had it.
 */
export async function changeOwnPassword(
  db: Kysely<DB>,
  actor: Actor,
  input: { oldPassword: string; newPassword: string; endOtherSessions: boolean },
  production: boolean,
  now: Date,
): Promise<{ endedSessions: number }> {
  const { oldPassword, newPassword } = input;
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
  return db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ password_hash: passwordHash, password_changed_at: now, updated_at: now }).where('id', '=', actor.userId).execute();
    const endedSessions = input.endOtherSessions ? await destroyOtherSessions(trx, actor.userId, actor.sessionId) : 0;
    await recordAudit(
      trx,
      actor,
      actor.parkId,
      [{ action: 'user.change-password', entity: 'user', entityId: actor.userId, before: null, after: { endedOtherSessions: endedSessions } }],
      now,
    );
    return { endedSessions };
  });
}

/**
 * Ends the actor's other sessions (个人设置 「退出其他设备」, or 退出登录 with 同时退出其他设备);
 * with `includingThis` the current one too. Audited when any other session ended or was asked to.
 */
export async function endSessionsOf(db: Kysely<DB>, actor: Actor, includingThis: boolean, now: Date): Promise<{ endedSessions: number }> {
  return db.transaction().execute(async (trx) => {
    const endedSessions = await destroyOtherSessions(trx, actor.userId, actor.sessionId);
    if (includingThis && actor.sessionId) {
      await trx.deleteFrom('sessions').where('id', '=', actor.sessionId).execute();
      dropCachedSessions(`s:${actor.sessionId}`);
    }
    await recordAudit(
      trx,
      actor,
      actor.parkId,
      [{ action: 'user.end-other-sessions', entity: 'user', entityId: actor.userId, before: null, after: { endedOtherSessions: endedSessions, loggedOut: includingThis } }],
      now,
    );
    return { endedSessions };
  });
}
