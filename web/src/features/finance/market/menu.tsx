import type { Me } from '@yuanqi/contract';
import type { NavItem } from '../../../app/menu';

/** Entries of 金融服务 — market: staff desk (inside the 金融服务 group), enterprise, bank. Pruned by permission in app/menu.tsx. */
export function marketStaffItems(_me: Me): NavItem[] {
  return [];
}
export function marketEnterpriseItems(_me: Me): NavItem[] {
  return [];
}
export function marketBankItems(_me: Me): NavItem[] {
  return [];
}
