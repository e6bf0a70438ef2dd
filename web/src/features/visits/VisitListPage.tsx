import { useMemo } from 'react';
import { Button, Card, DatePicker, Pagination, Segmented, Select, Skeleton, Table, Tag, Typography, type TableProps } from 'antd';
import { CalendarOutlined, PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import type { DaibanRecord, Visit } from '@yuanqi/contract';
import { hasPermission, useMe } from '../../app/auth';
import { EmptyHint } from '../../components/EmptyHint';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { dayjs, weekdayOf } from '../../components/format';
import { useScreens } from '../../components/useScreens';
import { useLiaisons } from '../enterprises/api';
import { servesOwnFirmsOnly } from '../demands/FirmSelect';
import { useDaibanList, useVisitList, type VisitListQuery } from './api';
import '../demands/demands.css';

function VisitCard({ v, showLiaison }: { v: Visit; showLiaison: boolean }) {
  const navigate = useNavigate();
  return (
    <Card className="yq-mobile-card yq-demand-card" hoverable onClick={() => navigate(`/visits/${v.id}`)}>
      <div className="yq-demand-card-head">
        <span className="yq-visit-date">
          {v.visitedOn} {weekdayOf(v.visitedOn)}
        </span>
        <span style={{ display: 'inline-flex', gap: 4 }}>
          {v.daiban.length > 0 && <Tag color="purple" style={{ marginInlineEnd: 0 }}>代办 {v.daiban.length}</Tag>}
          {v.raisedDemands.length > 0 && <Tag color="blue" style={{ marginInlineEnd: 0 }}>诉求 {v.raisedDemands.length}</Tag>}
        </span>
      </div>
      <Link to={`/visits/${v.id}`} className="yq-demand-title" onClick={(e) => e.stopPropagation()}>
        {v.enterpriseName}
      </Link>
      <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ margin: '4px 0 0', fontSize: 13 }}>
        {v.findings}
      </Typography.Paragraph>
      <div className="yq-demand-meta" style={{ marginTop: 4 }}>
        {showLiaison && <span>专员 {v.liaisonName ?? '—'}</span>}
        {v.participants && <span>参加:{v.participants}</span>}
      </div>
    </Card>
  );
}

export function VisitListPage() {
  const me = useMe();
  const navigate = useNavigate();
  const screens = useScreens();
  const mobile = !screens.md;
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'daiban' ? 'daiban' : 'visits';
  const own = servesOwnFirmsOnly(me);
  const query: VisitListQuery = useMemo(
    () => ({
      liaisonId: params.get('liaisonId') ?? undefined,
      from: params.get('from') ?? undefined,
      to: params.get('to') ?? undefined,
      page: Math.max(1, Number(params.get('page')) || 1),
      pageSize: 20,
    }),
    [params],
  );
  const visits = useVisitList(query);
  const daiban = useDaibanList(query, tab === 'daiban');
  const liaisons = useLiaisons(!own);
  const update = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    if (!('page' in patch)) next.delete('page');
    setParams(next);
  };

  const daibanColumns: TableProps<DaibanRecord>['columns'] = [
    { title: '办理日期', dataIndex: 'doneOn', key: 'doneOn', width: 110 },
    { title: '企业', dataIndex: 'enterpriseName', key: 'firm', width: 220, render: (v: string, r) => <Link to={`/enterprises/${r.enterpriseId}`}>{v}</Link> },
    { title: '类型', dataIndex: 'kindLabel', key: 'kind', width: 110, render: (v: string) => <Tag color="purple">{v}</Tag> },
    { title: '代办内容', dataIndex: 'description', key: 'description' },
    { title: '办件编号', dataIndex: 'caseNumber', key: 'caseNumber', width: 140, render: (v: string | null) => (v ? <span className="yq-mono">{v}</span> : '—') },
    ...(own ? [] : [{ title: '专员', dataIndex: 'liaisonName', key: 'liaison', width: 100 }]),
    {
      title: '来源',
      key: 'visit',
      width: 90,
      render: (_: unknown, r: DaibanRecord) => (r.visitId ? <Link to={`/visits/${r.visitId}`}>走访</Link> : '单独登记'),
    },
  ];

  const current = tab === 'visits' ? visits : daiban;
  const total = current.data?.total ?? 0;

  return (
    <>
      <PageHeader
        title={own ? '我的走访记录' : '走访记录'}
        subTitle={visits.data ? `共 ${visits.data.total} 次走访${query.from || query.to ? '(已筛选)' : ''}` : '入企走访与代办'}
        extra={
          <>
            {hasPermission(me, 'visit:write') && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/visits/new')}>
                登记走访
              </Button>
            )}
            <Button icon={<CalendarOutlined />} onClick={() => navigate('/visits/calendar')}>
              走访日历
            </Button>
          </>
        }
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <div className="yq-filter-bar">
          <Segmented
            value={tab}
            options={[
              { value: 'visits', label: '走访' },
              { value: 'daiban', label: '代办' },
            ]}
            onChange={(v) => update({ tab: v === 'daiban' ? 'daiban' : undefined })}
          />
          <DatePicker.RangePicker
            inputReadOnly
            value={query.from && query.to ? [dayjs(query.from), dayjs(query.to)] : null}
            onChange={(r) => update({ from: r?.[0]?.format('YYYY-MM-DD'), to: r?.[1]?.format('YYYY-MM-DD') })}
            placeholder={['开始日期', '结束日期']}
            aria-label="按日期筛选"
          />
          {!own && (
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder="驻企专员"
              value={query.liaisonId}
              loading={liaisons.isLoading}
              options={(liaisons.data?.items ?? []).map((l) => ({ value: l.id, label: l.displayName }))}
              onChange={(v) => update({ liaisonId: v })}
              style={{ minWidth: 140 }}
              aria-label="按专员筛选"
            />
          )}
        </div>
      </Card>

      {current.isError && !current.data ? (
        <Card>
          <QueryError error={current.error} onRetry={() => current.refetch()} />
        </Card>
      ) : tab === 'visits' ? (
        <div className="yq-card-list" style={{ opacity: visits.isPlaceholderData ? 0.6 : 1 }}>
          {visits.isLoading &&
            Array.from({ length: 3 }, (_, i) => (
              <Card key={i} className="yq-mobile-card">
                <Skeleton active paragraph={{ rows: 2 }} />
              </Card>
            ))}
          {visits.data && visits.data.items.length === 0 && (
            <Card>
              <EmptyHint description="暂无走访记录">
                {hasPermission(me, 'visit:write') && (
                  <Button type="primary" onClick={() => navigate('/visits/new')}>
                    登记走访
                  </Button>
                )}
              </EmptyHint>
            </Card>
          )}
          <div className="yq-visit-grid">
            {visits.data?.items.map((v) => <VisitCard key={v.id} v={v} showLiaison={!own} />)}
          </div>
        </div>
      ) : mobile ? (
        <div className="yq-card-list">
          {daiban.isLoading && <Skeleton active />}
          {daiban.data && daiban.data.items.length === 0 && (
            <Card>
              <EmptyHint description="暂无代办记录" />
            </Card>
          )}
          {daiban.data?.items.map((r) => (
            <Card key={r.id} className="yq-mobile-card">
              <div className="yq-demand-card-head">
                <span className="yq-visit-date">{r.doneOn}</span>
                <Tag color="purple" style={{ marginInlineEnd: 0 }}>
                  {r.kindLabel}
                </Tag>
              </div>
              <div className="yq-demand-title">{r.enterpriseName}</div>
              <div style={{ fontSize: 13, overflowWrap: 'anywhere' }}>{r.description}</div>
              {r.caseNumber && <div className="yq-mono" style={{ fontSize: 12, color: '#667085' }}>办件 {r.caseNumber}</div>}
            </Card>
          ))}
        </div>
      ) : (
        <Card styles={{ body: { padding: 0 } }}>
          <Table<DaibanRecord>
            rowKey="id"
            columns={daibanColumns}
            dataSource={daiban.data?.items}
            loading={daiban.isLoading}
            scroll={{ x: 900 }}
            locale={{ emptyText: daiban.isLoading ? ' ' : <EmptyHint description="暂无代办记录" /> }}
            pagination={false}
          />
        </Card>
      )}
      {current.data && total > query.pageSize && (
        <Pagination
          simple={mobile}
          align="center"
          current={query.page}
          pageSize={query.pageSize}
          total={total}
          showSizeChanger={false}
          onChange={(page) => update({ page: String(page) })}
          style={{ margin: '12px 0' }}
        />
      )}
    </>
  );
}
