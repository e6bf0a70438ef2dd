import type { SearchItem, SearchKind } from '@yuanqi/contract';
import type { Actor } from './actor.js';
import type { AppContext } from './context.js';

/**
 * One domain's part of the global search (SPEC §4: firm, case number, policy, item). A module
 * registers its provider with `ctx.search` when the app is built and answers through its OWN
 * scoped list/repository, so the search never shows a row the domain's own pages would hide. The
 * search module reads the registry and imports no module.
 */
export type SearchProvider = {
  kind: SearchKind;
  label: string;
  /** Where the group stands on screen: smaller first (企业 10, 诉求 20, 政策 30, 事项 40, 办件 50). */
  order: number;
  /** At most `limit` hits inside the actor's scope, best first; `null` if the actor may not read this domain. */
  search(ctx: AppContext, actor: Actor, q: string, limit: number): Promise<SearchItem[] | null>;
};

export type SearchRegistry = {
  register(provider: SearchProvider): void;
  /** The registered providers in screen order. */
  providers(): readonly SearchProvider[];
};

export function createSearchRegistry(): SearchRegistry {
  const list: SearchProvider[] = [];
  return {
    register(provider) {
      if (list.some((p) => p.kind === provider.kind)) throw new Error(`search provider ${provider.kind} registered twice`);
      list.push(provider);
      list.sort((a, b) => a.order - b.order);
    },
    providers: () => list,
  };
}
