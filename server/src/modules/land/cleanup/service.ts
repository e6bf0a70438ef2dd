import {
  LAND_CLEANUP_EVENT_LABELS,
  LAND_CLEANUP_STATUSES,
  LAND_PARCEL_STATUS_LABELS,
  cleanupProjectClassOf,
  cleanupReportSentence,
  type CleanupAction,
  type CleanupCampaignDetail,
  type CleanupCampaignView,
  type CleanupCandidate,
  type CleanupCaseDetail,
  type CleanupCaseView,
  type CleanupFigures,
  type CleanupOutcome,
  type CleanupProjectOption,
  type CleanupReason,
  type CleanupStatus,
  type LandParcelStatus,
  type Paged,
  type ZAddCleanupCasesRequest,
  type ZCleanupCaseActionRequest,
  type ZCleanupCaseListQuery,
  type ZCleanupCampaignListQuery,
  type ZCreateCleanupCampaignRequest,
} from '@yuanqi/contract';
import type { Transaction } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../../db/schema.js';
import { can, type Actor } from '../../../platform/actor.js';
import { recordAudit } from '../../../platform/audit.js';
import { endOfShanghaiDay, shanghaiDate, type WorkingCalendar } from '../../../platform/calendar/index.js';
import type { AppContext } from '../../../platform/context.js';
import { nextDaySequence } from '../../../platform/day-sequences.js';
import { AppError, conflict, notFound } from '../../../platform/errors.js';
import type { NotificationInput } from '../../../platform/notifications.js';
import { commitTransition, presentCaseEvent, remainingWorkingDays } from '../../../platform/workflow/index.js';
import { requireAnyLandPermission } from '../access.js';
import { gradedParcels } from '../evaluation/grades.js';
import { landParameterOn } from '../parameters.js';
import { moveParcel } from '../parcels/transitions.js';
import { addWorkingDaysLenient, wholeYearsBetween, yearsBefore } from './dates.js';
import { campaignWorkbook } from './excel.js';
import { buildCleanupNoticeDocx } from './notice-docx.js';
import * as repo from './repository.js';
import { cleanupEventLog, cleanupStore, cleanupWorkflow, type CleanupCaseRow, type CleanupParty } from './workflow.js';

type CreateCampaign = z.output<typeof ZCreateCleanupCampaignRequest>;
type CampaignListQuery = z.output<typeof ZCleanupCampaignListQuery>;
type CaseListQuery = z.output<typeof ZCleanupCaseListQuery>;
type AddCases = z.output<typeof ZAddCleanupCasesRequest>;
type CaseAction = z.output<typeof ZCleanupCaseActionRequest>;

/** The default reply period of the 告知书, in working days. */
export const DEFAULT_REPLY_WORKING_DAYS = 15;

const iso = (d: Date | string) => new Date(d).toISOString();
const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const SYSTEM_USER_ID = '00000000-0000-0000-0000-000000000000';
const realUser = (actor: Actor | null) => (actor && actor.userId !== SYSTEM_USER_ID ? actor.userId : null);

function requireRead(actor: Actor) {
  requireAnyLandPermission(actor, 'land:read', 'land:manage');
}

function presentCampaign(r: repo.CampaignRow & { cases?: number; recovered_parcels?: number; recovered_mu?: number; reallocated_parcels?: number }): CleanupCampaignView {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    startedOn: r.started_on,
    endsOn: r.ends_on,
    idleYears: r.idle_years,
    evaluationYear: r.evaluation_year,
    status: r.status as 'active' | 'closed',
    note: r.note,
    cases: r.cases ?? 0,
    recoveredParcels: r.recovered_parcels ?? 0,
    recoveredMu: Number(r.recovered_mu ?? 0),
    reallocatedParcels: r.reallocated_parcels ?? 0,
    createdAt: iso(r.created_at),
  };
}

function presentCase(r: repo.CaseJoined, calendar: WorkingCalendar, now: Date): CleanupCaseView {
  const today = shanghaiDate(now);
  const live = r.status === 'deadline' && r.start_deadline !== null;
  return {
    id: r.id,
    caseNo: r.case_no,
    campaignId: r.campaign_id,
    campaignName: r.campaign_name,
    parcelId: r.parcel_id,
    parcelCode: r.parcel_code,
    parcelName: r.parcel_name,
    parcelStatus: r.parcel_status as LandParcelStatus,
    areaMu: Number(r.area_mu),
    enterpriseId: r.enterprise_id,
    enterpriseName: r.enterprise_name,
    reason: r.reason as CleanupReason,
    status: r.status as CleanupStatus,
    identifiedOn: r.identified_on,
    notifiedOn: r.notified_on,
    interviewedOn: r.interviewed_on,
    outcome: r.outcome as CleanupOutcome | null,
    startDeadline: r.start_deadline,
    deadlineWorkingDaysLeft: live ? remainingWorkingDays(calendar, now, endOfShanghaiDay(r.start_deadline!)) : null,
    overdue: live && r.start_deadline! < today,
    compensationFen: num(r.compensation_fen),
    recoveredOn: r.recovered_on,
    recoveredMu: num(r.recovered_mu),
    newProjectId: r.new_project_id,
    newProjectName: r.new_project_name,
    newProjectAmountFen: num(r.new_project_amount_fen),
    newEnterpriseId: r.new_enterprise_id,
    newEnterpriseName: r.new_enterprise_name,
    reallocatedOn: r.reallocated_on,
    updatedAt: iso(r.updated_at),
  };
}

// ------------------------------------------------------------------ campaigns

export async function listCampaigns(ctx: AppContext, actor: Actor, query: CampaignListQuery): Promise<Paged<CleanupCampaignView>> {
  requireRead(actor);
  const { total, rows } = await repo.listCampaigns(ctx.db, actor.parkId, query);
  return { items: rows.map((r) => presentCampaign(r as never)), total, page: query.page, pageSize: query.pageSize };
}

/** 新建专项行动: the idle years default to the park's dated parameter on the start day. */
export async function createCampaign(ctx: AppContext, actor: Actor, input: CreateCampaign): Promise<CleanupCampaignDetail> {
  const now = ctx.clock.now();
  const id = await ctx.db.transaction().execute(async (trx) => insertCampaign(trx, actor, input, now));
  return getCampaign(ctx, actor, id);
}

export async function insertCampaign(trx: Transaction<DB>, actor: Actor | null, input: CreateCampaign & { parkId?: string }, now: Date): Promise<string> {
  const parkId = input.parkId ?? actor!.parkId;
  const idleYears = input.idleYears ?? (await landParameterOn(trx, parkId, 'idle_years', input.startedOn));
  const row = await trx
    .insertInto('land_cleanup_campaigns')
    .values({
      park_id: parkId,
      code: input.code,
      name: input.name,
      started_on: input.startedOn,
      ends_on: input.endsOn ?? null,
      idle_years: idleYears,
      evaluation_year: input.evaluationYear ?? null,
      note: input.note ?? null,
      created_by: realUser(actor),
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) => oc.doNothing())
    .returningAll()
    .executeTakeFirst();
  if (!row) throw conflict(`专项行动编号“${input.code}”已存在`, [{ path: 'code', message: '编号已存在' }]);
  await recordAudit(trx, actor, parkId, [{ action: 'create', entity: 'land_cleanup_campaign', entityId: row.id, before: null, after: { code: row.code, name: row.name, startedOn: row.started_on, endsOn: row.ends_on, idleYears, evaluationYear: row.evaluation_year } }], now);
  return row.id;
}

async function campaignOr404(ctx: AppContext, actor: Actor, id: string) {
  const row = await repo.findCampaign(ctx.db, actor.parkId, id);
  if (!row) throw notFound('专项行动');
  return row;
}

/** The campaign's figures, all computed from its cases and the parcels (never typed in). */
export async function campaignFigures(db: AppContext['db'], parkId: string, campaign: repo.CampaignRow, today: string): Promise<CleanupFigures> {
  const [counts, candidates] = await Promise.all([repo.campaignCounts(db, parkId, campaign.id, today), computeCandidates(db, parkId, campaign, today)]);
  const byStatus = Object.fromEntries(LAND_CLEANUP_STATUSES.map((s) => [s, 0])) as Record<CleanupStatus, number>;
  let cases = 0;
  for (const r of counts.byStatus) {
    byStatus[r.status as CleanupStatus] = r.n;
    cases += r.n;
  }
  const projectsByClass = repo.classCounts(counts.projects, cleanupProjectClassOf);
  const recoveredMu = Math.round(Number(counts.totals.recovered_mu) * 10_000) / 10_000;
  const figures = {
    candidates: candidates.filter((c) => !c.caseId).length,
    cases,
    byStatus,
    recoveredParcels: counts.totals.recovered_parcels,
    recoveredMu,
    compensationFen: Number(counts.totals.compensation_fen),
    reallocatedParcels: counts.totals.reallocated_parcels,
    projects: counts.projects.length,
    projectsAmountFen: counts.projects.reduce((s, p) => s + p.amountFen, 0),
    projectsByClass,
    overdue: counts.totals.overdue,
  };
  return { ...figures, sentence: cleanupReportSentence(figures) };
}

export async function getCampaign(ctx: AppContext, actor: Actor, id: string): Promise<CleanupCampaignDetail> {
  requireRead(actor);
  const row = await campaignOr404(ctx, actor, id);
  const figures = await campaignFigures(ctx.db, actor.parkId, row, shanghaiDate(ctx.clock.now()));
  return {
    ...presentCampaign({ ...row, cases: figures.cases, recovered_parcels: figures.recoveredParcels, recovered_mu: figures.recoveredMu, reallocated_parcels: figures.reallocatedParcels }),
    figures,
    canManage: can(actor, 'land:manage'),
  };
}

// ------------------------------------------------------------------ candidates

/**
 * 候选地块 on `asOf`: parcels 已出让 or 闲置 whose 出让 was at least the campaign's idle years before
 * (transferred_on ≤ asOf − N years: exactly N years is a candidate, a day less is not) with no
 * construction begun, and the parcels of firms graded D in the campaign's evaluation year.
 */
export async function computeCandidates(db: AppContext['db'] | Transaction<DB>, parkId: string, campaign: repo.CampaignRow, asOf: string): Promise<CleanupCandidate[]> {
  const cutoff = yearsBefore(asOf, campaign.idle_years);
  const graded = campaign.evaluation_year ? await gradedParcels(db, parkId, campaign.evaluation_year, ['D']) : [];
  const gradeOf = new Map(graded.map((g) => [g.parcelId, g.grade]));
  const rows = await repo.candidateParcels(db, parkId, campaign.id, cutoff, [...gradeOf.keys()]);
  return rows.map((r) => {
    const reasons: ('idle' | 'grade_d')[] = [];
    if ((r.status === 'transferred' || r.status === 'idle') && r.transferred_on && r.transferred_on <= cutoff && !r.construction_on) reasons.push('idle');
    if (gradeOf.has(r.id)) reasons.push('grade_d');
    return {
      parcelId: r.id,
      parcelCode: r.code,
      parcelName: r.name,
      areaMu: Number(r.area_mu),
      parcelStatus: r.status as LandParcelStatus,
      enterpriseId: r.enterprise_id,
      enterpriseName: r.enterprise_name,
      transferredOn: r.transferred_on,
      idleYears: r.transferred_on ? wholeYearsBetween(r.transferred_on, asOf) : null,
      grade: gradeOf.get(r.id) ?? null,
      reasons,
      caseId: r.case_id,
    };
  });
}

export async function listCandidates(ctx: AppContext, actor: Actor, campaignId: string, asOf: string | undefined): Promise<CleanupCandidate[]> {
  requireRead(actor);
  const campaign = await campaignOr404(ctx, actor, campaignId);
  return computeCandidates(ctx.db, actor.parkId, campaign, asOf ?? shanghaiDate(ctx.clock.now()));
}

// ------------------------------------------------------------------ cases

/** The parcel step that 认定 takes: an 已出让 / 在建 parcel is found idle, a producing one inefficient. */
const IDENTIFY_MOVE: Partial<Record<LandParcelStatus, 'mark_idle' | 'mark_inefficient'>> = {
  transferred: 'mark_idle',
  construction: 'mark_idle',
  producing: 'mark_inefficient',
};

/**
 * 列入清理 (认定): each parcel becomes a case of the campaign with its reason — a computed candidate
 * keeps its own (idle before grade D); any other parcel only with reason 'other' and a note. The
 * parcel is marked 闲置 / 低效 through moveParcel where it is not already. One transaction.
 */
export async function addCases(ctx: AppContext, actor: Actor, campaignId: string, input: AddCases): Promise<CleanupCaseView[]> {
  const now = ctx.clock.now();
  const ids = await ctx.db.transaction().execute(async (trx) => identifyParcels(trx, ctx, actor, actor.parkId, campaignId, input, now));
  const calendar = await ctx.calendar.get();
  const rows = await repo.caseQuery(ctx.db, actor.parkId).where('c.id', 'in', ids).orderBy('p.code').execute();
  return rows.map((r) => presentCase(r, calendar, now));
}

export async function identifyParcels(trx: Transaction<DB>, ctx: Pick<AppContext, 'notifier'>, actor: Actor | null, parkId: string, campaignId: string, input: AddCases, now: Date): Promise<string[]> {
  const campaign = await repo.findCampaign(trx, parkId, campaignId, { forUpdate: true });
  if (!campaign) throw notFound('专项行动');
  if (campaign.status !== 'active') throw conflict('专项行动已结束,不能再列入地块');
  const today = shanghaiDate(now);
  const on = input.on ?? today;
  if (on > today) throw new AppError('VALIDATION_FAILED', '认定日期不能晚于今天', [{ path: 'on', message: '认定日期不能晚于今天' }]);
  const candidates = new Map((await computeCandidates(trx, parkId, campaign, on)).map((c) => [c.parcelId, c]));
  const parcels = await trx.selectFrom('land_parcels').selectAll().where('park_id', '=', parkId).where('id', 'in', [...new Set(input.parcelIds)]).execute();
  const byId = new Map(parcels.map((p) => [p.id, p]));
  const ids: string[] = [];
  for (const parcelId of [...new Set(input.parcelIds)]) {
    const parcel = byId.get(parcelId);
    if (!parcel) throw notFound('地块');
    const candidate = candidates.get(parcelId);
    if (candidate?.caseId) throw conflict(`地块${parcel.code}已列入本专项行动`, [{ path: 'parcelIds', message: `地块${parcel.code}已列入` }]);
    let reason: CleanupReason;
    if (candidate && candidate.reasons.length > 0) reason = candidate.reasons[0]!;
    else {
      if (input.reason !== 'other' || !input.note || input.note.trim().length < 2) {
        const message = `地块${parcel.code}不是本专项行动的候选地块,手工列入须选择原因“其他”并填写说明`;
        throw new AppError('VALIDATION_FAILED', message, [{ path: input.reason === 'other' ? 'note' : 'reason', message }]);
      }
      reason = 'other';
    }
    const status = parcel.status as LandParcelStatus;
    if (!IDENTIFY_MOVE[status] && status !== 'idle' && status !== 'inefficient') {
      const message = `地块${parcel.code}当前为“${LAND_PARCEL_STATUS_LABELS[status]}”,不能列入闲置用地清理`;
      throw new AppError('VALIDATION_FAILED', message, [{ path: 'parcelIds', message }]);
    }
    const existing = await trx.selectFrom('land_cleanup_cases').select('id').where('park_id', '=', parkId).where('campaign_id', '=', campaignId).where('parcel_id', '=', parcelId).executeTakeFirst();
    if (existing) throw conflict(`地块${parcel.code}已列入本专项行动`, [{ path: 'parcelIds', message: `地块${parcel.code}已列入` }]);
    const seq = await nextDaySequence(trx, 'land_cleanup_case_number_sequences', parkId, on);
    const caseNo = `QL${on.replace(/-/g, '')}-${String(seq).padStart(3, '0')}`;
    const row = await trx
      .insertInto('land_cleanup_cases')
      .values({
        park_id: parkId,
        campaign_id: campaignId,
        parcel_id: parcelId,
        case_no: caseNo,
        enterprise_id: parcel.enterprise_id,
        reason,
        status: 'identified',
        identified_on: on,
        note: reason === 'other' ? input.note!.trim() : (input.note?.trim() || null),
        created_by: realUser(actor),
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const move = IDENTIFY_MOVE[status];
    if (move) await moveParcel(trx, actor, parkId, parcelId, move, { on, note: `闲置用地清理:${campaign.name}(${caseNo})` }, now);
    await cleanupEventLog.write(trx, parkId, row.id, [
      {
        action: 'identify',
        from_status: null,
        to_status: 'identified',
        actor_id: actor?.userId ?? null,
        actor_name: actor?.displayName ?? '系统',
        actor_role: actor ? 'officer' : 'system',
        note: row.note,
        data: { on, reason, idleYears: candidate?.idleYears ?? null, grade: candidate?.grade ?? null },
        at: now,
      },
    ]);
    await recordAudit(trx, actor, parkId, [{ action: 'identify', entity: 'land_cleanup_case', entityId: row.id, before: null, after: cleanupStore.snapshot(row) }], now);
    ids.push(row.id);
  }
  return ids;
}

export async function listCases(ctx: AppContext, actor: Actor, campaignId: string, query: CaseListQuery): Promise<Paged<CleanupCaseView>> {
  requireRead(actor);
  await campaignOr404(ctx, actor, campaignId);
  const now = ctx.clock.now();
  const [calendar, { total, rows }] = await Promise.all([ctx.calendar.get(), repo.listCases(ctx.db, actor.parkId, campaignId, query)]);
  return { items: rows.map((r) => presentCase(r, calendar, now)), total, page: query.page, pageSize: query.pageSize };
}

function partiesOf(actor: Actor | null): Set<CleanupParty> {
  const parties = new Set<CleanupParty>();
  if (!actor) parties.add('system');
  else if (can(actor, 'land:manage')) parties.add('officer');
  return parties;
}

export async function getCase(ctx: AppContext, actor: Actor, id: string): Promise<CleanupCaseDetail> {
  requireRead(actor);
  const row = await repo.caseQuery(ctx.db, actor.parkId).where('c.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('清理案件');
  const [calendar, events] = await Promise.all([ctx.calendar.get(), cleanupEventLog.list(ctx.db, actor.parkId, id)]);
  const notify = [...events].reverse().find((e) => e.action === 'notify');
  return {
    ...presentCase(row, calendar, ctx.clock.now()),
    transferredOn: row.transferred_on,
    constructionOn: row.construction_on,
    interviewNote: row.interview_note,
    note: row.note,
    replyDeadline: (notify?.data?.replyDeadline as string | undefined) ?? null,
    actions: cleanupWorkflow.allowedActions({ status: row.status as CleanupStatus }, partiesOf(actor)) as CleanupAction[],
    timeline: events.map((e) => presentCaseEvent<string, CleanupStatus>(e, LAND_CLEANUP_EVENT_LABELS)),
  };
}

const dateError = (message: string) => new AppError('VALIDATION_FAILED', message, [{ path: 'on', message }]);

/**
 * One step of a case (告知, 约谈, 处置方式, 确认开工, 转依法收回, 收回, 再出让, 撤销): wrong state 409, not
 * the office 403, missing input 400 naming the field; the date may not precede the previous step
 * nor lie in the future. 收回 and 再出让 move the parcel through moveParcel in the same transaction.
 */
export async function actOnCase(ctx: AppContext, actor: Actor, id: string, input: CaseAction): Promise<CleanupCaseDetail> {
  requireRead(actor);
  const now = ctx.clock.now();
  const calendar = await ctx.calendar.get();
  await ctx.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('land_cleanup_cases').selectAll().where('park_id', '=', actor.parkId).where('id', '=', id).forUpdate().executeTakeFirst();
    if (!row) throw notFound('清理案件');
    await applyStep(trx, ctx, actor, row, input, calendar, now);
  });
  return getCase(ctx, actor, id);
}

/** The last step's date of a case: a new step may not come before it. */
function lastStepOn(row: CleanupCaseRow): string {
  return [row.identified_on, row.notified_on, row.interviewed_on, row.recovered_on, row.reallocated_on].filter((d): d is string => !!d).sort().at(-1)!;
}

export async function applyStep(trx: Transaction<DB>, ctx: Pick<AppContext, 'notifier'>, actor: Actor | null, row: CleanupCaseRow, input: CaseAction, calendar: WorkingCalendar, now: Date): Promise<CleanupCaseRow> {
  const parties = partiesOf(actor);
  const guardInput = { ...input, note: input.note ?? null };
  const transition = cleanupWorkflow.check(row as CleanupCaseRow & { status: CleanupStatus }, input.action, parties, guardInput);
  const today = shanghaiDate(now);
  const on = input.on ?? today;
  if (on > today) throw dateError('日期不能晚于今天');
  const previous = lastStepOn(row);
  if (on < previous) throw dateError(`日期不能早于上一步骤的日期(${previous})`);
  const patch: Record<string, unknown> = { updated_at: now };
  const data: Record<string, unknown> = { on };
  const notes: NotificationInput[] = [];
  const parcel = await trx.selectFrom('land_parcels').selectAll().where('park_id', '=', row.park_id).where('id', '=', row.parcel_id).executeTakeFirstOrThrow();
  const stepNote = (label: string) => `闲置用地清理${label}(${row.case_no})${input.note ? `:${input.note}` : ''}`;

  switch (input.action) {
    case 'notify': {
      const days = input.replyWorkingDays ?? DEFAULT_REPLY_WORKING_DAYS;
      const reply = addWorkingDaysLenient(calendar, on, days);
      patch.notified_on = on;
      Object.assign(data, { replyWorkingDays: days, replyDeadline: reply.date, guessed: reply.guessed });
      break;
    }
    case 'interview':
      patch.interviewed_on = on;
      patch.interview_note = input.note!.trim();
      data.participants = input.participants!.trim();
      break;
    case 'decide': {
      patch.outcome = input.outcome;
      data.outcome = input.outcome;
      if (input.outcome === 'deadline') {
        const due = addWorkingDaysLenient(calendar, on, input.workingDays!);
        patch.start_deadline = due.date;
        Object.assign(data, { workingDays: input.workingDays, startDeadline: due.date, guessed: due.guessed });
        if (row.created_by)
          notes.push({ parkId: row.park_id, userId: row.created_by, kind: 'land_cleanup.deadline', title: `${parcel.code} 限期开工至${due.date}`, body: `案件${row.case_no}:企业须在${input.workingDays}个工作日内(${due.date}前)动工开发`, link: `/land/cleanup/cases/${row.id}` });
      }
      if (input.outcome === 'agreement') {
        patch.compensation_fen = input.compensationFen;
        data.compensationFen = input.compensationFen;
      }
      break;
    }
    case 'confirm_start': {
      if (row.start_deadline && on > row.start_deadline) throw dateError(`开工日期晚于限期(${row.start_deadline}),应转依法收回`);
      if (parcel.status === 'idle' || parcel.status === 'inefficient') await moveParcel(trx, actor, row.park_id, row.parcel_id, 'rectify', { on, note: stepNote('·已开工') }, now);
      data.startedOn = on;
      break;
    }
    case 'escalate':
      break;
    case 'recover': {
      const mu = input.recoveredMu ?? Number(parcel.area_mu);
      patch.recovered_on = on;
      patch.recovered_mu = mu;
      data.recoveredMu = mu;
      if (row.compensation_fen !== null) data.compensationFen = Number(row.compensation_fen);
      await moveParcel(trx, actor, row.park_id, row.parcel_id, 'recover', { on, note: stepNote('·收回') }, now);
      break;
    }
    case 'reallocate': {
      let enterpriseId = input.enterpriseId ?? null;
      let projectName: string | null = null;
      if (input.projectId) {
        const project = await trx.selectFrom('investment_projects').select(['id', 'name', 'enterprise_id', 'amount_fen']).where('park_id', '=', row.park_id).where('id', '=', input.projectId).executeTakeFirst();
        if (!project) throw new AppError('VALIDATION_FAILED', '招商项目不存在', [{ path: 'projectId', message: '招商项目不存在' }]);
        enterpriseId = enterpriseId ?? project.enterprise_id;
        projectName = project.name;
        data.projectAmountFen = Number(project.amount_fen);
      }
      if (enterpriseId) {
        const firm = await trx.selectFrom('enterprises').select('id').where('park_id', '=', row.park_id).where('id', '=', enterpriseId).executeTakeFirst();
        if (!firm) throw new AppError('VALIDATION_FAILED', '企业不存在', [{ path: 'enterpriseId', message: '企业不存在' }]);
      }
      patch.new_project_id = input.projectId ?? null;
      patch.new_enterprise_id = enterpriseId;
      patch.reallocated_on = on;
      Object.assign(data, { projectId: input.projectId ?? null, projectName, enterpriseId });
      await moveParcel(trx, actor, row.park_id, row.parcel_id, 'reallocate', { on, note: stepNote('·再出让'), projectId: input.projectId ?? null, enterpriseId }, now);
      break;
    }
    case 'drop':
      patch.note = input.note!.trim();
      break;
  }

  return commitTransition(trx, ctx, actor, cleanupStore, {
    row,
    to: cleanupWorkflow.target(transition, row as CleanupCaseRow & { status: CleanupStatus }, guardInput),
    patch,
    now,
    event: { action: cleanupWorkflow.eventOf(transition), actorRole: cleanupWorkflow.partyFor(transition, parties) ?? null, note: input.note?.trim() || null, data },
    notes,
  });
}

// ------------------------------------------------------------------ notice, projects

/** 告知书 .docx of a case that has been notified (404 before: there is nothing to print yet). */
export async function noticeDocx(ctx: AppContext, actor: Actor, id: string): Promise<{ buffer: Buffer; filename: string }> {
  requireRead(actor);
  const row = await repo.caseQuery(ctx.db, actor.parkId).select(['p.planned_use', 'k.idle_years', 'k.evaluation_year']).where('c.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('清理案件');
  const events = await cleanupEventLog.list(ctx.db, actor.parkId, id);
  const notify = [...events].reverse().find((e) => e.action === 'notify');
  if (!row.notified_on || !notify) throw new AppError('INVALID_STATE', '案件尚未告知,没有告知书');
  const park = await ctx.db.selectFrom('parks').select('name').where('id', '=', actor.parkId).executeTakeFirstOrThrow();
  let grade: { year: number; grade: string } | null = null;
  if (row.reason === 'grade_d' && row.evaluation_year && row.enterprise_id) {
    const g = await ctx.db.selectFrom('land_evaluations').select(['year', 'grade']).where('park_id', '=', actor.parkId).where('year', '=', row.evaluation_year).where('enterprise_id', '=', row.enterprise_id).executeTakeFirst();
    grade = g ? { year: g.year, grade: g.grade } : null;
  }
  const buffer = await buildCleanupNoticeDocx({
    parkName: park.name,
    caseNo: row.case_no,
    enterpriseName: row.enterprise_name,
    parcelCode: row.parcel_code,
    parcelName: row.parcel_name,
    areaMu: Number(row.area_mu),
    plannedUse: row.planned_use,
    transferredOn: row.transferred_on,
    constructionOn: row.construction_on,
    reason: row.reason as CleanupReason,
    idleYears: row.idle_years,
    yearsIdle: row.transferred_on ? wholeYearsBetween(row.transferred_on, row.notified_on) : null,
    grade,
    notifiedOn: row.notified_on,
    replyDeadline: String(notify.data?.replyDeadline ?? row.notified_on),
    replyWorkingDays: Number(notify.data?.replyWorkingDays ?? DEFAULT_REPLY_WORKING_DAYS),
  });
  return { buffer, filename: `闲置土地认定及处置告知书-${row.parcel_code}-${row.case_no}.docx` };
}

/** 专项行动 .xlsx: the figures and every case of the campaign (all pages). */
export async function campaignExport(ctx: AppContext, actor: Actor, id: string): Promise<{ buffer: Buffer; filename: string }> {
  const campaign = await getCampaign(ctx, actor, id);
  const now = ctx.clock.now();
  const [calendar, rows, park] = await Promise.all([
    ctx.calendar.get(),
    repo.caseQuery(ctx.db, actor.parkId).where('c.campaign_id', '=', id).orderBy('c.case_no').execute(),
    ctx.db.selectFrom('parks').select('name').where('id', '=', actor.parkId).executeTakeFirstOrThrow(),
  ]);
  const buffer = await campaignWorkbook(park.name, campaign, rows.map((r) => presentCase(r, calendar, now)));
  return { buffer, filename: `${campaign.name}.xlsx` };
}

export async function listProjectOptions(ctx: AppContext, actor: Actor, q: string | undefined): Promise<CleanupProjectOption[]> {
  const rows = await repo.projectOptions(ctx.db, actor.parkId, q);
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    name: r.name,
    investor: r.investor,
    amountFen: Number(r.amount_fen),
    signedOn: r.signed_on,
    sizeClass: cleanupProjectClassOf(Number(r.amount_fen)),
    enterpriseId: r.enterprise_id,
  }));
}
