import type { ReactNode } from 'react';
import { Card, Col, Progress, Row, Skeleton, Space, Statistic, Tag, Typography } from 'antd';
import {
  AuditOutlined,
  CalendarOutlined,
  CarOutlined,
  ProfileOutlined,
  CloudUploadOutlined,
  DatabaseOutlined,
  SettingOutlined,
  ShopOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { useQueries, useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router-dom';
import { ROLE_LABELS, type Enterprise, type Paged, type Permission } from '@yuanqi/contract';
import { api, type Query } from '../../app/api';
import { hasPermission, hasRole, isEnterpriseOnly, useMe } from '../../app/auth';
import { EmptyHint } from '../../components/EmptyHint';
import { PageHeader } from '../../components/PageHeader';
import { dayjs, parkToday, weekdayOf } from '../../components/format';
import { useDictionary } from '../dictionaries/useDictionary';
import { useEnterpriseCount, type EnterpriseFilters } from '../enterprises/api';
import { DemandTodoCard } from '../demands/DemandTodos';
import { DispatchHomeCards } from '../dispatch/DispatchTodos';
import { UnreadMessages } from './UnreadMessages';
import { LeaderFigures } from './LeaderFigures';
import { FundBalanceCard, PolicyTodoCard } from './PolicyTodoCards';
import { ServiceTodoCard } from './ServiceTodoCard';
import { FinanceTodoCard } from '../finance/stats/FinanceTodoCard';

type Health = { status: string; database: 'pglite' | 'postgres'; migration: string };

function greeting(): string {
  const hour = Number(dayjs().tz('Asia/Shanghai').format('H'));
  if (hour < 6) return '夜深了';
  if (hour < 11) return '上午好';
  if (hour < 13) return '中午好';
  if (hour < 18) return '下午好';
  return '晚上好';
}

function toListUrl(filters: EnterpriseFilters): string {
  const s = new URLSearchParams(Object.entries(filters).filter(([, v]) => v) as [string, string][]).toString();
  return s ? `/enterprises?${s}` : '/enterprises';
}

function Figure({ title, filters, hint, enabled = true }: { title: string; filters: EnterpriseFilters; hint?: string; enabled?: boolean }) {
  const count = useEnterpriseCount(filters, enabled);
  return (
    <Link to={toListUrl(filters)} aria-label={`${title},查看列表`}>
      <Card hoverable size="small" style={{ height: '100%' }}>
        <Statistic title={title} value={count.isError ? '—' : (count.data ?? 0)} loading={count.isLoading} suffix={count.isError ? undefined : '家'} />
        {hint && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {hint}
          </Typography.Text>
        )}
      </Card>
    </Link>
  );
}

/** Firms per chain from the list's totals: one small request per chain, no extra endpoint. */
function ChainDistribution({ total, hideEmpty = false }: { total: number | undefined; hideEmpty?: boolean }) {
  const chains = useDictionary('chain');
  const counts = useQueries({
    queries: chains.items.map((c) => ({
      queryKey: ['enterprises', 'list', { chain: c.code, page: 1, pageSize: 1 }],
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        api.get<Paged<Enterprise>>('/api/enterprises', { chain: c.code, page: 1, pageSize: 1 } as Query, signal),
      select: (d: Paged<Enterprise>) => d.total,
    })),
  });
  if (chains.isLoading || counts.some((c) => c.isLoading)) return <Skeleton active paragraph={{ rows: 4 }} />;
  const rows = chains.items
    .map((c, i) => ({ ...c, count: counts[i]?.data ?? 0 }))
    .filter((r) => !hideEmpty || r.count > 0)
    .sort((a, b) => b.count - a.count);
  if (rows.length === 0 || !total) return <EmptyHint description="暂无企业数据,录入或导入企业后在此查看产业链分布" />;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={6}>
      {rows.map((r) => (
        <Link key={r.code} to={toListUrl({ chain: r.code })} style={{ display: 'block', color: 'inherit' }}>
          <div style={{ display: 'flex', justifyContent: 'space-between', fontSize: 13 }}>
            <span>{r.label}</span>
            <span>{r.count} 家</span>
          </div>
          <Progress percent={total ? Math.round((r.count / total) * 100) : 0} showInfo={false} size="small" status="normal" />
        </Link>
      ))}
    </Space>
  );
}

type Shortcut = { to: string; label: string; icon: ReactNode; permission?: Permission };
const SHORTCUTS: Shortcut[] = [
  { to: '/enterprises', label: '企业库', icon: <ShopOutlined />, permission: 'enterprise:read' },
  { to: '/enterprises/import', label: '企业导入', icon: <CloudUploadOutlined />, permission: 'enterprise:import' },
  { to: '/demands', label: '诉求办理', icon: <ProfileOutlined />, permission: 'demand:handle' },
  { to: '/visits/new', label: '登记走访', icon: <CarOutlined />, permission: 'visit:write' },
  { to: '/admin/users', label: '用户管理', icon: <TeamOutlined />, permission: 'user:manage' },
  { to: '/admin/calendar', label: '工作日历', icon: <CalendarOutlined />, permission: 'calendar:manage' },
  { to: '/admin/audit', label: '审计日志', icon: <AuditOutlined />, permission: 'audit:read' },
  { to: '/settings', label: '个人设置', icon: <SettingOutlined /> },
];

/** The park staff's 工作台: the figures, the desks' to-dos and shortcuts each role may use. */
export function StaffHome() {
  const me = useMe();
  const navigate = useNavigate();
  const readsFirms = hasPermission(me, 'enterprise:read');
  const total = useEnterpriseCount({}, readsFirms && !isEnterpriseOnly(me));
  const health = useQuery({
    queryKey: ['health'],
    queryFn: ({ signal }) => api.get<Health>('/api/health', undefined, signal),
    enabled: hasRole(me, 'admin'),
  });

  // a liaison only sees the firms assigned to them, so "the park" would overstate what the figures mean
  const scopedToOwnFirms = me.roles.every((r) => r === 'liaison');
  const today = parkToday();
  const shortcuts = SHORTCUTS.filter((s) => !s.permission || hasPermission(me, s.permission));
  // the approval bureau's and the policy window's desks; a leader reads the year's key figures
  const handlesCases = hasRole(me, 'approver') && hasPermission(me, 'service:handle');
  const reviewsPolicies = hasRole(me, 'policy_officer') && (hasPermission(me, 'policy:review') || hasPermission(me, 'policy:manage'));
  const readsFunds = hasPermission(me, 'fund:read');

  return (
    <>
      <PageHeader title="工作台" docTitle="工作台" />
      <Card style={{ marginBottom: 16 }}>
        <div style={{ display: 'flex', flexWrap: 'wrap', justifyContent: 'space-between', gap: 12 }}>
          <div>
            <Typography.Title level={4} style={{ marginTop: 0, marginBottom: 8 }}>
              {greeting()},{me.displayName}
            </Typography.Title>
            <Space size={[6, 6]} wrap>
              {me.roles.map((r) => (
                <Tag key={r} color="blue">
                  {ROLE_LABELS[r] ?? r}
                </Tag>
              ))}
              <Typography.Text type="secondary">{me.bankName ?? me.enterpriseName ?? me.parkName}</Typography.Text>
            </Space>
          </div>
          <div style={{ textAlign: 'right', color: '#667085' }}>
            <div style={{ fontSize: 18, color: '#101828' }}>{today}</div>
            <div>{weekdayOf(today)} · 北京时间</div>
          </div>
        </div>
      </Card>

      {readsFirms && (
        <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
          {scopedToOwnFirms ? (
            <Col xs={12} md={6}>
              <Figure title="我服务的企业" filters={{}} hint="我作为驻企专员" />
            </Col>
          ) : (
            <Col xs={12} md={6}>
              <Figure title="园区企业" filters={{}} hint="企业库在册企业" />
            </Col>
          )}
          <Col xs={12} md={6}>
            <Figure title={scopedToOwnFirms ? '其中规上企业' : '规上企业'} filters={{ isAboveScale: 'true' }} hint="年主营业务收入≥2000万元" />
          </Col>
          {hasRole(me, 'liaison') && !scopedToOwnFirms && (
            <Col xs={12} md={6}>
              <Figure title="我服务的企业" filters={{ liaisonId: me.id }} hint="我作为驻企专员" />
            </Col>
          )}
          {hasPermission(me, 'enterprise:assign') && (
            <Col xs={12} md={6}>
              <Figure title="未分配专员" filters={{ liaisonId: 'none' }} hint="待指定驻企专员" />
            </Col>
          )}
        </Row>
      )}

      {hasRole(me, 'leader') && (
        <div style={{ marginBottom: 16 }}>
          <LeaderFigures me={me} />
        </div>
      )}

      <Row gutter={[16, 16]}>
        {handlesCases && (
          <Col xs={24}>
            <ServiceTodoCard />
          </Col>
        )}
        {reviewsPolicies && (
          <Col xs={24} xl={readsFunds ? 16 : 24}>
            <PolicyTodoCard me={me} />
          </Col>
        )}
        {reviewsPolicies && readsFunds && (
          <Col xs={24} xl={8}>
            <FundBalanceCard />
          </Col>
        )}
        {hasRole(me, 'finance_officer') && hasPermission(me, 'finance:manage') && (
          <Col xs={24}>
            <FinanceTodoCard />
          </Col>
        )}
        {hasPermission(me, 'demand:handle') && (
          <Col xs={24}>
            <DemandTodoCard me={me} />
          </Col>
        )}
        <DispatchHomeCards me={me} />
        <Col xs={24} lg={readsFirms ? 14 : 24}>
          <Card title="待办与消息" style={{ height: '100%' }} extra={<Link to="/notifications">全部消息</Link>}>
            <UnreadMessages />
          </Card>
        </Col>
        {readsFirms && (
          <Col xs={24} lg={10}>
            <Card title={scopedToOwnFirms ? '我服务企业的产业链分布' : '企业产业链分布'} style={{ height: '100%' }}>
              <ChainDistribution total={total.data} hideEmpty={scopedToOwnFirms} />
            </Card>
          </Col>
        )}
        <Col xs={24} lg={hasRole(me, 'admin') ? 14 : 24}>
          <Card title="快捷入口">
            <Row gutter={[12, 12]}>
              {shortcuts.map((s) => (
                <Col key={s.to} xs={8} sm={6} md={4}>
                  <Card
                    hoverable
                    size="small"
                    onClick={() => navigate(s.to)}
                    styles={{ body: { textAlign: 'center', padding: '14px 4px' } }}
                    role="link"
                    aria-label={s.label}
                  >
                    <div style={{ fontSize: 22, color: '#1554ad' }}>{s.icon}</div>
                    <div style={{ fontSize: 13, marginTop: 4, whiteSpace: 'nowrap' }}>{s.label}</div>
                  </Card>
                </Col>
              ))}
            </Row>
          </Card>
        </Col>
        {hasRole(me, 'admin') && (
          <Col xs={24} lg={10}>
            <Card title={<Space><DatabaseOutlined />系统状态</Space>}>
              {health.isLoading ? (
                <Skeleton active paragraph={{ rows: 2 }} />
              ) : health.isError ? (
                <Typography.Text type="danger">无法获取系统状态</Typography.Text>
              ) : (
                <Space orientation="vertical" size={4}>
                  <div>
                    运行状态:<Tag color={health.data?.status === 'ok' ? 'green' : 'orange'}>{health.data?.status === 'ok' ? '正常' : health.data?.status}</Tag>
                  </div>
                  {/* database internals (engine, migration) live on 系统监控, not on the home page */}
                  <Link to="/admin/monitor">查看系统监控(进程、数据库、定时任务)</Link>
                </Space>
              )}
            </Card>
          </Col>
        )}
      </Row>
    </>
  );
}
