import {
  INDICATOR_UNIT_LABELS,
  REPORT_ACTION_LABELS,
  REPORT_STATUS_LABELS,
  growthPct,
  periodLabel,
  previousPeriod,
  samePeriodLastYear,
  type CreateIndicatorRequest,
  type FilingStatusView,
  type FirmMonthsView,
  type IndicatorUnit,
  type IndicatorView,
  type IndustrySettingsRequest,
  type IndustrySettingsView,
  type Paged,
  type ReportAction,
  type ReportActionRequest,
  type ReporterView,
  type ReportersQuery,
  type ReportRowView,
  type ReportStatus,
  type ReportSummaryView,
  type ReportValueInput,
  type ReportValueSource,
  type ReportView,
  type SaveReportRequest,
  type UpdateIndicatorRequest,
} from '@yuanqi/contract';
import { sql, type Transaction } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { can, type Actor } from '../../../platform/actor.js';
import { recordAudit } from '../../../platform/audit.js';
import { shanghaiDate, startOfNextShanghaiDay, type WorkingCalendar } from '../../../platform/calendar/index.js';
import type { AppContext } from '../../../platform/context.js';
import { AppError, conflict, forbidden, invalidState, notFound, validationError } from '../../../platform/errors.js';
import type { NotificationInput } from '../../../platform/notifications.js';
import { enterpriseScopeOf } from '../../../platform/scope.js';
import { caseEventsTable, commitTransition, presentCaseEvent, type CaseStore, type PartyOf } from '../../../platform/workflow/index.js';
import { ensureIndustryDefaults, industrySettings } from '../defaults.js';
import { energyOfferFor } from '../rollups/energy.js';
import { syncFactsFromFigures } from '../stats/facts.js';
import { periodOfInstant, reportDueOn, workingDaysLeft } from './due.js';
import * as repo from './repository.js';
import type { FirmRow, IndicatorRow, ReportRow } from './repository.js';
import { checkReportValues, type CheckedValue, type FormIndicator } from './validate.js';
import { reportWorkflow } from './workflow.js';

export const reportEvents = caseEventsTable('industry_report_events', 'report_id');

function reportSnapshot(row: ReportRow): Record<string, unknown> {
  return { enterpriseId: row.enterprise_id, period: row.period, status: row.status, revision: row.revision, late: row.late, returnReason: row.return_reason, correctionReason: row.correction_reason };
}

export const reportStore: CaseStore<ReportRow> = { table: 'industry_reports', entity: 'industry_report', subject: '月报', events: reportEvents, snapshot: reportSnapshot };

const iso = (d: Date | null) => (d ? d.toISOString() : null);

// ------------------------------------------------------------------ who

function partiesOf(actor: Actor): Set<PartyOf<typeof reportWorkflow>> {
  const parties = new Set<PartyOf<typeof reportWorkflow>>();
  // Every caller reached the report through its scope (enterprise: its own firm; liaison: its firms).
  if (can(actor, 'industry:report')) parties.add('filer');
  if (can(actor, 'industry:review')) parties.add('reviewer');
  return parties;
}

function requireReader(actor: Actor): void {
  if (!can(actor, 'industry:read') && !can(actor, 'industry:report')) throw forbidden();
}

// ------------------------------------------------------------------ indicators

export function applies(ind: IndicatorRow, chain: string | null): boolean {
  return ind.active && (ind.applies_to === 'all' || (!!chain && ind.chains.includes(chain)));
}

const asForm = (i: IndicatorRow): FormIndicator => ({
  key: i.key,
  label: i.label,
  unit: i.unit as IndicatorUnit,
  decimals: i.decimals,
  required: i.required,
  allow_negative: i.allow_negative,
  max_value: i.max_value === null ? null : Number(i.max_value),
  swing_check: i.swing_check,
});

function presentIndicator(i: IndicatorRow, chains: Map<string, string>): IndicatorView {
  const unit = i.unit as IndicatorUnit;
  return {
    id: i.id,
    key: i.key,
    label: i.label,
    unit,
    unitLabel: INDICATOR_UNIT_LABELS[unit],
    decimals: i.decimals,
    appliesTo: i.applies_to as 'all' | 'chains',
    chains: i.chains,
    chainLabels: i.chains.map((c) => chains.get(c) ?? c),
    required: i.required,
    allowNegative: i.allow_negative,
    maxValue: i.max_value === null ? null : Number(i.max_value),
    swingCheck: i.swing_check,
    sort: i.sort,
    active: i.active,
    builtin: i.builtin,
    help: i.help,
  };
}

export async function listIndicatorViews(ctx: AppContext, actor: Actor): Promise<IndicatorView[]> {
  requireReader(actor);
  await ensureIndustryDefaults(ctx.db, actor.parkId);
  const [rows, chains] = await Promise.all([repo.listIndicators(ctx.db, actor.parkId), repo.chainLabels(ctx.db, actor.parkId)]);
  return rows.map((r) => presentIndicator(r, chains));
}

async function checkChains(ctx: AppContext, parkId: string, chains: string[]): Promise<void> {
  const known = await repo.chainLabels(ctx.db, parkId);
  const bad = chains.filter((c) => !known.has(c));
  if (bad.length) throw validationError([{ path: 'chains', message: `产业链“${bad.join('、')}”不存在` }]);
}

export async function createIndicator(ctx: AppContext, actor: Actor, input: CreateIndicatorRequest): Promise<IndicatorView> {
  await ensureIndustryDefaults(ctx.db, actor.parkId);
  await checkChains(ctx, actor.parkId, input.chains);
  const now = ctx.clock.now();
  const row = await ctx.db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('industry_indicators')
      .values({
        park_id: actor.parkId,
        key: input.key,
        label: input.label,
        unit: input.unit,
        decimals: input.decimals,
        applies_to: input.appliesTo,
        chains: input.appliesTo === 'chains' ? input.chains : [],
        required: input.required,
        allow_negative: input.allowNegative,
        max_value: input.maxValue,
        swing_check: input.swingCheck,
        sort: input.sort,
        active: input.active,
        builtin: false,
        help: input.help,
        created_at: now,
        updated_at: now,
      })
      .onConflict((oc) => oc.columns(['park_id', 'key']).doNothing())
      .returningAll()
      .executeTakeFirst();
    if (!inserted) throw conflict(`指标代码“${input.key}”已存在`, [{ path: 'key', message: `指标代码“${input.key}”已存在` }]);
    await recordAudit(trx, actor, actor.parkId, [{ action: 'industry_indicator.create', entity: 'industry_indicator', entityId: inserted.id, before: null, after: { ...inserted } }], now);
    return inserted;
  });
  return presentIndicator(row, await repo.chainLabels(ctx.db, actor.parkId));
}

export async function updateIndicator(ctx: AppContext, actor: Actor, id: string, input: UpdateIndicatorRequest): Promise<IndicatorView> {
  const now = ctx.clock.now();
  if (input.chains) await checkChains(ctx, actor.parkId, input.chains);
  const row = await ctx.db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('industry_indicators').selectAll().where('park_id', '=', actor.parkId).where('id', '=', id).forUpdate().executeTakeFirst();
    if (!before) throw notFound('指标');
    if (before.builtin && input.unit && input.unit !== before.unit) throw validationError([{ path: 'unit', message: '内置指标的单位不能修改(统计与政策事实按此单位读取)' }]);
    const unit = input.unit ?? before.unit;
    const decimals = input.decimals ?? before.decimals;
    if (unit === 'fen' && decimals !== 0) throw validationError([{ path: 'decimals', message: '金额指标以分为单位存储,小数位数应为0' }]);
    const appliesTo = input.appliesTo ?? before.applies_to;
    const chains = appliesTo === 'chains' ? (input.chains ?? before.chains) : [];
    if (appliesTo === 'chains' && chains.length === 0) throw validationError([{ path: 'chains', message: '适用于指定产业链时请至少选择一条产业链' }]);
    const updated = await trx
      .updateTable('industry_indicators')
      .set({
        label: input.label ?? before.label,
        unit,
        decimals,
        applies_to: appliesTo,
        chains,
        required: input.required ?? before.required,
        allow_negative: input.allowNegative ?? before.allow_negative,
        max_value: input.maxValue !== undefined ? input.maxValue : before.max_value,
        swing_check: input.swingCheck ?? before.swing_check,
        sort: input.sort ?? before.sort,
        active: input.active ?? before.active,
        help: input.help !== undefined ? input.help : before.help,
        updated_at: now,
      })
      .where('park_id', '=', actor.parkId)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, actor.parkId, [{ action: input.active === false && before.active ? 'industry_indicator.deactivate' : 'industry_indicator.update', entity: 'industry_indicator', entityId: id, before: { ...before }, after: { ...updated } }], now);
    return updated;
  });
  return presentIndicator(row, await repo.chainLabels(ctx.db, actor.parkId));
}

// ------------------------------------------------------------------ reporting firms

export async function listReporters(ctx: AppContext, actor: Actor, query: ReportersQuery): Promise<Paged<ReporterView>> {
  const chains = await repo.chainLabels(ctx.db, actor.parkId);
  let q = ctx.db
    .selectFrom('enterprises as e')
    .leftJoin('industry_reporters as r', (j) => j.onRef('r.park_id', '=', 'e.park_id').onRef('r.enterprise_id', '=', 'e.id'))
    .leftJoin('users as l', 'l.id', 'e.liaison_id')
    .where('e.park_id', '=', actor.parkId);
  if (query.filter === 'reporting') q = q.where(repo.reportsExpr);
  if (query.filter === 'exempt') q = q.where('e.is_above_scale', '=', true).where('r.reports', '=', false);
  if (query.filter === 'overrides') q = q.where('r.reports', 'is not', null);
  if (query.q) q = q.where('e.name', 'ilike', `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  const [{ total }] = await q.select(sql<number>`count(*)::int`.as('total')).execute();
  const rows = await q
    .select(['e.id', 'e.name', 'e.chain', 'e.is_above_scale', 'r.reports', 'r.reason', 'r.updated_at', 'l.display_name as liaison_name'])
    .orderBy('e.name')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  return {
    items: rows.map((r) => ({
      enterpriseId: r.id,
      enterpriseName: r.name,
      chain: r.chain,
      chainLabel: r.chain ? (chains.get(r.chain) ?? r.chain) : null,
      isAboveScale: r.is_above_scale,
      reports: r.reports ?? r.is_above_scale,
      override: r.reports,
      reason: r.reason,
      liaisonName: r.liaison_name,
      updatedAt: iso(r.updated_at),
    })),
    total: Number(total),
    page: query.page,
    pageSize: query.pageSize,
  };
}

export async function setReporter(ctx: AppContext, actor: Actor, enterpriseId: string, input: { reports: boolean; reason: string } | null): Promise<void> {
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const firm = await repo.findFirm(trx, { kind: 'park', parkId: actor.parkId }, enterpriseId);
    if (!firm) throw notFound('企业');
    const before = await trx.selectFrom('industry_reporters').selectAll().where('park_id', '=', actor.parkId).where('enterprise_id', '=', enterpriseId).executeTakeFirst();
    if (input) {
      await trx
        .insertInto('industry_reporters')
        .values({ park_id: actor.parkId, enterprise_id: enterpriseId, reports: input.reports, reason: input.reason, updated_by: actor.userId, updated_at: now })
        .onConflict((oc) => oc.columns(['park_id', 'enterprise_id']).doUpdateSet({ reports: input.reports, reason: input.reason, updated_by: actor.userId, updated_at: now }))
        .execute();
    } else {
      await trx.deleteFrom('industry_reporters').where('park_id', '=', actor.parkId).where('enterprise_id', '=', enterpriseId).execute();
    }
    await recordAudit(trx, actor, actor.parkId, [{ action: input ? 'industry_reporter.set' : 'industry_reporter.reset', entity: 'enterprise', entityId: enterpriseId, before: before ? { reports: before.reports, reason: before.reason } : null, after: input ? { ...input } : null }], now);
  });
}

// ------------------------------------------------------------------ settings

export async function getSettings(ctx: AppContext, actor: Actor): Promise<IndustrySettingsView> {
  requireReader(actor);
  const s = await industrySettings(ctx.db, actor.parkId);
  const row = await ctx.db
    .selectFrom('industry_settings as s')
    .leftJoin('users as u', 'u.id', 's.updated_by')
    .select(['s.updated_at', 'u.display_name'])
    .where('s.park_id', '=', actor.parkId)
    .executeTakeFirst();
  return { ...s, updatedAt: iso(row?.updated_at ?? null), updatedByName: row?.display_name ?? null };
}

export async function putSettings(ctx: AppContext, actor: Actor, input: IndustrySettingsRequest): Promise<IndustrySettingsView> {
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const before = await industrySettings(trx, actor.parkId);
    const values = {
      report_due_workday: input.reportDueWorkday,
      remind_workdays_before: input.remindWorkdaysBefore,
      swing_threshold_pct: input.swingThresholdPct,
      offline_after_minutes: input.offlineAfterMinutes,
      raw_retention_days: input.rawRetentionDays,
      max_future_seconds: input.maxFutureSeconds,
      simulator_enabled: input.simulatorEnabled,
      updated_by: actor.userId,
      updated_at: now,
    };
    await trx
      .insertInto('industry_settings')
      .values({ park_id: actor.parkId, ...values })
      .onConflict((oc) => oc.column('park_id').doUpdateSet(values))
      .execute();
    await recordAudit(trx, actor, actor.parkId, [{ action: 'industry_settings.update', entity: 'industry_settings', entityId: actor.parkId, before: { ...before }, after: { ...input } }], now);
  });
  return getSettings(ctx, actor);
}

// ------------------------------------------------------------------ the form

/** Stored value → what a form sends back (money: fen → 元). */
function toInput(unit: string, value: number): number {
  return unit === 'fen' ? value / 100 : value;
}

type FormContext = { firm: FirmRow; indicators: IndicatorRow[]; applicable: IndicatorRow[]; bases: Map<string, { lastYear: number | null; previous: number | null }> };

async function formContext(db: AppContext['db'] | Transaction<DB>, parkId: string, firm: FirmRow, period: string): Promise<FormContext> {
  await ensureIndustryDefaults(db, parkId);
  const indicators = await repo.listIndicators(db, parkId);
  const applicable = indicators.filter((i) => applies(i, firm.chain));
  const lastYearPeriod = samePeriodLastYear(period);
  const prevPeriod = previousPeriod(period);
  const figures = await repo.figuresOf(db, parkId, firm.id, [lastYearPeriod, prevPeriod]);
  const bases = new Map(
    indicators.map((i) => [i.key, { lastYear: figures.get(lastYearPeriod)?.get(i.key) ?? null, previous: figures.get(prevPeriod)?.get(i.key) ?? null }]),
  );
  return { firm, indicators, applicable, bases };
}

function checkPeriod(period: string, firm: FirmRow, now: Date): void {
  if (period >= periodOfInstant(now)) throw validationError([{ path: 'period', message: `${periodLabel(period)}尚未结束,只能填报已结束的月份` }]);
  if (period < '2000-01-01') throw validationError([{ path: 'period', message: '报告期过早' }]);
  if (firm.founded_on && period < `${firm.founded_on.slice(0, 7)}-01`) throw validationError([{ path: 'period', message: `${periodLabel(period)}早于企业成立日期(${firm.founded_on})` }]);
}

const firmReports = (firm: FirmRow) => firm.reports_override ?? firm.is_above_scale;

/**
 * The report of a firm and month for filing: created as a draft on first open (only for a
 * reporting firm and a month that has ended, not before the firm was founded).
 */
export async function openReportForm(ctx: AppContext, actor: Actor, input: { enterpriseId?: string; period: string }): Promise<ReportView> {
  const enterpriseId = input.enterpriseId ?? actor.enterpriseId;
  if (!enterpriseId) throw validationError([{ path: 'enterpriseId', message: '请选择企业' }]);
  const firm = await repo.findFirm(ctx.db, enterpriseScopeOf(actor), enterpriseId);
  if (!firm) throw notFound('企业');
  const now = ctx.clock.now();
  checkPeriod(input.period, firm, now);
  let report = await repo.findReportOf(ctx.db, actor.parkId, firm.id, input.period);
  if (!report) {
    if (!firmReports(firm)) throw invalidState(`${firm.name}不在经济运行月报报送范围内(非规上企业,且未被列入报送名单)`);
    const settings = await industrySettings(ctx.db, actor.parkId);
    const calendar = await ctx.calendar.get();
    const { dueOn } = reportDueOn(calendar, input.period, settings.reportDueWorkday);
    await ctx.db.transaction().execute(async (trx) => {
      const created = (await trx
        .insertInto('industry_reports')
        .values({ park_id: actor.parkId, enterprise_id: firm.id, period: input.period, status: 'draft', due_on: dueOn, created_at: now, updated_at: now })
        .onConflict((oc) => oc.columns(['park_id', 'enterprise_id', 'period']).doNothing())
        .returningAll()
        .executeTakeFirst()) as ReportRow | undefined;
      if (!created) return; // opened at the same time elsewhere
      await reportEvents.write(trx, actor.parkId, created.id, [
        { action: 'create', from_status: null, to_status: 'draft', actor_id: actor.userId, actor_name: actor.displayName, actor_role: actorRole(actor), note: null, data: null, at: now },
      ]);
      await recordAudit(trx, actor, actor.parkId, [{ action: 'industry_report.create', entity: 'industry_report', entityId: created.id, before: null, after: reportSnapshot(created) }], now);
    });
    report = (await repo.findReportOf(ctx.db, actor.parkId, firm.id, input.period))!;
  }
  return presentReport(ctx, actor, report, firm);
}

/** The role the timeline names (企业用户, 联络员, 调度专班 …). */
function actorRole(actor: Actor): string {
  for (const role of ['enterprise', 'liaison', 'dispatcher', 'admin'] as const) if (actor.roles.includes(role)) return role;
  return actor.roles[0] ?? 'staff';
}

export async function getReport(ctx: AppContext, actor: Actor, id: string): Promise<ReportView> {
  requireReader(actor);
  const report = await repo.findReport(ctx.db, enterpriseScopeOf(actor), id);
  if (!report) throw notFound('月报');
  const firm = (await repo.findFirm(ctx.db, enterpriseScopeOf(actor), report.enterprise_id))!;
  return presentReport(ctx, actor, report, firm);
}

async function presentReport(ctx: AppContext, actor: Actor, report: ReportRow, firm: FirmRow): Promise<ReportView> {
  const fc = await formContext(ctx.db, report.park_id, firm, report.period);
  const [values, revisions, events, settings, chains, calendar] = await Promise.all([
    repo.valuesOf(ctx.db, report.park_id, report.id),
    repo.revisionsOf(ctx.db, report.park_id, report.id),
    reportEvents.list(ctx.db, report.park_id, report.id),
    industrySettings(ctx.db, report.park_id),
    repo.chainLabels(ctx.db, report.park_id),
    ctx.calendar.get(),
  ]);
  const byKey = new Map(values.map((v) => [v.indicator_key, v]));
  const shown = fc.indicators.filter((i) => applies(i, firm.chain) || byKey.has(i.key));
  const rows: ReportRowView[] = shown.map((i) => {
    const v = byKey.get(i.key);
    const value = v ? Number(v.value) : null;
    const base = fc.bases.get(i.key)!;
    const unit = i.unit as IndicatorUnit;
    return {
      key: i.key,
      label: i.label,
      unit,
      unitLabel: INDICATOR_UNIT_LABELS[unit],
      decimals: i.decimals,
      required: i.required,
      allowNegative: i.allow_negative,
      maxValue: i.max_value === null ? null : Number(i.max_value),
      swingCheck: i.swing_check,
      help: i.help,
      retired: !applies(i, firm.chain),
      value,
      note: v?.note ?? null,
      source: (v?.source as ReportValueSource | undefined) ?? null,
      lastYear: base.lastYear,
      previous: base.previous,
      yoyPct: growthPct(value, base.lastYear),
      momPct: growthPct(value, base.previous),
    };
  });
  const parties = partiesOf(actor);
  const editable = parties.has('filer') && (report.status === 'draft' || report.status === 'returned');
  const offerWanted = editable && rows.some((r) => r.key === 'power_kwh' && !r.retired);
  const energyOffer = offerWanted ? await energyOfferFor(ctx.db, report.park_id, firm.id, report.period) : null;
  const today = shanghaiDate(ctx.clock.now());
  const open = report.status === 'draft' || report.status === 'returned';
  return {
    ...summaryOf(report, firm, chains, values.filter((v) => v.note).length),
    rows,
    swingThresholdPct: settings.swingThresholdPct,
    energyOffer,
    workingDaysLeft: open ? workingDaysLeft(calendar, today, report.due_on) : null,
    editable,
    allowedActions: reportWorkflow.allowedActions(report, parties) as ReportAction[],
    revisions: revisions.map((r) => ({
      revision: r.revision,
      figures: r.figures,
      notes: r.notes,
      reason: r.reason,
      acceptedAt: r.accepted_at.toISOString(),
      acceptedByName: r.accepted_by_name,
    })),
    timeline: events.map((e) => presentCaseEvent(e, REPORT_ACTION_LABELS, { actorId: false })),
  };
}

function summaryOf(report: ReportRow, firm: { name: string; chain: string | null; liaison_name: string | null }, chains: Map<string, string>, swingNotes: number): ReportSummaryView {
  return {
    id: report.id,
    enterpriseId: report.enterprise_id,
    enterpriseName: firm.name,
    chain: firm.chain,
    chainLabel: firm.chain ? (chains.get(firm.chain) ?? firm.chain) : null,
    period: report.period,
    periodLabel: periodLabel(report.period),
    status: report.status,
    statusLabel: REPORT_STATUS_LABELS[report.status],
    revision: report.revision,
    dueOn: report.due_on,
    late: report.late,
    submittedAt: iso(report.submitted_at),
    reviewedAt: iso(report.reviewed_at),
    returnReason: report.return_reason,
    correctionReason: report.correction_reason,
    swingNotes,
    liaisonName: firm.liaison_name,
    version: report.version,
  };
}

/** The report under a lock, in scope, at the version the caller saw. */
async function lockReport(trx: Transaction<DB>, actor: Actor, id: string, version: number): Promise<{ report: ReportRow; firm: FirmRow }> {
  const scope = enterpriseScopeOf(actor);
  const report = await repo.findReport(trx, scope, id, true);
  if (!report) throw notFound('月报');
  const firm = (await repo.findFirm(trx, scope, report.enterprise_id))!;
  if (report.version !== version) throw conflict('月报已被他人修改或处理,请刷新后重试');
  return { report, firm };
}

/** The stored values as a form would send them, overlaid with the entered ones. */
async function mergedInput(trx: Transaction<DB>, report: ReportRow, fc: FormContext, entered: Record<string, ReportValueInput> | undefined): Promise<Record<string, ReportValueInput>> {
  const stored = await repo.valuesOf(trx, report.park_id, report.id);
  const out: Record<string, ReportValueInput> = {};
  const applicable = new Set(fc.applicable.map((i) => i.key));
  for (const v of stored) {
    if (!applicable.has(v.indicator_key)) continue;
    const ind = fc.indicators.find((i) => i.key === v.indicator_key)!;
    out[v.indicator_key] = { value: toInput(ind.unit, Number(v.value)), note: v.note, source: v.source as ReportValueSource };
  }
  return { ...out, ...(entered ?? {}) };
}

function throwIfAny(details: { path: string; message: string }[]): void {
  if (details.length) throw validationError(details);
}

/** Saves a draft (draft or returned): impossible values refused, the rest kept as entered. */
export async function saveReport(ctx: AppContext, actor: Actor, id: string, input: SaveReportRequest): Promise<ReportView> {
  const now = ctx.clock.now();
  const settings = await industrySettings(ctx.db, actor.parkId);
  const { report, firm } = await ctx.db.transaction().execute(async (trx) => {
    const { report, firm } = await lockReport(trx, actor, id, input.version);
    if (!partiesOf(actor).has('filer')) throw forbidden('只有本企业或其联络员可以填报月报');
    if (report.status !== 'draft' && report.status !== 'returned') throw invalidState(`月报当前状态为“${REPORT_STATUS_LABELS[report.status]}”,不能修改`);
    const fc = await formContext(trx, report.park_id, firm, report.period);
    const { values, details } = checkReportValues(fc.applicable.map(asForm), input.values, fc.bases, settings.swingThresholdPct, 'draft');
    throwIfAny(details);
    await repo.writeValues(trx, report.park_id, report.id, values);
    const updated = (await trx
      .updateTable('industry_reports')
      .set({ version: report.version + 1, updated_at: now })
      .where('park_id', '=', report.park_id)
      .where('id', '=', report.id)
      .returningAll()
      .executeTakeFirstOrThrow()) as ReportRow;
    await recordAudit(trx, actor, report.park_id, [{ action: 'industry_report.save', entity: 'industry_report', entityId: report.id, before: null, after: { values: Object.fromEntries([...values].map(([k, v]) => [k, v.value])) } }], now);
    return { report: updated, firm };
  });
  return presentReport(ctx, actor, report, firm);
}

/** Submits (draft or returned → submitted): every check of a submission, values saved with it. */
export async function submitReport(ctx: AppContext, actor: Actor, id: string, input: SaveReportRequest): Promise<ReportView> {
  const now = ctx.clock.now();
  const settings = await industrySettings(ctx.db, actor.parkId);
  const { report, firm } = await ctx.db.transaction().execute(async (trx) => {
    const { report, firm } = await lockReport(trx, actor, id, input.version);
    const transition = reportWorkflow.check(report, 'submit', partiesOf(actor), {});
    const fc = await formContext(trx, report.park_id, firm, report.period);
    const merged = await mergedInput(trx, report, fc, input.values);
    const { values, details } = checkReportValues(fc.applicable.map(asForm), merged, fc.bases, settings.swingThresholdPct, 'submit');
    throwIfAny(details);
    await repo.writeValues(trx, report.park_id, report.id, values);
    const lateNow = now.getTime() >= startOfNextShanghaiDay(report.due_on).getTime();
    const first = report.submitted_at === null;
    const updated = await commitTransition(trx, ctx, actor, reportStore, {
      row: report,
      to: reportWorkflow.target(transition, report, {}),
      patch: { submitted_at: now, submitted_by: actor.userId, late: report.late || (first && lateNow), return_reason: null, version: report.version + 1, updated_at: now },
      now,
      event: { action: 'submit', actorRole: actorRole(actor), data: { late: first && lateNow, resubmission: !first } },
    });
    return { report: updated, firm };
  });
  return presentReport(ctx, actor, report, firm);
}

/** The office's accept / return, and a correction of an accepted report (firm or office). */
export async function actOnReport(ctx: AppContext, actor: Actor, id: string, input: ReportActionRequest): Promise<ReportView> {
  const now = ctx.clock.now();
  const settings = await industrySettings(ctx.db, actor.parkId);
  const { report, firm } = await ctx.db.transaction().execute(async (trx) => {
    const { report, firm } = await lockReport(trx, actor, id, input.version);
    const parties = partiesOf(actor);
    const reason = input.reason?.trim() || null;
    const transition = reportWorkflow.check(report, input.action, parties, { reason });
    const to = reportWorkflow.target(transition, report, { reason });
    const users = await repo.firmUserIds(trx, report.park_id, [firm.id]);
    const recipients = [...new Set([...(users.get(firm.id) ?? []), ...(firm.liaison_id ? [firm.liaison_id] : [])])].filter((u) => u !== actor.userId);
    const link = `/industry/reports/${report.id}`;
    const label = periodLabel(report.period);
    const notesTo = (title: string, body?: string): NotificationInput[] => recipients.map((userId) => ({ parkId: report.park_id, userId, kind: `industry_report.${input.action}`, title, body, link }));
    const role = actorRole(actor);

    if (input.action === 'accept') {
      const values = await repo.valuesOf(trx, report.park_id, report.id);
      const revision = report.revision + 1;
      const figures = Object.fromEntries(values.map((v) => [v.indicator_key, Number(v.value)]));
      const notes = Object.fromEntries(values.filter((v) => v.note).map((v) => [v.indicator_key, v.note!]));
      await trx
        .insertInto('industry_report_revisions')
        .values({ park_id: report.park_id, report_id: report.id, revision, figures: JSON.stringify(figures), notes: JSON.stringify(notes), reason: report.correction_reason, accepted_at: now, accepted_by: actor.userId })
        .execute();
      await trx.deleteFrom('industry_figures').where('park_id', '=', report.park_id).where('enterprise_id', '=', firm.id).where('period', '=', report.period).execute();
      if (values.length > 0) {
        await trx
          .insertInto('industry_figures')
          .values(values.map((v) => ({ park_id: report.park_id, enterprise_id: firm.id, period: report.period, indicator_key: v.indicator_key, value: Number(v.value), chain: firm.chain, revision })))
          .execute();
      }
      const updated = await commitTransition(trx, ctx, actor, reportStore, {
        row: report,
        to,
        patch: { revision, reviewed_at: now, reviewed_by: actor.userId, version: report.version + 1, updated_at: now },
        now,
        event: { action: 'accept', actorRole: role, note: reason, data: { revision } },
        extraAudits: [{ action: 'industry_report.revision', entity: 'industry_report', entityId: report.id, before: null, after: { revision, figures } }],
        notes: notesTo(`${label}经济运行月报已审核通过`, revision > 1 ? `更正已生效(第${revision}版)` : undefined),
      });
      await syncFactsFromFigures(trx, actor, report.park_id, firm.id, Number(report.period.slice(0, 4)), now);
      return { report: updated, firm };
    }
    if (input.action === 'return') {
      const updated = await commitTransition(trx, ctx, actor, reportStore, {
        row: report,
        to,
        patch: { return_reason: reason, reviewed_at: now, reviewed_by: actor.userId, version: report.version + 1, updated_at: now },
        now,
        event: { action: 'return', actorRole: role, note: reason },
        notes: notesTo(`${label}经济运行月报被退回`, `退回原因:${reason}。请修改后重新提交`),
      });
      return { report: updated, firm };
    }
    // correct: the corrected values go in with the reason; the accepted figures stay until accepted.
    if (!input.values || Object.keys(input.values).length === 0) throw validationError([{ path: 'values', message: '请填写更正后的数值' }]);
    const fc = await formContext(trx, report.park_id, firm, report.period);
    const merged = await mergedInput(trx, report, fc, input.values);
    const checked = checkReportValues(fc.applicable.map(asForm), merged, fc.bases, settings.swingThresholdPct, 'submit');
    throwIfAny(checked.details);
    const before = await repo.valuesOf(trx, report.park_id, report.id);
    const changed = changedKeys(before, checked.values);
    if (changed.length === 0) throw validationError([{ path: 'values', message: '更正后的数值与已通过的数值相同,无需更正' }]);
    await repo.writeValues(trx, report.park_id, report.id, checked.values);
    const updated = await commitTransition(trx, ctx, actor, reportStore, {
      row: report,
      to,
      patch: { correction_reason: reason, submitted_at: now, submitted_by: actor.userId, return_reason: null, version: report.version + 1, updated_at: now },
      now,
      event: { action: 'correct', actorRole: role, note: reason, data: { changed } },
    });
    return { report: updated, firm };
  });
  return presentReport(ctx, actor, report, firm);
}

function changedKeys(before: { indicator_key: string; value: number }[], after: Map<string, CheckedValue>): string[] {
  const old = new Map(before.map((v) => [v.indicator_key, Number(v.value)]));
  const keys = new Set([...old.keys(), ...after.keys()]);
  return [...keys].filter((k) => {
    if (!after.has(k)) return false;
    return (old.get(k) ?? null) !== after.get(k)!.value;
  });
}

// ------------------------------------------------------------------ lists

export async function listReports(
  ctx: AppContext,
  actor: Actor,
  query: { status?: ReportStatus; period?: string; enterpriseId?: string; chain?: string; late?: 'true' | 'false'; q?: string; page: number; pageSize: number },
): Promise<Paged<ReportSummaryView>> {
  requireReader(actor);
  const scope = enterpriseScopeOf(actor);
  let q = ctx.db
    .selectFrom('industry_reports as rep')
    .innerJoin('enterprises as e', 'e.id', 'rep.enterprise_id')
    .leftJoin('users as l', 'l.id', 'e.liaison_id')
    .where((eb) => (scope.kind === 'none' ? sql<boolean>`false` : eb('rep.park_id', '=', scope.parkId)))
    .where(repo.scopeOnRep(scope));
  if (query.status) q = q.where('rep.status', '=', query.status);
  if (query.period) q = q.where('rep.period', '=', query.period);
  if (query.enterpriseId) q = q.where('rep.enterprise_id', '=', query.enterpriseId);
  if (query.chain) q = q.where('e.chain', '=', query.chain);
  if (query.late) q = q.where('rep.late', '=', query.late === 'true');
  if (query.q) q = q.where('e.name', 'ilike', `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  const [{ total }] = await q.select(sql<number>`count(*)::int`.as('total')).execute();
  const rows = await q
    .selectAll('rep')
    .select(['e.name', 'e.chain', 'l.display_name as liaison_name'])
    .select(sql<number>`(select count(*)::int from industry_report_values v where v.park_id = rep.park_id and v.report_id = rep.id and v.note is not null)`.as('swing_notes'))
    .orderBy(query.status === 'submitted' ? sql`rep.submitted_at asc` : sql`rep.period desc, rep.updated_at desc`)
    .orderBy('rep.id')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  const chains = await repo.chainLabels(ctx.db, actor.parkId);
  return {
    items: rows.map((r) => summaryOf(r as unknown as ReportRow, { name: r.name, chain: r.chain, liaison_name: r.liaison_name }, chains, Number(r.swing_notes))),
    total: Number(total),
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** The firm's own months (月度报表): the last `months` ended months, filed or not. */
export async function listFirmMonths(ctx: AppContext, actor: Actor, input: { enterpriseId?: string; months: number }): Promise<FirmMonthsView> {
  requireReader(actor);
  const enterpriseId = input.enterpriseId ?? actor.enterpriseId;
  if (!enterpriseId) throw validationError([{ path: 'enterpriseId', message: '请选择企业' }]);
  const firm = await repo.findFirm(ctx.db, enterpriseScopeOf(actor), enterpriseId);
  if (!firm) throw notFound('企业');
  const now = ctx.clock.now();
  const today = shanghaiDate(now);
  const current = periodOfInstant(now);
  const [settings, calendar] = await Promise.all([industrySettings(ctx.db, actor.parkId), ctx.calendar.get()]);
  const periods: string[] = [];
  let p = previousPeriod(current);
  const founded = firm.founded_on ? `${firm.founded_on.slice(0, 7)}-01` : null;
  while (periods.length < input.months && (!founded || p >= founded)) {
    periods.push(p);
    p = previousPeriod(p);
  }
  const reports = periods.length
    ? ((await ctx.db.selectFrom('industry_reports').selectAll().where('park_id', '=', actor.parkId).where('enterprise_id', '=', firm.id).where('period', 'in', periods).execute()) as ReportRow[])
    : [];
  const byPeriod = new Map(reports.map((r) => [r.period, r]));
  return {
    enterpriseId: firm.id,
    enterpriseName: firm.name,
    reports: firmReports(firm),
    months: periods
      .filter((period) => firmReports(firm) || byPeriod.has(period))
      .map((period) => {
        const r = byPeriod.get(period);
        const dueOn = r?.due_on ?? reportDueOn(calendar, period, settings.reportDueWorkday).dueOn;
        const open = !r || r.status === 'draft' || r.status === 'returned';
        return {
          period,
          periodLabel: periodLabel(period),
          reportId: r?.id ?? null,
          status: r?.status ?? null,
          statusLabel: r ? REPORT_STATUS_LABELS[r.status] : '未填报',
          dueOn,
          workingDaysLeft: open ? workingDaysLeft(calendar, today, dueOn) : null,
          late: r?.late ?? false,
          returnReason: r?.status === 'returned' ? r.return_reason : null,
          revision: r?.revision ?? 0,
        };
      }),
  };
}

/** 报送情况 / 逾期未报: each reporting firm in scope and its report for a period. */
export async function filingStatus(
  ctx: AppContext,
  actor: Actor,
  query: { period?: string; outstanding?: 'true' | 'false'; chain?: string; q?: string; page: number; pageSize: number },
): Promise<FilingStatusView> {
  requireReader(actor);
  const now = ctx.clock.now();
  const today = shanghaiDate(now);
  const period = query.period ?? previousPeriod(periodOfInstant(now));
  if (period >= periodOfInstant(now)) throw validationError([{ path: 'period', message: `${periodLabel(period)}尚未结束` }]);
  const [settings, calendar, chains] = await Promise.all([industrySettings(ctx.db, actor.parkId), ctx.calendar.get(), repo.chainLabels(ctx.db, actor.parkId)]);
  const dueOn = reportDueOn(calendar, period, settings.reportDueWorkday).dueOn;
  const scope = enterpriseScopeOf(actor);
  let base = repo.reportingFirmsQuery(ctx.db, scope, period);
  if (query.chain) base = base.where('e.chain', '=', query.chain);
  if (query.q) base = base.where('e.name', 'ilike', `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  const counts = await base
    .select([
      sql<number>`count(*)::int`.as('firms'),
      sql<number>`count(*) filter (where rep.status in ('submitted', 'accepted'))::int`.as('submitted'),
      sql<number>`count(*) filter (where rep.status = 'accepted')::int`.as('accepted'),
      sql<number>`count(*) filter (where rep.late)::int`.as('late'),
    ])
    .executeTakeFirstOrThrow();
  let q = base;
  if (query.outstanding === 'true') q = q.where((eb) => eb.or([eb('rep.status', 'is', null), eb('rep.status', 'in', ['draft', 'returned'])]));
  const [{ total }] = await q.select(sql<number>`count(*)::int`.as('total')).execute();
  const rows = await q
    .select(['e.id', 'e.name', 'e.chain', 'l.display_name as liaison_name', 'rep.id as report_id', 'rep.status', 'rep.submitted_at', 'rep.late'])
    .orderBy(sql`case when rep.status is null then 0 when rep.status = 'returned' then 1 when rep.status = 'draft' then 2 when rep.status = 'submitted' then 3 else 4 end`)
    .orderBy('e.name')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  const pastDue = today > dueOn;
  const overdueDays = pastDue ? -workingDaysLeft(calendar, today, dueOn) : 0;
  return {
    period,
    periodLabel: periodLabel(period),
    dueOn,
    counts: { firms: Number(counts.firms), submitted: Number(counts.submitted), accepted: Number(counts.accepted), outstanding: Number(counts.firms) - Number(counts.submitted), late: Number(counts.late) },
    items: rows.map((r) => {
      const status = (r.status as ReportStatus | null) ?? null;
      const outstanding = status === null || status === 'draft' || status === 'returned';
      return {
        id: r.id,
        enterpriseId: r.id,
        enterpriseName: r.name,
        chain: r.chain,
        chainLabel: r.chain ? (chains.get(r.chain) ?? r.chain) : null,
        liaisonName: r.liaison_name,
        reportId: r.report_id,
        status,
        statusLabel: status ? REPORT_STATUS_LABELS[status] : '未填报',
        submittedAt: iso(r.submitted_at),
        late: r.late ?? false,
        overdueWorkingDays: outstanding ? overdueDays : 0,
      };
    }),
    total: Number(total),
    page: query.page,
    pageSize: query.pageSize,
  };
}

export type { WorkingCalendar };
