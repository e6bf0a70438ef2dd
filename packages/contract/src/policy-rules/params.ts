import type { MoneyEntryUnit, RuleParam, RuleParamValue } from './types.js';

/**
 * The value of a dated parameter in force at `date` ('YYYY-MM-DD'): the value with the latest
 * `from` on or before the date. Before the first `from` there is no value (null → the rule's
 * outcome is unknown, never a silent 0). Values need not be sorted.
 */
export function paramValueAt(param: Pick<RuleParam, 'values'>, date: string): number | null {
  let best: RuleParamValue | null = null;
  for (const v of param.values) {
    if (v.from <= date && (best === null || v.from > best.from)) best = v;
  }
  return best === null ? null : best.value;
}

/** The unit the value in force at `date` was typed in (元/万元), if it was money typed in the builder. */
export function paramEntryAt(param: Pick<RuleParam, 'values'>, date: string): MoneyEntryUnit | undefined {
  let best: RuleParamValue | null = null;
  for (const v of param.values) {
    if (v.from <= date && (best === null || v.from > best.from)) best = v;
  }
  return best?.entry;
}

/** The values sorted by date, each with the day it stops being in force (null = still in force). */
export function paramTimeline(param: Pick<RuleParam, 'values'>): { from: string; until: string | null; value: number; entry?: MoneyEntryUnit }[] {
  const sorted = [...param.values].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  return sorted.map((v, i) => ({ from: v.from, until: i + 1 < sorted.length ? dayBefore(sorted[i + 1].from) : null, value: v.value, ...(v.entry ? { entry: v.entry } : {}) }));
}

export function dayBefore(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}
