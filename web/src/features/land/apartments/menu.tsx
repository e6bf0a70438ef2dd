import type { Me } from '@yuanqi/contract';
import type { NavItem } from '../../../app/menu';

/** Entries of 要素保障 — apartments: staff desk (inside the 要素保障 group) and enterprise. Pruned by permission in app/menu.tsx. */
export function apartmentsStaffItems(_me: Me): NavItem[] {
  return [];
}
export function apartmentsEnterpriseItems(_me: Me): NavItem[] {
  return [];
}
