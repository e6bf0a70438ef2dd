import { z } from 'zod';
import { ZDate, ZFen, ZId, ZPage, ZPageSize } from './common.js';
import { isValidMobile, normalizePhone, validateUscc } from './identifiers.js';

/** 规上: annual main-business revenue of at least ¥20M (2,000,000,000 fen). */
export const ABOVE_SCALE_REVENUE_FEN = 2_000_000_000;

export const ZUscc = z.string({ error: '请填写统一社会信用代码' }).transform((raw, ctx) => {
  const r = validateUscc(raw);
  if (!r.ok) {
    ctx.addIssue({ code: 'custom', message: r.message });
    return z.NEVER;
  }
  return r.value;
});

const ZPhone = z
  .string()
  .transform((s) => normalizePhone(s))
  .refine((s) => s === '' || isValidMobile(s) || /^0\d{2,3}\d{7,8}$/.test(s), {
    error: '联系电话应为11位手机号或带区号的座机号',
  });

const enterpriseFields = {
  name: z.string({ error: '请填写企业名称' }).trim().min(2, { error: '企业名称至少2个字' }).max(100, { error: '企业名称最多100个字' }),
  legalRepresentative: z.string().trim().max(50, { error: '法定代表人最多50个字' }).nullable().optional(),
  registeredCapitalFen: ZFen.nullable().optional(),
  foundedOn: ZDate.nullable().optional(),
  industryCode: z.string().trim().max(10, { error: '行业代码最多10位' }).nullable().optional(),
  chain: z.string().trim().max(50, { error: '产业链最多50个字' }).nullable().optional(),
  isAboveScale: z.boolean({ error: '是否规上应为是/否' }).optional(),
  annualRevenueFen: ZFen.nullable().optional(),
  headcount: z.number({ error: '从业人数应为数字' }).int({ error: '从业人数应为整数' }).min(0, { error: '从业人数不能为负数' }).max(10_000_000).nullable().optional(),
  address: z.string().trim().max(200, { error: '地址最多200个字' }).nullable().optional(),
  plot: z.string().trim().max(100, { error: '地块最多100个字' }).nullable().optional(),
  contactName: z.string().trim().max(50, { error: '联系人最多50个字' }).nullable().optional(),
  contactPhone: ZPhone.nullable().optional(),
  tags: z
    .array(z.string().trim().min(1, { error: '标签不能为空' }).max(30, { error: '每个标签最多30个字' }), { error: '标签应为列表' })
    .max(30, { error: '标签最多30个' })
    .optional(),
  liaisonId: ZId.nullable().optional(),
};

export const ZCreateEnterpriseRequest = z.object({ uscc: ZUscc, ...enterpriseFields });
export type CreateEnterpriseRequest = z.infer<typeof ZCreateEnterpriseRequest>;

export const ZUpdateEnterpriseRequest = z
  .object({ uscc: ZUscc.optional(), ...enterpriseFields, name: enterpriseFields.name.optional(), version: z.number().int().optional() })
  .strict();
export type UpdateEnterpriseRequest = z.infer<typeof ZUpdateEnterpriseRequest>;

/** Fields an enterprise's own staff may keep current themselves (the rest is the registry's). */
export const ENTERPRISE_SELF_EDITABLE = ['address', 'contactName', 'contactPhone', 'headcount'] as const;

const ZBoolQuery = z
  .enum(['true', 'false'], { error: '应为 true 或 false' })
  .transform((v) => v === 'true')
  .optional();

export const ZListEnterprisesQuery = z.object({
  q: z.string().trim().max(100).optional(),
  chain: z.string().trim().max(50).optional(),
  tag: z.string().trim().max(30).optional(),
  liaisonId: z.union([ZId, z.literal('none')]).optional(),
  isAboveScale: ZBoolQuery,
  industryCode: z.string().trim().max(10).optional(),
  page: ZPage,
  pageSize: ZPageSize,
  sort: z.enum(['name', '-name', 'createdAt', '-createdAt', 'annualRevenueFen', '-annualRevenueFen', 'headcount', '-headcount']).optional(),
});
export type ListEnterprisesQuery = z.infer<typeof ZListEnterprisesQuery>;

export type Enterprise = {
  id: string;
  parkId: string;
  uscc: string;
  name: string;
  legalRepresentative: string | null;
  registeredCapitalFen: number | null;
  foundedOn: string | null;
  industryCode: string | null;
  chain: string | null;
  isAboveScale: boolean;
  annualRevenueFen: number | null;
  headcount: number | null;
  address: string | null;
  plot: string | null;
  contactName: string | null;
  /** Masked (138****5678) unless the reader may see contacts. */
  contactPhone: string | null;
  tags: string[];
  liaisonId: string | null;
  liaisonName: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
};

export type ImportRejection = { row: number; column: string; message: string };
/** `unchanged`: rows whose firm was already registered with exactly these values. */
export type ImportResult = { imported: number; updated: number; unchanged: number; rejected: ImportRejection[] };

export const ZAssignLiaisonRequest = z.object({ liaisonId: ZId.nullable() });
