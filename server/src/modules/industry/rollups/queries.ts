import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { energyIncreases } from './energy.js';

type Executor = Kysely<DB> | Transaction<DB>;

export type SeriesGrain = 'raw' | 'hour' | 'day';

/**
 * One point of a device metric's series. `t`: the reading's instant (raw), the hour's start (hour)
 * or the Shanghai day 'YYYY-MM-DD' (day). raw: avg = min = max = last = the value, n = 1.
 */
export type SeriesPoint = { t: string; avg: number; min: number; max: number; last: number; n: number };

/** Raw points answered at most (a longer raw range should ask for hours). */
export const MAX_RAW_POINTS = 20_000;

/**
 * A device metric over [from, to) — instants for raw and hour, Shanghai days [from, to] inclusive
 * for day (pass 'YYYY-MM-DD' or an instant, whose Shanghai date is used). The caller checks the
 * device is in the actor's scope; `parkId` keeps a wrong id from reading another park.
 */
export async function deviceSeries(db: Executor, parkId: string, deviceId: string, metric: string, from: Date | string, to: Date | string, grain: SeriesGrain): Promise<SeriesPoint[]> {
  if (grain === 'raw') {
    const rows = await db
      .selectFrom('iot_readings')
      .select(['ts', 'value'])
      .where('park_id', '=', parkId)
      .where('device_id', '=', deviceId)
      .where('metric', '=', metric)
      .where('ts', '>=', new Date(from))
      .where('ts', '<', new Date(to))
      .orderBy('ts')
      .limit(MAX_RAW_POINTS)
      .execute();
    return rows.map((r) => ({ t: new Date(r.ts).toISOString(), avg: r.value, min: r.value, max: r.value, last: r.value, n: 1 }));
  }
  if (grain === 'hour') {
    const rows = await db
      .selectFrom('iot_rollups_hourly')
      .select(['hour', 'n', 'sum', 'min', 'max', 'last_value'])
      .where('park_id', '=', parkId)
      .where('device_id', '=', deviceId)
      .where('metric', '=', metric)
      .where('hour', '>=', new Date(from))
      .where('hour', '<', new Date(to))
      .orderBy('hour')
      .execute();
    return rows.map((r) => ({ t: new Date(r.hour).toISOString(), avg: r.sum / r.n, min: r.min, max: r.max, last: r.last_value, n: r.n }));
  }
  const dayOf = (v: Date | string) => (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : new Date(new Date(v).getTime() + 8 * 3_600_000).toISOString().slice(0, 10));
  const rows = await db
    .selectFrom('iot_rollups_daily')
    .select(['day', 'n', 'sum', 'min', 'max', 'last_value'])
    .where('park_id', '=', parkId)
    .where('device_id', '=', deviceId)
    .where('metric', '=', metric)
    .where('day', '>=', dayOf(from))
    .where('day', '<=', dayOf(to))
    .orderBy('day')
    .execute();
  return rows.map((r) => ({ t: String(r.day), avg: r.sum / r.n, min: r.min, max: r.max, last: r.last_value, n: r.n }));
}

/** A firm's metered kWh per Shanghai day over [from, to] (days without data are absent). */
export async function firmDailyEnergy(db: Executor, parkId: string, enterpriseId: string, from: string, to: string): Promise<{ day: string; kwh: number }[]> {
  const byDay = new Map<string, number>();
  for (const i of await energyIncreases(db, parkId, enterpriseId, from, to)) byDay.set(i.day, (byDay.get(i.day) ?? 0) + i.kwh);
  return [...byDay.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([day, kwh]) => ({ day, kwh: Math.round(kwh * 100) / 100 }));
}

/** Metered kWh per firm of the park over Shanghai days [from, to], most first (the office's 能耗 by firm). */
export async function energyByFirm(db: Executor, parkId: string, from: string, to: string): Promise<{ enterpriseId: string; kwh: number; meters: number }[]> {
  const byFirm = new Map<string, { kwh: number; meters: Set<string> }>();
  for (const i of await energyIncreases(db, parkId, null, from, to)) {
    const f = byFirm.get(i.enterpriseId) ?? { kwh: 0, meters: new Set<string>() };
    f.kwh += i.kwh;
    f.meters.add(i.deviceId);
    byFirm.set(i.enterpriseId, f);
  }
  return [...byFirm.entries()]
    .map(([enterpriseId, f]) => ({ enterpriseId, kwh: Math.round(f.kwh * 100) / 100, meters: f.meters.size }))
    .sort((a, b) => b.kwh - a.kwh);
}

/** Devices of the park (or one firm) online and offline right now, from the device rows. */
export async function deviceStatusCounts(db: Executor, parkId: string, enterpriseId?: string): Promise<{ total: number; online: number; offline: number }> {
  const row = await db
    .selectFrom('iot_devices')
    .select([sql<number>`count(*)::int`.as('total'), sql<number>`count(*) filter (where online)::int`.as('online')])
    .where('park_id', '=', parkId)
    .where('status', '=', 'active')
    .$if(!!enterpriseId, (q) => q.where('enterprise_id', '=', enterpriseId!))
    .executeTakeFirstOrThrow();
  return { total: row.total, online: row.online, offline: row.total - row.online };
}
