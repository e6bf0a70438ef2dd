import { ClearOutlined } from '@ant-design/icons';
import type { Me } from '@yuanqi/contract';
import type { NavItem } from '../../../app/menu';

/** Entries of 要素保障 — cleanup: staff desk (inside the 要素保障 group) and enterprise. Pruned by permission in app/menu.tsx. */
export function cleanupStaffItems(_me: Me): NavItem[] {
  return [{ key: '/land/cleanup', label: '闲置用地清理', icon: <ClearOutlined />, path: '/land/cleanup', permission: 'land:read' }];
}
export function cleanupEnterpriseItems(_me: Me): NavItem[] {
  return [];
}
