/**
 * 办件 service applications: filing (企业自办 or 代办 by the liaison), the workflow (受理, 不予受理,
 * 补正, 容缺受理 `rongque`, 告知承诺制 `chengnuo`, 特别程序, 审查, 决定 = 办结), the working-day
 * clock, post-checks 核查, and 工程建设项目 construction projects with their four stages.
 *
 * HTTP API (all JSON unless said otherwise; out-of-scope rows are 404):
 *
 * | method, path | body / query | answer | permission |
 * |---|---|---|---|
 * | `GET /api/service-applications` | `ZListServiceApplicationsQuery` | `Paged<ApplicationView>` | application:read |
 * | `GET /api/service-applications/board` | — | `ApplicationBoard` (counts for the queue tabs) | application:read |
 * | `POST /api/service-applications` | multipart: field `payload` = JSON `ZCreateServiceApplicationRequest`, files named `material.<key>` (or plain JSON without files) | 201 `ApplicationDetailView` | service:apply |
 * | `GET /api/service-applications/:id` | — | `ApplicationDetailView` | application:read |
 * | `POST /api/service-applications/:id/actions` | `ZServiceApplicationActionRequest` | `ApplicationDetailView` | application:read (+ the rules of `allowedActions`) |
 * | `POST /api/service-applications/:id/supply` | multipart: files named `material.<key>`, optional field `note` | `ApplicationDetailView` (action `supply`) | application:read |
 * | `GET /api/service-applications/:id/materials/:fileId` | — | the file | application:read |
 * | `GET /api/service-applications/:id/rongque-notice.docx` | — | 容缺受理通知书 .docx | application:read |
 * | `POST /api/service-applications/:id/rating` | `ZRateRequest` (online sub-scores) | 201 `RatingView` | application:read (the firm's user) |
 * | `GET /api/service-applications/settings` / `PUT` | `ZServiceApplicationSettings` | `ServiceApplicationSettings` | application:read / service:manage |
 * | `GET /api/service-postchecks` | `ZListPostchecksQuery` | `Paged<PostcheckView>` | application:read (staff) |
 * | `POST /api/service-postchecks/:id/result` | `ZPostcheckResultRequest` | `PostcheckView` | service:handle |
 * | `GET /api/service-projects` | `ZListServiceProjectsQuery` | `Paged<ServiceProjectView>` | project:read |
 * | `POST /api/service-projects` | `ZCreateServiceProjectRequest` | 201 `ServiceProjectDetailView` | project:manage |
 * | `GET /api/service-projects/:id` | — | `ServiceProjectDetailView` (stages, clocks, Gantt) | project:read |
 * | `PATCH /api/service-projects/:id` | `ZUpdateServiceProjectRequest` | `ServiceProjectDetailView` | project:manage |
 */
import { z } from 'zod';
import { FIELD_LABELS, ZDate, ZFen, ZId, ZPage, ZPageSize } from './common.js';
import type { RatingView } from './ratings.js';
import { PROJECT_STAGES, type CaseKind, type MaterialForm, type ProjectStage, type SpecialProcedure } from './services.js';
import type { CaseEventView } from './cases.js';

const APPLICATION_FIELD_LABELS: Record<string, string> = {
  itemId: '事项',
  projectId: '工程建设项目',
  materialKeys: '材料',
  rongqueKeys: '容缺材料',
  chengnuo: '告知承诺',
  deadline: '补齐期限',
  specialName: '特别程序',
  resultDocNumber: '决定文书文号',
  result: '核查结果',
  postcheckDays: '核查期限',
  location: '建设地点',
  investmentFen: '总投资',
  startedOn: '启动日期',
  targetDays: '目标工作日',
  plannedDays: '计划工作日',
  stages: '阶段',
  daiban: '是否代办',
  warning: '时限预警',
  payload: '申请内容',
  outcome: '办理结果',
};
for (const [key, label] of Object.entries(APPLICATION_FIELD_LABELS)) if (!(key in FIELD_LABELS)) FIELD_LABELS[key] = label;

// ---------------------------------------------------------------------------------------------
// Status, outcome, mode
// ---------------------------------------------------------------------------------------------

export const APPLICATION_STATUSES = [
  'submitted',
  'supplementing',
  'accepted',
  'rongque',
  'special',
  'reviewing',
  'finished',
  'not_accepted',
  'terminated',
  'withdrawn',
  'revoked',
] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

export const APPLICATION_STATUS_LABELS: Record<ApplicationStatus, string> = {
  submitted: '待受理',
  supplementing: '补正中',
  accepted: '已受理',
  rongque: '容缺待补',
  special: '特别程序中',
  reviewing: '审查中',
  finished: '已办结',
  not_accepted: '不予受理',
  terminated: '已终止',
  withdrawn: '已撤回',
  revoked: '已撤销',
};

/** States in which the case is still open (someone must act). */
export const OPEN_APPLICATION_STATUSES = ['submitted', 'supplementing', 'accepted', 'rongque', 'special', 'reviewing'] as const satisfies readonly ApplicationStatus[];
/** States in which the clock stands still (补正, 特别程序) — once accepted. */
export const PAUSED_APPLICATION_STATUSES = ['supplementing', 'special'] as const satisfies readonly ApplicationStatus[];

export const APPLICATION_OUTCOMES = ['approved', 'refused', 'not_accepted', 'terminated', 'withdrawn', 'revoked'] as const;
export type ApplicationOutcome = (typeof APPLICATION_OUTCOMES)[number];
export const APPLICATION_OUTCOME_LABELS: Record<ApplicationOutcome, string> = {
  approved: '准予许可',
  refused: '不予许可',
  not_accepted: '不予受理',
  terminated: '终止办理',
  withdrawn: '申请人撤回',
  revoked: '撤销决定',
};

/** normal 一般程序; rongque 容缺受理 (accepted with non-key materials missing); chengnuo 告知承诺制. */
export const APPLICATION_MODES = ['normal', 'rongque', 'chengnuo'] as const;
export type ApplicationMode = (typeof APPLICATION_MODES)[number];
export const APPLICATION_MODE_LABELS: Record<ApplicationMode, string> = { normal: '一般程序', rongque: '容缺受理', chengnuo: '告知承诺' };

/**
 * The enterprise tag (a `tag` dictionary code; its label 承诺失信) that marks a false promise:
 * no 容缺受理 nor 告知承诺 for the firm any more. The dictionary entry is added when first used.
 */
export const CHENGNUO_BAD_CREDIT_TAG = 'chengnuo_bad_credit';
export const CHENGNUO_BAD_CREDIT_TAG_LABEL = '承诺失信';

/** Default working days between a 告知承诺 decision and its post-check 核查 (configurable). */
export const DEFAULT_POSTCHECK_DAYS = 20;

/** 工程建设项目: the park's target and the legal cap (国办发〔2019〕11号), in working days. */
export const SERVICE_PROJECT_TARGET_DAYS = 60;
export const SERVICE_PROJECT_LEGAL_DAYS = 120;
/** How the 60-day target is split over the four stages by default (editable per project). */
export const DEFAULT_STAGE_PLANNED_DAYS: Record<ProjectStage, number> = { planning: 15, engineering: 20, construction: 10, acceptance: 15 };

// ---------------------------------------------------------------------------------------------
// Actions
// ---------------------------------------------------------------------------------------------

/**
 * What a person does to a case. `supply` goes through `POST /:id/supply` (it carries files); the
 * others through `POST /:id/actions`. `approve` and `refuse` are the decision 决定 and end the
 * case (办结) at once: the bureau issues the result document with the decision, and the clock stops
 * there. `approve` on a 待受理 case accepts and decides in one step (即办件, 告知承诺 即时决定).
 */
export const APPLICATION_ACTIONS = [
  'accept',
  'not_accept',
  'request_supplement',
  'supply',
  'accept_rongque',
  'start_special',
  'end_special',
  'start_review',
  'approve',
  'refuse',
  'withdraw',
  'record_visit',
] as const;
export type ApplicationAction = (typeof APPLICATION_ACTIONS)[number];

/** Every kind of timeline event: people's actions plus what the system writes. */
export const APPLICATION_EVENT_ACTIONS = [
  'submit',
  'sign_chengnuo',
  ...APPLICATION_ACTIONS,
  'upload',
  'terminate',
  'warn',
  'overdue',
  'postcheck_scheduled',
  'postcheck_passed',
  'postcheck_failed',
  'postcheck_overdue',
  'revoke',
  'rate',
] as const;
export type ApplicationEventAction = (typeof APPLICATION_EVENT_ACTIONS)[number];

export const APPLICATION_ACTION_LABELS: Record<ApplicationEventAction, string> = {
  submit: '提交申请',
  sign_chengnuo: '签署告知承诺书',
  accept: '受理',
  not_accept: '不予受理',
  request_supplement: '一次性告知补正',
  supply: '补齐材料',
  accept_rongque: '容缺受理',
  start_special: '启动特别程序',
  end_special: '特别程序结束',
  start_review: '开始审查',
  approve: '准予许可(办结)',
  refuse: '不予许可(办结)',
  withdraw: '撤回申请',
  record_visit: '登记到现场',
  upload: '上传材料',
  terminate: '逾期未补齐,终止办理',
  warn: '即将到期提醒',
  overdue: '已超承诺时限',
  postcheck_scheduled: '安排事后核查',
  postcheck_passed: '核查通过',
  postcheck_failed: '核查发现虚假承诺',
  postcheck_overdue: '核查逾期',
  revoke: '撤销审批决定',
  rate: '评价',
};

/** What each action needs in the request body, so the UI can show the right form. */
export const APPLICATION_ACTION_INPUTS: Record<
  ApplicationAction,
  { note: 'required' | 'optional'; materialKeys?: true; deadline?: true; specialName?: true; resultDocNumber?: true; files?: true }
> = {
  accept: { note: 'optional' },
  not_accept: { note: 'required' },
  request_supplement: { note: 'required', materialKeys: true },
  supply: { note: 'optional', files: true },
  accept_rongque: { note: 'optional', deadline: true },
  start_special: { note: 'optional', specialName: true },
  end_special: { note: 'optional' },
  start_review: { note: 'optional' },
  approve: { note: 'optional', resultDocNumber: true },
  refuse: { note: 'required' },
  withdraw: { note: 'optional' },
  record_visit: { note: 'optional' },
};

/** Who takes the action: the approver of the item (or admin), or the applicant side (firm or its liaison). */
export const APPLICATION_ACTION_SIDE: Record<ApplicationAction, 'handler' | 'applicant'> = {
  accept: 'handler',
  not_accept: 'handler',
  request_supplement: 'handler',
  supply: 'applicant',
  accept_rongque: 'handler',
  start_special: 'handler',
  end_special: 'handler',
  start_review: 'handler',
  approve: 'handler',
  refuse: 'handler',
  withdraw: 'applicant',
  record_visit: 'handler',
};

// ---------------------------------------------------------------------------------------------
// Requests
// ---------------------------------------------------------------------------------------------

const ZBoolQuery = z
  .enum(['true', 'false'], { error: '应为 true 或 false' })
  .transform((v) => v === 'true')
  .optional();

const ZMaterialKey = z
  .string({ error: '材料标识应为文字' })
  .trim()
  .regex(/^[A-Za-z0-9_-]{1,20}$/, { error: '材料标识格式不正确' });

const ZPhone = z
  .string({ error: '联系电话应为文字' })
  .trim()
  .max(40, { error: '联系电话最多40个字符' })
  .refine((s) => s === '' || /^[0-9()+\-\s转]{5,40}$/.test(s), { error: '联系电话格式不正确' })
  .optional();

/**
 * `POST /api/service-applications`. An enterprise user files for its own firm; a liaison files
 * 代办 for an assigned firm (`enterpriseId` required). Every required material must be uploaded,
 * or listed in `rongqueKeys` (non-key materials the item allows to supply later: the bureau may
 * then accept under 容缺受理), or be replaced by the signed 告知承诺 (`chengnuo: true`, only where
 * the item allows it; the commitment replaces every `chengnuoReplaceable` material not uploaded).
 */
export const ZCreateServiceApplicationRequest = z.object({
  itemId: ZId,
  enterpriseId: ZId.optional(),
  projectId: ZId.optional(),
  description: z.string({ error: '申请说明应为文字' }).trim().max(2000, { error: '申请说明最多2000个字' }).optional(),
  contactName: z.string({ error: '联系人应为文字' }).trim().max(50, { error: '联系人最多50个字' }).optional(),
  contactPhone: ZPhone,
  rongqueKeys: z.array(ZMaterialKey, { error: '容缺材料应为列表' }).max(60, { error: '容缺材料最多60项' }).default([]),
  chengnuo: z.boolean({ error: '告知承诺应为是/否' }).default(false),
  /**
   * 告知承诺: the name the signer types — their own name (prefilled with the firm's contact person),
   * never the company's. Recorded with the account that signed and the time.
   */
  chengnuoSigner: z.string({ error: '签署人应为文字' }).trim().max(50, { error: '签署人姓名最多50个字' }).optional(),
});
export type CreateServiceApplicationRequest = z.input<typeof ZCreateServiceApplicationRequest>;

/** The multipart file field of one material: `material.<key>` (several files per material allowed). */
export const MATERIAL_FILE_FIELD_PREFIX = 'material.';

export const ZServiceApplicationActionRequest = z.object({
  action: z.enum(APPLICATION_ACTIONS, { error: '操作不存在' }),
  note: z.string({ error: '说明应为文字' }).trim().max(2000, { error: '说明最多2000个字' }).optional(),
  /** request_supplement: the materials to correct or add (一次性告知). */
  materialKeys: z.array(ZMaterialKey, { error: '材料应为列表' }).max(60, { error: '材料最多60项' }).optional(),
  /** accept_rongque: the Shanghai date by which the missing materials are due (≤ the committed due date). */
  deadline: ZDate.optional(),
  /** start_special: the procedure's name (公示, 听证, 检测, 专家评审 …; the item's list or free text). */
  specialName: z.string({ error: '特别程序名称应为文字' }).trim().min(2, { error: '特别程序名称至少2个字' }).max(50, { error: '特别程序名称最多50个字' }).optional(),
  /** approve: the result document's number (许可证号 / 决定文书文号). */
  resultDocNumber: z.string({ error: '决定文书文号应为文字' }).trim().min(2, { error: '决定文书文号至少2个字' }).max(100, { error: '决定文书文号最多100个字' }).optional(),
});
export type ServiceApplicationActionRequest = z.infer<typeof ZServiceApplicationActionRequest>;

const ZApplicationStatusList = z
  .string()
  .trim()
  .transform((raw, ctx) => {
    const parts = raw.split(',').map((s) => s.trim()).filter(Boolean);
    const bad = parts.filter((p) => !(APPLICATION_STATUSES as readonly string[]).includes(p));
    if (bad.length > 0) {
      ctx.addIssue({ code: 'custom', message: `状态“${bad.join('、')}”不存在` });
      return z.NEVER;
    }
    return parts as ApplicationStatus[];
  })
  .optional();

export const ZListServiceApplicationsQuery = z.object({
  /** Comma list, e.g. `submitted,supplementing`. */
  status: ZApplicationStatusList,
  /** `open` = every open state, `closed` = every final one. */
  state: z.enum(['open', 'closed'], { error: '应为 open 或 closed' }).optional(),
  outcome: z.enum(APPLICATION_OUTCOMES, { error: '办理结果不存在' }).optional(),
  itemId: ZId.optional(),
  enterpriseId: ZId.optional(),
  projectId: ZId.optional(),
  mode: z.enum(APPLICATION_MODES, { error: '办理方式不存在' }).optional(),
  daiban: ZBoolQuery,
  /** Approver: cases of the caller's items only (an approver's reads are that already); liaison: its own 代办. */
  mine: ZBoolQuery,
  /** due_soon = ≤ 1 working day left; overdue = past the committed deadline. */
  warning: z.enum(['due_soon', 'overdue'], { error: '时限预警应为 due_soon 或 overdue' }).optional(),
  /** Case number, item or firm name. */
  q: z.string().trim().max(100, { error: '关键词最多100个字' }).optional(),
  /** Filed on or after this Shanghai date. */
  from: ZDate.optional(),
  /** Filed on or before this Shanghai date. */
  to: ZDate.optional(),
  /**
   * `urgency` (the 受理 queue's default): overdue first, then due soon (≤ 1 working day), then the
   * cases waiting for 受理 by filing time (oldest first), then the rest by deadline.
   */
  sort: z.enum(['urgency', '-submittedAt', 'submittedAt', 'dueAt', '-finishedAt'], { error: '排序方式不存在' }).optional(),
  page: ZPage,
  pageSize: ZPageSize,
});
export type ListServiceApplicationsQuery = z.infer<typeof ZListServiceApplicationsQuery>;

export const ZServiceApplicationSettings = z.object({
  postcheckDays: z
    .number({ error: '核查期限应为数字(工作日)' })
    .int({ error: '核查期限应为整数(工作日)' })
    .min(1, { error: '核查期限最少1个工作日' })
    .max(120, { error: '核查期限最多120个工作日' }),
});
export type ServiceApplicationSettings = z.infer<typeof ZServiceApplicationSettings>;

export const POSTCHECK_STATUSES = ['scheduled', 'passed', 'failed'] as const;
export type PostcheckStatus = (typeof POSTCHECK_STATUSES)[number];
export const POSTCHECK_STATUS_LABELS: Record<PostcheckStatus, string> = { scheduled: '待核查', passed: '核查属实', failed: '虚假承诺' };

export const ZListPostchecksQuery = z.object({
  status: z.enum(POSTCHECK_STATUSES, { error: '核查状态不存在' }).optional(),
  overdue: ZBoolQuery,
  itemId: ZId.optional(),
  enterpriseId: ZId.optional(),
  page: ZPage,
  pageSize: ZPageSize,
});
export type ListPostchecksQuery = z.infer<typeof ZListPostchecksQuery>;

/** `POST /api/service-postchecks/:id/result`: `failed` (虚假承诺) revokes the decision and flags the firm. */
export const ZPostcheckResultRequest = z.object({
  result: z.enum(['passed', 'failed'], { error: '核查结果应为 passed(属实)或 failed(虚假承诺)' }),
  note: z.string({ error: '核查情况应为文字' }).trim().min(5, { error: '核查情况至少5个字' }).max(2000, { error: '核查情况最多2000个字' }),
});
export type PostcheckResultRequest = z.infer<typeof ZPostcheckResultRequest>;

// Projects -------------------------------------------------------------------------------------

export const SERVICE_PROJECT_STATUSES = ['active', 'completed', 'cancelled'] as const;
export type ServiceProjectStatus = (typeof SERVICE_PROJECT_STATUSES)[number];
export const SERVICE_PROJECT_STATUS_LABELS: Record<ServiceProjectStatus, string> = { active: '审批中', completed: '已完成', cancelled: '已撤销' };

const ZStagePlannedDays = z.object({
  planning: z.number({ error: '计划工作日应为数字' }).int().min(0).max(400),
  engineering: z.number({ error: '计划工作日应为数字' }).int().min(0).max(400),
  construction: z.number({ error: '计划工作日应为数字' }).int().min(0).max(400),
  acceptance: z.number({ error: '计划工作日应为数字' }).int().min(0).max(400),
});

export const ZCreateServiceProjectRequest = z.object({
  enterpriseId: ZId,
  code: z
    .string({ error: '请填写项目代码' })
    .trim()
    .min(4, { error: '项目代码至少4位' })
    .max(40, { error: '项目代码最多40位' })
    .regex(/^[0-9A-Za-z\-]+$/, { error: '项目代码只能包含字母、数字和横线' }),
  name: z.string({ error: '请填写项目名称' }).trim().min(2, { error: '项目名称至少2个字' }).max(100, { error: '项目名称最多100个字' }),
  location: z.string({ error: '建设地点应为文字' }).trim().max(200, { error: '建设地点最多200个字' }).optional(),
  investmentFen: ZFen.optional(),
  /** Shanghai date the project entered the approval flow. */
  startedOn: ZDate,
  targetDays: z.number({ error: '目标工作日应为数字' }).int().min(1, { error: '目标工作日最少1天' }).max(SERVICE_PROJECT_LEGAL_DAYS, { error: `目标工作日不能超过${SERVICE_PROJECT_LEGAL_DAYS}个工作日` }).default(SERVICE_PROJECT_TARGET_DAYS),
  plannedDays: ZStagePlannedDays.optional(),
  note: z.string({ error: '备注应为文字' }).trim().max(1000, { error: '备注最多1000个字' }).optional(),
});
export type CreateServiceProjectRequest = z.input<typeof ZCreateServiceProjectRequest>;

export const ZUpdateServiceProjectRequest = z.object({
  name: ZCreateServiceProjectRequest.shape.name.optional(),
  location: ZCreateServiceProjectRequest.shape.location,
  investmentFen: ZFen.nullable().optional(),
  targetDays: z.number({ error: '目标工作日应为数字' }).int().min(1).max(SERVICE_PROJECT_LEGAL_DAYS, { error: `目标工作日不能超过${SERVICE_PROJECT_LEGAL_DAYS}个工作日` }).optional(),
  plannedDays: ZStagePlannedDays.optional(),
  status: z.enum(SERVICE_PROJECT_STATUSES, { error: '项目状态不存在' }).optional(),
  note: ZCreateServiceProjectRequest.shape.note,
});
export type UpdateServiceProjectRequest = z.input<typeof ZUpdateServiceProjectRequest>;

export const ZListServiceProjectsQuery = z.object({
  status: z.enum(SERVICE_PROJECT_STATUSES, { error: '项目状态不存在' }).optional(),
  enterpriseId: ZId.optional(),
  q: z.string().trim().max(100, { error: '关键词最多100个字' }).optional(),
  page: ZPage,
  pageSize: ZPageSize,
});
export type ListServiceProjectsQuery = z.infer<typeof ZListServiceProjectsQuery>;

// ---------------------------------------------------------------------------------------------
// Views
// ---------------------------------------------------------------------------------------------

/** none: on time; due_soon 即将到期 (≤ 1 working day left); overdue 已超期 (past the committed deadline); legal_overdue: past the legal one too. */
export const CLOCK_WARNINGS = ['none', 'due_soon', 'overdue', 'legal_overdue'] as const;
export type ClockWarning = (typeof CLOCK_WARNINGS)[number];
export const CLOCK_WARNING_LABELS: Record<ClockWarning, string> = { none: '正常', due_soon: '即将到期', overdue: '已超期', legal_overdue: '超法定时限' };

/** not_started: not accepted yet; running; paused (补正 / 特别程序); stopped: the case ended. */
export const CLOCK_STATES = ['not_started', 'running', 'paused', 'stopped'] as const;
export type ClockState = (typeof CLOCK_STATES)[number];
export const CLOCK_STATE_LABELS: Record<ClockState, string> = { not_started: '未起算', running: '计时中', paused: '已暂停', stopped: '已停止' };

export const PAUSE_KINDS = ['supplement', 'special'] as const;
export type PauseKind = (typeof PAUSE_KINDS)[number];
export const PAUSE_KIND_LABELS: Record<PauseKind, string> = { supplement: '补正', special: '特别程序' };

export type ClockPauseView = {
  id: string;
  kind: PauseKind;
  /** 补正 or the special procedure's name. */
  name: string;
  materialKeys: string[];
  note: string | null;
  /** A special procedure's own limit (working days), from the item. */
  maxDays: number | null;
  startedAt: string;
  endedAt: string | null;
  /** Working days the pause covers (so far, when still running). */
  workingDays: number;
};

/**
 * The working-day clock: counted from the day after acceptance on the Chinese calendar
 * (holidays and 调休 make-up days), paused days excluded; the deadlines shift by the paused days.
 */
export type ApplicationClockView = {
  state: ClockState;
  acceptedAt: string | null;
  committedDays: number;
  legalDays: number;
  /** Working days used so far (or at 办结), pauses excluded. */
  elapsedDays: number;
  /** Working days paused (补正, 特别程序), the running pause included. */
  pausedDays: number;
  /** committedDays − elapsedDays (negative when overdue); null before acceptance / after the end. */
  remainingDays: number | null;
  /** Committed deadline (end of day, Asia/Shanghai); null before acceptance; while paused, the deadline if the pause ended today. */
  dueAt: string | null;
  legalDueAt: string | null;
  warning: ClockWarning;
  /** Set at 办结. */
  withinLimit: boolean | null;
  /** The calendar lacked a year: counted Monday–Friday. */
  calendarGuessed: boolean;
  pauses: ClockPauseView[];
};

export type ApplicationEventView = CaseEventView<ApplicationEventAction, ApplicationStatus>;

export type ApplicationFileView = { id: string; filename: string; contentType: string; size: number; stage: 'filing' | 'supplement' | 'rongque'; createdAt: string };

/** uploaded; missing (required, nothing uploaded); rongque 容缺待补; chengnuo replaced by the commitment; supplement: asked for in a running 补正; optional: not required, not uploaded. */
export const MATERIAL_STATES = ['uploaded', 'missing', 'rongque', 'chengnuo', 'supplement', 'optional'] as const;
export type MaterialState = (typeof MATERIAL_STATES)[number];
export const MATERIAL_STATE_LABELS: Record<MaterialState, string> = {
  uploaded: '已提交',
  missing: '缺少',
  rongque: '容缺后补',
  chengnuo: '承诺替代',
  supplement: '待补正',
  optional: '选填未交',
};

export type ApplicationMaterialView = {
  key: string;
  name: string;
  form: MaterialForm;
  copies: number;
  required: boolean;
  isKey: boolean;
  rongqueAllowed: boolean;
  chengnuoReplaceable: boolean;
  note: string | null;
  state: MaterialState;
  files: ApplicationFileView[];
};

export type RongqueView = {
  noticeNumber: string;
  missing: { key: string; name: string; form: string; deadline: string }[];
  /** Shanghai date. */
  deadline: string;
  dueAt: string;
  /** The latest allowed deadline: the committed due date counted from acceptance. */
  committedDueAt: string;
  suppliedAt: string | null;
  terminatedAt: string | null;
  /** pending: waiting for the materials; supplied; terminated (not supplied in time); cancelled: the case was withdrawn while waiting. */
  state: 'pending' | 'supplied' | 'terminated' | 'cancelled';
};

export type ChengnuoView = { text: string; replacedKeys: string[]; replacedNames: string[]; signerName: string; signedAt: string };

export type PostcheckView = {
  id: string;
  applicationId: string;
  applicationNumber: string;
  itemId: string;
  itemName: string;
  enterpriseId: string;
  enterpriseName: string;
  status: PostcheckStatus;
  statusLabel: string;
  dueAt: string;
  overdue: boolean;
  checkedAt: string | null;
  checkedByName: string | null;
  result: string | null;
  createdAt: string;
  /** The caller may record the result. */
  canRecord: boolean;
};

/** One row of a list. Times are ISO strings (UTC). */
export type ApplicationView = {
  id: string;
  number: string;
  itemId: string;
  itemCode: string;
  itemName: string;
  department: string;
  enterpriseId: string;
  enterpriseName: string;
  projectId: string | null;
  projectName: string | null;
  projectStage: ProjectStage | null;
  applicantName: string;
  isDaiban: boolean;
  daibanLiaisonId: string | null;
  daibanLiaisonName: string | null;
  caseKind: CaseKind;
  mode: ApplicationMode;
  modeLabel: string;
  status: ApplicationStatus;
  statusLabel: string;
  outcome: ApplicationOutcome | null;
  outcomeLabel: string | null;
  submittedAt: string;
  acceptedAt: string | null;
  finishedAt: string | null;
  dueAt: string | null;
  legalDueAt: string | null;
  committedDays: number;
  /** Working days used (live while open, stored at 办结). */
  elapsedDays: number;
  remainingDays: number | null;
  clockState: ClockState;
  warning: ClockWarning;
  workingDaysUsed: number | null;
  withinLimit: boolean | null;
  visits: number;
  resultDocNumber: string | null;
  /** 容缺 deadline while materials are still missing. */
  rongqueDeadline: string | null;
};

export type ApplicationDetailView = ApplicationView & {
  description: string | null;
  contactName: string | null;
  contactPhone: string | null;
  decisionNote: string | null;
  decidedAt: string | null;
  decidedByName: string | null;
  acceptedByName: string | null;
  /** The item's special procedures (for the start_special form). */
  specialProcedures: SpecialProcedure[];
  chengnuoAllowed: boolean;
  materials: ApplicationMaterialView[];
  clock: ApplicationClockView;
  currentPause: ClockPauseView | null;
  rongque: RongqueView | null;
  chengnuo: ChengnuoView | null;
  postcheck: PostcheckView | null;
  timeline: ApplicationEventView[];
  /** What the caller may do now (in the order the UI shows them). */
  allowedActions: ApplicationAction[];
  /** Materials a 容缺受理 would leave missing (all non-key and rongqueAllowed), when `accept_rongque` is allowed. */
  rongqueCandidates: { key: string; name: string; form: string }[];
  /** The latest date a 容缺 deadline may be (the committed due date if accepted now), when `accept_rongque` is allowed. */
  rongqueLatestDeadline: string | null;
  rating: RatingView | null;
  /** The caller (the firm's user) may rate it now: 办结 within 7 days and not rated. */
  canRate: boolean;
};

export type ApplicationBoard = {
  total: number;
  open: number;
  byStatus: Record<ApplicationStatus, number>;
  dueSoon: number;
  overdue: number;
  /** 容缺 cases still waiting for materials. */
  rongquePending: number;
  /** Post-checks scheduled (and overdue) on the caller's items. */
  postchecksScheduled: number;
  postchecksOverdue: number;
};

// Projects -------------------------------------------------------------------------------------

export type ServiceProjectView = {
  id: string;
  code: string;
  name: string;
  enterpriseId: string;
  enterpriseName: string;
  location: string | null;
  investmentFen: number | null;
  startedOn: string;
  status: ServiceProjectStatus;
  statusLabel: string;
  targetDays: number;
  legalDays: number;
  /** Working days the government side has held the project (union of running applications, pauses excluded). */
  totalDays: number;
  /** The stage currently under way (the first not finished), null when all are done. */
  currentStage: ProjectStage | null;
  currentStageLabel: string | null;
  applicationCount: number;
  openCount: number;
  warning: 'none' | 'over_target' | 'over_legal';
};

export type GanttSpan = { from: string; to: string; kind: PauseKind; name: string };

/** One bar of the Gantt chart: an application from acceptance (or filing) to 办结 (or now). */
export type GanttApplicationBar = {
  id: string;
  number: string;
  itemId: string;
  itemName: string;
  status: ApplicationStatus;
  statusLabel: string;
  outcome: ApplicationOutcome | null;
  submittedAt: string;
  /** Acceptance (the clock's start); null when not accepted yet. */
  start: string | null;
  /** 办结, or null while open (draw to `now`). */
  end: string | null;
  committedDays: number;
  elapsedDays: number;
  warning: ClockWarning;
  pausedSpans: GanttSpan[];
};

export type ServiceProjectStageView = {
  stage: ProjectStage;
  label: string;
  sort: number;
  plannedDays: number;
  /** not_started: no application accepted; in_progress; done: every application of the stage ended. */
  status: 'not_started' | 'in_progress' | 'done';
  /** First acceptance in the stage. */
  startedAt: string | null;
  /** Last 办结 in the stage, once all ended. */
  finishedAt: string | null;
  /** Working days from the first acceptance to the last 办结 (or now), days on which every application was paused excluded. */
  workingDays: number;
  overPlan: boolean;
  applications: GanttApplicationBar[];
};

export type ServiceProjectDetailView = ServiceProjectView & {
  note: string | null;
  createdAt: string;
  stages: ServiceProjectStageView[];
  /** The Gantt chart's frame: from the project's start to the last end (or now). */
  gantt: { from: string; to: string; now: string };
  /** Items of each stage that may be filed for this project (for the 申请 buttons). */
  stageItems: { stage: ProjectStage; items: { id: string; code: string; name: string; committedDays: number }[] }[];
  canManage: boolean;
  canApply: boolean;
};

export const SERVICE_PROJECT_STAGE_ORDER: readonly ProjectStage[] = PROJECT_STAGES;

/** Web paths the server's notifications link to (the web routes must serve them). */
export const SERVICE_APPLICATION_LINKS = {
  application: (id: string) => `/services/applications/${id}`,
  applications: '/services/applications',
  project: (id: string) => `/services/projects/${id}`,
  postchecks: '/services/postchecks',
} as const;

/** Outcomes that end a case with a decision of the bureau: these cases are rated (一事一评). */
export const RATEABLE_APPLICATION_OUTCOMES = ['approved', 'refused', 'not_accepted', 'revoked'] as const satisfies readonly ApplicationOutcome[];
