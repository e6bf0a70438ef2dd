import { lazy, Suspense } from 'react';
import { useParams, type RouteObject } from 'react-router-dom';
import { RequirePermission } from '../../app/guards';
import { page } from '../../app/page';
import { PageLoading } from '../../components/PageLoading';

const GuidePage = lazy(() => import('./GuidePage').then((m) => ({ default: m.GuidePage })));
const ItemGuidePage = lazy(() => import('./ItemGuidePage').then((m) => ({ default: m.ItemGuidePage })));
const ItemAdminPage = lazy(() => import('./ItemAdminPage').then((m) => ({ default: m.ItemAdminPage })));
const ItemImportPage = lazy(() => import('./ItemImportPage').then((m) => ({ default: m.ItemImportPage })));
const SynonymsPage = lazy(() => import('./SynonymsPage').then((m) => ({ default: m.SynonymsPage })));
const ItemStatsPage = lazy(() => import('./ItemStatsPage').then((m) => ({ default: m.ItemStatsPage })));

/** Keyed by id: moving from one item's guide to another starts from a clean page. */
function ItemGuideRoute() {
  const { id = '' } = useParams();
  return (
    <RequirePermission permission="service:read">
      <Suspense fallback={<PageLoading />}>
        <ItemGuidePage key={id} />
      </Suspense>
    </RequirePermission>
  );
}

/** Pages of this feature, mounted under the staff/enterprise layout (see app/router.tsx). */
export const serviceCatalogueRoutes: RouteObject[] = [
  { path: 'guide', element: page(GuidePage, 'service:read') },
  { path: 'guide/items/:id', element: <ItemGuideRoute /> },
  { path: 'admin/service-items', element: page(ItemAdminPage, 'service:manage') },
  { path: 'admin/service-items/import', element: page(ItemImportPage, 'service:manage') },
  { path: 'admin/service-synonyms', element: page(SynonymsPage, 'service:manage') },
  { path: 'services/stats', element: page(ItemStatsPage, 'service:stats') },
];
