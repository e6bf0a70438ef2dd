import type { CalendarYear, PutCalendarYearRequest } from '@yuanqi/contract';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../actor.js';
import { recordAudit } from '../audit.js';
import { AppError } from '../errors.js';
import { systemClock, type Clock } from '../clock.js';
import { WorkingCalendar, type AdminCalendarYear } from './working-calendar.js';

/** How long a process trusts its cached calendar before re-reading admin edits made elsewhere. */
const RELOAD_MS = 30_000;

/**
 * The working-day calendar as the app uses it: built-in data plus the admin-edited years in the
 * database, cached per process and reloaded so that edits made through another process show.
 */
export class CalendarService {
  private cached: { calendar: WorkingCalendar; loadedAt: number } | null = null;
  private refreshing: Promise<unknown> | null = null;
  constructor(
    private readonly db: Kysely<DB>,
    private readonly clock: Clock = systemClock,
  ) {}

  /**
   * The calendar. After the first load it never waits on the database: a stale copy is returned
   * at once and refreshed in the background. That matters on PGlite, where a transaction holds the
   * only connection — a blocking reload from inside one would wait for itself.
   */
  async get(): Promise<WorkingCalendar> {
    if (!this.cached) return this.reload();
    if (Date.now() - this.cached.loadedAt >= RELOAD_MS && !this.refreshing) {
      this.refreshing = this.reload()
        .catch(() => undefined)
        .finally(() => {
          this.refreshing = null;
        }) as Promise<unknown>;
    }
    return this.cached.calendar;
  }

  /** Reads the admin years now; call outside transactions (start-up, after an edit). */
  async reload(): Promise<WorkingCalendar> {
    const years = await this.db.selectFrom('calendar_years').selectAll().execute();
    const days = await this.db.selectFrom('calendar_days').selectAll().orderBy('date').execute();
    const admin: AdminCalendarYear[] = years.map((y) => ({
      year: y.year,
      source: y.source,
      days: days.filter((d) => d.year === y.year).map((d) => ({ date: d.date, kind: d.kind, name: d.name })),
    }));
    const calendar = new WorkingCalendar(admin);
    this.cached = { calendar, loadedAt: Date.now() };
    return calendar;
  }

  async getYear(year: number): Promise<CalendarYear> {
    const calendar = await this.get();
    const source = calendar.yearSource(year);
    return { year, source, days: calendar.yearDays(year).map((d) => ({ ...d, name: d.name ?? null })) };
  }

  /** Replaces an admin year: its days (holidays and make-up working days) or a weekday-only acceptance. */
  async putYear(actor: Actor, year: number, input: PutCalendarYearRequest): Promise<CalendarYear> {
    const wrong = input.days.findIndex((d) => Number(d.date.slice(0, 4)) !== year);
    if (wrong >= 0) {
      throw new AppError('VALIDATION_FAILED', `日期${input.days[wrong]!.date}不属于${year}年`, [
        { path: `days.${wrong}.date`, message: `日期不属于${year}年` },
      ]);
    }
    const seen = new Set<string>();
    input.days.forEach((d, i) => {
      if (seen.has(d.date)) {
        throw new AppError('VALIDATION_FAILED', `日期${d.date}重复`, [{ path: `days.${i}.date`, message: '日期重复' }]);
      }
      seen.add(d.date);
    });
    const source = input.weekdayOnly && input.days.length === 0 ? 'weekday_only' : 'admin';
    // Validate by building the calendar before anything is written.
    new WorkingCalendar([{ year, source, days: input.days.map((d) => ({ date: d.date, kind: d.kind, name: d.name ?? null })) }]);
    const before = await this.getYear(year);
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('calendar_days').where('year', '=', year).execute();
      await trx.deleteFrom('calendar_years').where('year', '=', year).execute();
      await trx.insertInto('calendar_years').values({ year, source, updated_by: actor.userId }).execute();
      if (input.days.length > 0) {
        await trx
          .insertInto('calendar_days')
          .values(input.days.map((d) => ({ date: d.date, year, kind: d.kind, name: d.name ?? null })))
          .execute();
      }
      await recordAudit(trx, actor, actor.parkId, [
        { action: 'calendar.put-year', entity: 'calendar_year', entityId: String(year), before, after: { year, source, days: input.days } },
      ], this.clock.now());
    });
    await this.reload();
    return this.getYear(year);
  }
}
