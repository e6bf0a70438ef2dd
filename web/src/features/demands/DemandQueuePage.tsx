import { useMemo } from 'react';
import { Badge, Button, Checkbox, Select, Typography, type TableProps } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router-dom';
import { DEMAND_STATUSES, DEMAND_STATUS_LABELS, DEMAND_SOURCE_LABELS, type DemandSummary } from '@yuanqi/contract';
import { hasPermission, useMe } from '../../app/auth';
import { BoardChip } from '../../components/BoardChip';
import { EmptyHint } from '../../components/EmptyHint';
import { FilterBar, RefreshButton, useSearchBox } from '../../components/FilterBar';
import { PageHeader } from '../../components/PageHeader';
import { ResponsiveList } from '../../components/ResponsiveList';
import { formatDateTime } from '../../components/format';
import { readPaging, useListParams } from '../../components/useListParams';
import { useScreens } from '../../components/useScreens';
import { OPEN_STATUSES, useDemandBoard, useDemandCategories, useDemandList, type DemandListQuery } from './api';
import { Countdown, DemandCardFrame, deadlineText, StatusTag } from './DemandBits';
import { servesOwnFirmsOnly } from './FirmSelect';
import './demands.css';

type Sort = NonNullable<DemandListQuery['sort']>;
const SORTS: { value: Sort; label: string }[] = [
  { value: 'dueAt', label: '按期限(最急在前)' },
  { value: '-createdAt', label: '最新提交' },
  { value: '-updatedAt', label: '最近更新' },
];

/** `status` in the URL: absent = the open ones (the work queue), `all` = no filter, else a comma list. */
const STATUS_PRESETS = [
  { value: 'open', label: '待办理(未答复)' },
  { value: 'all', label: '全部状态' },
  ...DEMAND_STATUSES.map((s) => ({ value: s, label: DEMAND_STATUS_LABELS[s] })),
];

function readQuery(params: URLSearchParams): DemandListQuery & { statusPreset: string } {
  const statusPreset = params.get('status') ?? 'open';
  const status = statusPreset === 'open' ? OPEN_STATUSES.join(',') : statusPreset === 'all' ? undefined : statusPreset;
  const sort = SORTS.some((s) => s.value === params.get('sort')) ? (params.get('sort') as Sort) : 'dueAt';
  return {
    statusPreset,
    status,
    category: params.get('category') ?? undefined,
    overdue: params.get('overdue') === 'true' ? 'true' : undefined,
    escalated: params.get('escalated') === 'true' ? 'true' : undefined,
    mine: params.get('mine') === 'true' ? 'true' : undefined,
    q: params.get('q') ?? undefined,
    sort,
    ...readPaging(params),
  };
}

export function DemandQueuePage() {
  const me = useMe();
  const navigate = useNavigate();
  const screens = useScreens();
  const mobile = !screens.md;
  const { params, update, paginate } = useListParams();
  const { statusPreset, ...query } = useMemo(() => readQuery(params), [params]);
  const list = useDemandList(query);
  const board = useDemandBoard();
  const categories = useDemandCategories();
  const searchBox = useSearchBox(query.q, (q) => update({ q }));
  const ownFirms = servesOwnFirmsOnly(me);
  const handles = hasPermission(me, 'demand:handle');

  const activeFilters = ['category', 'overdue', 'escalated', 'mine'].filter((k) => params.get(k)).length + (statusPreset !== 'open' ? 1 : 0);

  const columns: TableProps<DemandSummary>['columns'] = [
    {
      title: '诉求',
      key: 'title',
      fixed: 'left',
      width: 300,
      render: (_, d) => (
        <div style={{ minWidth: 0 }}>
          <Link to={`/demands/${d.id}`} style={{ fontWeight: 500 }}>
            {d.title}
          </Link>
          <div className="yq-mono" style={{ fontSize: 12, color: '#667085' }}>
            {d.number} · {DEMAND_SOURCE_LABELS[d.source]}
          </div>
        </div>
      ),
    },
    {
      title: '企业',
      dataIndex: 'enterpriseName',
      key: 'enterpriseName',
      width: 200,
      render: (v: string, d) => <Link to={`/enterprises/${d.enterpriseId}`}>{v}</Link>,
    },
    { title: '类别', dataIndex: 'categoryLabel', key: 'category', width: 90 },
    {
      title: '状态',
      dataIndex: 'status',
      key: 'status',
      width: 100,
      render: (_, d) => (
        <span style={{ display: 'inline-flex', gap: 4, flexWrap: 'wrap' }}>
          <StatusTag status={d.status} label={d.statusLabel} />
          {d.escalated && <Badge status="error" text="已升级" />}
        </span>
      ),
    },
    {
      title: '倒计时',
      key: 'due',
      width: 200,
      render: (_, d) =>
        d.dueAt ? (
          <div>
            <Countdown d={d} withKind />
            <div style={{ fontSize: 12, color: '#667085', marginTop: 2 }}>{deadlineText(d)}</div>
          </div>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
    {
      title: '负责人',
      key: 'assignee',
      width: 140,
      render: (_, d) => (
        <div>
          {d.assigneeName ?? <Typography.Text type="warning">待分派</Typography.Text>}
          {d.department && <div style={{ fontSize: 12, color: '#667085' }}>转 {d.department}</div>}
        </div>
      ),
    },
    { title: '提交时间', dataIndex: 'createdAt', key: 'createdAt', width: 140, render: (v: string) => formatDateTime(v) },
  ];

  const filterControls = (
    <>
      <Select
        value={statusPreset}
        options={STATUS_PRESETS}
        onChange={(v) => update({ status: v === 'open' ? undefined : v })}
        style={{ minWidth: 150 }}
        aria-label="按状态筛选"
      />
      <Select
        allowClear
        placeholder="诉求类别"
        value={query.category}
        options={categories.items.map((c) => ({ value: c.code, label: c.label }))}
        onChange={(v) => update({ category: v })}
        style={{ minWidth: 120 }}
        aria-label="按类别筛选"
      />
      <Select
        value={query.sort}
        options={SORTS}
        onChange={(v) => update({ sort: v === 'dueAt' ? undefined : v })}
        style={{ minWidth: 160 }}
        aria-label="排序"
      />
      <Checkbox checked={query.overdue === 'true'} onChange={(e) => update({ overdue: e.target.checked ? 'true' : undefined })}>
        只看逾期
      </Checkbox>
      {handles && (
        <Checkbox checked={query.mine === 'true'} onChange={(e) => update({ mine: e.target.checked ? 'true' : undefined })}>
          只看我负责的
        </Checkbox>
      )}
    </>
  );

  const data = list.data;
  const total = data?.total ?? 0;
  const b = board.data;
  const chip = (label: string, value: number | undefined, patch: Record<string, string | undefined>, active: boolean, danger = false) => (
    <BoardChip
      label={label}
      value={value}
      active={active}
      danger={danger}
      onClick={() => update({ status: undefined, overdue: undefined, escalated: undefined, ...patch })}
    />
  );

  return (
    <>
      <PageHeader
        title={ownFirms ? '我的诉求队列' : '诉求办理'}
        subTitle={data ? `共 ${total.toLocaleString('zh-CN')} 件${activeFilters || query.q ? '(已筛选)' : ''},按期限排序,最急的在前` : '企业诉求'}
        extra={
          hasPermission(me, 'demand:create') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/demands/new')}>
              代提诉求
            </Button>
          )
        }
      />
      <div className="yq-board">
        {chip('待签收', b?.byStatus.submitted, { status: 'submitted' }, statusPreset === 'submitted' && !query.overdue)}
        {chip('办理中', b ? b.byStatus.accepted + b.byStatus.in_progress + b.byStatus.reopened : undefined, { status: 'accepted,in_progress,reopened' }, statusPreset === 'accepted,in_progress,reopened')}
        {chip('已逾期', b?.overdue, { overdue: 'true' }, query.overdue === 'true' && statusPreset === 'open', true)}
        {chip('今日到期', b?.dueToday, {}, false)}
        {chip('待企业确认', b?.byStatus.resolved, { status: 'resolved' }, statusPreset === 'resolved')}
      </div>
      <FilterBar
        mobile={mobile}
        search={{
          ...searchBox,
          placeholder: '编号、标题或企业名称',
          ariaLabel: '搜索诉求',
          width: 260,
        }}
        activeCount={activeFilters}
        filters={filterControls}
        trailing={
          !mobile && (
            <RefreshButton
              spinning={list.isFetching && !list.isLoading}
              onClick={() => {
                void list.refetch();
                void board.refetch();
              }}
            />
          )
        }
      />

      <ResponsiveList<DemandSummary>
        query={list}
        mobile={mobile}
        columns={columns}
        table={{ rowClassName: (d) => (d.overdue ? 'yq-row-overdue' : ''), scroll: { x: 1170 } }}
        empty={<EmptyHint description={statusPreset === 'open' && !activeFilters ? '暂无待办理的诉求' : '没有符合条件的诉求'} />}
        skeleton="cards"
        cardListStyle={{ opacity: list.isPlaceholderData ? 0.6 : 1 }}
        paging={{
          page: query.page,
          pageSize: query.pageSize,
          onChange: paginate,
          unit: '件',
          sizeChanger: true,
          mobileOnlyWhenPaged: true,
          mobileStyle: { margin: '8px 0' },
        }}
        renderCard={(d) => (
          <DemandCardFrame
            d={d}
            overdue={d.overdue}
            meta={
              <>
                <span>{d.enterpriseName}</span>
                <span>{d.categoryLabel}</span>
              </>
            }
          >
            <div className="yq-demand-card-flags">
              <Countdown d={d} withKind />
              {d.escalated && <Badge status="error" text="已升级" />}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {d.assigneeName ?? '待分派'}
                {d.department ? ` · 转${d.department}` : ''}
              </Typography.Text>
            </div>
          </DemandCardFrame>
        )}
      />
    </>
  );
}
