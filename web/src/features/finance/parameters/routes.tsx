import { lazy } from 'react';
import type { RouteObject } from 'react-router-dom';
import { page } from '../../../app/page';

const FinanceParametersPage = lazy(() => import('./FinanceParametersPage'));

export const financeParameterRoutes: RouteObject[] = [{ path: 'finance/parameters', element: page(FinanceParametersPage, 'finance:read') }];
