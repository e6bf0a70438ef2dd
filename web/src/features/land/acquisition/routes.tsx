import { lazy } from 'react';
import type { RouteObject } from 'react-router-dom';
import { page } from '../../../app/page';

const AreasPage = lazy(() => import('./AreasPage').then((m) => ({ default: m.AreasPage })));
const AreaPage = lazy(() => import('./AreaPage').then((m) => ({ default: m.AreaPage })));
const HouseholdPage = lazy(() => import('./HouseholdPage').then((m) => ({ default: m.HouseholdPage })));
const IncidentPage = lazy(() => import('./IncidentPage').then((m) => ({ default: m.IncidentPage })));
const HouseholdImportPage = lazy(() => import('./HouseholdImportPage').then((m) => ({ default: m.HouseholdImportPage })));

/** Pages of 要素保障 — acquisition (mounted under the app layout, see ../routes.tsx). Every page is lazy(): its own chunk. */
export const acquisitionRoutes: RouteObject[] = [
  { path: 'land/acquisition', element: page(AreasPage, 'acquisition:read') },
  { path: 'land/acquisition/households/:id', element: page(HouseholdPage, 'acquisition:read') },
  { path: 'land/acquisition/incidents/:id', element: page(IncidentPage, 'acquisition:read') },
  { path: 'land/acquisition/:id/import', element: page(HouseholdImportPage, 'acquisition:manage') },
  { path: 'land/acquisition/:id', element: page(AreaPage, 'acquisition:read') },
];
