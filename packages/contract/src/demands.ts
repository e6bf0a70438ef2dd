/** Demands 诉求, visits 走访, 代办 records, dispatch meetings 周调度 and monthly targets 月战图: schemas and types. */
import { z } from 'zod';
import { ZDate, ZId, ZPage, ZPageSize } from './common.js';
import type { RatingView } from './ratings.js';
import { zStatusList, type CaseEventView } from './cases.js';

// ---------------------------------------------------------------------------------------------
// Categories (an admin-editable dictionary, kind `demand_category`)
// ---------------------------------------------------------------------------------------------

export const DEMAND_CATEGORY_KIND = 'demand_category';

/** Extra data of a `demand_category` dictionary entry: deadlines in working days. */
export type DemandCategoryExtra = { acceptDays: number; answerDays: number };

export const ZDemandCategoryExtra = z.object({
  acceptDays: z
    .number({ error: '签收期限应为数字(工作日)' })
    .int({ error: '签收期限应为整数(工作日)' })
    .min(1, { error: '签收期限最少1个工作日' })
    .max(60, { error: '签收期限最多60个工作日' }),
  answerDays: z
    .number({ error: '答复期限应为数字(工作日)' })
    .int({ error: '答复期限应为整数(工作日)' })
    .min(1, { error: '答复期限最少1个工作日' })
    .max(60, { error: '答复期限最多60个工作日' }),
});

/** The categories a park starts with (SPEC §2.2); admins edit them as dictionary entries. */
export const DEFAULT_DEMAND_CATEGORIES = [
  { code: 'financing', label: '融资', acceptDays: 1, answerDays: 5 },
  { code: 'labor', label: '用工', acceptDays: 1, answerDays: 5 },
  { code: 'energy', label: '用能', acceptDays: 1, answerDays: 5 },
  { code: 'land', label: '用地', acceptDays: 1, answerDays: 10 },
  { code: 'approval', label: '审批代办', acceptDays: 1, answerDays: 5 },
  { code: 'market', label: '市场拓展', acceptDays: 1, answerDays: 10 },
  { code: 'legal', label: '法律维权', acceptDays: 1, answerDays: 10 },
  { code: 'policy', label: '政策咨询', acceptDays: 1, answerDays: 3 },
  { code: 'other', label: '其他', acceptDays: 1, answerDays: 5 },
] as const;

export type DemandCategory = { code: string; label: string; acceptDays: number; answerDays: number; active: boolean; sort: number };

// ---------------------------------------------------------------------------------------------
// Status, actions, sources
// ---------------------------------------------------------------------------------------------

export const DEMAND_STATUSES = ['submitted', 'accepted', 'in_progress', 'resolved', 'reopened', 'closed', 'withdrawn'] as const;
export type DemandStatus = (typeof DEMAND_STATUSES)[number];

export const DEMAND_STATUS_LABELS: Record<DemandStatus, string> = {
  submitted: '待签收',
  accepted: '已签收',
  in_progress: '办理中',
  resolved: '已答复',
  reopened: '退回重办',
  closed: '已办结',
  withdrawn: '已撤回',
};

/** States in which a deadline runs (someone on the service side must act). */
export const OPEN_DEMAND_STATUSES = ['submitted', 'accepted', 'in_progress', 'reopened'] as const satisfies readonly DemandStatus[];

/** Actions a person takes through `POST /api/demands/:id/transitions`. */
export const DEMAND_ACTIONS = ['accept', 'transfer', 'answer', 'confirm', 'reject', 'close', 'withdraw', 'reassign'] as const;
export type DemandAction = (typeof DEMAND_ACTIONS)[number];

/** Every kind of timeline event: the person's actions plus those the system or other screens write. */
export const DEMAND_EVENT_ACTIONS = [
  'submit',
  ...DEMAND_ACTIONS,
  'auto_close',
  'escalate',
  'remind',
  'dispatch',
  'attach',
  'rate',
] as const;
export type DemandEventAction = (typeof DEMAND_EVENT_ACTIONS)[number];

export const DEMAND_ACTION_LABELS: Record<DemandEventAction, string> = {
  submit: '提交诉求',
  accept: '签收',
  transfer: '转办',
  answer: '答复',
  confirm: '确认办结',
  reject: '不满意退回',
  close: '办结(代企业确认)',
  withdraw: '撤回',
  reassign: '改派',
  auto_close: '超期未确认自动办结',
  escalate: '逾期升级调度',
  remind: '到期提醒',
  dispatch: '周调度决定',
  attach: '上传附件',
  rate: '评价',
};

/** What each action needs in the request body, so the UI can show the right form. */
export const DEMAND_ACTION_INPUTS: Record<DemandAction, { note: 'required' | 'optional'; department?: true; assignee?: true }> = {
  accept: { note: 'optional' },
  transfer: { note: 'required', department: true },
  answer: { note: 'required' },
  confirm: { note: 'optional' },
  reject: { note: 'required' },
  close: { note: 'required' },
  withdraw: { note: 'optional' },
  reassign: { note: 'optional', assignee: true },
};

/** 企业自提 / 专员代提(走访后) / 电话受理. */
export const DEMAND_SOURCES = ['enterprise', 'liaison', 'phone'] as const;
export type DemandSource = (typeof DEMAND_SOURCES)[number];
export const DEMAND_SOURCE_LABELS: Record<DemandSource, string> = { enterprise: '企业自提', liaison: '专员代提', phone: '电话受理' };

/** A demand resolved but not confirmed is closed by the system after this many natural days. */
export const DEMAND_AUTO_CLOSE_DAYS = 7;

// ---------------------------------------------------------------------------------------------
// Requests
// ---------------------------------------------------------------------------------------------

const ZBoolQuery = z
  .enum(['true', 'false'], { error: '应为 true 或 false' })
  .transform((v) => v === 'true')
  .optional();

const ZCategoryCode = z
  .string({ error: '请选择诉求类别' })
  .trim()
  .min(1, { error: '请选择诉求类别' })
  .max(40, { error: '诉求类别编码过长' });

const demandFields = {
  category: ZCategoryCode,
  title: z.string({ error: '请填写诉求标题' }).trim().min(2, { error: '诉求标题至少2个字' }).max(100, { error: '诉求标题最多100个字' }),
  content: z.string({ error: '请填写诉求内容' }).trim().min(5, { error: '诉求内容至少5个字' }).max(5000, { error: '诉求内容最多5000个字' }),
};

/** `POST /api/demands`. Enterprise users file for their own firm; staff name the firm. */
export const ZCreateDemandRequest = z.object({
  ...demandFields,
  enterpriseId: ZId.optional(),
  source: z.enum(DEMAND_SOURCES, { error: '来源应为 enterprise、liaison 或 phone' }).optional(),
});
export type CreateDemandRequest = z.infer<typeof ZCreateDemandRequest>;

export const ZDemandTransitionRequest = z.object({
  action: z.enum(DEMAND_ACTIONS, { error: '操作应为 accept、transfer、answer、confirm、reject、close、withdraw 或 reassign' }),
  note: z.string({ error: '说明应为文字' }).trim().max(2000, { error: '说明最多2000个字' }).optional(),
  department: z.string({ error: '承办单位应为文字' }).trim().min(1, { error: '请填写承办单位' }).max(100, { error: '承办单位最多100个字' }).optional(),
  assigneeId: ZId.optional(),
});
export type DemandTransitionRequest = z.infer<typeof ZDemandTransitionRequest>;

const ZStatusList = zStatusList(DEMAND_STATUSES);

export const ZListDemandsQuery = z.object({
  /** Comma list, e.g. `submitted,accepted`. */
  status: ZStatusList,
  category: z.string().trim().max(40).optional(),
  source: z.enum(DEMAND_SOURCES, { error: '来源不存在' }).optional(),
  enterpriseId: ZId.optional(),
  /** A user id, or `none` for the dispatcher's pool (no owner yet). */
  assigneeId: z.union([ZId, z.literal('none')], { error: '负责人编号格式不正确' }).optional(),
  overdue: ZBoolQuery,
  escalated: ZBoolQuery,
  /** Only demands the caller owns. */
  mine: ZBoolQuery,
  /** Number, title or firm name. */
  q: z.string().trim().max(100, { error: '关键词最多100个字' }).optional(),
  /** Filed on or after this Shanghai date. */
  from: ZDate.optional(),
  /** Filed on or before this Shanghai date. */
  to: ZDate.optional(),
  sort: z.enum(['-createdAt', 'createdAt', 'dueAt', '-updatedAt'], { error: '排序方式不存在' }).optional(),
  page: ZPage,
  pageSize: ZPageSize,
});
export type ListDemandsQuery = z.infer<typeof ZListDemandsQuery>;

const ZDateRange = {
  from: ZDate,
  to: ZDate,
};

export const ZDemandStatsQuery = z
  .object({ ...ZDateRange, liaisonId: ZId.optional() })
  .refine((q) => q.from <= q.to, { error: '开始日期不能晚于结束日期', path: ['to'] })
  .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= 3 * 366 * 86_400_000, { error: '统计区间最长3年', path: ['to'] });
export type DemandStatsQuery = z.infer<typeof ZDemandStatsQuery>;

// Visits 走访 and 代办 ------------------------------------------------------------------------

/** 代办: errands a liaison runs for a firm. */
export const DAIBAN_KINDS = ['license', 'permit', 'policy', 'finance', 'social_security', 'tax', 'project', 'other'] as const;
export type DaibanKind = (typeof DAIBAN_KINDS)[number];
export const DAIBAN_KIND_LABELS: Record<DaibanKind, string> = {
  license: '证照办理',
  permit: '审批许可',
  policy: '政策申报',
  finance: '融资手续',
  social_security: '社保公积金',
  tax: '税务事项',
  project: '项目报建',
  other: '其他代办',
};

const ZDaibanFields = {
  kind: z.enum(DAIBAN_KINDS, { error: '代办类型不存在' }),
  description: z.string({ error: '请填写代办内容' }).trim().min(2, { error: '代办内容至少2个字' }).max(1000, { error: '代办内容最多1000个字' }),
  /** The 办件 case number when the errand was a service application. */
  caseNumber: z.string().trim().max(50, { error: '办件编号最多50个字' }).nullable().optional(),
};

export const ZCreateVisitRequest = z.object({
  enterpriseId: ZId,
  visitedOn: ZDate,
  participants: z.string({ error: '参加人员应为文字' }).trim().max(500, { error: '参加人员最多500个字' }).optional(),
  findings: z.string({ error: '请填写走访情况' }).trim().min(2, { error: '走访情况至少2个字' }).max(5000, { error: '走访情况最多5000个字' }),
  /** 代办 errands run during the visit. */
  daiban: z.array(z.object(ZDaibanFields), { error: '代办事项应为列表' }).max(20, { error: '代办事项最多20项' }).optional(),
  /** Demands raised during the visit, filed as source `liaison` in the same transaction. */
  demands: z.array(z.object(demandFields), { error: '诉求应为列表' }).max(20, { error: '一次走访最多提交20件诉求' }).optional(),
});
export type CreateVisitRequest = z.infer<typeof ZCreateVisitRequest>;

export const ZListVisitsQuery = z.object({
  liaisonId: ZId.optional(),
  enterpriseId: ZId.optional(),
  from: ZDate.optional(),
  to: ZDate.optional(),
  page: ZPage,
  pageSize: ZPageSize,
});
export type ListVisitsQuery = z.infer<typeof ZListVisitsQuery>;

export const ZMonth = z.string({ error: '月份格式应为 YYYY-MM' }).regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: '月份格式应为 YYYY-MM' });

export const ZVisitCalendarQuery = z.object({ month: ZMonth, liaisonId: ZId.optional() });

export const ZCreateDaibanRequest = z.object({
  enterpriseId: ZId,
  doneOn: ZDate,
  visitId: ZId.optional(),
  ...ZDaibanFields,
});
export type CreateDaibanRequest = z.infer<typeof ZCreateDaibanRequest>;

export const ZListDaibanQuery = z.object({
  liaisonId: ZId.optional(),
  enterpriseId: ZId.optional(),
  from: ZDate.optional(),
  to: ZDate.optional(),
  page: ZPage,
  pageSize: ZPageSize,
});

// Dispatch meetings 周调度 --------------------------------------------------------------------

export const ZCreateDispatchMeetingRequest = z.object({
  heldOn: ZDate,
  title: z.string().trim().min(2, { error: '会议名称至少2个字' }).max(100, { error: '会议名称最多100个字' }).optional(),
  attendees: z
    .array(z.string().trim().min(1, { error: '参会人员不能为空' }).max(50, { error: '参会人员姓名最多50个字' }), { error: '参会人员应为列表' })
    .max(60, { error: '参会人员最多60人' })
    .default([]),
});
export type CreateDispatchMeetingRequest = z.infer<typeof ZCreateDispatchMeetingRequest>;

export const ZUpdateDispatchItemRequest = z.object({
  decision: z.string({ error: '请填写调度决定' }).trim().min(2, { error: '调度决定至少2个字' }).max(2000, { error: '调度决定最多2000个字' }),
  /** The officer who owns the demand from now on (a change is recorded as 改派). */
  ownerId: ZId.optional(),
  /** The new answer deadline (Shanghai date; due at its end). */
  newDueDate: ZDate.optional(),
  done: z.boolean({ error: '是否完成应为是/否' }).optional(),
});
export type UpdateDispatchItemRequest = z.infer<typeof ZUpdateDispatchItemRequest>;

export const ZListDispatchMeetingsQuery = z.object({ page: ZPage, pageSize: ZPageSize });

// Monthly targets 月战图 ----------------------------------------------------------------------

const ZTargetCount = (label: string) =>
  z
    .number({ error: `${label}应为数字` })
    .int({ error: `${label}应为整数` })
    .min(0, { error: `${label}不能为负数` })
    .max(10_000, { error: `${label}过大` });

export const ZPutTargetsRequest = z.object({
  items: z
    .array(
      z.object({
        userId: ZId,
        visits: ZTargetCount('走访目标'),
        demandsResolved: ZTargetCount('办结诉求目标'),
        daiban: ZTargetCount('代办目标'),
      }),
      { error: '目标应为列表' },
    )
    .max(1000, { error: '一次最多设置1000名专员的目标' }),
});
export type PutTargetsRequest = z.infer<typeof ZPutTargetsRequest>;

// ---------------------------------------------------------------------------------------------
// Responses
// ---------------------------------------------------------------------------------------------

/** One row of a demand list, with its countdown. */
export type DemandSummary = {
  id: string;
  number: string;
  category: string;
  categoryLabel: string;
  title: string;
  status: DemandStatus;
  statusLabel: string;
  source: DemandSource;
  enterpriseId: string;
  enterpriseName: string;
  /** 首接负责人: the owner until resolved; null while in the dispatcher's pool. */
  assigneeId: string | null;
  assigneeName: string | null;
  /** 承办单位 after a transfer. */
  department: string | null;
  /** The running deadline (签收 while submitted, 答复 afterwards); null when none runs. */
  dueAt: string | null;
  dueKind: 'accept' | 'answer' | null;
  /** Working days left until dueAt (0 = due today); negative when overdue; null without deadline or calendar data. */
  remainingWorkingDays: number | null;
  overdue: boolean;
  escalated: boolean;
  escalatedAt: string | null;
  acceptDueAt: string | null;
  answerDueAt: string | null;
  createdAt: string;
  updatedAt: string;
  resolvedAt: string | null;
  closedAt: string | null;
};

export type DemandEvent = CaseEventView<DemandEventAction, DemandStatus>;

export type DemandAttachment = { id: string; filename: string; contentType: string; size: number; uploadedAt: string; uploadedByName: string | null };

export type DemandDetail = DemandSummary & {
  content: string;
  answer: string | null;
  answeredAt: string | null;
  answeredOnTime: boolean | null;
  autoCloseAt: string | null;
  closedBy: 'enterprise' | 'office' | 'system' | null;
  reopenCount: number;
  visitId: string | null;
  createdById: string;
  createdByName: string | null;
  timeline: DemandEvent[];
  /** Exactly the actions this user may take now: the UI shows these buttons. */
  allowedActions: DemandAction[];
  /** The firm's own user may rate now (closed and not rated yet). */
  canRate: boolean;
  attachments: DemandAttachment[];
  /** The 好差评 rating, as the ratings module presents it to this reader. */
  rating: RatingView | null;
};

export type DemandBoardSummary = {
  byStatus: Record<DemandStatus, number>;
  open: number;
  overdue: number;
  escalated: number;
  unassigned: number;
  dueToday: number;
};

export type Visit = {
  id: string;
  liaisonId: string;
  liaisonName: string | null;
  enterpriseId: string;
  enterpriseName: string;
  visitedOn: string;
  participants: string | null;
  findings: string;
  raisedDemands: { id: string; number: string; title: string; status: DemandStatus }[];
  daiban: DaibanRecord[];
  createdAt: string;
};

export type DaibanRecord = {
  id: string;
  liaisonId: string;
  liaisonName: string | null;
  enterpriseId: string;
  enterpriseName: string;
  visitId: string | null;
  kind: DaibanKind;
  kindLabel: string;
  description: string;
  caseNumber: string | null;
  doneOn: string;
  createdAt: string;
};

export type VisitCalendar = {
  month: string;
  liaisonId: string | null;
  days: { date: string; count: number; entries: { id: string; enterpriseId: string; enterpriseName: string; liaisonName: string | null; daibanCount: number; demandCount: number }[] }[];
  total: number;
};

export type DispatchReason = 'escalated' | 'overdue' | 'bad_rating';
export const DISPATCH_REASON_LABELS: Record<DispatchReason, string> = { escalated: '已升级', overdue: '逾期', bad_rating: '差评' };

export type DispatchItem = {
  id: string;
  demandId: string;
  reasons: DispatchReason[];
  demand: Pick<DemandSummary, 'number' | 'title' | 'category' | 'categoryLabel' | 'status' | 'statusLabel' | 'enterpriseName' | 'assigneeId' | 'assigneeName' | 'dueAt' | 'overdue' | 'remainingWorkingDays' | 'department'> & { createdAt: string };
  decision: string | null;
  ownerId: string | null;
  ownerName: string | null;
  newDueDate: string | null;
  done: boolean;
  decidedAt: string | null;
  decidedByName: string | null;
};

export type DispatchMeeting = {
  id: string;
  heldOn: string;
  title: string;
  attendees: string[];
  status: 'draft' | 'closed';
  itemCount: number;
  decidedCount: number;
  createdAt: string;
  closedAt: string | null;
  createdByName: string | null;
};

export type DispatchMeetingDetail = DispatchMeeting & { items: DispatchItem[] };

export type OfficerTarget = {
  userId: string;
  displayName: string;
  target: { visits: number; demandsResolved: number; daiban: number } | null;
  actual: { visits: number; demandsResolved: number; daiban: number };
};

export type TargetsView = { month: string; items: OfficerTarget[] };

export type DemandStatsRow = {
  filed: number;
  resolved: number;
  resolvedOnTime: number;
  /** resolvedOnTime / resolved, 0–1; null when nothing was resolved. */
  onTimeRate: number | null;
  /** Mean working days from filing to the answer; null when nothing was resolved. */
  averageAnswerWorkingDays: number | null;
  open: number;
  overdueOpen: number;
  escalated: number;
};

export type SatisfactionFigures = {
  rated: number;
  good: number;
  bad: number;
  unrated: number;
  /** good / rated, 0–1; null when nothing was rated. */
  goodRate: number | null;
};

export type DemandStats = {
  from: string;
  to: string;
  /** When the figures were computed (they are cached for up to 30 s per park, range and officer). */
  generatedAt: string;
  /** Filled when the figures are one liaison's own. */
  liaisonId: string | null;
  visits: { count: number; enterprises: number };
  daiban: number;
  demands: DemandStatsRow;
  byCategory: (DemandStatsRow & { category: string; label: string })[];
  byOfficer: (DemandStatsRow & { userId: string | null; displayName: string; visits: number; visitedEnterprises: number; daiban: number; satisfaction: SatisfactionFigures | null })[];
  satisfaction: SatisfactionFigures;
};
