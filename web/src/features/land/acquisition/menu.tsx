import type { Me } from '@yuanqi/contract';
import type { NavItem } from '../../../app/menu';

/** Entries of 要素保障 — acquisition: staff desk (inside the 要素保障 group) and enterprise. Pruned by permission in app/menu.tsx. */
export function acquisitionStaffItems(_me: Me): NavItem[] {
  return [];
}
export function acquisitionEnterpriseItems(_me: Me): NavItem[] {
  return [];
}
