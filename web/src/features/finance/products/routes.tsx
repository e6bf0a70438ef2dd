import type { RouteObject } from 'react-router-dom';

/** Pages of 金融服务 — products and institutions (mounted under the app layout, see ../routes.tsx). */
export const productRoutes: RouteObject[] = [];
