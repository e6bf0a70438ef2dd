import { lazy, Suspense, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';
import { createBrowserRouter, Navigate, useParams } from 'react-router-dom';
import type { Permission } from '@yuanqi/contract';
import { AppLayout } from './AppLayout';
import { RequireAuth, RequirePermission } from './guards';
import { PageLoading } from '../components/PageLoading';
import { RouteErrorPage } from './RouteErrorPage';

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
const NotificationsPage = lazy(() =>
  import('../features/notifications/NotificationsPage').then((m) => ({ default: m.NotificationsPage })),
);
const SettingsPage = lazy(() => import('../features/settings/SettingsPage').then((m) => ({ default: m.SettingsPage })));

function page(Component: LazyExoticComponent<ComponentType>, permission?: Permission): ReactNode {
  const content = (
    <Suspense fallback={<PageLoading />}>
      <Component />
    </Suspense>
  );
  return permission ? <RequirePermission permission={permission}>{content}</RequirePermission> : content;
}

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

export const router = createBrowserRouter([
  { path: '/login', element: page(LoginPage), errorElement: <RouteErrorPage /> },
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
      { path: 'admin/users', element: page(UsersPage, 'user:manage') },
      { path: 'admin/calendar', element: page(CalendarPage, 'calendar:manage') },
      { path: 'admin/audit', element: page(AuditPage, 'audit:read') },
      { path: 'settings', element: page(SettingsPage) },
      { path: 'notifications', element: page(NotificationsPage) },
      { path: 'home', element: <Navigate to="/" replace /> },
      { path: '*', element: page(NotFoundPage) },
    ],
  },
]);
