import { sql, type Kysely } from 'kysely';

/**
 * 要素保障 — evaluation and the 征地拆迁 register: follow-up to 20261208-0001-land.
 * - land_evaluations says where every figure of a graded year came from (the table kept only the
 *   revenue's source): tax, investment and floor area each have their source, and the number of
 *   accepted monthly reports the revenue and tax were summed from.
 * - acquisition: the households grid filters by stage within an area, payments are summed per
 *   household, incidents per household.
 */
const statements = [
  `alter table land_evaluations add column tax_source text not null default 'none' check (tax_source in ('reports', 'entered', 'import', 'none'))`,
  `alter table land_evaluations add column investment_source text not null default 'none' check (investment_source in ('entered', 'import', 'none'))`,
  `alter table land_evaluations add column floor_area_source text not null default 'none' check (floor_area_source in ('entered', 'import', 'parcels', 'none'))`,
  `alter table land_evaluations add column report_months int not null default 0 check (report_months between 0 and 12)`,
  `create index land_evaluations_enterprise_idx on land_evaluations (park_id, enterprise_id, year)`,
  `create index acquisition_households_area_idx on acquisition_households (park_id, area_id, agreement_on, moved_out_on)`,
  `create index acquisition_incidents_household_idx on acquisition_incidents (park_id, household_id) where household_id is not null`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
