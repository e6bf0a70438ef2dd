import { z } from 'zod';
import { FIELD_LABELS, ZId, ZPage, ZPageSize, type Paged } from './common.js';
import { zStatusList, type CaseEventView } from './cases.js';
import {
  ALARM_COMPARISONS,
  ALARM_SEVERITIES,
  ALARM_STATUSES,
  type AlarmComparison,
  type AlarmSeverity,
  type AlarmStatus,
} from './industry.js';

/**
 * 产业云 alarms (docs/industry/ALARMS.md): threshold alarm rules per device type or device, and the
 * alarms they raise (a case: open 待确认 → acknowledged 处理中 → closed 已关闭, with a note).
 *
 * | Route | Body / query | Answer | Permission |
 * |---|---|---|---|
 * | `GET /api/industry/alarm-rules` | — | `AlarmRuleView[]` | industry:manage |
 * | `GET /api/industry/alarm-rules/options` | — | `AlarmRuleOptions` | industry:manage |
 * | `POST /api/industry/alarm-rules` / `PUT …/:id` | `ZAlarmRuleRequest` | `AlarmRuleView` | industry:manage |
 * | `POST /api/industry/alarm-rules/:id/enable` / `…/disable` | — | `AlarmRuleView` | industry:manage |
 * | `DELETE /api/industry/alarm-rules/:id` | — | 204 | industry:manage |
 * | `GET /api/industry/alarms` | `ZAlarmListQuery` | `Paged<AlarmView>` | industry:read or industry:report (scoped) |
 * | `GET /api/industry/alarms/summary` | — | `AlarmSummary` | the same |
 * | `GET /api/industry/alarms/:id` | — | `AlarmDetailView` | the same (404 out of scope) |
 * | `POST /api/industry/alarms/:id/acknowledge` | `ZAlarmNoteRequest` | `AlarmDetailView` | firm, its liaison, office |
 * | `POST /api/industry/alarms/:id/close` | `ZAlarmCloseRequest` | `AlarmDetailView` | firm/liaison after 确认; office any time |
 */

/** Field names the 400s of these requests say in Chinese (added where no other module named them first). */
const ALARM_FIELD_LABELS: Record<string, string> = {
  scope: '适用范围',
  typeCode: '设备类型',
  deviceId: '设备',
  metric: '监测指标',
  comparison: '比较方式',
  threshold: '阈值',
  forMinutes: '持续时间',
  severity: '告警级别',
  enabled: '启用状态',
};
for (const [key, label] of Object.entries(ALARM_FIELD_LABELS)) if (!(key in FIELD_LABELS)) FIELD_LABELS[key] = label;

export const ALARM_RULE_SCOPES = ['type', 'device'] as const;
export type AlarmRuleScope = (typeof ALARM_RULE_SCOPES)[number];
export const ALARM_RULE_SCOPE_LABELS: Record<AlarmRuleScope, string> = { type: '按设备类型', device: '单台设备' };

export const ALARM_COMPARISON_SIGNS: Record<AlarmComparison, string> = { gt: '>', gte: '≥', lt: '<', lte: '≤' };

export const ALARM_KINDS = ['threshold', 'offline'] as const;
export type AlarmKind = (typeof ALARM_KINDS)[number];
export const ALARM_KIND_LABELS: Record<AlarmKind, string> = { threshold: '阈值告警', offline: '离线告警' };

export const ALARM_ACTIONS = ['acknowledge', 'close'] as const;
export type AlarmAction = (typeof ALARM_ACTIONS)[number];
export const ALARM_ACTION_LABELS: Record<AlarmAction, string> = { acknowledge: '确认', close: '关闭' };

/** Timeline events of an alarm. */
export const ALARM_EVENT_LABELS: Record<string, string> = {
  'alarm.raised': '触发告警',
  'alarm.cleared': '条件解除',
  'alarm.recurred': '再次越限',
  acknowledge: '确认告警',
  close: '关闭告警',
};

export const ZAlarmRuleRequest = z
  .object({
    name: z.string({ error: '请填写规则名称' }).trim().min(1, '请填写规则名称').max(60, '规则名称最多60个字'),
    scope: z.enum(ALARM_RULE_SCOPES, { error: '请选择适用范围' }),
    typeCode: z.string().trim().min(1).max(40).nullish(),
    deviceId: ZId.nullish(),
    metric: z.string({ error: '请选择监测指标' }).trim().min(1, '请选择监测指标').max(40, '监测指标过长'),
    comparison: z.enum(ALARM_COMPARISONS, { error: '请选择比较方式' }),
    threshold: z.number({ error: '阈值须为数字' }).finite('阈值须为有限数字'),
    forMinutes: z.number({ error: '持续时间须为数字' }).int('持续时间须为整数分钟').min(0, '持续时间不能小于0分钟').max(1440, '持续时间最长1440分钟(24小时)'),
    severity: z.enum(ALARM_SEVERITIES, { error: '请选择告警级别' }),
    enabled: z.boolean({ error: '启用状态须为是或否' }).default(true),
  })
  .superRefine((v, ctx) => {
    if (v.scope === 'type' && !v.typeCode) ctx.addIssue({ code: 'custom', path: ['typeCode'], message: '请选择设备类型' });
    if (v.scope === 'device' && !v.deviceId) ctx.addIssue({ code: 'custom', path: ['deviceId'], message: '请选择设备' });
  });
export type AlarmRuleRequest = z.input<typeof ZAlarmRuleRequest>;

export type AlarmRuleView = {
  id: string;
  name: string;
  scope: AlarmRuleScope;
  typeCode: string | null;
  typeLabel: string | null;
  deviceId: string | null;
  deviceName: string | null;
  deviceCode: string | null;
  enterpriseName: string | null;
  metric: string;
  metricLabel: string;
  unit: string;
  comparison: AlarmComparison;
  threshold: number;
  forMinutes: number;
  severity: AlarmSeverity;
  enabled: boolean;
  /** "炉温 > 1250 ℃ 持续 5 分钟" */
  conditionText: string;
  /** live (open or acknowledged) alarms of the rule */
  liveAlarms: number;
  updatedAt: string;
};

export type AlarmRuleOptions = {
  types: { code: string; label: string; metrics: { key: string; label: string; unit: string; kind: string }[] }[];
  devices: { id: string; code: string; name: string; typeCode: string; enterpriseName: string }[];
};

export const ZAlarmListQuery = z.object({
  status: zStatusList(ALARM_STATUSES),
  severity: z.enum(ALARM_SEVERITIES, { error: '告警级别不存在' }).optional(),
  enterpriseId: ZId.optional(),
  deviceId: ZId.optional(),
  /** true = the condition still holds (not cleared) */
  active: z.enum(['true', 'false'], { error: '参数须为 true 或 false' }).optional(),
  q: z.string().trim().max(60, '搜索词过长').optional(),
  page: ZPage,
  pageSize: ZPageSize,
});
export type AlarmListQuery = z.input<typeof ZAlarmListQuery>;

export type AlarmView = {
  id: string;
  kind: AlarmKind;
  title: string;
  status: AlarmStatus;
  severity: AlarmSeverity;
  enterpriseId: string;
  enterpriseName: string;
  deviceId: string;
  deviceName: string;
  deviceCode: string;
  ruleId: string | null;
  ruleName: string | null;
  metric: string | null;
  metricLabel: string | null;
  unit: string;
  /** "炉温 > 1250 ℃ 持续 5 分钟" (the rule as it is now; null when the rule was deleted) */
  conditionText: string | null;
  breachStartedAt: string;
  raisedAt: string;
  triggerValue: number | null;
  peakValue: number | null;
  /** when the condition ended (null = still breached) */
  clearedAt: string | null;
  acknowledgedAt: string | null;
  acknowledgedByName: string | null;
  closedAt: string | null;
  closedByName: string | null;
  closeNote: string | null;
  version: number;
};

export type AlarmDetailView = AlarmView & {
  /** The buttons the actor has: acknowledge, close. */
  actions: AlarmAction[];
  timeline: CaseEventView<string, AlarmStatus>[];
  /** the device's latest value of the metric */
  lastValue: { value: number; ts: string } | null;
  deviceOnline: boolean;
};

export type AlarmSummary = {
  open: number;
  acknowledged: number;
  /** live alarms by severity */
  bySeverity: Record<AlarmSeverity, number>;
  /** live alarms whose condition still holds */
  active: number;
  closedLast7Days: number;
};

export const ZAlarmNoteRequest = z.object({
  note: z.string({ error: '说明须为文字' }).trim().max(500, '说明最多500个字').nullish(),
  /** the version the actor saw (a stale one is a 409) */
  version: z.number().int().optional(),
});
export type AlarmNoteRequest = z.input<typeof ZAlarmNoteRequest>;

export const ZAlarmCloseRequest = z.object({
  note: z.string({ error: '请填写处理说明' }).trim().min(2, '请填写处理说明(至少2个字)').max(500, '处理说明最多500个字'),
  version: z.number().int().optional(),
});
export type AlarmCloseRequest = z.input<typeof ZAlarmCloseRequest>;

export type AlarmList = Paged<AlarmView>;

/** "炉温 > 1250 ℃ 持续 5 分钟" / "可燃气体浓度 ≥ 50 ppm" */
export function alarmConditionText(metricLabel: string, comparison: AlarmComparison, threshold: number, unit: string, forMinutes: number): string {
  const value = `${threshold}${unit ? ` ${unit}` : ''}`;
  return `${metricLabel} ${ALARM_COMPARISON_SIGNS[comparison]} ${value}${forMinutes > 0 ? ` 持续 ${forMinutes} 分钟` : ''}`;
}

/** Whether a value breaches a threshold under a comparison. */
export function breaches(comparison: AlarmComparison, value: number, threshold: number): boolean {
  switch (comparison) {
    case 'gt':
      return value > threshold;
    case 'gte':
      return value >= threshold;
    case 'lt':
      return value < threshold;
    case 'lte':
      return value <= threshold;
  }
}
