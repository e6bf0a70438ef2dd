import type { ListEnterprisesQuery } from '@yuanqi/contract';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB, EnterpriseRow, EnterpriseUpdate, NewEnterpriseRow } from '../../db/schema.js';
import { inEnterpriseScope, type EnterpriseScope } from '../../platform/scope.js';

type Executor = Kysely<DB> | Transaction<DB>;

export type EnterpriseWithLiaison = EnterpriseRow & { liaison_name: string | null };

const SORTS: Record<string, [string, 'asc' | 'desc']> = {
  name: ['e.name', 'asc'],
  '-name': ['e.name', 'desc'],
  createdAt: ['e.created_at', 'asc'],
  '-createdAt': ['e.created_at', 'desc'],
  annualRevenueFen: ['e.annual_revenue_fen', 'asc'],
  '-annualRevenueFen': ['e.annual_revenue_fen', 'desc'],
  headcount: ['e.headcount', 'asc'],
  '-headcount': ['e.headcount', 'desc'],
};

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function filtered(db: Executor, scope: EnterpriseScope, query: Omit<ListEnterprisesQuery, 'page' | 'pageSize' | 'sort'>) {
  let q = db.selectFrom('enterprises as e').where(inEnterpriseScope<DB, 'enterprises'>(scope, 'e.park_id', 'e.id') as any);
  if (query.q) {
    const text = query.q.trim();
    const upper = text.toUpperCase().replace(/\s+/g, '');
    const like = `%${escapeLike(text)}%`;
    q = q.where((eb) =>
      eb.or([
        eb('e.name', 'ilike', like),
        eb('e.uscc', 'like', `${escapeLike(upper)}%`),
        eb('e.legal_representative', '=', text),
      ]),
    );
  }
  if (query.chain) q = q.where('e.chain', '=', query.chain);
  if (query.tag) q = q.where(sql<boolean>`e.tags @> array[${query.tag}]::text[]`);
  if (query.liaisonId === 'none') q = q.where('e.liaison_id', 'is', null);
  else if (query.liaisonId) q = q.where('e.liaison_id', '=', query.liaisonId);
  if (query.isAboveScale !== undefined) q = q.where('e.is_above_scale', '=', query.isAboveScale);
  if (query.industryCode) q = q.where('e.industry_code', 'like', `${escapeLike(query.industryCode)}%`);
  return q;
}

export async function listEnterprises(db: Executor, scope: EnterpriseScope, query: ListEnterprisesQuery): Promise<{ rows: EnterpriseWithLiaison[]; total: number }> {
  const base = filtered(db, scope, query);
  const [sortColumn, direction] = SORTS[query.sort ?? 'name']!;
  const rows = await base
    .leftJoin('users as l', 'l.id', 'e.liaison_id')
    .selectAll('e')
    .select('l.display_name as liaison_name')
    .orderBy(sql.ref(sortColumn), (ob) => (direction === 'asc' ? ob.asc() : ob.desc()).nullsLast())
    .orderBy('e.id')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  const { total } = await base.select(sql<number>`count(*)::int`.as('total')).executeTakeFirstOrThrow();
  return { rows: rows as EnterpriseWithLiaison[], total };
}

/** Every row of the filter, for export (bounded so one request cannot exhaust memory). */
export async function listAllEnterprises(db: Executor, scope: EnterpriseScope, query: Omit<ListEnterprisesQuery, 'page' | 'pageSize'>, limit = 200_000): Promise<EnterpriseWithLiaison[]> {
  const [sortColumn, direction] = SORTS[query.sort ?? 'name']!;
  const rows = await filtered(db, scope, query)
    .leftJoin('users as l', 'l.id', 'e.liaison_id')
    .selectAll('e')
    .select('l.display_name as liaison_name')
    .orderBy(sql.ref(sortColumn), (ob) => (direction === 'asc' ? ob.asc() : ob.desc()).nullsLast())
    .orderBy('e.id')
    .limit(limit)
    .execute();
  return rows as EnterpriseWithLiaison[];
}

export async function findEnterprise(db: Executor, scope: EnterpriseScope, id: string, forUpdate = false): Promise<EnterpriseWithLiaison | undefined> {
  let q = db
    .selectFrom('enterprises as e')
    .leftJoin('users as l', 'l.id', 'e.liaison_id')
    .selectAll('e')
    .select('l.display_name as liaison_name')
    .where(inEnterpriseScope<DB, 'enterprises'>(scope, 'e.park_id', 'e.id') as any)
    .where('e.id', '=', id);
  if (forUpdate) q = q.forUpdate('e');
  return (await q.executeTakeFirst()) as EnterpriseWithLiaison | undefined;
}

export async function findEnterprisesByUscc(db: Executor, parkId: string, usccs: string[]): Promise<EnterpriseRow[]> {
  if (usccs.length === 0) return [];
  return db.selectFrom('enterprises').selectAll().where('park_id', '=', parkId).where('uscc', 'in', usccs).forUpdate().execute();
}

export async function insertEnterprises(db: Executor, rows: NewEnterpriseRow[]): Promise<EnterpriseRow[]> {
  const out: EnterpriseRow[] = [];
  for (let i = 0; i < rows.length; i += 1000) {
    out.push(...(await db.insertInto('enterprises').values(rows.slice(i, i + 1000)).returningAll().execute()));
  }
  return out;
}

export async function updateEnterprise(db: Executor, parkId: string, id: string, patch: EnterpriseUpdate): Promise<EnterpriseRow> {
  return db
    .updateTable('enterprises')
    .set({ ...patch, version: sql`version + 1`, updated_at: sql`now()` })
    .where('park_id', '=', parkId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findLiaisons(db: Executor, parkId: string): Promise<{ id: string; display_name: string; enterprise_count: number }[]> {
  return db
    .selectFrom('users as u')
    .select(['u.id', 'u.display_name'])
    .select((eb) =>
      eb
        .selectFrom('enterprises as e')
        .select(sql<number>`count(*)::int`.as('n'))
        .whereRef('e.liaison_id', '=', 'u.id')
        .where('e.park_id', '=', parkId)
        .as('enterprise_count'),
    )
    .where('u.park_id', '=', parkId)
    .where(sql<boolean>`'liaison' = any(u.roles)`)
    .where('u.is_active', '=', true)
    .orderBy('u.username')
    .execute() as Promise<{ id: string; display_name: string; enterprise_count: number }[]>;
}

export async function enterpriseHistory(db: Executor, parkId: string, id: string) {
  return db
    .selectFrom('audit_log')
    .select(['id', 'at', 'actor_name', 'action', 'before', 'after'])
    .where('park_id', '=', parkId)
    .where('entity', '=', 'enterprise')
    .where('entity_id', '=', id)
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(500)
    .execute();
}
