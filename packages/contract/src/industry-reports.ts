/**
 * 经济运行月报 (server/src/modules/industry/reports, docs/industry/REPORTS.md): the indicators a park
 * asks for, which firms report, the park's industry settings, a firm's monthly report (form, save,
 * submit), its review as a case (accept / return / correct) with accepted revisions kept, the
 * office's queues (待审核, 报送情况 / 逾期未报).
 *
 * Values on the wire: a money indicator (`unit: 'fen'`) is sent in 元 (a number or text with at most
 * two decimals, e.g. "1234.56") and stored and returned as integer fen; every other unit is sent
 * and returned as is.
 */
import { z } from 'zod';
import type { CaseEventView } from './cases.js';
import { ZId, ZPage, ZPageSize } from './common.js';
import { INDICATOR_UNITS, REPORT_STATUSES, growthPct, type IndicatorUnit, type ReportStatus } from './industry.js';

// ------------------------------------------------------------------ indicators 指标

const ZIndicatorKey = z
  .string({ error: '请填写指标代码' })
  .trim()
  .regex(/^[a-z][a-z0-9_]{1,39}$/, { error: '指标代码应以小写字母开头,由小写字母、数字和下划线组成(2–40位)' });

const ZIndicatorFields = {
  label: z.string({ error: '请填写指标名称' }).trim().min(1, { error: '请填写指标名称' }).max(40, { error: '指标名称最多40个字' }),
  unit: z.enum(INDICATOR_UNITS, { error: '单位应为 fen(元)、kwh(千瓦时)、person(人)、tonne(吨)、count(个)或 percent(%)' }),
  decimals: z.coerce.number({ error: '小数位数应为数字' }).int({ error: '小数位数应为整数' }).min(0, { error: '小数位数最小为0' }).max(3, { error: '小数位数最多为3' }),
  appliesTo: z.enum(['all', 'chains'], { error: '适用范围应为 all(全部报送企业)或 chains(指定产业链)' }),
  chains: z.array(z.string().trim().min(1).max(40), { error: '产业链应为列表' }).max(30, { error: '产业链最多30个' }),
  required: z.boolean({ error: '是否必填应为是或否' }),
  allowNegative: z.boolean({ error: '是否允许负数应为是或否' }),
  maxValue: z.number({ error: '上限应为数字' }).nonnegative({ error: '上限不能为负数' }).nullable(),
  swingCheck: z.boolean({ error: '是否校验增幅应为是或否' }),
  sort: z.coerce.number({ error: '排序应为数字' }).int({ error: '排序应为整数' }).min(0).max(100_000),
  help: z.string().trim().max(200, { error: '填报说明最多200个字' }).nullable(),
  active: z.boolean({ error: '是否启用应为是或否' }),
};

export const ZCreateIndicatorRequest = z
  .object({ key: ZIndicatorKey, ...ZIndicatorFields, chains: ZIndicatorFields.chains.default([]), required: ZIndicatorFields.required.default(true), allowNegative: ZIndicatorFields.allowNegative.default(false), maxValue: ZIndicatorFields.maxValue.default(null), swingCheck: ZIndicatorFields.swingCheck.default(true), sort: ZIndicatorFields.sort.default(1000), help: ZIndicatorFields.help.default(null), active: ZIndicatorFields.active.default(true) })
  .refine((v) => v.appliesTo === 'all' || v.chains.length > 0, { path: ['chains'], message: '适用于指定产业链时请至少选择一条产业链' })
  .refine((v) => v.unit !== 'fen' || v.decimals === 0, { path: ['decimals'], message: '金额指标以分为单位存储,小数位数应为0(填报时按元填写,最多两位小数)' });
export type CreateIndicatorRequest = z.infer<typeof ZCreateIndicatorRequest>;

/** An edit: any of the fields (the key never changes; a built-in's unit neither). */
export const ZUpdateIndicatorRequest = z.object({ ...ZIndicatorFields }).partial();
export type UpdateIndicatorRequest = z.infer<typeof ZUpdateIndicatorRequest>;

export type IndicatorView = {
  id: string;
  key: string;
  label: string;
  unit: IndicatorUnit;
  unitLabel: string;
  decimals: number;
  appliesTo: 'all' | 'chains';
  chains: string[];
  chainLabels: string[];
  required: boolean;
  allowNegative: boolean;
  maxValue: number | null;
  swingCheck: boolean;
  sort: number;
  active: boolean;
  builtin: boolean;
  help: string | null;
};

// ------------------------------------------------------------------ reporting firms 报送企业

export const ZReportersQuery = z.object({
  q: z.string().trim().max(60).optional(),
  /** reporting: firms that report; exempt: 规上 firms exempted; overrides: every firm with an officer's decision */
  filter: z.enum(['reporting', 'exempt', 'overrides', 'all'], { error: '筛选应为 reporting、exempt、overrides 或 all' }).default('reporting'),
  page: ZPage,
  pageSize: ZPageSize,
});
export type ReportersQuery = z.infer<typeof ZReportersQuery>;

export const ZSetReporterRequest = z.object({
  reports: z.boolean({ error: '请选择是否报送' }),
  reason: z.string({ error: '请填写原因' }).trim().min(2, { error: '请填写原因(至少2个字)' }).max(200, { error: '原因最多200个字' }),
});
export type SetReporterRequest = z.infer<typeof ZSetReporterRequest>;

export type ReporterView = {
  enterpriseId: string;
  enterpriseName: string;
  chain: string | null;
  chainLabel: string | null;
  isAboveScale: boolean;
  /** whether the firm reports (the officer's decision, else 规上) */
  reports: boolean;
  /** the officer's decision, null = by 规上 */
  override: boolean | null;
  reason: string | null;
  liaisonName: string | null;
  updatedAt: string | null;
};

// ------------------------------------------------------------------ settings 产业云设置

export const ZIndustrySettingsRequest = z.object({
  reportDueWorkday: z.coerce.number({ error: '报送截止工作日应为数字' }).int({ error: '报送截止工作日应为整数' }).min(1, { error: '报送截止工作日应在1–23之间' }).max(23, { error: '报送截止工作日应在1–23之间' }),
  remindWorkdaysBefore: z.coerce.number({ error: '提前提醒天数应为数字' }).int({ error: '提前提醒天数应为整数' }).min(0, { error: '提前提醒天数应在0–15之间' }).max(15, { error: '提前提醒天数应在0–15之间' }),
  swingThresholdPct: z.coerce.number({ error: '增幅阈值应为数字' }).int({ error: '增幅阈值应为整数' }).min(1, { error: '增幅阈值应在1–1000之间' }).max(1000, { error: '增幅阈值应在1–1000之间' }),
  offlineAfterMinutes: z.coerce.number({ error: '离线判定分钟数应为数字' }).int({ error: '离线判定分钟数应为整数' }).min(1, { error: '离线判定分钟数应在1–10080之间' }).max(10080, { error: '离线判定分钟数应在1–10080之间' }),
  rawRetentionDays: z.coerce.number({ error: '原始数据保留天数应为数字' }).int({ error: '原始数据保留天数应为整数' }).min(7, { error: '原始数据保留天数应在7–3660之间' }).max(3660, { error: '原始数据保留天数应在7–3660之间' }),
  maxFutureSeconds: z.coerce.number({ error: '允许超前秒数应为数字' }).int({ error: '允许超前秒数应为整数' }).min(0, { error: '允许超前秒数应在0–86400之间' }).max(86400, { error: '允许超前秒数应在0–86400之间' }),
  simulatorEnabled: z.boolean({ error: '模拟器开关应为是或否' }),
});
export type IndustrySettingsRequest = z.infer<typeof ZIndustrySettingsRequest>;
export type IndustrySettingsView = IndustrySettingsRequest & { updatedAt: string | null; updatedByName: string | null };

// ------------------------------------------------------------------ a monthly report 月报

/** 'YYYY-MM' or 'YYYY-MM-01' → 'YYYY-MM-01'. */
export const ZPeriod = z
  .string({ error: '请选择报告期' })
  .trim()
  .regex(/^\d{4}-(0[1-9]|1[0-2])(-01)?$/, { error: '报告期格式应为 YYYY-MM' })
  .transform((s) => (s.length === 7 ? `${s}-01` : s));

export const ZReportFormQuery = z.object({ enterpriseId: ZId.optional(), period: ZPeriod });
export type ReportFormQuery = z.input<typeof ZReportFormQuery>;

export const REPORT_VALUE_SOURCES = ['manual', 'iot', 'import'] as const;
export type ReportValueSource = (typeof REPORT_VALUE_SOURCES)[number];
export const REPORT_VALUE_SOURCE_LABELS: Record<ReportValueSource, string> = { manual: '手工填报', iot: '物联网电表', import: '导入' };

const ZReportValue = z.object({
  /** 元 for money; null / '' = not filled */
  value: z.union([z.number({ error: '数值应为数字' }), z.string().trim().max(30, { error: '数值过长' })]).nullable(),
  note: z.string().trim().max(500, { error: '说明最多500个字' }).nullable().optional(),
  source: z.enum(REPORT_VALUE_SOURCES, { error: '来源应为 manual、iot 或 import' }).optional(),
});
export type ReportValueInput = z.infer<typeof ZReportValue>;

export const ZSaveReportRequest = z.object({
  /** the report's version as read (a stale one is a 409) */
  version: z.number({ error: '请提供版本号' }).int(),
  values: z.record(z.string(), ZReportValue, { error: '请填写指标数值' }),
});
export type SaveReportRequest = z.infer<typeof ZSaveReportRequest>;

export const REPORT_ACTIONS = ['submit', 'accept', 'return', 'correct'] as const;
export type ReportAction = (typeof REPORT_ACTIONS)[number];
export const REPORT_ACTION_LABELS: Record<ReportAction | 'create' | 'reminded', string> = {
  create: '开始填报',
  submit: '提交',
  accept: '审核通过',
  return: '退回修改',
  correct: '申请更正',
  reminded: '催报',
};

export const ZReportActionRequest = z.object({
  action: z.enum(['accept', 'return', 'correct'], { error: '操作应为 accept(通过)、return(退回)或 correct(更正)' }),
  version: z.number({ error: '请提供版本号' }).int(),
  /** return: 退回原因; correct: 更正原因; accept: 审核意见 (optional) */
  reason: z.string().trim().max(500, { error: '原因最多500个字' }).optional(),
  /** correct: the corrected values (as in a save) */
  values: z.record(z.string(), ZReportValue).optional(),
});
export type ReportActionRequest = z.infer<typeof ZReportActionRequest>;

export type ReportRowView = {
  key: string;
  label: string;
  unit: IndicatorUnit;
  unitLabel: string;
  decimals: number;
  required: boolean;
  allowNegative: boolean;
  maxValue: number | null;
  swingCheck: boolean;
  help: string | null;
  /** no longer asked for (deactivated or not applicable), shown because it has a value */
  retired: boolean;
  /** stored unit (fen for money) */
  value: number | null;
  note: string | null;
  source: ReportValueSource | null;
  /** accepted figure of the same month a year before (同期) */
  lastYear: number | null;
  /** accepted figure of the month before (上期) */
  previous: number | null;
  yoyPct: number | null;
  momPct: number | null;
};

export type EnergyOfferView = { kwh: number; daysWithData: number; daysInMonth: number; meters: number };

export type ReportRevisionView = {
  revision: number;
  figures: Record<string, number>;
  notes: Record<string, string>;
  reason: string | null;
  acceptedAt: string;
  acceptedByName: string | null;
};

export type ReportSummaryView = {
  id: string;
  enterpriseId: string;
  enterpriseName: string;
  chain: string | null;
  chainLabel: string | null;
  period: string;
  periodLabel: string;
  status: ReportStatus;
  statusLabel: string;
  revision: number;
  dueOn: string;
  late: boolean;
  submittedAt: string | null;
  reviewedAt: string | null;
  returnReason: string | null;
  correctionReason: string | null;
  /** indicators whose 同比/环比 swing carries a note */
  swingNotes: number;
  liaisonName: string | null;
  version: number;
};

export type ReportView = ReportSummaryView & {
  rows: ReportRowView[];
  swingThresholdPct: number;
  energyOffer: EnergyOfferView | null;
  /** working days left to the due day (negative = overdue), null once submitted */
  workingDaysLeft: number | null;
  /** may edit and submit (draft / returned, the actor files for the firm) */
  editable: boolean;
  allowedActions: ReportAction[];
  revisions: ReportRevisionView[];
  timeline: CaseEventView[];
};

export const ZReportListQuery = z.object({
  status: z.enum(REPORT_STATUSES, { error: '状态应为 draft、submitted、returned 或 accepted' }).optional(),
  period: ZPeriod.optional(),
  enterpriseId: ZId.optional(),
  chain: z.string().trim().max(40).optional(),
  late: z.enum(['true', 'false']).optional(),
  q: z.string().trim().max(60).optional(),
  page: ZPage,
  pageSize: ZPageSize,
});
export type ReportListQuery = z.input<typeof ZReportListQuery>;

/** One month of a firm's own list (月度报表): filed or not. */
export type FirmMonthView = {
  period: string;
  periodLabel: string;
  reportId: string | null;
  /** null = not started */
  status: ReportStatus | null;
  statusLabel: string;
  dueOn: string;
  /** working days left to the due day (negative = overdue), null once submitted or accepted */
  workingDaysLeft: number | null;
  late: boolean;
  returnReason: string | null;
  revision: number;
};
export type FirmMonthsView = { enterpriseId: string; enterpriseName: string; reports: boolean; months: FirmMonthView[] };
export const ZFirmMonthsQuery = z.object({ enterpriseId: ZId.optional(), months: z.coerce.number().int().min(1).max(60).default(12) });

/** 报送情况: each reporting firm's state for a period (outstanding=true: only those not submitted). */
export const ZFilingStatusQuery = z.object({
  period: ZPeriod.optional(),
  outstanding: z.enum(['true', 'false']).optional(),
  chain: z.string().trim().max(40).optional(),
  q: z.string().trim().max(60).optional(),
  page: ZPage,
  pageSize: ZPageSize,
});
export type FilingStatusQuery = z.input<typeof ZFilingStatusQuery>;
export type FilingStatusRow = {
  id: string;
  enterpriseId: string;
  enterpriseName: string;
  chain: string | null;
  chainLabel: string | null;
  liaisonName: string | null;
  reportId: string | null;
  status: ReportStatus | null;
  statusLabel: string;
  submittedAt: string | null;
  late: boolean;
  /** working days past the due day while not submitted (0 = not overdue) */
  overdueWorkingDays: number;
};
export type FilingStatusView = {
  period: string;
  periodLabel: string;
  dueOn: string;
  /** reporting firms, and how many have submitted (submitted or accepted), accepted, outstanding */
  counts: { firms: number; submitted: number; accepted: number; outstanding: number; late: number };
  items: FilingStatusRow[];
  total: number;
  page: number;
  pageSize: number;
};

/** The swing (同比 or 环比) of a value that needs a note under `thresholdPct`, or null. */
export function reportSwing(
  value: number | null,
  lastYear: number | null,
  previous: number | null,
  thresholdPct: number,
): { kind: '同比' | '环比'; pct: number } | null {
  if (value === null) return null;
  const yoy = growthPct(value, lastYear);
  if (yoy !== null && Math.abs(yoy) > thresholdPct) return { kind: '同比', pct: yoy };
  const mom = growthPct(value, previous);
  if (mom !== null && Math.abs(mom) > thresholdPct) return { kind: '环比', pct: mom };
  return null;
}
