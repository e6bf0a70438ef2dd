import { lazy } from 'react';
import type { RouteObject } from 'react-router-dom';
import { page } from '../../../app/page';

// Each page is its own chunk (e2e/assets.spec.ts caps the first page).
const CleanupCampaignsPage = lazy(() => import('./CleanupCampaignsPage').then((m) => ({ default: m.CleanupCampaignsPage })));
const CleanupBoardPage = lazy(() => import('./CleanupBoardPage').then((m) => ({ default: m.CleanupBoardPage })));
const CleanupCasePage = lazy(() => import('./CleanupCasePage').then((m) => ({ default: m.CleanupCasePage })));

/** Pages of 要素保障 — cleanup (mounted under the app layout, see ../routes.tsx). Every page is lazy(): its own chunk. */
export const cleanupRoutes: RouteObject[] = [
  { path: 'land/cleanup', element: page(CleanupCampaignsPage, 'land:read') },
  { path: 'land/cleanup/cases/:id', element: page(CleanupCasePage, 'land:read') },
  { path: 'land/cleanup/:id', element: page(CleanupBoardPage, 'land:read') },
];
