import { lazy } from 'react';
import type { RouteObject } from 'react-router-dom';
import { page } from '../../../app/page';

// Each page is its own chunk (e2e/assets.spec.ts caps the first page); the funnel carries ECharts.
const LeadsPage = lazy(() => import('./LeadsPage'));
const LeadNewPage = lazy(() => import('./LeadNewPage'));
const LeadPage = lazy(() => import('./LeadPage'));
const FunnelPage = lazy(() => import('./FunnelPage'));

/** Pages of 要素保障 — leads (mounted under the app layout, see ../routes.tsx). Every page is lazy(): its own chunk. */
export const leadsRoutes: RouteObject[] = [
  { path: 'land/leads', element: page(LeadsPage, 'investment:read') },
  { path: 'land/leads/new', element: page(LeadNewPage, 'investment:manage') },
  { path: 'land/leads/funnel', element: page(FunnelPage, 'investment:read') },
  { path: 'land/leads/:id', element: page(LeadPage, 'investment:read') },
];
