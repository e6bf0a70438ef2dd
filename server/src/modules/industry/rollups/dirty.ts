import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../../db/schema.js';

type Executor = Kysely<DB> | Transaction<DB>;

const HOUR_MS = 3_600_000;

/** The UTC hour an instant falls in (hours are whole in Asia/Shanghai too: UTC+8). */
export function hourOf(ts: Date): Date {
  return new Date(Math.floor(ts.getTime() / HOUR_MS) * HOUR_MS);
}

/**
 * Marks the hours of `timestamps` dirty for the rollup sweep, in the caller's (ingest's)
 * transaction, after its readings are inserted.
 *
 * `on conflict do update` (not `do nothing`) on purpose: the sweep deletes the dirty rows it takes
 * in the statement that takes them, so an ingest that meets a row the sweep is working on waits for
 * the sweep to commit and then marks the hour again — its readings, which the sweep could not see,
 * are rolled up by the next run. With `do nothing` an ingest could meet a committed row the sweep is
 * about to take, skip it, and commit its readings after the sweep read raw: a lost hour.
 */
export async function markRollupDirty(trx: Executor, parkId: string, deviceId: string, timestamps: readonly Date[]): Promise<void> {
  const hours = [...new Set(timestamps.map((t) => hourOf(t).toISOString()))].sort();
  if (hours.length === 0) return;
  await sql`
    insert into iot_rollup_dirty (park_id, device_id, hour)
    select ${parkId}::uuid, ${deviceId}::uuid, h from unnest(${hours}::timestamptz[]) as h
    on conflict (device_id, hour) do update set park_id = excluded.park_id`.execute(trx);
}
