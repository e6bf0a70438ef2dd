import { can, type Actor } from '../../../platform/actor.js';
import { forbidden } from '../../../platform/errors.js';

/** Appeals: the rated officer, against a bad review, once. */
export function assertCanAppeal(actor: Actor, rating: { officer_id: string | null }): void {
  if (!rating.officer_id || rating.officer_id !== actor.userId) throw forbidden('只有被评价的经办人可以对差评提出申诉');
}

/** Reviewing an appeal: the office, never on an appeal about oneself. */
export function assertCanReview(actor: Actor, appeal: { appellant_id: string }): void {
  if (!can(actor, 'rating:review')) throw forbidden('只有调度专班或管理员可以审核申诉');
  if (appeal.appellant_id === actor.userId) throw forbidden('不能审核自己提出的申诉');
}
