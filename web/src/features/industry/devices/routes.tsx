import { lazy } from 'react';
import type { RouteObject } from 'react-router-dom';
import { page } from '../../../app/page';

// Each page is its own chunk, loaded with lazy(() => import('./XPage')) and wrapped in page(...)
// from app/page (see features/finance/market/routes.tsx): e2e/assets.spec.ts caps the first page.
const DevicesPage = lazy(() => import('./DevicesPage').then((m) => ({ default: m.DevicesPage })));
const DeviceRegisterPage = lazy(() => import('./DeviceRegisterPage').then((m) => ({ default: m.DeviceRegisterPage })));
const DevicePage = lazy(() => import('./DevicePage').then((m) => ({ default: m.DevicePage })));
const DeviceTypesPage = lazy(() => import('./DeviceTypesPage').then((m) => ({ default: m.DeviceTypesPage })));

/** Pages of 产业云 — devices (mounted under the app layout, see ../routes.tsx). */
export const devicesRoutes: RouteObject[] = [
  { path: 'industry/devices', element: page(DevicesPage, 'industry:read') },
  { path: 'industry/devices/new', element: page(DeviceRegisterPage, 'industry:read') },
  { path: 'industry/devices/:id', element: page(DevicePage, 'industry:read') },
  { path: 'industry/device-types', element: page(DeviceTypesPage, 'industry:read') },
];
