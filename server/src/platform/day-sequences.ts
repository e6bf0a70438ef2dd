import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../db/schema.js';

/** Tables of per-park, per-day counters (`park_id`, `day`, `last`), one per numbered case type. */
export type DaySequenceTable =
  | 'demand_number_sequences'
  | 'service_application_number_sequences'
  | 'finance_need_number_sequences'
  | 'bridge_loan_number_sequences'
  | 'copper_pledge_number_sequences'
  | 'land_cleanup_case_number_sequences'
  | 'investment_lead_number_sequences'
  | 'apartment_application_number_sequences'
  | 'premises_lease_number_sequences';

/**
 * The next number of the park's counter for `day`: an upsert on (park, day) takes a row lock, so
 * concurrent filings queue until the transaction ends. Dynamic table names stay in this function.
 */
export async function nextDaySequence(trx: Transaction<DB>, table: DaySequenceTable, parkId: string, day: string): Promise<number> {
  const row = await (trx as unknown as Kysely<any>)
    .insertInto(table)
    .values({ park_id: parkId, day, last: 1 })
    .onConflict((oc) => oc.columns(['park_id', 'day']).doUpdateSet({ last: sql`${sql.ref(`${table}.last`)} + 1` }))
    .returning('last')
    .executeTakeFirstOrThrow();
  return row.last as number;
}
