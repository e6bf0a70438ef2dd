import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../../platform/audit.js';
import { createTestApp, type TestApp } from '../../../../test/harness.js';
import { buildClosedDemand, buildRatingPark, type RatingPark } from '../../../../test/rating-factories.js';
import { ratingStatsForDemands } from '../service.js';
import { runRatingSweep } from '../sweep.js';
import { seedRatingHistory } from './history.js';

const DAY = 86_400_000;
const NOW = new Date('2026-11-26T02:00:00Z');

let t: TestApp;
let p: RatingPark;

beforeAll(async () => {
  t = await createTestApp({}, NOW);
  p = await buildRatingPark(t.ctx.db);
  // 240 closed demands over the last 120 days, on two officers' cases.
  for (let i = 0; i < 240; i++) {
    const officer = i % 3 === 0 ? p.otherLiaison : p.liaison;
    await buildClosedDemand(t.ctx.db, { ...p, liaison: officer }, new Date(NOW.getTime() - (i / 2) * DAY - 3_600_000));
  }
});
afterAll(async () => {
  await t.close();
});

describe('seedRatingHistory', () => {
  it('rates closed demands once each, with bad reviews, rectifications, return visits and appeals', async () => {
    await t.ctx.db.transaction().execute((trx) => seedRatingHistory(trx, { parkId: p.park.id, now: NOW }));
    const db = t.ctx.db;
    const ratings = await db.selectFrom('ratings').selectAll().where('park_id', '=', p.park.id).execute();
    expect(ratings.length).toBeGreaterThan(150);
    expect(new Set(ratings.map((r) => r.subject_id)).size).toBe(ratings.length);
    expect(ratings.every((r) => r.rated_at > r.closed_at && r.rated_at <= NOW && r.rated_at.getTime() - r.closed_at.getTime() < 7 * DAY)).toBe(true);
    const bad = ratings.filter((r) => r.is_bad);
    expect(bad.length).toBeGreaterThan(3);
    const rectifications = await db.selectFrom('rating_rectifications').selectAll().where('park_id', '=', p.park.id).execute();
    expect(rectifications.map((r) => r.rating_id).sort()).toEqual(bad.map((r) => r.id).sort());
    const appeals = await db.selectFrom('rating_appeals').selectAll().where('park_id', '=', p.park.id).execute();
    expect(appeals.map((a) => a.status).sort()).toEqual(['removed', 'upheld']);
    const removed = ratings.find((r) => r.status === 'removed')!;
    expect(rectifications.find((r) => r.rating_id === removed.id)!.status).toBe('cancelled');
    expect(await db.selectFrom('rating_return_visits').select('id').where('park_id', '=', p.park.id).execute()).not.toHaveLength(0);

    const stats = await ratingStatsForDemands(db, p.park.id, { from: new Date(NOW.getTime() - 200 * DAY), to: NOW }, undefined, { now: NOW });
    expect(stats).toMatchObject({ closed: 240, removed: 1 });
    expect(stats.unrated).toBeGreaterThan(0);
    expect(stats.goodRate!).toBeGreaterThan(0.85);
    expect((await verifyAuditChain(db, p.park.id)).ok).toBe(true);
    // A sweep over the seeded history runs cleanly.
    await runRatingSweep(t.ctx, NOW);
  });
});
