/**
 * The working-day clock of a service application (办件时限), pure: no database, no `now()` of its
 * own. It counts on the Chinese calendar (holidays and 调休 make-up days, `WorkingCalendar`):
 *
 * - the clock starts on acceptance 受理 and counts from the day after it;
 * - 补正 and 特别程序 pause it: a pause covers every date from its start through its end, both
 *   inclusive (the platform's convention, see `WorkingCalendar.workingDaysElapsed`), and days
 *   before acceptance never count;
 * - the committed and legal deadlines are the ends (23:59:59.999 Shanghai) of the working day
 *   `limit + paused working days` after acceptance, so a pause pushes both back by exactly the
 *   working days it covered;
 * - 即将到期 when at most one working day is left; 已超期 once the committed deadline passed.
 */
import type { ApplicationClockView, ClockPauseView, ClockState, ClockWarning, PauseKind } from '@yuanqi/contract';
import { AppError } from '../../../platform/errors.js';
import { shanghaiDate, startOfShanghaiDay, type ClockPause, type WorkingCalendar } from '../../../platform/calendar/index.js';

export type PauseInterval = {
  id: string;
  kind: PauseKind;
  name: string;
  materialKeys: string[];
  note: string | null;
  maxDays: number | null;
  startedAt: Date;
  endedAt: Date | null;
};

export type ClockInput = {
  acceptedAt: Date | null;
  /** 办结 (or any end of the case); null while open. */
  finishedAt: Date | null;
  committedDays: number;
  legalDays: number;
  pauses: PauseInterval[];
  calendarGuessed?: boolean;
};

const toClockPauses = (pauses: readonly Pick<PauseInterval, 'startedAt' | 'endedAt'>[]): ClockPause[] => pauses.map((p) => ({ from: p.startedAt, to: p.endedAt }));

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
 * Working days covered by the pauses after acceptance, up to `asOf` (a running pause counts
 * through asOf). Overlapping or touching pauses count each date once.
 */
export function pausedWorkingDays(calendar: WorkingCalendar, acceptedAt: Date, pauses: readonly Pick<PauseInterval, 'startedAt' | 'endedAt'>[], asOf: Date): number {
  if (pauses.length === 0) return 0;
  const latestEnd = pauses.reduce((max, p) => Math.max(max, (p.endedAt ?? asOf).getTime()), asOf.getTime());
  const end = new Date(latestEnd);
  const clipped = pauses.map((p) => ({ startedAt: p.startedAt, endedAt: p.endedAt ?? asOf }));
  return calendar.workingDaysElapsed(acceptedAt, end, []) - calendar.workingDaysElapsed(acceptedAt, end, toClockPauses(clipped));
}

/** Working days the clock has run from acceptance to `end`, pauses excluded. */
export function elapsedWorkingDays(calendar: WorkingCalendar, acceptedAt: Date, end: Date, pauses: readonly Pick<PauseInterval, 'startedAt' | 'endedAt'>[]): number {
  return calendar.workingDaysElapsed(acceptedAt, end, toClockPauses(pauses));
}

/** A deadline `limitDays` working days after acceptance, pushed back by `pausedDays`. */
export function deadlineAt(calendar: WorkingCalendar, acceptedAt: Date, limitDays: number, pausedDays: number): Date {
  return calendar.computeDueAt(acceptedAt, limitDays + pausedDays);
}

/** The deadlines of a running clock: committed and legal, shifted by the closed pauses. */
export function runningDeadlines(
  calendar: WorkingCalendar,
  input: { acceptedAt: Date; committedDays: number; legalDays: number; closedPausedDays: number },
): { dueAt: Date; legalDueAt: Date } {
  return {
    dueAt: deadlineAt(calendar, input.acceptedAt, input.committedDays, input.closedPausedDays),
    legalDueAt: deadlineAt(calendar, input.acceptedAt, input.legalDays, input.closedPausedDays),
  };
}

/** The latest deadline a 容缺受理 may give: the committed due date of a case accepted at `acceptedAt` (Shanghai date). */
export function latestRongqueDeadline(calendar: WorkingCalendar, acceptedAt: Date, committedDays: number): string {
  return shanghaiDate(calendar.computeDueAt(acceptedAt, committedDays));
}

/** Working days between today and a due date, as a countdown shows them (negative once past). */
function warningOf(remaining: number, now: Date, dueAt: Date, legalDueAt: Date): ClockWarning {
  if (now.getTime() > legalDueAt.getTime()) return 'legal_overdue';
  if (now.getTime() > dueAt.getTime()) return 'overdue';
  return remaining <= 1 ? 'due_soon' : 'none';
}

function pauseView(calendar: WorkingCalendar, acceptedAt: Date | null, pause: PauseInterval, now: Date): ClockPauseView {
  const days = acceptedAt ? pausedWorkingDays(calendar, acceptedAt, [pause], pause.endedAt ?? now) : 0;
  return {
    id: pause.id,
    kind: pause.kind,
    name: pause.name,
    materialKeys: pause.materialKeys,
    note: pause.note,
    maxDays: pause.maxDays,
    startedAt: pause.startedAt.toISOString(),
    endedAt: pause.endedAt?.toISOString() ?? null,
    workingDays: days,
  };
}

/**
 * The clock as a case shows it at `now`. For a paused case the deadlines are those that would hold
 * if the pause ended today (the running pause counted through today).
 */
export function clockOf(calendarIn: WorkingCalendar, input: ClockInput, now: Date): ApplicationClockView {
  const { value, guessed } = withLenientCalendar(calendarIn, now, (calendar) => computeClock(calendar, input, now));
  return guessed ? { ...value, calendarGuessed: true } : value;
}

function computeClock(calendar: WorkingCalendar, input: ClockInput, now: Date): ApplicationClockView {
  const pausesAfter = (accepted: Date) => input.pauses.filter((p) => (p.endedAt ?? now).getTime() >= accepted.getTime());
  const base = {
    committedDays: input.committedDays,
    legalDays: input.legalDays,
    calendarGuessed: input.calendarGuessed ?? false,
  };
  if (!input.acceptedAt) {
    return {
      ...base,
      state: input.finishedAt ? 'stopped' : 'not_started',
      acceptedAt: null,
      elapsedDays: 0,
      pausedDays: 0,
      remainingDays: null,
      dueAt: null,
      legalDueAt: null,
      warning: 'none',
      withinLimit: null,
      pauses: input.pauses.map((p) => pauseView(calendar, null, p, now)),
    };
  }
  const acceptedAt = input.acceptedAt;
  const end = input.finishedAt ?? now;
  const pauses = pausesAfter(acceptedAt);
  const running = pauses.find((p) => p.endedAt === null && !input.finishedAt) ?? null;
  const elapsed = elapsedWorkingDays(calendar, acceptedAt, end, pauses);
  const paused = pausedWorkingDays(calendar, acceptedAt, pauses, end);
  const dueAt = deadlineAt(calendar, acceptedAt, input.committedDays, paused);
  const legalDueAt = deadlineAt(calendar, acceptedAt, input.legalDays, paused);
  const state: ClockState = input.finishedAt ? 'stopped' : running ? 'paused' : 'running';
  const remaining = input.finishedAt ? null : input.committedDays - elapsed;
  return {
    ...base,
    state,
    acceptedAt: acceptedAt.toISOString(),
    elapsedDays: elapsed,
    pausedDays: paused,
    remainingDays: remaining,
    dueAt: dueAt.toISOString(),
    legalDueAt: legalDueAt.toISOString(),
    warning: state === 'running' ? warningOf(remaining!, now, dueAt, legalDueAt) : 'none',
    withinLimit: input.finishedAt ? elapsed <= input.committedDays : null,
    pauses: input.pauses.map((p) => pauseView(calendar, acceptedAt, p, now)),
  };
}

/** What is stored at 办结: working days used (pauses excluded) and whether within the committed limit. */
export function finishFigures(calendar: WorkingCalendar, input: Omit<ClockInput, 'finishedAt'>, finishedAt: Date): { workingDaysUsed: number | null; withinLimit: boolean | null } {
  if (!input.acceptedAt) return { workingDaysUsed: null, withinLimit: null };
  const { value } = withLenientCalendar(calendar, finishedAt, (cal) =>
    elapsedWorkingDays(cal, input.acceptedAt!, finishedAt, input.pauses.map((p) => ({ startedAt: p.startedAt, endedAt: p.endedAt ?? finishedAt }))),
  );
  return { workingDaysUsed: value, withinLimit: value <= input.committedDays };
}

// ---------------------------------------------------------------------------------------------
// Construction projects: the union of the days the government side held a set of applications.
// ---------------------------------------------------------------------------------------------

export type ActiveSpan = { acceptedAt: Date; end: Date; pauses: readonly Pick<PauseInterval, 'startedAt' | 'endedAt'>[] };

const MS_PER_DAY = 86_400_000;
const dayIndex = (date: string) => Math.round(Date.parse(`${date}T00:00:00Z`) / MS_PER_DAY);
const dateOf = (index: number) => new Date(index * MS_PER_DAY).toISOString().slice(0, 10);

/**
 * Working days on which at least one of the spans was running (after its acceptance day, through
 * its end, outside its pauses): a stage whose items run in parallel counts a day once, and a day
 * on which every item waits for the applicant does not count.
 */
export function activeWorkingDays(calendarIn: WorkingCalendar, spans: readonly ActiveSpan[], around: Date): number {
  if (spans.length === 0) return 0;
  return withLenientCalendar(calendarIn, around, (calendar) => {
    const covered = new Set<number>();
    for (const span of spans) {
      const first = dayIndex(shanghaiDate(span.acceptedAt)) + 1;
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

/** The start of the Shanghai day of an instant (for Gantt frames). */
export function startOfDayOf(instant: Date): Date {
  return startOfShanghaiDay(shanghaiDate(instant));
}
