import type { Transaction } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { seedLandParcels } from './parcels.js';
import { seedLandEvaluation } from './evaluation.js';
import { seedLandLeads } from './leads.js';
import { seedLandCleanup } from './cleanup.js';
import { seedLandPremises } from './premises.js';
import { seedLandApartments } from './apartments.js';
import { seedLandAcquisition } from './acquisition.js';

export type LandSeedOptions = { parkId: string; now: Date };

/**
 * The demo park's 要素保障, in dependency order: ~300 parcels on an 11 km² town with a 3.6 km²
 * starter area (and the base map); the 亩均 evaluation of the last full years (reads the industry
 * cloud's accepted reports, so it runs after them); a year of 招商线索 with three 屏对屏 signings of
 * ¥20亿 (signing creates investment projects); the clean-up campaign that recovered 12 parcels and
 * re-allocated them (needs the idle parcels, the grades and the projects); 100万 ㎡ of factories with
 * tenants, leases, bills and the rent relief of ¥111万; 1,000+ talent apartments with applications
 * and occupants; the 征地拆迁 register (1,076 households, 25万 ㎡). Runs after the firms, users,
 * funds' investment projects and the industry cloud exist. Deterministic.
 */
export async function seedLand(trx: Transaction<DB>, options: LandSeedOptions): Promise<void> {
  await seedLandParcels(trx, options);
  await seedLandEvaluation(trx, options);
  await seedLandLeads(trx, options);
  await seedLandCleanup(trx, options);
  await seedLandPremises(trx, options);
  await seedLandApartments(trx, options);
  await seedLandAcquisition(trx, options);
}
