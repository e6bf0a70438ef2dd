import { DEFAULT_RECTIFY_DAYS, MAX_RECTIFY_DAYS } from '@yuanqi/contract';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { WorkingCalendar, shanghaiDate } from '../../platform/calendar/index.js';
import { AppError } from '../../platform/errors.js';
import * as repo from './repository.js';

type Executor = Kysely<DB> | Transaction<DB>;

/**
 * The calendar read in the caller's transaction, for the demo seed, which runs before the app
 * (and its CalendarService) exists. Requests use ctx.calendar.get().
 */
export async function calendarIn(db: Executor): Promise<WorkingCalendar> {
  const { years, days } = await repo.findCalendarYears(db);
  return new WorkingCalendar(
    years.map((y) => ({
      year: y.year,
      source: y.source,
      days: days.filter((d) => d.year === y.year).map((d) => ({ date: d.date, kind: d.kind, name: d.name })),
    })),
  );
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

/** The park's rectification deadline in working days (dictionary rating_setting/rectify_days, extra {days}). */
export async function rectifyDaysOf(db: Executor, parkId: string): Promise<number> {
  const value = await repo.findRectifyDaysSetting(db, parkId);
  const days = typeof value === 'string' ? Number(value) : value;
  return typeof days === 'number' && Number.isInteger(days) && days >= 1 && days <= MAX_RECTIFY_DAYS ? days : DEFAULT_RECTIFY_DAYS;
}

/** The deadline of a rectification round starting at `start`. */
export async function computeRectifyDue(db: Executor, calendar: WorkingCalendar, parkId: string, start: Date): Promise<{ dueAt: Date; days: number; guessed: boolean }> {
  const days = await rectifyDaysOf(db, parkId);
  return { ...lenientDueAt(calendar, start, days), days };
}
