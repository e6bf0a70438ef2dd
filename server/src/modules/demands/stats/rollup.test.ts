import type { DemandStatus } from '@yuanqi/contract';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientAs, createTestApp, type TestApp } from '../../../../test/harness.js';
import { buildEnterprise, buildPark, buildUser, type TestPark } from '../../../../test/factories.js';
import { buildDemand } from '../../../../test/demand-factories.js';
import type { EnterpriseRow, UserRow } from '../../../db/schema.js';
import { countClosedFromRows, countClosedSubjects } from '../../ratings/repository.js';
import { unratedCutoff } from '../../ratings/measures.js';
import { rollupSpan } from '../../../platform/rollup.js';
import { demandFigures, demandFiguresFromRows, type DemandFigureRow } from './repository.js';
import { foldDemandRollup } from './rollup.js';
import { rangeOf } from './service.js';

/**
 * demand_rollup is kept by triggers on demands and ratings (migrations 20261207-0005, 0007); the
 * statistics read it instead of the demands. These tests drive a park through filings, answers,
 * closings, reassignments, recategorisations, escalations, reopenings, ratings given and deleted
 * and demands deleted — in single and multi-row statements — and after each round hold the
 * statistics read from the rollup equal to the same figures counted from the rows, for many ranges.
 */
const NOW = new Date('2026-11-26T02:00:00Z');
let t: TestApp;
let park: TestPark;
let firm: EnterpriseRow;
let officers: (UserRow | null)[];
const CATEGORIES = ['financing', 'policy', 'approval'];

/** A small deterministic generator (the failures are reproducible). */
function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let x = Math.imul(s ^ (s >>> 15), 1 | s);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = prng(20261207);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
const DAY = 86_400_000;
/** An instant in the 14 months before NOW, at any hour (so Shanghai and UTC dates differ often). */
const someInstant = () => new Date(NOW.getTime() - Math.floor(rand() * 420 * DAY) - Math.floor(rand() * DAY));

beforeAll(async () => {
  t = await createTestApp({}, NOW);
  park = await buildPark(t.ctx.db, '汇总表测试园区');
  const a = await buildUser(t.ctx.db, park, { roles: ['liaison'], displayName: '专员甲' });
  const b = await buildUser(t.ctx.db, park, { roles: ['liaison'], displayName: '专员乙' });
  officers = [a, b, null];
  firm = await buildEnterprise(t.ctx.db, park, { liaison_id: a.id });
});
afterAll(async () => {
  await t.close();
});

async function fileSome(n: number): Promise<void> {
  const statuses: DemandStatus[] = ['submitted', 'accepted', 'in_progress', 'resolved', 'closed', 'closed', 'closed', 'withdrawn'];
  for (let i = 0; i < n; i++) {
    const createdAt = someInstant();
    const status = pick(statuses);
    const resolvedAt = new Date(createdAt.getTime() + Math.floor(rand() * 20 * DAY));
    await buildDemand(t.ctx.db, park, firm, {
      status,
      createdAt,
      category: pick(CATEGORIES),
      assigneeId: pick(officers)?.id ?? null,
      resolvedAt,
      closedAt: new Date(resolvedAt.getTime() + Math.floor(rand() * 9 * DAY)),
      answeredOnTime: rand() < 0.8,
      answerWorkingDays: Math.floor(rand() * 8),
      escalationCount: rand() < 0.2 ? 1 : 0,
    });
  }
}

async function rateSome(n: number): Promise<void> {
  const { rows } = await sql<{ id: string; closed_at: Date }>`
    select d.id, d.closed_at from demands d
     where d.park_id = ${park.id} and d.status = 'closed'
       and not exists (select 1 from ratings r where r.park_id = d.park_id and r.subject_type = 'demand' and r.subject_id = d.id)
     order by d.number limit ${n}`.execute(t.ctx.db);
  for (const row of rows) {
    await sql`insert into ratings (park_id, subject_type, subject_id, case_number, title, enterprise_id, rater_name, level, is_bad, closed_at, rated_at)
              values (${park.id}, 'demand', ${row.id}, 'X', '测试', ${firm.id}, '企业', 'satisfied', false, ${row.closed_at}, ${NOW})`.execute(t.ctx.db);
  }
}

/** Changes of every kind the rollup must follow, some one row at a time, some many rows in one statement. */
async function churn(): Promise<void> {
  const db = t.ctx.db;
  const ids = (await sql<{ id: string }>`select id from demands where park_id = ${park.id} order by number`.execute(db)).rows.map((r) => r.id);
  const some = (k: number) => Array.from({ length: k }, () => pick(ids));
  // reassigned and recategorised, one by one
  for (const id of some(6)) await sql`update demands set assignee_id = ${pick(officers)?.id ?? null}, category = ${pick(CATEGORIES)} where id = ${id}`.execute(db);
  // escalated in one statement (the sweep's way)
  await sql`update demands set escalation_count = escalation_count + 1 where id in (${sql.join(some(8))})`.execute(db);
  // answers corrected: another day, another verdict
  for (const id of some(4)) {
    await sql`update demands set resolved_at = resolved_at + interval '3 days', answered_on_time = not coalesce(answered_on_time, true), answer_working_days = answer_working_days + 1
              where id = ${id} and resolved_at is not null`.execute(db);
  }
  // answers recounted on the same day (a verdict or working-day count corrected in place, or cleared)
  await sql`update demands set answered_on_time = not coalesce(answered_on_time, false), answer_working_days = case when random() < 0.3 then null else coalesce(answer_working_days, 0) + 2 end
            where id in (${sql.join(some(6))}) and resolved_at is not null`.execute(db);
  // closed demands reopened (the deadline runs again) and open ones closed
  await sql`update demands set status = 'reopened', due_at = ${new Date(NOW.getTime() + 3 * DAY)}, closed_at = null, closed_by = null
            where id in (${sql.join(some(5))}) and status = 'closed'`.execute(db);
  await sql`update demands set status = 'closed', due_at = null, due_kind = null, remind_at = null,
                   resolved_at = coalesce(resolved_at, created_at + interval '2 days'), answered_on_time = coalesce(answered_on_time, true),
                   answer_working_days = coalesce(answer_working_days, 2), closed_at = coalesce(resolved_at, created_at + interval '2 days') + interval '1 day', closed_by = 'system'
            where id in (${sql.join(some(6))}) and status in ('submitted', 'accepted', 'in_progress', 'reopened', 'resolved')`.execute(db);
  // ratings given, and a few taken away (rows deleted)
  await rateSome(7);
  await sql`delete from ratings where id in (select id from ratings where park_id = ${park.id} order by id limit 2)`.execute(db);
  // demands deleted (rating rows first, as nothing references them)
  const gone = some(2);
  await sql`delete from ratings where park_id = ${park.id} and subject_type = 'demand' and subject_id in (${sql.join(gone)})`.execute(db);
  await sql`delete from demand_events where demand_id in (${sql.join(gone)})`.execute(db);
  await sql`delete from demands where id in (${sql.join(gone)})`.execute(db);
}

const deltaRows = async () => Number((await sql<{ n: number }>`select count(*)::int as n from demand_rollup_delta where park_id = ${park.id}`.execute(t.ctx.db)).rows[0]!.n);

/**
 * Folds until this park has no delta left. On PostgreSQL other test files share the database and
 * may be folding at the same moment (the fold takes an advisory lock; a second caller returns 0 at
 * once and the first one's rows appear when it commits).
 */
async function foldPark(): Promise<void> {
  for (let i = 0; i < 100; i++) {
    await foldDemandRollup(t.ctx.db);
    if ((await deltaRows()) === 0) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the park still has deltas after 100 folds');
}

const normal = (rows: DemandFigureRow[]) =>
  rows
    .filter((r) => r.filed || r.resolved || r.escalated || r.open || r.overdue_open)
    .map((r) => ({ ...r }))
    .sort((a, b) => `${a.category}|${a.assignee_id}`.localeCompare(`${b.category}|${b.assignee_id}`));

function ranges(): { from: string; to: string }[] {
  const out = [
    { from: '2025-09-01', to: '2026-11-26' },
    { from: '2025-11-27', to: '2026-11-26' },
    { from: '2026-02-01', to: '2026-02-28' },
    { from: '2026-03-15', to: '2026-03-15' },
    { from: '2026-01-31', to: '2026-03-01' },
    { from: '2026-11-16', to: '2026-11-26' },
    { from: '2026-11-20', to: '2026-12-31' },
  ];
  for (let i = 0; i < 12; i++) {
    const a = someInstant().toISOString().slice(0, 10);
    const b = new Date(Date.parse(a) + Math.floor(rand() * 200) * DAY).toISOString().slice(0, 10);
    out.push({ from: a, to: b });
  }
  return out;
}

async function expectRollupAgrees(): Promise<void> {
  const cutoff = unratedCutoff(NOW);
  for (const { from, to } of ranges()) {
    const range = rangeOf(from, to);
    for (const officer of [null, officers[0]!.id]) {
      const rolled = await demandFigures(t.ctx.db, park.id, range, NOW, officer);
      const counted = await demandFiguresFromRows(t.ctx.db, park.id, range, NOW, officer);
      expect(normal(rolled), `${from}..${to} ${officer ?? 'park'}`).toEqual(normal(counted));
    }
    for (const group of ['officer', 'category', null] as const) {
      const filter = { from: range.from, to: range.to, asOf: NOW, subjectType: 'demand' as const };
      const rolled = await countClosedSubjects(t.ctx.db, park.id, 'demand', filter, cutoff, group);
      const counted = await countClosedFromRows(t.ctx.db, 'demand', { parkId: park.id, from: range.from, to: range.to, cutoff, group });
      const asMap = new Map(counted.map((r) => [r.key, { closed: r.closed, unrated: r.unrated, pending: r.pending }]));
      expect(new Map([...rolled].map(([k, v]) => [k, { closed: v.closed, unrated: v.unrated, pending: v.pending }])), `${from}..${to} by ${group}`).toEqual(asMap);
    }
  }
}

describe('demand_rollup', () => {
  it('covers a range once with whole months and the days at its ends', () => {
    expect(rollupSpan('2025-11-27', '2026-11-27')).toEqual({
      months: { from: '2025-12-01', to: '2026-11-01' },
      days: [
        { from: '2025-11-27', to: '2025-12-01' },
        { from: '2026-11-01', to: '2026-11-27' },
      ],
    });
    expect(rollupSpan('2026-02-01', '2026-03-01')).toEqual({ months: { from: '2026-02-01', to: '2026-03-01' }, days: [] });
    expect(rollupSpan('2026-12-05', '2027-01-01')).toEqual({ months: null, days: [{ from: '2026-12-05', to: '2027-01-01' }] });
    expect(rollupSpan('2026-03-15', '2026-03-16')).toEqual({ months: null, days: [{ from: '2026-03-15', to: '2026-03-16' }] });
    expect(rollupSpan('2026-03-16', '2026-03-16')).toEqual({ months: null, days: [] });
  });

  it('gives the statistics the same figures as counting the demands, through every kind of change', async () => {
    await fileSome(160);
    await rateSome(40);
    await expectRollupAgrees();
    expect(await deltaRows()).toBeGreaterThan(0);
    for (let round = 0; round < 3; round++) {
      await churn();
      await fileSome(20);
      await expectRollupAgrees();
      // folded or not, the figures are the same: fold after the first and the last round only
      if (round !== 1) {
        expect(await deltaRows()).toBeGreaterThan(0);
        await foldPark();
        await expectRollupAgrees();
      }
    }
    // and the rollup holds exactly what the demands hold now (no row drifts, even where no range looked)
    const drift = await sql<{ n: number }>`
      with now_rows as (
        select d.park_id, g.grain, case g.grain when 'd' then e.d else date_trunc('month', e.d)::date end as bucket, d.category, d.assignee_id,
               sum(e.filed)::int as filed, sum(e.closed)::int as closed, sum(e.rated)::int as rated, sum(e.resolved)::int as resolved
          from demands d
          cross join lateral (
            select ((d.created_at at time zone 'UTC') + interval '8 hours')::date as d, 1 as filed, 0 as closed, 0 as rated, 0 as resolved
            union all select ((d.resolved_at at time zone 'UTC') + interval '8 hours')::date, 0, 0, 0, 1 where d.resolved_at is not null
            union all select ((d.closed_at at time zone 'UTC') + interval '8 hours')::date, 0, 1,
                             (exists (select 1 from ratings r where r.park_id = d.park_id and r.subject_type = 'demand' and r.subject_id = d.id))::int, 0
                       where d.status = 'closed' and d.closed_at is not null) e
          cross join (values ('d'::"char"), ('m'::"char")) g(grain)
         where d.park_id = ${park.id}
         group by 1, 2, 3, 4, 5),
      kept as (select park_id, grain, bucket, category, assignee_id, sum(filed)::int as filed, sum(closed)::int as closed, sum(rated)::int as rated, sum(resolved)::int as resolved
                 from demand_rollup_all where park_id = ${park.id} group by 1, 2, 3, 4, 5
               having sum(filed) <> 0 or sum(closed) <> 0 or sum(rated) <> 0 or sum(resolved) <> 0 or sum(escalated) <> 0 or sum(days_count) <> 0)
      select count(*)::int as n from ((select * from now_rows except select * from kept) union all (select * from kept except select * from now_rows)) x`.execute(t.ctx.db);
    expect(drift.rows[0]!.n).toBe(0);
  });

  it('moves nothing and locks no demand when a rating changes without changing its subject', async () => {
    await foldPark();
    const target = (await sql<{ id: string; subject_id: string }>`select id, subject_id from ratings where park_id = ${park.id} and status = 'valid' order by id limit 1`.execute(t.ctx.db)).rows[0]!;
    const remove = (db: typeof t.ctx.db) => sql`update ratings set status = 'removed', removed_reason = '测试移除', removed_at = ${NOW} where id = ${target.id}`.execute(db);
    if (t.ctx.database.kind === 'postgres') {
      // another transaction holds the demand: the rating's update must not wait for it
      await t.ctx.db.transaction().execute(async (holder) => {
        await sql`select 1 from demands where id = ${target.subject_id} for update`.execute(holder);
        await t.ctx.db.transaction().execute(async (trx) => {
          await sql`set local lock_timeout = '2s'`.execute(trx);
          await remove(trx);
        });
      });
    } else {
      await remove(t.ctx.db);
    }
    expect(await deltaRows()).toBe(0);
    await expectRollupAgrees();
  });

  it('folds once when several processes fold at the same moment', async () => {
    await fileSome(30);
    const before = await demandFigures(t.ctx.db, park.id, rangeOf('2025-09-01', '2026-11-26'), NOW, null);
    expect(await deltaRows()).toBeGreaterThan(0);
    const folded = await Promise.all([foldDemandRollup(t.ctx.db), foldDemandRollup(t.ctx.db), foldDemandRollup(t.ctx.db)]);
    // on PGlite (one connection) exactly one of them folds; on PostgreSQL other test files add
    // deltas of their parks meanwhile, so a later fold may find rows: the figures below are the test
    if (t.ctx.database.kind !== 'postgres') expect(folded.filter((n) => n > 0).length).toBe(1);
    await foldPark();
    const after = await demandFigures(t.ctx.db, park.id, rangeOf('2025-09-01', '2026-11-26'), NOW, null);
    expect(normal(after)).toEqual(normal(before));
    await expectRollupAgrees();
  });

  it('is kept when a firm rates its demand through the API, in the rating’s own transaction', async () => {
    const firmUser = await buildUser(t.ctx.db, park, { roles: ['enterprise'], enterpriseId: firm.id });
    const d = await buildDemand(t.ctx.db, park, firm, { status: 'closed', createdAt: new Date('2026-11-18T02:00:00Z'), closedAt: new Date('2026-11-24T03:00:00Z'), assigneeId: officers[1]!.id });
    const cell = async () =>
      (
        await sql<{ closed: number; rated: number }>`select sum(closed)::int as closed, sum(rated)::int as rated from demand_rollup_all
          where park_id = ${park.id} and grain = 'd' and bucket = '2026-11-24' and category = ${d.category} and assignee_id = ${officers[1]!.id}`.execute(t.ctx.db)
      ).rows[0];
    const before = await cell();
    const res = await (await clientAs(t, firmUser)).post(`/api/demands/${d.id}/rating`, { level: 'satisfied', scores: { serviceEfficiency: 5, serviceLevel: 4, serviceAttitude: 5 } });
    expect(res.statusCode).toBe(201);
    const after = await cell();
    expect(after).toEqual({ closed: before!.closed, rated: before!.rated + 1 });
    await expectRollupAgrees();
  });
});
