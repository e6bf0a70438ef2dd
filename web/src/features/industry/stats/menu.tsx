import { LineChartOutlined } from '@ant-design/icons';
import type { Me } from '@yuanqi/contract';
import type { NavItem } from '../../../app/menu';

/** Entries of 产业云 — stats: staff desk (inside the 产业云 group) and enterprise. Pruned by permission in app/menu.tsx. */
export function statsStaffItems(_me: Me): NavItem[] {
  return [{ key: '/industry/stats', label: '经济运行', icon: <LineChartOutlined />, path: '/industry/stats', permission: 'industry:stats' }];
}
export function statsEnterpriseItems(_me: Me): NavItem[] {
  return [];
}
