import type { SearchProvider } from '../../platform/search.js';
import { readScope as enterpriseReadScope } from './policy.js';
import { listEnterprises } from './repository.js';

/** Global-search provider for 企业: name or credit code, inside the actor's scope. */
export const enterpriseSearchProvider: SearchProvider = {
  kind: 'enterprise',
  label: '企业',
  order: 10,
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

