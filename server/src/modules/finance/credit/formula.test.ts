import { describeCreditFormula, scoreCredit, validateCreditFormula, type CreditFormulaDefinition } from '@yuanqi/contract';
import { describe, expect, it } from 'vitest';
import { DEMO_CREDIT_FORMULA } from '../seed/credit.js';

const small: CreditFormulaDefinition = {
  indicators: [
    { metric: 'years_founded', weight: 60, bands: [{ min: null, max: 5, score: 40 }, { min: 5, max: 10, score: 70 }, { min: 10, max: null, score: 100 }] },
    { metric: 'high_tech', weight: 40, bands: [{ min: null, max: 1, score: 50 }, { min: 1, max: null, score: 100 }] },
  ],
  grades: { AAA: 90, AA: 80, A: 70, BBB: 60, BB: 50 },
};

describe('validateCreditFormula', () => {
  it('accepts the demo formula and the small one', () => {
    expect(validateCreditFormula(DEMO_CREDIT_FORMULA)).toEqual([]);
    expect(validateCreditFormula(small)).toEqual([]);
  });

  it('names the field in Chinese for each fault', () => {
    const bad: CreditFormulaDefinition = {
      indicators: [
        { metric: 'years_founded', weight: 50, bands: [{ min: null, max: 5, score: 40 }, { min: 3, max: null, score: 100 }] },
        { metric: 'years_founded', weight: 30, bands: [{ min: null, max: 5, score: 40 }, { min: 8, max: null, score: 100 }] },
        { metric: 'power_yoy_pct', weight: 10, bands: [{ min: 1, max: null, score: 100 }] },
      ],
      grades: { AAA: 90, AA: 95, A: 70, BBB: 60, BB: 50 },
    };
    const issues = validateCreditFormula(bad);
    const text = issues.map((i) => `${i.path}: ${i.message}`);
    expect(text).toEqual(
      expect.arrayContaining([
        'indicators.0.bands.1: 第1个指标「成立年限」第2档与第1档区间重叠',
        'indicators.1.metric: 第2个指标「成立年限」重复,每个指标只能出现一次',
        'indicators.1.bands.1: 第2个指标「成立年限」第1档与第2档之间有空缺(5–8年),评分档须首尾相接',
        'indicators.2.bands: 第3个指标「用电量同比」的评分档须从无下限开始(最低一档下限留空)',
        'indicators: 各指标权重之和须为100%,现为90%',
        'grades.AA: 等级AA的起点分须低于AAA(90分)',
      ]),
    );
  });

  it('refuses a band whose lower bound is not below its upper bound', () => {
    const issues = validateCreditFormula({ ...small, indicators: [{ ...small.indicators[0]!, bands: [{ min: null, max: 5, score: 40 }, { min: 5, max: 5, score: 70 }, { min: 5, max: null, score: 100 }] }, small.indicators[1]!] });
    expect(issues.map((i) => i.message)).toContain('第1个指标「成立年限」第2档的下限须小于上限');
  });
});

describe('describeCreditFormula', () => {
  it('reads the formula back in Chinese, highest band first', () => {
    expect(describeCreditFormula(small)).toEqual([
      '成立年限:≥10年 得100分;5–10年 得70分;<5年 得40分;权重60%',
      '高新技术企业:是 得100分;否 得50分;权重40%',
      '总分 = Σ(指标得分 × 权重);等级:≥90分 AAA;80–90分 AA;70–80分 A;60–70分 BBB;50–60分 BB;<50分 B',
    ]);
    expect(describeCreditFormula(DEMO_CREDIT_FORMULA)[1]).toBe('注册资本:≥5000万元 得100分;2000–5000万元 得85分;500–2000万元 得70分;<500万元 得50分;无数据 得40分;权重10%');
  });
});

describe('scoreCredit', () => {
  it.each([
    // years, high-tech → total, grade
    [12, 1, 100, 'AAA'],
    [10, 0, 80, 'AA'],
    [9.99, 1, 82, 'AA'],
    [5, 0, 62, 'BBB'],
    [4, 1, 64, 'BBB'],
    [4, 0, 44, 'B'],
    [null, 1, 40, 'B'],
  ] as const)('years %s, 高新 %s → %s分 %s', (years, highTech, total, grade) => {
    const r = scoreCredit(small, { years_founded: years, high_tech: highTech });
    expect(r.totalScore).toBe(total);
    expect(r.grade).toBe(grade);
    expect(r.indicators).toHaveLength(2);
  });

  it('explains each indicator in one line; every catalogue metric has a data source now', () => {
    const r = scoreCredit(DEMO_CREDIT_FORMULA, { years_founded: 7, registered_capital_wan: null, above_scale: 1 });
    expect(r.indicators[0]!.explanation).toBe('成立年限7年,属“5–10年”档,得80分 × 权重15% = 12分');
    expect(r.indicators[1]!.explanation).toBe('注册资本无数据,按40分计 × 权重10% = 4分');
    expect(r.indicators[2]).toMatchObject({ valueText: '是', score: 100, weighted: 10 });
    expect(r.notYetAvailable).toEqual([]);
    expect(r.indicators.find((i) => i.metric === 'revenue_yoy_pct')).toMatchObject({ value: null, score: 50, explanation: '营收同比增速无数据,按50分计 × 权重5% = 2.5分' });
  });
});
