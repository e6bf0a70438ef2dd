/**
 * The demands side of the 好差评 interface: the one file of this module that calls the ratings
 * module (server/src/modules/ratings/service.ts), so the coupling stays in one place.
 */
import type { RateRequest, RatingView, SatisfactionFigures } from '@yuanqi/contract';
import type { Kysely, Transaction } from 'kysely';
import type { DemandRow } from '../../../db/schema-demands.js';
import type { DB } from '../../../db/schema.js';
import type { Actor } from '../../../platform/actor.js';
import type { AppContext } from '../../../platform/context.js';
import { findRatingForSubject, rateSubject, satisfactionByOfficer, type RatingSubject } from '../../ratings/service.js';
import type { StatsRange } from '../stats/repository.js';

export { ratedCaseEvent } from '../../ratings/service.js';

type Executor = Kysely<DB> | Transaction<DB>;

export function subjectOf(demand: DemandRow): RatingSubject {
  return {
    type: 'demand',
    id: demand.id,
    parkId: demand.park_id,
    enterpriseId: demand.enterprise_id,
    officerId: demand.assignee_id,
    caseNumber: demand.number,
    category: demand.category,
    title: demand.title,
    closedAt: demand.closed_at ?? demand.updated_at,
  };
}

export async function findDemandRating(db: Executor, parkId: string, id: string, viewer: Actor): Promise<RatingView | null> {
  return findRatingForSubject(db, parkId, 'demand', id, viewer);
}

/** Rates a closed demand inside the caller's transaction; a second rating is the ratings module's 409. */
export async function rateDemand(trx: Transaction<DB>, ctx: AppContext, actor: Actor, demand: DemandRow, input: RateRequest): Promise<RatingView> {
  return rateSubject(trx, ctx, actor, subjectOf(demand), input);
}

/** 好评率 / 差评 / 未评 of the demands closed in the range (the ratings module's measures): in total and per officer. */
export async function demandSatisfaction(
  db: Executor,
  parkId: string,
  range: StatsRange,
  officerId: string | null,
  now: Date,
): Promise<{ total: SatisfactionFigures; byOfficer: Map<string | null, SatisfactionFigures> }> {
  // one grouped pass gives the total and every officer's share (one officer: the filter narrows it)
  const { total, byOfficer } = await satisfactionByOfficer(db, parkId, { from: range.from, to: range.to, asOf: now, subjectType: 'demand', officerId: officerId ?? undefined });
  if (officerId && !byOfficer.has(officerId)) byOfficer.set(officerId, total);
  return { total, byOfficer };
}
