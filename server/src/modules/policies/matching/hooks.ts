import type { Transaction } from 'kysely';
import type { DB } from '../../../db/schema.js';
import type { Actor } from '../../../platform/actor.js';
import type { AppContext } from '../../../platform/context.js';
import { startJob } from '../../jobs/service.js';
import { refreshEnterpriseMatches } from './store.js';

/**
 * What other modules call when an enterprise's data changes, so its 政策匹配 stays current:
 * one firm inside the caller's transaction (cheap: every policy for one subject), many firms
 * (an import) as one background job.
 */
export async function enterpriseChanged(trx: Transaction<DB>, parkId: string, enterpriseId: string, now: Date): Promise<void> {
  await refreshEnterpriseMatches(trx, parkId, [enterpriseId], now);
}

export async function enterprisesChangedInBackground(ctx: AppContext, actor: Actor, enterpriseIds: string[]): Promise<string | null> {
  const ids = [...new Set(enterpriseIds)];
  if (ids.length === 0) return null;
  const published = await ctx.db.selectFrom('policies').select('id').where('park_id', '=', actor.parkId).where('status', '=', 'published').limit(1).executeTakeFirst();
  if (!published) return null;
  return startJob(ctx, actor, 'policy-matching', async (progress) => {
    let done = 0;
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      await ctx.db.transaction().execute((trx) => refreshEnterpriseMatches(trx, actor.parkId, chunk, ctx.clock.now()));
      done += chunk.length;
      void progress(done, ids.length, 'match');
    }
    return { enterprises: ids.length };
  });
}
