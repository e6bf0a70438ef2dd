/**
 * The working-day clock of a service application (办件时限): the kit's pausing clock
 * (platform/workflow/clock.ts) started at acceptance 受理, paused by 补正 and 特别程序, against the
 * item's committed days (the limit) and legal days (the cap). What is 办件's own lives here: the
 * pauses as the case page lists them, and the latest 容缺 deadline.
 */
import type { ApplicationClockView, ClockPauseView, PauseKind } from '@yuanqi/contract';
import { shanghaiDate, type WorkingCalendar } from '../../../platform/calendar/index.js';
import { pausedWorkingDays, pausingClock, withLenientCalendar } from '../../../platform/workflow/index.js';

export type PauseInterval = {
  id: string;
  kind: PauseKind;
  name: string;
  materialKeys: string[];
  note: string | null;
  maxDays: number | null;
  startedAt: Date;
  endedAt: Date | null;
};

export type ClockInput = {
  acceptedAt: Date | null;
  /** 办结 (or any end of the case); null while open. */
  finishedAt: Date | null;
  committedDays: number;
  legalDays: number;
  pauses: PauseInterval[];
  calendarGuessed?: boolean;
};

/** The latest deadline a 容缺受理 may give: the committed due date of a case accepted at `acceptedAt` (Shanghai date). */
export function latestRongqueDeadline(calendar: WorkingCalendar, acceptedAt: Date, committedDays: number): string {
  return shanghaiDate(calendar.computeDueAt(acceptedAt, committedDays));
}

function pauseView(calendar: WorkingCalendar, acceptedAt: Date | null, pause: PauseInterval, now: Date): ClockPauseView {
  const days = acceptedAt ? pausedWorkingDays(calendar, acceptedAt, [pause], pause.endedAt ?? now) : 0;
  return {
    id: pause.id,
    kind: pause.kind,
    name: pause.name,
    materialKeys: pause.materialKeys,
    note: pause.note,
    maxDays: pause.maxDays,
    startedAt: pause.startedAt.toISOString(),
    endedAt: pause.endedAt?.toISOString() ?? null,
    workingDays: days,
  };
}

/**
 * The clock as a case shows it at `now`. For a paused case the deadlines are those that would hold
 * if the pause ended today (the running pause counted through today).
 */
export function clockOf(calendar: WorkingCalendar, input: ClockInput, now: Date): ApplicationClockView {
  const clock = pausingClock(calendar, { startedAt: input.acceptedAt, finishedAt: input.finishedAt, limitDays: input.committedDays, legalDays: input.legalDays, pauses: input.pauses }, now);
  const pauses = withLenientCalendar(calendar, now, (cal) => input.pauses.map((p) => pauseView(cal, input.acceptedAt, p, now)));
  // Keys in the order the view has always had.
  return {
    committedDays: input.committedDays,
    legalDays: input.legalDays,
    calendarGuessed: (input.calendarGuessed ?? false) || clock.calendarGuessed || pauses.guessed,
    state: clock.state,
    acceptedAt: clock.startedAt?.toISOString() ?? null,
    elapsedDays: clock.elapsedDays,
    pausedDays: clock.pausedDays,
    remainingDays: clock.remainingDays,
    dueAt: clock.dueAt?.toISOString() ?? null,
    legalDueAt: clock.legalDueAt?.toISOString() ?? null,
    warning: clock.warning,
    withinLimit: clock.withinLimit,
    pauses: pauses.value,
  };
}
