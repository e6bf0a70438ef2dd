import { useMemo } from 'react';
import { Badge, Button, Card, Select, Space, Tag, Typography, type TableProps } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router-dom';
import {
  POLICY_CATEGORIES,
  POLICY_MODE_LABELS,
  POLICY_MODES,
  POLICY_STATUS_LABELS,
  POLICY_STATUSES,
  type PolicySummary,
} from '@yuanqi/contract';
import { hasPermission, useMe } from '../../app/auth';
import { EmptyHint } from '../../components/EmptyHint';
import { FilterBar, RefreshButton, useSearchBox } from '../../components/FilterBar';
import { formatDate, formatAmount } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { ResponsiveList } from '../../components/ResponsiveList';
import { useListParams } from '../../components/useListParams';
import { useScreens } from '../../components/useScreens';
import { readsPolicyOverview, usePolicyList, usePolicyStats, type PolicyListQuery } from './api';
import { ModeTag, PolicyStatusTag } from './bits';
import './policies.css';

function readQuery(params: URLSearchParams): PolicyListQuery {
  const pageSize = [10, 20, 50, 100].includes(Number(params.get('pageSize'))) ? Number(params.get('pageSize')) : 20;
  return {
    q: params.get('q') ?? undefined,
    category: params.get('category') ?? undefined,
    mode: params.get('mode') ?? undefined,
    status: params.get('status') ?? undefined,
    page: Math.max(1, Number(params.get('page')) || 1),
    pageSize,
  };
}

function Figure({ label, value, onClick, warn }: { label: string; value: string | number | undefined; onClick?: () => void; warn?: boolean }) {
  const content = (
    <>
      <span className="yq-policy-figure-value">{value ?? '—'}</span>
      <span className="yq-policy-figure-label">{label}</span>
    </>
  );
  return onClick ? (
    <button type="button" className={`yq-policy-figure${warn ? ' warn' : ''}`} onClick={onClick}>
      {content}
    </button>
  ) : (
    <div className={`yq-policy-figure${warn ? ' warn' : ''}`}>{content}</div>
  );
}

/** 政策库: every policy of the park with its state and how far it has reached the firms. */
export function PolicyLibraryPage() {
  const me = useMe();
  const navigate = useNavigate();
  const screens = useScreens();
  const mobile = !screens.md;
  const { params, update, paginate } = useListParams();
  const query = useMemo(() => readQuery(params), [params]);
  const list = usePolicyList(query);
  const manages = hasPermission(me, 'policy:manage');
  const reviews = hasPermission(me, 'policy-application:read');
  const go = (allowed: boolean, to: string) => (allowed ? () => navigate(to) : undefined);
  // the figures are for the policy window; a role that only reads the library does not ask for them
  const stats = usePolicyStats(readsPolicyOverview(me));
  const searchBox = useSearchBox(query.q, (q) => update({ q }));
  const s = stats.data;
  const activeFilters = ['category', 'mode', 'status'].filter((k) => params.get(k)).length;

  const columns: TableProps<PolicySummary>['columns'] = [
    {
      title: '政策',
      key: 'title',
      width: 300,
      render: (_, p) => (
        <div style={{ minWidth: 0 }}>
          <Link to={`/policies/${p.id}`} style={{ fontWeight: 500 }}>
            {p.title}
          </Link>
          <div style={{ fontSize: 12, color: '#667085' }}>
            <span className="yq-mono">{p.code}</span>
            {p.docNumber ? ` · ${p.docNumber}` : ''}
          </div>
          {p.benefitText && (
            <Typography.Paragraph type="secondary" ellipsis={{ rows: 2, tooltip: p.benefitText }} style={{ fontSize: 12, margin: '2px 0 0' }}>
              {p.benefitText}
            </Typography.Paragraph>
          )}
        </div>
      ),
    },
    { title: '类别', dataIndex: 'category', width: 80 },
    { title: '方式', dataIndex: 'mode', width: 90, render: (_, p) => <ModeTag mode={p.mode} /> },
    {
      title: '状态',
      key: 'status',
      width: 110,
      render: (_, p) => (
        <Space size={4} wrap>
          <PolicyStatusTag status={p.status} />
          {p.hasDraft && <Badge status="processing" text={<span style={{ fontSize: 12 }}>有草稿</span>} />}
        </Space>
      ),
    },
    {
      title: '有效期',
      key: 'valid',
      width: 180,
      render: (_, p) => (
        <span style={{ fontSize: 13 }}>
          {formatDate(p.validFrom)} 至 {p.validTo ? formatDate(p.validTo) : '长期'}
        </span>
      ),
    },
    {
      title: '符合 / 申报 / 拨付(家)',
      key: 'counts',
      width: 150,
      render: (_, p) => (
        <span className="yq-money">
          <Link to={`/policies/${p.id}?tab=matches`}>{p.eligibleCount ?? '—'}</Link> / {p.appliedCount ?? '—'} / {p.paidCount ?? '—'}
        </span>
      ),
    },
    { title: '已拨付', dataIndex: 'paidAmountFen', width: 110, align: 'right', render: (v: number | null) => <span className="yq-money">{formatAmount(v)}</span> },
    { title: '资金', dataIndex: 'fundName', width: 140, render: (v: string | null) => v ?? <Typography.Text type="secondary">未指定</Typography.Text> },
  ];

  const filters = (
    <>
      <Select allowClear placeholder="政策类别" value={query.category} options={POLICY_CATEGORIES.map((c) => ({ value: c, label: c }))} onChange={(v) => update({ category: v })} style={{ minWidth: 120 }} aria-label="按类别筛选" />
      <Select allowClear placeholder="兑现方式" value={query.mode} options={POLICY_MODES.map((m) => ({ value: m, label: POLICY_MODE_LABELS[m] }))} onChange={(v) => update({ mode: v })} style={{ minWidth: 120 }} aria-label="按兑现方式筛选" />
      <Select allowClear placeholder="状态" value={query.status} options={POLICY_STATUSES.map((m) => ({ value: m, label: POLICY_STATUS_LABELS[m] }))} onChange={(v) => update({ status: v })} style={{ minWidth: 110 }} aria-label="按状态筛选" />
    </>
  );

  return (
    <>
      <PageHeader
        title="政策库"
        subTitle={list.data ? `共 ${list.data.total} 项政策${activeFilters || query.q ? '(已筛选)' : ''}` : '政策、规则与兑现情况'}
        extra={
          manages && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/policies/new')}>
              新建政策
            </Button>
          )
        }
      />
      {s && (
        <div className="yq-policy-figures">
          <Figure label="已发布政策" value={s.published} onClick={() => update({ status: 'published' })} />
          <Figure label="草稿" value={s.drafts} onClick={() => update({ status: 'draft' })} />
          <Figure label="待初审" value={s.queue.first} onClick={go(reviews, '/policy-applications?queue=first')} warn={s.queue.first > 0} />
          <Figure label="待复审" value={s.queue.second} onClick={go(reviews, '/policy-applications?queue=second')} warn={s.queue.second > 0} />
          <Figure label="待公示" value={s.queue.publicity} onClick={go(reviews, '/policy-publicity')} />
          <Figure label="公示期满待拨付" value={s.queue.payout} onClick={go(reviews, '/policy-applications?queue=payout')} warn={s.queue.payout > 0} />
          <Figure label="免申即享待确认" value={s.grantsAwaiting} onClick={go(manages, '/policy-runs')} />
          <Figure label="符合条件未申报(家次)" value={s.eligibleNotApplied} />
          <Figure label={`今年已拨付 ${s.paidCount} 笔`} value={formatAmount(s.paidAmountFen)} />
          {s.openObjections > 0 && <Figure label="待处理公示异议" value={s.openObjections} onClick={go(reviews, '/policy-publicity')} warn />}
        </div>
      )}
      <FilterBar
        mobile={mobile}
        search={{ ...searchBox, placeholder: '政策名称、文号或编码', ariaLabel: '搜索政策', width: 260 }}
        activeCount={activeFilters}
        filters={filters}
        trailing={!mobile && <RefreshButton spinning={list.isFetching && !list.isLoading} onClick={() => void list.refetch()} />}
      />
      <ResponsiveList<PolicySummary>
        query={list}
        mobile={mobile}
        columns={columns}
        table={{ scroll: { x: 1160 } }}
        empty={<EmptyHint description={activeFilters || query.q ? '没有符合条件的政策' : '还没有政策'}>{manages && !activeFilters && <Button type="primary" onClick={() => navigate('/policies/new')}>新建政策</Button>}</EmptyHint>}
        skeleton="cards"
        paging={{ page: query.page, pageSize: query.pageSize, onChange: paginate, unit: '项', sizeChanger: true, mobileOnlyWhenPaged: true }}
        renderCard={(p) => (
          <Card className="yq-mobile-card" hoverable onClick={() => navigate(`/policies/${p.id}`)}>
            <div className="yq-reco-head">
              <span className="yq-reco-title">{p.title}</span>
              <PolicyStatusTag status={p.status} />
            </div>
            <div className="yq-reco-meta">
              <span>{p.category}</span>
              <span>{POLICY_MODE_LABELS[p.mode]}</span>
              <span>符合 {p.eligibleCount ?? '—'} 家</span>
              <span>已拨付 {formatAmount(p.paidAmountFen)}</span>
            </div>
            {p.hasDraft && <Tag color="processing" style={{ marginTop: 6 }}>有草稿待发布</Tag>}
          </Card>
        )}
      />
    </>
  );
}
