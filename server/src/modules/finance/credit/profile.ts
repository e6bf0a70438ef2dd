import { sql, type Kysely, type Transaction } from 'kysely';
import { CREDIT_METRIC_META, scoreCredit, type CreditFacts, type CreditFormulaDefinition, type CreditFormulaStatus, type CreditProfile } from '@yuanqi/contract';
import type { DB } from '../../../db/schema.js';
import { shanghaiDate, startOfShanghaiDay } from '../../../platform/calendar/index.js';
import { industryCreditFacts } from './industry.js';

type Executor = Kysely<DB> | Transaction<DB>;

/** The day `years` years before a YYYY-MM-DD day (29 Feb → 28 Feb). */
function yearsBefore(day: string, years: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y - years, m - 1, d));
  if (target.getUTCMonth() !== m - 1) target.setUTCDate(0);
  return target.toISOString().slice(0, 10);
}

/** Whole years from `from` to `to` (both YYYY-MM-DD). */
function wholeYears(from: string, to: string): number {
  const [fy, fm, fd] = from.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = to.split('-').map(Number) as [number, number, number];
  let years = ty - fy;
  if (tm < fm || (tm === fm && td < fd)) years -= 1;
  return Math.max(0, years);
}

const num = (v: unknown): number => Number(v ?? 0);

/**
 * What the platform knows of one firm today, as the credit metrics' values (null = not on record):
 * the registry, payouts and demands of the last three years, the bridge-loan repayment record,
 * margin calls and disbursed financing needs, and the industry cloud's monthly figures
 * (./industry.ts). Each a per-firm, index-backed aggregate
 * (…_park_enterprise / …_enterprise indexes). Null when the firm is not in the park.
 */
export async function creditFactsFor(db: Executor, parkId: string, enterpriseId: string, asOf: string): Promise<{ name: string; facts: CreditFacts } | null> {
  const since = yearsBefore(asOf, 3);
  const sinceAt = startOfShanghaiDay(since);
  const [firm, payouts, demands, bridge, margin, needs, industry] = await Promise.all([
    db
      .selectFrom('enterprises')
      .select(['name', 'founded_on', 'registered_capital_fen', 'is_above_scale', 'headcount', 'tags'])
      .where('park_id', '=', parkId)
      .where('id', '=', enterpriseId)
      .executeTakeFirst(),
    db
      .selectFrom('payouts')
      .select([sql<string>`count(*)`.as('n'), sql<string>`coalesce(sum(amount_fen), 0)`.as('fen')])
      .where('park_id', '=', parkId)
      .where('enterprise_id', '=', enterpriseId)
      .where('status', '=', 'paid')
      .where('paid_at', '>=', sinceAt)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('demands')
      .select([sql<string>`count(*)`.as('n'), sql<string>`count(*) filter (where status in ('resolved', 'closed'))`.as('done')])
      .where('park_id', '=', parkId)
      .where('enterprise_id', '=', enterpriseId)
      .where('status', '<>', 'withdrawn')
      .where('created_at', '>=', sinceAt)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('bridge_loans')
      .select([
        sql<string>`count(*) filter (where status = 'repaid' and repaid_on <= due_on)`.as('on_time'),
        sql<string>`count(*) filter (where (status = 'repaid' and repaid_on > due_on) or (status = 'disbursed' and due_on < ${asOf}::date))`.as('overdue'),
      ])
      .where('park_id', '=', parkId)
      .where('enterprise_id', '=', enterpriseId)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('margin_calls')
      .select(sql<string>`count(*)`.as('n'))
      .where('park_id', '=', parkId)
      .where('enterprise_id', '=', enterpriseId)
      .where('call_on', '>=', since)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('finance_needs')
      .select(sql<string>`count(*)`.as('n'))
      .where('park_id', '=', parkId)
      .where('enterprise_id', '=', enterpriseId)
      .where('status', '=', 'disbursed')
      .executeTakeFirstOrThrow(),
    industryCreditFacts(db, parkId, enterpriseId, asOf),
  ]);
  if (!firm) return null;
  const filed = num(demands.n);
  const facts: CreditFacts = {
    years_founded: firm.founded_on ? wholeYears(String(firm.founded_on).slice(0, 10), asOf) : null,
    registered_capital_wan: firm.registered_capital_fen === null ? null : Math.round(num(firm.registered_capital_fen) / 10_000) / 100,
    above_scale: firm.is_above_scale ? 1 : 0,
    headcount: firm.headcount,
    high_tech: firm.tags.includes('high_tech') ? 1 : 0,
    specialized: firm.tags.includes('specialized') || firm.tags.includes('little_giant') ? 1 : 0,
    payouts_count_3y: num(payouts.n),
    payouts_amount_wan_3y: Math.round(num(payouts.fen) / 10_000) / 100,
    demands_filed_3y: filed,
    demands_resolved_pct: filed === 0 ? null : Math.round((num(demands.done) * 1000) / filed) / 10,
    bridge_repaid_on_time: num(bridge.on_time),
    bridge_overdue: num(bridge.overdue),
    margin_calls_3y: num(margin.n),
    needs_disbursed: num(needs.n),
    ...industry,
  };
  for (const key of Object.keys(facts) as (keyof CreditFacts)[]) if (!CREDIT_METRIC_META[key].available) delete facts[key];
  return { name: firm.name, facts };
}

export type CreditFormulaRef = { id: string; version: number; name: string; status: CreditFormulaStatus; definition: CreditFormulaDefinition };

/** Applies a formula version (published or a draft under test) to one firm; null if the firm is not in the park. */
export async function applyCreditFormula(db: Executor, parkId: string, enterpriseId: string, formula: CreditFormulaRef, now: Date = new Date()): Promise<CreditProfile | null> {
  const asOf = shanghaiDate(now);
  const found = await creditFactsFor(db, parkId, enterpriseId, asOf);
  if (!found) return null;
  const scored = scoreCredit(formula.definition, found.facts);
  return {
    enterpriseId,
    enterpriseName: found.name,
    formulaId: formula.id,
    formulaVersion: formula.version,
    formulaName: formula.name,
    formulaStatus: formula.status,
    asOf,
    ...scored,
  };
}

/** The park's published credit formula, or null when none is published yet. */
export async function publishedCreditFormula(db: Executor, parkId: string): Promise<CreditFormulaRef | null> {
  const row = await db
    .selectFrom('finance_credit_formulas')
    .select(['id', 'version', 'name', 'status', 'definition'])
    .where('park_id', '=', parkId)
    .where('status', '=', 'published')
    .executeTakeFirst();
  return row ? { id: row.id, version: row.version, name: row.name, status: row.status, definition: row.definition } : null;
}

/**
 * 信用画像 of one firm: the published formula applied to what the platform knows of it today.
 * Null if no formula is published (or the firm is not in the park). Callers check who may see it
 * (staff with finance:read, the firm itself, a bank with the firm's live 'credit' consent).
 */
export async function creditProfileFor(db: Kysely<DB> | Transaction<DB>, parkId: string, enterpriseId: string, now: Date = new Date()): Promise<CreditProfile | null> {
  const formula = await publishedCreditFormula(db, parkId);
  if (!formula) return null;
  return applyCreditFormula(db, parkId, enterpriseId, formula, now);
}
