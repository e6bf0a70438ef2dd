import {
  LAND_PARCEL_ACTION_LABELS,
  SQUARE_METRES_PER_MU,
  geometryAreaMu,
  geometryCentroid,
  parcelAreaDiffers,
  type LandParcelAction,
  type LandParcelStatus,
  type LandPlannedUse,
  type MapFeatureView,
  type ParcelDetailView,
  type ParcelFacets,
  type ParcelGeometry,
  type ParcelListItem,
  type ParcelMapView,
  type ParcelPage,
  type ZParcelListQuery,
  type ZParcelRequest,
  type ZParcelStepRequest,
  LAND_PARCEL_STATUSES,
} from '@yuanqi/contract';
import type { z } from 'zod';
import { can, type Actor } from '../../../platform/actor.js';
import { recordAudit } from '../../../platform/audit.js';
import { shanghaiDate } from '../../../platform/calendar/index.js';
import type { AppContext } from '../../../platform/context.js';
import { conflict, notFound } from '../../../platform/errors.js';
import { presentCaseEvent } from '../../../platform/workflow/index.js';
import { requireAnyLandPermission } from '../access.js';
import { gradedParcels } from '../evaluation/grades.js';
import * as repo from './repository.js';
import { moveParcel } from './transitions.js';
import { parcelEventLog, parcelSnapshot, parcelWorkflow, type ParcelParty, type ParcelRow } from './workflow.js';

type ListQuery = z.output<typeof ZParcelListQuery>;
type ParcelBody = z.output<typeof ZParcelRequest>;
type StepBody = z.output<typeof ZParcelStepRequest>;

const n = (v: string | number | null | undefined): number | null => (v === null || v === undefined ? null : Number(v));
const iso = (d: Date | string) => new Date(d).toISOString();

export function presentListItem(r: repo.ParcelJoined): ParcelListItem {
  const areaMu = Number(r.area_mu);
  const declared = n(r.declared_area_mu);
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    zone: r.zone,
    plannedUse: r.planned_use as LandPlannedUse,
    status: r.status as LandParcelStatus,
    statusSince: r.status_since,
    areaMu,
    declaredAreaMu: declared,
    areaDiffers: parcelAreaDiffers(areaMu, declared),
    transferredOn: r.transferred_on,
    constructionOn: r.construction_on,
    producingOn: r.producing_on,
    floorAreaM2: n(r.floor_area_m2),
    enterpriseId: r.enterprise_id,
    enterpriseName: r.enterprise_name,
    projectId: r.project_id,
    projectName: r.project_name,
  };
}

/** Plot ratio 容积率 = floor area / land area. */
export function plotRatioOf(floorAreaM2: number | null, areaMu: number): number | null {
  if (floorAreaM2 === null || !(areaMu > 0)) return null;
  return Math.round((floorAreaM2 / (areaMu * SQUARE_METRES_PER_MU)) * 100) / 100;
}

function partiesOf(actor: Actor): Set<ParcelParty> {
  return new Set<ParcelParty>(can(actor, 'land:manage') ? ['office'] : []);
}

/** 地块台账: filtered and paged; land:read. */
export async function listParcels(ctx: AppContext, actor: Actor, query: ListQuery): Promise<ParcelPage> {
  requireAnyLandPermission(actor, 'land:read');
  const { page, pageSize, ...filters } = query;
  const { rows, total } = await repo.listParcels(ctx.db, actor.parkId, filters, page, pageSize);
  return { items: rows.map(presentListItem), total, page, pageSize };
}

export async function facets(ctx: AppContext, actor: Actor): Promise<ParcelFacets> {
  requireAnyLandPermission(actor, 'land:read');
  const f = await repo.parcelFacets(ctx.db, actor.parkId);
  const statusCounts = Object.fromEntries(LAND_PARCEL_STATUSES.map((s) => [s, 0])) as Record<LandParcelStatus, number>;
  let totalMu = 0;
  for (const c of f.counts) {
    if (c.status in statusCounts) statusCounts[c.status as LandParcelStatus] = c.n;
    totalMu += c.mu;
  }
  return { zones: f.zones, statusCounts, totalMu: Math.round(totalMu * 10_000) / 10_000 };
}

/** 地块详情: the boundary, areas, holder, the latest 亩均 figures, buildings, timeline, buttons. */
export async function getParcel(ctx: AppContext, actor: Actor, id: string): Promise<ParcelDetailView> {
  requireAnyLandPermission(actor, 'land:read');
  const row = await repo.findParcel(ctx.db, actor.parkId, id);
  if (!row) throw notFound('地块');
  const item = presentListItem(row);
  const [evaluation, buildings, events] = await Promise.all([
    row.enterprise_id ? repo.latestEvaluationOf(ctx.db, actor.parkId, row.enterprise_id) : Promise.resolve(undefined),
    repo.buildingsOn(ctx.db, actor.parkId, row.id),
    parcelEventLog.list(ctx.db, actor.parkId, row.id),
  ]);
  const boundary = row.boundary as ParcelGeometry;
  const labels = { ...LAND_PARCEL_ACTION_LABELS, create: '登记地块', import: '导入地块', update: '修改地块信息', seed: '历史登记' } as Record<string, string>;
  return {
    ...item,
    boundary,
    centroid: [Number(row.centroid_lng), Number(row.centroid_lat)],
    areaDiffPercent: item.declaredAreaMu ? Math.round(((item.areaMu - item.declaredAreaMu) / item.declaredAreaMu) * 10_000) / 100 : null,
    landPriceFen: n(row.land_price_fen),
    plotRatio: plotRatioOf(item.floorAreaM2, item.areaMu),
    note: row.note,
    figures: evaluation
      ? {
          year: Number(evaluation.year),
          grade: evaluation.grade as 'A' | 'B' | 'C' | 'D',
          taxPerMuFen: n(evaluation.tax_per_mu_fen),
          revenuePerMuFen: n(evaluation.revenue_per_mu_fen),
          investmentPerMuFen: n(evaluation.investment_per_mu_fen),
          plotRatio: n(evaluation.plot_ratio),
        }
      : null,
    buildings: buildings.map((b) => ({ id: b.id, code: b.code, name: b.name, kind: b.kind, floors: b.floors })),
    actions: parcelWorkflow.allowedActions({ status: item.status, construction_on: row.construction_on }, partiesOf(actor)),
    timeline: events.map((e) => presentCaseEvent(e, labels)) as ParcelDetailView['timeline'],
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}

/** The columns a boundary decides: area in 亩 and the label point. */
export function geometryColumns(boundary: ParcelGeometry) {
  const [lng, lat] = geometryCentroid(boundary);
  return { boundary: JSON.stringify(boundary), area_mu: geometryAreaMu(boundary), centroid_lng: lng, centroid_lat: lat };
}

async function codeTaken(ctx: AppContext, parkId: string, code: string, exceptId?: string): Promise<boolean> {
  let q = ctx.db.selectFrom('land_parcels').select('id').where('park_id', '=', parkId).where(({ fn, eb }) => eb(fn('upper', ['code']), '=', code.toUpperCase()));
  if (exceptId) q = q.where('id', '!=', exceptId);
  return !!(await q.executeTakeFirst());
}
const codeConflict = (code: string) => conflict(`地块编号“${code}”已存在`, [{ path: 'code', message: '地块编号已存在' }]);

/** 登记地块: a new parcel in 储备 (its timeline starts with the registration). */
export async function createParcel(ctx: AppContext, actor: Actor, body: ParcelBody): Promise<ParcelDetailView> {
  requireAnyLandPermission(actor, 'land:manage');
  const now = ctx.clock.now();
  if (await codeTaken(ctx, actor.parkId, body.code)) throw codeConflict(body.code);
  const id = await ctx.db.transaction().execute(async (trx) => {
    const row = (await trx
      .insertInto('land_parcels')
      .values({
        park_id: actor.parkId,
        code: body.code,
        name: body.name ?? null,
        ...geometryColumns(body.boundary),
        declared_area_mu: body.declaredAreaMu ?? null,
        zone: body.zone ?? null,
        planned_use: body.plannedUse,
        status: 'reserve',
        status_since: shanghaiDate(now),
        floor_area_m2: body.floorAreaM2 ?? null,
        note: body.note ?? null,
        created_by: actor.userId,
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow()) as ParcelRow;
    await parcelEventLog.write(trx, actor.parkId, row.id, [
      { action: 'create', from_status: null, to_status: 'reserve', actor_id: actor.userId, actor_name: actor.displayName, actor_role: 'office', note: null, data: { areaMu: Number(row.area_mu) }, at: now },
    ]);
    await recordAudit(trx, actor, actor.parkId, [{ action: 'parcel.create', entity: 'land_parcel', entityId: row.id, before: null, after: parcelSnapshot(row) }], now);
    return row.id;
  });
  return getParcel(ctx, actor, id);
}

/** 修改地块信息 (not its state: that is the workflow's). */
export async function updateParcel(ctx: AppContext, actor: Actor, id: string, body: ParcelBody): Promise<ParcelDetailView> {
  requireAnyLandPermission(actor, 'land:manage');
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const before = (await trx.selectFrom('land_parcels').selectAll().where('park_id', '=', actor.parkId).where('id', '=', id).forUpdate().executeTakeFirst()) as ParcelRow | undefined;
    if (!before) throw notFound('地块');
    if (before.code.toUpperCase() !== body.code.toUpperCase() && (await codeTaken(ctx, actor.parkId, body.code, id))) throw codeConflict(body.code);
    const after = (await trx
      .updateTable('land_parcels')
      .set({
        code: body.code,
        name: body.name ?? null,
        ...geometryColumns(body.boundary),
        declared_area_mu: body.declaredAreaMu ?? null,
        zone: body.zone ?? null,
        planned_use: body.plannedUse,
        floor_area_m2: body.floorAreaM2 ?? null,
        note: body.note ?? null,
        updated_at: now,
      })
      .where('park_id', '=', actor.parkId)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow()) as ParcelRow;
    const b = parcelSnapshot(before);
    const a = parcelSnapshot(after);
    const changed = Object.keys(a).filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]));
    const boundaryChanged = JSON.stringify(before.boundary) !== JSON.stringify(after.boundary);
    if (boundaryChanged && !changed.includes('boundary')) changed.push('boundary');
    if (changed.length === 0) return;
    await parcelEventLog.write(trx, actor.parkId, id, [
      {
        action: 'update',
        from_status: before.status,
        to_status: before.status,
        actor_id: actor.userId,
        actor_name: actor.displayName,
        actor_role: 'office',
        note: null,
        data: { changed, ...(boundaryChanged ? { areaMuBefore: Number(before.area_mu), areaMuAfter: Number(after.area_mu) } : {}) },
        at: now,
      },
    ]);
    await recordAudit(trx, actor, actor.parkId, [{ action: 'parcel.update', entity: 'land_parcel', entityId: id, before: b, after: a }], now);
  });
  return getParcel(ctx, actor, id);
}

/** One workflow step from the parcel page (out of the park 404, not the office 403, skipped step 409). */
export async function stepParcel(ctx: AppContext, actor: Actor, id: string, action: LandParcelAction, body: StepBody): Promise<ParcelDetailView> {
  requireAnyLandPermission(actor, 'land:read', 'land:manage');
  const now = ctx.clock.now();
  await ctx.db.transaction().execute((trx) =>
    moveParcel(trx, actor, actor.parkId, id, action, { on: body.on ?? shanghaiDate(now), note: body.note ?? null, enterpriseId: body.enterpriseId ?? null, projectId: body.projectId ?? null, landPriceFen: body.landPriceFen ?? null }, now),
  );
  return getParcel(ctx, actor, id);
}

/** The map in one request: base layer, every parcel light, the latest year's 亩均税收 and grade. */
export async function parcelMap(ctx: AppContext, actor: Actor): Promise<ParcelMapView> {
  requireAnyLandPermission(actor, 'land:read');
  const [features, parcels, year] = await Promise.all([repo.mapFeatures(ctx.db, actor.parkId), repo.mapParcels(ctx.db, actor.parkId), repo.latestEvaluatedYear(ctx.db, actor.parkId)]);
  const grades = year === null ? [] : await gradedParcels(ctx.db, actor.parkId, year);
  const gradeOf = new Map(grades.map((g) => [g.parcelId, g]));
  let south = 90;
  let west = 180;
  let north = -90;
  let east = -180;
  const extend = (coords: unknown): void => {
    if (!Array.isArray(coords)) return;
    if (typeof coords[0] === 'number' && typeof coords[1] === 'number') {
      west = Math.min(west, coords[0]);
      east = Math.max(east, coords[0]);
      south = Math.min(south, coords[1]);
      north = Math.max(north, coords[1]);
      return;
    }
    for (const c of coords) extend(c);
  };
  for (const f of features) extend((f.geometry as { coordinates?: unknown })?.coordinates);
  for (const p of parcels) extend((p.boundary as { coordinates?: unknown })?.coordinates);
  return {
    year,
    features: features.map((f) => ({ id: f.id, kind: f.kind as MapFeatureView['kind'], name: f.name, geometry: f.geometry })),
    parcels: parcels.map((p) => {
      const g = gradeOf.get(p.id);
      return {
        id: p.id,
        code: p.code,
        name: p.name,
        status: p.status as LandParcelStatus,
        areaMu: Number(p.area_mu),
        plannedUse: p.planned_use as LandPlannedUse,
        zone: p.zone,
        enterpriseName: p.enterprise_name,
        projectName: p.project_name,
        boundary: p.boundary as ParcelGeometry,
        taxPerMuFen: g ? n(g.taxPerMuFen) : null,
        grade: g?.grade ?? null,
      };
    }),
    bounds: west <= east ? [[south, west], [north, east]] : null,
  };
}

export async function holders(ctx: AppContext, actor: Actor, q: string | undefined) {
  requireAnyLandPermission(actor, 'land:manage');
  const { firms, projects } = await repo.holderOptions(ctx.db, actor.parkId, q);
  return {
    firms: firms.map((f) => ({ id: f.id, name: f.name, uscc: f.uscc })),
    projects: projects.map((p) => ({ id: p.id, code: p.code, name: p.name, investor: p.investor, enterpriseId: p.enterprise_id, enterpriseName: p.enterprise_name })),
  };
}
