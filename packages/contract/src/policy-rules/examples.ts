import { rb } from './builders.js';
import type { PolicyRule } from './types.js';

/**
 * The policies of reference/policies.md written as rules — the test that an officer can express
 * each of them without a programmer. The demo park is seeded from these; the rule builder offers
 * them as templates. Amounts are realistic examples, not the law of any one place.
 */
export type PolicyRuleExample = {
  code: string;
  title: string;
  docNumber: string;
  issuer: string;
  category: '产业扶持' | '科技创新' | '股改上市' | '就业用工' | '人才引进' | '纾困';
  /** apply = 申报; auto = 免申即享 */
  mode: 'apply' | 'auto';
  summary: string;
  validFrom: string;
  validTo: string | null;
  rule: PolicyRule;
};

const { field, fact, param, num, yuan, wan, add, sub, mul, div, min, percent, tiers, choose, all, any, not, cmp, hasTag, isTrue, known } = rb;
const inList = rb.in;
const ifThen = rb.if;

/** 失业保险稳岗返还 */
const wengang: PolicyRule = {
  version: 1,
  params: [
    {
      key: 'rate_large',
      label: '大型企业返还比例',
      unit: 'percent',
      values: [
        { from: '2022-01-01', value: 30 },
        { from: '2025-01-01', value: 50 },
      ],
    },
    {
      key: 'rate_sme',
      label: '中小微企业返还比例',
      unit: 'percent',
      values: [
        { from: '2022-01-01', value: 90 },
        { from: '2023-01-01', value: 60 },
        { from: '2025-01-01', value: 90 },
      ],
    },
    { key: 'layoff_cap', label: '裁员率上限', unit: 'percent', values: [{ from: '2022-01-01', value: 5.5 }] },
    { key: 'layoff_cap_small', label: '参保30人及以下企业裁员率上限', unit: 'percent', values: [{ from: '2022-01-01', value: 20 }] },
    { key: 'small_insured_max', label: '小规模参保人数', unit: 'count', values: [{ from: '2022-01-01', value: 30 }] },
  ],
  eligibility: all(
    cmp(fact('ui_paid_months', -1), '>=', num(12)),
    cmp(
      fact('layoff_rate', -1),
      '<=',
      ifThen(cmp(fact('insured_headcount', -1), '<=', param('small_insured_max')), param('layoff_cap_small'), param('layoff_cap')),
    ),
    not(isTrue(fact('serious_dishonesty'))),
    not(isTrue(fact('zombie'))),
  ),
  benefit: {
    amount: percent(fact('ui_premium_paid_fen', -1), choose(field('scale_class'), [{ values: ['large'], value: param('rate_large') }], param('rate_sme'))),
  },
  payment: { period: 'year' },
};

const EMPLOYMENT_GROUP = '一次性扩岗/吸纳就业补贴';

/** 一次性扩岗补助 */
const kuogang: PolicyRule = {
  version: 1,
  params: [
    {
      key: 'per_hire',
      label: '每人补助标准',
      unit: 'fen',
      values: [{ from: '2022-01-01', value: 150_000 }],
    },
  ],
  eligibility: all(cmp(fact('expansion_hires'), '>=', num(1)), not(isTrue(fact('serious_dishonesty')))),
  benefit: { amount: mul(fact('expansion_hires'), param('per_hire')), unitLabel: '按人计发' },
  payment: { period: 'year', exclusionGroup: EMPLOYMENT_GROUP, perPerson: { factKey: 'expansion_hires', uniqueAcrossEnterprises: true } },
};

/** 一次性吸纳就业补贴 (mutually exclusive with 扩岗补助) */
const xina: PolicyRule = {
  version: 1,
  params: [{ key: 'per_hire', label: '每人补贴标准', unit: 'fen', values: [{ from: '2022-01-01', value: 100_000 }] }],
  eligibility: all(cmp(fact('absorbed_hires'), '>=', num(1)), not(isTrue(fact('serious_dishonesty')))),
  benefit: { amount: mul(fact('absorbed_hires'), param('per_hire')), unitLabel: '按人计发' },
  payment: { period: 'year', exclusionGroup: EMPLOYMENT_GROUP, perPerson: { factKey: 'absorbed_hires', uniqueAcrossEnterprises: true } },
};

/** 以工代训补贴 */
const yigongdaixun: PolicyRule = {
  version: 1,
  params: [
    { key: 'per_month', label: '每人每月补贴', unit: 'fen', values: [{ from: '2020-01-01', value: 50_000 }] },
    { key: 'max_months', label: '最长补贴月数', unit: 'months', values: [{ from: '2020-01-01', value: 6 }] },
  ],
  eligibility: all(inList(field('scale_class'), ['medium', 'small', 'micro']), cmp(fact('trainees'), '>=', num(1))),
  benefit: { amount: mul(fact('trainees'), param('per_month'), min(fact('training_months'), param('max_months'))) },
  payment: { period: 'year' },
};

/** 一次性留工培训补助 */
const liugong: PolicyRule = {
  version: 1,
  params: [{ key: 'per_insured', label: '每名参保职工补助', unit: 'fen', values: [{ from: '2022-01-01', value: 50_000 }] }],
  eligibility: all(inList(field('scale_class'), ['medium', 'small', 'micro']), isTrue(fact('in_risk_area'))),
  benefit: { amount: mul(fact('insured_headcount'), param('per_insured')) },
  payment: { period: 'once' },
};

/** 社保补贴 (国办发〔2025〕25号) */
const shebao: PolicyRule = {
  version: 1,
  params: [{ key: 'subsidy_rate', label: '补贴比例', unit: 'percent', values: [{ from: '2025-01-01', value: 25 }] }],
  eligibility: all(
    any(rb.startsWith(field('industry_code'), 'C'), rb.startsWith(field('industry_code'), 'F'), rb.startsWith(field('industry_code'), 'H'), rb.startsWith(field('industry_code'), 'O'), rb.startsWith(field('industry_code'), 'R')),
    inList(field('scale_class'), ['medium', 'small', 'micro']),
    cmp(fact('priority_hires_premium_fen'), '>', num(0)),
  ),
  benefit: { amount: percent(fact('priority_hires_premium_fen'), param('subsidy_rate')) },
  payment: { period: 'year' },
};

/** 高新技术企业认定奖励 */
const rdRatio = mul(div(fact('rd_expense_fen', -1), fact('revenue_fen', -1)), num(100));
const gaoqi: PolicyRule = {
  version: 1,
  params: [
    { key: 'first_award', label: '首次认定奖励', unit: 'fen', values: [{ from: '2023-01-01', value: 20_000_000 }] },
    { key: 'recert_award', label: '重新认定奖励', unit: 'fen', values: [{ from: '2023-01-01', value: 5_000_000 }] },
  ],
  eligibility: any(
    isTrue(fact('hitech_first_certified')),
    all(
      isTrue(fact('hitech_recertified')),
      isTrue(fact('local_tax_registered')),
      cmp(
        rdRatio,
        '>=',
        tiers(fact('revenue_fen', -1), [
          { max: 5_000_000_000, value: num(5) },
          { min: 5_000_000_000, max: 20_000_000_000, value: num(4) },
          { min: 20_000_000_000, value: num(3) },
        ]),
      ),
    ),
  ),
  benefit: { amount: ifThen(isTrue(fact('hitech_first_certified')), param('first_award'), param('recert_award')) },
  payment: {
    period: 'year',
    instalments: [
      { label: '第一年', sharePercent: 50, yearOffset: 0, condition: cmp(fact('tax_paid_fen'), '>', num(0)) },
      { label: '第二年', sharePercent: 25, yearOffset: 1, condition: cmp(fact('tax_paid_fen'), '>', num(0)) },
      { label: '第三年', sharePercent: 25, yearOffset: 2, condition: cmp(fact('tax_paid_fen'), '>', num(0)) },
    ],
  },
};

/** 专精特新 / 小巨人 奖励 */
const zhuanjing: PolicyRule = {
  version: 1,
  params: [
    {
      key: 'province_growth',
      label: '全省规上工业营业收入平均增速',
      unit: 'percent',
      values: [
        { from: '2024-01-01', value: 8.5 },
        { from: '2025-01-01', value: 7.2 },
      ],
    },
    { key: 'award_specialized', label: '专精特新奖励', unit: 'fen', values: [{ from: '2024-01-01', value: 10_000_000 }] },
  ],
  eligibility: all(
    any(hasTag('specialized'), hasTag('little_giant'), isTrue(fact('provincial_specialized'))),
    cmp(fact('revenue_fen', -1), '>=', wan(5000)),
    cmp(fact('revenue_growth', -1), '>', param('province_growth')),
    cmp(fact('debt_ratio', -1), '<=', num(70)),
    cmp(fact('main_product_share', -1), '>=', num(50)),
  ),
  benefit: {
    amount: ifThen(
      hasTag('little_giant'),
      choose(fact('little_giant_level'), [
        { values: ['national'], value: wan(50) },
        { values: ['provincial'], value: wan(20) },
      ]),
      param('award_specialized'),
    ),
  },
  payment: { period: 'once' },
};

/** 研发投入后补助 */
const rdGrowth = mul(div(sub(fact('rd_expense_fen', -1), fact('rd_expense_fen', -2)), fact('rd_expense_fen', -2)), num(100));
const yanfa: PolicyRule = {
  version: 1,
  params: [
    { key: 'general_rate', label: '普惠补助比例', unit: 'percent', values: [{ from: '2024-01-01', value: 5 }] },
    { key: 'firm_cap', label: '单个企业补助上限', unit: 'fen', values: [{ from: '2024-01-01', value: 8_000_000 }] },
  ],
  eligibility: all(cmp(fact('rd_expense_fen', -1), '>=', wan(100)), hasTag('tech_sme')),
  benefit: {
    amount: add(
      percent(fact('rd_expense_fen', -1), param('general_rate')),
      ifThen(
        all(known(fact('rd_expense_fen', -2)), cmp(fact('rd_expense_fen', -2), '>', num(0))),
        tiers(rdGrowth, [
          { min: 10, max: 20, value: wan(1) },
          { min: 20, value: wan(2) },
        ], num(0)),
        num(0),
      ),
    ),
    cap: param('firm_cap'),
  },
  payment: { period: 'year' },
};

/** 企业上市奖励 (映山红行动) */
const shangshi: PolicyRule = {
  version: 1,
  params: [
    { key: 'overseas_rate', label: '境外上市奖励比例', unit: 'percent', values: [{ from: '2018-06-01', value: 2 }] },
    { key: 'overseas_cap', label: '境外上市奖励上限', unit: 'fen', values: [{ from: '2018-06-01', value: 500_000_000 }] },
  ],
  eligibility: all(inList(fact('listing_stage'), ['shareholding', 'tutoring', 'filed', 'listed']), not(isTrue(fact('serious_dishonesty')))),
  benefit: {
    amount: choose(fact('listing_stage'), [
      { values: ['shareholding', 'tutoring'], value: wan(50) },
      { values: ['filed'], value: wan(100) },
      {
        values: ['listed'],
        value: ifThen(isTrue(fact('listing_overseas')), min(percent(fact('funds_raised_fen'), param('overseas_rate')), param('overseas_cap')), wan(100)),
      },
    ]),
  },
  payment: { period: 'stage', stageFact: 'listing_stage' },
};

/** 国有房屋租金减免 */
const fangzu: PolicyRule = {
  version: 1,
  params: [
    { key: 'months', label: '减免月数', unit: 'months', values: [{ from: '2022-01-01', value: 3 }] },
    { key: 'months_risk', label: '中高风险地区减免月数', unit: 'months', values: [{ from: '2022-01-01', value: 6 }] },
  ],
  eligibility: all(
    isTrue(fact('is_state_property_tenant')),
    inList(field('scale_class'), ['small', 'micro']),
    not(any(rb.startsWith(field('industry_code'), 'A'), rb.startsWith(field('industry_code'), 'B'), rb.startsWith(field('industry_code'), 'C'), rb.startsWith(field('industry_code'), 'D'), rb.startsWith(field('industry_code'), 'E'))),
  ),
  benefit: { amount: mul(fact('state_rent_monthly_fen'), ifThen(isTrue(fact('in_risk_area')), param('months_risk'), param('months'))) },
  payment: { period: 'year' },
};

/** 用工补贴 (200/400 元/人, graduates more, capped per firm, dated) */
const yonggong: PolicyRule = {
  version: 1,
  params: [
    {
      key: 'per_hire',
      label: '每人补贴标准',
      unit: 'fen',
      values: [
        { from: '2024-01-01', value: 20_000 },
        { from: '2026-01-01', value: 30_000 },
      ],
    },
    {
      key: 'per_graduate',
      label: '高校毕业生每人补贴标准',
      unit: 'fen',
      values: [
        { from: '2024-01-01', value: 40_000 },
        { from: '2026-01-01', value: 50_000 },
      ],
    },
    { key: 'firm_cap', label: '单个企业补贴上限', unit: 'fen', values: [{ from: '2024-01-01', value: 20_000_000 }] },
  ],
  eligibility: all(isTrue(field('is_above_scale')), cmp(fact('new_hires', -1), '>=', num(10))),
  benefit: {
    amount: add(
      mul(sub(fact('new_hires', -1), fact('new_graduate_hires', -1)), param('per_hire')),
      mul(fact('new_graduate_hires', -1), param('per_graduate')),
    ),
    cap: param('firm_cap'),
  },
  payment: { period: 'year' },
};

/** 鹰潭市工业创新发展三年倍增十六条: 智能制造 */
const zhineng: PolicyRule = {
  version: 1,
  params: [],
  eligibility: all(rb.startsWith(field('industry_code'), 'C'), cmp(fact('smart_mfg_level'), '>=', num(2))),
  benefit: {
    amount: tiers(fact('smart_mfg_level'), [
      { min: 2, max: 3, value: wan(50) },
      { min: 3, max: 4, value: ifThen(isTrue(fact('smart_mfg_benchmark')), wan(200), wan(100)) },
      { min: 4, value: ifThen(isTrue(fact('smart_mfg_benchmark')), wan(500), wan(100)) },
    ]),
  },
  payment: { period: 'once' },
};

export const POLICY_RULE_EXAMPLES: PolicyRuleExample[] = [
  {
    code: 'WGFH',
    title: '失业保险稳岗返还',
    docNumber: '人社部发〔2022〕23号;赣人社字〔2025〕115号',
    issuer: '江西省人力资源和社会保障厅',
    category: '就业用工',
    mode: 'auto',
    summary: '足额缴纳失业保险满12个月、裁员率不高于5.5%(参保30人及以下不高于20%)且非严重失信、非僵尸企业,按上年度实缴失业保险费的一定比例返还,大型企业与中小微企业比例不同。',
    validFrom: '2022-01-01',
    validTo: null,
    rule: wengang,
  },
  {
    code: 'KGBZ',
    title: '一次性扩岗补助',
    docNumber: '人社部发〔2022〕41号',
    issuer: '人力资源和社会保障部 财政部 国家税务总局',
    category: '就业用工',
    mode: 'apply',
    summary: '招用当年毕业生、离校2年内未就业高校毕业生或16–24岁登记失业青年,签订劳动合同并足额缴纳社会保险费的,按每人1500元发放;同一人员只能在一家企业享受,不与一次性吸纳就业补贴重复享受。',
    validFrom: '2022-01-01',
    validTo: '2025-12-31',
    rule: kuogang,
  },
  {
    code: 'XNJY',
    title: '一次性吸纳就业补贴',
    docNumber: '赣人社发〔2022〕12号',
    issuer: '江西省人力资源和社会保障厅',
    category: '就业用工',
    mode: 'apply',
    summary: '吸纳登记失业人员、脱贫人口等就业困难人员并签订1年以上劳动合同的,按每人1000元给予一次性补贴;与一次性扩岗补助不可同时享受。',
    validFrom: '2022-01-01',
    validTo: null,
    rule: xina,
  },
  {
    code: 'YGDX',
    title: '以工代训补贴',
    docNumber: '赣人社字〔2020〕102号',
    issuer: '江西省人力资源和社会保障厅',
    category: '就业用工',
    mode: 'apply',
    summary: '中小微企业吸纳重点群体开展以工代训的,按每人每月500元给予补贴,每人最长6个月。',
    validFrom: '2020-01-01',
    validTo: null,
    rule: yigongdaixun,
  },
  {
    code: 'LGPX',
    title: '一次性留工培训补助',
    docNumber: '人社部发〔2022〕23号',
    issuer: '人力资源和社会保障部',
    category: '纾困',
    mode: 'auto',
    summary: '所在县区有中高风险地区的中小微企业,按每名参保职工500元发放一次性留工培训补助,免申即享。',
    validFrom: '2022-01-01',
    validTo: '2022-12-31',
    rule: liugong,
  },
  {
    code: 'SBBT',
    title: '重点群体社保补贴',
    docNumber: '国办发〔2025〕25号',
    issuer: '国务院办公厅',
    category: '就业用工',
    mode: 'apply',
    summary: '制造业和住宿餐饮、批发零售、居民服务、文体娱乐等服务业中小微企业招用重点群体并签订1年以上劳动合同的,按个人缴纳社保费的25%给予补贴,先缴后补。',
    validFrom: '2025-01-01',
    validTo: null,
    rule: shebao,
  },
  {
    code: 'GQRD',
    title: '高新技术企业认定奖励',
    docNumber: '鹰府办发〔2023〕8号',
    issuer: '鹰潭市人民政府办公室',
    category: '科技创新',
    mode: 'apply',
    summary: '首次认定的高新技术企业奖励20万元;重新认定且在本地纳税、研发投入占营业收入比例达标(5000万元以下5%、5000万至2亿元4%、2亿元以上3%)的奖励5万元。分三年按50%、25%、25%兑现,当年无纳税的年度不予兑现。',
    validFrom: '2023-01-01',
    validTo: null,
    rule: gaoqi,
  },
  {
    code: 'ZJTX',
    title: '专精特新企业奖励',
    docNumber: '赣工信企业字〔2024〕56号',
    issuer: '江西省工业和信息化厅',
    category: '产业扶持',
    mode: 'apply',
    summary: '获专精特新认定、上年度营业收入5000万元以上且增速高于全省平均、资产负债率不高于70%、主导产品收入占比50%以上的企业,奖励10万元;专精特新小巨人省级20万元、国家级50万元。',
    validFrom: '2024-01-01',
    validTo: null,
    rule: zhuanjing,
  },
  {
    code: 'YFHBZ',
    title: '研发投入后补助',
    docNumber: '鹰科字〔2024〕15号',
    issuer: '鹰潭市科学技术局',
    category: '科技创新',
    mode: 'auto',
    summary: '科技型中小企业上年度研发投入100万元以上的,按研发投入的5%给予普惠补助,研发投入增长10%以上再奖励1万元、20%以上奖励2万元,单个企业最高8万元。',
    validFrom: '2024-01-01',
    validTo: null,
    rule: yanfa,
  },
  {
    code: 'SSJL',
    title: '企业上市奖励(映山红行动)',
    docNumber: '赣府厅字〔2018〕39号',
    issuer: '江西省人民政府办公厅',
    category: '股改上市',
    mode: 'apply',
    summary: '完成股改、辅导备案各奖励50万元,申报受理奖励100万元,境内上市奖励100万元;境外上市按首发募集资金的2%奖励,最高500万元。每个阶段每家企业只奖励一次。',
    validFrom: '2018-06-01',
    validTo: null,
    rule: shangshi,
  },
  {
    code: 'FZJM',
    title: '国有房屋租金减免',
    docNumber: '赣府发〔2022〕2号',
    issuer: '江西省人民政府',
    category: '纾困',
    mode: 'auto',
    summary: '承租国有房屋的服务业小微企业减免3个月租金,所在县区为中高风险地区的减免6个月,免申即享。',
    validFrom: '2022-01-01',
    validTo: '2022-12-31',
    rule: fangzu,
  },
  {
    code: 'YGBT',
    title: '规上企业用工补贴',
    docNumber: '鹰高新管发〔2024〕3号',
    issuer: '鹰潭高新区管委会',
    category: '就业用工',
    mode: 'auto',
    summary: '规上企业上年度新增就业10人以上的,按新增人数每人200元(2026年起300元)给予补贴,其中高校毕业生每人400元(2026年起500元),单个企业最高20万元。',
    validFrom: '2024-01-01',
    validTo: null,
    rule: yonggong,
  },
  {
    code: 'ZNZZ',
    title: '智能制造奖励(工业倍增十六条)',
    docNumber: '鹰府发〔2022〕6号',
    issuer: '鹰潭市人民政府',
    category: '产业扶持',
    mode: 'apply',
    summary: '智能制造能力成熟度达到二级的奖励50万元,三级100万元(标杆企业200万元),四级及以上100万元(标杆企业500万元)。',
    validFrom: '2022-01-01',
    validTo: null,
    rule: zhineng,
  },
];
