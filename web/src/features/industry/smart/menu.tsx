import { RobotOutlined } from '@ant-design/icons';
import type { Me } from '@yuanqi/contract';
import type { NavItem } from '../../../app/menu';

/** Entries of 产业云 — 智能化改造: staff desk (inside the 产业云 group) and enterprise. Pruned by permission in app/menu.tsx. */
export function smartStaffItems(_me: Me): NavItem[] {
  return [{ key: '/industry/smart', label: '智能化改造', icon: <RobotOutlined />, path: '/industry/smart', permission: 'industry:read' }];
}
export function smartEnterpriseItems(_me: Me): NavItem[] {
  return [{ key: '/industry/smart', label: '智能化改造', icon: <RobotOutlined />, path: '/industry/smart', permission: 'industry:read' }];
}
