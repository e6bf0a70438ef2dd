import { sql, type RawBuilder } from 'kysely';

/**
 * Reading a rollup kept by day ('d') and by month ('m') — rows keyed (grain, bucket), the bucket
 * being the Shanghai date or the month's first day (e.g. demand_rollup, migration 20261207-0005).
 * A range of whole Shanghai days [from, end) is covered once by the month rows of the months it
 * holds whole and the day rows of its ragged ends: a year reads 12 month buckets and at most ~60
 * day buckets instead of every row of the year.
 */
export type RollupSpan = {
  /** Month buckets from ≤ bucket < to (first days of months), or none. */
  months: { from: string; to: string } | null;
  /** Day buckets from ≤ bucket < to. */
  days: { from: string; to: string }[];
};

const monthStart = (date: string) => `${date.slice(0, 8)}01`;

function nextMonthStart(date: string): string {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  return m === 12 ? `${String(y + 1).padStart(4, '0')}-01-01` : `${date.slice(0, 5)}${String(m + 1).padStart(2, '0')}-01`;
}

/** The buckets covering the days from ≤ day < end (`YYYY-MM-DD`), each day once. */
export function rollupSpan(from: string, end: string): RollupSpan {
  if (from >= end) return { months: null, days: [] };
  const firstWhole = from.endsWith('-01') ? from : nextMonthStart(from);
  const lastWholeEnd = monthStart(end);
  if (firstWhole >= lastWholeEnd) return { months: null, days: [{ from, to: end }] };
  const days = [
    { from, to: firstWhole },
    { from: lastWholeEnd, to: end },
  ].filter((d) => d.from < d.to);
  return { months: { from: firstWhole, to: lastWholeEnd }, days };
}

/** The SQL condition selecting `alias`'s rollup rows that cover [from, end) once. */
export function rollupCovers(alias: string, from: string, end: string): RawBuilder<boolean> {
  const span = rollupSpan(from, end);
  const grain = sql.ref(`${alias}.grain`);
  const bucket = sql.ref(`${alias}.bucket`);
  const parts: RawBuilder<unknown>[] = [];
  if (span.months) parts.push(sql`(${grain} = 'm' and ${bucket} >= ${span.months.from}::date and ${bucket} < ${span.months.to}::date)`);
  for (const d of span.days) parts.push(sql`(${grain} = 'd' and ${bucket} >= ${d.from}::date and ${bucket} < ${d.to}::date)`);
  return parts.length === 0 ? sql<boolean>`false` : sql<boolean>`(${sql.join(parts, sql` or `)})`;
}

const MS_PER_DAY = 86_400_000;
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** Whether an instant is 00:00 in Shanghai (a day boundary of the rollup). */
export function isShanghaiMidnight(instant: Date): boolean {
  return (instant.getTime() + SHANGHAI_OFFSET_MS) % MS_PER_DAY === 0;
}


/** The calendar date after `date` (`YYYY-MM-DD`): the exclusive end of a range that ends on `date`. */
export function nextDate(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + MS_PER_DAY).toISOString().slice(0, 10);
}
