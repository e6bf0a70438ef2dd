/**
 * 要素保障 — 招商线索 before signing (issue #15 item 4): leads (a case on the kit), negotiation
 * records (屏对屏 online video or in person), the investment committee 招商委员会, signing (creates an
 * investment project of the funds module; the lead keeps only its id), and the funnel figures.
 * Shared names in land.ts.
 */
import { z } from 'zod';
import type { CaseEventView } from './cases.js';
import { zStatusList } from './cases.js';
import { ZDate, ZFen, ZId, ZPage, ZPageSize } from './common.js';

// ------------------------------------------------------------------ states, actions, labels

/**
 * new 新线索 → (first negotiation recorded) negotiating 洽谈中 → (submitted to the committee with a
 * date) committee 待上会 → approved 已过会 (investment:approve), or rejected back to negotiating →
 * signed 已签约 (creates the investment project); dropped 已放弃 (with a reason) from any open state.
 */
export const LEAD_STATUSES = ['new', 'negotiating', 'committee', 'approved', 'signed', 'dropped'] as const;
export type LeadStatus = (typeof LEAD_STATUSES)[number];
export const LEAD_STATUS_LABELS: Record<LeadStatus, string> = {
  new: '新线索',
  negotiating: '洽谈中',
  committee: '待上会',
  approved: '已过会',
  signed: '已签约',
  dropped: '已放弃',
};
export const LEAD_OPEN_STATUSES = ['new', 'negotiating', 'committee', 'approved'] as const satisfies readonly LeadStatus[];
export const LEAD_STATUS_COLORS: Record<LeadStatus, string> = {
  new: 'default',
  negotiating: 'processing',
  committee: 'gold',
  approved: 'cyan',
  signed: 'success',
  dropped: 'error',
};

/** The actions a person takes on a lead (the buttons), in button order; `create` is the filing. */
export const LEAD_ACTIONS = ['negotiate', 'submit_committee', 'approve', 'reject', 'sign', 'drop'] as const;
export type LeadAction = (typeof LEAD_ACTIONS)[number];
export type LeadEventAction = LeadAction | 'create' | 'update';
export const LEAD_ACTION_LABELS: Record<LeadEventAction, string> = {
  create: '登记线索',
  update: '修改线索',
  negotiate: '记录洽谈',
  submit_committee: '提交招商委员会',
  approve: '过会',
  reject: '退回洽谈',
  sign: '签约',
  drop: '放弃',
};

/** Where a lead came from. `online` is 屏对屏 招商 (video negotiation from the first contact). */
export const LEAD_SOURCES = ['online', 'visit', 'fair', 'referral', 'other'] as const;
export type LeadSource = (typeof LEAD_SOURCES)[number];
export const LEAD_SOURCE_LABELS: Record<LeadSource, string> = {
  online: '屏对屏(线上)',
  visit: '登门拜访',
  fair: '展会推介',
  referral: '以商引商',
  other: '其他',
};

export const NEGOTIATION_FORMS = ['online', 'in_person'] as const;
export type NegotiationForm = (typeof NEGOTIATION_FORMS)[number];
export const NEGOTIATION_FORM_LABELS: Record<NegotiationForm, string> = {
  online: '屏对屏(视频)',
  in_person: '当面洽谈',
};

// ------------------------------------------------------------------ requests

const text = (label: string, max: number) =>
  z.string({ error: `${label}应为文字` }).trim().min(1, { error: `请填写${label}` }).max(max, { error: `${label}最多${max}个字` });
const optionalText = (label: string, max: number) =>
  z
    .string({ error: `${label}应为文字` })
    .trim()
    .max(max, { error: `${label}最多${max}个字` })
    .nullable()
    .optional()
    .transform((v) => (v ? v : null));
const decimal = (label: string, max: number, places: number) =>
  z
    .number({ error: `${label}应为数字` })
    .min(0, { error: `${label}不能为负数` })
    .max(max, { error: `${label}不能超过${max}` })
    .refine((v) => Math.abs(Math.round(v * 10 ** places) - v * 10 ** places) < 1e-6, { error: `${label}最多${places}位小数` })
    .nullable()
    .optional()
    .transform((v) => (v === undefined ? null : v));

const ZLeadFields = z.object({
  projectName: text('项目名称', 100),
  investor: text('投资方', 100),
  contactName: optionalText('联系人', 50),
  contactPhone: z
    .string({ error: '联系电话应为文字' })
    .trim()
    .max(30, { error: '联系电话最多30个字' })
    .refine((s) => s === '' || /^[0-9+\-() ]{5,30}$/.test(s), { error: '联系电话只能包含数字、空格和 + - ( )' })
    .nullable()
    .optional()
    .transform((v) => (v ? v : null)),
  chain: z
    .string({ error: '产业链应为文字' })
    .trim()
    .max(50, { error: '产业链最多50个字' })
    .nullable()
    .optional()
    .transform((v) => (v ? v : null)),
  amountFen: ZFen,
  source: z.enum(LEAD_SOURCES, { error: '线索来源不正确' }),
  receivedOn: ZDate,
  description: optionalText('项目简介', 2000),
  landNeedMu: decimal('用地需求(亩)', 100_000, 4),
  factoryNeedM2: decimal('厂房需求(㎡)', 10_000_000, 2),
  ownerId: ZId.nullable()
    .optional()
    .transform((v) => v ?? null),
});

/** 登记招商线索: amounts in fen (the form takes 元/万元), needs in 亩 and ㎡. */
export const ZCreateLeadRequest = ZLeadFields;
export type CreateLeadRequest = z.infer<typeof ZCreateLeadRequest>;

/** 修改线索 (open leads only): the facts, not the state. */
export const ZUpdateLeadRequest = ZLeadFields.partial();
export type UpdateLeadRequest = z.infer<typeof ZUpdateLeadRequest>;

export const ZLeadListQuery = z.object({
  status: zStatusList(LEAD_STATUSES),
  chain: z.string().trim().max(50).optional(),
  source: z.enum(LEAD_SOURCES, { error: '线索来源不正确' }).optional(),
  ownerId: ZId.optional(),
  q: z.string().trim().max(60).optional(),
  page: ZPage,
  pageSize: ZPageSize,
});
export type LeadListQuery = z.infer<typeof ZLeadListQuery>;

/** One negotiation 洽谈记录: date, form (屏对屏 or in person), where, who, minutes, next step. */
export const ZNegotiationRequest = z.object({
  heldOn: ZDate,
  form: z.enum(NEGOTIATION_FORMS, { error: '洽谈形式不正确' }),
  location: optionalText('地点', 100),
  participants: text('参加人员', 500),
  minutes: text('洽谈纪要', 4000),
  nextStep: optionalText('下一步安排', 500),
});
export type NegotiationRequest = z.infer<typeof ZNegotiationRequest>;

export const ZLeadCommitteeRequest = z.object({ committeeOn: ZDate, note: optionalText('说明', 500) });
export type LeadCommitteeRequest = z.infer<typeof ZLeadCommitteeRequest>;

export const ZLeadApproveRequest = z.object({ note: optionalText('意见', 500) });
export type LeadApproveRequest = z.infer<typeof ZLeadApproveRequest>;

export const ZLeadRejectRequest = z.object({ note: text('退回意见', 500) });
export type LeadRejectRequest = z.infer<typeof ZLeadRejectRequest>;

export const ZLeadDropRequest = z.object({ reason: text('放弃原因', 500) });
export type LeadDropRequest = z.infer<typeof ZLeadDropRequest>;

/**
 * 签约: the contract number and date; the investment project is created with the lead's name,
 * investor, amount and chain. `projectCode` defaults to the lead's code.
 */
export const ZLeadSignRequest = z.object({
  contractNo: text('合同编号', 60),
  signedOn: ZDate,
  projectCode: z
    .string({ error: '项目编号应为文字' })
    .trim()
    .regex(/^[A-Za-z0-9_-]{2,32}$/, { error: '项目编号为2-32位字母、数字、下划线或短横线' })
    .optional(),
  note: optionalText('备注', 500),
});
export type LeadSignRequest = z.infer<typeof ZLeadSignRequest>;

/** 招商漏斗 for a period: leads received in [from, to] (by chain, optionally by source). */
export const ZLeadFunnelQuery = z
  .object({
    from: ZDate,
    to: ZDate,
    chain: z.string().trim().max(50).optional(),
    source: z.enum(LEAD_SOURCES, { error: '线索来源不正确' }).optional(),
  })
  .refine((q) => q.from <= q.to, { error: '开始日期不能晚于结束日期', path: ['to'] });
export type LeadFunnelQuery = z.infer<typeof ZLeadFunnelQuery>;

// ------------------------------------------------------------------ views

export type LeadSummary = {
  id: string;
  code: string;
  projectName: string;
  investor: string;
  contactName: string | null;
  /** Masked (138****5678) for those without investment:manage. */
  contactPhone: string | null;
  chain: string | null;
  chainLabel: string | null;
  amountFen: number;
  source: LeadSource;
  status: LeadStatus;
  ownerId: string | null;
  ownerName: string | null;
  receivedOn: string;
  committeeOn: string | null;
  signedOn: string | null;
  projectId: string | null;
  negotiationCount: number;
  lastNegotiatedOn: string | null;
  updatedAt: string;
};

export type NegotiationView = {
  id: string;
  heldOn: string;
  form: NegotiationForm;
  location: string | null;
  participants: string;
  minutes: string;
  nextStep: string | null;
  createdByName: string | null;
  createdAt: string;
};

export type LeadDetail = LeadSummary & {
  description: string | null;
  landNeedMu: number | null;
  factoryNeedM2: number | null;
  committeeDecision: 'approved' | 'rejected' | null;
  committeeNote: string | null;
  droppedReason: string | null;
  /** The investment project signing created (read live from the funds module, never copied). */
  project: { id: string; code: string; name: string; contractNo: string | null; signedOn: string; stage: string } | null;
  negotiations: NegotiationView[];
  timeline: CaseEventView<LeadEventAction, LeadStatus>[];
  actions: LeadAction[];
  /** Whether the actor may edit the facts. */
  editable: boolean;
};

export type LeadListPage = {
  items: LeadSummary[];
  total: number;
  page: number;
  pageSize: number;
  /** Open leads by state (the board chips), whatever the status filter. */
  counts: Record<LeadStatus, number>;
};

export type LeadOptions = {
  chains: { code: string; label: string }[];
  owners: { id: string; name: string }[];
};

/** A count and the sum of the leads' amounts. */
export type FunnelCell = { count: number; amountFen: number };

/**
 * The funnel's stages. A lead counts at a stage when it ever reached it (up to today): negotiated —
 * at least one negotiation recorded; committee — submitted to the committee; approved — approved by
 * it; signed — signed. Dropped leads count at every stage they reached before being dropped.
 */
export const FUNNEL_STAGES = ['received', 'negotiated', 'committee', 'approved', 'signed'] as const;
export type FunnelStage = (typeof FUNNEL_STAGES)[number];
export const FUNNEL_STAGE_LABELS: Record<FunnelStage, string> = {
  received: '收到线索',
  negotiated: '开展洽谈',
  committee: '提交上会',
  approved: '招商委员会通过',
  signed: '签约',
};

export type FunnelFigures = Record<FunnelStage, FunnelCell> & {
  dropped: FunnelCell;
  /** Still open (not signed, not dropped). */
  open: FunnelCell;
  /** Percent of the previous stage, one decimal (null when the previous stage is 0). */
  stepRates: Record<FunnelStage, number | null>;
  /** signed ÷ received, percent, one decimal. */
  conversionPercent: number | null;
  /** Leads from the 屏对屏 source, and their share of the received, percent. */
  online: FunnelCell & { sharePercent: number | null; signed: FunnelCell };
};

export type LeadFunnel = {
  from: string;
  to: string;
  chain: string | null;
  source: LeadSource | null;
  /** The cohort: leads received in [from, to]. */
  total: FunnelFigures;
  byChain: ({ chain: string | null; chainLabel: string } & FunnelFigures)[];
  /** What happened in the period, whenever the lead came in. */
  activity: {
    negotiations: number;
    onlineNegotiations: number;
    onlineNegotiationSharePercent: number | null;
    committeeSubmissions: number;
    approvals: number;
    signed: FunnelCell;
    signedOnline: FunnelCell;
  };
  /** The projects signed in the period (links to the investment projects). */
  signings: { leadId: string; code: string; projectName: string; investor: string; chainLabel: string | null; amountFen: number; signedOn: string; source: LeadSource; projectId: string | null }[];
};
