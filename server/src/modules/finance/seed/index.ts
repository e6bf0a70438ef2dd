import type { Transaction } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { seedInstitutions, seedProducts } from './products.js';
import { seedMarket } from './market.js';
import { seedBridgeLoans } from './bridge.js';
import { seedCopper } from './copper.js';
import { seedEvents } from './events.js';
import { seedCredit } from './credit.js';

export type FinanceSeedOptions = { parkId: string; now: Date };

/**
 * The demo park's finance: institutions (13 banks + 13 others = 26) and their products, a year of
 * needs and answers, one 融资对接会 with its recorded outcome, about 60 bridge loans, copper
 * receipts, two years of prices and at least one margin call, the credit formula. Needs the demo
 * log-ins and firms. Deterministic.
 */
export async function seedFinance(trx: Transaction<DB>, options: FinanceSeedOptions): Promise<void> {
  await seedInstitutions(trx, options);
  await seedProducts(trx, options);
  await seedMarket(trx, options);
  await seedBridgeLoans(trx, options);
  await seedCopper(trx, options);
  await seedEvents(trx, options);
  await seedCredit(trx, options);
}
