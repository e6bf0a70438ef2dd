import { useState } from 'react';
import { Button, Card, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router-dom';
import { formatFigureYuan, type FinanceEventSummary } from '@yuanqi/contract';
import { hasPermission, useMe } from '../../../app/auth';
import { EmptyHint } from '../../../components/EmptyHint';
import { PageHeader } from '../../../components/PageHeader';
import { QueryError } from '../../../components/QueryError';
import { useScreens } from '../../../components/useScreens';
import { useFinanceEvents } from './api';
import { EventFormModal } from './EventFormModal';

const STATUS_COLORS: Record<string, string> = { planned: 'blue', held: 'green', closed: 'default', cancelled: 'red' };

/** 融资对接会 (finance officer desk): every event with its computed figures. */
export default function FinanceEventsPage() {
  const me = useMe();
  const navigate = useNavigate();
  const events = useFinanceEvents();
  const screens = useScreens();
  const [creating, setCreating] = useState(false);
  const manage = hasPermission(me, 'finance:manage');

  return (
    <>
      <PageHeader
        title="融资对接会"
        subTitle="报名、意向与签约结果逐条登记,签约企业数和金额由数据计算"
        extra={manage && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>新建对接会</Button>}
      />
      {events.isError ? (
        <Card><QueryError error={events.error} onRetry={() => events.refetch()} /></Card>
      ) : !screens.md ? (
        <div className="yq-card-list">
          {events.isLoading && <Card loading />}
          {events.data?.length === 0 && <Card><EmptyHint description="还没有融资对接会" /></Card>}
          {events.data?.map((e) => (
            <Card key={e.id} className="yq-mobile-card" onClick={() => navigate(`/finance/events/${e.id}`)}>
              <Space direction="vertical" size={2} style={{ width: '100%' }}>
                <Space><strong>{e.title}</strong><Tag color={STATUS_COLORS[e.status]}>{e.statusLabel}</Tag></Space>
                <Typography.Text type="secondary">{e.heldOn} · {e.venue ?? '地点待定'}</Typography.Text>
                <span>报名 {e.figures.signups} 家 · 签约 {e.figures.signedFirms} 家 {formatFigureYuan(e.figures.signedAmountFen)}</span>
              </Space>
            </Card>
          ))}
        </div>
      ) : (
        <Card styles={{ body: { padding: 0 } }}>
          <Table<FinanceEventSummary>
            rowKey="id"
            loading={events.isLoading}
            dataSource={events.data ?? []}
            pagination={false}
            locale={{ emptyText: events.isLoading ? ' ' : <EmptyHint description="还没有融资对接会" /> }}
            columns={[
              { title: '对接会', dataIndex: 'title', render: (t: string, e) => (<div><Link to={`/finance/events/${e.id}`}>{t}</Link>{e.theme && <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{e.theme}</Typography.Text></div>}</div>) },
              { title: '举办日期', dataIndex: 'heldOn', width: 120 },
              { title: '报名截止', dataIndex: 'signupDeadline', width: 120, render: (d: string | null, e) => d ?? e.heldOn },
              { title: '状态', dataIndex: 'statusLabel', width: 100, render: (l: string, e) => <Tag color={STATUS_COLORS[e.status]}>{l}{e.signupOpen ? ' · 报名中' : ''}</Tag> },
              { title: '参会机构', key: 'banks', width: 90, align: 'right', render: (_, e) => e.figures.participatingInstitutions },
              { title: '报名企业', key: 'signups', width: 90, align: 'right', render: (_, e) => e.figures.signups },
              { title: '意向', key: 'intentions', width: 80, align: 'right', render: (_, e) => e.figures.intentions },
              { title: '签约企业', key: 'firms', width: 90, align: 'right', render: (_, e) => e.figures.signedFirms },
              { title: '签约金额', key: 'amount', width: 130, align: 'right', render: (_, e) => formatFigureYuan(e.figures.signedAmountFen) },
            ]}
          />
        </Card>
      )}
      <EventFormModal open={creating} onClose={() => setCreating(false)} onSaved={(e) => { setCreating(false); navigate(`/finance/events/${e.id}`); }} />
    </>
  );
}
