import { sql, type Kysely, type Transaction } from 'kysely';
import {
  ACQUISITION_INCIDENT_KINDS,
  acquisitionSentence,
  isValidIdCard,
  maskAddress,
  maskIdCard,
  maskPersonName,
  maskPhone,
  type AcquisitionAreaList,
  type AcquisitionAreaView,
  type AcquisitionHouseholdPage,
  type AcquisitionHouseholdRow,
  type AcquisitionHouseholdView,
  type AcquisitionIncidentCounts,
  type AcquisitionIncidentKind,
  type AcquisitionIncidentView,
  type AcquisitionKind,
  type AcquisitionPaymentView,
  type AcquisitionStage,
  type AcquisitionStatement,
} from '@yuanqi/contract';
import type { DB } from '../../../db/schema.js';
import { can, type Actor } from '../../../platform/actor.js';
import { recordAudit } from '../../../platform/audit.js';
import type { AppContext } from '../../../platform/context.js';
import { AppError, conflict, forbidden, notFound } from '../../../platform/errors.js';
import { escapeLike } from '../../../platform/like.js';
import { hashIdNumber } from '../../policies/applications/persons.js';

type Executor = Kysely<DB> | Transaction<DB>;

// ------------------------------------------------------------------ officers and masking

/** The actor may see the area's personal data in full: acquisition:manage and listed as an officer of the area. */
export async function isOfficerOf(db: Executor, actor: Actor, areaId: string): Promise<boolean> {
  if (!can(actor, 'acquisition:manage')) return false;
  const row = await db.selectFrom('acquisition_area_officers').select('user_id').where('park_id', '=', actor.parkId).where('area_id', '=', areaId).where('user_id', '=', actor.userId).executeTakeFirst();
  return Boolean(row);
}

async function officerAreas(db: Executor, actor: Actor): Promise<Set<string>> {
  if (!can(actor, 'acquisition:manage')) return new Set();
  const rows = await db.selectFrom('acquisition_area_officers').select('area_id').where('park_id', '=', actor.parkId).where('user_id', '=', actor.userId).execute();
  return new Set(rows.map((r) => r.area_id));
}

export const stageOf = (h: { agreement_on: string | null; moved_out_on: string | null }): AcquisitionStage => (h.moved_out_on ? 'moved_out' : h.agreement_on ? 'signed' : 'unsigned');

type HouseholdRecord = {
  id: string;
  area_id: string;
  code: string;
  kind: string;
  name: string;
  id_number_masked: string | null;
  phone: string | null;
  address: string | null;
  members: number | null;
  building_area_m2: number;
  land_area_m2: number | null;
  agreement_on: string | null;
  compensation_agreed_fen: number | null;
  moved_out_on: string | null;
  paid_fen?: number | null;
  incidents?: number | null;
  open_incidents?: number | null;
};

/** A household as the actor may see it: the server masks name (households, not units), phone and address for everyone but the area's officers; the ID is always masked. */
export function presentHousehold(h: HouseholdRecord, officer: boolean): AcquisitionHouseholdRow {
  const kind = h.kind as AcquisitionKind;
  return {
    id: h.id,
    areaId: h.area_id,
    code: h.code,
    kind,
    name: officer || kind === 'unit' ? h.name : (maskPersonName(h.name) ?? ''),
    idNumberMasked: h.id_number_masked,
    phone: officer ? h.phone : maskPhone(h.phone),
    address: officer ? h.address : maskAddress(h.address),
    masked: !officer,
    members: h.members,
    buildingAreaM2: Number(h.building_area_m2),
    landAreaM2: h.land_area_m2 === null ? null : Number(h.land_area_m2),
    stage: stageOf(h),
    agreementOn: h.agreement_on,
    compensationAgreedFen: h.compensation_agreed_fen === null ? null : Number(h.compensation_agreed_fen),
    compensationPaidFen: Number(h.paid_fen ?? 0),
    movedOutOn: h.moved_out_on,
    incidents: Number(h.incidents ?? 0),
    openIncidents: Number(h.open_incidents ?? 0),
  };
}

// ------------------------------------------------------------------ the statement

type StatementCounts = Omit<AcquisitionStatement, 'sentence'>;
const emptyIncidents = (): AcquisitionIncidentCounts => ({ accident: { total: 0, open: 0, resolved: 0 }, dispute: { total: 0, open: 0, resolved: 0 }, petition: { total: 0, open: 0, resolved: 0 } });
const emptyCounts = (): StatementCounts => ({ households: 0, units: 0, total: 0, buildingAreaM2: 0, signed: 0, movedOut: 0, compensationAgreedFen: 0, compensationPaidFen: 0, incidents: emptyIncidents() });

export function finishStatement(c: StatementCounts): AcquisitionStatement {
  const rounded = { ...c, buildingAreaM2: Math.round(c.buildingAreaM2 * 100) / 100 };
  return { ...rounded, sentence: acquisitionSentence(rounded) };
}

/** The statement of every area of the park (computed from the register, never stored). */
export async function statements(db: Executor, parkId: string, areaIds?: string[]): Promise<Map<string, StatementCounts>> {
  const out = new Map<string, StatementCounts>();
  if (areaIds && areaIds.length === 0) return out;
  const get = (id: string) => {
    let c = out.get(id);
    if (!c) out.set(id, (c = emptyCounts()));
    return c;
  };
  const filter = areaIds ? sql`and area_id in (${sql.join(areaIds)})` : sql``;
  const households = await sql<{ area_id: string; households: number; units: number; area: number; signed: number; moved: number; agreed: number }>`
    select area_id,
           count(*) filter (where kind = 'household')::int as households,
           count(*) filter (where kind = 'unit')::int as units,
           coalesce(sum(building_area_m2), 0) as area,
           count(agreement_on)::int as signed,
           count(moved_out_on)::int as moved,
           coalesce(sum(compensation_agreed_fen), 0) as agreed
      from acquisition_households where park_id = ${parkId} ${filter} group by area_id`.execute(db);
  for (const r of households.rows) {
    const c = get(r.area_id);
    c.households = Number(r.households);
    c.units = Number(r.units);
    c.total = c.households + c.units;
    c.buildingAreaM2 = Number(r.area);
    c.signed = Number(r.signed);
    c.movedOut = Number(r.moved);
    c.compensationAgreedFen = Number(r.agreed);
  }
  const paid = await sql<{ area_id: string; paid: number }>`
    select h.area_id, coalesce(sum(p.amount_fen), 0) as paid
      from acquisition_payments p join acquisition_households h on h.id = p.household_id
     where p.park_id = ${parkId} and p.status = 'active' ${areaIds ? sql`and h.area_id in (${sql.join(areaIds)})` : sql``}
     group by h.area_id`.execute(db);
  for (const r of paid.rows) get(r.area_id).compensationPaidFen = Number(r.paid);
  const incidents = await sql<{ area_id: string; kind: AcquisitionIncidentKind; status: string; n: number }>`
    select area_id, kind, status, count(*)::int as n from acquisition_incidents where park_id = ${parkId} ${filter} group by area_id, kind, status`.execute(db);
  for (const r of incidents.rows) {
    const k = get(r.area_id).incidents[r.kind];
    if (!k) continue;
    k.total += Number(r.n);
    if (r.status === 'open') k.open += Number(r.n);
    else k.resolved += Number(r.n);
  }
  return out;
}

function sumCounts(all: StatementCounts[]): StatementCounts {
  const s = emptyCounts();
  for (const c of all) {
    s.households += c.households;
    s.units += c.units;
    s.total += c.total;
    s.buildingAreaM2 += c.buildingAreaM2;
    s.signed += c.signed;
    s.movedOut += c.movedOut;
    s.compensationAgreedFen += c.compensationAgreedFen;
    s.compensationPaidFen += c.compensationPaidFen;
    for (const k of ACQUISITION_INCIDENT_KINDS) {
      s.incidents[k].total += c.incidents[k].total;
      s.incidents[k].open += c.incidents[k].open;
      s.incidents[k].resolved += c.incidents[k].resolved;
    }
  }
  return s;
}

// ------------------------------------------------------------------ areas

async function officersOf(db: Executor, parkId: string, areaIds: string[]): Promise<Map<string, { userId: string; name: string }[]>> {
  const out = new Map<string, { userId: string; name: string }[]>();
  if (areaIds.length === 0) return out;
  const rows = await db
    .selectFrom('acquisition_area_officers as o')
    .innerJoin('users as u', 'u.id', 'o.user_id')
    .select(['o.area_id', 'o.user_id', 'u.display_name'])
    .where('o.park_id', '=', parkId)
    .where('o.area_id', 'in', areaIds)
    .orderBy('u.display_name')
    .execute();
  for (const r of rows) out.set(r.area_id, [...(out.get(r.area_id) ?? []), { userId: r.user_id, name: r.display_name }]);
  return out;
}

type AreaRow = { id: string; code: string; name: string; planned_mu: number | null; started_on: string; finished_on: string | null; status: string; note: string | null };

function presentArea(a: AreaRow, officers: { userId: string; name: string }[], mine: Set<string>, counts: StatementCounts | undefined): AcquisitionAreaView {
  return {
    id: a.id,
    code: a.code,
    name: a.name,
    plannedMu: a.planned_mu === null ? null : Number(a.planned_mu),
    startedOn: a.started_on,
    finishedOn: a.finished_on,
    status: a.status === 'finished' ? 'finished' : 'active',
    note: a.note,
    officers,
    isOfficer: mine.has(a.id),
    statement: finishStatement(counts ?? emptyCounts()),
  };
}

export async function listAreas(ctx: AppContext, actor: Actor): Promise<AcquisitionAreaList> {
  const areas = await ctx.db.selectFrom('acquisition_areas').selectAll().where('park_id', '=', actor.parkId).orderBy('started_on').orderBy('code').execute();
  const ids = areas.map((a) => a.id);
  const [counts, officers, mine] = await Promise.all([statements(ctx.db, actor.parkId), officersOf(ctx.db, actor.parkId, ids), officerAreas(ctx.db, actor)]);
  return {
    items: areas.map((a) => presentArea(a, officers.get(a.id) ?? [], mine, counts.get(a.id))),
    overall: finishStatement(sumCounts(areas.map((a) => counts.get(a.id) ?? emptyCounts()))),
  };
}

async function areaRow(db: Executor, parkId: string, id: string): Promise<AreaRow> {
  const a = await db.selectFrom('acquisition_areas').selectAll().where('park_id', '=', parkId).where('id', '=', id).executeTakeFirst();
  if (!a) throw notFound('征迁片区');
  return a;
}

export async function getArea(ctx: AppContext, actor: Actor, id: string): Promise<AcquisitionAreaView> {
  const a = await areaRow(ctx.db, actor.parkId, id);
  const [counts, officers, mine] = await Promise.all([statements(ctx.db, actor.parkId, [id]), officersOf(ctx.db, actor.parkId, [id]), officerAreas(ctx.db, actor)]);
  return presentArea(a, officers.get(id) ?? [], mine, counts.get(id));
}

type AreaInput = { code: string; name: string; plannedMu?: number | null; startedOn: string; finishedOn?: string | null; note?: string | null; officerIds: string[] };

async function checkOfficers(db: Executor, parkId: string, ids: string[]): Promise<string[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return unique;
  const found = await db.selectFrom('users').select(['id', 'enterprise_id']).where('park_id', '=', parkId).where('id', 'in', unique).execute();
  const ok = new Set(found.filter((u) => !u.enterprise_id).map((u) => u.id));
  const bad = unique.findIndex((id) => !ok.has(id));
  if (bad >= 0) throw new AppError('VALIDATION_FAILED', '负责干部应为本园区的工作人员', [{ path: `officerIds.${bad}`, message: '不是本园区的工作人员' }]);
  return unique;
}

function checkAreaDates(body: AreaInput): void {
  if (body.finishedOn && body.finishedOn < body.startedOn) throw new AppError('VALIDATION_FAILED', '完成日期不能早于启动日期', [{ path: 'finishedOn', message: '不能早于启动日期' }]);
}

export async function createArea(ctx: AppContext, actor: Actor, body: AreaInput): Promise<AcquisitionAreaView> {
  checkAreaDates(body);
  const now = ctx.clock.now();
  const id = await ctx.db.transaction().execute(async (trx) => {
    const officers = await checkOfficers(trx, actor.parkId, body.officerIds);
    const dup = await trx.selectFrom('acquisition_areas').select('id').where('park_id', '=', actor.parkId).where('code', '=', body.code).executeTakeFirst();
    if (dup) throw conflict(`编号 ${body.code} 已被使用`, [{ path: 'code', message: '编号已被使用' }]);
    const row = await trx
      .insertInto('acquisition_areas')
      .values({ park_id: actor.parkId, code: body.code, name: body.name, planned_mu: body.plannedMu ?? null, started_on: body.startedOn, finished_on: body.finishedOn ?? null, status: body.finishedOn ? 'finished' : 'active', note: body.note ?? null, created_by: actor.userId, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (officers.length) await trx.insertInto('acquisition_area_officers').values(officers.map((u) => ({ park_id: actor.parkId, area_id: row.id, user_id: u }))).execute();
    await recordAudit(trx, actor, actor.parkId, [{ action: 'create', entity: 'acquisition_area', entityId: row.id, before: null, after: { ...body, officerIds: officers } }], now);
    return row.id;
  });
  return getArea(ctx, actor, id);
}

export async function updateArea(ctx: AppContext, actor: Actor, id: string, body: AreaInput): Promise<AcquisitionAreaView> {
  checkAreaDates(body);
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const before = await areaRow(trx, actor.parkId, id);
    const officers = await checkOfficers(trx, actor.parkId, body.officerIds);
    const dup = await trx.selectFrom('acquisition_areas').select('id').where('park_id', '=', actor.parkId).where('code', '=', body.code).where('id', '!=', id).executeTakeFirst();
    if (dup) throw conflict(`编号 ${body.code} 已被使用`, [{ path: 'code', message: '编号已被使用' }]);
    const beforeOfficers = (await trx.selectFrom('acquisition_area_officers').select('user_id').where('park_id', '=', actor.parkId).where('area_id', '=', id).execute()).map((r) => r.user_id);
    await trx
      .updateTable('acquisition_areas')
      .set({ code: body.code, name: body.name, planned_mu: body.plannedMu ?? null, started_on: body.startedOn, finished_on: body.finishedOn ?? null, status: body.finishedOn ? 'finished' : 'active', note: body.note ?? null, updated_at: now })
      .where('id', '=', id)
      .where('park_id', '=', actor.parkId)
      .execute();
    await trx.deleteFrom('acquisition_area_officers').where('park_id', '=', actor.parkId).where('area_id', '=', id).execute();
    if (officers.length) await trx.insertInto('acquisition_area_officers').values(officers.map((u) => ({ park_id: actor.parkId, area_id: id, user_id: u }))).execute();
    await recordAudit(trx, actor, actor.parkId, [{ action: 'update', entity: 'acquisition_area', entityId: id, before: { ...before, officerIds: beforeOfficers }, after: { ...body, officerIds: officers } }], now);
  });
  return getArea(ctx, actor, id);
}

// ------------------------------------------------------------------ households

function householdQuery(db: Executor, parkId: string) {
  return db
    .selectFrom('acquisition_households as h')
    .select([
      'h.id',
      'h.area_id',
      'h.code',
      'h.kind',
      'h.name',
      'h.id_number_masked',
      'h.phone',
      'h.address',
      'h.members',
      'h.building_area_m2',
      'h.land_area_m2',
      'h.agreement_on',
      'h.compensation_agreed_fen',
      'h.moved_out_on',
      'h.note',
      sql<number>`(select coalesce(sum(p.amount_fen), 0) from acquisition_payments p where p.household_id = h.id and p.park_id = h.park_id and p.status = 'active')`.as('paid_fen'),
      sql<number>`(select count(*)::int from acquisition_incidents i where i.household_id = h.id and i.park_id = h.park_id)`.as('incidents'),
      sql<number>`(select count(*)::int from acquisition_incidents i where i.household_id = h.id and i.park_id = h.park_id and i.status = 'open')`.as('open_incidents'),
    ])
    .where('h.park_id', '=', parkId);
}

export type HouseholdFilter = { q?: string | null; kind?: AcquisitionKind; stage?: AcquisitionStage; unpaid?: 'true' | 'false' };

/** The area's households in the actor's view (masked unless an officer), filtered; `all` skips paging (export). */
export async function listHouseholds(ctx: AppContext, actor: Actor, areaId: string, query: HouseholdFilter & { page: number; pageSize: number }, all = false): Promise<AcquisitionHouseholdPage & { officer: boolean }> {
  await areaRow(ctx.db, actor.parkId, areaId);
  const officer = await isOfficerOf(ctx.db, actor, areaId);
  let q = householdQuery(ctx.db, actor.parkId).where('h.area_id', '=', areaId);
  if (query.kind) q = q.where('h.kind', '=', query.kind);
  if (query.stage === 'unsigned') q = q.where('h.agreement_on', 'is', null);
  if (query.stage === 'signed') q = q.where('h.agreement_on', 'is not', null).where('h.moved_out_on', 'is', null);
  if (query.stage === 'moved_out') q = q.where('h.moved_out_on', 'is not', null);
  if (query.unpaid === 'true') {
    q = q.where(sql<boolean>`coalesce(h.compensation_agreed_fen, 0) > (select coalesce(sum(p.amount_fen), 0) from acquisition_payments p where p.household_id = h.id and p.park_id = h.park_id and p.status = 'active')`);
  }
  const text = query.q?.trim();
  if (text) {
    // a non-officer searches by code only: matching names would reveal them
    const like = `%${escapeLike(text)}%`;
    q = officer ? q.where((eb) => eb.or([eb('h.code', 'ilike', like), eb('h.name', 'ilike', like), eb('h.address', 'ilike', like)])) : q.where((eb) => eb.or([eb('h.code', 'ilike', like), eb.and([eb('h.kind', '=', 'unit'), eb('h.name', 'ilike', like)])]));
  }
  const total = Number((await q.clearSelect().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  let page = q.orderBy('h.code');
  if (!all) page = page.limit(query.pageSize).offset((query.page - 1) * query.pageSize);
  const rows = await page.execute();
  return { items: rows.map((r) => presentHousehold(r, officer)), total, page: query.page, pageSize: query.pageSize, officer };
}

async function householdRecord(db: Executor, parkId: string, id: string) {
  const h = await householdQuery(db, parkId).where('h.id', '=', id).executeTakeFirst();
  if (!h) throw notFound('征迁住户');
  return h;
}

function presentPayment(p: { id: string; amount_fen: number; paid_on: string; reference: string | null; note: string | null; status: string; void_reason: string | null; display_name: string | null; created_at: Date }): AcquisitionPaymentView {
  return { id: p.id, amountFen: Number(p.amount_fen), paidOn: p.paid_on, reference: p.reference, note: p.note, status: p.status === 'void' ? 'void' : 'active', voidReason: p.void_reason, createdBy: p.display_name, createdAt: new Date(p.created_at).toISOString() };
}

async function incidentsWhere(db: Executor, actor: Actor, where: { areaId?: string; householdId?: string; id?: string; kind?: AcquisitionIncidentKind; status?: 'open' | 'resolved' }): Promise<AcquisitionIncidentView[]> {
  let q = db
    .selectFrom('acquisition_incidents as i')
    .innerJoin('acquisition_areas as a', 'a.id', 'i.area_id')
    .leftJoin('acquisition_households as h', 'h.id', 'i.household_id')
    .leftJoin('users as u', 'u.id', 'i.created_by')
    .select(['i.id', 'i.area_id', 'a.name as area_name', 'i.household_id', 'h.code as household_code', 'h.name as household_name', 'h.kind as household_kind', 'i.kind', 'i.occurred_on', 'i.summary', 'i.status', 'i.resolution', 'i.resolved_on', 'u.display_name', 'i.created_at'])
    .where('i.park_id', '=', actor.parkId);
  if (where.areaId) q = q.where('i.area_id', '=', where.areaId);
  if (where.householdId) q = q.where('i.household_id', '=', where.householdId);
  if (where.id) q = q.where('i.id', '=', where.id);
  if (where.kind) q = q.where('i.kind', '=', where.kind);
  if (where.status) q = q.where('i.status', '=', where.status);
  const rows = await q.orderBy('i.occurred_on', 'desc').orderBy('i.created_at', 'desc').limit(500).execute();
  const mine = await officerAreas(db, actor);
  return rows.map((r) => ({
    id: r.id,
    areaId: r.area_id,
    areaName: r.area_name,
    householdId: r.household_id,
    householdCode: r.household_code,
    householdName: r.household_name === null ? null : mine.has(r.area_id) || r.household_kind === 'unit' ? r.household_name : maskPersonName(r.household_name),
    kind: r.kind as AcquisitionIncidentKind,
    occurredOn: r.occurred_on,
    summary: r.summary,
    status: r.status === 'resolved' ? 'resolved' : 'open',
    resolution: r.resolution,
    resolvedOn: r.resolved_on,
    createdBy: r.display_name,
    createdAt: new Date(r.created_at).toISOString(),
  }));
}

export async function getHousehold(ctx: AppContext, actor: Actor, id: string): Promise<AcquisitionHouseholdView & { officer: boolean }> {
  const h = await householdRecord(ctx.db, actor.parkId, id);
  const area = await areaRow(ctx.db, actor.parkId, h.area_id);
  const officer = await isOfficerOf(ctx.db, actor, h.area_id);
  const payments = await ctx.db
    .selectFrom('acquisition_payments as p')
    .leftJoin('users as u', 'u.id', 'p.created_by')
    .select(['p.id', 'p.amount_fen', 'p.paid_on', 'p.reference', 'p.note', 'p.status', 'p.void_reason', 'u.display_name', 'p.created_at'])
    .where('p.park_id', '=', actor.parkId)
    .where('p.household_id', '=', id)
    .orderBy('p.paid_on')
    .orderBy('p.created_at')
    .execute();
  const row = presentHousehold(h, officer);
  return {
    ...row,
    areaName: area.name,
    note: h.note,
    payments: payments.map(presentPayment),
    incidentList: await incidentsWhere(ctx.db, actor, { householdId: id }),
    outstandingFen: row.compensationAgreedFen === null ? null : row.compensationAgreedFen - row.compensationPaidFen,
    officer,
  };
}

export type HouseholdInput = {
  code: string;
  kind: AcquisitionKind;
  name: string;
  idNumber?: string | null;
  phone?: string | null;
  address?: string | null;
  members?: number | null;
  buildingAreaM2: number;
  landAreaM2?: number | null;
  agreementOn?: string | null;
  compensationAgreedFen?: number | null;
  movedOutOn?: string | null;
  note?: string | null;
};

/** The row values of a household input: the ID number hashed (per park) and masked, never stored. */
export function householdValues(parkId: string, body: HouseholdInput, path = 'idNumber') {
  let idHash: string | null | undefined;
  let idMasked: string | null | undefined;
  if (body.idNumber !== undefined) {
    const id = body.idNumber?.trim().toUpperCase() || null;
    if (id && !isValidIdCard(id)) throw new AppError('VALIDATION_FAILED', '身份证号校验不通过', [{ path, message: '身份证号校验不通过' }]);
    idHash = id ? hashIdNumber(parkId, id) : null;
    idMasked = id ? maskIdCard(id) : null;
  }
  return {
    code: body.code,
    kind: body.kind,
    name: body.name,
    ...(idHash !== undefined ? { id_number_hash: idHash, id_number_masked: idMasked ?? null } : {}),
    phone: body.phone ?? null,
    address: body.address ?? null,
    members: body.members ?? null,
    building_area_m2: Math.round(body.buildingAreaM2 * 100) / 100,
    land_area_m2: body.landAreaM2 === null || body.landAreaM2 === undefined ? null : Math.round(body.landAreaM2 * 100) / 100,
    agreement_on: body.agreementOn ?? null,
    compensation_agreed_fen: body.compensationAgreedFen ?? null,
    moved_out_on: body.movedOutOn ?? null,
    note: body.note ?? null,
  };
}

/** Registering or changing a household's personal data is for the area's officers only. */
async function requireOfficer(db: Executor, actor: Actor, areaId: string): Promise<void> {
  if (!(await isOfficerOf(db, actor, areaId))) throw forbidden('只有该片区的负责干部可以登记或修改住户信息');
}

/** What the audit log keeps of a household: no personal data in clear. */
const auditView = (v: ReturnType<typeof householdValues> | Record<string, unknown>) => {
  const { name: _n, phone: _p, address: _a, id_number_hash: _h, ...rest } = v as Record<string, unknown>;
  return rest;
};

export async function createHousehold(ctx: AppContext, actor: Actor, areaId: string, body: HouseholdInput): Promise<AcquisitionHouseholdView & { officer: boolean }> {
  const now = ctx.clock.now();
  const id = await ctx.db.transaction().execute(async (trx) => {
    await areaRow(trx, actor.parkId, areaId);
    await requireOfficer(trx, actor, areaId);
    const values = householdValues(actor.parkId, body);
    const dup = await trx.selectFrom('acquisition_households').select('id').where('park_id', '=', actor.parkId).where('area_id', '=', areaId).where('code', '=', body.code).executeTakeFirst();
    if (dup) throw conflict(`编号 ${body.code} 在本片区已被使用`, [{ path: 'code', message: '编号已被使用' }]);
    const row = await trx.insertInto('acquisition_households').values({ park_id: actor.parkId, area_id: areaId, ...values, created_by: actor.userId, created_at: now, updated_at: now }).returning('id').executeTakeFirstOrThrow();
    await recordAudit(trx, actor, actor.parkId, [{ action: 'create', entity: 'acquisition_household', entityId: row.id, before: null, after: auditView(values) }], now);
    return row.id;
  });
  return getHousehold(ctx, actor, id);
}

export async function updateHousehold(ctx: AppContext, actor: Actor, id: string, body: HouseholdInput): Promise<AcquisitionHouseholdView & { officer: boolean }> {
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('acquisition_households').selectAll().where('park_id', '=', actor.parkId).where('id', '=', id).forUpdate().executeTakeFirst();
    if (!before) throw notFound('征迁住户');
    await requireOfficer(trx, actor, before.area_id);
    const values = householdValues(actor.parkId, body);
    const dup = await trx.selectFrom('acquisition_households').select('id').where('park_id', '=', actor.parkId).where('area_id', '=', before.area_id).where('code', '=', body.code).where('id', '!=', id).executeTakeFirst();
    if (dup) throw conflict(`编号 ${body.code} 在本片区已被使用`, [{ path: 'code', message: '编号已被使用' }]);
    if (!values.agreement_on) {
      const paid = await trx.selectFrom('acquisition_payments').select('id').where('park_id', '=', actor.parkId).where('household_id', '=', id).where('status', '=', 'active').executeTakeFirst();
      if (paid) throw conflict('已有补偿支付记录,不能撤销签约', [{ path: 'agreementOn', message: '已有补偿支付记录' }]);
    }
    await trx.updateTable('acquisition_households').set({ ...values, updated_at: now }).where('id', '=', id).where('park_id', '=', actor.parkId).execute();
    await recordAudit(trx, actor, actor.parkId, [{ action: 'update', entity: 'acquisition_household', entityId: id, before: auditView(before), after: auditView(values) }], now);
  });
  return getHousehold(ctx, actor, id);
}

// ------------------------------------------------------------------ payments

export async function addPayment(ctx: AppContext, actor: Actor, householdId: string, body: { amountFen: number; paidOn: string; reference?: string | null; note?: string | null }): Promise<AcquisitionHouseholdView & { officer: boolean }> {
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const h = await trx.selectFrom('acquisition_households').selectAll().where('park_id', '=', actor.parkId).where('id', '=', householdId).forUpdate().executeTakeFirst();
    if (!h) throw notFound('征迁住户');
    if (!h.agreement_on || h.compensation_agreed_fen === null) throw conflict('该户尚未签订补偿协议,不能登记补偿支付');
    if (body.paidOn < h.agreement_on) throw new AppError('VALIDATION_FAILED', '支付日期不能早于签约日期', [{ path: 'paidOn', message: `不能早于签约日期 ${h.agreement_on}` }]);
    const paid = await trx.selectFrom('acquisition_payments').select((eb) => eb.fn.coalesce(eb.fn.sum<number>('amount_fen'), sql<number>`0`).as('s')).where('park_id', '=', actor.parkId).where('household_id', '=', householdId).where('status', '=', 'active').executeTakeFirstOrThrow();
    const remaining = Number(h.compensation_agreed_fen) - Number(paid.s);
    if (body.amountFen > remaining) throw conflict(`支付金额超过协议补偿未付部分(尚余 ${(remaining / 100).toFixed(2)} 元)`, [{ path: 'amountFen', message: '超过未付金额' }]);
    const row = await trx
      .insertInto('acquisition_payments')
      .values({ park_id: actor.parkId, household_id: householdId, amount_fen: body.amountFen, paid_on: body.paidOn, reference: body.reference ?? null, note: body.note ?? null, created_by: actor.userId, created_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, actor.parkId, [{ action: 'payment.create', entity: 'acquisition_household', entityId: householdId, before: null, after: { paymentId: row.id, amountFen: body.amountFen, paidOn: body.paidOn, reference: body.reference ?? null } }], now);
  });
  return getHousehold(ctx, actor, householdId);
}

export async function voidPayment(ctx: AppContext, actor: Actor, paymentId: string, reason: string): Promise<AcquisitionHouseholdView & { officer: boolean }> {
  const now = ctx.clock.now();
  const householdId = await ctx.db.transaction().execute(async (trx) => {
    const p = await trx.selectFrom('acquisition_payments').selectAll().where('park_id', '=', actor.parkId).where('id', '=', paymentId).forUpdate().executeTakeFirst();
    if (!p) throw notFound('补偿支付记录');
    if (p.status === 'void') throw conflict('该支付记录已作废');
    await trx.updateTable('acquisition_payments').set({ status: 'void', void_reason: reason }).where('id', '=', paymentId).where('park_id', '=', actor.parkId).execute();
    await recordAudit(trx, actor, actor.parkId, [{ action: 'payment.void', entity: 'acquisition_household', entityId: p.household_id, before: { paymentId, status: 'active', amountFen: p.amount_fen }, after: { paymentId, status: 'void', voidReason: reason } }], now);
    return p.household_id;
  });
  return getHousehold(ctx, actor, householdId);
}

// ------------------------------------------------------------------ incidents

export async function listIncidents(ctx: AppContext, actor: Actor, areaId: string, query: { kind?: AcquisitionIncidentKind; status?: 'open' | 'resolved' }): Promise<AcquisitionIncidentView[]> {
  await areaRow(ctx.db, actor.parkId, areaId);
  return incidentsWhere(ctx.db, actor, { areaId, ...query });
}

export async function getIncident(ctx: AppContext, actor: Actor, id: string): Promise<AcquisitionIncidentView> {
  const [row] = await incidentsWhere(ctx.db, actor, { id });
  if (!row) throw notFound('事件');
  return row;
}

export async function createIncident(ctx: AppContext, actor: Actor, areaId: string, body: { householdId?: string | null; kind: AcquisitionIncidentKind; occurredOn: string; summary: string }): Promise<AcquisitionIncidentView> {
  const now = ctx.clock.now();
  const id = await ctx.db.transaction().execute(async (trx) => {
    await areaRow(trx, actor.parkId, areaId);
    if (body.householdId) {
      const h = await trx.selectFrom('acquisition_households').select('id').where('park_id', '=', actor.parkId).where('area_id', '=', areaId).where('id', '=', body.householdId).executeTakeFirst();
      if (!h) throw new AppError('VALIDATION_FAILED', '该片区没有这个住户', [{ path: 'householdId', message: '住户不在本片区' }]);
    }
    const row = await trx
      .insertInto('acquisition_incidents')
      .values({ park_id: actor.parkId, area_id: areaId, household_id: body.householdId ?? null, kind: body.kind, occurred_on: body.occurredOn, summary: body.summary, created_by: actor.userId, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, actor.parkId, [{ action: 'create', entity: 'acquisition_incident', entityId: row.id, before: null, after: body }], now);
    return row.id;
  });
  return getIncident(ctx, actor, id);
}

export async function resolveIncident(ctx: AppContext, actor: Actor, id: string, body: { resolution: string; resolvedOn: string }): Promise<AcquisitionIncidentView> {
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const i = await trx.selectFrom('acquisition_incidents').selectAll().where('park_id', '=', actor.parkId).where('id', '=', id).forUpdate().executeTakeFirst();
    if (!i) throw notFound('事件');
    if (i.status === 'resolved') throw conflict('该事件已办结');
    if (body.resolvedOn < i.occurred_on) throw new AppError('VALIDATION_FAILED', '办结日期不能早于发生日期', [{ path: 'resolvedOn', message: `不能早于 ${i.occurred_on}` }]);
    await trx.updateTable('acquisition_incidents').set({ status: 'resolved', resolution: body.resolution, resolved_on: body.resolvedOn, updated_at: now }).where('id', '=', id).where('park_id', '=', actor.parkId).execute();
    await recordAudit(trx, actor, actor.parkId, [{ action: 'resolve', entity: 'acquisition_incident', entityId: id, before: { status: 'open' }, after: { status: 'resolved', ...body } }], now);
  });
  return getIncident(ctx, actor, id);
}
