/**
 * 专项资金 funds and their ledgers, payouts 拨付, 创新券 innovation vouchers, 招商承诺 investment
 * commitments: schemas and types shared by server and web. Money is integer fen everywhere.
 *
 * Server interface other modules call (server/src/modules/funds/service.ts), all inside the
 * caller's transaction, never committing on their own:
 *
 *   recordPayout(trx, ctx, actor | null, {
 *     parkId, fundId, enterpriseId, amountFen, policyId | null, policyVersionId | null,
 *     periodKey, exclusionKey | null, source, sourceId,
 *     account: { accountName, bankName, accountNo }, memo?, now,
 *     reservationId?   // consume money set aside by reserveFunds (else the fund's available)
 *   }) → { payoutId, voucherNumber, balanceAfterFen }
 *     - exclusionKey null → `${source}:${sourceId}`; policy payouts pass the policy's exclusion
 *       key (its id, or a mutual-exclusion group shared by several policies).
 *     - CONFLICT '该企业本期已兑付此项政策,不能重复拨付' when a live payout exists for
 *       (park, enterprise, exclusionKey, periodKey) or for (park, source, sourceId) — enforced by
 *       unique indexes, so also under concurrency; the caller's transaction stays usable.
 *     - INVALID_STATE '专项资金「…」可用余额不足:可用 ¥x,本次 ¥y' — the fund row is updated with a
 *       guarded `available_fen >= amount`, concurrent payouts serialise on it and never overdraw.
 *     - INVALID_STATE when the fund is closed, NOT_FOUND when fund/enterprise is not in the park.
 *
 *   reserveFunds(trx, ctx, actor | null, { parkId, fundId, enterpriseId | null, amountFen, source,
 *     sourceId, memo?, now }) → { reservationId, availableAfterFen }
 *     承诺/预拨: available → reserved (a ledger 'reserve' entry). One reservation per (source,
 *     sourceId); INVALID_STATE when the fund cannot cover it.
 *
 *   releaseReservation(trx, ctx, actor | null, { parkId, reservationId, amountFen?, memo?, now })
 *     → { releasedFen }  unused reserved money back to available (ledger 'release'); without
 *     amountFen the whole remainder is released and the reservation closes. 0 when nothing is left.
 *
 *   reversePayout(trx, ctx, actor, { parkId, payoutId, reason, now }) → { balanceAfterFen }
 *     退回: a compensating 'reversal' ledger entry; the payout stays, marked reversed, and its
 *     (enterprise, exclusionKey, period) slot is free again.
 */
import { z } from 'zod';
import { FIELD_LABELS, ZDate, ZFen, ZId, ZPage, ZPageSize } from './common.js';
import { ZUscc } from './enterprises.js';

const FUND_FIELD_LABELS: Record<string, string> = {
  budgetFen: '预算金额',
  deltaFen: '调整金额',
  amountFen: '金额',
  fundId: '专项资金',
  policyId: '政策',
  periodKey: '兑付期间',
  exclusionKey: '互斥键',
  accountName: '收款户名',
  bankName: '开户银行',
  accountNo: '收款账号',
  memo: '摘要',
  faceValueFen: '面额',
  validUntil: '有效期至',
  enterpriseIds: '企业',
  serviceTypes: '服务类型',
  serviceType: '服务类型',
  providerId: '服务机构',
  invoiceNo: '发票号码',
  invoiceAmountFen: '发票金额',
  invoiceDate: '开票日期',
  investor: '投资方',
  signedOn: '签约日期',
  stage: '项目阶段',
  contractNo: '合同编号',
  dueOn: '承诺兑现日期',
  fulfilledOn: '兑现日期',
  payoutId: '拨付记录',
  projectId: '招商项目',
};
for (const [key, label] of Object.entries(FUND_FIELD_LABELS)) if (!(key in FIELD_LABELS)) FIELD_LABELS[key] = label;

const text = (label: string, max: number) =>
  z.string({ error: `${label}应为文字` }).trim().min(1, { error: `${label}不能为空` }).max(max, { error: `${label}最多${max}个字` });
const optionalText = (label: string, max: number) =>
  z.string({ error: `${label}应为文字` }).trim().max(max, { error: `${label}最多${max}个字` }).optional().nullable();
const positiveFen = (label: string) =>
  ZFen.refine((v) => v > 0, { error: `${label}应大于0` });
/** A query-string flag. */
const queryBool = z.enum(['true', 'false']).transform((v) => v === 'true');

// ---------------------------------------------------------------------------------------------
// Funds 专项资金
// ---------------------------------------------------------------------------------------------

export const FUND_SOURCES = ['local', 'superior', 'mixed'] as const;
export type FundSource = (typeof FUND_SOURCES)[number];
export const FUND_SOURCE_LABELS: Record<FundSource, string> = { local: '本级财政', superior: '上级资金', mixed: '上级资金+本级配套' };

export const FUND_STATUSES = ['active', 'closed'] as const;
export type FundStatus = (typeof FUND_STATUSES)[number];
export const FUND_STATUS_LABELS: Record<FundStatus, string> = { active: '使用中', closed: '已关闭' };

export const LEDGER_KINDS = ['budget', 'adjust', 'reserve', 'release', 'payout', 'reversal'] as const;
export type LedgerKind = (typeof LEDGER_KINDS)[number];
export const LEDGER_KIND_LABELS: Record<LedgerKind, string> = {
  budget: '预算下达',
  adjust: '预算调整',
  reserve: '预留(承诺)',
  release: '释放预留',
  payout: '拨付',
  reversal: '退回',
};

export const PAYOUT_SOURCES = ['policy_application', 'exemption_grant', 'voucher', 'commitment', 'manual'] as const;
export type PayoutSource = (typeof PAYOUT_SOURCES)[number];
export const PAYOUT_SOURCE_LABELS: Record<PayoutSource, string> = {
  policy_application: '政策申报',
  exemption_grant: '免申即享',
  voucher: '创新券兑付',
  commitment: '招商承诺',
  manual: '其他拨付',
};

export const PAYOUT_STATUSES = ['paid', 'reversed'] as const;
export type PayoutStatus = (typeof PAYOUT_STATUSES)[number];
export const PAYOUT_STATUS_LABELS: Record<PayoutStatus, string> = { paid: '已拨付', reversed: '已退回' };

/** The message of a refused duplicate payout (also used by callers that pre-check). */
export const DUPLICATE_PAYOUT_MESSAGE = '该企业本期已兑付此项政策,不能重复拨付';

export const ZCreateFundRequest = z.object({
  code: z
    .string({ error: '编码应为文字' })
    .trim()
    .regex(/^[A-Za-z0-9_-]{2,32}$/, { error: '编码为2-32位字母、数字、下划线或短横线' }),
  name: text('名称', 60),
  year: z.number({ error: '年份应为数字' }).int().min(2000, { error: '年份不正确' }).max(2100, { error: '年份不正确' }),
  source: z.enum(FUND_SOURCES, { error: '资金来源应为本级财政、上级资金或上级资金+本级配套' }),
  category: optionalText('资金类别', 30),
  department: optionalText('主管部门', 60),
  description: optionalText('说明', 1000),
  budgetFen: positiveFen('预算金额'),
});
export type CreateFundRequest = z.infer<typeof ZCreateFundRequest>;

export const ZUpdateFundRequest = z.object({
  name: text('名称', 60).optional(),
  category: optionalText('资金类别', 30),
  department: optionalText('主管部门', 60),
  description: optionalText('说明', 1000),
  status: z.enum(FUND_STATUSES, { error: '状态应为使用中或已关闭' }).optional(),
});
export type UpdateFundRequest = z.infer<typeof ZUpdateFundRequest>;

/** 追加 (positive) or 调减 (negative) the budget; never below what is already paid + reserved. */
export const ZAdjustFundRequest = z.object({
  deltaFen: z
    .number({ error: '调整金额应为数字(单位:分)' })
    .int({ error: '调整金额应为整数(单位:分)' })
    .refine((v) => v !== 0, { error: '调整金额不能为0' })
    .refine((v) => Math.abs(v) <= Number.MAX_SAFE_INTEGER / 4, { error: '调整金额过大' }),
  reason: text('调整理由', 500),
});
export type AdjustFundRequest = z.infer<typeof ZAdjustFundRequest>;

export const ZListFundsQuery = z.object({
  year: z.coerce.number({ error: '年份应为数字' }).int().min(2000).max(2100).optional(),
  status: z.enum(FUND_STATUSES).optional(),
  q: z.string().trim().max(60).optional(),
});
export type ListFundsQuery = z.infer<typeof ZListFundsQuery>;

export const ZStatementQuery = z
  .object({ from: ZDate.optional(), to: ZDate.optional() })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { error: '开始日期不能晚于结束日期', path: ['to'] });
export type StatementQuery = z.infer<typeof ZStatementQuery>;

export type FundSummary = {
  id: string;
  code: string;
  name: string;
  year: number;
  source: FundSource;
  category: string | null;
  department: string | null;
  description: string | null;
  status: FundStatus;
  budgetFen: number;
  reservedFen: number;
  paidFen: number;
  availableFen: number;
  /** paid / budget, 0–100 with one decimal. */
  burnPercent: number;
  payoutCount: number;
  beneficiaryCount: number;
  createdAt: string;
};

export type FundsOverview = {
  items: FundSummary[];
  totals: { budgetFen: number; reservedFen: number; paidFen: number; availableFen: number; burnPercent: number };
};

export type LedgerEntryView = {
  id: number;
  seq: number;
  kind: LedgerKind;
  /** Signed change of 余额 (budget − paid). */
  amountFen: number;
  /** Signed change of 已预留. */
  reservedDeltaFen: number;
  balanceAfterFen: number;
  reservedAfterFen: number;
  availableAfterFen: number;
  refType: string | null;
  refId: string | null;
  enterpriseId: string | null;
  enterpriseName: string | null;
  voucherNumber: string | null;
  memo: string | null;
  createdBy: string | null;
  createdAt: string;
};

export type FundFigures = { balanceFen: number; reservedFen: number; availableFen: number };

export type FundStatement = {
  fund: FundSummary;
  from: string | null;
  to: string | null;
  opening: FundFigures;
  closing: FundFigures;
  totals: { inFen: number; outFen: number; reservedFen: number; releasedFen: number; count: number };
  entries: LedgerEntryView[];
};

// ---------------------------------------------------------------------------------------------
// Payouts 拨付
// ---------------------------------------------------------------------------------------------

export const ZListPayoutsQuery = z.object({
  fundId: ZId.optional(),
  policyId: ZId.optional(),
  enterpriseId: ZId.optional(),
  periodKey: z.string().trim().max(40).optional(),
  source: z.enum(PAYOUT_SOURCES, { error: '来源不正确' }).optional(),
  status: z.enum(PAYOUT_STATUSES, { error: '状态不正确' }).optional(),
  from: ZDate.optional(),
  to: ZDate.optional(),
  q: z.string().trim().max(60).optional(),
  page: ZPage,
  pageSize: ZPageSize,
});
export type ListPayoutsQuery = z.infer<typeof ZListPayoutsQuery>;

export type PayoutView = {
  id: string;
  voucherNumber: string;
  fundId: string;
  fundName: string;
  enterpriseId: string;
  enterpriseName: string;
  amountFen: number;
  policyId: string | null;
  policyTitle: string | null;
  periodKey: string;
  source: PayoutSource;
  sourceId: string;
  accountName: string;
  bankName: string;
  /** Masked except for staff who execute payouts. */
  accountNo: string;
  memo: string | null;
  status: PayoutStatus;
  paidAt: string;
  reversedAt: string | null;
  reversalReason: string | null;
};

/** `totalAmountFen` and `beneficiaryCount` (distinct firms paid) cover every payout matching the filters, not only the page. */
export type PayoutList = { items: PayoutView[]; total: number; page: number; pageSize: number; totalAmountFen: number; beneficiaryCount: number };

export const ZReversePayoutRequest = z.object({ reason: text('退回原因', 500) });
export type ReversePayoutRequest = z.infer<typeof ZReversePayoutRequest>;

const ZAccount = {
  accountName: text('收款户名', 100),
  bankName: text('开户银行', 100),
  accountNo: z
    .string({ error: '收款账号应为文字' })
    .trim()
    .transform((s) => s.replace(/\s+/g, ''))
    .pipe(z.string().regex(/^\d{8,32}$/, { error: '收款账号应为8-32位数字' })),
};

/** 其他拨付 (一事一议 etc.): a payout no other module drives. */
export const ZManualPayoutRequest = z.object({
  fundId: ZId,
  enterpriseId: ZId,
  amountFen: positiveFen('金额'),
  periodKey: z.string({ error: '兑付期间应为文字' }).trim().regex(/^\d{4}(-(0[1-9]|1[0-2]|Q[1-4]|H[12]))?$/, { error: '兑付期间格式为 2026、2026-03、2026-Q1 或 2026-H1' }),
  /** What must not be paid twice; defaults to one payout per memo-less manual record. */
  exclusionKey: z.string().trim().min(1).max(200).optional().nullable(),
  ...ZAccount,
  memo: text('摘要', 200),
});
export type ManualPayoutRequest = z.infer<typeof ZManualPayoutRequest>;

// ---------------------------------------------------------------------------------------------
// Innovation vouchers 创新券
// ---------------------------------------------------------------------------------------------

export const VOUCHER_SERVICE_TYPES = ['研发设计', '检验检测', '知识产权', '技术转移', '管理咨询', '科技查新', '数字化改造', '创业孵化'] as const;

export const PROVIDER_STATUSES = ['active', 'suspended'] as const;
export type ProviderStatus = (typeof PROVIDER_STATUSES)[number];
export const PROVIDER_STATUS_LABELS: Record<ProviderStatus, string> = { active: '在册', suspended: '已暂停' };

export const VOUCHER_STATUSES = ['active', 'used', 'expired', 'revoked'] as const;
export type VoucherStatus = (typeof VOUCHER_STATUSES)[number];
export const VOUCHER_STATUS_LABELS: Record<VoucherStatus, string> = { active: '可使用', used: '已用完', expired: '已过期', revoked: '已作废' };

export const REDEMPTION_STATUSES = ['submitted', 'rejected', 'reimbursed'] as const;
export type RedemptionStatus = (typeof REDEMPTION_STATUSES)[number];
export const REDEMPTION_STATUS_LABELS: Record<RedemptionStatus, string> = { submitted: '待审核', rejected: '已驳回', reimbursed: '已兑付' };

const ZServiceTypes = z
  .array(z.enum(VOUCHER_SERVICE_TYPES, { error: '服务类型不正确' }), { error: '服务类型应为列表' })
  .max(VOUCHER_SERVICE_TYPES.length);

export const ZCreateProviderRequest = z.object({
  name: text('名称', 100),
  uscc: ZUscc,
  serviceTypes: ZServiceTypes.min(1, { error: '至少选择一种服务类型' }),
  contactName: optionalText('联系人', 30),
  contactPhone: optionalText('联系电话', 30),
  ...ZAccount,
  note: optionalText('备注', 500),
});
export type CreateProviderRequest = z.infer<typeof ZCreateProviderRequest>;

export const ZUpdateProviderRequest = ZCreateProviderRequest.partial().extend({
  status: z.enum(PROVIDER_STATUSES, { error: '状态应为在册或已暂停' }).optional(),
});
export type UpdateProviderRequest = z.infer<typeof ZUpdateProviderRequest>;

export type ProviderView = {
  id: string;
  name: string;
  uscc: string;
  serviceTypes: string[];
  contactName: string | null;
  contactPhone: string | null;
  accountName: string;
  bankName: string;
  accountNo: string;
  status: ProviderStatus;
  note: string | null;
  redeemedFen: number;
  redemptionCount: number;
};

export const ZIssueVouchersRequest = z.object({
  fundId: ZId,
  enterpriseIds: z.array(ZId, { error: '企业应为列表' }).min(1, { error: '至少选择一家企业' }).max(200, { error: '一次最多发放200家企业' }),
  faceValueFen: positiveFen('面额').refine((v) => v <= 100_000_000, { error: '面额不能超过100万元' }),
  validUntil: ZDate,
  serviceTypes: ZServiceTypes.optional(),
  note: optionalText('备注', 500),
});
export type IssueVouchersRequest = z.infer<typeof ZIssueVouchersRequest>;

export const ZListVouchersQuery = z.object({
  enterpriseId: ZId.optional(),
  fundId: ZId.optional(),
  status: z.enum(VOUCHER_STATUSES).optional(),
  q: z.string().trim().max(60).optional(),
  page: ZPage,
  pageSize: ZPageSize,
});
export type ListVouchersQuery = z.infer<typeof ZListVouchersQuery>;

/** The fields of the multipart redemption form (the invoice file is the `file` part). */
export const ZRedeemVoucherRequest = z
  .object({
    providerId: ZId,
    serviceType: z.enum(VOUCHER_SERVICE_TYPES, { error: '服务类型不正确' }).optional().nullable(),
    invoiceNo: z
      .string({ error: '发票号码应为文字' })
      .trim()
      .regex(/^[0-9A-Za-z]{8,20}$/, { error: '发票号码应为8-20位数字或字母' }),
    invoiceAmountFen: z.coerce.number({ error: '发票金额应为数字(单位:分)' }).pipe(positiveFen('发票金额')),
    invoiceDate: ZDate,
    amountFen: z.coerce.number({ error: '抵用金额应为数字(单位:分)' }).pipe(positiveFen('抵用金额')),
    description: optionalText('服务内容', 500),
  })
  .refine((r) => r.amountFen <= r.invoiceAmountFen, { error: '抵用金额不能超过发票金额', path: ['amountFen'] });
export type RedeemVoucherRequest = z.infer<typeof ZRedeemVoucherRequest>;

export const ZReviewRedemptionRequest = z
  .object({
    action: z.enum(['reimburse', 'reject'], { error: '操作应为兑付或驳回' }),
    note: optionalText('审核意见', 500),
  })
  .refine((r) => r.action !== 'reject' || (r.note ?? '').length > 0, { error: '驳回时请填写驳回原因', path: ['note'] });
export type ReviewRedemptionRequest = z.infer<typeof ZReviewRedemptionRequest>;

export const ZListRedemptionsQuery = z.object({
  status: z.enum(REDEMPTION_STATUSES).optional(),
  providerId: ZId.optional(),
  voucherId: ZId.optional(),
  page: ZPage,
  pageSize: ZPageSize,
});
export type ListRedemptionsQuery = z.infer<typeof ZListRedemptionsQuery>;

export type RedemptionView = {
  id: string;
  voucherId: string;
  voucherNumber: string;
  enterpriseId: string;
  enterpriseName: string;
  providerId: string;
  providerName: string;
  serviceType: string | null;
  invoiceNo: string;
  invoiceAmountFen: number;
  invoiceDate: string;
  amountFen: number;
  description: string | null;
  hasFile: boolean;
  fileName: string | null;
  status: RedemptionStatus;
  reviewNote: string | null;
  reviewedAt: string | null;
  payoutId: string | null;
  payoutVoucherNumber: string | null;
  createdAt: string;
};

export type VoucherView = {
  id: string;
  number: string;
  enterpriseId: string;
  enterpriseName: string;
  fundId: string;
  fundName: string;
  faceValueFen: number;
  redeemedFen: number;
  reimbursedFen: number;
  remainingFen: number;
  releasedFen: number;
  serviceTypes: string[];
  issuedOn: string;
  validUntil: string;
  /** Days left until validUntil (Shanghai), negative when past. */
  daysLeft: number;
  status: VoucherStatus;
  note: string | null;
};

export type VoucherDetail = VoucherView & { redemptions: RedemptionView[] };

export type VoucherList = {
  items: VoucherView[];
  total: number;
  page: number;
  pageSize: number;
  totals: { faceValueFen: number; redeemedFen: number; reimbursedFen: number };
};

// ---------------------------------------------------------------------------------------------
// Investment commitments 招商承诺
// ---------------------------------------------------------------------------------------------

export const INVESTMENT_STAGES = ['signed', 'registered', 'land', 'started', 'completed', 'producing'] as const;
export type InvestmentStage = (typeof INVESTMENT_STAGES)[number];
export const INVESTMENT_STAGE_LABELS: Record<InvestmentStage, string> = {
  signed: '签约',
  registered: '注册',
  land: '拿地',
  started: '开工',
  completed: '竣工',
  producing: '投产',
};

export const COMMITMENT_KINDS = ['funding', 'rent', 'land', 'talent', 'other'] as const;
export type CommitmentKind = (typeof COMMITMENT_KINDS)[number];
export const COMMITMENT_KIND_LABELS: Record<CommitmentKind, string> = {
  funding: '资金奖励',
  rent: '租金减免',
  land: '用地',
  talent: '人才',
  other: '其他',
};
/** Kinds whose promise is money paid from a fund (an amount is required). */
export const MONETARY_COMMITMENT_KINDS: readonly CommitmentKind[] = ['funding', 'rent', 'talent'];

export const COMMITMENT_STATUSES = ['pending', 'fulfilled', 'cancelled'] as const;
export type CommitmentStatus = (typeof COMMITMENT_STATUSES)[number];
export const COMMITMENT_STATUS_LABELS: Record<CommitmentStatus, string> = { pending: '待兑现', fulfilled: '已兑现', cancelled: '已取消' };

const ZStageDates = z
  .record(
    z.enum(INVESTMENT_STAGES, { error: '项目阶段不正确' }),
    z.object({ planned: ZDate.nullable().optional(), actual: ZDate.nullable().optional() }),
  )
  .optional();

const ZInvestmentProjectFields = z.object({
  code: z.string({ error: '编号应为文字' }).trim().regex(/^[A-Za-z0-9_-]{2,32}$/, { error: '编号为2-32位字母、数字、下划线或短横线' }),
  name: text('项目名称', 100),
  investor: text('投资方', 100),
  enterpriseId: ZId.optional().nullable(),
  amountFen: ZFen,
  chain: optionalText('产业链', 30),
  signedOn: ZDate,
  stage: z.enum(INVESTMENT_STAGES, { error: '项目阶段不正确' }),
  stageDates: ZStageDates,
  contractNo: optionalText('合同编号', 60),
  note: optionalText('备注', 1000),
});
export const ZCreateInvestmentProjectRequest = ZInvestmentProjectFields.extend({
  stage: z.enum(INVESTMENT_STAGES, { error: '项目阶段不正确' }).default('signed'),
});
export type CreateInvestmentProjectRequest = z.infer<typeof ZCreateInvestmentProjectRequest>;
export const ZUpdateInvestmentProjectRequest = ZInvestmentProjectFields.omit({ code: true }).partial();
export type UpdateInvestmentProjectRequest = z.infer<typeof ZUpdateInvestmentProjectRequest>;

export const ZCommitmentItemRequest = z
  .object({
    kind: z.enum(COMMITMENT_KINDS, { error: '承诺类型不正确' }),
    title: text('承诺内容', 200),
    amountFen: positiveFen('金额').optional().nullable(),
    dueOn: ZDate,
    fundId: ZId.optional().nullable(),
    note: optionalText('备注', 500),
  })
  .refine((r) => !MONETARY_COMMITMENT_KINDS.includes(r.kind) || (r.amountFen ?? 0) > 0, {
    error: '资金类承诺须填写金额',
    path: ['amountFen'],
  });
export type CommitmentItemRequest = z.infer<typeof ZCommitmentItemRequest>;

/**
 * A fulfilment of one promised item: pay now from a fund (a payout, source 'commitment'), link
 * payouts already made (e.g. through a policy application), or record a non-monetary fulfilment.
 */
export const ZFulfilCommitmentRequest = z.discriminatedUnion('mode', [
  z.object({
    mode: z.literal('pay'),
    fundId: ZId,
    amountFen: positiveFen('金额'),
    ...ZAccount,
    memo: optionalText('摘要', 200),
  }),
  z.object({ mode: z.literal('link'), payoutId: ZId, note: optionalText('说明', 500) }),
  z.object({ mode: z.literal('note'), fulfilledOn: ZDate, note: text('兑现情况', 1000) }),
], { error: '兑现方式应为拨付、关联拨付记录或登记兑现情况' });
export type FulfilCommitmentRequest = z.infer<typeof ZFulfilCommitmentRequest>;

export const ZCancelCommitmentRequest = z.object({ reason: text('取消原因', 500) });

export const ZListInvestmentProjectsQuery = z.object({
  q: z.string().trim().max(60).optional(),
  stage: z.enum(INVESTMENT_STAGES).optional(),
  chain: z.string().trim().max(30).optional(),
  overdue: queryBool.optional(),
  page: ZPage,
  pageSize: ZPageSize,
});
export type ListInvestmentProjectsQuery = z.infer<typeof ZListInvestmentProjectsQuery>;

/** Fulfilment rate for items due in [from, to]: fulfilled on time / due (cancelled items excluded). */
export const ZFulfilmentQuery = z
  .object({ from: ZDate, to: ZDate })
  .refine((q) => q.from <= q.to, { error: '开始日期不能晚于结束日期', path: ['to'] });
export type FulfilmentQuery = z.infer<typeof ZFulfilmentQuery>;

export type FulfilmentFigures = {
  /** Items due in the period (not cancelled). */
  due: number;
  fulfilledOnTime: number;
  fulfilledLate: number;
  /** Due date passed, not fulfilled. */
  overdue: number;
  /** Due in the period but the date has not come yet. */
  notYetDue: number;
  /** fulfilledOnTime / due × 100 with one decimal; null when nothing was due. */
  ratePercent: number | null;
  dueAmountFen: number;
  fulfilledAmountFen: number;
};

export type CommitmentFulfilmentView = {
  id: string;
  payoutId: string | null;
  payoutVoucherNumber: string | null;
  payoutStatus: PayoutStatus | null;
  amountFen: number | null;
  fulfilledOn: string;
  note: string | null;
  status: 'active' | 'void';
  createdAt: string;
};

export type CommitmentItemView = {
  id: string;
  projectId: string;
  kind: CommitmentKind;
  title: string;
  amountFen: number | null;
  dueOn: string;
  fundId: string | null;
  status: CommitmentStatus;
  fulfilledFen: number;
  fulfilledOn: string | null;
  onTime: boolean | null;
  overdue: boolean;
  cancelReason: string | null;
  note: string | null;
  fulfilments: CommitmentFulfilmentView[];
};

export type InvestmentProjectSummary = {
  id: string;
  code: string;
  name: string;
  investor: string;
  enterpriseId: string | null;
  enterpriseName: string | null;
  amountFen: number;
  chain: string | null;
  signedOn: string;
  stage: InvestmentStage;
  contractNo: string | null;
  itemCount: number;
  fulfilledCount: number;
  overdueCount: number;
  promisedFen: number;
  fulfilledFen: number;
};

export type InvestmentProjectDetail = InvestmentProjectSummary & {
  stageDates: Partial<Record<InvestmentStage, { planned?: string | null; actual?: string | null }>>;
  note: string | null;
  items: CommitmentItemView[];
};

export type FulfilmentReport = {
  from: string;
  to: string;
  overall: FulfilmentFigures;
  byKind: ({ kind: CommitmentKind } & FulfilmentFigures)[];
  byProject: ({ projectId: string; code: string; name: string } & FulfilmentFigures)[];
  /** Projects with at least one item due in the period whose every due item was fulfilled. */
  projectsAllFulfilled: number;
  projectsWithDue: number;
  overdueItems: (CommitmentItemView & { projectCode: string; projectName: string })[];
};
