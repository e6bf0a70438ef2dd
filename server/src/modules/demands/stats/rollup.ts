import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { registerScheduledJob } from '../../../platform/scheduler.js';

/**
 * Moves the committed changes of `demand_rollup_delta` into `demand_rollup` (migration
 * 20261207-0007): one statement, one process at a time. The statistics are exact without it (they
 * read both); folding keeps what they read short. Returns the delta rows folded.
 */
export async function foldDemandRollup(db: Kysely<DB>): Promise<number> {
  const { rows } = await sql<{ n: number }>`select yq_demand_rollup_fold() as n`.execute(db);
  return Number(rows[0]?.n ?? 0);
}

let registered = false;

/** Registers the fold with the process scheduler once (every minute; safe in several processes). */
export function registerDemandRollupFold(): void {
  if (registered) return;
  registered = true;
  registerScheduledJob({ name: 'demand-rollup-fold', everyMs: 60_000, run: async (ctx) => ({ folded: await foldDemandRollup(ctx.db) }) });
}
