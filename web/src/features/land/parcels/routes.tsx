import { lazy } from 'react';
import type { RouteObject } from 'react-router-dom';
import { page } from '../../../app/page';

// Each page is its own chunk; Leaflet and its CSS load with the pages that draw a map.
const MapPage = lazy(() => import('./MapPage').then((m) => ({ default: m.MapPage })));
const ParcelsPage = lazy(() => import('./ParcelsPage').then((m) => ({ default: m.ParcelsPage })));
const ParcelPage = lazy(() => import('./ParcelPage').then((m) => ({ default: m.ParcelPage })));
const ParcelFormPage = lazy(() => import('./ParcelFormPage').then((m) => ({ default: m.ParcelFormPage })));
const ParcelImportPage = lazy(() => import('./ParcelImportPage').then((m) => ({ default: m.ParcelImportPage })));

/** Pages of 要素保障 — parcels (mounted under the app layout, see ../routes.tsx). Every page is lazy(): its own chunk. */
export const parcelsRoutes: RouteObject[] = [
  { path: 'land/map', element: page(MapPage, 'land:read') },
  { path: 'land/parcels', element: page(ParcelsPage, 'land:read') },
  { path: 'land/parcels/import', element: page(ParcelImportPage, 'land:manage') },
  { path: 'land/parcels/new', element: page(ParcelFormPage, 'land:manage') },
  { path: 'land/parcels/:id', element: page(ParcelPage, 'land:read') },
  { path: 'land/parcels/:id/edit', element: page(ParcelFormPage, 'land:manage') },
];
