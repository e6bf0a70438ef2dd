import { lazy } from 'react';
import type { RouteObject } from 'react-router-dom';
import { page } from '../../../app/page';

// Each page is its own chunk: these routes are part of the app's entry (app/router.tsx), and the
// pages' tables, forms and selects must not be downloaded by every first page (e2e/assets.spec.ts).
const NeedsPage = lazy(() => import('./NeedsPage').then((m) => ({ default: m.NeedsPage })));
const NeedFormPage = lazy(() => import('./NeedFormPage').then((m) => ({ default: m.NeedFormPage })));
const NeedPage = lazy(() => import('./NeedPage').then((m) => ({ default: m.NeedPage })));
const OffersPage = lazy(() => import('./OffersPage').then((m) => ({ default: m.OffersPage })));
const OfferPage = lazy(() => import('./OfferPage').then((m) => ({ default: m.OfferPage })));
const ConsentsPage = lazy(() => import('./ConsentsPage').then((m) => ({ default: m.ConsentsPage })));

/** Pages of 金融服务 — market (mounted under the app layout, see ../routes.tsx). */
export const marketRoutes: RouteObject[] = [
  { path: 'finance/needs', element: page(NeedsPage) },
  { path: 'finance/needs/new', element: page(NeedFormPage) },
  { path: 'finance/needs/:id', element: page(NeedPage) },
  { path: 'finance/offers', element: page(OffersPage) },
  { path: 'finance/offers/:id', element: page(OfferPage) },
  { path: 'finance/consents', element: page(ConsentsPage) },
];
