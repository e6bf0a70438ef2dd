import { CloudServerOutlined } from '@ant-design/icons';
import type { Me } from '@yuanqi/contract';
import type { NavItem } from '../../app/menu';
import { reportsEnterpriseItems, reportsStaffItems } from './reports/menu';
import { statsEnterpriseItems, statsStaffItems } from './stats/menu';
import { devicesEnterpriseItems, devicesStaffItems } from './devices/menu';
import { alarmsEnterpriseItems, alarmsStaffItems } from './alarms/menu';
import { dashboardsEnterpriseItems, dashboardsStaffItems } from './dashboards/menu';
import { smartEnterpriseItems, smartStaffItems } from './smart/menu';

/** The staff desk's 产业云 group (office, leader, liaisons for their firms). */
export function industryStaffMenu(me: Me): NavItem[] {
  return [
    {
      key: 'industry',
      label: '产业云',
      icon: <CloudServerOutlined />,
      children: [
        ...dashboardsStaffItems(me),
        ...statsStaffItems(me),
        ...reportsStaffItems(me),
        ...devicesStaffItems(me),
        ...alarmsStaffItems(me),
        ...smartStaffItems(me),
      ],
    },
  ];
}

/** An enterprise's 产业云 entries (phone first): 月度报表, its devices and alarms, its dashboard. */
export function industryEnterpriseMenu(me: Me): NavItem[] {
  return [
    ...reportsEnterpriseItems(me),
    ...dashboardsEnterpriseItems(me),
    ...devicesEnterpriseItems(me),
    ...alarmsEnterpriseItems(me),
    ...statsEnterpriseItems(me),
    ...smartEnterpriseItems(me),
  ];
}
