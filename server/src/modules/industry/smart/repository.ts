import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { inEnterpriseScope, type EnterpriseScope } from '../../../platform/scope.js';

type Executor = Kysely<DB> | Transaction<DB>;

/** A project row with its firm's name and chain. */
export type SmartProjectRow = {
  id: string;
  park_id: string;
  enterprise_id: string;
  enterprise_name: string;
  chain: string | null;
  name: string;
  content: string | null;
  vendor: string | null;
  investment_fen: number;
  started_on: string | null;
  live_on: string | null;
  status: string;
  version: number;
  created_at: Date;
  updated_at: Date;
};

export type SmartCostRow = { project_id: string; month: string; cost_fen: number; note: string | null };

function projectsQuery(db: Executor, scope: EnterpriseScope) {
  return db
    .selectFrom('smart_projects as p')
    .innerJoin('enterprises as e', 'e.id', 'p.enterprise_id')
    .select([
      'p.id',
      'p.park_id',
      'p.enterprise_id',
      'e.name as enterprise_name',
      'e.chain',
      'p.name',
      'p.content',
      'p.vendor',
      'p.investment_fen',
      'p.started_on',
      'p.live_on',
      'p.status',
      'p.version',
      'p.created_at',
      'p.updated_at',
    ])
    .where(inEnterpriseScope<any, any>(scope, 'p.park_id', 'p.enterprise_id'));
}

const normalise = (r: SmartProjectRow): SmartProjectRow => ({ ...r, investment_fen: Number(r.investment_fen) });

/** The projects the scope sees, newest go-live first (projects not live last). */
export async function findSmartProjects(db: Executor, scope: EnterpriseScope, filter: { enterpriseId?: string; status?: string }): Promise<SmartProjectRow[]> {
  let q = projectsQuery(db, scope);
  if (filter.enterpriseId) q = q.where('p.enterprise_id', '=', filter.enterpriseId);
  if (filter.status) q = q.where('p.status', '=', filter.status);
  const rows = await q.orderBy('p.live_on', (ob) => ob.desc().nullsLast()).orderBy('p.created_at', 'desc').execute();
  return (rows as SmartProjectRow[]).map(normalise);
}

/** One project if the scope sees it. */
export async function findSmartProject(db: Executor, scope: EnterpriseScope, id: string): Promise<SmartProjectRow | undefined> {
  const row = await projectsQuery(db, scope).where('p.id', '=', id).executeTakeFirst();
  return row ? normalise(row as SmartProjectRow) : undefined;
}

/** The monthly costs of these projects, by month. */
export async function findSmartCosts(db: Executor, parkId: string, projectIds: string[]): Promise<SmartCostRow[]> {
  if (projectIds.length === 0) return [];
  const rows = await db
    .selectFrom('smart_project_costs')
    .select(['project_id', 'month', 'cost_fen', 'note'])
    .where('park_id', '=', parkId)
    .where('project_id', 'in', projectIds)
    .orderBy('month')
    .execute();
  return rows.map((r) => ({ ...r, cost_fen: Number(r.cost_fen) }));
}

/** The firm if the scope sees it. */
export async function findFirmInScope(db: Executor, scope: EnterpriseScope, enterpriseId: string): Promise<{ id: string; name: string } | undefined> {
  return db
    .selectFrom('enterprises as e')
    .select(['e.id', 'e.name'])
    .where('e.id', '=', enterpriseId)
    .where(inEnterpriseScope<any, any>(scope, 'e.park_id', 'e.id'))
    .executeTakeFirst();
}

export type SmartProjectFields = {
  name: string;
  content: string | null;
  vendor: string | null;
  investment_fen: number;
  started_on: string | null;
  live_on: string | null;
  status: string;
};

export async function insertSmartProject(trx: Transaction<DB>, values: SmartProjectFields & { park_id: string; enterprise_id: string; created_by: string | null; now: Date }): Promise<string> {
  const { now, ...rest } = values;
  const row = await trx
    .insertInto('smart_projects')
    .values({ ...rest, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Updates the fields if the version is still `version`; false when someone changed it first. */
export async function updateSmartProject(trx: Transaction<DB>, parkId: string, id: string, version: number, fields: Partial<SmartProjectFields>, now: Date): Promise<boolean> {
  const result = await trx
    .updateTable('smart_projects')
    .set((eb) => ({ ...fields, updated_at: now, version: eb('version', '+', 1) }))
    .where('park_id', '=', parkId)
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function deleteSmartProject(trx: Transaction<DB>, parkId: string, id: string, version: number): Promise<boolean> {
  const result = await trx.deleteFrom('smart_projects').where('park_id', '=', parkId).where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

/** Sets these months' costs (insert or replace). */
export async function upsertSmartCosts(trx: Transaction<DB>, parkId: string, projectId: string, costs: { month: string; costFen: number; note: string | null }[]): Promise<void> {
  for (let i = 0; i < costs.length; i += 500) {
    await trx
      .insertInto('smart_project_costs')
      .values(costs.slice(i, i + 500).map((c) => ({ park_id: parkId, project_id: projectId, month: c.month, cost_fen: c.costFen, note: c.note })))
      .onConflict((oc) => oc.columns(['park_id', 'project_id', 'month']).doUpdateSet((eb) => ({ cost_fen: eb.ref('excluded.cost_fen'), note: eb.ref('excluded.note') })))
      .execute();
  }
}

export async function deleteSmartCosts(trx: Transaction<DB>, parkId: string, projectId: string, months: string[]): Promise<void> {
  if (months.length === 0) return;
  await trx.deleteFrom('smart_project_costs').where('park_id', '=', parkId).where('project_id', '=', projectId).where('month', 'in', months).execute();
}
