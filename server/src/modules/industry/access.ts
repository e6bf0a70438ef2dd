import { can, type Actor } from '../../platform/actor.js';
import { forbidden } from '../../platform/errors.js';

/** Anyone who takes part in the industry cloud: staff who read it, firms (and liaisons) who report. */
export function requireIndustryAccess(actor: Actor): void {
  if (!can(actor, 'industry:read') && !can(actor, 'industry:report')) throw forbidden();
}
