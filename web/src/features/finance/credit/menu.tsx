import { SafetyCertificateOutlined } from '@ant-design/icons';
import type { Me } from '@yuanqi/contract';
import type { NavItem } from '../../../app/menu';

/** Entries of 金融服务 — credit: staff desk (inside the 金融服务 group), enterprise, bank. Pruned by permission in app/menu.tsx. */
export function creditStaffItems(_me: Me): NavItem[] {
  return [
    { key: '/finance/credit/enterprises', label: '企业信用画像', icon: <SafetyCertificateOutlined />, path: '/finance/credit/enterprises', permission: 'finance:read' },
    { key: '/finance/credit/formulas', label: '信用画像公式', icon: <SafetyCertificateOutlined />, path: '/finance/credit/formulas', permission: 'finance:read' },
  ];
}
export function creditEnterpriseItems(me: Me): NavItem[] {
  return me.enterpriseId ? [{ key: '/finance/my-credit', label: '我的信用画像', icon: <SafetyCertificateOutlined />, path: '/finance/my-credit', permission: 'finance:apply' }] : [];
}
export function creditBankItems(_me: Me): NavItem[] {
  // a bank opens a firm's profile from the firm it was shared with (the market's firm view)
  return [];
}
