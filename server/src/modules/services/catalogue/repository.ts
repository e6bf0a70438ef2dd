import { sql, type Insertable, type Kysely, type Transaction, type Updateable } from 'kysely';
import type { DB } from '../../../db/schema.js';
import type { ServiceItemRow, ServiceItemsTable, ServiceSynonymRow } from '../../../db/schema-service-items.js';
import type { SynonymEntry } from './search-terms.js';

type Executor = Kysely<DB> | Transaction<DB>;

export type NewServiceItemRow = Insertable<ServiceItemsTable>;
export type ServiceItemPatch = Updateable<ServiceItemsTable>;

// Items --------------------------------------------------------------------------------------

export async function findItem(db: Executor, parkId: string, id: string, options: { forUpdate?: boolean } = {}): Promise<ServiceItemRow | undefined> {
  let q = db.selectFrom('service_items').selectAll().where('park_id', '=', parkId).where('id', '=', id);
  if (options.forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function findItemByCode(db: Executor, parkId: string, code: string): Promise<ServiceItemRow | undefined> {
  return db.selectFrom('service_items').selectAll().where('park_id', '=', parkId).where('code', '=', code).executeTakeFirst();
}

export async function findItemsByCodes(db: Executor, parkId: string, codes: string[]): Promise<ServiceItemRow[]> {
  if (codes.length === 0) return [];
  return db.selectFrom('service_items').selectAll().where('park_id', '=', parkId).where('code', 'in', codes).execute();
}

export async function findItemsByIds(db: Executor, parkId: string, ids: string[], options: { forUpdate?: boolean } = {}): Promise<ServiceItemRow[]> {
  if (ids.length === 0) return [];
  let q = db.selectFrom('service_items').selectAll().where('park_id', '=', parkId).where('id', 'in', ids);
  if (options.forUpdate) q = q.forUpdate();
  return q.execute();
}

/** Every item of the park in code order (the export; at most a few thousand rows). */
export async function findAllItems(db: Executor, parkId: string, status: 'active' | 'inactive' | 'all'): Promise<ServiceItemRow[]> {
  let q = db.selectFrom('service_items').selectAll().where('park_id', '=', parkId);
  if (status !== 'all') q = q.where('status', '=', status);
  return q.orderBy('code').execute();
}

export async function insertItems(trx: Transaction<DB>, rows: NewServiceItemRow[]): Promise<ServiceItemRow[]> {
  const out: ServiceItemRow[] = [];
  for (let i = 0; i < rows.length; i += 500) {
    out.push(...(await trx.insertInto('service_items').values(rows.slice(i, i + 500)).returningAll().execute()));
  }
  return out;
}

/** Updates the item if it is still at `version`; undefined when someone else changed it first. */
export async function updateItem(trx: Transaction<DB>, parkId: string, id: string, version: number, patch: ServiceItemPatch): Promise<ServiceItemRow | undefined> {
  return trx
    .updateTable('service_items')
    .set({ ...patch, version: sql`version + 1`, updated_at: patch.updated_at })
    .where('park_id', '=', parkId)
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
}

export type ItemIndexRow = Pick<ServiceItemRow, 'id' | 'code' | 'basic_code' | 'name' | 'main_item' | 'sub_item' | 'keywords' | 'search_terms' | 'name_terms'>;

export async function findItemsForIndex(trx: Executor, parkId: string): Promise<ItemIndexRow[]> {
  return trx
    .selectFrom('service_items')
    .select(['id', 'code', 'basic_code', 'name', 'main_item', 'sub_item', 'keywords', 'search_terms', 'name_terms'])
    .where('park_id', '=', parkId)
    .execute();
}

/** Writes new search terms, 300 items per statement. */
export async function updateSearchTerms(trx: Transaction<DB>, parkId: string, rows: { id: string; searchTerms: string[]; nameTerms: string[] }[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 300) {
    const values = rows
      .slice(i, i + 300)
      .map((r) => sql`(${r.id}::uuid, ${sql.val(r.searchTerms)}::text[], ${sql.val(r.nameTerms)}::text[])`);
    await sql`update service_items as i set search_terms = v.st, name_terms = v.nt
      from (values ${sql.join(values)}) as v(id, st, nt)
      where i.park_id = ${parkId} and i.id = v.id`.execute(trx);
  }
}

export async function setApprovers(trx: Transaction<DB>, parkId: string, ids: string[], approverId: string, mode: 'add' | 'remove', now: Date): Promise<ServiceItemRow[]> {
  if (ids.length === 0) return [];
  const next =
    mode === 'add'
      ? sql<string[]>`case when approver_ids @> array[${approverId}]::uuid[] then approver_ids else array_append(approver_ids, ${approverId}::uuid) end`
      : sql<string[]>`array_remove(approver_ids, ${approverId}::uuid)`;
  const changed =
    mode === 'add' ? sql<boolean>`not (approver_ids @> array[${approverId}]::uuid[])` : sql<boolean>`approver_ids @> array[${approverId}]::uuid[]`;
  return trx
    .updateTable('service_items')
    .set({ approver_ids: next, version: sql`version + 1`, updated_at: now })
    .where('park_id', '=', parkId)
    .where('id', 'in', ids)
    .where(changed)
    .returningAll()
    .execute();
}

/** 实施主体 in use, for filters. */
export async function findDepartments(db: Executor, parkId: string): Promise<string[]> {
  const rows = await db.selectFrom('service_items').select('department').distinct().where('park_id', '=', parkId).orderBy('department').execute();
  return rows.map((r) => r.department);
}

/** Items most applied for since `since`, active only; the rest of `limit` filled in code order. */
export async function findHotItems(db: Executor, parkId: string, since: Date, limit: number) {
  const counted = await db
    .selectFrom('service_applications as a')
    .innerJoin('service_items as i', 'i.id', 'a.item_id')
    .select(['i.id', 'i.code', 'i.name', 'i.committed_days', 'i.visits', 'i.online', 'i.item_type'])
    .select(sql<number>`count(*)::int`.as('n'))
    .where('a.park_id', '=', parkId)
    .where('a.submitted_at', '>=', since)
    .where('i.park_id', '=', parkId)
    .where('i.status', '=', 'active')
    .groupBy(['i.id', 'i.code', 'i.name', 'i.committed_days', 'i.visits', 'i.online', 'i.item_type'])
    .orderBy(sql`count(*)`, 'desc')
    .orderBy('i.code')
    .limit(limit)
    .execute();
  if (counted.length >= limit) return counted;
  const fill = await db
    .selectFrom('service_items as i')
    .select(['i.id', 'i.code', 'i.name', 'i.committed_days', 'i.visits', 'i.online', 'i.item_type'])
    .where('i.park_id', '=', parkId)
    .where('i.status', '=', 'active')
    .$if(counted.length > 0, (q) => q.where('i.id', 'not in', counted.map((c) => c.id)))
    .orderBy('i.code')
    .limit(limit - counted.length)
    .execute();
  return [...counted, ...fill.map((f) => ({ ...f, n: 0 }))];
}

// Approvers ----------------------------------------------------------------------------------

export async function findApproverUsers(db: Executor, parkId: string, ids?: string[]) {
  let q = db
    .selectFrom('users')
    .select(['id', 'display_name', 'username', 'is_active'])
    .where('park_id', '=', parkId)
    .where(sql<boolean>`roles @> array['approver']::text[]`);
  if (ids) {
    if (ids.length === 0) return [];
    q = q.where('id', 'in', ids);
  }
  return q.orderBy('display_name').execute();
}

export async function findUserNames(db: Executor, parkId: string, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'display_name']).where('park_id', '=', parkId).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}

export async function countItemsPerApprover(db: Executor, parkId: string): Promise<Map<string, number>> {
  const rows = await sql<{ approver_id: string; n: number }>`
    select a.approver_id, count(*)::int as n
    from service_items i, unnest(i.approver_ids) as a(approver_id)
    where i.park_id = ${parkId} and i.status = 'active'
    group by a.approver_id`.execute(db);
  return new Map(rows.rows.map((r) => [r.approver_id, Number(r.n)]));
}

// Synonyms -----------------------------------------------------------------------------------

export async function findSynonyms(db: Executor, parkId: string): Promise<ServiceSynonymRow[]> {
  return db.selectFrom('service_synonyms').selectAll().where('park_id', '=', parkId).orderBy('term').execute();
}

export async function findSynonymEntries(db: Executor, parkId: string): Promise<SynonymEntry[]> {
  const rows = await db.selectFrom('service_synonyms').select(['term', 'expands_to']).where('park_id', '=', parkId).execute();
  return rows.map((r) => ({ term: r.term, expandsTo: r.expands_to }));
}

export async function findSynonym(db: Executor, parkId: string, id: string): Promise<ServiceSynonymRow | undefined> {
  return db.selectFrom('service_synonyms').selectAll().where('park_id', '=', parkId).where('id', '=', id).executeTakeFirst();
}

export async function findSynonymByTerm(db: Executor, parkId: string, term: string): Promise<ServiceSynonymRow | undefined> {
  return db.selectFrom('service_synonyms').selectAll().where('park_id', '=', parkId).where('term', '=', term).executeTakeFirst();
}

export async function insertSynonyms(trx: Transaction<DB>, rows: { park_id: string; term: string; expands_to: string[]; created_by: string | null; created_at?: Date; updated_at?: Date }[]): Promise<ServiceSynonymRow[]> {
  if (rows.length === 0) return [];
  return trx.insertInto('service_synonyms').values(rows).returningAll().execute();
}

export async function updateSynonym(trx: Transaction<DB>, parkId: string, id: string, patch: { term: string; expands_to: string[]; updated_at: Date }): Promise<ServiceSynonymRow | undefined> {
  return trx.updateTable('service_synonyms').set(patch).where('park_id', '=', parkId).where('id', '=', id).returningAll().executeTakeFirst();
}

export async function deleteSynonym(trx: Transaction<DB>, parkId: string, id: string): Promise<void> {
  await trx.deleteFrom('service_synonyms').where('park_id', '=', parkId).where('id', '=', id).execute();
}
