import type { LandParcelAction } from '@yuanqi/contract';
import type { Transaction } from 'kysely';
import type { DB } from '../../../db/schema.js';
import type { Actor } from '../../../platform/actor.js';

/** What a parcel step records: its date (YYYY-MM-DD) and, for 出让 / 再出让, the new holder. */
export type ParcelStepInput = {
  on: string;
  note?: string | null;
  enterpriseId?: string | null;
  projectId?: string | null;
  landPriceFen?: number | null;
};

/**
 * Moves a parcel one step along its workflow (parcels/workflow.ts) inside the caller's transaction:
 * checks the step is allowed from the parcel's state (a step that skips the line is refused with a
 * 409 and a Chinese message), updates the row and its dates, writes the timeline event and the
 * audit entry. `actor` null = the system (a published evaluation, a seed). The clean-up campaign
 * recovers and re-allocates parcels through this, never by updating land_parcels itself.
 * (Seam owned by the parcels sub-domain; signature fixed by the skeleton.)
 */
export async function moveParcel(
  _trx: Transaction<DB>,
  _actor: Actor | null,
  _parkId: string,
  _parcelId: string,
  _action: LandParcelAction,
  _input: ParcelStepInput,
  _now: Date,
): Promise<void> {
  throw new Error('moveParcel: not built yet (parcels sub-domain)');
}
