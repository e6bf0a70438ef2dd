import { lazy } from 'react';
import type { RouteObject } from 'react-router-dom';
import { page } from '../../../app/page';

const BridgeLoansPage = lazy(() => import('./BridgeLoansPage'));
const LeaderBridgePage = lazy(() => import('./BridgeLoansPage').then((m) => ({ default: m.LeaderBridgePage })));
const BankBridgeLoansPage = lazy(() => import('./BridgeLoansPage').then((m) => ({ default: m.BankBridgeLoansPage })));
const BridgeApplyPage = lazy(() => import('./BridgeApplyPage'));
const BridgeLoanPage = lazy(() => import('./BridgeLoanPage'));
const BridgePoolsPage = lazy(() => import('./BridgePoolsPage'));

/** Pages of 金融服务 — bridge (mounted under the app layout, see ../routes.tsx). */
export const bridgeRoutes: RouteObject[] = [
  { path: 'finance/bridge-loans', element: page(BridgeLoansPage) },
  { path: 'finance/bridge-loans/new', element: page(BridgeApplyPage, 'finance:apply') },
  { path: 'finance/bridge-loans/leader', element: page(LeaderBridgePage, 'finance:leader-approve') },
  { path: 'finance/bridge-loans/:id', element: page(BridgeLoanPage) },
  { path: 'finance/bridge-pools', element: page(BridgePoolsPage, 'finance:read') },
  { path: 'finance/bank/bridge-loans', element: page(BankBridgeLoansPage, 'finance:bank') },
];
