import { ZRateRequest, scoreIssuesFor } from '@yuanqi/contract';
import { describe, expect, it } from 'vitest';
import { addCounts, classifyClosedCase, departmentOf, emptyCounts, measuresOf, rateOf, reminderWindow, unratedCutoff } from './measures.js';

const DAY = 86_400_000;

describe('好评率', () => {
  it('counts 非常满意, 满意 and 基本满意 as good over valid ratings', () => {
    const c = emptyCounts();
    c.rated = 10;
    c.byLevel = { very_satisfied: 5, satisfied: 2, basic: 1, dissatisfied: 1, very_dissatisfied: 1 };
    const m = measuresOf(c);
    expect(m.good).toBe(8);
    expect(m.bad).toBe(2);
    expect(m.goodRate).toBe(0.8);
  });

  it('leaves removed ratings out of every rate while still counting them', () => {
    const c = emptyCounts();
    c.rated = 4;
    c.removed = 1; // a removed 非常不满意: not in byLevel, not in rated
    c.byLevel = { very_satisfied: 3, satisfied: 0, basic: 0, dissatisfied: 1, very_dissatisfied: 0 };
    const m = measuresOf(c);
    expect(m.removed).toBe(1);
    expect(m.goodRate).toBe(0.75);
    expect(m.bad).toBe(1);
  });

  it('is null, not 100%, when nothing was rated', () => {
    expect(measuresOf(emptyCounts()).goodRate).toBeNull();
    expect(rateOf(0, 0)).toBeNull();
  });

  it('rounds rates to four places', () => {
    expect(rateOf(2, 3)).toBe(0.6667);
  });
});

describe('未评率 and the 7-day rule', () => {
  const now = new Date('2026-11-26T02:00:00Z');

  it('counts a case closed more than 7 days ago without a rating as 未评, not as good', () => {
    expect(classifyClosedCase(new Date(now.getTime() - 7 * DAY - 1), false, now)).toBe('unrated');
    expect(classifyClosedCase(new Date(now.getTime() - 7 * DAY), false, now)).toBe('unrated');
    expect(classifyClosedCase(new Date(now.getTime() - 7 * DAY + 1), false, now)).toBe('pending');
    expect(classifyClosedCase(new Date(now.getTime() - 30 * DAY), true, now)).toBe('rated');
    expect(unratedCutoff(now).toISOString()).toBe('2026-11-19T02:00:00.000Z');
  });

  it('divides 未评 by all closed cases and leaves the good rate alone', () => {
    const c = emptyCounts();
    c.closed = 10;
    c.unrated = 2;
    c.pending = 1;
    c.rated = 7;
    c.byLevel.satisfied = 7;
    const m = measuresOf(c);
    expect(m.unratedRate).toBe(0.2);
    expect(m.goodRate).toBe(1);
  });

  it('reminds on day 5, while the case can still be rated', () => {
    const w = reminderWindow(now);
    expect(w.closedAtOrBefore.toISOString()).toBe('2026-11-21T02:00:00.000Z');
    expect(w.closedAfter.toISOString()).toBe('2026-11-19T02:00:00.000Z');
  });
});

describe('差评整改率 and 整改满意率', () => {
  it('divides rectifications closed on time by bad reviews', () => {
    const c = emptyCounts();
    c.rated = 4;
    c.byLevel = { very_satisfied: 0, satisfied: 0, basic: 0, dissatisfied: 3, very_dissatisfied: 1 };
    c.rectifiedOnTime = 3;
    c.fixVerdicts = 4;
    c.fixSatisfied = 3;
    const m = measuresOf(c);
    expect(m.rectifyRate).toBe(0.75);
    expect(m.fixSatisfactionRate).toBe(0.75);
  });

  it('adds group counts into a total before taking rates', () => {
    const a = emptyCounts();
    addCounts(a, { rated: 2, byLevel: { very_satisfied: 2, satisfied: 0, basic: 0, dissatisfied: 0, very_dissatisfied: 0 }, scoreSums: { serviceLevel: { sum: 9, count: 2 } } });
    addCounts(a, { rated: 2, byLevel: { very_satisfied: 0, satisfied: 0, basic: 0, dissatisfied: 2, very_dissatisfied: 0 }, scoreSums: { serviceLevel: { sum: 3, count: 2 } } });
    const m = measuresOf(a);
    expect(m.goodRate).toBe(0.5);
    expect(m.averageScores.serviceLevel).toBe(3);
  });
});

describe('departments', () => {
  it('derives the department from the officer roles, the office for cases without one', () => {
    expect(departmentOf(['liaison']).label).toBe('驻企专员');
    expect(departmentOf(['approver', 'liaison']).label).toBe('审批局');
    expect(departmentOf(null).key).toBe('dispatcher');
  });
});

describe('ZRateRequest', () => {
  it('requires a comment of at least 5 characters for a bad review, naming the field', () => {
    const r = ZRateRequest.safeParse({ level: 'very_dissatisfied', scores: {}, comment: '太差' });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.path).toEqual(['comment']);
  });

  it('accepts a good review without a comment', () => {
    expect(ZRateRequest.safeParse({ level: 'basic', scores: { serviceLevel: 3 } }).success).toBe(true);
  });

  it('refuses an unknown level and a score outside 1–5', () => {
    expect(ZRateRequest.safeParse({ level: 'good', scores: {} }).success).toBe(false);
    const r = ZRateRequest.safeParse({ level: 'satisfied', scores: { serviceLevel: 6 } });
    expect(r.error!.issues[0]!.path).toEqual(['scores', 'serviceLevel']);
  });

  it('takes the on-site indicators for demands and the online ones for applications', () => {
    expect(scoreIssuesFor('demand', { serviceEfficiency: 5, serviceLevel: 5, serviceAttitude: 5 })).toEqual([]);
    expect(scoreIssuesFor('demand', { serviceEfficiency: 5, serviceLevel: 5 }).map((i) => i.path)).toEqual(['scores.serviceAttitude']);
    expect(scoreIssuesFor('application', { efficiency: 5, guideAccuracy: 4, convenience: 4, usability: 3, serviceLevel: 5 }).map((i) => i.path)).toEqual(['scores.serviceLevel']);
  });
});
