/**
 * 经济运行统计 (server/src/modules/industry/stats). The trend the office dashboards read:
 * `GET /api/industry/stats/trend?chain=copper&indicators=output_fen,copper_sales_t&months=24`
 * (chain optional = the whole park; months counted back from the last month with accepted figures).
 */
export type IndicatorTrendPoint = {
  /** 'YYYY-MM-01' */
  period: string;
  value: number | null;
  /** the same month a year before */
  lastYear: number | null;
  /** 同比 in percent, one decimal; null without a base */
  yoyPct: number | null;
  /** firms whose accepted figure is in `value` */
  firms: number;
};
export type IndicatorTrend = { key: string; label: string; unit: string; points: IndicatorTrendPoint[] };
export type IndustryTrendView = { chain: string | null; chainLabel: string | null; indicators: IndicatorTrend[] };
