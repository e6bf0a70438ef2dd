import type { RouteObject } from 'react-router-dom';
import { reportsRoutes } from './reports/routes';
import { statsRoutes } from './stats/routes';
import { devicesRoutes } from './devices/routes';
import { alarmsRoutes } from './alarms/routes';
import { dashboardsRoutes } from './dashboards/routes';
import { smartRoutes } from './smart/routes';

/** 产业云 pages of every sub-domain (app/router.tsx mounts them under the layout). */
export const industryRoutes: RouteObject[] = [...reportsRoutes, ...statsRoutes, ...devicesRoutes, ...alarmsRoutes, ...dashboardsRoutes, ...smartRoutes];
