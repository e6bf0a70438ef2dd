import type { Me } from '@yuanqi/contract';
import type { NavItem } from '../../../app/menu';

/** Entries of 金融服务 — copper: staff desk (inside the 金融服务 group), enterprise, bank. Pruned by permission in app/menu.tsx. */
export function copperStaffItems(_me: Me): NavItem[] {
  return [];
}
export function copperEnterpriseItems(_me: Me): NavItem[] {
  return [];
}
export function copperBankItems(_me: Me): NavItem[] {
  return [];
}
