import type { ListRectificationsQuery, RatingLevel, RatingSubjectType } from '@yuanqi/contract';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../../db/schema.js';
import type { RectificationRow } from '../../../db/schema-ratings.js';
import type { RatingScope } from '../policy.js';
import { inRatingScope } from '../repository.js';

type Executor = Kysely<DB> | Transaction<DB>;

/** The SQL of rectifications 整改 and their return visits 回访 (state changes go through the case kit's commitTransition). */

export type RectificationWithRefs = RectificationRow & {
  subject_type: RatingSubjectType;
  subject_id: string;
  case_number: string;
  title: string;
  category: string | null;
  enterprise_id: string;
  officer_id: string | null;
  rater_id: string | null;
  level: RatingLevel;
  comment: string | null;
  rating_status: 'valid' | 'removed';
  enterprise_name: string | null;
  assignee_name: string | null;
};

function rectificationsWithRefs(db: Executor) {
  return db
    .selectFrom('rating_rectifications as rc')
    .innerJoin('ratings as r', (j) => j.onRef('r.park_id', '=', 'rc.park_id').onRef('r.id', '=', 'rc.rating_id'))
    .leftJoin('enterprises as e', 'e.id', 'r.enterprise_id')
    .leftJoin('users as a', 'a.id', 'rc.assignee_id')
    .selectAll('rc')
    .select([
      'r.subject_type',
      'r.subject_id',
      'r.case_number',
      'r.title',
      'r.category',
      'r.enterprise_id',
      'r.officer_id',
      'r.rater_id',
      'r.level',
      'r.comment',
      'r.status as rating_status',
      'e.name as enterprise_name',
      'a.display_name as assignee_name',
    ]);
}

export type RectificationFilter = ListRectificationsQuery & {
  /** `mine`: the user, and whether the office pool (no assignee) is theirs too. */
  me: { userId: string; includePool: boolean };
  now: Date;
};

export async function listRectifications(db: Executor, scope: RatingScope, filter: RectificationFilter): Promise<{ rows: RectificationWithRefs[]; total: number }> {
  let base = inRatingScope(rectificationsWithRefs(db), scope, true);
  if (filter.mine) {
    base = base.where((eb) =>
      filter.me.includePool
        ? eb.or([eb('rc.assignee_id', '=', filter.me.userId), eb('rc.assignee_id', 'is', null)])
        : eb('rc.assignee_id', '=', filter.me.userId),
    );
  }
  if (filter.status) base = base.where('rc.status', '=', filter.status);
  if (filter.overdue !== undefined) {
    base = filter.overdue
      ? base.where('rc.status', '=', 'open').where('rc.due_at', '<', filter.now)
      : base.where((eb) => eb.or([eb('rc.status', '<>', 'open'), eb('rc.due_at', '>=', filter.now)]));
  }
  if (filter.officerId) base = base.where('rc.assignee_id', '=', filter.officerId);
  const rows = await base
    .orderBy(sql`case when rc.status in ('open', 'fixed', 'visited') then 0 else 1 end`)
    .orderBy('rc.due_at')
    .orderBy('rc.id')
    .limit(filter.pageSize)
    .offset((filter.page - 1) * filter.pageSize)
    .execute();
  const { total } = await base.clearSelect().select(sql<number>`count(*)::int`.as('total')).executeTakeFirstOrThrow();
  return { rows: rows as RectificationWithRefs[], total };
}

export async function findRectification(db: Executor, scope: RatingScope, id: string, forUpdate = false): Promise<RectificationWithRefs | undefined> {
  let q = inRatingScope(rectificationsWithRefs(db).where('rc.id', '=', id), scope, true);
  if (forUpdate) q = q.forUpdate('rc');
  return (await q.executeTakeFirst()) as RectificationWithRefs | undefined;
}

export async function findRectificationByRating(db: Executor, parkId: string, ratingId: string, forUpdate = false): Promise<RectificationRow | undefined> {
  let q = db.selectFrom('rating_rectifications').selectAll().where('park_id', '=', parkId).where('rating_id', '=', ratingId);
  if (forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function insertRectification(trx: Transaction<DB>, row: {
  park_id: string;
  rating_id: string;
  assignee_id: string | null;
  opened_at: Date;
  due_at: Date;
}): Promise<RectificationRow> {
  return trx.insertInto('rating_rectifications').values({ ...row, status: 'open' }).returningAll().executeTakeFirstOrThrow();
}

export async function insertReturnVisit(trx: Transaction<DB>, row: {
  park_id: string;
  rectification_id: string;
  round: number;
  visitor_id: string | null;
  visitor_name: string;
  visited_at: Date;
  method: 'phone' | 'onsite' | 'online' | 'other';
  note: string;
  verdict: 'satisfied' | 'unsatisfied' | null;
}): Promise<{ id: string }> {
  return trx.insertInto('rating_return_visits').values(row).returning('id').executeTakeFirstOrThrow();
}

export async function setReturnVisitVerdict(trx: Transaction<DB>, parkId: string, rectificationId: string, round: number, verdict: 'satisfied' | 'unsatisfied'): Promise<void> {
  const last = await trx
    .selectFrom('rating_return_visits')
    .select('id')
    .where('park_id', '=', parkId)
    .where('rectification_id', '=', rectificationId)
    .where('round', '=', round)
    .orderBy('visited_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (last) await trx.updateTable('rating_return_visits').set({ verdict }).where('id', '=', last.id).execute();
}

export async function listReturnVisits(db: Executor, parkId: string, rectificationId: string) {
  return db
    .selectFrom('rating_return_visits')
    .selectAll()
    .where('park_id', '=', parkId)
    .where('rectification_id', '=', rectificationId)
    .orderBy('visited_at')
    .orderBy('created_at')
    .execute();
}

/**
 * Flags open rounds past their deadline, once: `overdue_at is null` makes a second run a no-op, and
 * SKIP LOCKED lets concurrent sweeps (several app processes) split the rows instead of waiting.
 */
export async function flagOverdueRectifications(trx: Transaction<DB>, now: Date, limit: number): Promise<(RectificationRow & { case_number: string; officer_id: string | null })[]> {
  const result = await sql<RectificationRow & { case_number: string; officer_id: string | null }>`
    with due as (
      select id from rating_rectifications
      where status = 'open' and overdue_at is null and due_at < ${now}
      order by due_at
      limit ${limit}
      for update skip locked
    )
    update rating_rectifications rc
       set overdue_at = ${now}, was_late = true, updated_at = ${now}
      from due, ratings r
     where rc.id = due.id and r.park_id = rc.park_id and r.id = rc.rating_id
    returning rc.*, r.case_number, r.officer_id`.execute(trx);
  return result.rows;
}
