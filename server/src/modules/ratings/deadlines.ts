import { DEFAULT_RECTIFY_DAYS, MAX_RECTIFY_DAYS } from '@yuanqi/contract';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { WorkingCalendar, shanghaiDate } from '../../platform/calendar/index.js';
import { AppError } from '../../platform/errors.js';
import { lenientDueAt } from '../../platform/workflow/deadlines.js';
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
