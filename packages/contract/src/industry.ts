/**
 * 产业云 (SPEC §2.7): what the industry-cloud sub-domains share — indicator units, report and
 * alarm states, device metric kinds, the MQTT topic convention and the park's settings. Each
 * sub-domain has its own file: industry-reports.ts (经济运行月报 filing and review),
 * industry-stats.ts (totals, 同比/环比, 累计, rankings, export), industry-devices.ts (devices,
 * tokens, telemetry), industry-alarms.ts (rules and alarms), industry-smart.ts (智能化改造).
 */

/** Units an indicator is reported in. Money is integer fen (shown 元/万元); tonnes may have decimals. */
export const INDICATOR_UNITS = ['fen', 'kwh', 'person', 'tonne', 'count', 'percent'] as const;
export type IndicatorUnit = (typeof INDICATOR_UNITS)[number];
export const INDICATOR_UNIT_LABELS: Record<IndicatorUnit, string> = {
  fen: '元',
  kwh: '千瓦时',
  person: '人',
  tonne: '吨',
  count: '个',
  percent: '%',
};

/**
 * The indicators every park starts with (admins may relabel, deactivate or add their own). Keys
 * the rest of the platform reads: statistics, policy facts (revenue_fen, tax_paid_fen, new_hires),
 * the credit profile and the energy offer (power_kwh).
 */
export const BUILTIN_INDICATORS = [
  { key: 'output_fen', label: '工业总产值', unit: 'fen', decimals: 0, chains: null, allowNegative: false },
  { key: 'revenue_fen', label: '营业收入', unit: 'fen', decimals: 0, chains: null, allowNegative: false },
  { key: 'profit_fen', label: '利润总额', unit: 'fen', decimals: 0, chains: null, allowNegative: true },
  { key: 'tax_fen', label: '税收', unit: 'fen', decimals: 0, chains: null, allowNegative: false },
  { key: 'power_kwh', label: '用电量', unit: 'kwh', decimals: 0, chains: null, allowNegative: false },
  { key: 'employees', label: '从业人员', unit: 'person', decimals: 0, chains: null, allowNegative: false },
  { key: 'copper_output_t', label: '铜材产量', unit: 'tonne', decimals: 3, chains: ['copper'], allowNegative: false },
  { key: 'copper_sales_t', label: '铜材销量', unit: 'tonne', decimals: 3, chains: ['copper'], allowNegative: false },
  { key: 'orders_fen', label: '在手订单', unit: 'fen', decimals: 0, chains: ['copper'], allowNegative: false },
] as const satisfies readonly {
  key: string;
  label: string;
  unit: IndicatorUnit;
  decimals: number;
  chains: readonly string[] | null;
  allowNegative: boolean;
}[];
export type BuiltinIndicatorKey = (typeof BUILTIN_INDICATORS)[number]['key'];

/** A monthly report's states (the case kit's workflow in server/src/modules/industry/reports). */
export const REPORT_STATUSES = ['draft', 'submitted', 'returned', 'accepted'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];
export const REPORT_STATUS_LABELS: Record<ReportStatus, string> = {
  draft: '草稿',
  submitted: '待审核',
  returned: '已退回',
  accepted: '已通过',
};

/** How a device metric behaves: a gauge (temperature), a counter (cumulative kWh, pieces), a flag (0/1). */
export const METRIC_KINDS = ['gauge', 'counter', 'flag'] as const;
export type MetricKind = (typeof METRIC_KINDS)[number];
export const METRIC_KIND_LABELS: Record<MetricKind, string> = { gauge: '瞬时值', counter: '累计值', flag: '开关量' };

export const ALARM_COMPARISONS = ['gt', 'gte', 'lt', 'lte'] as const;
export type AlarmComparison = (typeof ALARM_COMPARISONS)[number];
export const ALARM_COMPARISON_LABELS: Record<AlarmComparison, string> = { gt: '大于', gte: '大于等于', lt: '小于', lte: '小于等于' };

export const ALARM_SEVERITIES = ['info', 'warning', 'critical'] as const;
export type AlarmSeverity = (typeof ALARM_SEVERITIES)[number];
export const ALARM_SEVERITY_LABELS: Record<AlarmSeverity, string> = { info: '提示', warning: '一般', critical: '严重' };

export const ALARM_STATUSES = ['open', 'acknowledged', 'closed'] as const;
export type AlarmStatus = (typeof ALARM_STATUSES)[number];
export const ALARM_STATUS_LABELS: Record<AlarmStatus, string> = { open: '待确认', acknowledged: '处理中', closed: '已关闭' };

/**
 * MQTT topic convention (docs/industry/TELEMETRY.md): a device publishes its readings to
 * `yuanqi/devices/{deviceId}/telemetry`; the app subscribes to the wildcard.
 */
export const TELEMETRY_TOPIC_PREFIX = 'yuanqi/devices/';
export const TELEMETRY_TOPIC_SUFFIX = '/telemetry';
export const TELEMETRY_SUBSCRIPTION = 'yuanqi/devices/+/telemetry';
export function telemetryTopic(deviceId: string): string {
  return `${TELEMETRY_TOPIC_PREFIX}${deviceId}${TELEMETRY_TOPIC_SUFFIX}`;
}

/** Why a reading or a message was refused; counted per device. */
export const TELEMETRY_REJECT_REASONS = ['bad_token', 'device_disabled', 'malformed', 'unknown_metric', 'bad_value', 'future_ts', 'too_old', 'out_of_range'] as const;
export type TelemetryRejectReason = (typeof TELEMETRY_REJECT_REASONS)[number];
export const TELEMETRY_REJECT_REASON_LABELS: Record<TelemetryRejectReason, string> = {
  bad_token: '令牌错误',
  device_disabled: '设备已停用',
  malformed: '报文格式错误',
  unknown_metric: '未知指标',
  bad_value: '数值类型错误',
  future_ts: '时间戳超前',
  too_old: '时间戳超出保留期',
  out_of_range: '超出量程',
};

/** The park's industry-cloud settings (one row per park; these when none was saved). */
export const INDUSTRY_SETTING_DEFAULTS = {
  /** Reports are due by this working day of the following month (第N个工作日). */
  reportDueWorkday: 10,
  /** Reminders go out this many working days before the due day. */
  remindWorkdaysBefore: 3,
  /** A 同比 or 环比 change beyond ± this percentage needs an explanatory note. */
  swingThresholdPct: 30,
  /** A device not heard from for this many minutes is offline. */
  offlineAfterMinutes: 15,
  /** Raw readings are kept this many days (rollups are kept). */
  rawRetentionDays: 400,
  /** A reading stamped more than this many seconds ahead of the server's clock is refused. */
  maxFutureSeconds: 300,
  /** The demo park's device simulator publishes over MQTT while the app runs. */
  simulatorEnabled: false,
} as const;
export type IndustrySettings = { -readonly [K in keyof typeof INDUSTRY_SETTING_DEFAULTS]: (typeof INDUSTRY_SETTING_DEFAULTS)[K] extends boolean ? boolean : number };

/** 'YYYY-MM' of a period date 'YYYY-MM-01'. */
export function periodLabel(period: string): string {
  const [y, m] = period.split('-');
  return `${y}年${Number(m)}月`;
}

/** The period (first of the month) a year and month name. */
export function periodOf(year: number, month: number): string {
  return `${year}-${String(month).padStart(2, '0')}-01`;
}

/** The same month a year before (同期). */
export function samePeriodLastYear(period: string): string {
  const [y, m] = period.split('-');
  return `${Number(y) - 1}-${m}-01`;
}

/** The month before (上期, for 环比), across a year boundary. */
export function previousPeriod(period: string): string {
  const [y, m] = period.split('-').map(Number);
  return m === 1 ? `${y - 1}-12-01` : `${y}-${String(m - 1).padStart(2, '0')}-01`;
}

/**
 * Growth in percent from `base` to `value` (同比/环比增速), one decimal; null when there is no base
 * (absent or zero) to compare with.
 */
export function growthPct(value: number | null | undefined, base: number | null | undefined): number | null {
  if (value === null || value === undefined || base === null || base === undefined || base === 0) return null;
  return Math.round(((value - base) / Math.abs(base)) * 1000) / 10;
}

/** "+12.3%" / "-4.0%" / "—". */
export function formatGrowth(pct: number | null): string {
  if (pct === null) return '—';
  return `${pct > 0 ? '+' : ''}${pct.toFixed(1)}%`;
}
