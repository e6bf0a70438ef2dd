import type { Me } from '@yuanqi/contract';
import type { NavItem } from '../../../app/menu';

/** Entries of 金融服务 — events: staff desk (inside the 金融服务 group), enterprise, bank. Pruned by permission in app/menu.tsx. */
export function eventStaffItems(_me: Me): NavItem[] {
  return [];
}
export function eventEnterpriseItems(_me: Me): NavItem[] {
  return [];
}
export function eventBankItems(_me: Me): NavItem[] {
  return [];
}
