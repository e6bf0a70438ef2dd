import { z } from 'zod';
import type { CaseEventView } from './cases.js';
import { ZDate, ZId as ZUuid } from './common.js';
import { CONSENT_SCOPES, type ConsentScope } from './finance.js';
import { COLLATERAL_KINDS } from './finance-products.js';
import type { CreditProfile } from './finance-credit.js';

/**
 * 融资对接 (issue #13 item 2): a firm's financing need 融资需求 sent to one or more institutions,
 * each institution's answer as its own case (the offer), and the firm's data consent 数据授权.
 * Money in fen, rates in bp (1/10,000 a year), dates Asia/Shanghai.
 */

// ------------------------------------------------------------ states
export const NEED_STATUSES = ['open', 'chosen', 'disbursed', 'withdrawn', 'closed'] as const;
export type NeedStatus = (typeof NEED_STATUSES)[number];
export const NEED_STATUS_LABELS: Record<NeedStatus, string> = {
  open: '待机构答复',
  chosen: '已选定方案',
  disbursed: '已放款',
  withdrawn: '已撤回',
  closed: '已关闭',
};
export const NEED_ACTIONS = ['choose', 'withdraw'] as const;
export type NeedAction = (typeof NEED_ACTIONS)[number];
export const NEED_ACTION_LABELS: Record<NeedAction, string> = { choose: '选择方案', withdraw: '撤回需求' };

export const OFFER_STATUSES = ['pending', 'interested', 'materials_requested', 'approved', 'declined', 'disbursed', 'superseded'] as const;
export type OfferStatus = (typeof OFFER_STATUSES)[number];
export const OFFER_STATUS_LABELS: Record<OfferStatus, string> = {
  pending: '待答复',
  interested: '有意向',
  materials_requested: '待补充材料',
  approved: '已批准',
  declined: '已拒绝',
  disbursed: '已放款',
  superseded: '未选用',
};
/** The answers still waiting for the institution (its inbox by default). */
export const OPEN_OFFER_STATUSES = ['pending', 'interested', 'materials_requested'] as const satisfies readonly OfferStatus[];
export const OFFER_ACTIONS = ['interest', 'request-materials', 'approve', 'decline', 'disburse'] as const;
export type OfferAction = (typeof OFFER_ACTIONS)[number];
export const OFFER_ACTION_LABELS: Record<OfferAction, string> = {
  interest: '有意向',
  'request-materials': '要求补充材料',
  approve: '批准',
  decline: '拒绝',
  disburse: '放款',
};

// ------------------------------------------------------------ requests
const ZScopes = z
  .array(z.enum(CONSENT_SCOPES, { error: '授权范围不正确' }), { error: '授权范围应为列表' })
  .max(CONSENT_SCOPES.length, { error: '授权范围重复' });

export const ZConsentChoice = z.object({
  bankId: ZUuid,
  /** What this institution may see besides the need; [] = only the need and the firm's name. */
  scopes: ZScopes,
});
export type ConsentChoice = z.infer<typeof ZConsentChoice>;

export const ZFileNeedRequest = z.object({
  /** Required for a liaison (its assigned firm); an enterprise user files for its own firm. */
  enterpriseId: ZUuid.optional(),
  amountFen: z.number({ error: '融资金额应为数字' }).int({ error: '融资金额应为整数(分)' }).positive({ error: '融资金额应大于0' }).max(1e13, { error: '融资金额过大' }),
  termMonths: z.number({ error: '期限应为数字' }).int({ error: '期限应为整数(月)' }).min(1, { error: '期限至少1个月' }).max(360, { error: '期限最多360个月' }),
  purpose: z.string({ error: '请填写资金用途' }).trim().min(2, { error: '资金用途至少2个字' }).max(500, { error: '资金用途最多500个字' }),
  collateral: z.array(z.enum(COLLATERAL_KINDS, { error: '担保方式不正确' }), { error: '担保方式应为列表' }).max(10).default([]),
  collateralNote: z.string().trim().max(200, { error: '担保说明最多200个字' }).optional(),
  productId: ZUuid.optional(),
  sendTo: z.enum(['chosen', 'all'], { error: '请选择推送范围' }),
  /** With sendTo 'chosen': the institutions; with 'all': ignored (every active institution). */
  bankIds: z.array(ZUuid).max(100).default([]),
  /** Per-institution data consent; an institution not listed sees only the need and the firm's name. */
  consents: z.array(ZConsentChoice).max(100).default([]),
});
export type FileNeedRequest = z.input<typeof ZFileNeedRequest>;

export const ZListNeedsQuery = z.object({
  status: z.string().optional(),
  enterpriseId: ZUuid.optional(),
  q: z.string().trim().max(50).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type ListNeedsQuery = z.infer<typeof ZListNeedsQuery>;

export const ZListOffersQuery = z.object({
  /** Comma list of OfferStatus; a bank's default is its open ones. */
  status: z.string().optional(),
  overdue: z.enum(['true', 'false']).optional(),
  q: z.string().trim().max(50).optional(),
  bankId: ZUuid.optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type ListOffersQuery = z.infer<typeof ZListOffersQuery>;

export const ZNeedActionRequest = z.object({
  action: z.enum(NEED_ACTIONS, { error: '操作不正确' }),
  offerId: ZUuid.optional(),
  note: z.string().trim().max(500, { error: '说明最多500个字' }).optional(),
});
export type NeedActionRequest = z.infer<typeof ZNeedActionRequest>;

export const ZOfferActionRequest = z.object({
  action: z.enum(OFFER_ACTIONS, { error: '操作不正确' }),
  note: z.string().trim().max(500, { error: '说明最多500个字' }).optional(),
  amountFen: z.number({ error: '金额应为数字' }).int({ error: '金额应为整数(分)' }).positive({ error: '金额应大于0' }).max(1e13).optional(),
  rateBp: z.number({ error: '年利率应为数字' }).int({ error: '年利率应为整数(基点)' }).min(0, { error: '年利率不能为负' }).max(10_000, { error: '年利率过高' }).optional(),
  termMonths: z.number({ error: '期限应为数字' }).int({ error: '期限应为整数(月)' }).min(1, { error: '期限至少1个月' }).max(360).optional(),
  disbursedOn: ZDate.optional(),
});
export type OfferActionRequest = z.infer<typeof ZOfferActionRequest>;

export const ZSetConsentRequest = z.object({
  enterpriseId: ZUuid.optional(),
  bankId: ZUuid,
  scopes: ZScopes.min(1, { error: '请至少选择一项授权内容' }),
});
export type SetConsentRequest = z.infer<typeof ZSetConsentRequest>;

export const ZRevokeConsentRequest = z.object({
  reason: z.string({ error: '请填写撤销原因' }).trim().min(2, { error: '撤销原因至少2个字' }).max(200, { error: '撤销原因最多200个字' }),
});

// ------------------------------------------------------------ views
export type OfferView = {
  id: string;
  needId: string;
  needNumber: string;
  enterpriseId: string;
  enterpriseName: string;
  bankId: string;
  bankName: string;
  status: OfferStatus;
  statusLabel: string;
  sentAt: string;
  dueAt: string;
  /** Working days left (0 = due today, negative = overdue); null once answered or closed. */
  remainingWorkingDays: number | null;
  overdue: boolean;
  answeredAt: string | null;
  answeredOnTime: boolean | null;
  escalatedAt: string | null;
  materialsNote: string | null;
  approvedAmountFen: number | null;
  approvedRateBp: number | null;
  approvedTermMonths: number | null;
  approvedAt: string | null;
  declineReason: string | null;
  chosen: boolean;
  disbursedAmountFen: number | null;
  disbursedOn: string | null;
  /** The need's own terms, for the inbox. */
  needAmountFen: number;
  needTermMonths: number;
  needPurpose: string;
  allowedActions: OfferAction[];
};

export type NeedView = {
  id: string;
  number: string;
  enterpriseId: string;
  enterpriseName: string;
  amountFen: number;
  termMonths: number;
  purpose: string;
  collateral: string[];
  collateralNote: string | null;
  productId: string | null;
  productName: string | null;
  sendTo: 'chosen' | 'all';
  status: NeedStatus;
  statusLabel: string;
  chosenOfferId: string | null;
  filedAt: string;
  filedByRole: string;
  disbursedAt: string | null;
  disbursedAmountFen: number | null;
  workingDaysToDisbursement: number | null;
  offerCount: number;
  approvedCount: number;
  answeredCount: number;
  allowedActions: NeedAction[];
};

/**
 * A need's timeline (to the firm and staff: the need's events with every institution's answers woven
 * in, each answer's label led by the institution's name; to a bank: none) or an answer's timeline,
 * in the case kit's shape.
 */
export type NeedDetailView = NeedView & { offers: OfferView[]; timeline: CaseEventView<string, NeedStatus | OfferStatus>[] };

export type OfferDetailView = OfferView & {
  need: Pick<NeedView, 'id' | 'number' | 'amountFen' | 'termMonths' | 'purpose' | 'collateral' | 'collateralNote' | 'filedAt' | 'status' | 'statusLabel' | 'productName'>;
  /** The scopes of the firm's live consent to this institution. */
  consentScopes: ConsentScope[];
  timeline: CaseEventView<string, OfferStatus>[];
};

export type ConsentView = {
  id: string;
  enterpriseId: string;
  enterpriseName: string;
  bankId: string;
  bankName: string;
  scopes: ConsentScope[];
  needId: string | null;
  needNumber: string | null;
  grantedAt: string;
  grantedByName: string | null;
  revokedAt: string | null;
  revokedByName: string | null;
  revokeReason: string | null;
  live: boolean;
};

/** What an institution may see of a firm: the consented parts only. */
export type BankFirmView = {
  enterpriseId: string;
  name: string;
  consentScopes: ConsentScope[];
  /** With 'registry'. */
  registry: {
    uscc: string;
    legalRepresentative: string | null;
    registeredCapitalFen: number | null;
    foundedOn: string | null;
    industryCode: string | null;
    chain: string | null;
    aboveScale: boolean;
    headcount: number | null;
    address: string | null;
    contactName: string | null;
    contactPhone: string | null;
  } | null;
  /**
   * With 'monthly': the firm's last 12 accepted months of key figures from the industry cloud's
   * monthly reports (工业总产值, 营业收入, 税收 in fen; 用电量 kWh; 从业人员), newest first; `months`
   * is empty when the firm has no accepted report yet.
   */
  monthly: {
    indicators: { key: string; label: string; unit: string }[];
    months: { period: string; values: Record<string, number | null> }[];
  } | null;
  /** With 'credit': the credit profile (finance-credit.ts CreditProfile); null without consent or profile. */
  credit: CreditProfile | null;
  needs: Pick<NeedView, 'id' | 'number' | 'amountFen' | 'termMonths' | 'purpose' | 'filedAt' | 'status' | 'statusLabel'>[];
};

export type BankWorkbenchView = {
  bankId: string;
  bankName: string;
  pending: number;
  dueToday: number;
  overdue: number;
  disbursedThisMonth: { count: number; amountFen: number };
  /** Approved answers the firm chose, waiting for this institution's 放款. */
  toDisburse: number;
  inbox: OfferView[];
};

// ------------------------------------------------------------ statistics
export type NeedStatisticsByBank = {
  bankId: string;
  bankName: string;
  sent: number;
  answered: number;
  answeredOnTime: number;
  approvedCount: number;
  approvedAmountFen: number;
  disbursedCount: number;
  disbursedAmountFen: number;
};

/** Needs filed in a period (filing date in [from, to], Asia/Shanghai) and their answers. */
export type NeedStatistics = {
  from: string;
  to: string;
  needsFiled: number;
  needsAmountFen: number;
  offersSent: number;
  /** Answered (first answer of any kind) by the deadline. */
  answeredOnTime: number;
  /** answeredOnTime ÷ offersSent, 0..1 (0 when none sent). */
  answeredOnTimeShare: number;
  /** Answered after the deadline, or still unanswered past it. */
  overdueAnswers: number;
  approvedCount: number;
  approvedAmountFen: number;
  declinedCount: number;
  disbursedCount: number;
  disbursedAmountFen: number;
  /** Working days from filing to disbursement (filing day not counted), over the disbursed needs. */
  workingDays: { average: number | null; median: number | null; p90: number | null; withinFive: number; withinFiveShare: number };
  byBank: NeedStatisticsByBank[];
};
