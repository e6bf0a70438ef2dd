/**
 * The case kit, part 4: a working-day clock that pauses, pure (no database, no `now()` of its own).
 * A case type whose time limit stops while it waits for someone else (办件: 补正 and 特别程序; a
 * later case type: a hearing, a test, a public notice) keeps its pauses as intervals and asks
 * this clock for the figures. It counts on the Chinese calendar (holidays and 调休 make-up days,
 * `WorkingCalendar`):
 *
 * - the clock starts when the case is started (办件: 受理) and counts from the day after it;
 * - a pause covers every date from its start through its end, both inclusive (the platform's
 *   convention, see `WorkingCalendar.workingDaysElapsed`), and days before the start never count;
 * - the deadlines (a limit, and a legal cap) are the ends (23:59:59.999 Shanghai) of the working
 *   day `limit + paused working days` after the start, so a pause pushes both back by exactly
 *   the working days it covered;
 * - `due_soon` when at most one working day is left; `overdue` once the limit passed,
 *   `legal_overdue` once the legal cap passed too;
 * - a calendar that lacks a year is never a refusal: the missing year is counted Monday–Friday
 *   and the figures say `calendarGuessed` ("guess and flag it", reference/calendar.md).
 */
import { AppError } from '../errors.js';
import { shanghaiDate, type ClockPause, type WorkingCalendar } from '../calendar/index.js';

/** A stretch during which the clock stands still; `endedAt` is null while it runs. */
export type PauseSpan = { startedAt: Date; endedAt: Date | null };

/** not_started: not started yet; running; paused; stopped: the case ended. */
export type ClockState = 'not_started' | 'running' | 'paused' | 'stopped';
/** none: on time; due_soon: ≤ 1 working day left; overdue: past the limit; legal_overdue: past the legal cap too. */
export type ClockWarning = 'none' | 'due_soon' | 'overdue' | 'legal_overdue';

const toClockPauses = (pauses: readonly PauseSpan[]): ClockPause[] => pauses.map((p) => ({ from: p.startedAt, to: p.endedAt }));

/**
 * A calendar that answers for every year involved: the real one when it has the data, else the
 * same with the missing years counted Monday–Friday, flagged as guessed. Deadlines of cases that
 * run into a year the State Council has not announced yet are never refused, only flagged.
 */
export function lenientCalendar(calendar: WorkingCalendar, around: Date): { calendar: WorkingCalendar; guessed: boolean } {
  const year = Number(shanghaiDate(around).slice(0, 4));
  const years = [year - 1, year, year + 1, year + 2];
  const missing = years.filter((y) => calendar.yearSource(y) === 'missing');
  if (missing.length === 0) return { calendar, guessed: false };
  return { calendar: calendar.withWeekdayOnly(missing), guessed: missing.includes(year) || missing.includes(year + 1) };
}

/** Runs `fn` on the calendar; on a missing year, again on the weekday-only stand-in (flagged). */
export function withLenientCalendar<T>(calendar: WorkingCalendar, around: Date, fn: (calendar: WorkingCalendar) => T): { value: T; guessed: boolean } {
  try {
    return { value: fn(calendar), guessed: false };
  } catch (err) {
    if (!(err instanceof AppError && err.code === 'CALENDAR_YEAR_MISSING')) throw err;
    const lenient = lenientCalendar(calendar, around);
    return { value: fn(lenient.calendar), guessed: true };
  }
}

/**
 * Working days covered by the pauses after the start, up to `asOf` (a running pause counts
 * through asOf). Overlapping or touching pauses count each date once.
 */
export function pausedWorkingDays(calendar: WorkingCalendar, startedAt: Date, pauses: readonly PauseSpan[], asOf: Date): number {
  if (pauses.length === 0) return 0;
  const latestEnd = pauses.reduce((max, p) => Math.max(max, (p.endedAt ?? asOf).getTime()), asOf.getTime());
  const end = new Date(latestEnd);
  const clipped = pauses.map((p) => ({ startedAt: p.startedAt, endedAt: p.endedAt ?? asOf }));
  return calendar.workingDaysElapsed(startedAt, end, []) - calendar.workingDaysElapsed(startedAt, end, toClockPauses(clipped));
}

/** Working days the clock has run from the start to `end`, pauses excluded. */
export function elapsedWorkingDays(calendar: WorkingCalendar, startedAt: Date, end: Date, pauses: readonly PauseSpan[]): number {
  return calendar.workingDaysElapsed(startedAt, end, toClockPauses(pauses));
}

/** A deadline `limitDays` working days after the start, pushed back by `pausedDays`. */
export function deadlineAt(calendar: WorkingCalendar, startedAt: Date, limitDays: number, pausedDays: number): Date {
  return calendar.computeDueAt(startedAt, limitDays + pausedDays);
}

/** The deadlines of a running clock: the limit and the legal cap, shifted by the closed pauses. */
export function runningDeadlines(
  calendar: WorkingCalendar,
  input: { startedAt: Date; limitDays: number; legalDays: number; closedPausedDays: number },
): { dueAt: Date; legalDueAt: Date } {
  return {
    dueAt: deadlineAt(calendar, input.startedAt, input.limitDays, input.closedPausedDays),
    legalDueAt: deadlineAt(calendar, input.startedAt, input.legalDays, input.closedPausedDays),
  };
}

export type PausingClockInput = {
  /** When the clock started (办件: acceptance); null while not started. */
  startedAt: Date | null;
  /** The end of the case; null while open. */
  finishedAt: Date | null;
  /** The time limit (办件: the committed days) and the legal cap, in working days. */
  limitDays: number;
  legalDays: number;
  pauses: readonly PauseSpan[];
};

/** The clock's figures at an instant. */
export type PausingClock = {
  state: ClockState;
  startedAt: Date | null;
  /** Working days used so far (or at the end), pauses excluded. */
  elapsedDays: number;
  /** Working days paused, the running pause included. */
  pausedDays: number;
  /** limitDays − elapsedDays (negative when overdue); null before the start and after the end. */
  remainingDays: number | null;
  /** The limit's deadline; while paused, the deadline if the pause ended today. */
  dueAt: Date | null;
  legalDueAt: Date | null;
  warning: ClockWarning;
  /** Whether the case ended within the limit (set once it ended). */
  withinLimit: boolean | null;
  /** The calendar lacked a year involved: counted Monday–Friday. */
  calendarGuessed: boolean;
};

function warningOf(remaining: number, now: Date, dueAt: Date, legalDueAt: Date): ClockWarning {
  if (now.getTime() > legalDueAt.getTime()) return 'legal_overdue';
  if (now.getTime() > dueAt.getTime()) return 'overdue';
  return remaining <= 1 ? 'due_soon' : 'none';
}

/**
 * The clock as a case shows it at `now`. For a paused case the deadlines are those that would hold
 * if the pause ended today (the running pause counted through today). Pauses that ended before
 * the start do not count.
 */
export function pausingClock(calendarIn: WorkingCalendar, input: PausingClockInput, now: Date): PausingClock {
  const { value, guessed } = withLenientCalendar(calendarIn, now, (calendar) => computeClock(calendar, input, now));
  return guessed ? { ...value, calendarGuessed: true } : value;
}

function computeClock(calendar: WorkingCalendar, input: PausingClockInput, now: Date): PausingClock {
  if (!input.startedAt) {
    return {
      state: input.finishedAt ? 'stopped' : 'not_started',
      startedAt: null,
      elapsedDays: 0,
      pausedDays: 0,
      remainingDays: null,
      dueAt: null,
      legalDueAt: null,
      warning: 'none',
      withinLimit: null,
      calendarGuessed: false,
    };
  }
  const startedAt = input.startedAt;
  const end = input.finishedAt ?? now;
  const pauses = input.pauses.filter((p) => (p.endedAt ?? now).getTime() >= startedAt.getTime());
  const running = pauses.find((p) => p.endedAt === null && !input.finishedAt) ?? null;
  const elapsed = elapsedWorkingDays(calendar, startedAt, end, pauses);
  const paused = pausedWorkingDays(calendar, startedAt, pauses, end);
  const dueAt = deadlineAt(calendar, startedAt, input.limitDays, paused);
  const legalDueAt = deadlineAt(calendar, startedAt, input.legalDays, paused);
  const state: ClockState = input.finishedAt ? 'stopped' : running ? 'paused' : 'running';
  const remaining = input.finishedAt ? null : input.limitDays - elapsed;
  return {
    state,
    startedAt,
    elapsedDays: elapsed,
    pausedDays: paused,
    remainingDays: remaining,
    dueAt,
    legalDueAt,
    warning: state === 'running' ? warningOf(remaining!, now, dueAt, legalDueAt) : 'none',
    withinLimit: input.finishedAt ? elapsed <= input.limitDays : null,
    calendarGuessed: false,
  };
}

/** What a case stores when it ends: working days used (pauses excluded) and whether within the limit. */
export function finishFigures(
  calendar: WorkingCalendar,
  input: { startedAt: Date | null; limitDays: number; pauses: readonly PauseSpan[] },
  finishedAt: Date,
): { workingDaysUsed: number | null; withinLimit: boolean | null } {
  if (!input.startedAt) return { workingDaysUsed: null, withinLimit: null };
  const startedAt = input.startedAt;
  const { value } = withLenientCalendar(calendar, finishedAt, (cal) =>
    elapsedWorkingDays(cal, startedAt, finishedAt, input.pauses.map((p) => ({ startedAt: p.startedAt, endedAt: p.endedAt ?? finishedAt }))),
  );
  return { workingDaysUsed: value, withinLimit: value <= input.limitDays };
}

// ---------------------------------------------------------------------------------------------
// Several clocks at once: the days on which any of a set of cases was running.
// ---------------------------------------------------------------------------------------------

export type ActiveSpan = { startedAt: Date; end: Date; pauses: readonly PauseSpan[] };

const MS_PER_DAY = 86_400_000;
const dayIndex = (date: string) => Math.round(Date.parse(`${date}T00:00:00Z`) / MS_PER_DAY);
const dateOf = (index: number) => new Date(index * MS_PER_DAY).toISOString().slice(0, 10);

/**
 * Working days on which at least one of the spans was running (after its start day, through its
 * end, outside its pauses): cases that run in parallel count a day once, and a day on which every
 * one of them waits (paused) does not count.
 */
export function activeWorkingDays(calendarIn: WorkingCalendar, spans: readonly ActiveSpan[], around: Date): number {
  if (spans.length === 0) return 0;
  return withLenientCalendar(calendarIn, around, (calendar) => {
    const covered = new Set<number>();
    for (const span of spans) {
      const first = dayIndex(shanghaiDate(span.startedAt)) + 1;
      const last = dayIndex(shanghaiDate(span.end));
      if (last < first) continue;
      const paused = new Set<number>();
      for (const p of span.pauses) {
        const from = Math.max(first, dayIndex(shanghaiDate(p.startedAt)));
        const to = Math.min(last, dayIndex(shanghaiDate(p.endedAt ?? span.end)));
        for (let d = from; d <= to; d++) paused.add(d);
      }
      for (let d = first; d <= last; d++) if (!paused.has(d)) covered.add(d);
    }
    let count = 0;
    for (const d of covered) if (calendar.isWorkingDay(dateOf(d))) count++;
    return count;
  }).value;
}
