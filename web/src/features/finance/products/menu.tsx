import type { Me } from '@yuanqi/contract';
import type { NavItem } from '../../../app/menu';

/** Entries of 金融服务 — products: staff desk (inside the 金融服务 group), enterprise, bank. Pruned by permission in app/menu.tsx. */
export function productStaffItems(_me: Me): NavItem[] {
  return [];
}
export function productEnterpriseItems(_me: Me): NavItem[] {
  return [];
}
export function productBankItems(_me: Me): NavItem[] {
  return [];
}
