import {
  BILL_STATUS_LABELS,
  BUILDING_KIND_LABELS,
  LAND_PARAMETERS,
  LAND_PARAMETER_KEYS,
  LAND_PARAMETER_UNIT_LABELS,
  LEASE_STATUS_LABELS,
  PREMISES_PAYMENT_METHOD_LABELS,
  RELIEF_STATUS_LABELS,
  reliefRuleText,
  rentDaysInMonth,
  rentMonthlyFen,
  rentMonthOf,
  rentPeriodText,
  type ActivateReliefResult,
  type ArrearsQuery,
  type ArrearsView,
  type BillListQuery,
  type BillReliefLineView,
  type BillStatus,
  type BillSummaryView,
  type BillView,
  type BuildingKind,
  type BuildingSummaryView,
  type BuildingView,
  type GenerateBillsResult,
  type LandParameterKey,
  type LandParameterVersionRequest,
  type LandParameterView,
  type LeaseListQuery,
  type LeaseQuoteView,
  type LeaseRequest,
  type LeaseStatus,
  type LeaseSummaryView,
  type LeaseView,
  type MyPremisesView,
  type Paged,
  type PremisesBuildingRequest,
  type PremisesOccupancyCounts,
  type PremisesOccupancyQuery,
  type PremisesOccupancyView,
  type PremisesPaymentMethod,
  type PremisesPaymentRequest,
  type PremisesPaymentView,
  type PremisesUnitDayView,
  type PremisesUnitRequest,
  type PremisesUnitStatus,
  type ReliefFirmRow,
  type ReliefMeasureRequest,
  type ReliefMeasureView,
  type ReliefReportView,
  type ReliefRule,
  type ReliefStatus,
  type UnitDayState,
} from '@yuanqi/contract';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { can, type Actor } from '../../../platform/actor.js';
import { recordAudit } from '../../../platform/audit.js';
import { shanghaiDate } from '../../../platform/calendar/index.js';
import type { AppContext } from '../../../platform/context.js';
import { nextDaySequence } from '../../../platform/day-sequences.js';
import { AppError, conflict, forbidden, invalidState, notFound, validationError } from '../../../platform/errors.js';
import { escapeLike } from '../../../platform/like.js';
import type { NotificationInput } from '../../../platform/notifications.js';
import { enterpriseScopeOf, inEnterpriseScope } from '../../../platform/scope.js';
import { requireAnyLandPermission } from '../access.js';
import { landParameterOn } from '../parameters.js';
import { applyMeasureToIssuedBills, billingLeaseQuery, billStatusOf, computeBill, generateBills, measuresForMonth, toBillingLease, toMeasure } from './bills.js';

type Executor = Kysely<DB> | Transaction<DB>;
const iso = (d: Date | null) => (d ? d.toISOString() : null);
const num = (v: unknown) => Number(v ?? 0);

// ------------------------------------------------------------------ who

function requireStaffReader(actor: Actor): void {
  requireAnyLandPermission(actor, 'premises:read', 'premises:manage');
}
/** Leases and bills: the office reads every firm's; an enterprise (premises:apply) only its own. */
function requireLeaseReader(actor: Actor): void {
  requireAnyLandPermission(actor, 'premises:read', 'premises:manage', 'premises:apply');
}
function requireManager(actor: Actor): void {
  requireAnyLandPermission(actor, 'premises:manage');
}
export function today(ctx: AppContext): string {
  return shanghaiDate(ctx.clock.now());
}

// ------------------------------------------------------------------ dated parameters 要素参数

export async function listParameters(ctx: AppContext, actor: Actor, day?: string): Promise<LandParameterView[]> {
  requireAnyLandPermission(actor, 'land:read', 'land:manage', 'premises:read', 'premises:manage');
  const on = day ?? today(ctx);
  const rows = await ctx.db
    .selectFrom('land_parameters as p')
    .leftJoin('users as u', 'u.id', 'p.created_by')
    .select(['p.id', 'p.key', 'p.valid_from', 'p.value', 'p.note', 'p.created_at', 'u.display_name'])
    .where('p.park_id', '=', actor.parkId)
    .orderBy('p.valid_from', 'desc')
    .execute();
  return LAND_PARAMETER_KEYS.map((key) => {
    const def = LAND_PARAMETERS[key];
    const versions = rows.filter((r) => r.key === key);
    const current = versions.find((v) => v.valid_from <= on);
    return {
      key,
      label: def.label,
      unit: def.unit,
      unitLabel: LAND_PARAMETER_UNIT_LABELS[def.unit],
      defaultValue: def.defaultValue,
      current: current ? num(current.value) : def.defaultValue,
      versions: versions.map((v) => ({ id: v.id, validFrom: v.valid_from, value: num(v.value), note: v.note, createdAt: v.created_at.toISOString(), createdBy: v.display_name })),
    };
  });
}

export async function addParameterVersion(ctx: AppContext, actor: Actor, body: LandParameterVersionRequest): Promise<LandParameterView[]> {
  requireAnyLandPermission(actor, 'land:manage', 'premises:manage');
  if (body.key === 'bill_due_day' && (body.value < 1 || body.value > 28)) throw validationError([{ path: 'value', message: '数值:缴纳截止日应为1—28日' }]);
  if (body.key === 'deposit_months' && body.value > 24) throw validationError([{ path: 'value', message: '数值:押金最多24个月' }]);
  if (body.key === 'idle_years' && (body.value < 1 || body.value > 20)) throw validationError([{ path: 'value', message: '数值:闲置认定年限应为1—20年' }]);
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const clash = await trx.selectFrom('land_parameters').select('id').where('park_id', '=', actor.parkId).where('key', '=', body.key).where('valid_from', '=', body.validFrom).executeTakeFirst();
    if (clash) throw conflict(`${LAND_PARAMETERS[body.key].label}在${body.validFrom}已有一个版本,请换一个生效日期`, [{ path: 'validFrom', message: '该日期已有版本' }]);
    const row = await trx
      .insertInto('land_parameters')
      .values({ park_id: actor.parkId, key: body.key, valid_from: body.validFrom, value: body.value, note: body.note, created_by: actor.userId, created_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, actor.parkId, [{ action: 'create', entity: 'land_parameter', entityId: row.id, after: body }], now);
  });
  return listParameters(ctx, actor);
}

// ------------------------------------------------------------------ occupancy: a unit's state on a day

/**
 * Every unit of the park with its state on `day`: let when a lease (not cancelled) or an apartment
 * occupancy covers the day, else maintenance / disabled by the unit's status, else vacant.
 */
function unitStatesSql(parkId: string, day: string) {
  return sql`select u.id, u.building_id, u.code, u.floor, u.area_m2, u.layout, u.status, u.note,
      coalesce(l.enterprise_id, o.enterprise_id) as enterprise_id,
      l.id as lease_id,
      case when l.id is not null or o.id is not null then 'let'
           when u.status = 'maintenance' then 'maintenance'
           when u.status = 'disabled' then 'disabled'
           else 'vacant' end as state
    from premises_units u
    left join premises_leases l on l.park_id = u.park_id and l.unit_id = u.id and l.status <> 'cancelled'
      and l.starts_on <= ${day}::date and coalesce(l.terminated_on, l.ends_on) >= ${day}::date
    left join apartment_occupancies o on o.park_id = u.park_id and o.unit_id = u.id
      and o.starts_on <= ${day}::date and (o.ends_on is null or o.ends_on > ${day}::date)
    where u.park_id = ${parkId}`;
}

type CountsRow = { units: number; let_n: number; vacant: number; maintenance: number; disabled: number; area: number; let_area: number; vacant_area: number; disabled_area: number };
const countsSelect = sql`count(*)::int as units,
  count(*) filter (where s.state = 'let')::int as let_n,
  count(*) filter (where s.state = 'vacant')::int as vacant,
  count(*) filter (where s.state = 'maintenance')::int as maintenance,
  count(*) filter (where s.state = 'disabled')::int as disabled,
  coalesce(sum(s.area_m2), 0) as area,
  coalesce(sum(s.area_m2) filter (where s.state = 'let'), 0) as let_area,
  coalesce(sum(s.area_m2) filter (where s.state = 'vacant'), 0) as vacant_area,
  coalesce(sum(s.area_m2) filter (where s.state = 'disabled'), 0) as disabled_area`;

const round2 = (v: number) => Math.round(v * 100) / 100;
const rate = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : null);

function toCounts(r: CountsRow | undefined): PremisesOccupancyCounts {
  const units = num(r?.units);
  const disabled = num(r?.disabled);
  const area = num(r?.area);
  const letArea = num(r?.let_area);
  return {
    units,
    let: num(r?.let_n),
    vacant: num(r?.vacant),
    maintenance: num(r?.maintenance),
    disabled,
    areaM2: round2(area),
    letAreaM2: round2(letArea),
    vacantAreaM2: round2(num(r?.vacant_area)),
    // disabled units are not for letting: the rate is over the units that could be let
    occupancyRate: rate(num(r?.let_n), units - disabled),
    areaOccupancyRate: rate(letArea, area - num(r?.disabled_area)),
  };
}

type BuildingRow = { id: string; code: string; name: string; kind: string; floors: number; address: string | null; completed_on: string | null; parcel_id: string | null; note: string | null };
function presentBuilding(b: BuildingRow, counts: PremisesOccupancyCounts): BuildingSummaryView {
  const kind = b.kind as BuildingKind;
  return { id: b.id, code: b.code, name: b.name, kind, kindLabel: BUILDING_KIND_LABELS[kind], floors: b.floors, address: b.address, completedOn: b.completed_on, parcelId: b.parcel_id, note: b.note, counts };
}

export async function listBuildings(ctx: AppContext, actor: Actor, query: PremisesOccupancyQuery): Promise<{ date: string; items: BuildingSummaryView[] }> {
  requireStaffReader(actor);
  const day = query.date ?? today(ctx);
  let q = ctx.db
    .selectFrom('premises_buildings')
    .select(['id', 'code', 'name', 'kind', 'floors', 'address', 'completed_on', 'parcel_id', 'note'])
    .where('park_id', '=', actor.parkId)
    .orderBy('kind')
    .orderBy('code');
  if (query.kind) q = q.where('kind', '=', query.kind);
  if (query.q) q = q.where((eb) => eb.or([eb('name', 'ilike', `%${escapeLike(query.q!)}%`), eb('code', 'ilike', `%${escapeLike(query.q!)}%`)]));
  const buildings = await q.execute();
  const counts = await sql<CountsRow & { building_id: string }>`select s.building_id, ${countsSelect} from (${unitStatesSql(actor.parkId, day)}) s group by s.building_id`.execute(ctx.db);
  const byBuilding = new Map(counts.rows.map((r) => [r.building_id, r]));
  return { date: day, items: buildings.map((b) => presentBuilding(b, toCounts(byBuilding.get(b.id)))) };
}

/** The park's vacancy and occupancy on a day, by building kind (units and ㎡). */
export async function occupancy(ctx: AppContext, actor: Actor, day?: string): Promise<PremisesOccupancyView> {
  requireStaffReader(actor);
  const date = day ?? today(ctx);
  return occupancyOn(ctx.db, actor.parkId, date);
}

export async function occupancyOn(db: Executor, parkId: string, date: string): Promise<PremisesOccupancyView> {
  const rows = await sql<CountsRow & { kind: string; buildings: number }>`select b.kind, count(distinct s.building_id)::int as buildings, ${countsSelect}
      from (${unitStatesSql(parkId, date)}) s join premises_buildings b on b.id = s.building_id group by b.kind`.execute(db);
  const buildingCounts = await db.selectFrom('premises_buildings').select(['kind', sql<number>`count(*)::int`.as('n')]).where('park_id', '=', parkId).groupBy('kind').execute();
  const kinds: BuildingKind[] = ['custom_factory', 'standard_factory', 'apartment'];
  const byKind = kinds.map((kind) => {
    const r = rows.rows.find((x) => x.kind === kind);
    return { kind, kindLabel: BUILDING_KIND_LABELS[kind], buildings: num(buildingCounts.find((b) => b.kind === kind)?.n), ...toCounts(r) };
  });
  const sumOf = (list: typeof byKind) => {
    const raw = rows.rows.filter((r) => list.some((k) => k.kind === r.kind));
    const total: CountsRow = { units: 0, let_n: 0, vacant: 0, maintenance: 0, disabled: 0, area: 0, let_area: 0, vacant_area: 0, disabled_area: 0 };
    for (const r of raw) for (const k of Object.keys(total) as (keyof CountsRow)[]) total[k] += num(r[k]);
    return toCounts(total);
  };
  return {
    date,
    byKind,
    total: { buildings: byKind.reduce((a, b) => a + b.buildings, 0), ...sumOf(byKind) },
    factories: sumOf(byKind.filter((k) => k.kind !== 'apartment')),
  };
}

async function buildingRow(db: Executor, parkId: string, id: string): Promise<BuildingRow> {
  const b = await db.selectFrom('premises_buildings').select(['id', 'code', 'name', 'kind', 'floors', 'address', 'completed_on', 'parcel_id', 'note']).where('park_id', '=', parkId).where('id', '=', id).executeTakeFirst();
  if (!b) throw notFound('楼宇');
  return b;
}

export async function getBuilding(ctx: AppContext, actor: Actor, id: string, day?: string): Promise<BuildingView> {
  requireStaffReader(actor);
  const date = day ?? today(ctx);
  const b = await buildingRow(ctx.db, actor.parkId, id);
  const units = await sql<{ id: string; code: string; floor: number; area_m2: number; layout: string | null; status: string; note: string | null; enterprise_id: string | null; lease_id: string | null; state: string; tenant: string | null }>`
    select s.*, e.name as tenant from (${unitStatesSql(actor.parkId, date)}) s left join enterprises e on e.id = s.enterprise_id
    where s.building_id = ${id} order by s.floor desc, s.code`.execute(ctx.db);
  const counts = await sql<CountsRow>`select ${countsSelect} from (${unitStatesSql(actor.parkId, date)}) s where s.building_id = ${id}`.execute(ctx.db);
  const unitViews: PremisesUnitDayView[] = units.rows.map((u) => ({
    id: u.id,
    code: u.code,
    floor: u.floor,
    areaM2: num(u.area_m2),
    layout: u.layout,
    status: u.status as PremisesUnitStatus,
    state: u.state as UnitDayState,
    tenantName: u.tenant,
    enterpriseId: u.enterprise_id,
    leaseId: u.lease_id,
    note: u.note,
  }));
  return { ...presentBuilding(b, toCounts(counts.rows[0])), date, units: unitViews };
}

async function checkParcel(db: Executor, parkId: string, parcelId: string | null | undefined): Promise<void> {
  if (!parcelId) return;
  const p = await db.selectFrom('land_parcels').select('id').where('park_id', '=', parkId).where('id', '=', parcelId).executeTakeFirst();
  if (!p) throw validationError([{ path: 'parcelId', message: '所在地块:地块不存在' }]);
}

export async function createBuilding(ctx: AppContext, actor: Actor, body: PremisesBuildingRequest): Promise<BuildingView> {
  requireManager(actor);
  const now = ctx.clock.now();
  const id = await ctx.db.transaction().execute(async (trx) => {
    await checkParcel(trx, actor.parkId, body.parcelId);
    const clash = await trx.selectFrom('premises_buildings').select('id').where('park_id', '=', actor.parkId).where('code', '=', body.code).executeTakeFirst();
    if (clash) throw conflict(`楼宇编码“${body.code}”已被使用`, [{ path: 'code', message: '编码已被使用' }]);
    const row = await trx
      .insertInto('premises_buildings')
      .values({ park_id: actor.parkId, code: body.code, name: body.name, kind: body.kind, address: body.address, floors: body.floors, parcel_id: body.parcelId ?? null, completed_on: body.completedOn ?? null, note: body.note, created_by: actor.userId, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, actor.parkId, [{ action: 'create', entity: 'premises_building', entityId: row.id, after: body }], now);
    return row.id;
  });
  return getBuilding(ctx, actor, id);
}

export async function updateBuilding(ctx: AppContext, actor: Actor, id: string, body: Partial<PremisesBuildingRequest>): Promise<BuildingView> {
  requireManager(actor);
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const before = await buildingRow(trx, actor.parkId, id);
    await checkParcel(trx, actor.parkId, body.parcelId);
    if (body.kind && body.kind !== before.kind) {
      const units = await trx.selectFrom('premises_units').select('id').where('park_id', '=', actor.parkId).where('building_id', '=', id).limit(1).executeTakeFirst();
      if (units) throw conflict('楼宇已有房源,不能更改楼宇类型', [{ path: 'kind', message: '已有房源,不能更改类型' }]);
    }
    if (body.code && body.code !== before.code) {
      const clash = await trx.selectFrom('premises_buildings').select('id').where('park_id', '=', actor.parkId).where('code', '=', body.code).executeTakeFirst();
      if (clash) throw conflict(`楼宇编码“${body.code}”已被使用`, [{ path: 'code', message: '编码已被使用' }]);
    }
    await trx
      .updateTable('premises_buildings')
      .set({
        ...(body.code !== undefined ? { code: body.code } : {}),
        ...(body.name !== undefined ? { name: body.name } : {}),
        ...(body.kind !== undefined ? { kind: body.kind } : {}),
        ...(body.address !== undefined ? { address: body.address } : {}),
        ...(body.floors !== undefined ? { floors: body.floors } : {}),
        ...(body.parcelId !== undefined ? { parcel_id: body.parcelId ?? null } : {}),
        ...(body.completedOn !== undefined ? { completed_on: body.completedOn ?? null } : {}),
        ...(body.note !== undefined ? { note: body.note } : {}),
        updated_at: now,
      })
      .where('park_id', '=', actor.parkId)
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, actor, actor.parkId, [{ action: 'update', entity: 'premises_building', entityId: id, before, after: body }], now);
  });
  return getBuilding(ctx, actor, id);
}

async function unitRow(db: Executor, parkId: string, id: string) {
  const u = await db
    .selectFrom('premises_units as u')
    .innerJoin('premises_buildings as b', 'b.id', 'u.building_id')
    .select(['u.id', 'u.building_id', 'u.code', 'u.floor', 'u.area_m2', 'u.layout', 'u.status', 'u.note', 'b.kind', 'b.name as building_name', 'b.floors'])
    .where('u.park_id', '=', parkId)
    .where('u.id', '=', id)
    .executeTakeFirst();
  if (!u) throw notFound('房源');
  return u;
}

function checkFloor(floor: number, floors: number): void {
  if (floor > floors || floor === 0) throw validationError([{ path: 'floor', message: `楼层:应在1—${floors}层之间(地下层用负数)` }]);
}

export async function createUnit(ctx: AppContext, actor: Actor, buildingId: string, body: PremisesUnitRequest): Promise<BuildingView> {
  requireManager(actor);
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const b = await buildingRow(trx, actor.parkId, buildingId);
    checkFloor(body.floor, b.floors);
    const clash = await trx.selectFrom('premises_units').select('id').where('park_id', '=', actor.parkId).where('building_id', '=', buildingId).where('code', '=', body.code).executeTakeFirst();
    if (clash) throw conflict(`${b.name}已有房号“${body.code}”`, [{ path: 'code', message: '房号已存在' }]);
    const row = await trx
      .insertInto('premises_units')
      .values({ park_id: actor.parkId, building_id: buildingId, code: body.code, floor: body.floor, area_m2: body.areaM2, layout: body.layout, status: body.status, note: body.note, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, actor.parkId, [{ action: 'create', entity: 'premises_unit', entityId: row.id, after: { buildingId, ...body } }], now);
  });
  return getBuilding(ctx, actor, buildingId);
}

export async function updateUnit(ctx: AppContext, actor: Actor, id: string, body: Partial<PremisesUnitRequest>): Promise<BuildingView> {
  requireManager(actor);
  const now = ctx.clock.now();
  const buildingId = await ctx.db.transaction().execute(async (trx) => {
    const before = await unitRow(trx, actor.parkId, id);
    if (body.floor !== undefined) checkFloor(body.floor, before.floors);
    if (body.code && body.code !== before.code) {
      const clash = await trx.selectFrom('premises_units').select('id').where('park_id', '=', actor.parkId).where('building_id', '=', before.building_id).where('code', '=', body.code).executeTakeFirst();
      if (clash) throw conflict(`${before.building_name}已有房号“${body.code}”`, [{ path: 'code', message: '房号已存在' }]);
    }
    await trx
      .updateTable('premises_units')
      .set({
        ...(body.code !== undefined ? { code: body.code } : {}),
        ...(body.floor !== undefined ? { floor: body.floor } : {}),
        ...(body.areaM2 !== undefined ? { area_m2: body.areaM2 } : {}),
        ...(body.layout !== undefined ? { layout: body.layout } : {}),
        ...(body.status !== undefined ? { status: body.status } : {}),
        ...(body.note !== undefined ? { note: body.note } : {}),
        updated_at: now,
      })
      .where('park_id', '=', actor.parkId)
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, actor, actor.parkId, [{ action: 'update', entity: 'premises_unit', entityId: id, before, after: body }], now);
    return before.building_id;
  });
  return getBuilding(ctx, actor, buildingId);
}

// ------------------------------------------------------------------ leases

function leaseQuery(db: Executor) {
  return db
    .selectFrom('premises_leases as l')
    .innerJoin('premises_units as u', 'u.id', 'l.unit_id')
    .innerJoin('premises_buildings as b', 'b.id', 'u.building_id')
    .innerJoin('enterprises as e', 'e.id', 'l.enterprise_id')
    .select([
      'l.id',
      'l.contract_no',
      'l.enterprise_id',
      'e.name as enterprise_name',
      'l.unit_id',
      'u.code as unit_code',
      'u.floor',
      'u.area_m2',
      'b.id as building_id',
      'b.name as building_name',
      'b.kind as building_kind',
      'l.starts_on',
      'l.ends_on',
      'l.terminated_on',
      'l.rent_fen_per_m2_month',
      'l.monthly_rent_fen',
      'l.deposit_fen',
      'l.status',
      'l.terminate_reason',
      'l.note',
      'l.created_at',
    ]);
}
type LeaseRow = Awaited<ReturnType<ReturnType<typeof leaseQuery>['execute']>>[number];

function presentLease(r: LeaseRow): LeaseSummaryView {
  const status = r.status as LeaseStatus;
  return {
    id: r.id,
    contractNo: r.contract_no,
    enterpriseId: r.enterprise_id,
    enterpriseName: r.enterprise_name,
    unitId: r.unit_id,
    unitCode: r.unit_code,
    floor: r.floor,
    buildingId: r.building_id,
    buildingName: r.building_name,
    buildingKind: r.building_kind as BuildingKind,
    areaM2: num(r.area_m2),
    startsOn: r.starts_on,
    endsOn: r.ends_on,
    lastDay: r.terminated_on ?? r.ends_on,
    rentFenPerM2Month: num(r.rent_fen_per_m2_month),
    monthlyRentFen: num(r.monthly_rent_fen),
    depositFen: num(r.deposit_fen),
    status,
    statusLabel: LEASE_STATUS_LABELS[status],
    terminatedOn: r.terminated_on,
  };
}

export async function listLeases(ctx: AppContext, actor: Actor, query: LeaseListQuery): Promise<Paged<LeaseSummaryView>> {
  requireLeaseReader(actor);
  let q = leaseQuery(ctx.db).where(inEnterpriseScope<any, any>(enterpriseScopeOf(actor), 'l.park_id', 'l.enterprise_id'));
  if (query.status) q = q.where('l.status', '=', query.status);
  if (query.enterpriseId) q = q.where('l.enterprise_id', '=', query.enterpriseId);
  if (query.buildingId) q = q.where('b.id', '=', query.buildingId);
  if (query.unitId) q = q.where('l.unit_id', '=', query.unitId);
  if (query.on) q = q.where('l.status', '<>', 'cancelled').where('l.starts_on', '<=', query.on).where(sql<boolean>`coalesce(l.terminated_on, l.ends_on) >= ${query.on}::date`);
  if (query.q) {
    const like = `%${escapeLike(query.q)}%`;
    q = q.where((eb) => eb.or([eb('e.name', 'ilike', like), eb('l.contract_no', 'ilike', like), eb('b.name', 'ilike', like), eb('u.code', 'ilike', like)]));
  }
  const total = await q.clearSelect().select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
  const rows = await q.orderBy('l.starts_on', 'desc').orderBy('l.contract_no', 'desc').limit(query.pageSize).offset((query.page - 1) * query.pageSize).execute();
  return { items: rows.map(presentLease), total: total.n, page: query.page, pageSize: query.pageSize };
}

async function leaseRow(db: Executor, actor: Actor, id: string): Promise<LeaseRow> {
  const r = await leaseQuery(db).where(inEnterpriseScope<any, any>(enterpriseScopeOf(actor), 'l.park_id', 'l.enterprise_id')).where('l.id', '=', id).executeTakeFirst();
  if (!r) throw notFound('租赁合同');
  return r;
}

export async function getLease(ctx: AppContext, actor: Actor, id: string): Promise<LeaseView> {
  requireLeaseReader(actor);
  const r = await leaseRow(ctx.db, actor, id);
  const bills = await billSummaries(ctx, actor, (q) => q.where('pb.lease_id', '=', id).orderBy('pb.period', 'desc'));
  const live = bills.filter((b) => b.status !== 'void');
  const sum = (f: (b: BillSummaryView) => number) => live.reduce((a, b) => a + f(b), 0);
  return {
    ...presentLease(r),
    terminateReason: r.terminate_reason,
    note: r.note,
    createdAt: r.created_at.toISOString(),
    bills,
    totals: { grossFen: sum((b) => b.grossFen), reliefFen: sum((b) => b.reliefTotalFen), dueFen: sum((b) => b.dueFen), paidFen: sum((b) => b.paidFen), balanceFen: sum((b) => b.balanceFen) },
  };
}

/** The rate, monthly rent and deposit a new lease of the unit starting on `startsOn` gets. */
export async function quoteLease(db: Executor, parkId: string, unitId: string, startsOn: string, negotiatedRate?: number | null, deposit?: number | null): Promise<LeaseQuoteView> {
  const u = await db
    .selectFrom('premises_units as u')
    .innerJoin('premises_buildings as b', 'b.id', 'u.building_id')
    .select(['u.id', 'u.area_m2', 'b.kind'])
    .where('u.park_id', '=', parkId)
    .where('u.id', '=', unitId)
    .executeTakeFirst();
  if (!u) throw notFound('房源');
  const kind = u.kind as BuildingKind;
  const parameterRateFen = await landParameterOn(db, parkId, `rent.${kind}` as LandParameterKey, startsOn);
  const rateFen = negotiatedRate ?? parameterRateFen;
  const monthly = rentMonthlyFen(num(u.area_m2), rateFen);
  const depositMonths = await landParameterOn(db, parkId, 'deposit_months', startsOn);
  return { unitId, areaM2: num(u.area_m2), buildingKind: kind, parameterRateFen, rateFen, monthlyRentFen: monthly, depositMonths, depositFen: deposit ?? monthly * depositMonths };
}

export async function leaseQuote(ctx: AppContext, actor: Actor, unitId: string, startsOn: string, rateFen?: number): Promise<LeaseQuoteView> {
  requireStaffReader(actor);
  return quoteLease(ctx.db, actor.parkId, unitId, startsOn, rateFen);
}

const isOverlap = (err: unknown) => {
  const e = err as { code?: string; constraint?: string; message?: string } | null;
  return e?.code === '23P01' && (e.constraint === 'premises_leases_no_overlap' || (e.message ?? '').includes('premises_leases_no_overlap') || !e.constraint);
};

/** The lease (not cancelled) of the unit whose days meet [from, to], if any. */
async function overlappingLease(db: Executor, parkId: string, unitId: string, from: string, to: string, exceptId?: string) {
  let q = leaseQuery(db)
    .where('l.park_id', '=', parkId)
    .where('l.unit_id', '=', unitId)
    .where('l.status', '<>', 'cancelled')
    .where('l.starts_on', '<=', to)
    .where(sql<boolean>`coalesce(l.terminated_on, l.ends_on) >= ${from}::date`);
  if (exceptId) q = q.where('l.id', '<>', exceptId);
  return q.orderBy('l.starts_on').executeTakeFirst();
}

function overlapError(other: LeaseRow): AppError {
  const last = other.terminated_on ?? other.ends_on;
  return conflict(`${other.building_name} ${other.unit_code} 在这段时间已出租:合同${other.contract_no}(${other.enterprise_name},${other.starts_on} 至 ${last}),同一房源的租期不能重叠`, [
    { path: 'unitId', message: `房源${other.building_name} ${other.unit_code}与合同${other.contract_no}租期重叠` },
  ]);
}

export async function createLease(ctx: AppContext, actor: Actor, body: LeaseRequest): Promise<LeaseView> {
  requireManager(actor);
  const now = ctx.clock.now();
  let id: string;
  try {
    id = await ctx.db.transaction().execute(async (trx) => {
      const unit = await unitRow(trx, actor.parkId, body.unitId);
      if (unit.kind === 'apartment') throw validationError([{ path: 'unitId', message: '房源:人才公寓通过人才公寓申请分配入住,不签厂房租赁合同' }]);
      if (unit.status !== 'available') throw conflict(`${unit.building_name} ${unit.code} ${unit.status === 'maintenance' ? '维修中' : '已停用'},不能出租`, [{ path: 'unitId', message: '房源不可出租' }]);
      const firm = await trx.selectFrom('enterprises').select(['id', 'name']).where('park_id', '=', actor.parkId).where('id', '=', body.enterpriseId).executeTakeFirst();
      if (!firm) throw validationError([{ path: 'enterpriseId', message: '企业:企业不存在' }]);
      const other = await overlappingLease(trx, actor.parkId, body.unitId, body.startsOn, body.endsOn);
      if (other) throw overlapError(other);
      const quote = await quoteLease(trx, actor.parkId, body.unitId, body.startsOn, body.rentFenPerM2Month, body.depositFen);
      const day = today(ctx);
      const seq = await nextDaySequence(trx, 'premises_lease_number_sequences', actor.parkId, day);
      const contractNo = `ZL${day.replace(/-/g, '')}${String(seq).padStart(3, '0')}`;
      const row = await trx
        .insertInto('premises_leases')
        .values({
          park_id: actor.parkId,
          contract_no: contractNo,
          enterprise_id: body.enterpriseId,
          unit_id: body.unitId,
          starts_on: body.startsOn,
          ends_on: body.endsOn,
          rent_fen_per_m2_month: quote.rateFen,
          monthly_rent_fen: quote.monthlyRentFen,
          deposit_fen: quote.depositFen,
          status: 'active',
          note: body.note,
          created_by: actor.userId,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await recordAudit(trx, actor, actor.parkId, [{ action: 'create', entity: 'premises_lease', entityId: row.id, after: { ...body, contractNo, rentFenPerM2Month: quote.rateFen, monthlyRentFen: quote.monthlyRentFen, depositFen: quote.depositFen } }], now);
      return row.id;
    });
  } catch (err) {
    // two signings of one unit at once: the exclusion constraint lets exactly one through
    if (isOverlap(err)) {
      const other = await overlappingLease(ctx.db, actor.parkId, body.unitId, body.startsOn, body.endsOn);
      if (other) throw overlapError(other);
      throw conflict('该房源在这段时间已出租,同一房源的租期不能重叠', [{ path: 'unitId', message: '租期重叠' }]);
    }
    throw err;
  }
  return getLease(ctx, actor, id);
}

/**
 * Ends a lease early. The bill of the month it ends in is recomputed for the days let, later bills
 * are voided; a bill with payments whose amount would change is refused (void the payment first).
 */
export async function terminateLease(ctx: AppContext, actor: Actor, id: string, body: { terminatedOn: string; reason: string }): Promise<LeaseView> {
  requireManager(actor);
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    await trx.selectFrom('premises_leases').select('id').where('park_id', '=', actor.parkId).where('id', '=', id).forUpdate().executeTakeFirst();
    const before = await leaseRow(trx, actor, id);
    if (before.status !== 'active') throw invalidState(`合同${before.contract_no}${LEASE_STATUS_LABELS[before.status as LeaseStatus]},不能再终止`);
    if (body.terminatedOn < before.starts_on || body.terminatedOn > before.ends_on) {
      throw validationError([{ path: 'terminatedOn', message: `终止日期:应在租期内(${before.starts_on} 至 ${before.ends_on})` }]);
    }
    await trx.updateTable('premises_leases').set({ status: 'terminated', terminated_on: body.terminatedOn, terminate_reason: body.reason, updated_at: now }).where('park_id', '=', actor.parkId).where('id', '=', id).execute();
    await rebillLease(trx, actor.parkId, id, rentMonthOf(body.terminatedOn), now);
    await recordAudit(trx, actor, actor.parkId, [{ action: 'terminate', entity: 'premises_lease', entityId: id, before: { status: before.status }, after: body }], now);
  });
  return getLease(ctx, actor, id);
}

/** Recomputes the lease's bills from `fromPeriod` on (after its dates changed); refuses to change a bill with payments. */
async function rebillLease(trx: Transaction<DB>, parkId: string, leaseId: string, fromPeriod: string, now: Date): Promise<void> {
  const lease = toBillingLease(await billingLeaseQuery(trx, parkId).where('l.id', '=', leaseId).executeTakeFirstOrThrow());
  const bills = await trx.selectFrom('premises_bills').select(['id', 'period', 'days', 'gross_fen', 'paid_fen']).where('park_id', '=', parkId).where('lease_id', '=', leaseId).where('period', '>=', fromPeriod).where('status', '<>', 'void').forUpdate().execute();
  for (const b of bills) {
    const measures = await measuresForMonth(trx, parkId, b.period, ['active', 'closed']);
    const kept = await trx.selectFrom('premises_bill_reliefs').select('measure_id').where('park_id', '=', parkId).where('bill_id', '=', b.id).execute();
    const applied = measures.filter((m) => kept.some((k) => k.measure_id === m.id));
    const next = computeBill(lease, b.period, applied);
    if (next && next.days === b.days) continue;
    if (num(b.paid_fen) > 0) throw conflict(`${rentPeriodText(b.period)}账单已有缴费,租期变更会改变其金额,请先作废该账单的缴费`);
    await trx.deleteFrom('premises_bill_reliefs').where('park_id', '=', parkId).where('bill_id', '=', b.id).execute();
    if (!next) {
      await trx.updateTable('premises_bills').set({ status: 'void', updated_at: now }).where('id', '=', b.id).execute();
      continue;
    }
    await trx
      .updateTable('premises_bills')
      .set({ days: next.days, gross_fen: next.grossFen, relief_fen: next.reliefFen, due_fen: next.grossFen - next.reliefFen, credit_fen: 0, status: billStatusOf(next.grossFen - next.reliefFen, 0), updated_at: now })
      .where('id', '=', b.id)
      .execute();
    if (next.reliefs.length) {
      await trx.insertInto('premises_bill_reliefs').values(next.reliefs.map((r) => ({ park_id: parkId, bill_id: b.id, measure_id: r.measureId, enterprise_id: lease.enterpriseId, amount_fen: r.amountFen, explanation: r.explanation }))).execute();
    }
  }
}

/** Voids a lease signed by mistake: only one never billed. */
export async function cancelLease(ctx: AppContext, actor: Actor, id: string, body: { reason: string }): Promise<LeaseView> {
  requireManager(actor);
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    await trx.selectFrom('premises_leases').select('id').where('park_id', '=', actor.parkId).where('id', '=', id).forUpdate().executeTakeFirst();
    const before = await leaseRow(trx, actor, id);
    if (before.status !== 'active') throw invalidState(`合同${before.contract_no}${LEASE_STATUS_LABELS[before.status as LeaseStatus]},不能作废`);
    const billed = await trx.selectFrom('premises_bills').select('id').where('park_id', '=', actor.parkId).where('lease_id', '=', id).where('status', '<>', 'void').limit(1).executeTakeFirst();
    if (billed) throw conflict(`合同${before.contract_no}已出账单,不能作废;请办理提前终止`);
    await trx.updateTable('premises_leases').set({ status: 'cancelled', terminate_reason: body.reason, updated_at: now }).where('park_id', '=', actor.parkId).where('id', '=', id).execute();
    await recordAudit(trx, actor, actor.parkId, [{ action: 'cancel', entity: 'premises_lease', entityId: id, before: { status: before.status }, after: body }], now);
  });
  return getLease(ctx, actor, id);
}

// ------------------------------------------------------------------ bills

function billQuery(db: Executor) {
  return db
    .selectFrom('premises_bills as pb')
    .innerJoin('premises_leases as l', 'l.id', 'pb.lease_id')
    .innerJoin('premises_units as u', 'u.id', 'l.unit_id')
    .innerJoin('premises_buildings as b', 'b.id', 'u.building_id')
    .innerJoin('enterprises as e', 'e.id', 'pb.enterprise_id')
    .select([
      'pb.id',
      'pb.lease_id',
      'l.contract_no',
      'pb.enterprise_id',
      'e.name as enterprise_name',
      'b.name as building_name',
      'u.code as unit_code',
      'pb.period',
      'pb.days',
      'pb.gross_fen',
      'pb.relief_fen',
      'pb.credit_fen',
      'pb.due_fen',
      'pb.paid_fen',
      'pb.due_on',
      'pb.status',
      'pb.reminded_at',
      'l.monthly_rent_fen',
      sql<number>`coalesce((select sum(r.amount_fen) from premises_bill_reliefs r where r.park_id = pb.park_id and r.bill_id = pb.id), 0)`.as('relief_total'),
    ]);
}
type BillRow = Awaited<ReturnType<ReturnType<typeof billQuery>['execute']>>[number];

function overdueDays(dueOn: string, day: string, balance: number): number {
  if (balance <= 0 || day <= dueOn) return 0;
  return Math.round((Date.parse(`${day}T00:00:00Z`) - Date.parse(`${dueOn}T00:00:00Z`)) / 86_400_000);
}

function presentBill(r: BillRow, day: string): BillSummaryView {
  const status = r.status as BillStatus;
  const balance = status === 'void' ? 0 : num(r.due_fen) - num(r.paid_fen);
  return {
    id: r.id,
    leaseId: r.lease_id,
    contractNo: r.contract_no,
    enterpriseId: r.enterprise_id,
    enterpriseName: r.enterprise_name,
    unitLabel: `${r.building_name} ${r.unit_code}`,
    period: r.period,
    periodLabel: rentPeriodText(r.period),
    days: r.days,
    daysInMonth: rentDaysInMonth(r.period),
    grossFen: num(r.gross_fen),
    reliefTotalFen: num(r.relief_total),
    reliefFen: num(r.relief_fen),
    creditFen: num(r.credit_fen),
    dueFen: num(r.due_fen),
    paidFen: num(r.paid_fen),
    balanceFen: balance,
    dueOn: r.due_on,
    status,
    statusLabel: BILL_STATUS_LABELS[status],
    overdueDays: overdueDays(r.due_on, day, balance),
  };
}

type BillQ = ReturnType<typeof billQuery>;
async function billSummaries(ctx: AppContext, actor: Actor, shape: (q: BillQ) => BillQ): Promise<BillSummaryView[]> {
  const rows = await shape(billQuery(ctx.db).where(inEnterpriseScope<any, any>(enterpriseScopeOf(actor), 'pb.park_id', 'pb.enterprise_id'))).execute();
  const day = today(ctx);
  return rows.map((r) => presentBill(r, day));
}

export async function listBills(ctx: AppContext, actor: Actor, query: BillListQuery): Promise<Paged<BillSummaryView> & { totals: { grossFen: number; reliefFen: number; dueFen: number; paidFen: number } }> {
  requireLeaseReader(actor);
  let q = billQuery(ctx.db).where(inEnterpriseScope<any, any>(enterpriseScopeOf(actor), 'pb.park_id', 'pb.enterprise_id'));
  if (query.month) q = q.where('pb.period', '=', `${query.month}-01`);
  if (query.status) q = q.where('pb.status', '=', query.status);
  if (query.enterpriseId) q = q.where('pb.enterprise_id', '=', query.enterpriseId);
  if (query.leaseId) q = q.where('pb.lease_id', '=', query.leaseId);
  if (query.q) {
    const like = `%${escapeLike(query.q)}%`;
    q = q.where((eb) => eb.or([eb('e.name', 'ilike', like), eb('l.contract_no', 'ilike', like), eb('b.name', 'ilike', like)]));
  }
  const agg = await q
    .clearSelect()
    .select([
      sql<number>`count(*)::int`.as('n'),
      sql<number>`coalesce(sum(pb.gross_fen) filter (where pb.status <> 'void'), 0)`.as('gross'),
      sql<number>`coalesce(sum(pb.gross_fen - pb.due_fen + pb.credit_fen) filter (where pb.status <> 'void'), 0)`.as('relief'),
      sql<number>`coalesce(sum(pb.due_fen) filter (where pb.status <> 'void'), 0)`.as('due'),
      sql<number>`coalesce(sum(pb.paid_fen) filter (where pb.status <> 'void'), 0)`.as('paid'),
    ])
    .executeTakeFirstOrThrow();
  const rows = await q.orderBy('pb.period', 'desc').orderBy('e.name').orderBy('pb.id').limit(query.pageSize).offset((query.page - 1) * query.pageSize).execute();
  const day = today(ctx);
  return { items: rows.map((r) => presentBill(r, day)), total: agg.n, page: query.page, pageSize: query.pageSize, totals: { grossFen: num(agg.gross), reliefFen: num(agg.relief), dueFen: num(agg.due), paidFen: num(agg.paid) } };
}

async function reliefLines(db: Executor, parkId: string, billIds: string[]): Promise<Map<string, BillReliefLineView[]>> {
  const out = new Map<string, BillReliefLineView[]>();
  if (billIds.length === 0) return out;
  const rows = await db
    .selectFrom('premises_bill_reliefs as r')
    .innerJoin('premises_relief_measures as m', 'm.id', 'r.measure_id')
    .select(['r.bill_id', 'r.measure_id', 'm.code', 'm.name', 'r.amount_fen', 'r.explanation'])
    .where('r.park_id', '=', parkId)
    .where('r.bill_id', 'in', billIds)
    .orderBy('m.created_at')
    .execute();
  for (const r of rows) {
    const list = out.get(r.bill_id) ?? [];
    list.push({ measureId: r.measure_id, measureCode: r.code, measureName: r.name, amountFen: num(r.amount_fen), explanation: r.explanation });
    out.set(r.bill_id, list);
  }
  return out;
}

export async function getBill(ctx: AppContext, actor: Actor, id: string): Promise<BillView> {
  requireLeaseReader(actor);
  const r = await billQuery(ctx.db).where(inEnterpriseScope<any, any>(enterpriseScopeOf(actor), 'pb.park_id', 'pb.enterprise_id')).where('pb.id', '=', id).select('pb.reminded_at').executeTakeFirst();
  if (!r) throw notFound('账单');
  const lease = presentLease(await leaseRow(ctx.db, actor, r.lease_id));
  const lines = (await reliefLines(ctx.db, actor.parkId, [id])).get(id) ?? [];
  const payments = await ctx.db
    .selectFrom('premises_payments as p')
    .leftJoin('users as u', 'u.id', 'p.created_by')
    .select(['p.id', 'p.amount_fen', 'p.paid_on', 'p.method', 'p.reference', 'p.note', 'p.status', 'p.void_reason', 'p.created_at', 'u.display_name'])
    .where('p.park_id', '=', actor.parkId)
    .where('p.bill_id', '=', id)
    .orderBy('p.created_at')
    .execute();
  const summary = presentBill(r, today(ctx));
  const monthly = num(r.monthly_rent_fen);
  const full = summary.days >= summary.daysInMonth;
  return {
    ...summary,
    lease,
    monthlyRentFen: monthly,
    reliefs: lines,
    payments: payments.map(
      (p): PremisesPaymentView => ({
        id: p.id,
        amountFen: num(p.amount_fen),
        paidOn: p.paid_on,
        method: p.method as PremisesPaymentMethod,
        methodLabel: PREMISES_PAYMENT_METHOD_LABELS[p.method as PremisesPaymentMethod],
        reference: p.reference,
        note: p.note,
        status: p.status as 'active' | 'void',
        voidReason: p.void_reason,
        createdAt: p.created_at.toISOString(),
        createdBy: p.display_name,
      }),
    ),
    remindedAt: iso(r.reminded_at),
    grossExplanation: full
      ? `整月:月租金 ${(monthly / 100).toFixed(2)}元(${lease.areaM2.toFixed(2)}㎡ × ${(lease.rentFenPerM2Month / 100).toFixed(2)}元/㎡/月)`
      : `不足整月:月租金 ${(monthly / 100).toFixed(2)}元 × ${summary.days}/${summary.daysInMonth}天,四舍五入到分`,
  };
}

export async function generateMonth(ctx: AppContext, actor: Actor | null, parkId: string, month: string): Promise<GenerateBillsResult> {
  if (actor) requireManager(actor);
  const period = `${month}-01`;
  const now = ctx.clock.now();
  if (period > rentMonthOf(shanghaiDate(now))) throw validationError([{ path: 'month', message: '月份:不能为未来月份出账' }]);
  return ctx.db.transaction().execute(async (trx) => {
    // one generation of a park's month at a time (the unique key would keep bills single anyway)
    await sql`select pg_advisory_xact_lock(hashtext(${`premises-bills:${parkId}:${period}`}))`.execute(trx);
    const out = await generateBills(trx, parkId, period, now);
    if (out.created > 0) {
      await recordAudit(trx, actor, parkId, [{ action: 'generate', entity: 'premises_bill', entityId: null, after: { period, created: out.created, grossFen: out.grossFen, reliefFen: out.reliefFen } }], now);
    }
    return { period, created: out.created, existing: out.existing, reliefLines: out.reliefLines, grossFen: out.grossFen, reliefFen: out.reliefFen };
  });
}

// ------------------------------------------------------------------ payments

export async function recordPayment(ctx: AppContext, actor: Actor, billId: string, body: PremisesPaymentRequest): Promise<BillView> {
  requireManager(actor);
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const bill = await trx.selectFrom('premises_bills').selectAll().where('park_id', '=', actor.parkId).where('id', '=', billId).forUpdate().executeTakeFirst();
    if (!bill) throw notFound('账单');
    if (bill.status === 'void') throw invalidState('账单已作废,不能登记缴费');
    const balance = num(bill.due_fen) - num(bill.paid_fen);
    if (balance <= 0) throw invalidState('账单已缴清');
    if (body.amountFen > balance) throw validationError([{ path: 'amountFen', message: `金额:超过待缴余额${(balance / 100).toFixed(2)}元` }]);
    if (body.paidOn > today(ctx)) throw validationError([{ path: 'paidOn', message: '缴费日期:不能晚于今天' }]);
    const paid = num(bill.paid_fen) + body.amountFen;
    const row = await trx
      .insertInto('premises_payments')
      .values({ park_id: actor.parkId, bill_id: billId, enterprise_id: bill.enterprise_id, amount_fen: body.amountFen, paid_on: body.paidOn, method: body.method, reference: body.reference, note: body.note, status: 'active', created_by: actor.userId, created_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx.updateTable('premises_bills').set({ paid_fen: paid, status: billStatusOf(num(bill.due_fen), paid), updated_at: now }).where('id', '=', billId).execute();
    await recordAudit(trx, actor, actor.parkId, [{ action: 'pay', entity: 'premises_bill', entityId: billId, before: { paidFen: num(bill.paid_fen), status: bill.status }, after: { paymentId: row.id, ...body, paidFen: paid } }], now);
  });
  return getBill(ctx, actor, billId);
}

export async function voidPayment(ctx: AppContext, actor: Actor, paymentId: string, body: { reason: string }): Promise<BillView> {
  requireManager(actor);
  const now = ctx.clock.now();
  const billId = await ctx.db.transaction().execute(async (trx) => {
    const p = await trx.selectFrom('premises_payments').selectAll().where('park_id', '=', actor.parkId).where('id', '=', paymentId).executeTakeFirst();
    if (!p) throw notFound('缴费记录');
    const bill = await trx.selectFrom('premises_bills').selectAll().where('park_id', '=', actor.parkId).where('id', '=', p.bill_id).forUpdate().executeTakeFirstOrThrow();
    const again = await trx.selectFrom('premises_payments').select('status').where('id', '=', paymentId).executeTakeFirstOrThrow();
    if (again.status !== 'active') throw invalidState('该笔缴费已作废');
    const paid = num(bill.paid_fen) - num(p.amount_fen);
    await trx.updateTable('premises_payments').set({ status: 'void', void_reason: body.reason }).where('id', '=', paymentId).execute();
    await trx.updateTable('premises_bills').set({ paid_fen: paid, status: bill.status === 'void' ? 'void' : billStatusOf(num(bill.due_fen), paid), updated_at: now }).where('id', '=', bill.id).execute();
    await recordAudit(trx, actor, actor.parkId, [{ action: 'void_payment', entity: 'premises_bill', entityId: bill.id, before: { paymentId, amountFen: num(p.amount_fen), paidFen: num(bill.paid_fen) }, after: { reason: body.reason, paidFen: paid } }], now);
    return bill.id;
  });
  return getBill(ctx, actor, billId);
}

// ------------------------------------------------------------------ arrears 欠费

export async function arrears(ctx: AppContext, actor: Actor, query: ArrearsQuery): Promise<ArrearsView> {
  requireStaffReader(actor);
  const asOf = query.asOf ?? today(ctx);
  const like = query.q ? `%${escapeLike(query.q)}%` : null;
  const base = sql`from premises_bills pb join enterprises e on e.id = pb.enterprise_id
    where pb.park_id = ${actor.parkId} and pb.status in ('open', 'partial') and pb.due_on < ${asOf}::date and pb.due_fen > pb.paid_fen
    ${like ? sql`and e.name ilike ${like}` : sql``}`;
  const totals = await sql<{ firms: number; total: number }>`select count(distinct pb.enterprise_id)::int as firms, coalesce(sum(pb.due_fen - pb.paid_fen), 0) as total ${base}`.execute(ctx.db);
  const rows = await sql<{ enterprise_id: string; name: string; bills: number; balance: number; oldest: string; reminded: Date | null }>`
    select pb.enterprise_id, e.name, count(*)::int as bills, sum(pb.due_fen - pb.paid_fen) as balance, min(pb.due_on)::text as oldest, max(pb.reminded_at) as reminded
    ${base} group by pb.enterprise_id, e.name order by sum(pb.due_fen - pb.paid_fen) desc, e.name
    limit ${query.pageSize} offset ${(query.page - 1) * query.pageSize}`.execute(ctx.db);
  return {
    asOf,
    totalFen: num(totals.rows[0]?.total),
    firms: num(totals.rows[0]?.firms),
    total: num(totals.rows[0]?.firms),
    page: query.page,
    pageSize: query.pageSize,
    items: rows.rows.map((r) => ({ enterpriseId: r.enterprise_id, enterpriseName: r.name, bills: r.bills, balanceFen: num(r.balance), oldestDueOn: r.oldest, maxOverdueDays: overdueDays(r.oldest, asOf, 1), remindedAt: r.reminded ? new Date(r.reminded).toISOString() : null })),
  };
}

/** 催缴: an in-site message to each firm's users listing its overdue bills; the bills remember when. */
export async function remindArrears(ctx: AppContext, actor: Actor, enterpriseIds: string[]): Promise<{ firms: number; notified: number }> {
  requireManager(actor);
  const now = ctx.clock.now();
  const asOf = today(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const bills = await trx
      .selectFrom('premises_bills as pb')
      .innerJoin('enterprises as e', 'e.id', 'pb.enterprise_id')
      .select(['pb.id', 'pb.enterprise_id', 'e.name', 'pb.period', 'pb.due_fen', 'pb.paid_fen'])
      .where('pb.park_id', '=', actor.parkId)
      .where('pb.enterprise_id', 'in', enterpriseIds)
      .where('pb.status', 'in', ['open', 'partial'])
      .where('pb.due_on', '<', asOf)
      .execute();
    if (bills.length === 0) return { firms: 0, notified: 0 };
    const firms = new Map<string, { name: string; balance: number; months: string[] }>();
    for (const b of bills) {
      const f = firms.get(b.enterprise_id) ?? { name: b.name, balance: 0, months: [] };
      f.balance += num(b.due_fen) - num(b.paid_fen);
      f.months.push(rentPeriodText(b.period));
      firms.set(b.enterprise_id, f);
    }
    const users = await trx.selectFrom('users').select(['id', 'enterprise_id']).where('park_id', '=', actor.parkId).where('enterprise_id', 'in', [...firms.keys()]).where('is_active', '=', true).execute();
    const notes: NotificationInput[] = [];
    for (const u of users) {
      const f = firms.get(u.enterprise_id!)!;
      notes.push({ parkId: actor.parkId, userId: u.id, kind: 'premises.arrears', title: `房租欠费提醒:待缴${(f.balance / 100).toFixed(2)}元`, body: `${f.months.join('、')}的租金已过缴纳截止日,请尽快缴纳`, link: '/land/premises/mine' });
    }
    if (notes.length) await ctx.notifier.notify(trx, notes);
    await trx.updateTable('premises_bills').set({ reminded_at: now }).where('park_id', '=', actor.parkId).where('id', 'in', bills.map((b) => b.id)).execute();
    await recordAudit(trx, actor, actor.parkId, [...firms.entries()].map(([id, f]) => ({ action: 'remind', entity: 'premises_bill', entityId: null, after: { enterpriseId: id, balanceFen: f.balance, months: f.months } })), now);
    return { firms: firms.size, notified: notes.length };
  });
}

// ------------------------------------------------------------------ rent relief 房租减免

type MeasureDbRow = { id: string; code: string; name: string; period_from: string; period_to: string; rule: unknown; status: string; basis: string | null; note: string | null; created_at: Date };

async function dictLabels(db: Executor, parkId: string) {
  const rows = await db.selectFrom('dictionaries').select(['kind', 'code', 'label']).where('park_id', '=', parkId).where('kind', 'in', ['chain', 'tag']).execute();
  return { chains: new Map(rows.filter((r) => r.kind === 'chain').map((r) => [r.code, r.label])), tags: new Map(rows.filter((r) => r.kind === 'tag').map((r) => [r.code, r.label])) };
}

async function presentMeasures(db: Executor, parkId: string, rows: MeasureDbRow[]): Promise<ReliefMeasureView[]> {
  if (rows.length === 0) return [];
  const labels = await dictLabels(db, parkId);
  const totals = await db
    .selectFrom('premises_bill_reliefs as r')
    .innerJoin('premises_bills as pb', 'pb.id', 'r.bill_id')
    .select(['r.measure_id', sql<number>`count(distinct r.enterprise_id)::int`.as('firms'), sql<number>`count(*)::int`.as('bills'), sql<number>`sum(r.amount_fen)`.as('total')])
    .where('r.park_id', '=', parkId)
    .where('pb.status', '<>', 'void')
    .where('r.measure_id', 'in', rows.map((r) => r.id))
    .groupBy('r.measure_id')
    .execute();
  return rows.map((m) => {
    const rule = toMeasure(m).rule;
    const t = totals.find((x) => x.measure_id === m.id);
    const status = m.status as ReliefStatus;
    return {
      id: m.id,
      code: m.code,
      name: m.name,
      periodFrom: m.period_from,
      periodTo: m.period_to,
      rule,
      ruleText: reliefRuleText(rule, labels),
      status,
      statusLabel: RELIEF_STATUS_LABELS[status],
      basis: m.basis,
      note: m.note,
      firms: num(t?.firms),
      bills: num(t?.bills),
      totalFen: num(t?.total),
      createdAt: m.created_at.toISOString(),
    };
  });
}

const measureColumns = ['id', 'code', 'name', 'period_from', 'period_to', 'rule', 'status', 'basis', 'note', 'created_at'] as const;

export async function listMeasures(ctx: AppContext, actor: Actor): Promise<ReliefMeasureView[]> {
  requireStaffReader(actor);
  const rows = await ctx.db.selectFrom('premises_relief_measures').select([...measureColumns]).where('park_id', '=', actor.parkId).orderBy('period_from', 'desc').orderBy('code').execute();
  return presentMeasures(ctx.db, actor.parkId, rows);
}

async function measureRow(db: Executor, parkId: string, id: string): Promise<MeasureDbRow> {
  const m = await db.selectFrom('premises_relief_measures').select([...measureColumns]).where('park_id', '=', parkId).where('id', '=', id).executeTakeFirst();
  if (!m) throw notFound('减免措施');
  return m;
}

/** The measure with its amount per firm (from the bills' relief lines; void bills left out). */
export async function reliefReport(ctx: AppContext, actor: Actor, id: string): Promise<ReliefReportView> {
  requireStaffReader(actor);
  return reliefReportOf(ctx.db, actor.parkId, id);
}

export async function reliefReportOf(db: Executor, parkId: string, id: string): Promise<ReliefReportView> {
  const m = await measureRow(db, parkId, id);
  const [view] = await presentMeasures(db, parkId, [m]);
  const rows = await sql<{ enterprise_id: string; name: string; leases: number; bills: number; area: number; amount: number }>`
    select r.enterprise_id, e.name, count(distinct pb.lease_id)::int as leases, count(*)::int as bills,
      coalesce((select sum(u.area_m2) from premises_units u where u.id in (select l.unit_id from premises_leases l join premises_bills b2 on b2.lease_id = l.id
        join premises_bill_reliefs r2 on r2.bill_id = b2.id where r2.measure_id = ${id} and r2.enterprise_id = r.enterprise_id and b2.status <> 'void')), 0) as area,
      sum(r.amount_fen) as amount
    from premises_bill_reliefs r join premises_bills pb on pb.id = r.bill_id join enterprises e on e.id = r.enterprise_id
    where r.park_id = ${parkId} and r.measure_id = ${id} and pb.status <> 'void'
    group by r.enterprise_id, e.name order by sum(r.amount_fen) desc, e.name`.execute(db);
  const out: ReliefFirmRow[] = rows.rows.map((r) => ({ enterpriseId: r.enterprise_id, enterpriseName: r.name, leases: r.leases, bills: r.bills, areaM2: round2(num(r.area)), amountFen: num(r.amount) }));
  return { ...view!, rows: out };
}

function checkMeasure(body: ReliefMeasureRequest): void {
  if (body.rule.kind === 'free_months') {
    const months = (Number(body.periodTo.slice(0, 4)) - Number(body.periodFrom.slice(0, 4))) * 12 + Number(body.periodTo.slice(5, 7)) - Number(body.periodFrom.slice(5, 7)) + 1;
    if (body.rule.months > months) throw validationError([{ path: 'rule.months', message: `免租月数:超过减免期的${months}个月` }]);
  }
}

export async function createMeasure(ctx: AppContext, actor: Actor, body: ReliefMeasureRequest): Promise<ReliefReportView> {
  requireManager(actor);
  checkMeasure(body);
  const now = ctx.clock.now();
  const id = await ctx.db.transaction().execute(async (trx) => {
    const clash = await trx.selectFrom('premises_relief_measures').select('id').where('park_id', '=', actor.parkId).where('code', '=', body.code).executeTakeFirst();
    if (clash) throw conflict(`措施编码“${body.code}”已被使用`, [{ path: 'code', message: '编码已被使用' }]);
    const row = await trx
      .insertInto('premises_relief_measures')
      .values({ park_id: actor.parkId, code: body.code, name: body.name, period_from: body.periodFrom, period_to: body.periodTo, rule: JSON.stringify(body.rule), status: 'draft', basis: body.basis, note: body.note, created_by: actor.userId, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, actor.parkId, [{ action: 'create', entity: 'premises_relief_measure', entityId: row.id, after: body }], now);
    return row.id;
  });
  return reliefReportOf(ctx.db, actor.parkId, id);
}

export async function updateMeasure(ctx: AppContext, actor: Actor, id: string, body: ReliefMeasureRequest): Promise<ReliefReportView> {
  requireManager(actor);
  checkMeasure(body);
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const before = await measureRow(trx, actor.parkId, id);
    if (before.status !== 'draft') throw invalidState('只有草稿状态的减免措施可以修改');
    if (body.code !== before.code) {
      const clash = await trx.selectFrom('premises_relief_measures').select('id').where('park_id', '=', actor.parkId).where('code', '=', body.code).executeTakeFirst();
      if (clash) throw conflict(`措施编码“${body.code}”已被使用`, [{ path: 'code', message: '编码已被使用' }]);
    }
    await trx
      .updateTable('premises_relief_measures')
      .set({ code: body.code, name: body.name, period_from: body.periodFrom, period_to: body.periodTo, rule: JSON.stringify(body.rule), basis: body.basis, note: body.note, updated_at: now })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, actor, actor.parkId, [{ action: 'update', entity: 'premises_relief_measure', entityId: id, before, after: body }], now);
  });
  return reliefReportOf(ctx.db, actor.parkId, id);
}

/**
 * 启用: the measure applies to every bill of its period from now on — the bills already issued get
 * their relief line in this same transaction (see applyMeasureToIssuedBills), bills issued later
 * get it when they are generated.
 */
export async function activateMeasure(ctx: AppContext, actor: Actor | null, parkId: string, id: string): Promise<ActivateReliefResult> {
  if (actor) requireManager(actor);
  const now = ctx.clock.now();
  const outcome = await ctx.db.transaction().execute(async (trx) => {
    await trx.selectFrom('premises_relief_measures').select('id').where('park_id', '=', parkId).where('id', '=', id).forUpdate().executeTakeFirst();
    const m = await measureRow(trx, parkId, id);
    if (m.status !== 'draft') throw invalidState(`减免措施${RELIEF_STATUS_LABELS[m.status as ReliefStatus]},不能再启用`);
    await trx.updateTable('premises_relief_measures').set({ status: 'active', updated_at: now }).where('id', '=', id).execute();
    const applied = await applyMeasureToIssuedBills(trx, parkId, toMeasure(m), now);
    await recordAudit(trx, actor, parkId, [{ action: 'activate', entity: 'premises_relief_measure', entityId: id, before: { status: 'draft' }, after: { status: 'active', bills: applied.bills, amountFen: applied.amountFen, creditFen: applied.creditFen } }], now);
    return applied;
  });
  const report = await reliefReportOf(ctx.db, parkId, id);
  const { rows: _rows, ...measure } = report;
  return { measure, billsChanged: outcome.bills, amountFen: outcome.amountFen, creditFen: outcome.creditFen };
}

/** 结束: bills issued from now on no longer get the measure; what was granted stays. */
export async function closeMeasure(ctx: AppContext, actor: Actor, id: string): Promise<ReliefReportView> {
  requireManager(actor);
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const m = await measureRow(trx, actor.parkId, id);
    if (m.status !== 'active') throw invalidState('只有执行中的减免措施可以结束');
    await trx.updateTable('premises_relief_measures').set({ status: 'closed', updated_at: now }).where('id', '=', id).execute();
    await recordAudit(trx, actor, actor.parkId, [{ action: 'close', entity: 'premises_relief_measure', entityId: id, before: { status: 'active' }, after: { status: 'closed' } }], now);
  });
  return reliefReportOf(ctx.db, actor.parkId, id);
}

// ------------------------------------------------------------------ the enterprise's own 我的租赁

export async function myPremises(ctx: AppContext, actor: Actor): Promise<MyPremisesView> {
  if (!can(actor, 'premises:apply') || !actor.enterpriseId) throw forbidden('只有企业用户可以查看本企业的租赁');
  const firm = await ctx.db.selectFrom('enterprises').select('name').where('park_id', '=', actor.parkId).where('id', '=', actor.enterpriseId).executeTakeFirst();
  if (!firm) throw notFound('企业');
  const leases = await leaseQuery(ctx.db).where('l.park_id', '=', actor.parkId).where('l.enterprise_id', '=', actor.enterpriseId).where('l.status', '<>', 'cancelled').orderBy('l.starts_on', 'desc').execute();
  const bills = await billSummaries(ctx, actor, (q) => q.where('pb.enterprise_id', '=', actor.enterpriseId!).where('pb.status', '<>', 'void').orderBy('pb.period', 'desc').orderBy('l.contract_no').limit(36));
  const lines = await reliefLines(ctx.db, actor.parkId, bills.map((b) => b.id));
  return {
    enterpriseName: firm.name,
    leases: leases.map(presentLease),
    bills: bills.map((b) => ({ ...b, reliefs: lines.get(b.id) ?? [] })),
    balanceFen: bills.reduce((a, b) => a + b.balanceFen, 0),
  };
}

/** The leases of one unit (the building grid's click), newest first. */
export async function unitLeases(ctx: AppContext, actor: Actor, unitId: string): Promise<LeaseSummaryView[]> {
  requireStaffReader(actor);
  await unitRow(ctx.db, actor.parkId, unitId);
  const rows = await leaseQuery(ctx.db).where('l.park_id', '=', actor.parkId).where('l.unit_id', '=', unitId).orderBy('l.starts_on', 'desc').execute();
  return rows.map(presentLease);
}

