/** SQL of 工程建设项目 construction projects and their stages. */
import type { ApplicationOutcome, ApplicationStatus, ProjectStage } from '@yuanqi/contract';
import { sql, type Insertable, type Transaction, type Updateable } from 'kysely';
import type { ServiceProjectRow, ServiceProjectsTable, ServiceProjectStagesTable } from '../../../db/schema-service-applications.js';
import type { DB } from '../../../db/schema.js';
import { inEnterpriseScope, type EnterpriseScope } from '../../../platform/scope.js';
import type { Executor } from '../applications/repository.js';

export type ProjectWithNames = ServiceProjectRow & { enterprise_name: string; firm_liaison_id: string | null };

function withNames(db: Executor) {
  return db.selectFrom('service_projects as p').innerJoin('enterprises as e', 'e.id', 'p.enterprise_id').selectAll('p').select(['e.name as enterprise_name', 'e.liaison_id as firm_liaison_id']);
}

export async function findProject(db: Executor, scope: EnterpriseScope, id: string, options: { forUpdate?: boolean } = {}): Promise<ProjectWithNames | undefined> {
  let q = withNames(db).where(inEnterpriseScope<any, any>(scope, 'p.park_id', 'p.enterprise_id')).where('p.id', '=', id);
  if (options.forUpdate) q = q.forUpdate(['p']);
  return (await q.executeTakeFirst()) as ProjectWithNames | undefined;
}

export async function listProjects(
  db: Executor,
  scope: EnterpriseScope,
  f: { status?: string; enterpriseId?: string; q?: string; page: number; pageSize: number },
): Promise<{ rows: ProjectWithNames[]; total: number }> {
  let q = withNames(db).where(inEnterpriseScope<any, any>(scope, 'p.park_id', 'p.enterprise_id'));
  if (f.status) q = q.where('p.status', '=', f.status as 'active');
  if (f.enterpriseId) q = q.where('p.enterprise_id', '=', f.enterpriseId);
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) => eb.or([eb('p.name', 'ilike', like), eb('p.code', 'ilike', like), eb('e.name', 'ilike', like)]));
  }
  const [rows, count] = await Promise.all([
    q.orderBy('p.started_at', 'desc').orderBy('p.id').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute(),
    q.clearSelect().select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows: rows as ProjectWithNames[], total: Number(count.n) };
}

export async function insertProject(trx: Transaction<DB>, row: Insertable<ServiceProjectsTable>): Promise<ServiceProjectRow> {
  return trx.insertInto('service_projects').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updateProject(trx: Transaction<DB>, parkId: string, id: string, patch: Updateable<ServiceProjectsTable>): Promise<ServiceProjectRow> {
  return trx.updateTable('service_projects').set(patch).where('park_id', '=', parkId).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export async function upsertStages(trx: Transaction<DB>, rows: Insertable<ServiceProjectStagesTable>[]): Promise<void> {
  if (rows.length === 0) return;
  await trx
    .insertInto('service_project_stages')
    .values(rows)
    .onConflict((oc) => oc.columns(['park_id', 'project_id', 'stage']).doUpdateSet((eb) => ({ planned_days: eb.ref('excluded.planned_days'), sort: eb.ref('excluded.sort') })))
    .execute();
}

export async function stagesOf(db: Executor, parkId: string, projectIds: string[]) {
  if (projectIds.length === 0) return [];
  return db.selectFrom('service_project_stages').selectAll().where('park_id', '=', parkId).where('project_id', 'in', projectIds).orderBy('sort').execute();
}

export type ProjectApplicationRow = {
  id: string;
  project_id: string;
  number: string;
  item_id: string;
  item_name: string;
  stage: ProjectStage;
  status: ApplicationStatus;
  outcome: ApplicationOutcome | null;
  submitted_at: Date;
  accepted_at: Date | null;
  finished_at: Date | null;
  committed_days: number;
  legal_days: number;
  calendar_guessed: boolean;
};

/** The applications of the projects, with the stage of their item. */
export async function applicationsOf(db: Executor, parkId: string, projectIds: string[]): Promise<ProjectApplicationRow[]> {
  if (projectIds.length === 0) return [];
  return (await db
    .selectFrom('service_applications as a')
    .innerJoin('service_items as i', 'i.id', 'a.item_id')
    .select([
      'a.id',
      'a.project_id',
      'a.number',
      'a.item_id',
      'i.name as item_name',
      'i.project_stage as stage',
      'a.status',
      'a.outcome',
      'a.submitted_at',
      'a.accepted_at',
      'a.finished_at',
      'a.committed_days',
      'a.legal_days',
      'a.calendar_guessed',
    ])
    .where('a.park_id', '=', parkId)
    .where('a.project_id', 'in', projectIds)
    .where('i.project_stage', 'is not', null)
    .orderBy('a.submitted_at')
    .execute()) as ProjectApplicationRow[];
}

/** Active items of a stage, for the 申请 buttons of a project. */
export async function stageItems(db: Executor, parkId: string) {
  return db
    .selectFrom('service_items')
    .select(['id', 'code', 'name', 'committed_days', 'project_stage'])
    .where('park_id', '=', parkId)
    .where('project_stage', 'is not', null)
    .where('status', '=', 'active')
    .orderBy('code')
    .execute();
}
