import type { Me } from '@yuanqi/contract';
import type { NavItem } from '../../../app/menu';

/** Entries of 要素保障 — parcels: staff desk (inside the 要素保障 group) and enterprise. Pruned by permission in app/menu.tsx. */
export function parcelsStaffItems(_me: Me): NavItem[] {
  return [];
}
export function parcelsEnterpriseItems(_me: Me): NavItem[] {
  return [];
}
