import { LAND_PARAMETERS, type LandParameterKey } from '@yuanqi/contract';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';

type Executor = Kysely<DB> | Transaction<DB>;

/**
 * The value of a dated 要素 parameter on `day` (YYYY-MM-DD, Asia/Shanghai): the version with the
 * latest `valid_from` on or before that day, else the contract's default. A lease fixes the rent of
 * its signing day; a change applies from its date and never rewrites what was fixed before.
 * (The premises sub-domain owns the page and API that list and set these.)
 */
export async function landParameterOn(db: Executor, parkId: string, key: LandParameterKey, day: string): Promise<number> {
  const row = await db
    .selectFrom('land_parameters')
    .select('value')
    .where('park_id', '=', parkId)
    .where('key', '=', key)
    .where('valid_from', '<=', day)
    .orderBy('valid_from', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? Number(row.value) : LAND_PARAMETERS[key].defaultValue;
}
