import type { NewRatingEventRow, RatingEventRow } from '../../db/schema-ratings.js';
import type { CaseEvent, CaseEventLog } from '../../platform/workflow/index.js';
import * as repo from './repository.js';

/**
 * The timeline of a rating, its rectification 整改 and its appeal 申诉 is one table, `rating_events`,
 * older than the case kit and of its own shape: it names the rating and, where the event is theirs,
 * the rectification or the appeal; it keeps the actor's kind (`actor_kind`: rater, officer, office,
 * system) where the kit keeps a role, and no from/to state. This file is the adapter: the kit's
 * `CaseEvent` (with `actor_role` carrying the kind) in, `rating_events` rows out, and back.
 */

export type RatingActorKind = RatingEventRow['actor_kind'];
const ACTOR_KINDS: readonly RatingActorKind[] = ['rater', 'officer', 'office', 'system'];

/** Who an event names: a person in a capacity, or the system. */
export type EventActor = { id: string | null; name: string; kind: RatingActorKind };
export const SYSTEM_ACTOR: EventActor = { id: null, name: '系统', kind: 'system' };

/** What a rating's timeline event is about: the rating itself, its rectification or its appeal. */
export type RatingEventSubject = 'rating' | 'rectification' | 'appeal';

/** Timeline labels of every event the module writes. */
export const EVENT_LABELS: Record<string, string> = {
  rated: '企业评价',
  'rectification.opened': '差评转整改',
  'rectification.record-fix': '录入整改措施',
  'rectification.return-visit': '登记回访',
  'rectification.verdict': '评价整改结果',
  'rectification.reopened': '整改不满意,重新整改',
  'rectification.close': '整改办结',
  'rectification.overdue': '整改逾期',
  'rectification.cancelled': '整改撤销(差评已移除)',
  'appeal.submitted': '经办人申诉',
  'appeal.upheld': '申诉不成立,维持差评',
  'appeal.removed': '申诉成立,差评移除',
};

/** An event of the kit's shape written by `actor` (rating_events keeps no from/to state). */
export function ratingEvent(action: string, actor: EventActor, at: Date, extra: { note?: string | null; data?: Record<string, unknown> | null } = {}): CaseEvent {
  return {
    action,
    from_status: null,
    to_status: null,
    actor_id: actor.id,
    actor_name: actor.name,
    actor_role: actor.kind,
    note: extra.note ?? null,
    data: extra.data ?? null,
    at,
  };
}

function actorKindOf(role: string | null): RatingActorKind {
  if (role === null) return 'system';
  if (!(ACTOR_KINDS as readonly string[]).includes(role)) throw new Error(`rating_events: unknown actor kind ${role}`);
  return role as RatingActorKind;
}

/** One `rating_events` row: `caseId` is the rating, the rectification or the appeal, as `subject` says. */
export function ratingEventRow(parkId: string, ratingId: string, subject: RatingEventSubject, caseId: string, e: CaseEvent): NewRatingEventRow {
  return {
    park_id: parkId,
    rating_id: ratingId,
    rectification_id: subject === 'rectification' ? caseId : null,
    appeal_id: subject === 'appeal' ? caseId : null,
    action: e.action,
    actor_id: e.actor_id,
    actor_kind: actorKindOf(e.actor_role),
    actor_name: e.actor_name,
    at: e.at,
    note: e.note,
    data: e.data === null ? null : JSON.stringify(e.data),
  };
}

/**
 * The kit's `CaseEventLog` over `rating_events` for one rating: events of its rectification or its
 * appeal (`subject`), or of the rating itself. `list` answers that case's own events.
 */
export function ratingEventLog(ratingId: string, subject: RatingEventSubject): CaseEventLog {
  return {
    async write(trx, parkId, caseId, events) {
      await repo.insertEvents(trx, events.map((e) => ratingEventRow(parkId, ratingId, subject, caseId, e)));
    },
    async list(db, parkId, caseId) {
      const rows = await repo.listEvents(db, parkId, ratingId);
      return rows
        .filter((r) => (subject === 'rectification' ? r.rectification_id === caseId : subject === 'appeal' ? r.appeal_id === caseId : true))
        .map((r) => ({
          id: Number(r.id),
          action: r.action,
          from_status: null,
          to_status: null,
          actor_id: r.actor_id,
          actor_name: r.actor_name,
          actor_role: r.actor_kind,
          note: r.note,
          data: r.data ?? null,
          at: r.at,
        }));
    },
  };
}
