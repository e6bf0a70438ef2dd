import type { Me } from '@yuanqi/contract';
import type { NavItem } from '../../app/menu';

/** Staff-desk menu entries of this feature (pruned by permission in app/menu.tsx). */
export function serviceCatalogueStaffMenu(_me: Me): NavItem[] {
  return [];
}

/** Enterprise (phone) menu entries of this feature. */
export function serviceCatalogueEnterpriseMenu(_me: Me): NavItem[] {
  return [];
}
