import {
  APARTMENT_APPLICATION_ACTION_LABELS,
  ZApartmentFacts,
  ZApartmentRule,
  evaluateApartmentRules,
  maskIdCard,
  maskPhone,
  type ApartmentActionRequest,
  type ApartmentApplicationRow,
  type ApartmentApplicationStatus,
  type ApartmentApplicationView,
  type ApartmentButtonAction,
  type ApartmentEvaluation,
  type ApartmentFacts,
  type ApartmentFirmFacts,
  type ApartmentRule,
  type ApartmentRuleSetRequest,
  type ApartmentRuleSetView,
  type ApartmentSummary,
  type ApartmentUnitView,
  type Paged,
  APARTMENT_APPLICATION_STATUSES,
} from '@yuanqi/contract';
import { z } from 'zod';
import type { Transaction } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { can, type Actor } from '../../../platform/actor.js';
import { recordAudit } from '../../../platform/audit.js';
import { shanghaiDate } from '../../../platform/calendar/index.js';
import type { AppContext } from '../../../platform/context.js';
import { conflict, forbidden, notFound, validationError } from '../../../platform/errors.js';
import type { NotificationInput } from '../../../platform/notifications.js';
import { enterpriseScopeOf } from '../../../platform/scope.js';
import { caseEventsTable, commitTransition, presentCaseEvent, type CaseStore, type PartyOf } from '../../../platform/workflow/index.js';
import { hashIdNumber } from '../../policies/applications/persons.js';
import { requireAnyLandPermission } from '../access.js';
import * as repo from './repository.js';
import type { ApplicationRow, ListedApplication, UnitRow } from './repository.js';
import { apartmentWorkflow } from './workflow.js';

export const apartmentEvents = caseEventsTable('apartment_application_events', 'application_id');

/** What the audit log pictures of an application: never the ID number, not even hashed. */
function snapshot(row: ApplicationRow): Record<string, unknown> {
  return {
    code: row.code,
    enterpriseId: row.enterprise_id,
    applicantName: row.applicant_name,
    idNumberMasked: row.id_number_masked,
    position: row.position,
    status: row.status,
    eligible: row.eligible,
    score: row.score,
    ruleSetId: row.rule_set_id,
    unitId: row.unit_id,
    allocatedOn: row.allocated_on,
    moveInOn: row.move_in_on,
    moveOutOn: row.move_out_on,
  };
}

export const apartmentStore: CaseStore<ApplicationRow> = { table: 'apartment_applications', entity: 'apartment_application', subject: '公寓申请', events: apartmentEvents, snapshot };

const DAY_MS = 86_400_000;
const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / DAY_MS;
const addDays = (day: string, n: number) => new Date((dayNumber(day) + n) * DAY_MS).toISOString().slice(0, 10);
const daysBetween = (from: string, to: string) => Math.round(dayNumber(to) - dayNumber(from));

// ------------------------------------------------------------------ who

function requireReader(actor: Actor): void {
  requireAnyLandPermission(actor, 'premises:read', 'premises:manage', 'premises:apply');
}
function requireStaffReader(actor: Actor): void {
  requireAnyLandPermission(actor, 'premises:read', 'premises:manage');
}

function partiesOf(actor: Actor, row: Pick<ApplicationRow, 'enterprise_id'>): Set<PartyOf<typeof apartmentWorkflow>> {
  const parties = new Set<PartyOf<typeof apartmentWorkflow>>();
  if (can(actor, 'premises:apply') && actor.enterpriseId === row.enterprise_id) parties.add('firm');
  if (can(actor, 'premises:manage')) parties.add('office');
  return parties;
}

const roleOf = (parties: Set<string>, party: string | undefined) => party ?? [...parties][0] ?? null;

// ------------------------------------------------------------------ rule sets

function parseRules(raw: unknown): ApartmentRule[] {
  const parsed = z.array(ZApartmentRule).safeParse(raw);
  return parsed.success ? parsed.data : [];
}

export async function listRuleSets(ctx: AppContext, actor: Actor): Promise<ApartmentRuleSetView[]> {
  requireReader(actor);
  const today = shanghaiDate(ctx.clock.now());
  const rows = await repo.listRuleSets(ctx.db, actor.parkId);
  // rows are newest first: the one after a row (its successor) is the one before it in the list
  const currentId = rows.find((r) => r.valid_from <= today)?.id ?? null;
  return rows.map((r, i) => ({
    id: r.id,
    validFrom: r.valid_from,
    validTo: i > 0 ? addDays(rows[i - 1]!.valid_from, -1) : null,
    current: r.id === currentId,
    note: r.note,
    rules: parseRules(r.rules),
    createdByName: r.created_by_name ?? null,
    createdAt: r.created_at.toISOString(),
    applications: Number(r.applications ?? 0),
  }));
}

/** The rule set valid on `on` (today by default): what the application form shows a firm. */
export async function currentRuleSet(ctx: AppContext, actor: Actor, on?: string): Promise<ApartmentRuleSetView | null> {
  const all = await listRuleSets(ctx, actor);
  const day = on ?? shanghaiDate(ctx.clock.now());
  return all.find((r) => r.validFrom <= day) ?? null;
}

export async function createRuleSet(ctx: AppContext, actor: Actor, input: ApartmentRuleSetRequest): Promise<ApartmentRuleSetView> {
  const now = ctx.clock.now();
  const today = shanghaiDate(now);
  if (input.validFrom < today) throw validationError([{ path: 'validFrom', message: `生效日期不能早于今天(${today}):已受理的申请按当时有效的条件审查,不能改写` }]);
  const id = await ctx.db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('apartment_rule_sets')
      .values({ park_id: actor.parkId, valid_from: input.validFrom, rules: JSON.stringify(input.rules), note: input.note ?? null, created_by: actor.userId, created_at: now })
      .onConflict((oc) => oc.columns(['park_id', 'valid_from']).doNothing())
      .returningAll()
      .executeTakeFirst();
    if (!inserted) throw conflict(`${input.validFrom} 生效的入住条件已存在`, [{ path: 'validFrom', message: '该日期已有一版入住条件' }]);
    await recordAudit(trx, actor, actor.parkId, [{ action: 'apartment_rule_set.create', entity: 'apartment_rule_set', entityId: inserted.id, before: null, after: { validFrom: inserted.valid_from, rules: input.rules, note: inserted.note } }], now);
    return inserted.id;
  });
  const all = await listRuleSets(ctx, actor);
  return all.find((r) => r.id === id)!;
}

// ------------------------------------------------------------------ presenting

function unitLabel(buildingName: string | null, unitCode: string | null): string | null {
  return unitCode ? `${buildingName ?? ''} ${unitCode}`.trim() : null;
}

function presentUnit(u: UnitRow): ApartmentUnitView {
  return { id: u.id, code: u.code, buildingId: u.building_id, buildingName: u.building_name, floor: u.floor, areaM2: Number(u.area_m2), layout: u.layout, label: `${u.building_name} ${u.code}` };
}

function waitDays(row: Pick<ApplicationRow, 'submitted_at' | 'allocated_on' | 'status'>, today: string): number | null {
  const submitted = shanghaiDate(row.submitted_at);
  if (row.allocated_on) return daysBetween(submitted, row.allocated_on);
  if (row.status === 'waitlisted' || row.status === 'submitted') return daysBetween(submitted, today);
  return null;
}

function presentRow(row: ListedApplication, today: string): ApartmentApplicationRow {
  return {
    id: row.id,
    code: row.code,
    enterpriseId: row.enterprise_id,
    enterpriseName: row.enterprise_name,
    applicantName: row.applicant_name,
    idNumberMasked: row.id_number_masked,
    phoneMasked: maskPhone(row.phone),
    position: row.position,
    status: row.status as ApartmentApplicationStatus,
    eligible: row.eligible,
    score: row.score,
    queuePosition: row.queue_position === null ? null : Number(row.queue_position),
    preferredLayout: row.preferred_layout,
    unitLabel: unitLabel(row.building_name, row.unit_code),
    allocatedOn: row.allocated_on,
    moveInOn: row.move_in_on,
    moveOutOn: row.move_out_on,
    submittedAt: row.submitted_at.toISOString(),
    waitDays: waitDays(row, today),
  };
}

async function presentApplication(ctx: AppContext, actor: Actor, row: ApplicationRow): Promise<ApartmentApplicationView> {
  const db = ctx.db;
  const today = shanghaiDate(ctx.clock.now());
  const [firm, unit, events, position, waitlist, ruleSet, creator] = await Promise.all([
    db.selectFrom('enterprises').select(['name']).where('park_id', '=', row.park_id).where('id', '=', row.enterprise_id).executeTakeFirst(),
    row.unit_id ? repo.findApartmentUnit(db, row.park_id, row.unit_id) : Promise.resolve(undefined),
    apartmentEvents.list(db, row.park_id, row.id),
    repo.queuePositionOf(db, row.park_id, row.id),
    repo.waitlistSize(db, row.park_id),
    row.rule_set_id ? db.selectFrom('apartment_rule_sets').select(['id', 'valid_from']).where('park_id', '=', row.park_id).where('id', '=', row.rule_set_id).executeTakeFirst() : Promise.resolve(undefined),
    row.created_by ? db.selectFrom('users').select('display_name').where('id', '=', row.created_by).executeTakeFirst() : Promise.resolve(undefined),
  ]);
  const parties = partiesOf(actor, row);
  const facts = ZApartmentFacts.safeParse(row.facts);
  const stored = (row.evaluation ?? null) as (ApartmentEvaluation & { firm?: ApartmentFirmFacts }) | null;
  const seesPhone = parties.size > 0;
  return {
    id: row.id,
    code: row.code,
    enterpriseId: row.enterprise_id,
    enterpriseName: firm?.name ?? '',
    applicantName: row.applicant_name,
    idNumberMasked: row.id_number_masked,
    phone: seesPhone ? row.phone : maskPhone(row.phone),
    position: row.position,
    status: row.status as ApartmentApplicationStatus,
    eligible: row.eligible,
    score: row.score,
    queuePosition: position === null ? null : Number(position),
    preferredLayout: row.preferred_layout,
    unitLabel: unit ? `${unit.building_name} ${unit.code}` : null,
    allocatedOn: row.allocated_on,
    moveInOn: row.move_in_on,
    moveOutOn: row.move_out_on,
    submittedAt: row.submitted_at.toISOString(),
    waitDays: waitDays(row, today),
    facts: facts.success ? facts.data : (row.facts as unknown as ApartmentFacts),
    firmFacts: stored?.firm ?? null,
    evaluation: stored ? { eligible: stored.eligible, score: stored.score, results: stored.results, failed: stored.failed } : null,
    ruleSet: ruleSet ? { id: ruleSet.id, validFrom: ruleSet.valid_from } : null,
    rejectReason: row.reject_reason,
    unit: unit ? presentUnit(unit) : null,
    waitlistSize: waitlist,
    actions: apartmentWorkflow.allowedActions({ status: row.status as ApartmentApplicationStatus }, parties) as ApartmentButtonAction[],
    timeline: events.map((e) => presentCaseEvent<string, ApartmentApplicationStatus>(e, APARTMENT_APPLICATION_ACTION_LABELS)),
    createdByName: creator?.display_name ?? null,
  };
}

// ------------------------------------------------------------------ reading

export async function listApplications(
  ctx: AppContext,
  actor: Actor,
  query: { status?: string[]; enterpriseId?: string; q?: string; page: number; pageSize: number },
): Promise<Paged<ApartmentApplicationRow>> {
  requireReader(actor);
  const today = shanghaiDate(ctx.clock.now());
  const { rows, total } = await repo.listApplications(ctx.db, enterpriseScopeOf(actor), { statuses: query.status, enterpriseId: query.enterpriseId, q: query.q }, query);
  return { items: rows.map((r) => presentRow(r, today)), total, page: query.page, pageSize: query.pageSize };
}

export async function summary(ctx: AppContext, actor: Actor): Promise<ApartmentSummary> {
  requireReader(actor);
  const counts = await repo.statusCounts(ctx.db, enterpriseScopeOf(actor));
  const out = Object.fromEntries(APARTMENT_APPLICATION_STATUSES.map((s) => [s, counts.get(s) ?? 0])) as Record<ApartmentApplicationStatus, number>;
  return { ...out, total: [...counts.values()].reduce((a, b) => a + b, 0) };
}

/** The waitlist in its order: score high to low, then earlier submission first. */
export async function waitlist(ctx: AppContext, actor: Actor, query: { layout?: string; page: number; pageSize: number }): Promise<Paged<ApartmentApplicationRow>> {
  requireStaffReader(actor);
  const today = shanghaiDate(ctx.clock.now());
  const { rows, total } = await repo.listApplications(ctx.db, { kind: 'park', parkId: actor.parkId }, { statuses: ['waitlisted'], layout: query.layout, waitlistOrder: true }, query);
  return { items: rows.map((r) => presentRow(r, today)), total, page: query.page, pageSize: query.pageSize };
}

export async function getApplication(ctx: AppContext, actor: Actor, id: string): Promise<ApartmentApplicationView> {
  requireReader(actor);
  const row = await repo.findApplication(ctx.db, enterpriseScopeOf(actor), id);
  if (!row) throw notFound('公寓申请');
  return presentApplication(ctx, actor, row);
}

/** Vacant apartments an application may be given from `on` (its preferred layout first). */
export async function vacantUnitsFor(ctx: AppContext, actor: Actor, id: string, query: { on?: string; layout?: string }): Promise<ApartmentUnitView[]> {
  requireAnyLandPermission(actor, 'premises:manage');
  const row = await repo.findApplication(ctx.db, enterpriseScopeOf(actor), id);
  if (!row) throw notFound('公寓申请');
  const on = query.on ?? shanghaiDate(ctx.clock.now());
  const units = await repo.vacantUnits(ctx.db, actor.parkId, on, { preferLayout: row.preferred_layout, layout: query.layout ?? null });
  return units.map(presentUnit);
}

/**
 * "Allocate next": the top of the waitlist among applicants who prefer `layout` (or did not say),
 * with a vacant unit for them (of their layout where one is free).
 */
export async function nextAllocation(ctx: AppContext, actor: Actor, query: { layout?: string }): Promise<{ application: ApartmentApplicationRow | null; unit: ApartmentUnitView | null; vacant: number }> {
  requireAnyLandPermission(actor, 'premises:manage');
  const today = shanghaiDate(ctx.clock.now());
  const { rows } = await repo.listApplications(ctx.db, { kind: 'park', parkId: actor.parkId }, { statuses: ['waitlisted'], layout: query.layout, waitlistOrder: true }, { page: 1, pageSize: 1 });
  const top = rows[0];
  const units = await repo.vacantUnits(ctx.db, actor.parkId, today, { preferLayout: top?.preferred_layout ?? query.layout ?? null, layout: query.layout ?? null, limit: 1000 });
  const unit = units[0];
  return { application: top ? presentRow(top, today) : null, unit: unit ? presentUnit(unit) : null, vacant: units.length };
}

// ------------------------------------------------------------------ filing

function firmFactsOf(firm: repo.FirmRow): ApartmentFirmFacts {
  return { firmAboveScale: firm.is_above_scale, firmHighTech: firm.tags.includes('高新技术企业'), firmChain: firm.chain };
}

async function notifyFirm(trx: Transaction<DB>, parkId: string, enterpriseId: string, actor: Actor | null, note: Omit<NotificationInput, 'parkId' | 'userId'>): Promise<NotificationInput[]> {
  const users = await repo.firmUserIds(trx, parkId, enterpriseId);
  return users.filter((u) => u !== actor?.userId).map((userId) => ({ parkId, userId, ...note }));
}

export type ApplicationInput = {
  enterpriseId?: string;
  applicantName: string;
  idNumber: string;
  phone: string;
  position: string;
  preferredLayout?: string | null;
  facts: ApartmentFacts;
};

/**
 * A firm files for one of its staff (the office may file for a firm). The ID number is kept only
 * as an HMAC and a mask. The rule set valid on the filing day decides at once: eligible →
 * waitlisted with its score; not → rejected naming the failing rules. One live application per
 * person (the database's partial unique index; 409).
 */
export async function createApplication(ctx: AppContext, actor: Actor, input: ApplicationInput): Promise<ApartmentApplicationView> {
  requireAnyLandPermission(actor, 'premises:apply', 'premises:manage');
  const scope = enterpriseScopeOf(actor);
  let enterpriseId: string;
  if (scope.kind === 'enterprise') {
    if (input.enterpriseId && input.enterpriseId !== scope.enterpriseId) throw notFound('企业');
    enterpriseId = scope.enterpriseId;
  } else if (can(actor, 'premises:manage')) {
    if (!input.enterpriseId) throw validationError([{ path: 'enterpriseId', message: '请选择申请企业' }]);
    enterpriseId = input.enterpriseId;
  } else {
    throw forbidden('只有企业或调度专班可以提交人才公寓申请');
  }
  const firm = await repo.findFirm(ctx.db, scope, enterpriseId);
  if (!firm) throw notFound('企业');
  const now = ctx.clock.now();
  const day = shanghaiDate(now);
  const idNumber = input.idNumber.trim().toUpperCase();
  const idHash = hashIdNumber(actor.parkId, idNumber);
  const chains = await repo.chainLabels(ctx.db, actor.parkId);

  const row = await ctx.db.transaction().execute(async (trx) => {
    const ruleSet = await repo.ruleSetOn(trx, actor.parkId, day);
    if (!ruleSet) throw conflict('园区尚未设置人才公寓入住条件,暂不能受理申请');
    const live = await repo.liveApplicationOf(trx, actor.parkId, idHash);
    if (live) {
      const own = live.enterprise_id === enterpriseId;
      throw conflict(own ? `该申请人已有在办或在住的人才公寓申请(${live.code}),不能重复申请` : '该申请人已有在办或在住的人才公寓申请(其他企业提交),不能重复申请', [
        { path: 'idNumber', message: '该身份证号已有在办或在住的申请' },
      ]);
    }
    const code = await repo.nextApplicationCode(trx, actor.parkId, day);
    let inserted: ApplicationRow;
    try {
      inserted = await repo
        .apt(trx)
        .insertInto('apartment_applications')
        .values({
          park_id: actor.parkId,
          code,
          enterprise_id: enterpriseId,
          applicant_name: input.applicantName,
          id_number_hash: idHash,
          id_number_masked: maskIdCard(idNumber) ?? '',
          phone: input.phone,
          position: input.position,
          preferred_layout: input.preferredLayout || null,
          facts: JSON.stringify(input.facts) as never, // Generated<Json>: the column takes the JSON text
          status: 'submitted',
          submitted_at: now,
          created_by: actor.userId,
          created_at: now,
          updated_at: now,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
    } catch (err) {
      if (repo.isUniqueViolation(err)) throw conflict('该申请人已有在办或在住的人才公寓申请,不能重复申请', [{ path: 'idNumber', message: '该身份证号已有在办或在住的申请' }]);
      throw err;
    }
    const parties = partiesOf(actor, inserted);
    const creation = apartmentWorkflow.creation('submit')!;
    await apartmentEvents.write(trx, actor.parkId, inserted.id, [
      { action: 'submit', from_status: null, to_status: 'submitted', actor_id: actor.userId, actor_name: actor.displayName, actor_role: roleOf(parties, apartmentWorkflow.partyFor(creation, parties)), note: null, data: { position: input.position }, at: now },
    ]);
    await recordAudit(trx, actor, actor.parkId, [{ action: 'submit', entity: 'apartment_application', entityId: inserted.id, before: null, after: snapshot(inserted) }], now);

    // the rules of the filing day decide at once (the system's step)
    const firmFacts = firmFactsOf(firm);
    const evaluation = evaluateApartmentRules(parseRules(ruleSet.rules), { ...input.facts, ...firmFacts }, chains);
    const transition = apartmentWorkflow.check(inserted as { status: ApartmentApplicationStatus }, 'evaluate', new Set(['system']), { eligible: evaluation.eligible });
    const to = apartmentWorkflow.target(transition, inserted as { status: ApartmentApplicationStatus }, { eligible: evaluation.eligible });
    const rejectReason = evaluation.eligible ? null : `不符合:${evaluation.failed.join('、')}`;
    const notes = await notifyFirm(trx, actor.parkId, enterpriseId, actor, {
      kind: `apartment_application.${to}`,
      title: evaluation.eligible ? `人才公寓申请 ${code}(${input.applicantName})已进入轮候` : `人才公寓申请 ${code}(${input.applicantName})未通过资格审查`,
      body: evaluation.eligible ? `积分 ${evaluation.score} 分` : rejectReason!,
      link: `/land/apartments/applications/${inserted.id}`,
    });
    return commitTransition(trx, ctx, null, apartmentStore, {
      row: inserted,
      to,
      patch: { eligible: evaluation.eligible, score: evaluation.score, rule_set_id: ruleSet.id, evaluation: JSON.stringify({ ...evaluation, firm: firmFacts }), reject_reason: rejectReason, updated_at: now },
      now,
      event: { action: 'evaluate', actorRole: 'system', note: rejectReason ?? `符合入住条件,积分 ${evaluation.score} 分`, data: { eligible: evaluation.eligible, score: evaluation.score, failed: evaluation.failed, ruleSetValidFrom: ruleSet.valid_from } },
      notes,
    });
  });
  return presentApplication(ctx, actor, row);
}

// ------------------------------------------------------------------ steps

export async function actOnApplication(ctx: AppContext, actor: Actor, id: string, input: ApartmentActionRequest): Promise<ApartmentApplicationView> {
  requireReader(actor);
  const now = ctx.clock.now();
  const today = shanghaiDate(now);
  const row = await ctx.db.transaction().execute(async (trx) => {
    const app = await repo.findApplication(trx, enterpriseScopeOf(actor), id, { forUpdate: true });
    if (!app) throw notFound('公寓申请');
    const state = { status: app.status as ApartmentApplicationStatus };
    const parties = partiesOf(actor, app);
    const date = input.date ?? today;
    const note = input.note?.trim() || null;
    const transition = apartmentWorkflow.check(state, input.action, parties, { unitId: input.unitId ?? null, date, note });
    const to = apartmentWorkflow.target(transition, state, { unitId: input.unitId ?? null, date, note });
    const role = roleOf(parties, apartmentWorkflow.partyFor(transition, parties));
    const link = `/land/apartments/applications/${app.id}`;
    const submittedDay = shanghaiDate(app.submitted_at);
    const base = { row: app, to, now };

    if (input.action === 'allocate') {
      if (date < submittedDay) throw validationError([{ path: 'date', message: `配房日期不能早于申请日期(${submittedDay})` }]);
      if (date > addDays(today, 30)) throw validationError([{ path: 'date', message: '配房日期最多为30天后' }]);
      const unit = await repo.findApartmentUnit(trx, app.park_id, input.unitId!);
      if (!unit) throw validationError([{ path: 'unitId', message: '房间不存在或不是人才公寓' }]);
      const label = `${unit.building_name} ${unit.code}`;
      if (unit.status !== 'available') throw conflict(`${label} 目前${unit.status === 'maintenance' ? '维修中' : '已停用'},不能分配`, [{ path: 'unitId', message: '房间不可分配' }]);
      const blocking = await repo.blockingOccupancy(trx, app.park_id, unit.id, date);
      if (blocking) throw conflict(`${label} 自 ${blocking.starts_on} 起已分配给 ${blocking.code},不能重复分配`, [{ path: 'unitId', message: '房间已有住户或已分配' }]);
      try {
        await trx
          .insertInto('apartment_occupancies')
          .values({ park_id: app.park_id, unit_id: unit.id, application_id: app.id, enterprise_id: app.enterprise_id, starts_on: date, ends_on: null, created_at: now })
          .execute();
      } catch (err) {
        // two officers giving away the same room at once: the exclusion constraint keeps one
        if (repo.isExclusionViolation(err)) throw conflict(`${label} 在 ${date} 已有住户或已分配,不能重复分配`, [{ path: 'unitId', message: '房间已有住户或已分配' }]);
        throw err;
      }
      const notes = await notifyFirm(trx, app.park_id, app.enterprise_id, actor, {
        kind: 'apartment_application.allocated',
        title: `人才公寓已分配:${app.applicant_name} → ${label}`,
        body: `配房日期 ${date},请联系园区办理入住`,
        link,
      });
      return commitTransition(trx, ctx, actor, apartmentStore, {
        ...base,
        patch: { unit_id: unit.id, allocated_on: date, updated_at: now },
        event: { action: 'allocate', actorRole: role, note, data: { unitId: unit.id, unit: label, layout: unit.layout, date } },
        extraAudits: [{ action: 'apartment_occupancy.create', entity: 'apartment_application', entityId: app.id, before: null, after: { unitId: unit.id, startsOn: date } }],
        notes,
      });
    }
    if (input.action === 'release') {
      // the allocation was never taken up: the room is free again, the applicant keeps its place
      await trx.deleteFrom('apartment_occupancies').where('park_id', '=', app.park_id).where('application_id', '=', app.id).where('ends_on', 'is', null).execute();
      return commitTransition(trx, ctx, actor, apartmentStore, {
        ...base,
        patch: { unit_id: null, allocated_on: null, updated_at: now },
        event: { action: 'release', actorRole: role, note, data: { unitId: app.unit_id, allocatedOn: app.allocated_on } },
      });
    }
    if (input.action === 'move_in') {
      if (date < app.allocated_on!) throw validationError([{ path: 'date', message: `入住日期不能早于配房日期(${app.allocated_on})` }]);
      if (date > today) throw validationError([{ path: 'date', message: '入住日期不能晚于今天' }]);
      return commitTransition(trx, ctx, actor, apartmentStore, {
        ...base,
        patch: { move_in_on: date, updated_at: now },
        event: { action: 'move_in', actorRole: role, note, data: { date } },
      });
    }
    if (input.action === 'move_out') {
      if (date < app.move_in_on!) throw validationError([{ path: 'date', message: `退房日期不能早于入住日期(${app.move_in_on})` }]);
      if (date > today) throw validationError([{ path: 'date', message: '退房日期不能晚于今天' }]);
      const closed = await trx
        .updateTable('apartment_occupancies')
        .set({ ends_on: date })
        .where('park_id', '=', app.park_id)
        .where('application_id', '=', app.id)
        .where('ends_on', 'is', null)
        .returning('id')
        .execute();
      return commitTransition(trx, ctx, actor, apartmentStore, {
        ...base,
        patch: { move_out_on: date, updated_at: now },
        event: { action: 'move_out', actorRole: role, note, data: { date, occupancies: closed.length } },
        extraAudits: closed.map((o) => ({ action: 'apartment_occupancy.end', entity: 'apartment_application', entityId: app.id, before: { occupancyId: o.id, endsOn: null }, after: { occupancyId: o.id, endsOn: date } })),
      });
    }
    // withdraw
    return commitTransition(trx, ctx, actor, apartmentStore, {
      ...base,
      patch: { withdrawn_at: now, updated_at: now },
      event: { action: 'withdraw', actorRole: role, note },
    });
  });
  return presentApplication(ctx, actor, row);
}

