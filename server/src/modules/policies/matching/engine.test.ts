import { describe, expect, it } from 'vitest';
import { DEFAULT_RULE_CATALOGUE, POLICY_RULE_EXAMPLES, buildMatchingSubject } from '@yuanqi/contract';
import { decide, factRefs, withPersonCount } from './engine.js';
import { basePeriodKey, exclusionKeyOf, instalmentSlot, periodLabel } from './periods.js';

const example = (code: string) => POLICY_RULE_EXAMPLES.find((e) => e.code === code)!.rule;

describe('payment periods', () => {
  it('names the slot a payment belongs to', () => {
    expect(basePeriodKey({ period: 'year' }, '2026-05-20')).toBe('2026');
    expect(basePeriodKey({ period: 'half-year' }, '2026-07-01')).toBe('2026-H2');
    expect(basePeriodKey({ period: 'quarter' }, '2026-05-20')).toBe('2026-Q2');
    expect(basePeriodKey({ period: 'month' }, '2026-05-20')).toBe('2026-05');
    expect(basePeriodKey({ period: 'once' }, '2026-05-20')).toBe('once');
    expect(basePeriodKey({ period: 'stage' }, '2026-05-20', 'tutoring')).toBe('stage:tutoring');
    expect(basePeriodKey({ period: 'stage' }, '2026-05-20', null)).toBe(null);
    expect(periodLabel('2026-Q2')).toBe('2026年第2季度');
    expect(periodLabel('2026#2')).toBe('2026年度认定 第2期');
    expect(periodLabel('stage:filed')).toBe('阶段:申报受理');
  });

  it('uses the exclusion group, else the policy, as the key that may not be paid twice', () => {
    expect(exclusionKeyOf(example('KGBZ'), 'p1')).toBe('一次性扩岗/吸纳就业补贴');
    expect(exclusionKeyOf(example('WGFH'), 'p1')).toBe('p1');
  });

  it('finds the instalment due in a year from the grant year', () => {
    const payment = example('GQRD').payment;
    expect(instalmentSlot(payment, 2026, [])).toMatchObject({ periodKey: '2026#1', index: 1, sharePercent: 50 });
    expect(instalmentSlot(payment, 2027, [2026])).toMatchObject({ periodKey: '2026#2', index: 2, sharePercent: 25 });
    expect(instalmentSlot(payment, 2029, [2026])).toBe(null);
  });
});

describe('decisions with instalments (高企认定奖励 50/25/25 %, nothing in a year without tax)', () => {
  const rule = example('GQRD');
  const firm = (facts: Array<{ key: string; year: number; value: number | boolean }>) => buildMatchingSubject('f1', { tags: ['high_tech'] }, facts);

  it('pays the first instalment’s share of the computed award', () => {
    const d = decide(rule, firm([{ key: 'hitech_first_certified', year: 2026, value: true }, { key: 'tax_paid_fen', year: 2026, value: 1_000_000 }]), '2026-06-01', DEFAULT_RULE_CATALOGUE);
    expect(d).toMatchObject({ status: 'eligible', periodKey: '2026#1', amountFen: 10_000_000 });
  });

  it('pays a later instalment from the first payout, only in a year with tax', () => {
    const history = { grantYears: [2026], firstAmountFen: new Map([[2026, 10_000_000]]) };
    const taxed = decide(rule, firm([{ key: 'tax_paid_fen', year: 2027, value: 500_000 }]), '2027-06-01', DEFAULT_RULE_CATALOGUE, history);
    expect(taxed).toMatchObject({ status: 'eligible', periodKey: '2026#2', amountFen: 5_000_000 });
    const untaxed = decide(rule, firm([{ key: 'tax_paid_fen', year: 2027, value: 0 }]), '2027-06-01', DEFAULT_RULE_CATALOGUE, history);
    expect(untaxed).toMatchObject({ status: 'ineligible', periodKey: '2026#2', amountFen: null });
    const noData = decide(rule, firm([]), '2027-06-01', DEFAULT_RULE_CATALOGUE, history);
    expect(noData.status).toBe('unknown');
    expect(noData.missing.map((m) => m.key)).toEqual(['tax_paid_fen']);
  });
});

describe('stage and per-person policies', () => {
  it('pays a listing stage once: the period names the stage, an unreported stage is unknown', () => {
    const rule = example('SSJL');
    const filed = decide(rule, buildMatchingSubject('f', {}, [{ key: 'listing_stage', year: 2026, value: 'filed' }, { key: 'serious_dishonesty', year: 2026, value: false }]), '2026-06-01', DEFAULT_RULE_CATALOGUE);
    expect(filed).toMatchObject({ status: 'eligible', periodKey: 'stage:filed', amountFen: 100_000_000 });
    expect(decide(rule, buildMatchingSubject('f', {}, []), '2026-06-01', DEFAULT_RULE_CATALOGUE).status).toBe('unknown');
  });

  it('counts the persons actually listed for a per-person policy', () => {
    const rule = example('XNJY');
    const subject = buildMatchingSubject('f', {}, [{ key: 'absorbed_hires', year: 2026, value: 5 }, { key: 'serious_dishonesty', year: 2026, value: false }]);
    expect(decide(rule, subject, '2026-06-01', DEFAULT_RULE_CATALOGUE).amountFen).toBe(500_000);
    expect(decide(rule, withPersonCount(subject, rule, '2026-06-01', 2), '2026-06-01', DEFAULT_RULE_CATALOGUE).amountFen).toBe(200_000);
    expect(factRefs(rule).map((r) => r.key)).toEqual(['absorbed_hires', 'serious_dishonesty']);
  });
});
