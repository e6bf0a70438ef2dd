import { useMemo } from 'react';
import { Button, Tag, Typography } from 'antd';
import { PlusOutlined, RightOutlined, StarOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router-dom';
import type { DemandSummary } from '@yuanqi/contract';
import { MyCasesList, useCaseTabs, type CaseTab } from '../../components/case-kit';
import { PageHeader } from '../../components/PageHeader';
import { formatDateTime } from '../../components/format';
import { FOLLOWED_STATUSES, useToRateIds, useDemandList, type DemandListQuery } from './api';
import { Countdown, DemandCardFrame } from './DemandBits';
import { DemandProgress } from './DemandProgress';
import './demands.css';

const STATUS_OF_TAB: Record<CaseTab, string | undefined> = {
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
        <DemandProgress d={d} forEnterprise />
      </div>
    </DemandCardFrame>
  );
}

/** 我的诉求: the firm's demands, open ones first by deadline, like parcels. */
export function MyDemandsPage() {
  const navigate = useNavigate();
  const cases = useCaseTabs();
  const { tab, page } = cases;
  const query: DemandListQuery = useMemo(
    () => ({ status: STATUS_OF_TAB[tab], sort: tab === 'open' ? 'dueAt' : '-createdAt', page, pageSize: 10 }),
    [tab, page],
  );
  const list = useDemandList(query);
  const toRate = useToRateIds('demand');
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
      <MyCasesList
        cases={cases}
        list={list}
        pageSize={query.pageSize}
        empty={{
          description: tab === 'open' ? '没有正在办理的诉求。遇到困难?专员帮您跑腿' : '暂无诉求',
          action: (
            <Button type="primary" onClick={() => navigate('/demands/new')}>
              我要提诉求
            </Button>
          ),
        }}
        renderCard={(d) => <DemandCard d={d} toRate={toRate.has(d.id)} />}
      />
    </div>
  );
}
