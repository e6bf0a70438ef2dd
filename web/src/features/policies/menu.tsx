import { AuditOutlined, DatabaseOutlined, FileDoneOutlined, GiftOutlined, NotificationOutlined, ReadOutlined, SolutionOutlined, ThunderboltOutlined } from '@ant-design/icons';
import type { Me } from '@yuanqi/contract';
import type { NavItem } from '../../app/menu';

/** Staff-desk menu entries of this feature (pruned by permission in app/menu.tsx). */
export function policyStaffMenu(_me: Me): NavItem[] {
  return [
    {
      key: 'policies',
      label: '政策兑现',
      icon: <SolutionOutlined />,
      children: [
        { key: '/policies', label: '政策库', icon: <ReadOutlined />, path: '/policies', permission: 'policy:read' },
        { key: '/policy-applications', label: '申报审核', icon: <AuditOutlined />, path: '/policy-applications', permission: 'policy-application:read' },
        { key: '/policy-publicity', label: '公示', icon: <NotificationOutlined />, path: '/policy-publicity', permission: 'policy-application:read' },
        { key: '/policy-runs', label: '免申即享', icon: <ThunderboltOutlined />, path: '/policy-runs', permission: 'policy:manage' },
        { key: '/policies/facts', label: '企业政策数据', icon: <DatabaseOutlined />, path: '/policies/facts', permission: 'policy:manage' },
      ],
    },
  ];
}

/** Enterprise (phone) menu entries of this feature. */
export function policyEnterpriseMenu(_me: Me): NavItem[] {
  return [
    { key: '/my/policies', label: '为我推荐的政策', icon: <GiftOutlined />, path: '/my/policies', permission: 'policy:read' },
    { key: '/my/policy-applications', label: '我的申报', icon: <FileDoneOutlined />, path: '/my/policy-applications', permission: 'policy-application:read' },
  ];
}
