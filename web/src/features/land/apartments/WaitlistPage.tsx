import { Alert, Button, Card, Select, Space, Table, type TableProps } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import type { ApartmentApplicationRow } from '@yuanqi/contract';
import { hasPermission, useMe } from '../../../app/auth';
import { PageHeader } from '../../../components/PageHeader';
import { QueryError } from '../../../components/QueryError';
import { formatDateTime } from '../../../components/format';
import { useNextAllocation, useOccupancy, useWaitlist } from './api';
import { parkToday } from '../../../components/format';

/** 轮候名单: the waitlist in its order (score, then time), and "allocate next" for a vacant room. */
export function WaitlistPage() {
  const me = useMe();
  const navigate = useNavigate();
  const manage = hasPermission(me, 'premises:manage');
  const [page, setPage] = useState(1);
  const [layout, setLayout] = useState<string | undefined>();
  const list = useWaitlist({ page, pageSize: 20, layout });
  const next = useNextAllocation(layout, manage);
  const occ = useOccupancy(parkToday());
  const layouts = (occ.data?.byLayout ?? []).map((l) => l.layout);
  const n = next.data;

  const columns: TableProps<ApartmentApplicationRow>['columns'] = [
    { title: '位次', dataIndex: 'queuePosition', key: 'pos', width: 70, render: (p: number) => <strong data-testid="waitlist-position">{p}</strong> },
    {
      title: '申请人',
      key: 'name',
      width: 180,
      render: (_, a) => (
        <div>
          <Link to={`/land/apartments/applications/${a.id}`}>{a.applicantName}</Link>
          <div className="yq-mono" style={{ fontSize: 12, color: '#667085' }}>
            {a.code}
          </div>
        </div>
      ),
    },
    { title: '企业', dataIndex: 'enterpriseName', key: 'firm', width: 200, ellipsis: true },
    { title: '岗位', dataIndex: 'position', key: 'position', width: 120 },
    { title: '积分', dataIndex: 'score', key: 'score', width: 70, align: 'right' },
    { title: '意向户型', key: 'layout', width: 100, render: (_, a) => a.preferredLayout ?? '不限' },
    { title: '申请时间', key: 'at', width: 150, render: (_, a) => formatDateTime(a.submittedAt) },
    { title: '已等待', key: 'wait', width: 90, render: (_, a) => `${a.waitDays ?? 0} 天` },
  ];

  return (
    <div>
      <PageHeader title="人才公寓轮候名单" subTitle="积分高者在前,同分按申请先后;撤销分配的申请保留原位次" />
      {manage && n && (
        <Alert
          style={{ marginBottom: 12 }}
          type={n.application && n.unit ? 'success' : 'info'}
          showIcon
          title={
            n.application && n.unit ? (
              <span data-testid="next-allocation">
                下一位:{n.application.applicantName}({n.application.enterpriseName},{n.application.score} 分),建议房间 {n.unit.label}({n.unit.layout ?? '—'})
              </span>
            ) : n.application ? (
              `下一位:${n.application.applicantName},暂无${layout ? `${layout}的` : ''}空置房间`
            ) : (
              '轮候名单为空'
            )
          }
          description={`当前空置可分配房间 ${n.vacant} 间`}
          action={
            n.application && n.unit ? (
              <Button type="primary" onClick={() => navigate(`/land/apartments/applications/${n.application!.id}?unitId=${n.unit!.id}`)}>
                分配下一位
              </Button>
            ) : undefined
          }
        />
      )}
      <Card
        size="small"
        title={`轮候 ${list.data?.total ?? '—'} 人`}
        extra={
          <Space>
            <span style={{ fontSize: 13 }}>按户型</span>
            <Select
              allowClear
              placeholder="不限户型"
              style={{ width: 140 }}
              value={layout}
              onChange={(v) => {
                setLayout(v);
                setPage(1);
              }}
              options={layouts.map((l) => ({ value: l, label: l }))}
              aria-label="按户型筛选"
            />
          </Space>
        }
      >
        {list.isError ? (
          <QueryError error={list.error} onRetry={() => list.refetch()} />
        ) : (
          <Table<ApartmentApplicationRow>
            rowKey="id"
            size="middle"
            loading={list.isLoading}
            columns={columns}
            dataSource={list.data?.items ?? []}
            scroll={{ x: 1000 }}
            pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false, hideOnSinglePage: true }}
          />
        )}
      </Card>
    </div>
  );
}
