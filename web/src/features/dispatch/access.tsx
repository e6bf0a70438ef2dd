import type { ReactNode } from 'react';
import type { Me, Permission } from '@yuanqi/contract';
import { hasPermission, hasRole, useAuth } from '../../app/auth';
import { Forbidden } from '../../app/guards';

/** The office's desk (看板, 周调度): the dispatchers who act, and leaders who read. */
export function seesOfficeDesk(me: Me | null): boolean {
  return hasPermission(me, 'demand:dispatch') || (hasRole(me, 'leader') && hasPermission(me, 'demand:read'));
}

/** Dispatchers (and admins) change things on the desk; leaders only read. */
export function actsAsDispatcher(me: Me | null): boolean {
  return hasPermission(me, 'demand:dispatch');
}

/** Renders children when the user passes `allow`, the 403 page otherwise. */
export function Gate({ allow, children }: { allow: (me: Me | null) => boolean; children: ReactNode }) {
  const { me } = useAuth();
  return allow(me) ? <>{children}</> : <Forbidden />;
}

export function anyPermission(...permissions: Permission[]): (me: Me | null) => boolean {
  return (me) => permissions.some((p) => hasPermission(me, p));
}

/**
 * Rating, rectification and appeal pages: officers and the office (rating:read / rating:rectify)
 * and the rated firm's own staff, who give their verdict on a fix (the server scopes each row).
 */
export function seesRatingCases(me: Me | null): boolean {
  return hasPermission(me, 'rating:read') || hasPermission(me, 'rating:rectify') || (hasRole(me, 'enterprise') && !!me?.enterpriseId);
}
