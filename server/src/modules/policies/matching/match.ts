import {
  DEFAULT_RULE_CATALOGUE,
  FactLayout,
  MATCH_INELIGIBLE,
  MATCH_UNKNOWN,
  MissingStack,
  compileRule,
  evaluateRule,
  validateRule,
  type BoundColumnRule,
  type BoundRule,
  type CompiledRule,
  type FirmColumns,
  type MatchingSubject,
  type MissingItem,
  type PolicyRule,
  type RuleCatalogue,
  type RuleStatus,
} from '@yuanqi/contract';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../../db/schema.js';

type Executor = Kysely<DB> | Transaction<DB>;

/** A published rule to match firms against. */
export type MatchingPolicy = {
  policyId: string;
  versionId: string;
  code?: string;
  title?: string;
  rule: PolicyRule;
};

export type MatchResult = {
  enterpriseId: string;
  policyId: string;
  versionId: string;
  status: RuleStatus;
  /** Integer fen (cap applied) when eligible, else null. */
  amountFen: number | null;
  /** What an unknown result lacks. */
  missing: MissingItem[];
  /** Plain-Chinese reasons (only with `withReasons`). */
  reasons?: string[];
};

export type MatchOptions = {
  catalogue?: RuleCatalogue;
  /** Also report ineligible pairs (default: only eligible and unknown ones). */
  includeIneligible?: boolean;
  /** Run the tracing interpreter on reported pairs to give their reasons (slower; for storing results). */
  withReasons?: boolean;
  /** Receive each reported result as an object. */
  onResult?: (result: MatchResult) => void;
  /** Keep every reported result object in the summary (matchEnterprises does). */
  collect?: boolean;
};

export type MatchSummary = {
  /** Reported results (only with `collect`). */
  results: MatchResult[];
  evaluated: number;
  eligible: number;
  unknown: number;
  ineligible: number;
  /** Sum of the eligible amounts (fen). */
  eligibleAmountFen: number;
  /** Missing inputs reported for unknown pairs, in total. */
  missingItems: number;
  /** Policies whose rule could not be compiled (never thrown: one bad rule does not stop a sweep). */
  failed: { policyId: string; message: string }[];
};

/**
 * The outcome of one batch, without an object per pair, policy by policy (the order they are
 * matched in): `codes[i * firms + k]` is the amount in fen (≥ 0, eligible), MATCH_INELIGIBLE or
 * MATCH_UNKNOWN for policy i and firm k of the batch; an unknown pair's missing inputs are
 * `missingRefs[missingStart[j] … missingStart[j + 1])` for `unknownPairs[j]` (ascending; indexes
 * into that policy's `missingRefs`). `result(pair)` and `results()` build the objects when wanted.
 */
export type MatchBatch = {
  /** The firms of the batch, in the order of `codes`. */
  enterpriseIds: readonly string[];
  /** The subjects, when the batch was given as subjects (`add`); null for columns (`addColumns`). */
  subjects: readonly MatchingSubject[] | null;
  policies: readonly MatchingPolicy[];
  codes: Float64Array;
  unknownPairs: Int32Array;
  missingStart: Int32Array;
  missingRefs: Int32Array;
  result(pair: number): MatchResult;
  /** Eligible and unknown pairs as objects (all pairs with `includeIneligible`). */
  results(): MatchResult[];
};

export type Matcher = {
  /** The policies that compiled, in the order of `codes`. */
  readonly policies: readonly MatchingPolicy[];
  /** Matches a batch of firms. */
  add(subjects: readonly MatchingSubject[]): MatchBatch;
  /** The slots the rules read (load batches with it: `streamFirmColumns(db, park, matcher.layout)`). */
  readonly layout: FactLayout;
  /** Matches a batch of firm columns built for `layout` (the sweep's path: no reasons). */
  addColumns(batch: FirmColumns): MatchBatch;
  /** Totals so far (and the collected results with `collect`). */
  summary(): MatchSummary;
};

/** A growable Int32 list. */
class IntList {
  data = new Int32Array(1024);
  length = 0;
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Int32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
  take(): Int32Array {
    return this.data.slice(0, this.length);
  }
}

/**
 * Compiles the policies once and binds them to `asOf`, then matches firms batch by batch (a
 * streamed sweep: `for await (const batch of streamMatchingSubjects(…)) matcher.add(batch)`).
 * A pair costs one closure call (`matchInto`, which collects what an unknown pair lacks in the
 * same pass) and writes one number. Exclusion groups, periods and payouts are the caller's business.
 */
export function createMatcher(policies: readonly MatchingPolicy[], asOf: string, options: MatchOptions = {}): Matcher {
  const catalogue = options.catalogue ?? DEFAULT_RULE_CATALOGUE;
  const failed: MatchSummary['failed'] = [];
  const compiled: MatchingPolicy[] = [];
  const rules: CompiledRule[] = [];
  // the sweep reads columns: every rule gets its slots in one layout up front; the Map closures
  // (for subjects) are bound on first use
  const layout = new FactLayout();
  const columnBound: BoundColumnRule[] = [];
  for (const p of policies) {
    try {
      const rule = compileRule(p.rule, catalogue);
      columnBound.push(rule.bindColumns(asOf, layout));
      rules.push(rule);
      compiled.push(p);
    } catch (e) {
      failed.push({ policyId: p.policyId, message: e instanceof Error ? e.message : String(e) });
    }
  }
  let subjectBound: BoundRule[] | null = null;
  const collected: MatchResult[] = [];
  const includeIneligible = options.includeIneligible === true;
  const withReasons = options.withReasons === true;
  let evaluated = 0;
  let eligible = 0;
  let unknown = 0;
  let eligibleAmountFen = 0;
  let missingItems = 0;
  const n = columnBound.length;

  const makeBatch = (
    enterpriseIds: readonly string[],
    subjects: readonly MatchingSubject[] | null,
    codes: Float64Array,
    unknownPairs: Int32Array,
    missingStart: Int32Array,
    missingRefs: Int32Array,
  ): MatchBatch => {
    const size = enterpriseIds.length;
    const result = (pair: number): MatchResult => {
      const i = Math.floor(pair / size);
      const k = pair % size;
      const enterpriseId = enterpriseIds[k];
      const p = compiled[i];
      const code = codes[pair];
      let r: MatchResult;
      if (code >= 0) r = { enterpriseId, policyId: p.policyId, versionId: p.versionId, status: 'eligible', amountFen: code, missing: [] };
      else if (code === MATCH_UNKNOWN) {
        let lo = 0;
        let hi = unknownPairs.length - 1;
        let j = -1;
        while (lo <= hi) {
          const mid = (lo + hi) >> 1;
          if (unknownPairs[mid] === pair) {
            j = mid;
            break;
          }
          if (unknownPairs[mid] < pair) lo = mid + 1;
          else hi = mid - 1;
        }
        // both bindings number a rule's missing inputs alike (in rule order)
        const refs = columnBound[i].missingRefs;
        const missing = j < 0 ? [] : Array.from(missingRefs.subarray(missingStart[j], missingStart[j + 1]), (x) => refs[x]);
        r = { enterpriseId, policyId: p.policyId, versionId: p.versionId, status: 'unknown', amountFen: null, missing };
      } else r = { enterpriseId, policyId: p.policyId, versionId: p.versionId, status: 'ineligible', amountFen: null, missing: [] };
      if (withReasons) {
        if (!subjects) throw new Error('createMatcher: reasons need subjects (add), not columns');
        r.reasons = evaluateRule(p.rule, subjects[k], asOf, catalogue).reasons;
      }
      return r;
    };
    return {
      enterpriseIds,
      subjects,
      policies: compiled,
      codes,
      unknownPairs,
      missingStart,
      missingRefs,
      result,
      results() {
        const out: MatchResult[] = [];
        for (let pair = 0; pair < codes.length; pair++) if (includeIneligible || codes[pair] !== MATCH_INELIGIBLE) out.push(result(pair));
        return out;
      },
    };
  };

  /**
   * One pass over a batch of `size` firms: `point(k)` makes firm k the one `rule[i]` reads. Policy
   * by policy, every firm of the batch in turn: one rule's closures run thousands of times in a row
   * (their call sites and data stay hot), ~1.5× faster than firm by firm (20M pairs: 1.15 → 0.77 s).
   * With columns, a rule decides the whole batch at once (`matchBatch`), and only its unknown
   * pairs are run again, one by one, to learn what they lack (a tenth of the pairs).
   */
  const run = <S,>(size: number, bound: readonly BoundRule<S>[], point: (k: number) => S, batch: FirmColumns | null) => {
    const codes = new Float64Array(size * n);
    const unknownPairs = new IntList();
    const missingStart = new IntList();
    const refs = new IntList();
    // one pass per pair: the rule collects what it lacks on a stack as it goes (a field store per
    // group when nothing is missing), so an unknown pair is never run twice
    const stack = new MissingStack();
    const a = stack.a;
    const recordUnknown = (pair: number) => {
      unknownPairs.push(pair);
      missingStart.push(refs.length);
      // a handful of indexes: insertion sort in place (Array.prototype.sort costs more to set up)
      const len = stack.n;
      for (let x = 1; x < len; x++) {
        const v = a[x];
        let y = x - 1;
        while (y >= 0 && a[y] > v) {
          a[y + 1] = a[y];
          y--;
        }
        a[y + 1] = v;
      }
      for (let x = 0; x < len; x++) if (x === 0 || a[x] !== a[x - 1]) refs.push(a[x]);
    };
    let pair = 0;
    let e = 0;
    let u = 0;
    let amount = 0;
    for (let i = 0; i < n; i++) {
      const rule = bound[i];
      // a policy's codes side by side: written and read in order
      if (batch !== null) columnBound[i].matchBatch(batch, codes, 1, i * size);
      for (let k = 0; k < size; k++) {
        const at = i * size + k;
        let r: number;
        if (batch === null) codes[at] = r = rule.matchInto(point(k), stack);
        else {
          r = codes[at];
          // the same pass that gave MATCH_UNKNOWN, collecting what it lacks this time
          if (r === MATCH_UNKNOWN) rule.matchInto(point(k), stack);
        }
        if (r >= 0) {
          e++;
          amount += r;
        } else if (r === MATCH_UNKNOWN) {
          u++;
          recordUnknown(at);
        }
        pair++;
      }
    }
    eligible += e;
    unknown += u;
    eligibleAmountFen += amount;
    missingStart.push(refs.length);
    evaluated += pair;
    missingItems += refs.length;
    return { codes, unknownPairs: unknownPairs.take(), missingStart: missingStart.take(), refs: refs.take() };
  };
  const report = (batch: MatchBatch) => {
    const codes = batch.codes;
    if (options.onResult || options.collect) {
      for (let p = 0; p < codes.length; p++) {
        if (!includeIneligible && codes[p] === MATCH_INELIGIBLE) continue;
        const r = batch.result(p);
        if (options.onResult) options.onResult(r);
        if (options.collect) collected.push(r);
      }
    }
    return batch;
  };

  return {
    policies: compiled,
    layout,
    add(subjects) {
      subjectBound ??= rules.map((r) => r.bind(asOf));
      const out = run(subjects.length, subjectBound, (k) => subjects[k], null);
      return report(makeBatch(subjects.map((s) => s.enterpriseId), subjects, out.codes, out.unknownPairs, out.missingStart, out.refs));
    },
    addColumns(batch) {
      if (batch.layout !== layout) throw new Error('createMatcher: columns built for another layout');
      const out = run(batch.size, columnBound, (k) => batch.at(k), batch);
      return report(makeBatch(batch.ids, null, out.codes, out.unknownPairs, out.missingStart, out.refs));
    },
    summary: () => ({
      results: collected,
      evaluated,
      eligible,
      unknown,
      ineligible: evaluated - eligible - unknown,
      eligibleAmountFen,
      missingItems,
      failed: [...failed],
    }),
  };
}

/** Matches firms against policies at a date with the compiled rules (see `createMatcher`); results as objects. */
export function matchEnterprises(
  subjects: readonly MatchingSubject[],
  policies: readonly MatchingPolicy[],
  asOf: string,
  options: MatchOptions = {},
): MatchSummary {
  const m = createMatcher(policies, asOf, { collect: !options.onResult, ...options });
  m.add(subjects);
  return m.summary();
}

export { MATCH_INELIGIBLE, MATCH_UNKNOWN };

/**
 * The version in force at `asOf` of every published policy of the park valid on that date (a
 * stored rule that no longer validates against the catalogue is reported, not matched).
 */
export async function loadMatchingPolicies(
  db: Executor,
  parkId: string,
  asOf: string,
  catalogue: RuleCatalogue = DEFAULT_RULE_CATALOGUE,
): Promise<{ policies: MatchingPolicy[]; invalid: { policyId: string; versionId: string; messages: string[] }[] }> {
  const { rows } = await sql<{ policy_id: string; version_id: string; code: string; title: string; rule: unknown }>`
    select distinct on (p.id) p.id as policy_id, v.id as version_id, p.code, p.title, v.rule
      from policies p
      join policy_versions v on v.park_id = p.park_id and v.policy_id = p.id
     where p.park_id = ${parkId} and p.status = 'published'
       and p.valid_from <= ${asOf} and (p.valid_to is null or p.valid_to >= ${asOf})
       and v.status in ('published', 'superseded') and v.effective_from <= ${asOf}
     order by p.id, v.effective_from desc, v.version_no desc`.execute(db);
  const policies: MatchingPolicy[] = [];
  const invalid: { policyId: string; versionId: string; messages: string[] }[] = [];
  for (const r of rows) {
    const checked = validateRule(typeof r.rule === 'string' ? JSON.parse(r.rule) : r.rule, catalogue);
    if (checked.ok) policies.push({ policyId: r.policy_id, versionId: r.version_id, code: r.code, title: r.title, rule: checked.rule });
    else invalid.push({ policyId: r.policy_id, versionId: r.version_id, messages: checked.errors.map((e) => e.message) });
  }
  policies.sort((a, b) => ((a.code ?? '') < (b.code ?? '') ? -1 : 1));
  return { policies, invalid };
}
