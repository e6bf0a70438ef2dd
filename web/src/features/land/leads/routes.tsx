import type { RouteObject } from 'react-router-dom';

/** Pages of 要素保障 — leads (mounted under the app layout, see ../routes.tsx). Every page is lazy(): its own chunk. */
export const leadsRoutes: RouteObject[] = [];
