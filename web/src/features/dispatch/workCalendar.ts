import { useQueries } from '@tanstack/react-query';
import type { CalendarYear } from '@yuanqi/contract';
import { api } from '../../app/api';
import { dayjs, parkToday, toParkTime } from '../../components/format';

type DayKind = 'holiday' | 'workday';

function shift(date: string, days: number): string {
  return dayjs(date).add(days, 'day').format('YYYY-MM-DD');
}

/**
 * The park's working-day calendar on the client (the years around today), mirroring the server's
 * rules: statutory holidays off, 调休 make-up weekend days on, otherwise Monday–Friday. Answers
 * null for a year the calendar has no data for, rather than guessing.
 */
export function useWorkCalendar() {
  const year = Number(parkToday().slice(0, 4));
  const years = [year - 1, year, year + 1];
  const results = useQueries({
    queries: years.map((y) => ({
      queryKey: ['calendar', 'year', y],
      queryFn: ({ signal }: { signal: AbortSignal }) => api.get<CalendarYear>(`/api/calendar/years/${y}`, undefined, signal),
      staleTime: 30 * 60_000,
    })),
  });
  const byYear = new Map<number, { missing: boolean; days: Map<string, { kind: DayKind; name: string | null }> }>();
  results.forEach((r, i) => {
    if (!r.data) return;
    byYear.set(years[i]!, { missing: r.data.source === 'missing', days: new Map(r.data.days.map((d) => [d.date, { kind: d.kind, name: d.name }])) });
  });
  const ready = results.every((r) => !r.isLoading);

  const dayInfo = (date: string): { working: boolean; name: string | null } | null => {
    const y = byYear.get(Number(date.slice(0, 4)));
    if (!y || y.missing) return null;
    const special = y.days.get(date);
    if (special) return { working: special.kind === 'workday', name: special.name };
    const dow = dayjs(date).day();
    return { working: dow !== 0 && dow !== 6, name: null };
  };

  /** Working days in (from, to]; null when a year involved has no calendar data. */
  const between = (from: string, to: string): number | null => {
    let count = 0;
    for (let d = shift(from, 1); d <= to; d = shift(d, 1)) {
      const info = dayInfo(d);
      if (!info) return null;
      if (info.working) count++;
    }
    return count;
  };

  /** Countdown of a deadline instant as the demand countdown shows it (0 = today, negative = overdue). */
  const remaining = (dueAtIso: string, now = new Date()): number | null => {
    const today = parkToday();
    const dueDate = toParkTime(dueAtIso).format('YYYY-MM-DD');
    if (now.getTime() > Date.parse(dueAtIso)) {
      const n = between(dueDate, today);
      return n === null ? null : -Math.max(1, n);
    }
    return between(today, dueDate);
  };

  return { ready, dayInfo, between, remaining };
}
