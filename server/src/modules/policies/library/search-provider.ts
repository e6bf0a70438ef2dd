import { POLICY_APPLICATION_STATUS_LABELS, POLICY_MODE_LABELS, POLICY_STATUS_LABELS } from '@yuanqi/contract';
import { can } from '../../../platform/actor.js';
import type { SearchItem } from '@yuanqi/contract';
import type { SearchProvider } from '../../../platform/search.js';
import { listApplications } from '../applications/service.js';
import { listPolicies } from './service.js';

/**
 * Global-search provider for 政策, inside the actor's scope (null when the actor may not read
 * them): policies by title, code or 文号 (enterprise users see published ones only), and a 申报
 * number (ZC20261126-0001) the reader may see.
 */
export const policySearchProvider: SearchProvider = {
  kind: 'policy',
  label: '政策',
  order: 30,
  async search(ctx, actor, q, limit) {
    if (!can(actor, 'policy:read')) return null;
    const out: SearchItem[] = [];
    if (/^ZC\d{8}-\d{1,6}$/i.test(q) && can(actor, 'policy-application:read')) {
      const apps = await listApplications(ctx, actor, { q: q.toUpperCase(), page: 1, pageSize: 1 });
      for (const a of apps.items) {
        out.push({ id: a.id, title: `${a.number} ${a.policyTitle}`, subtitle: `${a.enterpriseName} · ${POLICY_APPLICATION_STATUS_LABELS[a.status]}`, link: `/policy-applications/${a.id}` });
      }
    }
    const page = await listPolicies(ctx, actor, { q, page: 1, pageSize: limit });
    for (const p of page.items) {
      if (out.length >= limit) break;
      out.push({
        id: p.id,
        title: p.title,
        subtitle: [p.docNumber, POLICY_MODE_LABELS[p.mode], p.status === 'published' ? null : POLICY_STATUS_LABELS[p.status]].filter(Boolean).join(' · '),
        link: `/policies/${p.id}`,
      });
    }
    return out;
  },
};
