import { describe, expect, it } from 'vitest';
import { WorkingCalendar, shanghaiDate } from '../calendar/index.js';
import { activeWorkingDays, finishFigures, pausedWorkingDays, pausingClock, runningDeadlines, type PauseSpan, type PausingClockInput } from './clock.js';

const calendar = new WorkingCalendar();
/** An instant at hh:mm Asia/Shanghai on a date. */
const at = (date: string, time = '10:00') => new Date(`${date}T${time}:00+08:00`);
const pause = (from: Date, to: Date | null, _kind: 'supplement' | 'special' = 'supplement'): PauseSpan => ({ startedAt: from, endedAt: to });
const day = (instant: Date | null) => (instant ? shanghaiDate(instant) : null);
/** The clock of a case accepted at `acceptedAt` with a committed and a legal limit (the 办件 words, the kit's clock). */
const clockOf = (
  calendar: WorkingCalendar,
  input: { acceptedAt: Date | null; finishedAt: Date | null; committedDays: number; legalDays: number; pauses: PauseSpan[] },
  now: Date,
) => pausingClock(calendar, { startedAt: input.acceptedAt, finishedAt: input.finishedAt, limitDays: input.committedDays, legalDays: input.legalDays, pauses: input.pauses } satisfies PausingClockInput, now);

describe('the pausing clock across 国庆 2026 (10/1–10/7 off, 9/20 Sun and 10/10 Sat worked)', () => {
  const acceptedAt = at('2026-09-18'); // Friday

  it('counts the Sunday make-up day and skips 中秋 and 国庆 without a pause', () => {
    const clock = clockOf(calendar, { acceptedAt, finishedAt: null, committedDays: 5, legalDays: 20, pauses: [] }, at('2026-09-21', '16:00'));
    // 9/20 (make-up Sunday) and 9/21 have run.
    expect(clock.elapsedDays).toBe(2);
    expect(clock.remainingDays).toBe(3);
    expect(day(clock.dueAt)).toBe('2026-09-24');
    expect(clock.state).toBe('running');
    expect(clock.warning).toBe('none');
  });

  it('pauses for 补正 over the holiday and resumes on the make-up Saturday, pushing the deadline by the paused working days', () => {
    const supplement = pause(at('2026-09-22'), at('2026-10-09', '15:00'));
    // Paused working days: 9/22, 9/23, 9/24, 9/28, 9/29, 9/30, 10/8, 10/9 (9/25 中秋 and 10/1–10/7 are holidays anyway).
    expect(pausedWorkingDays(calendar, acceptedAt, [supplement], at('2026-10-09', '15:00'))).toBe(8);

    const during = clockOf(calendar, { acceptedAt, finishedAt: null, committedDays: 5, legalDays: 20, pauses: [{ ...supplement, endedAt: null }] }, at('2026-10-05'));
    expect(during.state).toBe('paused');
    expect(during.elapsedDays).toBe(2);
    expect(during.warning).toBe('none');

    const deadlines = runningDeadlines(calendar, { startedAt: acceptedAt, limitDays: 5, legalDays: 20, closedPausedDays: 8 });
    // 10/10 (make-up Saturday) is day 3, 10/12 day 4, 10/13 day 5.
    expect(shanghaiDate(deadlines.dueAt)).toBe('2026-10-13');

    const onSaturday = clockOf(calendar, { acceptedAt, finishedAt: null, committedDays: 5, legalDays: 20, pauses: [supplement] }, at('2026-10-10', '18:00'));
    expect(onSaturday.elapsedDays).toBe(3);
    expect(onSaturday.pausedDays).toBe(8);
    expect(day(onSaturday.dueAt)).toBe('2026-10-13');

    const monday = clockOf(calendar, { acceptedAt, finishedAt: null, committedDays: 5, legalDays: 20, pauses: [supplement] }, at('2026-10-12'));
    expect(monday.remainingDays).toBe(1);
    expect(monday.warning).toBe('due_soon');

    const late = clockOf(calendar, { acceptedAt, finishedAt: null, committedDays: 5, legalDays: 20, pauses: [supplement] }, at('2026-10-14'));
    expect(late.warning).toBe('overdue');
    expect(late.remainingDays).toBe(-1);
  });

  it('stores the working days used at 办结 with pauses excluded', () => {
    const supplement = pause(at('2026-09-22'), at('2026-10-09', '15:00'));
    const input = { acceptedAt, committedDays: 5, legalDays: 20, pauses: [supplement] };
    const ended = { startedAt: acceptedAt, limitDays: 5, pauses: [supplement] };
    expect(finishFigures(calendar, ended, at('2026-10-13', '17:00'))).toEqual({ workingDaysUsed: 5, withinLimit: true });
    expect(finishFigures(calendar, ended, at('2026-10-14', '09:00'))).toEqual({ workingDaysUsed: 6, withinLimit: false });
    const finished = clockOf(calendar, { ...input, finishedAt: at('2026-10-13', '17:00') }, at('2026-11-01'));
    expect(finished.state).toBe('stopped');
    expect(finished.withinLimit).toBe(true);
    expect(finished.remainingDays).toBeNull();
  });

  it('counts a day covered by two touching pauses once', () => {
    const first = pause(at('2026-09-21'), at('2026-09-22', '11:00'));
    const second = pause(at('2026-09-22', '15:00'), at('2026-09-23', '09:00'), 'special');
    expect(pausedWorkingDays(calendar, acceptedAt, [first, second], at('2026-09-30'))).toBe(3);
  });

  it('ignores a 补正 that ended before acceptance', () => {
    const before = pause(at('2026-09-14'), at('2026-09-17'));
    const clock = clockOf(calendar, { acceptedAt, finishedAt: null, committedDays: 5, legalDays: 20, pauses: [before] }, at('2026-09-21', '16:00'));
    expect(clock.pausedDays).toBe(0);
    expect(clock.elapsedDays).toBe(2);
  });
});

describe('the pausing clock across 春节 2026 (2/15–2/23 off, 2/14 and 2/28 Saturdays worked)', () => {
  it('pauses across the holiday, counting the make-up Saturday inside the pause as paused', () => {
    const acceptedAt = at('2026-02-10'); // Tuesday
    const supplement = pause(at('2026-02-12'), at('2026-02-25', '16:00'));
    // 2/12, 2/13, 2/14 (make-up), 2/24, 2/25.
    expect(pausedWorkingDays(calendar, acceptedAt, [supplement], at('2026-02-25', '16:00'))).toBe(5);
    const clock = clockOf(calendar, { acceptedAt, finishedAt: null, committedDays: 3, legalDays: 10, pauses: [supplement] }, at('2026-02-26'));
    expect(clock.elapsedDays).toBe(2);
    expect(day(clock.dueAt)).toBe('2026-02-27');
    expect(clock.warning).toBe('due_soon');
    // After the due day: 2/28 is a working Saturday, so the case is one working day late on it.
    const saturday = clockOf(calendar, { acceptedAt, finishedAt: null, committedDays: 3, legalDays: 10, pauses: [supplement] }, at('2026-02-28'));
    expect(saturday.warning).toBe('overdue');
    expect(saturday.elapsedDays).toBe(4);
  });

  it('shows a case not accepted yet as not started', () => {
    const clock = clockOf(calendar, { acceptedAt: null, finishedAt: null, committedDays: 3, legalDays: 10, pauses: [] }, at('2026-02-26'));
    expect(clock).toMatchObject({ state: 'not_started', dueAt: null, remainingDays: null, warning: 'none' });
  });

  it('flags deadlines that run into a year without calendar data instead of refusing them', () => {
    const clock = clockOf(calendar, { acceptedAt: at('2026-12-20'), finishedAt: null, committedDays: 20, legalDays: 60, pauses: [] }, at('2026-12-21'));
    expect(clock.calendarGuessed).toBe(true);
    expect(clock.dueAt).not.toBeNull();
  });
});

describe('several clocks at once (a construction project’s stage)', () => {
  it('counts parallel items once and skips days on which every item was paused', () => {
    // Two items of a stage: A runs 9/1 → 9/10, B 9/3 → 9/15 with a pause 9/8–9/9 while A still runs,
    // and a pause 9/11–9/14 while nothing else runs.
    const a = { startedAt: at('2026-09-01'), end: at('2026-09-10'), pauses: [] };
    const b = { startedAt: at('2026-09-03'), end: at('2026-09-15'), pauses: [pause(at('2026-09-08'), at('2026-09-09')), pause(at('2026-09-11'), at('2026-09-14'))] };
    // Working days in (9/1, 9/15]: 9/2–9/4, 9/7–9/11, 9/14, 9/15 = 10; 9/11 and 9/14 are paused for B and A ended 9/10.
    expect(activeWorkingDays(calendar, [a, b], at('2026-09-15'))).toBe(8);
    expect(activeWorkingDays(calendar, [a], at('2026-09-15'))).toBe(7);
    expect(activeWorkingDays(calendar, [], at('2026-09-15'))).toBe(0);
  });
});
