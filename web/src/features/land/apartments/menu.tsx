import { HomeOutlined } from '@ant-design/icons';
import type { Me } from '@yuanqi/contract';
import type { NavItem } from '../../../app/menu';

/** Entries of 要素保障 — 人才公寓: staff desk (a sub-group inside 要素保障) and enterprise. Pruned by permission in app/menu.tsx. */
export function apartmentsStaffItems(_me: Me): NavItem[] {
  return [
    {
      key: 'land-apartments',
      label: '人才公寓',
      icon: <HomeOutlined />,
      children: [
        { key: '/land/apartments/applications', label: '公寓申请', path: '/land/apartments/applications', permission: 'premises:read' },
        { key: '/land/apartments/waitlist', label: '轮候名单', path: '/land/apartments/waitlist', permission: 'premises:read' },
        { key: '/land/apartments/occupancy', label: '入住情况', path: '/land/apartments/occupancy', permission: 'premises:read' },
        { key: '/land/apartments/rules', label: '入住条件', path: '/land/apartments/rules', permission: 'premises:read' },
      ],
    },
  ];
}
export function apartmentsEnterpriseItems(_me: Me): NavItem[] {
  return [{ key: '/land/apartments/my', label: '人才公寓', icon: <HomeOutlined />, path: '/land/apartments/my', permission: 'premises:apply' }];
}
