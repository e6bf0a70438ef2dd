import { Suspense, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';
import type { Permission } from '@yuanqi/contract';
import { RequirePermission } from './guards';
import { PageLoading } from '../components/PageLoading';

/** A lazily loaded page behind an optional permission (used by the router and each feature's routes). */
export function page(Component: LazyExoticComponent<ComponentType>, permission?: Permission): ReactNode {
  const content = (
    <Suspense fallback={<PageLoading />}>
      <Component />
    </Suspense>
  );
  return permission ? <RequirePermission permission={permission}>{content}</RequirePermission> : content;
}
