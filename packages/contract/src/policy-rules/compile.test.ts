import { describe, expect, it } from 'vitest';
import { rb } from './builders.js';
import { DEFAULT_RULE_CATALOGUE, buildMatchingSubject, type SubjectFactInput } from './catalogue.js';
import { FactLayout, columnsFromSubjects } from './columns.js';
import { MATCH_UNKNOWN, MissingStack, compileRule, internedFactKey } from './compile.js';
import { evaluateRule } from './evaluate.js';
import type { CompareOp, Cond, Expr, PolicyRule, RuleParam } from './types.js';
import { validateRule } from './validate.js';

const cat = DEFAULT_RULE_CATALOGUE;

/** Random, type-correct rules over every operator, to hold the compiled closures to the interpreter. */
function generator(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)];
  const year = () => pick([0, -1, -2, 2025]);
  const params: RuleParam[] = [
    { key: 'p_fen', label: '金额参数', unit: 'fen', values: [{ from: '2025-01-01', value: 20_000 }, { from: '2026-01-01', value: 40_000 }] },
    { key: 'p_pct', label: '比例参数', unit: 'percent', values: [{ from: '2024-01-01', value: 30 }, { from: '2026-01-01', value: 60 }] },
    { key: 'p_late', label: '未生效参数', unit: 'number', values: [{ from: '2026-06-01', value: 5 }] },
  ];
  const numberFacts = ['new_hires', 'rd_expense_fen', 'revenue_fen', 'layoff_rate', 'smart_mfg_level', 'state_rent_monthly_fen'];
  const num = (d: number): Expr => {
    if (d > 2) return pick([rb.num(int(-5, 500)), rb.fact(pick(numberFacts), year()), rb.field(pick(['headcount', 'annual_revenue_fen', 'age_years', 'registered_capital_fen']))]);
    switch (int(0, 11)) {
      case 0:
        return rb.num(pick([0, 1, 2.5, 100, 1e6]));
      case 1:
        return rb.param(pick(['p_fen', 'p_pct', 'p_late']));
      case 2:
        return rb.fact(pick(numberFacts), year());
      case 3:
        return rb.field(pick(['headcount', 'annual_revenue_fen', 'age_years', 'registered_capital_fen']));
      case 4:
        return { op: pick(['add', 'mul', 'min', 'max'] as const), args: Array.from({ length: int(2, 4) }, () => num(d + 1)) };
      case 5:
        return { op: pick(['sub', 'div'] as const), args: [num(d + 1), num(d + 1)] };
      case 6:
        return rb.percent(num(d + 1), pick([rb.num(int(0, 100)), rb.param('p_pct')]));
      case 7: {
        const cuts = [int(0, 50), int(51, 200), int(201, 5000)];
        return rb.tiers(num(d + 1), [{ max: cuts[0], value: num(d + 1) }, { min: cuts[0], max: cuts[1], value: num(d + 1) }, { min: cuts[2], value: num(d + 1) }], next() < 0.5 ? num(d + 1) : undefined);
      }
      case 8:
        return rb.if(cond(d + 1), num(d + 1), num(d + 1));
      case 9:
      {
        const input = text(d + 1);
        const [v1, v2] = valuesFor(input);
        return rb.choose(input, [{ values: v1, value: num(d + 1) }, { values: v2, value: num(d + 1) }], next() < 0.5 ? num(d + 1) : undefined);
      }
      default:
        return rb.fact(pick(numberFacts), year());
    }
  };
  const text = (d: number): Expr => {
    if (d > 2) return pick([rb.field('scale_class'), rb.field('chain'), rb.fact('listing_stage', year())]);
    switch (int(0, 5)) {
      case 0:
        return rb.if(cond(d + 1), text(d + 1), text(d + 1));
      case 1:
        return rb.tiers(num(d + 1), [{ max: 10, value: rb.field('scale_class') }, { min: 10, value: rb.fact('listing_stage', 0) }]);
      default:
        return pick([rb.field('scale_class'), rb.field('chain'), rb.field('industry_code'), rb.fact('listing_stage', year())]);
    }
  };
  /** Values valid for a text expression (a field or fact with options only accepts its options). */
  const valuesFor = (e: Expr): string[][] => {
    if (e.op === 'field' && e.field === 'scale_class') return [['small'], ['medium', 'micro'], ['large']];
    if (e.op === 'fact') return [['listed'], ['shareholding', 'filed']];
    if (e.op === 'field' && e.field === 'industry_code') return [['C3251'], ['I6513', 'F5123']];
    if (e.op === 'field') return [['iot'], ['copper', 'health']];
    return [['small'], ['iot', 'copper', 'medium'], ['listed', 'filed']];
  };
  const bool = (d: number): Expr => {
    if (d > 2 || next() < 0.7) return pick([rb.field('is_above_scale'), rb.fact('zombie', year()), rb.fact('in_risk_area', year()), rb.fact('serious_dishonesty', 0)]);
    if (next() < 0.5) return rb.if(cond(d + 1), bool(d + 1), bool(d + 1));
    const input = text(d + 1);
    return rb.choose(input, [{ values: valuesFor(input)[0], value: bool(d + 1) }], bool(d + 1));
  };
  const cond = (d: number): Cond => {
    const leaf = (): Cond => {
      switch (int(0, 7)) {
        case 0:
          return rb.hasTag(pick(['high_tech', 'specialized']));
        case 1: {
          const input = text(d + 1);
          return rb.in(input, pick(valuesFor(input)));
        }
        case 2:
          return rb.startsWith(text(d + 1), pick(['C', 'I65', 's']));
        case 3:
          return rb.isTrue(bool(d + 1));
        case 4:
          return rb.known(pick([num(d + 1), text(d + 1), bool(d + 1), rb.field('founded_on'), rb.field('tags')]));
        default:
          return rb.cmp(num(d + 1), pick(['>=', '>', '<=', '<', '==', '!='] as CompareOp[]), num(d + 1));
      }
    };
    if (d > 2) return leaf();
    switch (int(0, 5)) {
      case 0:
        return rb.all(...Array.from({ length: int(1, 4) }, () => cond(d + 1)));
      case 1:
        return rb.any(...Array.from({ length: int(1, 4) }, () => cond(d + 1)));
      case 2:
        return rb.not(cond(d + 1));
      default:
        return leaf();
    }
  };
  const rule = (): PolicyRule => ({
    version: 1,
    params,
    eligibility: rb.all(cond(0), cond(0)),
    benefit: next() < 0.5 ? { amount: num(0), cap: num(1) } : { amount: num(0) },
    payment: { period: 'year' },
  });
  const subject = (i: number) => {
    const facts: SubjectFactInput[] = [];
    for (const key of numberFacts) for (const y of [2024, 2025, 2026]) if (next() < 0.6) facts.push({ key, year: y, value: pick([0, 3, 12, 150, 2500, 1e7, 55.5]) });
    for (const key of ['zombie', 'in_risk_area', 'serious_dishonesty']) if (next() < 0.6) facts.push({ key, year: pick([2023, 2025, 2026]), value: next() < 0.5 });
    if (next() < 0.5) facts.push({ key: 'listing_stage', year: pick([2024, 2026]), value: pick(['shareholding', 'tutoring', 'filed', 'listed']) });
    return buildMatchingSubject(
      `e${i}`,
      {
        isAboveScale: next() < 0.5,
        headcount: next() < 0.15 ? null : int(1, 2000),
        annualRevenueFen: next() < 0.15 ? null : int(0, 1e11),
        registeredCapitalFen: next() < 0.2 ? null : int(0, 1e9),
        foundedOn: next() < 0.15 ? null : `20${String(int(0, 25)).padStart(2, '0')}-0${int(1, 9)}-1${int(0, 9)}`,
        industryCode: pick(['C3251', 'I6513', 'F5123', null]),
        chain: pick(['copper', 'iot', null]),
        tags: ['high_tech', 'specialized'].filter(() => next() < 0.4),
      },
      facts,
    );
  };
  return { rule, subject };
}

describe('compileRule agrees with evaluateRule', () => {
  it('on random rules over every operator and random firms, at dates on both sides of parameter changes', () => {
    const g = generator(20261126);
    const subjects = Array.from({ length: 30 }, (_, i) => g.subject(i));
    const seen = new Set<string>();
    const stack = new MissingStack();
    let refused = 0;
    for (let n = 0; n < 160; n++) {
      const raw = g.rule();
      const checked = validateRule(JSON.parse(JSON.stringify(raw)), cat);
      if (!checked.ok) {
        // the generator may divide by a literal 0, which the validator rightly refuses
        expect(checked.errors.every((e) => e.message.endsWith('除数不能为0'))).toBe(true);
        refused++;
        continue;
      }
      const compiled = compileRule(checked.rule, cat);
      for (const asOf of ['2025-12-31', '2026-01-01', '2026-07-01']) {
        for (const s of subjects) {
          const slow = evaluateRule(checked.rule, s, asOf, cat);
          const fast = compiled.evaluate(s, asOf);
          const ctx = `rule ${n} firm ${s.enterpriseId} ${asOf}`;
          expect([ctx, fast.status, fast.amountFen]).toEqual([ctx, slow.status, slow.amountFen]);
          expect([ctx, fast.missing]).toEqual([ctx, slow.missing]);
          // the sweep's one-pass form: the same code, and on an unknown pair the same missing inputs
          const bound = compiled.bind(asOf);
          const code = bound.matchInto(s, stack);
          expect([ctx, code]).toEqual([ctx, bound.match(s, null)]);
          if (code === MATCH_UNKNOWN) expect([ctx, bound.missingOf(stack.a.slice(0, stack.n))]).toEqual([ctx, slow.missing]);
          seen.add(slow.status);
        }
      }
    }
    expect([...seen].sort()).toEqual(['eligible', 'ineligible', 'unknown']);
    expect(refused).toBeLessThan(16);
  });

  it('reading firm columns (the sweep) as it reads the subjects, missing inputs included', () => {
    const g = generator(20261207);
    const subjects = Array.from({ length: 40 }, (_, i) => g.subject(i));
    const stack = new MissingStack();
    const colStack = new MissingStack();
    for (const asOf of ['2025-12-31', '2026-07-01']) {
      // one layout for every rule of the date, as a sweep has
      const layout = new FactLayout();
      const pairs: { bound: ReturnType<ReturnType<typeof compileRule>['bind']>; cols: ReturnType<ReturnType<typeof compileRule>['bindColumns']>; n: number }[] = [];
      for (let n = 0; n < 160; n++) {
        const checked = validateRule(JSON.parse(JSON.stringify(g.rule())), cat);
        if (!checked.ok) continue;
        const compiled = compileRule(checked.rule, cat);
        pairs.push({ bound: compiled.bind(asOf), cols: compiled.bindColumns(asOf, layout), n });
      }
      const batch = columnsFromSubjects(layout, subjects);
      // a whole batch at once, rule by rule, gives what the rule gives firm by firm
      const codes = new Float64Array(subjects.length * pairs.length);
      pairs.forEach(({ cols }, i) => cols.matchBatch(batch, codes, pairs.length, i));
      for (let k = 0; k < subjects.length; k++) {
        pairs.forEach(({ bound, n }, i) => expect([`rule ${n} firm ${k} ${asOf}`, codes[k * pairs.length + i]]).toEqual([`rule ${n} firm ${k} ${asOf}`, bound.match(subjects[k], null)]));
      }
      for (let k = 0; k < subjects.length; k++) {
        for (const { bound, cols, n } of pairs) {
          const ctx = `rule ${n} firm ${k} ${asOf}`;
          const code = bound.matchInto(subjects[k], stack);
          expect([ctx, cols.match(batch.at(k), null)]).toEqual([ctx, bound.match(subjects[k], null)]);
          expect([ctx, cols.matchInto(batch.at(k), colStack)]).toEqual([ctx, code]);
          if (code === MATCH_UNKNOWN) expect([ctx, cols.missingOf(colStack.a.slice(0, colStack.n))]).toEqual([ctx, bound.missingOf(stack.a.slice(0, stack.n))]);
        }
      }
    }
  });
});

describe('internedFactKey', () => {
  it('gives the usual `key@year` text, as one shared string whatever built it', () => {
    const built = ['new_', 'hires@', String(2025)].join('');
    expect(internedFactKey('new_hires', 2025)).toBe('new_hires@2025');
    expect(internedFactKey('new_hires', 2025)).toBe(internedFactKey(built.slice(0, 9), 2025));
  });

  it('does not change what a subject built with ordinary keys matches (a latest fact read across years)', () => {
    const rule: PolicyRule = {
      version: 1,
      params: [],
      eligibility: rb.all(rb.not(rb.isTrue(rb.fact('zombie', 0))), rb.cmp(rb.fact('new_hires', -1), '>=', rb.num(3))),
      benefit: { amount: rb.num(100) },
      payment: { period: 'year' },
    };
    const bound = compileRule(rule, cat).bind('2026-03-01');
    const firm = (zombieYear: number, zombie: boolean) =>
      buildMatchingSubject('e', { isAboveScale: true }, [
        { key: 'zombie', year: zombieYear, value: zombie },
        { key: 'new_hires', year: 2025, value: 5 },
      ]);
    // reported in 2020: six years back, still the latest report
    expect(bound.match(firm(2020, false), null)).toBe(100);
    expect(bound.match(firm(2020, true), null)).toBe(-1);
    // reported only after the as-of year: not known at that date
    const later = firm(2027, false);
    const stack = new MissingStack();
    expect(bound.matchInto(later, stack)).toBe(MATCH_UNKNOWN);
    expect(bound.missingOf(stack.a.slice(0, stack.n)).map((m) => `${m.key}@${m.year}`)).toEqual(['zombie@2026']);
  });
});
