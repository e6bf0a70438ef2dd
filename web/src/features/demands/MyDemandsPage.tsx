import { useMemo } from 'react';
import { Button, Card, Pagination, Segmented, Skeleton, Tag, Typography } from 'antd';
import { PlusOutlined, RightOutlined, StarOutlined } from '@ant-design/icons';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import type { DemandSummary } from '@yuanqi/contract';
import { EmptyHint } from '../../components/EmptyHint';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { formatDateTime } from '../../components/format';
import { FOLLOWED_STATUSES, usePendingRatings, useDemandList, type DemandListQuery } from './api';
import { Countdown, DemandCardFrame, DemandProgress } from './DemandBits';
import './demands.css';

const TABS = [
  { value: 'open', label: '办理中' },
  { value: 'closed', label: '已办结' },
  { value: 'all', label: '全部' },
] as const;
type Tab = (typeof TABS)[number]['value'];

const STATUS_OF_TAB: Record<Tab, string | undefined> = {
  open: FOLLOWED_STATUSES.join(','),
  closed: 'closed',
  all: undefined,
};

/** One case as the firm follows it: number, title, state, countdown and its parcel-like progress. */
export function DemandCard({ d, toRate }: { d: DemandSummary; toRate?: boolean }) {
  return (
    <DemandCardFrame
      d={d}
      meta={
        <>
          <span>{d.categoryLabel}</span>
          <span>提交于 {formatDateTime(d.createdAt)}</span>
        </>
      }
    >
      <div className="yq-demand-card-flags">
        <Countdown d={d} withKind />
        {d.status === 'resolved' && <Tag color="cyan" style={{ marginInlineEnd: 0 }}>已答复,请确认</Tag>}
        {toRate && (
          <Tag color="gold" icon={<StarOutlined />} style={{ marginInlineEnd: 0 }}>
            待评价
          </Tag>
        )}
        {d.assigneeName && d.status !== 'closed' && d.status !== 'withdrawn' && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            专员 {d.assigneeName}
          </Typography.Text>
        )}
      </div>
      <div style={{ marginTop: 10 }}>
        <DemandProgress d={d} compact forEnterprise />
      </div>
    </DemandCardFrame>
  );
}

export function MyDemandsPage() {
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const tab = (TABS.find((t) => t.value === params.get('tab'))?.value ?? 'open') as Tab;
  const page = Math.max(1, Number(params.get('page')) || 1);
  const query: DemandListQuery = useMemo(
    () => ({ status: STATUS_OF_TAB[tab], sort: tab === 'open' ? 'dueAt' : '-createdAt', page, pageSize: 10 }),
    [tab, page],
  );
  const list = useDemandList(query);
  const pending = usePendingRatings();
  const toRate = useMemo(() => new Set((pending.data?.items ?? []).filter((p) => p.subjectType === 'demand').map((p) => p.subjectId)), [pending.data]);
  const data = list.data;

  return (
    <div className="yq-narrow">
      <PageHeader
        title="我的诉求"
        subTitle={data ? `共 ${data.total} 件` : '办理进度随时可查'}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/demands/new')}>
            我要提诉求
          </Button>
        }
      />
      {toRate.size > 0 && (
        <Link to="/demands/to-rate" className="yq-rate-banner">
          <StarOutlined /> 您有 {toRate.size} 件已办结的诉求待评价 <RightOutlined />
        </Link>
      )}
      <Segmented
        block
        value={tab}
        options={TABS.map((t) => ({ value: t.value, label: t.label }))}
        onChange={(v) => setParams(v === 'open' ? {} : { tab: String(v) })}
        style={{ marginBottom: 12 }}
      />
      {list.isError && !data ? (
        <Card>
          <QueryError error={list.error} onRetry={() => list.refetch()} />
        </Card>
      ) : (
        <div className="yq-card-list" style={{ opacity: list.isPlaceholderData ? 0.6 : 1 }}>
          {list.isLoading &&
            Array.from({ length: 3 }, (_, i) => (
              <Card key={i} className="yq-mobile-card">
                <Skeleton active paragraph={{ rows: 3 }} />
              </Card>
            ))}
          {data && data.items.length === 0 && (
            <Card>
              <EmptyHint description={tab === 'open' ? '没有正在办理的诉求。遇到困难?专员帮您跑腿' : '暂无诉求'}>
                <Button type="primary" onClick={() => navigate('/demands/new')}>
                  我要提诉求
                </Button>
              </EmptyHint>
            </Card>
          )}
          {data?.items.map((d) => <DemandCard key={d.id} d={d} toRate={toRate.has(d.id)} />)}
          {data && data.total > query.pageSize && (
            <Pagination
              simple
              align="center"
              current={page}
              pageSize={query.pageSize}
              total={data.total}
              onChange={(p) => setParams({ ...(tab === 'open' ? {} : { tab }), page: String(p) })}
              style={{ margin: '8px 0' }}
            />
          )}
        </div>
      )}
    </div>
  );
}
