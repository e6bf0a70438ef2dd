import { lazy, Suspense } from 'react';
import { useParams, type RouteObject } from 'react-router-dom';
import type { Permission } from '@yuanqi/contract';
import { Forbidden, RequirePermission } from '../../app/guards';
import { hasPermission, useMe } from '../../app/auth';
import { page } from '../../app/page';
import { PageLoading } from '../../components/PageLoading';

const FundsPage = lazy(() => import('./FundsPage'));
const FundStatementPage = lazy(() => import('./FundStatementPage'));
const PayoutsPage = lazy(() => import('./PayoutsPage'));
const VouchersPage = lazy(() => import('./VouchersPage'));
const MyVouchersPage = lazy(() => import('./MyVouchersPage'));
const CommitmentsPage = lazy(() => import('./CommitmentsPage'));
const ProjectDetailPage = lazy(() => import('./ProjectDetailPage'));

/** Keyed by :id so that moving from one record to another starts from a clean page. */
function Keyed({ component: Component, permission }: { component: typeof FundsPage; permission: Permission }) {
  const { id = '' } = useParams();
  return (
    <RequirePermission permission={permission}>
      <Suspense fallback={<PageLoading />}>
        <Component key={id} />
      </Suspense>
    </RequirePermission>
  );
}

/** Payouts: staff with fund:read see the park; firms and liaisons (policy-application:read) their own scope. */
function PayoutsRoute() {
  const me = useMe();
  if (!hasPermission(me, 'fund:read') && !hasPermission(me, 'policy-application:read')) return <Forbidden />;
  return page(PayoutsPage);
}

/** Pages of this feature, mounted under the staff/enterprise layout (see app/router.tsx). */
export const fundRoutes: RouteObject[] = [
  { path: 'funds', element: page(FundsPage, 'fund:read') },
  { path: 'funds/:id', element: <Keyed component={FundStatementPage} permission="fund:read" /> },
  { path: 'payouts', element: <PayoutsRoute /> },
  { path: 'my/payouts', element: <PayoutsRoute /> },
  { path: 'vouchers', element: page(VouchersPage, 'voucher:manage') },
  { path: 'my/vouchers', element: page(MyVouchersPage, 'voucher:read') },
  { path: 'commitments', element: page(CommitmentsPage, 'commitment:read') },
  { path: 'commitments/:id', element: <Keyed component={ProjectDetailPage} permission="commitment:read" /> },
];
