import { Avatar, Button } from 'antd';
import { LogoutOutlined, RightOutlined, UserOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router-dom';
import { ROLE_LABELS } from '@yuanqi/contract';
import { useAuth, useMe } from '../auth';
import { buildMenu, type NavItem } from '../menu';
import { feedback } from '../feedback';
import { usePageTitle } from '../../components/PageHeader';
import './phone.css';

function flatten(items: NavItem[]): NavItem[] {
  return items.flatMap((i) => (i.children ? flatten(i.children) : [i]));
}

/**
 * 我的: the phone app's account tab. Every page of the user's menu (the same list as the desktop's
 * side menu, so nothing is out of reach without it), then 退出登录.
 */
export function MinePage() {
  const me = useMe();
  const { logout } = useAuth();
  const navigate = useNavigate();
  usePageTitle('我的');
  const entries = flatten(buildMenu(me)).filter((i) => i.path && i.path !== '/');
  return (
    <div className="yq-mine">
      <div className="yq-mine-head">
        <Avatar size={48} style={{ background: 'rgba(255,255,255,.2)', flex: 'none' }} icon={<UserOutlined />} />
        <div style={{ minWidth: 0 }}>
          <div style={{ fontSize: 17, fontWeight: 600 }}>{me.displayName}</div>
          <small>{me.enterpriseName ?? me.parkName}</small>
          <small>{me.roles.map((r) => ROLE_LABELS[r] ?? r).join('、')}</small>
        </div>
      </div>
      <nav className="yq-mine-list" aria-label="我的">
        {entries.map((i) => (
          <Link key={i.key} to={i.path!} className="yq-mine-item">
            {i.icon ?? <RightOutlined />}
            <span>{i.label}</span>
            <RightOutlined className="yq-mine-arrow" />
          </Link>
        ))}
      </nav>
      <Button
        block
        size="large"
        danger
        icon={<LogoutOutlined />}
        onClick={async () => {
          await logout();
          feedback.current?.message.success('已退出登录');
          navigate('/login', { replace: true });
        }}
      >
        退出登录
      </Button>
    </div>
  );
}
