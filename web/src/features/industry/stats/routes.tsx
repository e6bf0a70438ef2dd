import { lazy } from 'react';
import type { RouteObject } from 'react-router-dom';
import { page } from '../../../app/page';

const IndustryStatsPage = lazy(() => import('./IndustryStatsPage'));

/** Pages of 产业云 — stats (mounted under the app layout, see ../routes.tsx). */
export const statsRoutes: RouteObject[] = [{ path: 'industry/stats', element: page(IndustryStatsPage, 'industry:stats') }];
