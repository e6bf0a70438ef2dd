import { sql, type Kysely } from 'kysely';

/**
 * 应急转贷 statistics: the fees and penalties of a period are those of the loans repaid in it, and
 * the applications of a period are those filed in it — one index each, so the statistics stay a few
 * index-backed aggregates per park at province scale (see modules/finance/bridge/stats.ts).
 */
const statements = [
  `create index bridge_loans_repaid_idx on bridge_loans (park_id, repaid_on) where repaid_on is not null`,
  `create index bridge_loans_filed_idx on bridge_loans (park_id, filed_at)`,
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only');
}
