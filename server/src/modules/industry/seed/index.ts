import type { Transaction } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { ensureIndustryDefaults } from '../defaults.js';
import { seedIndustryReports } from './reports.js';
import { seedIndustryDevices } from './devices.js';
import { seedIndustrySmart } from './smart.js';

export type IndustrySeedOptions = { parkId: string; now: Date };

/**
 * The demo park's industry cloud: three years of monthly reports for every 规上 firm (the 31 copper
 * firms complete), ~150 devices across the copper firms with readings, rollups and alarms, six
 * smart-transformation projects. Runs after the firms and users exist, before policies (accepted
 * figures become policy facts) and finance (the credit profile reads them). Deterministic.
 */
export async function seedIndustry(trx: Transaction<DB>, options: IndustrySeedOptions): Promise<void> {
  await ensureIndustryDefaults(trx, options.parkId);
  await seedIndustryReports(trx, options);
  await seedIndustryDevices(trx, options);
  await seedIndustrySmart(trx, options);
}
