import {
  ALL_RATING_SCORE_KEYS,
  GOOD_RATING_LEVELS,
  RATING_LEVELS,
  RATING_REMINDER_DAY,
  RATING_WINDOW_DAYS,
  ROLE_LABELS,
  type RatingLevel,
  type RatingMeasures,
  type RatingScoreKey,
  type Role,
} from '@yuanqi/contract';

const MS_PER_DAY = 86_400_000;

/**
 * Additive counts behind the measures: every group's counts can be summed (officers into a
 * department, groups into the total) before the rates are taken.
 */
export type MeasureCounts = {
  closed: number;
  unrated: number;
  pending: number;
  rated: number;
  removed: number;
  byLevel: Record<RatingLevel, number>;
  rectifiedOnTime: number;
  rectifyOpen: number;
  rectifyOverdue: number;
  fixVerdicts: number;
  fixSatisfied: number;
  scoreSums: Partial<Record<RatingScoreKey, { sum: number; count: number }>>;
};

export function emptyCounts(): MeasureCounts {
  return {
    closed: 0,
    unrated: 0,
    pending: 0,
    rated: 0,
    removed: 0,
    byLevel: Object.fromEntries(RATING_LEVELS.map((l) => [l, 0])) as Record<RatingLevel, number>,
    rectifiedOnTime: 0,
    rectifyOpen: 0,
    rectifyOverdue: 0,
    fixVerdicts: 0,
    fixSatisfied: 0,
    scoreSums: {},
  };
}

/** Adds `b` into `a` (mutates and returns `a`). */
export function addCounts(a: MeasureCounts, b: Partial<MeasureCounts>): MeasureCounts {
  for (const key of ['closed', 'unrated', 'pending', 'rated', 'removed', 'rectifiedOnTime', 'rectifyOpen', 'rectifyOverdue', 'fixVerdicts', 'fixSatisfied'] as const) {
    a[key] += b[key] ?? 0;
  }
  for (const level of RATING_LEVELS) a.byLevel[level] += b.byLevel?.[level] ?? 0;
  for (const [key, value] of Object.entries(b.scoreSums ?? {}) as [RatingScoreKey, { sum: number; count: number }][]) {
    const current = (a.scoreSums[key] ??= { sum: 0, count: 0 });
    current.sum += value.sum;
    current.count += value.count;
  }
  return a;
}

/** numerator / denominator rounded to 4 places; null when there is nothing to divide by. */
export function rateOf(numerator: number, denominator: number): number | null {
  if (denominator <= 0) return null;
  return Math.round((numerator / denominator) * 10_000) / 10_000;
}

/** The rates of 国办发〔2019〕51号 from the counts. Removed ratings are in no denominator. */
export function measuresOf(c: MeasureCounts): RatingMeasures {
  const good = GOOD_RATING_LEVELS.reduce((n, level) => n + c.byLevel[level], 0);
  const bad = c.rated - good;
  const averageScores: Partial<Record<RatingScoreKey, number>> = {};
  for (const key of ALL_RATING_SCORE_KEYS) {
    const s = c.scoreSums[key];
    if (s && s.count > 0) averageScores[key] = Math.round((s.sum / s.count) * 100) / 100;
  }
  return {
    closed: c.closed,
    rated: c.rated,
    removed: c.removed,
    byLevel: { ...c.byLevel },
    good,
    bad,
    goodRate: rateOf(good, c.rated),
    unrated: c.unrated,
    pending: c.pending,
    unratedRate: rateOf(c.unrated, c.closed),
    rectifiedOnTime: c.rectifiedOnTime,
    rectifyRate: rateOf(c.rectifiedOnTime, bad),
    rectifyOpen: c.rectifyOpen,
    rectifyOverdue: c.rectifyOverdue,
    fixVerdicts: c.fixVerdicts,
    fixSatisfied: c.fixSatisfied,
    fixSatisfactionRate: rateOf(c.fixSatisfied, c.fixVerdicts),
    averageScores,
  };
}

/**
 * A case closed at or before this instant and still unrated is 未评 (the rating window of
 * RATING_WINDOW_DAYS natural days, counted as 24-hour days from the closing instant, is over).
 */
export function unratedCutoff(now: Date): Date {
  return new Date(now.getTime() - RATING_WINDOW_DAYS * MS_PER_DAY);
}

/** Whether a case closed at `closedAt` may still be rated at `now`. */
export function ratingWindowOpen(closedAt: Date, now: Date): boolean {
  return closedAt.getTime() > unratedCutoff(now).getTime();
}

/** How a closed case counts in 未评率 at `now`. */
export function classifyClosedCase(closedAt: Date, rated: boolean, now: Date): 'rated' | 'unrated' | 'pending' {
  if (rated) return 'rated';
  return ratingWindowOpen(closedAt, now) ? 'pending' : 'unrated';
}

/**
 * Cases the reminder sweep reminds at `now`: closed in (now − 7 days, now − 5 days], i.e. on the
 * fifth day after closing and while they can still be rated.
 */
export function reminderWindow(now: Date): { closedAfter: Date; closedAtOrBefore: Date } {
  return { closedAfter: unratedCutoff(now), closedAtOrBefore: new Date(now.getTime() - RATING_REMINDER_DAY * MS_PER_DAY) };
}

/**
 * The department (部门) an officer belongs to, from their roles: in this platform the office roles
 * are the departments of SPEC §1 (驻企专员, 调度专班/营商办, 审批局, 政策兑现窗口, 金融服务中心).
 * A case without an officer belongs to the office (the dispatchers answer for it).
 */
const DEPARTMENT_ORDER: Role[] = ['approver', 'policy_officer', 'finance_officer', 'liaison', 'dispatcher', 'leader', 'admin'];

export function departmentOf(roles: readonly string[] | null): { key: string; label: string } {
  if (!roles) return { key: 'dispatcher', label: `${ROLE_LABELS.dispatcher}(未指定经办人)` };
  const role = DEPARTMENT_ORDER.find((r) => roles.includes(r));
  return role ? { key: role, label: ROLE_LABELS[role] } : { key: 'other', label: '其他' };
}
