import { resolveFactYear } from './catalogue.js';
import type { Cond, Expr, PolicyRule } from './types.js';

export type RuleReferences = {
  fields: string[];
  /** Fact references; with an as-of date the years are calendar years. */
  facts: { key: string; year: number }[];
  params: string[];
  tags: string[];
};

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
  const expr = (e: Expr): void => {
    switch (e.op) {
      case 'field':
        fields.add(e.field);
        return;
      case 'fact':
        addFact(e.key, e.year);
        return;
      case 'param':
        params.add(e.key);
        return;
      case 'num':
        return;
      case 'percent':
        expr(e.base);
        expr(e.rate);
        return;
      case 'tiers':
        expr(e.input);
        e.tiers.forEach((t) => expr(t.value));
        if (e.otherwise) expr(e.otherwise);
        return;
      case 'if':
        cond(e.when);
        expr(e.then);
        expr(e.else);
        return;
      case 'choose':
        expr(e.input);
        e.cases.forEach((c) => expr(c.value));
        if (e.otherwise) expr(e.otherwise);
        return;
      default:
        e.args.forEach(expr);
    }
  };
  const cond = (c: Cond): void => {
    switch (c.op) {
      case 'all':
      case 'any':
        c.items.forEach(cond);
        return;
      case 'not':
        cond(c.item);
        return;
      case 'compare':
        expr(c.left);
        expr(c.right);
        return;
      case 'hasTag':
        tags.add(c.tag);
        fields.add('tags');
        return;
      case 'in':
      case 'startsWith':
        expr(c.left);
        return;
      case 'isTrue':
      case 'known':
        expr(c.value);
        return;
    }
  };
  cond(rule.eligibility);
  expr(rule.benefit.amount);
  if (rule.benefit.cap) expr(rule.benefit.cap);
  for (const i of rule.payment.instalments ?? []) if (i.condition) cond(i.condition);
  // the stage and per-person facts are normally read by the amount already; otherwise as of this year
  for (const key of [rule.payment.stageFact, rule.payment.perPerson?.factKey]) {
    if (key && ![...facts.values()].some((f) => f.key === key)) addFact(key, 0);
  }
  return { fields: [...fields], facts: [...facts.values()], params: [...params], tags: [...tags] };
}
