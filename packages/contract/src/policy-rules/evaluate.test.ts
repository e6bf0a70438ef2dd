import { describe, expect, it } from 'vitest';
import { rb } from './builders.js';
import { DEFAULT_RULE_CATALOGUE, buildMatchingSubject, scaleClassOf, type SubjectFactInput, type SubjectRegistryInput } from './catalogue.js';
import { compileRule, MATCH_INELIGIBLE, MATCH_UNKNOWN } from './compile.js';
import { evaluateRule, planInstalments } from './evaluate.js';
import { POLICY_RULE_EXAMPLES } from './examples.js';
import { paramValueAt } from './params.js';
import type { PolicyRule } from './types.js';
import { validateRule } from './validate.js';

const cat = DEFAULT_RULE_CATALOGUE;
const { field, fact, param, num, add, sub, mul, div, min, percent, tiers, choose, all, any, not, cmp, isTrue, hasTag, known } = rb;

function firm(registry: SubjectRegistryInput = {}, facts: SubjectFactInput[] = []) {
  return buildMatchingSubject('e1', { isAboveScale: true, headcount: 120, annualRevenueFen: 300_000_000_00, foundedOn: '2015-06-01', chain: 'copper', industryCode: 'C3251', tags: [], ...registry }, facts);
}

/** Both paths must agree on every case: the interpreter (with trace) and the compiled closures. */
function both(rule: PolicyRule, subject: ReturnType<typeof firm>, asOf: string) {
  const checked = validateRule(JSON.parse(JSON.stringify(rule)), cat);
  if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
  const slow = evaluateRule(checked.rule, subject, asOf, cat);
  const fast = compileRule(checked.rule, cat).evaluate(subject, asOf);
  expect(fast.status).toBe(slow.status);
  expect(fast.amountFen).toBe(slow.amountFen);
  expect(fast.missing).toEqual(slow.missing);
  return slow;
}

/** 用工补贴: 200 元/人 before 2026-01-01, 400 元/人 from then on, capped at 20万元 per firm. */
const hiring: PolicyRule = {
  version: 1,
  params: [
    {
      key: 'per_hire',
      label: '每人补贴标准',
      unit: 'fen',
      values: [
        { from: '2025-01-01', value: 20_000 },
        { from: '2026-01-01', value: 40_000 },
      ],
    },
    { key: 'firm_cap', label: '单个企业补贴上限', unit: 'fen', values: [{ from: '2025-01-01', value: 20_000_000 }] },
  ],
  eligibility: all(isTrue(field('is_above_scale')), cmp(fact('new_hires', 2025), '>=', num(10))),
  benefit: { amount: mul(fact('new_hires', 2025), param('per_hire')), cap: param('firm_cap') },
  payment: { period: 'year' },
};

describe('dated parameters', () => {
  it('takes the value in force on the as-of date, on both sides of a change date', () => {
    const p = hiring.params[0];
    expect(paramValueAt(p, '2025-12-31')).toBe(20_000);
    expect(paramValueAt(p, '2026-01-01')).toBe(40_000);
    expect(paramValueAt(p, '2024-12-31')).toBeNull();
  });

  it('pays 200 元/人 the day before the change and 400 元/人 from the change date', () => {
    const s = firm({}, [{ key: 'new_hires', year: 2025, value: 12 }]);
    const before = both(hiring, s, '2025-12-31');
    expect(before.status).toBe('eligible');
    expect(before.amountFen).toBe(12 * 20_000);
    const after = both(hiring, s, '2026-01-01');
    expect(after.amountFen).toBe(12 * 40_000);
    expect(after.trace.find((n) => n.path === 'benefit.amount')!.children!.some((c) => c.text.includes('400元'))).toBe(true);
  });

  it('is unknown, naming the parameter, before the first value is in force', () => {
    const s = firm({}, [{ key: 'new_hires', year: 2025, value: 12 }]);
    const r = both(hiring, s, '2024-06-30');
    expect(r.status).toBe('unknown');
    expect(r.amountFen).toBeNull();
    expect(r.missing).toEqual([
      { kind: 'param', key: 'per_hire', label: '每人补贴标准' },
      { kind: 'param', key: 'firm_cap', label: '单个企业补贴上限' },
    ]);
  });

  it('reads unsorted values by date', () => {
    expect(paramValueAt({ values: [{ from: '2026-01-01', value: 4 }, { from: '2020-01-01', value: 2 }] }, '2025-05-05')).toBe(2);
  });
});

describe('caps', () => {
  it('applies the cap and says so', () => {
    const s = firm({}, [{ key: 'new_hires', year: 2025, value: 800 }]);
    const r = both(hiring, s, '2026-03-01');
    expect(r.uncappedAmountFen).toBe(800 * 40_000);
    expect(r.capFen).toBe(20_000_000);
    expect(r.amountFen).toBe(20_000_000);
    expect(r.reasons).toContain('超过上限20万元,按上限兑现');
  });

  it('leaves an amount under the cap alone', () => {
    const r = both(hiring, firm({}, [{ key: 'new_hires', year: 2025, value: 10 }]), '2026-03-01');
    expect(r.amountFen).toBe(400_000);
    expect(r.reasons).toContain('未超过上限20万元');
  });

  it('rounds fractional fen down', () => {
    const rule: PolicyRule = { ...hiring, benefit: { amount: percent(fact('new_hires', 2025), num(33.3)) } };
    const r = both(rule, firm({}, [{ key: 'new_hires', year: 2025, value: 10 }]), '2026-03-01');
    expect(r.amountFen).toBe(3);
  });

  it('an amount of 0 is not a benefit', () => {
    const rule: PolicyRule = { ...hiring, benefit: { amount: sub(fact('new_hires', 2025), num(100)) } };
    const r = both(rule, firm({}, [{ key: 'new_hires', year: 2025, value: 12 }]), '2026-03-01');
    expect(r.status).toBe('ineligible');
    expect(r.reasons.at(-1)).toContain('金额为0元');
  });
});

describe('tiers', () => {
  const smart: PolicyRule = POLICY_RULE_EXAMPLES.find((e) => e.code === 'ZNZZ')!.rule;
  const at = (level: number, benchmark?: boolean) =>
    both(
      smart,
      firm({}, [
        { key: 'smart_mfg_level', year: 2024, value: level },
        ...(benchmark === undefined ? [] : [{ key: 'smart_mfg_benchmark', year: 2024, value: benchmark }]),
      ]),
      '2026-05-01',
    );

  it('chooses the band by the input (min inclusive, max exclusive)', () => {
    expect(at(2).amountFen).toBe(50_000_000);
    expect(at(2.9).amountFen).toBe(50_000_000);
    expect(at(3, false).amountFen).toBe(100_000_000);
    expect(at(3, true).amountFen).toBe(200_000_000);
    expect(at(4, true).amountFen).toBe(500_000_000);
    expect(at(5, true).amountFen).toBe(500_000_000);
  });

  it('below every band the firm does not qualify', () => {
    expect(at(1).status).toBe('ineligible');
  });

  it('a band whose value needs data asks for that data only', () => {
    const r = at(3);
    expect(r.status).toBe('unknown');
    expect(r.missing).toEqual([{ kind: 'fact', key: 'smart_mfg_benchmark', label: '智能制造标杆企业', year: 2026 }]);
  });

  it('uses "otherwise" outside the bands and is unknown without it', () => {
    const rule: PolicyRule = {
      version: 1,
      params: [],
      eligibility: cmp(field('headcount'), '>=', num(0)),
      benefit: { amount: tiers(field('headcount'), [{ min: 10, max: 50, value: num(100) }, { min: 50, value: num(200) }]) },
      payment: { period: 'once' },
    };
    expect(both(rule, firm({ headcount: 60 }), '2026-01-01').amountFen).toBe(200);
    const none = both(rule, firm({ headcount: 5 }), '2026-01-01');
    expect(none.status).toBe('unknown');
    expect(none.missing).toEqual([]);
    const withOtherwise = { ...rule, benefit: { amount: tiers(field('headcount'), [{ min: 10, value: num(100) }], num(7)) } };
    expect(both(withOtherwise, firm({ headcount: 5 }), '2026-01-01').amountFen).toBe(7);
  });
});

describe('unknown data', () => {
  it('a missing fact makes the outcome unknown, listing what to supply', () => {
    const r = both(hiring, firm(), '2026-03-01');
    expect(r.status).toBe('unknown');
    expect(r.amountFen).toBeNull();
    expect(r.missing).toEqual([{ kind: 'fact', key: 'new_hires', label: '新增就业人数', year: 2025 }]);
    expect(r.reasons.some((t) => t.includes('需补充:2025年新增就业人数'))).toBe(true);
  });

  it('all: false wins over unknown (decided despite missing data)', () => {
    const r = both(hiring, firm({ isAboveScale: false }), '2026-03-01');
    expect(r.status).toBe('ineligible');
    expect(r.missing).toEqual([]);
  });

  it('any: true wins over unknown, and the unknown branch is not asked for', () => {
    const rule: PolicyRule = { ...hiring, eligibility: all(any(cmp(fact('revenue_fen', -1), '>=', num(1)), hasTag('high_tech')), cmp(fact('new_hires', 2025), '>=', num(10))) };
    const r = both(rule, firm({ tags: ['high_tech'] }), '2026-03-01');
    expect(r.status).toBe('unknown');
    expect(r.missing).toEqual([{ kind: 'fact', key: 'new_hires', label: '新增就业人数', year: 2025 }]);
  });

  it('not(unknown) is unknown; known() is never unknown', () => {
    const rule: PolicyRule = { ...hiring, eligibility: not(isTrue(fact('zombie'))), benefit: { amount: num(100) } };
    expect(both(rule, firm(), '2026-01-01').status).toBe('unknown');
    expect(both(rule, firm({}, [{ key: 'zombie', year: 2023, value: false }]), '2026-01-01').status).toBe('eligible');
    const k: PolicyRule = { ...rule, eligibility: not(known(fact('zombie'))) };
    expect(both(k, firm(), '2026-01-01').status).toBe('eligible');
  });

  it('an eligible firm whose amount cannot be computed is unknown and told what the amount needs', () => {
    const rule: PolicyRule = { ...hiring, benefit: { amount: mul(fact('new_graduate_hires', 2025), param('per_hire')) } };
    const r = both(rule, firm({}, [{ key: 'new_hires', year: 2025, value: 12 }]), '2026-03-01');
    expect(r.status).toBe('unknown');
    expect(r.missing).toEqual([{ kind: 'fact', key: 'new_graduate_hires', label: '新招高校毕业生人数', year: 2025 }]);
  });

  it('division by zero is unknown, not infinite', () => {
    const rule: PolicyRule = { ...hiring, eligibility: cmp(div(fact('rd_expense_fen', -1), fact('revenue_fen', -1)), '>=', num(0.03)), benefit: { amount: num(1) } };
    const r = both(rule, firm({}, [{ key: 'rd_expense_fen', year: 2025, value: 5 }, { key: 'revenue_fen', year: 2025, value: 0 }]), '2026-03-01');
    expect(r.status).toBe('unknown');
    expect(r.trace[0].children!.some((c) => c.text.includes('除数为0'))).toBe(true);
  });

  it('a missing registry field asks for the registry field; the size class asks for what it is derived from', () => {
    const rule: PolicyRule = { version: 1, params: [], eligibility: rb.in(field('scale_class'), ['small', 'micro']), benefit: { amount: num(1) }, payment: { period: 'once' } };
    const r = both(rule, firm({ headcount: null, annualRevenueFen: 5_000_000_00 }), '2026-01-01');
    expect(r.status).toBe('unknown');
    expect(r.missing).toEqual([{ kind: 'field', key: 'headcount', label: '从业人数' }]);
    // fewer than 20 employees decides "micro" without the revenue
    expect(both(rule, firm({ headcount: 8, annualRevenueFen: null }), '2026-01-01').status).toBe('eligible');
  });

  it('a fact of the wrong type counts as not reported', () => {
    const r = both(hiring, firm({}, [{ key: 'new_hires', year: 2025, value: '十二' }]), '2026-03-01');
    expect(r.status).toBe('unknown');
  });

  it("a 'latest' fact uses the most recent report up to the year asked", () => {
    const rule: PolicyRule = { version: 1, params: [], eligibility: not(isTrue(fact('serious_dishonesty'))), benefit: { amount: num(1) }, payment: { period: 'once' } };
    const s = firm({}, [
      { key: 'serious_dishonesty', year: 2022, value: true },
      { key: 'serious_dishonesty', year: 2024, value: false },
      { key: 'serious_dishonesty', year: 2027, value: true },
    ]);
    expect(both(rule, s, '2026-01-01').status).toBe('eligible');
    expect(both(rule, s, '2023-06-01').status).toBe('ineligible');
    expect(both(rule, s, '2028-06-01').status).toBe('ineligible');
    expect(both(rule, s, '2021-06-01').status).toBe('unknown');
  });
});

describe('trace and reasons', () => {
  it('explains each condition with its value and the computation of the amount', () => {
    const rule: PolicyRule = { ...hiring, eligibility: all(cmp(field('headcount'), '>=', num(100)), cmp(fact('new_hires', 2025), '>=', num(10))) };
    const r = both(rule, firm({ headcount: 120 }, [{ key: 'new_hires', year: 2025, value: 12 }]), '2026-03-01');
    expect(r.reasons[0]).toBe('从业人数 120人 ≥ 100人 ✓');
    expect(r.reasons[1]).toBe('2025年新增就业人数 12人 ≥ 10人 ✓');
    expect(r.reasons).toContain('金额:按2025年新增就业人数计,每人400元(2026-01-01起;此前200元) = 4,800.00元');
    expect(r.reasons.at(-1)).toBe('符合条件,可兑现4,800.00元');
    expect(r.trace[0].outcome).toBe('true');
    expect(r.trace[0].children!.map((c) => c.outcome)).toEqual(['true', 'true']);
    const amount = r.trace.find((n) => n.path === 'benefit.amount')!;
    expect(amount.value).toBe(480_000);
    expect(amount.children![1].text).toBe('每人补贴标准 = 400元(2026-03-01时有效)');
  });

  it('marks failed and unknown conditions', () => {
    const rule: PolicyRule = { ...hiring, eligibility: all(cmp(field('headcount'), '>=', num(100)), cmp(fact('new_hires', 2025), '>=', num(10))) };
    const r = both(rule, firm({ headcount: 50 }), '2026-03-01');
    expect(r.reasons[0]).toBe('从业人数 50人 ≥ 100人 ✗');
    expect(r.reasons[1]).toBe('2025年新增就业人数 (未填报) ≥ 10人 ?(数据不全)');
    expect(r.status).toBe('ineligible');
  });

  it('ages count whole years at the as-of date', () => {
    const rule: PolicyRule = { version: 1, params: [], eligibility: cmp(field('age_years'), '>=', num(3)), benefit: { amount: num(1) }, payment: { period: 'once' } };
    const s = firm({ foundedOn: '2023-03-02' });
    expect(both(rule, s, '2026-03-01').status).toBe('ineligible');
    expect(both(rule, s, '2026-03-02').status).toBe('eligible');
    expect(both(rule, firm({ foundedOn: null }), '2026-03-02').missing).toEqual([{ kind: 'field', key: 'founded_on', label: '成立日期' }]);
  });
});

describe('the reference policies', () => {
  const byCode = (code: string) => POLICY_RULE_EXAMPLES.find((e) => e.code === code)!.rule;

  it('稳岗返还: SMEs get 60% in 2024 and 90% from 2025; large firms 30% then 50%', () => {
    const facts: SubjectFactInput[] = [
      { key: 'ui_paid_months', year: 2023, value: 24 },
      { key: 'ui_paid_months', year: 2024, value: 36 },
      { key: 'layoff_rate', year: 2023, value: 3 },
      { key: 'layoff_rate', year: 2024, value: 3 },
      { key: 'insured_headcount', year: 2023, value: 120 },
      { key: 'insured_headcount', year: 2024, value: 120 },
      { key: 'ui_premium_paid_fen', year: 2023, value: 10_000_000 },
      { key: 'ui_premium_paid_fen', year: 2024, value: 10_000_000 },
      { key: 'serious_dishonesty', year: 2020, value: false },
      { key: 'zombie', year: 2020, value: false },
    ];
    const sme = firm({ headcount: 350, annualRevenueFen: 50_000_000_00 }, facts);
    expect(scaleClassOf(350, 50_000_000_00)).toBe('medium');
    expect(scaleClassOf(120, 50_000_000_00)).toBe('small');
    expect(both(byCode('WGFH'), sme, '2024-06-01').amountFen).toBe(6_000_000);
    expect(both(byCode('WGFH'), sme, '2025-06-01').amountFen).toBe(9_000_000);
    const large = firm({ headcount: 1500, annualRevenueFen: 500_000_000_00 }, facts);
    expect(both(byCode('WGFH'), large, '2024-06-01').amountFen).toBe(3_000_000);
    expect(both(byCode('WGFH'), large, '2025-06-01').amountFen).toBe(5_000_000);
  });

  it('稳岗返还: the layoff threshold is 20% for firms with at most 30 insured staff', () => {
    const facts = (insured: number, rate: number): SubjectFactInput[] => [
      { key: 'ui_paid_months', year: 2025, value: 12 },
      { key: 'layoff_rate', year: 2025, value: rate },
      { key: 'insured_headcount', year: 2025, value: insured },
      { key: 'ui_premium_paid_fen', year: 2025, value: 1_000_000 },
      { key: 'serious_dishonesty', year: 2025, value: false },
      { key: 'zombie', year: 2025, value: false },
    ];
    expect(both(byCode('WGFH'), firm({ headcount: 25 }, facts(25, 15)), '2026-03-01').status).toBe('eligible');
    expect(both(byCode('WGFH'), firm({ headcount: 40 }, facts(40, 15)), '2026-03-01').status).toBe('ineligible');
    expect(both(byCode('WGFH'), firm({ headcount: 40 }, facts(40, 5.5)), '2026-03-01').status).toBe('eligible');
    const dishonest = [...facts(40, 1).filter((f) => f.key !== 'serious_dishonesty'), { key: 'serious_dishonesty', year: 2026, value: true }];
    expect(both(byCode('WGFH'), firm({ headcount: 40 }, dishonest), '2026-03-01').status).toBe('ineligible');
  });

  it('以工代训: 500 元 per person per month, at most 6 months', () => {
    const s = (months: number) =>
      firm({ headcount: 50, annualRevenueFen: 10_000_000_00 }, [
        { key: 'trainees', year: 2026, value: 4 },
        { key: 'training_months', year: 2026, value: months },
      ]);
    expect(both(byCode('YGDX'), s(3), '2026-09-01').amountFen).toBe(4 * 50_000 * 3);
    expect(both(byCode('YGDX'), s(9), '2026-09-01').amountFen).toBe(4 * 50_000 * 6);
  });

  it('上市奖励: the amount follows the stage; overseas 2% of funds raised, capped at 500万元', () => {
    const s = (stage: string, extra: SubjectFactInput[] = []) =>
      firm({}, [{ key: 'listing_stage', year: 2026, value: stage }, { key: 'serious_dishonesty', year: 2026, value: false }, ...extra]);
    expect(both(byCode('SSJL'), s('shareholding'), '2026-05-01').amountFen).toBe(50_000_000);
    expect(both(byCode('SSJL'), s('filed'), '2026-05-01').amountFen).toBe(100_000_000);
    expect(both(byCode('SSJL'), s('listed', [{ key: 'listing_overseas', year: 2026, value: false }]), '2026-05-01').amountFen).toBe(100_000_000);
    const overseas = (raised: number) => s('listed', [{ key: 'listing_overseas', year: 2026, value: true }, { key: 'funds_raised_fen', year: 2026, value: raised }]);
    expect(both(byCode('SSJL'), overseas(10_000_000_000), '2026-05-01').amountFen).toBe(200_000_000);
    expect(both(byCode('SSJL'), overseas(100_000_000_000), '2026-05-01').amountFen).toBe(500_000_000);
    // a listed firm that has not said where it listed is asked for it
    expect(both(byCode('SSJL'), s('listed'), '2026-05-01').missing.map((m) => m.key)).toEqual(['listing_overseas']);
  });

  it('研发投入后补助: 5% plus the growth award, capped at 8万元; no growth award without the earlier year', () => {
    const s = (rd: number, prev?: number) =>
      firm({ tags: ['tech_sme'] }, [{ key: 'rd_expense_fen', year: 2025, value: rd }, ...(prev === undefined ? [] : [{ key: 'rd_expense_fen', year: 2024, value: prev }])]);
    expect(both(byCode('YFHBZ'), s(120_000_000), '2026-04-01').amountFen).toBe(6_000_000);
    expect(both(byCode('YFHBZ'), s(120_000_000, 105_000_000), '2026-04-01').amountFen).toBe(6_000_000 + 1_000_000);
    const capped = both(byCode('YFHBZ'), s(150_000_000, 100_000_000), '2026-04-01');
    expect([capped.uncappedAmountFen, capped.amountFen]).toEqual([7_500_000 + 2_000_000, 8_000_000]);
    expect(both(byCode('YFHBZ'), s(90_000_000), '2026-04-01').status).toBe('ineligible');
  });

  it('高企认定奖励: first certification 20万元; recertification needs the R&D ratio of its revenue band', () => {
    const first = firm({}, [{ key: 'hitech_first_certified', year: 2026, value: true }]);
    expect(both(byCode('GQRD'), first, '2026-10-01').amountFen).toBe(20_000_000);
    const recert = (revenue: number, rd: number) =>
      firm({}, [
        { key: 'hitech_first_certified', year: 2026, value: false },
        { key: 'hitech_recertified', year: 2026, value: true },
        { key: 'local_tax_registered', year: 2026, value: true },
        { key: 'revenue_fen', year: 2025, value: revenue },
        { key: 'rd_expense_fen', year: 2025, value: rd },
      ]);
    expect(both(byCode('GQRD'), recert(3_000_000_000, 150_000_000), '2026-10-01').amountFen).toBe(5_000_000); // 5% of 3000万
    expect(both(byCode('GQRD'), recert(3_000_000_000, 140_000_000), '2026-10-01').status).toBe('ineligible');
    expect(both(byCode('GQRD'), recert(10_000_000_000, 400_000_000), '2026-10-01').status).toBe('eligible'); // 4% band
    expect(both(byCode('GQRD'), recert(30_000_000_000, 900_000_000), '2026-10-01').status).toBe('eligible'); // 3% band
  });

  it('高企认定奖励: 50/25/25 over three years, nothing in a year with zero tax', () => {
    const rule = byCode('GQRD');
    const s = firm({}, [
      { key: 'hitech_first_certified', year: 2025, value: true },
      { key: 'tax_paid_fen', year: 2025, value: 1_000_000 },
      { key: 'tax_paid_fen', year: 2026, value: 0 },
    ]);
    const plan = planInstalments(rule, s, '2025-10-01', 20_000_000, cat, '2027-03-01');
    expect(plan.map((p) => [p.year, p.amountFen, p.status])).toEqual([
      [2025, 10_000_000, 'payable'],
      [2026, 5_000_000, 'withheld'],
      [2027, 5_000_000, 'unknown'],
    ]);
    expect(plan[2].missing).toEqual([{ kind: 'fact', key: 'tax_paid_fen', label: '纳税额', year: 2027 }]);
    // 50% of 200,000.01元 is 100,000.005元: 四舍五入到分 makes it 100,000.01元; the last takes the remainder
    expect(planInstalments(rule, s, '2025-10-01', 20_000_001, cat, '2025-12-01').map((p) => [p.amountFen, p.status])).toEqual([
      [10_000_001, 'payable'],
      [5_000_000, 'future'],
      [5_000_000, 'future'],
    ]);
  });

  it('房租减免: 3 months of rent for service-sector small firms, 6 in a risk area; manufacturers excluded', () => {
    const s = (industryCode: string, risk: boolean) =>
      firm({ industryCode, headcount: 15, annualRevenueFen: 2_000_000_00 }, [
        { key: 'is_state_property_tenant', year: 2022, value: true },
        { key: 'state_rent_monthly_fen', year: 2022, value: 800_000 },
        { key: 'in_risk_area', year: 2022, value: risk },
      ]);
    expect(both(byCode('FZJM'), s('I6513', false), '2022-06-01').amountFen).toBe(2_400_000);
    expect(both(byCode('FZJM'), s('I6513', true), '2022-06-01').amountFen).toBe(4_800_000);
    expect(both(byCode('FZJM'), s('C3251', false), '2022-06-01').status).toBe('ineligible');
  });

  it('专精特新: compares growth with the dated provincial average; 小巨人 by level', () => {
    const s = (growth: number, tags: string[], level?: string) =>
      firm({ tags }, [
        { key: 'revenue_fen', year: 2024, value: 6_000_000_000 },
        { key: 'revenue_growth', year: 2024, value: growth },
        { key: 'debt_ratio', year: 2024, value: 55 },
        { key: 'main_product_share', year: 2024, value: 72 },
        ...(level ? [{ key: 'little_giant_level', year: 2025, value: level }] : []),
      ]);
    expect(both(byCode('ZJTX'), s(8, ['specialized']), '2025-05-01').amountFen).toBe(10_000_000); // 8 > 7.2 (2025 average)
    expect(both(byCode('ZJTX'), s(8, ['specialized']), '2024-12-31').status).toBe('unknown'); // 2023 figures not reported
    expect(both(byCode('ZJTX'), s(7, ['specialized']), '2025-05-01').status).toBe('ineligible');
    expect(both(byCode('ZJTX'), s(9, ['little_giant'], 'national'), '2025-05-01').amountFen).toBe(50_000_000);
    expect(both(byCode('ZJTX'), s(9, ['little_giant']), '2025-05-01').missing.map((m) => m.key)).toEqual(['little_giant_level']);
  });

  it('扩岗 and 吸纳 share an exclusion group and carry the one-firm-per-person setting', () => {
    expect(byCode('KGBZ').payment.exclusionGroup).toBe(byCode('XNJY').payment.exclusionGroup);
    expect(byCode('KGBZ').payment.perPerson).toEqual({ factKey: 'expansion_hires', uniqueAcrossEnterprises: true });
    const s = firm({}, [{ key: 'expansion_hires', year: 2025, value: 3 }, { key: 'serious_dishonesty', year: 2025, value: false }]);
    expect(both(byCode('KGBZ'), s, '2025-07-01').amountFen).toBe(450_000);
  });

  it('every example passes validation unchanged', () => {
    for (const ex of POLICY_RULE_EXAMPLES) {
      const r = validateRule(JSON.parse(JSON.stringify(ex.rule)), cat);
      expect(r.ok ? r.rule : r.errors).toEqual(ex.rule);
    }
  });
});

describe('compiled rules', () => {
  it('returns the amount, MATCH_INELIGIBLE or MATCH_UNKNOWN without allocating a result', () => {
    const bound = compileRule(hiring, cat).bind('2026-03-01');
    expect(bound.match(firm({}, [{ key: 'new_hires', year: 2025, value: 12 }]))).toBe(480_000);
    expect(bound.match(firm({ isAboveScale: false }))).toBe(MATCH_INELIGIBLE);
    const sink: number[] = [];
    expect(bound.match(firm(), sink)).toBe(MATCH_UNKNOWN);
    expect(bound.missingOf(sink)).toEqual([{ kind: 'fact', key: 'new_hires', label: '新增就业人数', year: 2025 }]);
  });

  it('folds constants: a rule whose conditions are constant never reads the subject', () => {
    const rule: PolicyRule = { version: 1, params: [], eligibility: all(cmp(num(3), '>', num(2)), any(cmp(num(1), '==', num(2)), cmp(add(num(1), num(1)), '==', num(2)))), benefit: { amount: min(num(500), num(300)) }, payment: { period: 'once' } };
    const bound = compileRule(rule, cat).bind('2026-01-01');
    expect(bound.match(null as never)).toBe(300);
  });

  it('agrees with the interpreter on random firms for every reference policy', () => {
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const pick = <T,>(xs: T[]): T => xs[Math.floor(rand() * xs.length)];
    const numberFacts = cat.facts.filter((f) => f.type === 'number');
    const statuses = new Set<string>();
    for (let i = 0; i < 400; i++) {
      const facts: SubjectFactInput[] = [];
      for (const f of cat.facts) {
        for (const year of [2023, 2024, 2025, 2026]) {
          if (rand() < 0.35) continue;
          const value =
            f.type === 'boolean' ? rand() < 0.5 : f.type === 'text' ? pick(f.options?.map((o) => o.value) ?? ['x']) : numberFacts.includes(f) ? Math.round(rand() * (f.unit === 'fen' ? 1e10 : f.unit === 'percent' ? 100 : 40) * 100) / 100 : 0;
          facts.push({ key: f.key, year, value });
        }
      }
      const s = buildMatchingSubject(`e${i}`, {
        isAboveScale: rand() < 0.5,
        headcount: rand() < 0.1 ? null : Math.floor(rand() * 2000),
        annualRevenueFen: rand() < 0.1 ? null : Math.floor(rand() * 1e11),
        foundedOn: rand() < 0.1 ? null : `20${String(Math.floor(rand() * 25)).padStart(2, '0')}-0${1 + Math.floor(rand() * 9)}-1${Math.floor(rand() * 9)}`,
        industryCode: pick(['C3251', 'I6513', 'F5123', 'A0111', null]),
        chain: pick(['copper', 'iot', null]),
        tags: ['high_tech', 'tech_sme', 'specialized', 'little_giant'].filter(() => rand() < 0.3),
      }, facts);
      for (const ex of POLICY_RULE_EXAMPLES) {
        for (const asOf of ['2024-06-30', '2025-12-31', '2026-01-01']) statuses.add(both(ex.rule, s, asOf).status);
      }
    }
    expect([...statuses].sort()).toEqual(['eligible', 'ineligible', 'unknown']);
  });
});
