/** The SQL of 办件 applications (the only place this part of the module touches the database). */
import type { ApplicationStatus, ListServiceApplicationsQuery, ServiceMaterial, SpecialProcedure } from '@yuanqi/contract';
import { OPEN_APPLICATION_STATUSES } from '@yuanqi/contract';
import { sql, type Expression, type ExpressionBuilder, type Insertable, type Kysely, type SqlBool, type Transaction, type Updateable } from 'kysely';
import type {
  ServiceApplicationMaterialsTable,
  ServiceApplicationPausesTable,
  ServiceApplicationRow,
  ServiceApplicationsTable,
  ServiceChengnuoRow,
  ServicePostcheckRow,
  ServiceRongqueRow,
} from '../../../db/schema-service-applications.js';
import type { DB } from '../../../db/schema.js';
import { startOfNextShanghaiDay, startOfShanghaiDay } from '../../../platform/calendar/index.js';
import type { ApplicationScope } from './policy.js';
import { enterpriseUserIds as usersOfFirms } from '../../../platform/park-users.js';
import { escapeLike } from '../../../platform/like.js';
import { nextDaySequence } from '../../../platform/day-sequences.js';

export type Executor = Kysely<DB> | Transaction<DB>;

export type ApplicationWithNames = ServiceApplicationRow & {
  item_code: string;
  item_name: string;
  department: string;
  item_materials: ServiceMaterial[];
  approver_ids: string[];
  special_procedures: SpecialProcedure[];
  chengnuo_allowed: boolean;
  chengnuo_text: string | null;
  project_stage: 'planning' | 'engineering' | 'construction' | 'acceptance' | null;
  enterprise_name: string;
  enterprise_tags: string[];
  firm_liaison_id: string | null;
  project_name: string | null;
  daiban_liaison_name: string | null;
  decided_by_name: string | null;
  accepted_by_name: string | null;
};

/** The applications an actor may read (alias `a`). */
export function inApplicationScope(scope: ApplicationScope) {
  return (eb: ExpressionBuilder<any, any>): Expression<SqlBool> => {
    const park = eb('a.park_id', '=', scope.parkId);
    switch (scope.kind) {
      case 'park':
        return park;
      case 'approver':
        return eb.and([
          park,
          eb('a.item_id', 'in', sql<string>`(select si.id from service_items si where si.park_id = ${scope.parkId} and ${scope.userId}::uuid = any(si.approver_ids))`),
        ]);
      case 'liaison':
        return eb.and([
          park,
          eb.or([
            eb('a.daiban_liaison_id', '=', scope.userId),
            eb('a.enterprise_id', 'in', sql<string>`(select e.id from enterprises e where e.park_id = ${scope.parkId} and e.liaison_id = ${scope.userId})`),
          ]),
        ]);
      case 'enterprise':
        return eb.and([park, eb('a.enterprise_id', '=', scope.enterpriseId)]);
      case 'none':
        return sql<SqlBool>`false`;
    }
  };
}

function withNames(db: Executor) {
  return db
    .selectFrom('service_applications as a')
    .innerJoin('service_items as i', 'i.id', 'a.item_id')
    .innerJoin('enterprises as e', 'e.id', 'a.enterprise_id')
    .leftJoin('service_projects as p', 'p.id', 'a.project_id')
    .leftJoin('users as dl', 'dl.id', 'a.daiban_liaison_id')
    .leftJoin('users as db_', 'db_.id', 'a.decided_by')
    .leftJoin('users as ab', 'ab.id', 'a.accepted_by')
    .selectAll('a')
    .select([
      'i.code as item_code',
      'i.name as item_name',
      'i.department',
      'i.materials as item_materials',
      'i.approver_ids',
      'i.special_procedures',
      'i.chengnuo_allowed',
      'i.chengnuo_text',
      'i.project_stage',
      'e.name as enterprise_name',
      'e.tags as enterprise_tags',
      'e.liaison_id as firm_liaison_id',
      'p.name as project_name',
      'dl.display_name as daiban_liaison_name',
      'db_.display_name as decided_by_name',
      'ab.display_name as accepted_by_name',
    ]);
}

export async function findApplication(db: Executor, scope: ApplicationScope, id: string, options: { forUpdate?: boolean } = {}): Promise<ApplicationWithNames | undefined> {
  let q = withNames(db).where(inApplicationScope(scope)).where('a.id', '=', id);
  if (options.forUpdate) q = q.forUpdate(['a']);
  return (await q.executeTakeFirst()) as ApplicationWithNames | undefined;
}

/** The per-day number (concurrent filings queue on the counter's row lock). */
export async function nextApplicationSequence(trx: Transaction<DB>, parkId: string, day: string): Promise<number> {
  return nextDaySequence(trx, 'service_application_number_sequences', parkId, day);
}

export async function insertApplication(trx: Transaction<DB>, row: Insertable<ServiceApplicationsTable>): Promise<ServiceApplicationRow> {
  return trx.insertInto('service_applications').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updateApplication(trx: Transaction<DB>, parkId: string, id: string, patch: Updateable<ServiceApplicationsTable>): Promise<ServiceApplicationRow> {
  return trx.updateTable('service_applications').set(patch).where('park_id', '=', parkId).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

// Lists ---------------------------------------------------------------------------------------

export type ListFilter = ListServiceApplicationsQuery & { now: Date; userId: string; dueSoonBefore: Date };

const OPEN = OPEN_APPLICATION_STATUSES as readonly ApplicationStatus[];

function filtered(db: Executor, scope: ApplicationScope, f: ListFilter) {
  let q = db
    .selectFrom('service_applications as a')
    .innerJoin('service_items as i', 'i.id', 'a.item_id')
    .innerJoin('enterprises as e', 'e.id', 'a.enterprise_id')
    .where(inApplicationScope(scope));
  if (f.status && f.status.length > 0) q = q.where('a.status', 'in', f.status);
  if (f.state === 'open') q = q.where('a.finished_at', 'is', null);
  if (f.state === 'closed') q = q.where('a.finished_at', 'is not', null);
  if (f.outcome) q = q.where('a.outcome', '=', f.outcome);
  if (f.itemId) q = q.where('a.item_id', '=', f.itemId);
  if (f.enterpriseId) q = q.where('a.enterprise_id', '=', f.enterpriseId);
  if (f.projectId) q = q.where('a.project_id', '=', f.projectId);
  if (f.mode) q = q.where('a.mode', '=', f.mode);
  if (f.daiban !== undefined) q = q.where('a.is_daiban', '=', f.daiban);
  if (f.mine) {
    q = q.where((eb) =>
      eb.or([
        eb('a.daiban_liaison_id', '=', f.userId),
        eb('a.applicant_user_id', '=', f.userId),
        eb(sql.val(f.userId), '=', sql<string>`any(i.approver_ids)`),
      ]),
    );
  }
  // A deadline runs only while the case is open (the stored due_at of a closed case is history).
  if (f.warning === 'overdue') q = q.where('a.finished_at', 'is', null).where('a.due_at', '<', f.now);
  if (f.warning === 'due_soon') q = q.where('a.finished_at', 'is', null).where('a.due_at', '>=', f.now).where('a.due_at', '<=', f.dueSoonBefore);
  if (f.from) q = q.where('a.submitted_at', '>=', startOfShanghaiDay(f.from));
  if (f.to) q = q.where('a.submitted_at', '<', startOfNextShanghaiDay(f.to));
  if (f.q) {
    const like = `%${escapeLike(f.q)}%`;
    q = q.where((eb) => eb.or([eb('a.number', 'ilike', like), eb('i.name', 'ilike', like), eb('e.name', 'ilike', like)]));
  }
  return q;
}

export async function listApplications(db: Executor, scope: ApplicationScope, f: ListFilter): Promise<{ rows: ApplicationWithNames[]; total: number }> {
  const ids = filtered(db, scope, f).select('a.id');
  const sort = f.sort ?? (f.warning ? 'dueAt' : '-submittedAt');
  let page = withNames(db).where('a.id', 'in', ids);
  if (sort === 'urgency') {
    // overdue, due soon, waiting for 受理 (no clock yet: a new filing is never behind every running case), the rest
    const rank = sql<number>`case
      when a.finished_at is null and a.due_at < ${f.now} then 0
      when a.finished_at is null and a.due_at <= ${f.dueSoonBefore} then 1
      when a.status = 'submitted' then 2
      when a.finished_at is null then 3
      else 4 end`;
    page = page.orderBy(rank).orderBy(sql`case when a.status = 'submitted' then null else a.due_at end asc nulls last`).orderBy('a.submitted_at', 'asc');
  } else if (sort === 'dueAt') page = page.orderBy(sql`a.due_at asc nulls last`).orderBy('a.submitted_at', 'asc');
  else if (sort === 'submittedAt') page = page.orderBy('a.submitted_at', 'asc');
  else if (sort === '-finishedAt') page = page.orderBy(sql`a.finished_at desc nulls last`);
  else page = page.orderBy('a.submitted_at', 'desc');
  const [rows, count] = await Promise.all([
    page.orderBy('a.id').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute(),
    filtered(db, scope, f).select(sql<number>`count(*)::int`.as('total')).executeTakeFirstOrThrow(),
  ]);
  return { rows: rows as ApplicationWithNames[], total: Number(count.total) };
}

export async function boardCounts(db: Executor, scope: ApplicationScope, now: Date, dueSoonBefore: Date) {
  const row = await db
    .selectFrom('service_applications as a')
    .where(inApplicationScope(scope))
    .select([
      sql<number>`count(*)::int`.as('total'),
      ...(['submitted', 'supplementing', 'accepted', 'rongque', 'special', 'reviewing', 'finished', 'not_accepted', 'terminated', 'withdrawn', 'revoked'] as const).map((s) =>
        sql<number>`count(*) filter (where a.status = ${s})::int`.as(s),
      ),
      sql<number>`count(*) filter (where a.finished_at is null and a.due_at < ${now})::int`.as('overdue'),
      sql<number>`count(*) filter (where a.finished_at is null and a.due_at >= ${now} and a.due_at <= ${dueSoonBefore})::int`.as('due_soon'),
    ])
    .executeTakeFirstOrThrow();
  return row as unknown as Record<ApplicationStatus | 'total' | 'overdue' | 'due_soon', number>;
}

export const isOpen = (status: ApplicationStatus) => OPEN.includes(status);

// Materials, pauses -----------------------------------------------------------------

export async function insertMaterials(trx: Transaction<DB>, rows: Insertable<ServiceApplicationMaterialsTable>[]) {
  if (rows.length === 0) return [];
  return trx
    .insertInto('service_application_materials')
    .values(rows)
    .returning(['id', 'material_key', 'material_name', 'filename', 'size', 'stage', 'created_at'])
    .execute();
}

export type MaterialFileRow = { id: string; material_key: string; filename: string; content_type: string; size: number; stage: 'filing' | 'supplement' | 'rongque'; created_at: Date };

export async function listMaterialFiles(db: Executor, parkId: string, applicationId: string): Promise<MaterialFileRow[]> {
  return db
    .selectFrom('service_application_materials')
    .select(['id', 'material_key', 'filename', 'content_type', 'size', 'stage', 'created_at'])
    .where('park_id', '=', parkId)
    .where('application_id', '=', applicationId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export async function findMaterialFile(db: Executor, parkId: string, applicationId: string, id: string) {
  return db
    .selectFrom('service_application_materials')
    .select(['filename', 'content_type', 'data'])
    .where('park_id', '=', parkId)
    .where('application_id', '=', applicationId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function listPauses(db: Executor, parkId: string, applicationIds: string[]) {
  if (applicationIds.length === 0) return [];
  return db
    .selectFrom('service_application_pauses')
    .selectAll()
    .where('park_id', '=', parkId)
    .where('application_id', 'in', applicationIds)
    .orderBy('started_at')
    .execute();
}

export async function insertPause(trx: Transaction<DB>, row: Insertable<ServiceApplicationPausesTable>) {
  return trx.insertInto('service_application_pauses').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function closeOpenPause(trx: Transaction<DB>, parkId: string, applicationId: string, patch: { ended_at: Date; ended_by: string | null; working_days: number }) {
  return trx
    .updateTable('service_application_pauses')
    .set(patch)
    .where('park_id', '=', parkId)
    .where('application_id', '=', applicationId)
    .where('ended_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
}

// 容缺, 承诺, 核查 ---------------------------------------------------------------------------

export async function findRongque(db: Executor, parkId: string, applicationId: string): Promise<ServiceRongqueRow | undefined> {
  return db.selectFrom('service_rongque').selectAll().where('park_id', '=', parkId).where('application_id', '=', applicationId).executeTakeFirst();
}

export async function rongqueDeadlines(db: Executor, parkId: string, applicationIds: string[]): Promise<Map<string, string>> {
  if (applicationIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('service_rongque as r')
    .innerJoin('service_applications as a', 'a.id', 'r.application_id')
    .select(['r.application_id', 'r.deadline'])
    .where('r.park_id', '=', parkId)
    .where('r.application_id', 'in', applicationIds)
    .where('a.status', '=', 'rongque')
    .execute();
  return new Map(rows.map((r) => [r.application_id, r.deadline]));
}

export async function findChengnuo(db: Executor, parkId: string, applicationId: string): Promise<ServiceChengnuoRow | undefined> {
  return db.selectFrom('service_chengnuo').selectAll().where('park_id', '=', parkId).where('application_id', '=', applicationId).executeTakeFirst();
}

export async function findPostcheckOf(db: Executor, parkId: string, applicationId: string): Promise<ServicePostcheckRow | undefined> {
  return db.selectFrom('service_postchecks').selectAll().where('park_id', '=', parkId).where('application_id', '=', applicationId).executeTakeFirst();
}

// Items, firms, people ---------------------------------------------------------------------

export async function findItem(db: Executor, parkId: string, itemId: string) {
  return db
    .selectFrom('service_items')
    .select([
      'id',
      'code',
      'name',
      'department',
      'case_kind',
      'legal_days',
      'committed_days',
      'materials',
      'approver_ids',
      'special_procedures',
      'chengnuo_allowed',
      'chengnuo_text',
      'project_stage',
      'status',
    ])
    .where('park_id', '=', parkId)
    .where('id', '=', itemId)
    .executeTakeFirst();
}

export async function findFirm(db: Executor, parkId: string, enterpriseId: string) {
  return db.selectFrom('enterprises').select(['id', 'name', 'liaison_id', 'tags', 'contact_name', 'contact_phone']).where('park_id', '=', parkId).where('id', '=', enterpriseId).executeTakeFirst();
}

/** The active users of one firm (role enterprise). */
export async function enterpriseUserIds(db: Executor, parkId: string, enterpriseId: string): Promise<string[]> {
  return (await usersOfFirms(db, parkId, [enterpriseId])).get(enterpriseId) ?? [];
}

/** The active approvers among an item's approver_ids. */
export async function activeApprovers(db: Executor, parkId: string, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('users')
    .select('id')
    .where('park_id', '=', parkId)
    .where('id', 'in', [...ids])
    .where('is_active', '=', true)
    .execute();
  return rows.map((r) => r.id);
}

export async function userNames(db: Executor, ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids.filter(Boolean))];
  if (unique.length === 0) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', unique).execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}

/**
 * Adds a tag to a firm (once), creating its `tag` dictionary entry if the park has none; answers
 * the tags before and after, or null when the firm already had it.
 */
export async function addEnterpriseTag(trx: Transaction<DB>, parkId: string, enterpriseId: string, tag: { code: string; label: string }, now: Date) {
  await trx
    .insertInto('dictionaries')
    .values({ park_id: parkId, kind: 'tag', code: tag.code, label: tag.label, sort: 900, extra: null })
    .onConflict((oc) => oc.columns(['park_id', 'kind', 'code']).doNothing())
    .execute();
  const before = await trx.selectFrom('enterprises').select(['tags', 'version']).where('park_id', '=', parkId).where('id', '=', enterpriseId).forUpdate().executeTakeFirstOrThrow();
  if (before.tags.includes(tag.code)) return null;
  const after = await trx
    .updateTable('enterprises')
    .set({ tags: sql`array_append(tags, ${tag.code})`, version: sql`version + 1`, updated_at: now })
    .where('park_id', '=', parkId)
    .where('id', '=', enterpriseId)
    .returning(['tags', 'version'])
    .executeTakeFirstOrThrow();
  return { before, after };
}

/** The dictionary-held settings of the module (kind `service_setting`). */
export async function settingOf(db: Executor, parkId: string, code: string): Promise<Record<string, unknown> | null> {
  const row = await db.selectFrom('dictionaries').select(['extra']).where('park_id', '=', parkId).where('kind', '=', 'service_setting').where('code', '=', code).executeTakeFirst();
  return (row?.extra as Record<string, unknown> | undefined) ?? null;
}

export async function putSetting(trx: Transaction<DB>, parkId: string, code: string, label: string, extra: Record<string, unknown>) {
  await trx
    .insertInto('dictionaries')
    .values({ park_id: parkId, kind: 'service_setting', code, label, extra: JSON.stringify(extra) })
    .onConflict((oc) => oc.columns(['park_id', 'kind', 'code']).doUpdateSet({ extra: JSON.stringify(extra), label }))
    .execute();
}
