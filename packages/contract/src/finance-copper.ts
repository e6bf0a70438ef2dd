import { z } from 'zod';
import type { CaseEventView } from './cases.js';
import { ZDate } from './common.js';

/**
 * 存铜融 copper-stock finance (SPEC §2.6, issue #13 item 5): a firm's warehouse receipts 仓单 of
 * copper in a bonded warehouse, the daily copper price table (元/吨, stored fen per ton), pledges
 * 质押 of a receipt to an institution with a loan limit = tonnage × price × loan-to-value, and
 * margin calls 追加保证金通知 when the price falls so that the loan exceeds the limit.
 *
 * Units: weight in kg (a receipt's 25.123 吨 = 25,123 kg), price in fen per ton, money in fen,
 * loan-to-value in bp (8000 = 80 %).
 */

// ------------------------------------------------------------------ the limit formula

/**
 * 贷款额度 = 吨数 × 铜价 × 质押率, in whole fen.
 * weight_kg / 1000 × price_fen_per_ton × ltv_bp / 10,000 = weight_kg × price × ltv_bp / 10,000,000.
 * Computed in integer arithmetic (BigInt, no floating point) and **rounded down to the fen
 * (舍去不足1分的部分)**: the limit never exceeds the exact product, which is the conservative side
 * for the lender. The same rule serves the pledge's limit on its priced day and today's limit of
 * the margin sweep.
 */
export function copperLimitFen(weightKg: number, priceFenPerTon: number, ltvBp: number): number {
  if (!Number.isSafeInteger(weightKg) || !Number.isSafeInteger(priceFenPerTon) || !Number.isSafeInteger(ltvBp)) {
    throw new Error('copperLimitFen: integer kg, fen per ton and bp expected');
  }
  if (weightKg < 0 || priceFenPerTon < 0 || ltvBp < 0) throw new Error('copperLimitFen: negative input');
  const limit = (BigInt(weightKg) * BigInt(priceFenPerTon) * BigInt(ltvBp)) / 10_000_000n;
  return Number(limit);
}

/**
 * The shortfall of a pledge at a limit: what the firm owes beyond the limit once its margin
 * deposited is counted (outstanding − margin − limit), 0 when covered.
 */
export function copperShortfallFen(outstandingFen: number, marginFen: number, limitFen: number): number {
  return Math.max(0, outstandingFen - marginFen - limitFen);
}

/** "25.5" / "25.123" 吨 → kg (integer); null when not a positive amount with at most 3 decimals. */
export function parseTonsToKg(input: string | number): number | null {
  const text = String(input).trim().replace(/[,，\s]/g, '').replace(/吨$/, '');
  const m = /^(\d+)(?:\.(\d{0,3}))?$/.exec(text);
  if (!m) return null;
  const kg = Number(m[1]) * 1000 + Number((m[2] ?? '').padEnd(3, '0') || '0');
  return Number.isSafeInteger(kg) && kg > 0 ? kg : null;
}

/** Price per ton in fen → "68,520.00元/吨". */
export function formatPricePerTon(fenPerTon: number): string {
  const yuan = fenPerTon / 100;
  return `${yuan.toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}元/吨`;
}

// ------------------------------------------------------------------ states and labels

export const RECEIPT_STATUSES = ['held', 'pledged', 'released'] as const;
export type ReceiptStatus = (typeof RECEIPT_STATUSES)[number];
export const RECEIPT_STATUS_LABELS: Record<ReceiptStatus, string> = { held: '持有', pledged: '已质押', released: '已解押' };

export const PLEDGE_STATUSES = ['active', 'margin_call', 'released'] as const;
export type PledgeStatus = (typeof PLEDGE_STATUSES)[number];
export const PLEDGE_STATUS_LABELS: Record<PledgeStatus, string> = { active: '质押中', margin_call: '待补仓', released: '已解除' };

export const PLEDGE_ACTIONS = ['pledge', 'margin_call', 'top_up', 'repay', 'price_recovered', 'release'] as const;
export type PledgeAction = (typeof PLEDGE_ACTIONS)[number];
export const PLEDGE_ACTION_LABELS: Record<PledgeAction, string> = {
  pledge: '办理质押',
  margin_call: '发出补仓通知',
  top_up: '追加保证金',
  repay: '还款',
  price_recovered: '铜价回升,补仓解除',
  release: '解除质押',
};

export const MARGIN_CALL_STATUSES = ['open', 'resolved'] as const;
export type MarginCallStatus = (typeof MARGIN_CALL_STATUSES)[number];
export const MARGIN_CALL_STATUS_LABELS: Record<MarginCallStatus, string> = { open: '待补仓', resolved: '已解除' };
export const MARGIN_CALL_RESOLUTIONS = ['top_up', 'repayment', 'price_recovered'] as const;
export type MarginCallResolution = (typeof MARGIN_CALL_RESOLUTIONS)[number];
export const MARGIN_CALL_RESOLUTION_LABELS: Record<MarginCallResolution, string> = {
  top_up: '追加保证金',
  repayment: '部分还款',
  price_recovered: '铜价回升',
};

export const COPPER_GRADES = ['阴极铜 Cu-CATH-1', '阴极铜 Cu-CATH-2', 'A级铜', '1#电解铜', '铜杆', '其他'] as const;

// ------------------------------------------------------------------ requests

const ZTons = z
  .union([z.string(), z.number()], { error: '吨数应为数字' })
  .transform((v, ctx) => {
    const kg = parseTonsToKg(v);
    if (kg === null) {
      ctx.addIssue({ code: 'custom', message: '吨数应为大于0的数字,最多3位小数' });
      return z.NEVER;
    }
    return kg;
  });

const ZFen = (label: string) =>
  z.number({ error: `${label}应为金额(分)` }).int({ error: `${label}应为整数分` }).positive({ error: `${label}应大于0` }).max(1e15, { error: `${label}过大` });

export const ZCreateReceiptRequest = z.object({
  enterpriseId: z.uuid({ error: '请选择企业' }).optional(),
  warehouse: z.string({ error: '请填写仓库' }).trim().min(1, { error: '请填写仓库' }).max(80, { error: '仓库名称最多80个字' }),
  receiptNo: z.string({ error: '请填写仓单号' }).trim().min(1, { error: '请填写仓单号' }).max(60, { error: '仓单号最多60个字' }),
  /** 吨, up to 3 decimals; stored as kg */
  tons: ZTons,
  grade: z.string({ error: '请填写品级' }).trim().min(1, { error: '请填写品级' }).max(40, { error: '品级最多40个字' }),
  storedOn: ZDate.optional(),
});
export type CreateReceiptRequest = z.input<typeof ZCreateReceiptRequest>;

export const ZSetCopperPriceRequest = z.object({
  priceOn: ZDate,
  priceFenPerTon: ZFen('铜价').refine((v) => v <= 100_000_000, { message: '铜价应小于100万元/吨' }),
});
export type SetCopperPriceRequest = z.infer<typeof ZSetCopperPriceRequest>;

export const ZCreatePledgeRequest = z.object({
  /** the receipt by id (staff pick it from the list) or by warehouse + number (an institution types what the firm gave it) */
  receiptId: z.uuid({ error: '请选择仓单' }).optional(),
  warehouse: z.string().trim().max(80, { error: '仓库名称最多80个字' }).optional(),
  receiptNo: z.string().trim().max(60, { error: '仓单号最多60个字' }).optional(),
  bankId: z.uuid({ error: '请选择金融机构' }).optional(),
  /** 定价日: the day the copper was bought */
  pricedOn: ZDate,
  /** defaults to the price table's price on pricedOn */
  priceFenPerTon: ZFen('定价').optional(),
  loanFen: ZFen('贷款金额'),
  pledgedOn: ZDate.optional(),
  note: z.string().trim().max(200, { error: '说明最多200个字' }).optional(),
});
export type CreatePledgeRequest = z.infer<typeof ZCreatePledgeRequest>;

export const ZPledgeAmountRequest = z.object({
  amountFen: ZFen('金额'),
  note: z.string().trim().max(200, { error: '说明最多200个字' }).optional(),
  /** the status the caller saw (a stale caller gets 409) */
  expectedStatus: z.enum(PLEDGE_STATUSES).optional(),
});
export type PledgeAmountRequest = z.infer<typeof ZPledgeAmountRequest>;

export const ZCopperListQuery = z.object({
  status: z.string().optional(),
  enterpriseId: z.uuid().optional(),
  overdue: z.enum(['true', 'false']).optional(),
});

export const ZCopperPriceQuery = z.object({ from: ZDate.optional(), to: ZDate.optional() });

// ------------------------------------------------------------------ views

export type ReceiptView = {
  id: string;
  enterpriseId: string;
  enterpriseName: string;
  warehouse: string;
  receiptNo: string;
  weightKg: number;
  grade: string;
  storedOn: string | null;
  status: ReceiptStatus;
  statusLabel: string;
  /** the live pledge (not released), if any */
  pledgeId: string | null;
  pledgeNumber: string | null;
  bankName: string | null;
  createdAt: string;
};

export type CopperPriceView = { priceOn: string; priceFenPerTon: number; source: 'manual' | 'import' | 'seed'; createdAt: string };

export type CopperPriceList = {
  items: CopperPriceView[];
  latest: CopperPriceView | null;
};

export type CopperImportRowError = { row: number; column: string; message: string };
/** What an import did (the shape the web's ExcelImport shows): new dates, replaced dates, same prices, refused rows. */
export type CopperImportReport = {
  total: number;
  imported: number;
  updated: number;
  unchanged: number;
  /** dates that already had a price: the import replaced it */
  updatedDates: string[];
  rejected: CopperImportRowError[];
};

export type MarginCallView = {
  id: string;
  pledgeId: string;
  pledgeNumber: string;
  receiptId: string;
  receiptNo: string;
  warehouse: string;
  enterpriseId: string;
  enterpriseName: string;
  bankId: string;
  bankName: string;
  callOn: string;
  priceFenPerTon: number;
  limitFen: number;
  outstandingFen: number;
  shortfallFen: number;
  status: MarginCallStatus;
  statusLabel: string;
  dueAt: string | null;
  /** working days left (0 = due today, negative = overdue); null when unknown */
  remainingWorkingDays: number | null;
  overdue: boolean;
  resolution: MarginCallResolution | null;
  resolutionLabel: string | null;
  resolvedAmountFen: number | null;
  resolvedAt: string | null;
  resolvedByName: string | null;
  createdAt: string;
};

/** The pledge timeline in the case kit's shape; `overdue` is the sweep's flag on an unanswered margin call. */
export type PledgeEventView = CaseEventView<PledgeAction | 'overdue', PledgeStatus>;

export type PledgeView = {
  id: string;
  number: string;
  receiptId: string;
  receiptNo: string;
  warehouse: string;
  grade: string;
  weightKg: number;
  enterpriseId: string;
  enterpriseName: string;
  bankId: string;
  bankName: string;
  pricedOn: string;
  priceFenPerTon: number;
  ltvBp: number;
  /** limit on the priced day (tonnage × fixed price × LTV) */
  pricedLimitFen: number;
  loanFen: number;
  outstandingFen: number;
  marginFen: number;
  status: PledgeStatus;
  statusLabel: string;
  pledgedOn: string;
  releasedOn: string | null;
  /** today's limit at the latest price on or before today */
  currentPriceOn: string | null;
  currentPriceFenPerTon: number | null;
  currentLimitFen: number | null;
  /** outstanding − margin − current limit, 0 when covered */
  currentShortfallFen: number;
  openMarginCall: MarginCallView | null;
  actions: ('top_up' | 'repay' | 'release')[];
  createdAt: string;
};

export type PledgeDetail = PledgeView & { events: PledgeEventView[]; marginCalls: MarginCallView[] };

/** A quote for the pledge form: the table's price on a day and the LTV in force then. */
export type PledgeQuote = { pricedOn: string; priceFenPerTon: number | null; ltvBp: number; weightKg: number | null; limitFen: number | null };

export type MarginSweepResult = { checked: number; created: number; recovered: number; day: string; priceOn: string | null; priceFenPerTon: number | null };

// ------------------------------------------------------------------ statistics

/** 存铜融 figures of a park over a period (composed into GET /api/finance/stats). */
export type CopperStatistics = {
  /** pledges not released now, their tonnage, loans outstanding and the limit at today's price */
  activePledges: { count: number; weightKg: number; outstandingFen: number; marginFen: number; currentLimitFen: number | null; inMarginCall: number };
  /** pledges registered (pledged_on) in the period */
  pledgedInPeriod: { count: number; loanFen: number; weightKg: number };
  /** margin calls issued (call_on) in the period, and how many of them are resolved / still open */
  marginCallsInPeriod: { count: number; shortfallFen: number; resolved: number; open: number; overdueOpen: number };
  /** the latest price on or before today */
  latestPrice: { priceOn: string; priceFenPerTon: number } | null;
  /** latest price on or before `from` (else the first in the period) against the latest on or before `to` */
  priceChange: { fromOn: string; fromPriceFenPerTon: number; toOn: string; toPriceFenPerTon: number; percent: number } | null;
};
