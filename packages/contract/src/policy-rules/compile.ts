import { DEFAULT_MONEY_ROUNDING, roundMoney } from '../money.js';
import { LATEST_FACT_LOOKBACK_YEARS, indexCatalogue, resolveFactYear, ymdOf, type CatalogueIndex } from './catalogue.js';
import { paramValueAt } from './params.js';
import { SLOT_ABOVE_SCALE, SLOT_ANNUAL_REVENUE, SLOT_FOUNDED_YMD, SLOT_HEADCOUNT, SLOT_REGISTERED_CAPITAL, type FactLayout, type FirmColumns } from './columns.js';
import type { CompareOp, Cond, Expr, MatchingSubject, MissingItem, PolicyRule, RuleCatalogue, RuleStatus } from './types.js';

/**
 * The fast path of the matching sweep. A validated rule is turned into a tree of closures once
 * per as-of date (parameters resolved to constants, fact references to constant Map keys, field
 * references to direct property reads, constants folded, conditions short-circuited) — nothing is
 * ever executed as code: no eval, no `new Function`.
 *
 * Inside: numbers use NaN for "unknown" (it propagates through arithmetic by itself), text and
 * booleans use null, conditions return 0 (false) / 1 (true) / 2 (unknown). Missing inputs are
 * pushed as indexes into `missingRefs` onto an optional sink; a node whose result is decided
 * takes its pushes back, so what remains is exactly what an unknown result depends on (the same
 * list `evaluateRule` reports).
 */

/** `match` results below 0. */
export const MATCH_INELIGIBLE = -1;
export const MATCH_UNKNOWN = -2;

/**
 * The indexes of the missing inputs of one evaluation: a stack that a node decided without them
 * truncates back to where it started (a field store, no array resizing).
 */
export class MissingStack {
  a: number[] = [];
  n = 0;
  push(r: number): void {
    this.a[this.n++] = r;
  }
}

type Sink = MissingStack | null;
type NumFn = (s: MatchingSubject, m: Sink) => number;
type TextFn = (s: MatchingSubject, m: Sink) => string | null;
type BoolFn = (s: MatchingSubject, m: Sink) => boolean | null;
type CondFn = (s: MatchingSubject, m: Sink) => 0 | 1 | 2;
// the same closures over a batch of firm columns (the cursor at one firm): the tree between the
// leaves passes its first argument through untouched, so only the leaves differ
type ColNumFn = (b: FirmColumns, m: Sink) => number;
type ColTextFn = (b: FirmColumns, m: Sink) => string | null;
type ColBoolFn = (b: FirmColumns, m: Sink) => boolean | null;
type ColCondFn = (b: FirmColumns, m: Sink) => 0 | 1 | 2;
const colNum = (f: ColNumFn) => f as unknown as NumFn;
const colText = (f: ColTextFn) => f as unknown as TextFn;
const colBool = (f: ColBoolFn) => f as unknown as BoolFn;
const colCond = (f: ColCondFn) => f as unknown as CondFn;

const F = 0 as const;
const T = 1 as const;
const U = 2 as const;

/** A compiled expression node: a constant when it could be folded. */
type NumNode = { fn: NumFn; konst?: number };
type CondNode = { fn: CondFn; konst?: 0 | 1 | 2; test?: SlotTest; plan?: GroupPlan };
/** Column mode: an "all" group of slot tests (and other items), for `matchBatch`. */
type GroupPlan = { slots: Int32Array; lo: Float64Array; hi: Float64Array; outside: Uint8Array; ages: Uint8Array; rest: ColCondFn[] };
/**
 * Column mode: a leaf that is "a number slot against a constant" (a figure, a registry number, an
 * age, a flag as 1/0, a tag as 1/0), as data, so that a group runs its leaves of this kind in one
 * loop over small arrays instead of a closure call each. `op` is a CMP_CODE (negation folded in:
 * the slot is never NaN when compared); `ref` is pushed when the slot is empty.
 */
type SlotTest = { slot: number; op: number; k: number; age: boolean; ref: number };
/** CMP_CODE of the negated comparison (for values that are not NaN). */
const NEGATED_CMP = [3, 2, 1, 0, 5, 4];

export type FastOutcome = { status: RuleStatus; amountFen: number | null; missing: MissingItem[] };

export interface BoundRule<S = MatchingSubject> {
  readonly asOf: string;
  /** What missing-input indexes pushed on a sink refer to. */
  readonly missingRefs: readonly MissingItem[];
  /**
   * ≥ 0: eligible, the amount in fen (cap applied, rounded down); MATCH_INELIGIBLE; MATCH_UNKNOWN.
   * With a sink, an unknown result leaves on it the indexes of the inputs it lacks.
   */
  match(subject: S, sink?: number[] | null): number;
  /**
   * `match` that always collects: `stack` is reset, and after an unknown result holds the indexes
   * of the inputs it lacks in `stack.a[0 … stack.n)` (unsorted, possibly repeated). One pass for
   * every outcome — the matching sweep's way to learn what unknown pairs lack without running
   * them twice.
   */
  matchInto(subject: S, stack: MissingStack): number;
  /** `match` as an object, with the missing inputs resolved (deduplicated). */
  outcome(subject: S): FastOutcome;
  missingOf(sink: readonly number[]): MissingItem[];
}

/** A rule bound to firm columns: `match` per firm, or `matchBatch` for a whole batch at once. */
export interface BoundColumnRule extends BoundRule<FirmColumns> {
  /**
   * `match` (no missing inputs) for every firm k of the batch, into `codes[k * stride + offset]`.
   * When the rule's conditions are an "all" of slot tests (most rules), each test runs over the
   * firms still in play in one tight loop (the test's slot and bounds stay in registers), the
   * other items and the amount per firm that remains; otherwise firm by firm.
   */
  matchBatch(batch: FirmColumns, codes: Float64Array, stride: number, offset: number): void;
}

export interface CompiledRule {
  readonly rule: PolicyRule;
  /** The closures for one as-of date (cached: the last few dates are kept). */
  bind(asOf: string): BoundRule;
  /**
   * The closures for one as-of date reading a batch of firm columns (`FirmColumns.at(k)`): the
   * rule's facts get their slots in `layout` (shared by every rule of a sweep). Not cached.
   */
  bindColumns(asOf: string, layout: FactLayout): BoundColumnRule;
  evaluate(subject: MatchingSubject, asOf: string): FastOutcome;
}

class Binder {
  readonly refs: MissingItem[] = [];
  private refIndex = new Map<string, number>();
  private params = new Map<string, number | null>();
  readonly asOfYear: number;
  readonly asOfYmd: number;

  constructor(
    readonly rule: PolicyRule,
    readonly idx: CatalogueIndex,
    readonly asOf: string,
    /** Column mode: leaves read the batch's slots instead of the subject's Maps. */
    readonly cols: FactLayout | null = null,
  ) {
    this.asOfYear = Number(asOf.slice(0, 4));
    this.asOfYmd = ymdOf(asOf) ?? 0;
    for (const p of rule.params) this.params.set(p.key, paramValueAt(p, asOf));
  }

  ref(item: MissingItem): number {
    const k = `${item.kind}:${item.key}:${item.year ?? ''}`;
    let i = this.refIndex.get(k);
    if (i === undefined) {
      i = this.refs.length;
      this.refs.push(item);
      this.refIndex.set(k, i);
    }
    return i;
  }

  // ---------------------------------------------------------------- raw value accessors

  /** A fact reader: exact year, or (for 'latest' facts) the newest year ≤ the year asked. */
  private factReader(key: string, year: number): (s: MatchingSubject) => unknown {
    const def = this.idx.facts.get(key);
    const k = internedFactKey(key, year);
    if (def?.period !== 'latest') return (s) => s.facts.get(k);
    // the keys of the look-back years, built once: keys[d] is `${key}@${year - d}`
    const keys: string[] = [];
    for (let d = 0; d <= LATEST_FACT_LOOKBACK_YEARS; d++) keys.push(internedFactKey(key, year - d));
    const last = LATEST_FACT_LOOKBACK_YEARS;
    return (s) => {
      const v = s.facts.get(k);
      if (v !== undefined) return v;
      const newest = s.factLatestYear.get(key);
      if (newest === undefined) return undefined;
      if (newest <= year) return year - newest <= last ? s.facts.get(keys[year - newest]) : s.facts.get(internedFactKey(key, newest));
      for (let d = 1; d <= last; d++) {
        const w = s.facts.get(keys[d]);
        if (w !== undefined) return w;
      }
      return undefined;
    };
  }

  /** Column mode: the slot fact (key, year) is read from as a number, a boolean or a text. */
  private slot(key: string, year: number, kind: 'num' | 'bool' | 'text'): number {
    return this.cols!.slot(key, year, this.idx.facts.get(key)?.period === 'latest', kind);
  }

  private factRef(key: string, year: number): number {
    return this.ref({ kind: 'fact', key, label: this.idx.facts.get(key)?.label ?? key, year });
  }

  private fieldRef(key: string): number {
    return this.ref({ kind: 'field', key, label: this.idx.fields.get(key)?.label ?? key });
  }

  // ---------------------------------------------------------------- numbers

  num(e: Expr): NumNode {
    switch (e.op) {
      case 'num':
        return konstNum(e.value);
      case 'param': {
        const v = this.params.get(e.key);
        if (v === null || v === undefined) {
          const r = this.ref({ kind: 'param', key: e.key, label: this.rule.params.find((p) => p.key === e.key)?.label ?? e.key });
          return {
            fn: (_s, m) => {
              if (m !== null) m.push(r);
              return NaN;
            },
          };
        }
        return konstNum(v);
      }
      case 'field':
        return { fn: this.numField(e.field) };
      case 'fact': {
        const year = resolveFactYear(e.year, this.asOfYear);
        const r = this.factRef(e.key, year);
        if (this.cols) {
          const j = this.slot(e.key, year, 'num');
          return {
            fn: colNum((b, m) => {
              const v = b.num[j * b.size + b.i];
              if (v === v) return v;
              if (m !== null) m.push(r);
              return NaN;
            }),
          };
        }
        const def = this.idx.facts.get(e.key);
        if (def?.period !== 'latest') {
          const k = internedFactKey(e.key, year);
          return {
            fn: (s, m) => {
              const v = s.facts.get(k);
              if (typeof v === 'number') return v;
              if (m !== null) m.push(r);
              return NaN;
            },
          };
        }
        const read = this.factReader(e.key, year);
        return {
          fn: (s, m) => {
            const v = read(s);
            if (typeof v === 'number') return v;
            if (m !== null) m.push(r);
            return NaN;
          },
        };
      }
      case 'add':
      case 'mul':
      case 'min':
      case 'max':
        return this.nary(e.op, e.args.map((a) => this.num(a)));
      case 'sub': {
        const [a, b] = e.args.map((x) => this.num(x));
        if (a.konst !== undefined && b.konst !== undefined) return konstNum(a.konst - b.konst);
        const fa = a.fn;
        const fb = b.fn;
        return { fn: (s, m) => fa(s, m) - fb(s, m) };
      }
      case 'div': {
        const [a, b] = e.args.map((x) => this.num(x));
        if (a.konst !== undefined && b.konst !== undefined) return konstNum(b.konst === 0 ? NaN : a.konst / b.konst);
        const fa = a.fn;
        if (b.konst !== undefined) {
          const d = b.konst;
          if (d === 0) return { fn: (s, m) => (fa(s, m), NaN) };
          return { fn: (s, m) => fa(s, m) / d };
        }
        const fb = b.fn;
        return {
          fn: (s, m) => {
            const x = fa(s, m);
            const y = fb(s, m);
            return y === 0 ? NaN : x / y;
          },
        };
      }
      case 'percent': {
        const base = this.num(e.base);
        const rate = this.num(e.rate);
        if (base.konst !== undefined && rate.konst !== undefined) return konstNum((base.konst * rate.konst) / 100);
        const fb = base.fn;
        if (rate.konst !== undefined) {
          const kr = rate.konst;
          // base × rate / 100 in the interpreter's order, so both give the same bits
          return { fn: (s, m) => (fb(s, m) * kr) / 100 };
        }
        const fr = rate.fn;
        return { fn: (s, m) => (fb(s, m) * fr(s, m)) / 100 };
      }
      case 'tiers': {
        const input = this.num(e.input);
        const bounds = e.tiers.map((t) => ({ min: t.min ?? -Infinity, max: t.max ?? Infinity }));
        const values = e.tiers.map((t) => this.num(t.value));
        const otherwise = e.otherwise ? this.num(e.otherwise) : konstNum(NaN);
        const pick = (x: number): NumNode => {
          for (let i = 0; i < bounds.length; i++) if (x >= bounds[i].min && x < bounds[i].max) return values[i];
          return otherwise;
        };
        if (input.konst !== undefined) return input.konst !== input.konst ? konstNum(NaN) : pick(input.konst);
        const fin = input.fn;
        const n = bounds.length;
        const mins = bounds.map((b) => b.min);
        const maxs = bounds.map((b) => b.max);
        const fns = values.map((v) => v.fn);
        const fo = otherwise.fn;
        return {
          fn: (s, m) => {
            const x = fin(s, m);
            if (x !== x) return NaN;
            for (let i = 0; i < n; i++) if (x >= mins[i] && x < maxs[i]) return fns[i](s, m);
            return fo(s, m);
          },
        };
      }
      case 'if': {
        const when = this.cond(e.when);
        const a = this.num(e.then);
        const b = this.num(e.else);
        if (when.konst !== undefined) return when.konst === U ? konstNum(NaN) : when.konst === T ? a : b;
        const fw = when.fn;
        const fa = a.fn;
        const fb = b.fn;
        return {
          fn: (s, m) => {
            const c = fw(s, m);
            return c === T ? fa(s, m) : c === F ? fb(s, m) : NaN;
          },
        };
      }
      case 'choose': {
        const input = this.text(e.input);
        const table = new Map<string, NumNode>();
        for (const c of e.cases) {
          const v = this.num(c.value);
          for (const key of c.values) table.set(key, v);
        }
        const otherwise = e.otherwise ? this.num(e.otherwise) : konstNum(NaN);
        const fns = new Map([...table].map(([k, v]) => [k, v.fn]));
        const fo = otherwise.fn;
        return {
          fn: (s, m) => {
            const x = input(s, m);
            if (x === null) return NaN;
            const f = fns.get(x);
            return f === undefined ? fo(s, m) : f(s, m);
          },
        };
      }
    }
    throw new Error(`规则未通过校验:数值位置不能使用“${(e as Expr).op}”`);
  }

  private nary(op: 'add' | 'mul' | 'min' | 'max', nodes: NumNode[]): NumNode {
    const fold = (xs: number[]): number => {
      switch (op) {
        case 'add':
          return xs.reduce((s, x) => s + x, 0);
        case 'mul':
          return xs.reduce((s, x) => s * x, 1);
        case 'min':
          return Math.min(...xs);
        case 'max':
          return Math.max(...xs);
      }
    };
    if (nodes.every((n) => n.konst !== undefined)) return konstNum(fold(nodes.map((n) => n.konst!)));
    // Keep the order (floating-point results must equal the interpreter's), fold nothing across non-constants.
    const fns = nodes.map((n) => n.fn);
    if (fns.length === 2) {
      const [a, b] = fns;
      switch (op) {
        case 'add':
          return { fn: (s, m) => a(s, m) + b(s, m) };
        case 'mul':
          return { fn: (s, m) => a(s, m) * b(s, m) };
        case 'min':
          return { fn: (s, m) => Math.min(a(s, m), b(s, m)) };
        case 'max':
          return { fn: (s, m) => Math.max(a(s, m), b(s, m)) };
      }
    }
    const n = fns.length;
    switch (op) {
      case 'add':
        return {
          fn: (s, m) => {
            let acc = 0;
            for (let i = 0; i < n; i++) acc += fns[i](s, m);
            return acc;
          },
        };
      case 'mul':
        return {
          fn: (s, m) => {
            let acc = 1;
            for (let i = 0; i < n; i++) acc *= fns[i](s, m);
            return acc;
          },
        };
      case 'min':
      case 'max': {
        const isMin = op === 'min';
        return {
          fn: (s, m) => {
            let acc = isMin ? Infinity : -Infinity;
            let nan = false;
            for (let i = 0; i < n; i++) {
              const x = fns[i](s, m);
              if (x !== x) nan = true;
              else if (isMin ? x < acc : x > acc) acc = x;
            }
            return nan ? NaN : acc;
          },
        };
      }
    }
  }

  private numField(field: string): NumFn {
    if (this.cols) {
      if (field === 'age_years') {
        const r = this.fieldRef('founded_on');
        const asOf = this.asOfYmd;
        return colNum((b, m) => {
          const f = b.num[SLOT_FOUNDED_YMD * b.size + b.i];
          if (f !== f) {
            if (m !== null) m.push(r);
            return NaN;
          }
          return Math.floor((asOf - f) / 10000);
        });
      }
      const j = NUMBER_FIELD_SLOTS.get(field);
      if (j === undefined) throw new Error(`规则未通过校验:“${field}”不是数值型企业信息项`);
      const r = this.fieldRef(field);
      return colNum((b, m) => {
        const v = b.num[j * b.size + b.i];
        if (v === v) return v;
        if (m !== null) m.push(r);
        return NaN;
      });
    }
    const missing = (r: number) => (m: Sink) => {
      if (m !== null) m.push(r);
      return NaN;
    };
    switch (field) {
      case 'headcount': {
        const miss = missing(this.fieldRef('headcount'));
        return (s, m) => {
          const v = s.fields.headcount;
          return v === null ? miss(m) : v;
        };
      }
      case 'annual_revenue_fen': {
        const miss = missing(this.fieldRef('annual_revenue_fen'));
        return (s, m) => {
          const v = s.fields.annual_revenue_fen;
          return v === null ? miss(m) : v;
        };
      }
      case 'registered_capital_fen': {
        const miss = missing(this.fieldRef('registered_capital_fen'));
        return (s, m) => {
          const v = s.fields.registered_capital_fen;
          return v === null ? miss(m) : v;
        };
      }
      case 'age_years': {
        const r = this.fieldRef('founded_on');
        const asOf = this.asOfYmd;
        return (s, m) => {
          const f = s.fields.founded_ymd;
          if (f === null) {
            if (m !== null) m.push(r);
            return NaN;
          }
          return Math.floor((asOf - f) / 10000);
        };
      }
    }
    throw new Error(`规则未通过校验:“${field}”不是数值型企业信息项`);
  }

  // ---------------------------------------------------------------- text and booleans

  text(e: Expr): TextFn {
    switch (e.op) {
      case 'field': {
        if (this.cols) return this.colTextField(e.field);
        switch (e.field) {
          case 'chain': {
            const r = this.fieldRef('chain');
            return (s, m) => {
              const v = s.fields.chain;
              if (v === null && m !== null) m.push(r);
              return v;
            };
          }
          case 'industry_code': {
            const r = this.fieldRef('industry_code');
            return (s, m) => {
              const v = s.fields.industry_code;
              if (v === null && m !== null) m.push(r);
              return v;
            };
          }
          case 'scale_class': {
            const rh = this.fieldRef('headcount');
            const rr = this.fieldRef('annual_revenue_fen');
            return (s, m) => {
              const v = s.fields.scale_class;
              if (v === null && m !== null) {
                if (s.fields.headcount === null) m.push(rh);
                if (s.fields.annual_revenue_fen === null) m.push(rr);
              }
              return v;
            };
          }
        }
        throw new Error(`规则未通过校验:“${e.field}”不是文本型企业信息项`);
      }
      case 'fact': {
        const year = resolveFactYear(e.year, this.asOfYear);
        const r = this.factRef(e.key, year);
        if (this.cols) {
          const j = this.slot(e.key, year, 'text');
          return colText((b, m) => {
            const v = b.text[b.t + j];
            if (v !== undefined) return v;
            if (m !== null) m.push(r);
            return null;
          });
        }
        const read = this.factReader(e.key, year);
        return (s, m) => {
          const v = read(s);
          if (typeof v === 'string') return v;
          if (m !== null) m.push(r);
          return null;
        };
      }
      case 'if': {
        const when = this.cond(e.when).fn;
        const a = this.text(e.then);
        const b = this.text(e.else);
        return (s, m) => {
          const c = when(s, m);
          return c === T ? a(s, m) : c === F ? b(s, m) : null;
        };
      }
      case 'choose': {
        const input = this.text(e.input);
        const table = new Map<string, TextFn>();
        for (const c of e.cases) {
          const v = this.text(c.value);
          for (const key of c.values) table.set(key, v);
        }
        const fo: TextFn = e.otherwise ? this.text(e.otherwise) : () => null;
        return (s, m) => {
          const x = input(s, m);
          if (x === null) return null;
          const f = table.get(x);
          return f === undefined ? fo(s, m) : f(s, m);
        };
      }
      case 'tiers': {
        const input = this.num(e.input).fn;
        const mins = e.tiers.map((t) => t.min ?? -Infinity);
        const maxs = e.tiers.map((t) => t.max ?? Infinity);
        const fns = e.tiers.map((t) => this.text(t.value));
        const fo: TextFn = e.otherwise ? this.text(e.otherwise) : () => null;
        return (s, m) => {
          const x = input(s, m);
          if (x !== x) return null;
          for (let i = 0; i < mins.length; i++) if (x >= mins[i] && x < maxs[i]) return fns[i](s, m);
          return fo(s, m);
        };
      }
    }
    throw new Error(`规则未通过校验:文本位置不能使用“${e.op}”`);
  }

  private colTextField(field: string): TextFn {
    switch (field) {
      case 'chain': {
        const r = this.fieldRef('chain');
        return colText((b, m) => {
          const v = b.chain[b.i];
          if (v === null && m !== null) m.push(r);
          return v;
        });
      }
      case 'industry_code': {
        const r = this.fieldRef('industry_code');
        return colText((b, m) => {
          const v = b.industryCode[b.i];
          if (v === null && m !== null) m.push(r);
          return v;
        });
      }
      case 'scale_class': {
        const rh = this.fieldRef('headcount');
        const rr = this.fieldRef('annual_revenue_fen');
        return colText((b, m) => {
          const v = b.scaleClass[b.i];
          if (v === null && m !== null) {
            const h = b.num[SLOT_HEADCOUNT * b.size + b.i];
            const a = b.num[SLOT_ANNUAL_REVENUE * b.size + b.i];
            if (h !== h) m.push(rh);
            if (a !== a) m.push(rr);
          }
          return v;
        });
      }
    }
    throw new Error(`规则未通过校验:“${field}”不是文本型企业信息项`);
  }

  bool(e: Expr): BoolFn {
    if (e.op === 'field' && e.field === 'is_above_scale') {
      const r = this.fieldRef('is_above_scale');
      if (this.cols) {
        return colBool((b, m) => {
          const v = b.num[SLOT_ABOVE_SCALE * b.size + b.i];
          if (v === v) return v === 1;
          if (m !== null) m.push(r);
          return null;
        });
      }
      return (s, m) => {
        const v = s.fields.is_above_scale;
        if (v === null && m !== null) m.push(r);
        return v;
      };
    }
    if (e.op === 'fact') {
      const year = resolveFactYear(e.year, this.asOfYear);
      const r = this.factRef(e.key, year);
      if (this.cols) {
        const j = this.slot(e.key, year, 'bool');
        return colBool((b, m) => {
          const v = b.num[j * b.size + b.i];
          if (v === v) return v === 1;
          if (m !== null) m.push(r);
          return null;
        });
      }
      const read = this.factReader(e.key, year);
      return (s, m) => {
        const v = read(s);
        if (typeof v === 'boolean') return v;
        if (m !== null) m.push(r);
        return null;
      };
    }
    if (e.op === 'if') {
      const when = this.cond(e.when).fn;
      const a = this.bool(e.then);
      const b = this.bool(e.else);
      return (s, m) => {
        const c = when(s, m);
        return c === T ? a(s, m) : c === F ? b(s, m) : null;
      };
    }
    if (e.op === 'choose') {
      const input = this.text(e.input);
      const table = new Map<string, BoolFn>();
      for (const c of e.cases) {
        const v = this.bool(c.value);
        for (const key of c.values) table.set(key, v);
      }
      const fo: BoolFn = e.otherwise ? this.bool(e.otherwise) : () => null;
      return (s, m) => {
        const x = input(s, m);
        if (x === null) return null;
        const f = table.get(x);
        return f === undefined ? fo(s, m) : f(s, m);
      };
    }
    if (e.op === 'tiers') {
      const input = this.num(e.input).fn;
      const mins = e.tiers.map((t) => t.min ?? -Infinity);
      const maxs = e.tiers.map((t) => t.max ?? Infinity);
      const fns = e.tiers.map((t) => this.bool(t.value));
      const fo: BoolFn = e.otherwise ? this.bool(e.otherwise) : () => null;
      return (s, m) => {
        const x = input(s, m);
        if (x !== x) return null;
        for (let i = 0; i < mins.length; i++) if (x >= mins[i] && x < maxs[i]) return fns[i](s, m);
        return fo(s, m);
      };
    }
    throw new Error(`规则未通过校验:是/否位置不能使用“${e.op}”`);
  }

  /** Type of an expression as the validator inferred it (validated rules only). */
  private typeOf(e: Expr): 'number' | 'text' | 'boolean' | 'other' {
    switch (e.op) {
      case 'field': {
        const t = this.idx.fields.get(e.field)?.type;
        return t === 'number' || t === 'text' || t === 'boolean' ? t : 'other';
      }
      case 'fact':
        return this.idx.facts.get(e.key)?.type ?? 'other';
      case 'if':
        return this.typeOf(e.then);
      case 'choose': {
        const t = this.typeOf(e.cases[0].value);
        return t;
      }
      case 'tiers':
        return this.typeOf(e.tiers[0].value);
      default:
        return 'number';
    }
  }

  // ---------------------------------------------------------------- conditions

  cond(c: Cond): CondNode {
    switch (c.op) {
      case 'all':
      case 'any': {
        // compiled in rule order (missing-input refs numbered in rule order), run cheapest first
        const nodes = c.items.map((i, n) => ({ node: this.cond(i), cost: condCost(i, this.idx), n }));
        nodes.sort((a, b) => a.cost - b.cost || a.n - b.n);
        return this.group(c.op, nodes.map((x) => x.node));
      }
      case 'not': {
        const inner = this.cond(c.item);
        if (inner.konst !== undefined) return konstCond(inner.konst === U ? U : inner.konst === T ? F : T);
        const f = inner.fn;
        const t = inner.test;
        return {
          ...(t ? { test: { ...t, op: NEGATED_CMP[t.op] } } : {}),
          fn: (s, m) => {
            const r = f(s, m);
            return r === U ? U : r === T ? F : T;
          },
        };
      }
      case 'compare': {
        const fused = this.fusedCompare(c.left, c.cmp, c.right);
        if (fused) return fused;
        return this.compare(this.num(c.left), c.cmp, this.num(c.right));
      }
      case 'hasTag': {
        const tag = c.tag;
        if (this.cols) return this.slotTest({ slot: this.cols.tagSlot(tag), op: CMP_CODE['=='], k: 1, age: false, ref: -1 });
        return { fn: (s) => (s.fields.tags.includes(tag) ? T : F) };
      }
      case 'in': {
        if (this.cols && c.left.op === 'field' && (c.left.field === 'chain' || c.left.field === 'industry_code')) {
          const ref = this.fieldRef(c.left.field);
          return this.slotTest({ slot: this.cols.textTestSlot(c.left.field, 'in', c.values), op: CMP_CODE['=='], k: 1, age: false, ref });
        }
        const f = this.text(c.left);
        const values = c.values;
        if (values.length === 1) {
          const v0 = values[0];
          return {
            fn: (s, m) => {
              const x = f(s, m);
              return x === null ? U : x === v0 ? T : F;
            },
          };
        }
        const set = new Set(values);
        return {
          fn: (s, m) => {
            const x = f(s, m);
            return x === null ? U : set.has(x) ? T : F;
          },
        };
      }
      case 'startsWith': {
        if (this.cols && c.left.op === 'field' && (c.left.field === 'chain' || c.left.field === 'industry_code')) {
          const ref = this.fieldRef(c.left.field);
          return this.slotTest({ slot: this.cols.textTestSlot(c.left.field, 'prefix', [c.prefix]), op: CMP_CODE['=='], k: 1, age: false, ref });
        }
        const f = this.text(c.left);
        const prefix = c.prefix;
        return {
          fn: (s, m) => {
            const x = f(s, m);
            return x === null ? U : x.startsWith(prefix) ? T : F;
          },
        };
      }
      case 'isTrue': {
        const v = c.value;
        if (this.cols && (v.op === 'fact' || (v.op === 'field' && v.field === 'is_above_scale'))) {
          // a flag: the slot holds 1/0 (refs numbered as bool() numbers them)
          let slot: number;
          let ref: number;
          if (v.op === 'fact') {
            const year = resolveFactYear(v.year, this.asOfYear);
            ref = this.factRef(v.key, year);
            slot = this.slot(v.key, year, 'bool');
          } else {
            ref = this.fieldRef('is_above_scale');
            slot = SLOT_ABOVE_SCALE;
          }
          return this.slotTest({ slot, op: CMP_CODE['=='], k: 1, age: false, ref });
        }
        const f = this.bool(c.value);
        return {
          fn: (s, m) => {
            const x = f(s, m);
            return x === null ? U : x ? T : F;
          },
        };
      }
      case 'known': {
        const t = this.typeOf(c.value);
        if (t === 'number') {
          const f = this.num(c.value).fn;
          return {
            fn: (s, m) =>
              known(m, (mm) => {
                const x = f(s, mm);
                return x === x;
              }),
          };
        }
        if (t === 'text') {
          const f = this.text(c.value);
          return { fn: (s, m) => known(m, (mm) => f(s, mm) !== null) };
        }
        if (t === 'boolean') {
          const f = this.bool(c.value);
          return { fn: (s, m) => known(m, (mm) => f(s, mm) !== null) };
        }
        if (c.value.op === 'field' && c.value.field === 'founded_on') {
          if (this.cols) return { fn: colCond((b) => (b.foundedOn[b.i] === null ? F : T)) };
          return { fn: (s) => (s.fields.founded_on === null ? F : T) };
        }
        return konstCond(T); // tags are always known (an empty list is a value)
      }
    }
  }

  /**
   * The commonest leaf, "a reported figure or a registry number against a constant", as ONE
   * closure (no nested call for the value): read, check, compare.
   */
  private fusedCompare(left: Expr, cmp: CompareOp, right: Expr): CondNode | null {
    // in column mode a 'latest' fact's slot is resolved when the batch is built: one read as well
    const isFact = left.op === 'fact' && (this.cols !== null || this.idx.facts.get(left.key)?.period !== 'latest');
    const isField = left.op === 'field' && FUSED_FIELDS.has(left.field);
    if (!isFact && !isField) return null;
    // the left side's missing-input ref first: refs are numbered in rule order
    const year = left.op === 'fact' ? resolveFactYear(left.year, this.asOfYear) : 0;
    const r = left.op === 'fact' ? this.factRef(left.key, year) : this.fieldRef(left.op === 'field' && left.field === 'age_years' ? 'founded_on' : (left as { field: string }).field);
    const rk = this.num(right).konst;
    if (rk === undefined || rk !== rk) return null;
    const k = rk;
    const op = CMP_CODE[cmp];
    const test = (v: number): 0 | 1 => {
      switch (op) {
        case 0:
          return v >= k ? T : F;
        case 1:
          return v > k ? T : F;
        case 2:
          return v <= k ? T : F;
        case 3:
          return v < k ? T : F;
        case 4:
          return v === k ? T : F;
        default:
          return v !== k ? T : F;
      }
    };
    const miss = (m: Sink): 2 => {
      if (m !== null) m.push(r);
      return U;
    };
    if (this.cols) {
      const field = left.op === 'field' ? left.field : '';
      const age = field === 'age_years';
      const slot = left.op === 'fact' ? this.slot(left.key, year, 'num') : age ? SLOT_FOUNDED_YMD : NUMBER_FIELD_SLOTS.get(field)!;
      return this.slotTest({ slot, op, k, age, ref: r });
    }
    if (left.op === 'fact') {
      const key = internedFactKey(left.key, year);
      return {
        fn: (s, m) => {
          const v = s.facts.get(key);
          if (typeof v !== 'number') return miss(m);
          switch (op) {
            case 0:
              return v >= k ? T : F;
            case 1:
              return v > k ? T : F;
            case 2:
              return v <= k ? T : F;
            case 3:
              return v < k ? T : F;
            case 4:
              return v === k ? T : F;
            default:
              return v !== k ? T : F;
          }
        },
      };
    }
    switch ((left as { field: string }).field) {
      case 'headcount':
        return { fn: (s, m) => { const v = s.fields.headcount; return v === null ? miss(m) : test(v); } };
      case 'annual_revenue_fen':
        return { fn: (s, m) => { const v = s.fields.annual_revenue_fen; return v === null ? miss(m) : test(v); } };
      case 'registered_capital_fen':
        return { fn: (s, m) => { const v = s.fields.registered_capital_fen; return v === null ? miss(m) : test(v); } };
      default: {
        const asOf = this.asOfYmd;
        return { fn: (s, m) => { const f = s.fields.founded_ymd; return f === null ? miss(m) : test(Math.floor((asOf - f) / 10000)); } };
      }
    }
  }

  private compare(l: NumNode, cmp: CompareOp, r: NumNode): CondNode {
    if (l.konst !== undefined && r.konst !== undefined) {
      if (l.konst !== l.konst || r.konst !== r.konst) return { fn: (s, m) => (l.fn(s, m), r.fn(s, m), U) };
      return konstCond(cmpNum(l.konst, cmp, r.konst) ? T : F);
    }
    const fl = l.fn;
    if (r.konst !== undefined && r.konst === r.konst) {
      const k = r.konst;
      switch (cmp) {
        case '>=':
          return { fn: (s, m) => { const x = fl(s, m); return x !== x ? U : x >= k ? T : F; } };
        case '>':
          return { fn: (s, m) => { const x = fl(s, m); return x !== x ? U : x > k ? T : F; } };
        case '<=':
          return { fn: (s, m) => { const x = fl(s, m); return x !== x ? U : x <= k ? T : F; } };
        case '<':
          return { fn: (s, m) => { const x = fl(s, m); return x !== x ? U : x < k ? T : F; } };
        case '==':
          return { fn: (s, m) => { const x = fl(s, m); return x !== x ? U : x === k ? T : F; } };
        case '!=':
          return { fn: (s, m) => { const x = fl(s, m); return x !== x ? U : x !== k ? T : F; } };
      }
    }
    const fr = r.fn;
    return {
      fn: (s, m) => {
        const x = fl(s, m);
        if (x !== x && m === null) return U;
        const y = fr(s, m);
        if (x !== x || y !== y) return U;
        return cmpNum(x, cmp, y) ? T : F;
      },
    };
  }

  /** A slot test alone (outside a group, or before one takes it in): one closure per operator. */
  private slotTest(t: SlotTest): CondNode {
    const { slot: j, k, ref: r } = t;
    const miss = (m: Sink): 2 => {
      if (m !== null) m.push(r);
      return U;
    };
    if (t.age) {
      const asOf = this.asOfYmd;
      const test = CMP_TESTS[t.op];
      return { test: t, fn: colCond((b, m) => { const f = b.num[j * b.size + b.i]; return f !== f ? miss(m) : test(Math.floor((asOf - f) / 10000), k) ? T : F; }) };
    }
    switch (t.op) {
      case 0:
        return { test: t, fn: colCond((b, m) => { const v = b.num[j * b.size + b.i]; return v !== v ? miss(m) : v >= k ? T : F; }) };
      case 1:
        return { test: t, fn: colCond((b, m) => { const v = b.num[j * b.size + b.i]; return v !== v ? miss(m) : v > k ? T : F; }) };
      case 2:
        return { test: t, fn: colCond((b, m) => { const v = b.num[j * b.size + b.i]; return v !== v ? miss(m) : v <= k ? T : F; }) };
      case 3:
        return { test: t, fn: colCond((b, m) => { const v = b.num[j * b.size + b.i]; return v !== v ? miss(m) : v < k ? T : F; }) };
      case 4:
        return { test: t, fn: colCond((b, m) => { const v = b.num[j * b.size + b.i]; return v !== v ? miss(m) : v === k ? T : F; }) };
      default:
        return { test: t, fn: colCond((b, m) => { const v = b.num[j * b.size + b.i]; return v !== v ? miss(m) : v !== k ? T : F; }) };
    }
  }

  /**
   * Column mode: a group whose slot tests run in one loop over typed arrays (no call per leaf),
   * then its other items as closures. Kleene's all/any do not depend on the order, and what an
   * unknown result lacks is the same set (sorted by `missingOf`).
   */
  private slotGroup(op: 'all' | 'any', tests: SlotTest[], rest: CondFn[]): CondNode {
    const n = tests.length;
    const slots = Int32Array.from(tests, (t) => t.slot);
    // every comparison with a constant as an interval [lo, hi] of the values that pass (≠ as
    // "outside [k, k]"): one shape of test, no switch on the operator
    const lo = new Float64Array(n);
    const hi = new Float64Array(n);
    const outside = new Uint8Array(n);
    tests.forEach((t, i) => {
      const [a, b, out] = intervalOf(t.op, t.k);
      lo[i] = a;
      hi[i] = b;
      outside[i] = out ? 1 : 0;
    });
    const ages = Uint8Array.from(tests, (t) => (t.age ? 1 : 0));
    const refs = Int32Array.from(tests, (t) => t.ref);
    const fns = rest as unknown as ColCondFn[];
    const nr = fns.length;
    const asOf = this.asOfYmd;
    const decisive = op === 'all' ? F : T;
    // the outcome of a test that decides the group: false for all, true for any
    const stopWhen = op === 'any';
    return {
      ...(op === 'all' ? { plan: { slots, lo, hi, outside, ages, rest: fns } } : {}),
      fn: colCond((b, m) => {
        const num = b.num;
        const size = b.size;
        const at = b.i;
        const mark = m === null ? 0 : m.n;
        let unknown = false;
        for (let i = 0; i < n; i++) {
          let v = num[slots[i] * size + at];
          if (v !== v) {
            if (m !== null) m.push(refs[i]);
            unknown = true;
            continue;
          }
          if (ages[i] === 1) v = Math.floor((asOf - v) / 10000);
          const holds = (v >= lo[i] && v <= hi[i]) !== (outside[i] === 1);
          if (holds === stopWhen) {
            if (m !== null) m.n = mark;
            return decisive;
          }
        }
        for (let i = 0; i < nr; i++) {
          const r = fns[i](b, m);
          if (r === decisive) {
            if (m !== null) m.n = mark;
            return decisive;
          }
          if (r === U) unknown = true;
        }
        return unknown ? U : decisive === F ? T : F;
      }),
    };
  }

  private group(op: 'all' | 'any', nodes: CondNode[]): CondNode {
    const decisive = op === 'all' ? F : T;
    const neutral = op === 'all' ? T : F;
    if (nodes.some((n) => n.konst === decisive)) return konstCond(decisive);
    const live = nodes.filter((n) => n.konst !== neutral);
    if (live.length === 0) return konstCond(neutral);
    if (live.length === 1) return live[0];
    if (this.cols && live.filter((n) => n.test).length >= 2) {
      return this.slotGroup(op, live.flatMap((n) => (n.test ? [n.test] : [])), live.flatMap((n) => (n.test ? [] : [n.fn])));
    }
    const fns = live.map((n) => n.fn);
    const n = fns.length;
    if (op === 'all') {
      return {
        fn: (s, m) => {
          const mark = m === null ? 0 : m.n;
          let unknown = false;
          for (let i = 0; i < n; i++) {
            const r = fns[i](s, m);
            if (r === F) {
              if (m !== null) m.n = mark;
              return F;
            }
            if (r === U) unknown = true;
          }
          return unknown ? U : T;
        },
      };
    }
    return {
      fn: (s, m) => {
        const mark = m === null ? 0 : m.n;
        let unknown = false;
        for (let i = 0; i < n; i++) {
          const r = fns[i](s, m);
          if (r === T) {
            if (m !== null) m.n = mark;
            return T;
          }
          if (r === U) unknown = true;
        }
        return unknown ? U : F;
      },
    };
  }
}

/**
 * The Map key of a fact (`new_hires@2025`) as V8's one shared copy of that text (a string used
 * as a property name is internalized): a subject whose keys were made the same way (see the
 * matching loader) is then looked up by identity rather than by comparing characters.
 */
export function internedFactKey(key: string, year: number): string {
  return Object.keys({ [`${key}@${year}`]: 0 })[0];
}

const FUSED_FIELDS = new Set(['headcount', 'annual_revenue_fen', 'registered_capital_fen', 'age_years']);
const NUMBER_FIELD_SLOTS = new Map([
  ['headcount', SLOT_HEADCOUNT],
  ['annual_revenue_fen', SLOT_ANNUAL_REVENUE],
  ['registered_capital_fen', SLOT_REGISTERED_CAPITAL],
]);
const CMP_CODE: Record<CompareOp, number> = { '>=': 0, '>': 1, '<=': 2, '<': 3, '==': 4, '!=': 5 };
const BITS = new Float64Array(1);
const BITS_INT = new BigInt64Array(BITS.buffer);
/** The next double above `x` (finite x; +∞ stays). */
function nextUp(x: number): number {
  if (x === Infinity) return x;
  if (x === 0) return Number.MIN_VALUE;
  BITS[0] = x;
  BITS_INT[0] += x > 0 ? 1n : -1n;
  return BITS[0];
}
const nextDown = (x: number) => -nextUp(-x);

/** The values (never NaN) that pass `v <op> k`, as [lo, hi, outside]: lo ≤ v ≤ hi, or not, for ≠. */
function intervalOf(op: number, k: number): [number, number, boolean] {
  switch (op) {
    case 0:
      return [k, Infinity, false];
    case 1:
      return k === Infinity ? [Infinity, -Infinity, false] : [nextUp(k), Infinity, false];
    case 2:
      return [-Infinity, k, false];
    case 3:
      return k === -Infinity ? [Infinity, -Infinity, false] : [-Infinity, nextDown(k), false];
    case 4:
      return [k, k, false];
    default:
      return [k, k, true];
  }
}

const CMP_TESTS: ((v: number, k: number) => boolean)[] = [(v, k) => v >= k, (v, k) => v > k, (v, k) => v <= k, (v, k) => v < k, (v, k) => v === k, (v, k) => v !== k];

/**
 * A rough cost of evaluating a condition (registry reads are cheap, reported facts need a Map
 * lookup, 'latest' facts may need several): groups evaluate their cheap items first. The
 * outcome does not depend on the order (Kleene's all/any are commutative); the missing list is
 * put back in rule order by `missingOf`.
 */
function condCost(c: Cond, idx: CatalogueIndex): number {
  switch (c.op) {
    case 'all':
    case 'any':
      return c.items.reduce((n, i) => n + condCost(i, idx), 1);
    case 'not':
      return condCost(c.item, idx);
    case 'compare':
      return exprCost(c.left, idx) + exprCost(c.right, idx);
    case 'hasTag':
      return 1;
    case 'in':
    case 'startsWith':
      return exprCost(c.left, idx);
    case 'isTrue':
    case 'known':
      return exprCost(c.value, idx);
  }
}

function exprCost(e: Expr, idx: CatalogueIndex): number {
  switch (e.op) {
    case 'num':
    case 'param':
      return 0;
    case 'field':
      return 1;
    case 'fact':
      return idx.facts.get(e.key)?.period === 'latest' ? 6 : 3;
    case 'percent':
      return exprCost(e.base, idx) + exprCost(e.rate, idx);
    case 'tiers':
      return exprCost(e.input, idx) + Math.max(0, ...e.tiers.map((t) => exprCost(t.value, idx)));
    case 'if':
      return condCost(e.when, idx) + Math.max(exprCost(e.then, idx), exprCost(e.else, idx));
    case 'choose':
      return exprCost(e.input, idx) + Math.max(0, ...e.cases.map((c) => exprCost(c.value, idx)));
    default:
      return e.args.reduce((n, a) => n + exprCost(a, idx), 1);
  }
}

function known(m: Sink, test: (m: Sink) => boolean): 0 | 1 {
  if (m === null) return test(null) ? T : F;
  const mark = m.n;
  const ok = test(m);
  m.n = mark;
  return ok ? T : F;
}

function konstNum(v: number): NumNode {
  return { fn: () => v, konst: v };
}
function konstCond(v: 0 | 1 | 2): CondNode {
  return { fn: () => v, konst: v };
}

function cmpNum(a: number, cmp: CompareOp, b: number): boolean {
  switch (cmp) {
    case '>=':
      return a >= b;
    case '>':
      return a > b;
    case '<=':
      return a <= b;
    case '<':
      return a < b;
    case '==':
      return a === b;
    case '!=':
      return a !== b;
  }
}

function bindRule(rule: PolicyRule, idx: CatalogueIndex, asOf: string, layout: FactLayout | null = null): BoundRule & Pick<BoundColumnRule, 'matchBatch'> {
  const b = new Binder(rule, idx, asOf, layout);
  const eligNode = b.cond(rule.eligibility);
  const elig = eligNode.fn;
  const amount = b.num(rule.benefit.amount).fn;
  const cap: NumFn | null = rule.benefit.cap ? b.num(rule.benefit.cap).fn : null;
  const refs = b.refs;

  const rounding = rule.benefit.rounding ?? DEFAULT_MONEY_ROUNDING;
  // eligible (T) or unknown with what it lacks collected: the amount and the cap rounded by the
  // rule's money rounding (roundMoney, as the interpreter does), then capped
  const settle = (e: 0 | 1 | 2, a: number, c: number): number => {
    if (e === U) return MATCH_UNKNOWN;
    if (a !== a || c !== c || a === Infinity || a === -Infinity || c === -Infinity) return MATCH_UNKNOWN;
    let v = roundMoney(a, rounding);
    if (c !== Infinity) {
      const cf = roundMoney(c, rounding);
      if (cf < v) v = cf;
    }
    return v > 0 ? v : MATCH_INELIGIBLE;
  };
  const matchInto = (s: MatchingSubject, stack: MissingStack): number => {
    stack.n = 0;
    const e = elig(s, stack);
    if (e === F) return MATCH_INELIGIBLE;
    return settle(e, amount(s, stack), cap === null ? Infinity : cap(s, stack));
  };
  const scratch = new MissingStack();
  const match = (s: MatchingSubject, sink: number[] | null = null): number => {
    if (sink !== null) {
      const r = matchInto(s, scratch);
      for (let i = 0; i < scratch.n; i++) sink.push(scratch.a[i]);
      return r;
    }
    const e = elig(s, null);
    if (e !== T) return e === F ? MATCH_INELIGIBLE : MATCH_UNKNOWN;
    return settle(T, amount(s, null), cap === null ? Infinity : cap(s, null));
  };

  // a lone slot test is an "all" of one
  const t0 = eligNode.test;
  const plan: GroupPlan | null =
    layout === null
      ? null
      : (eligNode.plan ??
        (t0
          ? (() => {
              const [lo, hi, out] = intervalOf(t0.op, t0.k);
              return { slots: Int32Array.of(t0.slot), lo: Float64Array.of(lo), hi: Float64Array.of(hi), outside: Uint8Array.of(out ? 1 : 0), ages: Uint8Array.of(t0.age ? 1 : 0), rest: [] };
            })()
          : null));
  const asOfYmd = b.asOfYmd;
  let live = new Int32Array(0);
  let unknown = new Uint8Array(0);
  const matchBatch = (bb: FirmColumns, codes: Float64Array, stride: number, offset: number): void => {
    const size = bb.size;
    const s = bb as unknown as MatchingSubject;
    if (plan === null) {
      for (let k = 0; k < size; k++) codes[k * stride + offset] = match((bb.at(k), s), null);
      return;
    }
    if (live.length < size) {
      live = new Int32Array(size);
      unknown = new Uint8Array(size);
    }
    let n = size;
    for (let k = 0; k < size; k++) live[k] = k;
    unknown.fill(0, 0, size);
    const num = bb.num;
    const { slots, lo, hi, outside, ages, rest } = plan;
    // test by test over the firms still in play: the slot and bounds stay put, the firms move
    for (let t = 0; t < slots.length; t++) {
      const base = slots[t] * size;
      const a = lo[t];
      const z = hi[t];
      const out = outside[t] === 1;
      const age = ages[t] === 1;
      let m = 0;
      for (let x = 0; x < n; x++) {
        const k = live[x];
        let v = num[base + k];
        if (v !== v) {
          unknown[k] = 1;
          live[m++] = k;
          continue;
        }
        if (age) v = Math.floor((asOfYmd - v) / 10000);
        if (v >= a && v <= z ? !out : out) live[m++] = k;
        else codes[k * stride + offset] = MATCH_INELIGIBLE;
      }
      n = m;
    }
    for (let t = 0; t < rest.length; t++) {
      const f = rest[t];
      let m = 0;
      for (let x = 0; x < n; x++) {
        const k = live[x];
        const r = f(bb.at(k), null);
        if (r === F) codes[k * stride + offset] = MATCH_INELIGIBLE;
        else {
          if (r === U) unknown[k] = 1;
          live[m++] = k;
        }
      }
      n = m;
    }
    for (let x = 0; x < n; x++) {
      const k = live[x];
      bb.at(k);
      codes[k * stride + offset] = unknown[k] === 1 ? MATCH_UNKNOWN : settle(T, amount(s, null), cap === null ? Infinity : cap(s, null));
    }
  };

  // refs are numbered in rule order, so sorting the indexes gives the interpreter's order
  const missingOf = (sink: readonly number[]): MissingItem[] => {
    if (sink.length === 0) return [];
    const sorted = [...sink].sort((a, b) => a - b);
    const out: MissingItem[] = [];
    for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) out.push(refs[sorted[i]]);
    return out;
  };

  return {
    asOf,
    missingRefs: refs,
    match,
    matchInto,
    matchBatch: matchBatch as BoundColumnRule['matchBatch'],
    missingOf,
    outcome(s) {
      const sink: number[] = [];
      const r = match(s, sink);
      if (r >= 0) return { status: 'eligible', amountFen: r, missing: [] };
      if (r === MATCH_INELIGIBLE) return { status: 'ineligible', amountFen: null, missing: [] };
      return { status: 'unknown', amountFen: null, missing: missingOf(sink) };
    },
  };
}

/**
 * Compiles a validated rule (see `validateRule`) for the matching sweep. `bind(asOf)` builds the
 * closures for one date; the compiled rule keeps the last few dates.
 */
export function compileRule(rule: PolicyRule, catalogue: RuleCatalogue): CompiledRule {
  const idx = indexCatalogue(catalogue);
  const cache = new Map<string, BoundRule>();
  const bind = (asOf: string): BoundRule => {
    let bound = cache.get(asOf);
    if (!bound) {
      bound = bindRule(rule, idx, asOf);
      if (cache.size >= 8) cache.delete(cache.keys().next().value as string);
      cache.set(asOf, bound);
    }
    return bound;
  };
  return {
    rule,
    bind,
    // the closures take the batch where the Map path takes a subject (see ColNumFn)
    bindColumns: (asOf, layout) => bindRule(rule, idx, asOf, layout) as unknown as BoundColumnRule,
    evaluate: (subject, asOf) => bind(asOf).outcome(subject),
  };
}
