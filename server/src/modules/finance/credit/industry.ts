import { sql, type Kysely, type Transaction } from 'kysely';
import { growthPct, periodOf, type CreditFacts } from '@yuanqi/contract';
import type { DB } from '../../../db/schema.js';

type Executor = Kysely<DB> | Transaction<DB>;

/** The period `n` months before `p`. */
function monthsBefore(p: string, n: number): string {
  const idx = Number(p.slice(0, 4)) * 12 + Number(p.slice(5, 7)) - 1 - n;
  return periodOf(Math.floor(idx / 12), (idx % 12) + 1);
}

const wan = (fen: number) => Math.round(fen / 10_000) / 100;

/**
 * The credit metrics taken from the industry cloud's accepted monthly reports (contract
 * finance-credit.ts, docs/industry/STATS.md): 近12个月营业收入 and 纳税 (万元), 营收同比增速 and
 * 用电量同比 (%), 近12个月按期报送月数. The 12 months end with the firm's latest accepted month when
 * that is one of the 12 months before `asOf`'s month; without such a month the figures are null.
 */
export async function industryCreditFacts(db: Executor, parkId: string, enterpriseId: string, asOf: string): Promise<CreditFacts> {
  const evalMonth = periodOf(Number(asOf.slice(0, 4)), Number(asOf.slice(5, 7)));
  const first = monthsBefore(evalMonth, 12);
  const last = monthsBefore(evalMonth, 1);
  const [latest, reports, reporter] = await Promise.all([
    db
      .selectFrom('industry_figures')
      .select(sql<string | null>`max(period)::text`.as('p'))
      .where('park_id', '=', parkId)
      .where('enterprise_id', '=', enterpriseId)
      .where('period', '>=', first)
      .where('period', '<=', last)
      .executeTakeFirst(),
    db
      .selectFrom('industry_reports')
      .select([sql<number>`count(*) filter (where submitted_at is not null and not late)::int`.as('on_time'), sql<number>`count(*)::int`.as('n')])
      .where('park_id', '=', parkId)
      .where('enterprise_id', '=', enterpriseId)
      .where('period', '>=', first)
      .where('period', '<=', last)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('enterprises as e')
      .leftJoin('industry_reporters as r', (j) => j.onRef('r.park_id', '=', 'e.park_id').onRef('r.enterprise_id', '=', 'e.id'))
      .select(sql<boolean>`coalesce(r.reports, e.is_above_scale)`.as('reports'))
      .where('e.park_id', '=', parkId)
      .where('e.id', '=', enterpriseId)
      .executeTakeFirst(),
  ]);
  const onTime = Number(reports.n) === 0 && !reporter?.reports ? null : Number(reports.on_time);
  const end = latest?.p ? String(latest.p).slice(0, 10) : null;
  if (!end) return { revenue_12m_wan: null, revenue_yoy_pct: null, tax_12m_wan: null, reports_on_time_12m: onTime, power_yoy_pct: null };
  const start = monthsBefore(end, 11);
  const baseStart = monthsBefore(end, 23);
  const baseEnd = monthsBefore(end, 12);
  const rows = await db
    .selectFrom('industry_figures')
    .select([
      'indicator_key',
      sql<number | null>`sum(value) filter (where period >= ${start}::date)`.as('cur'),
      sql<number | null>`sum(value) filter (where period <= ${baseEnd}::date)`.as('base'),
    ])
    .where('park_id', '=', parkId)
    .where('enterprise_id', '=', enterpriseId)
    .where('indicator_key', 'in', ['revenue_fen', 'tax_fen', 'power_kwh'])
    .where('period', '>=', baseStart)
    .where('period', '<=', end)
    .groupBy('indicator_key')
    .execute();
  const of = (key: string) => {
    const r = rows.find((x) => x.indicator_key === key);
    return { cur: r?.cur === null || r?.cur === undefined ? null : Number(r.cur), base: r?.base === null || r?.base === undefined ? null : Number(r.base) };
  };
  const revenue = of('revenue_fen');
  const tax = of('tax_fen');
  const power = of('power_kwh');
  return {
    revenue_12m_wan: revenue.cur === null ? null : wan(revenue.cur),
    revenue_yoy_pct: growthPct(revenue.cur, revenue.base),
    tax_12m_wan: tax.cur === null ? null : wan(tax.cur),
    reports_on_time_12m: onTime,
    power_yoy_pct: growthPct(power.cur, power.base),
  };
}

/** The key figures a bank sees with the firm's 'monthly' consent. */
export const MONTHLY_CONSENT_INDICATORS = ['output_fen', 'revenue_fen', 'tax_fen', 'power_kwh', 'employees'] as const;

/**
 * The firm's last 12 accepted months (ending with its latest accepted month, newest first) of the
 * key figures, as a bank with the 'monthly' consent sees them; empty months stay in the list.
 */
export async function monthlyFiguresFor(db: Executor, parkId: string, enterpriseId: string): Promise<MonthlyFigures> {
  const [indicators, latest] = await Promise.all([
    db
      .selectFrom('industry_indicators')
      .select(['key', 'label', 'unit'])
      .where('park_id', '=', parkId)
      .where('key', 'in', [...MONTHLY_CONSENT_INDICATORS])
      .orderBy('sort')
      .execute(),
    db.selectFrom('industry_figures').select(sql<string | null>`max(period)::text`.as('p')).where('park_id', '=', parkId).where('enterprise_id', '=', enterpriseId).executeTakeFirst(),
  ]);
  const end = latest?.p ? String(latest.p).slice(0, 10) : null;
  if (!end || indicators.length === 0) return { indicators: indicators.map((i) => ({ key: i.key, label: i.label, unit: i.unit })), months: [] };
  const start = monthsBefore(end, 11);
  const rows = await db
    .selectFrom('industry_figures')
    .select(['period', 'indicator_key', 'value'])
    .where('park_id', '=', parkId)
    .where('enterprise_id', '=', enterpriseId)
    .where('indicator_key', 'in', indicators.map((i) => i.key))
    .where('period', '>=', start)
    .where('period', '<=', end)
    .execute();
  const byKey = new Map(rows.map((r) => [`${r.indicator_key}@${String(r.period)}`, Number(r.value)]));
  const months: MonthlyFigures['months'] = [];
  for (let n = 0; n < 12; n += 1) {
    const period = monthsBefore(end, n);
    months.push({ period, values: Object.fromEntries(indicators.map((i) => [i.key, byKey.get(`${i.key}@${period}`) ?? null])) });
  }
  return { indicators: indicators.map((i) => ({ key: i.key, label: i.label, unit: i.unit })), months };
}

export type MonthlyFigures = {
  indicators: { key: string; label: string; unit: string }[];
  months: { period: string; values: Record<string, number | null> }[];
};
