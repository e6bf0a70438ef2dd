import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../../db/schema.js';
import type { IndustryIndicatorsTable, IndustryReportsTable } from '../../../db/schema-industry.js';
import type { Selectable } from 'kysely';
import { inEnterpriseScope, type EnterpriseScope } from '../../../platform/scope.js';

type Executor = Kysely<DB> | Transaction<DB>;
export type ReportRow = Selectable<IndustryReportsTable> & { status: 'draft' | 'submitted' | 'returned' | 'accepted' };
export type IndicatorRow = Selectable<IndustryIndicatorsTable>;

/** A firm as the reports read it. */
export type FirmRow = {
  id: string;
  park_id: string;
  name: string;
  chain: string | null;
  is_above_scale: boolean;
  founded_on: string | null;
  liaison_id: string | null;
  liaison_name: string | null;
  reports_override: boolean | null;
};

/** Whether a firm reports: the officer's decision, else 规上. */
export const reportsExpr = sql<boolean>`coalesce(r.reports, e.is_above_scale)`;

export async function findFirm(db: Executor, scope: EnterpriseScope, enterpriseId: string): Promise<FirmRow | undefined> {
  return db
    .selectFrom('enterprises as e')
    .leftJoin('users as l', 'l.id', 'e.liaison_id')
    .leftJoin('industry_reporters as r', (j) => j.onRef('r.park_id', '=', 'e.park_id').onRef('r.enterprise_id', '=', 'e.id'))
    .select(['e.id', 'e.park_id', 'e.name', 'e.chain', 'e.is_above_scale', 'e.founded_on', 'e.liaison_id', 'l.display_name as liaison_name', 'r.reports as reports_override'])
    .where(inEnterpriseScope<any, any>(scope, 'e.park_id', 'e.id'))
    .where('e.id', '=', enterpriseId)
    .executeTakeFirst();
}

export async function listIndicators(db: Executor, parkId: string): Promise<IndicatorRow[]> {
  return db.selectFrom('industry_indicators').selectAll().where('park_id', '=', parkId).orderBy('sort').orderBy('key').execute();
}

export async function chainLabels(db: Executor, parkId: string): Promise<Map<string, string>> {
  const rows = await db.selectFrom('dictionaries').select(['code', 'label']).where('park_id', '=', parkId).where('kind', '=', 'chain').execute();
  return new Map(rows.map((r) => [r.code, r.label]));
}

export async function findReport(db: Executor, scope: EnterpriseScope, id: string, lock = false): Promise<ReportRow | undefined> {
  let q = db.selectFrom('industry_reports').selectAll().where(inEnterpriseScope<any, any>(scope, 'park_id', 'enterprise_id')).where('id', '=', id);
  if (lock) q = q.forUpdate();
  return (await q.executeTakeFirst()) as ReportRow | undefined;
}

export async function findReportOf(db: Executor, parkId: string, enterpriseId: string, period: string): Promise<ReportRow | undefined> {
  return (await db
    .selectFrom('industry_reports')
    .selectAll()
    .where('park_id', '=', parkId)
    .where('enterprise_id', '=', enterpriseId)
    .where('period', '=', period)
    .executeTakeFirst()) as ReportRow | undefined;
}

export async function valuesOf(db: Executor, parkId: string, reportId: string) {
  return db.selectFrom('industry_report_values').select(['indicator_key', 'value', 'note', 'source']).where('park_id', '=', parkId).where('report_id', '=', reportId).execute();
}

/** Accepted figures of a firm for some periods: period → key → value. */
export async function figuresOf(db: Executor, parkId: string, enterpriseId: string, periods: string[]): Promise<Map<string, Map<string, number>>> {
  const out = new Map<string, Map<string, number>>();
  if (periods.length === 0) return out;
  const rows = await db
    .selectFrom('industry_figures')
    .select(['period', 'indicator_key', 'value'])
    .where('park_id', '=', parkId)
    .where('enterprise_id', '=', enterpriseId)
    .where('period', 'in', periods)
    .execute();
  for (const r of rows) {
    const m = out.get(r.period) ?? new Map<string, number>();
    m.set(r.indicator_key, Number(r.value));
    out.set(r.period, m);
  }
  return out;
}

export async function revisionsOf(db: Executor, parkId: string, reportId: string) {
  return db
    .selectFrom('industry_report_revisions as v')
    .leftJoin('users as u', 'u.id', 'v.accepted_by')
    .select(['v.revision', 'v.figures', 'v.notes', 'v.reason', 'v.accepted_at', 'u.display_name as accepted_by_name'])
    .where('v.park_id', '=', parkId)
    .where('v.report_id', '=', reportId)
    .orderBy('v.revision', 'desc')
    .execute();
}

/** Replaces a report's values for the given keys (null values are removed). */
export async function writeValues(trx: Transaction<DB>, parkId: string, reportId: string, values: Map<string, { value: number | null; note: string | null; source: string }>): Promise<void> {
  const keys = [...values.keys()];
  if (keys.length === 0) return;
  await trx.deleteFrom('industry_report_values').where('park_id', '=', parkId).where('report_id', '=', reportId).where('indicator_key', 'in', keys).execute();
  const rows = [...values.entries()].filter(([, v]) => v.value !== null).map(([key, v]) => ({ park_id: parkId, report_id: reportId, indicator_key: key, value: v.value!, note: v.note, source: v.source }));
  if (rows.length > 0) await trx.insertInto('industry_report_values').values(rows).execute();
}

/** Active users of firms: firm id → user ids. */
export async function firmUserIds(db: Executor, parkId: string, enterpriseIds: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (enterpriseIds.length === 0) return out;
  const rows = await db
    .selectFrom('users')
    .select(['id', 'enterprise_id'])
    .where('park_id', '=', parkId)
    .where('enterprise_id', 'in', enterpriseIds)
    .where('is_active', '=', true)
    .where(sql<boolean>`'enterprise' = any(roles)`)
    .execute();
  for (const r of rows) out.set(r.enterprise_id!, [...(out.get(r.enterprise_id!) ?? []), r.id]);
  return out;
}

/** The reporting firms of a park (or of a scope) with their report for a period, if any. */
export function reportingFirmsQuery(db: Executor, scope: EnterpriseScope, period: string) {
  const nextMonthStart = sql<string>`(${period}::date + interval '1 month')::date`;
  return db
    .selectFrom('enterprises as e')
    .leftJoin('industry_reporters as r', (j) => j.onRef('r.park_id', '=', 'e.park_id').onRef('r.enterprise_id', '=', 'e.id'))
    .leftJoin('industry_reports as rep', (j) => j.onRef('rep.park_id', '=', 'e.park_id').onRef('rep.enterprise_id', '=', 'e.id').on('rep.period', '=', period))
    .leftJoin('users as l', 'l.id', 'e.liaison_id')
    .where(inEnterpriseScope<any, any>(scope, 'e.park_id', 'e.id'))
    .where(reportsExpr)
    .where((eb) => eb.or([eb('e.founded_on', 'is', null), eb('e.founded_on', '<', nextMonthStart)]));
}

/** The scope filter on `industry_reports as rep` (by its firm). */
export function scopeOnRep(scope: EnterpriseScope) {
  return inEnterpriseScope<any, any>(scope, 'rep.park_id', 'rep.enterprise_id') as any;
}
