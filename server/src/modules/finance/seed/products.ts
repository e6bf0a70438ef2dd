import type { Transaction } from 'kysely';
import type { DB } from '../../../db/schema.js';
import type { FinanceSeedOptions } from './index.js';

export async function seedInstitutions(_trx: Transaction<DB>, _options: FinanceSeedOptions): Promise<void> {}
export async function seedProducts(_trx: Transaction<DB>, _options: FinanceSeedOptions): Promise<void> {}
