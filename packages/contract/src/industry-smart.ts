/**
 * 产业云 — 智能化改造 (issue #14 item 3): a firm's smart-transformation projects (investment, go-live)
 * and the transformed line's operating cost by month before and after go-live. The saving is
 * computed from those months, never typed in; the park report's claim "个企每年可节约成本200至400万元"
 * is checked against the computed savings (see SMART_SAVING_CLAIM). See industry.ts for the rest.
 */
import { z } from 'zod';
import { FIELD_LABELS, ZDate, ZFen } from './common.js';

const SMART_FIELD_LABELS: Record<string, string> = {
  investmentFen: '总投资',
  startedOn: '启动日期',
  liveOn: '上线日期',
  vendor: '服务商',
  content: '改造内容',
  costFen: '运行成本',
  costs: '月度成本',
  month: '月份',
};
for (const [key, label] of Object.entries(SMART_FIELD_LABELS)) if (!(key in FIELD_LABELS)) FIELD_LABELS[key] = label;

export const SMART_PROJECT_STATUSES = ['planned', 'building', 'live'] as const;
export type SmartProjectStatus = (typeof SMART_PROJECT_STATUSES)[number];
export const SMART_PROJECT_STATUS_LABELS: Record<SmartProjectStatus, string> = { planned: '计划中', building: '建设中', live: '已上线' };

/**
 * How the saving is computed (docs/industry/SMART.md): the average monthly cost over up to the 12
 * months before the go-live month, minus the average over the months after it (the go-live month
 * itself is the changeover and counts on neither side); × 12 is the annual saving.
 */
export const SMART_SAVING_RULES = {
  /** At most this many months before go-live are averaged (the most recent ones). */
  maxBeforeMonths: 12,
  /** At least this many months before go-live are needed. */
  minBeforeMonths: 1,
  /** At least this many months after go-live are needed, else 数据不足. */
  minAfterMonths: 3,
} as const;

/** The park report's claim: 个企每年可节约成本200至400万元 (¥2,000,000–¥4,000,000 a year), in fen. */
export const SMART_SAVING_CLAIM = { lowFen: 200_000_000, highFen: 400_000_000, text: '个企每年可节约成本200至400万元' } as const;

/** Where a project's annual saving falls against the claim. */
export const SMART_SAVING_BANDS = ['below', 'within', 'above'] as const;
export type SmartSavingBand = (typeof SMART_SAVING_BANDS)[number];
export const SMART_SAVING_BAND_LABELS: Record<SmartSavingBand, string> = { below: '低于200万元', within: '200至400万元', above: '高于400万元' };

/** Which side of go-live a cost month is on. */
export type SmartCostPhase = 'before' | 'golive' | 'after' | 'unused';
export const SMART_COST_PHASE_LABELS: Record<SmartCostPhase, string> = { before: '改造前', golive: '上线当月', after: '改造后', unused: '不计入' };

/** Why a saving cannot be computed yet. */
export const SMART_INSUFFICIENT_REASONS = ['not_live', 'no_before', 'few_after'] as const;
export type SmartInsufficientReason = (typeof SMART_INSUFFICIENT_REASONS)[number];

/** A project's computed saving. Amounts in fen (monthly averages keep fractions out by rounding to the fen). */
export type SmartSaving =
  | {
      sufficient: true;
      beforeMonths: number;
      afterMonths: number;
      /** 改造前月均成本 */
      beforeAvgFen: number;
      /** 改造后月均成本 */
      afterAvgFen: number;
      /** 月均节约 (negative when the line costs more than before) */
      monthlySavingFen: number;
      /** 年节约 = 月均节约 × 12 */
      annualSavingFen: number;
      /** 投资回收期 (months, one decimal); null when nothing is saved */
      paybackMonths: number | null;
      band: SmartSavingBand;
    }
  | {
      sufficient: false;
      beforeMonths: number;
      afterMonths: number;
      reason: SmartInsufficientReason;
      /** "数据不足:上线后仅有2个月成本数据(至少3个月)" */
      message: string;
    };

const months = (n: number) => `${n}个月`;

/** The months between two month dates 'YYYY-MM-01' (b − a). */
export function monthsBetween(a: string, b: string): number {
  const [ya, ma] = a.split('-').map(Number);
  const [yb, mb] = b.split('-').map(Number);
  return (yb! - ya!) * 12 + (mb! - ma!);
}

/** 'YYYY-MM-01' of the month `n` months after `month` (n may be negative). */
export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number);
  const index = y! * 12 + (m! - 1) + n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}-01`;
}

/** The first of the month of a date 'YYYY-MM-DD'. */
export function monthOf(date: string): string {
  return `${date.slice(0, 7)}-01`;
}

/** Which side of go-live a cost month falls on (`liveMonth` null: the project is not live, every month is 'before'). */
export function costPhaseOf(month: string, liveMonth: string | null, usedBefore: ReadonlySet<string>): SmartCostPhase {
  if (!liveMonth) return 'before';
  if (month === liveMonth) return 'golive';
  if (month > liveMonth) return 'after';
  return usedBefore.has(month) ? 'before' : 'unused';
}

/**
 * The saving of one project from its monthly costs. `liveOn` is the go-live date (null or not
 * `live`: 未上线). Before: the (up to) 12 most recent months before the go-live month; after: every
 * month after the go-live month (at least 3). Annual saving = (before average − after average) × 12,
 * rounded to the fen once; payback = investment / monthly saving.
 */
export function computeSmartSaving(input: {
  status: SmartProjectStatus;
  liveOn: string | null;
  investmentFen: number;
  costs: readonly { month: string; costFen: number }[];
}): SmartSaving & { usedBefore: string[] } {
  const liveMonth = input.status === 'live' && input.liveOn ? monthOf(input.liveOn) : null;
  if (!liveMonth) {
    return { sufficient: false, beforeMonths: input.costs.length, afterMonths: 0, reason: 'not_live', message: '数据不足:项目尚未上线', usedBefore: [] };
  }
  const before = input.costs
    .filter((c) => c.month < liveMonth)
    .sort((a, b) => (a.month < b.month ? 1 : -1))
    .slice(0, SMART_SAVING_RULES.maxBeforeMonths);
  const after = input.costs.filter((c) => c.month > liveMonth);
  const usedBefore = before.map((c) => c.month).sort();
  if (before.length < SMART_SAVING_RULES.minBeforeMonths) {
    return { sufficient: false, beforeMonths: before.length, afterMonths: after.length, reason: 'no_before', message: '数据不足:没有上线前的月度成本', usedBefore };
  }
  if (after.length < SMART_SAVING_RULES.minAfterMonths) {
    return {
      sufficient: false,
      beforeMonths: before.length,
      afterMonths: after.length,
      reason: 'few_after',
      message: `数据不足:上线后${after.length ? `仅有${months(after.length)}` : '还没有'}成本数据(至少${months(SMART_SAVING_RULES.minAfterMonths)})`,
      usedBefore,
    };
  }
  const sumBefore = before.reduce((s, c) => s + c.costFen, 0);
  const sumAfter = after.reduce((s, c) => s + c.costFen, 0);
  const avgBefore = sumBefore / before.length;
  const avgAfter = sumAfter / after.length;
  const monthly = avgBefore - avgAfter;
  const roundSigned = (v: number) => Math.sign(v) * Math.round(Math.abs(v));
  const annualSavingFen = roundSigned(monthly * 12);
  const paybackMonths = monthly > 0 ? Math.round((input.investmentFen / monthly) * 10) / 10 : null;
  const band: SmartSavingBand = annualSavingFen < SMART_SAVING_CLAIM.lowFen ? 'below' : annualSavingFen > SMART_SAVING_CLAIM.highFen ? 'above' : 'within';
  return {
    sufficient: true,
    beforeMonths: before.length,
    afterMonths: after.length,
    beforeAvgFen: Math.round(avgBefore),
    afterAvgFen: Math.round(avgAfter),
    monthlySavingFen: roundSigned(monthly),
    annualSavingFen,
    paybackMonths,
    band,
    usedBefore,
  };
}

/** "18.5个月(约1.5年)" / "—". */
export function formatPayback(months: number | null): string {
  if (months === null) return '无法收回';
  return months >= 12 ? `${months.toFixed(1)}个月(约${(months / 12).toFixed(1)}年)` : `${months.toFixed(1)}个月`;
}

// ------------------------------------------------------------------------------------ requests

const ZText = (label: string, max: number) => z.string({ error: `${label}应为文字` }).trim().max(max, { error: `${label}最多${max}个字` });
const ZOptionalDate = ZDate.nullable().optional();

const projectFields = {
  name: z.string({ error: '请填写项目名称' }).trim().min(1, { error: '请填写项目名称' }).max(80, { error: '项目名称最多80个字' }),
  content: ZText('改造内容', 2000).nullable().optional(),
  vendor: ZText('服务商', 80).nullable().optional(),
  investmentFen: ZFen.refine((v) => v <= 10_000_000_000_000, { error: '总投资应小于1000亿元' }),
  startedOn: ZOptionalDate,
  liveOn: ZOptionalDate,
  status: z.enum(SMART_PROJECT_STATUSES, { error: '状态应为 计划中 / 建设中 / 已上线' }),
};

function checkDates(v: { startedOn?: string | null; liveOn?: string | null; status?: SmartProjectStatus }, ctx: z.RefinementCtx): void {
  if (v.status === 'live' && !v.liveOn) ctx.addIssue({ code: 'custom', path: ['liveOn'], message: '已上线的项目请填写上线日期' });
  if (v.startedOn && v.liveOn && v.liveOn < v.startedOn) ctx.addIssue({ code: 'custom', path: ['liveOn'], message: '上线日期不能早于启动日期' });
}

/** 新建项目: the office names the firm; a firm (or its liaison) files for itself (enterpriseId optional for a firm). */
export const ZCreateSmartProjectRequest = z
  .object({ enterpriseId: z.uuid({ error: '请选择企业' }).optional(), ...projectFields })
  .superRefine(checkDates);
export type CreateSmartProjectRequest = z.input<typeof ZCreateSmartProjectRequest>;

/** 修改项目: every field again, with the version read (a stale version is 409). */
export const ZUpdateSmartProjectRequest = z
  .object({ version: z.number({ error: '版本号应为数字' }).int().min(1), ...projectFields })
  .superRefine(checkDates);
export type UpdateSmartProjectRequest = z.input<typeof ZUpdateSmartProjectRequest>;

const ZMonth = z
  .string({ error: '月份格式应为 YYYY-MM' })
  .regex(/^\d{4}-(0[1-9]|1[0-2])(-01)?$/, { error: '月份格式应为 YYYY-MM' })
  .transform((s) => (s.length === 7 ? `${s}-01` : s));

/**
 * 保存月度成本 (the grid): the months given are set (costFen null removes a month); months not
 * given stay as they are. One transaction; a future month is refused.
 */
export const ZSaveSmartCostsRequest = z.object({
  version: z.number({ error: '版本号应为数字' }).int().min(1),
  costs: z
    .array(
      z.object({
        month: ZMonth,
        costFen: ZFen.refine((v) => v <= 100_000_000_000, { error: '月度成本应小于10亿元' }).nullable(),
        note: ZText('备注', 200).nullable().optional(),
      }),
      { error: '月度成本应为列表' },
    )
    .min(1, { error: '请至少填写一个月的成本' })
    .max(240, { error: '一次最多保存240个月' }),
});
export type SaveSmartCostsRequest = z.input<typeof ZSaveSmartCostsRequest>;

export const ZSmartProjectListQuery = z.object({
  enterpriseId: z.uuid({ error: '企业编号格式不正确' }).optional(),
  status: z.enum(SMART_PROJECT_STATUSES, { error: '状态应为 planned / building / live' }).optional(),
});
export type SmartProjectListQuery = z.infer<typeof ZSmartProjectListQuery>;

// --------------------------------------------------------------------------------------- views

export type SmartProjectView = {
  id: string;
  enterpriseId: string;
  enterpriseName: string;
  chain: string | null;
  name: string;
  content: string | null;
  vendor: string | null;
  investmentFen: number;
  startedOn: string | null;
  liveOn: string | null;
  status: SmartProjectStatus;
  version: number;
  /** How many cost months are entered. */
  costMonths: number;
  saving: SmartSaving;
  createdAt: string;
  updatedAt: string;
  /** Whether the caller may edit it (the office, or the firm / its liaison). */
  canEdit: boolean;
};

export type SmartCostView = { month: string; costFen: number; note: string | null; phase: SmartCostPhase };

export type SmartProjectDetail = SmartProjectView & { costs: SmartCostView[] };

/** The check of the claim across the live projects with enough data, and totals across all. */
export type SmartSummary = {
  projects: number;
  live: number;
  totalInvestmentFen: number;
  /** live projects with a computed saving */
  computed: number;
  /** live projects without enough months (数据不足) */
  insufficient: number;
  totalAnnualSavingFen: number;
  /** the claim's band and how many computed projects fall below, within and above it */
  claim: { lowFen: number; highFen: number; text: string; below: number; within: number; above: number };
  /** one bar per computed project, highest saving first */
  perProject: { id: string; name: string; enterpriseName: string; annualSavingFen: number; investmentFen: number; paybackMonths: number | null; band: SmartSavingBand }[];
};

export type SmartProjectList = { items: SmartProjectView[]; summary: SmartSummary };

/** What an Excel import of monthly costs answers (the ExcelImport page's shape). */
export type SmartCostImportReport = {
  total: number;
  imported: number;
  updated: number;
  unchanged: number;
  rejected: { row: number; column: string; message: string }[];
};
