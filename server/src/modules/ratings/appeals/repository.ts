import type { ListAppealsQuery, RatingLevel } from '@yuanqi/contract';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../../db/schema.js';
import type { AppealRow } from '../../../db/schema-ratings.js';

type Executor = Kysely<DB> | Transaction<DB>;

/** The SQL of appeals 申诉 (a decision goes through the case kit's commitTransition). */

export type AppealWithRefs = AppealRow & {
  case_number: string;
  title: string;
  level: RatingLevel;
  comment: string | null;
  officer_id: string | null;
  appellant_name: string | null;
  reviewer_name: string | null;
};

function appealsWithRefs(db: Executor) {
  return db
    .selectFrom('rating_appeals as ap')
    .innerJoin('ratings as r', (j) => j.onRef('r.park_id', '=', 'ap.park_id').onRef('r.id', '=', 'ap.rating_id'))
    .leftJoin('users as u', 'u.id', 'ap.appellant_id')
    .leftJoin('users as v', 'v.id', 'ap.reviewer_id')
    .selectAll('ap')
    .select(['r.case_number', 'r.title', 'r.level', 'r.comment', 'r.officer_id', 'u.display_name as appellant_name', 'v.display_name as reviewer_name']);
}

export async function insertAppealOnce(trx: Transaction<DB>, row: { park_id: string; rating_id: string; appellant_id: string; reason: string; submitted_at: Date }): Promise<AppealRow | undefined> {
  return trx
    .insertInto('rating_appeals')
    .values({ ...row, status: 'pending' })
    .onConflict((oc) => oc.constraint('rating_appeals_one_per_rating').doNothing())
    .returningAll()
    .executeTakeFirst();
}

export async function findAppeal(db: Executor, parkId: string, id: string, forUpdate = false): Promise<AppealWithRefs | undefined> {
  let q = appealsWithRefs(db).where('ap.park_id', '=', parkId).where('ap.id', '=', id);
  if (forUpdate) q = q.forUpdate('ap');
  return (await q.executeTakeFirst()) as AppealWithRefs | undefined;
}

/** `appellantId` narrows to one officer's own appeals. */
export async function listAppeals(db: Executor, parkId: string, query: ListAppealsQuery, appellantId?: string): Promise<{ rows: AppealWithRefs[]; total: number }> {
  let base = appealsWithRefs(db).where('ap.park_id', '=', parkId);
  if (appellantId) base = base.where('ap.appellant_id', '=', appellantId);
  if (query.status) base = base.where('ap.status', '=', query.status);
  const rows = await base
    .orderBy(sql`case when ap.status = 'pending' then 0 else 1 end`)
    .orderBy('ap.submitted_at', 'desc')
    .orderBy('ap.id')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  const { total } = await base.clearSelect().select(sql<number>`count(*)::int`.as('total')).executeTakeFirstOrThrow();
  return { rows: rows as AppealWithRefs[], total };
}
