import { AlertOutlined, ControlOutlined } from '@ant-design/icons';
import type { Me } from '@yuanqi/contract';
import type { NavItem } from '../../../app/menu';

/** Entries of 产业云 — alarms: staff desk (inside the 产业云 group) and enterprise. Pruned by permission in app/menu.tsx. */
export function alarmsStaffItems(_me: Me): NavItem[] {
  return [
    { key: '/industry/alarms', label: '设备告警', icon: <AlertOutlined />, path: '/industry/alarms', permission: 'industry:read' },
    { key: '/industry/alarm-rules', label: '告警规则', icon: <ControlOutlined />, path: '/industry/alarm-rules', permission: 'industry:manage' },
  ];
}
export function alarmsEnterpriseItems(_me: Me): NavItem[] {
  return [{ key: '/industry/alarms', label: '设备告警', icon: <AlertOutlined />, path: '/industry/alarms', permission: 'industry:read' }];
}
