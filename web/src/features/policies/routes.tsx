import { lazy, Suspense, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';
import { Navigate, useParams, type RouteObject } from 'react-router-dom';
import type { Me, Permission } from '@yuanqi/contract';
import { hasPermission, isEnterpriseOnly, useAuth } from '../../app/auth';
import { page } from '../../app/page';
import { RouteErrorPage } from '../../app/RouteErrorPage';
import { PageLoading } from '../../components/PageLoading';
import { Gate } from '../dispatch/access';

const named = <K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) => lazy(() => load().then((m) => ({ default: m[name] })));

const PolicyLibraryPage = named(() => import('./PolicyLibraryPage'), 'PolicyLibraryPage');
const PolicyDetailPage = named(() => import('./PolicyDetailPage'), 'PolicyDetailPage');
const PolicyRunsRoute = lazy(() => import('./PolicyDetailPage').then((m) => ({ default: () => <m.PolicyDetailPage initialTab="runs" /> })));
const RuleEditorPage = named(() => import('./RuleEditorPage'), 'RuleEditorPage');
const FactsPage = named(() => import('./FactsPage'), 'FactsPage');
const ReviewQueuePage = named(() => import('./ReviewQueuePage'), 'ReviewQueuePage');
const ApplicationDetailPage = named(() => import('./ApplicationDetailPage'), 'ApplicationDetailPage');
const ApplicationFormPage = named(() => import('./ApplicationFormPage'), 'ApplicationFormPage');
const PublicityListPage = named(() => import('./PublicityPages'), 'PublicityListPage');
const PublicityBatchPage = named(() => import('./PublicityPages'), 'PublicityBatchPage');
const RunsPage = named(() => import('./RunPages'), 'RunsPage');
const RunReportPage = named(() => import('./RunPages'), 'RunReportPage');
const GrantPage = named(() => import('./GrantPage'), 'GrantPage');
const MyPoliciesPage = named(() => import('./MyPoliciesPage'), 'MyPoliciesPage');
const MyPolicyDetailPage = named(() => import('./MyPolicyDetailPage'), 'MyPolicyDetailPage');
const MyApplicationsPage = named(() => import('./MyApplicationsPage'), 'MyApplicationsPage');
const ApplyStartPage = named(() => import('./MyApplicationsPage'), 'ApplyStartPage');
const PublicPublicityListPage = named(() => import('./PublicPublicityPage'), 'PublicPublicityListPage');
const PublicPublicityBatchPage = named(() => import('./PublicPublicityPage'), 'PublicPublicityBatchPage');

/** Staff desk pages: the permission, and not an enterprise's own account (which has its own pages). */
const staff = (permission: Permission) => (me: Me | null) => hasPermission(me, permission) && !isEnterpriseOnly(me);
const firm = (permission: Permission) => (me: Me | null) => hasPermission(me, permission);

type Allow = (me: Me | null) => boolean;

function gated(Component: LazyExoticComponent<ComponentType>, allow: Allow) {
  return <Gate allow={allow}>{page(Component)}</Gate>;
}

/** Keyed by the route's params so that moving from one record to another starts from a clean page. */
function Keyed({ component: Component, allow }: { component: LazyExoticComponent<ComponentType>; allow: Allow }) {
  const params = useParams();
  return (
    <Gate allow={allow}>
      <Suspense fallback={<PageLoading />}>
        <Component key={Object.values(params).join('/')} />
      </Suspense>
    </Gate>
  );
}

/**
 * A staff page an enterprise user may reach by a shared link or the global search: the firm is
 * sent to its own view of the same thing.
 */
function FirmGoesTo({ to, children }: { to: (params: Record<string, string | undefined>) => string; children: ReactNode }) {
  const { me } = useAuth();
  const params = useParams();
  return isEnterpriseOnly(me) ? <Navigate to={to(params)} replace /> : <>{children}</>;
}

/** Pages of this feature, mounted under the staff/enterprise layout (see app/router.tsx). */
export const policyRoutes: RouteObject[] = [
  // staff desk: library, rule builder, facts, review, 公示, 免申即享
  { path: 'policies', element: <FirmGoesTo to={() => '/my/policies'}>{gated(PolicyLibraryPage, staff('policy:read'))}</FirmGoesTo> },
  { path: 'policies/new', element: gated(RuleEditorPage, staff('policy:manage')) },
  { path: 'policies/facts', element: gated(FactsPage, staff('enterprise:read')) },
  { path: 'policies/facts/:enterpriseId', element: <Keyed component={FactsPage} allow={staff('enterprise:read')} /> },
  { path: 'policies/:id', element: <FirmGoesTo to={(p) => `/my/policies/${p.id}`}><Keyed component={PolicyDetailPage} allow={staff('policy:read')} /></FirmGoesTo> },
  { path: 'policies/:id/rule', element: <Keyed component={RuleEditorPage} allow={staff('policy:manage')} /> },
  { path: 'policies/:id/runs', element: <Keyed component={PolicyRunsRoute} allow={staff('policy:read')} /> },
  { path: 'policy-applications', element: <FirmGoesTo to={() => '/my/policy-applications'}>{gated(ReviewQueuePage, staff('policy-application:read'))}</FirmGoesTo> },
  { path: 'policy-applications/:id', element: <Keyed component={ApplicationDetailPage} allow={firm('policy-application:read')} /> },
  { path: 'policy-publicity', element: gated(PublicityListPage, staff('policy-application:read')) },
  { path: 'policy-publicity/:id', element: <Keyed component={PublicityBatchPage} allow={staff('policy-application:read')} /> },
  { path: 'policy-runs', element: gated(RunsPage, staff('policy:manage')) },
  { path: 'policy-runs/:id', element: <Keyed component={RunReportPage} allow={staff('policy:manage')} /> },
  { path: 'policy-grants/:id', element: <Keyed component={GrantPage} allow={firm('policy-application:read')} /> },
  // the enterprise's own pages (phone first)
  { path: 'my/policies', element: gated(MyPoliciesPage, firm('policy:read')) },
  { path: 'my/policies/:id', element: <Keyed component={MyPolicyDetailPage} allow={firm('policy:read')} /> },
  { path: 'my/policies/:id/apply', element: <Keyed component={ApplyStartPage} allow={firm('policy:apply')} /> },
  { path: 'my/policy-applications', element: gated(MyApplicationsPage, firm('policy-application:read')) },
  { path: 'my/policy-applications/:id', element: <Keyed component={ApplicationDetailPage} allow={firm('policy-application:read')} /> },
  { path: 'my/policy-applications/:id/edit', element: <Keyed component={ApplicationFormPage} allow={firm('policy:apply')} /> },
  { path: 'my/policy-data', element: gated(FactsPage, (me) => isEnterpriseOnly(me)) },
];

/**
 * The public 公示 pages (no log-in). They must be mounted OUTSIDE RequireAuth, at the router's top
 * level: `...policyPublicRoutes,` next to `/login` in app/router.tsx.
 */
export const policyPublicRoutes: RouteObject[] = [
  { path: '/public/publicity', element: page(PublicPublicityListPage), errorElement: <RouteErrorPage /> },
  { path: '/public/publicity/:id', element: page(PublicPublicityBatchPage), errorElement: <RouteErrorPage /> },
];
