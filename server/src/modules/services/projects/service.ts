/**
 * 工程建设项目审批: a project runs four stages in order (立项用地规划许可, 工程建设许可, 施工许可,
 * 竣工验收); the applications of a stage's items filed for the project run in parallel. A stage's
 * clock counts the working days from its first acceptance to its last 办结 (or today) on which at
 * least one of its applications was running — days on which every one of them waited for the
 * applicant (补正) or a special procedure do not count. The project's total clock is the same over
 * all its applications, against the park's 60-working-day target and the 120-day legal cap.
 */
import {
  APPLICATION_STATUS_LABELS,
  DEFAULT_STAGE_PLANNED_DAYS,
  PROJECT_STAGE_LABELS,
  PROJECT_STAGES,
  SERVICE_APPLICATION_LINKS,
  SERVICE_PROJECT_STATUS_LABELS,
  type CreateServiceProjectRequest,
  type GanttApplicationBar,
  type ListServiceProjectsQuery,
  type Paged,
  type ProjectStage,
  type ServiceProjectDetailView,
  type ServiceProjectStageView,
  type ServiceProjectView,
  type UpdateServiceProjectRequest,
} from '@yuanqi/contract';
import type { ServiceApplicationPauseRow } from '../../../db/schema-service-applications.js';
import { can, hasRole, type Actor } from '../../../platform/actor.js';
import { recordAudit } from '../../../platform/audit.js';
import { startOfShanghaiDay, type WorkingCalendar } from '../../../platform/calendar/index.js';
import type { AppContext } from '../../../platform/context.js';
import { AppError, conflict, notFound } from '../../../platform/errors.js';
import type { NotificationInput } from '../../../platform/notifications.js';
import { projectScopeOf } from '../applications/policy.js';
import { pauseIntervalOf } from '../applications/presenter.js';
import * as appRepo from '../applications/repository.js';
import { clockOf } from '../applications/clock.js';
import { activeWorkingDays } from '../../../platform/workflow/index.js';
import * as repo from './repository.js';

type StageRow = Awaited<ReturnType<typeof repo.stagesOf>>[number];

type Computed = { view: ServiceProjectView; stages: ServiceProjectStageView[]; lastEnd: Date | null };

function computeProject(
  calendar: WorkingCalendar,
  project: repo.ProjectWithNames,
  stageRows: StageRow[],
  apps: repo.ProjectApplicationRow[],
  pauses: Map<string, ServiceApplicationPauseRow[]>,
  now: Date,
): Computed {
  const spanOf = (a: repo.ProjectApplicationRow) => ({ startedAt: a.accepted_at!, end: a.finished_at ?? now, pauses: (pauses.get(a.id) ?? []).map(pauseIntervalOf) });
  const stages: ServiceProjectStageView[] = PROJECT_STAGES.map((stage, index) => {
    const row = stageRows.find((s) => s.stage === stage);
    const planned = row?.planned_days ?? DEFAULT_STAGE_PLANNED_DAYS[stage];
    const list = apps.filter((a) => a.stage === stage);
    const accepted = list.filter((a) => a.accepted_at);
    const allEnded = list.length > 0 && list.every((a) => a.finished_at);
    const startedAt = accepted.length > 0 ? new Date(Math.min(...accepted.map((a) => a.accepted_at!.getTime()))) : null;
    const finishedAt = allEnded ? new Date(Math.max(...list.map((a) => a.finished_at!.getTime()))) : null;
    const workingDays = activeWorkingDays(calendar, accepted.map(spanOf), now);
    const bars: GanttApplicationBar[] = list.map((a) => {
      const appPauses = pauses.get(a.id) ?? [];
      const clock = clockOf(calendar, { acceptedAt: a.accepted_at, finishedAt: a.finished_at, committedDays: a.committed_days, legalDays: a.legal_days, pauses: appPauses.map(pauseIntervalOf), calendarGuessed: a.calendar_guessed }, now);
      return {
        id: a.id,
        number: a.number,
        itemId: a.item_id,
        itemName: a.item_name,
        status: a.status,
        statusLabel: APPLICATION_STATUS_LABELS[a.status],
        outcome: a.outcome,
        submittedAt: a.submitted_at.toISOString(),
        start: a.accepted_at?.toISOString() ?? null,
        end: a.finished_at?.toISOString() ?? null,
        committedDays: a.committed_days,
        elapsedDays: clock.elapsedDays,
        warning: clock.warning,
        pausedSpans: appPauses.map((p) => ({ from: p.started_at.toISOString(), to: (p.ended_at ?? a.finished_at ?? now).toISOString(), kind: p.kind, name: p.name })),
      };
    });
    return {
      stage,
      label: PROJECT_STAGE_LABELS[stage],
      sort: index + 1,
      plannedDays: planned,
      status: allEnded ? 'done' : startedAt || list.length > 0 ? 'in_progress' : 'not_started',
      startedAt: startedAt?.toISOString() ?? null,
      finishedAt: finishedAt?.toISOString() ?? null,
      workingDays,
      overPlan: workingDays > planned,
      applications: bars,
    };
  });
  const totalDays = activeWorkingDays(calendar, apps.filter((a) => a.accepted_at).map(spanOf), now);
  const current = stages.find((s) => s.status !== 'done') ?? null;
  const ends = apps.map((a) => (a.finished_at ?? now).getTime());
  const view: ServiceProjectView = {
    id: project.id,
    code: project.code,
    name: project.name,
    enterpriseId: project.enterprise_id,
    enterpriseName: project.enterprise_name,
    location: project.location,
    investmentFen: project.investment_fen === null ? null : Number(project.investment_fen),
    startedOn: startedOnOf(project.started_at),
    status: project.status,
    statusLabel: SERVICE_PROJECT_STATUS_LABELS[project.status],
    targetDays: project.target_days,
    legalDays: project.legal_days,
    totalDays,
    currentStage: current?.stage ?? null,
    currentStageLabel: current?.label ?? null,
    applicationCount: apps.length,
    openCount: apps.filter((a) => !a.finished_at).length,
    warning: totalDays > project.legal_days ? 'over_legal' : totalDays > project.target_days ? 'over_target' : 'none',
  };
  return { view, stages, lastEnd: ends.length > 0 ? new Date(Math.max(...ends)) : null };
}

/** The Shanghai date of the project's start. */
function startedOnOf(startedAt: Date): string {
  return new Date(startedAt.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

async function computeMany(ctx: AppContext, parkId: string, projects: repo.ProjectWithNames[], now: Date) {
  const ids = projects.map((p) => p.id);
  const [stageRows, apps, calendar] = await Promise.all([repo.stagesOf(ctx.db, parkId, ids), repo.applicationsOf(ctx.db, parkId, ids), ctx.calendar.get()]);
  const pauseRows = await appRepo.listPauses(ctx.db, parkId, apps.map((a) => a.id));
  const pauses = new Map<string, ServiceApplicationPauseRow[]>();
  for (const p of pauseRows) pauses.set(p.application_id, [...(pauses.get(p.application_id) ?? []), p]);
  return projects.map((p) =>
    computeProject(
      calendar,
      p,
      stageRows.filter((s) => s.project_id === p.id),
      apps.filter((a) => a.project_id === p.id),
      pauses,
      now,
    ),
  );
}

export async function listProjects(ctx: AppContext, actor: Actor, query: ListServiceProjectsQuery): Promise<Paged<ServiceProjectView>> {
  const { rows, total } = await repo.listProjects(ctx.db, projectScopeOf(actor), query);
  const computed = await computeMany(ctx, actor.parkId, rows, ctx.clock.now());
  return { items: computed.map((c) => c.view), total, page: query.page, pageSize: query.pageSize };
}

/** Whether the actor may file applications for the project's firm (its user or its liaison). */
function mayApply(actor: Actor, project: repo.ProjectWithNames): boolean {
  if (!can(actor, 'service:apply') || project.status !== 'active') return false;
  if (hasRole(actor, 'enterprise')) return actor.enterpriseId === project.enterprise_id;
  if (hasRole(actor, 'liaison')) return project.firm_liaison_id === actor.userId;
  return true;
}

export async function getProject(ctx: AppContext, actor: Actor, id: string): Promise<ServiceProjectDetailView> {
  const project = await repo.findProject(ctx.db, projectScopeOf(actor), id);
  if (!project) throw notFound('工程建设项目');
  const now = ctx.clock.now();
  const [computed] = await computeMany(ctx, actor.parkId, [project], now);
  const items = await repo.stageItems(ctx.db, actor.parkId);
  const to = computed!.lastEnd && computed!.lastEnd.getTime() > now.getTime() ? computed!.lastEnd : now;
  return {
    ...computed!.view,
    note: project.note,
    createdAt: project.created_at.toISOString(),
    stages: computed!.stages,
    gantt: { from: project.started_at.toISOString(), to: to.toISOString(), now: now.toISOString() },
    stageItems: PROJECT_STAGES.map((stage) => ({
      stage,
      items: items.filter((i) => i.project_stage === stage).map((i) => ({ id: i.id, code: i.code, name: i.name, committedDays: i.committed_days })),
    })),
    canManage: can(actor, 'project:manage'),
    canApply: mayApply(actor, project),
  };
}

function stageRowsOf(parkId: string, projectId: string, planned: Partial<Record<ProjectStage, number>> | undefined) {
  return PROJECT_STAGES.map((stage, index) => ({
    park_id: parkId,
    project_id: projectId,
    stage,
    sort: index + 1,
    planned_days: planned?.[stage] ?? DEFAULT_STAGE_PLANNED_DAYS[stage],
  }));
}

/** `POST /api/service-projects`: the bureau registers a project of a firm, with its four stages. */
export async function createProject(ctx: AppContext, actor: Actor, input: CreateServiceProjectRequest & { targetDays: number }): Promise<ServiceProjectDetailView> {
  const now = ctx.clock.now();
  const parkId = actor.parkId;
  const id = await ctx.db.transaction().execute(async (trx) => {
    const firm = await appRepo.findFirm(trx, parkId, input.enterpriseId);
    if (!firm) throw new AppError('VALIDATION_FAILED', '企业不存在', [{ path: 'enterpriseId', message: '企业不存在' }]);
    const taken = await trx.selectFrom('service_projects').select('id').where('park_id', '=', parkId).where('code', '=', input.code).executeTakeFirst();
    if (taken) throw conflict(`项目代码“${input.code}”已登记`, [{ path: 'code', message: '项目代码已登记' }]);
    const row = await repo.insertProject(trx, {
      park_id: parkId,
      enterprise_id: firm.id,
      code: input.code,
      name: input.name,
      location: input.location || null,
      investment_fen: input.investmentFen ?? null,
      started_at: startOfShanghaiDay(input.startedOn),
      target_days: input.targetDays,
      note: input.note || null,
      created_by: actor.userId,
      created_at: now,
      updated_at: now,
    });
    await repo.upsertStages(trx, stageRowsOf(parkId, row.id, input.plannedDays));
    await recordAudit(trx, actor, parkId, [{ action: 'create', entity: 'service_project', entityId: row.id, before: null, after: { ...row, plannedDays: input.plannedDays ?? DEFAULT_STAGE_PLANNED_DAYS } }], now);
    const notes: NotificationInput[] = [...(await appRepo.enterpriseUserIds(trx, parkId, firm.id)), ...(firm.liaison_id ? [firm.liaison_id] : [])].map((userId) => ({
      parkId,
      userId,
      kind: 'project.created',
      title: `工程建设项目已登记 ${input.code}`,
      body: `${input.name}:可按立项用地规划许可、工程建设许可、施工许可、竣工验收四个阶段并联申请`,
      link: SERVICE_APPLICATION_LINKS.project(row.id),
    }));
    await ctx.notifier.notify(trx, notes);
    return row.id;
  });
  return getProject(ctx, actor, id);
}

export async function updateProject(ctx: AppContext, actor: Actor, id: string, input: UpdateServiceProjectRequest): Promise<ServiceProjectDetailView> {
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const project = await repo.findProject(trx, projectScopeOf(actor), id, { forUpdate: true });
    if (!project) throw notFound('工程建设项目');
    const statusChange = input.status && input.status !== project.status ? input.status : undefined;
    const updated = await repo.updateProject(trx, project.park_id, id, {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.location !== undefined ? { location: input.location || null } : {}),
      ...(input.investmentFen !== undefined ? { investment_fen: input.investmentFen } : {}),
      ...(input.targetDays !== undefined ? { target_days: input.targetDays } : {}),
      ...(input.note !== undefined ? { note: input.note || null } : {}),
      ...(statusChange ? { status: statusChange, completed_at: statusChange === 'completed' ? now : null } : {}),
      updated_at: now,
    });
    if (input.plannedDays) await repo.upsertStages(trx, stageRowsOf(project.park_id, id, input.plannedDays));
    const { enterprise_name: _n, firm_liaison_id: _l, ...before } = project;
    await recordAudit(trx, actor, project.park_id, [{ action: 'update', entity: 'service_project', entityId: id, before, after: { ...updated, ...(input.plannedDays ? { plannedDays: input.plannedDays } : {}) } }], now);
  });
  return getProject(ctx, actor, id);
}
