import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../db/schema.js';

type Executor = Kysely<DB> | Transaction<DB>;

/**
 * The active users of the firms (role enterprise), per firm: whom a case tells about its firm's case.
 * Many firms are read 1,000 at a time (a sweep's or a publicity batch's firms).
 */
export async function enterpriseUserIds(db: Executor, parkId: string, enterpriseIds: readonly string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for (let i = 0; i < enterpriseIds.length; i += 1000) {
    const rows = await db
      .selectFrom('users')
      .select(['id', 'enterprise_id'])
      .where('park_id', '=', parkId)
      .where('enterprise_id', 'in', enterpriseIds.slice(i, i + 1000))
      .where('is_active', '=', true)
      .where(sql<boolean>`'enterprise' = any(roles)`)
      .execute();
    for (const r of rows) {
      const list = out.get(r.enterprise_id!) ?? [];
      list.push(r.id);
      out.set(r.enterprise_id!, list);
    }
  }
  return out;
}

/** The park's active users holding any of `roles` (its dispatchers, the policy window's officers), by id. */
export async function usersWithRoles(db: Executor, parkId: string, roles: readonly string[]): Promise<string[]> {
  const rows = await db
    .selectFrom('users')
    .select('id')
    .where('park_id', '=', parkId)
    .where('is_active', '=', true)
    .where(sql<boolean>`roles && ${sql.val([...roles])}::text[]`)
    .orderBy('id')
    .execute();
  return rows.map((r) => r.id);
}
