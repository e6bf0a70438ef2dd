import { CASE_KIND_LABELS, visitsLabel } from '@yuanqi/contract';
import { can } from '../../../platform/actor.js';
import type { SearchProvider } from '../../../platform/search.js';
import { analyzeQuery, searchItems } from './search-service.js';

/**
 * Global-search provider for 办事事项: the catalogue search itself (colloquial words, synonyms,
 * codes), active items only; null when the actor may not read the catalogue.
 */
export const itemSearchProvider: SearchProvider = {
  kind: 'item',
  label: '办事事项',
  order: 40,
  async search(ctx, actor, q, limit) {
    if (!can(actor, 'service:read')) return null;
    const search = await analyzeQuery(ctx.db, actor.parkId, q);
    if (!search) return [];
    const { rows } = await searchItems(ctx.db, actor.parkId, { status: 'active' }, search, { limit, offset: 0 });
    return rows.map((r) => ({
      id: r.id,
      title: r.name,
      subtitle: [
        r.case_kind === 'instant' ? CASE_KIND_LABELS.instant : `承诺${r.committed_days}个工作日`,
        visitsLabel(r.visits),
        r.online ? '可网办' : null,
        r.department,
      ].filter(Boolean).join(' · '),
      link: `/guide/items/${r.id}`,
    }));
  },
};
