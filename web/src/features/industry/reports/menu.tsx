import { AuditOutlined, CalendarOutlined, FileDoneOutlined, FormOutlined, SettingOutlined, UnorderedListOutlined } from '@ant-design/icons';
import type { Me } from '@yuanqi/contract';
import type { NavItem } from '../../../app/menu';

/** Entries of 产业云 — reports: staff desk (inside the 产业云 group) and enterprise. Pruned by permission in app/menu.tsx. */
export function reportsStaffItems(me: Me): NavItem[] {
  const liaisonOnly = me.roles.includes('liaison') && !me.permissions.includes('industry:review');
  return [
    { key: '/industry/reports/review', label: '月报审核', icon: <AuditOutlined />, path: '/industry/reports/review', permission: 'industry:review' },
    liaisonOnly
      ? { key: '/industry/reports/filing', label: '企业月报', icon: <FormOutlined />, path: '/industry/reports/filing', permission: 'industry:report' }
      : { key: '/industry/reports/filing', label: '报送情况', icon: <CalendarOutlined />, path: '/industry/reports/filing', permission: 'industry:read' },
    { key: '/industry/reports/indicators', label: '指标设置', icon: <UnorderedListOutlined />, path: '/industry/reports/indicators', permission: 'industry:manage' },
    { key: '/industry/settings', label: '产业云设置', icon: <SettingOutlined />, path: '/industry/settings', permission: 'industry:manage' },
  ];
}
export function reportsEnterpriseItems(_me: Me): NavItem[] {
  return [{ key: '/industry/reports', label: '月度报表', icon: <FileDoneOutlined />, path: '/industry/reports', permission: 'industry:report' }];
}
