import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { DB } from '../../../db/schema.js';
import type { ApartmentApplicationsTable } from '../../../db/schema-land.js';
import { inEnterpriseScope, type EnterpriseScope } from '../../../platform/scope.js';
import { nextDaySequence } from '../../../platform/day-sequences.js';

/** apartment_applications with the columns of migration 20261208-0007 (kept here, in this sub-domain). */
type ApplicationsTable = ApartmentApplicationsTable & { preferred_layout: string | null; withdrawn_at: Date | null };
export type AptDB = Omit<DB, 'apartment_applications'> & { apartment_applications: ApplicationsTable };
export type ApplicationRow = Selectable<ApplicationsTable>;

type Executor = Kysely<DB> | Transaction<DB>;
/** The same connection, typed with this sub-domain's columns. */
export const apt = (db: Executor): Kysely<AptDB> => db as unknown as Kysely<AptDB>;

/** GY20261208001: the day's counter (platform/day-sequences). */
export async function nextApplicationCode(trx: Transaction<DB>, parkId: string, day: string): Promise<string> {
  const seq = await nextDaySequence(trx, 'apartment_application_number_sequences', parkId, day);
  return `GY${day.replace(/-/g, '')}${String(seq).padStart(3, '0')}`;
}

// ------------------------------------------------------------------ rule sets

export type RuleSetRow = Selectable<DB['apartment_rule_sets']>;

export async function ruleSetOn(db: Executor, parkId: string, day: string): Promise<RuleSetRow | undefined> {
  return db.selectFrom('apartment_rule_sets').selectAll().where('park_id', '=', parkId).where('valid_from', '<=', day).orderBy('valid_from', 'desc').limit(1).executeTakeFirst();
}

export async function listRuleSets(db: Executor, parkId: string) {
  return db
    .selectFrom('apartment_rule_sets as r')
    .leftJoin('users as u', 'u.id', 'r.created_by')
    .select((eb) => [
      'r.id',
      'r.valid_from',
      'r.rules',
      'r.note',
      'r.created_at',
      'u.display_name as created_by_name',
      eb.selectFrom('apartment_applications as a').whereRef('a.rule_set_id', '=', 'r.id').where('a.park_id', '=', parkId).select((e) => e.fn.countAll<number>().as('n')).as('applications'),
    ])
    .where('r.park_id', '=', parkId)
    .orderBy('r.valid_from', 'desc')
    .execute();
}

// ------------------------------------------------------------------ firms

export type FirmRow = { id: string; name: string; is_above_scale: boolean; tags: string[]; chain: string | null };

export async function findFirm(db: Executor, scope: EnterpriseScope, id: string): Promise<FirmRow | undefined> {
  return db
    .selectFrom('enterprises')
    .select(['id', 'name', 'is_above_scale', 'tags', 'chain'])
    .where(inEnterpriseScope<DB, 'enterprises'>(scope, 'enterprises.park_id', 'enterprises.id'))
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function chainLabels(db: Executor, parkId: string): Promise<Record<string, string>> {
  const rows = await db.selectFrom('dictionaries').select(['code', 'label']).where('park_id', '=', parkId).where('kind', '=', 'chain').execute();
  return Object.fromEntries(rows.map((r) => [r.code, r.label]));
}

export async function firmUserIds(db: Executor, parkId: string, enterpriseId: string): Promise<string[]> {
  const rows = await db.selectFrom('users').select('id').where('park_id', '=', parkId).where('enterprise_id', '=', enterpriseId).where('is_active', '=', true).execute();
  return rows.map((r) => r.id);
}

// ------------------------------------------------------------------ applications

export async function findApplication(db: Executor, scope: EnterpriseScope, id: string, options: { forUpdate?: boolean } = {}): Promise<ApplicationRow | undefined> {
  let q = apt(db)
    .selectFrom('apartment_applications')
    .selectAll()
    .where(inEnterpriseScope<AptDB, 'apartment_applications'>(scope, 'apartment_applications.park_id', 'apartment_applications.enterprise_id'))
    .where('id', '=', id);
  if (options.forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function liveApplicationOf(db: Executor, parkId: string, idHash: string): Promise<{ id: string; enterprise_id: string; code: string } | undefined> {
  return apt(db)
    .selectFrom('apartment_applications')
    .select(['id', 'enterprise_id', 'code'])
    .where('park_id', '=', parkId)
    .where('id_number_hash', '=', idHash)
    .where('status', 'in', ['submitted', 'waitlisted', 'allocated', 'moved_in'])
    .executeTakeFirst();
}

/** The place of a waitlisted application: 1 + those ahead of it (higher score, or same score and earlier). */
export const queuePositionSql = sql<number | null>`case when a.status = 'waitlisted' then (
    select count(*)::int + 1 from apartment_applications w
     where w.park_id = a.park_id and w.status = 'waitlisted'
       and (w.score > a.score or (w.score = a.score and (w.submitted_at < a.submitted_at or (w.submitted_at = a.submitted_at and w.id < a.id))))
  ) end`;

export type ListedApplication = ApplicationRow & {
  enterprise_name: string;
  queue_position: number | null;
  unit_code: string | null;
  building_name: string | null;
};

export async function listApplications(
  db: Executor,
  scope: EnterpriseScope,
  filter: { statuses?: string[]; enterpriseId?: string; q?: string; layout?: string; waitlistOrder?: boolean },
  paging: { page: number; pageSize: number },
): Promise<{ rows: ListedApplication[]; total: number }> {
  let base = apt(db)
    .selectFrom('apartment_applications as a')
    .innerJoin('enterprises as e', (j) => j.onRef('e.id', '=', 'a.enterprise_id').onRef('e.park_id', '=', 'a.park_id'))
    .where(inEnterpriseScope<any, any>(scope, 'a.park_id', 'a.enterprise_id'));
  if (filter.statuses?.length) base = base.where('a.status', 'in', filter.statuses);
  if (filter.enterpriseId) base = base.where('a.enterprise_id', '=', filter.enterpriseId);
  if (filter.layout) base = base.where((eb) => eb.or([eb('a.preferred_layout', '=', filter.layout!), eb('a.preferred_layout', 'is', null)]));
  if (filter.q) {
    const like = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    base = base.where((eb) => eb.or([eb('a.applicant_name', 'like', like), eb('a.code', 'like', like), eb('e.name', 'like', like), eb('a.position', 'like', like)]));
  }
  const totalRow = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  let rowsQ = base
    .leftJoin('premises_units as u', 'u.id', 'a.unit_id')
    .leftJoin('premises_buildings as b', 'b.id', 'u.building_id')
    .selectAll('a')
    .select(['e.name as enterprise_name', 'u.code as unit_code', 'b.name as building_name', queuePositionSql.as('queue_position')]);
  rowsQ = filter.waitlistOrder
    ? rowsQ.orderBy('a.score', 'desc').orderBy('a.submitted_at').orderBy('a.id')
    : rowsQ.orderBy('a.submitted_at', 'desc').orderBy('a.id', 'desc');
  const rows = (await rowsQ
    .limit(paging.pageSize)
    .offset((paging.page - 1) * paging.pageSize)
    .execute()) as unknown as ListedApplication[];
  return { rows, total: Number(totalRow.n) };
}

export async function statusCounts(db: Executor, scope: EnterpriseScope): Promise<Map<string, number>> {
  const rows = await apt(db)
    .selectFrom('apartment_applications as a')
    .where(inEnterpriseScope<any, any>(scope, 'a.park_id', 'a.enterprise_id'))
    .select(['a.status', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('a.status')
    .execute();
  return new Map(rows.map((r) => [r.status, Number(r.n)]));
}

export async function queuePositionOf(db: Executor, parkId: string, id: string): Promise<number | null> {
  const row = await apt(db)
    .selectFrom('apartment_applications as a')
    .select(queuePositionSql.as('p'))
    .where('a.park_id', '=', parkId)
    .where('a.id', '=', id)
    .executeTakeFirst();
  return row?.p ?? null;
}

export async function waitlistSize(db: Executor, parkId: string): Promise<number> {
  const row = await apt(db).selectFrom('apartment_applications').select((eb) => eb.fn.countAll<number>().as('n')).where('park_id', '=', parkId).where('status', '=', 'waitlisted').executeTakeFirstOrThrow();
  return Number(row.n);
}

// ------------------------------------------------------------------ units

export type UnitRow = { id: string; code: string; floor: number; area_m2: number; layout: string | null; status: string; building_id: string; building_code: string; building_name: string };

function unitsQuery(db: Executor, parkId: string) {
  return db
    .selectFrom('premises_units as u')
    .innerJoin('premises_buildings as b', (j) => j.onRef('b.id', '=', 'u.building_id').onRef('b.park_id', '=', 'u.park_id'))
    .select(['u.id', 'u.code', 'u.floor', 'u.area_m2', 'u.layout', 'u.status', 'u.building_id', 'b.code as building_code', 'b.name as building_name'])
    .where('u.park_id', '=', parkId)
    .where('b.kind', '=', 'apartment');
}

export async function findApartmentUnit(db: Executor, parkId: string, unitId: string): Promise<UnitRow | undefined> {
  return unitsQuery(db, parkId).where('u.id', '=', unitId).executeTakeFirst();
}

/**
 * Apartment units free from `on` onwards: available (not under maintenance), and no occupancy that
 * covers `on` or starts later (an allocation is open-ended until move-out). Preferred layout first.
 */
export async function vacantUnits(db: Executor, parkId: string, on: string, options: { preferLayout?: string | null; layout?: string | null; limit?: number } = {}): Promise<UnitRow[]> {
  let q = unitsQuery(db, parkId)
    .where('u.status', '=', 'available')
    .where((eb) => eb.or([eb('b.completed_on', 'is', null), eb('b.completed_on', '<=', on)]))
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('apartment_occupancies as o')
            .select('o.id')
            .whereRef('o.unit_id', '=', 'u.id')
            .where('o.park_id', '=', parkId)
            .where((eb) => eb.or([eb('o.ends_on', 'is', null), eb('o.ends_on', '>', on)])),
        ),
      ),
    );
  if (options.layout) q = q.where('u.layout', '=', options.layout);
  const prefer = options.preferLayout ?? null;
  return q
    .orderBy(sql`case when ${prefer}::text is not null and u.layout = ${prefer}::text then 0 else 1 end`)
    .orderBy('b.code')
    .orderBy('u.floor')
    .orderBy('u.code')
    .limit(options.limit ?? 200)
    .execute();
}

/** The occupancy that stops `unitId` being allocated from `on` (for the 409's message). */
export async function blockingOccupancy(db: Executor, parkId: string, unitId: string, on: string) {
  return apt(db)
    .selectFrom('apartment_occupancies as o')
    .innerJoin('apartment_applications as a', 'a.id', 'o.application_id')
    .select(['o.starts_on', 'o.ends_on', 'a.code', 'a.status'])
    .where('o.park_id', '=', parkId)
    .where('o.unit_id', '=', unitId)
    .where((eb) => eb.or([eb('o.ends_on', 'is', null), eb('o.ends_on', '>', on)]))
    .orderBy('o.starts_on')
    .executeTakeFirst();
}

export const isExclusionViolation = (err: unknown): boolean => (err as { code?: string } | null)?.code === '23P01';
export const isUniqueViolation = (err: unknown): boolean => (err as { code?: string } | null)?.code === '23505';
