import type { Me } from '@yuanqi/contract';
import type { NavItem } from '../../../app/menu';

/** Entries of 要素保障 — leads: staff desk (inside the 要素保障 group) and enterprise. Pruned by permission in app/menu.tsx. */
export function leadsStaffItems(_me: Me): NavItem[] {
  return [];
}
export function leadsEnterpriseItems(_me: Me): NavItem[] {
  return [];
}
