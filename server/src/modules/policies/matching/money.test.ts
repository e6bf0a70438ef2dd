import {
  DEFAULT_RULE_CATALOGUE,
  MONEY_ROUNDINGS,
  buildMatchingSubject,
  compileRule,
  describeRule,
  evaluateRule,
  formatYuan,
  parseYuanToFen,
  rb,
  roundMoney,
  validateRule,
  type MoneyRounding,
  type PolicyRule,
} from '@yuanqi/contract';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decide } from './engine.js';

/**
 * The amount a firm reads in its explanation is the amount it is paid: for random premiums, rates,
 * caps and rounding rules, the trace's amount line and the final reason state the fen the
 * evaluator pays, and the compiled matcher pays the same fen.
 */

const AS_OF = '2026-03-01';

/** 稳岗返还-like: rate % of last year's unemployment-insurance premiums, optionally capped. */
function premiumRule(ratePercent: number, capFen: number | null, rounding: MoneyRounding | null): PolicyRule {
  const raw = {
    version: 1,
    params: [{ key: 'rate', label: '返还比例', unit: 'percent', values: [{ from: '2025-01-01', value: ratePercent }] }],
    eligibility: rb.all(rb.cmp(rb.fact('ui_premium_paid_fen', -1), '>', rb.num(0))),
    benefit: { amount: rb.percent(rb.fact('ui_premium_paid_fen', -1), rb.param('rate')), ...(capFen !== null ? { cap: rb.num(capFen) } : {}), ...(rounding ? { rounding } : {}) },
    payment: { period: 'year' },
  };
  const checked = validateRule(raw, DEFAULT_RULE_CATALOGUE);
  if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
  return checked.rule;
}

const firmPaying = (premiumFen: number) => buildMatchingSubject('e1', { isAboveScale: true }, [{ key: 'ui_premium_paid_fen', year: 2025, value: premiumFen }]);

/** The last amount of money a line states, in fen; it must be whole fen (no hidden rounding). */
function lastAmount(text: string): number | null {
  const all = [...text.matchAll(/(-?[\d,]+(?:\.\d+)?)(万|亿)?元/g)];
  const last = all.at(-1);
  if (!last) return null;
  const decimals = last[1]!.split('.')[1] ?? '';
  // whole fen: two decimals of 元, six of 万元, ten of 亿元 (the working may state a large amount in 亿元)
  if (decimals.length > 2 + (last[2] === '万' ? 4 : last[2] === '亿' ? 8 : 0)) return Number.NaN;
  return parseYuanToFen(`${last[1]}${last[2] ?? ''}`);
}

function explainAndPay(rule: PolicyRule, premiumFen: number) {
  const subject = firmPaying(premiumFen);
  const ev = evaluateRule(rule, subject, AS_OF, DEFAULT_RULE_CATALOGUE);
  const compiled = compileRule(rule, DEFAULT_RULE_CATALOGUE).bind(AS_OF).outcome(subject);
  const amountLine = ev.trace.find((n) => n.path === 'benefit.amount')!.text;
  return { ev, compiled, amountLine, finalReason: ev.reasons.at(-1)! };
}

describe('the amount explained is the amount paid', () => {
  it('holds for random premiums, rates, caps and rounding rules, in the evaluator and the compiled matcher alike', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 50_000_000_000 }),
        fc.integer({ min: 1, max: 10_000 }).map((n) => n / 100), // 0.01 % … 100 %, two decimals
        fc.option(fc.integer({ min: 1, max: 2_000_000_000 }), { nil: null }),
        fc.option(fc.constantFrom(...MONEY_ROUNDINGS), { nil: null }),
        (premiumFen, rate, capFen, rounding) => {
          const rule = premiumRule(rate, capFen, rounding);
          const { ev, compiled, amountLine, finalReason } = explainAndPay(rule, premiumFen);
          expect(compiled.status).toBe(ev.status);
          expect(compiled.amountFen).toBe(ev.amountFen);
          // the working ends with the fen the rule pays before the cap
          expect(lastAmount(amountLine)).toBe(ev.uncappedAmountFen);
          if (ev.status === 'eligible') {
            expect(finalReason).toBe(`符合条件,可兑现${formatYuan(ev.amountFen!)}`);
            // the cap is rounded by the same rule (a 取整到元 policy never pays fen, not even at its cap)
            if (capFen !== null) expect(ev.capFen).toBe(roundMoney(capFen, rounding ?? 'fen-half-up'));
            expect(ev.amountFen).toBe(ev.capFen !== null ? Math.min(ev.uncappedAmountFen!, ev.capFen) : ev.uncappedAmountFen);
            // the decision the platform stores (and pays) carries the same fen
            const d = decide(rule, firmPaying(premiumFen), AS_OF, DEFAULT_RULE_CATALOGUE);
            expect(d.amountFen).toBe(ev.amountFen);
          } else {
            // a rate so small that the amount rounds to 0
            expect(ev.amountFen).toBeNull();
          }
        },
      ),
      // examples: a working stated in 亿元 (5亿元 × 21.27% = 1.0635亿元, whole fen), once taken for a fraction
      { numRuns: 400, examples: [[50_000_000_000, 21.27, null, null], [50_000_000_000, 20.02, null, null]] },
    );
  });

  it('pays and explains ¥74,074.07 for 60% of ¥123,456.78 (四舍五入到分), where it once paid ¥74,074.06', () => {
    const { ev, compiled, amountLine, finalReason } = explainAndPay(premiumRule(60, null, null), 12_345_678);
    expect(ev.amountFen).toBe(7_407_407);
    expect(compiled.amountFen).toBe(7_407_407);
    expect(amountLine).toBe('金额:123,456.78元 × 60% = 74,074.068元,金额四舍五入到分为74,074.07元');
    expect(finalReason).toBe('符合条件,可兑现74,074.07元');
  });

  // half a fen: ¥123.45 × 50% = ¥61.725
  const halfFen: Array<[MoneyRounding, number, string]> = [
    ['fen-half-up', 6_173, '61.73元'],
    ['fen-down', 6_172, '61.72元'],
    ['yuan-half-up', 6_200, '62.00元'],
    ['yuan-down', 6_100, '61.00元'],
  ];
  it.each(halfFen)('at half a fen, %s pays %d fen and says so', (rounding, fen, text) => {
    const { ev, compiled, amountLine, finalReason } = explainAndPay(premiumRule(50, null, rounding), 12_345);
    expect(ev.amountFen).toBe(fen);
    expect(compiled.amountFen).toBe(fen);
    expect(amountLine.endsWith(`为${text}`)).toBe(true);
    expect(finalReason).toBe(`符合条件,可兑现${text}`);
  });

  it('at half a yuan, the yuan rules part ways: ¥2.50 → ¥3 or ¥2', () => {
    // ¥5.00 × 50% = ¥2.50 exactly: whole fen, half a yuan
    expect(explainAndPay(premiumRule(50, null, 'yuan-half-up'), 500).ev.amountFen).toBe(300);
    expect(explainAndPay(premiumRule(50, null, 'yuan-down'), 500).ev.amountFen).toBe(200);
    expect(explainAndPay(premiumRule(50, null, 'fen-half-up'), 500).ev.amountFen).toBe(250);
  });

  it('names the rule in the plain-Chinese read-back', () => {
    expect(describeRule(premiumRule(60, null, null), DEFAULT_RULE_CATALOGUE)).toContain('上一年度失业保险费实缴的60%;金额四舍五入到分;每年兑现一次');
    expect(describeRule(premiumRule(60, null, 'yuan-down'), DEFAULT_RULE_CATALOGUE)).toContain(';金额舍去角分,取整到元;');
  });

  it('refuses an unknown rounding rule, naming the field', () => {
    const raw = { ...premiumRule(60, null, null), benefit: { ...premiumRule(60, null, null).benefit, rounding: 'banker' } };
    const checked = validateRule(raw, DEFAULT_RULE_CATALOGUE);
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.errors).toEqual([{ path: 'benefit.rounding', message: expect.stringContaining('金额取整') }]);
  });

  it('splits instalments with the rule’s rounding, the last taking the remainder', () => {
    const rule: PolicyRule = { ...premiumRule(60, null, 'yuan-down'), payment: { period: 'year', instalments: [
      { label: '第一年', sharePercent: 50, yearOffset: 0 },
      { label: '第二年', sharePercent: 50, yearOffset: 1 },
    ] } };
    // 60% of ¥1,001.00 = ¥600.60 → ¥600 (取整到元) → first half ¥300
    const d = decide(rule, firmPaying(100_100), AS_OF, DEFAULT_RULE_CATALOGUE);
    expect(d.amountFen).toBe(30_000);
    expect(d.reasons.at(-1)).toContain('300.00元');
  });
});
