import { lazy } from 'react';
import type { RouteObject } from 'react-router-dom';
import { page } from '../../../app/page';

const CopperPage = lazy(() => import('./CopperPage').then((m) => ({ default: () => <m.CopperPage /> })));
const MarginCallsPage = lazy(() => import('./CopperPage').then((m) => ({ default: () => <m.CopperPage initialTab="calls" /> })));
const PledgeDetailPage = lazy(() => import('./PledgeDetailPage').then((m) => ({ default: m.PledgeDetailPage })));
const CopperPricesPage = lazy(() => import('./CopperPricesPage').then((m) => ({ default: m.CopperPricesPage })));
const CopperPriceImportPage = lazy(() => import('./CopperPriceImportPage').then((m) => ({ default: m.CopperPriceImportPage })));
const BankCopperPage = lazy(() => import('./BankCopperPage').then((m) => ({ default: m.BankCopperPage })));

/** Pages of 金融服务 — copper (mounted under the app layout, see ../routes.tsx). */
export const copperRoutes: RouteObject[] = [
  // the staff desk for finance readers, the firm's (or liaison's) own page for finance:apply; the server scopes the rows
  { path: 'finance/copper', element: page(CopperPage) },
  { path: 'finance/copper/margin-calls', element: page(MarginCallsPage, 'finance:read') },
  { path: 'finance/copper/pledges/:id', element: page(PledgeDetailPage) },
  { path: 'finance/copper/prices', element: page(CopperPricesPage, 'finance:read') },
  { path: 'finance/copper/prices/import', element: page(CopperPriceImportPage, 'finance:manage') },
  { path: 'finance/bank/copper', element: page(BankCopperPage, 'finance:bank') },
];
