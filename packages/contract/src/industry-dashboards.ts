import { z } from 'zod';
import type { AlarmSeverity, AlarmStatus, MetricKind, ReportStatus } from './industry.js';

/**
 * 产业云 dashboards (docs/industry/DASHBOARDS.md): a firm's own 企业数据看板 and the office's
 * 产业云总览. Both read device rows, rollups, alarms and accepted figures — never raw readings for
 * park-wide figures.
 *
 * | Route | Query | Answer | Permission |
 * |---|---|---|---|
 * | `GET /api/industry/dashboard/firm/:enterpriseId` | — | `FirmDashboardView` | industry:read or industry:report; own firm / assigned firms / park (404 out of scope) |
 * | `GET /api/industry/dashboard/office` | — | `OfficeDashboardView` | industry:stats or industry:manage |
 * | `GET /api/industry/devices/:id/series` | `ZDeviceSeriesQuery` | `DeviceSeriesView` | the device's firm in scope (404 otherwise) |
 * | `GET /api/industry/dashboard/firms` | `ZDashboardFirmsQuery` | `DashboardFirmList` | industry:read or industry:report; the firms in scope |
 */

export const SERIES_GRAINS = ['raw', 'hour', 'day'] as const;
export type SeriesGrainName = (typeof SERIES_GRAINS)[number];
export const SERIES_GRAIN_LABELS: Record<SeriesGrainName, string> = { raw: '原始读数', hour: '按小时', day: '按日' };
/** The longest range each grain answers (a longer one should ask for a coarser grain). */
export const SERIES_MAX_SPAN_HOURS: Record<SeriesGrainName, number> = { raw: 48, hour: 24 * 93, day: 24 * 366 * 3 };

const ZInstant = z.union([z.iso.datetime({ offset: true, error: '时间格式须为 ISO 8601' }), z.iso.date({ error: '日期格式须为 YYYY-MM-DD' })], { error: '时间格式须为 ISO 8601 或 YYYY-MM-DD' });

export const ZDeviceSeriesQuery = z
  .object({
    metric: z.string({ error: '请指定指标' }).trim().min(1, '请指定指标').max(40, '指标过长'),
    grain: z.enum(SERIES_GRAINS, { error: '粒度须为 raw、hour 或 day' }).default('hour'),
    /** default: 24 hours (raw, hour) or 30 days (day) before `to` */
    from: ZInstant.optional(),
    /** default: now */
    to: ZInstant.optional(),
  })
  .strict();
export type DeviceSeriesQuery = z.infer<typeof ZDeviceSeriesQuery>;

export const ZFirmDashboardParams = z.object({ enterpriseId: z.uuid() });

/**
 * One point: `t` is the instant (raw), the hour's start (hour, ISO) or the Shanghai day
 * 'YYYY-MM-DD' (day). For a counter, `delta` is the increase over the bucket (kWh used in that
 * hour/day, pieces made); null for gauges and flags.
 */
export type SeriesPointView = { t: string; avg: number; min: number; max: number; last: number; n: number; delta: number | null };
export type DeviceSeriesView = {
  deviceId: string;
  deviceName: string;
  metric: string;
  label: string;
  unit: string;
  kind: MetricKind;
  grain: SeriesGrainName;
  from: string;
  to: string;
  points: SeriesPointView[];
};

export type DashboardMetricValue = { key: string; label: string; unit: string; kind: MetricKind; value: number | null; ts: string | null };
export type DashboardDevice = {
  id: string;
  code: string;
  name: string;
  typeCode: string;
  typeLabel: string;
  location: string | null;
  online: boolean;
  lastSeenAt: string | null;
  /** every metric of its type with the latest value */
  values: DashboardMetricValue[];
  /** live alarms (open or acknowledged) on this device */
  liveAlarms: number;
};

export type DashboardAlarm = {
  id: string;
  title: string;
  severity: AlarmSeverity;
  severityLabel: string;
  status: AlarmStatus;
  statusLabel: string;
  deviceId: string;
  deviceName: string;
  enterpriseId: string;
  enterpriseName: string;
  metricLabel: string | null;
  unit: string;
  triggerValue: number | null;
  peakValue: number | null;
  raisedAt: string;
  clearedAt: string | null;
};

export type DashboardFigure = { key: string; label: string; unit: string; value: number | null; lastYear: number | null; yoyPct: number | null };
export type FirmDashboardReport = {
  /** 'YYYY-MM-01' */
  period: string;
  /** null: no report filed for that month */
  status: ReportStatus | null;
  statusLabel: string;
  dueOn: string | null;
  late: boolean;
  /** accepted figures (empty until accepted) with 同比 */
  figures: DashboardFigure[];
};

export type FirmDashboardView = {
  enterprise: { id: string; name: string; chain: string | null; chainLabel: string | null; isAboveScale: boolean };
  generatedAt: string;
  /** the last 12 months, newest first */
  reports: FirmDashboardReport[];
  devices: DashboardDevice[];
  devicesOnline: number;
  devicesTotal: number;
  /** open and acknowledged alarms, newest first */
  liveAlarms: DashboardAlarm[];
  /** the last few alarms, any state, newest first */
  recentAlarms: DashboardAlarm[];
  energy: {
    meters: number;
    todayKwh: number | null;
    monthKwh: number | null;
    lastMonthKwh: number | null;
    /** the last 30 Shanghai days, oldest first (days without data absent) */
    daily: { day: string; kwh: number }[];
  };
};

export type OfficeEnergyRow = { enterpriseId: string; enterpriseName: string; chainLabel: string | null; kwh: number; lastMonthKwh: number | null; changePct: number | null; meters: number };

export type OfficeDashboardView = {
  generatedAt: string;
  devices: { total: number; online: number; offline: number; firms: number; byType: { typeCode: string; label: string; total: number; online: number }[] };
  alarms: { live: number; bySeverity: { severity: AlarmSeverity; label: string; open: number; acknowledged: number }[]; raisedToday: number; latest: DashboardAlarm[] };
  energy: {
    /** 'YYYY-MM-01' of this month */
    month: string;
    /** this month so far: Shanghai days [month start, today] */
    totalKwh: number;
    /** the same days of last month, for a fair change */
    lastMonthSameDaysKwh: number;
    lastMonthKwh: number;
    /** the top 15 firms this month, most first, with their whole last month and the change vs the same days of it */
    topFirms: OfficeEnergyRow[];
    firmsWithMeters: number;
  };
  reporting: {
    /** the month being reported now (last month) */
    period: string;
    periodLabel: string;
    dueOn: string;
    /** firms that must report */
    expected: number;
    submitted: number;
    accepted: number;
    returned: number;
    draft: number;
    notStarted: number;
    /** not yet submitted (or returned and not resubmitted) after the due day */
    overdue: number;
  };
};

export const ZDashboardFirmsQuery = z
  .object({
    q: z.string().trim().max(40, '搜索词最多40个字').optional(),
    chain: z.string().trim().max(40).optional(),
  })
  .strict();
export type DashboardFirmsQuery = z.infer<typeof ZDashboardFirmsQuery>;

/** A firm in the actor's scope that has devices or reports (规上 or set to report), to open its dashboard. */
export type DashboardFirmRow = { enterpriseId: string; name: string; chainLabel: string | null; isAboveScale: boolean; devices: number; online: number; liveAlarms: number };
/** At most `limit` firms, those with live alarms first, then by devices. */
export type DashboardFirmList = { items: DashboardFirmRow[]; total: number; limit: number };
