import { lazy, Suspense } from 'react';
import { useParams, type RouteObject } from 'react-router-dom';
import { RequirePermission } from '../../app/guards';
import { isEnterpriseOnly, useMe } from '../../app/auth';
import { page } from '../../app/page';
import { PageLoading } from '../../components/PageLoading';

const ApplyPage = lazy(() => import('./ApplyPage').then((m) => ({ default: m.ApplyPage })));
const MyApplicationsPage = lazy(() => import('./MyApplicationsPage').then((m) => ({ default: m.MyApplicationsPage })));
const ApplicationQueuePage = lazy(() => import('./ApplicationQueuePage').then((m) => ({ default: m.ApplicationQueuePage })));
const ApplicationDetailPage = lazy(() => import('./ApplicationDetailPage').then((m) => ({ default: m.ApplicationDetailPage })));
const PostchecksPage = lazy(() => import('./PostchecksPage').then((m) => ({ default: m.PostchecksPage })));
const ProjectsPage = lazy(() => import('./ProjectsPage').then((m) => ({ default: m.ProjectsPage })));
const ProjectDetailPage = lazy(() => import('./ProjectDetailPage').then((m) => ({ default: m.ProjectDetailPage })));

/** 我的办件 for a firm's staff, the 受理/办件 queue for everyone else. */
function ApplicationsRoute() {
  const me = useMe();
  return page(isEnterpriseOnly(me) ? MyApplicationsPage : ApplicationQueuePage, 'application:read');
}

/** Keyed by the :id / :itemId param: moving from one record to another starts from a clean page. */
function Keyed({ component: Component, param, permission }: { component: typeof ApplyPage; param: string; permission: Parameters<typeof RequirePermission>[0]['permission'] }) {
  const params = useParams();
  return (
    <RequirePermission permission={permission}>
      <Suspense fallback={<PageLoading />}>
        <Component key={params[param] ?? ''} />
      </Suspense>
    </RequirePermission>
  );
}

/** Pages of this feature, mounted under the staff/enterprise layout (see app/router.tsx). */
export const serviceRoutes: RouteObject[] = [
  { path: 'services/apply/:itemId', element: <Keyed component={ApplyPage} param="itemId" permission="service:apply" /> },
  { path: 'services/applications', element: <ApplicationsRoute /> },
  { path: 'services/applications/:id', element: <Keyed component={ApplicationDetailPage} param="id" permission="application:read" /> },
  { path: 'services/postchecks', element: page(PostchecksPage, 'service:handle') },
  { path: 'services/projects', element: page(ProjectsPage, 'project:read') },
  { path: 'services/projects/:id', element: <Keyed component={ProjectDetailPage} param="id" permission="project:read" /> },
];
