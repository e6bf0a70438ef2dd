import type { Kysely } from 'kysely';
import type { Database } from '../db/connection.js';
import type { DB } from '../db/schema.js';
import type { CalendarService } from './calendar/service.js';
import type { Clock } from './clock.js';
import type { Notifier } from './notifications.js';
import type { SearchRegistry } from './search.js';

export type AppConfig = {
  /** NODE_ENV=production: no demo users, weak passwords refused, Secure cookies unless told otherwise. */
  production: boolean;
  /** Set the Secure flag on cookies (behind HTTPS). */
  secureCookies: boolean;
  /** Folder of the built web app to serve, if any. */
  webDist: string | null;
  /** A session ends after this many minutes without a request (SESSION_IDLE_MINUTES). */
  sessionIdleMinutes: number;
  /** …and this many hours after the log-in whatever happens (SESSION_ABSOLUTE_HOURS). */
  sessionAbsoluteHours: number;
  /**
   * Seconds a process reuses a session it has just read (SESSION_CACHE_SECONDS; 0 = read it on every
   * request). Ended sessions and changed users or roles are dropped at once: platform/auth/session-cache.ts.
   */
  sessionCacheSeconds: number;
  /** Failed log-ins from one IP within 10 minutes before it is throttled. */
  loginIpLimit: number;
  /** Failed log-ins from one IP within 10 minutes after which the log-in needs an image captcha; 0 = never (LOGIN_CAPTCHA_AFTER). */
  loginCaptchaAfter: number;
  /**
   * Which peers may tell the client's address in X-Forwarded-For (TRUST_PROXY), as Fastify's
   * `trustProxy` takes it: false = nobody (the socket address is the client), a list of
   * addresses/CIDRs, or a hop count. See docs/OPERATIONS.md.
   */
  trustProxy: false | string | number;
  /** Origins allowed to frame the big screen (FRAME_ANCESTORS); empty = no page may be framed. */
  frameAncestors: string[];
  /** Largest upload accepted, in bytes. */
  maxUploadBytes: number;
};

export const defaultConfig: AppConfig = {
  production: false,
  secureCookies: false,
  webDist: null,
  sessionIdleMinutes: 30,
  sessionAbsoluteHours: 12,
  sessionCacheSeconds: 5,
  loginIpLimit: 30,
  loginCaptchaAfter: 3,
  trustProxy: false,
  frameAncestors: [],
  maxUploadBytes: 20 * 1024 * 1024,
};

/** Everything a module needs, built once per process and handed to every module. */
export type AppContext = {
  database: Database;
  db: Kysely<DB>;
  clock: Clock;
  calendar: CalendarService;
  notifier: Notifier;
  /** Global-search providers, registered by their modules when the app is built. */
  search: SearchRegistry;
  config: AppConfig;
};
