import { lazy } from 'react';
import type { RouteObject } from 'react-router-dom';
import { page } from '../../../app/page';

// Each page is its own chunk (e2e/assets.spec.ts caps the first page).
const AlarmsPage = lazy(() => import('./AlarmsPage').then((m) => ({ default: m.AlarmsPage })));
const AlarmPage = lazy(() => import('./AlarmPage').then((m) => ({ default: m.AlarmPage })));
const AlarmRulesPage = lazy(() => import('./AlarmRulesPage').then((m) => ({ default: m.AlarmRulesPage })));

/** Pages of 产业云 — alarms (mounted under the app layout, see ../routes.tsx). */
export const alarmsRoutes: RouteObject[] = [
  { path: 'industry/alarms', element: page(AlarmsPage, 'industry:read') },
  { path: 'industry/alarms/:id', element: page(AlarmPage, 'industry:read') },
  { path: 'industry/alarm-rules', element: page(AlarmRulesPage, 'industry:manage') },
];
