import { lazy } from 'react';
import type { RouteObject } from 'react-router-dom';
import { page } from '../../../app/page';

const FinanceStatsPage = lazy(() => import('./FinanceStatsPage'));

/** 金融服务统计 (finance officer, leader). */
export const statsRoutes: RouteObject[] = [{ path: 'finance/stats', element: page(FinanceStatsPage, 'finance:read') }];
