import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../../db/schema.js';

type Executor = Kysely<DB> | Transaction<DB>;

export type EnergyOffer = {
  /** kWh used in the month by the firm's meters (sum of daily increases of energy metrics) */
  kwh: number;
  /** days of the month with data */
  daysWithData: number;
  daysInMonth: number;
  meters: number;
};

/** How far back a meter's previous day is looked for (a longer silence starts from the day's first reading). */
export const ENERGY_BASE_LOOKBACK_DAYS = 7;

type DailyCounterRow = { enterprise_id: string; device_id: string; metric: string; day: string; first_value: number; last_value: number; min: number };

/** One meter's use on one Shanghai day. */
export type DailyIncrease = { enterpriseId: string; deviceId: string; metric: string; day: string; kwh: number };

const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/**
 * A cumulative counter's increase per day from its daily rollups, in day order: the day's last
 * value minus the previous day's last value (the meter's first day: last − first). A counter that
 * went below where the day started was reset (meter replaced, register overflow): the day counts
 * from the reset — what it climbed after its lowest value (last − min) — plus whatever it had
 * climbed before the day's first reading (first − previous last, when positive). Pure; exported for tests.
 */
export function dailyIncreases(rows: readonly DailyCounterRow[], from: string): DailyIncrease[] {
  const out: DailyIncrease[] = [];
  let prev: DailyCounterRow | null = null;
  for (const row of rows) {
    if (prev && (prev.device_id !== row.device_id || prev.metric !== row.metric)) prev = null;
    const base = prev ? prev.last_value : row.first_value;
    let kwh: number;
    if (row.min >= base) kwh = row.last_value - base;
    else kwh = row.last_value - row.min + Math.max(0, row.first_value - base);
    if (row.day >= from) out.push({ enterpriseId: row.enterprise_id, deviceId: row.device_id, metric: row.metric, day: row.day, kwh: Math.max(0, kwh) });
    prev = row;
  }
  return out;
}

/**
 * The daily increases of every energy metric (device types' metrics marked `energy`: cumulative
 * kWh) of the park's devices — or one firm's — over Shanghai days [from, to], from the daily rollups.
 */
export async function energyIncreases(db: Executor, parkId: string, enterpriseId: string | null, from: string, to: string): Promise<DailyIncrease[]> {
  // Driven from the devices: each device × energy metric of its type is one range of the daily
  // rollups' primary key (device_id, metric, day), whatever else the park's devices measure.
  const rows = await sql<DailyCounterRow>`
    select d.enterprise_id, d.id as device_id, m.metric, r.day, r.first_value, r.last_value, r.min
      from iot_devices d
      join iot_device_types t on t.park_id = d.park_id and t.code = d.type_code
      cross join lateral (select e->>'key' as metric from jsonb_array_elements(t.metrics) e where coalesce((e->>'energy')::boolean, false)) m
      cross join lateral (
        select to_char(x.day, 'YYYY-MM-DD') as day, x.first_value, x.last_value, x.min
          from iot_rollups_daily x
         where x.device_id = d.id and x.metric = m.metric
           and x.day between ${addDays(from, -ENERGY_BASE_LOOKBACK_DAYS)}::date and ${to}::date) r
     where d.park_id = ${parkId}
       ${enterpriseId ? sql`and d.enterprise_id = ${enterpriseId}` : sql``}
     order by d.id, m.metric, r.day`.execute(db);
  return dailyIncreases(
    rows.rows.map((r) => ({ ...r, first_value: Number(r.first_value), last_value: Number(r.last_value), min: Number(r.min) })),
    from,
  );
}

/** The firm's metered electricity for a month (period 'YYYY-MM-01'), offered as its report's 用电量; null = no meter data. */
export async function energyOfferFor(db: Executor, parkId: string, enterpriseId: string, period: string): Promise<EnergyOffer | null> {
  const [y, m] = period.split('-').map(Number);
  const daysInMonth = new Date(Date.UTC(y!, m!, 0)).getUTCDate();
  const to = addDays(period, daysInMonth - 1);
  const increases = await energyIncreases(db, parkId, enterpriseId, period, to);
  if (increases.length === 0) return null;
  const kwh = increases.reduce((s, i) => s + i.kwh, 0);
  return {
    kwh: Math.round(kwh),
    daysWithData: new Set(increases.map((i) => i.day)).size,
    daysInMonth,
    meters: new Set(increases.map((i) => i.deviceId)).size,
  };
}
