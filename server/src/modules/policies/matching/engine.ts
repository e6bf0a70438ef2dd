import {
  evaluateRule,
  formatYuan,
  instalmentShare,
  roundMoney,
  lookupFact,
  resolveFactYear,
  type Cond,
  type Expr,
  type MatchingSubject,
  type MissingItem,
  type PolicyRule,
  type RuleCatalogue,
  type RuleEvaluation,
  type TraceNode,
} from '@yuanqi/contract';
import { basePeriodKey, instalmentSlot, periodLabel } from './periods.js';

/**
 * One decision of a policy version for one firm at a date: the rule engine's evaluation plus the
 * payment slot (period) it belongs to. Instalment schedules (分期兑现) are applied here: the first
 * instalment pays its share of the computed total; a later one checks its own yearly condition and
 * pays its share of the total fixed at the grant (taken from the first instalment's payout).
 */
export type Decision = {
  status: 'eligible' | 'unknown' | 'ineligible';
  amountFen: number | null;
  periodKey: string | null;
  reasons: string[];
  missing: MissingItem[];
  trace: TraceNode[];
  uncappedAmountFen: number | null;
  capFen: number | null;
};

/** What a firm already has for this exclusion key (for instalments). */
export type InstalmentHistory = { grantYears: number[]; firstAmountFen: Map<number, number> };

export function decide(
  rule: PolicyRule,
  subject: MatchingSubject,
  asOf: string,
  catalogue: RuleCatalogue,
  history?: InstalmentHistory,
): Decision {
  const asOfYear = Number(asOf.slice(0, 4));
  const plan = rule.payment.instalments ?? [];
  if (plan.length > 0) {
    const slot = instalmentSlot(rule.payment, asOfYear, history?.grantYears ?? []);
    if (!slot) {
      return {
        status: 'ineligible',
        amountFen: null,
        periodKey: null,
        reasons: [`本年度不在分期兑现计划内(${plan.map((p) => p.label).join('、')})`],
        missing: [],
        trace: [],
        uncappedAmountFen: null,
        capFen: null,
      };
    }
    if (slot.index === 1) {
      const ev = evaluateRule(rule, subject, asOf, catalogue);
      const share = ev.amountFen === null ? null : instalmentShare(ev.amountFen, slot.sharePercent, rule.benefit.rounding);
      const first = plan[0]!;
      const merged = first.condition ? mergeCondition(ev, conditionOnly(rule, first.condition, subject, asOf, catalogue), `${slot.label}条件`) : ev;
      return withPeriod(merged, slot.periodKey, share, `第1期(${slot.label})按${slot.sharePercent}%兑现`);
    }
    const inst = plan[slot.index - 1]!;
    const firstPaid = history?.firstAmountFen.get(slot.grantYear) ?? null;
    const cond = inst.condition ? conditionOnly(rule, inst.condition, subject, asOf, catalogue) : null;
    const condReasons = cond ? cond.reasons.filter((r) => !r.startsWith('金额') && !r.startsWith('符合条件,可兑现') && !r.startsWith('不符合适用条件')) : [];
    const none = { missing: [] as MissingItem[], trace: cond?.trace ?? [], uncappedAmountFen: null, capFen: null };
    if (firstPaid === null) {
      return { status: 'ineligible', amountFen: null, periodKey: slot.periodKey, reasons: [...condReasons, `第1期尚未兑付,不能兑现${slot.label}`], ...none };
    }
    // the total fixed at the grant, read back from the first instalment paid (whole fen, by the rule's rounding)
    const total = roundMoney((firstPaid * 100) / plan[0]!.sharePercent, rule.benefit.rounding);
    const amount = instalmentShare(total, inst.sharePercent, rule.benefit.rounding);
    const basis = `${slot.grantYear}年认定,${slot.label}按总额${formatYuan(total)}的${inst.sharePercent}%兑现:${formatYuan(amount)}`;
    if (cond && cond.status === 'ineligible') {
      return { status: 'ineligible', amountFen: null, periodKey: slot.periodKey, reasons: [...condReasons, `${slot.label}条件不满足,本年度不兑现`], ...none };
    }
    if (cond && cond.status === 'unknown') {
      return { status: 'unknown', amountFen: null, periodKey: slot.periodKey, reasons: [...condReasons, basis], ...none, missing: cond.missing };
    }
    return { status: 'eligible', amountFen: amount, periodKey: slot.periodKey, reasons: [...condReasons, basis], ...none, uncappedAmountFen: amount };
  }
  const ev = evaluateRule(rule, subject, asOf, catalogue);
  let stage: string | null = null;
  if (rule.payment.period === 'stage' && rule.payment.stageFact) {
    const v = lookupFact(subject, rule.payment.stageFact, asOfYear, true);
    stage = v === undefined || v === null ? null : String(v);
  }
  const periodKey = basePeriodKey(rule.payment, asOf, stage);
  if (rule.payment.period === 'stage' && !periodKey && ev.status === 'eligible') {
    return { ...toDecision(ev, null), status: 'unknown', amountFen: null, reasons: [...ev.reasons, '尚未填报上市进程阶段'], missing: [{ kind: 'fact', key: rule.payment.stageFact ?? 'listing_stage', label: '上市进程' }] };
  }
  return toDecision(ev, periodKey);
}

function toDecision(ev: RuleEvaluation, periodKey: string | null): Decision {
  return {
    status: ev.status,
    amountFen: ev.status === 'eligible' ? ev.amountFen : null,
    periodKey,
    reasons: ev.reasons,
    missing: ev.missing,
    trace: ev.trace,
    uncappedAmountFen: ev.uncappedAmountFen,
    capFen: ev.capFen,
  };
}

/** A condition alone, evaluated with the rule's parameters (the amount is a constant 1 fen). */
function conditionOnly(rule: PolicyRule, condition: Cond, subject: MatchingSubject, asOf: string, catalogue: RuleCatalogue): RuleEvaluation {
  return evaluateRule({ ...rule, eligibility: condition, benefit: { amount: { op: 'num', value: 1 } } }, subject, asOf, catalogue);
}

function mergeCondition(ev: RuleEvaluation, cond: RuleEvaluation, label: string): RuleEvaluation {
  const condFailed = cond.status === 'ineligible';
  const condUnknown = cond.status === 'unknown';
  if (condFailed) return { ...ev, status: 'ineligible', amountFen: null, reasons: [...ev.reasons, `${label}不满足`], trace: [...ev.trace, ...cond.trace] };
  if (condUnknown && ev.status === 'eligible') return { ...ev, status: 'unknown', amountFen: null, missing: cond.missing, reasons: [...ev.reasons, `${label}数据不全`], trace: [...ev.trace, ...cond.trace] };
  return ev;
}

function withPeriod(ev: RuleEvaluation, periodKey: string, share: number | null, note: string): Decision {
  const d = toDecision(ev, periodKey);
  if (d.status !== 'eligible') return d;
  if (share === null || share <= 0) return { ...d, status: 'ineligible', amountFen: null, reasons: [...d.reasons, '分期金额为0元'] };
  return { ...d, amountFen: share, reasons: [...d.reasons, `${note}:${formatYuan(share)}(${periodLabel(periodKey)})`] };
}

// ---------------------------------------------------------------------------------------------
// Walking a rule
// ---------------------------------------------------------------------------------------------

function exprChildren(e: Expr): Array<Expr | Cond> {
  switch (e.op) {
    case 'field':
    case 'fact':
    case 'param':
    case 'num':
      return [];
    case 'percent':
      return [e.base, e.rate];
    case 'tiers':
      return [e.input, ...e.tiers.map((t) => t.value), ...(e.otherwise ? [e.otherwise] : [])];
    case 'if':
      return [e.when, e.then, e.else];
    case 'choose':
      return [e.input, ...e.cases.map((c) => c.value), ...(e.otherwise ? [e.otherwise] : [])];
    default:
      return (e as { args: Expr[] }).args;
  }
}

function condChildren(c: Cond): Array<Expr | Cond> {
  switch (c.op) {
    case 'all':
    case 'any':
      return c.items;
    case 'not':
      return [c.item];
    case 'compare':
      return [c.left, c.right];
    case 'in':
    case 'startsWith':
      return [c.left];
    case 'isTrue':
    case 'known':
      return [c.value];
    case 'hasTag':
      return [];
  }
}

const COND_OPS = new Set(['all', 'any', 'not', 'compare', 'hasTag', 'in', 'startsWith', 'isTrue', 'known']);

/** Every fact reference of a rule (key and relative/absolute year), in order, without repeats. */
export function factRefs(rule: PolicyRule): Array<{ key: string; year: number }> {
  const out = new Map<string, { key: string; year: number }>();
  const walk = (node: Expr | Cond): void => {
    if (COND_OPS.has(node.op)) {
      condChildren(node as Cond).forEach(walk);
      return;
    }
    const e = node as Expr;
    if (e.op === 'fact') out.set(`${e.key}@${e.year}`, { key: e.key, year: e.year });
    else exprChildren(e).forEach(walk);
  };
  walk(rule.eligibility);
  walk(rule.benefit.amount);
  if (rule.benefit.cap) walk(rule.benefit.cap);
  for (const i of rule.payment.instalments ?? []) if (i.condition) walk(i.condition);
  if (rule.payment.stageFact && ![...out.values()].some((r) => r.key === rule.payment.stageFact)) out.set(`${rule.payment.stageFact}@0`, { key: rule.payment.stageFact, year: 0 });
  return [...out.values()];
}

/** The year a per-person policy's count fact is read for at `asOf` (from the rule's own reference). */
export function perPersonFactYear(rule: PolicyRule, asOf: string): number | null {
  const pp = rule.payment.perPerson;
  if (!pp) return null;
  const ref = factRefs(rule).find((r) => r.key === pp.factKey);
  return resolveFactYear(ref?.year ?? 0, Number(asOf.slice(0, 4)));
}

/** A subject whose per-person count is the number of persons actually claimed. */
export function withPersonCount(subject: MatchingSubject, rule: PolicyRule, asOf: string, count: number): MatchingSubject {
  const pp = rule.payment.perPerson;
  const year = perPersonFactYear(rule, asOf);
  if (!pp || year === null) return subject;
  const facts = new Map(subject.facts);
  facts.set(`${pp.factKey}@${year}`, count);
  const latest = new Map(subject.factLatestYear);
  if ((latest.get(pp.factKey) ?? -Infinity) < year) latest.set(pp.factKey, year);
  return { ...subject, facts, factLatestYear: latest };
}
