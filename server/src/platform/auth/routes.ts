import type { FastifyInstance, FastifyReply } from 'fastify';
import { ZChangePasswordRequest, ZLoginRequest, ZLogoutRequest, type CaptchaChallenge, type SessionInfo } from '@yuanqi/contract';
import type { AppContext } from '../context.js';
import { route } from '../http.js';
import { issueCaptcha } from './captcha.js';
import { changeOwnPassword, describeUser, endSessionsOf, login } from './service.js';
import { CSRF_COOKIE, SESSION_COOKIE, destroySession, listSessionsOf } from './sessions.js';

function setSessionCookies(reply: FastifyReply, ctx: AppContext, token: string, csrf: string): void {
  const common = { path: '/', sameSite: 'lax' as const, secure: ctx.config.secureCookies };
  reply.setCookie(SESSION_COOKIE, token, { ...common, httpOnly: true });
  reply.setCookie(CSRF_COOKIE, csrf, { ...common, httpOnly: false });
}

function clearSessionCookies(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
  reply.clearCookie(CSRF_COOKIE, { path: '/' });
}

export function registerAuthRoutes(app: FastifyInstance, ctx: AppContext): void {
  const policy = () => ({ idleMinutes: ctx.config.sessionIdleMinutes, absoluteHours: ctx.config.sessionAbsoluteHours });

  route(app, { method: 'POST', url: '/api/auth/login', summary: '登录(同一网络地址多次失败后须带验证码)', tags: ['auth'], public: true, body: ZLoginRequest }, async ({ body, request, reply }) => {
    const { session, userId } = await login(ctx.db, body.username, body.password, {
      ip: request.ip,
      userAgent: request.headers['user-agent'] ?? null,
      now: ctx.clock.now(),
      sessionAbsoluteHours: ctx.config.sessionAbsoluteHours,
      ipLimit: ctx.config.loginIpLimit,
      captchaAfter: ctx.config.loginCaptchaAfter,
      // An answer without its challenge (or the reverse) is checked, and fails, as an expired one.
      captcha: body.captchaId || body.captcha ? { id: body.captchaId ?? null, answer: body.captcha ?? '' } : null,
    });
    setSessionCookies(reply, ctx, session.token, session.csrfToken);
    return describeUser(ctx.db, userId);
  });

  route(app, { method: 'POST', url: '/api/auth/captcha', summary: '获取登录验证码(图片,5分钟内有效,只能用一次)', tags: ['auth'], public: true }, async ({ request }): Promise<CaptchaChallenge> => {
    const issued = await issueCaptcha(ctx.db, request.ip, ctx.clock.now());
    return { id: issued.id, image: issued.image, expiresAt: issued.expiresAt.toISOString() };
  });

  route(app, { method: 'POST', url: '/api/auth/logout', summary: '退出登录(可同时退出其他设备)', tags: ['auth'], body: ZLogoutRequest }, async ({ actor, body, reply }) => {
    let endedSessions = 0;
    if (body?.endOtherSessions) ({ endedSessions } = await endSessionsOf(ctx.db, actor, true, ctx.clock.now()));
    else if (actor.sessionId) await destroySession(ctx.db, actor.sessionId);
    clearSessionCookies(reply);
    return { ok: true, endedSessions };
  });

  route(app, { method: 'GET', url: '/api/auth/me', summary: '当前用户', tags: ['auth'] }, async ({ actor }) => describeUser(ctx.db, actor.userId));

  route(app, { method: 'GET', url: '/api/auth/sessions', summary: '本人的登录设备', tags: ['auth'] }, async ({ actor }): Promise<SessionInfo[]> => {
    const rows = await listSessionsOf(ctx.db, actor.userId, ctx.clock.now(), policy());
    return rows.map((r) => ({
      createdAt: r.created_at.toISOString(),
      lastSeenAt: r.last_seen_at.toISOString(),
      expiresAt: r.expires_at.toISOString(),
      ip: r.ip,
      userAgent: r.user_agent,
      current: r.id === actor.sessionId,
    }));
  });

  route(app, { method: 'POST', url: '/api/auth/sessions/end-others', summary: '退出本人的其他设备', tags: ['auth'] }, async ({ actor }) =>
    endSessionsOf(ctx.db, actor, false, ctx.clock.now()),
  );

  route(app, { method: 'POST', url: '/api/auth/password', summary: '修改本人密码(默认同时退出其他设备)', tags: ['auth'], body: ZChangePasswordRequest }, async ({ actor, body }) => {
    const { endedSessions } = await changeOwnPassword(ctx.db, actor, body, ctx.config.production, ctx.clock.now());
    return { ok: true, endedSessions };
  });
}

