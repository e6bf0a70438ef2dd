import { describe, expect, it } from 'vitest';
import { rb } from './builders.js';
import { DEFAULT_RULE_CATALOGUE, makeRuleCatalogue } from './catalogue.js';
import { describeCondition, describeExpr, describeRule, formatRuleMoney } from './describe.js';
import { POLICY_RULE_EXAMPLES } from './examples.js';
import type { PolicyRule, RuleParam } from './types.js';

const cat = DEFAULT_RULE_CATALOGUE;
const { field, fact, param, num, mul, all, any, not, cmp, isTrue, hasTag, tiers, known } = rb;

/** What an officer reads back for each reference policy (reference/policies.md). */
const EXPECTED: Record<string, string> = {
  WGFH:
    '上一年度失业保险连续足额缴费月数≥12个月且上一年度裁员率≤(如上一年度参保人数≤30人则20%,否则5.5%)且非严重失信且非僵尸企业:上一年度失业保险费实缴 × 按企业规模(大型为50%(2025-01-01起;此前30%);其他为90%(2025-01-01起;2023-01-01至2024-12-31为60%;此前90%));金额四舍五入到分;每年兑现一次',
  KGBZ:
    '当年扩岗补助对象人数≥1人且非严重失信:按当年扩岗补助对象人数计,每人1,500元(按人计发);金额四舍五入到分;每年兑现一次;与同属“一次性扩岗/吸纳就业补贴”的政策不可同时享受;同一人员(扩岗补助对象人数)只能在一家企业享受',
  XNJY:
    '当年吸纳就业困难人员人数≥1人且非严重失信:按当年吸纳就业困难人员人数计,每人1,000元(按人计发);金额四舍五入到分;每年兑现一次;与同属“一次性扩岗/吸纳就业补贴”的政策不可同时享受;同一人员(吸纳就业困难人员人数)只能在一家企业享受',
  YGDX:
    '企业规模为中型或小型或微型且当年以工代训人数≥1人:按当年以工代训人数计,每人每月500元,乘以当年人均以工代训月数(最多6个月);金额四舍五入到分;每年兑现一次',
  LGPX:
    '企业规模为中型或小型或微型且当年所在县区为中高风险地区:按当年参保人数计,每人500元;金额四舍五入到分;每家企业仅兑现一次',
  SBBT:
    '(属于制造业(行业代码C)或属于批发和零售业(行业代码F)或属于住宿和餐饮业(行业代码H)或属于居民服务、修理和其他服务业(行业代码O)或属于文化、体育和娱乐业(行业代码R))且企业规模为中型或小型或微型且当年重点群体个人缴纳社保费>0元:当年重点群体个人缴纳社保费的25%;金额四舍五入到分;每年兑现一次',
  GQRD:
    '当年首次认定高新技术企业或(当年高新技术企业重新认定且在本地纳税且上一年度研发投入占上一年度营业收入的比例≥按上一年度营业收入分档(不满5,000万元为5%;5,000万元以上不满2亿元为4%;2亿元以上为3%)):如当年首次认定高新技术企业则20万元,否则5万元;金额四舍五入到分;每年兑现一次;分3期兑现:第一年50%(当年纳税额>0元)、第二年25%(当年纳税额>0元)、第三年25%(当年纳税额>0元)',
  ZJTX:
    '(属于专精特新或属于专精特新小巨人或当年获省级专精特新认定)且上一年度营业收入≥5,000万元且上一年度营业收入增长率>7.2%(2025-01-01起;此前8.5%)且上一年度资产负债率≤70%且上一年度主导产品收入占比≥50%:如属于专精特新小巨人则按当年专精特新小巨人级别(国家级为50万元;省级为20万元),否则10万元;金额四舍五入到分;每家企业仅兑现一次',
  YFHBZ:
    '上一年度研发投入≥100万元且属于科技型中小企业:上一年度研发投入的5% + 如已填报2年前研发投入且2年前研发投入>0元则按上一年度研发投入比2年前研发投入的增长率分档(10%以上不满20%为1万元;20%以上为2万元;其他为0元),否则0元,上限8万元;金额四舍五入到分;每年兑现一次',
  SSJL:
    '上市进程为股改或辅导备案或申报受理或上市且非严重失信:按上市进程(股改、辅导备案为50万元;申报受理为100万元;上市为(如境外上市则首发募集资金的2%(最多500万元),否则100万元));金额四舍五入到分;按上市进程每个阶段仅兑现一次',
  FZJM:
    '承租国有房屋且企业规模为小型或微型且不满足(属于农、林、牧、渔业(行业代码A)或属于采矿业(行业代码B)或属于制造业(行业代码C)或属于电力、热力、燃气及水生产和供应业(行业代码D)或属于建筑业(行业代码E)):国有房屋月租金 × (如当年所在县区为中高风险地区则6个月,否则3个月);金额四舍五入到分;每年兑现一次',
  YGBT:
    '规上企业且上一年度新增就业人数≥10人:按(上一年度新增就业人数 − 上一年度新招高校毕业生人数)计,每人300元(2026-01-01起;此前200元) + 按上一年度新招高校毕业生人数计,每人500元(2026-01-01起;此前400元),上限20万元;金额四舍五入到分;每年兑现一次',
  ZNZZ:
    '属于制造业(行业代码C)且智能制造成熟度等级≥2:按智能制造成熟度等级分档(2以上不满3为50万元;3以上不满4为(如智能制造标杆企业则200万元,否则100万元);4以上为(如智能制造标杆企业则500万元,否则100万元));金额四舍五入到分;每家企业仅兑现一次',
};

describe('describeRule', () => {
  it('reads every reference policy back in plain Chinese', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(POLICY_RULE_EXAMPLES.map((e) => e.code).sort());
    for (const ex of POLICY_RULE_EXAMPLES) expect(describeRule(ex.rule, cat)).toBe(EXPECTED[ex.code]);
  });

  it('with an as-of date, relative years read as calendar years', () => {
    const rule: PolicyRule = {
      version: 1,
      params: [
        { key: 'per_hire', label: '每人补贴标准', unit: 'fen', values: [{ from: '2025-01-01', value: 20_000 }, { from: '2026-01-01', value: 40_000 }] },
        { key: 'cap', label: '上限', unit: 'fen', values: [{ from: '2025-01-01', value: 20_000_000 }] },
      ],
      eligibility: all(isTrue(field('is_above_scale')), cmp(fact('new_hires', -1), '>=', num(10))),
      benefit: { amount: mul(fact('new_hires', -1), param('per_hire')), cap: param('cap') },
      payment: { period: 'year' },
    };
    expect(describeRule(rule, cat, { asOf: '2026-03-01' })).toBe(
      '规上企业且2025年新增就业人数≥10人:按2025年新增就业人数计,每人400元(2026-01-01起;此前200元),上限20万元;金额四舍五入到分;每年兑现一次',
    );
  });
});

describe('describeCondition and describeExpr', () => {
  const params: RuleParam[] = [{ key: 'r', label: '比例', unit: 'percent', values: [{ from: '2024-01-01', value: 5 }] }];

  it('negates comparisons and flags naturally', () => {
    expect(describeCondition(not(cmp(field('headcount'), '>=', num(100))), cat)).toBe('从业人数<100人');
    expect(describeCondition(not(isTrue(fact('zombie'))), cat)).toBe('非僵尸企业');
    expect(describeCondition(not(hasTag('high_tech')), cat)).toBe('不属于高新技术企业');
    expect(describeCondition(not(known(fact('tax_paid_fen', 2025))), cat)).toBe('未填报2025年纳税额');
  });

  it('groups mixed and/or with parentheses', () => {
    expect(describeCondition(all(hasTag('high_tech'), any(cmp(field('age_years'), '<', num(5)), rb.startsWith(field('industry_code'), 'C39'))), cat)).toBe(
      '属于高新技术企业且(成立年限<5或行业代码以“C39”开头)',
    );
  });

  it('shows chain and option labels from the catalogue', () => {
    const park = makeRuleCatalogue({ chains: [{ value: 'copper', label: '铜基新材料' }] });
    expect(describeCondition(rb.in(field('chain'), ['copper', 'iot']), park)).toBe('产业链为铜基新材料或iot');
    expect(describeCondition(rb.in(fact('listing_stage'), ['tutoring']), cat)).toBe('上市进程为辅导备案');
  });

  it('formats tiers with legal wording (以上 includes, 不满 excludes)', () => {
    expect(describeExpr(tiers(field('annual_revenue_fen'), [{ max: 5_000_000_000, value: num(5) }, { min: 5_000_000_000, value: num(3) }]), cat, [], { unitHint: 'percent' })).toBe(
      '按年营业收入分档(不满5,000万元为5%;5,000万元以上为3%)',
    );
  });

  it('formats percentages of a base with dated rates', () => {
    expect(describeExpr(rb.percent(fact('rd_expense_fen', -1), param('r')), cat, params)).toBe('上一年度研发投入的5%');
  });

  it('formats money in 元, 万元 and 亿元', () => {
    expect(formatRuleMoney(150_000)).toBe('1,500元');
    expect(formatRuleMoney(20_000_000)).toBe('20万元');
    expect(formatRuleMoney(5_000_000_000)).toBe('5,000万元');
    expect(formatRuleMoney(15_000_000_000)).toBe('1.5亿元');
    expect(formatRuleMoney(1_234_567)).toBe('12,345.67元');
  });
});
