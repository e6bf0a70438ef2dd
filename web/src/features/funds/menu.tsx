import { AccountBookOutlined, CreditCardOutlined, FundProjectionScreenOutlined, MoneyCollectOutlined, TransactionOutlined, WalletOutlined } from '@ant-design/icons';
import type { Me } from '@yuanqi/contract';
import type { NavItem } from '../../app/menu';

/** Staff-desk menu entries of this feature (pruned by permission in app/menu.tsx). */
export function fundStaffMenu(_me: Me): NavItem[] {
  return [
    {
      key: 'funds',
      label: '资金与兑付',
      icon: <WalletOutlined />,
      children: [
        { key: '/funds', label: '专项资金', icon: <AccountBookOutlined />, path: '/funds', permission: 'fund:read' },
        { key: '/payouts', label: '拨付记录', icon: <TransactionOutlined />, path: '/payouts', permission: 'fund:read' },
        { key: '/vouchers', label: '创新券', icon: <CreditCardOutlined />, path: '/vouchers', permission: 'voucher:manage' },
        { key: '/commitments', label: '招商承诺', icon: <FundProjectionScreenOutlined />, path: '/commitments', permission: 'commitment:read' },
      ],
    },
  ];
}

/** Enterprise (phone) menu entries of this feature. */
export function fundEnterpriseMenu(_me: Me): NavItem[] {
  return [
    { key: '/my/vouchers', label: '我的创新券', icon: <CreditCardOutlined />, path: '/my/vouchers', permission: 'voucher:read' },
    { key: '/my/payouts', label: '拨付记录', icon: <MoneyCollectOutlined />, path: '/my/payouts', permission: 'policy-application:read' },
  ];
}
