import { lazy } from 'react';
import type { RouteObject } from 'react-router-dom';
import { page } from '../../../app/page';

// Each page is its own chunk (e2e/assets.spec.ts caps the enterprise's first page).
const BuildingsPage = lazy(() => import('./BuildingsPage').then((m) => ({ default: m.BuildingsPage })));
const BuildingPage = lazy(() => import('./BuildingPage').then((m) => ({ default: m.BuildingPage })));
const LeasesPage = lazy(() => import('./LeasesPage').then((m) => ({ default: m.LeasesPage })));
const LeasePage = lazy(() => import('./LeasePage').then((m) => ({ default: m.LeasePage })));
const BillsPage = lazy(() => import('./BillsPage').then((m) => ({ default: m.BillsPage })));
const BillPage = lazy(() => import('./BillPage').then((m) => ({ default: m.BillPage })));
const ReliefsPage = lazy(() => import('./ReliefsPage').then((m) => ({ default: m.ReliefsPage })));
const ReliefPage = lazy(() => import('./ReliefPage').then((m) => ({ default: m.ReliefPage })));
const ArrearsPage = lazy(() => import('./ArrearsPage').then((m) => ({ default: m.ArrearsPage })));
const ParametersPage = lazy(() => import('./ParametersPage').then((m) => ({ default: m.ParametersPage })));
const MyPremisesPage = lazy(() => import('./MyPremisesPage').then((m) => ({ default: m.MyPremisesPage })));

/** Pages of 要素保障 — premises (mounted under the app layout, see ../routes.tsx). Every page is lazy(): its own chunk. */
export const premisesRoutes: RouteObject[] = [
  { path: 'land/premises/buildings', element: page(BuildingsPage, 'premises:read') },
  { path: 'land/premises/buildings/:id', element: page(BuildingPage, 'premises:read') },
  { path: 'land/premises/leases', element: page(LeasesPage, 'premises:read') },
  { path: 'land/premises/leases/:id', element: page(LeasePage) },
  { path: 'land/premises/bills', element: page(BillsPage, 'premises:read') },
  { path: 'land/premises/bills/:id', element: page(BillPage) },
  { path: 'land/premises/reliefs', element: page(ReliefsPage, 'premises:read') },
  { path: 'land/premises/reliefs/:id', element: page(ReliefPage, 'premises:read') },
  { path: 'land/premises/arrears', element: page(ArrearsPage, 'premises:read') },
  { path: 'land/parameters', element: page(ParametersPage, 'land:read') },
  { path: 'land/premises/mine', element: page(MyPremisesPage, 'premises:apply') },
];
