import type { SearchGroup, SearchResponse } from '@yuanqi/contract';
import type { Actor } from '../../platform/actor.js';
import type { AppContext } from '../../platform/context.js';
import type { SearchProvider } from '../../platform/search.js';

/**
 * Global search (SPEC §4: firm, case number, policy, item). Each domain registers one provider
 * with `ctx.search` when the app is built (platform/search.ts); this module imports no domain
 * module, and the web renders whatever groups arrive.
 */
export const SEARCH_LIMIT = 5;


/** Asks every registered provider (in screen order) at once; a domain the actor may not read is absent. */
export async function globalSearch(ctx: AppContext, actor: Actor, q: string, providers: readonly SearchProvider[] = ctx.search.providers()): Promise<SearchResponse> {
  const results = await Promise.all(providers.map((p) => p.search(ctx, actor, q, SEARCH_LIMIT)));
  const groups: SearchGroup[] = [];
  providers.forEach((p, i) => {
    const items = results[i];
    if (items && items.length > 0) groups.push({ kind: p.kind, label: p.label, items: items.slice(0, SEARCH_LIMIT) });
  });
  return { groups };
}
