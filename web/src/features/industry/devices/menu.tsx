import type { Me } from '@yuanqi/contract';
import type { NavItem } from '../../../app/menu';

/** Entries of 产业云 — devices: staff desk (inside the 产业云 group) and enterprise. Pruned by permission in app/menu.tsx. */
export function devicesStaffItems(_me: Me): NavItem[] {
  return [];
}
export function devicesEnterpriseItems(_me: Me): NavItem[] {
  return [];
}
