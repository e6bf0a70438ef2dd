import { endOfShanghaiDay, shanghaiDate, type WorkingCalendar } from '../../../platform/calendar/index.js';

/**
 * Deadlines are absolute instants computed with the working-day calendar when a state is entered
 * (so the sweep only compares `due_at < now`). A year without calendar data throws
 * CALENDAR_YEAR_MISSING (400) rather than guessing. Reminders and countdowns are the case kit's
 * (`platform/workflow/deadlines.ts`).
 */
const MS_PER_DAY = 86_400_000;

export type CategoryDeadlines = { acceptDays: number; answerDays: number };

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

/** Working days from filing to answer, counted on Shanghai dates (the day of filing not counted). */
export function answerWorkingDays(calendar: WorkingCalendar, filedAt: Date, answeredAt: Date): number {
  return calendar.workingDaysBetween(shanghaiDate(filedAt), shanghaiDate(answeredAt));
}

/** A demand resolved but not confirmed closes itself this long after the answer (natural days). */
export function autoCloseAt(resolvedAt: Date, days: number): Date {
  return new Date(resolvedAt.getTime() + days * MS_PER_DAY);
}
