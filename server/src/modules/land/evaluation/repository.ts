import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../../db/schema.js';
import type { LandEvaluationsTable } from '../../../db/schema-land.js';

/**
 * The columns migration 20261208-0003-land-evaluation adds to land_evaluations (where each figure
 * came from), typed here so that only this sub-domain reads and writes them.
 */
export type EvaluationsTable = LandEvaluationsTable & {
  tax_source: string;
  investment_source: string;
  floor_area_source: string;
  report_months: number;
};
export type EvalDB = Omit<DB, 'land_evaluations'> & { land_evaluations: EvaluationsTable };
export type EvalExecutor = Kysely<EvalDB> | Transaction<EvalDB>;
export const evalDb = (db: Kysely<DB> | Transaction<DB>) => db as unknown as EvalExecutor;

/** The statuses in which a parcel is the firm's land for 亩均 (出让 and after, not yet recovered). */
export const HELD_STATUSES = ['transferred', 'construction', 'producing', 'inefficient', 'idle', 'reallocated'] as const;

/** Firms with land: 亩 held, parcels, and the floor area entered on the parcels. */
export async function firmsWithLand(db: Kysely<DB> | Transaction<DB>, parkId: string, enterpriseIds?: string[]) {
  let q = db
    .selectFrom('land_parcels')
    .select((eb) => [
      'enterprise_id',
      eb.fn.sum<number>('area_mu').as('land_mu'),
      eb.fn.countAll<number>().as('parcels'),
      eb.fn.sum<number | null>('floor_area_m2').as('floor_area_m2'),
    ])
    .where('park_id', '=', parkId)
    .where('enterprise_id', 'is not', null)
    .where('status', 'in', HELD_STATUSES)
    .groupBy('enterprise_id');
  if (enterpriseIds) {
    if (enterpriseIds.length === 0) return [];
    q = q.where('enterprise_id', 'in', enterpriseIds);
  }
  const rows = await q.execute();
  return rows.map((r) => ({ enterpriseId: r.enterprise_id!, landMu: Number(r.land_mu), parcels: Number(r.parcels), floorAreaM2: r.floor_area_m2 === null ? null : Number(r.floor_area_m2) }));
}

/** Per firm: the year's accepted monthly revenue and tax (industry_figures) and the months they cover. */
export async function reportedYear(db: Kysely<DB> | Transaction<DB>, parkId: string, year: number) {
  const rows = await db
    .selectFrom('industry_figures')
    .select((eb) => [
      'enterprise_id',
      'indicator_key',
      eb.fn.sum<number>('value').as('total'),
      sql<number>`count(distinct period)`.as('months'),
    ])
    .where('park_id', '=', parkId)
    .where('indicator_key', 'in', ['revenue_fen', 'tax_fen'])
    .where('period', '>=', `${year}-01-01`)
    .where('period', '<=', `${year}-12-01`)
    .groupBy(['enterprise_id', 'indicator_key'])
    .execute();
  const by = new Map<string, { revenueFen: number | null; taxFen: number | null; revenueMonths: number; taxMonths: number }>();
  for (const r of rows) {
    const cur = by.get(r.enterprise_id) ?? { revenueFen: null, taxFen: null, revenueMonths: 0, taxMonths: 0 };
    if (r.indicator_key === 'revenue_fen') {
      cur.revenueFen = Math.round(Number(r.total));
      cur.revenueMonths = Number(r.months);
    } else {
      cur.taxFen = Math.round(Number(r.total));
      cur.taxMonths = Number(r.months);
    }
    by.set(r.enterprise_id, cur);
  }
  return by;
}

export async function enteredYear(db: Kysely<DB> | Transaction<DB>, parkId: string, year: number, enterpriseIds?: string[]) {
  let q = db.selectFrom('land_firm_figures').selectAll().where('park_id', '=', parkId).where('year', '=', year);
  if (enterpriseIds) {
    if (enterpriseIds.length === 0) return new Map();
    q = q.where('enterprise_id', 'in', enterpriseIds);
  }
  const rows = await q.execute();
  return new Map(rows.map((r) => [r.enterprise_id, r]));
}

/** The threshold version valid on 31 Dec of `year` (the one that grades it), or none. */
export async function thresholdForYear(db: Kysely<DB> | Transaction<DB>, parkId: string, year: number) {
  return db
    .selectFrom('land_evaluation_thresholds')
    .selectAll()
    .where('park_id', '=', parkId)
    .where('valid_from', '<=', `${year}-12-31`)
    .orderBy('valid_from', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function chainLabelsOf(db: Kysely<DB> | Transaction<DB>, parkId: string): Promise<Map<string, string>> {
  const rows = await db.selectFrom('dictionaries').select(['code', 'label']).where('park_id', '=', parkId).where('kind', '=', 'chain').execute();
  return new Map(rows.map((r) => [r.code, r.label]));
}
