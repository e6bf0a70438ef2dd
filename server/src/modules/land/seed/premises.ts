import type { Transaction } from 'kysely';
import type { DB } from '../../../db/schema.js';
import type { LandSeedOptions } from './index.js';

/** The demo park's 厂房: buildings, units, leases, bills, relief, payments, parameters. */
export async function seedLandPremises(_trx: Transaction<DB>, _options: LandSeedOptions): Promise<void> {}
