// 金融服务 — 信用画像 credit profile (see finance.ts).
import { z } from 'zod';
import { ZDate } from './common.js';

/**
 * The credit formula is data, versioned like the policy rules (draft → published → retired; one
 * published version in force per park; older versions kept). It weighs indicators taken from a
 * fixed catalogue of metrics the platform computes today; each indicator maps the firm's value to
 * a score 0–100 through contiguous bands, and the total (Σ score × weight ÷ 100) maps to a grade.
 *
 * Bands: `min` inclusive, `max` exclusive, null = unbounded. The bands of one indicator must cover
 * every value exactly once (sorted, first min null, last max null, each min = the previous max).
 * A firm without the value (e.g. no founding date on record) scores 0 on that indicator, and the
 * explanation says so.
 *
 * Grades (信用等级): AAA / AA / A / BBB / BB / B, by the formula's thresholds (minimum total
 * score of each grade, strictly descending; below the BB threshold is B).
 */
export const CREDIT_METRICS = [
  'years_founded',
  'registered_capital_wan',
  'above_scale',
  'headcount',
  'high_tech',
  'specialized',
  'payouts_count_3y',
  'payouts_amount_wan_3y',
  'demands_filed_3y',
  'demands_resolved_pct',
  'bridge_repaid_on_time',
  'bridge_overdue',
  'margin_calls_3y',
  'needs_disbursed',
  'revenue_12m_wan',
  'revenue_yoy_pct',
  'tax_12m_wan',
  'reports_on_time_12m',
  'power_yoy_pct',
] as const;
export type CreditMetric = (typeof CREDIT_METRICS)[number];

export type CreditMetricMeta = {
  label: string;
  /** The unit a value and its bands read in ("年", "万元", "笔"); '' for yes/no (1 = 是, 0 = 否). */
  unit: string;
  /** 1/0 metrics: bands read "是"/"否". */
  yesNo?: boolean;
  /** Not computable yet (comes with the industry cloud): listed, not selectable. */
  available: boolean;
  help: string;
};

export const CREDIT_METRIC_META: Record<CreditMetric, CreditMetricMeta> = {
  years_founded: { label: '成立年限', unit: '年', available: true, help: '自成立日期起至评价日的整年数(企业库)' },
  registered_capital_wan: { label: '注册资本', unit: '万元', available: true, help: '企业库登记的注册资本' },
  above_scale: { label: '规上企业', unit: '', yesNo: true, available: true, help: '是否规模以上工业企业(企业库)' },
  headcount: { label: '从业人数', unit: '人', available: true, help: '企业库登记的从业人数' },
  high_tech: { label: '高新技术企业', unit: '', yesNo: true, available: true, help: '企业标签含“高新技术企业”' },
  specialized: { label: '专精特新', unit: '', yesNo: true, available: true, help: '企业标签含“专精特新”或“专精特新小巨人”' },
  payouts_count_3y: { label: '近三年获政策兑付笔数', unit: '笔', available: true, help: '近三年已拨付(未冲销)的政策资金笔数' },
  payouts_amount_wan_3y: { label: '近三年获政策兑付金额', unit: '万元', available: true, help: '近三年已拨付(未冲销)的政策资金合计' },
  demands_filed_3y: { label: '近三年提交诉求数', unit: '件', available: true, help: '近三年提交的诉求(不含撤回)' },
  demands_resolved_pct: { label: '诉求办结率', unit: '%', available: true, help: '近三年诉求中已办结(已解决或已关闭)的占比;无诉求时无数据' },
  bridge_repaid_on_time: { label: '应急转贷按期归还笔数', unit: '笔', available: true, help: '已归还且未超过最长使用天数的应急转贷' },
  bridge_overdue: { label: '应急转贷逾期笔数', unit: '笔', available: true, help: '超过最长使用天数才归还或至今未还的应急转贷' },
  margin_calls_3y: { label: '近三年存铜融补仓通知次数', unit: '次', available: true, help: '近三年收到的补仓通知(价格下跌致额度不足)' },
  needs_disbursed: { label: '融资需求获放款笔数', unit: '笔', available: true, help: '在平台发布且已放款的融资需求' },
  // 产业云 (docs/industry/STATS.md): from the firm's accepted monthly reports. "近12个月" = the 12
  // months ending with the firm's latest accepted month, if that month is one of the 12 before the
  // evaluation month (older data is no profile of today: no value).
  revenue_12m_wan: { label: '近12个月营业收入', unit: '万元', available: true, help: '产业云月报:最近12个月(截至最近一个审核通过的月份)营业收入合计;无近期月报时无数据' },
  revenue_yoy_pct: { label: '营收同比增速', unit: '%', available: true, help: '产业云月报:近12个月营业收入比上年同期12个月的增速;上年同期无月报时无数据' },
  tax_12m_wan: { label: '近12个月纳税', unit: '万元', available: true, help: '产业云月报:最近12个月税收合计;无近期月报时无数据' },
  reports_on_time_12m: { label: '近12个月按期报送月数', unit: '个月', available: true, help: '评价月之前12个月的月报中,在截止日(次月第N个工作日)前报送的月数;非应报企业且从未报送时无数据' },
  power_yoy_pct: { label: '用电量同比', unit: '%', available: true, help: '产业云月报:近12个月用电量(企业确认的电表计量或填报值)比上年同期的增速;上年同期无数据时无数据' },
};

export const CREDIT_GRADES = ['AAA', 'AA', 'A', 'BBB', 'BB', 'B'] as const;
export type CreditGrade = (typeof CREDIT_GRADES)[number];
export const CREDIT_GRADE_LABELS: Record<CreditGrade, string> = { AAA: '信用极好', AA: '信用优良', A: '信用较好', BBB: '信用一般', BB: '信用欠佳', B: '信用较差' };

const ZBandBound = z.number({ error: '须为数字' }).finite('须为有限数字').nullable();
export const ZCreditBand = z.object({
  min: ZBandBound,
  max: ZBandBound,
  score: z.number({ error: '得分须为数字' }).int('得分须为整数').min(0, '得分不能小于0').max(100, '得分不能大于100'),
});
export type CreditBand = z.infer<typeof ZCreditBand>;

export const ZCreditIndicator = z.object({
  metric: z.enum(CREDIT_METRICS, { error: '请选择指标' }),
  weight: z.number({ error: '权重须为数字' }).int('权重须为整数').min(1, '权重至少1%').max(100, '权重不能超过100%'),
  bands: z.array(ZCreditBand).min(1, '至少一个评分档').max(10, '最多10个评分档'),
  /** Score when the firm has no value on record (default 0). */
  missingScore: z.number({ error: '无数据得分须为数字' }).int('无数据得分须为整数').min(0, '无数据得分不能小于0').max(100, '无数据得分不能大于100').optional(),
});
export type CreditIndicator = z.infer<typeof ZCreditIndicator>;

/** Minimum total score of each grade but B (below BB's minimum). */
export const ZCreditGradeThresholds = z.object({
  AAA: z.number().min(0).max(100),
  AA: z.number().min(0).max(100),
  A: z.number().min(0).max(100),
  BBB: z.number().min(0).max(100),
  BB: z.number().min(0).max(100),
});
export type CreditGradeThresholds = z.infer<typeof ZCreditGradeThresholds>;

export const ZCreditFormulaDefinition = z.object({
  indicators: z.array(ZCreditIndicator).min(1, '至少一个指标').max(16, '最多16个指标'),
  grades: ZCreditGradeThresholds,
});
export type CreditFormulaDefinition = z.infer<typeof ZCreditFormulaDefinition>;

export type CreditFormulaIssue = { path: string; message: string };

function fmt(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Math.round(n * 100) / 100);
}

/** One band as text: "≥10年", "5–10年", "<5年", "是", "否", "全部". */
export function describeBandRange(metric: CreditMetric, band: Pick<CreditBand, 'min' | 'max'>): string {
  const meta = CREDIT_METRIC_META[metric];
  if (meta.yesNo) {
    if (band.min !== null && band.min >= 1) return '是';
    if (band.max !== null && band.max <= 1) return '否';
  }
  const u = meta.unit;
  if (band.min === null && band.max === null) return '全部';
  if (band.min === null) return `<${fmt(band.max!)}${u}`;
  if (band.max === null) return `≥${fmt(band.min)}${u}`;
  return `${fmt(band.min)}–${fmt(band.max)}${u}`;
}

/**
 * Everything wrong with a formula, each naming its field in Chinese: weights summing to 100, bands
 * contiguous and not overlapping, each metric once and available, grade thresholds descending.
 */
export function validateCreditFormula(def: CreditFormulaDefinition): CreditFormulaIssue[] {
  const issues: CreditFormulaIssue[] = [];
  const seen = new Set<string>();
  let total = 0;
  def.indicators.forEach((ind, i) => {
    const meta = CREDIT_METRIC_META[ind.metric];
    const name = `第${i + 1}个指标「${meta.label}」`;
    if (!meta.available) issues.push({ path: `indicators.${i}.metric`, message: `${name}暂无数据来源(${meta.help}),不能使用` });
    if (seen.has(ind.metric)) issues.push({ path: `indicators.${i}.metric`, message: `${name}重复,每个指标只能出现一次` });
    seen.add(ind.metric);
    total += ind.weight;
    const bands = ind.bands.map((b, j) => ({ ...b, j })).sort((a, b) => (a.min ?? -Infinity) - (b.min ?? -Infinity));
    ind.bands.forEach((b, j) => {
      if (b.min !== null && b.max !== null && b.min >= b.max) issues.push({ path: `indicators.${i}.bands.${j}`, message: `${name}第${j + 1}档的下限须小于上限` });
    });
    if (bands[0]!.min !== null) issues.push({ path: `indicators.${i}.bands`, message: `${name}的评分档须从无下限开始(最低一档下限留空)` });
    if (bands[bands.length - 1]!.max !== null) issues.push({ path: `indicators.${i}.bands`, message: `${name}的评分档须到无上限为止(最高一档上限留空)` });
    for (let k = 1; k < bands.length; k += 1) {
      const prev = bands[k - 1]!;
      const cur = bands[k]!;
      if (prev.max === null || cur.min === null || cur.min < prev.max) {
        issues.push({ path: `indicators.${i}.bands.${cur.j}`, message: `${name}第${cur.j + 1}档与第${prev.j + 1}档区间重叠` });
      } else if (cur.min > prev.max) {
        issues.push({ path: `indicators.${i}.bands.${cur.j}`, message: `${name}第${prev.j + 1}档与第${cur.j + 1}档之间有空缺(${fmt(prev.max)}–${fmt(cur.min)}${meta.unit}),评分档须首尾相接` });
      }
    }
  });
  if (total !== 100) issues.push({ path: 'indicators', message: `各指标权重之和须为100%,现为${total}%` });
  const g = def.grades;
  const order: (keyof CreditGradeThresholds)[] = ['AAA', 'AA', 'A', 'BBB', 'BB'];
  for (let k = 1; k < order.length; k += 1) {
    if (!(g[order[k]!] < g[order[k - 1]!])) issues.push({ path: `grades.${order[k]}`, message: `等级${order[k]}的起点分须低于${order[k - 1]}(${fmt(g[order[k - 1]!])}分)` });
  }
  return issues;
}

/** The formula read back in Chinese: one line per indicator, then the grade line. */
export function describeCreditFormula(def: CreditFormulaDefinition): string[] {
  const lines = def.indicators.map((ind) => {
    const meta = CREDIT_METRIC_META[ind.metric];
    const bands = [...ind.bands].sort((a, b) => (b.min ?? -Infinity) - (a.min ?? -Infinity));
    const missing = ind.missingScore ? `;无数据 得${ind.missingScore}分` : '';
    return `${meta.label}:${bands.map((b) => `${describeBandRange(ind.metric, b)} 得${b.score}分`).join(';')}${missing};权重${ind.weight}%`;
  });
  const g = def.grades;
  lines.push(
    `总分 = Σ(指标得分 × 权重);等级:≥${fmt(g.AAA)}分 AAA;${fmt(g.AA)}–${fmt(g.AAA)}分 AA;${fmt(g.A)}–${fmt(g.AA)}分 A;${fmt(g.BBB)}–${fmt(g.A)}分 BBB;${fmt(g.BB)}–${fmt(g.BBB)}分 BB;<${fmt(g.BB)}分 B`,
  );
  return lines;
}

/** The firm's values of every available metric (null = not on record). */
export type CreditFacts = Partial<Record<CreditMetric, number | null>>;

export const ZCreditIndicatorResult = z.object({
  metric: z.enum(CREDIT_METRICS),
  label: z.string(),
  value: z.number().nullable(),
  valueText: z.string(),
  score: z.number(),
  weight: z.number(),
  /** score × weight ÷ 100, the indicator's part of the total */
  weighted: z.number(),
  explanation: z.string(),
});
export type CreditIndicatorResult = z.infer<typeof ZCreditIndicatorResult>;

export const ZCreditProfile = z.object({
  enterpriseId: z.string(),
  enterpriseName: z.string(),
  formulaId: z.string(),
  formulaVersion: z.number(),
  formulaName: z.string(),
  formulaStatus: z.enum(['draft', 'published', 'retired']),
  asOf: ZDate,
  indicators: z.array(ZCreditIndicatorResult),
  totalScore: z.number(),
  grade: z.enum(CREDIT_GRADES),
  gradeLabel: z.string(),
  /** Metrics listed in the catalogue whose data is not available yet. */
  notYetAvailable: z.array(z.object({ metric: z.enum(CREDIT_METRICS), label: z.string(), help: z.string() })),
});
export type CreditProfile = z.infer<typeof ZCreditProfile>;

function valueText(metric: CreditMetric, value: number | null): string {
  const meta = CREDIT_METRIC_META[metric];
  if (value === null) return '无数据';
  if (meta.yesNo) return value >= 1 ? '是' : '否';
  return `${fmt(value)}${meta.unit}`;
}

export function gradeOf(total: number, g: CreditGradeThresholds): CreditGrade {
  if (total >= g.AAA) return 'AAA';
  if (total >= g.AA) return 'AA';
  if (total >= g.A) return 'A';
  if (total >= g.BBB) return 'BBB';
  if (total >= g.BB) return 'BB';
  return 'B';
}

/**
 * Applies a (valid) formula to a firm's facts: each indicator's value, band score, weight and a
 * one-line explanation; the total rounded to one decimal; the grade.
 */
export function scoreCredit(def: CreditFormulaDefinition, facts: CreditFacts): Pick<CreditProfile, 'indicators' | 'totalScore' | 'grade' | 'gradeLabel' | 'notYetAvailable'> {
  let total = 0;
  const indicators = def.indicators.map((ind): CreditIndicatorResult => {
    const meta = CREDIT_METRIC_META[ind.metric];
    const value = facts[ind.metric] ?? null;
    const band = value === null ? null : ind.bands.find((b) => (b.min === null || value >= b.min) && (b.max === null || value < b.max)) ?? null;
    const score = value === null ? (ind.missingScore ?? 0) : band ? band.score : 0;
    const weighted = (score * ind.weight) / 100;
    total += weighted;
    const explanation =
      value === null
        ? `${meta.label}无数据,按${ind.missingScore ?? 0}分计 × 权重${ind.weight}% = ${fmt(weighted)}分`
        : band
          ? `${meta.label}${valueText(ind.metric, value)},属“${describeBandRange(ind.metric, band)}”档,得${score}分 × 权重${ind.weight}% = ${fmt(weighted)}分`
          : `${meta.label}${valueText(ind.metric, value)},不在任何评分档,按0分计`;
    return { metric: ind.metric, label: meta.label, value, valueText: valueText(ind.metric, value), score, weight: ind.weight, weighted: Math.round(weighted * 100) / 100, explanation };
  });
  const totalScore = Math.round(total * 10) / 10;
  const grade = gradeOf(totalScore, def.grades);
  const notYetAvailable = CREDIT_METRICS.filter((m) => !CREDIT_METRIC_META[m].available).map((m) => ({ metric: m, label: CREDIT_METRIC_META[m].label, help: CREDIT_METRIC_META[m].help }));
  return { indicators, totalScore, grade, gradeLabel: CREDIT_GRADE_LABELS[grade], notYetAvailable };
}

// ------------------------------------------------------------ versions and the API
export const CREDIT_FORMULA_STATUSES = ['draft', 'published', 'retired'] as const;
export type CreditFormulaStatus = (typeof CREDIT_FORMULA_STATUSES)[number];
export const CREDIT_FORMULA_STATUS_LABELS: Record<CreditFormulaStatus, string> = { draft: '草稿', published: '生效中', retired: '已停用' };

export const ZSaveCreditFormulaRequest = z.object({
  name: z.string({ error: '请填写名称' }).trim().min(1, '请填写名称').max(60, '名称不超过60字'),
  note: z.string().trim().max(500, '说明不超过500字').nullish(),
  definition: ZCreditFormulaDefinition,
});
export type SaveCreditFormulaRequest = z.infer<typeof ZSaveCreditFormulaRequest>;

export const ZTestCreditFormulaRequest = z.object({ enterpriseId: z.uuid({ error: '请选择企业' }) });

export type CreditFormulaView = {
  id: string;
  version: number;
  name: string;
  note: string | null;
  status: CreditFormulaStatus;
  statusLabel: string;
  definition: CreditFormulaDefinition;
  description: string[];
  createdByName: string | null;
  createdAt: string;
  updatedAt: string;
  publishedAt: string | null;
  publishedByName: string | null;
  retiredAt: string | null;
};

/** GET /api/finance/credit/enterprises/:id — null when no formula is published yet. */
export type CreditProfileResponse = { profile: CreditProfile | null };
