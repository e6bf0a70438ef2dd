import type { Transaction } from 'kysely';
import type { DB } from '../../../db/schema.js';
import type { FinanceSeedOptions } from './index.js';

export async function seedMarket(_trx: Transaction<DB>, _options: FinanceSeedOptions): Promise<void> {}
