import { lazy } from 'react';
import type { RouteObject } from 'react-router-dom';
import { page } from '../../../app/page';

const CreditFormulasPage = lazy(() => import('./CreditFormulasPage'));
const CreditFormulaEditorPage = lazy(() => import('./CreditFormulaEditorPage'));
const CreditProfilePage = lazy(() => import('./CreditProfilePage'));

/** Pages of 金融服务 — credit (mounted under the app layout, see ../routes.tsx). */
export const creditRoutes: RouteObject[] = [
  { path: 'finance/credit/formulas', element: page(CreditFormulasPage, 'finance:read') },
  { path: 'finance/credit/formulas/new', element: page(CreditFormulaEditorPage, 'finance:manage') },
  { path: 'finance/credit/formulas/:id', element: page(CreditFormulaEditorPage, 'finance:read') },
  { path: 'finance/credit/enterprises', element: page(CreditProfilePage, 'finance:read') },
  // staff, the firm itself (its liaison) and a bank with the firm's consent: the server decides (404 otherwise)
  { path: 'finance/credit/enterprises/:id', element: page(CreditProfilePage) },
  { path: 'finance/my-credit', element: page(CreditProfilePage, 'finance:apply') },
];
