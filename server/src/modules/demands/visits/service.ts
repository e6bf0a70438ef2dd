import {
  DAIBAN_KIND_LABELS,
  type CreateDaibanRequest,
  type CreateVisitRequest,
  type DaibanKind,
  type DaibanRecord,
  type DemandStatus,
  type ListVisitsQuery,
  type Paged,
  type Visit,
  type VisitCalendar,
} from '@yuanqi/contract';
import type { Actor } from '../../../platform/actor.js';
import { recordAudit } from '../../../platform/audit.js';
import { shanghaiDate } from '../../../platform/calendar/index.js';
import type { AppContext } from '../../../platform/context.js';
import { AppError, notFound } from '../../../platform/errors.js';
import { loadCategories, requireCategory } from '../cases/categories.js';
import { resolveFiling } from '../cases/policy.js';
import { assertCanRecordVisit, visitReadScope } from './policy.js';
import { fileDemand } from '../cases/service.js';
import * as repo from './repository.js';

function presentDaiban(row: repo.DaibanListRow): DaibanRecord {
  return {
    id: row.id,
    liaisonId: row.liaison_id,
    liaisonName: row.liaison_name,
    enterpriseId: row.enterprise_id,
    enterpriseName: row.enterprise_name,
    visitId: row.visit_id,
    kind: row.kind as DaibanKind,
    kindLabel: DAIBAN_KIND_LABELS[row.kind as DaibanKind] ?? row.kind,
    description: row.description,
    caseNumber: row.case_number,
    doneOn: row.done_on,
    createdAt: row.created_at.toISOString(),
  };
}

async function presentVisits(ctx: AppContext, parkId: string, rows: repo.VisitListRow[]): Promise<Visit[]> {
  const ids = rows.map((r) => r.id);
  const demands = await repo.demandsOfVisits(ctx.db, parkId, ids);
  const daiban = ids.length ? (await repo.listDaiban(ctx.db, { kind: 'park', parkId, userId: '' }, { visitIds: ids }, { limit: 10_000, offset: 0 })).rows : [];
  return rows.map((r) => ({
    id: r.id,
    liaisonId: r.liaison_id,
    liaisonName: r.liaison_name,
    enterpriseId: r.enterprise_id,
    enterpriseName: r.enterprise_name,
    visitedOn: r.visited_on,
    participants: r.participants,
    findings: r.findings,
    raisedDemands: demands.filter((d) => d.visit_id === r.id).map((d) => ({ id: d.id, number: d.number, title: d.title, status: d.status as DemandStatus })),
    daiban: daiban.filter((b) => b.visit_id === r.id).map(presentDaiban),
    createdAt: r.created_at.toISOString(),
  }));
}

function assertNotFuture(date: string, today: string, path: string, what: string): void {
  if (date > today) throw new AppError('VALIDATION_FAILED', `${what}不能晚于今天(${today})`, [{ path, message: `${what}不能晚于今天` }]);
}

/**
 * Records a visit with the 代办 errands run and the demands raised during it, all in one
 * transaction: a bad demand in the list leaves nothing written.
 */
export async function createVisit(ctx: AppContext, actor: Actor, input: CreateVisitRequest): Promise<Visit> {
  const now = ctx.clock.now();
  assertNotFuture(input.visitedOn, shanghaiDate(now), 'visitedOn', '走访日期');
  const calendar = await ctx.calendar.get();
  const id = await ctx.db.transaction().execute(async (trx) => {
    const firm = await repo.findFirmForVisit(trx, actor.parkId, input.enterpriseId);
    if (!firm) throw new AppError('VALIDATION_FAILED', '企业不存在', [{ path: 'enterpriseId', message: '企业不存在' }]);
    assertCanRecordVisit(actor, firm);
    const raised = input.demands ?? [];
    const categories = raised.length ? await loadCategories(trx, actor.parkId) : new Map();
    raised.forEach((d, i) => requireCategory(categories, d.category, `demands.${i}.category`));
    const source = raised.length ? resolveFiling(actor, firm, 'liaison') : 'liaison';
    const visit = await repo.insertVisit(trx, {
      park_id: actor.parkId,
      liaison_id: actor.userId,
      enterprise_id: firm.id,
      visited_on: input.visitedOn,
      participants: input.participants || null,
      findings: input.findings,
      created_by: actor.userId,
      created_at: now,
    });
    const daiban = await repo.insertDaiban(
      trx,
      (input.daiban ?? []).map((b) => ({
        park_id: actor.parkId,
        liaison_id: actor.userId,
        enterprise_id: firm.id,
        visit_id: visit.id,
        kind: b.kind,
        description: b.description,
        case_number: b.caseNumber ?? null,
        done_on: input.visitedOn,
        created_by: actor.userId,
        created_at: now,
      })),
    );
    const demandIds: string[] = [];
    for (const [i, d] of raised.entries()) {
      const row = await fileDemand(trx, ctx, actor, firm, source, d, { now, calendar, categories, visitId: visit.id, path: `demands.${i}.` });
      demandIds.push(row.id);
    }
    await recordAudit(
      trx,
      actor,
      actor.parkId,
      [
        { action: 'create', entity: 'visit', entityId: visit.id, before: null, after: { enterpriseId: firm.id, visitedOn: input.visitedOn, participants: visit.participants, findings: visit.findings, demandIds, daiban: daiban.map((b) => b.id) } },
        ...daiban.map((b) => ({ action: 'create', entity: 'daiban', entityId: b.id, before: null, after: { enterpriseId: firm.id, kind: b.kind, description: b.description, doneOn: b.done_on, visitId: visit.id } })),
      ],
      now,
    );
    return visit.id;
  });
  return getVisit(ctx, actor, id);
}

export async function getVisit(ctx: AppContext, actor: Actor, id: string): Promise<Visit> {
  const row = await repo.findVisit(ctx.db, visitReadScope(actor), id);
  if (!row) throw notFound('走访记录');
  return (await presentVisits(ctx, actor.parkId, [row]))[0]!;
}

export async function listVisits(ctx: AppContext, actor: Actor, query: ListVisitsQuery): Promise<Paged<Visit>> {
  const { rows, total } = await repo.listVisits(ctx.db, visitReadScope(actor), query, { limit: query.pageSize, offset: (query.page - 1) * query.pageSize });
  return { items: await presentVisits(ctx, actor.parkId, rows), total, page: query.page, pageSize: query.pageSize };
}

function monthDays(month: string): string[] {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const count = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return Array.from({ length: count }, (_, i) => `${month}-${String(i + 1).padStart(2, '0')}`);
}

/** A liaison's (or, for the office, everyone's or one liaison's) visits of a month, day by day. */
export async function visitCalendar(ctx: AppContext, actor: Actor, query: { month: string; liaisonId?: string }): Promise<VisitCalendar> {
  const scope = visitReadScope(actor);
  const days = monthDays(query.month);
  const rows = await repo.visitsBetween(ctx.db, scope, { liaisonId: query.liaisonId, from: days[0], to: days[days.length - 1] });
  const byDay = new Map<string, VisitCalendar['days'][number]['entries']>();
  for (const r of rows) {
    const list = byDay.get(r.visited_on) ?? [];
    list.push({ id: r.id, enterpriseId: r.enterprise_id, enterpriseName: r.enterprise_name, liaisonName: r.liaison_name, daibanCount: r.daiban_count ?? 0, demandCount: r.demand_count ?? 0 });
    byDay.set(r.visited_on, list);
  }
  return {
    month: query.month,
    liaisonId: scope.kind === 'liaison' ? actor.userId : (query.liaisonId ?? null),
    days: days.map((date) => ({ date, count: byDay.get(date)?.length ?? 0, entries: byDay.get(date) ?? [] })),
    total: rows.length,
  };
}

/** A 代办 errand run for a firm, on its own or tied to a visit of the same firm. */
export async function createDaiban(ctx: AppContext, actor: Actor, input: CreateDaibanRequest): Promise<DaibanRecord> {
  const now = ctx.clock.now();
  assertNotFuture(input.doneOn, shanghaiDate(now), 'doneOn', '办理日期');
  const id = await ctx.db.transaction().execute(async (trx) => {
    const firm = await repo.findFirmForVisit(trx, actor.parkId, input.enterpriseId);
    if (!firm) throw new AppError('VALIDATION_FAILED', '企业不存在', [{ path: 'enterpriseId', message: '企业不存在' }]);
    assertCanRecordVisit(actor, firm);
    if (input.visitId) {
      const visit = await repo.findVisitRow(trx, actor.parkId, input.visitId);
      if (!visit || visit.enterprise_id !== firm.id) throw new AppError('VALIDATION_FAILED', '走访记录不存在或不属于该企业', [{ path: 'visitId', message: '走访记录无效' }]);
    }
    const [row] = await repo.insertDaiban(trx, [
      {
        park_id: actor.parkId,
        liaison_id: actor.userId,
        enterprise_id: firm.id,
        visit_id: input.visitId ?? null,
        kind: input.kind,
        description: input.description,
        case_number: input.caseNumber ?? null,
        done_on: input.doneOn,
        created_by: actor.userId,
        created_at: now,
      },
    ]);
    await recordAudit(trx, actor, actor.parkId, [{ action: 'create', entity: 'daiban', entityId: row!.id, before: null, after: { enterpriseId: firm.id, kind: input.kind, description: input.description, doneOn: input.doneOn, visitId: input.visitId ?? null } }], now);
    return row!.id;
  });
  const row = await repo.findDaiban(ctx.db, visitReadScope(actor), id);
  return presentDaiban(row!);
}

export async function listDaiban(ctx: AppContext, actor: Actor, query: ListVisitsQuery): Promise<Paged<DaibanRecord>> {
  const { rows, total } = await repo.listDaiban(ctx.db, visitReadScope(actor), query, { limit: query.pageSize, offset: (query.page - 1) * query.pageSize });
  return { items: rows.map(presentDaiban), total, page: query.page, pageSize: query.pageSize };
}
