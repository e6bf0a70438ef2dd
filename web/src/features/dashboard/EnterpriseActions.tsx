import type { ReactNode } from 'react';
import { Badge } from 'antd';
import {
  AuditOutlined,
  BookOutlined,
  CloudServerOutlined,
  CreditCardOutlined,
  DatabaseOutlined,
  FileAddOutlined,
  FileDoneOutlined,
  GiftOutlined,
  MoneyCollectOutlined,
  ProfileOutlined,
  ShopOutlined,
  StarOutlined,
} from '@ant-design/icons';
import { Link } from 'react-router-dom';
import type { Me, Permission } from '@yuanqi/contract';
import { hasPermission } from '../../app/auth';
import '../../app/phone/phone.css';

type Action = { to: string; label: string; icon: ReactNode; color: string; permission?: Permission; count?: 'toRate' };

/** The firm's main actions, in the order people look for them (诉求 first: the platform's promise). */
function actionsOf(me: Me): Action[] {
  return [
    { to: '/demands/new', label: '我要提诉求', icon: <FileAddOutlined />, color: '#1554ad', permission: 'demand:create' },
    { to: '/demands', label: '我的诉求', icon: <ProfileOutlined />, color: '#2e7bd6', permission: 'demand:read' },
    { to: '/guide', label: '办事指南', icon: <BookOutlined />, color: '#0e9384', permission: 'service:read' },
    { to: '/services/applications', label: '我的办件', icon: <FileDoneOutlined />, color: '#099250', permission: 'application:read' },
    { to: '/my/policies', label: '推荐政策', icon: <GiftOutlined />, color: '#dc6803', permission: 'policy:read' },
    { to: '/my/policy-applications', label: '我的申报', icon: <AuditOutlined />, color: '#e04f16', permission: 'policy-application:read' },
    { to: '/demands/to-rate', label: '待评价', icon: <StarOutlined />, color: '#ca8504', permission: 'demand:read', count: 'toRate' },
    { to: '/my/vouchers', label: '创新券', icon: <CreditCardOutlined />, color: '#7a5af8', permission: 'voucher:read' },
    { to: '/my/payouts', label: '拨付记录', icon: <MoneyCollectOutlined />, color: '#6172f3', permission: 'policy-application:read' },
    { to: '/industry/my', label: '我的产业云', icon: <CloudServerOutlined />, color: '#0086c9', permission: 'industry:read' },
    { to: '/my/policy-data', label: '企业数据', icon: <DatabaseOutlined />, color: '#155eef' },
    { to: `/enterprises/${me.enterpriseId}`, label: '我的企业', icon: <ShopOutlined />, color: '#475467', permission: 'enterprise:read' },
  ].filter((a) => !a.permission || hasPermission(me, a.permission as Permission)) as Action[];
}

/** 工作台 on a phone: a grid of the firm's main actions (赣服通-style), with the number waiting on 待评价. */
export function EnterpriseActions({ me, toRate }: { me: Me; toRate?: number }) {
  return (
    <nav className="yq-actions" aria-label="常用功能">
      {actionsOf(me).map((a) => (
        <Link key={a.to} to={a.to} className="yq-action" aria-label={a.count === 'toRate' && toRate ? `${a.label},${toRate} 件` : a.label}>
          <span className="yq-action-icon" style={{ background: a.color }}>
            {a.icon}
          </span>
          <span className="yq-action-label">{a.label}</span>
          {a.count === 'toRate' && toRate ? <Badge count={toRate} size="small" /> : null}
        </Link>
      ))}
    </nav>
  );
}
