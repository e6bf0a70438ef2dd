import type {
  FactValue,
  MatchingSubject,
  RuleCatalogue,
  RuleFactDefinition,
  RuleFieldDefinition,
  RuleOption,
  ScaleClass,
  SubjectFields,
} from './types.js';

export const SCALE_CLASS_OPTIONS: RuleOption[] = [
  { value: 'large', label: '大型' },
  { value: 'medium', label: '中型' },
  { value: 'small', label: '小型' },
  { value: 'micro', label: '微型' },
];

/** Registry attributes a rule may use (`{ op: 'field', field }`). */
export const REGISTRY_FIELDS: RuleFieldDefinition[] = [
  { key: 'is_above_scale', label: '规上企业', type: 'boolean' },
  {
    key: 'scale_class',
    label: '企业规模',
    type: 'text',
    options: SCALE_CLASS_OPTIONS,
    description: '按工信部联企业〔2011〕300号工业企业标准,由从业人数和年营业收入推算',
  },
  { key: 'chain', label: '产业链', type: 'text' },
  { key: 'industry_code', label: '行业代码', type: 'text', description: '国民经济行业分类代码,如 C3251' },
  { key: 'headcount', label: '从业人数', type: 'number', unit: 'count' },
  { key: 'annual_revenue_fen', label: '年营业收入', type: 'number', unit: 'fen' },
  { key: 'registered_capital_fen', label: '注册资本', type: 'number', unit: 'fen' },
  { key: 'age_years', label: '成立年限', type: 'number', unit: 'number', description: '截至计算日期的整年数' },
  { key: 'founded_on', label: '成立日期', type: 'date' },
  { key: 'tags', label: '企业标签', type: 'tags' },
];

export const LISTING_STAGE_OPTIONS: RuleOption[] = [
  { value: 'shareholding', label: '股改' },
  { value: 'tutoring', label: '辅导备案' },
  { value: 'filed', label: '申报受理' },
  { value: 'listed', label: '上市' },
];

/** Reported data every park has (`{ op: 'fact', key, year }`); parks add their own. */
export const BUILTIN_FACT_DEFINITIONS: RuleFactDefinition[] = [
  { key: 'ui_premium_paid_fen', label: '失业保险费实缴', type: 'number', unit: 'fen' },
  { key: 'ui_paid_months', label: '失业保险连续足额缴费月数', type: 'number', unit: 'months' },
  { key: 'insured_headcount', label: '参保人数', type: 'number', unit: 'count' },
  { key: 'layoff_rate', label: '裁员率', type: 'number', unit: 'percent' },
  { key: 'new_hires', label: '新增就业人数', type: 'number', unit: 'count' },
  { key: 'new_graduate_hires', label: '新招高校毕业生人数', type: 'number', unit: 'count' },
  { key: 'expansion_hires', label: '扩岗补助对象人数', type: 'number', unit: 'count', description: '当年毕业生、离校2年内未就业毕业生及16–24岁登记失业青年,签订劳动合同并足额缴纳社保' },
  { key: 'absorbed_hires', label: '吸纳就业困难人员人数', type: 'number', unit: 'count', description: '吸纳登记失业人员、脱贫人口等就业困难人员并签订1年以上劳动合同的人数' },
  { key: 'priority_hires_premium_fen', label: '重点群体个人缴纳社保费', type: 'number', unit: 'fen', description: '新招用重点群体人员个人缴纳的社会保险费合计' },
  { key: 'trainees', label: '以工代训人数', type: 'number', unit: 'count' },
  { key: 'training_months', label: '人均以工代训月数', type: 'number', unit: 'months' },
  { key: 'rd_expense_fen', label: '研发投入', type: 'number', unit: 'fen' },
  { key: 'revenue_fen', label: '营业收入', type: 'number', unit: 'fen' },
  { key: 'revenue_growth', label: '营业收入增长率', type: 'number', unit: 'percent' },
  { key: 'tax_paid_fen', label: '纳税额', type: 'number', unit: 'fen' },
  { key: 'debt_ratio', label: '资产负债率', type: 'number', unit: 'percent' },
  { key: 'main_product_share', label: '主导产品收入占比', type: 'number', unit: 'percent' },
  { key: 'listing_stage', label: '上市进程', type: 'text', period: 'latest', options: LISTING_STAGE_OPTIONS },
  { key: 'listing_overseas', label: '境外上市', type: 'boolean', period: 'latest' },
  { key: 'funds_raised_fen', label: '首发募集资金', type: 'number', unit: 'fen', period: 'latest' },
  { key: 'smart_mfg_level', label: '智能制造成熟度等级', type: 'number', unit: 'number', period: 'latest' },
  { key: 'smart_mfg_benchmark', label: '智能制造标杆企业', type: 'boolean', period: 'latest' },
  { key: 'state_rent_monthly_fen', label: '国有房屋月租金', type: 'number', unit: 'fen', period: 'latest' },
  { key: 'is_state_property_tenant', label: '承租国有房屋', type: 'boolean', period: 'latest' },
  { key: 'in_risk_area', label: '所在县区为中高风险地区', type: 'boolean' },
  { key: 'serious_dishonesty', label: '严重失信', type: 'boolean', period: 'latest' },
  { key: 'zombie', label: '僵尸企业', type: 'boolean', period: 'latest' },
  { key: 'hitech_first_certified', label: '首次认定高新技术企业', type: 'boolean' },
  { key: 'hitech_recertified', label: '高新技术企业重新认定', type: 'boolean' },
  { key: 'local_tax_registered', label: '在本地纳税', type: 'boolean', period: 'latest' },
  { key: 'provincial_specialized', label: '获省级专精特新认定', type: 'boolean' },
  { key: 'little_giant_level', label: '专精特新小巨人级别', type: 'text', options: [
    { value: 'provincial', label: '省级' },
    { value: 'national', label: '国家级' },
  ] },
];

export const DEFAULT_TAG_OPTIONS: RuleOption[] = [
  { value: 'high_tech', label: '高新技术企业' },
  { value: 'tech_sme', label: '科技型中小企业' },
  { value: 'specialized', label: '专精特新' },
  { value: 'little_giant', label: '专精特新小巨人' },
  { value: 'gazelle', label: '瞪羚企业' },
  { value: 'ipo_reserve', label: '上市后备' },
  { value: 'foreign_invested', label: '外资企业' },
];

export const DEFAULT_RULE_CATALOGUE: RuleCatalogue = {
  fields: REGISTRY_FIELDS,
  facts: BUILTIN_FACT_DEFINITIONS,
  tags: DEFAULT_TAG_OPTIONS,
};

/**
 * A park's catalogue: the registry fields, the builtin facts plus the park's own fact definitions
 * (a park definition with a builtin's key replaces it), and the labels of its tags and chains.
 */
export function makeRuleCatalogue(extra: {
  facts?: RuleFactDefinition[];
  tags?: RuleOption[];
  chains?: RuleOption[];
} = {}): RuleCatalogue {
  const facts = new Map(BUILTIN_FACT_DEFINITIONS.map((f) => [f.key, f]));
  for (const f of extra.facts ?? []) facts.set(f.key, f);
  return {
    fields: REGISTRY_FIELDS,
    facts: [...facts.values()],
    tags: extra.tags ?? DEFAULT_TAG_OPTIONS,
    chains: extra.chains,
  };
}

/** Lookup tables over a catalogue, built once per catalogue object. */
export type CatalogueIndex = {
  fields: Map<string, RuleFieldDefinition>;
  facts: Map<string, RuleFactDefinition>;
  tags: Map<string, string>;
  chains: Map<string, string>;
};

const indexCache = new WeakMap<RuleCatalogue, CatalogueIndex>();

export function indexCatalogue(catalogue: RuleCatalogue): CatalogueIndex {
  let idx = indexCache.get(catalogue);
  if (!idx) {
    idx = {
      fields: new Map(catalogue.fields.map((f) => [f.key, f])),
      facts: new Map(catalogue.facts.map((f) => [f.key, f])),
      tags: new Map((catalogue.tags ?? []).map((t) => [t.value, t.label])),
      chains: new Map((catalogue.chains ?? []).map((t) => [t.value, t.label])),
    };
    indexCache.set(catalogue, idx);
  }
  return idx;
}

// ------------------------------------------------------------------------------------------
// Subjects
// ------------------------------------------------------------------------------------------

/** 工信部联企业〔2011〕300号, 工业: 从业人员 and 营业收入 thresholds (fen). */
export const SCALE_THRESHOLDS = {
  large: { headcount: 1000, revenueFen: 40_000 * 1_000_000 },
  medium: { headcount: 300, revenueFen: 2_000 * 1_000_000 },
  small: { headcount: 20, revenueFen: 300 * 1_000_000 },
} as const;

/**
 * Size class under the industrial thresholds of 工信部联企业〔2011〕300号 (simplification: the
 * industrial row is used for every sector). A firm is in a class when it meets BOTH the headcount
 * and the revenue threshold of that class; below either small threshold it is micro. With one of
 * the two figures missing the class is unknown unless the known one already decides it.
 */
export function scaleClassOf(headcount: number | null, revenueFen: number | null): ScaleClass | null {
  const t = SCALE_THRESHOLDS;
  if ((headcount !== null && headcount < t.small.headcount) || (revenueFen !== null && revenueFen < t.small.revenueFen)) {
    return 'micro';
  }
  if (headcount === null || revenueFen === null) return null;
  if (headcount >= t.large.headcount && revenueFen >= t.large.revenueFen) return 'large';
  if (headcount >= t.medium.headcount && revenueFen >= t.medium.revenueFen) return 'medium';
  return 'small';
}

/** 'YYYY-MM-DD' → YYYYMMDD as an integer; null if not a date string. */
export function ymdOf(date: string | null | undefined): number | null {
  if (!date || date.length < 10) return null;
  const n = Number(date.slice(0, 4)) * 10000 + Number(date.slice(5, 7)) * 100 + Number(date.slice(8, 10));
  return Number.isFinite(n) ? n : null;
}

/** Whole years from `foundedOn` to `asOf` (both 'YYYY-MM-DD'). */
export function ageYearsAt(foundedOn: string | null, asOf: string): number | null {
  const f = ymdOf(foundedOn);
  const a = ymdOf(asOf);
  if (f === null || a === null) return null;
  return Math.floor((a - f) / 10000);
}

export function factKey(key: string, year: number): string {
  return `${key}@${year}`;
}

export type SubjectRegistryInput = {
  isAboveScale?: boolean | null;
  chain?: string | null;
  industryCode?: string | null;
  headcount?: number | null;
  annualRevenueFen?: number | null;
  registeredCapitalFen?: number | null;
  foundedOn?: string | null;
  tags?: readonly string[] | null;
};

export type SubjectFactInput = { key: string; year: number; value: FactValue | null };

/** Builds a subject from registry attributes and reported facts (null fact values are skipped). */
export function buildMatchingSubject(
  enterpriseId: string,
  registry: SubjectRegistryInput,
  facts: Iterable<SubjectFactInput> = [],
): MatchingSubject {
  const headcount = registry.headcount ?? null;
  const revenue = registry.annualRevenueFen ?? null;
  const foundedOn = registry.foundedOn ?? null;
  const fields: SubjectFields = {
    is_above_scale: registry.isAboveScale ?? null,
    scale_class: scaleClassOf(headcount, revenue),
    chain: registry.chain ?? null,
    industry_code: registry.industryCode ?? null,
    headcount,
    annual_revenue_fen: revenue,
    registered_capital_fen: registry.registeredCapitalFen ?? null,
    founded_on: foundedOn,
    founded_ymd: ymdOf(foundedOn),
    tags: registry.tags ?? [],
  };
  const subject: MatchingSubject = { enterpriseId, fields, facts: new Map(), factLatestYear: new Map() };
  for (const f of facts) addSubjectFact(subject, f.key, f.year, f.value);
  return subject;
}

export function addSubjectFact(subject: MatchingSubject, key: string, year: number, value: FactValue | null): void {
  if (value === null || value === undefined) return;
  if (typeof value === 'number' && !Number.isFinite(value)) return;
  subject.facts.set(`${key}@${year}`, value);
  const latest = subject.factLatestYear.get(key);
  if (latest === undefined || year > latest) subject.factLatestYear.set(key, year);
}

/** Bounded look-back for `period: 'latest'` facts when the latest report is newer than the year asked. */
export const LATEST_FACT_LOOKBACK_YEARS = 20;

/** The value of a fact for a year, honouring `period: 'latest'`; undefined when not reported. */
export function lookupFact(subject: MatchingSubject, key: string, year: number, latest: boolean): FactValue | undefined {
  const exact = subject.facts.get(`${key}@${year}`);
  if (exact !== undefined || !latest) return exact;
  const newest = subject.factLatestYear.get(key);
  if (newest === undefined) return undefined;
  if (newest <= year) return subject.facts.get(`${key}@${newest}`);
  for (let y = year - 1; y >= year - LATEST_FACT_LOOKBACK_YEARS; y--) {
    const v = subject.facts.get(`${key}@${y}`);
    if (v !== undefined) return v;
  }
  return undefined;
}

/** Resolves a fact reference's year: ≤ 0 is relative to the as-of year. */
export function resolveFactYear(year: number, asOfYear: number): number {
  return year <= 0 ? asOfYear + year : year;
}
