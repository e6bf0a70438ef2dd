import { AuditOutlined, FileAddOutlined, FundOutlined, InboxOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import type { Me } from '@yuanqi/contract';
import type { NavItem } from '../../../app/menu';

/** Entries of 金融服务 — market: staff desk (inside the 金融服务 group), enterprise, bank. Pruned by permission in app/menu.tsx. */
export function marketStaffItems(me: Me): NavItem[] {
  const reads = me.permissions.includes('finance:read');
  return [
    // a liaison files and follows needs for its firms; finance staff see the park's
    { key: '/finance/needs', label: '融资需求', icon: <FundOutlined />, path: '/finance/needs', permission: reads ? 'finance:read' : 'finance:apply' },
    { key: '/finance/offers', label: '机构答复', icon: <AuditOutlined />, path: '/finance/offers', permission: 'finance:read' },
  ];
}
export function marketEnterpriseItems(_me: Me): NavItem[] {
  return [
    { key: '/finance/needs/new', label: '我要融资', icon: <FileAddOutlined />, path: '/finance/needs/new', permission: 'finance:apply' },
    { key: '/finance/needs', label: '我的融资', icon: <FundOutlined />, path: '/finance/needs', permission: 'finance:apply' },
    { key: '/finance/consents', label: '数据授权', icon: <SafetyCertificateOutlined />, path: '/finance/consents', permission: 'finance:apply' },
  ];
}
export function marketBankItems(_me: Me): NavItem[] {
  return [{ key: '/finance/offers', label: '融资需求', icon: <InboxOutlined />, path: '/finance/offers', permission: 'finance:bank' }];
}
