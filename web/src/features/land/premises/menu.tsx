import { AlertOutlined, AppstoreOutlined, BankOutlined, ControlOutlined, FileTextOutlined, GiftOutlined, HomeOutlined } from '@ant-design/icons';
import type { Me } from '@yuanqi/contract';
import type { NavItem } from '../../../app/menu';

/** Entries of 要素保障 — premises: staff desk (inside the 要素保障 group) and enterprise. Pruned by permission in app/menu.tsx. */
export function premisesStaffItems(_me: Me): NavItem[] {
  return [
    { key: '/land/premises/buildings', label: '厂房楼宇', icon: <AppstoreOutlined />, path: '/land/premises/buildings', permission: 'premises:read' },
    { key: '/land/premises/leases', label: '租赁合同', icon: <FileTextOutlined />, path: '/land/premises/leases', permission: 'premises:read' },
    { key: '/land/premises/bills', label: '租金账单', icon: <BankOutlined />, path: '/land/premises/bills', permission: 'premises:read' },
    { key: '/land/premises/reliefs', label: '房租减免', icon: <GiftOutlined />, path: '/land/premises/reliefs', permission: 'premises:read' },
    { key: '/land/premises/arrears', label: '欠费', icon: <AlertOutlined />, path: '/land/premises/arrears', permission: 'premises:read' },
    { key: '/land/parameters', label: '要素参数', icon: <ControlOutlined />, path: '/land/parameters', permission: 'land:read' },
  ];
}
export function premisesEnterpriseItems(_me: Me): NavItem[] {
  return [{ key: '/land/premises/mine', label: '我的租赁', icon: <HomeOutlined />, path: '/land/premises/mine', permission: 'premises:apply' }];
}
