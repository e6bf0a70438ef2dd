import type { DemandStatus, ListDemandsQuery } from '@yuanqi/contract';
import { sql, type Expression, type ExpressionBuilder, type Insertable, type Kysely, type SqlBool, type Transaction } from 'kysely';
import type { DemandRow, DemandsTable } from '../../../db/schema-demands.js';
import type { DB } from '../../../db/schema.js';
import { inEnterpriseScope, type EnterpriseScope } from '../../../platform/scope.js';
import { startOfNextShanghaiDay, startOfShanghaiDay } from '../../../platform/calendar/index.js';
import { caseEventsTable, type CaseStore } from '../../../platform/workflow/index.js';
import { snapshotOf } from './presenter.js';
import { escapeLike } from '../../../platform/like.js';
import { nextDaySequence } from '../../../platform/day-sequences.js';
import { usersWithRoles } from '../../../platform/park-users.js';

type Executor = Kysely<DB> | Transaction<DB>;

export type DemandWithNames = DemandRow & { enterprise_name: string; assignee_name: string | null };

const OPEN: DemandStatus[] = ['submitted', 'accepted', 'in_progress', 'reopened'];

/**
 * The demand rows an actor may see (table alias `d`). A liaison sees the demands of the firms it
 * serves and, beyond those, any demand assigned to it (a dispatcher may reassign across firms).
 */
export function inDemandScope(scope: EnterpriseScope) {
  return (eb: ExpressionBuilder<any, any>): Expression<SqlBool> => {
    if (scope.kind === 'liaison') {
      return eb.and([
        eb('d.park_id', '=', scope.parkId),
        eb.or([
          eb('d.assignee_id', '=', scope.userId),
          eb('d.enterprise_id', 'in', sql<string>`(select e.id from enterprises e where e.park_id = ${scope.parkId} and e.liaison_id = ${scope.userId})`),
        ]),
      ]);
    }
    return inEnterpriseScope<any, any>(scope, 'd.park_id', 'd.enterprise_id')(eb);
  };
}

/** The per-day number (concurrent filings queue on the counter's row lock). */
export async function nextDemandSequence(trx: Transaction<DB>, parkId: string, day: string): Promise<number> {
  return nextDaySequence(trx, 'demand_number_sequences', parkId, day);
}

export async function insertDemand(trx: Transaction<DB>, row: Insertable<DemandsTable>): Promise<DemandRow> {
  return trx.insertInto('demands').values(row).returningAll().executeTakeFirstOrThrow();
}

function withNames(db: Executor) {
  return db
    .selectFrom('demands as d')
    .innerJoin('enterprises as e', 'e.id', 'd.enterprise_id')
    .leftJoin('users as a', 'a.id', 'd.assignee_id')
    .selectAll('d')
    .select(['e.name as enterprise_name', 'a.display_name as assignee_name']);
}

export async function findDemand(db: Executor, scope: EnterpriseScope, id: string, options: { forUpdate?: boolean } = {}): Promise<DemandWithNames | undefined> {
  let q = withNames(db).where(inDemandScope(scope)).where('d.id', '=', id);
  if (options.forUpdate) q = q.forUpdate(['d']);
  return (await q.executeTakeFirst()) as DemandWithNames | undefined;
}

export type ListFilter = ListDemandsQuery & { now: Date; userId: string };

/** The list's WHERE clauses; `e` (the firm) is joined only when `q` needs its name. */
function filtered(db: Executor, scope: EnterpriseScope, f: ListFilter, withFirm: boolean) {
  let q = (withFirm
    ? db.selectFrom('demands as d').innerJoin('enterprises as e', 'e.id', 'd.enterprise_id')
    : db.selectFrom('demands as d')) as unknown as ReturnType<typeof firmJoined>;
  q = q.where(inDemandScope(scope));
  if (f.status && f.status.length > 0) q = q.where('d.status', 'in', f.status);
  if (f.category) q = q.where('d.category', '=', f.category);
  if (f.source) q = q.where('d.source', '=', f.source);
  if (f.enterpriseId) q = q.where('d.enterprise_id', '=', f.enterpriseId);
  if (f.assigneeId === 'none') q = q.where('d.assignee_id', 'is', null);
  else if (f.assigneeId) q = q.where('d.assignee_id', '=', f.assigneeId);
  if (f.mine) q = q.where('d.assignee_id', '=', f.userId);
  if (f.overdue === true) q = q.where('d.due_at', '<', f.now);
  if (f.overdue === false) q = q.where((eb) => eb.or([eb('d.due_at', 'is', null), eb('d.due_at', '>=', f.now)]));
  if (f.escalated === true) q = q.where('d.escalated_at', 'is not', null).where('d.status', 'in', OPEN);
  if (f.escalated === false) q = q.where('d.escalated_at', 'is', null);
  if (f.from) q = q.where('d.created_at', '>=', startOfShanghaiDay(f.from));
  if (f.to) q = q.where('d.created_at', '<', startOfNextShanghaiDay(f.to));
  if (f.q && withFirm) {
    const like = `%${escapeLike(f.q)}%`;
    q = q.where((eb) => eb.or([eb('d.number', 'ilike', like), eb('d.title', 'ilike', like), eb('e.name', 'ilike', like)]));
  }
  return q;
}

function firmJoined(db: Executor) {
  return db.selectFrom('demands as d').innerJoin('enterprises as e', 'e.id', 'd.enterprise_id');
}

export async function listDemands(db: Executor, scope: EnterpriseScope, f: ListFilter): Promise<{ rows: DemandWithNames[]; total: number }> {
  // The overdue board reads most-overdue first; the index (park_id, due_at) serves it directly.
  const sort = f.sort ?? (f.overdue ? 'dueAt' : '-createdAt');
  let q = filtered(db, scope, f, true)
    .leftJoin('users as a', 'a.id', 'd.assignee_id')
    .selectAll('d')
    .select(['e.name as enterprise_name', 'a.display_name as assignee_name']);
  if (sort === 'dueAt') q = q.orderBy('d.due_at', (ob) => ob.asc().nullsLast()).orderBy('d.created_at', 'desc');
  else if (sort === 'createdAt') q = q.orderBy('d.created_at', 'asc');
  else if (sort === '-updatedAt') q = q.orderBy('d.updated_at', 'desc');
  else q = q.orderBy('d.created_at', 'desc');
  const rows = await q
    .orderBy('d.id')
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
    .execute();
  const { total } = await filtered(db, scope, f, Boolean(f.q))
    .select(sql<number>`count(*)::int`.as('total'))
    .executeTakeFirstOrThrow();
  return { rows: rows as DemandWithNames[], total };
}

export async function boardCounts(db: Executor, scope: EnterpriseScope, now: Date, endOfToday: Date) {
  const row = await db
    .selectFrom('demands as d')
    .where(inDemandScope(scope))
    .select([
      sql<number>`count(*) filter (where d.status = 'submitted')::int`.as('submitted'),
      sql<number>`count(*) filter (where d.status = 'accepted')::int`.as('accepted'),
      sql<number>`count(*) filter (where d.status = 'in_progress')::int`.as('in_progress'),
      sql<number>`count(*) filter (where d.status = 'resolved')::int`.as('resolved'),
      sql<number>`count(*) filter (where d.status = 'reopened')::int`.as('reopened'),
      sql<number>`count(*) filter (where d.status = 'closed')::int`.as('closed'),
      sql<number>`count(*) filter (where d.status = 'withdrawn')::int`.as('withdrawn'),
      sql<number>`count(*) filter (where d.due_at < ${now})::int`.as('overdue'),
      sql<number>`count(*) filter (where d.due_at is not null and d.escalated_at is not null)::int`.as('escalated'),
      sql<number>`count(*) filter (where d.due_at is not null and d.assignee_id is null)::int`.as('unassigned'),
      sql<number>`count(*) filter (where d.due_at >= ${now} and d.due_at <= ${endOfToday})::int`.as('due_today'),
    ])
    .executeTakeFirstOrThrow();
  return row;
}

// Events ------------------------------------------------------------------------------------

/** The demand timeline, through the case kit (written order: id). */
export const demandEvents = caseEventsTable('demand_events', 'demand_id', { order: 'written' });

/** Where the case kit finds demands: their table, timeline and audited picture. */
export const demandCases: CaseStore<DemandRow> = { table: 'demands', entity: 'demand', subject: '诉求', events: demandEvents, snapshot: snapshotOf };

// Attachments -------------------------------------------------------------------------------

export async function insertAttachments(
  trx: Transaction<DB>,
  rows: { park_id: string; demand_id: string; filename: string; content_type: string; size: number; data: Buffer; uploaded_by: string; created_at: Date }[],
) {
  const out: { id: string; filename: string; content_type: string; size: number; created_at: Date }[] = [];
  for (const row of rows) {
    out.push(await trx.insertInto('demand_attachments').values(row).returning(['id', 'filename', 'content_type', 'size', 'created_at']).executeTakeFirstOrThrow());
  }
  return out;
}

export async function countAttachments(db: Executor, parkId: string, demandId: string): Promise<number> {
  const row = await db.selectFrom('demand_attachments').select(sql<number>`count(*)::int`.as('n')).where('park_id', '=', parkId).where('demand_id', '=', demandId).executeTakeFirstOrThrow();
  return row.n;
}

export async function listAttachments(db: Executor, parkId: string, demandId: string) {
  return db
    .selectFrom('demand_attachments as f')
    .leftJoin('users as u', 'u.id', 'f.uploaded_by')
    .select(['f.id', 'f.filename', 'f.content_type', 'f.size', 'f.created_at', 'u.display_name as uploaded_by_name'])
    .where('f.park_id', '=', parkId)
    .where('f.demand_id', '=', demandId)
    .orderBy('f.created_at')
    .orderBy('f.id')
    .execute();
}

export async function findAttachment(db: Executor, parkId: string, demandId: string, id: string) {
  return db
    .selectFrom('demand_attachments')
    .select(['id', 'filename', 'content_type', 'size', 'data'])
    .where('park_id', '=', parkId)
    .where('demand_id', '=', demandId)
    .where('id', '=', id)
    .executeTakeFirst();
}

// People ------------------------------------------------------------------------------------

export async function findFirm(db: Executor, parkId: string, enterpriseId: string) {
  return db.selectFrom('enterprises').select(['id', 'name', 'liaison_id']).where('park_id', '=', parkId).where('id', '=', enterpriseId).executeTakeFirst();
}

/** An active user of the park holding one of `roles`. */
export async function findActiveStaff(db: Executor, parkId: string, userId: string, roles: string[]) {
  return db
    .selectFrom('users')
    .select(['id', 'display_name', 'roles'])
    .where('park_id', '=', parkId)
    .where('id', '=', userId)
    .where('is_active', '=', true)
    .where(sql<boolean>`roles && ${sql.val(roles)}::text[]`)
    .executeTakeFirst();
}

export { enterpriseUserIds } from '../../../platform/park-users.js';

export async function dispatcherIds(db: Executor, parkId: string): Promise<string[]> {
  return usersWithRoles(db, parkId, ['dispatcher']);
}


export async function userNames(db: Executor, ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids.filter(Boolean))];
  if (unique.length === 0) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', unique).execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}

// Sweep -------------------------------------------------------------------------------------

export type SweptDemand = Pick<DemandRow, 'id' | 'park_id' | 'number' | 'title' | 'status' | 'assignee_id' | 'due_kind' | 'due_at' | 'enterprise_id'>;
export type SweepWork = { parkId: string; due: boolean; remind: boolean; close: boolean };

/**
 * Which parks have a passed deadline, a due reminder or an answer to auto-close (a demand in one
 * of `closeFrom`): three `exists` probes per park on the small partial (park_id, …) indexes — a
 * few milliseconds when idle.
 */
export async function parksWithSweepWork(db: Executor, now: Date, closeFrom: readonly DemandStatus[]): Promise<SweepWork[]> {
  const result = await sql<{ id: string; due: boolean; remind: boolean; close: boolean }>`
    select w.* from (
      select p.id,
             exists (select 1 from demands d where d.park_id = p.id and d.due_at < ${now} and d.overdue_at is null) as due,
             exists (select 1 from demands d where d.park_id = p.id and d.remind_at <= ${now}) as remind,
             exists (select 1 from demands d where d.park_id = p.id and d.auto_close_at <= ${now} and d.status in (${sql.join(closeFrom)})) as close
        from parks p) w
     where w.due or w.remind or w.close
     order by w.id`.execute(db);
  return result.rows.map((r) => ({ parkId: r.id, due: r.due, remind: r.remind, close: r.close }));
}

const RETURNED = sql`u.id, u.park_id, u.number, u.title, u.status, u.assignee_id, u.due_kind, u.due_at, u.enterprise_id`;

/**
 * Marks up to `limit` of a park's demands whose running deadline passed as overdue and escalated,
 * in one statement (the caller writes their `escalate` events in the same transaction). Rows
 * another sweep holds are skipped (SKIP LOCKED) and the WHERE is re-checked on the locked row, so
 * each deadline escalates exactly once however many processes sweep. The reminder of a passed
 * deadline is dropped with it.
 */
export async function markOverdueBatch(trx: Transaction<DB>, parkId: string, now: Date, limit: number): Promise<SweptDemand[]> {
  const result = await sql<SweptDemand>`
    with picked as (
      select id from demands
       where park_id = ${parkId} and due_at < ${now} and overdue_at is null
       order by due_at
       limit ${limit}
       for update skip locked),
    u as (
      update demands d
         set overdue_at = ${now},
             escalated_at = coalesce(d.escalated_at, ${now}),
             escalation_count = d.escalation_count + 1,
             remind_at = null,
             updated_at = ${now}
        from picked
       where d.id = picked.id and d.overdue_at is null and d.due_at < ${now}
      returning d.*)
    select ${RETURNED} from u`.execute(trx);
  return result.rows;
}

/**
 * Takes a park's reminders that are due (clearing them, so each goes out once). Answers how many
 * it took and those whose deadline is still ahead; a reminder whose deadline already passed (the
 * sweep was down) is dropped — the escalation speaks instead.
 */
export async function takeRemindersBatch(trx: Transaction<DB>, parkId: string, now: Date, limit: number): Promise<{ claimed: number; rows: SweptDemand[] }> {
  const result = await sql<SweptDemand & { live: boolean }>`
    with picked as (
      select id from demands
       where park_id = ${parkId} and remind_at <= ${now}
       order by remind_at
       limit ${limit}
       for update skip locked),
    u as (
      update demands d
         set remind_at = null, reminded_at = ${now}
        from picked
       where d.id = picked.id and d.remind_at <= ${now}
      returning d.*)
    select ${RETURNED}, u.due_at > ${now} as live from u`.execute(trx);
  return { claimed: result.rows.length, rows: result.rows.filter((r) => r.live).map(({ live: _live, ...row }) => row) };
}

/**
 * Moves a park's demands in `from` whose confirmation window passed to `to` (closed by the
 * system); the caller writes their `auto_close` events in the same transaction.
 */
export async function autoCloseBatch(trx: Transaction<DB>, parkId: string, now: Date, limit: number, from: readonly DemandStatus[], to: DemandStatus): Promise<(SweptDemand & { from_status: DemandStatus })[]> {
  const result = await sql<SweptDemand & { from_status: DemandStatus }>`
    with picked as (
      select id, status from demands
       where park_id = ${parkId} and auto_close_at <= ${now} and status in (${sql.join(from)})
       order by auto_close_at
       limit ${limit}
       for update skip locked),
    u as (
      update demands d
         set status = ${to}, closed_at = ${now}, closed_by = 'system', auto_close_at = null, updated_at = ${now}
        from picked
       where d.id = picked.id and d.auto_close_at <= ${now} and d.status = picked.status
      returning d.*, picked.status as from_status)
    select ${RETURNED}, u.from_status from u`.execute(trx);
  return result.rows;
}
