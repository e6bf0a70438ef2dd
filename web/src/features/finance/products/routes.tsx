import { lazy, Suspense, type ComponentType, type LazyExoticComponent } from 'react';
import { useParams, type RouteObject } from 'react-router-dom';
import type { Permission } from '@yuanqi/contract';
import { Forbidden } from '../../../app/guards';
import { hasPermission, useMe } from '../../../app/auth';
import { PageLoading } from '../../../components/PageLoading';
import { page } from '../../../app/page';

const ProductsPage = lazy(() => import('./ProductsPage'));
const ProductDetailPage = lazy(() => import('./ProductDetailPage'));
const ComparePage = lazy(() => import('./ComparePage'));
const ProductFormPage = lazy(() => import('./ProductFormPage'));
const BankProductsPage = lazy(() => import('./BankProductsPage'));
const InstitutionsPage = lazy(() => import('./InstitutionsPage'));

/** A page for anyone holding one of `permissions` (the server still scopes every row); keyed by :id. */
function AnyOf({ component: Component, permissions }: { component: LazyExoticComponent<ComponentType>; permissions: Permission[] }) {
  const me = useMe();
  const { id = '' } = useParams();
  if (!permissions.some((p) => hasPermission(me, p))) return <Forbidden />;
  return (
    <Suspense fallback={<PageLoading />}>
      <Component key={id} />
    </Suspense>
  );
}

const BROWSE: Permission[] = ['finance:read', 'finance:apply', 'finance:bank'];
const MAINTAIN: Permission[] = ['finance:manage', 'finance:bank'];

/** Pages of 金融服务 — products and institutions (mounted under the app layout, see ../routes.tsx). */
export const productRoutes: RouteObject[] = [
  { path: 'finance/products', element: <AnyOf component={ProductsPage} permissions={BROWSE} /> },
  { path: 'finance/products/compare', element: <AnyOf component={ComparePage} permissions={BROWSE} /> },
  { path: 'finance/products/new', element: <AnyOf component={ProductFormPage} permissions={MAINTAIN} /> },
  { path: 'finance/products/:id', element: <AnyOf component={ProductDetailPage} permissions={BROWSE} /> },
  { path: 'finance/products/:id/edit', element: <AnyOf component={ProductFormPage} permissions={MAINTAIN} /> },
  { path: 'finance/bank/products', element: page(BankProductsPage, 'finance:bank') },
  { path: 'finance/institutions', element: page(InstitutionsPage, 'finance:read') },
];
