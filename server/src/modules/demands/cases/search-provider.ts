import { DEMAND_STATUS_LABELS } from '@yuanqi/contract';
import type { SearchProvider } from '../../../platform/search.js';
import { demandReadScope } from './policy.js';
import * as demandsRepo from './repository.js';

/** Global-search provider for 诉求: title or case number, inside the actor's scope. */
export const demandSearchProvider: SearchProvider = {
  kind: 'demand',
  label: '诉求',
  order: 20,
  async search(ctx, actor, q, limit) {
    const scope = demandReadScope(actor);
    if (scope.kind === 'none') return null;
    const { rows } = await demandsRepo.listDemands(ctx.db, scope, { q, page: 1, pageSize: limit, now: ctx.clock.now(), userId: actor.userId });
    // An exact case number (SQ20261126-0001, any case) comes first, even when more than `limit`
    // newer demands mention it in their titles: then it is looked up through the same scope.
    const isNumber = (n: string) => n.toUpperCase() === q.toUpperCase();
    if (!rows.some((r) => isNumber(r.number)) && rows.length >= limit && !/\s/.test(q)) {
      const exact = await ctx.db
        .selectFrom('demands as d')
        .innerJoin('enterprises as e', 'e.id', 'd.enterprise_id')
        .selectAll('d')
        .select(['e.name as enterprise_name'])
        .where(demandsRepo.inDemandScope(scope))
        .where('d.number', 'in', [...new Set([q, q.toUpperCase()])])
        .executeTakeFirst();
      if (exact) rows.unshift({ ...exact, assignee_name: null });
    }
    rows.sort((a, b) => Number(isNumber(b.number)) - Number(isNumber(a.number)));
    return rows.slice(0, limit).map((r) => ({
      id: r.id,
      title: `${r.number} ${r.title}`,
      subtitle: `${r.enterprise_name} · ${DEMAND_STATUS_LABELS[r.status] ?? r.status}`,
      link: `/demands/${r.id}`,
    }));
  },
};

