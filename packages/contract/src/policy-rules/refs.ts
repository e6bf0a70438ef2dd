import { resolveFactYear } from './catalogue.js';
import type { Cond, Expr, PolicyRule } from './types.js';

export type RuleReferences = {
  fields: string[];
  /** Fact references; with an as-of date the years are calendar years. */
  facts: { key: string; year: number }[];
  params: string[];
  tags: string[];
};

/** Visits a rule's nodes depth-first in rule order; a visitor returning false skips the node's children. */
export type RuleVisitor = { expr?(e: Expr): boolean | void; cond?(c: Cond): boolean | void };

export function walkExpr(e: Expr, v: RuleVisitor): void {
  if (v.expr?.(e) === false) return;
  switch (e.op) {
    case 'field':
    case 'fact':
    case 'param':
    case 'num':
      return;
    case 'percent':
      walkExpr(e.base, v);
      walkExpr(e.rate, v);
      return;
    case 'tiers':
      walkExpr(e.input, v);
      e.tiers.forEach((t) => walkExpr(t.value, v));
      if (e.otherwise) walkExpr(e.otherwise, v);
      return;
    case 'if':
      walkCond(e.when, v);
      walkExpr(e.then, v);
      walkExpr(e.else, v);
      return;
    case 'choose':
      walkExpr(e.input, v);
      e.cases.forEach((c) => walkExpr(c.value, v));
      if (e.otherwise) walkExpr(e.otherwise, v);
      return;
    default:
      e.args.forEach((a) => walkExpr(a, v));
  }
}

export function walkCond(c: Cond, v: RuleVisitor): void {
  if (v.cond?.(c) === false) return;
  switch (c.op) {
    case 'all':
    case 'any':
      c.items.forEach((i) => walkCond(i, v));
      return;
    case 'not':
      walkCond(c.item, v);
      return;
    case 'compare':
      walkExpr(c.left, v);
      walkExpr(c.right, v);
      return;
    case 'hasTag':
      return;
    case 'in':
    case 'startsWith':
      walkExpr(c.left, v);
      return;
    case 'isTrue':
    case 'known':
      walkExpr(c.value, v);
      return;
  }
}

/** Everything a rule reads (eligibility, benefit, instalment conditions, the stage and per-person facts). */
export function ruleReferences(rule: PolicyRule, asOf?: string): RuleReferences {
  const asOfYear = asOf ? Number(asOf.slice(0, 4)) : null;
  const fields = new Set<string>();
  const facts = new Map<string, { key: string; year: number }>();
  const params = new Set<string>();
  const tags = new Set<string>();
  const addFact = (key: string, year: number) => {
    const y = asOfYear === null ? year : resolveFactYear(year, asOfYear);
    facts.set(`${key}@${y}`, { key, year: y });
  };
  const visitor: RuleVisitor = {
    expr(e) {
      if (e.op === 'field') fields.add(e.field);
      else if (e.op === 'fact') addFact(e.key, e.year);
      else if (e.op === 'param') params.add(e.key);
    },
    cond(c) {
      if (c.op === 'hasTag') {
        tags.add(c.tag);
        fields.add('tags');
      }
    },
  };
  walkCond(rule.eligibility, visitor);
  walkExpr(rule.benefit.amount, visitor);
  if (rule.benefit.cap) walkExpr(rule.benefit.cap, visitor);
  for (const i of rule.payment.instalments ?? []) if (i.condition) walkCond(i.condition, visitor);
  // the stage and per-person facts are normally read by the amount already; otherwise as of this year
  for (const key of [rule.payment.stageFact, rule.payment.perPerson?.factKey]) {
    if (key && ![...facts.values()].some((f) => f.key === key)) addFact(key, 0);
  }
  return { fields: [...fields], facts: [...facts.values()], params: [...params], tags: [...tags] };
}
