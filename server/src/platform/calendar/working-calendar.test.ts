import { describe, it, expect } from 'vitest';
import { AppError } from '../errors.js';
import {
  WorkingCalendar,
  endOfShanghaiDay,
  shanghaiDate,
  startOfShanghaiDay,
  type AdminCalendarYear,
} from './index.js';

/** The State Council schedules, copied from /work/shared/reference/calendar.md. */
const SCHEDULES: Record<number, { daysOff: [string, string][]; makeUpDays: string[] }> = {
  2025: {
    daysOff: [
      ['01-01', '01-01'], // 元旦
      ['01-28', '02-04'], // 春节
      ['04-04', '04-06'], // 清明
      ['05-01', '05-05'], // 劳动节
      ['05-31', '06-02'], // 端午
      ['10-01', '10-08'], // 国庆·中秋
    ],
    makeUpDays: ['01-26', '02-08', '04-27', '09-28', '10-11'],
  },
  2026: {
    daysOff: [
      ['01-01', '01-03'], // 元旦
      ['02-15', '02-23'], // 春节
      ['04-04', '04-06'], // 清明
      ['05-01', '05-05'], // 劳动节
      ['06-19', '06-21'], // 端午
      ['09-25', '09-27'], // 中秋
      ['10-01', '10-07'], // 国庆
    ],
    makeUpDays: ['01-04', '02-14', '02-28', '05-09', '09-20', '10-10'],
  },
};

const DAY_MS = 86_400_000;

function shiftDate(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

function datesFromTo(first: string, last: string): string[] {
  const dates: string[] = [];
  for (let date = first; date <= last; date = shiftDate(date, 1)) dates.push(date);
  return dates;
}

function isWeekend(date: string): boolean {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return weekday === 0 || weekday === 6;
}

function holidaysOf(year: number): string[] {
  return SCHEDULES[year].daysOff.flatMap(([first, last]) => datesFromTo(`${year}-${first}`, `${year}-${last}`));
}

function makeUpDaysOf(year: number): string[] {
  return SCHEDULES[year].makeUpDays.map((day) => `${year}-${day}`);
}

function caught(action: () => unknown): AppError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error('expected an AppError');
}

/** A small deterministic PRNG (mulberry32) so that property checks are reproducible. */
function randomGenerator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** The naive definition, one day at a time, to check the fast paths against. */
function naiveAddWorkingDays(calendar: WorkingCalendar, date: string, n: number): string {
  let current = date;
  for (let left = n; left > 0; ) {
    current = shiftDate(current, 1);
    if (calendar.isWorkingDay(current)) left--;
  }
  return current;
}

function naiveWorkingDaysBetween(calendar: WorkingCalendar, from: string, to: string): number {
  let count = 0;
  for (let date = shiftDate(from, 1); date <= to; date = shiftDate(date, 1)) {
    if (calendar.isWorkingDay(date)) count++;
  }
  return count;
}

const calendar = new WorkingCalendar();

describe('built-in schedules', () => {
  for (const year of [2025, 2026]) {
    it(`treats every ${year} statutory day off as a non-working day`, () => {
      const holidays = holidaysOf(year);
      expect(holidays.length).toBeGreaterThan(20);
      for (const date of holidays) expect(calendar.isWorkingDay(date), date).toBe(false);
    });

    it(`treats every ${year} make-up day as a working day, though it falls on a weekend`, () => {
      for (const date of makeUpDaysOf(year)) {
        expect(isWeekend(date), date).toBe(true);
        expect(calendar.isWorkingDay(date), date).toBe(true);
      }
    });

    it(`follows Monday–Friday on every other day of ${year}`, () => {
      const special = new Set([...holidaysOf(year), ...makeUpDaysOf(year)]);
      for (const date of datesFromTo(`${year}-01-01`, `${year}-12-31`)) {
        if (special.has(date)) continue;
        expect(calendar.isWorkingDay(date), date).toBe(!isWeekend(date));
      }
    });

    it(`lists exactly the ${year} days off and make-up days`, () => {
      expect(calendar.yearSource(year)).toBe('builtin');
      const days = calendar.yearDays(year);
      expect(days.filter((day) => day.kind === 'workday').map((day) => day.date)).toEqual(makeUpDaysOf(year));
      expect(days.filter((day) => day.kind === 'holiday').map((day) => day.date)).toEqual(holidaysOf(year));
    });
  }

  it('names the built-in days in Chinese', () => {
    const days = calendar.yearDays(2026);
    expect(days.find((day) => day.date === '2026-02-17')).toEqual({ date: '2026-02-17', kind: 'holiday', name: '春节' });
    expect(days.find((day) => day.date === '2026-10-10')).toEqual({ date: '2026-10-10', kind: 'workday', name: '国庆节' });
  });

  it('spot-checks the days named in the brief', () => {
    expect(calendar.isWorkingDay('2026-10-10')).toBe(true);
    for (const date of datesFromTo('2026-10-01', '2026-10-07')) expect(calendar.isWorkingDay(date)).toBe(false);
    expect(calendar.isWorkingDay('2026-01-04')).toBe(true);
    expect(calendar.isWorkingDay('2025-01-26')).toBe(true);
    expect(calendar.isWorkingDay('2025-02-08')).toBe(true);
    expect(calendar.isWorkingDay('2026-10-08')).toBe(true);
    expect(calendar.isWorkingDay('2026-10-11')).toBe(false);
  });
});

describe('addWorkingDays', () => {
  it('counts from the day after the date, skipping 国庆 and landing on the make-up Saturday', () => {
    expect(calendar.addWorkingDays('2026-09-30', 1)).toBe('2026-10-08');
    expect(calendar.addWorkingDays('2026-09-30', 3)).toBe('2026-10-10');
    expect(calendar.addWorkingDays('2026-09-30', 4)).toBe('2026-10-12');
  });

  it('crosses 春节 2026 by way of its make-up days', () => {
    expect(calendar.addWorkingDays('2026-02-13', 1)).toBe('2026-02-14');
    expect(calendar.addWorkingDays('2026-02-13', 2)).toBe('2026-02-24');
    expect(calendar.addWorkingDays('2026-02-26', 2)).toBe('2026-02-28');
  });

  it('crosses a year boundary into the 元旦 make-up Sunday', () => {
    expect(calendar.addWorkingDays('2025-12-31', 1)).toBe('2026-01-04');
    expect(calendar.addWorkingDays('2025-12-30', 2)).toBe('2026-01-04');
  });

  it('returns the date itself for n = 0, even on a holiday', () => {
    expect(calendar.addWorkingDays('2026-10-01', 0)).toBe('2026-10-01');
  });

  it('starts counting the day after a non-working day', () => {
    expect(calendar.addWorkingDays('2026-10-03', 1)).toBe('2026-10-08');
  });

  it('handles counts longer than a year', () => {
    expect(calendar.addWorkingDays('2025-01-01', 400)).toBe(naiveAddWorkingDays(calendar, '2025-01-01', 400));
  });

  it('rejects a negative or fractional count', () => {
    expect(caught(() => calendar.addWorkingDays('2026-01-05', -1)).code).toBe('VALIDATION_FAILED');
    expect(caught(() => calendar.addWorkingDays('2026-01-05', 1.5)).details[0].path).toBe('days');
  });
});

describe('nextWorkingDay and workingDaysBetween', () => {
  it('finds the first working day strictly after a date', () => {
    expect(calendar.nextWorkingDay('2026-09-30')).toBe('2026-10-08');
    expect(calendar.nextWorkingDay('2026-02-13')).toBe('2026-02-14');
    expect(calendar.nextWorkingDay('2026-03-02')).toBe('2026-03-03');
  });

  it('counts working days in (from, to]', () => {
    expect(calendar.workingDaysBetween('2026-09-30', '2026-10-10')).toBe(3);
    expect(calendar.workingDaysBetween('2026-09-30', '2026-10-07')).toBe(0);
    expect(calendar.workingDaysBetween('2025-01-01', '2025-12-31')).toBe(naiveWorkingDaysBetween(calendar, '2025-01-01', '2025-12-31'));
    // 261 weekdays each year; 2025: 18 of them off, 5 make-up days; 2026: 19 off, 6 make-up days
    expect(calendar.workingDaysBetween('2024-12-31', '2025-12-31')).toBe(248);
    expect(calendar.workingDaysBetween('2025-12-31', '2026-12-31')).toBe(248);
    expect(calendar.workingDaysBetween('2024-12-31', '2026-12-31')).toBe(496);
  });

  it('returns 0 when to is not after from', () => {
    expect(calendar.workingDaysBetween('2026-10-10', '2026-10-10')).toBe(0);
    expect(calendar.workingDaysBetween('2026-10-12', '2026-10-10')).toBe(0);
  });

  it('agrees with addWorkingDays and the naive definition on many random dates', () => {
    const random = randomGenerator(20_260_214);
    const first = Date.parse('2025-01-01T00:00:00Z');
    const span = Date.parse('2026-10-01T00:00:00Z') - first;
    for (let i = 0; i < 500; i++) {
      const from = new Date(first + Math.floor(random() * (span / DAY_MS)) * DAY_MS).toISOString().slice(0, 10);
      const n = Math.floor(random() * 60);
      const to = calendar.addWorkingDays(from, n);
      expect(calendar.workingDaysBetween(from, to), `${from} + ${n}`).toBe(n);
      expect(to).toBe(naiveAddWorkingDays(calendar, from, n));
      if (n > 0) {
        expect(calendar.isWorkingDay(to)).toBe(true);
        expect(calendar.workingDaysBetween(from, shiftDate(to, -1))).toBe(n - 1);
      }
      const other = shiftDate(from, Math.floor(random() * 90));
      const between = calendar.workingDaysBetween(from, other);
      expect(between).toBe(naiveWorkingDaysBetween(calendar, from, other));
      const reached = calendar.addWorkingDays(from, between);
      expect(reached <= other).toBe(true);
      expect(calendar.workingDaysBetween(reached, other)).toBe(0);
    }
  });
});

describe('a year without data', () => {
  it('reports 2027 as missing and lists no days for it', () => {
    expect(calendar.yearSource(2027)).toBe('missing');
    expect(calendar.yearDays(2027)).toEqual([]);
  });

  it('refuses to judge a 2027 day', () => {
    const error = caught(() => calendar.isWorkingDay('2027-01-04'));
    expect(error.code).toBe('CALENDAR_YEAR_MISSING');
    expect(error.status).toBe(400);
    expect(error.message).toBe('2027年的法定节假日和调休安排尚未录入,请管理员在“工作日历”中录入后再计算期限');
    expect(error.details[0].path).toBe('date');
  });

  it('refuses a count that runs into 2027 but answers one that stays in 2026', () => {
    expect(calendar.addWorkingDays('2026-12-30', 1)).toBe('2026-12-31');
    expect(caught(() => calendar.addWorkingDays('2026-12-30', 2)).code).toBe('CALENDAR_YEAR_MISSING');
    expect(caught(() => calendar.nextWorkingDay('2026-12-31')).code).toBe('CALENDAR_YEAR_MISSING');
    expect(caught(() => calendar.workingDaysBetween('2026-12-01', '2027-01-05')).code).toBe('CALENDAR_YEAR_MISSING');
    expect(calendar.workingDaysBetween('2026-12-01', '2026-12-31')).toBe(22);
  });

  it('reports years before the package data as missing', () => {
    expect(calendar.yearSource(2003)).toBe('missing');
    expect(calendar.yearSource(2004)).toBe('builtin');
  });
});

describe('admin-entered years', () => {
  const admin2027: AdminCalendarYear = {
    year: 2027,
    source: 'admin',
    days: [
      { date: '2027-01-01', kind: 'holiday', name: '元旦' },
      { date: '2027-02-20', kind: 'workday', name: '春节' },
    ],
  };

  it('computes 2027 once an admin has entered it', () => {
    const entered = new WorkingCalendar([admin2027]);
    expect(entered.yearSource(2027)).toBe('admin');
    expect(entered.isWorkingDay('2027-01-01')).toBe(false);
    expect(entered.isWorkingDay('2027-01-04')).toBe(true);
    expect(entered.isWorkingDay('2027-02-20')).toBe(true);
    expect(entered.addWorkingDays('2026-12-31', 1)).toBe('2027-01-04');
    expect(entered.workingDaysBetween('2026-12-30', '2027-01-04')).toBe(2);
    expect(entered.yearDays(2027)).toEqual(admin2027.days);
  });

  it('counts Monday–Friday in a year accepted as weekday-only', () => {
    const accepted = new WorkingCalendar([{ year: 2027, source: 'weekday_only', days: [] }]);
    expect(accepted.yearSource(2027)).toBe('weekday_only');
    expect(accepted.isWorkingDay('2027-01-01')).toBe(true);
    expect(accepted.isWorkingDay('2027-01-02')).toBe(false);
    expect(accepted.addWorkingDays('2026-12-30', 2)).toBe('2027-01-01');
    expect(accepted.addWorkingDays('2026-12-30', 3)).toBe('2027-01-04');
    expect(accepted.yearDays(2027)).toEqual([]);
    expect(caught(() => accepted.isWorkingDay('2028-01-03')).message).toContain('2028年');
  });

  it('lets admin entries override the built-in ones date by date', () => {
    const overridden = new WorkingCalendar([
      {
        year: 2026,
        source: 'admin',
        days: [
          { date: '2026-10-10', kind: 'holiday', name: '调整' },
          { date: '2026-10-08', kind: 'holiday', name: null },
          { date: '2026-10-03', kind: 'workday', name: null },
        ],
      },
    ]);
    expect(overridden.yearSource(2026)).toBe('admin');
    expect(overridden.isWorkingDay('2026-10-10')).toBe(false);
    expect(overridden.isWorkingDay('2026-10-08')).toBe(false);
    expect(overridden.isWorkingDay('2026-10-03')).toBe(true);
    // the rest of the built-in schedule stays
    expect(overridden.isWorkingDay('2026-10-01')).toBe(false);
    expect(overridden.isWorkingDay('2026-02-14')).toBe(true);
    expect(overridden.addWorkingDays('2026-09-30', 3)).toBe('2026-10-12');
    const days = overridden.yearDays(2026);
    expect(days.find((day) => day.date === '2026-10-10')).toEqual({ date: '2026-10-10', kind: 'holiday', name: '调整' });
    expect(days.find((day) => day.date === '2026-02-14')?.kind).toBe('workday');
    expect(days.length).toBe(calendar.yearDays(2026).length + 1);
    expect(days.map((day) => day.date)).toEqual([...days.map((day) => day.date)].sort());
    // the default calendar is not affected
    expect(calendar.isWorkingDay('2026-10-10')).toBe(true);
  });

  it('prefers built-in data over a weekday-only acceptance of the same year', () => {
    const accepted = new WorkingCalendar([{ year: 2026, source: 'weekday_only', days: [] }]);
    expect(accepted.yearSource(2026)).toBe('builtin');
    expect(accepted.isWorkingDay('2026-10-10')).toBe(true);
    expect(accepted.isWorkingDay('2026-10-01')).toBe(false);
  });

  it('rejects admin days that are malformed, outside their year or repeated', () => {
    const wrongYear = caught(() => new WorkingCalendar([{ year: 2027, source: 'admin', days: [{ date: '2028-01-01', kind: 'holiday', name: null }] }]));
    expect(wrongYear.code).toBe('VALIDATION_FAILED');
    expect(wrongYear.details[0].path).toBe('adminYears.0.days.0.date');
    expect(caught(() => new WorkingCalendar([{ year: 2027, source: 'admin', days: [{ date: '2027-13-01', kind: 'holiday', name: null }] }])).code).toBe('VALIDATION_FAILED');
    const repeated = { date: '2027-01-01', kind: 'holiday' as const, name: null };
    expect(caught(() => new WorkingCalendar([{ year: 2027, source: 'admin', days: [repeated, repeated] }])).code).toBe('VALIDATION_FAILED');
    expect(caught(() => new WorkingCalendar([admin2027, admin2027])).code).toBe('VALIDATION_FAILED');
  });
});

describe('date validation', () => {
  it.each(['2026-2-1', '2026/02/01', '2026-02-30', '2025-02-29', '2026-13-01', '2026-00-10', '0000-01-01', '', ' 2026-02-01', '2026-02-01T00:00'])(
    'rejects %j',
    (input) => {
      const error = caught(() => calendar.isWorkingDay(input));
      expect(error.code).toBe('VALIDATION_FAILED');
      expect(error.message).toBe('日期格式应为 YYYY-MM-DD');
      expect(error.details[0].path).toBe('date');
    },
  );

  it('accepts 29 February of a leap year', () => {
    expect(calendar.isWorkingDay('2024-02-29')).toBe(true);
  });

  it('names the wrong argument of workingDaysBetween', () => {
    expect(caught(() => calendar.workingDaysBetween('2026-01-01', 'x')).details[0].path).toBe('to');
    expect(caught(() => calendar.workingDaysBetween('x', '2026-01-01')).details[0].path).toBe('from');
  });
});

describe('Shanghai date helpers', () => {
  it('takes the Asia/Shanghai date of an instant', () => {
    expect(shanghaiDate(new Date('2026-01-31T15:59:59.999Z'))).toBe('2026-01-31');
    expect(shanghaiDate(new Date('2026-01-31T16:00:00.000Z'))).toBe('2026-02-01');
    expect(shanghaiDate(new Date('2024-02-28T16:00:00.000Z'))).toBe('2024-02-29');
    expect(shanghaiDate(new Date('1969-12-31T16:00:00.000Z'))).toBe('1970-01-01');
    expect(shanghaiDate(new Date('1969-12-31T15:59:59.999Z'))).toBe('1969-12-31');
  });

  it('gives the first and last instant of a Shanghai day', () => {
    expect(startOfShanghaiDay('2026-10-10').toISOString()).toBe('2026-10-09T16:00:00.000Z');
    expect(endOfShanghaiDay('2026-10-10').toISOString()).toBe('2026-10-10T15:59:59.999Z');
    expect(shanghaiDate(endOfShanghaiDay('2026-12-31'))).toBe('2026-12-31');
    expect(shanghaiDate(startOfShanghaiDay('2026-12-31'))).toBe('2026-12-31');
  });

  it('rejects an invalid instant or date', () => {
    expect(caught(() => shanghaiDate(new Date('nope'))).code).toBe('VALIDATION_FAILED');
    expect(caught(() => endOfShanghaiDay('2026-02-30')).code).toBe('VALIDATION_FAILED');
  });
});

describe('computeDueAt', () => {
  it('ends the deadline at 23:59:59.999 Shanghai on the working day reached', () => {
    const due = calendar.computeDueAt(new Date('2026-09-30T15:00:00+08:00'), 3);
    expect(due.toISOString()).toBe('2026-10-10T15:59:59.999Z');
  });

  it('counts from the Shanghai date, not the UTC date', () => {
    // 2026-09-30T20:00Z is already 1 October in Shanghai
    expect(calendar.computeDueAt(new Date('2026-09-30T20:00:00Z'), 1).toISOString()).toBe('2026-10-08T15:59:59.999Z');
    expect(calendar.computeDueAt(new Date('2026-09-29T20:00:00Z'), 1).toISOString()).toBe('2026-10-08T15:59:59.999Z');
    expect(calendar.computeDueAt(new Date('2026-09-29T15:00:00Z'), 1).toISOString()).toBe('2026-09-30T15:59:59.999Z');
  });
});

describe('workingDaysElapsed (the clock that pauses)', () => {
  const at = (local: string) => new Date(`${local}+08:00`);
  // Monday 28 September 2026, 10:00 Shanghai, to Friday 16 October 2026.
  // Working days in (9/28, 10/16]: 9/29, 9/30, 10/8, 10/9, 10/10 (make-up Saturday), 10/12–10/16 = 10.
  const start = at('2026-09-28T10:00:00');
  const end = at('2026-10-16T18:00:00');

  it('counts every working day without pauses, across 国庆 and its make-up Saturday', () => {
    expect(calendar.workingDaysElapsed(start, end, [])).toBe(10);
  });

  it('does not count the day a pause starts nor the day it ends', () => {
    // paused 9/30 (starts 15:00) through 10/9 (ends 09:00): 9/30, 10/8, 10/9 are excluded;
    // counting resumes on 10/10, the make-up Saturday.
    const pauses = [{ from: at('2026-09-30T15:00:00'), to: at('2026-10-09T09:00:00') }];
    expect(calendar.workingDaysElapsed(start, end, pauses)).toBe(7);
  });

  it('excludes a make-up day on which a pause ends', () => {
    const pauses = [{ from: at('2026-10-08T09:00:00'), to: at('2026-10-10T11:00:00') }];
    expect(calendar.workingDaysElapsed(start, end, pauses)).toBe(7);
  });

  it('excludes nothing for a pause that lies inside the holiday', () => {
    const pauses = [{ from: at('2026-10-02T09:00:00'), to: at('2026-10-06T17:00:00') }];
    expect(calendar.workingDaysElapsed(start, end, pauses)).toBe(10);
  });

  it('pauses the whole day for a pause that starts and ends the same day', () => {
    const pauses = [{ from: at('2026-10-12T09:00:00'), to: at('2026-10-12T10:00:00') }];
    expect(calendar.workingDaysElapsed(start, end, pauses)).toBe(9);
  });

  it('uses Shanghai dates for pause boundaries', () => {
    // 16:30Z on 9/29 is 00:30 on 9/30 in Shanghai: 9/29 still counts
    const pauses = [{ from: new Date('2026-09-29T16:30:00Z'), to: new Date('2026-09-29T17:00:00Z') }];
    expect(calendar.workingDaysElapsed(start, end, pauses)).toBe(9);
  });

  it('keeps an open pause running to the end', () => {
    const pauses = [{ from: at('2026-10-12T09:00:00'), to: null }];
    expect(calendar.workingDaysElapsed(start, end, pauses)).toBe(5);
  });

  it('counts overlapping pauses once and ignores their parts outside the period', () => {
    const pauses = [
      { from: at('2026-09-20T09:00:00'), to: at('2026-09-29T09:00:00') },
      { from: at('2026-10-12T09:00:00'), to: at('2026-10-14T09:00:00') },
      { from: at('2026-10-13T09:00:00'), to: at('2026-10-20T09:00:00') },
    ];
    // 9/29 and 10/12–10/16 are paused: 9/30, 10/8, 10/9, 10/10 remain
    expect(calendar.workingDaysElapsed(start, end, pauses)).toBe(4);
  });

  it('is 0 when the end is on or before the start date', () => {
    expect(calendar.workingDaysElapsed(start, at('2026-09-28T23:00:00'), [])).toBe(0);
    expect(calendar.workingDaysElapsed(end, start, [])).toBe(0);
  });

  it('rejects a pause that ends before it starts', () => {
    const pauses = [{ from: at('2026-10-12T09:00:00'), to: at('2026-10-12T08:00:00') }];
    expect(caught(() => calendar.workingDaysElapsed(start, end, pauses)).details[0].path).toBe('pauses.0.to');
  });

  it('refuses to count into a year without data', () => {
    expect(caught(() => calendar.workingDaysElapsed(start, at('2027-01-05T10:00:00'), [])).code).toBe('CALENDAR_YEAR_MISSING');
  });
});


describe('withWeekdayOnly', () => {
  it('counts a missing year Monday–Friday and keeps the admin years and built-in data', () => {
    const base = new WorkingCalendar([{ year: 2026, source: 'admin', days: [{ date: '2026-12-31', kind: 'holiday', name: '测试' }] }]);
    expect(() => base.addWorkingDays('2026-12-30', 2)).toThrow();
    const lenient = base.withWeekdayOnly([2026, 2027]);
    expect(lenient.yearSource(2027)).toBe('weekday_only');
    expect(lenient.isWorkingDay('2026-12-31')).toBe(false);
    // 12-31 is the admin holiday, 2027-01-01 (Fri) counts as a weekday, 01-04 is the Monday after.
    expect(lenient.addWorkingDays('2026-12-30', 2)).toBe('2027-01-04');
    expect(base.withWeekdayOnly([2026])).toBe(base);
  });
});
