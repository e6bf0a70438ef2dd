import type { RouteObject } from 'react-router-dom';
import { productRoutes } from './products/routes';
import { marketRoutes } from './market/routes';
import { bridgeRoutes } from './bridge/routes';
import { copperRoutes } from './copper/routes';
import { eventRoutes } from './events/routes';
import { creditRoutes } from './credit/routes';
import { statsRoutes } from './stats/routes';
import { financeParameterRoutes } from './parameters/routes';

/** 金融服务 pages of every sub-domain (app/router.tsx mounts them under the layout). */
export const financeRoutes: RouteObject[] = [...productRoutes, ...marketRoutes, ...bridgeRoutes, ...copperRoutes, ...eventRoutes, ...creditRoutes, ...statsRoutes, ...financeParameterRoutes];
