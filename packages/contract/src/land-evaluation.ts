/** 要素保障 — 亩均论英雄: dated thresholds, firms' yearly figures, the graded results of a year, ranking and export. Shared names in land.ts. */
import { z } from 'zod';
import { FIELD_LABELS, ZDate, ZFen, ZPage, ZPageSize } from './common.js';

const LAND_EVALUATION_FIELD_LABELS: Record<string, string> = {
  validFrom: '生效日期',
  rules: '评价规则',
  indicators: '评价指标',
  benchmark: '基准值',
  weight: '权重',
  cap: '封顶倍数',
  cutoffs: '等级分数线',
  revenueFen: '营业收入',
  taxFen: '税收',
  investmentFen: '累计固定资产投资',
  floorAreaM2: '建筑面积',
  grade: '等级',
};
for (const [key, label] of Object.entries(LAND_EVALUATION_FIELD_LABELS)) if (!(key in FIELD_LABELS)) FIELD_LABELS[key] = label;

const optionalText = (label: string, max: number) =>
  z.string({ error: `${label}应为文字` }).trim().max(max, { error: `${label}最多${max}个字` }).optional().nullable();

// ------------------------------------------------------------------ indicators and grades

/**
 * The four 亩均 indicators. Money ones are per 亩 of the firm's land (fen per 亩 in the rules);
 * 容积率 is the firm's floor area ÷ its land area (a plain ratio).
 */
export const MUJUN_INDICATORS = ['tax_per_mu', 'revenue_per_mu', 'investment_per_mu', 'plot_ratio'] as const;
export type MujunIndicator = (typeof MUJUN_INDICATORS)[number];
export const MUJUN_INDICATOR_LABELS: Record<MujunIndicator, string> = {
  tax_per_mu: '亩均税收',
  revenue_per_mu: '亩均营收',
  investment_per_mu: '投资强度',
  plot_ratio: '容积率',
};
/** The unit a benchmark is shown in (the rules keep money in fen per 亩). */
export const MUJUN_INDICATOR_UNITS: Record<MujunIndicator, string> = {
  tax_per_mu: '万元/亩',
  revenue_per_mu: '万元/亩',
  investment_per_mu: '万元/亩',
  plot_ratio: '',
};
export const isMoneyIndicator = (key: MujunIndicator) => key !== 'plot_ratio';

export const MUJUN_GRADES = ['A', 'B', 'C', 'D'] as const;
export type MujunGrade = (typeof MUJUN_GRADES)[number];
export const MUJUN_GRADE_LABELS: Record<MujunGrade, string> = { A: 'A类(优先发展)', B: 'B类(提升发展)', C: 'C类(整治提升)', D: 'D类(低效)' };
export const MUJUN_GRADE_COLORS: Record<MujunGrade, string> = { A: 'green', B: 'blue', C: 'orange', D: 'red' };

/** Where a figure of a graded year came from. */
export const MUJUN_SOURCES = ['reports', 'entered', 'import', 'parcels', 'none'] as const;
export type MujunSource = (typeof MUJUN_SOURCES)[number];
export const MUJUN_SOURCE_LABELS: Record<MujunSource, string> = {
  reports: '月报汇总',
  entered: '手工录入',
  import: 'Excel导入',
  parcels: '地块登记',
  none: '无数据',
};

/**
 * The scheme of a threshold version (land_evaluation_thresholds.rules), as 亩均论英雄 schemes do:
 * each indicator is scored against its benchmark — weight × min(actual ÷ benchmark, cap) points —
 * the points are summed, and the sum is graded by the cut-offs (A ≥ a, B ≥ b, C ≥ c, else D).
 * A missing figure scores 0. Benchmarks: money in fen per 亩, 容积率 as a ratio.
 */
export const ZMujunIndicatorRule = z.object({
  key: z.enum(MUJUN_INDICATORS, { error: '指标应为亩均税收、亩均营收、投资强度或容积率' }),
  benchmark: z.number({ error: '基准值应为数字' }).positive({ error: '基准值应大于0' }).max(1e12, { error: '基准值过大' }),
  weight: z.number({ error: '权重应为数字' }).min(0, { error: '权重不能为负数' }).max(100, { error: '权重不超过100' }),
  cap: z.number({ error: '封顶倍数应为数字' }).min(1, { error: '封顶倍数至少为1' }).max(5, { error: '封顶倍数不超过5' }).default(1.2),
});
export type MujunIndicatorRule = z.infer<typeof ZMujunIndicatorRule>;

export const ZMujunThresholdRules = z
  .object({
    indicators: z.array(ZMujunIndicatorRule, { error: '评价指标应为列表' }).min(1, { error: '至少设置一个评价指标' }).max(4, { error: '最多四个评价指标' }),
    cutoffs: z.object({
      A: z.number({ error: 'A类分数线应为数字' }).min(0).max(500, { error: '分数线不超过500' }),
      B: z.number({ error: 'B类分数线应为数字' }).min(0).max(500, { error: '分数线不超过500' }),
      C: z.number({ error: 'C类分数线应为数字' }).min(0).max(500, { error: '分数线不超过500' }),
    }),
  })
  .superRefine((rules, ctx) => {
    const keys = rules.indicators.map((i) => i.key);
    keys.forEach((k, i) => {
      if (keys.indexOf(k) !== i) ctx.addIssue({ code: 'custom', path: ['indicators', i, 'key'], message: `${MUJUN_INDICATOR_LABELS[k]}重复` });
    });
    const total = rules.indicators.reduce((s, i) => s + i.weight, 0);
    if (Math.abs(total - 100) > 1e-9) ctx.addIssue({ code: 'custom', path: ['indicators'], message: `各指标权重合计应为100(现为${Math.round(total * 100) / 100})` });
    if (!(rules.cutoffs.A > rules.cutoffs.B && rules.cutoffs.B > rules.cutoffs.C)) {
      ctx.addIssue({ code: 'custom', path: ['cutoffs'], message: '分数线应满足 A > B > C' });
    }
  });
export type MujunThresholdRules = z.infer<typeof ZMujunThresholdRules>;

/** Default scheme (the demo's first version): 税收 40, 营收 25, 投资强度 20, 容积率 15; A 85, B 70, C 50. */
export const DEFAULT_MUJUN_RULES: MujunThresholdRules = {
  indicators: [
    { key: 'tax_per_mu', benchmark: 150_000 * 100, weight: 40, cap: 1.2 },
    { key: 'revenue_per_mu', benchmark: 3_000_000 * 100, weight: 25, cap: 1.2 },
    { key: 'investment_per_mu', benchmark: 2_500_000 * 100, weight: 20, cap: 1.2 },
    { key: 'plot_ratio', benchmark: 1.2, weight: 15, cap: 1.2 },
  ],
  cutoffs: { A: 85, B: 70, C: 50 },
};

/** An indicator's actual value the way the rules compare it: money per 亩 in fen (exact, unrounded), 容积率 as a ratio. */
export type MujunActuals = Partial<Record<MujunIndicator, number | null>>;

/**
 * Scores and grades one firm's actual values. Points are taken to two decimals by truncation
 * (never rounded up across a cut-off: a firm one fen short of the line stays below it); the grade
 * compares those points with the cut-offs.
 */
export function gradeMujun(rules: MujunThresholdRules, actuals: MujunActuals): { score: number; grade: MujunGrade; points: Record<string, number> } {
  let total = 0;
  const points: Record<string, number> = {};
  for (const rule of rules.indicators) {
    const v = actuals[rule.key];
    const p = v === null || v === undefined || !(v > 0) ? 0 : rule.weight * Math.min(v / rule.benchmark, rule.cap);
    points[rule.key] = Math.floor(p * 100 + 1e-7) / 100;
    total += p;
  }
  const score = Math.floor(total * 100 + 1e-7) / 100;
  const grade: MujunGrade = score >= rules.cutoffs.A ? 'A' : score >= rules.cutoffs.B ? 'B' : score >= rules.cutoffs.C ? 'C' : 'D';
  return { score, grade, points };
}

// ------------------------------------------------------------------ thresholds

export type MujunThresholdView = {
  id: string;
  validFrom: string;
  rules: MujunThresholdRules;
  note: string | null;
  createdBy: string | null;
  createdAt: string;
  /** The years (of those graded) this version grades: valid on 31 Dec of the year. */
  gradesYears: number[];
};
export type MujunThresholdList = { items: MujunThresholdView[]; defaultRules: MujunThresholdRules };

export const ZCreateMujunThresholdRequest = z.object({
  validFrom: ZDate,
  rules: ZMujunThresholdRules,
  note: optionalText('说明', 500),
});
export type CreateMujunThresholdRequest = z.input<typeof ZCreateMujunThresholdRequest>;

// ------------------------------------------------------------------ firms' figures

export const ZMujunYear = z.coerce
  .number({ error: '年度应为数字' })
  .int({ error: '年度应为整数' })
  .min(2000, { error: '年度不早于2000年' })
  .max(2100, { error: '年度不晚于2100年' });

export const ZMujunFiguresQuery = z.object({
  year: ZMujunYear,
  q: optionalText('关键字', 60),
  page: ZPage,
  pageSize: ZPageSize,
});
export type MujunFiguresQuery = z.input<typeof ZMujunFiguresQuery>;

/** A firm with land and the figures of a year, with where each comes from. */
export type MujunFirmFigures = {
  enterpriseId: string;
  enterpriseName: string;
  chain: string | null;
  chainLabel: string | null;
  landMu: number;
  parcels: number;
  /** Accepted monthly reports of the year (months with revenue or tax). */
  reportMonths: number;
  reportRevenueFen: number | null;
  reportTaxFen: number | null;
  /** land_firm_figures of the year (entered or imported). */
  entered: { revenueFen: number | null; taxFen: number | null; investmentFen: number | null; floorAreaM2: number | null; source: 'entered' | 'import'; note: string | null; updatedAt: string } | null;
  parcelFloorAreaM2: number | null;
  /** What the evaluation will use, and from where. */
  revenueFen: number | null;
  revenueSource: MujunSource;
  taxFen: number | null;
  taxSource: MujunSource;
  investmentFen: number | null;
  investmentSource: MujunSource;
  floorAreaM2: number | null;
  floorAreaSource: MujunSource;
};
export type MujunFiguresView = { year: number; items: MujunFirmFigures[]; total: number; page: number; pageSize: number };

const optionalFen = ZFen.optional().nullable();
export const ZSaveMujunFiguresRequest = z.object({
  revenueFen: optionalFen,
  taxFen: optionalFen,
  investmentFen: optionalFen,
  floorAreaM2: z.number({ error: '建筑面积应为数字' }).min(0, { error: '建筑面积不能为负数' }).max(1e10, { error: '建筑面积过大' }).optional().nullable(),
  note: optionalText('说明', 500),
});
export type SaveMujunFiguresRequest = z.input<typeof ZSaveMujunFiguresRequest>;

/** One problem in one row of an imported sheet (the whole file is refused when there is any). */
export type MujunImportRejection = { row: number; column: string; message: string };
export type MujunImportReport = { imported: number; updated: number; unchanged: number; rejected: MujunImportRejection[] };

// ------------------------------------------------------------------ graded years

export const ZMujunRankingQuery = z.object({
  year: ZMujunYear.optional(),
  grade: z.enum(MUJUN_GRADES, { error: '等级应为A、B、C或D' }).optional(),
  chain: z
    .string()
    .trim()
    .max(40, { error: '产业链代码过长' })
    .regex(/^[a-z0-9_-]*$/, { error: '产业链代码格式不正确' })
    .transform((s) => (s === '' ? undefined : s))
    .optional(),
  q: optionalText('关键字', 60),
  page: ZPage,
  pageSize: ZPageSize,
});
export type MujunRankingQuery = z.input<typeof ZMujunRankingQuery>;

export type MujunRankingRow = {
  rank: number;
  enterpriseId: string;
  enterpriseName: string;
  chain: string | null;
  chainLabel: string | null;
  landMu: number;
  revenueFen: number | null;
  taxFen: number | null;
  investmentFen: number | null;
  floorAreaM2: number | null;
  taxPerMuFen: number | null;
  revenuePerMuFen: number | null;
  investmentPerMuFen: number | null;
  plotRatio: number | null;
  score: number | null;
  grade: MujunGrade;
  revenueSource: MujunSource;
  taxSource: MujunSource;
  investmentSource: MujunSource;
  floorAreaSource: MujunSource;
  reportMonths: number;
};

export type MujunRankingView = {
  /** The year shown (null: nothing graded yet). */
  year: number | null;
  /** Years with graded rows, newest first. */
  years: number[];
  threshold: { id: string; validFrom: string; rules: MujunThresholdRules } | null;
  computedAt: string | null;
  counts: Record<MujunGrade, number> & { total: number; landMu: number; taxFen: number; revenueFen: number };
  items: MujunRankingRow[];
  total: number;
  page: number;
  pageSize: number;
};

/** The result of evaluating a year (and publishing the 低效 parcels). */
export type MujunEvaluateResult = {
  year: number;
  thresholdId: string | null;
  thresholdValidFrom: string | null;
  firms: number;
  counts: Record<MujunGrade, number>;
  /** Whether the year is the latest graded, so its grades moved parcels. */
  published: boolean;
  markedInefficient: number;
  rectified: number;
};

/** A firm's graded years (its page section). */
export type MujunFirmHistory = {
  enterpriseId: string;
  enterpriseName: string;
  years: (MujunRankingRow & { year: number; thresholdValidFrom: string | null; parcelCount: number })[];
  parcels: { id: string; code: string; name: string | null; areaMu: number; status: string }[];
};

export const ZMujunInefficientQuery = z.object({ year: ZMujunYear.optional() });

/** A parcel of a firm graded D in the year, with its current status (低效 = published). */
export type MujunInefficientParcel = {
  parcelId: string;
  code: string;
  name: string | null;
  areaMu: number;
  status: string;
  statusSince: string;
  enterpriseId: string;
  enterpriseName: string;
  score: number | null;
  taxPerMuFen: number | null;
  revenuePerMuFen: number | null;
};
export type MujunInefficientView = { year: number | null; items: MujunInefficientParcel[]; totalMu: number; inefficientCount: number };

/** 1 万元 per 亩 in fen. */
export const MUJUN_FEN_PER_WAN = 1_000_000;
/** fen per 亩 → "12.35" 万元/亩 (two decimals). */
export function formatWanPerMu(fen: number | null | undefined): string {
  if (fen === null || fen === undefined) return '—';
  return (fen / MUJUN_FEN_PER_WAN).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}
