import { BankOutlined, SettingOutlined } from '@ant-design/icons';
import type { Me } from '@yuanqi/contract';
import type { NavItem } from '../../app/menu';
import { productBankItems, productEnterpriseItems, productStaffItems } from './products/menu';
import { marketBankItems, marketEnterpriseItems, marketStaffItems } from './market/menu';
import { bridgeBankItems, bridgeEnterpriseItems, bridgeStaffItems } from './bridge/menu';
import { copperBankItems, copperEnterpriseItems, copperStaffItems } from './copper/menu';
import { eventBankItems, eventEnterpriseItems, eventStaffItems } from './events/menu';
import { creditBankItems, creditEnterpriseItems, creditStaffItems } from './credit/menu';
import { statsStaffItems } from './stats/menu';

/** The staff desk's 金融服务 group (finance officer, leader, admin, liaisons for their firms). */
export function financeStaffMenu(me: Me): NavItem[] {
  return [
    {
      key: 'finance',
      label: '金融服务',
      icon: <BankOutlined />,
      children: [
        ...productStaffItems(me),
        ...marketStaffItems(me),
        ...bridgeStaffItems(me),
        ...copperStaffItems(me),
        ...eventStaffItems(me),
        ...creditStaffItems(me),
        ...statsStaffItems(me),
        { key: '/finance/parameters', label: '金融参数', icon: <SettingOutlined />, path: '/finance/parameters', permission: 'finance:read' },
      ],
    },
  ];
}

/** An enterprise's 融资 entries (phone first). */
export function financeEnterpriseMenu(me: Me): NavItem[] {
  return [...productEnterpriseItems(me), ...marketEnterpriseItems(me), ...bridgeEnterpriseItems(me), ...copperEnterpriseItems(me), ...eventEnterpriseItems(me), ...creditEnterpriseItems(me)];
}

/** A bank (financial institution) account's whole menu besides 工作台 and 个人设置. */
export function financeBankMenu(me: Me): NavItem[] {
  return [...productBankItems(me), ...marketBankItems(me), ...bridgeBankItems(me), ...copperBankItems(me), ...eventBankItems(me), ...creditBankItems(me)];
}
