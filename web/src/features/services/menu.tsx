import { ApartmentOutlined, AuditOutlined, FileDoneOutlined, SafetyCertificateOutlined, SolutionOutlined } from '@ant-design/icons';
import type { Me } from '@yuanqi/contract';
import { hasPermission, hasRole } from '../../app/auth';
import type { NavItem } from '../../app/menu';

/** Staff-desk menu entries of this feature (pruned by permission in app/menu.tsx). */
export function serviceStaffMenu(me: Me): NavItem[] {
  const handles = hasPermission(me, 'service:handle');
  const liaison = hasRole(me, 'liaison') && !handles;
  return [
    {
      key: 'services-cases',
      label: '办件审批',
      icon: <AuditOutlined />,
      children: [
        {
          key: '/services/applications',
          label: handles ? '受理队列/办件' : liaison ? '代办办件' : '办件查询',
          icon: <SolutionOutlined />,
          path: '/services/applications',
          permission: 'application:read',
        },
        { key: '/services/postchecks', label: '事后核查', icon: <SafetyCertificateOutlined />, path: '/services/postchecks', permission: 'service:handle' },
        { key: '/services/projects', label: '工程建设项目', icon: <ApartmentOutlined />, path: '/services/projects', permission: 'project:read' },
      ],
    },
  ];
}

/**
 * Enterprise (phone) menu entries of this feature. A firm's construction projects are reached from
 * 我的办件 (a link shows when it has any); the menu is built from the session alone.
 */
export function serviceEnterpriseMenu(_me: Me): NavItem[] {
  return [{ key: '/services/applications', label: '我的办件', icon: <FileDoneOutlined />, path: '/services/applications', permission: 'application:read' }];
}
