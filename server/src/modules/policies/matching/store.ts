import { FactLayout, MATCH_INELIGIBLE, columnsFromSubjects, compileRule, type BoundColumnRule, type BoundRule, type MatchingSubject, type PolicyRule, type RuleCatalogue } from '@yuanqi/contract';
import { sql, type Transaction } from 'kysely';
import type { DB } from '../../../db/schema.js';
import type { PolicyRow, PolicyVersionRow } from '../../../db/schema-policies.js';
import { shanghaiDate } from '../../../platform/calendar/index.js';
import { decide, type Decision, type InstalmentHistory } from './engine.js';
import { loadCatalogue } from '../facts/service.js';
import { loadMatchingSubjects, streamMatchingSubjects } from './index.js';
import { exclusionKeyOf } from './periods.js';
import { json, type Executor } from '../repository.js';

/**
 * 政策精准匹配, stored: for every firm and every policy in force, the decision of the version in
 * force today (eligible and unknown rows are kept; ineligible ones are not stored — the detail
 * page and the test endpoint compute them on demand). Recomputed for one firm when its data
 * changes (in the caller's transaction), for the whole park when a policy is published, withdrawn
 * or gets a new version (a background job), and nightly for date-dependent rules.
 */

export type ActivePolicy = { policy: PolicyRow; version: PolicyVersionRow; rule: PolicyRule; exclusionKey: string };

/**
 * Policy and version rows kept per process by (id, row version): a firm's data change re-matches it
 * against every policy in force, and reading ~200 versions with their rules each time was half of
 * that work (issue 12). A light query names the rows in force with PostgreSQL's row version
 * (`xmin`, and `cmin` for a row changed twice in one transaction); only rows not yet seen are read
 * whole. Any write to a row gives it a new version, so a cached row is never stale, and a row of a
 * rolled-back transaction is never named again. Rows are frozen: callers share them.
 */
const rowCache = new Map<string, PolicyRow | PolicyVersionRow>();
const ROW_CACHE_MAX = 20_000;

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value) && !(value instanceof Date)) {
    Object.freeze(value);
    for (const v of Object.values(value as Record<string, unknown>)) deepFreeze(v);
  }
  return value;
}

function remember<T extends PolicyRow | PolicyVersionRow>(key: string, row: T): T {
  if (rowCache.size >= ROW_CACHE_MAX) rowCache.clear();
  rowCache.set(key, deepFreeze(row));
  return row;
}

/** Published policies valid on `today` with the version in force on that day. */
export async function loadActivePolicies(db: Executor, parkId: string, today: string, policyIds?: string[]): Promise<ActivePolicy[]> {
  if (policyIds && policyIds.length === 0) return [];
  const { rows: names } = await sql<{ policy_id: string; policy_rv: string; version_id: string; version_rv: string }>`
    select p.id as policy_id, p.xmin::text || ':' || p.cmin::text as policy_rv, v.id as version_id, v.rv as version_rv
      from policies p
      join lateral (
        select v.id, v.xmin::text || ':' || v.cmin::text as rv
          from policy_versions v
         where v.park_id = p.park_id and v.policy_id = p.id
           and v.status in ('published', 'superseded') and v.effective_from <= ${today}
         order by v.effective_from desc, v.version_no desc
         limit 1) v on true
     where p.park_id = ${parkId} and p.status = 'published'
       and p.valid_from <= ${today} and (p.valid_to is null or p.valid_to >= ${today})
       ${policyIds ? sql`and p.id in (${sql.join(policyIds)})` : sql``}
     order by p.code`.execute(db);
  if (names.length === 0) return [];
  const policyKey = (n: (typeof names)[number]) => `p|${n.policy_id}|${n.policy_rv}`;
  const versionKey = (n: (typeof names)[number]) => `v|${n.version_id}|${n.version_rv}`;
  const missingPolicies = names.filter((n) => !rowCache.has(policyKey(n)));
  const missingVersions = names.filter((n) => !rowCache.has(versionKey(n)));
  if (missingPolicies.length > 0) {
    const rows = await db.selectFrom('policies').selectAll().select(sql<string>`xmin::text || ':' || cmin::text`.as('rv')).where('park_id', '=', parkId).where('id', 'in', missingPolicies.map((n) => n.policy_id)).execute();
    for (const { rv, ...row } of rows) remember(`p|${row.id}|${rv}`, row as PolicyRow);
  }
  if (missingVersions.length > 0) {
    const rows = await db.selectFrom('policy_versions').selectAll().select(sql<string>`xmin::text || ':' || cmin::text`.as('rv')).where('park_id', '=', parkId).where('id', 'in', missingVersions.map((n) => n.version_id)).execute();
    for (const { rv, ...row } of rows) remember(`v|${row.id}|${rv}`, row as PolicyVersionRow);
  }
  const out: ActivePolicy[] = [];
  for (const n of names) {
    const policy = rowCache.get(policyKey(n)) as PolicyRow | undefined;
    const version = rowCache.get(versionKey(n)) as PolicyVersionRow | undefined;
    // a row changed between the two reads (another transaction) is simply read again next time
    if (!policy || !version) return loadActivePoliciesUncached(db, parkId, today, policyIds);
    const rule = version.rule as PolicyRule;
    out.push({ policy, version, rule, exclusionKey: exclusionKeyOf(rule, policy.id) });
  }
  return out;
}

/** The same, reading every row whole (when a row changed under the cached read). */
async function loadActivePoliciesUncached(db: Executor, parkId: string, today: string, policyIds?: string[]): Promise<ActivePolicy[]> {
  let q = db
    .selectFrom('policies')
    .selectAll()
    .where('park_id', '=', parkId)
    .where('status', '=', 'published')
    .where('valid_from', '<=', today)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>=', today)]));
  if (policyIds) q = q.where('id', 'in', policyIds);
  const policies = await q.orderBy('code').execute();
  if (policies.length === 0) return [];
  const versions = await db
    .selectFrom('policy_versions')
    .selectAll()
    .where('park_id', '=', parkId)
    .where('policy_id', 'in', policies.map((p) => p.id))
    .where('status', 'in', ['published', 'superseded'])
    .where('effective_from', '<=', today)
    .orderBy('effective_from', 'desc')
    .orderBy('version_no', 'desc')
    .execute();
  const inForce = new Map<string, PolicyVersionRow>();
  for (const v of versions) if (!inForce.has(v.policy_id)) inForce.set(v.policy_id, v);
  const out: ActivePolicy[] = [];
  for (const policy of policies) {
    const version = inForce.get(policy.id);
    if (!version) continue;
    const rule = version.rule as PolicyRule;
    out.push({ policy, version, rule, exclusionKey: exclusionKeyOf(rule, policy.id) });
  }
  return out;
}

/** Paid payouts of the park (for exclusion groups and instalment schedules). */
export type PaidIndex = {
  /** `${enterpriseId}|${exclusionKey}|${periodKey}` → policy id paid */
  paid: Map<string, string | null>;
  /** `${enterpriseId}|${exclusionKey}` → instalment history */
  instalments: Map<string, InstalmentHistory>;
};

export async function loadPaidIndex(db: Executor, parkId: string, enterpriseIds?: string[]): Promise<PaidIndex> {
  const paid = new Map<string, string | null>();
  const instalments = new Map<string, InstalmentHistory>();
  if (enterpriseIds && enterpriseIds.length === 0) return { paid, instalments };
  let q = db
    .selectFrom('payouts')
    .select(['enterprise_id', 'exclusion_key', 'period_key', 'policy_id', 'amount_fen'])
    .where('park_id', '=', parkId)
    .where('status', '=', 'paid')
    .where('policy_id', 'is not', null);
  if (enterpriseIds && enterpriseIds.length <= 1000) q = q.where('enterprise_id', 'in', enterpriseIds);
  for (const r of await q.execute()) {
    paid.set(`${r.enterprise_id}|${r.exclusion_key}|${r.period_key}`, r.policy_id);
    const m = /^(\d{4})#(\d+)$/.exec(r.period_key);
    if (m && m[2] === '1') {
      const k = `${r.enterprise_id}|${r.exclusion_key}`;
      const h = instalments.get(k) ?? { grantYears: [], firstAmountFen: new Map<number, number>() };
      h.grantYears.push(Number(m[1]));
      h.firstAmountFen.set(Number(m[1]), Number(r.amount_fen));
      instalments.set(k, h);
    }
  }
  return { paid, instalments };
}

/** The decision of one active policy for one subject, with mutual exclusion applied. */
export function decideFor(ap: ActivePolicy, subject: MatchingSubject, today: string, catalogue: RuleCatalogue, paid: PaidIndex): Decision {
  const history = paid.instalments.get(`${subject.enterpriseId}|${ap.exclusionKey}`);
  const d = decide(ap.rule, subject, today, catalogue, history);
  if (d.status !== 'ineligible' && d.periodKey) {
    const other = paid.paid.get(`${subject.enterpriseId}|${ap.exclusionKey}|${d.periodKey}`);
    if (other !== undefined && other !== ap.policy.id) {
      return { ...d, status: 'ineligible', amountFen: null, reasons: [...d.reasons, '本期已享受同一互斥组的其他政策,不能重复享受'] };
    }
  }
  return d;
}

/**
 * Compiled rules bound to a day, kept per process: a firm's data change re-matches it against every
 * policy in force, and compiling ~200 rules each time would be most of that work. A version's rule
 * never changes once published (a change is a new version), so (version, day, catalogue) names
 * the compiled rule exactly.
 */
const boundRules = new Map<string, BoundRule | null>();
const BOUND_RULES_MAX = 5000;

function boundRule(ap: ActivePolicy, today: string, catalogue: RuleCatalogue, catalogueKey: string): BoundRule | null {
  const key = `${ap.version.id}|${ap.version.updated_at instanceof Date ? ap.version.updated_at.getTime() : String(ap.version.updated_at)}|${today}|${catalogueKey}`;
  let bound = boundRules.get(key);
  if (bound === undefined) {
    try {
      bound = compileRule(ap.rule, catalogue).bind(today);
    } catch {
      bound = null;
    }
    if (boundRules.size >= BOUND_RULES_MAX) boundRules.clear();
    boundRules.set(key, bound);
  }
  return bound;
}

export type MatchRow = {
  park_id: string;
  enterprise_id: string;
  policy_id: string;
  version_id: string;
  status: 'eligible' | 'unknown' | 'ineligible';
  amount_fen: number | null;
  period_key: string | null;
  reasons: string;
  missing: string;
  computed_at: Date;
};

export type ComputeProgress = (done: number, total: number) => void;

/** Decides every (firm, active policy) pair in scope; returns the rows worth storing. */
export async function computeMatches(
  db: Executor,
  parkId: string,
  now: Date,
  scope: { enterpriseIds?: string[]; policyIds?: string[] },
  progress?: ComputeProgress,
): Promise<{ rows: MatchRow[]; policies: ActivePolicy[]; evaluated: number }> {
  const today = shanghaiDate(now);
  const policies = await loadActivePolicies(db, parkId, today, scope.policyIds);
  if (policies.length === 0 || (scope.enterpriseIds && scope.enterpriseIds.length === 0)) return { rows: [], policies, evaluated: 0 };
  const catalogue = await loadCatalogue(db, parkId);
  const paid = await loadPaidIndex(db, parkId, scope.enterpriseIds);
  const rows: MatchRow[] = [];
  let done = 0;
  // the compiled rule rules out the ineligible pairs fast; only the others get the traced decision
  // (instalment schedules always do: a later instalment has its own condition)
  const withoutFastPath = (ap: ActivePolicy) => (ap.rule.payment.instalments?.length ?? 0) > 0;
  const decideRest = (subject: MatchingSubject, i: number) => {
    const ap = policies[i]!;
    const d = decideFor(ap, subject, today, catalogue, paid);
    if (d.status === 'ineligible') return;
    rows.push({
      park_id: parkId,
      enterprise_id: subject.enterpriseId,
      policy_id: ap.policy.id,
      version_id: ap.version.id,
      status: d.status,
      amount_fen: d.amountFen,
      period_key: d.periodKey,
      reasons: json(d.reasons),
      missing: json(d.missing),
      computed_at: now,
    });
  };
  if (scope.enterpriseIds) {
    // a few firms (a data change): the Map closures, kept per process
    const subjects = await loadMatchingSubjects(db, parkId, { enterpriseIds: scope.enterpriseIds });
    const total = subjects.length;
    const catalogueKey = JSON.stringify(catalogue);
    const fast = policies.map((ap) => (withoutFastPath(ap) ? null : boundRule(ap, today, catalogue, catalogueKey)));
    for (const subject of subjects) {
      for (let i = 0; i < policies.length; i++) {
        const bound = fast[i];
        if (bound && bound.match(subject, null) === MATCH_INELIGIBLE) continue;
        decideRest(subject, i);
      }
      done += 1;
      if (progress && (done % 100 === 0 || done === total)) progress(done, total);
    }
    return { rows, policies, evaluated: subjects.length * policies.length };
  }
  // the whole park: batch by batch, the rules ruling a batch's ineligible pairs out at once on its
  // firm columns (the sweep's fast path, see createMatcher), the subjects kept for the traced
  // decisions of the rest
  const total = await countParkFirms(db, parkId);
  const layout = new FactLayout();
  const fast: (BoundColumnRule | null)[] = policies.map((ap) => {
    if (withoutFastPath(ap)) return null;
    try {
      return compileRule(ap.rule, catalogue).bindColumns(today, layout);
    } catch {
      return null;
    }
  });
  const n = policies.length;
  let evaluated = 0;
  for await (const subjects of streamMatchingSubjects(db, parkId, { batchSize: 5000 })) {
    const columns = columnsFromSubjects(layout, subjects);
    const codes = new Float64Array(subjects.length * n);
    const size = subjects.length;
    for (let i = 0; i < n; i++) fast[i]?.matchBatch(columns, codes, 1, i * size);
    for (let k = 0; k < size; k++) {
      for (let i = 0; i < n; i++) {
        if (fast[i] && codes[i * size + k] === MATCH_INELIGIBLE) continue;
        decideRest(subjects[k]!, i);
      }
      done += 1;
      if (progress && (done % 100 === 0 || done === total)) progress(done, Math.max(total, done));
    }
    evaluated += subjects.length * n;
  }
  // firms added or removed since the count: the last report says all are done
  if (progress && done !== total) progress(done, done);
  return { rows, policies, evaluated };
}

async function countParkFirms(db: Executor, parkId: string): Promise<number> {
  const row = await db.selectFrom('enterprises').select(sql<number>`count(*)::int`.as('n')).where('park_id', '=', parkId).executeTakeFirst();
  return row?.n ?? 0;
}

/** Replaces the stored matches in scope with `rows` (inside the caller's transaction). */
export async function storeMatches(trx: Transaction<DB> | Executor, parkId: string, rows: MatchRow[], scope: { enterpriseIds?: string[]; policyIds?: string[] }): Promise<void> {
  let del = trx.deleteFrom('policy_matches').where('park_id', '=', parkId);
  if (scope.enterpriseIds) {
    if (scope.enterpriseIds.length === 0) return;
    del = del.where('enterprise_id', 'in', scope.enterpriseIds);
  }
  if (scope.policyIds) {
    if (scope.policyIds.length === 0) return;
    del = del.where('policy_id', 'in', scope.policyIds);
  }
  await del.execute();
  // the rows travel as one JSON parameter per 5,000 (far faster than bound values on large refreshes)
  for (let i = 0; i < rows.length; i += 5000) {
    const chunk = rows.slice(i, i + 5000).map((r) => ({ ...r, reasons: JSON.parse(r.reasons), missing: JSON.parse(r.missing) }));
    await sql`insert into policy_matches (park_id, enterprise_id, policy_id, version_id, status, amount_fen, period_key, reasons, missing, computed_at)
      select park_id, enterprise_id, policy_id, version_id, status, amount_fen, period_key, reasons, missing, computed_at
        from jsonb_to_recordset(${JSON.stringify(chunk)}::jsonb)
          as r(park_id uuid, enterprise_id uuid, policy_id uuid, version_id uuid, status text, amount_fen bigint, period_key text, reasons jsonb, missing jsonb, computed_at timestamptz)`.execute(trx);
  }
}

/** Recomputes the matches of a few firms inside the caller's transaction (a data change). */
export async function refreshEnterpriseMatches(trx: Transaction<DB> | Executor, parkId: string, enterpriseIds: string[], now: Date): Promise<number> {
  if (enterpriseIds.length === 0) return 0;
  const { rows } = await computeMatches(trx, parkId, now, { enterpriseIds });
  await storeMatches(trx, parkId, rows, { enterpriseIds });
  return rows.length;
}

/**
 * Recomputes the matches of every firm for some policies (null = every policy of the park):
 * decisions are computed outside any transaction (so progress can be written), then stored in one.
 * Withdrawn or expired policies in `policyIds` simply lose their rows.
 */
export async function refreshPolicyMatches(
  db: Executor & { transaction: () => { execute: <T>(fn: (trx: Transaction<DB>) => Promise<T>) => Promise<T> } },
  parkId: string,
  now: Date,
  policyIds: string[] | null,
  progress?: ComputeProgress,
): Promise<{ evaluated: number; stored: number; eligible: number; unknown: number }> {
  const scope = policyIds ? { policyIds } : {};
  const { rows, evaluated } = await computeMatches(db, parkId, now, scope, progress);
  await db.transaction().execute(async (trx) => {
    // a park-wide refresh also clears rows of policies no longer in force
    await storeMatches(trx, parkId, rows, scope);
  });
  return {
    evaluated,
    stored: rows.length,
    eligible: rows.filter((r) => r.status === 'eligible').length,
    unknown: rows.filter((r) => r.status === 'unknown').length,
  };
}

/** Newest computation time of a park's stored matches (null when none). */
export async function lastComputedAt(db: Executor, parkId: string): Promise<Date | null> {
  const row = await db.selectFrom('policy_matches').select(sql<Date | null>`max(computed_at)`.as('at')).where('park_id', '=', parkId).executeTakeFirst();
  return row?.at ? new Date(row.at) : null;
}
