import { GoldOutlined, LineChartOutlined } from '@ant-design/icons';
import type { Me } from '@yuanqi/contract';
import type { NavItem } from '../../../app/menu';

/** Entries of 金融服务 — copper: staff desk (inside the 金融服务 group), enterprise, bank. Pruned by permission in app/menu.tsx. */
export function copperStaffItems(me: Me): NavItem[] {
  const reads = me.permissions.includes('finance:read');
  return [
    // a liaison (finance:apply) follows its firms' receipts and pledges from the same page
    { key: '/finance/copper', label: '存铜融', icon: <GoldOutlined />, path: '/finance/copper', permission: reads ? 'finance:read' : 'finance:apply' },
    { key: '/finance/copper/prices', label: '铜价', icon: <LineChartOutlined />, path: '/finance/copper/prices', permission: 'finance:read' },
  ];
}
export function copperEnterpriseItems(_me: Me): NavItem[] {
  return [{ key: '/finance/copper', label: '存铜融', icon: <GoldOutlined />, path: '/finance/copper', permission: 'finance:apply' }];
}
export function copperBankItems(_me: Me): NavItem[] {
  return [{ key: '/finance/bank/copper', label: '存铜融', icon: <GoldOutlined />, path: '/finance/bank/copper', permission: 'finance:bank' }];
}
