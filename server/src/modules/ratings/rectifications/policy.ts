import type { RectificationAction, RectificationStatus } from '@yuanqi/contract';
import { can, type Actor } from '../../../platform/actor.js';
import { isOffice, isRaterFirm } from '../policy.js';
import type { PartyOf } from '../../../platform/workflow/index.js';
import { rectificationWorkflow } from './workflow.js';

/** Who handles a rectification: its officer, or — when the case had none — the office. */
export function isHandler(actor: Actor, rectification: { assignee_id: string | null }): boolean {
  if (!can(actor, 'rating:rectify')) return false;
  if (rectification.assignee_id) return rectification.assignee_id === actor.userId;
  return isOffice(actor);
}

/** The parties (workflow.ts) this actor is for this rectification. */
export function partiesOf(actor: Actor, rectification: { assignee_id: string | null }, rating: { enterprise_id: string }): Set<PartyOf<typeof rectificationWorkflow>> {
  const parties = new Set<PartyOf<typeof rectificationWorkflow>>();
  if (isHandler(actor, rectification)) parties.add('handler');
  if (isOffice(actor) && can(actor, 'rating:rectify')) parties.add('office');
  if (isRaterFirm(actor, rating)) parties.add('rater-firm');
  return parties;
}

/** The actions the actor may take on the rectification in its current state (none once its review is removed). */
export function allowedActions(
  actor: Actor,
  rectification: { status: RectificationStatus; assignee_id: string | null; fixed_at: Date | null },
  rating: { enterprise_id: string; status: string },
): RectificationAction[] {
  if (rating.status !== 'valid') return [];
  return rectificationWorkflow.allowedActions(rectification, partiesOf(actor, rectification, rating)) as RectificationAction[];
}
