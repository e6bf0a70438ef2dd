import {
  ALARM_SEVERITIES,
  ALARM_SEVERITY_LABELS,
  ALARM_STATUS_LABELS,
  REPORT_STATUS_LABELS,
  SERIES_GRAIN_LABELS,
  SERIES_MAX_SPAN_HOURS,
  growthPct,
  periodLabel,
  previousPeriod,
  samePeriodLastYear,
  type AlarmSeverity,
  type AlarmStatus,
  type DashboardAlarm,
  type DashboardDevice,
  type DashboardFirmList,
  type DashboardFirmsQuery,
  type DeviceSeriesQuery,
  type DeviceSeriesView,
  type FirmDashboardReport,
  type FirmDashboardView,
  type MetricKind,
  type OfficeDashboardView,
  type ReportStatus,
  type SeriesPointView,
} from '@yuanqi/contract';
import { sql } from 'kysely';
import type { DeviceMetricJson } from '../../../db/schema-industry.js';
import { can, type Actor } from '../../../platform/actor.js';
import { shanghaiDate, startOfNextShanghaiDay, startOfShanghaiDay } from '../../../platform/calendar/index.js';
import type { AppContext } from '../../../platform/context.js';
import { forbidden, notFound, validationError } from '../../../platform/errors.js';
import { enterpriseScopeOf } from '../../../platform/scope.js';
import { requireIndustryAccess } from '../access.js';
import { industrySettings } from '../defaults.js';
import { chainLabels, reportingFirmsQuery } from '../reports/repository.js';
import { reportDueOn } from '../reports/due.js';
import { deviceSeries, deviceStatusCounts, firmDailyEnergy } from '../rollups/queries.js';
import * as repo from './repository.js';
import { figuresOf } from '../reports/repository.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

const iso = (v: Date | string | null | undefined): string | null => (v === null || v === undefined ? null : new Date(v).toISOString());
const addDays = (day: string, n: number): string => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
const round1 = (n: number) => Math.round(n * 10) / 10;

type TypeMap = Awaited<ReturnType<typeof repo.deviceTypes>>;

function metricOf(types: TypeMap, typeCode: string, metric: string | null): DeviceMetricJson | undefined {
  if (!metric) return undefined;
  return types.get(typeCode)?.metrics.find((m) => m.key === metric);
}

function presentAlarm(row: repo.AlarmListRow, types: TypeMap): DashboardAlarm {
  const metric = metricOf(types, row.type_code, row.metric);
  const severity = row.severity as AlarmSeverity;
  const status = row.status as AlarmStatus;
  return {
    id: row.id,
    title: row.title,
    severity,
    severityLabel: ALARM_SEVERITY_LABELS[severity] ?? row.severity,
    status,
    statusLabel: ALARM_STATUS_LABELS[status] ?? row.status,
    deviceId: row.device_id,
    deviceName: row.device_name,
    enterpriseId: row.enterprise_id,
    enterpriseName: row.enterprise_name,
    metricLabel: metric?.label ?? row.metric,
    unit: metric?.unit ?? '',
    triggerValue: row.trigger_value === null ? null : Number(row.trigger_value),
    peakValue: row.peak_value === null ? null : Number(row.peak_value),
    raisedAt: iso(row.raised_at)!,
    clearedAt: iso(row.cleared_at),
  };
}

/** The current month 'YYYY-MM-01' and today, Asia/Shanghai. */
function calendarOf(now: Date) {
  const today = shanghaiDate(now);
  const month = `${today.slice(0, 7)}-01`;
  const lastMonth = previousPeriod(month);
  const lastMonthEnd = addDays(month, -1);
  return { today, month, lastMonth, lastMonthEnd };
}

const sum = (rows: { kwh: number }[]) => Math.round(rows.reduce((s, r) => s + r.kwh, 0) * 100) / 100;

/**
 * 企业数据看板: a firm's last 12 months of reports with 同比, its devices with live values, its
 * live and recent alarms, and its metered energy (today, this month, last month, 30 days). The
 * firm must be in the actor's scope (own firm, assigned firms, the park): otherwise 404.
 */
export async function firmDashboard(ctx: AppContext, actor: Actor, enterpriseId: string): Promise<FirmDashboardView> {
  requireIndustryAccess(actor);
  const firm = await repo.findFirmInScope(ctx.db, enterpriseScopeOf(actor), enterpriseId);
  if (!firm) throw notFound('企业');
  const parkId = actor.parkId;
  const now = ctx.clock.now();
  const { today, month, lastMonth, lastMonthEnd } = calendarOf(now);

  const periods: string[] = [];
  for (let p = previousPeriod(month); periods.length < 12; p = previousPeriod(p)) periods.push(p);
  const withLastYear = [...periods, ...periods.map(samePeriodLastYear)];
  const thirtyDaysAgo = addDays(today, -29);
  const energyFrom = thirtyDaysAgo < lastMonth ? thirtyDaysAgo : lastMonth;

  const [chains, types, indicators, reports, figures, devices, alarms, daily, settings, calendar] = await Promise.all([
    chainLabels(ctx.db, parkId),
    repo.deviceTypes(ctx.db, parkId),
    repo.activeIndicators(ctx.db, parkId),
    repo.firmReports(ctx.db, parkId, firm.id, periods),
    figuresOf(ctx.db, parkId, firm.id, withLastYear),
    repo.firmDevices(ctx.db, parkId, firm.id),
    repo.firmAlarms(ctx.db, parkId, firm.id, 8),
    firmDailyEnergy(ctx.db, parkId, firm.id, energyFrom, today),
    industrySettings(ctx.db, parkId),
    ctx.calendar.get(),
  ]);

  const applicable = indicators.filter((i) => i.applies_to === 'all' || (firm.chain !== null && (i.chains ?? []).includes(firm.chain)));
  const reportOf = new Map(reports.map((r) => [r.period, r]));
  const reportViews: FirmDashboardReport[] = periods.map((period) => {
    const r = reportOf.get(period);
    const status = (r?.status as ReportStatus | undefined) ?? null;
    const values = figures.get(period);
    const base = figures.get(samePeriodLastYear(period));
    return {
      period,
      status,
      statusLabel: status ? REPORT_STATUS_LABELS[status] : '未填报',
      dueOn: r?.due_on ?? reportDueOn(calendar, period, settings.reportDueWorkday).dueOn,
      late: r?.late ?? false,
      figures: values
        ? applicable
            .filter((i) => values.has(i.key))
            .map((i) => {
              const value = values.get(i.key)!;
              const lastYear = base?.get(i.key) ?? null;
              return { key: i.key, label: i.label, unit: i.unit, value, lastYear, yoyPct: growthPct(value, lastYear) };
            })
        : [],
    };
  });

  const deviceViews: DashboardDevice[] = devices.map((d) => {
    const type = types.get(d.type_code);
    const last = (typeof d.last_values === 'string' ? JSON.parse(d.last_values) : (d.last_values ?? {})) as Record<string, { value: number; ts: string }>;
    return {
      id: d.id,
      code: d.code,
      name: d.name,
      typeCode: d.type_code,
      typeLabel: type?.label ?? d.type_code,
      location: d.location,
      online: d.online,
      lastSeenAt: iso(d.last_seen_at),
      values: (type?.metrics ?? []).map((m) => ({
        key: m.key,
        label: m.label,
        unit: m.unit,
        kind: m.kind as MetricKind,
        value: last[m.key] ? Number(last[m.key]!.value) : null,
        ts: last[m.key]?.ts ?? null,
      })),
      liveAlarms: Number(d.live_alarms),
    };
  });

  const meters = new Set(devices.filter((d) => (types.get(d.type_code)?.metrics ?? []).some((m) => m.energy)).map((d) => d.id)).size;
  const inRange = (from: string, to: string) => daily.filter((d) => d.day >= from && d.day <= to);
  return {
    enterprise: { id: firm.id, name: firm.name, chain: firm.chain, chainLabel: firm.chain ? (chains.get(firm.chain) ?? firm.chain) : null, isAboveScale: firm.is_above_scale },
    generatedAt: now.toISOString(),
    reports: reportViews,
    devices: deviceViews,
    devicesOnline: deviceViews.filter((d) => d.online).length,
    devicesTotal: deviceViews.length,
    liveAlarms: alarms.live.map((a) => presentAlarm(a, types)),
    recentAlarms: alarms.recent.map((a) => presentAlarm(a, types)),
    energy: {
      meters,
      todayKwh: meters ? sum(inRange(today, today)) : null,
      monthKwh: meters ? sum(inRange(month, today)) : null,
      lastMonthKwh: meters ? sum(inRange(lastMonth, lastMonthEnd)) : null,
      daily: inRange(thirtyDaysAgo, today),
    },
  };
}

/**
 * 产业云总览: devices online/offline (by type), live alarms by severity and the latest, this
 * month's metered energy by firm (top 15, change vs the same days of last month), and the month
 * being reported (submitted / accepted / overdue). Office roles only (industry:stats or :manage).
 */
export async function officeDashboard(ctx: AppContext, actor: Actor): Promise<OfficeDashboardView> {
  if (!can(actor, 'industry:stats') && !can(actor, 'industry:manage')) throw forbidden();
  const parkId = actor.parkId;
  const now = ctx.clock.now();
  const { today, month, lastMonth, lastMonthEnd } = calendarOf(now);
  const dayOfMonth = Number(today.slice(8, 10));
  const sameDayLastMonth = addDays(lastMonth, dayOfMonth - 1) > lastMonthEnd ? lastMonthEnd : addDays(lastMonth, dayOfMonth - 1);
  const period = lastMonth;

  const types = await repo.deviceTypes(ctx.db, parkId);
  const energyMetrics = new Map([...types.entries()].map(([code, t]) => [code, t.metrics.filter((m) => m.energy).map((m) => m.key)] as const).filter(([, keys]) => keys.length > 0));
  const [status, byType, alarmCounts, latest, energy, chains, settings, calendar] = await Promise.all([
    deviceStatusCounts(ctx.db, parkId),
    repo.deviceCountsByType(ctx.db, parkId),
    repo.alarmCounts(ctx.db, parkId, startOfShanghaiDay(today)),
    repo.latestParkAlarms(ctx.db, parkId, 8),
    // each firm's metered kWh this month, last month and last month's same days, summed in one query
    repo.parkEnergyByFirm(ctx.db, parkId, energyMetrics, { month: [month, today], lastMonth: [lastMonth, lastMonthEnd], lastMonthSameDays: [lastMonth, sameDayLastMonth] }),
    chainLabels(ctx.db, parkId),
    industrySettings(ctx.db, parkId),
    ctx.calendar.get(),
  ]);

  const thisMonth = energy.filter((f) => f.meters > 0).sort((a, b) => b.month - a.month || a.enterpriseId.localeCompare(b.enterpriseId));
  const total = (pick: (f: repo.FirmEnergyRow) => number | null) => Math.round(energy.reduce((s, f) => s + (pick(f) ?? 0), 0) * 100) / 100;
  const dueOn = reportDueOn(calendar, period, settings.reportDueWorkday).dueOn;
  const counts = await reportingFirmsQuery(ctx.db, { kind: 'park', parkId }, period)
    .select([
      sql<number>`count(*)::int`.as('expected'),
      sql<number>`count(*) filter (where rep.status = 'submitted')::int`.as('submitted'),
      sql<number>`count(*) filter (where rep.status = 'accepted')::int`.as('accepted'),
      sql<number>`count(*) filter (where rep.status = 'returned')::int`.as('returned'),
      sql<number>`count(*) filter (where rep.status = 'draft')::int`.as('draft'),
      sql<number>`count(*) filter (where rep.status is null)::int`.as('not_started'),
    ])
    .executeTakeFirstOrThrow();
  const outstanding = Number(counts.returned) + Number(counts.draft) + Number(counts.not_started);

  const top = thisMonth.slice(0, 15);
  const names = await repo.firmNames(ctx.db, parkId, top.map((r) => r.enterpriseId));

  const severities = [...ALARM_SEVERITIES].reverse();
  return {
    generatedAt: now.toISOString(),
    devices: {
      ...status,
      firms: byType.firms,
      byType: byType.byType.map((t) => ({ ...t, label: types.get(t.typeCode)?.label ?? t.typeCode })),
    },
    alarms: {
      live: alarmCounts.live.reduce((s, r) => s + r.n, 0),
      bySeverity: severities.map((severity) => ({
        severity,
        label: ALARM_SEVERITY_LABELS[severity],
        open: alarmCounts.live.find((r) => r.severity === severity && r.status === 'open')?.n ?? 0,
        acknowledged: alarmCounts.live.find((r) => r.severity === severity && r.status === 'acknowledged')?.n ?? 0,
      })),
      raisedToday: alarmCounts.raisedToday,
      latest: latest.map((a) => presentAlarm(a, types)),
    },
    energy: {
      month,
      totalKwh: total((f) => f.month),
      lastMonthSameDaysKwh: total((f) => f.lastMonthSameDays),
      lastMonthKwh: total((f) => f.lastMonth),
      firmsWithMeters: thisMonth.length,
      topFirms: top.map((r) => {
        const firm = names.get(r.enterpriseId);
        return {
          enterpriseId: r.enterpriseId,
          enterpriseName: firm?.name ?? '—',
          chainLabel: firm?.chain ? (chains.get(firm.chain) ?? firm.chain) : null,
          kwh: r.month,
          lastMonthKwh: r.lastMonth,
          changePct: growthPct(r.month, r.lastMonthSameDays),
          meters: r.meters,
        };
      }),
    },
    reporting: {
      period,
      periodLabel: periodLabel(period),
      dueOn,
      expected: Number(counts.expected),
      submitted: Number(counts.submitted),
      accepted: Number(counts.accepted),
      returned: Number(counts.returned),
      draft: Number(counts.draft),
      notStarted: Number(counts.not_started),
      overdue: today > dueOn ? outstanding : 0,
    },
  };
}

function parseBound(value: string | undefined, end: boolean): Date | undefined {
  if (value === undefined) return undefined;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return end ? startOfNextShanghaiDay(value) : startOfShanghaiDay(value);
  return new Date(value);
}

/**
 * A device metric's series at a grain (raw readings, hourly or daily rollups), with each bucket's
 * increase for counters. The device's firm must be in scope (404 otherwise); the metric must be
 * one of its type's; the range is bounded per grain.
 */
export async function deviceSeriesView(ctx: AppContext, actor: Actor, deviceId: string, query: DeviceSeriesQuery): Promise<DeviceSeriesView> {
  requireIndustryAccess(actor);
  const device = await repo.findDeviceInScope(ctx.db, enterpriseScopeOf(actor), deviceId);
  if (!device) throw notFound('设备');
  const types = await repo.deviceTypes(ctx.db, device.park_id);
  const type = types.get(device.type_code);
  const metric = type?.metrics.find((m) => m.key === query.metric);
  if (!metric) {
    throw validationError([{ path: 'metric', message: `${type?.label ?? '该设备类型'}没有指标“${query.metric}”,可选:${(type?.metrics ?? []).map((m) => `${m.key}(${m.label})`).join('、')}` }]);
  }
  const grain = query.grain;
  const to = parseBound(query.to, true) ?? ctx.clock.now();
  const from = parseBound(query.from, false) ?? new Date(to.getTime() - (grain === 'day' ? 30 * DAY_MS : DAY_MS));
  if (from.getTime() >= to.getTime()) throw validationError([{ path: 'from', message: '开始时间须早于结束时间' }]);
  const maxHours = SERIES_MAX_SPAN_HOURS[grain];
  if (to.getTime() - from.getTime() > maxHours * HOUR_MS) {
    throw validationError([{ path: 'from', message: `${SERIES_GRAIN_LABELS[grain]}最多查询${maxHours >= 48 && grain !== 'raw' ? `${Math.floor(maxHours / 24)}天` : `${maxHours}小时`},请缩短时间范围或改用更粗的粒度` }]);
  }

  // one bucket before `from`, so the first bucket's increase is known for counters
  const counter = metric.kind === 'counter';
  const lead = grain === 'day' ? DAY_MS : HOUR_MS;
  const fetchFrom = counter ? new Date(from.getTime() - lead) : from;
  const rows =
    grain === 'day'
      ? await deviceSeries(ctx.db, device.park_id, device.id, metric.key, shanghaiDate(fetchFrom), shanghaiDate(new Date(to.getTime() - 1)), 'day')
      : await deviceSeries(ctx.db, device.park_id, device.id, metric.key, grain === 'hour' ? new Date(Math.floor(fetchFrom.getTime() / HOUR_MS) * HOUR_MS) : fetchFrom, to, grain);
  const firstKept = grain === 'day' ? shanghaiDate(from) : grain === 'hour' ? new Date(Math.floor(from.getTime() / HOUR_MS) * HOUR_MS).toISOString() : from.toISOString();
  const points: SeriesPointView[] = [];
  let prevLast: number | null = null;
  for (const p of rows) {
    const delta = counter && prevLast !== null ? Math.max(0, round1(p.last - prevLast)) : null;
    prevLast = p.last;
    if (p.t < firstKept) continue;
    points.push({ t: p.t, avg: Math.round(p.avg * 1000) / 1000, min: p.min, max: p.max, last: p.last, n: p.n, delta });
  }
  return {
    deviceId: device.id,
    deviceName: device.name,
    metric: metric.key,
    label: metric.label,
    unit: metric.unit,
    kind: metric.kind as MetricKind,
    grain,
    from: from.toISOString(),
    to: to.toISOString(),
    points,
  };
}

/** The firms whose dashboards the actor may open (own firm, assigned firms, the park), busiest first. */
export async function dashboardFirms(ctx: AppContext, actor: Actor, query: DashboardFirmsQuery): Promise<DashboardFirmList> {
  requireIndustryAccess(actor);
  const limit = 200;
  const [{ total, rows }, chains] = await Promise.all([repo.firmsWithIndustryData(ctx.db, enterpriseScopeOf(actor), query, limit), chainLabels(ctx.db, actor.parkId)]);
  return {
    total,
    limit,
    items: rows.map((r) => ({
      enterpriseId: r.id,
      name: r.name,
      chainLabel: r.chain ? (chains.get(r.chain) ?? r.chain) : null,
      isAboveScale: r.is_above_scale,
      devices: Number(r.devices),
      online: Number(r.online),
      liveAlarms: Number(r.live_alarms),
    })),
  };
}
