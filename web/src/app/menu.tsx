import type { ReactNode } from 'react';
import {
  AimOutlined,
  ApartmentOutlined,
  FieldTimeOutlined,
  HistoryOutlined,
  MonitorOutlined,
  SafetyOutlined,
  SettingOutlined,
  WifiOutlined,
  BarChartOutlined,
  ControlOutlined,
  FundOutlined,
  LikeOutlined,
  AuditOutlined,
  CarOutlined,
  FileAddOutlined,
  MessageOutlined,
  ProfileOutlined,
  ScheduleOutlined,
  StarOutlined,
  BankOutlined,
  CalendarOutlined,
  BookOutlined,
  CloudUploadOutlined,
  DashboardOutlined,
  ShopOutlined,
  TeamOutlined,
  ToolOutlined,
  UnorderedListOutlined,
  UserOutlined,
} from '@ant-design/icons';
import type { Me, Permission } from '@yuanqi/contract';
import { hasPermission, isBankOnly, isEnterpriseOnly } from './auth';
import { serviceCatalogueEnterpriseMenu, serviceCatalogueStaffMenu } from '../features/service-catalogue/menu';
import { serviceEnterpriseMenu, serviceStaffMenu } from '../features/services/menu';
import { policyEnterpriseMenu, policyStaffMenu } from '../features/policies/menu';
import { fundEnterpriseMenu, fundStaffMenu } from '../features/funds/menu';
import { financeBankMenu, financeEnterpriseMenu, financeStaffMenu } from '../features/finance/menu';
import { industryEnterpriseMenu, industryStaffMenu } from '../features/industry/menu';
import { landEnterpriseMenu, landStaffMenu } from '../features/land/menu';

export type NavItem = {
  key: string;
  label: string;
  icon?: ReactNode;
  path?: string;
  permission?: Permission;
  children?: NavItem[];
};

/**
 * The staff desk's menu. Later modules (诉求, 政务服务, 政策兑现, 金融服务, 产业云, 大屏) add their
 * entries here, each behind its permission; nothing is listed before its page exists.
 */
function staffMenu(me: Me): NavItem[] {
  return [
    { key: '/', label: '工作台', icon: <DashboardOutlined />, path: '/' },
    {
      key: 'enterprises',
      label: '企业库',
      icon: <ShopOutlined />,
      permission: 'enterprise:read',
      children: [
        { key: '/enterprises', label: '企业列表', icon: <UnorderedListOutlined />, path: '/enterprises' },
        ...(me.roles.includes('liaison') && me.id
          ? [{ key: `/enterprises?liaisonId=${me.id}`, label: '我服务的企业', icon: <BankOutlined />, path: `/enterprises?liaisonId=${me.id}` }]
          : []),
        { key: '/enterprises/import', label: '企业导入', icon: <CloudUploadOutlined />, path: '/enterprises/import', permission: 'enterprise:import' },
      ],
    },
    {
      key: 'demands',
      label: '诉求与走访',
      icon: <MessageOutlined />,
      children: [
        { key: '/demands', label: me.roles.includes('liaison') ? '我的诉求队列' : '诉求办理', icon: <ProfileOutlined />, path: '/demands', permission: 'demand:read' },
        { key: '/demands/new', label: '代提诉求', icon: <FileAddOutlined />, path: '/demands/new', permission: 'demand:create' },
        { key: '/visits', label: '走访记录', icon: <CarOutlined />, path: '/visits', permission: 'visit:read' },
        { key: '/visits/calendar', label: '走访日历', icon: <ScheduleOutlined />, path: '/visits/calendar', permission: 'visit:read' },
        { key: '/targets', label: '月战图', icon: <AimOutlined />, path: '/targets', permission: 'stats:read' },
      ],
    },
    // 调度督办 (features/dispatch): the office's desk; leaders read it
    ...(hasPermission(me, 'demand:dispatch') || (me.roles.includes('leader') && hasPermission(me, 'demand:read'))
      ? [
          {
            key: 'dispatch',
            label: '调度督办',
            icon: <ControlOutlined />,
            children: [
              { key: '/dispatch', label: '诉求看板', icon: <FundOutlined />, path: '/dispatch' },
              { key: '/dispatch/meetings', label: '周调度', icon: <ScheduleOutlined />, path: '/dispatch/meetings' },
              { key: '/dispatch/targets', label: '月战图目标', icon: <AimOutlined />, path: '/dispatch/targets', permission: 'demand:dispatch' as const },
              { key: '/demands/stats', label: '诉求统计', icon: <BarChartOutlined />, path: '/demands/stats', permission: 'stats:read' as const },
            ],
          },
        ]
      : [{ key: '/demands/stats', label: '诉求统计', icon: <BarChartOutlined />, path: '/demands/stats', permission: 'stats:read' as const }]),
    // 好差评 (features/ratings)
    {
      key: 'ratings',
      label: '好差评',
      icon: <LikeOutlined />,
      children: [
        { key: '/ratings', label: '评价台账', icon: <StarOutlined />, path: '/ratings', permission: 'rating:read' },
        ...(hasPermission(me, 'rating:read') || hasPermission(me, 'rating:rectify')
          ? [{ key: '/rectifications', label: '差评整改', icon: <ToolOutlined />, path: '/rectifications' }]
          : []),
        { key: '/appeals', label: '申诉审核', icon: <AuditOutlined />, path: '/appeals', permission: 'rating:review' },
      ],
    },
    // 政务服务 (features/service-catalogue, features/services), 政策兑现 (features/policies, features/funds)
    ...serviceCatalogueStaffMenu(me),
    ...serviceStaffMenu(me),
    ...policyStaffMenu(me),
    ...fundStaffMenu(me),
    // 金融服务 (features/finance)
    ...financeStaffMenu(me),
    // 产业云 (features/industry)
    ...industryStaffMenu(me),
    // 要素保障 (features/land)
    ...landStaffMenu(me),
    {
      key: 'admin',
      label: '系统管理',
      icon: <ToolOutlined />,
      children: [
        { key: '/admin/users', label: '用户管理', icon: <TeamOutlined />, path: '/admin/users', permission: 'user:manage' },
        { key: '/admin/roles', label: '角色与权限', icon: <SafetyOutlined />, path: '/admin/roles', permission: 'role:manage' },
        { key: '/admin/departments', label: '部门管理', icon: <ApartmentOutlined />, path: '/admin/departments', permission: 'department:manage' },
        { key: '/admin/calendar', label: '工作日历', icon: <CalendarOutlined />, path: '/admin/calendar', permission: 'calendar:manage' },
        { key: '/admin/dictionaries', label: '数据字典', icon: <BookOutlined />, path: '/admin/dictionaries', permission: 'dictionary:manage' },
        { key: '/admin/parameters', label: '参数设置', icon: <SettingOutlined />, path: '/admin/parameters', permission: 'parameter:read' },
        { key: '/admin/jobs', label: '定时任务', icon: <FieldTimeOutlined />, path: '/admin/jobs', permission: 'job:manage' },
        { key: '/admin/online', label: '在线用户', icon: <WifiOutlined />, path: '/admin/online', permission: 'session:manage' },
        // not LoginOutlined: its SVG carries an empty <style> that the page's CSP refuses (a console error)
        { key: '/admin/login-log', label: '登录日志', icon: <HistoryOutlined />, path: '/admin/login-log', permission: 'login-log:read' },
        { key: '/admin/audit', label: '审计日志', icon: <AuditOutlined />, path: '/admin/audit', permission: 'audit:read' },
        { key: '/admin/monitor', label: '系统监控', icon: <MonitorOutlined />, path: '/admin/monitor', permission: 'monitor:read' },
      ],
    },
    { key: '/settings', label: '个人设置', icon: <UserOutlined />, path: '/settings' },
  ];
}

/** An enterprise's own staff see their firm and their account, nothing of the staff desk. */
function enterpriseMenu(me: Me): NavItem[] {
  return [
    { key: '/', label: '工作台', icon: <DashboardOutlined />, path: '/' },
    { key: '/demands/new', label: '我要提诉求', icon: <FileAddOutlined />, path: '/demands/new', permission: 'demand:create' },
    { key: '/demands', label: '我的诉求', icon: <ProfileOutlined />, path: '/demands', permission: 'demand:read' },
    { key: '/demands/to-rate', label: '待评价', icon: <StarOutlined />, path: '/demands/to-rate', permission: 'demand:read' },
    ...policyEnterpriseMenu(me),
    ...fundEnterpriseMenu(me),
    ...financeEnterpriseMenu(me),
    ...industryEnterpriseMenu(me),
    ...landEnterpriseMenu(me),
    ...serviceCatalogueEnterpriseMenu(me),
    ...serviceEnterpriseMenu(me),
    { key: `/enterprises/${me.enterpriseId}`, label: '我的企业', icon: <ShopOutlined />, path: `/enterprises/${me.enterpriseId}` },
    { key: '/settings', label: '个人设置', icon: <UserOutlined />, path: '/settings' },
  ];
}

/** A financial institution's staff: their workbench, the finance pages shared with them, their account. */
function bankMenu(me: Me): NavItem[] {
  return [
    { key: '/', label: '工作台', icon: <DashboardOutlined />, path: '/' },
    ...financeBankMenu(me),
    { key: '/settings', label: '个人设置', icon: <UserOutlined />, path: '/settings' },
  ];
}

function prune(items: NavItem[], me: Me): NavItem[] {
  const out: NavItem[] = [];
  for (const item of items) {
    if (item.permission && !hasPermission(me, item.permission)) continue;
    if (item.children) {
      const children = prune(item.children, me);
      if (children.length === 0) continue;
      out.push({ ...item, children });
    } else out.push(item);
  }
  return out;
}

export function buildMenu(me: Me): NavItem[] {
  return prune(isEnterpriseOnly(me) ? enterpriseMenu(me) : isBankOnly(me) ? bankMenu(me) : staffMenu(me), me);
}

/** The menu key that best matches the current location (longest path prefix wins). */
export function selectedKey(items: NavItem[], pathname: string, search: string): { key: string | null; parent: string | null } {
  let best: { key: string; parent: string | null; score: number } | null = null;
  const visit = (list: NavItem[], parent: string | null) => {
    for (const item of list) {
      if (item.children) visit(item.children, item.key);
      if (!item.path) continue;
      const [p, q] = item.path.split('?');
      const pathMatches = p === '/' ? pathname === '/' : pathname === p || pathname.startsWith(`${p}/`);
      if (!pathMatches) continue;
      if (q && !new URLSearchParams(search).toString().includes(q)) continue;
      const score = p!.length + (q ? 1000 : 0) + (pathname === p ? 500 : 0);
      if (!best || score > best.score) best = { key: item.key, parent, score };
    }
  };
  visit(items, null);
  const found = best as { key: string; parent: string | null; score: number } | null;
  return found ? { key: found.key, parent: found.parent } : { key: null, parent: null };
}
