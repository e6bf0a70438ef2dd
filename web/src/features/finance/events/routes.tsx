import { lazy } from 'react';
import type { RouteObject } from 'react-router-dom';
import { page } from '../../../app/page';

const FinanceEventsPage = lazy(() => import('./FinanceEventsPage'));
const FinanceEventPage = lazy(() => import('./FinanceEventPage'));
const FirmEventsPage = lazy(() => import('./FirmEventsPage'));
const BankEventsPage = lazy(() => import('./BankEventsPage'));
const BankEventPage = lazy(() => import('./BankEventPage'));

/** Pages of 金融服务 — events (mounted under the app layout, see ../routes.tsx). */
export const eventRoutes: RouteObject[] = [
  { path: 'finance/events', element: page(FinanceEventsPage, 'finance:read') },
  { path: 'finance/events/:id', element: page(FinanceEventPage, 'finance:read') },
  { path: 'finance/my-events', element: page(FirmEventsPage, 'finance:apply') },
  { path: 'finance/bank-events', element: page(BankEventsPage, 'finance:bank') },
  { path: 'finance/bank-events/:id', element: page(BankEventPage, 'finance:bank') },
];
