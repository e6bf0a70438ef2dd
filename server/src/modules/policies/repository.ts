import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';

/** SQL the sub-domains of 政策兑现 share: sequences, names, recipients, the firm and its last account. */
export type Executor = Kysely<DB> | Transaction<DB>;

/** The next number of a per-park counter (row-locked until the transaction ends). */
export async function nextNumber(trx: Executor, parkId: string, kind: string, scope: string): Promise<number> {
  const row = await trx
    .insertInto('policy_number_sequences')
    .values({ park_id: parkId, kind, scope, last: 1 })
    .onConflict((oc) => oc.columns(['park_id', 'kind', 'scope']).doUpdateSet({ last: sql`policy_number_sequences.last + 1` }))
    .returning('last')
    .executeTakeFirstOrThrow();
  return row.last;
}

export async function userNames(db: Executor, ids: Array<string | null | undefined>): Promise<Map<string, string>> {
  const unique = [...new Set(ids.filter((x): x is string => !!x))];
  if (unique.length === 0) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', unique).execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}

export { enterpriseUserIds, usersWithRoles } from '../../platform/park-users.js';

export type FirmRow = { id: string; name: string; uscc: string; liaison_id: string | null };

export async function findFirm(db: Executor, parkId: string, id: string): Promise<FirmRow | undefined> {
  return db.selectFrom('enterprises').select(['id', 'name', 'uscc', 'liaison_id']).where('park_id', '=', parkId).where('id', '=', id).executeTakeFirst();
}

/** The account a firm used last (application or grant), to prefill the next form. */
export async function lastAccountOf(db: Executor, parkId: string, enterpriseId: string): Promise<{ accountName: string; bankName: string; accountNo: string } | null> {
  const row = await db
    .selectFrom('payouts')
    .select(['account_name', 'bank_name', 'account_no'])
    .where('park_id', '=', parkId)
    .where('enterprise_id', '=', enterpriseId)
    // Only the firm's own policy money: a voucher reimbursement is paid to its service provider's account.
    .where('source', 'in', ['policy_application', 'exemption_grant'])
    .orderBy('paid_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (row) return { accountName: row.account_name, bankName: row.bank_name, accountNo: row.account_no };
  const app = await db
    .selectFrom('policy_applications')
    .select(['account_name', 'bank_name', 'account_no'])
    .where('park_id', '=', parkId)
    .where('enterprise_id', '=', enterpriseId)
    .where('account_no', 'is not', null)
    .orderBy('updated_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (app?.account_no && app.account_name && app.bank_name) return { accountName: app.account_name, bankName: app.bank_name, accountNo: app.account_no };
  return null;
}

export const json = (value: unknown): string => JSON.stringify(value ?? null);
