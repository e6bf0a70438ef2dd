import { sql, type Insertable, type Kysely, type Transaction } from 'kysely';
import type { DaibanRecordsTable, VisitsTable } from '../../../db/schema-demands.js';
import type { DB } from '../../../db/schema.js';

type Executor = Kysely<DB> | Transaction<DB>;

/** Which visits / 代办 rows: a liaison's own or the park's. */
export type VisitScope = { kind: 'park' | 'liaison' | 'none'; parkId: string; userId: string };

export type VisitFilter = { liaisonId?: string; enterpriseId?: string; from?: string; to?: string };

export async function insertVisit(trx: Transaction<DB>, row: Insertable<VisitsTable>) {
  return trx.insertInto('visits').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function insertDaiban(trx: Transaction<DB>, rows: Insertable<DaibanRecordsTable>[]) {
  if (rows.length === 0) return [];
  return trx.insertInto('daiban_records').values(rows).returningAll().execute();
}

function visitsQuery(db: Executor, scope: VisitScope, f: VisitFilter) {
  let q = db
    .selectFrom('visits as v')
    .innerJoin('enterprises as e', 'e.id', 'v.enterprise_id')
    .leftJoin('users as u', 'u.id', 'v.liaison_id')
    .where('v.park_id', '=', scope.parkId);
  if (scope.kind === 'none') q = q.where(sql<boolean>`false`);
  if (scope.kind === 'liaison') q = q.where('v.liaison_id', '=', scope.userId);
  if (f.liaisonId) q = q.where('v.liaison_id', '=', f.liaisonId);
  if (f.enterpriseId) q = q.where('v.enterprise_id', '=', f.enterpriseId);
  if (f.from) q = q.where('v.visited_on', '>=', f.from);
  if (f.to) q = q.where('v.visited_on', '<=', f.to);
  return q;
}

export type VisitListRow = {
  id: string;
  liaison_id: string;
  liaison_name: string | null;
  enterprise_id: string;
  enterprise_name: string;
  visited_on: string;
  participants: string | null;
  findings: string;
  created_at: Date;
};

const VISIT_COLUMNS = ['v.id', 'v.liaison_id', 'u.display_name as liaison_name', 'v.enterprise_id', 'e.name as enterprise_name', 'v.visited_on', 'v.participants', 'v.findings', 'v.created_at'] as const;

export async function listVisits(db: Executor, scope: VisitScope, f: VisitFilter, page: { limit: number; offset: number }): Promise<{ rows: VisitListRow[]; total: number }> {
  const base = visitsQuery(db, scope, f);
  const rows = await base.select(VISIT_COLUMNS).orderBy('v.visited_on', 'desc').orderBy('v.created_at', 'desc').orderBy('v.id').limit(page.limit).offset(page.offset).execute();
  const { total } = await base.select(sql<number>`count(*)::int`.as('total')).executeTakeFirstOrThrow();
  return { rows, total };
}

export async function findVisit(db: Executor, scope: VisitScope, id: string): Promise<VisitListRow | undefined> {
  return visitsQuery(db, scope, {}).select(VISIT_COLUMNS).where('v.id', '=', id).executeTakeFirst();
}

/** Visits of a month for the calendar, with their 代办 and raised-demand counts. */
export async function visitsBetween(db: Executor, scope: VisitScope, f: VisitFilter) {
  return visitsQuery(db, scope, f)
    .select(['v.id', 'v.visited_on', 'v.enterprise_id', 'e.name as enterprise_name', 'u.display_name as liaison_name'])
    .select((eb) => [
      eb.selectFrom('daiban_records as b').select(sql<number>`count(*)::int`.as('n')).whereRef('b.visit_id', '=', 'v.id').whereRef('b.park_id', '=', 'v.park_id').as('daiban_count'),
      eb.selectFrom('demands as d').select(sql<number>`count(*)::int`.as('n')).whereRef('d.visit_id', '=', 'v.id').whereRef('d.park_id', '=', 'v.park_id').as('demand_count'),
    ])
    .orderBy('v.visited_on')
    .orderBy('v.created_at')
    .limit(5000)
    .execute();
}

export async function demandsOfVisits(db: Executor, parkId: string, visitIds: string[]) {
  if (visitIds.length === 0) return [];
  return db
    .selectFrom('demands')
    .select(['id', 'number', 'title', 'status', 'visit_id'])
    .where('park_id', '=', parkId)
    .where('visit_id', 'in', visitIds)
    .orderBy('number')
    .execute();
}

export type DaibanListRow = {
  id: string;
  liaison_id: string;
  liaison_name: string | null;
  enterprise_id: string;
  enterprise_name: string;
  visit_id: string | null;
  kind: string;
  description: string;
  case_number: string | null;
  done_on: string;
  created_at: Date;
};

function daibanQuery(db: Executor, scope: VisitScope, f: VisitFilter) {
  let q = db
    .selectFrom('daiban_records as b')
    .innerJoin('enterprises as e', 'e.id', 'b.enterprise_id')
    .leftJoin('users as u', 'u.id', 'b.liaison_id')
    .where('b.park_id', '=', scope.parkId);
  if (scope.kind === 'none') q = q.where(sql<boolean>`false`);
  if (scope.kind === 'liaison') q = q.where('b.liaison_id', '=', scope.userId);
  if (f.liaisonId) q = q.where('b.liaison_id', '=', f.liaisonId);
  if (f.enterpriseId) q = q.where('b.enterprise_id', '=', f.enterpriseId);
  if (f.from) q = q.where('b.done_on', '>=', f.from);
  if (f.to) q = q.where('b.done_on', '<=', f.to);
  return q;
}

const DAIBAN_COLUMNS = ['b.id', 'b.liaison_id', 'u.display_name as liaison_name', 'b.enterprise_id', 'e.name as enterprise_name', 'b.visit_id', 'b.kind', 'b.description', 'b.case_number', 'b.done_on', 'b.created_at'] as const;

export async function listDaiban(db: Executor, scope: VisitScope, f: VisitFilter & { visitIds?: string[] }, page: { limit: number; offset: number }): Promise<{ rows: DaibanListRow[]; total: number }> {
  let base = daibanQuery(db, scope, f);
  if (f.visitIds) base = base.where('b.visit_id', 'in', f.visitIds.length ? f.visitIds : ['00000000-0000-0000-0000-000000000000']);
  const rows = await base.select(DAIBAN_COLUMNS).orderBy('b.done_on', 'desc').orderBy('b.created_at', 'desc').orderBy('b.id').limit(page.limit).offset(page.offset).execute();
  const { total } = await base.select(sql<number>`count(*)::int`.as('total')).executeTakeFirstOrThrow();
  return { rows, total };
}

export async function findDaiban(db: Executor, scope: VisitScope, id: string): Promise<DaibanListRow | undefined> {
  return daibanQuery(db, scope, {}).select(DAIBAN_COLUMNS).where('b.id', '=', id).executeTakeFirst();
}

export async function findFirmForVisit(db: Executor, parkId: string, enterpriseId: string) {
  return db.selectFrom('enterprises').select(['id', 'name', 'liaison_id']).where('park_id', '=', parkId).where('id', '=', enterpriseId).executeTakeFirst();
}

export async function findVisitRow(db: Executor, parkId: string, id: string) {
  return db.selectFrom('visits').select(['id', 'enterprise_id', 'liaison_id']).where('park_id', '=', parkId).where('id', '=', id).executeTakeFirst();
}
