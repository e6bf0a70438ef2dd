import { TeamOutlined } from '@ant-design/icons';
import type { Me } from '@yuanqi/contract';
import type { NavItem } from '../../../app/menu';

/** Entries of 金融服务 — events: staff desk (inside the 金融服务 group), enterprise, bank. Pruned by permission in app/menu.tsx. */
export function eventStaffItems(_me: Me): NavItem[] {
  return [{ key: '/finance/events', label: '融资对接会', icon: <TeamOutlined />, path: '/finance/events', permission: 'finance:read' }];
}
export function eventEnterpriseItems(_me: Me): NavItem[] {
  return [{ key: '/finance/my-events', label: '融资对接会', icon: <TeamOutlined />, path: '/finance/my-events', permission: 'finance:apply' }];
}
export function eventBankItems(_me: Me): NavItem[] {
  return [{ key: '/finance/bank-events', label: '融资对接会', icon: <TeamOutlined />, path: '/finance/bank-events', permission: 'finance:bank' }];
}
