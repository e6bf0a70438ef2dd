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
  sessionHours: number;
  /** Failed log-ins from one IP within 10 minutes before it is throttled. */
  loginIpLimit: number;
  /** Largest upload accepted, in bytes. */
  maxUploadBytes: number;
};

export const defaultConfig: AppConfig = {
  production: false,
  secureCookies: false,
  webDist: null,
  sessionHours: 12,
  loginIpLimit: 30,
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
