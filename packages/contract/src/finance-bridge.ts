import { z } from 'zod';
import type { CaseEventView } from './cases.js';
import { ZDate, ZFen, ZId } from './common.js';
import { MONEY_ROUNDING_LABELS } from './money.js';

/**
 * 应急转贷 bridge loans (SPEC §2.6, issue #13 item 4): a firm whose bank loan falls due borrows from
 * the park's bridge pool for a few days to repay it, and repays the pool when the bank has renewed
 * the loan. The lending bank confirms its renewal commitment (续贷承诺) first; the finance officer
 * approves (and a leader at or above a dated amount); the pool disburses; the firm repays.
 *
 * Day count (documented in docs/finance/bridge.md): days used = repayment date − disbursement date
 * in calendar days — the disbursement day is counted, the repayment day is not; a repayment on the
 * disbursement day counts 1 day. The loan is due on disbursement date + max days (the last day on
 * which repaying costs no penalty); from the next day it is overdue.
 */

export const BRIDGE_LOAN_STATUSES = ['submitted', 'bank_confirmed', 'approved', 'disbursed', 'repaid', 'rejected', 'withdrawn', 'bank_declined'] as const;
export type BridgeLoanStatusValue = (typeof BRIDGE_LOAN_STATUSES)[number];
export const BRIDGE_LOAN_STATUS_LABELS: Record<BridgeLoanStatusValue, string> = {
  submitted: '待银行确认',
  bank_confirmed: '待审批',
  approved: '待放款',
  disbursed: '使用中',
  repaid: '已归还',
  rejected: '未通过',
  withdrawn: '已撤回',
  bank_declined: '银行未承诺续贷',
};
export const BRIDGE_LEDGER_KINDS = ['capital', 'withdraw', 'disburse', 'repay', 'fee', 'penalty'] as const;
export type BridgeLedgerKindValue = (typeof BRIDGE_LEDGER_KINDS)[number];
export const BRIDGE_LEDGER_KIND_LABELS: Record<BridgeLedgerKindValue, string> = {
  capital: '注资',
  withdraw: '减资',
  disburse: '放款',
  repay: '归还本金',
  fee: '转贷费',
  penalty: '逾期费',
};

// ------------------------------------------------------------------ fee arithmetic (one function)

export type BridgeFeeInput = {
  principalFen: number;
  dailyRatePpm: number;
  penaltyRatePpm: number;
  maxDays: number;
  /** YYYY-MM-DD (Asia/Shanghai) */
  disbursedOn: string;
  /** YYYY-MM-DD: the repayment day (or today, for an estimate while the loan is open) */
  repaidOn: string;
};
export type BridgeFee = { daysUsed: number; overdueDays: number; feeFen: number; penaltyFen: number; totalFen: number };

/** The rounding rule of every bridge-loan fee and penalty: 四舍五入到分. */
export const BRIDGE_FEE_ROUNDING = 'fen-half-up' as const;
export const BRIDGE_FEE_RULE = `转贷费 = 本金 × 日费率 × 使用天数;逾期费 = 本金 × 逾期日费率 × 超出最长天数的天数;使用天数 = 归还日 − 放款日(算头不算尾,当日归还按1天);${MONEY_ROUNDING_LABELS[BRIDGE_FEE_ROUNDING]}`;

/** Calendar days from `from` to `to` (YYYY-MM-DD), `to` − `from`. */
export function bridgeDaysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** `day` + n calendar days (YYYY-MM-DD). */
export function bridgeAddDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

/** The due date: disbursement day + max days (repaying on it uses exactly max days). */
export function bridgeDueOn(disbursedOn: string, maxDays: number): string {
  return bridgeAddDays(disbursedOn, maxDays);
}

/**
 * principal (fen) × rate (ppm) × days, ÷ 1,000,000, 四舍五入到分 — exactly, in BigInt. This is the
 * 'fen-half-up' rule of `roundMoney` done on the exact quotient: the product of three integers is
 * kept whole (it overflows a double from about 9 × 10^15), and the remainder decides the half
 * (roundMoney on a float would treat 0.4999990 fen as a half, since it forgives 1e-6 fen of noise).
 */
function ppmProductFen(principalFen: number, ratePpm: number, days: number): number {
  if (days <= 0 || ratePpm <= 0 || principalFen <= 0) return 0;
  const num = BigInt(principalFen) * BigInt(ratePpm) * BigInt(days);
  const whole = num / 1_000_000n;
  const rem = num % 1_000_000n;
  return Number(rem * 2n >= 1_000_000n ? whole + 1n : whole);
}

/**
 * The one computation of a bridge loan's fee and penalty (server when repaying, web when showing the
 * estimate or the final figure): integer fen.
 */
export function computeBridgeFee(input: BridgeFeeInput): BridgeFee {
  const daysUsed = Math.max(1, bridgeDaysBetween(input.disbursedOn, input.repaidOn));
  const overdueDays = Math.max(0, daysUsed - input.maxDays);
  const feeFen = ppmProductFen(input.principalFen, input.dailyRatePpm, daysUsed);
  const penaltyFen = ppmProductFen(input.principalFen, input.penaltyRatePpm, overdueDays);
  return { daysUsed, overdueDays, feeFen, penaltyFen, totalFen: feeFen + penaltyFen };
}

// ------------------------------------------------------------------ requests

const ZText = (label: string, max: number) =>
  z.string({ error: `${label}应为文字` }).trim().min(1, { error: `请填写${label}` }).max(max, { error: `${label}最多${max}个字` });

export const ZCreateBridgePoolRequest = z.object({
  code: z.string({ error: '编码应为文字' }).trim().min(1, { error: '请填写编码' }).max(30, { error: '编码最多30个字' }),
  name: ZText('资金池名称', 60),
  capitalFen: ZFen.refine((v) => v > 0, { error: '初始资金应大于0' }),
  memo: z.string().trim().max(200, { error: '说明最多200个字' }).optional(),
});
export type CreateBridgePoolRequest = z.infer<typeof ZCreateBridgePoolRequest>;

export const ZBridgePoolCapitalRequest = z.object({
  direction: z.enum(['in', 'out'], { error: '请选择注资或减资' }),
  amountFen: ZFen.refine((v) => v > 0, { error: '金额应大于0' }),
  memo: ZText('说明', 200),
});
export type BridgePoolCapitalRequest = z.infer<typeof ZBridgePoolCapitalRequest>;

export const ZBridgeStatementQuery = z
  .object({ from: ZDate, to: ZDate })
  .refine((q) => q.from <= q.to, { error: '开始日期不能晚于结束日期', path: ['from'] });

export const ZCreateBridgeLoanRequest = z.object({
  enterpriseId: ZId.optional(),
  bankId: ZId,
  maturingContractNo: ZText('到期贷款合同号', 60),
  maturingPrincipalFen: ZFen.refine((v) => v > 0, { error: '到期贷款本金应大于0' }),
  maturingDueOn: ZDate,
  amountFen: ZFen.refine((v) => v > 0, { error: '转贷金额应大于0' }),
  daysRequested: z.number({ error: '使用天数应为数字' }).int({ error: '使用天数应为整数' }).min(1, { error: '使用天数至少1天' }),
  purpose: z.string({ error: '用途应为文字' }).trim().max(500, { error: '用途最多500个字' }).optional(),
});
export type CreateBridgeLoanRequest = z.infer<typeof ZCreateBridgeLoanRequest>;

export const ZBridgeBankConfirmRequest = z.object({
  commitmentNo: ZText('续贷承诺编号', 60),
  renewalAmountFen: ZFen.refine((v) => v > 0, { error: '续贷金额应大于0' }),
  expectedRenewalOn: ZDate,
  note: z.string().trim().max(500, { error: '备注最多500个字' }).optional(),
});
export type BridgeBankConfirmRequest = z.infer<typeof ZBridgeBankConfirmRequest>;

export const ZBridgeReasonRequest = z.object({ reason: ZText('原因', 500) });
export const ZBridgeNoteRequest = z.object({ note: z.string().trim().max(500, { error: '意见最多500个字' }).optional() });

export const ZBridgeDisburseRequest = z.object({ poolId: ZId, note: z.string().trim().max(500, { error: '备注最多500个字' }).optional() });
export type BridgeDisburseRequest = z.infer<typeof ZBridgeDisburseRequest>;

export const ZBridgeRepayRequest = z.object({
  repaidOn: ZDate,
  renewalContractNo: z.string().trim().max(60, { error: '续贷合同号最多60个字' }).optional(),
  note: z.string().trim().max(500, { error: '备注最多500个字' }).optional(),
});
export type BridgeRepayRequest = z.infer<typeof ZBridgeRepayRequest>;

export const BRIDGE_LOAN_VIEWS = ['all', 'awaiting_bank', 'awaiting_approval', 'awaiting_leader', 'to_disburse', 'running', 'overdue', 'repaid', 'closed'] as const;
export type BridgeLoanView = (typeof BRIDGE_LOAN_VIEWS)[number];
export const BRIDGE_LOAN_VIEW_LABELS: Record<BridgeLoanView, string> = {
  all: '全部',
  awaiting_bank: '待银行确认',
  awaiting_approval: '待审批',
  awaiting_leader: '待领导审批',
  to_disburse: '待放款',
  running: '使用中',
  overdue: '逾期',
  repaid: '已归还',
  closed: '未通过/撤回',
};
export const ZBridgeLoanListQuery = z.object({
  view: z.enum(BRIDGE_LOAN_VIEWS, { error: '筛选条件不正确' }).default('all'),
  q: z.string().trim().max(60).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type BridgeLoanListQuery = z.infer<typeof ZBridgeLoanListQuery>;

// ------------------------------------------------------------------ views

export type BridgePoolView = {
  id: string;
  code: string;
  name: string;
  status: 'active' | 'closed';
  capitalFen: number;
  availableFen: number;
  lentFen: number;
  feeIncomeFen: number;
  ledgerSeq: number;
  createdAt: string;
};
export type BridgeLedgerEntryView = {
  seq: number;
  kind: BridgeLedgerKindValue;
  kindLabel: string;
  amountFen: number;
  availableAfterFen: number;
  lentAfterFen: number;
  feeIncomeAfterFen: number;
  loanId: string | null;
  loanNumber: string | null;
  enterpriseName: string | null;
  memo: string | null;
  createdAt: string;
  createdBy: string | null;
};
/** A pool's statement for [from, to] (Asia/Shanghai dates): the balances before, every entry, after. */
export type BridgePoolStatement = {
  pool: BridgePoolView;
  from: string;
  to: string;
  opening: { availableFen: number; lentFen: number; feeIncomeFen: number; capitalFen: number };
  closing: { availableFen: number; lentFen: number; feeIncomeFen: number; capitalFen: number };
  totals: Record<BridgeLedgerKindValue, number>;
  entries: BridgeLedgerEntryView[];
};

export type BridgeLoanSummary = {
  id: string;
  number: string;
  status: BridgeLoanStatusValue;
  statusLabel: string;
  enterpriseId: string;
  enterpriseName: string;
  bankId: string;
  bankName: string;
  maturingContractNo: string;
  maturingPrincipalFen: number;
  maturingDueOn: string;
  amountFen: number;
  daysRequested: number;
  needsLeader: boolean;
  leaderApproved: boolean;
  disbursedOn: string | null;
  dueOn: string | null;
  repaidOn: string | null;
  overdue: boolean;
  filedAt: string;
};

export type BridgeLoanTerms = { dailyRatePpm: number; maxDays: number; penaltyRatePpm: number };

export type BridgeLoanDetail = BridgeLoanSummary & {
  purpose: string | null;
  poolId: string | null;
  poolName: string | null;
  renewalCommitmentNo: string | null;
  renewalAmountFen: number | null;
  renewalExpectedOn: string | null;
  bankConfirmedAt: string | null;
  officerApprovedAt: string | null;
  leaderApprovedAt: string | null;
  disbursedAt: string | null;
  repaidAt: string | null;
  /** fixed on the disbursement day; before it, the terms a disbursement today would take */
  terms: BridgeLoanTerms;
  termsFixed: boolean;
  daysUsed: number | null;
  feeFen: number | null;
  penaltyFen: number | null;
  overdueAt: string | null;
  rejectReason: string | null;
  filedBy: string | null;
  /** what the user may do now */
  actions: BridgeLoanAction[];
  events: BridgeLoanEventView[];
  feeRule: string;
};
export const BRIDGE_LOAN_ACTIONS = ['bank_confirm', 'bank_decline', 'approve', 'leader_approve', 'reject', 'withdraw', 'disburse', 'repay'] as const;
export type BridgeLoanAction = (typeof BRIDGE_LOAN_ACTIONS)[number];
/** The loan's timeline in the case kit's shape (actions `bridge.filed`, `bridge.approved`, …). */
export type BridgeLoanEventView = CaseEventView<string, BridgeLoanStatusValue>;

/** A bank's own view of a loan awaiting or having its commitment (no other bank's data). */
export type BridgeLoanPage = { items: BridgeLoanSummary[]; total: number; page: number; pageSize: number; counts: Partial<Record<BridgeLoanView, number>> };

// ------------------------------------------------------------------ statistics

export type BridgeLoanBankRow = {
  bankId: string;
  bankName: string;
  count: number;
  amountFen: number;
  outstandingCount: number;
  outstandingFen: number;
  overdueCount: number;
  overdueFen: number;
};

/**
 * Bridge-loan figures for a period [from, to] (Asia/Shanghai dates, both included): loans disbursed
 * in the period, their fees when repaid in it, and the pool now.
 */
export type BridgeLoanStatistics = {
  from: string;
  to: string;
  /** loans disbursed in the period */
  disbursedCount: number;
  disbursedFen: number;
  /** average days used of the loans disbursed in the period and already repaid (null: none) */
  averageDaysUsed: number | null;
  repaidCount: number;
  /** fees and penalties of loans repaid in the period */
  feeFen: number;
  penaltyFen: number;
  /** now: disbursed and not repaid */
  outstandingCount: number;
  outstandingFen: number;
  overdueCount: number;
  overdueFen: number;
  /** pool capital now (all active pools) and turnover = disbursed in the period ÷ capital (次) */
  poolCapitalFen: number;
  poolAvailableFen: number;
  poolTurnover: number | null;
  /** applications filed in the period, and of those approved (reached approval) / rejected or declined */
  applicationsFiled: number;
  applicationsApproved: number;
  applicationsRejected: number;
  byBank: BridgeLoanBankRow[];
};
