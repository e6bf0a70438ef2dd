import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../../db/schema.js';

type Executor = Kysely<DB> | Transaction<DB>;

/** A parcel with its holder's graded 亩均 result of one year. */
export type ParcelGrade = {
  parcelId: string;
  enterpriseId: string;
  year: number;
  grade: 'A' | 'B' | 'C' | 'D';
  taxPerMuFen: number | null;
  revenuePerMuFen: number | null;
  investmentPerMuFen: number | null;
  plotRatio: number | null;
};

/**
 * The parcels of the firms graded in `year` (land_evaluations, written when a year is evaluated),
 * optionally only some grades — the clean-up campaign takes grade D as candidates, the map colours
 * parcels by 亩均税收. (Seam owned by the evaluation sub-domain.)
 */
export async function gradedParcels(db: Executor, parkId: string, year: number, grades?: readonly ('A' | 'B' | 'C' | 'D')[]): Promise<ParcelGrade[]> {
  let query = db
    .selectFrom('land_parcels as p')
    .innerJoin('land_evaluations as e', (join) =>
      join.onRef('e.park_id', '=', 'p.park_id').onRef('e.enterprise_id', '=', 'p.enterprise_id').on('e.year', '=', year),
    )
    .select(['p.id', 'e.enterprise_id', 'e.year', 'e.grade', 'e.tax_per_mu_fen', 'e.revenue_per_mu_fen', 'e.investment_per_mu_fen', 'e.plot_ratio'])
    .where('p.park_id', '=', parkId);
  if (grades && grades.length > 0) query = query.where('e.grade', 'in', grades);
  const rows = await query.orderBy('p.code').execute();
  return rows.map((r) => ({
    parcelId: r.id,
    enterpriseId: r.enterprise_id,
    year: r.year,
    grade: r.grade as ParcelGrade['grade'],
    taxPerMuFen: r.tax_per_mu_fen,
    revenuePerMuFen: r.revenue_per_mu_fen,
    investmentPerMuFen: r.investment_per_mu_fen,
    plotRatio: r.plot_ratio,
  }));
}
