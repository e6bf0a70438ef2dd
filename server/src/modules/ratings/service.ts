import {
  DEMAND_CATEGORY_KIND,
  RATING_LEVEL_LABELS,
  RATING_REMINDER_DAY,
  RATING_SUBJECT_TYPES,
  RATING_SUBJECT_TYPE_LABELS,
  RATING_WINDOW_DAYS,
  ZRateRequest,
  isBadRating,
  scoreIssuesFor,
  type ListRatingsQuery,
  type Paged,
  type RateRequest,
  type RatingDetailView,
  type RatingSettings,
  type RatingStats,
  type RatingStatsGroupBy,
  type RatingStatsQuery,
  type RatingStatsReport,
  type RatingMeasures,
  type RatingSubjectType,
  type RatingView,
} from '@yuanqi/contract';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { NewRatingEventRow } from '../../db/schema-ratings.js';
import type { Actor } from '../../platform/actor.js';
import { recordAudit, type AuditEntry } from '../../platform/audit.js';
import { endOfShanghaiDay, startOfShanghaiDay } from '../../platform/calendar/index.js';
import type { AppContext } from '../../platform/context.js';
import { AppError, conflict, forbidden, invalidState, notFound, parseInput, validationError } from '../../platform/errors.js';
import type { NotificationInput } from '../../platform/notifications.js';
import { enterpriseScopeOf } from '../../platform/scope.js';
import { rectifyDaysOf } from './deadlines.js';
import { ratingEvent, ratingEventRow } from './events.js';
import { addCounts, departmentOf, emptyCounts, measuresOf, ratingWindowOpen, unratedCutoff, type MeasureCounts } from './measures.js';
import { assertCanRate, ratingScopeOf } from './policy.js';
import { presentEvents, presentRating, ratingSnapshot } from './presenter.js';
import { openRectification } from './rectifications/service.js';
import * as repo from './repository.js';
import type { CaseEvent } from '../../platform/workflow/index.js';

type Executor = Kysely<DB> | Transaction<DB>;

/**
 * The case being rated, as its own domain describes it. `officerId` is the officer who answers for
 * it (谁办理谁负责); null sends any rectification to the park's dispatchers. `closedAt` starts the
 * 7-day rating window.
 */
export type RatingSubject = {
  type: 'demand' | 'application';
  id: string;
  parkId: string;
  enterpriseId: string;
  officerId: string | null;
  caseNumber: string;
  category: string | null;
  title: string;
  closedAt: Date;
};

const ONE_PER_SUBJECT = '该事项已评价,每件事只能评价一次';
const MS_PER_DAY = 86_400_000;

// ---------------------------------------------------------------------------------------------
// Rating (called by the subject's domain, inside its transaction)
// ---------------------------------------------------------------------------------------------

/**
 * The timeline event a case writes when its firm rates it: the level on a case that stays closed.
 * The firm rates, so the event names the firm rather than a user (no actor id).
 */
export function ratedCaseEvent(status: string, enterpriseName: string, level: RateRequest['level'], at: Date): CaseEvent {
  return { action: 'rate', from_status: status, to_status: status, actor_id: null, actor_name: enterpriseName, actor_role: 'enterprise', note: RATING_LEVEL_LABELS[level], data: { level }, at };
}

/**
 * Rates a closed case, once (一事一评), in the caller's transaction. Only the served firm's own
 * user rates, within RATING_WINDOW_DAYS natural days of closing. A bad review (不满意/非常不满意)
 * opens a rectification on the subject's officer (none → the dispatchers) due in the park's
 * rectification working days; the officer and the dispatchers are notified. A second rating of
 * the same subject — also a concurrent one — is a 409 CONFLICT.
 */
export async function rateSubject(trx: Transaction<DB>, ctx: AppContext, actor: Actor, subject: RatingSubject, input: RateRequest): Promise<RatingView> {
  assertCanRate(actor, subject);
  if (!(RATING_SUBJECT_TYPES as readonly string[]).includes(subject.type)) throw new AppError('BAD_REQUEST', '不支持的评价对象');
  const data = parseInput(ZRateRequest, input);
  const scoreIssues = scoreIssuesFor(subject.type, data.scores);
  if (scoreIssues.length > 0) throw validationError(scoreIssues);
  const now = ctx.clock.now();
  if (await repo.findRatingBySubject(trx, subject.parkId, subject.type, subject.id)) throw conflict(ONE_PER_SUBJECT);
  if (!ratingWindowOpen(subject.closedAt, now)) {
    throw invalidState(`已超过评价期限:办结后${RATING_WINDOW_DAYS}日内可以评价,该事项已计为未评`);
  }
  const bad = isBadRating(data.level);
  const row = await repo.insertRatingOnce(trx, {
    park_id: subject.parkId,
    subject_type: subject.type,
    subject_id: subject.id,
    case_number: subject.caseNumber,
    title: subject.title,
    category: subject.category,
    enterprise_id: subject.enterpriseId,
    officer_id: subject.officerId,
    rater_id: actor.userId,
    rater_name: actor.displayName,
    channel: 'online',
    level: data.level,
    is_bad: bad,
    scores: JSON.stringify(data.scores),
    comment: data.comment ? data.comment : null,
    closed_at: subject.closedAt,
    rated_at: now,
  });
  if (!row) throw conflict(ONE_PER_SUBJECT);

  const rated = ratingEvent('rated', { id: actor.userId, name: actor.displayName, kind: 'rater' }, now, { note: row.comment, data: { level: row.level, scores: data.scores } });
  const events: NewRatingEventRow[] = [ratingEventRow(row.park_id, row.id, 'rating', row.id, rated)];
  const audits: AuditEntry[] = [{ action: 'rating.create', entity: 'rating', entityId: row.id, before: null, after: ratingSnapshot(row) }];
  const notes: NotificationInput[] = [];
  const levelLabel = RATING_LEVEL_LABELS[row.level];
  if (row.officer_id) {
    notes.push({
      parkId: row.park_id,
      userId: row.officer_id,
      kind: bad ? 'rating.bad' : 'rating.received',
      title: `${RATING_SUBJECT_TYPE_LABELS[row.subject_type]}${row.case_number}收到评价:${levelLabel}`,
      body: row.title,
      link: `/ratings/${row.id}`,
    });
  }
  if (bad) {
    const opened = await openRectification(trx, await ctx.calendar.get(), row, now);
    events.push(opened.event);
    audits.push(opened.audit);
    notes.push(...opened.notes);
  }
  await repo.insertEvents(trx, events);
  await recordAudit(trx, actor, row.park_id, audits, now);
  await ctx.notifier.notify(trx, notes);
  const full = await repo.findRatingBySubject(trx, row.park_id, row.subject_type, row.subject_id);
  return presentRating(full!, actor, now);
}

/**
 * The rating of one subject as `viewer` may see it (rater hidden unless the viewer may know), or
 * null when there is none or the viewer is a firm other than the rated one. The caller has already
 * checked that the viewer may see the subject itself.
 */
export async function findRatingForSubject(db: Kysely<DB> | Transaction<DB>, parkId: string, type: 'demand' | 'application', id: string, viewer: Actor): Promise<RatingView | null> {
  if (viewer.parkId !== parkId) return null;
  const scope = enterpriseScopeOf(viewer);
  if (scope.kind === 'none') return null;
  const row = await repo.findRatingBySubject(db, parkId, type, id);
  if (!row) return null;
  if (scope.kind === 'enterprise' && row.enterprise_id !== scope.enterpriseId) return null;
  return presentRating(row, viewer, new Date());
}

// ---------------------------------------------------------------------------------------------
// Ledger
// ---------------------------------------------------------------------------------------------

export async function listRatings(ctx: AppContext, actor: Actor, query: ListRatingsQuery): Promise<Paged<RatingView>> {
  const scope = ratingScopeOf(actor);
  if (scope.kind === 'none') throw forbidden('没有查看好差评的权限');
  const { rows, total } = await repo.listRatings(ctx.db, scope, query);
  const now = ctx.clock.now();
  return { items: rows.map((r) => presentRating(r, actor, now)), total, page: query.page, pageSize: query.pageSize };
}

export async function getRating(ctx: AppContext, actor: Actor, id: string): Promise<RatingDetailView> {
  const row = await repo.findRating(ctx.db, ratingScopeOf(actor), id);
  if (!row) throw notFound('评价');
  const events = await repo.listEvents(ctx.db, row.park_id, row.id);
  return { ...presentRating(row, actor, ctx.clock.now()), timeline: presentEvents(events, actor, row) };
}

/** Closed cases the actor's firm may still rate (the 评价 page of the enterprise portal). */
export async function listRateableCases(ctx: AppContext, actor: Actor) {
  const scope = enterpriseScopeOf(actor);
  if (scope.kind !== 'enterprise') throw forbidden('只有企业用户有待评价事项');
  const now = ctx.clock.now();
  const rows = await repo.listRateableSubjects(ctx.db, actor.parkId, scope.enterpriseId, unratedCutoff(now));
  return {
    items: rows.map((r) => ({
      subjectType: r.subject_type,
      subjectId: r.subject_id,
      caseNumber: r.case_number,
      title: r.title,
      category: r.category,
      closedAt: r.closed_at.toISOString(),
      rateBy: new Date(r.closed_at.getTime() + RATING_WINDOW_DAYS * MS_PER_DAY).toISOString(),
    })),
  };
}

// ---------------------------------------------------------------------------------------------
// Statistics
// ---------------------------------------------------------------------------------------------

type GroupedCounts = { total: MeasureCounts; groups: Map<string | null, MeasureCounts> };

function merge(into: Map<string | null, MeasureCounts>, from: Map<string | null, Partial<MeasureCounts>>): void {
  for (const [key, counts] of from) addCounts(into.get(key) ?? into.set(key, emptyCounts()).get(key)!, counts);
}

async function inTurn<T>(queries: (() => Promise<T>)[]): Promise<T[]> {
  const out: T[] = [];
  for (const q of queries) out.push(await q());
  return out;
}

/**
 * The additive counts of the cases closed in [from, to), grouped by `group` (SQL side). `levelsOnly`:
 * only what 好评率 / 差评 / 未评 need (no sub-scores, no rectifications) — a domain's own report.
 */
async function countsOf(db: Executor, parkId: string, filter: repo.StatsFilter, group: repo.StatsSqlGroup, levelsOnly = false): Promise<GroupedCounts> {
  const cutoff = unratedCutoff(filter.asOf);
  const types = filter.subjectType ? [filter.subjectType] : [...RATING_SUBJECT_TYPES];
  const ratings = () => (levelsOnly ? repo.countRatingLevels(db, parkId, filter, group) : repo.countRatings(db, parkId, filter, group));
  const queries = [ratings, ...types.map((type) => () => repo.countClosedSubjects(db, parkId, type, filter, cutoff, group))];
  // on the pool the passes run side by side; a caller's transaction is one connection, so in turn
  const [ratingCounts, ...subjectCounts] = db.isTransaction ? await inTurn(queries) : await Promise.all(queries.map((q) => q()));
  const groups = new Map<string | null, MeasureCounts>();
  merge(groups, ratingCounts);
  for (const counts of subjectCounts) merge(groups, counts);
  const total = emptyCounts();
  for (const counts of groups.values()) addCounts(total, counts);
  return { total, groups };
}

/**
 * 好差评 measures of the demands closed in [range.from, range.to), optionally for one officer.
 * 未评 is judged at `options.now` (default: the current time): a demand closed more than
 * RATING_WINDOW_DAYS days before it and never rated.
 */
export async function ratingStatsForDemands(
  db: Kysely<DB> | Transaction<DB>,
  parkId: string,
  range: { from: Date; to: Date },
  officerId?: string,
  options: { now?: Date } = {},
): Promise<RatingStats> {
  const asOf = options.now ?? new Date();
  const { total } = await countsOf(db, parkId, { from: range.from, to: range.to, asOf, subjectType: 'demand', officerId }, null);
  return { ...measuresOf(total), subjectType: 'demand', officerId: officerId ?? null, from: range.from.toISOString(), to: range.to.toISOString(), asOf: asOf.toISOString() };
}

export type SatisfactionCounts = Pick<RatingMeasures, 'rated' | 'good' | 'bad' | 'unrated' | 'goodRate'>;

const satisfactionOf = (c: MeasureCounts): SatisfactionCounts => {
  const m = measuresOf(c);
  return { rated: m.rated, good: m.good, bad: m.bad, unrated: m.unrated, goodRate: m.goodRate };
};

/**
 * 好评率 / 差评 / 未评 of one subject type's cases closed in [from, to), in total and per officer:
 * the satisfaction a domain's own statistics show, without the sub-scores and rectifications the
 * full measures read.
 */
export async function satisfactionByOfficer(
  db: Executor,
  parkId: string,
  filter: { from: Date; to: Date; asOf: Date; subjectType: RatingSubjectType; officerId?: string },
): Promise<{ total: SatisfactionCounts; byOfficer: Map<string | null, SatisfactionCounts> }> {
  const { total, groups } = await countsOf(db, parkId, filter, 'officer', true);
  return { total: satisfactionOf(total), byOfficer: new Map([...groups].map(([k, c]) => [k, satisfactionOf(c)])) };
}

/** The same measures grouped (officer, category, department, subject type) for any subject type. */
export async function ratingStatsByGroup(
  db: Executor,
  parkId: string,
  filter: { from: Date; to: Date; asOf: Date; subjectType?: RatingSubjectType; officerId?: string },
  groupBy: RatingStatsGroupBy | null,
): Promise<{ total: ReturnType<typeof measuresOf>; groups: RatingStatsReport['groups'] }> {
  const sqlGroup: repo.StatsSqlGroup = groupBy === 'department' ? 'officer' : groupBy;
  const { total, groups } = await countsOf(db, parkId, filter, sqlGroup);
  let labelled: { key: string | null; label: string; counts: MeasureCounts }[] = [];
  if (groupBy === 'officer' || groupBy === 'department') {
    const people = await repo.findUsersRoles(db, parkId, [...groups.keys()].filter((k): k is string => !!k));
    if (groupBy === 'officer') {
      labelled = [...groups].map(([key, counts]) => ({ key, label: key ? (people.get(key)?.name ?? '未知人员') : '未指定经办人(调度专班)', counts }));
    } else {
      const byDepartment = new Map<string, { label: string; counts: MeasureCounts }>();
      for (const [key, counts] of groups) {
        const dept = departmentOf(key ? (people.get(key)?.roles ?? []) : null);
        const entry = byDepartment.get(dept.key) ?? byDepartment.set(dept.key, { label: dept.label, counts: emptyCounts() }).get(dept.key)!;
        addCounts(entry.counts, counts);
      }
      labelled = [...byDepartment].map(([key, v]) => ({ key, label: v.label, counts: v.counts }));
    }
  } else if (groupBy === 'category') {
    const labels = await repo.findCategoryLabels(db, parkId, [DEMAND_CATEGORY_KIND]);
    labelled = [...groups].map(([key, counts]) => ({ key, label: key ? (labels.get(key) ?? key) : '未分类', counts }));
  } else if (groupBy === 'subjectType') {
    labelled = [...groups].map(([key, counts]) => ({ key, label: key ? (RATING_SUBJECT_TYPE_LABELS[key as RatingSubjectType] ?? key) : '其他', counts }));
  }
  labelled.sort((a, b) => b.counts.closed + b.counts.rated - (a.counts.closed + a.counts.rated) || a.label.localeCompare(b.label, 'zh'));
  return { total: measuresOf(total), groups: labelled.map((g) => ({ key: g.key, label: g.label, ...measuresOf(g.counts) })) };
}

/** GET /api/ratings/stats: a liaison sees only its own cases; the office and leaders the park. */
export async function ratingStatsReport(ctx: AppContext, actor: Actor, query: RatingStatsQuery): Promise<RatingStatsReport> {
  const scope = ratingScopeOf(actor);
  if (scope.kind !== 'park' && scope.kind !== 'officer') throw forbidden('没有查看好差评统计的权限');
  const officerId = scope.kind === 'officer' ? actor.userId : query.officerId;
  const asOf = ctx.clock.now();
  const from = startOfShanghaiDay(query.from);
  const to = new Date(endOfShanghaiDay(query.to).getTime() + 1);
  const { total, groups } = await ratingStatsByGroup(ctx.db, actor.parkId, { from, to, asOf, subjectType: query.subjectType, officerId }, query.groupBy ?? null);
  return { from: query.from, to: query.to, asOf: asOf.toISOString(), subjectType: query.subjectType ?? null, groupBy: query.groupBy ?? null, total, groups };
}

// ---------------------------------------------------------------------------------------------
// Settings
// ---------------------------------------------------------------------------------------------

export async function getRatingSettings(ctx: AppContext, actor: Actor): Promise<RatingSettings> {
  return { rectifyDays: await rectifyDaysOf(ctx.db, actor.parkId), ratingWindowDays: RATING_WINDOW_DAYS, reminderDay: RATING_REMINDER_DAY };
}

export async function putRatingSettings(ctx: AppContext, actor: Actor, input: { rectifyDays: number }): Promise<RatingSettings> {
  await ctx.db.transaction().execute(async (trx) => {
    const before = await repo.upsertRectifyDaysSetting(trx, actor.parkId, input.rectifyDays);
    await recordAudit(trx, actor, actor.parkId, [
      { action: 'update', entity: `dictionary:${repo.RATING_SETTING_KIND}`, entityId: repo.RECTIFY_DAYS_CODE, before: { days: before ?? null }, after: { days: input.rectifyDays } },
    ], ctx.clock.now());
  });
  return getRatingSettings(ctx, actor);
}
