import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors.js';
import { endOfShanghaiDay } from '../../platform/calendar/index.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { buildUser } from '../../../test/factories.js';
import {
  BAD_RATING,
  GOOD_RATING,
  actorOf,
  buildClosedDemand,
  buildRatingPark,
  buildRatingSubject,
  rateAs,
  type RatingPark,
} from '../../../test/rating-factories.js';
import { appealRating, reviewAppeal } from './appeals/service.js';
import { actOnRectification, getRectification } from './rectifications/service.js';
import { findRatingForSubject, listRatings, ratingStatsForDemands } from './service.js';
import { runRatingSweep } from './sweep.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

let t: TestApp;
let p: RatingPark;

beforeAll(async () => {
  t = await createTestApp();
  p = await buildRatingPark(t.ctx.db);
});
afterAll(async () => {
  await t.close();
});
beforeEach(() => {
  t.clock.set(new Date('2026-11-26T02:00:00Z'));
});

async function expectAppError(promise: Promise<unknown>, code: string, message?: string | RegExp): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  if (message) expect((error as AppError).message).toMatch(message);
  return error as AppError;
}

async function notificationsOf(userId: string, kind: string): Promise<{ title: string; body: string | null }[]> {
  return t.ctx.db.selectFrom('notifications').select(['title', 'body']).where('user_id', '=', userId).where('kind', '=', kind).execute();
}

describe('rateSubject', () => {
  it('rates a closed case once; a second rating is a 409 naming the rule', async () => {
    const subject = buildRatingSubject(p, { closedAt: new Date(t.clock.now().getTime() - DAY) });
    const view = await rateAs(t, p.firmUser, subject, GOOD_RATING);
    expect(view).toMatchObject({ level: 'very_satisfied', levelLabel: '非常满意', isBad: false, caseNumber: subject.caseNumber, status: 'valid', rectification: null });
    expect(view.rater).toEqual({ id: p.firmUser.id, name: p.firmUser.display_name });
    await expectAppError(rateAs(t, p.firmUser, subject, GOOD_RATING), 'CONFLICT', '该事项已评价,每件事只能评价一次');
  });

  it('lets exactly one of two concurrent ratings of the same case succeed', async () => {
    const subject = buildRatingSubject(p, { closedAt: new Date(t.clock.now().getTime() - DAY) });
    const results = await Promise.allSettled([rateAs(t, p.firmUser, subject, GOOD_RATING), rateAs(t, p.firmUser, subject, BAD_RATING)]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect((rejected.reason as AppError).code).toBe('CONFLICT');
    const rows = await t.ctx.db.selectFrom('ratings').select('id').where('park_id', '=', p.park.id).where('subject_id', '=', subject.id).execute();
    expect(rows).toHaveLength(1);
  });

  it('refuses a rating after the 7-day window: the case already counts as 未评', async () => {
    const subject = buildRatingSubject(p, { closedAt: new Date(t.clock.now().getTime() - 8 * DAY) });
    await expectAppError(rateAs(t, p.firmUser, subject), 'INVALID_STATE', /办结后7日内/);
  });

  it('lets only the served firm rate: staff get 403, another firm 404', async () => {
    const subject = buildRatingSubject(p, { closedAt: new Date(t.clock.now().getTime() - DAY) });
    await expectAppError(rateAs(t, p.liaison, subject), 'FORBIDDEN');
    await expectAppError(rateAs(t, p.otherFirmUser, subject), 'NOT_FOUND');
  });

  it('names the missing sub-score and the missing comment of a bad review', async () => {
    const subject = buildRatingSubject(p, { closedAt: new Date(t.clock.now().getTime() - DAY) });
    const missing = await expectAppError(rateAs(t, p.firmUser, subject, { level: 'satisfied', scores: { serviceEfficiency: 4, serviceLevel: 4 } }), 'VALIDATION_FAILED');
    expect(missing.details).toEqual([{ path: 'scores.serviceAttitude', message: '请为“服务态度”打分(1–5分)' }]);
    const noComment = await expectAppError(rateAs(t, p.firmUser, subject, { ...BAD_RATING, comment: '不好' }), 'VALIDATION_FAILED');
    expect(noComment.details[0]!.path).toBe('comment');
    expect(noComment.message).toContain('评价内容');
  });

  it('opens a rectification on the officer due 5 working days later, across the National Day holiday', async () => {
    // Rated on 2026-09-29 (Tue): 9/30, 10/8, 10/9, 10/10 (make-up Saturday), 10/12 → due 2026-10-12.
    t.clock.set(new Date('2026-09-29T02:00:00Z'));
    const subject = buildRatingSubject(p, { closedAt: new Date('2026-09-28T08:00:00Z') });
    const view = await rateAs(t, p.firmUser, subject, BAD_RATING);
    expect(view.rectification).toMatchObject({ status: 'open', round: 1, dueAt: endOfShanghaiDay('2026-10-12').toISOString(), overdue: false });
    const rc = await t.ctx.db.selectFrom('rating_rectifications').selectAll().where('id', '=', view.rectification!.id).executeTakeFirstOrThrow();
    expect(rc.assignee_id).toBe(p.liaison.id);
    expect(rc.due_at.toISOString()).toBe('2026-10-12T15:59:59.999Z');
    const toOfficer = await notificationsOf(p.liaison.id, 'rectification.assigned');
    expect(toOfficer.some((n) => n.title.includes(subject.caseNumber) && n.body!.includes('2026-10-12'))).toBe(true);
    expect((await notificationsOf(p.dispatcher.id, 'rectification.assigned')).some((n) => n.title.includes(subject.caseNumber))).toBe(true);
    const notes = await t.ctx.db.selectFrom('notifications').select(['title', 'body']).where('user_id', '=', p.liaison.id).execute();
    expect(JSON.stringify(notes)).not.toContain(p.firmUser.display_name);
  });

  it('sends a case without an officer to the dispatchers and follows the park setting for the deadline', async () => {
    await t.ctx.db
      .insertInto('dictionaries')
      .values({ park_id: p.park.id, kind: 'rating_setting', code: 'rectify_days', label: '整改期限', extra: JSON.stringify({ days: 10 }) })
      .execute();
    try {
      t.clock.set(new Date('2026-09-29T02:00:00Z'));
      const subject = buildRatingSubject({ ...p, liaison: null }, { closedAt: new Date('2026-09-28T08:00:00Z') });
      const view = await rateAs(t, p.firmUser, subject, BAD_RATING);
      // 10 working days from 9/29: 9/30, 10/8, 10/9, 10/10, 10/12–10/16, 10/19 → 2026-10-19.
      expect(view.rectification!.dueAt).toBe(endOfShanghaiDay('2026-10-19').toISOString());
      const rc = await t.ctx.db.selectFrom('rating_rectifications').selectAll().where('id', '=', view.rectification!.id).executeTakeFirstOrThrow();
      expect(rc.assignee_id).toBeNull();
      expect((await notificationsOf(p.dispatcher.id, 'rectification.assigned')).some((n) => n.title.includes(subject.caseNumber))).toBe(true);
    } finally {
      await t.ctx.db.deleteFrom('dictionaries').where('park_id', '=', p.park.id).where('kind', '=', 'rating_setting').execute();
    }
  });
});

describe('rater identity', () => {
  it('is never shown to the rated officer, a liaison or a leader; the office sees it', async () => {
    const subject = buildRatingSubject(p, { closedAt: new Date(t.clock.now().getTime() - DAY) });
    await rateAs(t, p.firmUser, subject, BAD_RATING);
    const asOfficer = await findRatingForSubject(t.ctx.db, p.park.id, 'demand', subject.id, actorOf(p.liaison));
    expect(asOfficer!.rater).toBeNull();
    expect(JSON.stringify(asOfficer)).not.toContain(p.firmUser.id);
    expect(JSON.stringify(asOfficer)).not.toContain(p.firmUser.display_name);
    expect((await findRatingForSubject(t.ctx.db, p.park.id, 'demand', subject.id, actorOf(p.leader)))!.rater).toBeNull();
    expect((await findRatingForSubject(t.ctx.db, p.park.id, 'demand', subject.id, actorOf(p.dispatcher)))!.rater).toEqual({ id: p.firmUser.id, name: p.firmUser.display_name });
    expect(await findRatingForSubject(t.ctx.db, p.park.id, 'demand', subject.id, actorOf(p.otherFirmUser))).toBeNull();
  });

  it('stays hidden from an officer who also works in the office', async () => {
    const both = await buildUser(t.ctx.db, p.park, { roles: ['liaison', 'dispatcher'] });
    const subject = buildRatingSubject({ ...p, liaison: both }, { closedAt: new Date(t.clock.now().getTime() - DAY) });
    await rateAs(t, p.firmUser, subject, BAD_RATING);
    expect((await findRatingForSubject(t.ctx.db, p.park.id, 'demand', subject.id, actorOf(both)))!.rater).toBeNull();
    const rc = await t.ctx.db
      .selectFrom('rating_rectifications as rc')
      .innerJoin('ratings as r', 'r.id', 'rc.rating_id')
      .select('rc.id')
      .where('r.subject_id', '=', subject.id)
      .executeTakeFirstOrThrow();
    const detail = await getRectification(t.ctx, actorOf(both), rc.id);
    expect(detail.timeline.find((e) => e.action === 'rated')!.actorName).toBe('企业用户');
  });

  it('keeps the liaison ledger to its own cases', async () => {
    const mine = buildRatingSubject(p, { closedAt: new Date(t.clock.now().getTime() - DAY) });
    const theirs = buildRatingSubject({ ...p, liaison: p.otherLiaison }, { closedAt: new Date(t.clock.now().getTime() - DAY) });
    await rateAs(t, p.firmUser, mine);
    await rateAs(t, p.firmUser, theirs);
    const page = await listRatings(t.ctx, actorOf(p.liaison), { page: 1, pageSize: 200 });
    expect(page.items.every((r) => r.officerId === p.liaison.id && r.rater === null)).toBe(true);
    expect(page.items.some((r) => r.subjectId === mine.id)).toBe(true);
    expect(page.items.some((r) => r.subjectId === theirs.id)).toBe(false);
  });
});

describe('rectification flow', () => {
  it('goes fix → return visit → 不满意 (reopened, new deadline) → fix → visit with 满意 → closed on time', async () => {
    t.clock.set(new Date('2026-11-02T02:00:00Z'));
    const subject = buildRatingSubject(p, { closedAt: new Date('2026-11-01T02:00:00Z') });
    const rating = await rateAs(t, p.firmUser, subject, BAD_RATING);
    const id = rating.rectification!.id;
    const officer = actorOf(p.liaison);
    const firm = actorOf(p.firmUser);

    t.clock.set(new Date('2026-11-03T02:00:00Z'));
    let rc = await actOnRectification(t.ctx, officer, id, { action: 'record-fix', note: '已协调承办部门重新办理' });
    expect(rc).toMatchObject({ status: 'fixed', fixNote: '已协调承办部门重新办理' });
    expect(rc.allowedActions).toEqual(['return-visit']);
    rc = await actOnRectification(t.ctx, officer, id, { action: 'return-visit', note: '已电话告知企业整改情况', method: 'phone' });
    expect(rc.status).toBe('visited');
    expect((await notificationsOf(p.firmUser.id, 'rectification.verdict-requested')).length).toBeGreaterThan(0);

    t.clock.set(new Date('2026-11-04T02:00:00Z'));
    rc = await actOnRectification(t.ctx, firm, id, { action: 'verdict', verdict: 'unsatisfied', note: '问题仍未解决' });
    // Reopened on Wed 2026-11-04: 5 working days → Wed 2026-11-11.
    expect(rc).toMatchObject({ status: 'open', round: 2, verdict: 'unsatisfied', fixNote: null, dueAt: endOfShanghaiDay('2026-11-11').toISOString() });
    expect((await notificationsOf(p.liaison.id, 'rectification.reopened')).length).toBeGreaterThan(0);

    t.clock.set(new Date('2026-11-05T02:00:00Z'));
    await actOnRectification(t.ctx, officer, id, { action: 'record-fix', note: '已现场协调,问题解决' });
    rc = await actOnRectification(t.ctx, officer, id, { action: 'return-visit', note: '企业表示满意', method: 'onsite', verdict: 'satisfied' });
    expect(rc).toMatchObject({ status: 'closed', outcome: 'satisfied', closedOnTime: true, allowedActions: [] });
    expect(rc.returnVisits.map((v) => [v.round, v.verdict])).toEqual([
      [1, 'unsatisfied'],
      [2, 'satisfied'],
    ]);
    expect(rc.timeline.map((e) => e.action)).toEqual([
      'rated',
      'rectification.opened',
      'rectification.record-fix',
      'rectification.return-visit',
      'rectification.verdict',
      'rectification.reopened',
      'rectification.record-fix',
      'rectification.return-visit',
      'rectification.verdict',
    ]);
    const audit = await t.ctx.db.selectFrom('audit_log').select('action').where('entity', '=', 'rating_rectification').where('entity_id', '=', id).orderBy('seq').execute();
    expect(audit.map((a) => a.action)).toEqual([
      'rectification.open',
      'rectification.record-fix',
      'rectification.return-visit',
      'rectification.verdict',
      'rectification.record-fix',
      'rectification.return-visit',
      'rectification.verdict',
    ]);
  });

  it('answers 403 for a step that is not the actor’s and 409 for a step in the wrong state', async () => {
    const subject = buildRatingSubject(p, { closedAt: new Date(t.clock.now().getTime() - DAY) });
    const id = (await rateAs(t, p.firmUser, subject, BAD_RATING)).rectification!.id;
    await expectAppError(actOnRectification(t.ctx, actorOf(p.firmUser), id, { action: 'record-fix', note: '企业自己整改' }), 'FORBIDDEN');
    await expectAppError(actOnRectification(t.ctx, actorOf(p.otherLiaison), id, { action: 'record-fix', note: '别人来整改' }), 'NOT_FOUND');
    await expectAppError(actOnRectification(t.ctx, actorOf(p.liaison), id, { action: 'close', note: '自行办结' }), 'FORBIDDEN');
    await expectAppError(actOnRectification(t.ctx, actorOf(p.firmUser), id, { action: 'verdict', verdict: 'satisfied' }), 'INVALID_STATE', /整改中/);
    const closed = await actOnRectification(t.ctx, actorOf(p.dispatcher), id, { action: 'close', note: '经核实无法律依据,已解释' });
    expect(closed).toMatchObject({ status: 'closed', outcome: 'closed', closedOnTime: true });
  });
});

describe('overdue sweep', () => {
  it('flags an overdue rectification once, also when two sweeps run at the same time', async () => {
    t.clock.set(new Date('2026-11-02T02:00:00Z'));
    const subject = buildRatingSubject(p, { closedAt: new Date('2026-11-01T02:00:00Z') });
    const id = (await rateAs(t, p.firmUser, subject, BAD_RATING)).rectification!.id;
    const later = new Date('2026-11-20T02:00:00Z');
    const [a, b] = await Promise.all([runRatingSweep(t.ctx, later), runRatingSweep(t.ctx, later)]);
    const again = await runRatingSweep(t.ctx, new Date('2026-11-21T02:00:00Z'));
    const events = await t.ctx.db.selectFrom('rating_events').select('id').where('rectification_id', '=', id).where('action', '=', 'rectification.overdue').execute();
    expect(events).toHaveLength(1);
    expect(a.overdue + b.overdue).toBeGreaterThanOrEqual(1);
    expect(again.overdue).toBe(0);
    const notes = (await notificationsOf(p.liaison.id, 'rectification.overdue')).filter((n) => n.title.includes(subject.caseNumber));
    expect(notes).toHaveLength(1);
    t.clock.set(later);
    const rc = await getRectification(t.ctx, actorOf(p.liaison), id);
    expect(rc).toMatchObject({ overdue: true, wasLate: true });
    const fixed = await actOnRectification(t.ctx, actorOf(p.liaison), id, { action: 'record-fix', note: '逾期后补充整改' });
    expect(fixed.wasLate).toBe(true);
  });
});

describe('reminders', () => {
  it('reminds the firm once on day 5 after closing while the case is unrated', async () => {
    const now = new Date('2026-11-26T02:00:00Z');
    const due = await buildClosedDemand(t.ctx.db, p, new Date(now.getTime() - 5 * DAY - HOUR));
    const rated = await buildClosedDemand(t.ctx.db, p, new Date(now.getTime() - 5 * DAY - 2 * HOUR));
    const tooEarly = await buildClosedDemand(t.ctx.db, p, new Date(now.getTime() - 4 * DAY));
    t.clock.set(new Date(now.getTime() - 5 * DAY));
    await rateAs(t, p.firmUser, rated, GOOD_RATING);
    await Promise.all([runRatingSweep(t.ctx, now), runRatingSweep(t.ctx, now)]);
    await runRatingSweep(t.ctx, new Date(now.getTime() + HOUR));
    const notes = await notificationsOf(p.firmUser.id, 'rating.reminder');
    expect(notes.filter((n) => n.title.includes(due.caseNumber))).toHaveLength(1);
    expect(notes.some((n) => n.title.includes(rated.caseNumber))).toBe(false);
    expect(notes.some((n) => n.title.includes(tooEarly.caseNumber))).toBe(false);
  });
});

describe('appeals', () => {
  it('removes a review on appeal: it stays in the ledger and the audit log, leaves 好评率, cancels the rectification', async () => {
    const park = await buildRatingPark(t.ctx.db);
    const now = t.clock.now();
    const good = await buildClosedDemand(t.ctx.db, park, new Date(now.getTime() - 3 * DAY));
    const bad = await buildClosedDemand(t.ctx.db, park, new Date(now.getTime() - 3 * DAY));
    await rateAs(t, park.firmUser, good, GOOD_RATING);
    const rating = await rateAs(t, park.firmUser, bad, BAD_RATING);
    const range = { from: new Date(now.getTime() - 10 * DAY), to: now };
    const before = await ratingStatsForDemands(t.ctx.db, park.park.id, range, undefined, { now });
    expect(before).toMatchObject({ closed: 2, rated: 2, good: 1, bad: 1, goodRate: 0.5, removed: 0 });

    await expectAppError(appealRating(t.ctx, actorOf(park.otherLiaison), rating.id, { reason: '不是我办理的,但我也想申诉' }), 'NOT_FOUND');
    const appeal = await appealRating(t.ctx, actorOf(park.liaison), rating.id, { reason: '企业确认系误评,评价内容与办理事实不符' });
    expect(appeal.status).toBe('pending');
    await expectAppError(appealRating(t.ctx, actorOf(park.liaison), rating.id, { reason: '再申诉一次试试看看行不行' }), 'CONFLICT', /只能申诉一次/);
    await expectAppError(reviewAppeal(t.ctx, actorOf(park.liaison), appeal.id, { decision: 'remove', reason: '自己审核' }), 'FORBIDDEN');
    const decided = await reviewAppeal(t.ctx, actorOf(park.dispatcher), appeal.id, { decision: 'remove', reason: '经核实系误评' });
    expect(decided).toMatchObject({ status: 'removed', decisionReason: '经核实系误评' });
    await expectAppError(reviewAppeal(t.ctx, actorOf(park.dispatcher), appeal.id, { decision: 'uphold', reason: '再审一次' }), 'INVALID_STATE');

    const ledger = await listRatings(t.ctx, actorOf(park.dispatcher), { removed: true, page: 1, pageSize: 20 });
    expect(ledger.items.map((r) => [r.id, r.status, r.removedReason, r.rectification?.status])).toEqual([[rating.id, 'removed', '经核实系误评', 'cancelled']]);
    const after = await ratingStatsForDemands(t.ctx.db, park.park.id, range, undefined, { now });
    expect(after).toMatchObject({ closed: 2, rated: 1, good: 1, bad: 0, goodRate: 1, removed: 1, unrated: 0, rectifyRate: null });
    const audit = await t.ctx.db.selectFrom('audit_log').select('action').where('entity', '=', 'rating').where('entity_id', '=', rating.id).orderBy('seq').execute();
    expect(audit.map((a) => a.action)).toEqual(['rating.create', 'rating.remove']);
  });

  it('refuses an appeal against a good review', async () => {
    const subject = buildRatingSubject(p, { closedAt: new Date(t.clock.now().getTime() - DAY) });
    const rating = await rateAs(t, p.firmUser, subject, GOOD_RATING);
    await expectAppError(appealRating(t.ctx, actorOf(p.liaison), rating.id, { reason: '好评也想申诉一下试试' }), 'INVALID_STATE', /只能对差评/);
  });
});

describe('ratingStatsForDemands', () => {
  it('counts 未评 only after 7 days, per officer, from the closed demands', async () => {
    const park = await buildRatingPark(t.ctx.db);
    const now = new Date('2026-11-26T02:00:00Z');
    t.clock.set(new Date('2026-11-10T02:00:00Z'));
    const rated = await buildClosedDemand(t.ctx.db, park, new Date('2026-11-09T02:00:00Z'));
    await rateAs(t, park.firmUser, rated, BAD_RATING);
    await buildClosedDemand(t.ctx.db, park, new Date('2026-11-05T02:00:00Z')); // unrated, window over
    await buildClosedDemand(t.ctx.db, park, new Date('2026-11-24T02:00:00Z')); // unrated, still pending
    await buildClosedDemand(t.ctx.db, { ...park, liaison: park.otherLiaison }, new Date('2026-11-06T02:00:00Z')); // other officer
    const range = { from: new Date('2026-11-01T00:00:00Z'), to: new Date('2026-12-01T00:00:00Z') };
    const all = await ratingStatsForDemands(t.ctx.db, park.park.id, range, undefined, { now });
    expect(all).toMatchObject({ closed: 4, rated: 1, unrated: 2, pending: 1, unratedRate: 0.5, goodRate: 0, bad: 1, rectifyOpen: 1, rectifyOverdue: 1 });
    expect(all.averageScores).toEqual({ serviceEfficiency: 2, serviceLevel: 2, serviceAttitude: 3 });
    const mine = await ratingStatsForDemands(t.ctx.db, park.park.id, range, park.liaison.id, { now });
    expect(mine).toMatchObject({ closed: 3, unrated: 1, pending: 1, officerId: park.liaison.id });
  });
});
