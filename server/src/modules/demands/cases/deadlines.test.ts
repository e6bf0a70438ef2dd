import { describe, expect, it } from 'vitest';
import { WorkingCalendar, shanghaiDate } from '../../../platform/calendar/index.js';
import { acceptDueAt, answerDueAt, answerWorkingDays } from './deadlines.js';
import { previousWorkingDay, reminderAt, remainingWorkingDays } from '../../../platform/workflow/deadlines.js';

const calendar = new WorkingCalendar();
const at = (iso: string) => new Date(iso);

describe('demand deadlines', () => {
  it('a demand filed on 2026-09-30 with a 3-working-day answer deadline is due on 2026-10-10 (the make-up Saturday)', () => {
    const due = answerDueAt(calendar, at('2026-09-30T03:00:00Z'), { acceptDays: 1, answerDays: 3 });
    expect(shanghaiDate(due)).toBe('2026-10-10');
    expect(due.toISOString()).toBe('2026-10-10T15:59:59.999Z');
  });

  it('counts a filing late in the Shanghai evening on the Shanghai date, not the UTC one', () => {
    // 2026-11-26 23:30 in Shanghai is still Thursday the 26th there (15:30 UTC).
    const due = acceptDueAt(calendar, at('2026-11-26T15:30:00Z'), { acceptDays: 1, answerDays: 5 });
    expect(shanghaiDate(due)).toBe('2026-11-27');
  });

  it('skips the weekend: filed on a Friday, 签收 within 1 working day is Monday', () => {
    expect(shanghaiDate(acceptDueAt(calendar, at('2026-11-27T02:00:00Z'), { acceptDays: 1, answerDays: 5 }))).toBe('2026-11-30');
  });

  it('refuses a year without calendar data', () => {
    expect(() => answerDueAt(calendar, at('2027-12-28T02:00:00Z'), { acceptDays: 1, answerDays: 5 })).toThrow(/2028|2027/);
  });

  it('reminds at 09:00 of the working day before the due day', () => {
    const filed = at('2026-11-23T02:00:00Z'); // Monday
    const due = answerDueAt(calendar, filed, { acceptDays: 1, answerDays: 5 }); // Monday 11-30
    expect(shanghaiDate(due)).toBe('2026-11-30');
    expect(reminderAt(calendar, filed, due)?.toISOString()).toBe('2026-11-27T01:00:00.000Z'); // Friday 09:00 Shanghai
  });

  it('reminds on the due morning when the day before has passed, and not at all when that too has passed', () => {
    const filed = at('2026-11-26T02:00:00Z'); // Thursday 10:00
    const due = acceptDueAt(calendar, filed, { acceptDays: 1, answerDays: 5 }); // Friday
    expect(reminderAt(calendar, filed, due)?.toISOString()).toBe('2026-11-27T01:00:00.000Z');
    expect(reminderAt(calendar, at('2026-11-27T03:00:00Z'), due)).toBeNull();
  });

  it('finds the previous working day across the National Day holiday', () => {
    expect(previousWorkingDay(calendar, '2026-10-08')).toBe('2026-09-30');
  });

  it('shows the countdown in working days, negative once overdue', () => {
    const due = at('2026-11-30T15:59:59.999Z'); // Monday end of day
    expect(remainingWorkingDays(calendar, at('2026-11-26T02:00:00Z'), due)).toBe(2);
    expect(remainingWorkingDays(calendar, at('2026-11-30T08:00:00Z'), due)).toBe(0);
    expect(remainingWorkingDays(calendar, at('2026-12-01T02:00:00Z'), due)).toBe(-1);
    expect(remainingWorkingDays(calendar, at('2026-12-03T02:00:00Z'), due)).toBe(-3);
    // Overdue over a weekend still reads as overdue.
    expect(remainingWorkingDays(calendar, at('2026-11-28T02:00:00Z'), at('2026-11-27T15:59:59.999Z'))).toBe(-1);
  });

  it('counts working days from filing to answer on Shanghai dates', () => {
    expect(answerWorkingDays(calendar, at('2026-09-29T02:00:00Z'), at('2026-10-09T02:00:00Z'))).toBe(3);
  });
});
