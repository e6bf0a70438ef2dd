import type { RouteObject } from 'react-router-dom';

// Each page is its own chunk, loaded with lazy(() => import('./XPage')) and wrapped in page(...)
// from app/page (see features/finance/market/routes.tsx): e2e/assets.spec.ts caps the first page.

/** Pages of 产业云 — reports (mounted under the app layout, see ../routes.tsx). */
export const reportsRoutes: RouteObject[] = [];
