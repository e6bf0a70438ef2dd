import { TrophyOutlined } from '@ant-design/icons';
import type { Me } from '@yuanqi/contract';
import type { NavItem } from '../../../app/menu';

/** Entries of 要素保障 — evaluation: staff desk (inside the 要素保障 group) and enterprise. Pruned by permission in app/menu.tsx. */
export function evaluationStaffItems(_me: Me): NavItem[] {
  return [{ key: '/land/evaluation', label: '亩均论英雄', icon: <TrophyOutlined />, path: '/land/evaluation', permission: 'land:read' }];
}
export function evaluationEnterpriseItems(_me: Me): NavItem[] {
  return [];
}
