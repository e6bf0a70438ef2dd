import { lazy } from 'react';
import type { RouteObject } from 'react-router-dom';
import { page } from '../../../app/page';

// Each page is its own chunk (e2e/assets.spec.ts caps the enterprise first page).
const ApplicationsPage = lazy(() => import('./ApplicationsPage').then((m) => ({ default: m.ApplicationsPage })));
const ApplicationPage = lazy(() => import('./ApplicationPage').then((m) => ({ default: m.ApplicationPage })));
const WaitlistPage = lazy(() => import('./WaitlistPage').then((m) => ({ default: m.WaitlistPage })));
const OccupancyPage = lazy(() => import('./OccupancyPage').then((m) => ({ default: m.OccupancyPage })));
const RuleSetsPage = lazy(() => import('./RuleSetsPage').then((m) => ({ default: m.RuleSetsPage })));
const MyApplicationsPage = lazy(() => import('./MyApplicationsPage').then((m) => ({ default: m.MyApplicationsPage })));
const NewApplicationPage = lazy(() => import('./NewApplicationPage').then((m) => ({ default: m.NewApplicationPage })));

/** Pages of 要素保障 — 人才公寓 (mounted under the app layout, see ../routes.tsx). */
export const apartmentsRoutes: RouteObject[] = [
  { path: 'land/apartments/applications', element: page(ApplicationsPage, 'premises:read') },
  // the firm (premises:apply) and the staff (premises:read) open the same case page; the server scopes it
  { path: 'land/apartments/applications/:id', element: page(ApplicationPage) },
  { path: 'land/apartments/waitlist', element: page(WaitlistPage, 'premises:read') },
  { path: 'land/apartments/occupancy', element: page(OccupancyPage, 'premises:read') },
  { path: 'land/apartments/rules', element: page(RuleSetsPage, 'premises:read') },
  { path: 'land/apartments/my', element: page(MyApplicationsPage, 'premises:apply') },
  { path: 'land/apartments/my/new', element: page(NewApplicationPage, 'premises:apply') },
];
