// 金融服务 — 融资对接会 matchmaking events and the finance statistics (see finance.ts).
import { z } from 'zod';
import { ZDate, ZId } from './common.js';
import type { NeedStatistics } from './finance-market.js';
import type { BridgeLoanStatistics } from './finance-bridge.js';
import type { CopperStatistics } from './finance-copper.js';

export const FINANCE_EVENT_STATUSES = ['planned', 'held', 'closed', 'cancelled'] as const;
export type FinanceEventStatus = (typeof FINANCE_EVENT_STATUSES)[number];
export const FINANCE_EVENT_STATUS_LABELS: Record<FinanceEventStatus, string> = { planned: '筹备中', held: '已举办', closed: '已结束', cancelled: '已取消' };

const ZPositiveFen = z.number({ error: '金额应为数字(单位:分)' }).int({ error: '金额应为整数(单位:分)' }).min(1, { error: '金额须大于0' }).max(Number.MAX_SAFE_INTEGER, { error: '金额过大' });
const ZOptText = (label: string, max: number) => z.string().trim().max(max, `${label}不超过${max}字`).nullish();

export const ZSaveFinanceEventRequest = z
  .object({
    title: z.string({ error: '请填写对接会名称' }).trim().min(1, '请填写对接会名称').max(100, '对接会名称不超过100字'),
    theme: ZOptText('主题', 200),
    heldOn: ZDate,
    venue: ZOptText('地点', 200),
    signupDeadline: ZDate.nullish(),
    description: ZOptText('说明', 2000),
    status: z.enum(FINANCE_EVENT_STATUSES, { error: '状态不正确' }).optional(),
    bankIds: z.array(ZId, { error: '请选择参会金融机构' }).min(1, '请至少选择一家参会金融机构').max(60, '参会机构最多60家'),
  })
  .refine((v) => !v.signupDeadline || v.signupDeadline <= v.heldOn, { path: ['signupDeadline'], message: '报名截止日不能晚于举办日期' });
export type SaveFinanceEventRequest = z.infer<typeof ZSaveFinanceEventRequest>;

/** A firm signs up with one of its financing needs, or with an amount it seeks. */
export const ZFinanceEventSignupRequest = z
  .object({
    enterpriseId: ZId.optional(),
    needId: ZId.nullish(),
    amountFen: ZPositiveFen.nullish(),
    note: ZOptText('备注', 500),
  })
  .refine((v) => !!v.needId || !!v.amountFen, { path: ['amountFen'], message: '请选择一条融资需求或填写融资金额' });
export type FinanceEventSignupRequest = z.infer<typeof ZFinanceEventSignupRequest>;

export const ZFinanceEventIntentionRequest = z.object({
  enterpriseId: ZId,
  amountFen: ZPositiveFen,
  note: ZOptText('备注', 500),
});
export type FinanceEventIntentionRequest = z.infer<typeof ZFinanceEventIntentionRequest>;

export const ZFinanceEventOutcomeRequest = z.object({
  enterpriseId: ZId,
  /** The finance officer names the institution; an institution's user records for itself only. */
  bankId: ZId.optional(),
  signedAmountFen: ZPositiveFen,
  signedOn: ZDate,
  contractNo: ZOptText('合同编号', 60),
  note: ZOptText('备注', 500),
});
export type FinanceEventOutcomeRequest = z.infer<typeof ZFinanceEventOutcomeRequest>;

/** The event's figures: computed from the sign-ups, intentions and outcomes, never typed. */
export type FinanceEventFigures = {
  signups: number;
  signupAmountFen: number;
  intentions: number;
  intentionAmountFen: number;
  /** distinct firms with at least one signed outcome */
  signedFirms: number;
  /** distinct institutions with at least one signed outcome */
  signedInstitutions: number;
  outcomes: number;
  signedAmountFen: number;
  participatingInstitutions: number;
};

export type FinanceEventBankFigures = {
  bankId: string;
  bankName: string;
  intentions: number;
  intentionAmountFen: number;
  signedFirms: number;
  signedAmountFen: number;
};

export type FinanceEventSummary = {
  id: string;
  title: string;
  theme: string | null;
  heldOn: string;
  venue: string | null;
  signupDeadline: string | null;
  status: FinanceEventStatus;
  statusLabel: string;
  /** sign-up open today (planned, deadline not passed) */
  signupOpen: boolean;
  banks: { id: string; name: string }[];
  figures: FinanceEventFigures;
};

export type FinanceEventSignupView = {
  id: string;
  enterpriseId: string;
  enterpriseName: string;
  needId: string | null;
  needNumber: string | null;
  /** the need's amount when signed up with a need, else the amount given */
  amountFen: number | null;
  note: string | null;
  signedUpAt: string;
};

export type FinanceEventIntentionView = {
  id: string;
  bankId: string;
  bankName: string;
  enterpriseId: string;
  enterpriseName: string;
  amountFen: number;
  note: string | null;
  createdAt: string;
};

export type FinanceEventOutcomeView = {
  id: string;
  bankId: string;
  bankName: string;
  enterpriseId: string;
  enterpriseName: string;
  signedAmountFen: number;
  signedOn: string;
  contractNo: string | null;
  note: string | null;
  createdByName: string | null;
  createdAt: string;
};

export type FinanceEventDetail = FinanceEventSummary & {
  description: string | null;
  byInstitution: FinanceEventBankFigures[];
  signups: FinanceEventSignupView[];
  intentions: FinanceEventIntentionView[];
  outcomes: FinanceEventOutcomeView[];
};

/** A firm's phone view: upcoming events and its own sign-ups. */
export type FirmFinanceEvent = FinanceEventSummary & { mySignup: FinanceEventSignupView | null };

/** A participating institution's view of one event: sign-ups (firm + amount), its own intentions and outcomes. */
export type BankFinanceEventDetail = Omit<FinanceEventSummary, 'figures'> & {
  description: string | null;
  signups: Pick<FinanceEventSignupView, 'id' | 'enterpriseId' | 'enterpriseName' | 'amountFen' | 'signedUpAt'>[];
  intentions: FinanceEventIntentionView[];
  outcomes: FinanceEventOutcomeView[];
};

// ------------------------------------------------------------ finance statistics
export const ZFinanceStatsQuery = z
  .object({ from: ZDate, to: ZDate })
  .refine((v) => v.from <= v.to, { path: ['to'], message: '结束日期不能早于开始日期' })
  .refine((v) => Date.parse(v.to) - Date.parse(v.from) <= 3 * 366 * 86_400_000, { path: ['to'], message: '统计期间最长三年' });
export type FinanceStatsQuery = z.infer<typeof ZFinanceStatsQuery>;

export type FinanceEventStatistics = {
  /** events held (held_on) in the period, not cancelled */
  count: number;
  signups: number;
  signedFirms: number;
  signedAmountFen: number;
};

export type FinanceInstitutionStatistics = {
  total: number;
  banks: number;
  others: number;
  strategic: number;
};

/** GET /api/finance/stats: every finance figure of a period, each from its own sub-domain. */
export type FinanceStatistics = {
  from: string;
  to: string;
  needs: NeedStatistics;
  bridge: BridgeLoanStatistics;
  copper: CopperStatistics;
  events: FinanceEventStatistics;
  institutions: FinanceInstitutionStatistics;
};

