import type { Transaction } from 'kysely';
import type { DB } from '../../../db/schema.js';
import type { LandSeedOptions } from './index.js';

/** The demo park's 招商线索: leads, negotiations, committee, signing, funnel. */
export async function seedLandLeads(_trx: Transaction<DB>, _options: LandSeedOptions): Promise<void> {}
