import type { Transaction } from 'kysely';
import type { DB } from '../../../db/schema.js';
import type { LandSeedOptions } from './index.js';

/** The demo park's 征地拆迁 register: areas, households, payments, incidents. */
export async function seedLandAcquisition(_trx: Transaction<DB>, _options: LandSeedOptions): Promise<void> {}
