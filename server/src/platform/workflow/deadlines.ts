/**
 * The case kit, part 3: deadlines entered from the working-day calendar. A case type computes its
 * deadline as an absolute instant when a state is entered (so a sweep only compares
 * `due_at < now`); these helpers are the parts every case type shares: the reminder one working
 * day ahead, the countdown a list shows, and the lenient due date for a year whose holidays are not
 * announced yet ("guess and flag it", reference/calendar.md).
 */
import { AppError } from '../errors.js';
import { shanghaiDate, startOfShanghaiDay, type WorkingCalendar } from '../calendar/index.js';

/** A reminder goes out at this Shanghai hour, not at midnight. */
const REMINDER_HOUR = 9;
const MS_PER_DAY = 86_400_000;

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * MS_PER_DAY).toISOString().slice(0, 10);
}

/** The last working day strictly before `date` (looks back at most 60 days). */
export function previousWorkingDay(calendar: WorkingCalendar, date: string): string {
  let cursor = date;
  for (let i = 0; i < 60; i++) {
    cursor = addDays(cursor, -1);
    if (calendar.isWorkingDay(cursor)) return cursor;
  }
  throw new AppError('VALIDATION_FAILED', `${date}之前60天内没有工作日,请检查工作日历`);
}

function atShanghaiHour(date: string, hour: number): Date {
  return new Date(startOfShanghaiDay(date).getTime() + hour * 3_600_000);
}

/**
 * When to remind the owner of a deadline: 09:00 (Shanghai) of the working day before the due
 * day — one working day ahead. A deadline entered too late for that (a 1-day 签收) is reminded at
 * 09:00 of the due day, and not at all when that too has passed.
 */
export function reminderAt(calendar: WorkingCalendar, enteredAt: Date, dueAt: Date): Date | null {
  const dueDate = shanghaiDate(dueAt);
  const dayBefore = atShanghaiHour(previousWorkingDay(calendar, dueDate), REMINDER_HOUR);
  if (dayBefore.getTime() > enteredAt.getTime()) return dayBefore;
  const dueMorning = atShanghaiHour(dueDate, REMINDER_HOUR);
  return dueMorning.getTime() > enteredAt.getTime() && dueMorning.getTime() < dueAt.getTime() ? dueMorning : null;
}

/**
 * Working days left until `dueAt` as a countdown shows it: 0 when due today, 2 for 剩余2个工作日,
 * negative once overdue (at least -1). Null when the calendar lacks a year involved.
 */
export function remainingWorkingDays(calendar: WorkingCalendar, now: Date, dueAt: Date): number | null {
  try {
    const today = shanghaiDate(now);
    const dueDate = shanghaiDate(dueAt);
    if (now.getTime() > dueAt.getTime()) return -Math.max(1, calendar.workingDaysBetween(dueDate, today));
    return calendar.workingDaysBetween(today, dueDate);
  } catch (err) {
    if (err instanceof AppError && err.code === 'CALENDAR_YEAR_MISSING') return null;
    throw err;
  }
}

/**
 * The due instant `days` working days after `start`. A bad review is never refused because next
 * year's holidays are not entered yet: weekdays are counted for the missing year and `guessed`
 * says so (it goes on the timeline) — "guess and flag it" (reference/calendar.md).
 */
export function lenientDueAt(calendar: WorkingCalendar, start: Date, days: number): { dueAt: Date; guessed: boolean } {
  try {
    return { dueAt: calendar.computeDueAt(start, days), guessed: false };
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== 'CALENDAR_YEAR_MISSING') throw error;
    const year = Number(shanghaiDate(start).slice(0, 4));
    return { dueAt: calendar.withWeekdayOnly([year, year + 1]).computeDueAt(start, days), guessed: true };
  }
}

