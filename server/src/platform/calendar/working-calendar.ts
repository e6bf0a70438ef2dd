import chineseDays from 'chinese-days';
import { AppError } from '../errors.js';

export type CalendarDayKind = 'holiday' | 'workday';

/** A statutory holiday (`holiday`) or a weekend make-up working day (`workday`, 调休上班). */
export type CalendarOverride = { date: string /* YYYY-MM-DD */; kind: CalendarDayKind; name: string | null };

/** A year an admin entered (days replace/augment built-in data for that year) or accepted as weekday-only. */
export type AdminCalendarYear = { year: number; source: 'admin' | 'weekday_only'; days: CalendarOverride[] };

export type CalendarYearSource = 'builtin' | 'admin' | 'weekday_only' | 'missing';

/** An interval during which a service clock stands still; `to: null` means still paused. */
export type ClockPause = { from: Date; to: Date | null };

const MS_PER_DAY = 86_400_000;
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
const MIN_YEAR = 1;
const MAX_YEAR = 9999;

// ---------------------------------------------------------------------------------------------
// Pure day-number arithmetic. A day number counts days since 1970-01-01 (day 0, a Thursday);
// the conversions are Howard Hinnant's civil-calendar algorithms, so no Date object is needed.
// ---------------------------------------------------------------------------------------------

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function dayNumberOf(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const shiftedMonth = month > 2 ? month - 3 : month + 9;
  const dayOfYear = Math.floor((153 * shiftedMonth + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** Year, month and day of a day number, packed as year * 10000 + month * 100 + day. */
function civilOf(dayNumber: number): number {
  const z = dayNumber + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1;
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return year * 10_000 + month * 100 + day;
}

function yearOfDay(dayNumber: number): number {
  return Math.floor(civilOf(dayNumber) / 10_000);
}

/** 0 = Sunday … 6 = Saturday. */
function weekdayOf(dayNumber: number): number {
  return (((dayNumber + 4) % 7) + 7) % 7;
}

function pad2(value: number): string {
  return value < 10 ? `0${value}` : String(value);
}

function formatYmd(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;
}

function formatDay(dayNumber: number): string {
  const civil = civilOf(dayNumber);
  return formatYmd(Math.floor(civil / 10_000), Math.floor(civil / 100) % 100, civil % 100);
}

function invalidDate(path: string): AppError {
  return new AppError('VALIDATION_FAILED', '日期格式应为 YYYY-MM-DD', [
    { path, message: '日期格式应为 YYYY-MM-DD,且应为有效日期' },
  ]);
}

function digitAt(value: string, index: number): number {
  const code = value.charCodeAt(index) - 48;
  return code >= 0 && code <= 9 ? code : -1;
}

/** Parses a `YYYY-MM-DD` string to its day number, or throws VALIDATION_FAILED naming `path`. */
function parseDayNumber(value: unknown, path: string): number {
  if (typeof value !== 'string' || value.length !== 10 || value[4] !== '-' || value[7] !== '-') {
    throw invalidDate(path);
  }
  const y0 = digitAt(value, 0), y1 = digitAt(value, 1), y2 = digitAt(value, 2), y3 = digitAt(value, 3);
  const m0 = digitAt(value, 5), m1 = digitAt(value, 6), d0 = digitAt(value, 8), d1 = digitAt(value, 9);
  if ((y0 | y1 | y2 | y3 | m0 | m1 | d0 | d1) < 0) throw invalidDate(path);
  const year = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
  const month = m0 * 10 + m1;
  const day = d0 * 10 + d1;
  if (year < MIN_YEAR || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw invalidDate(path);
  }
  return dayNumberOf(year, month, day);
}

function instantMs(instant: Date, path: string): number {
  const ms = instant instanceof Date ? instant.getTime() : Number.NaN;
  if (Number.isNaN(ms)) {
    throw new AppError('VALIDATION_FAILED', '时间无效', [{ path, message: '时间无效' }]);
  }
  return ms;
}

/** Day number of the Asia/Shanghai calendar date of an instant (UTC+8 all year, no DST). */
function shanghaiDayNumber(instant: Date, path: string): number {
  return Math.floor((instantMs(instant, path) + SHANGHAI_OFFSET_MS) / MS_PER_DAY);
}

/** The Asia/Shanghai calendar date (`YYYY-MM-DD`) of a UTC instant. */
export function shanghaiDate(instant: Date): string {
  return formatDay(shanghaiDayNumber(instant, 'instant'));
}

/** The UTC instant of 00:00:00.000 Asia/Shanghai on `date`. */
export function startOfShanghaiDay(date: string): Date {
  return new Date(parseDayNumber(date, 'date') * MS_PER_DAY - SHANGHAI_OFFSET_MS);
}

/** The UTC instant of 00:00:00.000 Asia/Shanghai on the day after `date`: the exclusive end of a filter `to` that date. */
export function startOfNextShanghaiDay(date: string): Date {
  return new Date((parseDayNumber(date, 'date') + 1) * MS_PER_DAY - SHANGHAI_OFFSET_MS);
}

/** The UTC instant of 23:59:59.999 Asia/Shanghai on `date` — the moment a deadline on that date expires. */
export function endOfShanghaiDay(date: string): Date {
  return new Date((parseDayNumber(date, 'date') + 1) * MS_PER_DAY - SHANGHAI_OFFSET_MS - 1);
}

// ---------------------------------------------------------------------------------------------
// Built-in data from chinese-days, read once per year and shared by every calendar instance.
// The package exposes no per-year table, so a year is read day by day through getDayDetail:
// a day from its tables carries a name like "Spring Festival,春节,4"; a plain day carries only
// the weekday name. A year without a single table entry is a year the package does not cover.
// ---------------------------------------------------------------------------------------------

const builtinDaysByYear = new Map<number, CalendarOverride[]>();

function builtinYearDays(year: number): CalendarOverride[] {
  const cached = builtinDaysByYear.get(year);
  if (cached) return cached;
  const days: CalendarOverride[] = [];
  for (let month = 1; month <= 12; month++) {
    const monthLength = daysInMonth(year, month);
    for (let day = 1; day <= monthLength; day++) {
      const date = formatYmd(year, month, day);
      // Pass the string, not a Date: chinese-days keys its tables by the local date of UTC midnight
      // (shifted a day west of Greenwich) and parses 'YYYY-MM-DD' the same way, so lookups by
      // string agree with its keys in every TZ. `detail.date` is that local date; ignore it.
      const detail = chineseDays.getDayDetail(date);
      const parts = detail.name.split(',');
      if (parts.length < 2) continue;
      days.push({ date, kind: detail.work ? 'workday' : 'holiday', name: parts[1] || null });
    }
  }
  builtinDaysByYear.set(year, days);
  return days;
}

function hasBuiltinYear(year: number): boolean {
  return year >= MIN_YEAR && year <= MAX_YEAR && builtinYearDays(year).length > 0;
}

// ---------------------------------------------------------------------------------------------

type YearTable = {
  year: number;
  /** day number of 1 January */
  start: number;
  length: number;
  /** 1 where the day (index from 1 January) is a working day */
  working: Uint8Array;
  /** cumulative[i] = working days among indexes < i; cumulative[length] = the year's total */
  cumulative: Uint16Array;
};

type AdminYearRecord = { source: 'admin' | 'weekday_only'; days: Map<string, CalendarOverride> };

/** Always on path `date`: the year may be reached by counting, not named by any one argument. */
function yearMissing(year: number): AppError {
  return new AppError(
    'CALENDAR_YEAR_MISSING',
    `${year}年的法定节假日和调休安排尚未录入,请管理员在“工作日历”中录入后再计算期限`,
    [{ path: 'date', message: `计算需要${year}年的工作日历,该年尚未录入` }],
  );
}

function invalidWorkingDays(path: string): AppError {
  return new AppError('VALIDATION_FAILED', '工作日天数应为非负整数', [{ path, message: '工作日天数应为非负整数' }]);
}

function invalidAdminYear(path: string, message: string): AppError {
  return new AppError('VALIDATION_FAILED', message, [{ path, message }]);
}

/**
 * Working days (工作日) of the Chinese statutory calendar: Monday–Friday, minus statutory holidays,
 * plus weekend make-up working days (调休上班).
 *
 * Where a year's data comes from (`yearSource`):
 * - `admin`: an admin entered the year; built-in days (if the package has the year) are kept and the
 *   admin's entries replace them date by date.
 * - `builtin`: chinese-days has the year and no admin entered it. This also holds when an admin had
 *   accepted the year as weekday-only and a newer package now carries the real schedule: real data
 *   beats the accepted approximation (days listed in that weekday-only record still override per date).
 * - `weekday_only`: no built-in data; an admin accepted Monday–Friday counting (plus any days listed).
 * - `missing`: anything that must judge a day of this year throws CALENDAR_YEAR_MISSING.
 *
 * The instance is immutable: build a new one when admins change a year. Per-year bitmaps and
 * running totals are built lazily on first use, so each query costs a few array reads.
 */
export class WorkingCalendar {
  private readonly adminYears = new Map<number, AdminYearRecord>();
  private readonly tables = new Map<number, YearTable | null>();
  private lastTable: YearTable | null = null;

  private readonly input: AdminCalendarYear[];

  constructor(adminYears: AdminCalendarYear[] = []) {
    this.input = adminYears;
    adminYears.forEach((entry, i) => {
      if (!Number.isInteger(entry.year) || entry.year < MIN_YEAR || entry.year > MAX_YEAR) {
        throw invalidAdminYear(`adminYears.${i}.year`, '年份无效');
      }
      if (this.adminYears.has(entry.year)) {
        throw invalidAdminYear(`adminYears.${i}.year`, `${entry.year}年的工作日历重复`);
      }
      if (entry.source !== 'admin' && entry.source !== 'weekday_only') {
        throw invalidAdminYear(`adminYears.${i}.source`, '工作日历来源无效');
      }
      const days = new Map<string, CalendarOverride>();
      entry.days.forEach((day, j) => {
        const path = `adminYears.${i}.days.${j}`;
        const dayNumber = parseDayNumber(day.date, `${path}.date`);
        if (yearOfDay(dayNumber) !== entry.year) {
          throw invalidAdminYear(`${path}.date`, `${day.date}不属于${entry.year}年`);
        }
        if (day.kind !== 'holiday' && day.kind !== 'workday') {
          throw invalidAdminYear(`${path}.kind`, '类型应为 holiday(放假)或 workday(调休上班)');
        }
        if (days.has(day.date)) throw invalidAdminYear(`${path}.date`, `${day.date}重复录入`);
        days.set(day.date, { date: day.date, kind: day.kind, name: day.name ?? null });
      });
      this.adminYears.set(entry.year, { source: entry.source, days });
    });
  }

  /**
   * This calendar with the given years counted Monday–Friday where it has no data for them: for
   * deadlines that must never be refused (they are flagged as guessed instead).
   */
  withWeekdayOnly(years: number[]): WorkingCalendar {
    const missing = [...new Set(years)].filter((y) => this.yearSource(y) === 'missing');
    if (missing.length === 0) return this;
    return new WorkingCalendar([...this.input, ...missing.map((year): AdminCalendarYear => ({ year, source: 'weekday_only', days: [] }))]);
  }

  yearSource(year: number): CalendarYearSource {
    const admin = this.adminYears.get(year);
    if (admin?.source === 'admin') return 'admin';
    if (hasBuiltinYear(year)) return 'builtin';
    return admin ? 'weekday_only' : 'missing';
  }

  /**
   * The holidays and make-up working days of a year, sorted by date: built-in days merged with the
   * admin's entries (which win per date). Empty for a `weekday_only` year without entries and for a
   * `missing` year — check `yearSource` to tell those apart.
   */
  yearDays(year: number): CalendarOverride[] {
    const admin = this.adminYears.get(year);
    const builtin = hasBuiltinYear(year) ? builtinYearDays(year) : [];
    if (!admin) return builtin.map((day) => ({ ...day }));
    const merged = new Map<string, CalendarOverride>();
    for (const day of builtin) merged.set(day.date, day);
    for (const day of admin.days.values()) merged.set(day.date, day);
    return [...merged.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0)).map((day) => ({ ...day }));
  }

  /** Whether `date` is a working day. Throws CALENDAR_YEAR_MISSING for a year with no data. */
  isWorkingDay(date: string): boolean {
    const dayNumber = parseDayNumber(date, 'date');
    const table = this.tableOf(yearOfDay(dayNumber));
    return table.working[dayNumber - table.start] === 1;
  }

  /**
   * The date `n` working days after `date`, counting from the day after it (so `n = 1` is the next
   * working day, even when `date` itself is not one); `n = 0` returns `date` itself.
   */
  addWorkingDays(date: string, n: number): string {
    const dayNumber = parseDayNumber(date, 'date');
    if (!Number.isInteger(n) || n < 0) throw invalidWorkingDays('days');
    return formatDay(n === 0 ? dayNumber : this.advance(dayNumber, n));
  }

  /** Working days in (from, to] — so `workingDaysBetween(d, addWorkingDays(d, n)) === n`; 0 if to <= from. */
  workingDaysBetween(from: string, to: string): number {
    const fromDay = parseDayNumber(from, 'from');
    const toDay = parseDayNumber(to, 'to');
    return this.countDays(fromDay, toDay);
  }

  /** The first working day strictly after `date`. */
  nextWorkingDay(date: string): string {
    return formatDay(this.advance(parseDayNumber(date, 'date'), 1));
  }

  /**
   * The due instant of a deadline `workingDays` working days after `start`: the end (23:59:59.999,
   * Asia/Shanghai) of the working day reached by counting from the day after start's Shanghai date.
   */
  computeDueAt(start: Date, workingDays: number): Date {
    if (!Number.isInteger(workingDays) || workingDays < 0) throw invalidWorkingDays('days');
    const startDay = shanghaiDayNumber(start, 'start');
    const dueDay = workingDays === 0 ? startDay : this.advance(startDay, workingDays);
    return new Date((dueDay + 1) * MS_PER_DAY - SHANGHAI_OFFSET_MS - 1);
  }

  /**
   * Working days a paused clock has run: the working days from the day after start's Shanghai date
   * through end's Shanghai date, less the paused ones. Dates are Asia/Shanghai dates.
   *
   * Convention: a pause covers every date from its `from` date through its `to` date, both
   * inclusive. The day a pause starts is paused whatever the hour (the clock stops that day), and
   * the day it ends is paused too — counting resumes with the next day. A pause that starts and ends
   * on the same date pauses that date. `to: null` pauses through `end`. Overlapping pauses count
   * once; parts of a pause outside (start, end] are ignored. Returns 0 when end's date is not after
   * start's date.
   */
  workingDaysElapsed(start: Date, end: Date, pauses: ClockPause[]): number {
    const startDay = shanghaiDayNumber(start, 'start');
    const endDay = shanghaiDayNumber(end, 'end');
    if (endDay <= startDay) return 0;
    const intervals: [number, number][] = [];
    pauses.forEach((pause, i) => {
      const from = shanghaiDayNumber(pause.from, `pauses.${i}.from`);
      const to = pause.to === null ? endDay : shanghaiDayNumber(pause.to, `pauses.${i}.to`);
      if (pause.to !== null && instantMs(pause.to, `pauses.${i}.to`) < instantMs(pause.from, `pauses.${i}.from`)) {
        throw new AppError('VALIDATION_FAILED', '暂停结束时间不能早于开始时间', [
          { path: `pauses.${i}.to`, message: '暂停结束时间不能早于开始时间' },
        ]);
      }
      const clippedFrom = Math.max(from, startDay + 1);
      const clippedTo = Math.min(to, endDay);
      if (clippedFrom <= clippedTo) intervals.push([clippedFrom, clippedTo]);
    });
    let elapsed = this.countDays(startDay, endDay);
    intervals.sort((a, b) => a[0] - b[0]);
    let current: [number, number] | null = null;
    for (const interval of intervals) {
      if (current && interval[0] <= current[1]) {
        current[1] = Math.max(current[1], interval[1]);
        continue;
      }
      if (current) elapsed -= this.countDays(current[0] - 1, current[1]);
      current = [interval[0], interval[1]];
    }
    if (current) elapsed -= this.countDays(current[0] - 1, current[1]);
    return elapsed;
  }

  // -------------------------------------------------------------------------------------------

  /** Working days in (fromDay, toDay]. */
  private countDays(fromDay: number, toDay: number): number {
    if (toDay <= fromDay) return 0;
    let count = 0;
    let cursor = fromDay + 1;
    let year = yearOfDay(cursor);
    while (cursor <= toDay) {
      const table = this.tableOf(year);
      const first = cursor - table.start;
      const last = Math.min(toDay - table.start, table.length - 1);
      count += table.cumulative[last + 1] - table.cumulative[first];
      cursor = table.start + table.length;
      year++;
    }
    return count;
  }

  /** The day number of the n-th (n >= 1) working day after dayNumber. */
  private advance(dayNumber: number, n: number): number {
    let remaining = n;
    let cursor = dayNumber + 1;
    let year = yearOfDay(cursor);
    for (;;) {
      const table = this.tableOf(year);
      const first = cursor - table.start;
      const base = table.cumulative[first];
      const available = table.cumulative[table.length] - base;
      if (remaining <= available) {
        // The smallest index i with cumulative[i + 1] === base + remaining is the target day.
        const wanted = base + remaining;
        let low = first;
        let high = table.length - 1;
        while (low < high) {
          const middle = (low + high) >>> 1;
          if (table.cumulative[middle + 1] >= wanted) high = middle;
          else low = middle + 1;
        }
        return table.start + low;
      }
      remaining -= available;
      cursor = table.start + table.length;
      year++;
    }
  }

  private tableOf(year: number): YearTable {
    const last = this.lastTable;
    if (last && last.year === year) return last;
    let table = this.tables.get(year);
    if (table === undefined) {
      table = this.buildTable(year);
      this.tables.set(year, table);
    }
    if (!table) throw yearMissing(year);
    this.lastTable = table;
    return table;
  }

  private buildTable(year: number): YearTable | null {
    if (year < MIN_YEAR || year > MAX_YEAR || this.yearSource(year) === 'missing') return null;
    const start = dayNumberOf(year, 1, 1);
    const length = isLeapYear(year) ? 366 : 365;
    const working = new Uint8Array(length);
    for (let i = 0; i < length; i++) {
      const weekday = weekdayOf(start + i);
      working[i] = weekday >= 1 && weekday <= 5 ? 1 : 0;
    }
    for (const day of this.yearDays(year)) {
      working[parseDayNumber(day.date, 'date') - start] = day.kind === 'workday' ? 1 : 0;
    }
    const cumulative = new Uint16Array(length + 1);
    for (let i = 0; i < length; i++) cumulative[i + 1] = cumulative[i] + working[i];
    return { year, start, length, working, cumulative };
  }
}
