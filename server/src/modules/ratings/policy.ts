import { can, hasRole, type Actor } from '../../platform/actor.js';
import { forbidden, notFound } from '../../platform/errors.js';
import { enterpriseScopeOf, type EnterpriseScope } from '../../platform/scope.js';

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
