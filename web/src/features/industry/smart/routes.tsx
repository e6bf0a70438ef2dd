import { lazy } from 'react';
import type { RouteObject } from 'react-router-dom';
import { page } from '../../../app/page';

// Each page is its own chunk (e2e/assets.spec.ts caps the first page).
const SmartProjectsPage = lazy(() => import('./SmartProjectsPage').then((m) => ({ default: m.SmartProjectsPage })));
const SmartProjectPage = lazy(() => import('./SmartProjectPage').then((m) => ({ default: m.SmartProjectPage })));
const SmartCostImportPage = lazy(() => import('./SmartCostImportPage').then((m) => ({ default: m.SmartCostImportPage })));

/** Pages of 产业云 — 智能化改造 (mounted under the app layout, see ../routes.tsx). */
export const smartRoutes: RouteObject[] = [
  { path: 'industry/smart', element: page(SmartProjectsPage, 'industry:read') },
  { path: 'industry/smart/:id', element: page(SmartProjectPage, 'industry:read') },
  { path: 'industry/smart/:id/import', element: page(SmartCostImportPage, 'industry:read') },
];
