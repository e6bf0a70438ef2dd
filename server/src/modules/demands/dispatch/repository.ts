import { sql, type Insertable, type Kysely, type Transaction, type Updateable } from 'kysely';
import type { DispatchItemsTable, DispatchMeetingsTable } from '../../../db/schema-demands.js';
import type { DB } from '../../../db/schema.js';

type Executor = Kysely<DB> | Transaction<DB>;

/** The most a meeting's agenda carries; the most overdue come first. */
export const AGENDA_LIMIT = 300;

/** Bad reviews younger than this come to the meeting even when their rectification is done. */
export const RECENT_BAD_RATING_DAYS = 30;

export type AgendaCandidate = { demand_id: string; escalated: boolean; overdue: boolean; bad_rating: boolean; due_at: Date | null };

/**
 * What the weekly meeting must look at: open demands that were escalated or are overdue, and
 * demands with a bad rating (不满意/非常不满意, not removed on appeal) from the last 30 days or
 * with a rectification still open, that no earlier meeting has discussed as such.
 */
export async function agendaCandidates(db: Executor, parkId: string, now: Date): Promise<AgendaCandidate[]> {
  const open = await db
    .selectFrom('demands')
    .select(['id as demand_id', 'due_at', sql<boolean>`escalated_at is not null`.as('escalated'), sql<boolean>`due_at < ${now}`.as('overdue')])
    .where('park_id', '=', parkId)
    .where('due_at', 'is not', null)
    .where((eb) => eb.or([eb('escalated_at', 'is not', null), eb('due_at', '<', now)]))
    .orderBy('due_at')
    .limit(AGENDA_LIMIT)
    .execute();
  // The ratings table (server/src/db/schema-ratings.ts): a valid (not removed on appeal) bad review.
  const bad = await db
    .selectFrom('ratings as r')
    .innerJoin('demands as d', (j) => j.onRef('d.park_id', '=', 'r.park_id').onRef('d.id', '=', 'r.subject_id'))
    .select(['r.subject_id as demand_id', 'd.due_at'])
    .where('r.park_id', '=', parkId)
    .where('r.subject_type', '=', 'demand')
    .where('r.is_bad', '=', true)
    .where('r.status', '=', 'valid')
    // Recent bad reviews, and older ones whose rectification is still open: a year-old review
    // that was fixed long ago is not this week's business.
    .where((eb) =>
      eb.or([
        eb('r.rated_at', '>=', new Date(now.getTime() - RECENT_BAD_RATING_DAYS * 86_400_000)),
        eb.exists(
          eb
            .selectFrom('rating_rectifications as rr')
            .select('rr.id')
            .whereRef('rr.park_id', '=', 'r.park_id')
            .whereRef('rr.rating_id', '=', 'r.id')
            .where('rr.status', 'not in', ['closed', 'cancelled']),
        ),
      ]),
    )
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('dispatch_items as i')
            .select('i.id')
            .whereRef('i.park_id', '=', 'r.park_id')
            .whereRef('i.demand_id', '=', 'r.subject_id')
            .where(sql<boolean>`'bad_rating' = any(i.reasons)`),
        ),
      ),
    )
    .orderBy('r.rated_at')
    .limit(AGENDA_LIMIT)
    .execute();
  const byId = new Map<string, AgendaCandidate>();
  for (const o of open) byId.set(o.demand_id, { demand_id: o.demand_id, due_at: o.due_at, escalated: Boolean(o.escalated), overdue: Boolean(o.overdue), bad_rating: false });
  for (const b of bad) {
    const existing = byId.get(b.demand_id);
    if (existing) existing.bad_rating = true;
    else byId.set(b.demand_id, { demand_id: b.demand_id, due_at: b.due_at, escalated: false, overdue: false, bad_rating: true });
  }
  return [...byId.values()].slice(0, AGENDA_LIMIT);
}

export async function findMeetingOn(db: Executor, parkId: string, heldOn: string) {
  return db.selectFrom('dispatch_meetings').select(['id']).where('park_id', '=', parkId).where('held_on', '=', heldOn).executeTakeFirst();
}

export async function insertMeeting(trx: Transaction<DB>, row: Insertable<DispatchMeetingsTable>) {
  return trx.insertInto('dispatch_meetings').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function insertItems(trx: Transaction<DB>, rows: Insertable<DispatchItemsTable>[]) {
  for (let i = 0; i < rows.length; i += 1000) await trx.insertInto('dispatch_items').values(rows.slice(i, i + 1000)).execute();
}

export async function findMeeting(db: Executor, parkId: string, id: string, forUpdate = false) {
  let q = db
    .selectFrom('dispatch_meetings as m')
    .leftJoin('users as u', 'u.id', 'm.created_by')
    .selectAll('m')
    .select('u.display_name as created_by_name')
    .where('m.park_id', '=', parkId)
    .where('m.id', '=', id);
  if (forUpdate) q = q.forUpdate(['m']);
  return q.executeTakeFirst();
}

export async function updateMeeting(trx: Transaction<DB>, parkId: string, id: string, patch: Updateable<DispatchMeetingsTable>) {
  return trx.updateTable('dispatch_meetings').set(patch).where('park_id', '=', parkId).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export async function listMeetings(db: Executor, parkId: string, page: { limit: number; offset: number }) {
  const rows = await db
    .selectFrom('dispatch_meetings as m')
    .leftJoin('users as u', 'u.id', 'm.created_by')
    .selectAll('m')
    .select('u.display_name as created_by_name')
    .select((eb) => [
      eb.selectFrom('dispatch_items as i').select(sql<number>`count(*)::int`.as('n')).whereRef('i.meeting_id', '=', 'm.id').whereRef('i.park_id', '=', 'm.park_id').as('item_count'),
      eb.selectFrom('dispatch_items as i').select(sql<number>`count(*)::int`.as('n')).whereRef('i.meeting_id', '=', 'm.id').whereRef('i.park_id', '=', 'm.park_id').where('i.decided_at', 'is not', null).as('decided_count'),
    ])
    .where('m.park_id', '=', parkId)
    .orderBy('m.held_on', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  const { total } = await db.selectFrom('dispatch_meetings').select(sql<number>`count(*)::int`.as('total')).where('park_id', '=', parkId).executeTakeFirstOrThrow();
  return { rows, total };
}

export async function listItems(db: Executor, parkId: string, meetingId: string) {
  return db
    .selectFrom('dispatch_items as i')
    .innerJoin('demands as d', 'd.id', 'i.demand_id')
    .innerJoin('enterprises as e', 'e.id', 'd.enterprise_id')
    .leftJoin('users as a', 'a.id', 'd.assignee_id')
    .leftJoin('users as o', 'o.id', 'i.owner_id')
    .leftJoin('users as b', 'b.id', 'i.decided_by')
    .selectAll('i')
    .select([
      'd.number', 'd.title', 'd.category', 'd.status', 'd.assignee_id', 'd.due_at', 'd.department', 'd.created_at as demand_created_at',
      'e.name as enterprise_name', 'a.display_name as assignee_name', 'o.display_name as owner_name', 'b.display_name as decided_by_name',
    ])
    .where('i.park_id', '=', parkId)
    .where('i.meeting_id', '=', meetingId)
    .orderBy('i.sort')
    .execute();
}

export async function findItem(db: Executor, parkId: string, meetingId: string, itemId: string) {
  return db.selectFrom('dispatch_items').selectAll().where('park_id', '=', parkId).where('meeting_id', '=', meetingId).where('id', '=', itemId).forUpdate().executeTakeFirst();
}

export async function updateItem(trx: Transaction<DB>, parkId: string, id: string, patch: Updateable<DispatchItemsTable>) {
  return trx.updateTable('dispatch_items').set(patch).where('park_id', '=', parkId).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}
