import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { ensureIndustryDefaults } from '../defaults.js';
import { markRollupDirty } from './dirty.js';

/**
 * Test helpers (no production caller): a device row, and raw readings written the way ingest
 * writes them (duplicates ignored, hours marked dirty), without the HTTP or MQTT path.
 */
export async function buildDevice(db: Kysely<DB>, parkId: string, enterpriseId: string, overrides: { typeCode?: string; name?: string; code?: string; online?: boolean; lastSeenAt?: Date | null } = {}) {
  await ensureIndustryDefaults(db, parkId);
  const code = overrides.code ?? `D-${Math.random().toString(36).slice(2, 10)}`;
  return db
    .insertInto('iot_devices')
    .values({
      park_id: parkId,
      enterprise_id: enterpriseId,
      code,
      name: overrides.name ?? `测试设备${code}`,
      type_code: overrides.typeCode ?? 'furnace',
      online: overrides.online ?? false,
      last_seen_at: overrides.lastSeenAt ?? null,
      last_values: JSON.stringify({}),
      rejected_by_reason: JSON.stringify({}),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export type RawReading = { metric: string; ts: Date; value: number };

/** Stores readings as ingest does: one reading per device, metric and instant; their hours marked dirty. Answers how many were new. */
export async function insertReadings(db: Kysely<DB>, parkId: string, deviceId: string, readings: readonly RawReading[]): Promise<number> {
  if (readings.length === 0) return 0;
  return db.transaction().execute(async (trx) => {
    const res = await sql<{ ts: Date }>`
      insert into iot_readings (park_id, device_id, metric, ts, value)
      select ${parkId}::uuid, ${deviceId}::uuid, m, t, v
        from unnest(${readings.map((r) => r.metric)}::text[], ${readings.map((r) => r.ts.toISOString())}::timestamptz[], ${readings.map((r) => r.value)}::float8[]) as x(m, t, v)
      on conflict do nothing
      returning ts`.execute(trx);
    await markRollupDirty(trx, parkId, deviceId, res.rows.map((r) => new Date(r.ts)));
    return res.rows.length;
  });
}
