import { HomeOutlined } from '@ant-design/icons';
import type { Me } from '@yuanqi/contract';
import type { NavItem } from '../../../app/menu';

/** Entries of 要素保障 — acquisition: staff desk (inside the 要素保障 group) and enterprise. Pruned by permission in app/menu.tsx. */
export function acquisitionStaffItems(_me: Me): NavItem[] {
  return [{ key: '/land/acquisition', label: '征地拆迁', icon: <HomeOutlined />, path: '/land/acquisition', permission: 'acquisition:read' }];
}
export function acquisitionEnterpriseItems(_me: Me): NavItem[] {
  return [];
}
