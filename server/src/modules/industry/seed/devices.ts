import type { Transaction } from 'kysely';
import type { DB } from '../../../db/schema.js';
import type { IndustrySeedOptions } from './index.js';

/** Demo park — devices (see ./index.ts). */
export async function seedIndustryDevices(_trx: Transaction<DB>, _options: IndustrySeedOptions): Promise<void> {}
