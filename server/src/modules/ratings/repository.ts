import {
  RATING_LEVELS,
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
import { endOfShanghaiDay, startOfShanghaiDay } from '../../platform/calendar/index.js';
import { inEnterpriseScope } from '../../platform/scope.js';
import type { MeasureCounts } from './measures.js';
import type { RatingScope } from './policy.js';

type Executor = Kysely<DB> | Transaction<DB>;

// ---------------------------------------------------------------------------------------------
// Scope
// ---------------------------------------------------------------------------------------------

/** The rating scope as a where-clause on a query that has `ratings as r`. */
function inRatingScope<Q extends SelectQueryBuilder<any, any, any>>(q: Q, scope: RatingScope, officerAlsoAssignee = false): Q {
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

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
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

export async function insertEvents(trx: Transaction<DB>, rows: NewRatingEventRow[]): Promise<void> {
  if (rows.length === 0) return;
  await trx.insertInto('rating_events').values(rows).execute();
}

export async function listEvents(db: Executor, parkId: string, ratingId: string): Promise<RatingEventRow[]> {
  return db.selectFrom('rating_events').selectAll().where('park_id', '=', parkId).where('rating_id', '=', ratingId).orderBy('at').orderBy('id').execute();
}

// ---------------------------------------------------------------------------------------------
// Rectifications
// ---------------------------------------------------------------------------------------------

export type RectificationWithRefs = RectificationRow & {
  subject_type: RatingSubjectType;
  subject_id: string;
  case_number: string;
  title: string;
  category: string | null;
  enterprise_id: string;
  officer_id: string | null;
  rater_id: string | null;
  level: RatingLevel;
  comment: string | null;
  rating_status: 'valid' | 'removed';
  enterprise_name: string | null;
  assignee_name: string | null;
};

function rectificationsWithRefs(db: Executor) {
  return db
    .selectFrom('rating_rectifications as rc')
    .innerJoin('ratings as r', (j) => j.onRef('r.park_id', '=', 'rc.park_id').onRef('r.id', '=', 'rc.rating_id'))
    .leftJoin('enterprises as e', 'e.id', 'r.enterprise_id')
    .leftJoin('users as a', 'a.id', 'rc.assignee_id')
    .selectAll('rc')
    .select([
      'r.subject_type',
      'r.subject_id',
      'r.case_number',
      'r.title',
      'r.category',
      'r.enterprise_id',
      'r.officer_id',
      'r.rater_id',
      'r.level',
      'r.comment',
      'r.status as rating_status',
      'e.name as enterprise_name',
      'a.display_name as assignee_name',
    ]);
}

export type RectificationFilter = ListRectificationsQuery & {
  /** `mine`: the user, and whether the office pool (no assignee) is theirs too. */
  me: { userId: string; includePool: boolean };
  now: Date;
};

export async function listRectifications(db: Executor, scope: RatingScope, filter: RectificationFilter): Promise<{ rows: RectificationWithRefs[]; total: number }> {
  let base = inRatingScope(rectificationsWithRefs(db), scope, true);
  if (filter.mine) {
    base = base.where((eb) =>
      filter.me.includePool
        ? eb.or([eb('rc.assignee_id', '=', filter.me.userId), eb('rc.assignee_id', 'is', null)])
        : eb('rc.assignee_id', '=', filter.me.userId),
    );
  }
  if (filter.status) base = base.where('rc.status', '=', filter.status);
  if (filter.overdue !== undefined) {
    base = filter.overdue
      ? base.where('rc.status', '=', 'open').where('rc.due_at', '<', filter.now)
      : base.where((eb) => eb.or([eb('rc.status', '<>', 'open'), eb('rc.due_at', '>=', filter.now)]));
  }
  if (filter.officerId) base = base.where('rc.assignee_id', '=', filter.officerId);
  const rows = await base
    .orderBy(sql`case when rc.status in ('open', 'fixed', 'visited') then 0 else 1 end`)
    .orderBy('rc.due_at')
    .orderBy('rc.id')
    .limit(filter.pageSize)
    .offset((filter.page - 1) * filter.pageSize)
    .execute();
  const { total } = await base.clearSelect().select(sql<number>`count(*)::int`.as('total')).executeTakeFirstOrThrow();
  return { rows: rows as RectificationWithRefs[], total };
}

export async function findRectification(db: Executor, scope: RatingScope, id: string, forUpdate = false): Promise<RectificationWithRefs | undefined> {
  let q = inRatingScope(rectificationsWithRefs(db).where('rc.id', '=', id), scope, true);
  if (forUpdate) q = q.forUpdate('rc');
  return (await q.executeTakeFirst()) as RectificationWithRefs | undefined;
}

export async function findRectificationByRating(db: Executor, parkId: string, ratingId: string, forUpdate = false): Promise<RectificationRow | undefined> {
  let q = db.selectFrom('rating_rectifications').selectAll().where('park_id', '=', parkId).where('rating_id', '=', ratingId);
  if (forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function insertRectification(trx: Transaction<DB>, row: {
  park_id: string;
  rating_id: string;
  assignee_id: string | null;
  opened_at: Date;
  due_at: Date;
}): Promise<RectificationRow> {
  return trx.insertInto('rating_rectifications').values({ ...row, status: 'open' }).returningAll().executeTakeFirstOrThrow();
}

export async function updateRectification(
  trx: Transaction<DB>,
  parkId: string,
  id: string,
  patch: Partial<Omit<RectificationRow, 'id' | 'park_id' | 'rating_id' | 'created_at'>>,
  at: Date,
): Promise<RectificationRow> {
  return trx
    .updateTable('rating_rectifications')
    .set({ ...patch, updated_at: at })
    .where('park_id', '=', parkId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function insertReturnVisit(trx: Transaction<DB>, row: {
  park_id: string;
  rectification_id: string;
  round: number;
  visitor_id: string | null;
  visitor_name: string;
  visited_at: Date;
  method: 'phone' | 'onsite' | 'online' | 'other';
  note: string;
  verdict: 'satisfied' | 'unsatisfied' | null;
}): Promise<{ id: string }> {
  return trx.insertInto('rating_return_visits').values(row).returning('id').executeTakeFirstOrThrow();
}

export async function setReturnVisitVerdict(trx: Transaction<DB>, parkId: string, rectificationId: string, round: number, verdict: 'satisfied' | 'unsatisfied'): Promise<void> {
  const last = await trx
    .selectFrom('rating_return_visits')
    .select('id')
    .where('park_id', '=', parkId)
    .where('rectification_id', '=', rectificationId)
    .where('round', '=', round)
    .orderBy('visited_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (last) await trx.updateTable('rating_return_visits').set({ verdict }).where('id', '=', last.id).execute();
}

export async function listReturnVisits(db: Executor, parkId: string, rectificationId: string) {
  return db
    .selectFrom('rating_return_visits')
    .selectAll()
    .where('park_id', '=', parkId)
    .where('rectification_id', '=', rectificationId)
    .orderBy('visited_at')
    .orderBy('created_at')
    .execute();
}

/**
 * Flags open rounds past their deadline, once: `overdue_at is null` makes a second run a no-op, and
 * SKIP LOCKED lets concurrent sweeps (several app processes) split the rows instead of waiting.
 */
export async function flagOverdueRectifications(trx: Transaction<DB>, now: Date, limit: number): Promise<(RectificationRow & { case_number: string; officer_id: string | null })[]> {
  const result = await sql<RectificationRow & { case_number: string; officer_id: string | null }>`
    with due as (
      select id from rating_rectifications
      where status = 'open' and overdue_at is null and due_at < ${now}
      order by due_at
      limit ${limit}
      for update skip locked
    )
    update rating_rectifications rc
       set overdue_at = ${now}, was_late = true, updated_at = ${now}
      from due, ratings r
     where rc.id = due.id and r.park_id = rc.park_id and r.id = rc.rating_id
    returning rc.*, r.case_number, r.officer_id`.execute(trx);
  return result.rows;
}

// ---------------------------------------------------------------------------------------------
// Appeals
// ---------------------------------------------------------------------------------------------

export type AppealWithRefs = AppealRow & {
  case_number: string;
  title: string;
  level: RatingLevel;
  comment: string | null;
  officer_id: string | null;
  appellant_name: string | null;
  reviewer_name: string | null;
};

function appealsWithRefs(db: Executor) {
  return db
    .selectFrom('rating_appeals as ap')
    .innerJoin('ratings as r', (j) => j.onRef('r.park_id', '=', 'ap.park_id').onRef('r.id', '=', 'ap.rating_id'))
    .leftJoin('users as u', 'u.id', 'ap.appellant_id')
    .leftJoin('users as v', 'v.id', 'ap.reviewer_id')
    .selectAll('ap')
    .select(['r.case_number', 'r.title', 'r.level', 'r.comment', 'r.officer_id', 'u.display_name as appellant_name', 'v.display_name as reviewer_name']);
}

export async function insertAppealOnce(trx: Transaction<DB>, row: { park_id: string; rating_id: string; appellant_id: string; reason: string; submitted_at: Date }): Promise<AppealRow | undefined> {
  return trx
    .insertInto('rating_appeals')
    .values({ ...row, status: 'pending' })
    .onConflict((oc) => oc.constraint('rating_appeals_one_per_rating').doNothing())
    .returningAll()
    .executeTakeFirst();
}

export async function findAppeal(db: Executor, parkId: string, id: string, forUpdate = false): Promise<AppealWithRefs | undefined> {
  let q = appealsWithRefs(db).where('ap.park_id', '=', parkId).where('ap.id', '=', id);
  if (forUpdate) q = q.forUpdate('ap');
  return (await q.executeTakeFirst()) as AppealWithRefs | undefined;
}

/** `appellantId` narrows to one officer's own appeals. */
export async function listAppeals(db: Executor, parkId: string, query: ListAppealsQuery, appellantId?: string): Promise<{ rows: AppealWithRefs[]; total: number }> {
  let base = appealsWithRefs(db).where('ap.park_id', '=', parkId);
  if (appellantId) base = base.where('ap.appellant_id', '=', appellantId);
  if (query.status) base = base.where('ap.status', '=', query.status);
  const rows = await base
    .orderBy(sql`case when ap.status = 'pending' then 0 else 1 end`)
    .orderBy('ap.submitted_at', 'desc')
    .orderBy('ap.id')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  const { total } = await base.clearSelect().select(sql<number>`count(*)::int`.as('total')).executeTakeFirstOrThrow();
  return { rows: rows as AppealWithRefs[], total };
}

export async function decideAppeal(trx: Transaction<DB>, parkId: string, id: string, patch: { status: AppealStatus; reviewer_id: string; decision_reason: string; decided_at: Date }): Promise<AppealRow> {
  return trx.updateTable('rating_appeals').set(patch).where('park_id', '=', parkId).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

// ---------------------------------------------------------------------------------------------
// People and settings
// ---------------------------------------------------------------------------------------------

/** The park's active dispatchers: they own cases without an officer and hear of every bad review. */
export async function findDispatcherIds(db: Executor, parkId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('users')
    .select('id')
    .where('park_id', '=', parkId)
    .where('is_active', '=', true)
    .where(sql<boolean>`'dispatcher' = any(roles)`)
    .orderBy('id')
    .execute();
  return rows.map((r) => r.id);
}

export async function findEnterpriseUserIds(db: Executor, parkId: string, enterpriseIds: string[]): Promise<{ id: string; enterprise_id: string }[]> {
  if (enterpriseIds.length === 0) return [];
  const rows = await db
    .selectFrom('users')
    .select(['id', 'enterprise_id'])
    .where('park_id', '=', parkId)
    .where('is_active', '=', true)
    .where('enterprise_id', 'in', enterpriseIds)
    .where(sql<boolean>`'enterprise' = any(roles)`)
    .execute();
  return rows.map((r) => ({ id: r.id, enterprise_id: r.enterprise_id! }));
}

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

/** Rating-side counts of the cases closed in [from, to) per group; removed ratings only in `removed`. */
export async function countRatings(db: Executor, parkId: string, filter: StatsFilter, group: StatsSqlGroup): Promise<Map<string | null, Partial<MeasureCounts>>> {
  const levelColumns = sql.join(
    RATING_LEVELS.map((level) => sql`count(*) filter (where r.status = 'valid' and r.level = ${level})::int as ${sql.ref(level)}`),
  );
  const result = await sql<Record<string, number> & { key: string | null }>`
    select ${ratingGroupKey(group)} as key,
      count(*) filter (where r.status = 'valid')::int as rated,
      count(*) filter (where r.status = 'removed')::int as removed,
      ${levelColumns},
      count(*) filter (where r.status = 'valid' and rc.status = 'closed' and not rc.was_late)::int as rectified_on_time,
      count(*) filter (where r.status = 'valid' and rc.status in ('open', 'fixed', 'visited'))::int as rectify_open,
      count(*) filter (where r.status = 'valid' and rc.status = 'open' and rc.due_at < ${filter.asOf})::int as rectify_overdue,
      (coalesce(sum(rc.unsatisfied_count) filter (where r.status = 'valid'), 0)
        + count(*) filter (where r.status = 'valid' and rc.outcome = 'satisfied'))::int as fix_verdicts,
      count(*) filter (where r.status = 'valid' and rc.outcome = 'satisfied')::int as fix_satisfied
    from ratings r
    left join rating_rectifications rc on rc.park_id = r.park_id and rc.rating_id = r.id
    where ${ratingWhere(parkId, filter)}
    group by 1`.execute(db);
  const out = new Map<string | null, Partial<MeasureCounts>>();
  for (const row of result.rows) {
    out.set(row.key, {
      rated: row.rated,
      removed: row.removed,
      byLevel: Object.fromEntries(RATING_LEVELS.map((l) => [l, Number(row[l] ?? 0)])) as Record<RatingLevel, number>,
      rectifiedOnTime: row.rectified_on_time,
      rectifyOpen: row.rectify_open,
      rectifyOverdue: row.rectify_overdue,
      fixVerdicts: row.fix_verdicts,
      fixSatisfied: row.fix_satisfied,
    });
  }
  return out;
}

/** Sums and counts of each sub-score over valid ratings, per group. */
export async function sumScores(db: Executor, parkId: string, filter: StatsFilter, group: StatsSqlGroup): Promise<Map<string | null, Partial<Record<RatingScoreKey, { sum: number; count: number }>>>> {
  const result = await sql<{ key: string | null; score: RatingScoreKey; sum: number; count: number }>`
    select ${ratingGroupKey(group)} as key, s.key as score, sum((s.value)::numeric)::float8 as sum, count(*)::int as count
    from ratings r cross join lateral jsonb_each_text(r.scores) s
    where ${ratingWhere(parkId, filter)} and r.status = 'valid'
    group by 1, 2`.execute(db);
  const out = new Map<string | null, Partial<Record<RatingScoreKey, { sum: number; count: number }>>>();
  for (const row of result.rows) {
    const entry = out.get(row.key) ?? {};
    entry[row.score] = { sum: Number(row.sum), count: row.count };
    out.set(row.key, entry);
  }
  return out;
}

/**
 * Subject-side counts for 未评率: the cases closed in [from, to) and, of those never rated, the
 * ones whose 7-day window ended by `cutoff` (未评) and the ones still inside it. Reads the subject
 * domain's own table through its source below; a type without a source counts 0.
 */
export async function countClosedSubjects(
  db: Executor,
  parkId: string,
  type: RatingSubjectType,
  filter: StatsFilter,
  cutoff: Date,
  group: StatsSqlGroup,
): Promise<Map<string | null, Partial<MeasureCounts>>> {
  const source = CLOSED_SUBJECT_SOURCES[type];
  const out = new Map<string | null, Partial<MeasureCounts>>();
  if (!source) return out;
  const rows = await source.countClosed(db, { parkId, from: filter.from, to: filter.to, officerId: filter.officerId, cutoff, group });
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
  for (const [type, source] of Object.entries(CLOSED_SUBJECT_SOURCES) as [RatingSubjectType, ClosedSubjectSource][]) {
    for (const row of await source.insertDueReminders(trx, window, now, limit)) out.push({ ...row, subject_type: type });
  }
  return out;
}

/** Closed cases of one firm that it may still rate (closed after `closedAfter`, not rated). */
export async function listRateableSubjects(db: Executor, parkId: string, enterpriseId: string, closedAfter: Date): Promise<RateableRow[]> {
  const out: RateableRow[] = [];
  for (const [type, source] of Object.entries(CLOSED_SUBJECT_SOURCES) as [RatingSubjectType, ClosedSubjectSource][]) {
    for (const row of await source.listRateable(db, parkId, enterpriseId, closedAfter)) out.push({ ...row, subject_type: type });
  }
  out.sort((a, b) => b.closed_at.getTime() - a.closed_at.getTime());
  return out;
}

// ---------------------------------------------------------------------------------------------
// Subject sources: the ONLY place this module reads another domain's tables.
//
// The rates need the closed cases themselves (未评 are cases without a rating row), and the
// reminder sweep needs the cases closed five days ago. Each rated domain is one entry here:
//   demand      → table `demands` (server/src/db/schema-demands.ts): park_id, id, number (case
//                 number), enterprise_id, category, title, assignee_id (the officer), status =
//                 'closed' with closed_at.
//   application → added by the services domain (issue 4) with the same three queries.
// ---------------------------------------------------------------------------------------------

export type ReminderRow = { park_id: string; subject_type: RatingSubjectType; subject_id: string; enterprise_id: string; case_number: string; title: string };
export type RateableRow = { subject_type: RatingSubjectType; subject_id: string; case_number: string; title: string; category: string | null; closed_at: Date };

type ClosedCountRow = { key: string | null; closed: number; unrated: number; pending: number };

type ClosedSubjectSource = {
  countClosed(
    db: Executor,
    args: { parkId: string; from: Date; to: Date; officerId?: string; cutoff: Date; group: StatsSqlGroup },
  ): Promise<ClosedCountRow[]>;
  insertDueReminders(
    trx: Transaction<DB>,
    window: { closedAfter: Date; closedAtOrBefore: Date },
    now: Date,
    limit: number,
  ): Promise<Omit<ReminderRow, 'subject_type'>[]>;
  listRateable(db: Executor, parkId: string, enterpriseId: string, closedAfter: Date): Promise<Omit<RateableRow, 'subject_type'>[]>;
};

function demandGroupKey(group: StatsSqlGroup): RawBuilder<string | null> {
  switch (group) {
    case 'officer':
      return sql<string | null>`d.assignee_id::text`;
    case 'category':
      return sql<string | null>`d.category`;
    case 'subjectType':
      return sql<string | null>`'demand'::text`;
    default:
      return sql<string | null>`null::text`;
  }
}

const demandSource: ClosedSubjectSource = {
  async countClosed(db, { parkId, from, to, officerId, cutoff, group }) {
    const result = await sql<ClosedCountRow>`
      select ${demandGroupKey(group)} as key,
        count(*)::int as closed,
        count(*) filter (where r.id is null and d.closed_at <= ${cutoff})::int as unrated,
        count(*) filter (where r.id is null and d.closed_at > ${cutoff})::int as pending
      from demands d
      left join ratings r on r.park_id = d.park_id and r.subject_type = 'demand' and r.subject_id = d.id
      where d.park_id = ${parkId} and d.status = 'closed' and d.closed_at >= ${from} and d.closed_at < ${to}
        ${officerId ? sql`and d.assignee_id = ${officerId}` : sql``}
      group by 1`.execute(db);
    return result.rows;
  },
  async insertDueReminders(trx, window, now, limit) {
    const result = await sql<Omit<ReminderRow, 'subject_type'>>`
      with ins as (
        insert into rating_reminders (park_id, subject_type, subject_id, enterprise_id, sent_at)
        select d.park_id, 'demand', d.id, d.enterprise_id, ${now}
        from demands d
        where d.status = 'closed' and d.closed_at > ${window.closedAfter} and d.closed_at <= ${window.closedAtOrBefore}
          and not exists (select 1 from ratings r where r.park_id = d.park_id and r.subject_type = 'demand' and r.subject_id = d.id)
          and not exists (select 1 from rating_reminders m where m.park_id = d.park_id and m.subject_type = 'demand' and m.subject_id = d.id)
        order by d.closed_at
        limit ${limit}
        on conflict do nothing
        returning park_id, subject_id, enterprise_id)
      select ins.park_id, ins.subject_id, ins.enterprise_id, d.number as case_number, d.title
      from ins join demands d on d.park_id = ins.park_id and d.id = ins.subject_id`.execute(trx);
    return result.rows;
  },
  async listRateable(db, parkId, enterpriseId, closedAfter) {
    return db
      .selectFrom('demands as d')
      .leftJoin('ratings as r', (j) =>
        j.onRef('r.park_id', '=', 'd.park_id').on('r.subject_type', '=', 'demand').onRef('r.subject_id', '=', 'd.id'),
      )
      .where('d.park_id', '=', parkId)
      .where('d.enterprise_id', '=', enterpriseId)
      .where('d.status', '=', 'closed')
      .where('d.closed_at', '>', closedAfter)
      .where('r.id', 'is', null)
      .select(['d.id as subject_id', 'd.number as case_number', 'd.title', 'd.category', 'd.closed_at'])
      .orderBy('d.closed_at', 'desc')
      .limit(200)
      .execute() as Promise<Omit<RateableRow, 'subject_type'>[]>;
  },
};

//   application → table `service_applications` (server/src/db/schema-service-applications.ts):
//                 park_id, id, number, enterprise_id, item_id (→ service_items.name is the
//                 category and title), decided_by (the officer), finished_at (办结) with an
//                 outcome the bureau decided: approved, refused, not_accepted, revoked
//                 (withdrawn and terminated cases are the applicant's doing and are not rated).
const RATED_APPLICATION = sql`a.finished_at is not null and a.outcome in ('approved', 'refused', 'not_accepted', 'revoked')`;

function applicationGroupKey(group: StatsSqlGroup): RawBuilder<string | null> {
  switch (group) {
    case 'officer':
      return sql<string | null>`a.decided_by::text`;
    case 'category':
      return sql<string | null>`i.name`;
    case 'subjectType':
      return sql<string | null>`'application'::text`;
    default:
      return sql<string | null>`null::text`;
  }
}

const applicationSource: ClosedSubjectSource = {
  async countClosed(db, { parkId, from, to, officerId, cutoff, group }) {
    const result = await sql<ClosedCountRow>`
      select ${applicationGroupKey(group)} as key,
        count(*)::int as closed,
        count(*) filter (where r.id is null and a.finished_at <= ${cutoff})::int as unrated,
        count(*) filter (where r.id is null and a.finished_at > ${cutoff})::int as pending
      from service_applications a
      join service_items i on i.id = a.item_id
      left join ratings r on r.park_id = a.park_id and r.subject_type = 'application' and r.subject_id = a.id
      where a.park_id = ${parkId} and a.finished_at >= ${from} and a.finished_at < ${to} and ${RATED_APPLICATION}
        ${officerId ? sql`and a.decided_by = ${officerId}` : sql``}
      group by 1`.execute(db);
    return result.rows;
  },
  async insertDueReminders(trx, window, now, limit) {
    const result = await sql<Omit<ReminderRow, 'subject_type'>>`
      with ins as (
        insert into rating_reminders (park_id, subject_type, subject_id, enterprise_id, sent_at)
        select a.park_id, 'application', a.id, a.enterprise_id, ${now}
        from service_applications a
        where ${RATED_APPLICATION} and a.finished_at > ${window.closedAfter} and a.finished_at <= ${window.closedAtOrBefore}
          and not exists (select 1 from ratings r where r.park_id = a.park_id and r.subject_type = 'application' and r.subject_id = a.id)
          and not exists (select 1 from rating_reminders m where m.park_id = a.park_id and m.subject_type = 'application' and m.subject_id = a.id)
        order by a.finished_at
        limit ${limit}
        on conflict do nothing
        returning park_id, subject_id, enterprise_id)
      select ins.park_id, ins.subject_id, ins.enterprise_id, a.number as case_number, i.name as title
      from ins join service_applications a on a.park_id = ins.park_id and a.id = ins.subject_id
      join service_items i on i.id = a.item_id`.execute(trx);
    return result.rows;
  },
  async listRateable(db, parkId, enterpriseId, closedAfter) {
    const result = await sql<Omit<RateableRow, 'subject_type'>>`
      select a.id as subject_id, a.number as case_number, i.name as title, i.name as category, a.finished_at as closed_at
      from service_applications a
      join service_items i on i.id = a.item_id
      left join ratings r on r.park_id = a.park_id and r.subject_type = 'application' and r.subject_id = a.id
      where a.park_id = ${parkId} and a.enterprise_id = ${enterpriseId} and ${RATED_APPLICATION}
        and a.finished_at > ${closedAfter} and r.id is null
      order by a.finished_at desc
      limit 200`.execute(db);
    return result.rows;
  },
};

const CLOSED_SUBJECT_SOURCES: Partial<Record<RatingSubjectType, ClosedSubjectSource>> = {
  demand: demandSource,
  application: applicationSource,
};
