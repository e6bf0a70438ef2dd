import { useMemo, useState } from 'react';
import { Avatar, Button, Drawer, Dropdown, Layout, Menu, Space, Tag, Typography, type MenuProps } from 'antd';
import { useScreens } from '../components/useScreens';
import { BellOutlined, LogoutOutlined, MenuFoldOutlined, MenuOutlined, MenuUnfoldOutlined, SettingOutlined, UserOutlined } from '@ant-design/icons';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { ROLE_LABELS } from '@yuanqi/contract';
import { isEnterpriseOnly, useAuth, useMe } from './auth';
import { buildMenu, selectedKey, type NavItem } from './menu';
import { feedback } from './feedback';
import { NotificationBell } from '../features/notifications/NotificationBell';
import { GlobalSearch } from '../features/search/GlobalSearch';
import { PhoneTabBar } from './phone/PhoneTabBar';
import './layout.css';

const { Header, Sider, Content } = Layout;

function toMenuItems(items: NavItem[]): MenuProps['items'] {
  return items.map((item) =>
    item.children
      ? { key: item.key, label: item.label, icon: item.icon, children: toMenuItems(item.children) }
      : { key: item.key, label: item.label, icon: item.icon },
  );
}

function findPath(items: NavItem[], key: string): string | undefined {
  for (const item of items) {
    if (item.key === key && item.path) return item.path;
    if (item.children) {
      const found = findPath(item.children, key);
      if (found) return found;
    }
  }
  return undefined;
}

function Brand({ collapsed, parkName }: { collapsed: boolean; parkName: string }) {
  return (
    <div className={`yq-brand${collapsed ? ' collapsed' : ''}`}>
      <span className="yq-brand-logo">园</span>
      {!collapsed && (
        <span className="yq-brand-text">
          <strong>园企通</strong>
          <small title={parkName}>{parkName}</small>
        </span>
      )}
    </div>
  );
}

export function AppLayout() {
  const me = useMe();
  const { logout } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const screens = useScreens();
  const mobile = !screens.md;
  // an enterprise on a phone gets the app layout: bottom tab bar, 我的 instead of the side menu
  const phoneApp = isEnterpriseOnly(me) && !screens.sm;
  const [collapsed, setCollapsed] = useState<boolean | null>(null);
  const [drawerOpen, setDrawerOpen] = useState(false);
  const siderCollapsed = collapsed ?? !screens.lg;

  const nav = useMemo(() => buildMenu(me), [me]);
  const { key: selected, parent } = selectedKey(nav, location.pathname, location.search);
  const [openKeys, setOpenKeys] = useState<string[]>(() => nav.filter((i) => i.children).map((i) => i.key));

  const onMenuClick: MenuProps['onClick'] = ({ key }) => {
    const path = findPath(nav, key);
    if (path) navigate(path);
    setDrawerOpen(false);
  };

  const menu = (inlineCollapsed: boolean) => (
    <Menu
      theme="dark"
      mode="inline"
      items={toMenuItems(nav)}
      selectedKeys={selected ? [selected] : []}
      // inline-collapsed menus manage their own pop-ups; the expanded one keeps the groups open
      {...(inlineCollapsed ? {} : { openKeys: parent && !openKeys.includes(parent) ? [...openKeys, parent] : openKeys, onOpenChange: setOpenKeys })}
      onClick={onMenuClick}
    />
  );

  const userMenu: MenuProps = {
    items: [
      { key: 'notifications', icon: <BellOutlined />, label: '我的消息' },
      { key: 'settings', icon: <SettingOutlined />, label: '个人设置' },
      { type: 'divider' },
      { key: 'logout', icon: <LogoutOutlined />, label: '退出登录', danger: true },
    ],
    onClick: async ({ key }) => {
      if (key === 'settings') navigate('/settings');
      if (key === 'notifications') navigate('/notifications');
      if (key === 'logout') {
        await logout();
        feedback.current?.message.success('已退出登录');
        navigate('/login', { replace: true });
      }
    },
  };

  const roleText = me.roles.map((r) => ROLE_LABELS[r] ?? r).join('、');
  const affiliation = me.enterpriseName ?? me.bankName ?? me.parkName;

  return (
    <Layout className={`yq-shell${phoneApp ? ' phone-app' : ''}`}>
      {!mobile && (
        <Sider
          width={224}
          collapsedWidth={64}
          collapsible
          collapsed={siderCollapsed}
          trigger={null}
          className="yq-sider"
        >
          <Brand collapsed={siderCollapsed} parkName={me.parkName} />
          {menu(siderCollapsed)}
        </Sider>
      )}
      {mobile && (
        <Drawer
          placement="left"
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          size={260}
          closable={false}
          styles={{ body: { padding: 0, background: '#0f2a4d' }, header: { display: 'none' } }}
        >
          <Brand collapsed={false} parkName={me.parkName} />
          {menu(false)}
        </Drawer>
      )}
      <Layout>
        <Header className="yq-header">
          <Space size={8}>
            {phoneApp ? null : mobile ? (
              <Button type="text" aria-label="打开菜单" icon={<MenuOutlined />} onClick={() => setDrawerOpen(true)} />
            ) : (
              <Button
                type="text"
                aria-label={siderCollapsed ? '展开菜单' : '收起菜单'}
                icon={siderCollapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />}
                onClick={() => setCollapsed(!siderCollapsed)}
              />
            )}
            {mobile ? (
              <Typography.Text strong className="yq-header-title">
                园企通
              </Typography.Text>
            ) : (
              <Typography.Text type="secondary" className="yq-header-title">
                {me.parkName} · 企业服务平台
              </Typography.Text>
            )}
          </Space>
          <Space size={4}>
            <GlobalSearch />
            <NotificationBell />
            <Dropdown menu={userMenu} placement="bottomRight" trigger={['click']}>
              <Button type="text" className="yq-user" aria-label="账号菜单">
                <Avatar size="small" style={{ background: '#1554ad' }} icon={<UserOutlined />} />
                {!mobile && (
                  <span className="yq-user-text">
                    <span>{me.displayName}</span>
                    <Tag variant="filled" color="blue" style={{ marginInlineEnd: 0 }}>
                      {roleText}
                    </Tag>
                  </span>
                )}
              </Button>
            </Dropdown>
          </Space>
        </Header>
        <Content className="yq-content">
          <Outlet />
        </Content>
        <Layout.Footer className="yq-footer">
          园企通 · {affiliation}
        </Layout.Footer>
        {phoneApp && <PhoneTabBar />}
      </Layout>
    </Layout>
  );
}
