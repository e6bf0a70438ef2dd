import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../../db/schema.js';

export type EnergyOffer = {
  /** kWh used in the month by the firm's meters (sum of daily increases of energy metrics) */
  kwh: number;
  /** days of the month with data */
  daysWithData: number;
  daysInMonth: number;
  meters: number;
};

/** The firm's metered electricity for a month (period 'YYYY-MM-01'), offered as its report's 用电量; null = no meter data. */
export async function energyOfferFor(_db: Kysely<DB> | Transaction<DB>, _parkId: string, _enterpriseId: string, _period: string): Promise<EnergyOffer | null> {
  return null;
}
