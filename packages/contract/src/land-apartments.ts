/**
 * 要素保障 — 人才公寓: eligibility rule sets (dated; rules as data), applications a firm files for
 * its staff (ID number hashed and masked), the waitlist by score then time, allocation of a vacant
 * apartment, move-in and move-out, and occupancy figures for any date. Shared names in land.ts.
 */
import { z } from 'zod';
import { FIELD_LABELS, ZDate, ZId, ZPage, ZPageSize, type Paged } from './common.js';
import { zStatusList, type CaseEventView } from './cases.js';
import { isValidIdCard, isValidMobile, normalizePhone } from './identifiers.js';

/** Field names the 400s of these requests say in Chinese (added where no other module named them first). */
const APARTMENT_FIELD_LABELS: Record<string, string> = {
  applicantName: '申请人姓名',
  position: '岗位',
  education: '学历',
  title: '职称',
  employedMonths: '在本企业工作月数',
  socialInsuranceMonths: '社保缴纳月数',
  hasHouseInCity: '本市有无住房',
  preferredLayout: '意向户型',
  rules: '规则',
  op: '比较方式',
  field: '条件项',
  effect: '作用',
  points: '分值',
  unitId: '房间',
  on: '日期',
};
for (const [key, label] of Object.entries(APARTMENT_FIELD_LABELS)) if (!(key in FIELD_LABELS)) FIELD_LABELS[key] = label;

// ------------------------------------------------------------------ facts 申请人情况

export const APARTMENT_EDUCATIONS = ['below_college', 'college', 'bachelor', 'master', 'doctor'] as const;
export type ApartmentEducation = (typeof APARTMENT_EDUCATIONS)[number];
export const APARTMENT_EDUCATION_LABELS: Record<ApartmentEducation, string> = {
  below_college: '大专以下',
  college: '大专',
  bachelor: '本科',
  master: '硕士研究生',
  doctor: '博士研究生',
};

export const APARTMENT_TITLES = ['none', 'junior', 'intermediate', 'senior'] as const;
export type ApartmentTitle = (typeof APARTMENT_TITLES)[number];
export const APARTMENT_TITLE_LABELS: Record<ApartmentTitle, string> = { none: '无', junior: '初级职称', intermediate: '中级职称', senior: '高级职称' };

/** What the firm states about the applicant (kept in the application's `facts`). */
export const ZApartmentFacts = z.object({
  education: z.enum(APARTMENT_EDUCATIONS, { error: '请选择学历' }),
  title: z.enum(APARTMENT_TITLES, { error: '请选择职称' }),
  employedMonths: z.number({ error: '在本企业工作月数应为数字' }).int({ error: '在本企业工作月数应为整数' }).min(0, { error: '在本企业工作月数不能为负数' }).max(600, { error: '在本企业工作月数最多600' }),
  socialInsuranceMonths: z.number({ error: '社保缴纳月数应为数字' }).int({ error: '社保缴纳月数应为整数' }).min(0, { error: '社保缴纳月数不能为负数' }).max(600, { error: '社保缴纳月数最多600' }),
  hasHouseInCity: z.boolean({ error: '请选择本市有无住房' }),
});
export type ApartmentFacts = z.infer<typeof ZApartmentFacts>;

/** The firm's attributes the rules may read, from the registry (企业库) at evaluation. */
export type ApartmentFirmFacts = { firmAboveScale: boolean; firmHighTech: boolean; firmChain: string | null };

/** Everything a rule can look at: the applicant's facts and the firm's. */
export type ApartmentRuleFacts = ApartmentFacts & ApartmentFirmFacts;

// ------------------------------------------------------------------ rules 入住条件

export const APARTMENT_RULE_FIELDS = ['education', 'title', 'employedMonths', 'socialInsuranceMonths', 'hasHouseInCity', 'firmAboveScale', 'firmHighTech', 'firmChain'] as const;
export type ApartmentRuleField = (typeof APARTMENT_RULE_FIELDS)[number];
type FieldKind = 'enum' | 'number' | 'boolean' | 'text';
export const APARTMENT_RULE_FIELD_SPECS: Record<ApartmentRuleField, { label: string; kind: FieldKind; options?: Record<string, string>; unit?: string }> = {
  education: { label: '学历', kind: 'enum', options: APARTMENT_EDUCATION_LABELS },
  title: { label: '职称', kind: 'enum', options: APARTMENT_TITLE_LABELS },
  employedMonths: { label: '在本企业工作月数', kind: 'number', unit: '个月' },
  socialInsuranceMonths: { label: '社保缴纳月数', kind: 'number', unit: '个月' },
  hasHouseInCity: { label: '本市有住房', kind: 'boolean' },
  firmAboveScale: { label: '企业为规上企业', kind: 'boolean' },
  firmHighTech: { label: '企业为高新技术企业', kind: 'boolean' },
  firmChain: { label: '企业所属产业链', kind: 'text' },
};

export const APARTMENT_RULE_OPS = ['in', 'not_in', 'eq', 'gte', 'lte'] as const;
export type ApartmentRuleOp = (typeof APARTMENT_RULE_OPS)[number];
export const APARTMENT_RULE_OP_LABELS: Record<ApartmentRuleOp, string> = { in: '属于', not_in: '不属于', eq: '等于', gte: '不少于', lte: '不多于' };
/** Which comparisons a kind of field takes. */
export const APARTMENT_RULE_OPS_BY_KIND: Record<FieldKind, readonly ApartmentRuleOp[]> = {
  enum: ['in', 'not_in', 'eq'],
  text: ['in', 'not_in', 'eq'],
  number: ['gte', 'lte', 'eq'],
  boolean: ['eq'],
};

export const APARTMENT_RULE_EFFECTS = ['require', 'score'] as const;
export type ApartmentRuleEffect = (typeof APARTMENT_RULE_EFFECTS)[number];
export const APARTMENT_RULE_EFFECT_LABELS: Record<ApartmentRuleEffect, string> = { require: '必须满足', score: '满足加分' };

export const ZApartmentRule = z
  .object({
    id: z.string().trim().min(1, { error: '规则编号不能为空' }).max(40, { error: '规则编号最多40个字符' }),
    label: z.string({ error: '请填写规则名称' }).trim().min(2, { error: '规则名称至少2个字' }).max(60, { error: '规则名称最多60个字' }),
    field: z.enum(APARTMENT_RULE_FIELDS, { error: '请选择条件项' }),
    op: z.enum(APARTMENT_RULE_OPS, { error: '请选择比较方式' }),
    value: z.union([z.array(z.string().trim().min(1).max(40)).min(1, { error: '请至少选择一项' }).max(20), z.number().int().min(0).max(600), z.boolean(), z.string().trim().min(1).max(40)], { error: '请填写比较的值' }),
    effect: z.enum(APARTMENT_RULE_EFFECTS, { error: '请选择作用' }),
    points: z.number({ error: '分值应为数字' }).int({ error: '分值应为整数' }).min(0, { error: '分值不能为负数' }).max(100, { error: '分值最多100' }).default(0),
  })
  .superRefine((rule, ctx) => {
    const spec = APARTMENT_RULE_FIELD_SPECS[rule.field];
    if (!APARTMENT_RULE_OPS_BY_KIND[spec.kind].includes(rule.op)) {
      ctx.addIssue({ code: 'custom', path: ['op'], message: `“${spec.label}”不能用“${APARTMENT_RULE_OP_LABELS[rule.op]}”比较` });
      return;
    }
    const v = rule.value;
    const listOp = rule.op === 'in' || rule.op === 'not_in';
    if (spec.kind === 'number' && typeof v !== 'number') ctx.addIssue({ code: 'custom', path: ['value'], message: `“${spec.label}”的比较值应为整数` });
    if (spec.kind === 'boolean' && typeof v !== 'boolean') ctx.addIssue({ code: 'custom', path: ['value'], message: `“${spec.label}”的比较值应为是或否` });
    if ((spec.kind === 'enum' || spec.kind === 'text') && listOp && !Array.isArray(v)) ctx.addIssue({ code: 'custom', path: ['value'], message: `“${spec.label}”请选择一项或多项` });
    if ((spec.kind === 'enum' || spec.kind === 'text') && !listOp && typeof v !== 'string') ctx.addIssue({ code: 'custom', path: ['value'], message: `“${spec.label}”请选择一项` });
    if (spec.kind === 'enum' && spec.options) {
      const values = Array.isArray(v) ? v : typeof v === 'string' ? [v] : [];
      const bad = values.filter((x) => !(x in spec.options!));
      if (bad.length) ctx.addIssue({ code: 'custom', path: ['value'], message: `“${spec.label}”没有“${bad.join('、')}”这一项` });
    }
    if (rule.effect === 'score' && rule.points <= 0) ctx.addIssue({ code: 'custom', path: ['points'], message: '加分规则的分值应大于0' });
  });
export type ApartmentRule = z.infer<typeof ZApartmentRule>;

export const ZApartmentRuleSetRequest = z.object({
  validFrom: ZDate,
  note: z.string().trim().max(200, { error: '说明最多200个字' }).nullable().optional(),
  rules: z
    .array(ZApartmentRule, { error: '请至少设置一条规则' })
    .min(1, { error: '请至少设置一条规则' })
    .max(40, { error: '规则最多40条' })
    .superRefine((rules, ctx) => {
      const seen = new Set<string>();
      rules.forEach((r, i) => {
        if (seen.has(r.id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `规则编号“${r.id}”重复` });
        seen.add(r.id);
      });
    }),
});
export type ApartmentRuleSetRequest = z.infer<typeof ZApartmentRuleSetRequest>;

export type ApartmentRuleSetView = {
  id: string;
  validFrom: string;
  /** The day the next version takes over (null: still in force, or the latest). */
  validTo: string | null;
  current: boolean;
  note: string | null;
  rules: ApartmentRule[];
  createdByName: string | null;
  createdAt: string;
  /** Applications evaluated by this version. */
  applications: number;
};

/** One rule's verdict on an application. */
export type ApartmentRuleResult = {
  ruleId: string;
  label: string;
  effect: ApartmentRuleEffect;
  points: number;
  passed: boolean;
  /** The fact as the rule saw it, in words (本科, 24个月, 否). */
  actual: string;
  /** The condition in words (学历属于 本科、硕士研究生、博士研究生). */
  condition: string;
};
export type ApartmentEvaluation = { eligible: boolean; score: number; results: ApartmentRuleResult[]; failed: string[] };

function valueWords(field: ApartmentRuleField, value: unknown, chainLabels: Record<string, string> = {}): string {
  const spec = APARTMENT_RULE_FIELD_SPECS[field];
  const one = (x: unknown): string => {
    if (x === null || x === undefined) return '未填';
    if (spec.kind === 'boolean') return x ? '是' : '否';
    if (spec.kind === 'number') return `${x}${spec.unit ?? ''}`;
    if (spec.kind === 'enum') return spec.options?.[String(x)] ?? String(x);
    return chainLabels[String(x)] ?? String(x);
  };
  return Array.isArray(value) ? value.map(one).join('、') : one(value);
}

/** A rule's condition in words: 学历属于 本科、硕士研究生. */
export function describeApartmentRule(rule: Pick<ApartmentRule, 'field' | 'op' | 'value'>, chainLabels: Record<string, string> = {}): string {
  const spec = APARTMENT_RULE_FIELD_SPECS[rule.field];
  return `${spec.label}${APARTMENT_RULE_OP_LABELS[rule.op]} ${valueWords(rule.field, rule.value, chainLabels)}`;
}

function holds(rule: ApartmentRule, actual: unknown): boolean {
  const v = rule.value;
  switch (rule.op) {
    case 'in':
      return Array.isArray(v) && actual !== null && actual !== undefined && v.includes(String(actual));
    case 'not_in':
      return Array.isArray(v) && (actual === null || actual === undefined || !v.includes(String(actual)));
    case 'eq':
      return actual === v;
    case 'gte':
      return typeof actual === 'number' && typeof v === 'number' && actual >= v;
    case 'lte':
      return typeof actual === 'number' && typeof v === 'number' && actual <= v;
  }
}

/**
 * Applies a rule set to an applicant: every `require` rule must hold (else not eligible, the
 * failing ones named); each `score` rule that holds adds its points. Pure: the server's
 * evaluation at submission, the seed and the form's preview are the same function.
 */
export function evaluateApartmentRules(rules: readonly ApartmentRule[], facts: ApartmentRuleFacts, chainLabels: Record<string, string> = {}): ApartmentEvaluation {
  const results: ApartmentRuleResult[] = rules.map((rule) => {
    const actual = (facts as Record<string, unknown>)[rule.field];
    const passed = holds(rule, actual);
    return {
      ruleId: rule.id,
      label: rule.label,
      effect: rule.effect,
      points: rule.effect === 'score' ? rule.points : 0,
      passed,
      actual: valueWords(rule.field, actual, chainLabels),
      condition: describeApartmentRule(rule, chainLabels),
    };
  });
  const failed = results.filter((r) => r.effect === 'require' && !r.passed).map((r) => r.label);
  const score = results.filter((r) => r.effect === 'score' && r.passed).reduce((s, r) => s + r.points, 0);
  return { eligible: failed.length === 0, score, results, failed };
}

// ------------------------------------------------------------------ applications 入住申请

/**
 * submitted 已提交 → (the rules, at once) waitlisted 轮候中 with a score, or rejected 未通过 with the
 * failing rules → allocated 已配房 (a vacant apartment, from a day) → moved_in 已入住 → moved_out
 * 已退房; withdrawn 已撤回 by the firm before allocation. An allocation not taken up may be released
 * back to the waitlist.
 */
export const APARTMENT_APPLICATION_STATUSES = ['submitted', 'waitlisted', 'allocated', 'moved_in', 'moved_out', 'rejected', 'withdrawn'] as const;
export type ApartmentApplicationStatus = (typeof APARTMENT_APPLICATION_STATUSES)[number];
export const APARTMENT_APPLICATION_STATUS_LABELS: Record<ApartmentApplicationStatus, string> = {
  submitted: '已提交',
  waitlisted: '轮候中',
  allocated: '已配房',
  moved_in: '已入住',
  moved_out: '已退房',
  rejected: '未通过',
  withdrawn: '已撤回',
};
export const APARTMENT_APPLICATION_STATUS_COLORS: Record<ApartmentApplicationStatus, string> = {
  submitted: 'blue',
  waitlisted: 'gold',
  allocated: 'cyan',
  moved_in: 'green',
  moved_out: 'default',
  rejected: 'red',
  withdrawn: 'default',
};
/** The states in which a person holds a live application (one per person: the database's partial unique index). */
export const APARTMENT_LIVE_STATUSES = ['submitted', 'waitlisted', 'allocated', 'moved_in'] as const satisfies readonly ApartmentApplicationStatus[];

export const APARTMENT_APPLICATION_ACTIONS = ['submit', 'evaluate', 'allocate', 'release', 'move_in', 'move_out', 'withdraw'] as const;
export type ApartmentApplicationAction = (typeof APARTMENT_APPLICATION_ACTIONS)[number];
export const APARTMENT_APPLICATION_ACTION_LABELS: Record<ApartmentApplicationAction, string> = {
  submit: '提交申请',
  evaluate: '资格审查',
  allocate: '分配房间',
  release: '撤销分配',
  move_in: '登记入住',
  move_out: '登记退房',
  withdraw: '撤回申请',
};
/** The actions a person takes (the buttons). */
export type ApartmentButtonAction = 'allocate' | 'release' | 'move_in' | 'move_out' | 'withdraw';

const ZIdNumber = z
  .string({ error: '请填写身份证号' })
  .trim()
  .transform((s) => s.replace(/\s+/g, '').toUpperCase())
  .refine((s) => isValidIdCard(s), { error: '身份证号校验不通过' });
const ZMobile = z
  .string({ error: '请填写手机号' })
  .transform((s) => normalizePhone(s))
  .refine((s) => isValidMobile(s), { error: '手机号应为11位手机号码' });

export const ZApartmentApplicationRequest = z.object({
  /** The firm; an enterprise user may leave it out (its own firm). */
  enterpriseId: ZId.optional(),
  applicantName: z.string({ error: '请填写申请人姓名' }).trim().min(2, { error: '申请人姓名至少2个字' }).max(30, { error: '申请人姓名最多30个字' }),
  idNumber: ZIdNumber,
  phone: ZMobile,
  position: z.string({ error: '请填写岗位' }).trim().min(2, { error: '岗位至少2个字' }).max(40, { error: '岗位最多40个字' }),
  preferredLayout: z.string().trim().max(20, { error: '意向户型最多20个字' }).nullable().optional(),
  facts: ZApartmentFacts,
});
export type ApartmentApplicationRequest = z.input<typeof ZApartmentApplicationRequest>;

export const ZApartmentActionRequest = z.object({
  action: z.enum(['allocate', 'release', 'move_in', 'move_out', 'withdraw'], { error: '未知的操作' }),
  unitId: ZId.optional(),
  /** The day of the step (配房日 / 入住日 / 退房日); today by default. */
  date: ZDate.optional(),
  note: z.string().trim().max(500, { error: '说明最多500个字' }).nullable().optional(),
});
export type ApartmentActionRequest = z.infer<typeof ZApartmentActionRequest>;

export const ZApartmentApplicationListQuery = z.object({
  status: zStatusList(APARTMENT_APPLICATION_STATUSES).optional(),
  enterpriseId: ZId.optional(),
  q: z.string().trim().max(50, { error: '关键词最多50个字' }).optional(),
  page: ZPage,
  pageSize: ZPageSize,
});
export type ApartmentApplicationListQuery = z.input<typeof ZApartmentApplicationListQuery>;

export const ZApartmentWaitlistQuery = z.object({ layout: z.string().trim().max(20).optional(), page: ZPage, pageSize: ZPageSize });
export const ZApartmentOnQuery = z.object({ on: ZDate.optional() });
export const ZApartmentVacantQuery = z.object({ on: ZDate.optional(), layout: z.string().trim().max(20).optional() });

export type ApartmentApplicationRow = {
  id: string;
  code: string;
  enterpriseId: string;
  enterpriseName: string;
  applicantName: string;
  idNumberMasked: string;
  /** Masked in lists. */
  phoneMasked: string | null;
  position: string;
  status: ApartmentApplicationStatus;
  eligible: boolean | null;
  score: number;
  /** Place on the waitlist (1 = next), while waitlisted. */
  queuePosition: number | null;
  preferredLayout: string | null;
  unitLabel: string | null;
  allocatedOn: string | null;
  moveInOn: string | null;
  moveOutOn: string | null;
  submittedAt: string;
  /** Days since submission (waiting) or until allocation. */
  waitDays: number | null;
};

export type ApartmentUnitView = {
  id: string;
  code: string;
  buildingId: string;
  buildingName: string;
  floor: number;
  areaM2: number;
  layout: string | null;
  /** `${buildingName} ${code}` */
  label: string;
};

export type ApartmentApplicationView = Omit<ApartmentApplicationRow, 'phoneMasked'> & {
  /** The full number for the firm and the office; masked for readers who only look. */
  phone: string | null;
  facts: ApartmentFacts;
  firmFacts: ApartmentFirmFacts | null;
  evaluation: ApartmentEvaluation | null;
  ruleSet: { id: string; validFrom: string } | null;
  rejectReason: string | null;
  unit: ApartmentUnitView | null;
  waitlistSize: number;
  actions: ApartmentButtonAction[];
  timeline: CaseEventView<string, ApartmentApplicationStatus>[];
  createdByName: string | null;
};

export type ApartmentSummary = Record<ApartmentApplicationStatus, number> & { total: number };

export type ApartmentWaitlistRow = ApartmentApplicationRow & { queuePosition: number };

export type ApartmentOccupancyView = {
  on: string;
  total: number;
  occupied: number;
  /** Allocated, not moved in yet. */
  allocated: number;
  vacant: number;
  /** Under maintenance or disabled, and nobody in it. */
  unavailable: number;
  /** occupied / total, percent with one decimal. */
  occupancyPct: number;
  byBuilding: { buildingId: string; code: string; name: string; total: number; occupied: number; allocated: number; vacant: number; unavailable: number }[];
  byFirm: { enterpriseId: string; name: string; occupied: number; allocated: number; waitlisted: number }[];
  byLayout: { layout: string; total: number; vacant: number; waitlistPreferring: number }[];
  waitlist: number;
  /** Mean days the waitlist of that day had waited so far. */
  waitlistAverageDays: number | null;
  /** Mean days from submission to allocation of the allocations in the 365 days up to the date. */
  allocatedAverageWaitDays: number | null;
  allocationsLastYear: number;
};

export type ApartmentApplicationPage = Paged<ApartmentApplicationRow>;
