import type { RouteObject } from 'react-router-dom';
import { parcelsRoutes } from './parcels/routes';
import { evaluationRoutes } from './evaluation/routes';
import { cleanupRoutes } from './cleanup/routes';
import { leadsRoutes } from './leads/routes';
import { premisesRoutes } from './premises/routes';
import { apartmentsRoutes } from './apartments/routes';
import { acquisitionRoutes } from './acquisition/routes';

/** 要素保障 pages of every sub-domain (app/router.tsx mounts them under the layout). */
export const landRoutes: RouteObject[] = [
  ...parcelsRoutes,
  ...evaluationRoutes,
  ...cleanupRoutes,
  ...leadsRoutes,
  ...premisesRoutes,
  ...apartmentsRoutes,
  ...acquisitionRoutes,
];
