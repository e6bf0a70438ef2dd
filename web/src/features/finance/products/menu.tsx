import { AppstoreOutlined, BankOutlined, ShoppingOutlined } from '@ant-design/icons';
import type { Me } from '@yuanqi/contract';
import type { NavItem } from '../../../app/menu';
import { hasPermission } from '../../../app/auth';

/** Entries of 金融服务 — products: staff desk (inside the 金融服务 group), enterprise, bank. Pruned by permission in app/menu.tsx. */
export function productStaffItems(me: Me): NavItem[] {
  // finance staff manage the institutions and every product; a liaison shops 金融超市 for its firms
  if (!hasPermission(me, 'finance:read')) {
    return [{ key: '/finance/products', label: '金融超市', icon: <ShoppingOutlined />, path: '/finance/products', permission: 'finance:apply' }];
  }
  return [
    { key: '/finance/institutions', label: '金融机构', icon: <BankOutlined />, path: '/finance/institutions', permission: 'finance:read' },
    { key: '/finance/products', label: '金融产品', icon: <AppstoreOutlined />, path: '/finance/products', permission: 'finance:read' },
  ];
}
export function productEnterpriseItems(_me: Me): NavItem[] {
  return [{ key: '/finance/products', label: '金融超市', icon: <ShoppingOutlined />, path: '/finance/products', permission: 'finance:apply' }];
}
export function productBankItems(_me: Me): NavItem[] {
  return [{ key: '/finance/bank/products', label: '我们的产品', icon: <AppstoreOutlined />, path: '/finance/bank/products', permission: 'finance:bank' }];
}
