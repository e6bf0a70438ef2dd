import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { inEnterpriseScope, type EnterpriseScope } from '../../../platform/scope.js';

type Executor = Kysely<DB> | Transaction<DB>;

/** The SQL of 经济运行统计: aggregates of accepted figures (industry_figures), always within a scope. */

export type IndicatorRow = { key: string; label: string; unit: string; decimals: number; applies_to: string; chains: string[]; sort: number };

export async function activeIndicators(db: Executor, parkId: string): Promise<IndicatorRow[]> {
  return db
    .selectFrom('industry_indicators')
    .select(['key', 'label', 'unit', 'decimals', 'applies_to', 'chains', 'sort'])
    .where('park_id', '=', parkId)
    .where('active', '=', true)
    .orderBy('sort')
    .orderBy('key')
    .execute();
}

export async function chainLabels(db: Executor, parkId: string): Promise<{ code: string; label: string }[]> {
  return db.selectFrom('dictionaries').select(['code', 'label']).where('park_id', '=', parkId).where('kind', '=', 'chain').orderBy('sort').orderBy('code').execute();
}

/** Months with accepted figures in scope, newest first. */
export async function monthsWithFigures(db: Executor, scope: EnterpriseScope): Promise<string[]> {
  const rows = await db
    .selectFrom('industry_figures as f')
    .select('f.period')
    .distinct()
    .where(inEnterpriseScope<any, any>(scope, 'f.park_id', 'f.enterprise_id'))
    .orderBy('f.period', 'desc')
    .limit(120)
    .execute();
  return rows.map((r) => String(r.period));
}

/**
 * Per chain (at acceptance), indicator and month over [from, to]: the sum, the firms in it, and on a
 * comparable basis (可比口径) the same firms' figures of the same month a year before and of the month
 * before — each firm's base is joined on its own row (primary key lookups).
 */
export type SumRow = { chain: string | null; indicator_key: string; period: string; total: number; firms: number; lastYear: number | null; previous: number | null };

export async function sumsByChain(db: Executor, scope: EnterpriseScope, from: string, to: string, opts: { chain?: string; keys?: string[] } = {}): Promise<SumRow[]> {
  let q = db
    .selectFrom('industry_figures as f')
    .leftJoin('industry_figures as ly', (j) =>
      j
        .onRef('ly.park_id', '=', 'f.park_id')
        .onRef('ly.enterprise_id', '=', 'f.enterprise_id')
        .onRef('ly.indicator_key', '=', 'f.indicator_key')
        .on('ly.period', '=', sql<string>`(f.period - interval '1 year')::date`),
    )
    .leftJoin('industry_figures as pm', (j) =>
      j
        .onRef('pm.park_id', '=', 'f.park_id')
        .onRef('pm.enterprise_id', '=', 'f.enterprise_id')
        .onRef('pm.indicator_key', '=', 'f.indicator_key')
        .on('pm.period', '=', sql<string>`(f.period - interval '1 month')::date`),
    )
    .select([
      'f.chain',
      'f.indicator_key',
      'f.period',
      sql<number>`sum(f.value)`.as('total'),
      sql<number>`count(*)::int`.as('firms'),
      sql<number | null>`sum(ly.value)`.as('last_year'),
      sql<number | null>`sum(pm.value)`.as('previous'),
    ])
    .where(inEnterpriseScope<any, any>(scope, 'f.park_id', 'f.enterprise_id'))
    .where('f.period', '>=', from)
    .where('f.period', '<=', to);
  if (opts.chain) q = q.where('f.chain', '=', opts.chain);
  if (opts.keys) q = q.where('f.indicator_key', 'in', opts.keys);
  const rows = await q.groupBy(['f.chain', 'f.indicator_key', 'f.period']).execute();
  return rows.map((r) => ({
    chain: r.chain,
    indicator_key: r.indicator_key,
    period: String(r.period),
    total: Number(r.total),
    firms: Number(r.firms),
    lastYear: r.last_year === null ? null : Number(r.last_year),
    previous: r.previous === null ? null : Number(r.previous),
  }));
}

/**
 * Firms that should report, by their chain today: 规上 firms unless exempted, plus firms an officer
 * added (industry_reporters).
 */
export async function expectedReporters(db: Executor, scope: EnterpriseScope, chain?: string): Promise<{ id: string; name: string; chain: string | null }[]> {
  let q = db
    .selectFrom('enterprises as e')
    .leftJoin('industry_reporters as r', (j) => j.onRef('r.park_id', '=', 'e.park_id').onRef('r.enterprise_id', '=', 'e.id'))
    .select(['e.id', 'e.name', 'e.chain'])
    .where(inEnterpriseScope<any, any>(scope, 'e.park_id', 'e.id'))
    .where(sql<boolean>`coalesce(r.reports, e.is_above_scale)`);
  if (chain) q = q.where('e.chain', '=', chain);
  return q.orderBy('e.name').orderBy('e.id').execute();
}

/** Per firm: whether it submitted the month's report (ever) and whether its figures are accepted. */
export async function reportedAndAccepted(db: Executor, scope: EnterpriseScope, period: string): Promise<{ reported: Set<string>; accepted: Set<string> }> {
  const [reports, figures] = await Promise.all([
    db
      .selectFrom('industry_reports as r')
      .select('r.enterprise_id')
      .where(inEnterpriseScope<any, any>(scope, 'r.park_id', 'r.enterprise_id'))
      .where('r.period', '=', period)
      .where((eb) => eb.or([eb('r.submitted_at', 'is not', null), eb('r.status', 'in', ['submitted', 'accepted'])]))
      .execute(),
    db
      .selectFrom('industry_figures as f')
      .select('f.enterprise_id')
      .distinct()
      .where(inEnterpriseScope<any, any>(scope, 'f.park_id', 'f.enterprise_id'))
      .where('f.period', '=', period)
      .execute(),
  ]);
  const accepted = new Set(figures.map((f) => f.enterprise_id));
  const reported = new Set([...reports.map((r) => r.enterprise_id), ...accepted]);
  return { reported, accepted };
}

/**
 * Per firm: the sum of one indicator over [from, to] and, on a comparable basis, the firm's figures
 * of the same months a year before (only the months it has figures for now).
 */
export async function firmSums(
  db: Executor,
  scope: EnterpriseScope,
  key: string,
  range: { from: string; to: string },
  chain?: string,
): Promise<{ enterprise_id: string; name: string; chain: string | null; value: number; base: number | null }[]> {
  let q = db
    .selectFrom('industry_figures as f')
    .innerJoin('enterprises as e', (j) => j.onRef('e.id', '=', 'f.enterprise_id').onRef('e.park_id', '=', 'f.park_id'))
    .leftJoin('industry_figures as ly', (j) =>
      j
        .onRef('ly.park_id', '=', 'f.park_id')
        .onRef('ly.enterprise_id', '=', 'f.enterprise_id')
        .onRef('ly.indicator_key', '=', 'f.indicator_key')
        .on('ly.period', '=', sql<string>`(f.period - interval '1 year')::date`),
    )
    .select(['f.enterprise_id', 'e.name', 'e.chain', sql<number>`sum(f.value)`.as('value'), sql<number | null>`sum(ly.value)`.as('base')])
    .where(inEnterpriseScope<any, any>(scope, 'f.park_id', 'f.enterprise_id'))
    .where('f.indicator_key', '=', key)
    .where('f.period', '>=', range.from)
    .where('f.period', '<=', range.to);
  if (chain) q = q.where('e.chain', '=', chain);
  const rows = await q.groupBy(['f.enterprise_id', 'e.name', 'e.chain']).execute();
  return rows.map((r) => ({ enterprise_id: r.enterprise_id, name: r.name, chain: r.chain, value: Number(r.value), base: r.base === null ? null : Number(r.base) }));
}

/** The reports (any state) of the given firms over [from, to]. */
export async function reportsOf(db: Executor, parkId: string, enterpriseIds: string[], from: string, to: string) {
  if (enterpriseIds.length === 0) return [];
  return db
    .selectFrom('industry_reports')
    .select(['enterprise_id', 'period', 'status', 'revision', 'late', 'due_on', 'submitted_at'])
    .where('park_id', '=', parkId)
    .where('enterprise_id', 'in', enterpriseIds)
    .where('period', '>=', from)
    .where('period', '<=', to)
    .execute();
}

/** (firm, period) pairs with accepted figures over [from, to] for the given firms. */
export async function acceptedPeriodsOf(db: Executor, parkId: string, enterpriseIds: string[], from: string, to: string): Promise<Set<string>> {
  if (enterpriseIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('industry_figures')
    .select(['enterprise_id', 'period'])
    .distinct()
    .where('park_id', '=', parkId)
    .where('enterprise_id', 'in', enterpriseIds)
    .where('period', '>=', from)
    .where('period', '<=', to)
    .execute();
  return new Set(rows.map((r) => `${r.enterprise_id}@${String(r.period)}`));
}
