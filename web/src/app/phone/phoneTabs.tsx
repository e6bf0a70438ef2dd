import type { ReactNode } from 'react';
import { AppstoreOutlined, BankOutlined, GiftOutlined, HomeOutlined, MessageOutlined, UserOutlined } from '@ant-design/icons';
import type { Me, Permission } from '@yuanqi/contract';
import { hasPermission } from '../auth';

export type PhoneTab = { key: 'home' | 'services' | 'policies' | 'finance' | 'messages' | 'mine'; label: string; path: string; icon: ReactNode; permission?: Permission; owns: RegExp };

/**
 * The enterprise's phone app: a bottom tab bar like 赣服通-style apps. `owns` says which pages
 * light the tab (a 办件 page lights 办事, a 申报 page lights 政策).
 */
const TABS: PhoneTab[] = [
  { key: 'home', label: '首页', path: '/', icon: <HomeOutlined />, owns: /^\/(demands(\/|$)|$)/ },
  { key: 'services', label: '办事', path: '/guide', icon: <AppstoreOutlined />, permission: 'service:read', owns: /^\/(guide|services)(\/|$)/ },
  { key: 'policies', label: '政策', path: '/my/policies', icon: <GiftOutlined />, permission: 'policy:read', owns: /^\/(my|policies|publicity)(\/|$)/ },
  { key: 'finance', label: '融资', path: '/finance/needs', icon: <BankOutlined />, permission: 'finance:apply', owns: /^\/finance(\/|$)/ },
  { key: 'messages', label: '消息', path: '/notifications', icon: <MessageOutlined />, owns: /^\/notifications(\/|$)/ },
  { key: 'mine', label: '我的', path: '/mine', icon: <UserOutlined />, owns: /^\/(mine|settings|enterprises)(\/|$)/ },
];

/** The tabs this user may open (a tab whose page the user may not read is left out). */
export function phoneTabs(me: Me): PhoneTab[] {
  return TABS.filter((t) => !t.permission || hasPermission(me, t.permission));
}

/** The tab lit for a path, if any. */
export function activeTab(tabs: PhoneTab[], pathname: string): PhoneTab['key'] | null {
  return tabs.find((t) => t.owns.test(pathname))?.key ?? null;
}
