import { useMemo, useState } from 'react';
import {
  Button,
  Card,
  Col,
  DatePicker,
  Row,
  Select,
  Skeleton,
  Space,
  Statistic,
  Tag,
  Tooltip,
  Typography,
  type TableProps,
} from 'antd';
import { BarChartOutlined, ScheduleOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router-dom';
import { DEMAND_STATUSES, DEMAND_STATUS_LABELS, type DemandSummary } from '@yuanqi/contract';
import { useMe } from '../../app/auth';
import { Countdown } from '../../components/Countdown';
import { EmptyHint } from '../../components/EmptyHint';
import { FilterBar, RefreshButton, useSearchBox } from '../../components/FilterBar';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { ResponsiveList } from '../../components/ResponsiveList';
import { dayjs, formatDateTime } from '../../components/format';
import { useListParams } from '../../components/useListParams';
import { useScreens } from '../../components/useScreens';
import { useLiaisons } from '../enterprises/api';
import { actsAsDispatcher } from './access';
import { OPEN_STATUS_PARAM, isOpenStatus, useDemandBoard, useDemandCategories, useDemandList, useOpenByCategory, type DemandListQuery } from './api';
import { Chart } from './Chart';
import { DemandStatusTag } from './DemandStatusTag';
import { ReassignModal } from './ReassignModal';
import './dispatch.css';
import { OverdueBridgeLoansCard } from '../finance/bridge/OverdueBridgeLoansCard';

const FILTER_KEYS = ['status', 'category', 'assigneeId', 'overdue', 'escalated', 'q', 'from', 'to'] as const;
type FilterKey = (typeof FILTER_KEYS)[number];

const SORTS = [
  { value: '-createdAt', label: '最新提交' },
  { value: 'dueAt', label: '期限最近' },
  { value: '-updatedAt', label: '最近更新' },
] as const;

function readQuery(params: URLSearchParams): DemandListQuery {
  const page = Math.max(1, Number(params.get('page')) || 1);
  const pageSize = [10, 20, 50, 100].includes(Number(params.get('pageSize'))) ? Number(params.get('pageSize')) : 20;
  const q: DemandListQuery = { page, pageSize };
  for (const key of FILTER_KEYS) {
    const v = params.get(key);
    if (v) (q as Record<string, unknown>)[key] = v;
  }
  const sort = params.get('sort');
  if (sort && SORTS.some((s) => s.value === sort)) q.sort = sort as DemandListQuery['sort'];
  return q;
}

type CardSpec = {
  key: string;
  title: string;
  value: number | undefined;
  hint: string;
  tone?: 'danger' | 'warning' | 'accent';
  filter: Partial<Record<FilterKey | 'sort', string>>;
};

function FigureCard({ spec, active, loading, onClick }: { spec: CardSpec; active: boolean; loading: boolean; onClick: () => void }) {
  const colors = { danger: '#d92d20', warning: '#dc6803', accent: '#6941c6' } as const;
  const color = spec.tone && (spec.value ?? 0) > 0 ? colors[spec.tone] : undefined;
  return (
    <Card
      hoverable
      size="small"
      className={`yq-figure${active ? ' active' : ''}`}
      onClick={onClick}
      role="button"
      tabIndex={0}
      aria-pressed={active}
      aria-label={`${spec.title} ${spec.value ?? 0} 件,点击筛选`}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          onClick();
        }
      }}
    >
      <Statistic title={spec.title} value={spec.value ?? 0} loading={loading} suffix="件" styles={{ content: { color } }} />
      <div className="yq-figure-hint">{spec.hint}</div>
    </Card>
  );
}

export function DispatchBoardPage() {
  const me = useMe();
  const canDispatch = actsAsDispatcher(me);
  const navigate = useNavigate();
  const screens = useScreens();
  const mobile = !screens.md;
  const { params, setParams, update, paginate } = useListParams<FilterKey | 'sort'>();
  const query = useMemo(() => readQuery(params), [params]);
  const searchBox = useSearchBox(query.q, (q) => update({ q }));
  const [reassigning, setReassigning] = useState<DemandSummary | null>(null);

  const board = useDemandBoard();
  const list = useDemandList(query);
  const categories = useDemandCategories();
  const liaisons = useLiaisons();
  const byCategory = useOpenByCategory(categories.items.filter((c) => c.active));


  /** A figure card replaces the filters with its own (clicking the active one clears them). */
  const applyCard = (spec: CardSpec, active: boolean) => {
    const next = new URLSearchParams();
    if (query.pageSize !== 20) next.set('pageSize', String(query.pageSize));
    if (!active) for (const [k, v] of Object.entries(spec.filter)) if (v) next.set(k, v);
    setParams(next);
    searchBox.setKeyword('');
  };

  const clearFilters = () => {
    searchBox.setKeyword('');
    const next = new URLSearchParams();
    if (query.pageSize !== 20) next.set('pageSize', String(query.pageSize));
    setParams(next);
  };

  const b = board.data;
  const cards: CardSpec[] = [
    { key: 'open', title: '在办诉求', value: b?.open, hint: '尚未答复的诉求', filter: { status: OPEN_STATUS_PARAM } },
    { key: 'unassigned', title: '待分派', value: b?.unassigned, hint: '无负责人,待分派', tone: 'accent', filter: { status: OPEN_STATUS_PARAM, assigneeId: 'none' } },
    { key: 'overdue', title: '已逾期', value: b?.overdue, hint: '超过签收或答复期限', tone: 'danger', filter: { overdue: 'true', sort: 'dueAt' } },
    { key: 'escalated', title: '已升级调度', value: b?.escalated, hint: '逾期自动升级', tone: 'warning', filter: { escalated: 'true', sort: 'dueAt' } },
    { key: 'dueToday', title: '今日到期', value: b?.dueToday, hint: '按期限排序查看', tone: 'warning', filter: { status: OPEN_STATUS_PARAM, sort: 'dueAt' } },
  ];
  const isActive = (spec: CardSpec) => {
    const keys = new Set([...FILTER_KEYS, 'sort']);
    for (const k of keys) {
      const want = spec.filter[k as FilterKey] ?? undefined;
      const have = params.get(k) ?? undefined;
      if (want !== have) return false;
    }
    return true;
  };

  const activeFilterCount = FILTER_KEYS.filter((k) => k !== 'q' && query[k]).length;
  const filtered = activeFilterCount > 0 || !!query.q;

  const liaisonOptions = useMemo(
    () => [{ value: 'none', label: '待分派(无负责人)' }, ...(liaisons.data?.items ?? []).map((l) => ({ value: l.id, label: l.displayName }))],
    [liaisons.data],
  );

  const statusValue = query.status ? query.status.split(',') : [];
  const filterControls = (
    <>
      <Select
        mode="multiple"
        allowClear
        maxTagCount="responsive"
        placeholder="状态"
        value={statusValue}
        options={DEMAND_STATUSES.map((s) => ({ value: s, label: DEMAND_STATUS_LABELS[s] }))}
        onChange={(v: string[]) => update({ status: v.join(',') })}
        style={{ width: 160 }}
        aria-label="按状态筛选"
      />
      <Select allowClear placeholder="诉求类别" value={query.category} options={categories.options} onChange={(v) => update({ category: v })} style={{ width: 110 }} aria-label="按类别筛选" />
      <Select
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        placeholder="负责人"
        value={query.assigneeId}
        options={liaisonOptions}
        loading={liaisons.isLoading}
        onChange={(v) => update({ assigneeId: v })}
        style={{ width: 130 }}
        aria-label="按负责人筛选"
      />
      <Select
        allowClear
        placeholder="逾期/升级"
        value={query.overdue ? 'overdue' : query.escalated ? 'escalated' : undefined}
        options={[
          { value: 'overdue', label: '只看逾期' },
          { value: 'escalated', label: '只看已升级' },
        ]}
        onChange={(v) => update({ overdue: v === 'overdue' ? 'true' : undefined, escalated: v === 'escalated' ? 'true' : undefined })}
        style={{ width: 112 }}
        aria-label="按逾期或升级筛选"
      />
      <DatePicker.RangePicker
        value={query.from && query.to ? [dayjs(query.from), dayjs(query.to)] : null}
        onChange={(r) => update({ from: r?.[0]?.format('YYYY-MM-DD'), to: r?.[1]?.format('YYYY-MM-DD') })}
        placeholder={['提交开始日期', '结束日期']}
        allowClear
        aria-label="按提交日期筛选"
        style={{ width: 230 }}
      />
      <Select value={query.sort ?? '-createdAt'} options={[...SORTS]} onChange={(v) => update({ sort: v === '-createdAt' ? undefined : v })} style={{ width: 104 }} aria-label="排序" />
      {filtered && (
        <Button type="link" onClick={clearFilters}>
          清除筛选
        </Button>
      )}
    </>
  );

  const reassignButton = (d: DemandSummary) =>
    canDispatch && isOpenStatus(d.status) && (d.assigneeId === null || d.escalated || d.overdue) ? (
      <Button size="small" type={d.assigneeId === null ? 'primary' : 'default'} onClick={(e) => (e.stopPropagation(), setReassigning(d))}>
        {d.assigneeId === null ? '分派' : '改派'}
      </Button>
    ) : null;

  const columns: TableProps<DemandSummary>['columns'] = [
    {
      title: '诉求',
      key: 'title',
      fixed: 'left',
      width: 280,
      render: (_, d) => (
        <div style={{ minWidth: 0 }}>
          <Link to={`/demands/${d.id}`} style={{ fontWeight: 500 }}>
            {d.title}
          </Link>
          <div style={{ fontSize: 12, color: '#667085' }}>
            <span className="yq-mono">{d.number}</span> · {d.enterpriseName}
          </div>
        </div>
      ),
    },
    { title: '类别', dataIndex: 'categoryLabel', key: 'category', width: 90 },
    {
      title: '状态',
      key: 'status',
      width: 150,
      render: (_, d) => (
        <Space size={4} wrap>
          <DemandStatusTag status={d.status} label={d.statusLabel} />
          {d.escalated && (
            <Tooltip title={d.escalatedAt ? `升级时间 ${formatDateTime(d.escalatedAt)}` : undefined}>
              <Tag color="orange" style={{ marginInlineEnd: 0 }}>
                已升级
              </Tag>
            </Tooltip>
          )}
        </Space>
      ),
    },
    {
      title: '负责人',
      key: 'assignee',
      width: 130,
      render: (_, d) => (
        <div>
          {d.assigneeName ?? (
            <Tag color="purple" style={{ marginInlineEnd: 0 }}>
              待分派
            </Tag>
          )}
          {d.department && <div style={{ fontSize: 12, color: '#667085' }}>承办:{d.department}</div>}
        </div>
      ),
    },
    {
      title: '倒计时',
      key: 'countdown',
      width: 150,
      render: (_, d) => <Countdown dueAt={d.dueAt} remainingWorkingDays={d.remainingWorkingDays} overdue={d.overdue} dueKind={d.dueKind} idle={d.status === 'resolved' ? '待企业确认' : '—'} />,
    },
    { title: '提交时间', dataIndex: 'createdAt', key: 'createdAt', width: 140, render: (v: string) => formatDateTime(v) },
    ...(canDispatch ? [{ title: '操作', key: 'actions', width: 80, fixed: 'right' as const, render: (_: unknown, d: DemandSummary) => reassignButton(d) }] : []),
  ];

  const empty = filtered ? (
    <EmptyHint description="没有符合条件的诉求">
      <Button onClick={clearFilters}>清除筛选</Button>
    </EmptyHint>
  ) : (
    <EmptyHint description="园区还没有诉求" />
  );

  const chartRows = byCategory.rows.filter((r) => r.open > 0);
  const chart = (
    <Card
      size="small"
      title="在办诉求类别分布"
      extra={<Typography.Text type="secondary" style={{ fontSize: 12 }}>点击柱形查看</Typography.Text>}
      style={{ height: '100%' }}
    >
      {byCategory.loading || categories.isLoading ? (
        <Skeleton active paragraph={{ rows: 5 }} />
      ) : chartRows.length === 0 ? (
        <EmptyHint description="当前没有在办诉求" />
      ) : (
        <Chart
          label="在办诉求按类别的柱状图,分未逾期与已逾期"
          height={mobile ? 220 : 186}
          onClick={(_, i) => {
            const row = chartRows[i];
            if (row) {
              const next = new URLSearchParams({ status: OPEN_STATUS_PARAM, category: row.code });
              setParams(next);
            }
          }}
          option={{
            tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
            legend: { top: 0, right: 0, itemWidth: 12, itemHeight: 8, textStyle: { fontSize: 12 } },
            grid: { left: 8, right: 8, top: 28, bottom: 4, containLabel: true },
            xAxis: { type: 'category', data: chartRows.map((r) => r.label), axisLabel: { interval: 0, fontSize: 11, rotate: chartRows.length > 6 ? 30 : 0 } },
            yAxis: { type: 'value', minInterval: 1, splitLine: { lineStyle: { type: 'dashed' } } },
            series: [
              { name: '未逾期', type: 'bar', stack: 'open', data: chartRows.map((r) => r.open - r.overdue), barMaxWidth: 28 },
              { name: '已逾期', type: 'bar', stack: 'open', data: chartRows.map((r) => r.overdue), barMaxWidth: 28, itemStyle: { borderRadius: [3, 3, 0, 0] } },
            ],
          }}
        />
      )}
    </Card>
  );

  return (
    <>
      <PageHeader
        title="诉求看板"
        subTitle={board.dataUpdatedAt ? `全园区诉求办理情况 · 更新于 ${dayjs(board.dataUpdatedAt).format('HH:mm')}` : '全园区诉求办理情况'}
        extra={
          <>
            <Button icon={<ScheduleOutlined />} onClick={() => navigate('/dispatch/meetings')}>
              周调度
            </Button>
            <Button icon={<BarChartOutlined />} onClick={() => navigate('/demands/stats')}>
              统计
            </Button>
            <RefreshButton
              spinning={board.isFetching || (list.isFetching && !list.isLoading)}
              onClick={() => {
                void board.refetch();
                void list.refetch();
              }}
            />
          </>
        }
      />

      <OverdueBridgeLoansCard />

      {board.isError && !b ? (
        <Card style={{ marginBottom: 16 }}>
          <QueryError error={board.error} onRetry={() => board.refetch()} what="看板" />
        </Card>
      ) : (
        <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
          <Col xs={24} xl={14}>
            <div className="yq-figure-grid">
              {cards.map((spec) => (
                <FigureCard key={spec.key} spec={spec} active={isActive(spec)} loading={board.isLoading} onClick={() => applyCard(spec, isActive(spec))} />
              ))}
            </div>
            <Card size="small" className="yq-status-strip" title="按状态" style={{ marginTop: 12 }}>
              <div className="yq-status-grid">
                {DEMAND_STATUSES.map((s) => {
                  const active = query.status === s && activeFilterCount === 1;
                  return (
                    <button
                      key={s}
                      type="button"
                      className={`yq-status-cell${active ? ' active' : ''}`}
                      onClick={() => applyCard({ key: s, title: DEMAND_STATUS_LABELS[s], value: 0, hint: '', filter: { status: s } }, active)}
                      aria-label={`${DEMAND_STATUS_LABELS[s]} ${b?.byStatus[s] ?? 0} 件`}
                    >
                      <span className="n">{board.isLoading ? '…' : (b?.byStatus[s] ?? 0).toLocaleString('zh-CN')}</span>
                      <span className="l">{DEMAND_STATUS_LABELS[s]}</span>
                    </button>
                  );
                })}
              </div>
            </Card>
          </Col>
          <Col xs={24} xl={10}>
            {chart}
          </Col>
        </Row>
      )}

      <FilterBar
        mobile={mobile}
        search={{
          ...searchBox,
          placeholder: '诉求编号、标题或企业名称',
          ariaLabel: '搜索诉求',
          width: 240,
        }}
        activeCount={activeFilterCount}
        filters={filterControls}
      />

      <ResponsiveList<DemandSummary>
        query={list}
        mobile={mobile}
        columns={columns}
        table={{ size: 'middle', scroll: { x: 1040 }, rowClassName: (d) => (d.overdue ? 'yq-row-overdue' : '') }}
        empty={empty}
        skeleton="cards"
        paging={{
          page: query.page,
          pageSize: query.pageSize,
          onChange: paginate,
          unit: '件',
          sizeChanger: true,
          mobileStyle: { margin: '8px 0' },
        }}
        renderCard={(d) => (
          <Card className="yq-mobile-card" hoverable onClick={() => navigate(`/demands/${d.id}`)}>
            <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
              <Link to={`/demands/${d.id}`} style={{ fontWeight: 600 }} onClick={(e) => e.stopPropagation()}>
                {d.title}
              </Link>
              <DemandStatusTag status={d.status} label={d.statusLabel} />
            </div>
            <div style={{ fontSize: 12, color: '#667085', margin: '2px 0 6px' }}>
              <span className="yq-mono">{d.number}</span> · {d.categoryLabel}
            </div>
            <div className="yq-kv">
              <span>企业</span>
              <span>{d.enterpriseName}</span>
            </div>
            <div className="yq-kv">
              <span>负责人</span>
              <span>{d.assigneeName ?? '待分派'}</span>
            </div>
            <div className="yq-kv">
              <span>期限</span>
              <span>
                <Countdown dueAt={d.dueAt} remainingWorkingDays={d.remainingWorkingDays} overdue={d.overdue} dueKind={d.dueKind} />
              </span>
            </div>
            {(d.escalated || reassignButton(d)) && (
              <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', marginTop: 6 }}>
                <span>{d.escalated && <Tag color="orange">已升级</Tag>}</span>
                {reassignButton(d)}
              </div>
            )}
          </Card>
        )}
      />
      <ReassignModal demand={reassigning} onClose={() => setReassigning(null)} />
    </>
  );
}
