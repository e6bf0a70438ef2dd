import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';
import type {
  AppealStatus,
  FixVerdict,
  RatingChannel,
  RatingLevel,
  RatingScoreKey,
  RatingSubjectType,
  RectificationOutcome,
  RectificationStatus,
  ReturnVisitMethod,
} from '@yuanqi/contract';

type Json<T> = ColumnType<T, string | undefined | null, string | null>;

/**
 * One rating per subject (一事一评): unique (park_id, subject_type, subject_id). The subject's case
 * number, title, category, firm, officer and closing time are copied in, so the ledger and the rates
 * need no join into the subject's domain and survive changes there.
 */
export type RatingsTable = {
  id: Generated<string>;
  park_id: string;
  subject_type: RatingSubjectType;
  subject_id: string;
  case_number: string;
  title: string;
  category: string | null;
  enterprise_id: string;
  officer_id: string | null;
  /** The enterprise user who rated; null for a rating collected offline (then rater_name says who). */
  rater_id: string | null;
  rater_name: string;
  channel: RatingChannel;
  level: RatingLevel;
  is_bad: boolean;
  scores: Json<Partial<Record<RatingScoreKey, number>>>;
  comment: string | null;
  closed_at: Date;
  rated_at: Date;
  status: Generated<'valid' | 'removed'>;
  removed_at: Date | null;
  removed_by: string | null;
  removed_reason: string | null;
  created_at: Generated<Date>;
};

/** The rectification case 整改 a bad review opens; one per rating, reopened in rounds. */
export type RatingRectificationsTable = {
  id: Generated<string>;
  park_id: string;
  rating_id: string;
  /** The responsible officer; null → the park's dispatchers (the office pool). */
  assignee_id: string | null;
  status: RectificationStatus;
  round: Generated<number>;
  opened_at: Date;
  due_at: Date;
  /** Set when the current round was found past its deadline (sweep, or a late action). */
  overdue_at: Date | null;
  /** Ever past a deadline: then it never counts as rectified on time. */
  was_late: Generated<boolean>;
  fix_note: string | null;
  fixed_at: Date | null;
  fixed_by: string | null;
  verdict: FixVerdict | null;
  verdict_at: Date | null;
  verdict_by: string | null;
  unsatisfied_count: Generated<number>;
  closed_at: Date | null;
  closed_by: string | null;
  close_note: string | null;
  outcome: RectificationOutcome | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
};

/** Return visits 回访: who visited, when, how, what the rater said, and the verdict if given. */
export type RatingReturnVisitsTable = {
  id: Generated<string>;
  park_id: string;
  rectification_id: string;
  round: number;
  visitor_id: string | null;
  visitor_name: string;
  visited_at: Date;
  method: ReturnVisitMethod;
  note: string;
  verdict: FixVerdict | null;
  created_at: Generated<Date>;
};

/** Appeals 申诉 against a bad review by the rated officer: one per rating. */
export type RatingAppealsTable = {
  id: Generated<string>;
  park_id: string;
  rating_id: string;
  appellant_id: string;
  reason: string;
  status: AppealStatus;
  submitted_at: Date;
  reviewer_id: string | null;
  decision_reason: string | null;
  decided_at: Date | null;
};

/** The timeline of a rating, its rectification and its appeal: one row per state change. */
export type RatingEventsTable = {
  /** Increasing: orders events written in the same instant. */
  id: Generated<number>;
  park_id: string;
  rating_id: string;
  rectification_id: string | null;
  appeal_id: string | null;
  action: string;
  actor_id: string | null;
  /** rater = the rating's enterprise side (masked for viewers who may not see the rater). */
  actor_kind: 'rater' | 'officer' | 'office' | 'system';
  actor_name: string;
  at: Date;
  note: string | null;
  data: Json<Record<string, unknown> | null>;
};

/** Rate reminders sent (once per subject): the primary key makes the sweep idempotent. */
export type RatingRemindersTable = {
  park_id: string;
  subject_type: RatingSubjectType;
  subject_id: string;
  enterprise_id: string;
  sent_at: Date;
};

/** Tables of the ratings domain (好差评, rectifications, appeals). */
export type RatingTables = {
  ratings: RatingsTable;
  rating_rectifications: RatingRectificationsTable;
  rating_return_visits: RatingReturnVisitsTable;
  rating_appeals: RatingAppealsTable;
  rating_events: RatingEventsTable;
  rating_reminders: RatingRemindersTable;
};

export type RatingRow = Selectable<RatingsTable>;
export type NewRatingRow = Insertable<RatingsTable>;
export type RectificationRow = Selectable<RatingRectificationsTable>;
export type AppealRow = Selectable<RatingAppealsTable>;
export type RatingEventRow = Selectable<RatingEventsTable>;
export type NewRatingEventRow = Insertable<RatingEventsTable>;
