/** Ratings 好差评, rectifications 整改, appeals 申诉: schemas and types. */
import { z } from 'zod';
import { ZDate, ZId, ZPage, ZPageSize } from './common.js';

// ---------------------------------------------------------------------------------------------
// Levels (国办发〔2019〕51号, GB/T 39734-2020): five levels, the last two are bad reviews 差评.
// ---------------------------------------------------------------------------------------------

export const RATING_LEVELS = ['very_satisfied', 'satisfied', 'basic', 'dissatisfied', 'very_dissatisfied'] as const;
export type RatingLevel = (typeof RATING_LEVELS)[number];

export const RATING_LEVEL_LABELS: Record<RatingLevel, string> = {
  very_satisfied: '非常满意',
  satisfied: '满意',
  basic: '基本满意',
  dissatisfied: '不满意',
  very_dissatisfied: '非常不满意',
};

/** A level may be sent as its code or its Chinese name (不满意); both mean the same. */
export function ratingLevelFromLabel(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const found = (Object.entries(RATING_LEVEL_LABELS) as [RatingLevel, string][]).find(([, label]) => label === value.trim());
  return found ? found[0] : value;
}

/** 好评: the three upper levels; 好评率 counts them over rated, non-removed ratings. */
export const GOOD_RATING_LEVELS = ['very_satisfied', 'satisfied', 'basic'] as const satisfies readonly RatingLevel[];
/** 差评: every one opens a rectification case 整改. */
export const BAD_RATING_LEVELS = ['dissatisfied', 'very_dissatisfied'] as const satisfies readonly RatingLevel[];

export function isBadRating(level: RatingLevel): boolean {
  return (BAD_RATING_LEVELS as readonly RatingLevel[]).includes(level);
}

// ---------------------------------------------------------------------------------------------
// Subjects: what is rated. One module serves every domain whose cases are rated.
// ---------------------------------------------------------------------------------------------

export const RATING_SUBJECT_TYPES = ['demand', 'application'] as const;
export type RatingSubjectType = (typeof RATING_SUBJECT_TYPES)[number];

export const RATING_SUBJECT_TYPE_LABELS: Record<RatingSubjectType, string> = {
  demand: '诉求',
  application: '政务服务办件',
};

/**
 * Sub-scores (1–5) per subject type, from GB/T 39735-2020. A service application is an online
 * government service, so it takes the online indicators (办事效率, 办事指南精确度, 办事便捷度,
 * 平台操作性). A demand is served by a person (the liaison runs the errand), so it takes the
 * on-site staff indicators (服务效率, 服务水平, 服务态度). Every key of the subject's set is required.
 */
export const RATING_SCORE_KEYS = {
  demand: ['serviceEfficiency', 'serviceLevel', 'serviceAttitude'],
  application: ['efficiency', 'guideAccuracy', 'convenience', 'usability'],
} as const satisfies Record<RatingSubjectType, readonly string[]>;
export type RatingScoreKey = (typeof RATING_SCORE_KEYS)[RatingSubjectType][number];
export const ALL_RATING_SCORE_KEYS = [...RATING_SCORE_KEYS.demand, ...RATING_SCORE_KEYS.application] as const;

export const RATING_SCORE_LABELS: Record<RatingScoreKey, string> = {
  serviceEfficiency: '服务效率',
  serviceLevel: '服务水平',
  serviceAttitude: '服务态度',
  efficiency: '办事效率',
  guideAccuracy: '办事指南精确度',
  convenience: '办事便捷度',
  usability: '平台操作性',
};

/** A closed case may be rated for this many natural days; after that, unrated counts as 未评. */
export const RATING_WINDOW_DAYS = 7;
/** On this natural day after closure the enterprise is reminded once to rate. */
export const RATING_REMINDER_DAY = 5;
/** Working days to fix a bad review unless the park sets dictionary `rating_setting/rectify_days`. */
export const DEFAULT_RECTIFY_DAYS = 5;
export const MAX_RECTIFY_DAYS = 30;
/** A bad review must say why, in at least this many characters. */
export const BAD_REVIEW_COMMENT_MIN = 5;

/** How a rating was given: online by a logged-in enterprise user, or collected offline. */
export const RATING_CHANNELS = ['online', 'sms', 'phone', 'onsite'] as const;
export type RatingChannel = (typeof RATING_CHANNELS)[number];
export const RATING_CHANNEL_LABELS: Record<RatingChannel, string> = { online: '网上评价', sms: '短信评价', phone: '电话回访', onsite: '现场评价' };

// ---------------------------------------------------------------------------------------------
// Rating a case
// ---------------------------------------------------------------------------------------------

const ZScore = z
  .number({ error: '评分应为1–5的整数' })
  .int({ error: '评分应为1–5的整数' })
  .min(1, { error: '评分最低为1分' })
  .max(5, { error: '评分最高为5分' });

/** Every known sub-score key, optional here; the service requires exactly the subject type's set. */
const ZScores = z.strictObject(
  Object.fromEntries(ALL_RATING_SCORE_KEYS.map((k) => [k, ZScore.optional()])) as Record<RatingScoreKey, z.ZodOptional<typeof ZScore>>,
  { error: (issue) => (issue.code === 'unrecognized_keys' ? `含有未知的评分项:${issue.keys.join('、')}` : '请为各分项打分(1–5分)') },
);

export const ZRateRequest = z
  .object({
    level: z.preprocess(ratingLevelFromLabel, z.enum(RATING_LEVELS, { error: '请选择评价等级:非常满意、满意、基本满意、不满意或非常不满意' })),
    scores: ZScores,
    comment: z.string({ error: '评价内容应为文字' }).trim().max(500, { error: '评价内容最多500个字' }).optional(),
  })
  .superRefine((value, ctx) => {
    if (isBadRating(value.level) && (value.comment ?? '').length < BAD_REVIEW_COMMENT_MIN) {
      ctx.addIssue({ code: 'custom', path: ['comment'], message: `差评请填写评价内容,至少${BAD_REVIEW_COMMENT_MIN}个字,说明不满意的原因` });
    }
  });
export type RateRequest = z.output<typeof ZRateRequest>;

/** The sub-score problems of `scores` for a subject type: a missing key, or a key of the other set. */
export function scoreIssuesFor(type: RatingSubjectType, scores: Partial<Record<RatingScoreKey, number>>): { path: string; message: string }[] {
  const wanted = RATING_SCORE_KEYS[type] as readonly RatingScoreKey[];
  const issues: { path: string; message: string }[] = [];
  for (const key of wanted) {
    if (scores[key] === undefined) issues.push({ path: `scores.${key}`, message: `请为“${RATING_SCORE_LABELS[key]}”打分(1–5分)` });
  }
  for (const key of Object.keys(scores) as RatingScoreKey[]) {
    if (scores[key] !== undefined && !wanted.includes(key)) {
      issues.push({ path: `scores.${key}`, message: `${RATING_SUBJECT_TYPE_LABELS[type]}没有“${RATING_SCORE_LABELS[key]}”这一评分项` });
    }
  }
  return issues;
}

// ---------------------------------------------------------------------------------------------
// Rectifications 整改 and return visits 回访
// ---------------------------------------------------------------------------------------------

/**
 * open 整改中 → (record-fix) fixed 已整改待回访 → (return-visit) visited 已回访待确认 →
 * (verdict satisfied) closed; (verdict unsatisfied) back to open with a new deadline.
 * The office may close from any open state; a bad review removed on appeal cancels it.
 */
export const RECTIFICATION_STATUSES = ['open', 'fixed', 'visited', 'closed', 'cancelled'] as const;
export type RectificationStatus = (typeof RECTIFICATION_STATUSES)[number];
export const RECTIFICATION_STATUS_LABELS: Record<RectificationStatus, string> = {
  open: '整改中',
  fixed: '已整改待回访',
  visited: '已回访待确认',
  closed: '已办结',
  cancelled: '已撤销(差评经申诉移除)',
};

export const RECTIFICATION_ACTIONS = ['record-fix', 'return-visit', 'verdict', 'close'] as const;
export type RectificationAction = (typeof RECTIFICATION_ACTIONS)[number];
export const RECTIFICATION_ACTION_LABELS: Record<RectificationAction, string> = {
  'record-fix': '录入整改措施',
  'return-visit': '登记回访',
  verdict: '评价整改结果',
  close: '办结',
};

export const FIX_VERDICTS = ['satisfied', 'unsatisfied'] as const;
export type FixVerdict = (typeof FIX_VERDICTS)[number];
export const FIX_VERDICT_LABELS: Record<FixVerdict, string> = { satisfied: '对整改满意', unsatisfied: '对整改不满意' };

export const RETURN_VISIT_METHODS = ['phone', 'onsite', 'online', 'other'] as const;
export type ReturnVisitMethod = (typeof RETURN_VISIT_METHODS)[number];
export const RETURN_VISIT_METHOD_LABELS: Record<ReturnVisitMethod, string> = { phone: '电话回访', onsite: '上门回访', online: '网上/短信回访', other: '其他方式' };

/** How a rectification ended: the rater was satisfied, the office closed it, or the review was removed. */
export type RectificationOutcome = 'satisfied' | 'closed' | 'cancelled';

const ZNote = z.string({ error: '说明应为文字' }).trim().max(1000, { error: '说明最多1000个字' });

export const ZRectificationActionRequest = z
  .object({
    action: z.enum(RECTIFICATION_ACTIONS, { error: '操作应为 record-fix(录入整改措施)、return-visit(登记回访)、verdict(评价整改结果)或 close(办结)' }),
    note: ZNote.optional(),
    verdict: z.enum(FIX_VERDICTS, { error: '整改评价应为 satisfied(满意)或 unsatisfied(不满意)' }).optional(),
    visitedAt: z.iso.datetime({ offset: true, error: '回访时间应为 ISO 8601 时间,如 2026-10-12T10:00:00+08:00' }).optional(),
    method: z.enum(RETURN_VISIT_METHODS, { error: '回访方式应为 phone(电话)、onsite(上门)、online(网上/短信)或 other(其他)' }).optional(),
  })
  .superRefine((v, ctx) => {
    const note = v.note ?? '';
    if (v.action === 'record-fix' && note.length < 5) ctx.addIssue({ code: 'custom', path: ['note'], message: '请填写整改措施,至少5个字' });
    if (v.action === 'return-visit') {
      if (note.length < 2) ctx.addIssue({ code: 'custom', path: ['note'], message: '请填写回访情况(企业的反馈),至少2个字' });
      if (!v.method) ctx.addIssue({ code: 'custom', path: ['method'], message: '请选择回访方式' });
    }
    if (v.action === 'verdict' && !v.verdict) ctx.addIssue({ code: 'custom', path: ['verdict'], message: '请选择对整改结果满意或不满意' });
    if (v.action === 'verdict' && v.verdict === 'unsatisfied' && note.length < 2) {
      ctx.addIssue({ code: 'custom', path: ['note'], message: '对整改不满意时请说明原因' });
    }
    if (v.action === 'close' && note.length < 2) ctx.addIssue({ code: 'custom', path: ['note'], message: '请填写办结说明' });
  });
export type RectificationActionRequest = z.output<typeof ZRectificationActionRequest>;

// ---------------------------------------------------------------------------------------------
// Appeals 申诉
// ---------------------------------------------------------------------------------------------

export const APPEAL_STATUSES = ['pending', 'upheld', 'removed'] as const;
export type AppealStatus = (typeof APPEAL_STATUSES)[number];
export const APPEAL_STATUS_LABELS: Record<AppealStatus, string> = { pending: '待审核', upheld: '维持差评', removed: '差评已移除' };

export const ZAppealRequest = z.object({
  reason: z.string({ error: '请填写申诉理由' }).trim().min(10, { error: '申诉理由至少10个字,请说明差评为何不实或恶意' }).max(1000, { error: '申诉理由最多1000个字' }),
});
export type AppealRequest = z.output<typeof ZAppealRequest>;

export const APPEAL_DECISIONS = ['uphold', 'remove'] as const;
export type AppealDecision = (typeof APPEAL_DECISIONS)[number];

export const ZAppealReviewRequest = z.object({
  decision: z.enum(APPEAL_DECISIONS, { error: '审核结论应为 uphold(维持差评)或 remove(移除差评)' }),
  reason: z.string({ error: '请填写审核意见' }).trim().min(2, { error: '请填写审核意见,至少2个字' }).max(1000, { error: '审核意见最多1000个字' }),
});
export type AppealReviewRequest = z.output<typeof ZAppealReviewRequest>;

// ---------------------------------------------------------------------------------------------
// Queries
// ---------------------------------------------------------------------------------------------

const ZBoolQuery = z
  .enum(['true', 'false'], { error: '应为 true 或 false' })
  .transform((v) => v === 'true')
  .optional();

export const ZListRatingsQuery = z.object({
  level: z.enum(RATING_LEVELS, { error: '评价等级不正确' }).optional(),
  bad: ZBoolQuery,
  officerId: ZId.optional(),
  enterpriseId: ZId.optional(),
  category: z.string().trim().max(50).optional(),
  subjectType: z.enum(RATING_SUBJECT_TYPES, { error: '评价对象应为 demand 或 application' }).optional(),
  /** Rated on or after this Asia/Shanghai date. */
  from: ZDate.optional(),
  /** Rated on or before this Asia/Shanghai date. */
  to: ZDate.optional(),
  removed: ZBoolQuery,
  /** Case number, prefix match. */
  q: z.string().trim().max(50).optional(),
  page: ZPage,
  pageSize: ZPageSize,
});
export type ListRatingsQuery = z.output<typeof ZListRatingsQuery>;

export const ZListRectificationsQuery = z.object({
  /** Only rectifications I must work on (assigned to me, or to the office pool if I am in the office). */
  mine: ZBoolQuery,
  status: z.enum(RECTIFICATION_STATUSES, { error: '整改状态不正确' }).optional(),
  /** Open and past the deadline. */
  overdue: ZBoolQuery,
  officerId: ZId.optional(),
  page: ZPage,
  pageSize: ZPageSize,
});
export type ListRectificationsQuery = z.output<typeof ZListRectificationsQuery>;

export const ZListAppealsQuery = z.object({
  status: z.enum(APPEAL_STATUSES, { error: '申诉状态不正确' }).optional(),
  page: ZPage,
  pageSize: ZPageSize,
});
export type ListAppealsQuery = z.output<typeof ZListAppealsQuery>;

export const RATING_STATS_GROUPS = ['officer', 'category', 'department', 'subjectType'] as const;
export type RatingStatsGroupBy = (typeof RATING_STATS_GROUPS)[number];

export const ZRatingStatsQuery = z
  .object({
    /** First Asia/Shanghai date of the period (cases closed on or after it). */
    from: ZDate,
    /** Last Asia/Shanghai date of the period, inclusive. */
    to: ZDate,
    groupBy: z.enum(RATING_STATS_GROUPS, { error: '分组应为 officer(经办人)、category(类别)、department(部门)或 subjectType(评价对象)' }).optional(),
    subjectType: z.enum(RATING_SUBJECT_TYPES, { error: '评价对象应为 demand 或 application' }).optional(),
    officerId: ZId.optional(),
  })
  .superRefine((v, ctx) => {
    if (v.from > v.to) ctx.addIssue({ code: 'custom', path: ['to'], message: '结束日期不能早于开始日期' });
  });
export type RatingStatsQuery = z.output<typeof ZRatingStatsQuery>;

export const ZRatingSettingsRequest = z.object({
  rectifyDays: z
    .number({ error: '整改期限应为工作日天数' })
    .int({ error: '整改期限应为整数个工作日' })
    .min(1, { error: '整改期限至少1个工作日' })
    .max(MAX_RECTIFY_DAYS, { error: `整改期限最多${MAX_RECTIFY_DAYS}个工作日` }),
});
export type RatingSettingsRequest = z.output<typeof ZRatingSettingsRequest>;
export type RatingSettings = { rectifyDays: number; ratingWindowDays: number; reminderDay: number };

// ---------------------------------------------------------------------------------------------
// Views
// ---------------------------------------------------------------------------------------------

export type RectificationSummary = {
  id: string;
  status: RectificationStatus;
  statusLabel: string;
  round: number;
  dueAt: string;
  /** Open and past its deadline now. */
  overdue: boolean;
};

export type AppealSummary = {
  id: string;
  status: AppealStatus;
  statusLabel: string;
  submittedAt: string;
};

/** One rating as an actor may see it. */
export type RatingView = {
  id: string;
  subjectType: RatingSubjectType;
  subjectId: string;
  caseNumber: string;
  title: string;
  category: string | null;
  enterpriseId: string;
  enterpriseName: string | null;
  /** The rated officer; null when the case had none (the office answers for it). */
  officerId: string | null;
  officerName: string | null;
  level: RatingLevel;
  levelLabel: string;
  isBad: boolean;
  scores: Partial<Record<RatingScoreKey, number>>;
  comment: string | null;
  channel: RatingChannel;
  closedAt: string;
  ratedAt: string;
  /**
   * Who rated. Only dispatchers and admins (and the rater) see it — never the rated officer, a
   * liaison or a leader: it is null for them.
   */
  rater: { id: string | null; name: string } | null;
  /** valid, or removed on appeal (then excluded from every rate but kept in the ledger). */
  status: 'valid' | 'removed';
  removedAt: string | null;
  removedReason: string | null;
  rectification: RectificationSummary | null;
  appeal: AppealSummary | null;
};

/** A timeline entry of a rating, its rectification or appeal. */
export type RatingEventView = {
  id: string;
  at: string;
  action: string;
  actionLabel: string;
  /** The actor's name, or 企业用户 where naming the rater would reveal them to the viewer. */
  actorName: string;
  note: string | null;
  data: Record<string, unknown> | null;
};

export type RatingDetailView = RatingView & { timeline: RatingEventView[] };

export type ReturnVisitView = {
  id: string;
  round: number;
  visitedAt: string;
  method: ReturnVisitMethod;
  methodLabel: string;
  visitorName: string;
  /** What the rater said on the visit. */
  note: string;
  verdict: FixVerdict | null;
};

export type RectificationView = {
  id: string;
  ratingId: string;
  subjectType: RatingSubjectType;
  subjectId: string;
  caseNumber: string;
  title: string;
  category: string | null;
  enterpriseId: string;
  enterpriseName: string | null;
  level: RatingLevel;
  levelLabel: string;
  comment: string | null;
  /** The responsible officer; null when the case had none and the office's dispatchers handle it. */
  assigneeId: string | null;
  assigneeName: string | null;
  status: RectificationStatus;
  statusLabel: string;
  /** 1, then +1 each time the rater is not satisfied with the fix. */
  round: number;
  openedAt: string;
  dueAt: string;
  overdue: boolean;
  /** Past a deadline at some point (then it does not count as rectified on time). */
  wasLate: boolean;
  fixNote: string | null;
  fixedAt: string | null;
  verdict: FixVerdict | null;
  verdictAt: string | null;
  closedAt: string | null;
  closeNote: string | null;
  outcome: RectificationOutcome | null;
  /** Closed without ever passing a deadline; null while not closed. */
  closedOnTime: boolean | null;
  /** The actions the viewer may take now. */
  allowedActions: RectificationAction[];
};

export type RectificationDetailView = RectificationView & { returnVisits: ReturnVisitView[]; timeline: RatingEventView[] };

export type AppealView = {
  id: string;
  ratingId: string;
  caseNumber: string;
  title: string;
  level: RatingLevel;
  levelLabel: string;
  comment: string | null;
  appellantId: string;
  appellantName: string | null;
  reason: string;
  status: AppealStatus;
  statusLabel: string;
  submittedAt: string;
  reviewerName: string | null;
  decisionReason: string | null;
  decidedAt: string | null;
};

/**
 * The measures of 好差评 for a set of cases (those closed in the period). Rates are fractions
 * 0–1 rounded to 4 places, null when the denominator is 0.
 */
export type RatingMeasures = {
  /** Cases closed in the period (from the subject's own table; see docs/RATINGS.md). */
  closed: number;
  /** Valid ratings (removed ones excluded). */
  rated: number;
  /** Ratings removed on appeal: in the ledger, in no rate. */
  removed: number;
  byLevel: Record<RatingLevel, number>;
  good: number;
  bad: number;
  /** 好评率 = (非常满意 + 满意 + 基本满意) / valid ratings. */
  goodRate: number | null;
  /** Closed more than 7 natural days ago and never rated: 未评 (never counted as good). */
  unrated: number;
  /** Closed within the last 7 days and not rated yet: still in the rating window. */
  pending: number;
  /** 未评率 = unrated / closed. */
  unratedRate: number | null;
  /** Bad reviews whose rectification closed without ever passing a deadline. */
  rectifiedOnTime: number;
  /** 差评整改率 = rectified on time / bad reviews. */
  rectifyRate: number | null;
  /** Rectifications not yet closed, and of those past the deadline. */
  rectifyOpen: number;
  rectifyOverdue: number;
  /** Verdicts on fixes (each unsatisfied round counts) and the satisfied ones. */
  fixVerdicts: number;
  fixSatisfied: number;
  /** 整改满意率 = satisfied verdicts / verdicts. */
  fixSatisfactionRate: number | null;
  /** Mean of each sub-score over valid ratings. */
  averageScores: Partial<Record<RatingScoreKey, number>>;
};

/** What `ratingStatsForDemands` answers: the measures of one period (and officer). */
export type RatingStats = RatingMeasures & {
  subjectType: RatingSubjectType | null;
  officerId: string | null;
  from: string;
  to: string;
  /** The instant the 7-day rule was applied at. */
  asOf: string;
};

export type RatingStatsGroup = RatingMeasures & { key: string | null; label: string };

export type RatingStatsReport = {
  from: string;
  to: string;
  asOf: string;
  subjectType: RatingSubjectType | null;
  groupBy: RatingStatsGroupBy | null;
  total: RatingMeasures;
  groups: RatingStatsGroup[];
};

/** A closed case the enterprise may still rate (its 评价 page); rate it through the subject's own route. */
export type RateableCaseView = {
  subjectType: RatingSubjectType;
  subjectId: string;
  caseNumber: string;
  title: string;
  category: string | null;
  closedAt: string;
  /** The end of the rating window; unrated after it counts as 未评. */
  rateBy: string;
};
