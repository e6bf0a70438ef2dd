import { INDUSTRY_SETTING_DEFAULTS } from '@yuanqi/contract';
import { sql } from 'kysely';
import type { AppContext } from '../../../platform/context.js';
import type { NotificationInput } from '../../../platform/notifications.js';
import { enterpriseUserIds } from '../../../platform/park-users.js';

const BATCH = 500;

type WentOffline = { id: string; park_id: string; enterprise_id: string; name: string; code: string; last_seen_at: Date; after_minutes: number; liaison_id: string | null };

const shanghaiTime = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

/**
 * 在线/离线: ingest marks a device online whenever it stores a reading (telemetry); this sweep
 * marks offline the online devices not heard from for the park's `offline_after_minutes`, sets
 * `status_changed_at`, and tells the firm's users and its liaison — once per transition: the
 * UPDATE flips `online` only where it is still true, under FOR UPDATE SKIP LOCKED, so a second run
 * or a second process finds nothing to flip. One transaction per batch.
 */
export async function sweepOfflineDevices(ctx: AppContext, now = ctx.clock.now()): Promise<{ offline: number }> {
  let offline = 0;
  for (;;) {
    const n = await ctx.db.transaction().execute(async (trx) => {
      const flipped = await sql<WentOffline>`
        with stale as (
          select d.id, coalesce(s.offline_after_minutes, ${INDUSTRY_SETTING_DEFAULTS.offlineAfterMinutes}) as after_minutes
            from iot_devices d
            left join industry_settings s on s.park_id = d.park_id
           where d.online
             and (d.last_seen_at is null
                  or d.last_seen_at < ${now}::timestamptz - make_interval(mins => coalesce(s.offline_after_minutes, ${INDUSTRY_SETTING_DEFAULTS.offlineAfterMinutes})))
           order by d.last_seen_at nulls first
           limit ${BATCH}
             for update of d skip locked)
        update iot_devices d
           set online = false, status_changed_at = ${now}
          from stale, enterprises e
         where d.id = stale.id and d.online and e.id = d.enterprise_id
        returning d.id, d.park_id, d.enterprise_id, d.name, d.code, d.last_seen_at, stale.after_minutes, e.liaison_id`.execute(trx);
      const rows = flipped.rows;
      if (rows.length === 0) return 0;
      const notes: NotificationInput[] = [];
      const byPark = new Map<string, WentOffline[]>();
      for (const r of rows) byPark.set(r.park_id, [...(byPark.get(r.park_id) ?? []), r]);
      for (const [parkId, devices] of byPark) {
        const users = await enterpriseUserIds(trx, parkId, [...new Set(devices.map((d) => d.enterprise_id))]);
        for (const d of devices) {
          const recipients = new Set([...(users.get(d.enterprise_id) ?? []), ...(d.liaison_id ? [d.liaison_id] : [])]);
          const since = d.last_seen_at ? `最后上报于 ${shanghaiTime(new Date(d.last_seen_at))}` : '从未上报数据';
          for (const userId of recipients) {
            notes.push({
              parkId,
              userId,
              kind: 'industry.device_offline',
              title: `设备离线:${d.name}(${d.code})`,
              body: `${since},已超过${d.after_minutes}分钟未收到数据,请检查设备供电与网络。`,
              link: `/industry/devices/${d.id}`,
            });
          }
        }
      }
      if (notes.length > 0) await ctx.notifier.notify(trx, notes);
      return rows.length;
    });
    offline += n;
    if (n < BATCH) break;
  }
  return { offline };
}
