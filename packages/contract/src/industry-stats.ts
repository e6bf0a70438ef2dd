import { z } from 'zod';

/**
 * 经济运行统计 (server/src/modules/industry/stats). The trend the office dashboards read:
 * `GET /api/industry/stats/trend?chain=copper&indicators=output_fen,copper_sales_t&months=24`
 * (chain optional = the whole park; months counted back from the last month with accepted figures).
 *
 * Definitions (docs/industry/STATS.md): every figure is the sum of the accepted figures
 * (industry_figures) of the firms in the actor's scope; a chain's figures are those of the firms
 * that were in the chain when their month was accepted. Bases are comparable (可比口径): 同期, 上月 and
 * 同期累计 are the figures of the same firms (those accepted in the month shown) in the base months.
 */
export type IndicatorTrendPoint = {
  /** 'YYYY-MM-01' */
  period: string;
  value: number | null;
  /** the same firms' figures of the same month a year before (可比口径) */
  lastYear: number | null;
  /** 同比 in percent, one decimal; null without a base */
  yoyPct: number | null;
  /** firms whose accepted figure is in `value` */
  firms: number;
};
export type IndicatorTrend = { key: string; label: string; unit: string; points: IndicatorTrendPoint[] };
export type IndustryTrendView = { chain: string | null; chainLabel: string | null; indicators: IndicatorTrend[] };

const MONTH_MESSAGE = '月份格式应为YYYY-MM,如2026-10';
/** 'YYYY-MM' (or 'YYYY-MM-01'), normalised to the period 'YYYY-MM-01'. */
export const ZStatsMonth = z
  .string({ error: MONTH_MESSAGE })
  .trim()
  .regex(/^\d{4}-(0[1-9]|1[0-2])(-01)?$/, MONTH_MESSAGE)
  .transform((s) => `${s.slice(0, 7)}-01`)
  .refine((p) => Number(p.slice(0, 4)) >= 2000 && Number(p.slice(0, 4)) <= 2100, '月份须在2000年至2100年之间');

const ZChain = z
  .string()
  .trim()
  .max(40, '产业链代码过长')
  .regex(/^[a-z0-9_-]*$/, '产业链代码格式不正确')
  .transform((s) => (s === '' ? undefined : s))
  .optional();

/** GET /api/industry/stats?month=2026-10 (default: the last month with accepted figures). */
export const ZIndustryStatsQuery = z.object({ month: ZStatsMonth.optional() });
export type IndustryStatsQuery = z.infer<typeof ZIndustryStatsQuery>;

export const STATS_RANK_BASES = ['month', 'ytd'] as const;
export type StatsRankBasis = (typeof STATS_RANK_BASES)[number];
export const STATS_RANK_BASIS_LABELS: Record<StatsRankBasis, string> = { month: '本月', ytd: '累计' };

/** GET /api/industry/stats/rankings */
export const ZIndustryRankingsQuery = z.object({
  month: ZStatsMonth.optional(),
  indicator: z.string({ error: '请选择指标' }).trim().regex(/^[a-z][a-z0-9_]{1,39}$/, '指标代码格式不正确').default('output_fen'),
  basis: z.enum(STATS_RANK_BASES, { error: '排名口径应为本月或累计' }).default('month'),
  chain: ZChain,
  order: z.enum(['desc', 'asc'], { error: '排序应为从高到低或从低到高' }).default('desc'),
  limit: z.coerce.number({ error: '条数须为数字' }).int('条数须为整数').min(1, '条数至少为1').max(500, '条数不超过500').default(20),
});
export type IndustryRankingsQuery = z.infer<typeof ZIndustryRankingsQuery>;

/** GET /api/industry/stats/completeness?chain=copper&month=2026-10 (12 months ending with `month`). */
export const ZIndustryCompletenessQuery = z.object({ month: ZStatsMonth.optional(), chain: ZChain });

/** GET /api/industry/stats/trend */
export const ZIndustryTrendQuery = z.object({
  chain: ZChain,
  indicators: z
    .string({ error: '请选择指标' })
    .trim()
    .default('output_fen')
    .transform((s) => [...new Set(s.split(',').map((x) => x.trim()).filter(Boolean))])
    .refine((a) => a.length >= 1 && a.length <= 9, '指标须选择1至9个')
    .refine((a) => a.every((k) => /^[a-z][a-z0-9_]{1,39}$/.test(k)), '指标代码格式不正确'),
  months: z.coerce.number({ error: '月数须为数字' }).int('月数须为整数').min(1, '月数至少为1').max(60, '月数不超过60').default(24),
});
export type IndustryTrendQuery = z.infer<typeof ZIndustryTrendQuery>;

/** One indicator's line of a statistics table (values in the indicator's unit: money in fen). */
export type IndustryStatsRow = {
  key: string;
  label: string;
  /** 'fen' | 'kwh' | … (contract INDICATOR_UNITS) */
  unit: string;
  /** 计量单位 as the table and the export show it (money: 万元) */
  unitLabel: string;
  decimals: number;
  /** 本月 */
  current: number | null;
  /** 同期: the same firms' figures of the same month a year before (可比口径) */
  lastYear: number | null;
  /** 同比增速 % */
  yoyPct: number | null;
  /** 上月 (across the year boundary: January's is the December before) */
  previous: number | null;
  /** 环比增速 % */
  momPct: number | null;
  /** 累计: January to this month of the year */
  ytd: number | null;
  /** 同期累计 */
  ytdLastYear: number | null;
  /** 累计增速 % */
  ytdYoyPct: number | null;
};

export type IndustryStatsGroup = {
  /** null = 全园区 */
  chain: string | null;
  label: string;
  /** firms that should report (规上 by default, industry_reporters' exceptions applied) */
  expected: number;
  /** firms that submitted this month's report (at least once) */
  reported: number;
  /** firms whose figures for this month are accepted */
  accepted: number;
  rows: IndustryStatsRow[];
};

export type IndustryStatsView = {
  /** 'YYYY-MM-01' of the month shown; null when no figure was ever accepted */
  period: string | null;
  periodLabel: string | null;
  /** "2026年1–10月" */
  ytdLabel: string | null;
  /** months with accepted figures, newest first (the month picker's choices) */
  months: string[];
  /** the park first, then each chain with its label */
  groups: IndustryStatsGroup[];
};

export type IndustryRankingRow = {
  rank: number;
  enterpriseId: string;
  enterpriseName: string;
  chain: string | null;
  chainLabel: string | null;
  value: number;
  lastYear: number | null;
  yoyPct: number | null;
};
export type IndustryRankingsView = {
  period: string | null;
  indicator: { key: string; label: string; unit: string; unitLabel: string; decimals: number };
  basis: StatsRankBasis;
  chain: string | null;
  order: 'desc' | 'asc';
  /** firms with a value (the list may be cut at `limit`) */
  total: number;
  rows: IndustryRankingRow[];
};

/** A firm's month in the completeness grid. */
export const COMPLETENESS_STATES = ['accepted', 'submitted', 'returned', 'missing'] as const;
export type CompletenessState = (typeof COMPLETENESS_STATES)[number];
export const COMPLETENESS_STATE_LABELS: Record<CompletenessState, string> = { accepted: '已通过', submitted: '待审核', returned: '已退回', missing: '未报送' };
export type CompletenessCell = {
  period: string;
  state: CompletenessState;
  /** filed after its due day, or still not filed once the due day has passed */
  late: boolean;
};
export type IndustryCompletenessView = {
  chain: string | null;
  chainLabel: string | null;
  /** 12 periods, oldest first */
  periods: string[];
  firms: { enterpriseId: string; enterpriseName: string; cells: CompletenessCell[]; accepted: number }[];
  /** per period: firms accepted (complete) */
  acceptedByPeriod: number[];
  /** firms with all 12 months accepted */
  completeFirms: number;
};

/**
 * Stock indicators (时点数: 从业人员, 在手订单, any headcount or percentage) are a month-end level, not a
 * flow: months are not added up, so they have no 累计 (nor 同期累计, 累计增速), and a ranking 累计 of
 * them ranks the month.
 */
export const STOCK_INDICATOR_KEYS = ['employees', 'orders_fen'] as const;
export function isStockIndicator(ind: { key: string; unit: string }): boolean {
  return ind.unit === 'person' || ind.unit === 'percent' || (STOCK_INDICATOR_KEYS as readonly string[]).includes(ind.key);
}

/** The unit an indicator's figures are shown in: money in 万元, the rest in its own unit. */
export function statsUnitLabel(unit: string): string {
  switch (unit) {
    case 'fen':
      return '万元';
    case 'kwh':
      return '千瓦时';
    case 'person':
      return '人';
    case 'tonne':
      return '吨';
    case 'count':
      return '个';
    case 'percent':
      return '%';
    default:
      return unit;
  }
}

/**
 * A figure in its display unit as a number: fen → 万元 with two decimals (exact: an integer number
 * of fen ÷ 1,000,000 rounded to the 万元 cent), others rounded to the indicator's decimals.
 */
export function statsDisplayNumber(value: number, unit: string, decimals: number): number {
  if (unit === 'fen') return Math.round(value / 10_000) / 100;
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
}

/** A figure as text in its display unit, without the unit ("12,345.67"). */
export function formatStatsValue(value: number | null, unit: string, decimals: number): string {
  if (value === null) return '—';
  const d = unit === 'fen' ? 2 : decimals;
  return statsDisplayNumber(value, unit, decimals).toLocaleString('zh-CN', { minimumFractionDigits: d, maximumFractionDigits: d });
}

/** "2026年1–10月" (1月 alone for January). */
export function ytdLabelOf(period: string): string {
  const y = period.slice(0, 4);
  const m = Number(period.slice(5, 7));
  return m === 1 ? `${y}年1月` : `${y}年1–${m}月`;
}
