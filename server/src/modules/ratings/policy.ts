import type { RectificationAction } from '@yuanqi/contract';
import { can, hasRole, type Actor } from '../../platform/actor.js';
import { forbidden, notFound } from '../../platform/errors.js';
import { enterpriseScopeOf, type EnterpriseScope } from '../../platform/scope.js';
import { RECTIFICATION_TRANSITIONS, type TransitionWho } from './workflow.js';

/**
 * Which ratings (and their rectifications and appeals) an actor may read:
 * - `park`: dispatchers, leaders and admins (rating:read with a park-wide scope);
 * - `enterprise`: a firm's staff, their own firm's ratings (SPEC §3: another firm's row is 404);
 * - `officer`: a liaison (or an approver with rating:rectify) — only the cases they handled;
 * - `none`: nobody else.
 */
export type RatingScope =
  | { kind: 'park'; parkId: string }
  | { kind: 'enterprise'; parkId: string; enterprise: EnterpriseScope }
  | { kind: 'officer'; parkId: string; userId: string }
  | { kind: 'none'; parkId: string };

export function ratingScopeOf(actor: Actor): RatingScope {
  const scope = enterpriseScopeOf(actor);
  if (scope.kind === 'enterprise') return { kind: 'enterprise', parkId: actor.parkId, enterprise: scope };
  if (scope.kind === 'park' && (can(actor, 'rating:read') || can(actor, 'rating:review'))) return { kind: 'park', parkId: actor.parkId };
  if (can(actor, 'rating:read') || can(actor, 'rating:rectify')) return { kind: 'officer', parkId: actor.parkId, userId: actor.userId };
  return { kind: 'none', parkId: actor.parkId };
}

/** The business-environment office: dispatchers and admins review appeals, close rectifications, see raters. */
export function isOffice(actor: Actor): boolean {
  return hasRole(actor, 'dispatcher', 'admin');
}

/**
 * The rater's identity is for the office (dispatchers, admins) and the rater — never for the rated
 * officer, even one who also holds an office role, nor for liaisons or leaders.
 */
export function maySeeRater(actor: Actor, rating: { officer_id: string | null; rater_id: string | null }): boolean {
  if (rating.rater_id !== null && rating.rater_id === actor.userId) return true;
  return isOffice(actor) && rating.officer_id !== actor.userId;
}

/** The enterprise side of a rating: its firm's staff give the rating and the verdict on the fix. */
export function isRaterFirm(actor: Actor, rating: { enterprise_id: string }): boolean {
  return hasRole(actor, 'enterprise') && actor.enterpriseId === rating.enterprise_id;
}

/** Only the firm served rates its case; staff of another firm are told it does not exist. */
export function assertCanRate(actor: Actor, subject: { parkId: string; enterpriseId: string }): void {
  if (subject.parkId !== actor.parkId) throw notFound('事项');
  if (!hasRole(actor, 'enterprise') || !actor.enterpriseId) throw forbidden('只有办事企业可以评价');
  if (actor.enterpriseId !== subject.enterpriseId) throw notFound('事项');
}

/** Who handles a rectification: its officer, or — when the case had none — the office. */
export function isHandler(actor: Actor, rectification: { assignee_id: string | null }): boolean {
  if (!can(actor, 'rating:rectify')) return false;
  if (rectification.assignee_id) return rectification.assignee_id === actor.userId;
  return isOffice(actor);
}

function matches(actor: Actor, who: TransitionWho, rectification: { assignee_id: string | null }, rating: { enterprise_id: string }): boolean {
  switch (who) {
    case 'handler':
      return isHandler(actor, rectification);
    case 'office':
      return isOffice(actor) && can(actor, 'rating:rectify');
    case 'rater-firm':
      return isRaterFirm(actor, rating);
  }
}

/** The actions the actor may take on the rectification in its current state. */
export function allowedActions(
  actor: Actor,
  rectification: { status: string; assignee_id: string | null },
  rating: { enterprise_id: string; status: string },
): RectificationAction[] {
  if (rating.status !== 'valid') return [];
  return RECTIFICATION_TRANSITIONS.filter(
    (t) => (t.from as readonly string[]).includes(rectification.status) && t.who.some((w) => matches(actor, w, rectification, rating)),
  ).map((t) => t.action);
}

/** Whether the actor is allowed the action at all (in some state): tells 403 from 409 apart. */
export function mayEverTake(actor: Actor, action: RectificationAction, rectification: { assignee_id: string | null }, rating: { enterprise_id: string }): boolean {
  const transition = RECTIFICATION_TRANSITIONS.find((t) => t.action === action)!;
  return transition.who.some((w) => matches(actor, w, rectification, rating));
}

/** Appeals: the rated officer, against a bad review, once. */
export function assertCanAppeal(actor: Actor, rating: { officer_id: string | null }): void {
  if (!rating.officer_id || rating.officer_id !== actor.userId) throw forbidden('只有被评价的经办人可以对差评提出申诉');
}

/** Reviewing an appeal: the office, never on an appeal about oneself. */
export function assertCanReview(actor: Actor, appeal: { appellant_id: string }): void {
  if (!can(actor, 'rating:review')) throw forbidden('只有调度专班或管理员可以审核申诉');
  if (appeal.appellant_id === actor.userId) throw forbidden('不能审核自己提出的申诉');
}
