import { describe, expect, it } from 'vitest';
import { DEFAULT_RULE_CATALOGUE, makeRuleCatalogue } from './catalogue.js';
import { POLICY_RULE_EXAMPLES } from './examples.js';
import { ZPolicyRule, conditionPartName, validateRule } from './validate.js';

const cat = DEFAULT_RULE_CATALOGUE;

/** A valid rule to break one part at a time. */
function base(): Record<string, any> {
  return {
    version: 1,
    params: [{ key: 'wage_rate', label: '每人补贴标准', unit: 'fen', values: [{ from: '2025-01-01', value: 20000 }] }],
    eligibility: {
      op: 'all',
      items: [
        { op: 'isTrue', value: { op: 'field', field: 'is_above_scale' } },
        {
          op: 'any',
          items: [
            { op: 'compare', left: { op: 'field', field: 'headcount' }, cmp: '>=', right: { op: 'num', value: 100 } },
            { op: 'compare', left: { op: 'fact', key: 'new_hires', year: -1 }, cmp: '>=', right: { op: 'num', value: 10 } },
          ],
        },
      ],
    },
    benefit: { amount: { op: 'mul', args: [{ op: 'fact', key: 'new_hires', year: -1 }, { op: 'param', key: 'wage_rate' }] }, cap: { op: 'num', value: 20_000_000 } },
    payment: { period: 'year' },
  };
}

function errorsOf(raw: unknown, catalogue = cat) {
  const r = validateRule(raw, catalogue);
  if (r.ok) throw new Error('expected the rule to be refused');
  return r.errors;
}

describe('validateRule', () => {
  it('accepts a well-formed rule and returns a clean copy without unknown properties', () => {
    const raw = base();
    raw.eligibility.items[0].uiKey = 'abc';
    const r = validateRule(raw, cat);
    expect(r.ok).toBe(true);
    if (r.ok) expect((r.rule.eligibility as any).items[0].uiKey).toBeUndefined();
  });

  it('names the condition and the side when a comparison lacks its right-hand value', () => {
    const raw = base();
    delete raw.eligibility.items[1].items[0].right;
    expect(errorsOf(raw)).toEqual([{ path: 'eligibility.items.1.items.0.right', message: '条件 2.1:比较的右侧缺少数值' }]);
  });

  it('names the parameter when a date is malformed, and refuses unsorted dates', () => {
    const raw = base();
    raw.params[0].values = [{ from: '2025-1-1', value: 1 }];
    expect(errorsOf(raw)).toEqual([{ path: 'params.0.values.0.from', message: '参数 wage_rate:生效日期格式应为 YYYY-MM-DD(第1个取值)' }]);
    raw.params[0].values = [{ from: '2026-01-01', value: 1 }, { from: '2025-01-01', value: 2 }];
    expect(errorsOf(raw)[0].message).toBe('参数 wage_rate:生效日期应按先后排列且不能重复(2026-01-01 之后是 2025-01-01)');
    raw.params[0].values = [{ from: '2025-02-30', value: 1 }];
    expect(errorsOf(raw)[0].path).toBe('params.0.values.0.from');
  });

  it('refuses unknown fields, facts and parameters by name', () => {
    const raw = base();
    raw.eligibility.items[1].items[0].left = { op: 'field', field: 'profit' };
    raw.eligibility.items[1].items[1].left = { op: 'fact', key: 'nonsense', year: 0 };
    raw.benefit.amount.args[1] = { op: 'param', key: 'nope' };
    expect(errorsOf(raw).map((e) => e.message)).toEqual([
      '条件 2.1 左侧:未知的企业信息项"profit"',
      '条件 2.2 左侧:未知的数据项"nonsense"',
      '金额公式第2项:未定义的参数"nope"(请先在参数表中添加)',
    ]);
  });

  it("accepts a park's own fact once it is in the catalogue", () => {
    const raw = base();
    raw.eligibility.items[1].items[1].left = { op: 'fact', key: 'copper_tonnage', year: -1 };
    expect(errorsOf(raw)[0].message).toBe('条件 2.2 左侧:未知的数据项"copper_tonnage"');
    const park = makeRuleCatalogue({ facts: [{ key: 'copper_tonnage', label: '铜加工量', type: 'number', unit: 'number' }] });
    expect(validateRule(raw, park).ok).toBe(true);
  });

  it('refuses an empty group', () => {
    const raw = base();
    raw.eligibility.items[1].items = [];
    expect(errorsOf(raw)).toEqual([{ path: 'eligibility.items.1.items', message: '条件 2:"满足其一"的条件组不能为空' }]);
  });

  it('refuses overlapping or unsorted tiers and a tier whose bounds are reversed', () => {
    const tiers = (list: unknown[]) => {
      const raw = base();
      raw.benefit.amount = { op: 'tiers', input: { op: 'field', field: 'headcount' }, tiers: list };
      return errorsOf(raw).map((e) => e.message);
    };
    expect(tiers([{ min: 0, max: 50, value: { op: 'num', value: 1 } }, { min: 40, value: { op: 'num', value: 2 } }])).toEqual([
      '金额公式第2档:区间应从小到大排列且不重叠(本档下限40小于第1档上限50)',
    ]);
    expect(tiers([{ min: 50, value: { op: 'num', value: 1 } }, { min: 60, value: { op: 'num', value: 2 } }])).toEqual([
      '金额公式第2档:与第1档区间重叠(前一档无上限或本档无下限)',
    ]);
    expect(tiers([{ min: 9, max: 3, value: { op: 'num', value: 1 } }])).toEqual(['金额公式第1档:下限9应小于上限3']);
    expect(tiers([])).toEqual(['金额公式:至少需要一档']);
  });

  it('refuses a percentage out of range, in a formula or a parameter', () => {
    const raw = base();
    raw.benefit.amount = { op: 'percent', base: { op: 'fact', key: 'ui_premium_paid_fen', year: -1 }, rate: { op: 'num', value: 150 } };
    expect(errorsOf(raw)[0].message).toBe('金额公式:百分比应在0到100之间(现为150)');
    const raw2 = base();
    raw2.params.push({ key: 'rate', label: '返还比例', unit: 'percent', values: [{ from: '2025-01-01', value: 120 }] });
    expect(errorsOf(raw2)[0].message).toBe('参数 rate:百分比应在0到100之间(第1个取值为120)');
  });

  it('refuses type mismatches with a hint of the right operator', () => {
    const raw = base();
    raw.eligibility.items[1].items[0] = { op: 'compare', left: { op: 'field', field: 'chain' }, cmp: '==', right: { op: 'num', value: 1 } };
    expect(errorsOf(raw)[0].message).toBe('条件 2.1:比较的左侧应为数值,而"产业链"是文本(文本请用"属于"或"以…开头")');
    const raw2 = base();
    raw2.eligibility.items[0] = { op: 'isTrue', value: { op: 'field', field: 'headcount' } };
    expect(errorsOf(raw2)[0].message).toBe('条件 1:"为是"只能用于是/否数据,而"从业人数"是数值');
  });

  it('refuses values that are not among a field’s options', () => {
    const raw = base();
    raw.eligibility.items[0] = { op: 'in', left: { op: 'field', field: 'scale_class' }, values: ['small', 'tiny'] };
    expect(errorsOf(raw)[0].message).toBe('条件 1:"tiny"不是"企业规模"的可选值(可选:大型、中型、小型、微型)');
  });

  it('refuses unknown operators, bad fact years, sub with three terms, division by a literal 0', () => {
    const raw = base();
    raw.eligibility.items[0] = { op: 'eval', code: 'process.exit()' };
    raw.eligibility.items[1].items[1].left.year = 1850;
    raw.benefit.amount = { op: 'sub', args: [{ op: 'num', value: 1 }, { op: 'num', value: 1 }, { op: 'num', value: 1 }] };
    raw.benefit.cap = { op: 'div', args: [{ op: 'num', value: 1 }, { op: 'num', value: 0 }] };
    expect(errorsOf(raw).map((e) => e.message)).toEqual([
      '条件 1:未知的条件类型"eval"',
      '条件 2.2 左侧:"新增就业人数"的年度应为 当年(0)、上一年(-1)等相对年度或 1900–2200 的年份',
      '金额公式:减法需要正好两项',
      '金额上限第2项:除数不能为0',
    ]);
  });

  it('checks payment terms: period, stage fact, instalment shares, per-person fact', () => {
    const raw = base();
    raw.payment = {
      period: 'stage',
      instalments: [
        { label: '第一年', sharePercent: 60, yearOffset: 0 },
        { label: '第二年', sharePercent: 30, yearOffset: 1 },
      ],
      perPerson: { factKey: 'listing_stage', uniqueAcrossEnterprises: true },
    };
    expect(errorsOf(raw).map((e) => e.message)).toEqual([
      '兑现方式:按阶段兑现需指定标明阶段的数据项(如 上市进程)',
      '分期兑现:各期比例合计应为100%,现为90%',
      '按人计发:人数数据项"上市进程"应为数值',
    ]);
    const raw2 = base();
    raw2.payment = { period: 'weekly' };
    expect(errorsOf(raw2)[0].message).toBe('兑现方式:周期应为 每年/每半年/每季度/每月/一次性/按阶段 之一');
  });

  it('refuses a rule that is not an object, a wrong version, a missing benefit', () => {
    expect(errorsOf('all')).toEqual([{ path: '', message: '规则:应为一个规则对象' }]);
    const raw = base();
    raw.version = 2;
    delete raw.benefit;
    expect(errorsOf(raw).map((e) => e.message)).toEqual(['规则:版本应为 1', '兑现金额:缺少兑现金额']);
  });

  it('refuses a rule nested too deeply (never recursing without bound)', () => {
    let cond: any = { op: 'hasTag', tag: 'high_tech' };
    for (let i = 0; i < 40; i++) cond = { op: 'not', item: cond };
    const raw = base();
    raw.eligibility = cond;
    expect(errorsOf(raw)[0].message).toMatch(/嵌套层数过多/);
  });

  it('refuses an unknown tag when the catalogue lists the tags', () => {
    const raw = base();
    raw.eligibility.items[0] = { op: 'hasTag', tag: 'unicorn' };
    expect(errorsOf(raw)[0].message).toBe('条件 1:未知的企业标签"unicorn"');
  });
});

describe('ZPolicyRule', () => {
  it('checks the shape with the same named messages and paths', () => {
    const raw = base();
    delete raw.eligibility.items[1].items[0].right;
    const r = ZPolicyRule.safeParse(raw);
    expect(r.success).toBe(false);
    if (!r.success) {
      expect(r.error.issues[0].message).toBe('条件 2.1:比较的右侧缺少数值');
      expect(r.error.issues[0].path).toEqual(['eligibility', 'items', 1, 'items', 0, 'right']);
    }
  });

  it('parses every example', () => {
    for (const ex of POLICY_RULE_EXAMPLES) expect(ZPolicyRule.parse(JSON.parse(JSON.stringify(ex.rule)))).toEqual(ex.rule);
  });
});

describe('conditionPartName', () => {
  it('turns a condition path into the name the messages use', () => {
    expect(conditionPartName('eligibility')).toBe('适用条件');
    expect(conditionPartName('eligibility.items.1.items.0')).toBe('条件 2.1');
  });
});
