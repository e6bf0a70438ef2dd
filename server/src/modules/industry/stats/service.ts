import {
  growthPct,
  isStockIndicator,
  periodLabel,
  periodOf,
  statsUnitLabel,
  ytdLabelOf,
  type CompletenessCell,
  type IndustryCompletenessView,
  type IndustryRankingsQuery,
  type IndustryRankingsView,
  type IndustryStatsGroup,
  type IndustryStatsRow,
  type IndustryStatsView,
  type IndustryTrendQuery,
  type IndustryTrendView,
} from '@yuanqi/contract';
import type { Actor } from '../../../platform/actor.js';
import type { AppContext } from '../../../platform/context.js';
import { AppError } from '../../../platform/errors.js';
import { enterpriseScopeOf, type EnterpriseScope } from '../../../platform/scope.js';
import { ensureIndustryDefaults, industrySettings } from '../defaults.js';
import { shanghaiDate } from '../../../platform/calendar/index.js';
import {
  acceptedPeriodsOf,
  activeIndicators,
  chainLabels,
  expectedReporters,
  firmSums,
  monthsWithFigures,
  reportedAndAccepted,
  reportsOf,
  sumsByChain,
  type IndicatorRow,
  type SumRow,
} from './repository.js';

/**
 * 经济运行统计. Every figure is a sum of accepted figures (industry_figures) of the firms in the
 * actor's scope (staff: the park; a liaison: its firms; a firm: itself). Growth is on a comparable
 * basis: each firm's month against the same firm's base month (docs/industry/STATS.md).
 */

const yearOf = (p: string) => Number(p.slice(0, 4));
const monthOf = (p: string) => Number(p.slice(5, 7));

/** The period `n` months before `p` (n may be negative). */
export function shiftPeriod(p: string, n: number): string {
  const idx = yearOf(p) * 12 + (monthOf(p) - 1) - n;
  return periodOf(Math.floor(idx / 12), (idx % 12) + 1);
}

/** Periods from `from` to `to` inclusive, oldest first. */
export function periodsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let p = from; p <= to; p = shiftPeriod(p, -1)) out.push(p);
  return out;
}

function appliesTo(ind: IndicatorRow, chain: string | null): boolean {
  return chain === null || ind.applies_to === 'all' || ind.chains.includes(chain);
}

type Cell = { total: number; lastYear: number | null; previous: number | null; firms: number };
const addNullable = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : a + b);

/** Sums of one group (a chain, or the park = every chain: `undefined`) by indicator and period. */
function indexSums(rows: SumRow[], chain: string | null | undefined): Map<string, Cell> {
  const m = new Map<string, Cell>();
  for (const r of rows) {
    if (chain !== undefined && r.chain !== chain) continue;
    const k = `${r.indicator_key}@${r.period}`;
    const c = m.get(k);
    m.set(k, c ? { total: c.total + r.total, lastYear: addNullable(c.lastYear, r.lastYear), previous: addNullable(c.previous, r.previous), firms: c.firms + r.firms } : { total: r.total, lastYear: r.lastYear, previous: r.previous, firms: r.firms });
  }
  return m;
}

/** Σ over the months of [from, to] of one field (null when no month has it). */
function sumRange(sums: Map<string, Cell>, key: string, from: string, to: string, field: 'total' | 'lastYear'): number | null {
  let total: number | null = null;
  for (const p of periodsBetween(from, to)) total = addNullable(total, sums.get(`${key}@${p}`)?.[field] ?? null);
  return total;
}

/** Money sums are whole fen; other units keep the indicator's decimals (tonnes to the kilogram). */
function clean(v: number | null, ind: Pick<IndicatorRow, 'unit' | 'decimals'>): number | null {
  if (v === null) return null;
  const f = 10 ** (ind.unit === 'fen' ? 0 : ind.decimals);
  return Math.round(v * f) / f;
}

/**
 * The table rows of one group for `period`: 本月 and 累计 are the accepted totals; 同期, 上月 and
 * 同期累计 are, on a comparable basis (可比口径), the same firms' figures of the base months — a firm
 * whose month is not accepted yet weighs on neither side.
 */
export function statsRowsOf(indicators: IndicatorRow[], sums: Map<string, Cell>, period: string, chain: string | null): IndustryStatsRow[] {
  const jan = periodOf(yearOf(period), 1);
  return indicators
    .filter((ind) => appliesTo(ind, chain))
    .map((ind) => {
      const cell = sums.get(`${ind.key}@${period}`);
      const current = clean(cell?.total ?? null, ind);
      const lastYear = clean(cell?.lastYear ?? null, ind);
      const previous = clean(cell?.previous ?? null, ind);
      const stock = isStockIndicator(ind);
      const ytd = stock ? null : clean(sumRange(sums, ind.key, jan, period, 'total'), ind);
      const ytdLastYear = stock ? null : clean(sumRange(sums, ind.key, jan, period, 'lastYear'), ind);
      return {
        key: ind.key,
        label: ind.label,
        unit: ind.unit,
        unitLabel: statsUnitLabel(ind.unit),
        decimals: ind.decimals,
        current,
        lastYear,
        yoyPct: growthPct(current, lastYear),
        previous,
        momPct: growthPct(current, previous),
        ytd,
        ytdLastYear,
        ytdYoyPct: growthPct(ytd, ytdLastYear),
      };
    });
}

async function resolvePeriod(ctx: AppContext, scope: EnterpriseScope, month: string | undefined): Promise<{ period: string | null; months: string[] }> {
  const months = await monthsWithFigures(ctx.db, scope);
  return { period: month ?? months[0] ?? null, months };
}

async function chainLabelMap(ctx: AppContext, parkId: string): Promise<Map<string, string>> {
  return new Map((await chainLabels(ctx.db, parkId)).map((c) => [c.code, c.label]));
}

/** `GET /api/industry/stats`: the park and each chain for one month (本月, 同期, 累计, 环比, firm counts). */
export async function industryStats(ctx: AppContext, actor: Actor, month?: string): Promise<IndustryStatsView> {
  const scope = enterpriseScopeOf(actor);
  await ensureIndustryDefaults(ctx.db, actor.parkId);
  const { period, months } = await resolvePeriod(ctx, scope, month);
  if (!period) return { period: null, periodLabel: null, ytdLabel: null, months, groups: [] };
  const [indicators, labels, rows, expected, counts] = await Promise.all([
    activeIndicators(ctx.db, actor.parkId),
    chainLabelMap(ctx, actor.parkId),
    // January to the month: the bases (a year before, the month before) come joined on each row
    sumsByChain(ctx.db, scope, periodOf(yearOf(period), 1), period),
    expectedReporters(ctx.db, scope),
    reportedAndAccepted(ctx.db, scope, period),
  ]);
  const chainsSeen = new Set<string>();
  for (const r of rows) if (r.chain) chainsSeen.add(r.chain);
  for (const e of expected) if (e.chain) chainsSeen.add(e.chain);
  const order = [...labels.keys()].filter((c) => chainsSeen.has(c));
  for (const c of chainsSeen) if (!labels.has(c)) order.push(c);

  // counted among the firms that should report (a firm exempted later is not counted here, its figures still are)
  const countsOf = (chain: string | null): Pick<IndustryStatsGroup, 'expected' | 'reported' | 'accepted'> => {
    const firms = expected.filter((e) => chain === null || e.chain === chain);
    return { expected: firms.length, reported: firms.filter((f) => counts.reported.has(f.id)).length, accepted: firms.filter((f) => counts.accepted.has(f.id)).length };
  };
  const groups: IndustryStatsGroup[] = [
    { chain: null, label: '全园区', ...countsOf(null), rows: statsRowsOf(indicators, indexSums(rows, undefined), period, null) },
    ...order.map((c) => ({ chain: c, label: labels.get(c) ?? c, ...countsOf(c), rows: statsRowsOf(indicators, indexSums(rows, c), period, c) })),
  ];
  return { period, periodLabel: periodLabel(period), ytdLabel: ytdLabelOf(period), months, groups };
}

/** `GET /api/industry/stats/rankings`: firms by one indicator (本月 or 累计) with their 同比. */
export async function industryRankings(ctx: AppContext, actor: Actor, q: IndustryRankingsQuery): Promise<IndustryRankingsView> {
  const scope = enterpriseScopeOf(actor);
  await ensureIndustryDefaults(ctx.db, actor.parkId);
  const indicators = await activeIndicators(ctx.db, actor.parkId);
  const ind = indicators.find((i) => i.key === q.indicator);
  if (!ind) throw new AppError('VALIDATION_FAILED', `指标“${q.indicator}”不存在或已停用`, [{ path: 'indicator', message: '指标不存在或已停用' }]);
  const indicator = { key: ind.key, label: ind.label, unit: ind.unit, unitLabel: statsUnitLabel(ind.unit), decimals: ind.decimals };
  const { period } = await resolvePeriod(ctx, scope, q.month);
  if (!period) return { period: null, indicator, basis: q.basis, chain: q.chain ?? null, order: q.order, total: 0, rows: [] };
  const basis = q.basis === 'ytd' && isStockIndicator(ind) ? 'month' : q.basis;
  const from = basis === 'ytd' ? periodOf(yearOf(period), 1) : period;
  const [sums, labels] = await Promise.all([
    firmSums(ctx.db, scope, ind.key, { from, to: period }, q.chain),
    chainLabelMap(ctx, actor.parkId),
  ]);
  const ranked = sums
    .map((s) => ({ ...s, value: clean(s.value, ind)!, base: clean(s.base, ind) }))
    .sort((a, b) => (q.order === 'desc' ? b.value - a.value : a.value - b.value) || a.name.localeCompare(b.name, 'zh-CN'));
  return {
    period,
    indicator,
    basis,
    chain: q.chain ?? null,
    order: q.order,
    total: ranked.length,
    rows: ranked.slice(0, q.limit).map((s, i) => ({
      rank: i + 1,
      enterpriseId: s.enterprise_id,
      enterpriseName: s.name,
      chain: s.chain,
      chainLabel: s.chain ? (labels.get(s.chain) ?? s.chain) : null,
      value: s.value,
      lastYear: s.base,
      yoyPct: growthPct(s.value, s.base),
    })),
  };
}

/** The day a month's report is due: the Nth working day of the following month. */
async function dueDayOf(ctx: AppContext, period: string, workday: number): Promise<string> {
  const cal = await ctx.calendar.get();
  const lastDay = shanghaiDateOfMonthEnd(period);
  return cal.addWorkingDays(lastDay, workday);
}

function shanghaiDateOfMonthEnd(period: string): string {
  const next = shiftPeriod(period, -1);
  const d = new Date(`${next}T00:00:00Z`);
  d.setUTCDate(0);
  return d.toISOString().slice(0, 10);
}

/**
 * `GET /api/industry/stats/completeness`: the chain's reporting firms × the 12 months ending with
 * `month` — accepted / submitted / returned / missing, and late (filed after the due day, or not
 * filed once it passed).
 */
export async function industryCompleteness(ctx: AppContext, actor: Actor, q: { month?: string; chain?: string }): Promise<IndustryCompletenessView> {
  const scope = enterpriseScopeOf(actor);
  const { period: latest } = await resolvePeriod(ctx, scope, q.month);
  const chain = q.chain ?? null;
  const labels = await chainLabelMap(ctx, actor.parkId);
  const chainLabel = chain ? (labels.get(chain) ?? chain) : null;
  const end = latest ?? periodOf(Number(shanghaiDate(ctx.clock.now()).slice(0, 4)), Number(shanghaiDate(ctx.clock.now()).slice(5, 7)));
  const from = shiftPeriod(end, 11);
  const periods = periodsBetween(from, end);
  const firms = await expectedReporters(ctx.db, scope, chain ?? undefined);
  const ids = firms.map((f) => f.id);
  const [reports, accepted, settings] = await Promise.all([reportsOf(ctx.db, actor.parkId, ids, from, end), acceptedPeriodsOf(ctx.db, actor.parkId, ids, from, end), industrySettings(ctx.db, actor.parkId)]);
  const today = shanghaiDate(ctx.clock.now());
  const dueByPeriod = new Map<string, string>();
  for (const p of periods) dueByPeriod.set(p, await dueDayOf(ctx, p, settings.reportDueWorkday));
  const byKey = new Map(reports.map((r) => [`${r.enterprise_id}@${String(r.period)}`, r]));
  const acceptedByPeriod = periods.map(() => 0);
  let completeFirms = 0;
  const rows = firms.map((f) => {
    let n = 0;
    const cells = periods.map((p, i): CompletenessCell => {
      const r = byKey.get(`${f.id}@${p}`);
      const due = r ? String(r.due_on) : dueByPeriod.get(p)!;
      if (accepted.has(`${f.id}@${p}`) || r?.status === 'accepted') {
        n += 1;
        acceptedByPeriod[i]! += 1;
        return { period: p, state: 'accepted', late: r?.late ?? false };
      }
      if (r && r.status === 'submitted') return { period: p, state: 'submitted', late: r.late };
      if (r && r.status === 'returned') return { period: p, state: 'returned', late: today > due };
      return { period: p, state: 'missing', late: today > due };
    });
    if (n === periods.length) completeFirms += 1;
    return { enterpriseId: f.id, enterpriseName: f.name, cells, accepted: n };
  });
  return { chain, chainLabel, periods, firms: rows, acceptedByPeriod, completeFirms };
}

/** `GET /api/industry/stats/trend` (IndustryTrendView, the dashboards' series). */
export async function industryTrend(ctx: AppContext, actor: Actor, q: IndustryTrendQuery): Promise<IndustryTrendView> {
  const scope = enterpriseScopeOf(actor);
  await ensureIndustryDefaults(ctx.db, actor.parkId);
  const [indicators, labels, months] = await Promise.all([activeIndicators(ctx.db, actor.parkId), chainLabelMap(ctx, actor.parkId), monthsWithFigures(ctx.db, scope)]);
  const byKey = new Map(indicators.map((i) => [i.key, i]));
  q.indicators.forEach((k, i) => {
    if (!byKey.has(k)) throw new AppError('VALIDATION_FAILED', `指标“${k}”不存在或已停用`, [{ path: `indicators.${i}`, message: '指标不存在或已停用' }]);
  });
  const chain = q.chain ?? null;
  const chainLabel = chain ? (labels.get(chain) ?? chain) : null;
  const last = months[0];
  if (!last) return { chain, chainLabel, indicators: q.indicators.map((k) => ({ key: k, label: byKey.get(k)!.label, unit: byKey.get(k)!.unit, points: [] })) };
  const first = shiftPeriod(last, q.months - 1);
  const sums = indexSums(await sumsByChain(ctx.db, scope, first, last, { chain: chain ?? undefined, keys: q.indicators }), undefined);
  const periods = periodsBetween(first, last);
  return {
    chain,
    chainLabel,
    indicators: q.indicators.map((k) => {
      const ind = byKey.get(k)!;
      return {
        key: k,
        label: ind.label,
        unit: ind.unit,
        points: periods.map((p) => {
          const cur = sums.get(`${k}@${p}`);
          const value = cur ? clean(cur.total, ind) : null;
          const lastYear = cur ? clean(cur.lastYear, ind) : null;
          return { period: p, value, lastYear, yoyPct: growthPct(value, lastYear), firms: cur?.firms ?? 0 };
        }),
      };
    }),
  };
}
