import {
  POLICY_RULE_EXAMPLES,
  describeRule,
  formatYuan,
  rb,
  validateRule,
  type PolicyMaterial,
  type PolicyRule,
  type PolicyRuleExample,
  type RuleCatalogue,
} from '@yuanqi/contract';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { recordAudit } from '../../../platform/audit.js';
import { shanghaiDate, startOfShanghaiDay, WorkingCalendar } from '../../../platform/calendar/index.js';
import type { AppContext } from '../../../platform/context.js';
import { writeCaseEvents, type CaseEventEntry } from '../../../platform/workflow/index.js';
import { DEMO_FUND_BY_CATEGORY } from '../../funds/seed.js';
import { recordPayout, reserveFunds } from '../../funds/service.js';
import { applyRunDecisions, computeRunDecisions, grantQuery, payGrant, type GrantWithNames } from '../exemption/service.js';
import { loadCatalogue } from '../facts/service.js';
import { computeMatches, storeMatches } from '../matching/store.js';
import { exclusionKeyOf } from '../matching/periods.js';
import { json } from '../repository.js';
import { applicationEvents } from '../applications/repository.js';
import { mulberry32 } from '../../../db/seed/random.js';

/**
 * Demo park 政策兑现: 25 policies (the 13 of reference/policies.md as written by the rule engine's
 * examples, and 12 more of the park report's 政策礼包), each with its 原文 and materials, drawing on
 * the seven demo funds; a year of realistic facts for every firm; the matches; a year of
 * applications in every state (paid ones through recordPayout, so the fund ledger is right);
 * 公示 batches with an objection; two 免申即享 runs with grants paid and awaiting. Deterministic.
 */

const DAY = 86_400_000;

function hashOf(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** The seed writes through the services without notifying anyone (the demo inbox is seeded below). */
const seedContext = { notifier: { notify: async () => undefined } } as unknown as AppContext;

const { field, fact, param, num, wan, mul, min, percent, tiers, all, any, cmp, hasTag, isTrue, not } = rb;

// ---------------------------------------------------------------------------------------------
// The park's own facts and the 12 further policies of the 政策礼包
// ---------------------------------------------------------------------------------------------

export const DEMO_FACT_DEFINITIONS = [
  { key: 'talent_phd_hires', label: '引进博士及高层次人才人数', unit: 'count', type: 'number', period: 'year', reportable: true, description: '当年引进并签订3年以上劳动合同的博士、正高职称等高层次人才' },
  { key: 'talent_housing_count', label: '享受安居补贴人才人数', unit: 'count', type: 'number', period: 'year', reportable: true, description: '在园区无自有住房、在企业全职工作的本科及以上人才' },
  { key: 'first_above_scale', label: '当年首次纳入规上统计', unit: null, type: 'boolean', period: 'year', reportable: false, description: '统计部门确认的首次升规企业' },
  { key: 'tech_upgrade_invest_fen', label: '技术改造设备投资额', unit: 'fen', type: 'number', period: 'year', reportable: true, description: '经备案的技术改造项目当年完成的设备投资' },
  { key: 'invention_patents', label: '新授权发明专利数', unit: 'count', countWord: '件', type: 'number', period: 'year', reportable: true, description: '当年新授权的发明专利(第一专利权人)' },
  { key: 'first_set_equipment_fen', label: '首台(套)装备销售额', unit: 'fen', type: 'number', period: 'year', reportable: true, description: '经省级认定的首台(套)重大技术装备首年销售额' },
  { key: 'loan_interest_paid_fen', label: '流动资金贷款已付利息', unit: 'fen', type: 'number', period: 'year', reportable: true, description: '向园区合作银行贷款实际支付的利息' },
  { key: 'electricity_fee_fen', label: '工业用电电费', unit: 'fen', type: 'number', period: 'year', reportable: false, description: '供电公司提供的年度工业用电电费' },
  { key: 'rd_center_level', label: '研发机构认定级别', unit: null, type: 'text', period: 'latest', reportable: false, description: '企业技术中心/工程研究中心认定级别', options: [{ value: 'municipal', label: '市级' }, { value: 'provincial', label: '省级' }, { value: 'national', label: '国家级' }] },
] as const;

const EXTRA_POLICIES: PolicyRuleExample[] = [
  {
    code: 'CXQ',
    title: '科技创新券',
    docNumber: '鹰高新发〔2024〕12号',
    issuer: '鹰潭高新区管委会',
    category: '科技创新',
    mode: 'apply',
    summary: '科技型中小企业、高新技术企业购买检验检测、研发设计、知识产权等科技服务,每年可申领创新券,额度按上年度研发投入分档,最高5万元。',
    validFrom: '2024-01-01',
    validTo: null,
    rule: {
      version: 1,
      params: [{ key: 'max_voucher', label: '创新券年度额度上限', unit: 'fen', values: [{ from: '2024-01-01', value: 5_000_000 }] }],
      eligibility: all(any(hasTag('tech_sme'), hasTag('high_tech')), cmp(fact('rd_expense_fen', -1), '>', num(0))),
      benefit: {
        amount: tiers(fact('rd_expense_fen', -1), [
          { max: 100_000_000, value: wan(2) },
          { min: 100_000_000, max: 500_000_000, value: wan(3) },
          { min: 500_000_000, value: wan(5) },
        ]),
        cap: param('max_voucher'),
      },
      payment: { period: 'year' },
    },
  },
  {
    code: 'RCYJ',
    title: '高层次人才引进奖励',
    docNumber: '鹰高新人才字〔2024〕3号',
    issuer: '鹰潭高新区人才工作领导小组',
    category: '人才引进',
    mode: 'apply',
    summary: '企业当年全职引进博士及正高职称等高层次人才,按每人5万元给予企业引才奖励,单个企业每年最高30万元。',
    validFrom: '2024-01-01',
    validTo: null,
    rule: {
      version: 1,
      params: [{ key: 'per_talent', label: '每人奖励', unit: 'fen', values: [{ from: '2024-01-01', value: 5_000_000 }] }],
      eligibility: all(cmp(fact('talent_phd_hires'), '>=', num(1))),
      benefit: { amount: mul(fact('talent_phd_hires'), param('per_talent')), cap: wan(30), unitLabel: '按人计发' },
      payment: { period: 'year' },
    },
  },
  {
    code: 'RCAJ',
    title: '人才安居补贴',
    docNumber: '鹰高新人才字〔2024〕5号',
    issuer: '鹰潭高新区人才工作领导小组',
    category: '人才引进',
    mode: 'apply',
    summary: '在园区企业全职工作且无自有住房的本科及以上人才,按每人每月1000元给予安居补贴,由企业统一申报,按年兑现。',
    validFrom: '2024-01-01',
    validTo: null,
    rule: {
      version: 1,
      params: [{ key: 'monthly', label: '每人每月补贴', unit: 'fen', values: [{ from: '2024-01-01', value: 100_000 }] }],
      eligibility: all(cmp(fact('talent_housing_count'), '>=', num(1))),
      benefit: { amount: mul(fact('talent_housing_count'), param('monthly'), num(12)), unitLabel: '按人按月计发' },
      payment: { period: 'year' },
    },
  },
  {
    code: 'SGJL',
    title: '首次升规企业奖励',
    docNumber: '鹰高新发〔2025〕4号',
    issuer: '鹰潭高新区管委会',
    category: '产业扶持',
    mode: 'auto',
    summary: '当年首次纳入规模以上工业统计的企业,一次性奖励10万元,免申即享。',
    validFrom: '2025-01-01',
    validTo: null,
    rule: {
      version: 1,
      params: [{ key: 'award', label: '升规奖励', unit: 'fen', values: [{ from: '2025-01-01', value: 10_000_000 }] }],
      eligibility: all(isTrue(fact('first_above_scale')), isTrue(field('is_above_scale'))),
      benefit: { amount: param('award') },
      payment: { period: 'once' },
    },
  },
  {
    code: 'JSGZ',
    title: '工业企业技术改造补助',
    docNumber: '鹰高新经字〔2025〕9号',
    issuer: '鹰潭高新区经济发展局',
    category: '产业扶持',
    mode: 'apply',
    summary: '工业企业实施技术改造、设备投资500万元以上的,按设备投资额的8%给予补助,单个项目最高200万元。',
    validFrom: '2025-01-01',
    validTo: null,
    rule: {
      version: 1,
      params: [
        { key: 'rate', label: '补助比例', unit: 'percent', values: [{ from: '2025-01-01', value: 8 }] },
        { key: 'threshold', label: '设备投资门槛', unit: 'fen', values: [{ from: '2025-01-01', value: 500_000_000 }] },
      ],
      eligibility: all(rb.startsWith(field('industry_code'), 'C'), cmp(fact('tech_upgrade_invest_fen'), '>=', param('threshold'))),
      benefit: { amount: percent(fact('tech_upgrade_invest_fen'), param('rate')), cap: wan(200) },
      payment: { period: 'year' },
    },
  },
  {
    code: 'ZLJL',
    title: '发明专利授权奖励',
    docNumber: '鹰高新科字〔2024〕7号',
    issuer: '鹰潭高新区科技创新局',
    category: '科技创新',
    mode: 'apply',
    summary: '企业作为第一专利权人新获授权的发明专利,每件奖励5000元,单个企业每年最高10万元。',
    validFrom: '2024-01-01',
    validTo: null,
    rule: {
      version: 1,
      params: [{ key: 'per_patent', label: '每件奖励', unit: 'fen', values: [{ from: '2024-01-01', value: 500_000 }] }],
      eligibility: all(cmp(fact('invention_patents'), '>=', num(1))),
      benefit: { amount: mul(fact('invention_patents'), param('per_patent')), cap: wan(10) },
      payment: { period: 'year' },
    },
  },
  {
    code: 'STTJ',
    title: '首台(套)重大技术装备奖励',
    docNumber: '赣工信装备字〔2023〕186号',
    issuer: '江西省工业和信息化厅',
    category: '产业扶持',
    mode: 'apply',
    summary: '经省级认定的首台(套)重大技术装备,按首年销售额的20%给予研制企业奖励,最高300万元。',
    validFrom: '2023-06-01',
    validTo: null,
    rule: {
      version: 1,
      params: [{ key: 'rate', label: '奖励比例', unit: 'percent', values: [{ from: '2023-06-01', value: 20 }] }],
      eligibility: all(cmp(fact('first_set_equipment_fen'), '>', num(0))),
      benefit: { amount: percent(fact('first_set_equipment_fen'), param('rate')), cap: wan(300) },
      payment: { period: 'once' },
    },
  },
  {
    code: 'DKTX',
    title: '中小微企业贷款贴息',
    docNumber: '鹰高新财字〔2025〕2号',
    issuer: '鹰潭高新区财政金融局',
    category: '纾困',
    mode: 'apply',
    summary: '中小微企业向园区合作银行申请的流动资金贷款,按上年度实际支付利息的50%给予贴息,单个企业每年最高20万元。',
    validFrom: '2025-01-01',
    validTo: null,
    rule: {
      version: 1,
      params: [{ key: 'rate', label: '贴息比例', unit: 'percent', values: [{ from: '2025-01-01', value: 50 }] }],
      eligibility: all(rb.in(field('scale_class'), ['medium', 'small', 'micro']), cmp(fact('loan_interest_paid_fen', -1), '>', num(0)), not(isTrue(fact('serious_dishonesty')))),
      benefit: { amount: percent(fact('loan_interest_paid_fen', -1), param('rate')), cap: wan(20) },
      payment: { period: 'year' },
    },
  },
  {
    code: 'YDBT',
    title: '中小工业企业用电补贴',
    docNumber: '鹰高新经字〔2025〕15号',
    issuer: '鹰潭高新区经济发展局',
    category: '纾困',
    mode: 'auto',
    summary: '中小微工业企业按上年度工业用电电费的5%给予补贴,单个企业最高5万元,依据供电公司数据免申即享。',
    validFrom: '2025-06-01',
    validTo: '2027-12-31',
    rule: {
      version: 1,
      params: [{ key: 'rate', label: '补贴比例', unit: 'percent', values: [{ from: '2025-06-01', value: 5 }] }],
      eligibility: all(rb.startsWith(field('industry_code'), 'C'), rb.in(field('scale_class'), ['medium', 'small', 'micro']), cmp(fact('electricity_fee_fen', -1), '>', num(0))),
      benefit: { amount: percent(fact('electricity_fee_fen', -1), param('rate')), cap: wan(5) },
      payment: { period: 'year' },
    },
  },
  {
    code: 'YFJG',
    title: '企业研发机构认定奖励',
    docNumber: '鹰高新科字〔2024〕11号',
    issuer: '鹰潭高新区科技创新局',
    category: '科技创新',
    mode: 'apply',
    summary: '新认定为市级、省级、国家级企业技术中心(工程研究中心)的,分别奖励10万元、50万元、100万元;晋级的按级别差额补足,每个级别只奖一次。',
    validFrom: '2024-01-01',
    validTo: null,
    rule: {
      version: 1,
      params: [],
      // a firm that reported no certification is simply not eligible (not "data missing")
      eligibility: all(rb.known(fact('rd_center_level')), rb.in(fact('rd_center_level'), ['municipal', 'provincial', 'national'])),
      benefit: {
        amount: rb.choose(fact('rd_center_level'), [
          { values: ['municipal'], value: wan(10) },
          { values: ['provincial'], value: wan(50) },
          { values: ['national'], value: wan(100) },
        ]),
      },
      payment: { period: 'stage', stageFact: 'rd_center_level' },
    },
  },
  {
    code: 'XLHB',
    title: '新落户企业开办补贴',
    docNumber: '鹰高新招字〔2025〕1号',
    issuer: '鹰潭高新区招商局',
    category: '产业扶持',
    mode: 'auto',
    summary: '新注册落户园区、注册资本1000万元以上的企业,成立当年给予一次性开办补贴5万元。',
    validFrom: '2025-01-01',
    validTo: null,
    rule: {
      version: 1,
      params: [{ key: 'award', label: '开办补贴', unit: 'fen', values: [{ from: '2025-01-01', value: 5_000_000 }] }],
      eligibility: all(cmp(field('age_years'), '<', num(1)), cmp(field('registered_capital_fen'), '>=', wan(1000))),
      benefit: { amount: param('award') },
      payment: { period: 'once' },
    },
  },
  {
    code: 'NSGX',
    title: '企业年度纳税贡献奖',
    docNumber: '鹰高新发〔2025〕2号',
    issuer: '鹰潭高新区管委会',
    category: '产业扶持',
    mode: 'apply',
    summary: '上年度在园区纳税1000万元以上的企业,按纳税额分档奖励20万、50万、100万元,用于企业研发和人才引进。',
    validFrom: '2025-01-01',
    validTo: null,
    rule: {
      version: 1,
      params: [],
      eligibility: all(cmp(fact('tax_paid_fen', -1), '>=', wan(1000)), isTrue(fact('local_tax_registered')), not(isTrue(fact('serious_dishonesty')))),
      benefit: {
        amount: tiers(fact('tax_paid_fen', -1), [
          { min: 1_000_000_000, max: 3_000_000_000, value: wan(20) },
          { min: 3_000_000_000, max: 10_000_000_000, value: wan(50) },
          { min: 10_000_000_000, value: wan(100) },
        ]),
      },
      payment: { period: 'year' },
    },
  },
];

/** Materials an applicant uploads, per policy code (apply mode). */
const MATERIALS: Record<string, PolicyMaterial[]> = {
  default: [
    { name: '申报表(加盖公章)', required: true },
    { name: '营业执照副本', required: true },
  ],
  KGBZ: [{ name: '申报表(加盖公章)', required: true }, { name: '新招用人员花名册', required: true }, { name: '劳动合同', required: true }],
  XNJY: [{ name: '申报表(加盖公章)', required: true }, { name: '就业困难人员认定证明', required: true }, { name: '劳动合同', required: true }],
  YGDX: [{ name: '申报表(加盖公章)', required: true }, { name: '以工代训人员花名册', required: true }, { name: '工资发放记录', required: false }],
  SBBT: [{ name: '申报表(加盖公章)', required: true }, { name: '社保缴费明细', required: true }],
  GQRD: [{ name: '申报表(加盖公章)', required: true }, { name: '高新技术企业证书', required: true }, { name: '上年度审计报告', required: true }],
  ZJTX: [{ name: '申报表(加盖公章)', required: true }, { name: '专精特新认定文件', required: true }, { name: '上年度审计报告', required: true }],
  SSJL: [{ name: '申报表(加盖公章)', required: true }, { name: '证监局辅导备案或受理文件', required: true }],
  ZNZZ: [{ name: '申报表(加盖公章)', required: true }, { name: '智能制造能力成熟度评估报告', required: true }],
  CXQ: [{ name: '申领表(加盖公章)', required: true }, { name: '上年度研发费用专项审计报告', required: true }],
  RCYJ: [{ name: '申报表(加盖公章)', required: true }, { name: '人才学历学位及职称证书', required: true }, { name: '劳动合同', required: true }],
  RCAJ: [{ name: '申报表(加盖公章)', required: true }, { name: '人才花名册及无房证明', required: true }],
  JSGZ: [{ name: '申报表(加盖公章)', required: true }, { name: '技改项目备案证明', required: true }, { name: '设备购置发票', required: true }],
  ZLJL: [{ name: '申报表(加盖公章)', required: true }, { name: '发明专利证书', required: true }],
  STTJ: [{ name: '申报表(加盖公章)', required: true }, { name: '首台(套)认定文件', required: true }, { name: '销售合同及发票', required: true }],
  DKTX: [{ name: '申报表(加盖公章)', required: true }, { name: '贷款合同', required: true }, { name: '利息支付凭证', required: true }],
  YFJG: [{ name: '申报表(加盖公章)', required: true }, { name: '研发机构认定文件', required: true }],
  NSGX: [{ name: '申报表(加盖公章)', required: true }, { name: '完税证明', required: true }],
};

/** A small PDF standing for a policy's 原文 (the real document would be uploaded by the window). */
function policyPdf(code: string, docNumber: string): Buffer {
  const text = `Policy ${code} - ${docNumber.replace(/[^\x20-\x7e]/g, '')}`;
  const stream = `BT /F1 14 Tf 72 720 Td (${text.replace(/[()\\]/g, '')}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/** v1 of a rule before its latest dated change (when every parameter had a value before it). */
function earlierVersion(rule: PolicyRule, validFrom: string): { v1: PolicyRule; cutoff: string } | null {
  const froms = rule.params.flatMap((p) => p.values.map((v) => v.from)).filter((f) => f > validFrom);
  if (froms.length === 0) return null;
  const cutoff = froms.sort().at(-1)!;
  const params = rule.params.map((p) => ({ ...p, values: p.values.filter((v) => v.from < cutoff) }));
  if (params.some((p) => p.values.length === 0)) return null;
  return { v1: { ...rule, params }, cutoff };
}

// ---------------------------------------------------------------------------------------------
// Facts
// ---------------------------------------------------------------------------------------------

type Firm = {
  id: string;
  uscc: string;
  name: string;
  headcount: number | null;
  annual_revenue_fen: number | null;
  registered_capital_fen: number | null;
  is_above_scale: boolean;
  industry_code: string | null;
  founded_on: string | null;
  tags: string[];
};

type FactRow = { key: string; year: number; value: number | string | boolean };

function factsFor(f: Firm, year: number, demo: boolean): FactRow[] {
  const rng = mulberry32(hashOf(f.uscc));
  const pick = (p: number) => rng() < p;
  const between = (a: number, b: number) => a + rng() * (b - a);
  const int = (a: number, b: number) => Math.floor(between(a, b + 1));
  const out: FactRow[] = [];
  const add = (key: string, y: number, value: number | string | boolean) => out.push({ key, year: y, value });
  const head = Math.max(3, f.headcount ?? 20);
  const revenue = Math.max(1_000_000, Number(f.annual_revenue_fen ?? 300_000_000));
  const manufacturing = (f.industry_code ?? '').startsWith('C');
  const tech = f.tags.includes('high_tech') || f.tags.includes('tech_sme');
  const noData = !demo && pick(0.1);

  // standing states, recorded last year (a 'latest' fact holds from then on)
  add('serious_dishonesty', year - 1, !demo && pick(0.01));
  add('zombie', year - 1, !demo && pick(0.005));
  add('local_tax_registered', year - 1, demo || pick(0.95));

  if (!noData) {
    for (const y of [year - 1, year]) {
      const insured = Math.max(1, Math.round(head * between(0.85, 1)));
      add('insured_headcount', y, insured);
      add('ui_paid_months', y, demo || pick(0.86) ? 12 : int(3, 11));
      const wage = between(4_500, 9_000);
      add('ui_premium_paid_fen', y, Math.round(insured * wage * 12 * 0.005 * 100));
      add('layoff_rate', y, Math.round((pick(0.08) && !demo ? between(6, 12) : between(0, 3)) * 10) / 10);
      const hires = Math.max(0, Math.round(head * between(0, 0.18)));
      add('new_hires', y, demo ? Math.max(hires, 14) : hires);
      add('new_graduate_hires', y, Math.round((demo ? Math.max(hires, 14) : hires) * between(0, 0.35)));
      add('revenue_fen', y, Math.round(revenue * (y === year ? between(0.95, 1.25) : 1)));
      add('tax_paid_fen', y, Math.round(revenue * between(0.02, 0.06)));
    }
    add('revenue_growth', year - 1, Math.round(between(-10, 35) * 10) / 10);
    add('debt_ratio', year - 1, Math.round(between(30, 82)));
    add('main_product_share', year - 1, Math.round(between(40, 95)));
  }
  if (tech || (manufacturing && pick(0.4))) {
    for (const y of [year - 2, year - 1]) add('rd_expense_fen', y, Math.round(revenue * between(0.025, 0.085) * (y === year - 2 ? between(0.75, 1) : 1)));
  }
  const reported = demo || pick(0.8); // most firms answered the yearly survey: zeros are known zeros
  if (pick(0.12) || demo) add('absorbed_hires', year, int(1, 6));
  else if (reported) add('absorbed_hires', year, 0);
  if (pick(0.2)) add('expansion_hires', year - 1, int(1, 8));
  if (!f.is_above_scale && pick(0.06)) {
    add('trainees', year, int(2, 15));
    add('training_months', year, int(2, 8));
  } else if (reported) add('trainees', year, 0);
  if (pick(0.08)) add('priority_hires_premium_fen', year, int(5, 60) * 120_000);
  else if (reported) add('priority_hires_premium_fen', year, 0);
  if (f.tags.includes('specialized') || f.tags.includes('little_giant')) add('provincial_specialized', year, true);
  if (f.tags.includes('little_giant')) add('little_giant_level', year, pick(0.2) ? 'national' : 'provincial');
  if (f.tags.includes('high_tech')) {
    const first = demo || pick(0.22);
    add('hitech_first_certified', year, first);
    add('hitech_recertified', year, !first && pick(0.25));
  } else if (reported) {
    add('hitech_first_certified', year, false);
    add('hitech_recertified', year, false);
  }
  if (f.tags.includes('ipo_reserve')) add('listing_stage', pick(0.5) ? year : year - 1, ['shareholding', 'tutoring', 'filed'][int(0, 2)]!);
  if (manufacturing && f.is_above_scale && pick(0.18)) {
    add('smart_mfg_level', year, int(2, 4));
    add('smart_mfg_benchmark', year, pick(0.3));
  } else if (reported) add('smart_mfg_level', year - 1, manufacturing ? 1 : 0);
  if (!manufacturing && !f.is_above_scale && pick(0.15)) {
    add('is_state_property_tenant', year - 1, true);
    add('state_rent_monthly_fen', year - 1, int(20, 120) * 100_000);
  } else if (reported) add('is_state_property_tenant', year - 1, false);
  // the park's own facts
  const zero = (key: string, y: number, value: number | boolean = 0) => reported && add(key, y, value);
  if (pick(0.05) || demo) add('talent_phd_hires', year, int(1, 4));
  else zero('talent_phd_hires', year);
  if (pick(0.1) || demo) add('talent_housing_count', year, int(1, 12));
  else zero('talent_housing_count', year);
  if (f.is_above_scale && pick(0.03)) add('first_above_scale', year, true);
  else zero('first_above_scale', year, false);
  if (manufacturing && (pick(0.08) || demo)) add('tech_upgrade_invest_fen', year, int(5, 60) * 100_000_000);
  else zero('tech_upgrade_invest_fen', year);
  if (tech && (pick(0.3) || demo)) add('invention_patents', year, int(1, 12));
  else zero('invention_patents', year);
  if (manufacturing && f.is_above_scale && pick(0.02)) add('first_set_equipment_fen', year, int(3, 40) * 100_000_000);
  else zero('first_set_equipment_fen', year);
  if (!f.is_above_scale && (pick(0.2) || demo)) add('loan_interest_paid_fen', year - 1, int(2, 40) * 1_000_000);
  else zero('loan_interest_paid_fen', year - 1);
  if (manufacturing && pick(0.35)) add('electricity_fee_fen', year - 1, Math.round(revenue * between(0.01, 0.04)));
  else if (manufacturing) zero('electricity_fee_fen', year - 1);
  if (pick(0.04)) add('rd_center_level', year - 1, pick(0.7) ? 'municipal' : 'provincial');
  return out;
}

// ---------------------------------------------------------------------------------------------
// Seeding
// ---------------------------------------------------------------------------------------------

const OFFICER_NOTES = ['材料齐全,数据与社保、税务记录一致', '经核对申报数据属实', '符合政策条件,同意', '复核无误'];
const RETURN_NOTES = ['请补充上年度审计报告(加盖公章)', '申报表未加盖公章,请重新上传', '人员花名册与社保缴费明细不一致,请核对后补正'];
const BANKS = ['中国工商银行鹰潭分行', '中国建设银行鹰潭分行', '江西银行鹰潭分行', '鹰潭农村商业银行', '中国农业银行鹰潭分行', '九江银行鹰潭分行'];

export async function seedPolicies(trx: Kysely<DB>, opts: { parkId: string; now: Date }): Promise<void> {
  const { parkId, now } = opts;
  const today = shanghaiDate(now);
  const year = Number(today.slice(0, 4));
  const rng = mulberry32(20261126);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rng() * list.length)]!;
  const at = (daysAgo: number, minutes = 0) => new Date(startOfShanghaiDay(shanghaiDate(new Date(now.getTime() - daysAgo * DAY))).getTime() + (9 * 60 + (minutes % 480)) * 60_000);
  const calendar = new WorkingCalendar([]).withWeekdayOnly([year - 1, year, year + 1]);

  const users = await trx.selectFrom('users').select(['id', 'username', 'display_name', 'enterprise_id', 'roles']).where('park_id', '=', parkId).execute();
  const officer = users.find((u) => u.username === 'policy_officer') ?? users.find((u) => u.roles.includes('admin'))!;
  const reviewer2 = users.find((u) => u.username === 'admin') ?? officer;
  const demoFirmId = users.find((u) => u.username === 'enterprise')?.enterprise_id ?? null;
  const officerActor = { userId: officer.id, parkId, username: officer.username, displayName: officer.display_name, roles: officer.roles as never, permissions: new Set(), enterpriseId: null, bankId: null, sessionId: null, requestId: null } as never;

  // park facts
  await trx
    .insertInto('fact_definitions')
    .values(
      DEMO_FACT_DEFINITIONS.map((d, i) => ({
        park_id: parkId,
        key: d.key,
        label: d.label,
        unit: d.unit,
        count_word: 'countWord' in d ? d.countWord : null,
        type: d.type,
        period: d.period,
        options: 'options' in d ? json(d.options) : null,
        enterprise_reportable: d.reportable,
        description: d.description,
        sort: i,
        created_at: now,
        updated_at: now,
      })),
    )
    .execute();
  const catalogue: RuleCatalogue = await loadCatalogue(trx, parkId);

  // funds by code
  const funds = await trx.selectFrom('funds').select(['id', 'code']).where('park_id', '=', parkId).execute();
  const fundOf = (category: string) => funds.find((f) => f.code === DEMO_FUND_BY_CATEGORY[category])?.id ?? null;

  // policies with versions and documents
  const allPolicies = [...POLICY_RULE_EXAMPLES, ...EXTRA_POLICIES];
  const policyIds = new Map<string, string>();
  const versionIds = new Map<string, string>();
  for (const [i, e] of allPolicies.entries()) {
    const checked = validateRule(e.rule, catalogue);
    if (!checked.ok) throw new Error(`demo policy ${e.code}: ${checked.errors.map((x) => `${x.path} ${x.message}`).join('; ')}`);
    const expired = e.validTo !== null && e.validTo < today;
    const publishedAt = new Date(Math.max(Date.parse(`${e.validFrom}T02:00:00Z`), now.getTime() - 400 * DAY + i * DAY));
    const policy = await trx
      .insertInto('policies')
      .values({
        park_id: parkId,
        code: e.code,
        title: e.title,
        doc_number: e.docNumber,
        issuer: e.issuer,
        category: e.category,
        summary: e.summary,
        mode: e.mode,
        status: expired ? 'expired' : 'published',
        fund_id: fundOf(e.category),
        valid_from: e.validFrom,
        valid_to: e.validTo,
        contact: '政策兑现窗口 0701-6660000(工作日 9:00-17:30)',
        tags: e.mode === 'auto' ? ['免申即享'] : [],
        published_at: publishedAt,
        created_by: officer.id,
        created_at: publishedAt,
        updated_at: publishedAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const earlier = earlierVersion(checked.rule, e.validFrom);
    const materials = e.mode === 'apply' ? (MATERIALS[e.code] ?? MATERIALS.default!) : [];
    const base = { park_id: parkId, policy_id: policy.id, materials: json(materials), published_by: officer.id, created_by: officer.id };
    let currentId: string;
    if (earlier) {
      await trx
        .insertInto('policy_versions')
        .values({ ...base, version_no: 1, rule: json(earlier.v1), effective_from: e.validFrom, effective_to: new Date(Date.parse(`${earlier.cutoff}T00:00:00Z`) - DAY).toISOString().slice(0, 10), status: 'superseded', description: describeRule(earlier.v1, catalogue), published_at: publishedAt, superseded_at: new Date(`${earlier.cutoff}T00:00:00+08:00`), created_at: publishedAt, updated_at: publishedAt })
        .execute();
      const v2 = await trx
        .insertInto('policy_versions')
        .values({ ...base, version_no: 2, rule: json(checked.rule), effective_from: earlier.cutoff, status: 'published', description: describeRule(checked.rule, catalogue), change_note: '按新文件调整补贴标准(自生效日起执行,此前的申报仍按原标准)', published_at: publishedAt, created_at: publishedAt, updated_at: publishedAt })
        .returning('id')
        .executeTakeFirstOrThrow();
      currentId = v2.id;
    } else {
      const v = await trx
        .insertInto('policy_versions')
        .values({ ...base, version_no: 1, rule: json(checked.rule), effective_from: e.validFrom, status: 'published', description: describeRule(checked.rule, catalogue), published_at: publishedAt, created_at: publishedAt, updated_at: publishedAt })
        .returning('id')
        .executeTakeFirstOrThrow();
      currentId = v.id;
    }
    await trx.updateTable('policies').set({ current_version_id: currentId }).where('id', '=', policy.id).execute();
    const pdf = policyPdf(e.code, e.docNumber);
    await trx
      .insertInto('policy_documents')
      .values({ park_id: parkId, policy_id: policy.id, kind: 'original', filename: `${e.title}(${e.docNumber.split(';')[0]}).pdf`, content_type: 'application/pdf', size: pdf.length, data: pdf, uploaded_by: officer.id, created_at: publishedAt })
      .execute();
    policyIds.set(e.code, policy.id);
    versionIds.set(e.code, currentId);
  }
  // a draft the window is still writing (never shown to firms)
  const draftRule: PolicyRule = {
    version: 1,
    params: [{ key: 'award', label: '认定奖励', unit: 'fen', values: [{ from: `${year + 1}-01-01`, value: 30_000_000 }] }],
    eligibility: all(hasTag('gazelle')),
    benefit: { amount: param('award') },
    payment: { period: 'once' },
  };
  const draft = await trx
    .insertInto('policies')
    .values({ park_id: parkId, code: 'DLQY', title: '瞪羚企业认定奖励(征求意见稿)', doc_number: null, issuer: '鹰潭高新区管委会', category: '科技创新', summary: '拟对新认定的瞪羚企业一次性奖励30万元。', mode: 'apply', status: 'draft', fund_id: fundOf('科技创新'), valid_from: `${year + 1}-01-01`, valid_to: null, created_by: officer.id, created_at: at(6), updated_at: at(6) })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('policy_versions')
    .values({ park_id: parkId, policy_id: draft.id, version_no: 1, rule: json(draftRule), effective_from: `${year + 1}-01-01`, status: 'draft', description: describeRule(draftRule, catalogue), materials: json(MATERIALS.default), created_by: officer.id, created_at: at(6), updated_at: at(6) })
    .execute();

  // facts of every firm
  const firms = (await trx
    .selectFrom('enterprises')
    .select(['id', 'uscc', 'name', 'headcount', 'annual_revenue_fen', 'registered_capital_fen', 'is_above_scale', 'industry_code', 'founded_on', 'tags'])
    .where('park_id', '=', parkId)
    .orderBy('uscc')
    .execute()) as Firm[];
  const factRows: Array<Record<string, unknown>> = [];
  for (const f of firms) {
    for (const r of factsFor(f, year, f.id === demoFirmId)) {
      factRows.push({
        park_id: parkId,
        enterprise_id: f.id,
        key: r.key,
        year: r.year,
        value_number: typeof r.value === 'number' ? r.value : null,
        value_text: typeof r.value === 'string' ? r.value : null,
        value_bool: typeof r.value === 'boolean' ? r.value : null,
        source: ['insured_headcount', 'ui_paid_months', 'ui_premium_paid_fen', 'layoff_rate', 'tax_paid_fen', 'electricity_fee_fen'].includes(r.key) ? 'import' : r.key.startsWith('new_') || r.key === 'rd_expense_fen' ? 'enterprise' : 'officer',
        updated_at: at(30),
      });
    }
  }
  // one statement per 10,000 rows: the rows travel as one JSON parameter (far faster than bound values)
  for (let i = 0; i < factRows.length; i += 10_000) {
    await sql`insert into enterprise_facts (park_id, enterprise_id, key, year, value_number, value_text, value_bool, source, updated_at)
      select park_id, enterprise_id, key, year, value_number, value_text, value_bool, source, updated_at
        from jsonb_to_recordset(${JSON.stringify(factRows.slice(i, i + 10_000))}::jsonb)
          as r(park_id uuid, enterprise_id uuid, key text, year int, value_number numeric, value_text text, value_bool boolean, source text, updated_at timestamptz)
      -- a fact the industry cloud already derived from the firm's accepted monthly reports (source
      -- 'system', seeded before this) is the firm's reported figure: it stays
      on conflict (park_id, enterprise_id, key, year) do nothing`.execute(trx);
  }

  // matches now (applications pick their firms from them)
  let { rows: matchRows } = await computeMatches(trx, parkId, now, {});
  const firmName = new Map(firms.map((f) => [f.id, f.name]));
  const uscc = new Map(firms.map((f) => [f.id, f.uscc]));

  // ---- applications over the year --------------------------------------------------------
  type Plan = { enterpriseId: string; code: string; amount: number; periodKey: string; status: string; createdDaysAgo: number };
  const byCode = new Map<string, string>([...policyIds.entries()].map(([c, id]) => [id, c]));
  const applyCodes = new Set(allPolicies.filter((e) => e.mode === 'apply' && !(e.validTo && e.validTo < today)).map((e) => e.code));
  const candidates = matchRows.filter((m) => m.status === 'eligible' && applyCodes.has(byCode.get(m.policy_id)!) && m.enterprise_id !== demoFirmId);
  // a stable shuffle
  const shuffled = candidates.map((c) => ({ c, k: hashOf(`${c.enterprise_id}${c.policy_id}`) })).sort((a, b) => a.k - b.k).map((x) => x.c);
  const statusPlan: Array<[string, number]> = [
    ['paid', 38],
    ['rejected', 5],
    ['withdrawn', 3],
    ['publicity_ended', 4],
    ['publicity', 6],
    ['approved', 5],
    ['first_passed', 4],
    ['submitted', 7],
    ['returned', 3],
    ['draft', 2],
  ];
  const plans: Plan[] = [];
  let k = 0;
  for (const [status, count] of statusPlan) {
    for (let i = 0; i < count && k < shuffled.length; i++, k++) {
      const m = shuffled[k]!;
      const created =
        status === 'paid' ? 40 + Math.floor(rng() * 290)
        : status === 'rejected' || status === 'withdrawn' ? 20 + Math.floor(rng() * 200)
        : status === 'publicity_ended' ? 16 + Math.floor(rng() * 5)
        : status === 'publicity' ? 5 + Math.floor(rng() * 2)
        : status === 'approved' ? 3 + Math.floor(rng() * 2)
        : status === 'first_passed' ? 2 + Math.floor(rng() * 3)
        : status === 'submitted' ? 1 + Math.floor(rng() * 4)
        : 2 + Math.floor(rng() * 8);
      const createdYear = Number(shanghaiDate(at(created)).slice(0, 4));
      const periodKey = /^\d{4}$/.test(m.period_key ?? '') && createdYear !== year ? String(createdYear) : m.period_key!;
      plans.push({ enterpriseId: m.enterprise_id, code: byCode.get(m.policy_id)!, amount: Number(m.amount_fen), periodKey, status, createdDaysAgo: created });
    }
  }
  // the demo firm: one returned for correction, one in 复审, one paid earlier this year
  if (demoFirmId) {
    const mine = matchRows.filter((m) => m.enterprise_id === demoFirmId && m.status === 'eligible' && applyCodes.has(byCode.get(m.policy_id)!));
    const want: Array<[string, string, number]> = [
      ['GQRD', 'returned', 8],
      ['JSGZ', 'paid', 150],
      ['ZLJL', 'first_passed', 5],
    ];
    for (const [code, status, days] of want) {
      const m = mine.find((x) => byCode.get(x.policy_id) === code);
      if (m) plans.push({ enterpriseId: demoFirmId, code, amount: Number(m.amount_fen), periodKey: m.period_key!, status, createdDaysAgo: days });
    }
  }
  // no two live applications for one firm, policy and period
  const seen = new Set<string>();
  const uniquePlans = plans.filter((p) => {
    const key = `${p.enterpriseId}|${p.code}|${p.periodKey}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });

  type AppRow = Plan & { id: string; number: string; submittedAt: Date; firstAt: Date | null; secondAt: Date | null; paidAt: Date | null; account: { accountName: string; bankName: string; accountNo: string } };
  const apps: AppRow[] = [];
  const seqByDay = new Map<string, number>();
  const events: CaseEventEntry[] = [];
  const sorted = [...uniquePlans].sort((a, b) => b.createdDaysAgo - a.createdDaysAgo);
  for (const p of sorted) {
    const created = at(p.createdDaysAgo, Math.floor(rng() * 400));
    const day = shanghaiDate(created).replaceAll('-', '');
    const seq = (seqByDay.get(day) ?? 0) + 1;
    seqByDay.set(day, seq);
    const number = `ZC${day}-${String(seq).padStart(4, '0')}`;
    const rule = allPolicies.find((e) => e.code === p.code)!.rule;
    // every step in the past, in order
    const latest = now.getTime() - 2 * 3600_000;
    const clamp = (d: Date, after: Date) => new Date(Math.max(after.getTime() + 600_000, Math.min(d.getTime(), latest)));
    const submittedAt = clamp(new Date(created.getTime() + 3 * 3600_000), created);
    const firstAt = ['first_passed', 'approved', 'publicity', 'publicity_ended', 'paid', 'rejected'].includes(p.status) ? clamp(new Date(submittedAt.getTime() + (1 + Math.floor(rng() * 2)) * DAY), submittedAt) : null;
    const secondAt = ['approved', 'publicity', 'publicity_ended', 'paid'].includes(p.status) && firstAt ? clamp(new Date(firstAt.getTime() + (1 + Math.floor(rng() * 2)) * DAY), firstAt) : null;
    const pubStart = secondAt ? new Date(secondAt.getTime() + DAY) : null;
    const pubEnd = pubStart ? calendar.computeDueAt(pubStart, 5) : null;
    const paidAt = p.status === 'paid' && pubEnd ? new Date(pubEnd.getTime() + (1 + Math.floor(rng() * 5)) * DAY - 6 * 3600_000) : null;
    const account = { accountName: firmName.get(p.enterpriseId)!, bankName: pick(BANKS), accountNo: `62${String(hashOf(p.enterpriseId)).padStart(10, '0')}${String(hashOf(uscc.get(p.enterpriseId)!) % 1_000_000).padStart(6, '0')}` };
    const status = p.status === 'publicity_ended' ? 'publicity' : p.status === 'paid' ? 'paid' : p.status;
    const row = await trx
      .insertInto('policy_applications')
      .values({
        park_id: parkId,
        number,
        policy_id: policyIds.get(p.code)!,
        version_id: versionIds.get(p.code)!,
        enterprise_id: p.enterpriseId,
        period_key: p.periodKey,
        exclusion_key: exclusionKeyOf(rule, policyIds.get(p.code)!),
        // payout and publicity fields are set below, once the money has moved
        status: status === 'paid' || status === 'publicity' ? 'approved' : (status as never),
        estimated_amount_fen: p.amount,
        requested_amount_fen: p.amount,
        approved_amount_fen: firstAt && status !== 'rejected' ? p.amount : null,
        form: json({ enterpriseName: firmName.get(p.enterpriseId) }),
        evaluation: json({ status: 'eligible', amountFen: p.amount, reasons: ['按申报时数据测算'], missing: [], asOf: shanghaiDate(created), versionId: versionIds.get(p.code) }),
        account_name: account.accountName,
        bank_name: account.bankName,
        account_no: account.accountNo,
        contact_name: '企业经办人',
        return_reason: status === 'returned' ? pick(RETURN_NOTES) : null,
        return_count: status === 'returned' ? 1 : 0,
        reject_reason: status === 'rejected' ? '经核查,申报数据与税务部门共享数据不一致,不符合政策条件' : null,
        submitted_at: status === 'draft' ? null : submittedAt,
        first_reviewed_by: firstAt ? officer.id : null,
        first_reviewed_at: firstAt,
        second_reviewed_by: secondAt ? reviewer2.id : null,
        second_reviewed_at: secondAt,
        created_by: null,
        created_at: created,
        updated_at: paidAt ?? secondAt ?? firstAt ?? submittedAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    apps.push({ ...p, id: row.id, number, submittedAt, firstAt, secondAt, paidAt, account });
    const ev = (action: string, from: string | null, to: string | null, when: Date, who: { id: string | null; name: string; role: string }, note: string | null, data: Record<string, unknown> | null = null) =>
      events.push({ caseId: row.id, event: { action, from_status: from, to_status: to, actor_id: who.id, actor_name: who.name, actor_role: who.role, note, data, at: when } });
    const firmWho = { id: null, name: firmName.get(p.enterpriseId)!, role: 'enterprise' };
    const off = { id: officer.id, name: officer.display_name, role: 'policy_officer' };
    const off2 = { id: reviewer2.id, name: reviewer2.display_name, role: reviewer2.username === 'admin' ? 'admin' : 'policy_officer' };
    ev('create', null, 'draft', created, firmWho, null, { estimatedAmountFen: p.amount });
    if (status === 'draft') continue;
    ev('submit', 'draft', 'submitted', submittedAt, firmWho, null, { estimatedAmountFen: p.amount });
    if (status === 'withdrawn') ev('withdraw', 'submitted', 'withdrawn', new Date(submittedAt.getTime() + DAY), firmWho, '企业经营调整,暂不申报');
    if (status === 'returned') ev('first_return', 'submitted', 'returned', new Date(submittedAt.getTime() + DAY), off, RETURN_NOTES[hashOf(row.id) % RETURN_NOTES.length]!);
    if (firstAt) ev('first_pass', 'submitted', 'first_passed', firstAt, off, pick(OFFICER_NOTES), { amountFen: p.amount });
    if (status === 'rejected' && firstAt) ev('second_reject', 'first_passed', 'rejected', new Date(firstAt.getTime() + DAY), off2, '经核查,申报数据与税务部门共享数据不一致,不符合政策条件');
    if (secondAt) ev('second_pass', 'first_passed', 'approved', secondAt, off2, pick(OFFICER_NOTES), { amountFen: p.amount });
  }
  await writeCaseEvents(applicationEvents, trx, parkId, events);

  // ---- publicity batches: approved applications grouped by the week they were approved ----------
  const listed = apps.filter((a) => a.secondAt && ['paid', 'publicity', 'publicity_ended'].includes(a.status));
  const weeks = new Map<string, AppRow[]>();
  for (const a of listed) {
    const start = new Date(a.secondAt!.getTime() + DAY);
    const monday = new Date(startOfShanghaiDay(shanghaiDate(start)).getTime() - ((new Date(start.getTime() + 8 * 3600_000).getUTCDay() + 6) % 7) * DAY);
    const key = shanghaiDate(monday);
    weeks.set(key, [...(weeks.get(key) ?? []), a]);
  }
  const batchOf = new Map<string, { id: string; startsAt: Date; endsAt: Date; number: string }>();
  const batchSeq = new Map<string, number>();
  for (const [week, group] of [...weeks.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const startsAt = new Date(Math.max(...group.map((a) => a.secondAt!.getTime())) + 3600_000);
    const endsAt = calendar.computeDueAt(startsAt, 5);
    const y = shanghaiDate(startsAt).slice(0, 4);
    const n = (batchSeq.get(y) ?? 0) + 1;
    batchSeq.set(y, n);
    const number = `GS${y}-${String(n).padStart(3, '0')}`;
    const batch = await trx
      .insertInto('policy_publicity_batches')
      .values({ park_id: parkId, number, title: `${y}年惠企政策兑现拟拨付名单公示(第${n}批)`, note: `公示期间,对名单有异议的,可通过本页面或电话 0701-6660000 向政策兑现窗口反映。(${week} 当周复审通过)`, starts_at: startsAt, ends_at: endsAt, created_by: officer.id, created_at: startsAt })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('policy_publicity_items')
      .values(group.map((a, i) => ({ park_id: parkId, batch_id: batch.id, application_id: a.id, enterprise_name: firmName.get(a.enterpriseId)!, uscc_masked: `${uscc.get(a.enterpriseId)!.slice(0, 6)}********${uscc.get(a.enterpriseId)!.slice(14)}`, policy_title: allPolicies.find((e) => e.code === a.code)!.title, amount_fen: a.amount, sort: i })))
      .execute();
    for (const a of group) {
      await trx.updateTable('policy_applications').set({ status: 'publicity', publicity_batch_id: batch.id }).where('id', '=', a.id).execute();
      await applicationEvents.write(trx, parkId, a.id, [
        { action: 'publicize', from_status: 'approved', to_status: 'publicity', actor_id: officer.id, actor_name: officer.display_name, actor_role: 'policy_officer', note: `${number} 公示至${shanghaiDate(endsAt)}`, data: { batchId: batch.id }, at: startsAt },
      ]);
      batchOf.set(a.id, { id: batch.id, startsAt, endsAt, number });
    }
  }
  // an objection on the running batch, and one dismissed on an earlier batch
  const running = listed.find((a) => a.status === 'publicity');
  if (running) {
    const b = batchOf.get(running.id)!;
    await trx
      .insertInto('policy_objections')
      .values({ park_id: parkId, batch_id: b.id, application_id: running.id, submitter_name: '陈先生', contact: '13907010001', content: '该企业去年曾有欠薪投诉,是否符合申报条件请核实。', created_at: new Date(b.startsAt.getTime() + DAY) })
      .execute();
    await applicationEvents.write(trx, parkId, running.id, [
      { action: 'objection', from_status: 'publicity', to_status: 'publicity', actor_id: null, actor_name: '公众', actor_role: null, note: '公示期间收到异议,正在核查', data: null, at: new Date(b.startsAt.getTime() + DAY) },
    ]);
  }
  const earlierPaid = listed.find((a) => a.status === 'paid');
  if (earlierPaid) {
    const b = batchOf.get(earlierPaid.id)!;
    const handledAt = new Date(b.startsAt.getTime() + 2 * DAY);
    await trx
      .insertInto('policy_objections')
      .values({ park_id: parkId, batch_id: b.id, application_id: earlierPaid.id, submitter_name: '匿名群众', contact: 'yq-feedback@example.cn', content: '反映该企业实际用工人数少于申报人数。', status: 'dismissed', handling_note: '经调取社保参保明细核实,申报人数属实,异议不成立。', handled_by: officer.id, handled_at: handledAt, created_at: new Date(b.startsAt.getTime() + DAY) })
      .execute();
    await applicationEvents.write(trx, parkId, earlierPaid.id, [
      { action: 'objection_dismissed', from_status: 'publicity', to_status: 'publicity', actor_id: officer.id, actor_name: officer.display_name, actor_role: 'policy_officer', note: '经调取社保参保明细核实,申报人数属实,异议不成立。', data: null, at: handledAt },
    ]);
  }

  // ---- money, in the order it moved: reservations at 复审, payouts after 公示, grant payouts ---------
  type Money = { at: Date; run: () => Promise<void> };
  const money: Money[] = [];
  const reservations = new Map<string, string>();
  for (const a of apps.filter((x) => x.secondAt)) {
    const policyId = policyIds.get(a.code)!;
    const fundId = fundOf(allPolicies.find((e) => e.code === a.code)!.category)!;
    // money is set aside for the applications still waiting to be paid (history pays from the fund)
    if (!a.paidAt) money.push({
      at: a.secondAt!,
      run: async () => {
        const r = await reserveFunds(trx, seedContext, null, { parkId, fundId, enterpriseId: a.enterpriseId, amountFen: a.amount, source: 'policy_application', sourceId: a.id, memo: `${a.number} ${firmName.get(a.enterpriseId)}`, now: a.secondAt! });
        reservations.set(a.id, r.reservationId);
        await trx.updateTable('policy_applications').set({ reservation_id: r.reservationId }).where('id', '=', a.id).execute();
      },
    });
    if (a.paidAt) {
      money.push({
        at: a.paidAt,
        run: async () => {
          const rule = allPolicies.find((e) => e.code === a.code)!.rule;
          const result = await recordPayout(trx, seedContext, null, {
            parkId,
            fundId,
            enterpriseId: a.enterpriseId,
            amountFen: a.amount,
            policyId,
            policyVersionId: versionIds.get(a.code)!,
            periodKey: a.periodKey,
            exclusionKey: exclusionKeyOf(rule, policyId),
            source: 'policy_application',
            sourceId: a.id,
            account: a.account,
            memo: `${a.number} ${allPolicies.find((e) => e.code === a.code)!.title}`,
            now: a.paidAt!,
            reservationId: reservations.get(a.id) ?? null,
          });
          await trx
            .updateTable('policy_applications')
            .set({ status: 'paid', paid_amount_fen: a.amount, payout_id: result.payoutId, voucher_number: result.voucherNumber, paid_at: a.paidAt, paid_by: officer.id, updated_at: a.paidAt! })
            .where('id', '=', a.id)
            .execute();
          await applicationEvents.write(trx, parkId, a.id, [
            { action: 'payout', from_status: 'publicity', to_status: 'paid', actor_id: officer.id, actor_name: officer.display_name, actor_role: 'policy_officer', note: null, data: { amountFen: a.amount, voucherNumber: result.voucherNumber, payoutId: result.payoutId }, at: a.paidAt! },
          ]);
        },
      });
    }
  }
  // 免申即享: 研发投入后补助 in spring (mostly paid), 稳岗返还 three weeks ago (partly awaiting)
  const runs: Array<{ code: string; daysAgo: number; payShare: number }> = [
    { code: 'YFHBZ', daysAgo: 200, payShare: 0.95 },
    { code: 'YGBT', daysAgo: 60, payShare: 0.85 },
    { code: 'WGFH', daysAgo: 21, payShare: 0.05 },
  ];
  for (const [ri, r] of runs.entries()) {
    const policyId = policyIds.get(r.code);
    if (!policyId) continue;
    const runAt = at(r.daysAgo, 60);
    money.push({
      at: runAt,
      run: async () => {
        const asOf = shanghaiDate(runAt);
        const run = await trx
          .insertInto('policy_exemption_runs')
          .values({ park_id: parkId, number: `MS${asOf.slice(0, 4)}-${String(runs.slice(0, ri + 1).filter((x) => shanghaiDate(at(x.daysAgo)).slice(0, 4) === asOf.slice(0, 4)).length).padStart(4, '0')}`, policy_id: policyId, version_id: versionIds.get(r.code)!, period_key: asOf.slice(0, 4), as_of: asOf, status: 'running', created_by: officer.id, created_at: runAt })
          .returningAll()
          .executeTakeFirstOrThrow();
        const decisions = await computeRunDecisions(trx, run);
        await applyRunDecisions(trx, seedContext, officerActor, run, decisions, runAt);
        const grants = (await grantQuery(trx).where('g.run_id', '=', run.id).orderBy('g.enterprise_id').execute()) as GrantWithNames[];
        for (const g of grants) {
          if (g.enterprise_id === demoFirmId && r.code === 'WGFH') continue; // the demo firm still has to confirm
          const share = (hashOf(g.id) % 1000) / 1000;
          if (share >= r.payShare) continue;
          const payAt = new Date(runAt.getTime() + (1 + (hashOf(g.enterprise_id) % 12)) * DAY);
          if (payAt.getTime() > now.getTime()) continue;
          money.push({
            at: payAt,
            run: async () => {
              const onBehalf = hashOf(g.enterprise_id) % 5 === 0;
              const account = { accountName: g.enterprise_name, bankName: BANKS[hashOf(g.enterprise_id) % BANKS.length]!, accountNo: `62${String(hashOf(g.enterprise_id)).padStart(10, '0')}${String(hashOf(uscc.get(g.enterprise_id)!) % 1_000_000).padStart(6, '0')}` };
              await payGrant(trx, seedContext, onBehalf ? officerActor : null, g, { ...account, note: onBehalf ? '企业财务人员电话确认收款账户(已录音)' : null }, onBehalf, payAt);
            },
          });
          money.sort((a, b) => a.at.getTime() - b.at.getTime());
        }
      },
    });
  }
  money.sort((a, b) => a.at.getTime() - b.at.getTime());
  // the list grows while it runs (a run schedules its grant payouts), so walk it by index
  const done = new Set<Money>();
  for (let guard = 0; guard < 100_000; guard++) {
    const next = money.find((m) => !done.has(m));
    if (!next) break;
    done.add(next);
    await next.run();
  }

  // numbering continues after the seeded records
  const sequences = [
    ...[...seqByDay.entries()].map(([scope, last]) => ({ park_id: parkId, kind: 'application', scope, last })),
    ...[...batchSeq.entries()].map(([scope, last]) => ({ park_id: parkId, kind: 'publicity', scope, last })),
    ...[...new Set(runs.map((r) => shanghaiDate(at(r.daysAgo)).slice(0, 4)))].map((scope) => ({ park_id: parkId, kind: 'run', scope, last: runs.filter((r) => shanghaiDate(at(r.daysAgo)).startsWith(scope)).length })),
  ];
  if (sequences.length > 0) await trx.insertInto('policy_number_sequences').values(sequences).execute();

  // matches again, now that applications, grants and payouts exist
  ({ rows: matchRows } = await computeMatches(trx, parkId, now, {}));
  await storeMatches(trx, parkId, matchRows, {});

  // the demo firm's inbox
  if (demoFirmId) {
    const demoUsers = users.filter((u) => u.enterprise_id === demoFirmId).map((u) => u.id);
    const grant = await trx.selectFrom('policy_grants').select(['id', 'amount_fen']).where('park_id', '=', parkId).where('enterprise_id', '=', demoFirmId).where('status', '=', 'awaiting').executeTakeFirst();
    const returned = apps.find((a) => a.enterpriseId === demoFirmId && a.status === 'returned');
    const notes = demoUsers.flatMap((userId) => [
      ...(grant ? [{ park_id: parkId, user_id: userId, kind: 'policy-grant.awaiting', title: '免申即享:失业保险稳岗返还', body: `贵企业符合条件,可享受${formatYuan(Number(grant.amount_fen))},无需申报,资金已预留。请确认收款账户后即时拨付。`, link: `/policy-grants/${grant.id}`, created_at: at(21, 90) }] : []),
      ...(returned ? [{ park_id: parkId, user_id: userId, kind: 'policy-application.first_return', title: `申报被退回补正 ${returned.number}`, body: `“高新技术企业认定奖励”需补正,请修改后重新提交。`, link: `/my/policy-applications/${returned.id}`, created_at: at(7, 60) }] : []),
    ]);
    if (notes.length > 0) await trx.insertInto('notifications').values(notes).execute();
  }

  const counts = await trx.selectFrom('policy_applications').select(['status', sql<number>`count(*)::int`.as('n')]).where('park_id', '=', parkId).groupBy('status').execute();
  await recordAudit(trx as never, null, parkId, [
    { action: 'seed', entity: 'policies', entityId: parkId, before: null, after: { policies: allPolicies.length + 1, facts: factRows.length, matches: matchRows.length, applications: Object.fromEntries(counts.map((c) => [c.status, Number(c.n)])) } },
  ], now);
}
