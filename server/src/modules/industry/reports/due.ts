import { withLenientCalendar } from '../../../platform/workflow/index.js';
import { shanghaiDate, type WorkingCalendar } from '../../../platform/calendar/index.js';

/** The last day of the period's month, 'YYYY-MM-DD'. */
export function lastDayOf(period: string): string {
  const [y, m] = period.split('-').map(Number);
  return new Date(Date.UTC(y!, m!, 0)).toISOString().slice(0, 10);
}

/** The period (first of the month) of an instant, Asia/Shanghai. */
export function periodOfInstant(now: Date): string {
  return `${shanghaiDate(now).slice(0, 7)}-01`;
}

/** The period `n` months before `period` (n may be negative). */
export function shiftPeriod(period: string, n: number): string {
  const [y, m] = period.split('-').map(Number);
  const d = new Date(Date.UTC(y!, m! - 1 - n, 1));
  return d.toISOString().slice(0, 10);
}

/**
 * The due day of a month's report: the `workday`-th working day of the following month, by the
 * working calendar (holidays and 调休 make-up days count as the State Council says). A year the
 * calendar lacks is counted Monday–Friday rather than refused (`guessed`).
 */
export function reportDueOn(calendar: WorkingCalendar, period: string, workday: number): { dueOn: string; guessed: boolean } {
  const last = lastDayOf(period);
  const { value, guessed } = withLenientCalendar(calendar, new Date(`${last}T12:00:00+08:00`), (cal) => cal.addWorkingDays(last, workday));
  return { dueOn: value, guessed };
}

/**
 * Working days from today to the due day: positive = days left (the due day counted), 0 = due
 * today, negative = working days overdue.
 */
export function workingDaysLeft(calendar: WorkingCalendar, today: string, dueOn: string): number {
  const { value } = withLenientCalendar(calendar, new Date(`${today}T12:00:00+08:00`), (cal) =>
    dueOn >= today ? cal.workingDaysBetween(today, dueOn) : -cal.workingDaysBetween(dueOn, today),
  );
  return value;
}
