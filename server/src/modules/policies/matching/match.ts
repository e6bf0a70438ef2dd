import {
  DEFAULT_RULE_CATALOGUE,
  MATCH_INELIGIBLE,
  MATCH_UNKNOWN,
  compileRule,
  evaluateRule,
  validateRule,
  type BoundRule,
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
  /** Receive each reported result instead of collecting them (the sweep of a large park). */
  onResult?: (result: MatchResult) => void;
};

export type MatchSummary = {
  /** Reported results (empty when `onResult` is given). */
  results: MatchResult[];
  evaluated: number;
  eligible: number;
  unknown: number;
  ineligible: number;
  /** Sum of the eligible amounts (fen). */
  eligibleAmountFen: number;
  /** Policies whose rule could not be compiled (never thrown: one bad rule does not stop a sweep). */
  failed: { policyId: string; message: string }[];
};

export type Matcher = {
  /** Matches a batch of firms (results go to `onResult` or accumulate). */
  add(subjects: Iterable<MatchingSubject>): void;
  /** Totals so far, with the collected results. */
  summary(): MatchSummary;
};

/**
 * Compiles the policies once and binds them to `asOf`, then matches firms batch by batch (a
 * streamed sweep: `for await (const batch of streamMatchingSubjects(…)) matcher.add(batch)`).
 * A pair costs one closure call; only an unknown one is run again to collect what it lacks.
 * Exclusion groups, periods and payouts are the caller's business.
 */
export function createMatcher(policies: readonly MatchingPolicy[], asOf: string, options: MatchOptions = {}): Matcher {
  const catalogue = options.catalogue ?? DEFAULT_RULE_CATALOGUE;
  const failed: MatchSummary['failed'] = [];
  const bound: { p: MatchingPolicy; b: BoundRule }[] = [];
  for (const p of policies) {
    try {
      bound.push({ p, b: compileRule(p.rule, catalogue).bind(asOf) });
    } catch (e) {
      failed.push({ policyId: p.policyId, message: e instanceof Error ? e.message : String(e) });
    }
  }
  const results: MatchResult[] = [];
  const emit = options.onResult ?? ((r: MatchResult) => results.push(r));
  const includeIneligible = options.includeIneligible === true;
  const withReasons = options.withReasons === true;
  let evaluated = 0;
  let eligible = 0;
  let unknown = 0;
  let ineligible = 0;
  let eligibleAmountFen = 0;
  const n = bound.length;
  const sink: number[] = [];
  return {
    add(subjects) {
      for (const s of subjects) {
        for (let i = 0; i < n; i++) {
          const { p, b } = bound[i];
          const r = b.match(s, null);
          let result: MatchResult | null = null;
          if (r >= 0) {
            eligible++;
            eligibleAmountFen += r;
            result = { enterpriseId: s.enterpriseId, policyId: p.policyId, versionId: p.versionId, status: 'eligible', amountFen: r, missing: [] };
          } else if (r === MATCH_UNKNOWN) {
            unknown++;
            sink.length = 0;
            b.match(s, sink);
            result = { enterpriseId: s.enterpriseId, policyId: p.policyId, versionId: p.versionId, status: 'unknown', amountFen: null, missing: b.missingOf(sink) };
          } else {
            ineligible++;
            if (includeIneligible) result = { enterpriseId: s.enterpriseId, policyId: p.policyId, versionId: p.versionId, status: 'ineligible', amountFen: null, missing: [] };
          }
          if (result) {
            if (withReasons) result.reasons = evaluateRule(p.rule, s, asOf, catalogue).reasons;
            emit(result);
          }
        }
        evaluated += n;
      }
    },
    summary: () => ({ results, evaluated, eligible, unknown, ineligible, eligibleAmountFen, failed: [...failed] }),
  };
}

/** Matches firms against policies at a date with the compiled rules (see `createMatcher`). */
export function matchEnterprises(
  subjects: Iterable<MatchingSubject>,
  policies: readonly MatchingPolicy[],
  asOf: string,
  options: MatchOptions = {},
): MatchSummary {
  const m = createMatcher(policies, asOf, options);
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
