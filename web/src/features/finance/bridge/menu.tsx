import type { Me } from '@yuanqi/contract';
import type { NavItem } from '../../../app/menu';

/** Entries of 金融服务 — bridge: staff desk (inside the 金融服务 group), enterprise, bank. Pruned by permission in app/menu.tsx. */
export function bridgeStaffItems(_me: Me): NavItem[] {
  return [];
}
export function bridgeEnterpriseItems(_me: Me): NavItem[] {
  return [];
}
export function bridgeBankItems(_me: Me): NavItem[] {
  return [];
}
