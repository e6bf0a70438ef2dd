import type { Transaction } from 'kysely';
import {
  DEFAULT_MUJUN_RULES,
  SQUARE_METRES_PER_MU,
  ZMujunThresholdRules,
  gradeMujun,
  type CreateMujunThresholdRequest,
  type MujunEvaluateResult,
  type MujunFiguresView,
  type MujunFirmFigures,
  type MujunFirmHistory,
  type MujunGrade,
  type MujunInefficientView,
  type MujunRankingRow,
  type MujunRankingView,
  type MujunSource,
  type MujunThresholdList,
  type MujunThresholdRules,
  type MujunThresholdView,
  type SaveMujunFiguresRequest,
} from '@yuanqi/contract';
import type { DB } from '../../../db/schema.js';
import type { Actor } from '../../../platform/actor.js';
import { recordAudit } from '../../../platform/audit.js';
import { shanghaiDate } from '../../../platform/calendar/index.js';
import type { AppContext } from '../../../platform/context.js';
import { conflict, notFound } from '../../../platform/errors.js';
import { enterpriseScopeOf, inEnterpriseScope } from '../../../platform/scope.js';
import { moveParcel } from '../parcels/transitions.js';
import { chainLabelsOf, enteredYear, evalDb, firmsWithLand, reportedYear, thresholdForYear, type EvaluationsTable } from './repository.js';

// ------------------------------------------------------------------ thresholds

function parseRules(raw: unknown): MujunThresholdRules {
  const parsed = ZMujunThresholdRules.safeParse(raw);
  return parsed.success ? parsed.data : DEFAULT_MUJUN_RULES;
}

export async function listThresholds(ctx: AppContext, actor: Actor): Promise<MujunThresholdList> {
  const rows = await ctx.db
    .selectFrom('land_evaluation_thresholds as t')
    .leftJoin('users as u', 'u.id', 't.created_by')
    .select(['t.id', 't.valid_from', 't.rules', 't.note', 't.created_at', 'u.display_name'])
    .where('t.park_id', '=', actor.parkId)
    .orderBy('t.valid_from', 'desc')
    .execute();
  const years = (await ctx.db.selectFrom('land_evaluations').select('year').distinct().where('park_id', '=', actor.parkId).orderBy('year').execute()).map((r) => r.year);
  const ascending = [...rows].reverse();
  return {
    defaultRules: DEFAULT_MUJUN_RULES,
    items: rows.map((r): MujunThresholdView => {
      const next = ascending.find((x) => x.valid_from > r.valid_from);
      return {
        id: r.id,
        validFrom: r.valid_from,
        rules: parseRules(r.rules),
        note: r.note,
        createdBy: r.display_name ?? null,
        createdAt: new Date(r.created_at).toISOString(),
        gradesYears: years.filter((y) => `${y}-12-31` >= r.valid_from && (!next || `${y}-12-31` < next.valid_from)),
      };
    }),
  };
}

export async function createThreshold(ctx: AppContext, actor: Actor, body: CreateMujunThresholdRequest & { rules: MujunThresholdRules }): Promise<MujunThresholdView> {
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('land_evaluation_thresholds').select('id').where('park_id', '=', actor.parkId).where('valid_from', '=', body.validFrom).executeTakeFirst();
    if (existing) throw conflict(`${body.validFrom} 起生效的评价标准已存在,请换一个生效日期`, [{ path: 'validFrom', message: '该日期已有评价标准' }]);
    const row = await trx
      .insertInto('land_evaluation_thresholds')
      .values({ park_id: actor.parkId, valid_from: body.validFrom, rules: JSON.stringify(body.rules), note: body.note ?? null, created_by: actor.userId, created_at: now })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, actor.parkId, [{ action: 'create', entity: 'land_evaluation_threshold', entityId: row.id, before: null, after: { validFrom: body.validFrom, rules: body.rules, note: body.note ?? null } }], now);
    return { id: row.id, validFrom: row.valid_from, rules: body.rules, note: row.note, createdBy: actor.displayName, createdAt: now.toISOString(), gradesYears: [] };
  });
}

// ------------------------------------------------------------------ figures

type Resolved = Pick<MujunFirmFigures, 'revenueFen' | 'revenueSource' | 'taxFen' | 'taxSource' | 'investmentFen' | 'investmentSource' | 'floorAreaM2' | 'floorAreaSource'>;
type Entered = { revenue_fen: number | null; tax_fen: number | null; investment_fen: number | null; floor_area_m2: number | null; source: string } | undefined;
type Reported = { revenueFen: number | null; taxFen: number | null; revenueMonths: number; taxMonths: number } | undefined;

/**
 * Where each figure of a year comes from: revenue and tax from the accepted monthly reports when
 * they cover the whole year; else the entered (or imported) yearly figure; else the reports of the
 * months there are; else none. Investment only entered; floor area entered, else the parcels'.
 */
export function resolveFigures(reported: Reported, entered: Entered, parcelFloorAreaM2: number | null): Resolved {
  const enteredSource = (entered?.source === 'import' ? 'import' : 'entered') as MujunSource;
  const pick = (months: number, fromReports: number | null, fromEntered: number | null | undefined): [number | null, MujunSource] => {
    if (months >= 12 && fromReports !== null) return [fromReports, 'reports'];
    if (fromEntered !== null && fromEntered !== undefined) return [Number(fromEntered), enteredSource];
    if (months > 0 && fromReports !== null) return [fromReports, 'reports'];
    return [null, 'none'];
  };
  const [revenueFen, revenueSource] = pick(reported?.revenueMonths ?? 0, reported?.revenueFen ?? null, entered?.revenue_fen);
  const [taxFen, taxSource] = pick(reported?.taxMonths ?? 0, reported?.taxFen ?? null, entered?.tax_fen);
  const investmentFen = entered?.investment_fen ?? null;
  const enteredFloor = entered?.floor_area_m2 ?? null;
  const floorAreaM2 = enteredFloor !== null ? Number(enteredFloor) : parcelFloorAreaM2;
  return {
    revenueFen,
    revenueSource,
    taxFen,
    taxSource,
    investmentFen: investmentFen === null ? null : Number(investmentFen),
    investmentSource: investmentFen === null ? 'none' : enteredSource,
    floorAreaM2,
    floorAreaSource: enteredFloor !== null ? enteredSource : parcelFloorAreaM2 !== null ? 'parcels' : 'none',
  };
}

async function scopedEnterpriseIds(ctx: AppContext, actor: Actor): Promise<Set<string> | null> {
  const scope = enterpriseScopeOf(actor);
  if (scope.kind === 'park') return null;
  const rows = await ctx.db.selectFrom('enterprises as e').select('e.id').where(inEnterpriseScope<any, any>(scope, 'e.park_id', 'e.id')).execute();
  return new Set(rows.map((r) => r.id as string));
}

export async function listFigures(ctx: AppContext, actor: Actor, query: { year: number; q?: string | null; page: number; pageSize: number }): Promise<MujunFiguresView> {
  const allowed = await scopedEnterpriseIds(ctx, actor);
  const land = (await firmsWithLand(ctx.db, actor.parkId)).filter((f) => !allowed || allowed.has(f.enterpriseId));
  const ids = land.map((l) => l.enterpriseId);
  const [reported, entered, labels, firms] = await Promise.all([
    reportedYear(ctx.db, actor.parkId, query.year),
    enteredYear(ctx.db, actor.parkId, query.year, ids),
    chainLabelsOf(ctx.db, actor.parkId),
    ids.length ? ctx.db.selectFrom('enterprises').select(['id', 'name', 'chain', 'uscc']).where('park_id', '=', actor.parkId).where('id', 'in', ids).execute() : Promise.resolve([]),
  ]);
  const firmBy = new Map(firms.map((f) => [f.id, f]));
  const q = query.q?.trim();
  let items = land
    .map((l): MujunFirmFigures | null => {
      const firm = firmBy.get(l.enterpriseId);
      if (!firm) return null;
      const rep = reported.get(l.enterpriseId);
      const ent = entered.get(l.enterpriseId);
      return {
        enterpriseId: l.enterpriseId,
        enterpriseName: firm.name,
        chain: firm.chain,
        chainLabel: firm.chain ? (labels.get(firm.chain) ?? firm.chain) : null,
        landMu: l.landMu,
        parcels: l.parcels,
        reportMonths: Math.max(rep?.revenueMonths ?? 0, rep?.taxMonths ?? 0),
        reportRevenueFen: rep?.revenueFen ?? null,
        reportTaxFen: rep?.taxFen ?? null,
        entered: ent
          ? {
              revenueFen: ent.revenue_fen,
              taxFen: ent.tax_fen,
              investmentFen: ent.investment_fen,
              floorAreaM2: ent.floor_area_m2,
              source: ent.source === 'import' ? 'import' : 'entered',
              note: ent.note,
              updatedAt: new Date(ent.updated_at).toISOString(),
            }
          : null,
        parcelFloorAreaM2: l.floorAreaM2,
        ...resolveFigures(rep, ent, l.floorAreaM2),
      };
    })
    .filter((x): x is MujunFirmFigures => x !== null);
  if (q) items = items.filter((i) => i.enterpriseName.includes(q));
  items.sort((a, b) => b.landMu - a.landMu || a.enterpriseName.localeCompare(b.enterpriseName, 'zh-CN'));
  const start = (query.page - 1) * query.pageSize;
  return { year: query.year, items: items.slice(start, start + query.pageSize), total: items.length, page: query.page, pageSize: query.pageSize };
}

export async function saveFigures(ctx: AppContext, actor: Actor, enterpriseId: string, year: number, body: SaveMujunFiguresRequest): Promise<{ ok: true }> {
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const firm = await trx.selectFrom('enterprises').select('id').where('id', '=', enterpriseId).where('park_id', '=', actor.parkId).executeTakeFirst();
    if (!firm) throw notFound('企业');
    const before = await trx.selectFrom('land_firm_figures').selectAll().where('park_id', '=', actor.parkId).where('enterprise_id', '=', enterpriseId).where('year', '=', year).executeTakeFirst();
    const values = {
      revenue_fen: body.revenueFen ?? null,
      tax_fen: body.taxFen ?? null,
      investment_fen: body.investmentFen ?? null,
      floor_area_m2: body.floorAreaM2 === null || body.floorAreaM2 === undefined ? null : Math.round(body.floorAreaM2 * 100) / 100,
      source: 'entered',
      note: body.note ?? null,
      updated_by: actor.userId,
      updated_at: now,
    };
    await trx
      .insertInto('land_firm_figures')
      .values({ park_id: actor.parkId, enterprise_id: enterpriseId, year, ...values })
      .onConflict((oc) => oc.columns(['park_id', 'enterprise_id', 'year']).doUpdateSet(values))
      .execute();
    await recordAudit(trx, actor, actor.parkId, [
      {
        action: 'land_figures.save',
        entity: 'enterprise',
        entityId: enterpriseId,
        before: before ? { year, revenueFen: before.revenue_fen, taxFen: before.tax_fen, investmentFen: before.investment_fen, floorAreaM2: before.floor_area_m2 } : null,
        after: { year, revenueFen: values.revenue_fen, taxFen: values.tax_fen, investmentFen: values.investment_fen, floorAreaM2: values.floor_area_m2 },
      },
    ], now);
  });
  return { ok: true };
}

// ------------------------------------------------------------------ evaluating a year

const roundFen = (v: number) => Math.round(v);

/**
 * Grades every firm with land for `year` against the rules valid on 31 Dec of the year, replacing
 * the year's rows, then — when the year is the latest graded — publishes: the `producing` parcels
 * of firms graded D become 低效 (mark_inefficient) and the 低效 parcels of firms graded A–C are put
 * right (rectify), each through the parcel workflow. Runs inside the caller's transaction.
 */
export async function evaluateYearIn(trx: Transaction<DB>, actor: Actor | null, parkId: string, year: number, now: Date, publishOn?: string): Promise<MujunEvaluateResult> {
  const edb = evalDb(trx);
  const threshold = await thresholdForYear(trx, parkId, year);
  const rules = threshold ? parseRules(threshold.rules) : DEFAULT_MUJUN_RULES;
  const land = await firmsWithLand(trx, parkId);
  const [reported, entered] = await Promise.all([reportedYear(trx, parkId, year), enteredYear(trx, parkId, year)]);
  const counts: Record<MujunGrade, number> = { A: 0, B: 0, C: 0, D: 0 };
  const rows: EvaluationsTable[] = land.map((l) => {
    const rep = reported.get(l.enterpriseId);
    const f = resolveFigures(rep, entered.get(l.enterpriseId), l.floorAreaM2);
    const perMu = (v: number | null) => (v === null ? null : v / l.landMu);
    const plotRatio = f.floorAreaM2 === null ? null : f.floorAreaM2 / (l.landMu * SQUARE_METRES_PER_MU);
    const actuals = { tax_per_mu: perMu(f.taxFen), revenue_per_mu: perMu(f.revenueFen), investment_per_mu: perMu(f.investmentFen), plot_ratio: plotRatio };
    const { score, grade } = gradeMujun(rules, actuals);
    counts[grade] += 1;
    return {
      park_id: parkId,
      year,
      enterprise_id: l.enterpriseId,
      land_mu: l.landMu,
      revenue_fen: f.revenueFen,
      tax_fen: f.taxFen,
      investment_fen: f.investmentFen,
      floor_area_m2: f.floorAreaM2,
      tax_per_mu_fen: actuals.tax_per_mu === null ? null : roundFen(actuals.tax_per_mu),
      revenue_per_mu_fen: actuals.revenue_per_mu === null ? null : roundFen(actuals.revenue_per_mu),
      investment_per_mu_fen: actuals.investment_per_mu === null ? null : roundFen(actuals.investment_per_mu),
      plot_ratio: plotRatio === null ? null : Math.round(plotRatio * 1000) / 1000,
      score,
      grade,
      revenue_source: f.revenueSource === 'parcels' ? 'none' : f.revenueSource,
      tax_source: f.taxSource,
      investment_source: f.investmentSource,
      floor_area_source: f.floorAreaSource,
      report_months: Math.max(rep?.revenueMonths ?? 0, rep?.taxMonths ?? 0),
      threshold_id: threshold?.id ?? null,
      computed_at: now,
    };
  });
  await edb.deleteFrom('land_evaluations').where('park_id', '=', parkId).where('year', '=', year).execute();
  for (let i = 0; i < rows.length; i += 500) await edb.insertInto('land_evaluations').values(rows.slice(i, i + 500)).execute();

  const later = await trx.selectFrom('land_evaluations').select('year').where('park_id', '=', parkId).where('year', '>', year).limit(1).executeTakeFirst();
  const published = !later;
  let markedInefficient = 0;
  let rectified = 0;
  if (published) {
    // the day the parcels change: today (a seed publishes a past year on its publication day); never
    // before a parcel entered its present state
    const day = publishOn ?? shanghaiDate(now);
    const gradeBy = new Map(rows.map((r) => [r.enterprise_id, r.grade]));
    const parcels = await trx
      .selectFrom('land_parcels')
      .select(['id', 'enterprise_id', 'status', 'status_since'])
      .where('park_id', '=', parkId)
      .where('status', 'in', ['producing', 'inefficient'])
      .where('enterprise_id', 'is not', null)
      .orderBy('code')
      .execute();
    for (const p of parcels) {
      const grade = gradeBy.get(p.enterprise_id!);
      if (!grade) continue;
      const on = p.status_since > day ? p.status_since : day;
      if (p.status === 'producing' && grade === 'D') {
        await moveParcel(trx, actor, parkId, p.id, 'mark_inefficient', { on, note: `${year}年度亩均评价为D类(低效)` }, now);
        markedInefficient += 1;
      } else if (p.status === 'inefficient' && grade !== 'D') {
        await moveParcel(trx, actor, parkId, p.id, 'rectify', { on, note: `${year}年度亩均评价为${grade}类,不再低效` }, now);
        rectified += 1;
      }
    }
  }
  await recordAudit(trx, actor, parkId, [
    {
      action: 'evaluate_year',
      entity: 'land_evaluation_threshold',
      entityId: threshold?.id ?? null,
      before: null,
      after: { year, thresholdValidFrom: threshold?.valid_from ?? null, firms: rows.length, counts, published, markedInefficient, rectified },
    },
  ], now);
  return { year, thresholdId: threshold?.id ?? null, thresholdValidFrom: threshold?.valid_from ?? null, firms: rows.length, counts, published, markedInefficient, rectified };
}

export async function evaluateYear(ctx: AppContext, actor: Actor, year: number): Promise<MujunEvaluateResult> {
  const now = ctx.clock.now();
  return ctx.db.transaction().execute((trx) => evaluateYearIn(trx, actor, actor.parkId, year, now));
}

// ------------------------------------------------------------------ ranking

type EvalRow = EvaluationsTable & { enterprise_name: string; chain: string | null };

async function yearRows(ctx: AppContext, parkId: string, year: number): Promise<EvalRow[]> {
  return evalDb(ctx.db)
    .selectFrom('land_evaluations as e')
    .innerJoin('enterprises as f', 'f.id', 'e.enterprise_id')
    .selectAll('e')
    .select(['f.name as enterprise_name', 'f.chain'])
    .where('e.park_id', '=', parkId)
    .where('e.year', '=', year)
    .execute() as Promise<EvalRow[]>;
}

const src = (v: string | null | undefined): MujunSource => (v === 'reports' || v === 'entered' || v === 'import' || v === 'parcels' ? v : 'none');

/** Ranks the park's graded firms of a year: score, then 亩均税收, then name; equal scores share a rank. */
function ranked(rows: EvalRow[], labels: Map<string, string>): MujunRankingRow[] {
  const sorted = [...rows].sort(
    (a, b) => Number(b.score ?? 0) - Number(a.score ?? 0) || Number(b.tax_per_mu_fen ?? 0) - Number(a.tax_per_mu_fen ?? 0) || a.enterprise_name.localeCompare(b.enterprise_name, 'zh-CN'),
  );
  let rank = 0;
  let last: number | null = null;
  return sorted.map((r, i) => {
    const score = r.score === null ? null : Number(r.score);
    if (score !== last) {
      rank = i + 1;
      last = score;
    }
    return {
      rank,
      enterpriseId: r.enterprise_id,
      enterpriseName: r.enterprise_name,
      chain: r.chain,
      chainLabel: r.chain ? (labels.get(r.chain) ?? r.chain) : null,
      landMu: Number(r.land_mu),
      revenueFen: r.revenue_fen === null ? null : Number(r.revenue_fen),
      taxFen: r.tax_fen === null ? null : Number(r.tax_fen),
      investmentFen: r.investment_fen === null ? null : Number(r.investment_fen),
      floorAreaM2: r.floor_area_m2 === null ? null : Number(r.floor_area_m2),
      taxPerMuFen: r.tax_per_mu_fen === null ? null : Number(r.tax_per_mu_fen),
      revenuePerMuFen: r.revenue_per_mu_fen === null ? null : Number(r.revenue_per_mu_fen),
      investmentPerMuFen: r.investment_per_mu_fen === null ? null : Number(r.investment_per_mu_fen),
      plotRatio: r.plot_ratio === null ? null : Number(r.plot_ratio),
      score,
      grade: r.grade as MujunGrade,
      revenueSource: src(r.revenue_source),
      taxSource: src(r.tax_source),
      investmentSource: src(r.investment_source),
      floorAreaSource: src(r.floor_area_source),
      reportMonths: r.report_months ?? 0,
    };
  });
}

export async function gradedYears(ctx: AppContext, parkId: string): Promise<number[]> {
  return (await ctx.db.selectFrom('land_evaluations').select('year').distinct().where('park_id', '=', parkId).orderBy('year', 'desc').execute()).map((r) => r.year);
}

/** The ranking of a year (default: the latest graded), filtered, in the actor's scope; `all` skips paging (export). */
export async function ranking(ctx: AppContext, actor: Actor, query: { year?: number; grade?: MujunGrade; chain?: string; q?: string | null; page: number; pageSize: number }, all = false): Promise<MujunRankingView> {
  const years = await gradedYears(ctx, actor.parkId);
  const year = query.year ?? years[0] ?? null;
  const emptyCounts = { A: 0, B: 0, C: 0, D: 0, total: 0, landMu: 0, taxFen: 0, revenueFen: 0 };
  if (year === null) return { year: null, years, threshold: null, computedAt: null, counts: emptyCounts, items: [], total: 0, page: query.page, pageSize: query.pageSize };
  const [rows, labels, allowed] = await Promise.all([yearRows(ctx, actor.parkId, year), chainLabelsOf(ctx.db, actor.parkId), scopedEnterpriseIds(ctx, actor)]);
  const thresholdId = rows.find((r) => r.threshold_id)?.threshold_id ?? null;
  const threshold = thresholdId ? await ctx.db.selectFrom('land_evaluation_thresholds').selectAll().where('id', '=', thresholdId).where('park_id', '=', actor.parkId).executeTakeFirst() : undefined;
  let items = ranked(rows, labels).filter((r) => !allowed || allowed.has(r.enterpriseId));
  const counts = { ...emptyCounts };
  for (const r of items) {
    if (query.chain && r.chain !== query.chain) continue;
    counts[r.grade] += 1;
    counts.total += 1;
    counts.landMu += r.landMu;
    counts.taxFen += r.taxFen ?? 0;
    counts.revenueFen += r.revenueFen ?? 0;
  }
  counts.landMu = Math.round(counts.landMu * 10_000) / 10_000;
  if (query.chain) items = items.filter((r) => r.chain === query.chain);
  if (query.grade) items = items.filter((r) => r.grade === query.grade);
  const q = query.q?.trim();
  if (q) items = items.filter((r) => r.enterpriseName.includes(q));
  const total = items.length;
  const start = (query.page - 1) * query.pageSize;
  return {
    year,
    years,
    threshold: threshold ? { id: threshold.id, validFrom: threshold.valid_from, rules: parseRules(threshold.rules) } : null,
    computedAt: rows[0] ? new Date(rows[0].computed_at).toISOString() : null,
    counts,
    items: all ? items : items.slice(start, start + query.pageSize),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

export async function firmHistory(ctx: AppContext, actor: Actor, enterpriseId: string): Promise<MujunFirmHistory> {
  const scope = enterpriseScopeOf(actor);
  const firm = await ctx.db
    .selectFrom('enterprises as e')
    .select(['e.id', 'e.name'])
    .where('e.id', '=', enterpriseId)
    .where(inEnterpriseScope<any, any>(scope, 'e.park_id', 'e.id'))
    .executeTakeFirst();
  if (!firm) throw notFound('企业');
  const labels = await chainLabelsOf(ctx.db, actor.parkId);
  const years = await gradedYears(ctx, actor.parkId);
  const out: MujunFirmHistory['years'] = [];
  const thresholds = new Map((await ctx.db.selectFrom('land_evaluation_thresholds').select(['id', 'valid_from']).where('park_id', '=', actor.parkId).execute()).map((t) => [t.id, t.valid_from]));
  const parcels = await ctx.db
    .selectFrom('land_parcels')
    .select(['id', 'code', 'name', 'area_mu', 'status'])
    .where('park_id', '=', actor.parkId)
    .where('enterprise_id', '=', enterpriseId)
    .orderBy('code')
    .execute();
  for (const year of years) {
    const rows = await yearRows(ctx, actor.parkId, year);
    const mine = ranked(rows, labels).find((r) => r.enterpriseId === enterpriseId);
    if (!mine) continue;
    const raw = rows.find((r) => r.enterprise_id === enterpriseId)!;
    out.push({ ...mine, year, thresholdValidFrom: raw.threshold_id ? (thresholds.get(raw.threshold_id) ?? null) : null, parcelCount: parcels.length });
  }
  return {
    enterpriseId: firm.id as string,
    enterpriseName: firm.name as string,
    years: out,
    parcels: parcels.map((p) => ({ id: p.id, code: p.code, name: p.name, areaMu: Number(p.area_mu), status: p.status })),
  };
}

/** The parcels of the firms graded D in a year, with their status now (低效 once published). */
export async function inefficientParcels(ctx: AppContext, actor: Actor, year: number | undefined): Promise<MujunInefficientView> {
  const y = year ?? (await gradedYears(ctx, actor.parkId))[0] ?? null;
  if (y === null) return { year: null, items: [], totalMu: 0, inefficientCount: 0 };
  const scope = enterpriseScopeOf(actor);
  const rows = await ctx.db
    .selectFrom('land_parcels as p')
    .innerJoin('land_evaluations as e', (j) => j.onRef('e.park_id', '=', 'p.park_id').onRef('e.enterprise_id', '=', 'p.enterprise_id').on('e.year', '=', y))
    .innerJoin('enterprises as f', 'f.id', 'p.enterprise_id')
    .select(['p.id', 'p.code', 'p.name', 'p.area_mu', 'p.status', 'p.status_since', 'p.enterprise_id', 'f.name as enterprise_name', 'e.score', 'e.tax_per_mu_fen', 'e.revenue_per_mu_fen'])
    .where('p.park_id', '=', actor.parkId)
    .where('e.grade', '=', 'D')
    .where('p.status', 'in', ['producing', 'inefficient', 'idle', 'construction', 'transferred', 'reallocated'])
    .where(inEnterpriseScope<any, any>(scope, 'p.park_id', 'p.enterprise_id'))
    .orderBy('e.score')
    .orderBy('p.code')
    .execute();
  const items = rows.map((r) => ({
    parcelId: r.id,
    code: r.code,
    name: r.name,
    areaMu: Number(r.area_mu),
    status: r.status,
    statusSince: r.status_since,
    enterpriseId: r.enterprise_id!,
    enterpriseName: r.enterprise_name,
    score: r.score === null ? null : Number(r.score),
    taxPerMuFen: r.tax_per_mu_fen === null ? null : Number(r.tax_per_mu_fen),
    revenuePerMuFen: r.revenue_per_mu_fen === null ? null : Number(r.revenue_per_mu_fen),
  }));
  return {
    year: y,
    items,
    totalMu: Math.round(items.reduce((s, i) => s + i.areaMu, 0) * 10_000) / 10_000,
    inefficientCount: items.filter((i) => i.status === 'inefficient').length,
  };
}

