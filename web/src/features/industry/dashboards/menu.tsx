import { DashboardOutlined, FundProjectionScreenOutlined, ShopOutlined } from '@ant-design/icons';
import type { Me } from '@yuanqi/contract';
import type { NavItem } from '../../../app/menu';

/** Entries of 产业云 — dashboards: staff desk (inside the 产业云 group) and enterprise. Pruned by permission in app/menu.tsx. */
export function dashboardsStaffItems(_me: Me): NavItem[] {
  return [
    { key: '/industry/overview', label: '产业云总览', icon: <FundProjectionScreenOutlined />, path: '/industry/overview', permission: 'industry:stats' },
    { key: '/industry/firms', label: '企业数据看板', icon: <ShopOutlined />, path: '/industry/firms', permission: 'industry:read' },
  ];
}
export function dashboardsEnterpriseItems(me: Me): NavItem[] {
  if (!me.enterpriseId) return [];
  return [{ key: '/industry/my', label: '我的产业云', icon: <DashboardOutlined />, path: '/industry/my', permission: 'industry:read' }];
}
