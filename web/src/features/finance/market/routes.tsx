import type { RouteObject } from 'react-router-dom';
import { ConsentsPage } from './ConsentsPage';
import { NeedFormPage } from './NeedFormPage';
import { NeedPage } from './NeedPage';
import { NeedsPage } from './NeedsPage';
import { OfferPage } from './OfferPage';
import { OffersPage } from './OffersPage';

/** Pages of 金融服务 — market (mounted under the app layout, see ../routes.tsx). */
export const marketRoutes: RouteObject[] = [
  { path: 'finance/needs', element: <NeedsPage /> },
  { path: 'finance/needs/new', element: <NeedFormPage /> },
  { path: 'finance/needs/:id', element: <NeedPage /> },
  { path: 'finance/offers', element: <OffersPage /> },
  { path: 'finance/offers/:id', element: <OfferPage /> },
  { path: 'finance/consents', element: <ConsentsPage /> },
];
