import { EnvironmentOutlined } from '@ant-design/icons';
import type { Me } from '@yuanqi/contract';
import type { NavItem } from '../../app/menu';
import { parcelsEnterpriseItems, parcelsStaffItems } from './parcels/menu';
import { evaluationEnterpriseItems, evaluationStaffItems } from './evaluation/menu';
import { cleanupEnterpriseItems, cleanupStaffItems } from './cleanup/menu';
import { leadsEnterpriseItems, leadsStaffItems } from './leads/menu';
import { premisesEnterpriseItems, premisesStaffItems } from './premises/menu';
import { apartmentsEnterpriseItems, apartmentsStaffItems } from './apartments/menu';
import { acquisitionEnterpriseItems, acquisitionStaffItems } from './acquisition/menu';

/** The staff desk's 要素保障 group: map and parcels, 亩均, clean-up, leads, premises, apartments, 征地拆迁. */
export function landStaffMenu(me: Me): NavItem[] {
  return [
    {
      key: 'land',
      label: '要素保障',
      icon: <EnvironmentOutlined />,
      children: [
        ...parcelsStaffItems(me),
        ...evaluationStaffItems(me),
        ...cleanupStaffItems(me),
        ...leadsStaffItems(me),
        ...premisesStaffItems(me),
        ...apartmentsStaffItems(me),
        ...acquisitionStaffItems(me),
      ],
    },
  ];
}

/** An enterprise's 要素保障 entries (phone first): its leases and bills, its staff's apartment applications. */
export function landEnterpriseMenu(me: Me): NavItem[] {
  return [
    ...premisesEnterpriseItems(me),
    ...apartmentsEnterpriseItems(me),
    ...parcelsEnterpriseItems(me),
    ...evaluationEnterpriseItems(me),
    ...cleanupEnterpriseItems(me),
    ...leadsEnterpriseItems(me),
    ...acquisitionEnterpriseItems(me),
  ];
}
