import { AppError } from '../../platform/errors.js';
import { endOfShanghaiDay, shanghaiDate, startOfShanghaiDay, type WorkingCalendar } from '../../platform/calendar/index.js';

/**
 * Deadlines are absolute instants computed with the working-day calendar when a state is entered
 * (so the sweep only compares `due_at < now`). A year without calendar data throws
 * CALENDAR_YEAR_MISSING (400) rather than guessing.
 */
export type CategoryDeadlines = { acceptDays: number; answerDays: number };

/** A reminder goes out at this Shanghai hour, not at midnight. */
const REMINDER_HOUR = 9;
const MS_PER_DAY = 86_400_000;

/** 签收 deadline: `acceptDays` working days after the filing day, at the end of that day. */
export function acceptDueAt(calendar: WorkingCalendar, filedAt: Date, category: CategoryDeadlines): Date {
  return calendar.computeDueAt(filedAt, category.acceptDays);
}

/** 答复 deadline: `answerDays` working days after `start` (the accept, or a reopen). */
export function answerDueAt(calendar: WorkingCalendar, start: Date, category: CategoryDeadlines): Date {
  return calendar.computeDueAt(start, category.answerDays);
}

/** A dispatch meeting's new deadline: the end of that Shanghai date. */
export function dueAtOfDate(date: string): Date {
  return endOfShanghaiDay(date);
}

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

/** Working days from filing to answer, counted on Shanghai dates (the day of filing not counted). */
export function answerWorkingDays(calendar: WorkingCalendar, filedAt: Date, answeredAt: Date): number {
  return calendar.workingDaysBetween(shanghaiDate(filedAt), shanghaiDate(answeredAt));
}

/** A demand resolved but not confirmed closes itself this long after the answer (natural days). */
export function autoCloseAt(resolvedAt: Date, days: number): Date {
  return new Date(resolvedAt.getTime() + days * MS_PER_DAY);
}
