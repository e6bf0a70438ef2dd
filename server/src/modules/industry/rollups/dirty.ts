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
 * The sweep's guarantee (sweep.ts): it share-locks the devices of the hours it takes before taking
 * them. So an ingest that updates its device row (last_seen_at …) BEFORE marking, in the same
 * transaction, may mark with `on conflict do nothing` (the telemetry ingest does: its dirty CTE
 * runs after its device update). This helper marks with `on conflict do update`, which is safe in
 * any order: it waits for a sweep that is taking the row and marks the hour again after it commits.
 */
export async function markRollupDirty(trx: Executor, parkId: string, deviceId: string, timestamps: readonly Date[]): Promise<void> {
  const hours = [...new Set(timestamps.map((t) => hourOf(t).toISOString()))].sort();
  if (hours.length === 0) return;
  await sql`
    insert into iot_rollup_dirty (park_id, device_id, hour)
    select ${parkId}::uuid, ${deviceId}::uuid, h from unnest(${hours}::timestamptz[]) as h
    on conflict (device_id, hour) do update set park_id = excluded.park_id`.execute(trx);
}
