import { lazy } from 'react';
import type { RouteObject } from 'react-router-dom';
import { page } from '../../../app/page';

const EvaluationPage = lazy(() => import('./EvaluationPage').then((m) => ({ default: m.EvaluationPage })));
const ThresholdsPage = lazy(() => import('./ThresholdsPage').then((m) => ({ default: m.ThresholdsPage })));
const FiguresImportPage = lazy(() => import('./FiguresImportPage').then((m) => ({ default: m.FiguresImportPage })));

/** Pages of 要素保障 — evaluation (mounted under the app layout, see ../routes.tsx). Every page is lazy(): its own chunk. */
export const evaluationRoutes: RouteObject[] = [
  { path: 'land/evaluation', element: page(EvaluationPage, 'land:read') },
  { path: 'land/evaluation/thresholds', element: page(ThresholdsPage, 'land:read') },
  { path: 'land/evaluation/import', element: page(FiguresImportPage, 'land:manage') },
];
