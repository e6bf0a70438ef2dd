import { AuditOutlined, FundOutlined, SafetyCertificateOutlined, SwapOutlined } from '@ant-design/icons';
import type { Me } from '@yuanqi/contract';
import type { NavItem } from '../../../app/menu';

/** Entries of 金融服务 — bridge: staff desk (inside the 金融服务 group), enterprise, bank. Pruned by permission in app/menu.tsx. */
export function bridgeStaffItems(me: Me): NavItem[] {
  const reads = me.permissions.includes('finance:read');
  // a liaison (finance:apply without finance:read) files for its firms from the same page
  const applies = me.permissions.includes('finance:apply');
  return [
    ...(reads || applies ? [{ key: '/finance/bridge-loans', label: '应急转贷', icon: <SwapOutlined />, path: '/finance/bridge-loans' }] : []),
    { key: '/finance/bridge-loans/leader', label: '大额转贷审批', icon: <AuditOutlined />, path: '/finance/bridge-loans/leader', permission: 'finance:leader-approve' },
    { key: '/finance/bridge-pools', label: '转贷资金池', icon: <FundOutlined />, path: '/finance/bridge-pools', permission: 'finance:read' },
  ];
}
export function bridgeEnterpriseItems(_me: Me): NavItem[] {
  return [{ key: '/finance/bridge-loans', label: '应急转贷', icon: <SwapOutlined />, path: '/finance/bridge-loans', permission: 'finance:apply' }];
}
export function bridgeBankItems(_me: Me): NavItem[] {
  return [{ key: '/finance/bank/bridge-loans', label: '转贷确认', icon: <SafetyCertificateOutlined />, path: '/finance/bank/bridge-loans', permission: 'finance:bank' }];
}
