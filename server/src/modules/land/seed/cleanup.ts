import type { Transaction } from 'kysely';
import type { DB } from '../../../db/schema.js';
import type { LandSeedOptions } from './index.js';

/** The demo park's 闲置用地清理专项行动: campaigns and their cases. */
export async function seedLandCleanup(_trx: Transaction<DB>, _options: LandSeedOptions): Promise<void> {}
