import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';

/** Dirty hours taken per transaction. */
export const ROLLUP_BATCH = 500;

export type RollupRunResult = { hours: number; days: number; batches: number };

type DirtyRow = { park_id: string; device_id: string; hour: Date };

/**
 * The rollup sweep (every minute, any number of processes): takes up to `batchSize` dirty hours
 * (`iot_rollup_dirty`, marked by ingest) with FOR UPDATE SKIP LOCKED — after share-locking their
 * devices, and deleting them in the taking statement (see below) — recomputes those hours exactly from raw (count, sum, min, max,
 * first and last value by ts, last ts), then the Asia/Shanghai days they fall in from the hourly
 * rows, all in one transaction per batch. Recomputing from raw (never adding to a running total)
 * is what makes late and re-sent data give exact rollups: a late reading only marks its hour dirty
 * again, and a duplicate is never stored (unique device, metric, ts).
 *
 * Two processes never take the same hour, but may take two hours of the same device-day; each
 * takes a transaction-scoped advisory lock per device-day after writing its hours and before
 * summing the day, so whichever sums second sees the other's committed hours.
 */
export async function rollupDirtyHours(db: Kysely<DB>, options: { batchSize?: number; maxBatches?: number } = {}): Promise<RollupRunResult> {
  const batchSize = options.batchSize ?? ROLLUP_BATCH;
  const maxBatches = options.maxBatches ?? 200;
  const total: RollupRunResult = { hours: 0, days: 0, batches: 0 };
  for (let b = 0; b < maxBatches; b++) {
    const done = await db.transaction().execute(async (trx) => {
      // 1. candidates, unlocked; 2. their devices FOR SHARE, in id order: an ingest that holds a
      //    device (its write locks the device row before it marks hours dirty) commits first, and
      //    one that comes later waits for this batch to commit — so no reading can be stored
      //    behind a dirty mark this batch is consuming; 3. the dirty rows, taken and deleted in
      //    one statement (SKIP LOCKED: another process's rows are left to it).
      const candidates = await sql<{ device_id: string; hour: Date }>`
        select device_id, hour from iot_rollup_dirty order by hour limit ${batchSize}`.execute(trx);
      if (candidates.rows.length === 0) return { hours: 0, days: 0, more: false };
      const candidateDevices = [...new Set(candidates.rows.map((c) => c.device_id))].sort();
      await sql`select id from iot_devices where id = any(${candidateDevices}::uuid[]) order by id for share`.execute(trx);
      const taken = await sql<DirtyRow>`
        delete from iot_rollup_dirty d
         where (d.device_id, d.hour) in (
           select device_id, hour from iot_rollup_dirty
            where (device_id, hour) in (select * from unnest(${candidates.rows.map((c) => c.device_id)}::uuid[], ${candidates.rows.map((c) => new Date(c.hour).toISOString())}::timestamptz[]))
              for update skip locked)
        returning d.park_id, d.device_id, d.hour`.execute(trx);
      const rows = taken.rows;
      if (rows.length === 0) return { hours: 0, days: 0, more: false };
      const devices = rows.map((r) => r.device_id);
      const hours = rows.map((r) => new Date(r.hour).toISOString());

      // The hours, exactly from raw: each dirty hour × each metric of the device's type (ingest
      // stores no other) is one parameterized range of the (device_id, metric, ts) index, in the
      // one month's partition (LATERAL keeps the planner from scanning the device's whole history).
      await sql`
        with d as (select * from unnest(${devices}::uuid[], ${hours}::timestamptz[]) as d(device_id, hour))
        insert into iot_rollups_hourly (park_id, device_id, metric, hour, n, sum, min, max, first_value, last_value, last_ts)
        select dev.park_id, d.device_id, m.metric, d.hour, a.n, a.sum, a.min, a.max, a.first_value, a.last_value, a.last_ts
          from d
          join iot_devices dev on dev.id = d.device_id
          join iot_device_types t on t.park_id = dev.park_id and t.code = dev.type_code
          cross join lateral (select e->>'key' as metric from jsonb_array_elements(t.metrics) e) m
          cross join lateral (
            select count(*)::int as n, sum(r.value) as sum, min(r.value) as min, max(r.value) as max,
                   (array_agg(r.value order by r.ts))[1] as first_value, (array_agg(r.value order by r.ts desc))[1] as last_value, max(r.ts) as last_ts
              from iot_readings r
             where r.device_id = d.device_id and r.metric = m.metric and r.ts >= d.hour and r.ts < d.hour + interval '1 hour') a
         where a.n > 0
        on conflict (device_id, metric, hour) do update set
          n = excluded.n, sum = excluded.sum, min = excluded.min, max = excluded.max,
          first_value = excluded.first_value, last_value = excluded.last_value, last_ts = excluded.last_ts`.execute(trx);

      // The Shanghai days those hours fall in (UTC+8, whole hours: each hour in exactly one day).
      const dayKeys = new Map<string, { device: string; day: string }>();
      for (const r of rows) {
        const day = new Date(new Date(r.hour).getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
        dayKeys.set(`${r.device_id}|${day}`, { device: r.device_id, day });
      }
      const keys = [...dayKeys.keys()].sort();
      await sql`select pg_advisory_xact_lock(hashtext('iot_rollups_daily'), hashtext(k)) from unnest(${keys}::text[]) as k order by k`.execute(trx);
      const dayDevices = keys.map((k) => dayKeys.get(k)!.device);
      const days = keys.map((k) => dayKeys.get(k)!.day);
      await sql`
        with dd as (select * from unnest(${dayDevices}::uuid[], ${days}::date[]) as dd(device_id, day))
        insert into iot_rollups_daily (park_id, device_id, metric, day, n, sum, min, max, first_value, last_value, last_ts)
        select dev.park_id, dd.device_id, m.metric, dd.day, a.n, a.sum, a.min, a.max, a.first_value, a.last_value, a.last_ts
          from dd
          join iot_devices dev on dev.id = dd.device_id
          join iot_device_types t on t.park_id = dev.park_id and t.code = dev.type_code
          cross join lateral (select e->>'key' as metric from jsonb_array_elements(t.metrics) e) m
          cross join lateral (
            select sum(h.n)::int as n, sum(h.sum) as sum, min(h.min) as min, max(h.max) as max,
                   (array_agg(h.first_value order by h.hour))[1] as first_value, (array_agg(h.last_value order by h.hour desc))[1] as last_value, max(h.last_ts) as last_ts
              from iot_rollups_hourly h
             where h.device_id = dd.device_id and h.metric = m.metric
               and h.hour >= (dd.day::timestamp - interval '8 hours') at time zone 'UTC'
               and h.hour < (dd.day::timestamp + interval '16 hours') at time zone 'UTC') a
         where a.n > 0
        on conflict (device_id, metric, day) do update set
          n = excluded.n, sum = excluded.sum, min = excluded.min, max = excluded.max,
          first_value = excluded.first_value, last_value = excluded.last_value, last_ts = excluded.last_ts`.execute(trx);
      return { hours: rows.length, days: keys.length, more: candidates.rows.length === batchSize };
    });
    if (done.hours === 0) break;
    total.hours += done.hours;
    total.days += done.days;
    total.batches++;
    if (!done.more) break;
  }
  return total;
}
