import { lazy } from 'react';
import type { RouteObject } from 'react-router-dom';
import { page } from '../../../app/page';

// Each page is its own chunk (e2e/assets.spec.ts caps the first page).
const MyReportsPage = lazy(() => import('./MyReportsPage').then((m) => ({ default: m.MyReportsPage })));
const FileReportPage = lazy(() => import('./ReportPage').then((m) => ({ default: m.FileReportPage })));
const ReportPage = lazy(() => import('./ReportPage').then((m) => ({ default: m.ReportPage })));
const ReviewQueuePage = lazy(() => import('./ReviewQueuePage').then((m) => ({ default: m.ReviewQueuePage })));
const FilingPage = lazy(() => import('./FilingPage').then((m) => ({ default: m.FilingPage })));
const IndicatorsPage = lazy(() => import('./IndicatorsPage').then((m) => ({ default: m.IndicatorsPage })));
const SettingsPage = lazy(() => import('./SettingsPage').then((m) => ({ default: m.SettingsPage })));

/** Pages of 产业云 — reports (mounted under the app layout, see ../routes.tsx). */
export const reportsRoutes: RouteObject[] = [
  { path: 'industry/reports', element: page(MyReportsPage, 'industry:report') },
  { path: 'industry/reports/file', element: page(FileReportPage, 'industry:report') },
  { path: 'industry/reports/review', element: page(ReviewQueuePage, 'industry:review') },
  { path: 'industry/reports/filing', element: page(FilingPage) },
  { path: 'industry/reports/indicators', element: page(IndicatorsPage, 'industry:manage') },
  { path: 'industry/reports/:id', element: page(ReportPage) },
  { path: 'industry/settings', element: page(SettingsPage, 'industry:manage') },
];
