import type { RouteObject } from 'react-router-dom';

/** Pages of this feature, mounted under the staff/enterprise layout (see app/router.tsx). */
export const serviceRoutes: RouteObject[] = [];
