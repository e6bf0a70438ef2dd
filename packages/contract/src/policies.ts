/**
 * 政策兑现: the policy library (frozen versions), enterprise facts, matching 政策精准匹配, 申报
 * applications (初审 → 复审 → 公示 → 拨付), 公示 batches and objections, 免申即享 runs and grants.
 *
 * Endpoints (all JSON unless noted; permission in brackets; out-of-scope rows answer 404):
 *
 * Library
 *   GET    /api/policies                               [policy:read]   ZListPoliciesQuery → Paged<PolicySummary> (enterprise users: published only)
 *   GET    /api/policies/stats                         [policy:read]   → PolicyOverview (officer dashboard figures)
 *   POST   /api/policies                               [policy:manage] ZCreatePolicyRequest → PolicyDetail (draft + draft version 1)
 *   GET    /api/policies/:id                           [policy:read]   → PolicyDetail
 *   PATCH  /api/policies/:id                           [policy:manage] ZUpdatePolicyRequest → PolicyDetail (only while never published; else 409)
 *   POST   /api/policies/:id/versions                  [policy:manage] ZCreateVersionRequest → PolicyDetail (a new draft version; copies the current rule unless given)
 *          Drafts may hold an unfinished rule (saved as is; its problems are listed in draftVersion.problems); publish and test need a valid one (400 with details).
 *   PATCH  /api/policies/:id/versions/:versionId       [policy:manage] ZUpdateVersionRequest → PolicyDetail (draft versions only; published → 409)
 *   DELETE /api/policies/:id/versions/:versionId       [policy:manage] → PolicyDetail (discard a draft version that is not the only one)
 *   POST   /api/policies/:id/publish                   [policy:manage] ZPublishPolicyRequest → PolicyDetail (+ matchJobId)
 *   POST   /api/policies/:id/withdraw                  [policy:manage] ZWithdrawPolicyRequest → PolicyDetail
 *   POST   /api/policies/:id/documents                 [policy:manage] multipart: file (PDF/Word/image), field kind → PolicyDocument
 *   GET    /api/policies/:id/documents/:documentId     [policy:read]   → the file
 *   DELETE /api/policies/:id/documents/:documentId     [policy:manage] → 204 (not the 原文 of a published policy: 409)
 *   POST   /api/policies/validate-rule                 [policy:manage] ZValidateRuleRequest → PolicyRuleCheckResult (400 VALIDATION_FAILED with details [{path, message}] when invalid)
 *   POST   /api/policies/:id/test                      [policy:manage] ZTestRuleRequest → PolicyTestResult (the evaluation trace)
 *   GET    /api/policies/:id/matches                   [policy:manage] ZListMatchesQuery → Paged<PolicyMatchRow> ("符合条件未申报": status=eligible&applied=false)
 *   GET    /api/policies/:id/matches.xlsx              [policy:manage] same query → Excel
 *   POST   /api/policies/:id/rematch                   [policy:manage] → { jobId } (recompute this policy for every firm)
 *   POST   /api/policies/rematch                       [policy:manage] → { jobId } (recompute every policy for every firm)
 *   GET    /api/policies/recommended                   [policy:read]   ZRecommendedQuery → RecommendedPolicies (为您推荐的政策; enterprise: its own firm, staff: ?enterpriseId=)
 *   GET    /api/enterprises/:id/policy-matches         [policy:read]   → EnterprisePolicyMatches (企业画像: every stored match of one firm, in scope)
 *
 * Facts (the data rules read)
 *   GET    /api/fact-definitions                       [policy:read]   → FactDefinition[] (builtins + park's own)
 *   POST   /api/fact-definitions                       [policy:manage] ZCreateFactDefinitionRequest → FactDefinition
 *   PATCH  /api/fact-definitions/:key                  [policy:manage] ZUpdateFactDefinitionRequest → FactDefinition
 *   GET    /api/enterprises/:id/facts                  [enterprise:read] ZFactsQuery → EnterpriseFacts
 *   PUT    /api/enterprises/:id/facts                  [enterprise:write | policy:manage] ZPutFactsRequest → EnterpriseFacts (firm users: only reportable facts of their own firm)
 *   POST   /api/facts/import                           [policy:manage] multipart xlsx (统一社会信用代码, 年度, one column per fact label) → FactImportReport
 *   GET    /api/facts/template.xlsx                    [policy:manage] → the import template
 *
 * 申报 applications
 *   GET    /api/policy-applications                    [policy-application:read] ZListPolicyApplicationsQuery → Paged<PolicyApplicationSummary>
 *   GET    /api/policy-applications.xlsx               [policy-application:read] same query → Excel
 *   POST   /api/policy-applications                    [policy:apply]  ZCreatePolicyApplicationRequest → PolicyApplicationDetail (draft, prefilled)
 *   GET    /api/policy-applications/:id                [policy-application:read] → PolicyApplicationDetail
 *   PATCH  /api/policy-applications/:id                [policy:apply]  ZUpdatePolicyApplicationRequest → PolicyApplicationDetail (draft / returned)
 *   POST   /api/policy-applications/:id/files          [policy:apply]  multipart: file, field material → PolicyApplicationFile
 *   GET    /api/policy-applications/:id/files/:fileId  [policy-application:read] → the file
 *   DELETE /api/policy-applications/:id/files/:fileId  [policy:apply]  → 204 (draft / returned)
 *   POST   /api/policy-applications/:id/transitions    [per action]    ZPolicyApplicationTransitionRequest → PolicyApplicationDetail
 *   POST   /api/policy-applications/:id/payout         [payout:execute] ZPolicyApplicationPayoutRequest → PolicyApplicationDetail (after 公示)
 *
 * 公示 publicity
 *   POST   /api/policy-publicity                       [policy:review] ZCreatePublicityRequest → PublicityBatchDetail
 *   GET    /api/policy-publicity                       [policy-application:read] ZListPublicityQuery → Paged<PublicityBatchSummary>
 *   GET    /api/policy-publicity/:id                   [policy-application:read] → PublicityBatchDetail (with objections)
 *   POST   /api/policy-objections/:id/handle           [policy:review] ZHandleObjectionRequest → PolicyObjection
 *   GET    /api/public/policy-publicity                (no log-in)     ZPublicPublicityQuery → Paged<PublicPublicityBatch>
 *   GET    /api/public/policy-publicity/:id            (no log-in)     → PublicPublicityBatchDetail
 *   POST   /api/public/policy-publicity/:id/objections (no log-in)     ZSubmitObjectionRequest → { id, receivedAt }
 *
 * 免申即享 runs and grants
 *   POST   /api/policies/:id/runs?wait=true|false      [policy:manage] ZStartRunRequest → ExemptionRunSummary (jobId: runs in the background; wait=true: answers when done)
 *   GET    /api/policies/:id/runs                      [policy:read]   → ExemptionRunSummary[]
 *   GET    /api/policy-runs/:id                        [policy:manage] ZRunItemsQuery → ExemptionRunReport
 *   GET    /api/policy-runs/:id/report.xlsx            [policy:manage] → Excel report of every firm granted or skipped
 *   GET    /api/policy-grants                          [policy-application:read] ZListGrantsQuery → Paged<PolicyGrantSummary>
 *   GET    /api/policy-grants/:id                      [policy-application:read] → PolicyGrantDetail
 *   POST   /api/policy-grants/:id/confirm              [policy:apply (own firm) | payout:execute (on its behalf, note required)] ZConfirmGrantRequest → PolicyGrantDetail (paid at once)
 *   POST   /api/policy-grants/:id/cancel               [policy:manage] ZCancelGrantRequest → PolicyGrantDetail
 */
import { z } from 'zod';
import { ZDate, ZFen, ZId, ZPage, ZPageSize } from './common.js';
import type { MissingItem, PolicyRule, TraceNode } from './policy-rules/types.js';
import { zStatusList, type CaseEventView } from './cases.js';

// ---------------------------------------------------------------------------------------------
// Dictionaries
// ---------------------------------------------------------------------------------------------

export const POLICY_CATEGORIES = ['产业扶持', '科技创新', '股改上市', '就业用工', '人才引进', '纾困'] as const;
export type PolicyCategory = (typeof POLICY_CATEGORIES)[number];

export const POLICY_MODES = ['apply', 'auto'] as const;
export type PolicyMode = (typeof POLICY_MODES)[number];
export const POLICY_MODE_LABELS: Record<PolicyMode, string> = { apply: '申报', auto: '免申即享' };

export const POLICY_STATUSES = ['draft', 'published', 'withdrawn', 'expired'] as const;
export type PolicyStatus = (typeof POLICY_STATUSES)[number];
export const POLICY_STATUS_LABELS: Record<PolicyStatus, string> = { draft: '草稿', published: '已发布', withdrawn: '已撤回', expired: '已到期' };

export const POLICY_VERSION_STATUSES = ['draft', 'published', 'superseded'] as const;
export type PolicyVersionStatus = (typeof POLICY_VERSION_STATUSES)[number];
export const POLICY_VERSION_STATUS_LABELS: Record<PolicyVersionStatus, string> = { draft: '草稿', published: '生效中', superseded: '已被替代' };

export const POLICY_DOCUMENT_KINDS = ['original', 'interpretation', 'form', 'other'] as const;
export type PolicyDocumentKind = (typeof POLICY_DOCUMENT_KINDS)[number];
export const POLICY_DOCUMENT_KIND_LABELS: Record<PolicyDocumentKind, string> = { original: '政策原文', interpretation: '政策解读', form: '申报表格', other: '其他附件' };

/** Actions on a policy the UI shows as buttons (see PolicyDetail.allowedActions). */
export const POLICY_ACTIONS = ['edit', 'edit_version', 'new_version', 'publish', 'withdraw', 'test', 'run', 'apply', 'upload_document'] as const;
export type PolicyAction = (typeof POLICY_ACTIONS)[number];
export const POLICY_ACTION_LABELS: Record<PolicyAction, string> = {
  edit: '编辑基本信息',
  edit_version: '编辑规则',
  new_version: '新建版本',
  publish: '发布',
  withdraw: '撤回',
  test: '企业试算',
  run: '免申即享兑现',
  apply: '我要申报',
  upload_document: '上传附件',
};

export const MATCH_STATUSES = ['eligible', 'unknown', 'ineligible'] as const;
export type MatchStatus = (typeof MATCH_STATUSES)[number];
export const MATCH_STATUS_LABELS: Record<MatchStatus, string> = { eligible: '符合条件', unknown: '待补充数据', ineligible: '不符合' };

export const FACT_TYPES = ['number', 'boolean', 'text'] as const;
export type FactType = (typeof FACT_TYPES)[number];
export const FACT_TYPE_LABELS: Record<FactType, string> = { number: '数值', boolean: '是/否', text: '文字' };
/** year: one value per data year; latest: a state (the most recent year ≤ the year asked counts). */
export const FACT_PERIODS = ['year', 'latest'] as const;
export type FactPeriod = (typeof FACT_PERIODS)[number];
export const FACT_PERIOD_LABELS: Record<FactPeriod, string> = { year: '按年度', latest: '状态(取最近一年)' };
export const FACT_UNITS = ['fen', 'percent', 'count', 'number', 'months'] as const;
export type FactUnit = (typeof FACT_UNITS)[number];

export const FACT_SOURCES = ['enterprise', 'officer', 'import', 'system'] as const;
export type FactSource = (typeof FACT_SOURCES)[number];
export const FACT_SOURCE_LABELS: Record<FactSource, string> = { enterprise: '企业填报', officer: '窗口录入', import: '批量导入', system: '系统计算' };

// Applications 申报 ----------------------------------------------------------------------------

export const POLICY_APPLICATION_STATUSES = ['draft', 'submitted', 'returned', 'first_passed', 'approved', 'publicity', 'paid', 'rejected', 'withdrawn'] as const;
export type PolicyApplicationStatus = (typeof POLICY_APPLICATION_STATUSES)[number];
export const POLICY_APPLICATION_STATUS_LABELS: Record<PolicyApplicationStatus, string> = {
  draft: '草稿',
  submitted: '待初审',
  returned: '退回补正',
  first_passed: '待复审',
  approved: '待公示',
  publicity: '公示中',
  paid: '已拨付',
  rejected: '未通过',
  withdrawn: '已撤回',
};
/** Progress steps for a parcel-like tracker (enterprise phone view). */
export const POLICY_APPLICATION_STEPS = ['申报', '初审', '复审', '公示', '拨付'] as const;

/** States still moving (an officer or the firm must act). */
export const OPEN_POLICY_APPLICATION_STATUSES = ['draft', 'submitted', 'returned', 'first_passed', 'approved', 'publicity'] as const satisfies readonly PolicyApplicationStatus[];

/**
 * Actions through `POST /api/policy-applications/:id/transitions`. pass/return/reject act on the
 * current review step: from 待初审 they are 初审, from 待复审 they are 复审.
 * Who: submit/withdraw — the firm (policy:apply, own firm or assigned liaison); pass/return/reject — policy:review.
 */
export const POLICY_APPLICATION_ACTIONS = ['submit', 'withdraw', 'pass', 'return', 'reject'] as const;
export type PolicyApplicationAction = (typeof POLICY_APPLICATION_ACTIONS)[number];

/** Every kind of timeline event. */
export const POLICY_APPLICATION_EVENT_ACTIONS = [
  'create',
  'submit',
  'resubmit',
  'withdraw',
  'first_pass',
  'first_return',
  'first_reject',
  'second_pass',
  'second_return',
  'second_reject',
  'publicize',
  'objection',
  'objection_upheld',
  'objection_dismissed',
  'payout',
  'payout_reversed',
  'attach',
] as const;
export type PolicyApplicationEventAction = (typeof POLICY_APPLICATION_EVENT_ACTIONS)[number];
export const POLICY_APPLICATION_EVENT_LABELS: Record<PolicyApplicationEventAction, string> = {
  create: '创建申报',
  submit: '提交申报',
  resubmit: '补正后重新提交',
  withdraw: '撤回申报',
  first_pass: '初审通过',
  first_return: '初审退回补正',
  first_reject: '初审不通过',
  second_pass: '复审通过',
  second_return: '复审退回补正',
  second_reject: '复审不通过',
  publicize: '进入公示',
  objection: '收到公示异议',
  objection_upheld: '异议成立',
  objection_dismissed: '异议不成立',
  payout: '资金拨付',
  payout_reversed: '拨付退回',
  attach: '上传材料',
};

/** Button labels for the current step (the UI shows `${label}`; pass/return/reject depend on the step). */
export function policyApplicationActionLabel(action: PolicyApplicationAction, status: PolicyApplicationStatus): string {
  const step = status === 'first_passed' ? '复审' : '初审';
  switch (action) {
    case 'submit':
      return status === 'returned' ? '重新提交' : '提交申报';
    case 'withdraw':
      return '撤回';
    case 'pass':
      return `${step}通过`;
    case 'return':
      return '退回补正';
    case 'reject':
      return '不予通过';
  }
}

/** What each action needs in the body. */
export const POLICY_APPLICATION_ACTION_INPUTS: Record<PolicyApplicationAction, { note: 'required' | 'optional'; amount?: true }> = {
  submit: { note: 'optional' },
  withdraw: { note: 'optional' },
  pass: { note: 'optional', amount: true },
  return: { note: 'required' },
  reject: { note: 'required' },
};

// 免申即享 ------------------------------------------------------------------------------------

export const EXEMPTION_RUN_STATUSES = ['running', 'done', 'failed'] as const;
export type ExemptionRunStatus = (typeof EXEMPTION_RUN_STATUSES)[number];
export const EXEMPTION_RUN_STATUS_LABELS: Record<ExemptionRunStatus, string> = { running: '运行中', done: '已完成', failed: '失败' };

export const RUN_ITEM_REASONS = ['granted', 'ineligible', 'unknown', 'already_granted', 'already_paid', 'excluded', 'applied', 'no_funds'] as const;
export type RunItemReason = (typeof RUN_ITEM_REASONS)[number];
export const RUN_ITEM_REASON_LABELS: Record<RunItemReason, string> = {
  granted: '已发放待确认',
  ineligible: '不符合条件',
  unknown: '数据不全',
  already_granted: '本期已发放',
  already_paid: '本期已兑付',
  excluded: '与其他政策互斥',
  applied: '已通过申报渠道办理',
  no_funds: '专项资金余额不足',
};

export const GRANT_STATUSES = ['awaiting', 'paid', 'cancelled', 'expired'] as const;
export type GrantStatus = (typeof GRANT_STATUSES)[number];
export const GRANT_STATUS_LABELS: Record<GrantStatus, string> = { awaiting: '待确认账户', paid: '已拨付', cancelled: '已取消', expired: '已过期' };
/**
 * 免申即享: a grant holds its money in the fund from the run; the firm confirms its account within
 * this many days, else the grant expires and the money returns to the fund's available balance.
 */
export const GRANT_CONFIRM_DAYS = 90;
/**
 * The order in which a run grants when the fund cannot cover every eligible firm: smallest amount
 * first (so the most firms are served), then by 统一社会信用代码; the rest are skipped for 资金不足.
 */
export const RUN_GRANT_ORDER_TEXT = '资金不足以覆盖全部符合条件的企业时,按兑现金额从小到大(金额相同按统一社会信用代码)依次发放,余额用尽后的企业记为“专项资金余额不足”';

export const OBJECTION_STATUSES = ['open', 'upheld', 'dismissed'] as const;
export type ObjectionStatus = (typeof OBJECTION_STATUSES)[number];
export const OBJECTION_STATUS_LABELS: Record<ObjectionStatus, string> = { open: '待处理', upheld: '异议成立', dismissed: '异议不成立' };

/** 公示期: working days. */
export const PUBLICITY_WORKING_DAYS = 5;

// ---------------------------------------------------------------------------------------------
// Shared field schemas
// ---------------------------------------------------------------------------------------------

const ZBoolQuery = z
  .enum(['true', 'false'], { error: '应为 true 或 false' })
  .transform((v) => v === 'true')
  .optional();

const text = (label: string, min: number, max: number) =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .min(min, { error: min <= 1 ? `请填写${label}` : `${label}至少${min}个字` })
    .max(max, { error: `${label}最多${max}个字` });

const optionalText = (label: string, max: number) =>
  z
    .string({ error: `${label}应为文字` })
    .trim()
    .max(max, { error: `${label}最多${max}个字` })
    .nullable()
    .optional()
    .transform((v) => (v === '' ? null : v));

/** The period a payment belongs to: '2026', '2026-H1', '2026-Q3', '2026-05', 'once', 'stage:股改', '2026#2'. */
export const ZPeriodKey = z
  .string({ error: '请填写兑现期间' })
  .trim()
  .regex(/^(\d{4}(-H[12]|-Q[1-4]|-(0[1-9]|1[0-2]))?(#\d{1,2})?|once|stage:[^\s]{1,30})$/, {
    error: '兑现期间格式应为 2026、2026-H1、2026-Q3、2026-05、once 或 stage:股改',
  });

const ZMaterial = z.object({
  name: text('材料名称', 1, 100),
  required: z.boolean({ error: '是否必需应为是/否' }).default(true),
  hint: optionalText('材料说明', 300),
});
export type PolicyMaterial = { name: string; required: boolean; hint?: string | null };

const ZPolicyCode = z
  .string({ error: '请填写政策编码' })
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{1,39}$/, { error: '政策编码为2-40位字母、数字、- 或 _' });

const policyFields = {
  title: text('政策名称', 4, 120),
  docNumber: optionalText('文号', 80),
  issuer: optionalText('发文单位', 100),
  category: z.enum(POLICY_CATEGORIES, { error: `政策类别应为 ${POLICY_CATEGORIES.join('、')}` }),
  summary: optionalText('政策摘要', 2000),
  mode: z.enum(POLICY_MODES, { error: '兑现方式应为 apply(申报)或 auto(免申即享)' }),
  fundId: ZId.nullable().optional(),
  validFrom: ZDate,
  validTo: ZDate.nullable().optional(),
  contact: optionalText('咨询电话/窗口', 200),
  tags: z.array(text('标签', 1, 20), { error: '标签应为列表' }).max(20, { error: '标签最多20个' }).optional(),
};

// ---------------------------------------------------------------------------------------------
// Library requests
// ---------------------------------------------------------------------------------------------

export const ZListPoliciesQuery = z.object({
  q: z.string().trim().max(100, { error: '关键词最多100个字' }).optional(),
  category: z.enum(POLICY_CATEGORIES, { error: '政策类别不存在' }).optional(),
  mode: z.enum(POLICY_MODES, { error: '兑现方式不存在' }).optional(),
  status: z.enum(POLICY_STATUSES, { error: '政策状态不存在' }).optional(),
  fundId: ZId.optional(),
  page: ZPage,
  pageSize: ZPageSize,
});
export type ListPoliciesQuery = z.infer<typeof ZListPoliciesQuery>;

/** `POST /api/policies`: a draft policy with its first draft version. */
export const ZCreatePolicyRequest = z
  .object({
    code: ZPolicyCode.optional(),
    ...policyFields,
    /** The rule (P1's ZPolicyRule); validated by the server with the rule engine. */
    rule: z.unknown().optional(),
    effectiveFrom: ZDate.optional(),
    materials: z.array(ZMaterial, { error: '申报材料应为列表' }).max(30, { error: '申报材料最多30项' }).optional(),
  })
  .refine((v) => !v.validTo || v.validTo >= v.validFrom, { error: '有效期止不能早于有效期起', path: ['validTo'] });
export type CreatePolicyRequest = z.input<typeof ZCreatePolicyRequest>;

export const ZUpdatePolicyRequest = z.object({
  title: policyFields.title.optional(),
  docNumber: policyFields.docNumber,
  issuer: policyFields.issuer,
  category: policyFields.category.optional(),
  summary: policyFields.summary,
  mode: policyFields.mode.optional(),
  fundId: policyFields.fundId,
  validFrom: ZDate.optional(),
  validTo: ZDate.nullable().optional(),
  contact: policyFields.contact,
  tags: policyFields.tags,
});
export type UpdatePolicyRequest = z.input<typeof ZUpdatePolicyRequest>;

export const ZCreateVersionRequest = z.object({
  rule: z.unknown().optional(),
  effectiveFrom: ZDate,
  changeNote: optionalText('修订说明', 1000),
  materials: z.array(ZMaterial, { error: '申报材料应为列表' }).max(30, { error: '申报材料最多30项' }).optional(),
});
export type CreateVersionRequest = z.input<typeof ZCreateVersionRequest>;

export const ZUpdateVersionRequest = z.object({
  rule: z.unknown().optional(),
  effectiveFrom: ZDate.optional(),
  changeNote: optionalText('修订说明', 1000),
  materials: z.array(ZMaterial, { error: '申报材料应为列表' }).max(30, { error: '申报材料最多30项' }).optional(),
});
export type UpdateVersionRequest = z.input<typeof ZUpdateVersionRequest>;

export const ZPolicyVersionParams = z.object({ id: z.uuid(), versionId: z.uuid() });
export const ZPolicyDocumentParams = z.object({ id: z.uuid(), documentId: z.uuid() });
export const ZPolicyFileParams = z.object({ id: z.uuid(), fileId: z.uuid() });

/** Publishes the draft version (the only one); effectiveFrom overrides the draft's date. */
export const ZPublishPolicyRequest = z.object({ effectiveFrom: ZDate.optional() });
export type PublishPolicyRequest = z.infer<typeof ZPublishPolicyRequest>;

export const ZWithdrawPolicyRequest = z.object({ reason: text('撤回原因', 2, 500) });
export type WithdrawPolicyRequest = z.infer<typeof ZWithdrawPolicyRequest>;

export const ZValidateRuleRequest = z.object({ rule: z.unknown() });
export type PolicyRuleCheckResult = { ok: true; description: string };

/** `POST /api/policies/:id/test`: the given rule (or the draft / current version's) on one firm. */
export const ZTestRuleRequest = z.object({
  rule: z.unknown().optional(),
  enterpriseId: ZId,
  /** Evaluate as of this date (dated parameters); default today. */
  asOf: ZDate.optional(),
});
export type TestRuleRequest = z.infer<typeof ZTestRuleRequest>;

export const ZListMatchesQuery = z.object({
  status: z.enum(MATCH_STATUSES, { error: '匹配状态不存在' }).optional(),
  /** false: no live application, grant or payout for the period yet ("符合条件未申报"). */
  applied: ZBoolQuery,
  q: z.string().trim().max(100, { error: '关键词最多100个字' }).optional(),
  page: ZPage,
  pageSize: ZPageSize,
});
export type ListMatchesQuery = z.infer<typeof ZListMatchesQuery>;

export const ZRecommendedQuery = z.object({ enterpriseId: ZId.optional() });

// Facts ---------------------------------------------------------------------------------------

const ZFactKey = z
  .string({ error: '请填写指标编码' })
  .trim()
  .regex(/^[a-z][a-z0-9_]{1,62}$/, { error: '指标编码为小写字母开头的字母、数字、下划线(2-63位)' });

const ZCountWord = z
  .string({ error: '计数单位应为文字' })
  .trim()
  .regex(/^[\u4e00-\u9fa5]{1,4}$/, { error: '计数单位为1-4个汉字,如 件、项、家、人' })
  .nullable()
  .optional();

export const ZCreateFactDefinitionRequest = z.object({
  key: ZFactKey,
  label: text('指标名称', 2, 50),
  unit: z.enum(FACT_UNITS, { error: '单位应为 fen(元)、percent(%)、count(人/个)、number 或 months' }).nullable().optional(),
  /** count facts: what is counted (件, 项, 家…), read back after the number; absent reads 人 */
  countWord: ZCountWord,
  type: z.enum(FACT_TYPES, { error: '指标类型应为 number、boolean 或 text' }),
  period: z.enum(FACT_PERIODS, { error: '取值方式应为 year(按年度)或 latest(状态)' }).default('year'),
  /** text facts: the allowed values */
  options: z
    .array(z.object({ value: text('选项值', 1, 40), label: text('选项名称', 1, 40) }), { error: '选项应为列表' })
    .max(50, { error: '选项最多50个' })
    .nullable()
    .optional(),
  enterpriseReportable: z.boolean({ error: '企业可填报应为是/否' }).default(false),
  description: optionalText('指标说明', 500),
});
export type CreateFactDefinitionRequest = z.input<typeof ZCreateFactDefinitionRequest>;

export const ZUpdateFactDefinitionRequest = z.object({
  label: text('指标名称', 2, 50).optional(),
  countWord: ZCountWord,
  options: z
    .array(z.object({ value: text('选项值', 1, 40), label: text('选项名称', 1, 40) }), { error: '选项应为列表' })
    .max(50, { error: '选项最多50个' })
    .nullable()
    .optional(),
  enterpriseReportable: z.boolean({ error: '企业可填报应为是/否' }).optional(),
  description: optionalText('指标说明', 500),
  active: z.boolean({ error: '是否启用应为是/否' }).optional(),
});
export type UpdateFactDefinitionRequest = z.input<typeof ZUpdateFactDefinitionRequest>;
export const ZFactKeyParams = z.object({ key: ZFactKey });

export const ZFactsQuery = z.object({ year: z.coerce.number({ error: '年份应为数字' }).int().min(2000).max(2100).optional() });

/** One value in the fact's unit: fen for money, percent as 5.5 for 5.5%, booleans as true/false. */
export const ZFactValue = z.object({
  key: ZFactKey,
  /** Data year (a 'latest' fact holds its state from this year on). */
  year: z.number({ error: '年度应为数字' }).int({ error: '年度应为整数' }).min(2000, { error: '年度应在2000-2100之间' }).max(2100, { error: '年度应在2000-2100之间' }),
  /** null clears the value. */
  value: z.union([z.number({ error: '数值应为数字' }).finite(), z.string().trim().max(500, { error: '内容最多500个字' }), z.boolean(), z.null()], {
    error: '值应为数字、文字、是/否或空',
  }),
});
export const ZPutFactsRequest = z.object({
  facts: z.array(ZFactValue, { error: '数据应为列表' }).min(1, { error: '请至少填写一项数据' }).max(500, { error: '一次最多500项' }),
});
export type PutFactsRequest = z.input<typeof ZPutFactsRequest>;

// Applications --------------------------------------------------------------------------------

const ZAccount = {
  accountName: text('开户名称', 2, 100),
  bankName: text('开户银行', 2, 100),
  accountNo: z
    .string({ error: '请填写银行账号' })
    .trim()
    .transform((s) => s.replace(/[\s-]/g, ''))
    .pipe(z.string().regex(/^\d{8,32}$/, { error: '银行账号应为8-32位数字' })),
};

/** A person claimed under a per-person policy (e.g. 一次性扩岗补助); the ID number is hashed and masked by the server. */
export const ZClaimPerson = z.object({
  name: text('姓名', 2, 30),
  idNumber: z
    .string({ error: '请填写身份证号' })
    .trim()
    .toUpperCase()
    .regex(/^\d{17}[\dX]$/, { error: '身份证号应为18位' }),
  category: optionalText('人员类别', 40),
});

export const ZCreatePolicyApplicationRequest = z.object({
  policyId: ZId,
  /** Staff (liaison 代办) name the firm; enterprise users apply for their own. */
  enterpriseId: ZId.optional(),
  /** Default: the period the current version's payment rule gives for today. */
  periodKey: ZPeriodKey.optional(),
});
export type CreatePolicyApplicationRequest = z.infer<typeof ZCreatePolicyApplicationRequest>;

export const ZUpdatePolicyApplicationRequest = z.object({
  requestedAmountFen: ZFen.nullable().optional(),
  accountName: ZAccount.accountName.optional(),
  bankName: ZAccount.bankName.optional(),
  accountNo: ZAccount.accountNo.optional(),
  contactName: optionalText('联系人', 30),
  contactPhone: optionalText('联系电话', 30),
  note: optionalText('申报说明', 2000),
  /** Form answers keyed by field (prefilled from facts; the firm may correct them). */
  form: z.record(z.string().max(64), z.union([z.string().max(2000), z.number(), z.boolean(), z.null()])).optional(),
  /** Replaces the list of persons claimed (per-person policies). */
  persons: z.array(ZClaimPerson, { error: '人员名单应为列表' }).max(500, { error: '人员名单最多500人' }).optional(),
});
export type UpdatePolicyApplicationRequest = z.input<typeof ZUpdatePolicyApplicationRequest>;

export const ZPolicyApplicationTransitionRequest = z.object({
  action: z.enum(POLICY_APPLICATION_ACTIONS, { error: '操作应为 submit、withdraw、pass、return 或 reject' }),
  note: z.string({ error: '意见应为文字' }).trim().max(2000, { error: '意见最多2000个字' }).optional(),
  /** pass: the amount approved at this step (≤ the version's computed amount unless overrideReason). */
  amountFen: ZFen.optional(),
  overrideReason: optionalText('超出测算金额的理由', 500),
});
export type PolicyApplicationTransitionRequest = z.infer<typeof ZPolicyApplicationTransitionRequest>;

export const ZPolicyApplicationPayoutRequest = z.object({
  ...ZAccount,
  /** Default: the approved amount. */
  amountFen: ZFen.optional(),
  overrideReason: optionalText('调整金额的理由', 500),
  memo: optionalText('备注', 200),
});
export type PolicyApplicationPayoutRequest = z.input<typeof ZPolicyApplicationPayoutRequest>;

const ZApplicationStatusList = zStatusList(POLICY_APPLICATION_STATUSES);

export const ZListPolicyApplicationsQuery = z.object({
  /** Comma list, e.g. `submitted,first_passed`. */
  status: ZApplicationStatusList,
  /** Review queues: first = 待初审, second = 待复审, publicity = 待公示, payout = 公示期满待拨付. */
  queue: z.enum(['first', 'second', 'publicity', 'payout'], { error: '队列不存在' }).optional(),
  policyId: ZId.optional(),
  enterpriseId: ZId.optional(),
  q: z.string().trim().max(100, { error: '关键词最多100个字' }).optional(),
  from: ZDate.optional(),
  to: ZDate.optional(),
  page: ZPage,
  pageSize: ZPageSize,
});
export type ListPolicyApplicationsQuery = z.infer<typeof ZListPolicyApplicationsQuery>;

// Publicity -----------------------------------------------------------------------------------

export const ZCreatePublicityRequest = z.object({
  applicationIds: z.array(ZId, { error: '请选择申报' }).min(1, { error: '请至少选择一件待公示的申报' }).max(500, { error: '一批最多500件' }),
  title: text('公示标题', 4, 120).optional(),
  note: optionalText('公示说明', 2000),
  /** Shanghai date the publicity starts (default today); it ends after PUBLICITY_WORKING_DAYS working days. */
  startsOn: ZDate.optional(),
});
export type CreatePublicityRequest = z.input<typeof ZCreatePublicityRequest>;

export const ZListPublicityQuery = z.object({ active: ZBoolQuery, page: ZPage, pageSize: ZPageSize });
export const ZPublicPublicityQuery = z.object({ page: ZPage, pageSize: ZPageSize });

export const ZSubmitObjectionRequest = z.object({
  /** Optional: the listed application objected to. */
  applicationId: ZId.optional(),
  submitterName: text('异议人姓名', 2, 50),
  contact: text('联系方式', 5, 100),
  content: text('异议内容', 5, 2000),
});
export type SubmitObjectionRequest = z.infer<typeof ZSubmitObjectionRequest>;

export const ZHandleObjectionRequest = z.object({
  decision: z.enum(['upheld', 'dismissed'], { error: '处理结论应为 upheld(成立)或 dismissed(不成立)' }),
  note: text('处理意见', 2, 2000),
});
export type HandleObjectionRequest = z.infer<typeof ZHandleObjectionRequest>;

// Runs and grants -----------------------------------------------------------------------------

export const ZStartRunRequest = z.object({
  /** Evaluate as of this date (default today). */
  asOf: ZDate.optional(),
  /** Default: the period the version's payment rule gives for asOf. */
  periodKey: ZPeriodKey.optional(),
});
export type StartRunRequest = z.infer<typeof ZStartRunRequest>;

export const ZStartRunQuery = z.object({ wait: ZBoolQuery });

export const ZRunItemsQuery = z.object({
  outcome: z.enum(['granted', 'skipped'], { error: '结果应为 granted 或 skipped' }).optional(),
  reason: z.enum(RUN_ITEM_REASONS, { error: '原因不存在' }).optional(),
  q: z.string().trim().max(100).optional(),
  page: ZPage,
  pageSize: ZPageSize,
});

export const ZListGrantsQuery = z.object({
  status: z.enum(GRANT_STATUSES, { error: '状态不存在' }).optional(),
  policyId: ZId.optional(),
  runId: ZId.optional(),
  enterpriseId: ZId.optional(),
  q: z.string().trim().max(100).optional(),
  page: ZPage,
  pageSize: ZPageSize,
});
export type ListGrantsQuery = z.infer<typeof ZListGrantsQuery>;

export const ZConfirmGrantRequest = z.object({
  ...ZAccount,
  /** Required when an officer confirms on the firm's behalf (e.g. "电话确认,联系人张三"). */
  note: optionalText('代确认说明', 500),
});
export type ConfirmGrantRequest = z.input<typeof ZConfirmGrantRequest>;

export const ZCancelGrantRequest = z.object({ reason: text('取消原因', 2, 500) });

// ---------------------------------------------------------------------------------------------
// Responses
// ---------------------------------------------------------------------------------------------

export type PolicySummary = {
  id: string;
  code: string;
  title: string;
  docNumber: string | null;
  issuer: string | null;
  category: PolicyCategory;
  mode: PolicyMode;
  modeLabel: string;
  status: PolicyStatus;
  statusLabel: string;
  summary: string | null;
  validFrom: string;
  validTo: string | null;
  fundId: string | null;
  fundName: string | null;
  tags: string[];
  currentVersionId: string | null;
  currentVersionNo: number | null;
  /** A draft version waits for publishing. */
  hasDraft: boolean;
  /** The current version's plain-Chinese description (what it pays, to whom). */
  benefitText: string | null;
  /** Officer figures (null for enterprise users). */
  eligibleCount: number | null;
  appliedCount: number | null;
  paidCount: number | null;
  paidAmountFen: number | null;
  publishedAt: string | null;
  updatedAt: string;
};

export type PolicyVersionView = {
  id: string;
  versionNo: number;
  status: PolicyVersionStatus;
  statusLabel: string;
  effectiveFrom: string;
  effectiveTo: string | null;
  /** The rule (officers only; null for enterprise users). */
  rule: PolicyRule | null;
  /** Plain-Chinese reading of the rule (null while a draft's rule is not valid yet). */
  description: string | null;
  /**
   * A draft's problems: exactly what publishing it would refuse (`checkPolicyPublish`: the rule,
   * 资金来源, validity, the version's date, 申报 materials); [] when it can be published. Officers only.
   */
  problems: Array<{ path: string; message: string }>;
  /** What the officer should confirm before publishing (an exact industry code no firm of the park has). */
  warnings: Array<{ path: string; message: string }>;
  changeNote: string | null;
  materials: PolicyMaterial[];
  publishedAt: string | null;
  publishedByName: string | null;
  createdAt: string;
};

/** `GET /api/policies/rule-context`: the park's data a rule is checked against beyond the catalogue. */
export type PolicyRuleContext = { industryCodes: string[] };

export type PolicyDocument = {
  id: string;
  kind: PolicyDocumentKind;
  kindLabel: string;
  filename: string;
  contentType: string;
  size: number;
  uploadedAt: string;
};

/** Stored match of one firm (or the test/recommendation view). */
export type PolicyMatchView = {
  status: MatchStatus;
  statusLabel: string;
  amountFen: number | null;
  periodKey: string | null;
  /** Plain-Chinese reasons (conditions met / failed). */
  reasons: string[];
  /** Data the firm should supply for a definite answer: [{key, label, year?}]. */
  missing: MissingItem[];
  versionId: string;
  computedAt: string;
};

export type PolicyDetail = PolicySummary & {
  /** Set by publish: the background job recomputing this policy's matches. */
  matchJobId?: string | null;
  contact: string | null;
  fundBalanceFen: number | null;
  withdrawnAt: string | null;
  withdrawReason: string | null;
  versions: PolicyVersionView[];
  currentVersion: PolicyVersionView | null;
  draftVersion: PolicyVersionView | null;
  documents: PolicyDocument[];
  allowedActions: PolicyAction[];
  /** Enterprise users: their firm's match and live application/grant for this policy. */
  myMatch: PolicyMatchView | null;
  myApplicationId: string | null;
  myGrantId: string | null;
  createdAt: string;
};

/** `POST /api/policies/:id/test` → the trace of P1's evaluateRule. */
export type PolicyTestResult = {
  enterpriseId: string;
  enterpriseName: string;
  asOf: string;
  status: MatchStatus;
  statusLabel: string;
  amountFen: number | null;
  periodKey: string | null;
  reasons: string[];
  missing: MissingItem[];
  /** The evaluation trace (tree of conditions with values and outcome). */
  trace: TraceNode[];
  /** The amount before the cap, and the cap (fen). */
  uncappedAmountFen: number | null;
  capFen: number | null;
  /** The version tested (null when a rule from the request body was tested). */
  versionId: string | null;
  /** Facts the rule read, with values and sources. */
  facts: Array<{ key: string; label: string; year: number | null; value: number | string | boolean | null; source: FactSource | null }>;
};

export type PolicyMatchRow = {
  enterpriseId: string;
  enterpriseName: string;
  uscc: string;
  chain: string | null;
  liaisonName: string | null;
  status: MatchStatus;
  statusLabel: string;
  amountFen: number | null;
  periodKey: string | null;
  reasons: string[];
  missing: MissingItem[];
  /** The live application / grant / payout for the period, if any. */
  applicationId: string | null;
  applicationStatus: PolicyApplicationStatus | null;
  grantId: string | null;
  grantStatus: GrantStatus | null;
  computedAt: string;
};

export type RecommendedPolicy = {
  policyId: string;
  code: string;
  title: string;
  category: PolicyCategory;
  mode: PolicyMode;
  modeLabel: string;
  docNumber: string | null;
  validTo: string | null;
  match: PolicyMatchView;
  /** apply: 我要申报 possible now; auto: 免申即享, a grant will come (or already waits). */
  canApply: boolean;
  grantId: string | null;
  grantStatus: GrantStatus | null;
};

export type RecommendedPolicies = {
  enterpriseId: string;
  enterpriseName: string;
  /** eligible, not yet applied or paid for the period — sorted by amount */
  eligible: RecommendedPolicy[];
  /** data missing: "补充以下数据即可判断" */
  unknown: RecommendedPolicy[];
  /** eligible-or-estimated total of `eligible` */
  totalAmountFen: number;
  computedAt: string | null;
};

export type EnterprisePolicyMatches = {
  enterpriseId: string;
  items: Array<RecommendedPolicy & { applicationId: string | null; applicationStatus: PolicyApplicationStatus | null }>;
};

export type FactDefinition = {
  key: string;
  label: string;
  unit: FactUnit | null;
  /** What a count counts (件, 项…); null reads 人. */
  countWord: string | null;
  type: FactType;
  period: FactPeriod;
  options: Array<{ value: string; label: string }> | null;
  enterpriseReportable: boolean;
  description: string | null;
  /** builtin: from the rule engine's BUILTIN_FACT_DEFINITIONS (read-only); park: defined by this park. */
  origin: 'builtin' | 'park';
  active: boolean;
};

export type EnterpriseFactValue = {
  key: string;
  label: string;
  unit: FactUnit | null;
  type: FactType;
  year: number;
  value: number | string | boolean | null;
  source: FactSource;
  sourceLabel: string;
  updatedAt: string;
  updatedByName: string | null;
};

export type EnterpriseFacts = {
  enterpriseId: string;
  enterpriseName: string;
  values: EnterpriseFactValue[];
  /** Facts the caller may set (firm users: reportable ones only). */
  editableKeys: string[];
};

export type FactImportReport = {
  rows: number;
  saved: number;
  rejected: Array<{ row: number; column: string | null; message: string }>;
  matchJobId: string | null;
};

export type PolicyApplicationSummary = {
  id: string;
  number: string;
  policyId: string;
  policyTitle: string;
  policyCode: string;
  versionId: string;
  versionNo: number;
  enterpriseId: string;
  enterpriseName: string;
  periodKey: string;
  status: PolicyApplicationStatus;
  statusLabel: string;
  estimatedAmountFen: number | null;
  requestedAmountFen: number | null;
  approvedAmountFen: number | null;
  paidAmountFen: number | null;
  submittedAt: string | null;
  publicityEndsAt: string | null;
  /** 公示期满 with no open objection: the payout may be executed. */
  payable: boolean;
  voucherNumber: string | null;
  paidAt: string | null;
  createdAt: string;
  updatedAt: string;
};

export type PolicyApplicationEvent = CaseEventView<PolicyApplicationEventAction, PolicyApplicationStatus>;

export type PolicyApplicationFile = {
  id: string;
  material: string | null;
  filename: string;
  contentType: string;
  size: number;
  uploadedAt: string;
};

export type PolicyApplicationDetail = PolicyApplicationSummary & {
  exclusionKey: string;
  amountOverrideReason: string | null;
  form: Record<string, unknown>;
  /** the evaluation stored at submission (status, amount, reasons, trace) */
  evaluation: { status: MatchStatus; amountFen: number | null; reasons: string[]; missing: MissingItem[]; asOf: string } | null;
  /** Persons claimed (masked ID numbers only). */
  persons: Array<{ name: string; idMasked: string; category: string | null }>;
  /** The version pays per person (the firm lists the persons; with `uniqueAcrossEnterprises` a person counts for one firm only). */
  perPerson: { factKey: string; label: string; uniqueAcrossEnterprises: boolean } | null;
  accountName: string | null;
  bankName: string | null;
  /** masked unless the reader may execute payouts or belongs to the firm */
  accountNo: string | null;
  contactName: string | null;
  contactPhone: string | null;
  note: string | null;
  returnReason: string | null;
  returnCount: number;
  rejectReason: string | null;
  materials: Array<PolicyMaterial & { files: PolicyApplicationFile[] }>;
  files: PolicyApplicationFile[];
  timeline: PolicyApplicationEvent[];
  firstReviewedByName: string | null;
  firstReviewedAt: string | null;
  secondReviewedByName: string | null;
  secondReviewedAt: string | null;
  publicityBatchId: string | null;
  publicityStartsAt: string | null;
  payoutId: string | null;
  paidByName: string | null;
  /** Exactly the actions this user may take now. */
  allowedActions: PolicyApplicationAction[];
  /** The user may execute the payout now. */
  canPayout: boolean;
  /** The user may edit the form and materials now (draft / returned, own firm). */
  canEdit: boolean;
  /** The progress step index in POLICY_APPLICATION_STEPS (0..4) */
  step: number;
};

export type PublicityBatchSummary = {
  id: string;
  number: string;
  title: string;
  startsAt: string;
  endsAt: string;
  active: boolean;
  itemCount: number;
  totalAmountFen: number;
  openObjections: number;
  createdAt: string;
};

export type PublicityItem = {
  applicationId: string;
  applicationNumber: string;
  enterpriseName: string;
  usccMasked: string | null;
  policyTitle: string;
  amountFen: number;
  status: 'listed' | 'removed';
  removedReason: string | null;
};

export type PolicyObjection = {
  id: string;
  batchId: string;
  applicationId: string | null;
  applicationNumber: string | null;
  enterpriseName: string | null;
  submitterName: string;
  contact: string;
  content: string;
  status: ObjectionStatus;
  statusLabel: string;
  handlingNote: string | null;
  handledByName: string | null;
  handledAt: string | null;
  createdAt: string;
};

export type PublicityBatchDetail = PublicityBatchSummary & { note: string | null; items: PublicityItem[]; objections: PolicyObjection[] };

/** What the public page shows (no log-in): no internal ids beyond the application id for objections. */
export type PublicPublicityBatch = {
  id: string;
  number: string;
  title: string;
  startsAt: string;
  endsAt: string;
  active: boolean;
  itemCount: number;
  totalAmountFen: number;
  parkName: string;
};

export type PublicPublicityBatchDetail = PublicPublicityBatch & {
  note: string | null;
  items: Array<{ applicationId: string; enterpriseName: string; usccMasked: string | null; policyTitle: string; amountFen: number }>;
  /** 公示期内 objections may be submitted */
  acceptingObjections: boolean;
};

export type ExemptionRunSummary = {
  id: string;
  number: string;
  policyId: string;
  policyTitle: string;
  versionId: string;
  versionNo: number;
  periodKey: string;
  asOf: string;
  status: ExemptionRunStatus;
  statusLabel: string;
  jobId: string | null;
  evaluated: number;
  granted: number;
  skipped: number;
  grantedAmountFen: number;
  /** Of the run's grants: still held in the fund (awaiting confirmation), paid from what was held, released (cancelled or expired). */
  reservedFen: number;
  grantPaidFen: number;
  releasedFen: number;
  createdByName: string | null;
  createdAt: string;
  finishedAt: string | null;
  error: string | null;
};

export type ExemptionRunItem = {
  enterpriseId: string;
  enterpriseName: string;
  uscc: string;
  outcome: 'granted' | 'skipped';
  reasonCode: RunItemReason;
  reasonLabel: string;
  reason: string;
  amountFen: number | null;
  grantId: string | null;
  grantStatus: GrantStatus | null;
};

export type ExemptionRunReport = ExemptionRunSummary & {
  byReason: Record<RunItemReason, number>;
  items: ExemptionRunItem[];
  total: number;
  page: number;
  pageSize: number;
};

export type PolicyGrantSummary = {
  id: string;
  policyId: string;
  policyTitle: string;
  enterpriseId: string;
  enterpriseName: string;
  runId: string;
  periodKey: string;
  amountFen: number;
  status: GrantStatus;
  statusLabel: string;
  voucherNumber: string | null;
  paidAt: string | null;
  createdAt: string;
  /** Awaiting grants: confirm by then, or the grant expires and its reserved money is released. */
  expiresAt: string | null;
  /** The money held in the fund for this grant and not yet paid or released (0 once paid, cancelled or expired). */
  reservedFen: number;
};

export type PolicyGrantDetail = PolicyGrantSummary & {
  versionId: string;
  versionNo: number;
  reasons: string[];
  accountName: string | null;
  bankName: string | null;
  accountNo: string | null;
  confirmedByName: string | null;
  confirmedAt: string | null;
  confirmedOnBehalf: boolean;
  confirmNote: string | null;
  cancelledReason: string | null;
  payoutId: string | null;
  /** Prefill for the confirm form: the firm's last used account. */
  suggestedAccount: { accountName: string; bankName: string; accountNo: string } | null;
  /** confirm (firm, or officer on its behalf), cancel (officer) */
  allowedActions: Array<'confirm' | 'cancel'>;
};

export type PolicyOverview = {
  published: number;
  drafts: number;
  autoPolicies: number;
  queue: { first: number; second: number; publicity: number; payout: number; returned: number };
  grantsAwaiting: number;
  /** this calendar year (Shanghai) */
  paidCount: number;
  paidAmountFen: number;
  eligibleNotApplied: number;
  openObjections: number;
};
