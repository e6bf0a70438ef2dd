import {
  ALL_RATING_SCORE_KEYS,
  RATING_LEVELS,
  RATING_SCORE_KEYS,
  RATING_SUBJECT_TYPES,
  type AppealStatus,
  type ListAppealsQuery,
  type ListRatingsQuery,
  type ListRectificationsQuery,
  type RatingLevel,
  type RatingScoreKey,
  type RatingSubjectType,
  type RectificationStatus,
} from '@yuanqi/contract';
import { sql, type Kysely, type RawBuilder, type SelectQueryBuilder, type SqlBool, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type {
  AppealRow,
  NewRatingEventRow,
  NewRatingRow,
  RatingEventRow,
  RatingRow,
  RectificationRow,
} from '../../db/schema-ratings.js';
import { endOfShanghaiDay, shanghaiDate, startOfShanghaiDay } from '../../platform/calendar/index.js';
import { isShanghaiMidnight, rollupCovers } from '../../platform/rollup.js';
import { inEnterpriseScope } from '../../platform/scope.js';
import type { MeasureCounts } from './measures.js';
import type { RatingScope } from './policy.js';
import { escapeLike } from '../../platform/like.js';
import { usersWithRoles } from '../../platform/park-users.js';

type Executor = Kysely<DB> | Transaction<DB>;

// ---------------------------------------------------------------------------------------------
// Scope
// ---------------------------------------------------------------------------------------------

/** The rating scope as a where-clause on a query that has `ratings as r`. */
export function inRatingScope<Q extends SelectQueryBuilder<any, any, any>>(q: Q, scope: RatingScope, officerAlsoAssignee = false): Q {
  switch (scope.kind) {
    case 'park':
      return q.where('r.park_id', '=', scope.parkId) as Q;
    case 'enterprise':
      return q.where(inEnterpriseScope<any, any>(scope.enterprise, 'r.park_id', 'r.enterprise_id') as any) as Q;
    case 'officer':
      return q
        .where('r.park_id', '=', scope.parkId)
        .where((eb: any) =>
          officerAlsoAssignee ? eb.or([eb('r.officer_id', '=', scope.userId), eb('rc.assignee_id', '=', scope.userId)]) : eb('r.officer_id', '=', scope.userId),
        ) as Q;
    case 'none':
      return q.where(sql<SqlBool>`false`) as Q;
  }
}

// ---------------------------------------------------------------------------------------------
// Ratings
// ---------------------------------------------------------------------------------------------

export type RatingWithRefs = RatingRow & {
  enterprise_name: string | null;
  officer_name: string | null;
  rect_id: string | null;
  rect_status: RectificationStatus | null;
  rect_round: number | null;
  rect_due_at: Date | null;
  appeal_id: string | null;
  appeal_status: AppealStatus | null;
  appeal_submitted_at: Date | null;
};

function ratingsWithRefs(db: Executor) {
  return db
    .selectFrom('ratings as r')
    .leftJoin('enterprises as e', 'e.id', 'r.enterprise_id')
    .leftJoin('users as o', 'o.id', 'r.officer_id')
    .leftJoin('rating_rectifications as rc', (j) => j.onRef('rc.park_id', '=', 'r.park_id').onRef('rc.rating_id', '=', 'r.id'))
    .leftJoin('rating_appeals as ap', (j) => j.onRef('ap.park_id', '=', 'r.park_id').onRef('ap.rating_id', '=', 'r.id'))
    .selectAll('r')
    .select([
      'e.name as enterprise_name',
      'o.display_name as officer_name',
      'rc.id as rect_id',
      'rc.status as rect_status',
      'rc.round as rect_round',
      'rc.due_at as rect_due_at',
      'ap.id as appeal_id',
      'ap.status as appeal_status',
      'ap.submitted_at as appeal_submitted_at',
    ]);
}

export async function listRatings(db: Executor, scope: RatingScope, query: ListRatingsQuery): Promise<{ rows: RatingWithRefs[]; total: number }> {
  let base = inRatingScope(db.selectFrom('ratings as r'), scope);
  if (query.level) base = base.where('r.level', '=', query.level);
  if (query.bad !== undefined) base = base.where('r.is_bad', '=', query.bad);
  if (query.officerId) base = base.where('r.officer_id', '=', query.officerId);
  if (query.enterpriseId) base = base.where('r.enterprise_id', '=', query.enterpriseId);
  if (query.category) base = base.where('r.category', '=', query.category);
  if (query.subjectType) base = base.where('r.subject_type', '=', query.subjectType);
  if (query.from) base = base.where('r.rated_at', '>=', startOfShanghaiDay(query.from));
  if (query.to) base = base.where('r.rated_at', '<=', endOfShanghaiDay(query.to));
  if (query.removed !== undefined) base = base.where('r.status', '=', query.removed ? 'removed' : 'valid');
  if (query.q) base = base.where('r.case_number', 'like', `${escapeLike(query.q)}%`);
  const ids = await base
    .select('r.id')
    .orderBy('r.rated_at', 'desc')
    .orderBy('r.id')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  const { total } = await base.select(sql<number>`count(*)::int`.as('total')).executeTakeFirstOrThrow();
  if (ids.length === 0) return { rows: [], total };
  const rows = await ratingsWithRefs(db)
    .where('r.park_id', '=', scope.parkId)
    .where(
      'r.id',
      'in',
      ids.map((r) => r.id),
    )
    .orderBy('r.rated_at', 'desc')
    .orderBy('r.id')
    .execute();
  return { rows: rows as RatingWithRefs[], total };
}

export async function findRating(db: Executor, scope: RatingScope, id: string): Promise<RatingWithRefs | undefined> {
  const q = inRatingScope(ratingsWithRefs(db).where('r.id', '=', id), scope);
  return (await q.executeTakeFirst()) as RatingWithRefs | undefined;
}

export async function findRatingBySubject(db: Executor, parkId: string, type: RatingSubjectType, subjectId: string): Promise<RatingWithRefs | undefined> {
  return (await ratingsWithRefs(db)
    .where('r.park_id', '=', parkId)
    .where('r.subject_type', '=', type)
    .where('r.subject_id', '=', subjectId)
    .executeTakeFirst()) as RatingWithRefs | undefined;
}

export async function lockRating(trx: Transaction<DB>, parkId: string, id: string): Promise<RatingRow | undefined> {
  return trx.selectFrom('ratings').selectAll().where('park_id', '=', parkId).where('id', '=', id).forUpdate().executeTakeFirst();
}

/** Inserts unless the subject is rated already: undefined then (一事一评, also under races). */
export async function insertRatingOnce(trx: Transaction<DB>, row: NewRatingRow): Promise<RatingRow | undefined> {
  return trx
    .insertInto('ratings')
    .values(row)
    .onConflict((oc) => oc.constraint('ratings_one_per_subject').doNothing())
    .returningAll()
    .executeTakeFirst();
}

export async function markRatingRemoved(trx: Transaction<DB>, parkId: string, id: string, by: string, reason: string, at: Date): Promise<RatingRow> {
  return trx
    .updateTable('ratings')
    .set({ status: 'removed', removed_at: at, removed_by: by, removed_reason: reason })
    .where('park_id', '=', parkId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

// ---------------------------------------------------------------------------------------------
// Events
// ---------------------------------------------------------------------------------------------

export async function insertEvents(trx: Executor, rows: NewRatingEventRow[]): Promise<void> {
  if (rows.length === 0) return;
  await trx.insertInto('rating_events').values(rows).execute();
}

export async function listEvents(db: Executor, parkId: string, ratingId: string): Promise<RatingEventRow[]> {
  return db.selectFrom('rating_events').selectAll().where('park_id', '=', parkId).where('rating_id', '=', ratingId).orderBy('at').orderBy('id').execute();
}

// ---------------------------------------------------------------------------------------------
// People and settings
// ---------------------------------------------------------------------------------------------

/** The park's active dispatchers: they own cases without an officer and hear of every bad review. */
export async function findDispatcherIds(db: Executor, parkId: string): Promise<string[]> {
  return usersWithRoles(db, parkId, ['dispatcher']);
}

export { enterpriseUserIds } from '../../platform/park-users.js';

export async function findUsersRoles(db: Executor, parkId: string, ids: string[]): Promise<Map<string, { name: string; roles: string[] }>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'display_name', 'roles']).where('park_id', '=', parkId).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, { name: r.display_name, roles: r.roles }]));
}

export const RATING_SETTING_KIND = 'rating_setting';
export const RECTIFY_DAYS_CODE = 'rectify_days';

export async function findRectifyDaysSetting(db: Executor, parkId: string): Promise<unknown> {
  const row = await db
    .selectFrom('dictionaries')
    .select('extra')
    .where('park_id', '=', parkId)
    .where('kind', '=', RATING_SETTING_KIND)
    .where('code', '=', RECTIFY_DAYS_CODE)
    .where('active', '=', true)
    .executeTakeFirst();
  return (row?.extra as Record<string, unknown> | null | undefined)?.days;
}

export async function upsertRectifyDaysSetting(trx: Transaction<DB>, parkId: string, days: number): Promise<unknown> {
  const before = await findRectifyDaysSetting(trx, parkId);
  const values = { label: '差评整改期限(工作日)', sort: 0, active: true, extra: JSON.stringify({ days }) };
  await trx
    .insertInto('dictionaries')
    .values({ park_id: parkId, kind: RATING_SETTING_KIND, code: RECTIFY_DAYS_CODE, ...values })
    .onConflict((oc) => oc.columns(['park_id', 'kind', 'code']).doUpdateSet(values))
    .execute();
  return before;
}

export async function findCategoryLabels(db: Executor, parkId: string, kinds: string[]): Promise<Map<string, string>> {
  const rows = await db.selectFrom('dictionaries').select(['code', 'label']).where('park_id', '=', parkId).where('kind', 'in', kinds).execute();
  return new Map(rows.map((r) => [r.code, r.label]));
}

/** The admin-entered calendar years, read in the caller's transaction (see service.calendarIn). */
export async function findCalendarYears(db: Executor) {
  const years = await db.selectFrom('calendar_years').selectAll().execute();
  const days = await db.selectFrom('calendar_days').selectAll().orderBy('date').execute();
  return { years, days };
}

// ---------------------------------------------------------------------------------------------
// Statistics
// ---------------------------------------------------------------------------------------------

export type StatsFilter = { from: Date; to: Date; asOf: Date; subjectType?: RatingSubjectType; officerId?: string };
/** What the SQL groups by; `department` is folded from `officer` by the service. */
export type StatsSqlGroup = 'officer' | 'category' | 'subjectType' | null;

function ratingGroupKey(group: StatsSqlGroup): RawBuilder<string | null> {
  switch (group) {
    case 'officer':
      return sql<string | null>`r.officer_id::text`;
    case 'category':
      return sql<string | null>`r.category`;
    case 'subjectType':
      return sql<string | null>`r.subject_type`;
    default:
      return sql<string | null>`null::text`;
  }
}

function ratingWhere(parkId: string, filter: StatsFilter): RawBuilder<unknown> {
  return sql`r.park_id = ${parkId} and r.closed_at >= ${filter.from} and r.closed_at < ${filter.to}
    ${filter.subjectType ? sql`and r.subject_type = ${filter.subjectType}` : sql``}
    ${filter.officerId ? sql`and r.officer_id = ${filter.officerId}` : sql``}`;
}

/**
 * Rating-side counts of the cases closed in [from, to) per group (removed ratings only in
 * `removed`), with the sums and counts of each sub-score over the valid ones: one column pair per
 * score key of the subject type (every type's keys without one), read with `->>` in the same pass
 * — expanding each rating's scores into rows (jsonb_each_text) and grouping those cost ten times
 * as much as the whole count. A rating has at most one rectification, so the join adds no rows.
 */
export async function countRatings(db: Executor, parkId: string, filter: StatsFilter, group: StatsSqlGroup): Promise<Map<string | null, Partial<MeasureCounts>>> {
  const levelColumns = levelCountColumns();
  const keys: readonly RatingScoreKey[] = filter.subjectType ? RATING_SCORE_KEYS[filter.subjectType] : ALL_RATING_SCORE_KEYS;
  const scoreColumns = sql.join(
    keys.map(
      (k, i) =>
        sql`sum((r.scores ->> ${k})::float8) filter (where r.status = 'valid') as ${sql.ref(`score_sum_${i}`)}, count(r.scores -> ${k}) filter (where r.status = 'valid')::int as ${sql.ref(`score_count_${i}`)}`,
    ),
  );
  const result = await sql<Record<string, number | null> & { key: string | null }>`
    select ${ratingGroupKey(group)} as key,
      count(*) filter (where r.status = 'valid')::int as rated,
      count(*) filter (where r.status = 'removed')::int as removed,
      ${levelColumns},
      count(*) filter (where r.status = 'valid' and rc.status = 'closed' and not rc.was_late)::int as rectified_on_time,
      count(*) filter (where r.status = 'valid' and rc.status in ('open', 'fixed', 'visited'))::int as rectify_open,
      count(*) filter (where r.status = 'valid' and rc.status = 'open' and rc.due_at < ${filter.asOf})::int as rectify_overdue,
      (coalesce(sum(rc.unsatisfied_count) filter (where r.status = 'valid'), 0)
        + count(*) filter (where r.status = 'valid' and rc.outcome = 'satisfied'))::int as fix_verdicts,
      count(*) filter (where r.status = 'valid' and rc.outcome = 'satisfied')::int as fix_satisfied,
      ${scoreColumns}
    from ratings r
    left join rating_rectifications rc on rc.park_id = r.park_id and rc.rating_id = r.id
    where ${ratingWhere(parkId, filter)}
    group by 1`.execute(db);
  const out = new Map<string | null, Partial<MeasureCounts>>();
  for (const row of result.rows) {
    const scoreSums: Partial<Record<RatingScoreKey, { sum: number; count: number }>> = {};
    keys.forEach((k, i) => {
      const count = Number(row[`score_count_${i}`] ?? 0);
      if (count > 0) scoreSums[k] = { sum: Number(row[`score_sum_${i}`] ?? 0), count };
    });
    out.set(row.key, {
      rated: Number(row.rated),
      removed: Number(row.removed),
      byLevel: Object.fromEntries(RATING_LEVELS.map((l) => [l, Number(row[l] ?? 0)])) as Record<RatingLevel, number>,
      rectifiedOnTime: Number(row.rectified_on_time),
      rectifyOpen: Number(row.rectify_open),
      rectifyOverdue: Number(row.rectify_overdue),
      fixVerdicts: Number(row.fix_verdicts),
      fixSatisfied: Number(row.fix_satisfied),
      scoreSums,
    });
  }
  return out;
}

const levelCountColumns = () => sql.join(RATING_LEVELS.map((level) => sql`count(*) filter (where r.status = 'valid' and r.level = ${level})::int as ${sql.ref(level)}`));

/**
 * Only the valid ratings by level of the cases closed in [from, to) per group (好评率 and 差评): read
 * from the (park, subject type, closed_at) index alone, which carries officer, category, status
 * and level (migration 20261207-0006).
 */
export async function countRatingLevels(db: Executor, parkId: string, filter: StatsFilter, group: StatsSqlGroup): Promise<Map<string | null, Partial<MeasureCounts>>> {
  const result = await sql<Record<string, number | null> & { key: string | null }>`
    select ${ratingGroupKey(group)} as key, count(*) filter (where r.status = 'valid')::int as rated, ${levelCountColumns()}
    from ratings r
    where ${ratingWhere(parkId, filter)}
    group by 1`.execute(db);
  const out = new Map<string | null, Partial<MeasureCounts>>();
  for (const row of result.rows) {
    out.set(row.key, { rated: Number(row.rated), byLevel: Object.fromEntries(RATING_LEVELS.map((l) => [l, Number(row[l] ?? 0)])) as Record<RatingLevel, number> });
  }
  return out;
}

/**
 * Subject-side counts for 未评率: the cases closed in [from, to) and, of those never rated, the
 * ones whose 7-day window ended by `cutoff` (未评) and the ones still inside it. Reads the subject
 * domain's own table (SUBJECT_TABLES below).
 */
export async function countClosedSubjects(
  db: Executor,
  parkId: string,
  type: RatingSubjectType,
  filter: StatsFilter,
  cutoff: Date,
  group: StatsSqlGroup,
): Promise<Map<string | null, Partial<MeasureCounts>>> {
  const out = new Map<string | null, Partial<MeasureCounts>>();
  const rows = await countClosedOf(db, type, { parkId, from: filter.from, to: filter.to, officerId: filter.officerId, cutoff, group });
  for (const row of rows) out.set(row.key, { closed: row.closed, unrated: row.unrated, pending: row.pending });
  return out;
}

/** Inserts the reminders due at `now` (once per subject) and answers the new ones. */
export async function insertDueReminders(
  trx: Transaction<DB>,
  window: { closedAfter: Date; closedAtOrBefore: Date },
  now: Date,
  limit: number,
): Promise<ReminderRow[]> {
  const out: ReminderRow[] = [];
  for (const type of RATING_SUBJECT_TYPES) {
    for (const row of await insertDueRemindersOf(trx, type, window, now, limit)) out.push({ ...row, subject_type: type });
  }
  return out;
}

/** Closed cases of one firm that it may still rate (closed after `closedAfter`, not rated). */
export async function listRateableSubjects(db: Executor, parkId: string, enterpriseId: string, closedAfter: Date): Promise<RateableRow[]> {
  const out: RateableRow[] = [];
  for (const type of RATING_SUBJECT_TYPES) {
    for (const row of await listRateableOf(db, type, parkId, enterpriseId, closedAfter)) out.push({ ...row, subject_type: type });
  }
  out.sort((a, b) => b.closed_at.getTime() - a.closed_at.getTime());
  return out;
}

// ---------------------------------------------------------------------------------------------
// Subject sources: the ONLY place this module reads another domain's tables.
//
// The rates need the closed cases themselves (未评 are cases without a rating row), and the
// reminder sweep needs the cases closed five days ago. Each rated domain is one entry below — the
// columns its table answers with, the subject aliased `s` — and one set of queries serves them all.
// ---------------------------------------------------------------------------------------------

export type ReminderRow = { park_id: string; subject_type: RatingSubjectType; subject_id: string; enterprise_id: string; case_number: string; title: string };
export type RateableRow = { subject_type: RatingSubjectType; subject_id: string; case_number: string; title: string; category: string | null; closed_at: Date };

type ClosedCountRow = { key: string | null; closed: number; unrated: number; pending: number };

/** A rated domain's table as the queries below read it (every fragment refers to the subject as `s`). */
type SubjectTable = {
  /** The FROM clause: the table as `s`, with what the title and category need joined. */
  from: RawBuilder<unknown>;
  /** The cases that count as closed and rateable. */
  closed: RawBuilder<unknown>;
  closedAt: RawBuilder<Date>;
  /** The officer who answers for the case. */
  officer: RawBuilder<string | null>;
  caseNumber: RawBuilder<string>;
  title: RawBuilder<string>;
  category: RawBuilder<string | null>;
  /**
   * A rollup of the closed cases kept by the writes (per park, grain 'd'/'m', bucket, officer,
   * category, with `closed` and `rated` = closed cases that have a rating row), read as `u`.
   */
  rollup?: { table: RawBuilder<unknown>; officer: RawBuilder<string | null>; category: RawBuilder<string | null> };
};

const SUBJECT_TABLES: Record<RatingSubjectType, SubjectTable> = {
  // demand → table `demands` (server/src/db/schema-demands.ts): number (case number), category,
  // title, assignee_id (the officer), status = 'closed' with closed_at.
  demand: {
    from: sql`demands s`,
    closed: sql`s.status = 'closed'`,
    closedAt: sql<Date>`s.closed_at`,
    officer: sql<string | null>`s.assignee_id`,
    caseNumber: sql<string>`s.number`,
    title: sql<string>`s.title`,
    category: sql<string | null>`s.category`,
    // demand_rollup_all (migrations 20261207-0005/0007): kept by triggers on demands and ratings
    rollup: { table: sql`demand_rollup_all u`, officer: sql<string | null>`u.assignee_id`, category: sql<string | null>`u.category` },
  },
  // application → table `service_applications` (server/src/db/schema-service-applications.ts):
  // number, item_id (→ service_items.name is the category and title), decided_by (the officer),
  // finished_at (办结) with an outcome the bureau decided: approved, refused, not_accepted, revoked
  // (withdrawn and terminated cases are the applicant's doing and are not rated).
  application: {
    from: sql`service_applications s join service_items i on i.id = s.item_id`,
    closed: sql`s.finished_at is not null and s.outcome in ('approved', 'refused', 'not_accepted', 'revoked')`,
    closedAt: sql<Date>`s.finished_at`,
    officer: sql<string | null>`s.decided_by`,
    caseNumber: sql<string>`s.number`,
    title: sql<string>`i.name`,
    category: sql<string | null>`i.name`,
  },
};

/** The SQL group key of a subject table (`s`) or its rollup (`u`): officer, category, type or none. */
function subjectGroupKey(type: RatingSubjectType, cols: { officer: RawBuilder<string | null>; category: RawBuilder<string | null> }, group: StatsSqlGroup): RawBuilder<string | null> {
  switch (group) {
    case 'officer':
      return sql<string | null>`${cols.officer}::text`;
    case 'category':
      return cols.category;
    case 'subjectType':
      return sql<string | null>`${sql.lit(type)}::text`;
    default:
      return sql<string | null>`null::text`;
  }
}

/** The subject's rating, for a left join (`r.id is null`: never rated). */
const ratingOf = (type: RatingSubjectType) => sql`ratings r on r.park_id = s.park_id and r.subject_type = ${sql.lit(type)} and r.subject_id = s.id`;

type ClosedQuery = { parkId: string; from: Date; to: Date; officerId?: string; cutoff: Date; group: StatsSqlGroup };

/**
 * Closed, unrated (window over by `cutoff`) and pending counts of one subject type's cases closed in
 * [from, to). With a rollup (and a range of whole Shanghai days), the days before the one `cutoff`
 * falls on are read from it — every case closed then is past its window, so its 未评 is final:
 * closed − rated — and only the last few days are counted from the cases themselves.
 */
async function countClosedOf(db: Executor, type: RatingSubjectType, q: ClosedQuery): Promise<ClosedCountRow[]> {
  const t = SUBJECT_TABLES[type];
  if (!t.rollup || !isShanghaiMidnight(q.from) || !isShanghaiMidnight(q.to)) return countClosedFromRows(db, type, q);
  const liveFrom = startOfShanghaiDay(shanghaiDate(q.cutoff));
  const settledEnd = q.to < liveFrom ? q.to : liveFrom;
  const liveStart = q.from > liveFrom ? q.from : liveFrom;
  const parts = await Promise.all([
    q.from < settledEnd ? countClosedRolled(db, type, t.rollup, { ...q, to: settledEnd }) : Promise.resolve([]),
    liveStart < q.to ? countClosedFromRows(db, type, { ...q, from: liveStart }) : Promise.resolve([]),
  ]);
  const out = new Map<string | null, ClosedCountRow>();
  for (const row of parts.flat()) {
    const at = out.get(row.key);
    if (at) {
      at.closed += row.closed;
      at.unrated += row.unrated;
      at.pending += row.pending;
    } else out.set(row.key, { ...row });
  }
  return [...out.values()];
}

async function countClosedRolled(db: Executor, type: RatingSubjectType, rollup: NonNullable<SubjectTable['rollup']>, q: ClosedQuery): Promise<ClosedCountRow[]> {
  const result = await sql<ClosedCountRow>`
    select ${subjectGroupKey(type, rollup, q.group)} as key, sum(u.closed)::int as closed, sum(u.closed - u.rated)::int as unrated, 0 as pending
    from ${rollup.table}
    where u.park_id = ${q.parkId} and ${rollupCovers('u', shanghaiDate(q.from), shanghaiDate(q.to))}
      ${q.officerId ? sql`and ${rollup.officer} = ${q.officerId}` : sql``}
    group by 1
    having sum(u.closed) <> 0`.execute(db);
  return result.rows;
}

/** The same counts from the subject table itself (the reference the rollup is tested against). */
export async function countClosedFromRows(db: Executor, type: RatingSubjectType, { parkId, from, to, officerId, cutoff, group }: ClosedQuery): Promise<ClosedCountRow[]> {
  const t = SUBJECT_TABLES[type];
  const result = await sql<ClosedCountRow>`
    select ${subjectGroupKey(type, t, group)} as key,
      count(*)::int as closed,
      count(*) filter (where r.id is null and ${t.closedAt} <= ${cutoff})::int as unrated,
      count(*) filter (where r.id is null and ${t.closedAt} > ${cutoff})::int as pending
    from ${t.from}
    left join ${ratingOf(type)}
    where s.park_id = ${parkId} and ${t.closed} and ${t.closedAt} >= ${from} and ${t.closedAt} < ${to}
      ${officerId ? sql`and ${t.officer} = ${officerId}` : sql``}
    group by 1`.execute(db);
  return result.rows;
}

/** Inserts the reminders of one subject type due in `window` (once per subject) and answers them. */
async function insertDueRemindersOf(
  trx: Transaction<DB>,
  type: RatingSubjectType,
  window: { closedAfter: Date; closedAtOrBefore: Date },
  now: Date,
  limit: number,
): Promise<Omit<ReminderRow, 'subject_type'>[]> {
  const t = SUBJECT_TABLES[type];
  const result = await sql<Omit<ReminderRow, 'subject_type'>>`
    with ins as (
      insert into rating_reminders (park_id, subject_type, subject_id, enterprise_id, sent_at)
      select s.park_id, ${sql.lit(type)}, s.id, s.enterprise_id, ${now}
      from ${t.from}
      where ${t.closed} and ${t.closedAt} > ${window.closedAfter} and ${t.closedAt} <= ${window.closedAtOrBefore}
        and not exists (select 1 from ratings r where r.park_id = s.park_id and r.subject_type = ${sql.lit(type)} and r.subject_id = s.id)
        and not exists (select 1 from rating_reminders m where m.park_id = s.park_id and m.subject_type = ${sql.lit(type)} and m.subject_id = s.id)
      order by ${t.closedAt}
      limit ${limit}
      on conflict do nothing
      returning park_id, subject_id, enterprise_id)
    select ins.park_id, ins.subject_id, ins.enterprise_id, ${t.caseNumber} as case_number, ${t.title} as title
    from ${t.from} join ins on ins.park_id = s.park_id and ins.subject_id = s.id`.execute(trx);
  return result.rows;
}

/** One subject type's cases of a firm it may still rate (closed after `closedAfter`, not rated). */
async function listRateableOf(db: Executor, type: RatingSubjectType, parkId: string, enterpriseId: string, closedAfter: Date): Promise<Omit<RateableRow, 'subject_type'>[]> {
  const t = SUBJECT_TABLES[type];
  const result = await sql<Omit<RateableRow, 'subject_type'>>`
    select s.id as subject_id, ${t.caseNumber} as case_number, ${t.title} as title, ${t.category} as category, ${t.closedAt} as closed_at
    from ${t.from}
    left join ${ratingOf(type)}
    where s.park_id = ${parkId} and s.enterprise_id = ${enterpriseId} and ${t.closed}
      and ${t.closedAt} > ${closedAfter} and r.id is null
    order by ${t.closedAt} desc
    limit 200`.execute(db);
  return result.rows;
}
