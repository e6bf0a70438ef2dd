import { randomUUID } from 'node:crypto';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { Database } from './db/connection.js';
import { currentMigration } from './db/migrate.js';
import type { Actor } from './platform/actor.js';
import { registerAuthRoutes } from './platform/auth/routes.js';
import { CSRF_COOKIE, CSRF_HEADER, SESSION_COOKIE, loadSession, type SessionLookupRow } from './platform/auth/sessions.js';
import { SessionCache, listenForSessionChanges, registerSessionCache } from './platform/auth/session-cache.js';
import { CalendarService } from './platform/calendar/service.js';
import { systemClock, type Clock } from './platform/clock.js';
import { defaultConfig, type AppConfig, type AppContext } from './platform/context.js';
import { installErrorHandler } from './platform/error-handler.js';
import { installSecurityHeaders } from './platform/security-headers.js';
import { registerWebApp } from './platform/web-app.js';
import { AppError } from './platform/errors.js';
import { route } from './platform/http.js';
import { createSearchRegistry } from './platform/search.js';
import { createNotifier } from './modules/notifications/service.js';
import { registerNotificationRoutes } from './modules/notifications/routes.js';
import { registerEnterpriseRoutes } from './modules/enterprises/routes.js';
import { registerUserRoutes } from './modules/users/routes.js';
import { registerCalendarRoutes } from './modules/calendar/routes.js';
import { registerAuditRoutes } from './modules/audit/routes.js';
import { registerDictionaryRoutes } from './modules/dictionaries/routes.js';
import { registerJobRoutes } from './modules/jobs/routes.js';
import { registerAdminRoutes } from './modules/admin/routes.js';
import { registerDemandRoutes } from './modules/demands/routes.js';
import { registerRatingRoutes } from './modules/ratings/routes.js';
import { registerSearchRoutes } from './modules/search/routes.js';
import { registerServiceCatalogueRoutes } from './modules/services/catalogue/routes.js';
import { registerServiceApplicationRoutes } from './modules/services/applications/routes.js';
import { registerServiceProjectRoutes } from './modules/services/projects/routes.js';
import { registerPolicyRoutes } from './modules/policies/routes.js';
import { registerFundRoutes } from './modules/funds/routes.js';
import { registerFinanceRoutes } from './modules/finance/routes.js';
import { registerIndustryRoutes } from './modules/industry/routes.js';
import { registerLandRoutes } from './modules/land/routes.js';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
  interface FastifyContextConfig {
    public?: boolean;
  }
}

export type BuildAppOptions = {
  database: Database;
  clock?: Clock;
  config?: Partial<AppConfig>;
  logger?: FastifyServerOptions['logger'];
};

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function trustHops(hops: number): (address: string, hop: number) => boolean {
  return (_address, hop) => hop < hops;
}

/** Builds the Fastify app without listening: tests inject requests into it directly. */
export async function buildApp(options: BuildAppOptions): Promise<{ app: FastifyInstance; ctx: AppContext }> {
  const config: AppConfig = { ...defaultConfig, ...options.config };
  const app = Fastify({
    logger: options.logger ?? false,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w-]{8,64}$/.test(given) ? given : randomUUID();
    },
    // X-Forwarded-For is believed only from the configured proxies (TRUST_PROXY, by default
    // nobody): otherwise any client could pick its own address and escape the log-in throttle.
    // A hop count trusts that many proxies in front, whatever their addresses.
    trustProxy: typeof config.trustProxy === 'number' ? trustHops(config.trustProxy) : config.trustProxy,
    bodyLimit: 2 * 1024 * 1024,
    ajv: { customOptions: { strict: false } },
  });
  // Validation is zod's, with Chinese messages, inside each route; JSON Schemas are for the docs.
  app.setValidatorCompiler(() => () => true);

  const clock = options.clock ?? systemClock;
  const ctx: AppContext = {
    database: options.database,
    db: options.database.db,
    clock,
    calendar: new CalendarService(options.database.db, clock),
    notifier: createNotifier(app.log),
    search: createSearchRegistry(),
    config,
  };

  // Loaded before the first request so later reads never wait on the database (see CalendarService).
  await ctx.calendar.reload();
  installErrorHandler(app);
  // Before the plugins: their own hooks (the API docs' CSP) run after this one and may override it.
  installSecurityHeaders(app, config);
  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: config.maxUploadBytes, files: 30, fields: 50 } });
  await app.register(swagger, {
    openapi: {
      info: { title: '园企通 Yuanqi API', version: '1.0.0', description: '园区企业服务平台接口。写操作须带 X-CSRF-Token 请求头(值为 yq_csrf Cookie)。' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE } } },
    },
  });
  await app.register(swaggerUi, {
    routePrefix: '/api/docs',
    // The docs page gets its own policy (hashes of its inline code), framed by nobody, and not
    // upgraded to https where the deployment serves plain http.
    staticCSP: true,
    transformStaticCSP: (header) => {
      const policy = header.replace("frame-ancestors 'self'", "frame-ancestors 'none'");
      return config.secureCookies ? policy : policy.replace(/\s*upgrade-insecure-requests;?/, '');
    },
  });

  // Sessions just read are reused for a few seconds; the database announces every change that must
  // end that at once (platform/auth/session-cache.ts).
  const sessionCache = new SessionCache<SessionLookupRow>(config.sessionCacheSeconds * 1000);
  const unregisterCache = registerSessionCache(sessionCache);
  const stopListening = config.sessionCacheSeconds > 0 ? await listenForSessionChanges(options.database, sessionCache) : null;
  app.addHook('onClose', async () => {
    unregisterCache();
    await stopListening?.();
  });

  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
    if (!request.url.startsWith('/api/')) return;
    const token = request.cookies[SESSION_COOKIE];
    let csrf: string | null = null;
    if (token) {
      const policy = { idleMinutes: config.sessionIdleMinutes, absoluteHours: config.sessionAbsoluteHours };
      const loaded = await loadSession(ctx.db, token, ctx.clock.now(), policy, request.id, sessionCache);
      if (loaded === 'expired') {
        // Said apart from "not logged in" so the web can tell the user why (登录已超时).
        if (!request.routeOptions.config?.public) throw new AppError('SESSION_EXPIRED', '登录已超时,请重新登录');
      } else if (loaded === 'ended') {
        if (!request.routeOptions.config?.public) throw new AppError('SESSION_ENDED', '您已被管理员强制下线,请重新登录');
      } else if (loaded !== 'none') {
        request.actor = loaded.actor;
        csrf = loaded.csrfToken;
      }
    }
    // Log-in is exempt: a browser that still holds an old session must be able to log in again
    // (SameSite=Lax already keeps other sites from posting it).
    if (WRITE_METHODS.has(request.method) && request.actor && request.url !== '/api/auth/login') {
      const header = request.headers[CSRF_HEADER];
      if (typeof header !== 'string' || header !== csrf || request.cookies[CSRF_COOKIE] !== csrf) {
        throw new AppError('CSRF_FAILED', '安全校验失败(缺少或错误的 X-CSRF-Token),请刷新页面后重试');
      }
    }
  });

  route(app, { method: 'GET', url: '/api/health', summary: '健康检查', tags: ['ops'], public: true }, async () => ({
    status: 'ok',
    database: ctx.database.kind,
    migration: await currentMigration(ctx.db),
    time: ctx.clock.now().toISOString(),
  }));
  route(app, { method: 'GET', url: '/api/public/park', summary: '园区名称(登录页显示;多园区部署时为空)', tags: ['ops'], public: true }, async () => {
    const parks = await ctx.db.selectFrom('parks').select(['name']).limit(2).execute();
    return { name: parks.length === 1 ? parks[0]!.name : null };
  });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  registerAuthRoutes(app, ctx);
  registerUserRoutes(app, ctx);
  registerEnterpriseRoutes(app, ctx);
  registerCalendarRoutes(app, ctx);
  registerAuditRoutes(app, ctx);
  registerDictionaryRoutes(app, ctx);
  registerJobRoutes(app, ctx);
  registerAdminRoutes(app, ctx);
  registerNotificationRoutes(app, ctx);
  registerDemandRoutes(app, ctx);
  registerRatingRoutes(app, ctx);
  registerSearchRoutes(app, ctx);
  registerServiceCatalogueRoutes(app, ctx);
  registerServiceApplicationRoutes(app, ctx);
  registerServiceProjectRoutes(app, ctx);
  registerPolicyRoutes(app, ctx);
  registerFundRoutes(app, ctx);
  registerFinanceRoutes(app, ctx);
  registerIndustryRoutes(app, ctx);
  registerLandRoutes(app, ctx);

  await registerWebApp(app, config);

  return { app, ctx };
}
