import { BarChartOutlined } from '@ant-design/icons';
import type { Me } from '@yuanqi/contract';
import type { NavItem } from '../../../app/menu';

export function statsStaffItems(_me: Me): NavItem[] {
  return [{ key: '/finance/stats', label: '金融统计', icon: <BarChartOutlined />, path: '/finance/stats', permission: 'finance:read' }];
}
