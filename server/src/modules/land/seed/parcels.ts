import type { Transaction } from 'kysely';
import type { DB } from '../../../db/schema.js';
import type { LandSeedOptions } from './index.js';

/** The demo park's 地块: parcels, their status workflow, import, the map's layers. */
export async function seedLandParcels(_trx: Transaction<DB>, _options: LandSeedOptions): Promise<void> {}
