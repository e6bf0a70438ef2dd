import { parseYuanToFen } from '../money.js';
import type { MoneyEntryUnit } from './types.js';

/**
 * Money typed in the rule builder: a number in 元 or 万元 becomes integer fen once, when it is
 * typed, and keeps the unit it was typed in (`entry` on the rule's number, tier bound or
 * parameter value). These are the only conversions the builder makes.
 */

/** The fen of a number typed in `unit` (2000 in 万元 → 2,000,000,000 fen); null when it is no amount. */
export function fenFromEntry(typed: number, unit: MoneyEntryUnit): number | null {
  if (!Number.isFinite(typed)) return null;
  // through the text path: 0.0001万元 is exactly 100 fen, not 99.99999999999999
  return unit === 'wan' ? parseYuanToFen(`${trimmed(typed, 6)}万`) : parseYuanToFen(typed);
}

/** The number an officer sees for `fen` in `unit` (2,000,000,000 fen in 万元 → 2000). */
export function fenToEntry(fen: number, unit: MoneyEntryUnit): number {
  return unit === 'wan' ? Number((fen / 1_000_000).toPrecision(15)) : Number((fen / 100).toPrecision(15));
}

/**
 * The unit an amount stored without one (rules saved before the unit was kept, templates) is
 * shown in: 万元 for whole ten-thousands from 1万元 up, else 元 — the read-back's own choice.
 */
export function guessEntryUnit(fen: number): MoneyEntryUnit {
  return Math.abs(fen) >= 1_000_000 && fen % 10_000 === 0 ? 'wan' : 'yuan';
}

/**
 * Switching the unit of an amount keeps the number the officer typed: 2000 元 switched to 万元 is
 * 2000 万元 (never 0.2 万元). Answers the new fen.
 */
export function switchEntryUnit(fen: number, from: MoneyEntryUnit, to: MoneyEntryUnit): number | null {
  return fenFromEntry(fenToEntry(fen, from), to);
}

function trimmed(n: number, digits: number): string {
  const s = n.toFixed(digits);
  return s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s;
}
