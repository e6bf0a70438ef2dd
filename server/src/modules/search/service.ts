import { DEMAND_STATUS_LABELS } from '@yuanqi/contract';
import type { SearchGroup, SearchItem, SearchKind, SearchResponse } from '@yuanqi/contract';
export type { SearchItem, SearchKind, SearchGroup, SearchResponse } from '@yuanqi/contract';
import type { Actor } from '../../platform/actor.js';
import type { AppContext } from '../../platform/context.js';
import { demandReadScope } from '../demands/policy.js';
import * as demandsRepo from '../demands/repository.js';
import { readScope as enterpriseReadScope } from '../enterprises/policy.js';
import { listEnterprises } from '../enterprises/repository.js';
import { itemSearchProvider } from '../services/catalogue-search-provider.js';
import { applicationSearchProvider } from '../services/application-search-provider.js';
import { policySearchProvider } from '../policies/search-provider.js';

/**
 * Global search (SPEC §4: firm, case number, policy, item). Each domain contributes one provider
 * and answers through its OWN scoped list/repository, so the search can never show a row the
 * domain's own pages would hide. A provider returns `null` when the actor may not read that domain
 * at all: the group is then absent. Policies (`policy`) and service items (`item`) plug in by
 * adding a provider to PROVIDERS — nothing else changes, the web renders whatever groups arrive.
 */


export const SEARCH_LIMIT = 5;

export type SearchProvider = {
  kind: SearchKind;
  label: string;
  /** At most `limit` hits inside the actor's scope, best first; `null` if the actor may not read this domain. */
  search(ctx: AppContext, actor: Actor, q: string, limit: number): Promise<SearchItem[] | null>;
};

const enterpriseProvider: SearchProvider = {
  kind: 'enterprise',
  label: '企业',
  async search(ctx, actor, q, limit) {
    const scope = enterpriseReadScope(actor);
    if (scope.kind === 'none') return null;
    const { rows } = await listEnterprises(ctx.db, scope, { q, page: 1, pageSize: limit, sort: 'name' });
    // An exact name or credit code is what the user meant: put it first.
    const exact = (r: (typeof rows)[number]) => r.name === q || r.uscc === q.toUpperCase();
    const sorted = [...rows.filter(exact), ...rows.filter((r) => !exact(r))];
    return sorted.map((r) => ({
      id: r.id,
      title: r.name,
      subtitle: [r.uscc, r.liaison_name ? `专员 ${r.liaison_name}` : null].filter(Boolean).join(' · '),
      link: `/enterprises/${r.id}`,
    }));
  },
};

const demandProvider: SearchProvider = {
  kind: 'demand',
  label: '诉求',
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

/** Order here is the order of the groups on screen. */
export const PROVIDERS: SearchProvider[] = [enterpriseProvider, demandProvider, policySearchProvider, itemSearchProvider, applicationSearchProvider];

export async function globalSearch(ctx: AppContext, actor: Actor, q: string, providers: SearchProvider[] = PROVIDERS): Promise<SearchResponse> {
  const results = await Promise.all(providers.map((p) => p.search(ctx, actor, q, SEARCH_LIMIT)));
  const groups: SearchGroup[] = [];
  providers.forEach((p, i) => {
    const items = results[i];
    if (items && items.length > 0) groups.push({ kind: p.kind, label: p.label, items: items.slice(0, SEARCH_LIMIT) });
  });
  return { groups };
}
