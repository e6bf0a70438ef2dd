import type { ConsentScope } from '@yuanqi/contract';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../../db/schema.js';

type Executor = Kysely<DB> | Transaction<DB>;

/**
 * The scopes of the live data consent 数据授权 of a firm to one institution ([] if none): what that
 * institution may see of the firm besides the needs the firm sent it. One indexed lookup
 * (finance_consents_live_idx). The credit profile and the bank's firm view ask this.
 */
export async function liveConsentScopes(db: Executor, parkId: string, bankId: string, enterpriseId: string): Promise<ConsentScope[]> {
  const row = await db
    .selectFrom('finance_consents')
    .select('scopes')
    .where('park_id', '=', parkId)
    .where('enterprise_id', '=', enterpriseId)
    .where('bank_id', '=', bankId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return (row?.scopes ?? []) as ConsentScope[];
}
