import type { DemandStats, DemandStatsQuery, DemandStatsRow, SatisfactionFigures } from '@yuanqi/contract';
import type { Actor } from '../../../platform/actor.js';
import { startOfNextShanghaiDay, startOfShanghaiDay } from '../../../platform/calendar/index.js';
import type { AppContext } from '../../../platform/context.js';
import { categoryLabel, loadCategories } from '../cases/categories.js';
import { demandSatisfaction } from '../cases/ratings-bridge.js';
import { statsOfficerFilter } from './policy.js';
import * as repo from './repository.js';

export function rangeOf(from: string, to: string): repo.StatsRange {
  return { from: startOfShanghaiDay(from), to: startOfNextShanghaiDay(to), fromDate: from, toDate: to };
}

const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;

type Sums = Omit<repo.DemandFigureRow, 'category' | 'assignee_id'>;
const ZERO: Sums = { filed: 0, resolved: 0, on_time: 0, days_sum: 0, days_count: 0, open: 0, overdue_open: 0, escalated: 0 };

function add(into: Sums, r: Sums): Sums {
  for (const k of Object.keys(ZERO) as (keyof Sums)[]) into[k] += r[k];
  return into;
}

/** Rolls the (category, owner) rows up by `key`. */
function rollUp<K>(rows: repo.DemandFigureRow[], key: (r: repo.DemandFigureRow) => K): Map<K, Sums> {
  const out = new Map<K, Sums>();
  for (const r of rows) {
    const k = key(r);
    out.set(k, add(out.get(k) ?? { ...ZERO }, r));
  }
  return out;
}

function rowOf(r: Sums | undefined): DemandStatsRow {
  const s = r ?? ZERO;
  return {
    filed: s.filed,
    resolved: s.resolved,
    resolvedOnTime: s.on_time,
    onTimeRate: s.resolved > 0 ? round(s.on_time / s.resolved, 4) : null,
    averageAnswerWorkingDays: s.days_count > 0 ? round(s.days_sum / s.days_count, 2) : null,
    open: s.open,
    overdueOpen: s.overdue_open,
    escalated: s.escalated,
  };
}

/**
 * The office's figures for a period (the park report's 四(一)): visits 入企摸排人次 and firms, 代办
 * done, demands filed / resolved / on time / average working days to answer, by category and by
 * officer, and satisfaction from the ratings module. A liaison gets its own figures only.
 */
export async function demandStats(ctx: AppContext, actor: Actor, query: DemandStatsQuery): Promise<DemandStats> {
  const officerId = statsOfficerFilter(actor, query.liaisonId);
  const key = `${actor.parkId}|${officerId ?? '*'}|${query.from}|${query.to}`;
  const hit = statsCache.get(key);
  if (hit && Date.now() - hit.at < STATS_TTL_MS) return hit.figures;
  // Identical requests arriving together share one computation.
  const figures = computeStats(ctx, actor.parkId, officerId, query);
  statsCache.set(key, { at: Date.now(), figures });
  figures.catch(() => statsCache.delete(key));
  if (statsCache.size > STATS_CACHE_MAX) statsCache.delete(statsCache.keys().next().value!);
  return figures;
}

/**
 * Report figures are cached per process for 30 s per (park, officer, range): a dashboard polled by
 * many people, or a province of offices opening the same month, costs one computation. Lists,
 * boards and case pages are never cached.
 */
const STATS_TTL_MS = 30_000;
const STATS_CACHE_MAX = 500;
const statsCache = new Map<string, { at: number; figures: Promise<DemandStats> }>();

async function computeStats(ctx: AppContext, parkId: string, officerId: string | null, query: DemandStatsQuery): Promise<DemandStats> {
  const range = rangeOf(query.from, query.to);
  const now = ctx.clock.now();
  // Independent aggregates: on a PostgreSQL pool they run side by side.
  const [demandRows, visitRows, daibanRows, satisfaction, categories, liaisons] = await Promise.all([
    repo.demandFigures(ctx.db, parkId, range, now, officerId),
    repo.visitFigures(ctx.db, parkId, range, officerId),
    repo.daibanFigures(ctx.db, parkId, range, officerId),
    demandSatisfaction(ctx.db, parkId, range, officerId, now),
    loadCategories(ctx.db, parkId),
    officerId ? Promise.resolve([]) : repo.activeLiaisons(ctx.db, parkId),
  ]);

  const total = rollUp(demandRows, () => 'all').get('all');
  const visitTotal = visitRows.find((r) => !r.by_officer);
  const daibanTotal = daibanRows.find((r) => !r.by_officer);

  const byCategoryRows = rollUp(demandRows, (r) => r.category);
  const byCategory = [...new Set([...categories.keys(), ...byCategoryRows.keys()])]
    .map((code) => ({ category: code, label: categoryLabel(categories, code), ...rowOf(byCategoryRows.get(code)) }))
    .filter((r) => r.filed > 0 || r.resolved > 0 || categories.get(r.category)?.active);

  const officerDemand = rollUp(demandRows, (r) => r.assignee_id);
  const officerVisits = new Map(visitRows.filter((r) => r.by_officer).map((r) => [r.liaison_id, r]));
  const officerDaiban = new Map(daibanRows.filter((r) => r.by_officer).map((r) => [r.liaison_id, r]));
  const ids = new Set<string | null>([...liaisons.map((l) => l.id), ...officerDemand.keys(), ...officerVisits.keys(), ...officerDaiban.keys()]);
  if (officerId) ids.add(officerId);
  const names = await repo.namesOf(ctx.db, parkId, [...ids].filter((id): id is string => id !== null));
  const byOfficer = [...ids]
    .map((userId) => ({
      userId,
      displayName: userId ? (names.get(userId) ?? '未知人员') : '未分派(调度专班)',
      ...rowOf(officerDemand.get(userId)),
      visits: officerVisits.get(userId)?.visits ?? 0,
      visitedEnterprises: officerVisits.get(userId)?.enterprises ?? 0,
      daiban: officerDaiban.get(userId)?.daiban ?? 0,
      satisfaction: satisfaction.byOfficer.get(userId) ?? null,
    }))
    .sort((a, b) => (a.userId === null ? 1 : b.userId === null ? -1 : b.resolved - a.resolved || b.visits - a.visits || a.displayName.localeCompare(b.displayName, 'zh')));

  return {
    from: query.from,
    to: query.to,
    generatedAt: now.toISOString(),
    liaisonId: officerId,
    visits: { count: visitTotal?.visits ?? 0, enterprises: visitTotal?.enterprises ?? 0 },
    daiban: daibanTotal?.daiban ?? 0,
    demands: rowOf(total),
    byCategory,
    byOfficer,
    satisfaction: satisfaction.total,
  };
}

export const EMPTY_SATISFACTION: SatisfactionFigures = { rated: 0, good: 0, bad: 0, unrated: 0, goodRate: null };
