// 金融服务 — institutions 金融机构 and their products 金融产品 (see finance.ts for the shared parts).
import { z } from 'zod';
import { FIELD_LABELS, ZDate, ZId, ZPage, ZPageSize } from './common.js';
import { INSTITUTION_KINDS, type InstitutionKind, type InstitutionView } from './finance.js';

const PRODUCT_FIELD_LABELS: Record<string, string> = {
  rateMinBp: '年利率下限',
  rateMaxBp: '年利率上限',
  termMinMonths: '最短期限',
  termMaxMonths: '最长期限',
  amountMinFen: '最低额度',
  amountMaxFen: '最高额度',
  collateral: '担保方式',
  targetChains: '适用产业链',
  targetTags: '适用企业标签',
  targetNote: '适用企业说明',
  shortName: '简称',
  strategic: '战略合作',
  agreementOn: '协议签订日期',
  productIds: '产品',
  termMonths: '期限',
  fitsMe: '适合我',
  institutionKind: '机构类型',
};
for (const [key, label] of Object.entries(PRODUCT_FIELD_LABELS)) if (!(key in FIELD_LABELS)) FIELD_LABELS[key] = label;

/** Product types (the check of migration 20261207-0012). */
export const PRODUCT_TYPES = ['credit', 'mortgage', 'pledge', 'guarantee', 'supply_chain', 'bill', 'ip_pledge', 'insurance', 'leasing', 'other'] as const;
export type ProductType = (typeof PRODUCT_TYPES)[number];
export const PRODUCT_TYPE_LABELS: Record<ProductType, string> = {
  credit: '信用贷',
  mortgage: '抵押贷',
  pledge: '质押贷',
  guarantee: '担保贷',
  supply_chain: '供应链金融',
  bill: '票据贴现',
  ip_pledge: '知识产权质押',
  insurance: '保险',
  leasing: '融资租赁',
  other: '其他',
};

/**
 * 担保方式: what a product accepts as security. `none` = 无需抵押 (信用). A firm filtering by what
 * it can offer sees the products that take it and the ones that need nothing.
 */
export const COLLATERAL_KINDS = ['none', 'property', 'land', 'equipment', 'receivables', 'inventory', 'ip', 'equity', 'deposit', 'guarantee'] as const;
export type CollateralKind = (typeof COLLATERAL_KINDS)[number];
export const COLLATERAL_LABELS: Record<CollateralKind, string> = {
  none: '无需抵押',
  property: '房产',
  land: '土地',
  equipment: '设备',
  receivables: '应收账款',
  inventory: '存货/仓单',
  ip: '知识产权',
  equity: '股权',
  deposit: '存单/保证金',
  guarantee: '保证担保',
};

export const PRODUCT_STATUSES = ['draft', 'published', 'withdrawn'] as const;
export type ProductStatus = (typeof PRODUCT_STATUSES)[number];

/**
 * Where a product stands today: its stored status, with a published product outside its valid
 * dates shown as 未生效 (not yet) or 已过期 (ended). Only `available` products are in 金融超市.
 */
export const PRODUCT_STATES = ['draft', 'available', 'scheduled', 'expired', 'withdrawn'] as const;
export type ProductState = (typeof PRODUCT_STATES)[number];
export const PRODUCT_STATE_LABELS: Record<ProductState, string> = {
  draft: '草稿',
  available: '在售',
  scheduled: '未生效',
  expired: '已过期',
  withdrawn: '已下架',
};

/** The highest annual rate a product may show: 24 % (the judicial protection ceiling). */
export const MAX_PRODUCT_RATE_BP = 2400;
/** The largest product amount: ¥10bn. */
export const MAX_PRODUCT_AMOUNT_FEN = 1_000_000_000_000;

const intIn = (label: string, unit: string, min: number, max: number) =>
  z
    .number({ error: `${label}应为数字` })
    .int({ error: `${label}应为整数${unit}` })
    .min(min, { error: `${label}不能小于${min}${unit}` })
    .max(max, { error: `${label}不能大于${max}${unit}` });
const fenIn = (label: string) =>
  z
    .number({ error: `${label}应为数字(单位:分)` })
    .int({ error: `${label}应为整数(单位:分)` })
    .min(1, { error: `${label}应大于0` })
    .max(MAX_PRODUCT_AMOUNT_FEN, { error: `${label}不能超过100亿元` });
const rateBp = (label: string) =>
  z
    .number({ error: `${label}应为数字` })
    .int({ error: `${label}应精确到0.01%` })
    .min(0, { error: `${label}不能为负数` })
    .max(MAX_PRODUCT_RATE_BP, { error: `${label}不能超过24%` });
const text = (label: string, max: number) =>
  z.string({ error: `${label}应为文字` }).trim().min(1, { error: `${label}不能为空` }).max(max, { error: `${label}最多${max}个字` });
const optionalText = (label: string, max: number) =>
  z
    .string({ error: `${label}应为文字` })
    .trim()
    .max(max, { error: `${label}最多${max}个字` })
    .nullable()
    .optional()
    .transform((v) => (v === '' ? null : v));
const codes = (label: string, max: number) =>
  z
    .array(z.string({ error: `${label}应为编码` }).trim().min(1, { error: `${label}不能为空` }).max(40, { error: `${label}编码过长` }), { error: `${label}应为列表` })
    .max(max, { error: `${label}最多${max}项` });

const productFields = {
  name: text('产品名称', 80),
  type: z.enum(PRODUCT_TYPES, { error: '产品类型不正确' }),
  rateMinBp: rateBp('年利率下限'),
  rateMaxBp: rateBp('年利率上限'),
  termMinMonths: intIn('最短期限', '个月', 1, 360),
  termMaxMonths: intIn('最长期限', '个月', 1, 360),
  amountMinFen: fenIn('最低额度'),
  amountMaxFen: fenIn('最高额度'),
  collateral: z
    .array(z.enum(COLLATERAL_KINDS, { error: '担保方式不正确' }), { error: '担保方式应为列表' })
    .min(1, { error: '请至少选择一种担保方式' })
    .max(COLLATERAL_KINDS.length),
  targetChains: codes('适用产业链', 20).default([]),
  targetTags: codes('适用企业标签', 20).default([]),
  targetNote: optionalText('适用企业说明', 300),
  description: optionalText('产品介绍', 2000),
  validFrom: ZDate,
  validTo: ZDate.nullable().optional(),
};

type RangeInput = {
  rateMinBp?: number;
  rateMaxBp?: number;
  termMinMonths?: number;
  termMaxMonths?: number;
  amountMinFen?: number;
  amountMaxFen?: number;
  validFrom?: string;
  validTo?: string | null;
  collateral?: string[];
};

/**
 * The cross-field rules of a product (each lower bound at most its upper bound, 无需抵押 alone),
 * as issues on the upper field. Used by the create schema and, on the merged row, by an edit.
 */
export function productRangeIssues(p: RangeInput): { path: string; message: string }[] {
  const issues: { path: string; message: string }[] = [];
  if (p.rateMinBp !== undefined && p.rateMaxBp !== undefined && p.rateMinBp > p.rateMaxBp) issues.push({ path: 'rateMaxBp', message: '年利率上限不能低于年利率下限' });
  if (p.termMinMonths !== undefined && p.termMaxMonths !== undefined && p.termMinMonths > p.termMaxMonths) issues.push({ path: 'termMaxMonths', message: '最长期限不能短于最短期限' });
  if (p.amountMinFen !== undefined && p.amountMaxFen !== undefined && p.amountMinFen > p.amountMaxFen) issues.push({ path: 'amountMaxFen', message: '最高额度不能低于最低额度' });
  if (p.validFrom && p.validTo && p.validTo < p.validFrom) issues.push({ path: 'validTo', message: '有效期止不能早于有效期起' });
  if (p.collateral && p.collateral.includes('none') && p.collateral.length > 1) issues.push({ path: 'collateral', message: '担保方式:选择“无需抵押”时不能再选其他方式' });
  return issues;
}

export const ZCreateProductRequest = z
  .object({
    /** The institution; a bank account may leave it out (its own) and may name no other. */
    bankId: ZId.optional(),
    ...productFields,
    /** Publish right away (else saved as a draft). */
    publish: z.boolean({ error: '是否发布应为是或否' }).optional(),
  })
  .superRefine((v, ctx) => {
    for (const issue of productRangeIssues(v)) ctx.addIssue({ code: 'custom', path: [issue.path], message: issue.message });
  });
export type CreateProductRequest = z.input<typeof ZCreateProductRequest>;

export const ZUpdateProductRequest = z.object({
  name: productFields.name.optional(),
  type: productFields.type.optional(),
  rateMinBp: productFields.rateMinBp.optional(),
  rateMaxBp: productFields.rateMaxBp.optional(),
  termMinMonths: productFields.termMinMonths.optional(),
  termMaxMonths: productFields.termMaxMonths.optional(),
  amountMinFen: productFields.amountMinFen.optional(),
  amountMaxFen: productFields.amountMaxFen.optional(),
  collateral: productFields.collateral.optional(),
  targetChains: codes('适用产业链', 20).optional(),
  targetTags: codes('适用企业标签', 20).optional(),
  targetNote: productFields.targetNote,
  description: productFields.description,
  validFrom: ZDate.optional(),
  validTo: ZDate.nullable().optional(),
});
export type UpdateProductRequest = z.input<typeof ZUpdateProductRequest>;

const queryBool = z.enum(['true', 'false'], { error: '应为 true 或 false' }).transform((v) => v === 'true');
const queryInt = (label: string, min: number, max: number) =>
  z.coerce.number({ error: `${label}应为数字` }).int({ error: `${label}应为整数` }).min(min, { error: `${label}不能小于${min}` }).max(max, { error: `${label}不能大于${max}` });

export const PRODUCT_SORTS = ['default', 'rate', 'amount', 'term', 'newest'] as const;
export type ProductSort = (typeof PRODUCT_SORTS)[number];
export const PRODUCT_SORT_LABELS: Record<ProductSort, string> = { default: '默认排序', rate: '利率从低到高', amount: '额度从高到低', term: '期限从长到短', newest: '最新发布' };

export const ZListProductsQuery = z.object({
  q: z.string().trim().max(60, { error: '关键词最多60个字' }).optional(),
  type: z.enum(PRODUCT_TYPES, { error: '产品类型不正确' }).optional(),
  bankId: ZId.optional(),
  institutionKind: z.enum(INSTITUTION_KINDS, { error: '机构类型不正确' }).optional(),
  /** 想贷多少: the amount must lie within the product's range (fen). */
  amountFen: queryInt('金额', 1, MAX_PRODUCT_AMOUNT_FEN).optional(),
  /** 想贷多久: the term must lie within the product's range. */
  termMonths: queryInt('期限', 1, 360).optional(),
  /** 能提供的担保: products that take it, or need none. */
  collateral: z.enum(COLLATERAL_KINDS, { error: '担保方式不正确' }).optional(),
  /** 适合我: products whose target chains / tags match the firm (an enterprise's own; a liaison or staff names `enterpriseId`). */
  fitsMe: queryBool.optional(),
  enterpriseId: ZId.optional(),
  /** Staff and banks: where the product stands today. Firms always see `available` only. */
  state: z.enum(PRODUCT_STATES, { error: '状态不正确' }).optional(),
  /** Several products by id (the compare view), comma separated, at most 4. */
  ids: z
    .string()
    .trim()
    .max(200)
    .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
    .pipe(z.array(ZId).max(4, { error: '最多对比4个产品' }))
    .optional(),
  sort: z.enum(PRODUCT_SORTS, { error: '排序方式不正确' }).optional(),
  page: ZPage,
  pageSize: ZPageSize,
});
export type ListProductsQuery = z.input<typeof ZListProductsQuery>;

export type ProductView = {
  id: string;
  bankId: string;
  bankName: string;
  bankShortName: string;
  institutionKind: InstitutionKind;
  strategic: boolean;
  name: string;
  type: ProductType;
  typeLabel: string;
  rateMinBp: number;
  rateMaxBp: number;
  termMinMonths: number;
  termMaxMonths: number;
  amountMinFen: number;
  amountMaxFen: number;
  collateral: CollateralKind[];
  targetChains: string[];
  targetTags: string[];
  targetNote: string | null;
  description: string | null;
  validFrom: string;
  validTo: string | null;
  status: ProductStatus;
  state: ProductState;
  stateLabel: string;
  /** Whether the firm in question (適合我) is among the targets; null when no firm is in question. */
  fits: boolean | null;
  /** The actor may edit, publish or withdraw it (its bank's staff, the finance officer). */
  editable: boolean;
  createdAt: string;
  updatedAt: string;
};

export type ProductList = {
  items: ProductView[];
  total: number;
  page: number;
  pageSize: number;
  /** The firm 适合我 was computed for (its name), when any. */
  fitsFor: string | null;
};

// ---------------------------------------------------------------------------------------------
// institutions 金融机构 (management by the finance officer)
// ---------------------------------------------------------------------------------------------

/** An institution with its contact and its products' counts (the list everyone in finance sees). */
export type InstitutionDetailView = InstitutionView & {
  contactName: string | null;
  contactPhone: string | null;
  sort: number;
  productCount: number;
  availableCount: number;
  userCount: number;
};

const phone = z
  .string({ error: '联系电话应为文字' })
  .trim()
  .max(30, { error: '联系电话最多30个字' })
  .refine((v) => v === '' || /^[0-9+\-() ]{5,30}$/.test(v), { error: '联系电话只能包含数字、空格和 + - ( )' })
  .nullable()
  .optional()
  .transform((v) => (v === '' ? null : v));

const institutionFields = {
  code: z
    .string({ error: '机构编码应为文字' })
    .trim()
    .regex(/^[a-z][a-z0-9_]{1,29}$/, { error: '机构编码应为2-30位小写字母、数字或下划线,以字母开头' }),
  name: text('机构全称', 100),
  shortName: text('简称', 30),
  kind: z.enum(INSTITUTION_KINDS, { error: '机构类型不正确' }),
  strategic: z.boolean({ error: '战略合作应为是或否' }),
  agreementOn: ZDate.nullable().optional(),
  contactName: optionalText('联系人', 30),
  contactPhone: phone,
  status: z.enum(['active', 'inactive'], { error: '状态应为合作中或已停用' }),
  sort: z.number({ error: '排序应为数字' }).int({ error: '排序应为整数' }).min(0, { error: '排序不能为负数' }).max(9999, { error: '排序不能大于9999' }),
};

export const ZCreateInstitutionRequest = z
  .object({ ...institutionFields, strategic: institutionFields.strategic.default(false), status: institutionFields.status.default('active'), sort: institutionFields.sort.optional() })
  .superRefine((v, ctx) => {
    if (v.strategic && !v.agreementOn) ctx.addIssue({ code: 'custom', path: ['agreementOn'], message: '协议签订日期:签订战略合作协议的机构请填写签订日期' });
  });
export type CreateInstitutionRequest = z.input<typeof ZCreateInstitutionRequest>;

export const ZUpdateInstitutionRequest = z.object({
  name: institutionFields.name.optional(),
  shortName: institutionFields.shortName.optional(),
  kind: institutionFields.kind.optional(),
  strategic: institutionFields.strategic.optional(),
  agreementOn: ZDate.nullable().optional(),
  contactName: institutionFields.contactName,
  contactPhone: institutionFields.contactPhone,
  status: institutionFields.status.optional(),
  sort: institutionFields.sort.optional(),
});
export type UpdateInstitutionRequest = z.input<typeof ZUpdateInstitutionRequest>;

/** "3.45%–4.35%" (one figure when both ends agree). */
export function formatRateRange(minBp: number, maxBp: number): string {
  const f = (bp: number) => `${(bp / 100).toFixed(2)}%`;
  return minBp === maxBp ? f(minBp) : `${f(minBp)}–${f(maxBp)}`;
}

/** "6–36个月" / "12个月". */
export function formatTermRange(min: number, max: number): string {
  return min === max ? `${min}个月` : `${min}–${max}个月`;
}

/** An amount range of a product in 万元: "10–300万元" (one figure when both ends agree). */
export function formatWanRange(minFen: number, maxFen: number): string {
  const wan = (fen: number) => (fen / 1_000_000).toLocaleString('zh-CN', { maximumFractionDigits: 2 });
  return minFen === maxFen ? `${wan(minFen)}万元` : `${wan(minFen)}–${wan(maxFen)}万元`;
}
