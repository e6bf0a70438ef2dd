import type { LandParcelStatus, ParcelListQuery } from '@yuanqi/contract';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../../db/schema.js';

type Executor = Kysely<DB> | Transaction<DB>;

/** A parcel with its holder's and project's names (one row of the list, the map, the export). */
export type ParcelJoined = {
  id: string;
  park_id: string;
  code: string;
  name: string | null;
  boundary: unknown;
  area_mu: string | number;
  declared_area_mu: string | number | null;
  centroid_lng: number;
  centroid_lat: number;
  zone: string | null;
  planned_use: string;
  enterprise_id: string | null;
  enterprise_name: string | null;
  project_id: string | null;
  project_name: string | null;
  status: string;
  status_since: string;
  transferred_on: string | null;
  construction_on: string | null;
  producing_on: string | null;
  land_price_fen: string | number | null;
  floor_area_m2: string | number | null;
  note: string | null;
  uscc: string | null;
  project_code: string | null;
  created_at: Date;
  updated_at: Date;
};

type Filters = Omit<ParcelListQuery, 'page' | 'pageSize' | 'status'> & { status?: readonly string[] | undefined };

function joined(db: Executor, parkId: string) {
  return db
    .selectFrom('land_parcels as p')
    .leftJoin('enterprises as e', 'e.id', 'p.enterprise_id')
    .leftJoin('investment_projects as ip', 'ip.id', 'p.project_id')
    .where('p.park_id', '=', parkId);
}

const COLUMNS = [
  'p.id',
  'p.park_id',
  'p.code',
  'p.name',
  'p.area_mu',
  'p.declared_area_mu',
  'p.centroid_lng',
  'p.centroid_lat',
  'p.zone',
  'p.planned_use',
  'p.enterprise_id',
  'e.name as enterprise_name',
  'e.uscc',
  'p.project_id',
  'ip.name as project_name',
  'ip.code as project_code',
  'p.status',
  'p.status_since',
  'p.transferred_on',
  'p.construction_on',
  'p.producing_on',
  'p.land_price_fen',
  'p.floor_area_m2',
  'p.note',
  'p.created_at',
  'p.updated_at',
] as const;

const escapeLike = (s: string) => `%${s.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;

function filtered(db: Executor, parkId: string, f: Filters) {
  let q = joined(db, parkId);
  if (f.status && f.status.length > 0) q = q.where('p.status', 'in', [...f.status]);
  if (f.zone) q = q.where('p.zone', '=', f.zone);
  if (f.plannedUse) q = q.where('p.planned_use', '=', f.plannedUse);
  if (f.enterpriseId) q = q.where('p.enterprise_id', '=', f.enterpriseId);
  if (f.areaFlag === 'differs') q = q.where(sql<boolean>`p.declared_area_mu is not null and abs(p.area_mu - p.declared_area_mu) > 0.02 * p.declared_area_mu`);
  if (f.q) {
    const like = escapeLike(f.q);
    q = q.where((eb) => eb.or([eb('p.code', 'ilike', like), eb('p.name', 'ilike', like), eb('e.name', 'ilike', like), eb('ip.name', 'ilike', like)]));
  }
  return q;
}

export async function listParcels(db: Executor, parkId: string, f: Filters, page: number, pageSize: number): Promise<{ rows: ParcelJoined[]; total: number }> {
  const q = filtered(db, parkId, f);
  const [{ total }, rows] = await Promise.all([
    q.select(sql<number>`count(*)::int`.as('total')).executeTakeFirstOrThrow(),
    q.select(COLUMNS).orderBy('p.code').orderBy('p.id').limit(pageSize).offset((page - 1) * pageSize).execute(),
  ]);
  return { rows: rows as unknown as ParcelJoined[], total: Number(total) };
}

/** Every matching parcel with its boundary (the export). */
export async function allParcels(db: Executor, parkId: string, f: Filters): Promise<ParcelJoined[]> {
  const rows = await filtered(db, parkId, f).select([...COLUMNS, 'p.boundary']).orderBy('p.code').limit(50_000).execute();
  return rows as unknown as ParcelJoined[];
}

export async function findParcel(db: Executor, parkId: string, id: string): Promise<ParcelJoined | undefined> {
  const row = await joined(db, parkId).select([...COLUMNS, 'p.boundary']).where('p.id', '=', id).executeTakeFirst();
  return row as unknown as ParcelJoined | undefined;
}

export async function parcelFacets(db: Executor, parkId: string): Promise<{ zones: string[]; counts: { status: string; n: number; mu: number }[] }> {
  const [zones, counts] = await Promise.all([
    db.selectFrom('land_parcels').select('zone').distinct().where('park_id', '=', parkId).where('zone', 'is not', null).orderBy('zone').execute(),
    db
      .selectFrom('land_parcels')
      .select(['status', sql<number>`count(*)::int`.as('n'), sql<string>`coalesce(sum(area_mu), 0)::text`.as('mu')])
      .where('park_id', '=', parkId)
      .groupBy('status')
      .execute(),
  ]);
  return { zones: zones.map((z) => z.zone!).filter(Boolean), counts: counts.map((c) => ({ status: c.status, n: Number(c.n), mu: Number(c.mu) })) };
}

/** The latest year the park has graded (land_evaluations), or null. */
export async function latestEvaluatedYear(db: Executor, parkId: string): Promise<number | null> {
  const row = await db.selectFrom('land_evaluations').select(sql<number | null>`max(year)`.as('year')).where('park_id', '=', parkId).executeTakeFirst();
  return row?.year === null || row?.year === undefined ? null : Number(row.year);
}

/** A firm's latest graded 亩均 result. */
export async function latestEvaluationOf(db: Executor, parkId: string, enterpriseId: string) {
  return db
    .selectFrom('land_evaluations')
    .select(['year', 'grade', 'tax_per_mu_fen', 'revenue_per_mu_fen', 'investment_per_mu_fen', 'plot_ratio'])
    .where('park_id', '=', parkId)
    .where('enterprise_id', '=', enterpriseId)
    .orderBy('year', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function buildingsOn(db: Executor, parkId: string, parcelId: string) {
  return db.selectFrom('premises_buildings').select(['id', 'code', 'name', 'kind', 'floors']).where('park_id', '=', parkId).where('parcel_id', '=', parcelId).orderBy('code').execute();
}

export async function mapFeatures(db: Executor, parkId: string) {
  return db.selectFrom('land_map_features').select(['id', 'kind', 'name', 'geometry']).where('park_id', '=', parkId).orderBy('sort_order').orderBy('id').execute();
}

/** Every parcel of the park for the map: light columns and the boundary. */
export async function mapParcels(db: Executor, parkId: string) {
  return joined(db, parkId)
    .select(['p.id', 'p.code', 'p.name', 'p.status', 'p.area_mu', 'p.planned_use', 'p.zone', 'p.enterprise_id', 'e.name as enterprise_name', 'ip.name as project_name', 'p.boundary'])
    .orderBy('p.code')
    .execute();
}

export async function statusOf(db: Executor, parkId: string, id: string): Promise<LandParcelStatus | null> {
  const row = await db.selectFrom('land_parcels').select('status').where('park_id', '=', parkId).where('id', '=', id).executeTakeFirst();
  return (row?.status as LandParcelStatus | undefined) ?? null;
}

/** Firms and investment projects of the park matching a name (the 出让 dialog's pickers). */
export async function holderOptions(db: Executor, parkId: string, q: string | undefined) {
  const like = q ? escapeLike(q) : null;
  let firms = db.selectFrom('enterprises').select(['id', 'name', 'uscc']).where('park_id', '=', parkId);
  let projects = db.selectFrom('investment_projects as ip').leftJoin('enterprises as e', 'e.id', 'ip.enterprise_id').select(['ip.id', 'ip.code', 'ip.name', 'ip.investor', 'ip.enterprise_id', 'e.name as enterprise_name']).where('ip.park_id', '=', parkId);
  if (like) {
    firms = firms.where((eb) => eb.or([eb('name', 'ilike', like), eb('uscc', 'ilike', like)]));
    projects = projects.where((eb) => eb.or([eb('ip.name', 'ilike', like), eb('ip.code', 'ilike', like), eb('ip.investor', 'ilike', like)]));
  }
  const [f, p] = await Promise.all([firms.orderBy('name').limit(like ? 50 : 2000).execute(), projects.orderBy('ip.signed_on', 'desc').limit(like ? 50 : 1000).execute()]);
  return { firms: f, projects: p };
}
