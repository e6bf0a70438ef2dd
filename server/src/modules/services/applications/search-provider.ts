import { APPLICATION_STATUS_LABELS, SERVICE_APPLICATION_LINKS } from '@yuanqi/contract';
import type { SearchProvider } from '../../../platform/search.js';
import { applicationScopeOf } from './policy.js';
import * as repo from './repository.js';

/**
 * Global-search provider for 办件, inside the actor's scope (an approver finds its items' cases,
 * a firm its own, the office all): by case number, item name or firm name; an exact case number
 * comes first. Null when the actor may not read applications.
 */
export const applicationSearchProvider: SearchProvider = {
  kind: 'application',
  label: '办件',
  order: 50,
  async search(ctx, actor, q, limit) {
    const scope = applicationScopeOf(actor);
    if (scope.kind === 'none') return null;
    const now = ctx.clock.now();
    const { rows } = await repo.listApplications(ctx.db, scope, { q, page: 1, pageSize: limit, now, userId: actor.userId, dueSoonBefore: now });
    const isNumber = (n: string) => n.toUpperCase() === q.trim().toUpperCase();
    if (!rows.some((r) => isNumber(r.number)) && rows.length >= limit && /^BJ\d{8}-\d{4}$/i.test(q.trim())) {
      const exact = await repo.listApplications(ctx.db, scope, { q: q.trim().toUpperCase(), page: 1, pageSize: 1, now, userId: actor.userId, dueSoonBefore: now, sort: 'submittedAt' });
      rows.unshift(...exact.rows.filter((r) => isNumber(r.number)));
    }
    rows.sort((a, b) => Number(isNumber(b.number)) - Number(isNumber(a.number)));
    return rows.slice(0, limit).map((r) => ({
      id: r.id,
      title: `${r.number} ${r.item_name}`,
      subtitle: `${r.enterprise_name} · ${APPLICATION_STATUS_LABELS[r.status] ?? r.status}${r.is_daiban ? ' · 代办' : ''}`,
      link: SERVICE_APPLICATION_LINKS.application(r.id),
    }));
  },
};
