/**
 * 要素保障 — 闲置用地清理专项行动 (docs/land/CLEANUP.md): campaigns, their computed candidates, a case
 * per parcel on the case kit (认定 → 告知 → 约谈 → outcome → 收回 → 再出让), and the campaign's figures.
 * Shared names (parcel states, 亩) in land.ts.
 *
 * | Route | Body / query | Answer | Permission |
 * |---|---|---|---|
 * | `GET /api/land/cleanup/campaigns` | `ZCleanupCampaignListQuery` | `Paged<CleanupCampaignView>` | land:read |
 * | `POST /api/land/cleanup/campaigns` | `ZCreateCleanupCampaignRequest` | `CleanupCampaignDetail` | land:manage |
 * | `GET /api/land/cleanup/campaigns/:id` | — | `CleanupCampaignDetail` (figures) | land:read |
 * | `GET /api/land/cleanup/campaigns/:id/export.xlsx` | — | 统计 and 清理案件 sheets | land:read |
 * | `GET /api/land/cleanup/campaigns/:id/candidates` | `ZCleanupCandidatesQuery` | `CleanupCandidate[]` | land:read |
 * | `POST /api/land/cleanup/campaigns/:id/cases` | `ZAddCleanupCasesRequest` | `CleanupCaseView[]` | land:manage |
 * | `GET /api/land/cleanup/campaigns/:id/cases` | `ZCleanupCaseListQuery` | `Paged<CleanupCaseView>` | land:read |
 * | `GET /api/land/cleanup/cases/:id` | — | `CleanupCaseDetail` | land:read |
 * | `POST /api/land/cleanup/cases/:id/actions` | `ZCleanupCaseActionRequest` | `CleanupCaseDetail` | land:manage |
 * | `GET /api/land/cleanup/cases/:id/notice.docx` | — | 闲置土地告知书 .docx | land:read |
 * | `GET /api/land/cleanup/project-options` | `ZCleanupProjectOptionsQuery` | `CleanupProjectOption[]` | land:manage |
 */
import { z } from 'zod';
import { FIELD_LABELS, ZDate, ZFen, ZId, ZPage, ZPageSize, type Paged } from './common.js';
import { zStatusList, type CaseEventView } from './cases.js';
import type { LandParcelStatus } from './land.js';

const CLEANUP_FIELD_LABELS: Record<string, string> = {
  startedOn: '开始日期',
  endsOn: '结束日期',
  idleYears: '闲置认定年限',
  evaluationYear: '亩均评价年度',
  parcelIds: '地块',
  on: '日期',
  outcome: '处置方式',
  workingDays: '期限(工作日)',
  replyWorkingDays: '陈述申辩期限(工作日)',
  compensationFen: '补偿金额',
  recoveredMu: '收回面积',
  projectId: '招商项目',
  asOf: '基准日',
};
for (const [key, label] of Object.entries(CLEANUP_FIELD_LABELS)) if (!(key in FIELD_LABELS)) FIELD_LABELS[key] = label;

/**
 * A clean-up case's states: 已认定 → 已告知 → 已约谈 → the agreed outcome (限期开工 / 协议收回 / 依法收回)
 * → 已收回 → 已再出让; 限期开工 ends 已开工 when the firm starts in time, or goes to 依法收回 when it
 * does not; any open case may be 撤销 with a reason.
 */
export const LAND_CLEANUP_STATUSES = ['identified', 'notified', 'interviewed', 'deadline', 'agreement', 'legal', 'recovered', 'reallocated', 'resolved', 'dropped'] as const;
export type CleanupStatus = (typeof LAND_CLEANUP_STATUSES)[number];
export const LAND_CLEANUP_STATUS_LABELS: Record<CleanupStatus, string> = {
  identified: '已认定',
  notified: '已告知',
  interviewed: '已约谈',
  deadline: '限期开工',
  agreement: '协议收回',
  legal: '依法收回',
  recovered: '已收回',
  reallocated: '已再出让',
  resolved: '已开工',
  dropped: '已撤销',
};
export const LAND_CLEANUP_STATUS_COLORS: Record<CleanupStatus, string> = {
  identified: 'default',
  notified: 'blue',
  interviewed: 'geekblue',
  deadline: 'orange',
  agreement: 'gold',
  legal: 'red',
  recovered: 'purple',
  reallocated: 'cyan',
  resolved: 'green',
  dropped: 'default',
};
/** The stages of the board, in order (撤销 shown apart). */
export const LAND_CLEANUP_OPEN_STATUSES = ['identified', 'notified', 'interviewed', 'deadline', 'agreement', 'legal', 'recovered'] as const satisfies readonly CleanupStatus[];

/** The agreed outcome after the interview. */
export const LAND_CLEANUP_OUTCOMES = ['deadline', 'agreement', 'legal'] as const;
export type CleanupOutcome = (typeof LAND_CLEANUP_OUTCOMES)[number];
export const LAND_CLEANUP_OUTCOME_LABELS: Record<CleanupOutcome, string> = { deadline: '限期开工', agreement: '协议收回', legal: '依法收回' };

/** Why a parcel is in the campaign: idle N years after 出让, its firm graded D, or added by hand. */
export const LAND_CLEANUP_REASONS = ['idle', 'grade_d', 'other'] as const;
export type CleanupReason = (typeof LAND_CLEANUP_REASONS)[number];
export const LAND_CLEANUP_REASON_LABELS: Record<CleanupReason, string> = { idle: '出让后闲置', grade_d: '亩均评价D类', other: '其他' };

/** The person-taken actions in button order (the sweep's `flag_overdue` is the system's). */
export const LAND_CLEANUP_ACTIONS = ['notify', 'interview', 'decide', 'confirm_start', 'escalate', 'recover', 'reallocate', 'drop'] as const;
export type CleanupAction = (typeof LAND_CLEANUP_ACTIONS)[number];
export const LAND_CLEANUP_ACTION_LABELS: Record<CleanupAction, string> = {
  notify: '告知',
  interview: '约谈',
  decide: '确定处置方式',
  confirm_start: '确认已开工',
  escalate: '转依法收回',
  recover: '收回',
  reallocate: '再出让',
  drop: '撤销',
};
/** Timeline events of a case. */
export const LAND_CLEANUP_EVENT_LABELS: Record<string, string> = {
  identify: '认定',
  ...LAND_CLEANUP_ACTION_LABELS,
  flag_overdue: '逾期未开工',
};

/**
 * Project size classes of 腾笼换鸟 as the report counts them: "20亿元项目" (≥ ¥20亿), "10亿元项目"
 * (≥ ¥10亿 and < ¥20亿), the others.
 */
export const CLEANUP_PROJECT_CLASSES = ['b20', 'b10', 'other'] as const;
export type CleanupProjectClass = (typeof CLEANUP_PROJECT_CLASSES)[number];
export const CLEANUP_PROJECT_CLASS_LABELS: Record<CleanupProjectClass, string> = { b20: '20亿元项目', b10: '10亿元项目', other: '其他项目' };
/** ¥20亿 and ¥10亿 in fen. */
export const CLEANUP_PROJECT_CLASS_FLOORS_FEN = { b20: 200_000_000_000, b10: 100_000_000_000 } as const;
export function cleanupProjectClassOf(amountFen: number): CleanupProjectClass {
  if (amountFen >= CLEANUP_PROJECT_CLASS_FLOORS_FEN.b20) return 'b20';
  if (amountFen >= CLEANUP_PROJECT_CLASS_FLOORS_FEN.b10) return 'b10';
  return 'other';
}

/** 亩 shown with up to four decimals, trailing zeros dropped ("12.5", "3.0417"). */
export function formatMu(mu: number): string {
  return String(Math.round(mu * 10_000) / 10_000);
}

/**
 * The report's sentence from the figures: "回收闲置土地12宗186.2亩,“腾笼换鸟”导入20亿元项目5个、10亿元项目3个".
 */
export function cleanupReportSentence(f: { recoveredParcels: number; recoveredMu: number; projectsByClass: Record<CleanupProjectClass, number> }): string {
  const parts: string[] = [];
  if (f.projectsByClass.b20 > 0) parts.push(`20亿元项目${f.projectsByClass.b20}个`);
  if (f.projectsByClass.b10 > 0) parts.push(`10亿元项目${f.projectsByClass.b10}个`);
  if (f.projectsByClass.other > 0) parts.push(`其他项目${f.projectsByClass.other}个`);
  const head = `回收闲置土地${f.recoveredParcels}宗${formatMu(f.recoveredMu)}亩`;
  return parts.length > 0 ? `${head},“腾笼换鸟”导入${parts.join('、')}` : head;
}

// ------------------------------------------------------------------ requests

const name = z.string({ error: '请填写名称' }).trim().min(2, '名称至少2个字').max(60, '名称最多60个字');
const note = z.string().trim().max(2000, '说明最多2000个字').nullish();

export const ZCreateCleanupCampaignRequest = z
  .object({
    code: z.string({ error: '请填写编号' }).trim().min(2, '编号至少2个字').max(30, '编号最多30个字').regex(/^[A-Za-z0-9-]+$/, '编号只能包含字母、数字和-'),
    name,
    startedOn: ZDate,
    endsOn: ZDate.nullish(),
    idleYears: z.number({ error: '闲置认定年限应为数字' }).int('闲置认定年限应为整数').min(1, '闲置认定年限至少1年').max(20, '闲置认定年限最多20年').nullish(),
    evaluationYear: z.number({ error: '亩均评价年度应为数字' }).int('亩均评价年度应为整数').min(2000, '年度不早于2000').max(2100, '年度不晚于2100').nullish(),
    note,
  })
  .refine((v) => !v.endsOn || v.endsOn >= v.startedOn, { path: ['endsOn'], message: '结束日期不能早于开始日期' });
export type CreateCleanupCampaignRequest = z.input<typeof ZCreateCleanupCampaignRequest>;

export const ZCleanupCampaignListQuery = z.object({ q: z.string().trim().max(60).optional(), page: ZPage, pageSize: ZPageSize });

export const ZCleanupCandidatesQuery = z.object({ asOf: ZDate.optional() });

export const ZAddCleanupCasesRequest = z.object({
  parcelIds: z.array(ZId, { error: '请选择地块' }).min(1, '请至少选择一宗地块').max(200, '一次最多200宗'),
  /** For a parcel that is not a computed candidate: reason 'other' with a note. */
  reason: z.enum(['other'], { error: '手工加入的地块原因只能为“其他”' }).optional(),
  note,
  on: ZDate.optional(),
});
export type AddCleanupCasesRequest = z.input<typeof ZAddCleanupCasesRequest>;

export const ZCleanupCaseListQuery = z.object({
  status: zStatusList(LAND_CLEANUP_STATUSES),
  q: z.string().trim().max(60).optional(),
  page: ZPage,
  pageSize: ZPageSize,
});

/**
 * One step of a case. `on` is the step's date (default today). What each action reads:
 * notify — replyWorkingDays (default 15); interview — participants, note (the minutes);
 * decide — outcome, workingDays (限期开工), compensationFen (协议收回); confirm_start — on;
 * escalate — note; recover — recoveredMu (default the parcel's area); reallocate — projectId or
 * enterpriseId; drop — note (the reason).
 */
export const ZCleanupCaseActionRequest = z.object({
  action: z.enum(LAND_CLEANUP_ACTIONS, { error: '操作不存在' }),
  on: ZDate.optional(),
  note,
  participants: z.string().trim().max(500, '参加人员最多500个字').nullish(),
  replyWorkingDays: z.number({ error: '期限应为数字' }).int('期限应为整数').min(1, '期限至少1个工作日').max(120, '期限最多120个工作日').nullish(),
  outcome: z.enum(LAND_CLEANUP_OUTCOMES, { error: '请选择处置方式' }).nullish(),
  workingDays: z.number({ error: '期限应为数字' }).int('期限应为整数').min(1, '期限至少1个工作日').max(500, '期限最多500个工作日').nullish(),
  compensationFen: ZFen.nullish(),
  recoveredMu: z.number({ error: '收回面积应为数字' }).min(0.0001, '收回面积至少0.0001亩').max(100_000, '收回面积过大').nullish(),
  projectId: ZId.nullish(),
  enterpriseId: ZId.nullish(),
  version: z.number().int().optional(),
});
export type CleanupCaseActionRequest = z.input<typeof ZCleanupCaseActionRequest>;

export const ZCleanupProjectOptionsQuery = z.object({ q: z.string().trim().max(60).optional() });

// ------------------------------------------------------------------ views

export type CleanupFigures = {
  candidates: number;
  cases: number;
  byStatus: Record<CleanupStatus, number>;
  recoveredParcels: number;
  recoveredMu: number;
  /** Compensation of the recovered 协议收回 cases. */
  compensationFen: number;
  reallocatedParcels: number;
  projects: number;
  projectsAmountFen: number;
  projectsByClass: Record<CleanupProjectClass, number>;
  /** Open 限期开工 cases past their deadline. */
  overdue: number;
  /** cleanupReportSentence of the above. */
  sentence: string;
};

export type CleanupCampaignView = {
  id: string;
  code: string;
  name: string;
  startedOn: string;
  endsOn: string | null;
  idleYears: number;
  evaluationYear: number | null;
  status: 'active' | 'closed';
  note: string | null;
  cases: number;
  recoveredParcels: number;
  recoveredMu: number;
  reallocatedParcels: number;
  createdAt: string;
};

export type CleanupCampaignDetail = CleanupCampaignView & { figures: CleanupFigures; canManage: boolean };

export type CleanupCandidate = {
  parcelId: string;
  parcelCode: string;
  parcelName: string | null;
  areaMu: number;
  parcelStatus: LandParcelStatus;
  enterpriseId: string | null;
  enterpriseName: string | null;
  transferredOn: string | null;
  /** Whole years since 出让 on the as-of day. */
  idleYears: number | null;
  grade: 'A' | 'B' | 'C' | 'D' | null;
  reasons: ('idle' | 'grade_d')[];
  /** Already a case of this campaign. */
  caseId: string | null;
};

export type CleanupCaseView = {
  id: string;
  caseNo: string;
  campaignId: string;
  campaignName: string;
  parcelId: string;
  parcelCode: string;
  parcelName: string | null;
  parcelStatus: LandParcelStatus;
  areaMu: number;
  enterpriseId: string | null;
  enterpriseName: string | null;
  reason: CleanupReason;
  status: CleanupStatus;
  identifiedOn: string;
  notifiedOn: string | null;
  interviewedOn: string | null;
  outcome: CleanupOutcome | null;
  startDeadline: string | null;
  /** Working days left to the 限期开工 deadline (negative once past); null when there is none or the calendar lacks the year. */
  deadlineWorkingDaysLeft: number | null;
  overdue: boolean;
  compensationFen: number | null;
  recoveredOn: string | null;
  recoveredMu: number | null;
  newProjectId: string | null;
  newProjectName: string | null;
  newProjectAmountFen: number | null;
  newEnterpriseId: string | null;
  newEnterpriseName: string | null;
  reallocatedOn: string | null;
  updatedAt: string;
};

export type CleanupCaseDetail = CleanupCaseView & {
  transferredOn: string | null;
  constructionOn: string | null;
  interviewNote: string | null;
  note: string | null;
  /** The notice's reply deadline (告知 + working days). */
  replyDeadline: string | null;
  actions: CleanupAction[];
  timeline: CaseEventView<string, CleanupStatus>[];
};

export type CleanupProjectOption = {
  id: string;
  code: string;
  name: string;
  investor: string;
  amountFen: number;
  signedOn: string;
  sizeClass: CleanupProjectClass;
  enterpriseId: string | null;
};

export type CleanupCampaignPage = Paged<CleanupCampaignView>;
