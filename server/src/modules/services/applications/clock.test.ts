import { describe, expect, it } from 'vitest';
import { WorkingCalendar, shanghaiDate } from '../../../platform/calendar/index.js';
import { clockOf, latestRongqueDeadline, type PauseInterval } from './clock.js';

const calendar = new WorkingCalendar();
/** An instant at hh:mm Asia/Shanghai on a date. */
const at = (date: string, time = '10:00') => new Date(`${date}T${time}:00+08:00`);
const pause = (from: Date, to: Date | null, kind: PauseInterval['kind'] = 'supplement'): PauseInterval => ({
  id: `${from.toISOString()}`,
  kind,
  name: kind === 'supplement' ? '补正' : '公示',
  materialKeys: [],
  note: null,
  maxDays: null,
  startedAt: from,
  endedAt: to,
});
const day = (iso: string | null) => (iso ? shanghaiDate(new Date(iso)) : null);

describe('the application clock across 国庆 2026 (10/1–10/7 off, 9/20 Sun and 10/10 Sat worked)', () => {
  const acceptedAt = at('2026-09-18'); // Friday

  it('never lets a 容缺 deadline go past the committed due date counted from acceptance', () => {
    expect(latestRongqueDeadline(calendar, acceptedAt, 5)).toBe('2026-09-24');
    expect(latestRongqueDeadline(calendar, at('2026-09-30'), 3)).toBe('2026-10-10');
  });

  it('shows the case’s clock with its pauses, each with the working days it covered', () => {
    const supplement = pause(at('2026-09-22'), at('2026-10-09', '15:00'));
    const hearing = pause(at('2026-10-12'), null, 'special');
    const clock = clockOf(calendar, { acceptedAt, finishedAt: null, committedDays: 5, legalDays: 20, pauses: [supplement, hearing] }, at('2026-10-13'));
    expect(clock).toMatchObject({ state: 'paused', acceptedAt: acceptedAt.toISOString(), committedDays: 5, legalDays: 20, elapsedDays: 3, pausedDays: 10, warning: 'none', calendarGuessed: false });
    expect(day(clock.dueAt)).toBe('2026-10-15');
    expect(clock.pauses.map((p) => [p.kind, p.name, p.workingDays, p.endedAt === null])).toEqual([
      ['supplement', '补正', 8, false],
      ['special', '公示', 2, true],
    ]);
  });

  it('keeps a guess flagged on the case even where the calendar now has the year', () => {
    const clock = clockOf(calendar, { acceptedAt, finishedAt: null, committedDays: 5, legalDays: 20, pauses: [], calendarGuessed: true }, at('2026-09-21'));
    expect(clock.calendarGuessed).toBe(true);
  });
});
