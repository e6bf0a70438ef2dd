import { BarChartOutlined, BookOutlined, CompassOutlined, ProfileOutlined, TranslationOutlined } from '@ant-design/icons';
import type { Me } from '@yuanqi/contract';
import type { NavItem } from '../../app/menu';

/** Staff-desk menu entries of this feature (pruned by permission in app/menu.tsx). */
export function serviceCatalogueStaffMenu(_me: Me): NavItem[] {
  return [
    {
      key: 'services',
      label: '政务服务',
      icon: <CompassOutlined />,
      children: [
        { key: '/guide', label: '办事指南', icon: <BookOutlined />, path: '/guide', permission: 'service:read' },
        { key: '/admin/service-items', label: '事项管理', icon: <ProfileOutlined />, path: '/admin/service-items', permission: 'service:manage' },
        { key: '/admin/service-synonyms', label: '同义词', icon: <TranslationOutlined />, path: '/admin/service-synonyms', permission: 'service:manage' },
        { key: '/services/stats', label: '事项效能', icon: <BarChartOutlined />, path: '/services/stats', permission: 'service:stats' },
      ],
    },
  ];
}

/** Enterprise (phone) menu entries of this feature. */
export function serviceCatalogueEnterpriseMenu(_me: Me): NavItem[] {
  return [{ key: '/guide', label: '办事指南', icon: <BookOutlined />, path: '/guide', permission: 'service:read' }];
}
