import { AppError } from '../../../platform/errors.js';
import type { WorkingCalendar } from '../../../platform/calendar/index.js';

/** `day` minus `years` calendar years (29 Feb → 28 Feb in a common year). */
export function yearsBefore(day: string, years: number): string {
  // before year 1 nothing can have been transferred: the first day of year 1 stands for it
  const y = Number(day.slice(0, 4)) - years;
  if (y < 1) return '0001-01-01';
  const md = day.slice(5);
  if (md === '02-29') {
    const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
    return `${String(y).padStart(4, '0')}-02-${leap ? '29' : '28'}`;
  }
  return `${String(y).padStart(4, '0')}-${md}`;
}

/** Whole years from `from` to `to` (both YYYY-MM-DD). */
export function wholeYearsBetween(from: string, to: string): number {
  let years = Number(to.slice(0, 4)) - Number(from.slice(0, 4));
  if (to.slice(5) < from.slice(5)) years -= 1;
  return Math.max(0, years);
}

/**
 * The day `n` working days after `day` on the park calendar (counting from the next day). A year
 * whose holidays are not announced yet (a 限期开工 of six months reaches into next year) is counted
 * on weekdays and flagged `guessed` — the timeline says so — rather than refused.
 */
export function addWorkingDaysLenient(calendar: WorkingCalendar, day: string, n: number): { date: string; guessed: boolean } {
  try {
    return { date: calendar.addWorkingDays(day, n), guessed: false };
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== 'CALENDAR_YEAR_MISSING') throw error;
    const year = Number(day.slice(0, 4));
    const years = [0, 1, 2, 3].map((i) => year + i).filter((y) => calendar.yearSource(y) === 'missing');
    return { date: calendar.withWeekdayOnly(years).addWorkingDays(day, n), guessed: true };
  }
}

/** "2026年3月16日" */
export function chineseDate(day: string): string {
  return `${day.slice(0, 4)}年${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`;
}
