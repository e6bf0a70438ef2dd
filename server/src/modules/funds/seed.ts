import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

/** Demo park: 7 funds worth ¥250M together, vouchers and providers, investment commitments. */
export async function seedFunds(_trx: Kysely<DB>, _opts: { parkId: string; now: Date }): Promise<void> {}
