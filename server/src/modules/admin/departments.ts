import type { DepartmentRequest, DepartmentView, UpdateDepartmentRequest } from '@yuanqi/contract';
import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { DepartmentsTable } from '../../db/schema-admin.js';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import type { AppContext } from '../../platform/context.js';
import { AppError, conflict, notFound } from '../../platform/errors.js';

/** The 承办单位 a park starts with when it has no organisation tree yet (under its 管委会). */
export const DEFAULT_HANDLERS = [
  '行政审批局', '经济发展局', '财政金融局', '人力资源和社会保障局', '自然资源和规划分局', '生态环境分局',
  '市场监督管理分局', '税务分局', '供电公司', '科技创新局', '招商服务中心', '建设管理局',
];

type Row = Selectable<DepartmentsTable>;

function present(row: Row, demandCount: number): DepartmentView {
  return { id: row.id, parentId: row.parent_id, name: row.name, isHandler: row.is_handler, leader: row.leader, phone: row.phone, sort: row.sort, active: row.active, demandCount };
}

/**
 * A park without a tree gets the default one on first use: its 管委会 with the usual 承办单位
 * below. Idempotent (unique name per park), so two first reads at once create it once.
 */
export async function ensureDepartments(db: Kysely<DB>, parkId: string, now: Date): Promise<void> {
  const any = await db.selectFrom('departments').select('id').where('park_id', '=', parkId).limit(1).executeTakeFirst();
  if (any) return;
  const park = await db.selectFrom('parks').select('name').where('id', '=', parkId).executeTakeFirstOrThrow();
  const rootName = `${park.name}管委会`;
  await db.insertInto('departments').values({ park_id: parkId, name: rootName, is_handler: false, sort: 0, updated_at: now }).onConflict((oc) => oc.columns(['park_id', 'name']).doNothing()).execute();
  const root = await db.selectFrom('departments').select('id').where('park_id', '=', parkId).where('name', '=', rootName).executeTakeFirstOrThrow();
  await db
    .insertInto('departments')
    .values(DEFAULT_HANDLERS.map((name, i) => ({ park_id: parkId, parent_id: root.id, name, sort: (i + 1) * 10, updated_at: now })))
    .onConflict((oc) => oc.columns(['park_id', 'name']).doNothing())
    .execute();
}

/** The park's tree as a flat list (parent before child order is the client's job), with how many demands name each. */
export async function listDepartments(ctx: AppContext, actor: Actor): Promise<{ items: DepartmentView[] }> {
  await ensureDepartments(ctx.db, actor.parkId, ctx.clock.now());
  const rows = await ctx.db.selectFrom('departments').selectAll().where('park_id', '=', actor.parkId).orderBy('sort').orderBy('name').execute();
  const counts = await sql<{ department: string; n: number }>`
    select department, count(*)::int as n from demands where park_id = ${actor.parkId} and department is not null group by department`.execute(ctx.db);
  const countOf = new Map(counts.rows.map((c) => [c.department, Number(c.n)]));
  return { items: rows.map((r) => present(r, countOf.get(r.name) ?? 0)) };
}

/** Whether `parentId` may be the parent of `id`: in the park, and not `id` itself or below it. */
async function assertParent(trx: Transaction<DB>, parkId: string, parentId: string | null | undefined, id: string | null): Promise<void> {
  if (!parentId) return;
  const parent = await trx.selectFrom('departments').select('id').where('park_id', '=', parkId).where('id', '=', parentId).executeTakeFirst();
  if (!parent) throw new AppError('VALIDATION_FAILED', '上级部门不存在', [{ path: 'parentId', message: '上级部门不存在' }]);
  if (!id) return;
  const below = await sql<{ id: string }>`
    with recursive sub as (select id from departments where id = ${id} and park_id = ${parkId}
      union all select d.id from departments d join sub on d.parent_id = sub.id)
    select id from sub where id = ${parentId}`.execute(trx);
  if (below.rows.length) throw new AppError('VALIDATION_FAILED', '上级部门不能是本部门或其下级', [{ path: 'parentId', message: '不能选择本部门或其下级' }]);
}

function auditView(r: Row) {
  return { name: r.name, parentId: r.parent_id, isHandler: r.is_handler, leader: r.leader, phone: r.phone, sort: r.sort, active: r.active };
}

async function assertNameFree(trx: Transaction<DB>, parkId: string, name: string, id: string | null) {
  const taken = await trx.selectFrom('departments').select('id').where('park_id', '=', parkId).where('name', '=', name).executeTakeFirst();
  if (taken && taken.id !== id) throw conflict(`部门“${name}”已存在`, [{ path: 'name', message: '部门名称已存在' }]);
}

export async function createDepartment(ctx: AppContext, actor: Actor, input: DepartmentRequest): Promise<DepartmentView> {
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    await assertParent(trx, actor.parkId, input.parentId, null);
    await assertNameFree(trx, actor.parkId, input.name, null);
    const row = await trx
      .insertInto('departments')
      .values({ park_id: actor.parkId, parent_id: input.parentId ?? null, name: input.name, is_handler: input.isHandler ?? true, leader: input.leader ?? null, phone: input.phone ?? null, sort: input.sort ?? 0, active: input.active ?? true, updated_at: now })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, actor.parkId, [{ action: 'create', entity: 'department', entityId: row.id, before: null, after: auditView(row) }], now);
    return present(row, 0);
  });
}

/**
 * Edits a department. Demands keep the name they were transferred to (text), so a renamed
 * department's old transfers still read as they were written.
 */
export async function updateDepartment(ctx: AppContext, actor: Actor, id: string, input: UpdateDepartmentRequest): Promise<DepartmentView> {
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('departments').selectAll().where('park_id', '=', actor.parkId).where('id', '=', id).forUpdate().executeTakeFirst();
    if (!before) throw notFound('部门');
    if (input.parentId !== undefined) await assertParent(trx, actor.parkId, input.parentId, id);
    if (input.name !== undefined) await assertNameFree(trx, actor.parkId, input.name, id);
    const row = await trx
      .updateTable('departments')
      .set({
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.parentId !== undefined ? { parent_id: input.parentId } : {}),
        ...(input.isHandler !== undefined ? { is_handler: input.isHandler } : {}),
        ...(input.leader !== undefined ? { leader: input.leader } : {}),
        ...(input.phone !== undefined ? { phone: input.phone } : {}),
        ...(input.sort !== undefined ? { sort: input.sort } : {}),
        ...(input.active !== undefined ? { active: input.active } : {}),
        updated_at: now,
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, actor.parkId, [{ action: 'update', entity: 'department', entityId: id, before: auditView(before), after: auditView(row) }], now);
    return present(row, 0);
  });
}

/** Deletes a department without sub-departments (demands keep its name as text). */
export async function deleteDepartment(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('departments').selectAll().where('park_id', '=', actor.parkId).where('id', '=', id).forUpdate().executeTakeFirst();
    if (!row) throw notFound('部门');
    const child = await trx.selectFrom('departments').select('name').where('park_id', '=', actor.parkId).where('parent_id', '=', id).limit(1).executeTakeFirst();
    if (child) throw conflict(`部门“${row.name}”下还有“${child.name}”等下级部门,请先删除或移走下级部门`);
    await trx.deleteFrom('departments').where('id', '=', id).execute();
    await recordAudit(trx, actor, actor.parkId, [{ action: 'delete', entity: 'department', entityId: id, before: auditView(row), after: null }], now);
  });
}
