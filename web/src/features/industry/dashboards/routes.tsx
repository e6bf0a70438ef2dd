import { lazy } from 'react';
import type { RouteObject } from 'react-router-dom';
import { page } from '../../../app/page';

// Each page is its own chunk, loaded with lazy(() => import('./XPage')) and wrapped in page(...)
// (e2e/assets.spec.ts caps the first page; ECharts stays in these chunks).
const OverviewPage = lazy(() => import('./OverviewPage').then((m) => ({ default: m.OverviewPage })));
const FirmsPage = lazy(() => import('./FirmsPage').then((m) => ({ default: m.FirmsPage })));
const FirmDashboardPage = lazy(() => import('./FirmDashboardPage').then((m) => ({ default: m.FirmDashboardPage })));

/** Pages of 产业云 — dashboards (mounted under the app layout, see ../routes.tsx). */
export const dashboardsRoutes: RouteObject[] = [
  { path: 'industry/overview', element: page(OverviewPage, 'industry:stats') },
  { path: 'industry/my', element: page(FirmDashboardPage, 'industry:read') },
  { path: 'industry/firms', element: page(FirmsPage, 'industry:read') },
  { path: 'industry/firms/:id/dashboard', element: page(FirmDashboardPage, 'industry:read') },
];
