import { Badge } from 'antd';
import { Link, useLocation } from 'react-router-dom';
import { useMe } from '../auth';
import { useNotifications } from '../../features/notifications/api';
import { BELL_QUERY } from '../../features/notifications/NotificationBell';
import { activeTab, phoneTabs } from './phoneTabs';
import './phone.css';

/** The enterprise phone app's bottom tab bar: 首页 / 办事 / 政策 / 消息 / 我的, the current one lit, unread count on 消息. */
export function PhoneTabBar() {
  const me = useMe();
  const { pathname } = useLocation();
  const tabs = phoneTabs(me);
  const current = activeTab(tabs, pathname);
  // the bell's query: one request feeds both
  const unread = useNotifications(BELL_QUERY, { poll: true }).data?.unread ?? 0;
  return (
    <nav className="yq-tabbar" aria-label="底部导航">
      {tabs.map((t) => (
        <Link
          key={t.key}
          to={t.path}
          className={`yq-tabbar-item${current === t.key ? ' active' : ''}`}
          aria-current={current === t.key ? 'page' : undefined}
          aria-label={t.key === 'messages' && unread ? `${t.label},${unread} 条未读` : t.label}
        >
          <span className="yq-tabbar-icon">{t.key === 'messages' ? <Badge count={unread} size="small" overflowCount={99} offset={[6, -2]}>{t.icon}</Badge> : t.icon}</span>
          <span className="yq-tabbar-label">{t.label}</span>
        </Link>
      ))}
    </nav>
  );
}
