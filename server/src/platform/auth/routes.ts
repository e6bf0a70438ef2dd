import type { FastifyInstance, FastifyReply } from 'fastify';
import { ZChangePasswordRequest, ZLoginRequest } from '@yuanqi/contract';
import type { AppContext } from '../context.js';
import { route } from '../http.js';
import { changeOwnPassword, describeUser, login } from './service.js';
import { CSRF_COOKIE, SESSION_COOKIE, destroySession } from './sessions.js';

function setSessionCookies(reply: FastifyReply, ctx: AppContext, token: string, csrf: string): void {
  const common = { path: '/', sameSite: 'lax' as const, secure: ctx.config.secureCookies };
  reply.setCookie(SESSION_COOKIE, token, { ...common, httpOnly: true });
  reply.setCookie(CSRF_COOKIE, csrf, { ...common, httpOnly: false });
}

export function registerAuthRoutes(app: FastifyInstance, ctx: AppContext): void {
  route(app, { method: 'POST', url: '/api/auth/login', summary: '登录', tags: ['auth'], public: true, body: ZLoginRequest }, async ({ body, request, reply }) => {
    const { session, userId } = await login(ctx.db, body.username, body.password, {
      ip: request.ip,
      userAgent: request.headers['user-agent'] ?? null,
      now: ctx.clock.now(),
      sessionHours: ctx.config.sessionHours,
      ipLimit: ctx.config.loginIpLimit,
    });
    setSessionCookies(reply, ctx, session.token, session.csrfToken);
    return describeUser(ctx.db, userId);
  });

  route(app, { method: 'POST', url: '/api/auth/logout', summary: '退出登录', tags: ['auth'] }, async ({ actor, reply }) => {
    if (actor.sessionId) await destroySession(ctx.db, actor.sessionId);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    reply.clearCookie(CSRF_COOKIE, { path: '/' });
    return { ok: true };
  });

  route(app, { method: 'GET', url: '/api/auth/me', summary: '当前用户', tags: ['auth'] }, async ({ actor }) => describeUser(ctx.db, actor.userId));

  route(app, { method: 'POST', url: '/api/auth/password', summary: '修改本人密码', tags: ['auth'], body: ZChangePasswordRequest }, async ({ actor, body }) => {
    await changeOwnPassword(ctx.db, actor, body.oldPassword, body.newPassword, ctx.config.production, ctx.clock.now());
    return { ok: true };
  });
}
