import { sql } from 'kysely';
import { systemActor } from '../../../platform/actor.js';
import { recordAudit } from '../../../platform/audit.js';
import { shanghaiDate, startOfShanghaiDay } from '../../../platform/calendar/index.js';
import type { AppContext } from '../../../platform/context.js';
import { registerScheduledJob } from '../../../platform/scheduler.js';
import { expireGrants } from '../exemption/service.js';
import { lastComputedAt, refreshPolicyMatches } from '../matching/store.js';

/**
 * The daily policy sweep (idempotent; several processes may run it): a version whose effective
 * date has come becomes the current one (its predecessor is superseded), a policy past its
 * validity expires, and each park's matches are recomputed once a day — date-dependent rules
 * (成立年限, dated parameters, relative data years) change with the calendar, not only with data.
 * 免申即享 grants not confirmed by their deadline expire and release their reserved money
 * (`grantParkIds` limits that step to some parks, for tests sharing a database).
 */
export async function runPolicySweep(
  ctx: AppContext,
  options: { grantParkIds?: string[] } = {},
): Promise<{ promoted: number; expired: number; expiredGrants: number; refreshedParks: number; failedParks: { parkId: string; message: string }[] }> {
  const now = ctx.clock.now();
  const today = shanghaiDate(now);
  let promoted = 0;
  let expired = 0;
  let refreshedParks = 0;
  const failedParks: { parkId: string; message: string }[] = [];

  // versions whose day has come
  const due = await ctx.db
    .selectFrom('policy_versions as v')
    .innerJoin('policies as p', 'p.id', 'v.policy_id')
    .select(['v.id', 'v.park_id', 'v.policy_id', 'p.current_version_id'])
    .where('v.status', '=', 'published')
    .where('v.effective_from', '<=', today)
    .where('p.status', '=', 'published')
    .where(sql<boolean>`p.current_version_id is distinct from v.id`)
    .orderBy('v.effective_from')
    .execute();
  for (const v of due) {
    await ctx.db.transaction().execute(async (trx) => {
      const policy = await trx.selectFrom('policies').select(['id', 'current_version_id']).where('id', '=', v.policy_id).forUpdate().executeTakeFirst();
      if (!policy || policy.current_version_id === v.id) return;
      // the latest version in force today wins (several may have come due since the last sweep)
      const latest = await trx
        .selectFrom('policy_versions')
        .select(['id', 'version_no'])
        .where('policy_id', '=', v.policy_id)
        .where('status', '=', 'published')
        .where('effective_from', '<=', today)
        .orderBy('effective_from', 'desc')
        .executeTakeFirstOrThrow();
      await trx
        .updateTable('policy_versions')
        .set({ status: 'superseded', superseded_at: now, updated_at: now })
        .where('policy_id', '=', v.policy_id)
        .where('status', '=', 'published')
        .where('id', '!=', latest.id)
        .where('effective_from', '<=', today)
        .execute();
      await trx.updateTable('policies').set({ current_version_id: latest.id, updated_at: now }).where('id', '=', v.policy_id).execute();
      await recordAudit(trx, systemActor(v.park_id), v.park_id, [{ action: 'version_in_force', entity: 'policy', entityId: v.policy_id, before: { currentVersionId: policy.current_version_id }, after: { currentVersionId: latest.id, versionNo: latest.version_no } }], now);
      promoted += 1;
    });
  }

  // policies past their validity
  const ending = await ctx.db.selectFrom('policies').select(['id', 'park_id', 'valid_to']).where('status', '=', 'published').where('valid_to', '<', today).execute();
  for (const p of ending) {
    await ctx.db.transaction().execute(async (trx) => {
      const res = await trx.updateTable('policies').set({ status: 'expired', updated_at: now }).where('id', '=', p.id).where('status', '=', 'published').executeTakeFirst();
      if (Number(res.numUpdatedRows) === 0) return;
      await trx.deleteFrom('policy_matches').where('park_id', '=', p.park_id).where('policy_id', '=', p.id).execute();
      await recordAudit(trx, systemActor(p.park_id), p.park_id, [{ action: 'expire', entity: 'policy', entityId: p.id, before: { status: 'published' }, after: { status: 'expired', validTo: p.valid_to } }], now);
      expired += 1;
    });
  }

  // grants past their confirmation deadline give their money back
  const expiredGrants = await expireGrants(ctx, now, { parkIds: options.grantParkIds });

  // once a day per park
  const parks = await ctx.db.selectFrom('policies').select('park_id').where('status', '=', 'published').distinct().execute();
  const dayStart = startOfShanghaiDay(today);
  for (const { park_id } of parks) {
    const last = await lastComputedAt(ctx.db, park_id);
    if (last && last.getTime() >= dayStart.getTime() && promoted === 0 && expired === 0) continue;
    // One park's bad data must not keep the other parks of a province from being refreshed: the
    // failure is reported (and the scheduler logs it), the next park goes on.
    try {
      await refreshPolicyMatches(ctx.db, park_id, now, null);
      refreshedParks += 1;
    } catch (error) {
      failedParks.push({ parkId: park_id, message: error instanceof Error ? error.message : String(error) });
    }
  }
  return { promoted, expired, expiredGrants, refreshedParks, failedParks };
}

let registered = false;

export function registerPolicySweep(): void {
  if (registered) return;
  registered = true;
  registerScheduledJob({
    name: 'policies-daily',
    everyMs: 30 * 60_000,
    run: async (ctx) => {
      const result = await runPolicySweep(ctx);
      // Every other park was refreshed; the scheduler logs the ones that were not.
      if (result.failedParks.length > 0) throw new Error(`policy matches not refreshed for ${result.failedParks.map((f) => `${f.parkId}: ${f.message}`).join('; ')}`);
    },
  });
}
