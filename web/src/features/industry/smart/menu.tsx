import type { Me } from '@yuanqi/contract';
import type { NavItem } from '../../../app/menu';

/** Entries of 产业云 — smart: staff desk (inside the 产业云 group) and enterprise. Pruned by permission in app/menu.tsx. */
export function smartStaffItems(_me: Me): NavItem[] {
  return [];
}
export function smartEnterpriseItems(_me: Me): NavItem[] {
  return [];
}
