import {
  SMART_SAVING_CLAIM,
  computeSmartSaving,
  costPhaseOf,
  monthOf,
  type CreateSmartProjectRequest,
  type SaveSmartCostsRequest,
  type SmartCostView,
  type SmartProjectDetail,
  type SmartProjectList,
  type SmartProjectListQuery,
  type SmartProjectStatus,
  type SmartProjectView,
  type SmartSummary,
  type UpdateSmartProjectRequest,
} from '@yuanqi/contract';
import type { Actor } from '../../../platform/actor.js';
import { can } from '../../../platform/actor.js';
import { recordAudit } from '../../../platform/audit.js';
import { shanghaiDate } from '../../../platform/calendar/index.js';
import type { AppContext } from '../../../platform/context.js';
import { AppError, conflict, forbidden, notFound } from '../../../platform/errors.js';
import { enterpriseScopeOf } from '../../../platform/scope.js';
import { requireIndustryAccess } from '../access.js';
import * as repo from './repository.js';

const STALE = '项目已被他人修改,请刷新后再试';
const invalid = (path: string, message: string) => new AppError('VALIDATION_FAILED', message, [{ path, message }]);

/** The office (industry:manage) edits every project; a firm, or the liaison of its firms, its own (industry:report). */
function canEdit(actor: Actor): boolean {
  return can(actor, 'industry:manage') || can(actor, 'industry:report');
}

function present(actor: Actor, row: repo.SmartProjectRow, costs: repo.SmartCostRow[]): SmartProjectView & { usedBefore: string[] } {
  const { usedBefore, ...saving } = computeSmartSaving({
    status: row.status as SmartProjectStatus,
    liveOn: row.live_on,
    investmentFen: row.investment_fen,
    costs: costs.map((c) => ({ month: c.month, costFen: c.cost_fen })),
  });
  return {
    id: row.id,
    enterpriseId: row.enterprise_id,
    enterpriseName: row.enterprise_name,
    chain: row.chain,
    name: row.name,
    content: row.content,
    vendor: row.vendor,
    investmentFen: row.investment_fen,
    startedOn: row.started_on,
    liveOn: row.live_on,
    status: row.status as SmartProjectStatus,
    version: row.version,
    costMonths: costs.length,
    saving: saving as SmartProjectView['saving'],
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
    canEdit: canEdit(actor),
    usedBefore,
  };
}

/** Totals across the projects and the check of the claim across the live ones with enough data. */
export function summarise(items: SmartProjectView[]): SmartSummary {
  const live = items.filter((p) => p.status === 'live');
  const computed = live.flatMap((p) => (p.saving.sufficient ? [{ p, s: p.saving }] : []));
  const count = (band: string) => computed.filter((c) => c.s.band === band).length;
  return {
    projects: items.length,
    live: live.length,
    totalInvestmentFen: items.reduce((s, p) => s + p.investmentFen, 0),
    computed: computed.length,
    insufficient: live.length - computed.length,
    totalAnnualSavingFen: computed.reduce((s, c) => s + c.s.annualSavingFen, 0),
    claim: { lowFen: SMART_SAVING_CLAIM.lowFen, highFen: SMART_SAVING_CLAIM.highFen, text: SMART_SAVING_CLAIM.text, below: count('below'), within: count('within'), above: count('above') },
    perProject: computed
      .map(({ p, s }) => ({ id: p.id, name: p.name, enterpriseName: p.enterpriseName, annualSavingFen: s.annualSavingFen, investmentFen: p.investmentFen, paybackMonths: s.paybackMonths, band: s.band }))
      .sort((a, b) => b.annualSavingFen - a.annualSavingFen),
  };
}

/** The projects the actor sees (a firm its own, a liaison its firms', staff the park's) with the summary over them. */
export async function listSmartProjects(ctx: AppContext, actor: Actor, query: SmartProjectListQuery): Promise<SmartProjectList> {
  requireIndustryAccess(actor);
  const rows = await repo.findSmartProjects(ctx.db, enterpriseScopeOf(actor), query);
  const costs = await repo.findSmartCosts(ctx.db, actor.parkId, rows.map((r) => r.id));
  const byProject = new Map<string, repo.SmartCostRow[]>();
  for (const c of costs) {
    const list = byProject.get(c.project_id);
    if (list) list.push(c);
    else byProject.set(c.project_id, [c]);
  }
  const items = rows.map((r) => {
    const { usedBefore: _, ...view } = present(actor, r, byProject.get(r.id) ?? []);
    return view;
  });
  return { items, summary: summarise(items) };
}

/** One project with its monthly costs, each marked with the side of go-live it counts on. Out of scope: 404. */
export async function getSmartProject(ctx: AppContext, actor: Actor, id: string): Promise<SmartProjectDetail> {
  requireIndustryAccess(actor);
  const row = await repo.findSmartProject(ctx.db, enterpriseScopeOf(actor), id);
  if (!row) throw notFound('智能化改造项目');
  const costs = await repo.findSmartCosts(ctx.db, actor.parkId, [row.id]);
  const { usedBefore, ...view } = present(actor, row, costs);
  const liveMonth = view.status === 'live' && view.liveOn ? monthOf(view.liveOn) : null;
  const used = new Set(usedBefore);
  const costViews: SmartCostView[] = costs.map((c) => ({ month: c.month, costFen: c.cost_fen, note: c.note, phase: costPhaseOf(c.month, liveMonth, used) }));
  return { ...view, costs: costViews };
}

function todayOf(ctx: AppContext): string {
  return shanghaiDate(ctx.clock.now());
}

function checkAgainstToday(ctx: AppContext, input: { status: SmartProjectStatus; liveOn?: string | null; startedOn?: string | null }): void {
  const today = todayOf(ctx);
  if (input.status === 'live' && input.liveOn && input.liveOn > today) throw invalid('liveOn', '已上线项目的上线日期不能晚于今天');
  if (input.status !== 'planned' && input.startedOn && input.startedOn > today) throw invalid('startedOn', '建设中或已上线项目的启动日期不能晚于今天');
}

const fieldsOf = (input: Omit<CreateSmartProjectRequest, 'enterpriseId'>): repo.SmartProjectFields => ({
  name: input.name,
  content: input.content || null,
  vendor: input.vendor || null,
  investment_fen: input.investmentFen,
  started_on: input.startedOn ?? null,
  live_on: input.liveOn ?? null,
  status: input.status,
});

/** 新建项目: the office for any firm of the park, a firm for itself, a liaison for its firms. */
export async function createSmartProject(ctx: AppContext, actor: Actor, input: CreateSmartProjectRequest): Promise<SmartProjectDetail> {
  requireIndustryAccess(actor);
  if (!canEdit(actor)) throw forbidden();
  const scope = enterpriseScopeOf(actor);
  const enterpriseId = scope.kind === 'enterprise' ? scope.enterpriseId : input.enterpriseId;
  if (!enterpriseId) throw invalid('enterpriseId', '请选择企业');
  const firm = await repo.findFirmInScope(ctx.db, scope, enterpriseId);
  if (!firm) throw notFound('企业');
  checkAgainstToday(ctx, input);
  const now = ctx.clock.now();
  const fields = fieldsOf(input);
  const id = await ctx.db.transaction().execute(async (trx) => {
    const projectId = await repo.insertSmartProject(trx, { ...fields, park_id: actor.parkId, enterprise_id: firm.id, created_by: actor.userId, now });
    await recordAudit(trx, actor, actor.parkId, [{ action: 'create', entity: 'smart_project', entityId: projectId, before: null, after: { enterprise: firm.name, ...fields } }], now);
    return projectId;
  });
  return getSmartProject(ctx, actor, id);
}

async function editable(ctx: AppContext, actor: Actor, id: string): Promise<repo.SmartProjectRow> {
  requireIndustryAccess(actor);
  const row = await repo.findSmartProject(ctx.db, enterpriseScopeOf(actor), id);
  if (!row) throw notFound('智能化改造项目');
  if (!canEdit(actor)) throw forbidden();
  return row;
}

/** 修改项目 (optimistic: a stale version is 409). */
export async function updateSmartProject(ctx: AppContext, actor: Actor, id: string, input: UpdateSmartProjectRequest): Promise<SmartProjectDetail> {
  const row = await editable(ctx, actor, id);
  checkAgainstToday(ctx, input);
  const now = ctx.clock.now();
  const fields = fieldsOf(input);
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await repo.updateSmartProject(trx, actor.parkId, id, input.version, fields, now))) throw conflict(STALE);
    const before = { name: row.name, content: row.content, vendor: row.vendor, investment_fen: row.investment_fen, started_on: row.started_on, live_on: row.live_on, status: row.status };
    await recordAudit(trx, actor, actor.parkId, [{ action: 'update', entity: 'smart_project', entityId: id, before, after: fields }], now);
  });
  return getSmartProject(ctx, actor, id);
}

/** 删除项目 with its monthly costs. */
export async function deleteSmartProject(ctx: AppContext, actor: Actor, id: string, version: number): Promise<void> {
  const row = await editable(ctx, actor, id);
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await repo.deleteSmartProject(trx, actor.parkId, id, version))) throw conflict(STALE);
    await recordAudit(trx, actor, actor.parkId, [{ action: 'delete', entity: 'smart_project', entityId: id, before: { name: row.name, enterprise: row.enterprise_name, investment_fen: row.investment_fen }, after: null }], now);
  });
}

/** The earliest month costs may be entered for. */
const FIRST_MONTH = '2000-01-01';

/**
 * The months one can enter: from 2000 up to the current month (Asia/Shanghai); a later month is a
 * cost not yet incurred.
 */
export function checkCostMonth(ctx: AppContext, month: string): string | null {
  const current = monthOf(todayOf(ctx));
  if (month > current) return `${month.slice(0, 7)} 晚于本月,不能填写未来月份的成本`;
  if (month < FIRST_MONTH) return `${month.slice(0, 7)} 早于2000年`;
  return null;
}

/**
 * 保存月度成本: the months given are set, a null cost removes the month; one transaction, the
 * project's version moves on (a grid saved over someone else's change is 409).
 */
export async function saveSmartCosts(ctx: AppContext, actor: Actor, id: string, input: SaveSmartCostsRequest): Promise<SmartProjectDetail> {
  const row = await editable(ctx, actor, id);
  const seen = new Map<string, number>();
  const details: { path: string; message: string }[] = [];
  const costs = input.costs.map((c) => ({ ...c, month: c.month.length === 7 ? `${c.month}-01` : c.month }));
  costs.forEach((c, i) => {
    const problem = checkCostMonth(ctx, c.month);
    if (problem) details.push({ path: `costs.${i}.month`, message: `月份:${problem}` });
    const first = seen.get(c.month);
    if (first !== undefined) details.push({ path: `costs.${i}.month`, message: `月份:${c.month.slice(0, 7)} 重复填写` });
    else seen.set(c.month, i);
  });
  if (details.length) throw new AppError('VALIDATION_FAILED', details.length > 1 ? `${details[0]!.message}(共${details.length}处错误)` : details[0]!.message, details);
  const now = ctx.clock.now();
  const set = costs.filter((c) => c.costFen !== null).map((c) => ({ month: c.month, costFen: c.costFen as number, note: c.note || null }));
  const removed = costs.filter((c) => c.costFen === null).map((c) => c.month);
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await repo.updateSmartProject(trx, actor.parkId, id, input.version, {}, now))) throw conflict(STALE);
    const before = await repo.findSmartCosts(trx, actor.parkId, [id]);
    await repo.upsertSmartCosts(trx, actor.parkId, id, set);
    await repo.deleteSmartCosts(trx, actor.parkId, id, removed);
    const touched = new Set(costs.map((c) => c.month));
    await recordAudit(
      trx,
      actor,
      actor.parkId,
      [
        {
          action: 'save_costs',
          entity: 'smart_project',
          entityId: id,
          before: { project: row.name, costs: before.filter((c) => touched.has(c.month)).map((c) => ({ month: c.month, cost_fen: c.cost_fen })) },
          after: { project: row.name, costs: set.map((c) => ({ month: c.month, cost_fen: c.costFen })), removed },
        },
      ],
      now,
    );
  });
  return getSmartProject(ctx, actor, id);
}
