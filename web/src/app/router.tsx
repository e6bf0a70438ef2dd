import { lazy, Suspense, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';
import { createBrowserRouter, Navigate, useParams } from 'react-router-dom';
import type { Permission } from '@yuanqi/contract';
import { AppLayout } from './AppLayout';
import { RequireAuth, RequirePermission } from './guards';
import { PageLoading } from '../components/PageLoading';
import { page } from './page';
import { RouteErrorPage } from './RouteErrorPage';
import { Gate, anyPermission, seesOfficeDesk, seesRatingCases } from '../features/dispatch/access';
import { AppealRedirect, RectificationRedirect } from '../features/ratings/redirects';
import { serviceCatalogueRoutes } from '../features/service-catalogue/routes';
import { serviceRoutes } from '../features/services/routes';
import { policyPublicRoutes, policyRoutes } from '../features/policies/routes';
import { fundRoutes } from '../features/funds/routes';
import { financeRoutes } from '../features/finance/routes';
import { industryRoutes } from '../features/industry/routes';
import { landRoutes } from '../features/land/routes';

const LoginPage = lazy(() => import('./LoginPage').then((m) => ({ default: m.LoginPage })));
const NotFoundPage = lazy(() => import('./NotFoundPage').then((m) => ({ default: m.NotFoundPage })));
const HomePage = lazy(() => import('../features/dashboard/HomePage').then((m) => ({ default: m.HomePage })));
const EnterpriseListPage = lazy(() =>
  import('../features/enterprises/EnterpriseListPage').then((m) => ({ default: m.EnterpriseListPage })),
);
const EnterpriseProfilePage = lazy(() =>
  import('../features/enterprises/EnterpriseProfilePage').then((m) => ({ default: m.EnterpriseProfilePage })),
);
const EnterpriseImportPage = lazy(() =>
  import('../features/enterprises/EnterpriseImportPage').then((m) => ({ default: m.EnterpriseImportPage })),
);
const UsersPage = lazy(() => import('../features/users/UsersPage').then((m) => ({ default: m.UsersPage })));
const CalendarPage = lazy(() => import('../features/calendar/CalendarPage').then((m) => ({ default: m.CalendarPage })));
const AuditPage = lazy(() => import('../features/audit/AuditPage').then((m) => ({ default: m.AuditPage })));
const DictionariesPage = lazy(() => import('../features/dictionaries/DictionariesPage').then((m) => ({ default: m.DictionariesPage })));
const RolesPage = lazy(() => import('../features/admin/RolesPage').then((m) => ({ default: m.RolesPage })));
const DepartmentsPage = lazy(() => import('../features/admin/DepartmentsPage').then((m) => ({ default: m.DepartmentsPage })));
const LoginLogPage = lazy(() => import('../features/admin/LoginLogPage').then((m) => ({ default: m.LoginLogPage })));
const OnlineUsersPage = lazy(() => import('../features/admin/OnlineUsersPage').then((m) => ({ default: m.OnlineUsersPage })));
const JobsPage = lazy(() => import('../features/admin/JobsPage').then((m) => ({ default: m.JobsPage })));
const ParametersPage = lazy(() => import('../features/admin/ParametersPage').then((m) => ({ default: m.ParametersPage })));
const MonitorPage = lazy(() => import('../features/admin/MonitorPage').then((m) => ({ default: m.MonitorPage })));
const NotificationsPage = lazy(() =>
  import('../features/notifications/NotificationsPage').then((m) => ({ default: m.NotificationsPage })),
);
const MinePage = lazy(() => import('./phone/MinePage').then((m) => ({ default: m.MinePage })));
const SettingsPage = lazy(() => import('../features/settings/SettingsPage').then((m) => ({ default: m.SettingsPage })));
// 诉求 and 走访 (features/demands, features/visits)
const DemandsPage = lazy(() => import('../features/demands/DemandsPage').then((m) => ({ default: m.DemandsPage })));
const NewDemandPage = lazy(() => import('../features/demands/NewDemandPage').then((m) => ({ default: m.NewDemandPage })));
const DemandDetailPage = lazy(() => import('../features/demands/DemandDetailPage').then((m) => ({ default: m.DemandDetailPage })));
const PendingRatingsPage = lazy(() => import('../features/demands/PendingRatingsPage').then((m) => ({ default: m.PendingRatingsPage })));
const VisitListPage = lazy(() => import('../features/visits/VisitListPage').then((m) => ({ default: m.VisitListPage })));
const VisitFormPage = lazy(() => import('../features/visits/VisitFormPage').then((m) => ({ default: m.VisitFormPage })));
const VisitDetailPage = lazy(() => import('../features/visits/VisitDetailPage').then((m) => ({ default: m.VisitDetailPage })));
const VisitCalendarPage = lazy(() => import('../features/visits/VisitCalendarPage').then((m) => ({ default: m.VisitCalendarPage })));
const TargetsPage = lazy(() => import('../features/visits/TargetsPage').then((m) => ({ default: m.TargetsPage })));
// 调度督办 and 好差评 (features/dispatch, features/ratings)
const DispatchBoardPage = lazy(() => import('../features/dispatch/DispatchBoardPage').then((m) => ({ default: m.DispatchBoardPage })));
const MeetingListPage = lazy(() => import('../features/dispatch/MeetingListPage').then((m) => ({ default: m.MeetingListPage })));
const MeetingPage = lazy(() => import('../features/dispatch/MeetingPage').then((m) => ({ default: m.MeetingPage })));
const DispatchTargetsPage = lazy(() => import('../features/dispatch/TargetsPage').then((m) => ({ default: m.TargetsPage })));
const DemandStatsPage = lazy(() => import('../features/dispatch/StatsPage').then((m) => ({ default: m.StatsPage })));
const RatingsPage = lazy(() => import('../features/ratings/RatingsPage').then((m) => ({ default: m.RatingsPage })));
const RatingDetailPage = lazy(() => import('../features/ratings/RatingDetailPage').then((m) => ({ default: m.RatingDetailPage })));
const RectificationListPage = lazy(() => import('../features/ratings/RectificationListPage').then((m) => ({ default: m.RectificationListPage })));
const RectificationPage = lazy(() => import('../features/ratings/RectificationPage').then((m) => ({ default: m.RectificationPage })));
const AppealsPage = lazy(() => import('../features/ratings/AppealsPage').then((m) => ({ default: m.AppealsPage })));

/** The profile is keyed by id so that moving between firms starts from a clean page state. */
function EnterpriseProfileRoute() {
  const { id = '' } = useParams();
  return (
    <RequirePermission permission="enterprise:read">
      <Suspense fallback={<PageLoading />}>
        <EnterpriseProfilePage key={id} />
      </Suspense>
    </RequirePermission>
  );
}

/** Keyed by id: moving from one case to another (a notification, a link) starts clean. */
function DemandDetailRoute() {
  const { id = '' } = useParams();
  return (
    <RequirePermission permission="demand:read">
      <Suspense fallback={<PageLoading />}>
        <DemandDetailPage key={id} />
      </Suspense>
    </RequirePermission>
  );
}

type Allow = Parameters<typeof Gate>[0]['allow'];

/** A page whose access is more than one permission (the office desk, officers or the rated firm). */
function gated(Component: LazyExoticComponent<ComponentType>, allow: Allow): ReactNode {
  return <Gate allow={allow}>{page(Component)}</Gate>;
}

/** The same, keyed by the :id param so that moving between records starts from a clean page. */
function GatedById({ component: Component, allow }: { component: LazyExoticComponent<ComponentType>; allow: Allow }) {
  const { id = '' } = useParams();
  return (
    <Gate allow={allow}>
      <Suspense fallback={<PageLoading />}>
        <Component key={id} />
      </Suspense>
    </Gate>
  );
}

export const router = createBrowserRouter([
  { path: '/login', element: page(LoginPage), errorElement: <RouteErrorPage /> },
  // 公示 lists are public (no log-in): anyone may read them and raise an objection.
  ...policyPublicRoutes,
  {
    path: '/',
    element: (
      <RequireAuth>
        <AppLayout />
      </RequireAuth>
    ),
    errorElement: <RouteErrorPage />,
    children: [
      { index: true, element: page(HomePage) },
      { path: 'enterprises', element: page(EnterpriseListPage, 'enterprise:read') },
      { path: 'enterprises/import', element: page(EnterpriseImportPage, 'enterprise:import') },
      { path: 'enterprises/:id', element: <EnterpriseProfileRoute /> },
      { path: 'demands', element: page(DemandsPage, 'demand:read') },
      { path: 'demands/new', element: page(NewDemandPage, 'demand:create') },
      { path: 'demands/to-rate', element: page(PendingRatingsPage, 'demand:read') },
      { path: 'demands/:id', element: <DemandDetailRoute /> },
      { path: 'visits', element: page(VisitListPage, 'visit:read') },
      { path: 'visits/new', element: page(VisitFormPage, 'visit:write') },
      { path: 'visits/calendar', element: page(VisitCalendarPage, 'visit:read') },
      { path: 'visits/:id', element: page(VisitDetailPage, 'visit:read') },
      { path: 'targets', element: page(TargetsPage, 'stats:read') },
      { path: 'demands/stats', element: page(DemandStatsPage, 'stats:read') },
      { path: 'dispatch', element: gated(DispatchBoardPage, seesOfficeDesk) },
      { path: 'dispatch/meetings', element: gated(MeetingListPage, seesOfficeDesk) },
      { path: 'dispatch/meetings/:id', element: <GatedById component={MeetingPage} allow={seesOfficeDesk} /> },
      { path: 'dispatch/targets', element: page(DispatchTargetsPage, 'stats:read') },
      { path: 'ratings', element: page(RatingsPage, 'rating:read') },
      { path: 'ratings/rectifications/:id', element: <RectificationRedirect /> },
      { path: 'ratings/appeals/:id', element: <AppealRedirect /> },
      { path: 'ratings/:id', element: <GatedById component={RatingDetailPage} allow={seesRatingCases} /> },
      { path: 'rectifications', element: gated(RectificationListPage, seesRatingCases) },
      { path: 'rectifications/:id', element: <GatedById component={RectificationPage} allow={seesRatingCases} /> },
      { path: 'appeals', element: gated(AppealsPage, anyPermission('rating:review', 'rating:rectify')) },
      ...serviceCatalogueRoutes,
      ...serviceRoutes,
      ...policyRoutes,
      ...fundRoutes,
      ...financeRoutes,
      ...industryRoutes,
      ...landRoutes,
      { path: 'admin/users', element: page(UsersPage, 'user:manage') },
      { path: 'admin/calendar', element: page(CalendarPage, 'calendar:manage') },
      { path: 'admin/dictionaries', element: page(DictionariesPage, 'dictionary:manage') },
      { path: 'admin/audit', element: page(AuditPage, 'audit:read') },
      { path: 'admin/roles', element: page(RolesPage, 'role:manage') },
      { path: 'admin/departments', element: page(DepartmentsPage, 'department:manage') },
      { path: 'admin/login-log', element: page(LoginLogPage, 'login-log:read') },
      { path: 'admin/online', element: page(OnlineUsersPage, 'session:manage') },
      { path: 'admin/jobs', element: page(JobsPage, 'job:manage') },
      { path: 'admin/parameters', element: page(ParametersPage, 'parameter:read') },
      { path: 'admin/monitor', element: page(MonitorPage, 'monitor:read') },
      { path: 'settings', element: page(SettingsPage) },
      // 我的: the phone app's account tab (any signed-in user may open it)
      { path: 'mine', element: page(MinePage) },
      { path: 'notifications', element: page(NotificationsPage) },
      { path: 'home', element: <Navigate to="/" replace /> },
      { path: '*', element: page(NotFoundPage) },
    ],
  },
]);
