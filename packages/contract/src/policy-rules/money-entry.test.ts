import { describe, expect, it } from 'vitest';
import { rb } from './builders.js';
import { DEFAULT_RULE_CATALOGUE, buildMatchingSubject, makeRuleCatalogue } from './catalogue.js';
import { describeCondition, describeRule } from './describe.js';
import { evaluateRule } from './evaluate.js';
import { fenFromEntry, fenToEntry, guessEntryUnit, switchEntryUnit } from './money-entry.js';
import type { PolicyRule } from './types.js';
import { validateRule } from './validate.js';

const { field, fact, all, cmp, mul, param } = rb;

describe('money typed in 元 or 万元', () => {
  it('computes the fen once from the number and the unit typed', () => {
    expect(fenFromEntry(2000, 'yuan')).toBe(200_000);
    expect(fenFromEntry(2000, 'wan')).toBe(2_000_000_000);
    expect(fenFromEntry(0.0001, 'wan')).toBe(100);
    expect(fenFromEntry(1.005, 'yuan')).toBe(101);
    expect(fenToEntry(2_000_000_000, 'wan')).toBe(2000);
    expect(fenToEntry(200_000, 'yuan')).toBe(2000);
  });

  it('keeps the typed number when the unit is switched: 2000 元 → 万元 is 2000万元, not 0.2万元', () => {
    expect(switchEntryUnit(200_000, 'yuan', 'wan')).toBe(2_000_000_000);
    expect(switchEntryUnit(2_000_000_000, 'wan', 'yuan')).toBe(200_000);
    // back and forth never drifts
    let fen = 12_345_600;
    for (let i = 0; i < 10; i++) fen = switchEntryUnit(switchEntryUnit(fen, 'yuan', 'wan')!, 'wan', 'yuan')!;
    expect(fen).toBe(12_345_600);
  });

  it('guesses the unit of an amount stored without one as the read-back always did', () => {
    expect(guessEntryUnit(2_000_000)).toBe('wan');
    expect(guessEntryUnit(200_000)).toBe('yuan');
    expect(guessEntryUnit(1_500_050)).toBe('yuan');
  });
});

describe('read-back in the unit entered', () => {
  const revenue = (right: ReturnType<typeof rb.num>): PolicyRule => ({
    version: 1,
    params: [],
    eligibility: all(cmp(field('annual_revenue_fen'), '>=', right)),
    benefit: { amount: { op: 'num', value: 100_000, entry: 'yuan' } },
    payment: { period: 'year' },
  });

  it('reads 2000 typed in 万元 as 2,000万元 and 20000 typed in 元 as 20,000元', () => {
    const wan = validateRule(revenue({ op: 'num', value: 2_000_000_000, entry: 'wan' }), DEFAULT_RULE_CATALOGUE);
    expect(wan.ok).toBe(true);
    if (!wan.ok) return;
    expect(describeRule(wan.rule, DEFAULT_RULE_CATALOGUE)).toContain('年营业收入≥2,000万元');
    expect(describeRule(wan.rule, DEFAULT_RULE_CATALOGUE)).toContain(':1,000元;');
    const yuan = validateRule(revenue({ op: 'num', value: 2_000_000, entry: 'yuan' }), DEFAULT_RULE_CATALOGUE);
    expect(yuan.ok && describeRule(yuan.rule, DEFAULT_RULE_CATALOGUE)).toContain('年营业收入≥20,000元');
    // without a unit the amount reads as before
    const bare = validateRule(revenue({ op: 'num', value: 2_000_000 }), DEFAULT_RULE_CATALOGUE);
    expect(bare.ok && describeRule(bare.rule, DEFAULT_RULE_CATALOGUE)).toContain('年营业收入≥2万元');
  });

  it('keeps the unit of tier bounds and parameter values through validation', () => {
    const rule: PolicyRule = {
      version: 1,
      params: [{ key: 'award', label: '奖励', unit: 'fen', values: [{ from: '2024-01-01', value: 50_000_000, entry: 'yuan' }] }],
      eligibility: all(cmp(field('headcount'), '>=', rb.num(1))),
      benefit: {
        amount: {
          op: 'tiers',
          input: field('annual_revenue_fen'),
          tiers: [
            { max: 500_000_000, maxEntry: 'wan', value: { op: 'num', value: 0 } },
            { min: 500_000_000, minEntry: 'wan', value: param('award') },
          ],
        },
      },
      payment: { period: 'year' },
    };
    const v = validateRule(rule, DEFAULT_RULE_CATALOGUE);
    expect(v.ok).toBe(true);
    if (!v.ok) return;
    expect(v.rule.params[0].values[0].entry).toBe('yuan');
    const text = describeRule(v.rule, DEFAULT_RULE_CATALOGUE);
    expect(text).toContain('不满500万元为0元');
    expect(text).toContain('500万元以上为500,000元');
  });

  it('refuses a unit that is neither 元 nor 万元, naming the part', () => {
    const v = validateRule(revenue({ op: 'num', value: 100, entry: 'yi' as never }), DEFAULT_RULE_CATALOGUE);
    expect(v.ok).toBe(false);
    if (v.ok) return;
    expect(v.errors[0].message).toContain('金额单位应为元或万元');
  });

  it('pays the same fen whatever unit the amount was typed in', () => {
    const subject = buildMatchingSubject('e1', { headcount: 10, annualRevenueFen: 3_000_000_000 }, []);
    const a = evaluateRule(validOr(revenue({ op: 'num', value: 2_000_000_000, entry: 'wan' })), subject, '2026-06-01', DEFAULT_RULE_CATALOGUE);
    const b = evaluateRule(validOr(revenue({ op: 'num', value: 2_000_000_000 })), subject, '2026-06-01', DEFAULT_RULE_CATALOGUE);
    expect(a.status).toBe('eligible');
    expect(a.amountFen).toBe(b.amountFen);
  });
});

describe('counts in their own word', () => {
  const catalogue = makeRuleCatalogue({ facts: [{ key: 'invention_patents', label: '新授权发明专利数', type: 'number', unit: 'count', countWord: '件', period: 'year' }] });

  it('reads patents in 件, not 人, in conditions and per-item amounts', () => {
    expect(describeCondition(cmp(fact('invention_patents', 0), '>=', rb.num(2)), catalogue)).toBe('当年新授权发明专利数≥2件');
    const rule: PolicyRule = {
      version: 1,
      params: [{ key: 'per_patent', label: '每件奖励', unit: 'fen', values: [{ from: '2024-01-01', value: 500_000 }] }],
      eligibility: all(cmp(fact('invention_patents', 0), '>=', rb.num(1))),
      benefit: { amount: mul(fact('invention_patents', 0), param('per_patent')) },
      payment: { period: 'year' },
    };
    const text = describeRule(rule, catalogue);
    expect(text).toContain('按当年新授权发明专利数计,每件5,000元');
    expect(text).not.toContain('人');
    const subject = buildMatchingSubject('e1', {}, [{ key: 'invention_patents', year: 2026, value: 3 }]);
    const r = evaluateRule(rule, subject, '2026-06-01', catalogue);
    expect(r.reasons.join(';')).toContain('3件');
    expect(r.reasons.join(';')).not.toMatch(/\d人/);
  });

  it('still reads people in 人', () => {
    expect(describeCondition(cmp(field('headcount'), '>=', rb.num(100)), DEFAULT_RULE_CATALOGUE)).toBe('从业人数≥100人');
  });
});

function validOr(rule: PolicyRule): PolicyRule {
  const v = validateRule(rule, DEFAULT_RULE_CATALOGUE);
  if (!v.ok) throw new Error(JSON.stringify(v.errors));
  return v.rule;
}
