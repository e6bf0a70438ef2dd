import { LATEST_FACT_LOOKBACK_YEARS, scaleClassOf, ymdOf } from './catalogue.js';
import type { FactValue, MatchingSubject, ScaleClass } from './types.js';

/**
 * The matching sweep's data in the shape its compiled rules read (issue 12): a batch of firms as
 * one Float64Array of columns, a column per registry number and per fact (key, year) that the
 * sweep's rules refer to (its "slot"; firm k of slot j at `j * size + k`), instead of a Map per
 * firm. A rule's test over the batch reads one column from end to end. Which fact goes to which slot is the sweep's
 * `FactLayout`, filled in as the rules are bound (`compileRule(…).bindColumns(asOf, layout)`); the
 * loader then writes only the slots some rule reads and skips every other fact.
 *
 * A slot holds one kind of value, so a rule reading a fact of the wrong type sees it missing, as
 * with the Map (`typeof v === 'number'`): numbers as themselves and booleans as 1/0 in the number
 * row (NaN: not reported or not of that kind), texts in a small text row (undefined: missing).
 * A 'latest' fact's slot (the year asked, else the newest report before it — see `lookupFact`)
 * is resolved once per firm when the batch is built, from every year the firm reported.
 */

/** Registry numbers at fixed slots of every row. */
export const SLOT_HEADCOUNT = 0;
export const SLOT_ANNUAL_REVENUE = 1;
export const SLOT_REGISTERED_CAPITAL = 2;
/** founded_on as YYYYMMDD. */
export const SLOT_FOUNDED_YMD = 3;
/** is_above_scale as 1/0. */
export const SLOT_ABOVE_SCALE = 4;
const FIXED_SLOTS = 5;

type Kind = 'num' | 'bool' | 'text';

/** Where a reported (key, year) goes: slot indexes (−1: no rule reads it as that kind). */
export type FactTarget = { num: number; bool: number; text: number };

/** A 'latest' key's slots, one per year a rule asks for. */
type LatestSlots = { key: string; years: number[]; targets: FactTarget[] };

export class FactLayout {
  /** Slots of the number row (registry numbers, number and boolean facts, tags). */
  width = FIXED_SLOTS;
  /** Slots of the text row. */
  textWidth = 0;
  private readonly exact = new Map<string, FactTarget>();
  private readonly latestByKey = new Map<string, number>();
  readonly latest: LatestSlots[] = [];
  private readonly tags = new Map<string, number>();
  /** Slots of tags, for the loader: [tag, slot]. */
  readonly tagSlots: [string, number][] = [];
  private readonly textTests = new Map<string, number>();
  /** Slots of text-field tests, for the loader (see `textTestSlot`). */
  readonly textTestSlots: TextTest[] = [];
  private frozen = false;

  private take(kind: Kind): number {
    if (this.frozen) throw new Error('FactLayout: a slot was asked for after batches were built for it');
    return kind === 'text' ? this.textWidth++ : this.width++;
  }

  private static pick(t: FactTarget, kind: Kind): number {
    return kind === 'num' ? t.num : kind === 'bool' ? t.bool : t.text;
  }

  private static put(t: FactTarget, kind: Kind, slot: number): void {
    if (kind === 'num') t.num = slot;
    else if (kind === 'bool') t.bool = slot;
    else t.text = slot;
  }

  /** The slot a rule reads fact (key, year) from, as a number, a boolean or a text. */
  slot(key: string, year: number, latest: boolean, kind: Kind): number {
    if (!latest) {
      const k = `${key}@${year}`;
      let t = this.exact.get(k);
      if (!t) {
        t = { num: -1, bool: -1, text: -1 };
        this.exact.set(k, t);
      }
      let s = FactLayout.pick(t, kind);
      if (s < 0) {
        s = this.take(kind);
        FactLayout.put(t, kind, s);
      }
      return s;
    }
    let li = this.latestByKey.get(key);
    if (li === undefined) {
      li = this.latest.length;
      this.latest.push({ key, years: [], targets: [] });
      this.latestByKey.set(key, li);
    }
    const l = this.latest[li];
    let yi = l.years.indexOf(year);
    if (yi < 0) {
      yi = l.years.length;
      l.years.push(year);
      l.targets.push({ num: -1, bool: -1, text: -1 });
    }
    let s = FactLayout.pick(l.targets[yi], kind);
    if (s < 0) {
      s = this.take(kind);
      FactLayout.put(l.targets[yi], kind, s);
    }
    return s;
  }

  /** The slot holding 1 when the firm has `tag`, else 0. */
  tagSlot(tag: string): number {
    let s = this.tags.get(tag);
    if (s === undefined) {
      s = this.take('num');
      this.tags.set(tag, s);
      this.tagSlots.push([tag, s]);
    }
    return s;
  }

  /**
   * The slot holding a registry text's test as 1/0 — `chain` or `industry_code` is one of `values`
   * ('in') or starts with `values[0]` ('prefix') — and NaN when the firm has no such text, so a
   * rule's "in"/"startsWith" leaf is a number test like the others.
   */
  textTestSlot(field: 'chain' | 'industry_code', kind: 'in' | 'prefix', values: readonly string[]): number {
    const name = JSON.stringify([field, kind, values]);
    let s = this.textTests.get(name);
    if (s === undefined) {
      s = this.take('num');
      this.textTests.set(name, s);
      this.textTestSlots.push({ field, kind, values: kind === 'in' ? new Set(values) : null, prefix: kind === 'prefix' ? values[0] : '', slot: s });
    }
    return s;
  }

  /** Where a reported (key, year) goes when the key is not a 'latest' one (null: no rule reads it). */
  exactTarget(key: string, year: number): FactTarget | null {
    return this.exact.get(`${key}@${year}`) ?? null;
  }

  /** The index of a 'latest' key in `latest` (−1: none of the rules reads it). */
  latestIndex(key: string): number {
    return this.latestByKey.get(key) ?? -1;
  }

  /** No more slots: batches are about to be built with this width. */
  freeze(): void {
    this.frozen = true;
  }
}

type TextTest = { field: 'chain' | 'industry_code'; kind: 'in' | 'prefix'; values: Set<string> | null; prefix: string; slot: number };

/** One firm's registry attributes, as the loader has them. */
export type ColumnRegistry = {
  isAboveScale: boolean | null;
  chain: string | null;
  industryCode: string | null;
  headcount: number | null;
  annualRevenueFen: number | null;
  registeredCapitalFen: number | null;
  foundedOn: string | null;
  tags: readonly string[] | null;
};

const NO_TAGS: readonly string[] = Object.freeze([]);

/**
 * A batch of firms in the layout's shape, and the cursor the compiled rules read through:
 * `at(k)` points it at firm k (`i`; `t` is its offset in the text rows, firm by firm).
 */
export class FirmColumns {
  readonly width: number;
  readonly textWidth: number;
  readonly num: Float64Array;
  readonly text: (string | undefined)[];
  readonly ids: string[];
  readonly chain: (string | null)[];
  readonly industryCode: (string | null)[];
  readonly scaleClass: (ScaleClass | null)[];
  readonly foundedOn: (string | null)[];
  readonly tags: (readonly string[])[];
  /** The current firm, and its offset in `text`. */
  i = 0;
  t = 0;

  constructor(
    readonly layout: FactLayout,
    readonly size: number,
  ) {
    layout.freeze();
    this.width = layout.width;
    this.textWidth = layout.textWidth;
    this.num = new Float64Array(size * this.width).fill(NaN);
    this.text = this.textWidth > 0 ? new Array(size * this.textWidth) : [];
    this.ids = new Array(size);
    this.chain = new Array(size);
    this.industryCode = new Array(size);
    this.scaleClass = new Array(size);
    this.foundedOn = new Array(size);
    this.tags = new Array(size);
  }

  at(k: number): this {
    this.i = k;
    this.t = k * this.textWidth;
    return this;
  }
}

/**
 * Fills a `FirmColumns` firm by firm: `firm(k, id, registry)`, then its facts (`exact` for a
 * key that is not a 'latest' one, `latestFact` for one that is, in any order), then `end()`.
 * Facts may also come later: `begin(k)`, the facts, `end()`.
 */
export class ColumnWriter {
  readonly batch: FirmColumns;
  private readonly layout: FactLayout;
  // the current firm, the batch's size (a column's length), the firm's offset in the text rows
  private k = 0;
  private size = 0;
  private t = 0;
  // the current firm's reports of 'latest' keys: key index, year, value
  private lk: number[] = [];
  private ly: number[] = [];
  private lv: FactValue[] = [];
  private ln = 0;

  constructor(layout: FactLayout, size: number) {
    this.layout = layout;
    this.batch = new FirmColumns(layout, size);
  }

  /** Points the writer at firm k for its facts. */
  begin(k: number): void {
    const b = this.batch;
    this.k = k;
    this.size = b.size;
    this.t = k * b.textWidth;
    this.ln = 0;
  }

  firm(k: number, id: string, r: ColumnRegistry): void {
    const b = this.batch;
    this.begin(k);
    const n = b.size;
    const num = b.num;
    if (r.headcount !== null) num[SLOT_HEADCOUNT * n + k] = r.headcount;
    if (r.annualRevenueFen !== null) num[SLOT_ANNUAL_REVENUE * n + k] = r.annualRevenueFen;
    if (r.registeredCapitalFen !== null) num[SLOT_REGISTERED_CAPITAL * n + k] = r.registeredCapitalFen;
    const ymd = ymdOf(r.foundedOn);
    if (ymd !== null) num[SLOT_FOUNDED_YMD * n + k] = ymd;
    if (r.isAboveScale !== null) num[SLOT_ABOVE_SCALE * n + k] = r.isAboveScale ? 1 : 0;
    b.ids[k] = id;
    b.chain[k] = r.chain;
    b.industryCode[k] = r.industryCode;
    b.scaleClass[k] = scaleClassOf(r.headcount, r.annualRevenueFen);
    b.foundedOn[k] = r.foundedOn;
    const tags = r.tags ?? NO_TAGS;
    b.tags[k] = tags;
    const slots = this.layout.tagSlots;
    for (let i = 0; i < slots.length; i++) num[slots[i][1] * n + k] = tags.includes(slots[i][0]) ? 1 : 0;
    const tests = this.layout.textTestSlots;
    for (let i = 0; i < tests.length; i++) {
      const t = tests[i];
      const v = t.field === 'chain' ? r.chain : r.industryCode;
      if (v !== null) num[t.slot * n + k] = (t.values !== null ? t.values.has(v) : v.startsWith(t.prefix)) ? 1 : 0;
    }
  }

  /** A reported value of a key that is not a 'latest' one (null values are not reported). */
  exact(target: FactTarget, value: FactValue): void {
    if (typeof value === 'number') {
      if (target.num >= 0) this.batch.num[target.num * this.size + this.k] = value;
    } else if (typeof value === 'boolean') {
      if (target.bool >= 0) this.batch.num[target.bool * this.size + this.k] = value ? 1 : 0;
    } else if (target.text >= 0) this.batch.text[this.t + target.text] = value;
  }

  /** A reported value of the layout's 'latest' key `keyIndex` (see `FactLayout.latestIndex`). */
  latestFact(keyIndex: number, year: number, value: FactValue): void {
    const n = this.ln++;
    this.lk[n] = keyIndex;
    this.ly[n] = year;
    this.lv[n] = value;
  }

  /** Resolves the firm's 'latest' slots as `lookupFact` reads them. */
  end(): void {
    const n = this.ln;
    if (n === 0) return;
    const latest = this.layout.latest;
    for (let li = 0; li < latest.length; li++) {
      const l = latest[li];
      // the newest report of the key
      let newest = -Infinity;
      for (let x = 0; x < n; x++) if (this.lk[x] === li && this.ly[x] > newest) newest = this.ly[x];
      if (newest === -Infinity) continue;
      for (let yi = 0; yi < l.years.length; yi++) {
        const year = l.years[yi];
        // the newest report at or before the year asked; when there are later reports, only
        // within the look-back (lookupFact)
        let best = -Infinity;
        let at = -1;
        for (let x = 0; x < n; x++) {
          if (this.lk[x] !== li) continue;
          const y = this.ly[x];
          if (y <= year && y >= best) {
            best = y;
            at = x;
          }
        }
        if (at < 0 || (newest > year && best < year - LATEST_FACT_LOOKBACK_YEARS)) continue;
        this.exact(l.targets[yi], this.lv[at]);
      }
    }
  }
}

/** A batch built from Map subjects (the one-firm path and tests: the same rows the loader writes). */
export function columnsFromSubjects(layout: FactLayout, subjects: readonly MatchingSubject[]): FirmColumns {
  const w = new ColumnWriter(layout, subjects.length);
  // where each `key@year` goes, worked out once per distinct key (the loader's keys are shared strings)
  const where = new Map<string, { latest: number; year: number; target: FactTarget | null }>();
  for (let k = 0; k < subjects.length; k++) {
    const s = subjects[k];
    const f = s.fields;
    w.firm(k, s.enterpriseId, {
      isAboveScale: f.is_above_scale,
      chain: f.chain,
      industryCode: f.industry_code,
      headcount: f.headcount,
      annualRevenueFen: f.annual_revenue_fen,
      registeredCapitalFen: f.registered_capital_fen,
      foundedOn: f.founded_on,
      tags: f.tags,
    });
    for (const [k2, value] of s.facts) {
      let e = where.get(k2);
      if (e === undefined) {
        const at = k2.lastIndexOf('@');
        const key = k2.slice(0, at);
        const year = Number(k2.slice(at + 1));
        const latest = layout.latestIndex(key);
        e = { latest, year, target: latest >= 0 ? null : layout.exactTarget(key, year) };
        where.set(k2, e);
      }
      if (e.latest >= 0) w.latestFact(e.latest, e.year, value);
      else if (e.target) w.exact(e.target, value);
    }
    w.end();
  }
  return w.batch;
}
