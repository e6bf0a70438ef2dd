import { FunnelPlotOutlined, SolutionOutlined } from '@ant-design/icons';
import type { Me } from '@yuanqi/contract';
import type { NavItem } from '../../../app/menu';

/** Entries of 要素保障 — leads: staff desk (inside the 要素保障 group) and enterprise. Pruned by permission in app/menu.tsx. */
export function leadsStaffItems(_me: Me): NavItem[] {
  return [
    { key: '/land/leads', label: '招商线索', icon: <SolutionOutlined />, path: '/land/leads', permission: 'investment:read' },
    { key: '/land/leads/funnel', label: '招商漏斗', icon: <FunnelPlotOutlined />, path: '/land/leads/funnel', permission: 'investment:read' },
  ];
}
export function leadsEnterpriseItems(_me: Me): NavItem[] {
  return [];
}
