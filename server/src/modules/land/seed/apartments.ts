import type { Transaction } from 'kysely';
import type { DB } from '../../../db/schema.js';
import type { LandSeedOptions } from './index.js';

/** The demo park's 人才公寓: rules, applications, allocation, occupancy. */
export async function seedLandApartments(_trx: Transaction<DB>, _options: LandSeedOptions): Promise<void> {}
