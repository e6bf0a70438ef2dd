import { ApiOutlined, AppstoreOutlined } from '@ant-design/icons';
import type { Me } from '@yuanqi/contract';
import type { NavItem } from '../../../app/menu';

/** Entries of 产业云 — devices: staff desk (inside the 产业云 group) and enterprise. Pruned by permission in app/menu.tsx. */
export function devicesStaffItems(_me: Me): NavItem[] {
  return [
    { key: '/industry/devices', label: '设备管理', icon: <ApiOutlined />, path: '/industry/devices', permission: 'industry:read' },
    { key: '/industry/device-types', label: '设备类型', icon: <AppstoreOutlined />, path: '/industry/device-types', permission: 'industry:manage' },
  ];
}
export function devicesEnterpriseItems(_me: Me): NavItem[] {
  return [{ key: '/industry/devices', label: '我的设备', icon: <ApiOutlined />, path: '/industry/devices', permission: 'industry:read' }];
}
