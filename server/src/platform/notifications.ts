import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.js';

export type NotificationInput = {
  parkId: string;
  userId: string;
  kind: string;
  title: string;
  body?: string;
  link?: string;
  /** Also send as SMS through the configured channel. */
  sms?: boolean;
};

/** The SMS channel is an interface; the default logs the message instead of sending it. */
export type SmsChannel = { send(phone: string, text: string): Promise<void> };

export const loggingSmsChannel = (log: (msg: string) => void): SmsChannel => ({
  send: async (phone, text) => log(`SMS to ${phone}: ${text}`),
});

export type Notifier = {
  /** Queues in-site messages in the caller's transaction. */
  notify(trx: Transaction<DB> | Kysely<DB>, items: NotificationInput[]): Promise<void>;
};
