/**
 * 要素保障 — 厂房 premises: buildings, units, leases, monthly bills, rent relief measures, payments and
 * arrears, occupancy, the dated parameters' page. Shared names (building kinds, LAND_PARAMETERS) in
 * land.ts.
 *
 * One rounding rule for every amount of a rent bill (documented in docs/land/PREMISES.md): integer
 * fen, and every division rounds once, half up, to whole fen (`rentRoundDiv`). Areas are kept as
 * hundredths of a ㎡ (numeric(12,2)) so the arithmetic is exact integers until that one division.
 */
import { z } from 'zod';
import { FIELD_LABELS, ZDate, ZFen, ZId, ZPage, ZPageSize } from './common.js';
import { BUILDING_KINDS, LAND_PARAMETER_KEYS, type BuildingKind, type LandParameterKey } from './land.js';

const PREMISES_FIELD_LABELS: Record<string, string> = {
  floors: '楼层数',
  floor: '楼层',
  areaM2: '面积',
  layout: '户型',
  completedOn: '竣工日期',
  parcelId: '所在地块',
  buildingId: '楼宇',
  unitId: '房源',
  endsOn: '结束日期',
  rentFenPerM2Month: '租金单价',
  depositFen: '押金',
  terminatedOn: '终止日期',
  periodFrom: '减免期起',
  periodTo: '减免期止',
  basis: '依据',
  paidOn: '缴费日期',
  reference: '凭证号',
  enterpriseIds: '企业',
  buildingKinds: '楼宇类型',
  chains: '产业链',
  aboveScale: '规模',
  leaseStartedBefore: '租约开始早于',
  months: '免租月数',
  percent: '减免比例',
  fenPerM2: '每平方米减免金额',
  eligibility: '适用范围',
  validFromDate: '生效日期',
};
for (const [key, label] of Object.entries(PREMISES_FIELD_LABELS)) if (!(key in FIELD_LABELS)) FIELD_LABELS[key] = label;

// ------------------------------------------------------------------ labels

export const PREMISES_UNIT_STATUSES = ['available', 'maintenance', 'disabled'] as const;
export type PremisesUnitStatus = (typeof PREMISES_UNIT_STATUSES)[number];
export const PREMISES_UNIT_STATUS_LABELS: Record<PremisesUnitStatus, string> = { available: '可租', maintenance: '维修中', disabled: '停用' };

/** A unit's state on a date: let (a lease or an apartment occupancy covers the day), vacant, maintenance, disabled. */
export const UNIT_DAY_STATES = ['let', 'vacant', 'maintenance', 'disabled'] as const;
export type UnitDayState = (typeof UNIT_DAY_STATES)[number];
export const UNIT_DAY_STATE_LABELS: Record<UnitDayState, string> = { let: '已租', vacant: '空置', maintenance: '维修', disabled: '停用' };
export const UNIT_DAY_STATE_COLORS: Record<UnitDayState, string> = { let: '#52c41a', vacant: '#d9d9d9', maintenance: '#faad14', disabled: '#8c8c8c' };

export const LEASE_STATUSES = ['active', 'terminated', 'cancelled'] as const;
export type LeaseStatus = (typeof LEASE_STATUSES)[number];
export const LEASE_STATUS_LABELS: Record<LeaseStatus, string> = { active: '履行中', terminated: '已提前终止', cancelled: '已作废' };

export const BILL_STATUSES = ['open', 'partial', 'paid', 'void'] as const;
export type BillStatus = (typeof BILL_STATUSES)[number];
export const BILL_STATUS_LABELS: Record<BillStatus, string> = { open: '待缴', partial: '部分缴纳', paid: '已缴清', void: '已作废' };

export const PREMISES_PAYMENT_METHODS = ['transfer', 'cash', 'offset', 'other'] as const;
export type PremisesPaymentMethod = (typeof PREMISES_PAYMENT_METHODS)[number];
export const PREMISES_PAYMENT_METHOD_LABELS: Record<PremisesPaymentMethod, string> = { transfer: '银行转账', cash: '现金', offset: '抵扣', other: '其他' };

export const RELIEF_STATUSES = ['draft', 'active', 'closed'] as const;
export type ReliefStatus = (typeof RELIEF_STATUSES)[number];
export const RELIEF_STATUS_LABELS: Record<ReliefStatus, string> = { draft: '草稿', active: '执行中', closed: '已结束' };

export const LAND_PARAMETER_UNIT_LABELS = { fen_per_m2_month: '元/㎡/月', months: '个月', day: '日', years: '年' } as const;

// ------------------------------------------------------------------ arithmetic (one rounding rule)

/** a / b rounded half up to a whole number (a ≥ 0, b > 0): the one rounding of every rent amount. */
export function rentRoundDiv(a: number, b: number): number {
  return Math.floor((2 * a + b) / (2 * b));
}

/** ㎡ with two decimals → whole hundredths of a ㎡ (exact: 1234.56 → 123456). */
export function rentAreaHundredths(areaM2: number): number {
  return Math.round(areaM2 * 100);
}

/** Monthly rent = area × rate, rounded once: area in ㎡ (2 decimals), rate in fen per ㎡ per month. */
export function rentMonthlyFen(areaM2: number, rateFenPerM2Month: number): number {
  return rentRoundDiv(rentAreaHundredths(areaM2) * rateFenPerM2Month, 100);
}

/** Days in the month of `period` (YYYY-MM-01). */
export function rentDaysInMonth(period: string): number {
  const y = Number(period.slice(0, 4));
  const m = Number(period.slice(5, 7));
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** The last day of the month of `period`. */
export function rentMonthEnd(period: string): string {
  return `${period.slice(0, 7)}-${String(rentDaysInMonth(period)).padStart(2, '0')}`;
}

/** 'YYYY-MM-DD' → 'YYYY-MM-01'. */
export function rentMonthOf(day: string): string {
  return `${day.slice(0, 7)}-01`;
}

/** 'YYYY-MM-01' plus n months. */
export function rentAddMonths(period: string, n: number): string {
  const y = Number(period.slice(0, 4));
  const m = Number(period.slice(5, 7)) - 1 + n;
  const d = new Date(Date.UTC(y, m, 1));
  return d.toISOString().slice(0, 10);
}

/** Days of the month of `period` inside [from, to] (inclusive), 0 when none. */
export function rentDaysLet(period: string, from: string, to: string): number {
  const start = from > period ? from : period;
  const end = to < rentMonthEnd(period) ? to : rentMonthEnd(period);
  if (end < start) return 0;
  return Math.round((Date.parse(`${end}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / 86_400_000) + 1;
}

/** A month's gross rent: the whole monthly rent for a full month, else pro rata by days, rounded once. */
export function rentBillGross(monthlyRent: number, days: number, period: string): number {
  const dim = rentDaysInMonth(period);
  return days >= dim ? monthlyRent : rentRoundDiv(monthlyRent * days, dim);
}

/** "2026年3月" */
export function rentPeriodText(period: string): string {
  return `${Number(period.slice(0, 4))}年${Number(period.slice(5, 7))}月`;
}

// ------------------------------------------------------------------ rent relief 房租减免

/** Who a measure applies to: every filter given must hold (an empty filter = everyone). */
export const ZReliefEligibility = z.object({
  /** building kinds of the leased unit */
  buildingKinds: z.array(z.enum(BUILDING_KINDS)).max(3).optional(),
  /** the firm's chain (enterprise registry) is one of these */
  chains: z.array(z.string().trim().min(1).max(40)).max(30).optional(),
  /** the firm carries at least one of these tags */
  tags: z.array(z.string().trim().min(1).max(40)).max(30).optional(),
  /** true = 规上 only, false = 规下 (小微) only */
  aboveScale: z.boolean().optional(),
  /** the lease started before this day */
  leaseStartedBefore: ZDate.optional(),
});
export type ReliefEligibility = z.infer<typeof ZReliefEligibility>;

/**
 * The rule of a measure, as data:
 * - free_months: the first `months` months of the period are rent-free (the bill's whole gross);
 * - percent: every month of the period, `percent` % of the gross, rounded once;
 * - fixed_per_m2: every month of the period, `fenPerM2` fen per ㎡ let (pro rata by days), at most the gross.
 */
export const ZReliefRule = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('free_months'), months: z.number().int().min(1, { error: '免租月数至少为1' }).max(36), eligibility: ZReliefEligibility.default({}) }),
  z.object({ kind: z.literal('percent'), percent: z.number().int().min(1, { error: '减免比例至少为1%' }).max(100, { error: '减免比例最大为100%' }), eligibility: ZReliefEligibility.default({}) }),
  z.object({ kind: z.literal('fixed_per_m2'), fenPerM2: z.number().int().min(1).max(1_000_000), eligibility: ZReliefEligibility.default({}) }),
], { error: '减免规则应为免租月数、比例减免或按面积定额减免之一' });
export type ReliefRule = z.infer<typeof ZReliefRule>;

/** What a bill needs to be matched against a measure. */
export type ReliefSubject = {
  period: string;
  days: number;
  grossFen: number;
  areaM2: number;
  buildingKind: BuildingKind;
  leaseStartsOn: string;
  firm: { chain: string | null; tags: string[]; isAboveScale: boolean };
};
export type ReliefMeasureLike = { periodFrom: string; periodTo: string; rule: ReliefRule; name: string };

export function reliefEligible(rule: ReliefRule, s: ReliefSubject): boolean {
  const e = rule.eligibility ?? {};
  if (e.buildingKinds?.length && !e.buildingKinds.includes(s.buildingKind)) return false;
  if (e.chains?.length && !(s.firm.chain && e.chains.includes(s.firm.chain))) return false;
  if (e.tags?.length && !e.tags.some((t) => s.firm.tags.includes(t))) return false;
  if (e.aboveScale !== undefined && e.aboveScale !== s.firm.isAboveScale) return false;
  if (e.leaseStartedBefore && !(s.leaseStartsOn < e.leaseStartedBefore)) return false;
  return true;
}

/**
 * The relief a measure grants on one bill (fen, ≤ `remainingFen`: the gross less the reliefs of
 * measures applied before it) with its explanation, or null when it grants none.
 */
export function reliefOfBill(measure: ReliefMeasureLike, s: ReliefSubject, remainingFen: number): { amountFen: number; explanation: string } | null {
  const from = rentMonthOf(measure.periodFrom);
  if (s.period < from || s.period > rentMonthOf(measure.periodTo)) return null;
  if (!reliefEligible(measure.rule, s)) return null;
  const rule = measure.rule;
  let amount = 0;
  let explanation = '';
  const month = rentPeriodText(s.period);
  switch (rule.kind) {
    case 'free_months': {
      const last = rentAddMonths(from, rule.months - 1);
      if (s.period > last) return null;
      amount = s.grossFen;
      explanation = `${measure.name}:${rentPeriodText(from)}起免租${rule.months}个月,${month}租金全免`;
      break;
    }
    case 'percent':
      amount = rentRoundDiv(s.grossFen * rule.percent, 100);
      explanation = `${measure.name}:${month}租金减免${rule.percent}%(${(s.grossFen / 100).toFixed(2)}元 × ${rule.percent}%,四舍五入到分)`;
      break;
    case 'fixed_per_m2': {
      const full = rentAreaHundredths(s.areaM2) * rule.fenPerM2;
      amount = rentRoundDiv(full * s.days, 100 * rentDaysInMonth(s.period));
      explanation = `${measure.name}:每平方米减免${(rule.fenPerM2 / 100).toFixed(2)}元 × ${s.areaM2.toFixed(2)}㎡${s.days < rentDaysInMonth(s.period) ? ` × ${s.days}/${rentDaysInMonth(s.period)}天` : ''}`;
      break;
    }
  }
  amount = Math.min(amount, remainingFen);
  if (amount <= 0) return null;
  return { amountFen: amount, explanation };
}

/** Plain words for a rule: "前3个月免租 · 标准厂房 · 规下企业". */
export function reliefRuleText(rule: ReliefRule, labels: { chains?: Map<string, string>; tags?: Map<string, string> } = {}): string {
  const parts: string[] = [];
  if (rule.kind === 'free_months') parts.push(`减免期前${rule.months}个月免租`);
  if (rule.kind === 'percent') parts.push(`租金减免${rule.percent}%`);
  if (rule.kind === 'fixed_per_m2') parts.push(`每平方米每月减免${(rule.fenPerM2 / 100).toFixed(2)}元`);
  const e = rule.eligibility ?? {};
  const kindLabels: Record<BuildingKind, string> = { custom_factory: '定制厂房', standard_factory: '标准厂房', apartment: '人才公寓' };
  if (e.buildingKinds?.length) parts.push(e.buildingKinds.map((k) => kindLabels[k]).join('、'));
  if (e.chains?.length) parts.push(`产业链:${e.chains.map((c) => labels.chains?.get(c) ?? c).join('、')}`);
  if (e.tags?.length) parts.push(`标签:${e.tags.map((c) => labels.tags?.get(c) ?? c).join('、')}`);
  if (e.aboveScale !== undefined) parts.push(e.aboveScale ? '规上企业' : '规下企业');
  if (e.leaseStartedBefore) parts.push(`${e.leaseStartedBefore}前起租`);
  return parts.join(' · ');
}

// ------------------------------------------------------------------ requests

const name = z.string({ error: '请填写名称' }).trim().min(1, { error: '请填写名称' }).max(60, { error: '名称最多60个字' });
const code = z.string({ error: '请填写编码' }).trim().min(1, { error: '请填写编码' }).max(30, { error: '编码最多30个字' }).regex(/^[A-Za-z0-9\-_#]+$/, { error: '编码只能包含字母、数字、-、_、#' });
const optText = (max: number) => z.string().trim().max(max, { error: `最多${max}个字` }).nullish().transform((v) => (v ? v : null));
const area = z.number({ error: '面积应为数字(㎡)' }).positive({ error: '面积应大于0' }).max(1_000_000, { error: '面积过大' }).refine((v) => Math.abs(v * 100 - Math.round(v * 100)) < 1e-6, { error: '面积最多两位小数' });

export const ZLandParameterVersionRequest = z.object({
  key: z.enum(LAND_PARAMETER_KEYS as [LandParameterKey, ...LandParameterKey[]], { error: '参数不存在' }),
  validFrom: ZDate,
  value: z.number({ error: '数值应为数字' }).int({ error: '数值应为整数(租金以分计)' }).min(0, { error: '数值不能为负数' }).max(100_000_000, { error: '数值过大' }),
  note: optText(200),
});
export type LandParameterVersionRequest = z.infer<typeof ZLandParameterVersionRequest>;
export type LandParameterView = {
  key: LandParameterKey;
  label: string;
  unit: keyof typeof LAND_PARAMETER_UNIT_LABELS;
  unitLabel: string;
  defaultValue: number;
  /** value on the asked day (default today) */
  current: number;
  versions: { id: string; validFrom: string; value: number; note: string | null; createdAt: string; createdBy: string | null }[];
};

export const ZPremisesBuildingRequest = z.object({
  code,
  name,
  kind: z.enum(BUILDING_KINDS, { error: '请选择楼宇类型' }),
  address: optText(120),
  floors: z.number({ error: '楼层数应为数字' }).int().min(1, { error: '楼层数至少为1' }).max(200, { error: '楼层数最多200' }),
  parcelId: ZId.nullish(),
  completedOn: ZDate.nullish(),
  note: optText(500),
});
export type PremisesBuildingRequest = z.infer<typeof ZPremisesBuildingRequest>;
export const ZPremisesBuildingUpdateRequest = ZPremisesBuildingRequest.partial();

export const ZPremisesUnitRequest = z.object({
  code,
  floor: z.number({ error: '楼层应为数字' }).int().min(-5, { error: '楼层最小为-5' }).max(200, { error: '楼层最大为200' }),
  areaM2: area,
  layout: optText(30),
  status: z.enum(PREMISES_UNIT_STATUSES, { error: '状态不正确' }).default('available'),
  note: optText(200),
});
export type PremisesUnitRequest = z.infer<typeof ZPremisesUnitRequest>;
export const ZPremisesUnitUpdateRequest = ZPremisesUnitRequest.partial();

export const ZPremisesOccupancyQuery = z.object({
  date: ZDate.optional(),
  kind: z.enum(BUILDING_KINDS).optional(),
  q: z.string().trim().max(60).optional(),
});
export type PremisesOccupancyQuery = z.infer<typeof ZPremisesOccupancyQuery>;
export const ZPremisesDateQuery = z.object({ date: ZDate.optional() });

export const ZLeaseRequest = z.object({
  enterpriseId: ZId,
  unitId: ZId,
  startsOn: ZDate,
  endsOn: ZDate,
  /** a negotiated rate; empty = the dated parameter of the start day for the building's kind */
  rentFenPerM2Month: ZFen.max(10_000_000, { error: '租金单价过大' }).nullish(),
  /** empty = deposit_months × monthly rent */
  depositFen: ZFen.nullish(),
  note: optText(500),
}).refine((v) => v.endsOn >= v.startsOn, { error: '结束日期不能早于开始日期', path: ['endsOn'] });
export type LeaseRequest = z.infer<typeof ZLeaseRequest>;
export const ZLeaseQuoteQuery = z.object({ unitId: ZId, startsOn: ZDate, rentFenPerM2Month: z.coerce.number().int().min(0).max(10_000_000).optional() });
export type LeaseQuoteView = { unitId: string; areaM2: number; buildingKind: BuildingKind; parameterRateFen: number; rateFen: number; monthlyRentFen: number; depositMonths: number; depositFen: number };
export const ZTerminateLeaseRequest = z.object({ terminatedOn: ZDate, reason: z.string({ error: '请填写终止原因' }).trim().min(1, { error: '请填写终止原因' }).max(500) });
export const ZCancelLeaseRequest = z.object({ reason: z.string({ error: '请填写作废原因' }).trim().min(1, { error: '请填写作废原因' }).max(500) });

export const ZLeaseListQuery = z.object({
  page: ZPage,
  pageSize: ZPageSize,
  q: z.string().trim().max(60).optional(),
  status: z.enum(LEASE_STATUSES).optional(),
  enterpriseId: ZId.optional(),
  buildingId: ZId.optional(),
  unitId: ZId.optional(),
  /** leases covering this day */
  on: ZDate.optional(),
});
export type LeaseListQuery = z.infer<typeof ZLeaseListQuery>;

const ZPeriod = z.string({ error: '月份格式应为 YYYY-MM' }).regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: '月份格式应为 YYYY-MM' });
export const ZGenerateBillsRequest = z.object({ month: ZPeriod });
export const ZBillListQuery = z.object({
  page: ZPage,
  pageSize: ZPageSize,
  month: ZPeriod.optional(),
  status: z.enum(BILL_STATUSES).optional(),
  enterpriseId: ZId.optional(),
  leaseId: ZId.optional(),
  q: z.string().trim().max(60).optional(),
});
export type BillListQuery = z.infer<typeof ZBillListQuery>;

export const ZPremisesPaymentRequest = z.object({
  amountFen: ZFen.min(1, { error: '金额应大于0' }),
  paidOn: ZDate,
  method: z.enum(PREMISES_PAYMENT_METHODS, { error: '请选择缴费方式' }),
  reference: optText(60),
  note: optText(200),
});
export type PremisesPaymentRequest = z.infer<typeof ZPremisesPaymentRequest>;
export const ZPremisesVoidPaymentRequest = z.object({ reason: z.string({ error: '请填写作废原因' }).trim().min(1, { error: '请填写作废原因' }).max(200) });

export const ZReliefMeasureRequest = z.object({
  code,
  name,
  periodFrom: ZDate.refine((d) => d.endsWith('-01'), { error: '减免期应从某月1日开始' }),
  periodTo: ZDate,
  rule: ZReliefRule,
  basis: optText(200),
  note: optText(500),
}).refine((v) => v.periodTo >= v.periodFrom, { error: '减免期止不能早于减免期起', path: ['periodTo'] });
export type ReliefMeasureRequest = z.infer<typeof ZReliefMeasureRequest>;

export const ZArrearsQuery = z.object({ page: ZPage, pageSize: ZPageSize, q: z.string().trim().max(60).optional(), asOf: ZDate.optional() });
export type ArrearsQuery = z.infer<typeof ZArrearsQuery>;
export const ZArrearsRemindRequest = z.object({ enterpriseIds: z.array(ZId).min(1, { error: '请选择企业' }).max(500) });

// ------------------------------------------------------------------ views

export type PremisesOccupancyCounts = { units: number; let: number; vacant: number; maintenance: number; disabled: number; areaM2: number; letAreaM2: number; vacantAreaM2: number; occupancyRate: number | null; areaOccupancyRate: number | null };
export type BuildingSummaryView = {
  id: string;
  code: string;
  name: string;
  kind: BuildingKind;
  kindLabel: string;
  floors: number;
  address: string | null;
  completedOn: string | null;
  parcelId: string | null;
  note: string | null;
  counts: PremisesOccupancyCounts;
};
export type PremisesUnitDayView = {
  id: string;
  code: string;
  floor: number;
  areaM2: number;
  layout: string | null;
  status: PremisesUnitStatus;
  state: UnitDayState;
  /** the tenant (lease) or the occupant's firm (apartment) on the day */
  tenantName: string | null;
  enterpriseId: string | null;
  leaseId: string | null;
  note: string | null;
};
export type BuildingView = BuildingSummaryView & { date: string; units: PremisesUnitDayView[] };
export type PremisesOccupancyView = { date: string; byKind: ({ kind: BuildingKind; kindLabel: string; buildings: number } & PremisesOccupancyCounts)[]; total: PremisesOccupancyCounts & { buildings: number }; factories: PremisesOccupancyCounts };

export type LeaseSummaryView = {
  id: string;
  contractNo: string;
  enterpriseId: string;
  enterpriseName: string;
  unitId: string;
  unitCode: string;
  floor: number;
  buildingId: string;
  buildingName: string;
  buildingKind: BuildingKind;
  areaM2: number;
  startsOn: string;
  endsOn: string;
  /** the last day let: terminatedOn or endsOn */
  lastDay: string;
  rentFenPerM2Month: number;
  monthlyRentFen: number;
  depositFen: number;
  status: LeaseStatus;
  statusLabel: string;
  terminatedOn: string | null;
};
export type BillSummaryView = {
  id: string;
  leaseId: string;
  contractNo: string;
  enterpriseId: string;
  enterpriseName: string;
  unitLabel: string;
  period: string;
  periodLabel: string;
  days: number;
  daysInMonth: number;
  grossFen: number;
  /** every relief line of the bill (the measure's amount) */
  reliefTotalFen: number;
  /** the part of the relief that reduced what is due */
  reliefFen: number;
  /** the part of the relief granted after the bill was paid: owed back to the firm */
  creditFen: number;
  dueFen: number;
  paidFen: number;
  balanceFen: number;
  dueOn: string;
  status: BillStatus;
  statusLabel: string;
  overdueDays: number;
};
export type BillReliefLineView = { measureId: string; measureCode: string; measureName: string; amountFen: number; explanation: string };
export type PremisesPaymentView = { id: string; amountFen: number; paidOn: string; method: PremisesPaymentMethod; methodLabel: string; reference: string | null; note: string | null; status: 'active' | 'void'; voidReason: string | null; createdAt: string; createdBy: string | null };
export type BillView = BillSummaryView & {
  lease: LeaseSummaryView;
  monthlyRentFen: number;
  reliefs: BillReliefLineView[];
  payments: PremisesPaymentView[];
  remindedAt: string | null;
  /** how the gross was computed, in words */
  grossExplanation: string;
};
export type LeaseView = LeaseSummaryView & { terminateReason: string | null; note: string | null; createdAt: string; bills: BillSummaryView[]; totals: { grossFen: number; reliefFen: number; dueFen: number; paidFen: number; balanceFen: number } };
export type GenerateBillsResult = { period: string; created: number; existing: number; reliefLines: number; grossFen: number; reliefFen: number };

export type ReliefMeasureView = {
  id: string;
  code: string;
  name: string;
  periodFrom: string;
  periodTo: string;
  rule: ReliefRule;
  ruleText: string;
  status: ReliefStatus;
  statusLabel: string;
  basis: string | null;
  note: string | null;
  firms: number;
  bills: number;
  totalFen: number;
  createdAt: string;
};
export type ReliefFirmRow = { enterpriseId: string; enterpriseName: string; leases: number; bills: number; areaM2: number; amountFen: number };
export type ReliefReportView = ReliefMeasureView & { rows: ReliefFirmRow[] };
export type ActivateReliefResult = { measure: ReliefMeasureView; billsChanged: number; amountFen: number; creditFen: number };

export type ArrearsFirmRow = { enterpriseId: string; enterpriseName: string; bills: number; balanceFen: number; oldestDueOn: string; maxOverdueDays: number; remindedAt: string | null };
export type ArrearsView = { asOf: string; totalFen: number; firms: number; items: ArrearsFirmRow[]; total: number; page: number; pageSize: number };

export type MyPremisesView = {
  enterpriseName: string;
  leases: LeaseSummaryView[];
  bills: (BillSummaryView & { reliefs: BillReliefLineView[] })[];
  balanceFen: number;
};

export type PremisesUnitImportReport = { imported: number; updated: number; unchanged: number; rejected: { row: number; column: string; message: string }[] };
