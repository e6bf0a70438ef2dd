import { EnvironmentOutlined, ImportOutlined, ProfileOutlined } from '@ant-design/icons';
import type { Me } from '@yuanqi/contract';
import type { NavItem } from '../../../app/menu';

/** Entries of 要素保障 — parcels: staff desk (inside the 要素保障 group) and enterprise. Pruned by permission in app/menu.tsx. */
export function parcelsStaffItems(_me: Me): NavItem[] {
  return [
    { key: '/land/map', label: '地块地图', icon: <EnvironmentOutlined />, path: '/land/map', permission: 'land:read' },
    { key: '/land/parcels', label: '地块台账', icon: <ProfileOutlined />, path: '/land/parcels', permission: 'land:read' },
    { key: '/land/parcels/import', label: '导入地块', icon: <ImportOutlined />, path: '/land/parcels/import', permission: 'land:manage' },
  ];
}
export function parcelsEnterpriseItems(_me: Me): NavItem[] {
  return [];
}
