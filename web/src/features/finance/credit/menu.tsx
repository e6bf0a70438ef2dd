import type { Me } from '@yuanqi/contract';
import type { NavItem } from '../../../app/menu';

/** Entries of 金融服务 — credit: staff desk (inside the 金融服务 group), enterprise, bank. Pruned by permission in app/menu.tsx. */
export function creditStaffItems(_me: Me): NavItem[] {
  return [];
}
export function creditEnterpriseItems(_me: Me): NavItem[] {
  return [];
}
export function creditBankItems(_me: Me): NavItem[] {
  return [];
}
