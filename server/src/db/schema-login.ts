import type { Generated } from 'kysely';
import type { Timestamp } from './schema.js';

/** Failure counter of a log-in name that belongs to no user (see migration 20261126-0010). */
export type LoginNameFailuresTable = {
  username_key: string;
  failed_count: Generated<number>;
  locked_until: Date | null;
  updated_at: Timestamp;
};

/** A single-use image challenge of the log-in form. */
export type LoginCaptchasTable = {
  id: Generated<string>;
  answer_hash: string;
  ip: string;
  created_at: Generated<Date>;
  expires_at: Date;
};

export type LoginTables = {
  login_name_failures: LoginNameFailuresTable;
  login_captchas: LoginCaptchasTable;
};
