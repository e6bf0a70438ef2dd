import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../../db/schema.js';
import type { DeviceMetricJson } from '../../../db/schema-industry.js';
import { inEnterpriseScope, type EnterpriseScope } from '../../../platform/scope.js';
import { ENERGY_BASE_LOOKBACK_DAYS } from '../rollups/energy.js';

type Executor = Kysely<DB> | Transaction<DB>;

/**
 * The dashboards' SQL. Park-wide figures read device rows, rollups, alarms and accepted figures,
 * never raw readings (产业云总览 must stay fast over tens of millions of readings).
 */

export async function findFirmInScope(db: Executor, scope: EnterpriseScope, enterpriseId: string) {
  return db
    .selectFrom('enterprises as e')
    .select(['e.id', 'e.name', 'e.chain', 'e.is_above_scale'])
    .where(inEnterpriseScope<any, any>(scope, 'e.park_id', 'e.id'))
    .where('e.id', '=', enterpriseId)
    .executeTakeFirst();
}

export async function deviceTypes(db: Executor, parkId: string): Promise<Map<string, { label: string; metrics: DeviceMetricJson[] }>> {
  const rows = await db.selectFrom('iot_device_types').select(['code', 'label', 'metrics']).where('park_id', '=', parkId).execute();
  return new Map(rows.map((r) => [r.code, { label: r.label, metrics: (typeof r.metrics === 'string' ? JSON.parse(r.metrics) : r.metrics) as DeviceMetricJson[] }]));
}

export async function firmDevices(db: Executor, parkId: string, enterpriseId: string) {
  return db
    .selectFrom('iot_devices as d')
    .select([
      'd.id',
      'd.code',
      'd.name',
      'd.type_code',
      'd.location',
      'd.online',
      'd.last_seen_at',
      'd.last_values',
      sql<number>`(select count(*)::int from iot_alarms a where a.device_id = d.id and a.status in ('open', 'acknowledged'))`.as('live_alarms'),
    ])
    .where('d.park_id', '=', parkId)
    .where('d.enterprise_id', '=', enterpriseId)
    .where('d.status', '=', 'active')
    .orderBy('d.type_code')
    .orderBy('d.code')
    .execute();
}

/** A device in the actor's scope (by its firm), with what a series needs. */
export async function findDeviceInScope(db: Executor, scope: EnterpriseScope, deviceId: string) {
  return db
    .selectFrom('iot_devices as d')
    .select(['d.id', 'd.park_id', 'd.name', 'd.type_code', 'd.enterprise_id'])
    .where(inEnterpriseScope<any, any>(scope, 'd.park_id', 'd.enterprise_id'))
    .where('d.id', '=', deviceId)
    .executeTakeFirst();
}

export type AlarmListRow = {
  id: string;
  title: string;
  severity: string;
  status: string;
  device_id: string;
  device_name: string;
  type_code: string;
  enterprise_id: string;
  enterprise_name: string;
  metric: string | null;
  trigger_value: number | null;
  peak_value: number | null;
  raised_at: Date | string;
  cleared_at: Date | string | null;
};

function alarmsQuery(db: Executor, parkId: string) {
  return db
    .selectFrom('iot_alarms as a')
    .innerJoin('iot_devices as d', 'd.id', 'a.device_id')
    .innerJoin('enterprises as e', 'e.id', 'a.enterprise_id')
    .select([
      'a.id',
      'a.title',
      'a.severity',
      'a.status',
      'a.device_id',
      'd.name as device_name',
      'd.type_code',
      'a.enterprise_id',
      'e.name as enterprise_name',
      'a.metric',
      'a.trigger_value',
      'a.peak_value',
      'a.raised_at',
      'a.cleared_at',
    ])
    .where('a.park_id', '=', parkId);
}

/** A firm's alarms: live ones (open, acknowledged) and the latest few of any state. */
export async function firmAlarms(db: Executor, parkId: string, enterpriseId: string, recent: number): Promise<{ live: AlarmListRow[]; recent: AlarmListRow[] }> {
  const [live, latest] = await Promise.all([
    alarmsQuery(db, parkId).where('a.enterprise_id', '=', enterpriseId).where('a.status', 'in', ['open', 'acknowledged']).orderBy('a.raised_at', 'desc').limit(50).execute(),
    alarmsQuery(db, parkId).where('a.enterprise_id', '=', enterpriseId).orderBy('a.raised_at', 'desc').limit(recent).execute(),
  ]);
  return { live: live as AlarmListRow[], recent: latest as AlarmListRow[] };
}

/** The park's latest alarms, live ones first (each part an index walk: no sort of the park's history). */
export async function latestParkAlarms(db: Executor, parkId: string, limit: number): Promise<AlarmListRow[]> {
  const live = (await alarmsQuery(db, parkId).where('a.status', 'in', ['open', 'acknowledged']).orderBy('a.raised_at', 'desc').limit(limit).execute()) as AlarmListRow[];
  if (live.length >= limit) return live;
  const closed = (await alarmsQuery(db, parkId).where('a.status', '=', 'closed').orderBy('a.raised_at', 'desc').limit(limit - live.length).execute()) as AlarmListRow[];
  return [...live, ...closed];
}

/** Live alarms by severity and state, and how many were raised since `since` (iot_alarms_park_idx). */
export async function alarmCounts(db: Executor, parkId: string, since: Date) {
  const [live, today] = await Promise.all([
    db
      .selectFrom('iot_alarms')
      .select(['severity', 'status', sql<number>`count(*)::int`.as('n')])
      .where('park_id', '=', parkId)
      .where('status', 'in', ['open', 'acknowledged'])
      .groupBy(['severity', 'status'])
      .execute(),
    db
      .selectFrom('iot_alarms')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('park_id', '=', parkId)
      .where('raised_at', '>=', since)
      .executeTakeFirstOrThrow(),
  ]);
  return { live: live.map((r) => ({ severity: r.severity, status: r.status, n: Number(r.n) })), raisedToday: Number(today.n) };
}

/** Active devices by type with how many are online, and how many firms have devices. */
export async function deviceCountsByType(db: Executor, parkId: string) {
  const [byType, firms] = await Promise.all([
    db
      .selectFrom('iot_devices')
      .select(['type_code', sql<number>`count(*)::int`.as('total'), sql<number>`count(*) filter (where online)::int`.as('online')])
      .where('park_id', '=', parkId)
      .where('status', '=', 'active')
      .groupBy('type_code')
      .orderBy('type_code')
      .execute(),
    db.selectFrom('iot_devices').select(sql<number>`count(distinct enterprise_id)::int`.as('n')).where('park_id', '=', parkId).where('status', '=', 'active').executeTakeFirstOrThrow(),
  ]);
  return { byType: byType.map((r) => ({ typeCode: r.type_code, total: Number(r.total), online: Number(r.online) })), firms: Number(firms.n) };
}

export async function firmNames(db: Executor, parkId: string, ids: string[]) {
  if (ids.length === 0) return new Map<string, { name: string; chain: string | null }>();
  const rows = await db.selectFrom('enterprises').select(['id', 'name', 'chain']).where('park_id', '=', parkId).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, { name: r.name, chain: r.chain }]));
}

/** A firm's reports of the given months (status, due day). */
export async function firmReports(db: Executor, parkId: string, enterpriseId: string, periods: string[]) {
  if (periods.length === 0) return [];
  return db
    .selectFrom('industry_reports')
    .select([sql<string>`to_char(period, 'YYYY-MM-DD')`.as('period'), 'status', sql<string>`to_char(due_on, 'YYYY-MM-DD')`.as('due_on'), 'late'])
    .where('park_id', '=', parkId)
    .where('enterprise_id', '=', enterpriseId)
    .where('period', 'in', periods)
    .execute();
}


export async function activeIndicators(db: Executor, parkId: string) {
  return db.selectFrom('industry_indicators').select(['key', 'label', 'unit', 'applies_to', 'chains']).where('park_id', '=', parkId).where('active', '=', true).orderBy('sort').orderBy('key').execute();
}

const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

export type FirmEnergyRanges = { month: [string, string]; lastMonth: [string, string]; lastMonthSameDays: [string, string] };
/** kWh per range; null where the firm's meters have no day in that range. */
export type FirmEnergyRow = { enterpriseId: string; month: number; lastMonth: number | null; lastMonthSameDays: number | null; meters: number };

/**
 * Each firm's metered kWh over three ranges of Shanghai days (this month so far, last month, last
 * month's same days), summed in the database: the meters' daily increases by the rule of
 * rollups/energy.ts `dailyIncreases` (the day's last value minus the previous day's last value within
 * the look-back, the first day last − first; a counter that fell below where the day started counts
 * from its reset; a previous day further back than the look-back before the range's first day is not
 * used), over the energy metrics' rows only (iot_rollups_daily_metric_idx). The office
 * dashboard stays one small answer per firm whatever the number of devices and days.
 * `energyMetrics`: the device types' energy metrics, type → keys.
 */
export async function parkEnergyByFirm(db: Executor, parkId: string, energyMetrics: Map<string, string[]>, ranges: FirmEnergyRanges): Promise<FirmEnergyRow[]> {
  const pairs = [...energyMetrics.entries()].flatMap(([type, keys]) => keys.map((k) => `${type}:${k}`));
  if (pairs.length === 0) return [];
  const metrics = [...new Set([...energyMetrics.values()].flat())];
  const from = [ranges.month[0], ranges.lastMonth[0], ranges.lastMonthSameDays[0]].sort()[0]!;
  const to = [ranges.month[1], ranges.lastMonth[1], ranges.lastMonthSameDays[1]].sort().at(-1)!;
  // A day's increase counts from the meter's previous day only if that day lies within the look-back
  // before the range's first day (as energyIncreases reads it for that range), else from the day's first reading.
  const increase = (start: string) => sql`greatest(0, case
      when prev_day >= ${start}::date - ${ENERGY_BASE_LOOKBACK_DAYS}::int
        then case when min >= prev_last then last_value - prev_last else last_value - min + greatest(0, first_value - prev_last) end
      else case when min >= first_value then last_value - first_value else last_value - min end
    end)`;
  const rows = await sql<{ enterprise_id: string; month: number; last_month: number | null; same_days: number | null; meters: number }>`
    with days as (
      select d.enterprise_id, r.device_id, r.day, r.first_value, r.last_value, r.min,
             lag(r.last_value) over w as prev_last, lag(r.day) over w as prev_day
        from iot_rollups_daily r
        join iot_devices d on d.id = r.device_id
       where r.park_id = ${parkId}
         and r.metric = any(${metrics}::text[])
         and r.day between ${addDays(from, -ENERGY_BASE_LOOKBACK_DAYS)}::date and ${to}::date
         and d.park_id = ${parkId}
         and (d.type_code || ':' || r.metric) = any(${pairs}::text[])
      window w as (partition by r.device_id, r.metric order by r.day)
    )
    select enterprise_id,
           coalesce(sum(${increase(ranges.month[0])}) filter (where day between ${ranges.month[0]}::date and ${ranges.month[1]}::date), 0)::float8 as month,
           (sum(${increase(ranges.lastMonth[0])}) filter (where day between ${ranges.lastMonth[0]}::date and ${ranges.lastMonth[1]}::date))::float8 as last_month,
           (sum(${increase(ranges.lastMonthSameDays[0])}) filter (where day between ${ranges.lastMonthSameDays[0]}::date and ${ranges.lastMonthSameDays[1]}::date))::float8 as same_days,
           count(distinct device_id) filter (where day between ${ranges.month[0]}::date and ${ranges.month[1]}::date)::int as meters
      from days
     where day >= ${from}::date
     group by enterprise_id`.execute(db);
  const r2 = (n: number) => Math.round(Number(n) * 100) / 100;
  return rows.rows.map((r) => ({
    enterpriseId: r.enterprise_id,
    month: r2(r.month),
    lastMonth: r.last_month === null ? null : r2(r.last_month),
    lastMonthSameDays: r.same_days === null ? null : r2(r.same_days),
    meters: Number(r.meters),
  }));
}

/** Firms in scope that have active devices or report (规上 unless an officer decided otherwise), with device and alarm counts. */
export async function firmsWithIndustryData(db: Executor, scope: EnterpriseScope, query: { q?: string; chain?: string }, limit: number) {
  const base = db
    .selectFrom('enterprises as e')
    .leftJoin('industry_reporters as rr', (j) => j.onRef('rr.park_id', '=', 'e.park_id').onRef('rr.enterprise_id', '=', 'e.id'))
    .where(inEnterpriseScope<any, any>(scope, 'e.park_id', 'e.id'))
    .$if(!!query.q, (q) => q.where('e.name', 'ilike', `%${query.q!.replace(/[\\%_]/g, (c) => `\\${c}`)}%`))
    .$if(!!query.chain, (q) => q.where('e.chain', '=', query.chain!))
    .where((eb) =>
      eb.or([
        sql<boolean>`coalesce(rr.reports, e.is_above_scale)`,
        eb.exists(eb.selectFrom('iot_devices as d').select(sql`1`.as('x')).whereRef('d.park_id', '=', 'e.park_id').whereRef('d.enterprise_id', '=', 'e.id').where('d.status', '=', 'active')),
      ]),
    );
  const [{ total }] = await base.select(sql<number>`count(*)::int`.as('total')).execute();
  const rows = await base
    .select([
      'e.id',
      'e.name',
      'e.chain',
      'e.is_above_scale',
      sql<number>`(select count(*)::int from iot_devices d where d.park_id = e.park_id and d.enterprise_id = e.id and d.status = 'active')`.as('devices'),
      sql<number>`(select count(*)::int from iot_devices d where d.park_id = e.park_id and d.enterprise_id = e.id and d.status = 'active' and d.online)`.as('online'),
      sql<number>`(select count(*)::int from iot_alarms a where a.park_id = e.park_id and a.enterprise_id = e.id and a.status in ('open', 'acknowledged'))`.as('live_alarms'),
    ])
    .orderBy(sql`(select count(*) from iot_alarms a where a.park_id = e.park_id and a.enterprise_id = e.id and a.status in ('open', 'acknowledged'))`, 'desc')
    .orderBy(sql`(select count(*) from iot_devices d where d.park_id = e.park_id and d.enterprise_id = e.id and d.status = 'active')`, 'desc')
    .orderBy('e.name')
    .limit(limit)
    .execute();
  return { total: Number(total), rows };
}
