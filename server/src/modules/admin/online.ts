import { dropCachedSessions } from '../../platform/auth/session-cache.js';
import type { OnlineSession } from '@yuanqi/contract';
import type { Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import type { AppContext } from '../../platform/context.js';
import { AppError, notFound } from '../../platform/errors.js';
import { describeClient } from './user-agent.js';

/** 在线用户: the park's live sessions (not ended, not past their idle or absolute end), latest log-in first. */
export async function listOnlineSessions(ctx: AppContext, actor: Actor): Promise<{ items: OnlineSession[] }> {
  const now = ctx.clock.now();
  const idleSince = new Date(now.getTime() - ctx.config.sessionIdleMinutes * 60_000);
  const rows = await ctx.db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select(['s.id', 's.user_id', 'u.username', 'u.display_name', 'u.roles', 'u.custom_roles', 's.ip', 's.user_agent', 's.created_at', 's.last_seen_at', 's.expires_at'])
    .where('s.park_id', '=', actor.parkId)
    .where('u.park_id', '=', actor.parkId)
    .where('s.ended_at', 'is', null)
    .where('s.expires_at', '>', now)
    .where('s.last_seen_at', '>', idleSince)
    .orderBy('s.created_at', 'desc')
    .limit(1000)
    .execute();
  return {
    items: rows.map((r) => ({
      id: r.id,
      userId: r.user_id,
      username: r.username,
      displayName: r.display_name,
      roles: [...r.roles, ...r.custom_roles],
      ip: r.ip,
      userAgent: r.user_agent,
      client: describeClient(r.user_agent),
      loggedInAt: r.created_at.toISOString(),
      lastSeenAt: r.last_seen_at.toISOString(),
      expiresAt: r.expires_at.toISOString(),
      current: r.id === actor.sessionId,
    })),
  };
}

/**
 * 强制下线: ends one session of the park. The row is marked, not deleted, so its next request is
 * answered 401 您已被管理员强制下线 (the hourly sweep removes it later). Audited.
 */
export async function endSession(ctx: AppContext, actor: Actor, sessionId: string): Promise<void> {
  if (sessionId === actor.sessionId) {
    throw new AppError('VALIDATION_FAILED', '不能强制下线自己当前的登录,请使用“退出登录”', [{ path: 'id', message: '这是您当前的登录' }]);
  }
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('sessions as s')
      .innerJoin('users as u', 'u.id', 's.user_id')
      .select(['s.id', 's.user_id', 's.ip', 's.created_at', 'u.username', 'u.display_name'])
      .where('s.id', '=', sessionId)
      .where('s.park_id', '=', actor.parkId)
      .where('s.ended_at', 'is', null)
      .forUpdate()
      .executeTakeFirst();
    if (!row) throw notFound('在线会话');
    await trx.updateTable('sessions').set({ ended_at: now, ended_by: actor.displayName }).where('id', '=', sessionId).execute();
    dropCachedSessions(`s:${sessionId}`);
    await recordAudit(
      trx,
      actor,
      actor.parkId,
      [{ action: 'force-logout', entity: 'user', entityId: row.user_id, before: { username: row.username, displayName: row.display_name, ip: row.ip, loggedInAt: row.created_at.toISOString() }, after: { endedAt: now.toISOString() } }],
      now,
    );
  });
}
