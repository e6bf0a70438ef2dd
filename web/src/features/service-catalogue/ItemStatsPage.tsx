import { useMemo } from 'react';
import { Card, Col, DatePicker, Row, Select, Statistic, Switch, Tag, Tooltip, Typography, type TableProps } from 'antd';
import { DownloadOutlined, WarningOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useNavigate } from 'react-router-dom';
import { CASE_KIND_LABELS, type ItemStatsRow, type ItemStatsSort } from '@yuanqi/contract';
import { EmptyHint } from '../../components/EmptyHint';
import { FilterBar, RefreshButton, useSearchBox } from '../../components/FilterBar';
import { PageHeader } from '../../components/PageHeader';
import { ResponsiveList } from '../../components/ResponsiveList';
import { dayjs, parkToday } from '../../components/format';
import { useExport } from '../../components/useExport';
import { useListParams } from '../../components/useListParams';
import { useScreens } from '../../components/useScreens';
import { exportItemStats, useDepartments, useItemStats, type ItemStatsListQuery } from './api';
import { percent } from './bits';
import './catalogue.css';

const isDate = (s: string | null): s is string => !!s && /^\d{4}-\d{2}-\d{2}$/.test(s) && dayjs(s).isValid();
const days = (n: number | null) => (n === null ? '—' : n.toFixed(2));

/** Table column key → server sort (descending where "worst first" is what the bureau looks for). */
const SORT_OF: Record<string, { ascend: ItemStatsSort; descend: ItemStatsSort }> = {
  finished: { ascend: '-finished', descend: '-finished' },
  avgWorkingDays: { ascend: '-avgWorkingDays', descend: '-avgWorkingDays' },
  withinLimitShare: { ascend: 'withinLimitShare', descend: 'withinLimitShare' },
  zeroVisitShare: { ascend: 'zeroVisitShare', descend: 'zeroVisitShare' },
  backlog: { ascend: '-backlog', descend: '-backlog' },
  overdueOpen: { ascend: '-overdueOpen', descend: '-overdueOpen' },
};
const COLUMN_OF_SORT: Partial<Record<ItemStatsSort, string>> = {
  '-finished': 'finished',
  '-avgWorkingDays': 'avgWorkingDays',
  withinLimitShare: 'withinLimitShare',
  zeroVisitShare: 'zeroVisitShare',
  '-backlog': 'backlog',
  '-overdueOpen': 'overdueOpen',
};

function presets() {
  const today = dayjs(parkToday());
  return [
    { label: '本月', value: [today.startOf('month'), today] as [dayjs.Dayjs, dayjs.Dayjs] },
    { label: '本季度', value: [today.startOf('month').subtract(today.month() % 3, 'month'), today] as [dayjs.Dayjs, dayjs.Dayjs] },
    { label: '本年', value: [today.startOf('year'), today] as [dayjs.Dayjs, dayjs.Dayjs] },
    { label: '近12个月', value: [today.subtract(12, 'month').add(1, 'day'), today] as [dayjs.Dayjs, dayjs.Dayjs] },
    { label: '上年', value: [today.subtract(1, 'year').startOf('year'), today.subtract(1, 'year').endOf('year')] as [dayjs.Dayjs, dayjs.Dayjs] },
  ];
}

/**
 * 事项效能: per item, average working days used against the committed limit (items over it in
 * red), share within the limit, 一次不跑 / 只跑一次, backlog and overdue; park totals on top.
 */
export function ItemStatsPage() {
  const navigate = useNavigate();
  const screens = useScreens();
  const mobile = !screens.md;
  const { params, update, paginate } = useListParams<'from' | 'to' | 'department' | 'q' | 'overOnly' | 'sort'>();
  const today = parkToday();
  const query: ItemStatsListQuery = useMemo(
    () => ({
      from: isDate(params.get('from')) ? params.get('from')! : `${today.slice(0, 4)}-01-01`,
      to: isDate(params.get('to')) ? params.get('to')! : today,
      department: params.get('department') ?? undefined,
      q: params.get('q') ?? undefined,
      overOnly: params.get('overOnly') === 'true' ? 'true' : undefined,
      sort: (params.get('sort') as ItemStatsSort | null) ?? '-finished',
      page: Math.max(1, Number(params.get('page')) || 1),
      pageSize: Number(params.get('pageSize')) || 20,
    }),
    [params, today],
  );
  const stats = useItemStats(query);
  const departments = useDepartments();
  const box = useSearchBox(query.q, (q) => update({ q }));
  const { exporting, doExport } = useExport(() => {
    const { page: _p, pageSize: _s, ...rest } = query;
    return exportItemStats(rest);
  });
  const totals = stats.data?.totals;
  const sortedColumn = query.sort ? COLUMN_OF_SORT[query.sort] : undefined;
  const sortOrder = (key: string) => (sortedColumn === key ? ('descend' as const) : null);

  const columns: TableProps<ItemStatsRow>['columns'] = [
    {
      title: '事项',
      dataIndex: 'name',
      fixed: 'left',
      width: 240,
      render: (name: string, r) => (
        <>
          <a onClick={() => navigate(`/guide/items/${r.itemId}`)}>{name}</a>
          <div style={{ fontSize: 12, color: '#667085' }}>
            {r.department} · {CASE_KIND_LABELS[r.caseKind]}
          </div>
        </>
      ),
    },
    { title: '承诺/法定', width: 100, render: (_v, r) => `${r.committedDays} / ${r.legalDays} 日` },
    { title: '办结件', dataIndex: 'finished', key: 'finished', width: 90, align: 'right', sorter: true, sortOrder: sortOrder('finished'), sortDirections: ['descend'] },
    {
      title: <Tooltip title="办结件的平均用时(工作日,不含补正、特别程序等暂停时间)">平均用时</Tooltip>,
      dataIndex: 'avgWorkingDays',
      key: 'avgWorkingDays',
      width: 110,
      align: 'right',
      sorter: true,
      sortOrder: sortOrder('avgWorkingDays'),
      sortDirections: ['descend'],
      render: (v: number | null, r) =>
        r.overCommitted ? (
          <Tooltip title={`超过承诺时限${r.committedDays}个工作日`}>
            <span className="yq-over-days">
              <WarningOutlined /> {days(v)}
            </span>
          </Tooltip>
        ) : (
          days(v)
        ),
    },
    { title: '按时办结率', dataIndex: 'withinLimitShare', key: 'withinLimitShare', width: 110, align: 'right', sorter: true, sortOrder: sortOrder('withinLimitShare'), sortDirections: ['descend'], render: (v: number | null) => percent(v) },
    { title: '一次不跑', dataIndex: 'zeroVisitShare', key: 'zeroVisitShare', width: 100, align: 'right', sorter: true, sortOrder: sortOrder('zeroVisitShare'), sortDirections: ['descend'], render: (v: number | null) => percent(v) },
    { title: '只跑一次', dataIndex: 'oneVisitShare', width: 100, align: 'right', render: (v: number | null) => percent(v) },
    { title: '在办', dataIndex: 'backlog', key: 'backlog', width: 80, align: 'right', sorter: true, sortOrder: sortOrder('backlog'), sortDirections: ['descend'] },
    {
      title: '在办超期',
      dataIndex: 'overdueOpen',
      key: 'overdueOpen',
      width: 96,
      align: 'right',
      sorter: true,
      sortOrder: sortOrder('overdueOpen'),
      sortDirections: ['descend'],
      render: (v: number) => (v > 0 ? <Tag color="red">{v}</Tag> : 0),
    },
  ];

  return (
    <>
      <PageHeader
        title="事项效能"
        subTitle="按办结日期统计各事项的实际用时、按时率和跑动次数;平均用时超过承诺时限的事项标红"
        extra={
          <Button icon={<DownloadOutlined />} loading={exporting} onClick={doExport}>
            导出 Excel
          </Button>
        }
      />
      <FilterBar
        mobile={mobile}
        search={{ ...box, placeholder: '事项名称或编码', width: 220, ariaLabel: '搜索事项' }}
        filters={
          <>
            <DatePicker.RangePicker
              allowClear={false}
              value={[dayjs(query.from), dayjs(query.to)]}
              presets={presets()}
              onChange={(v) => v?.[0] && v[1] && update({ from: v[0].format('YYYY-MM-DD'), to: v[1].format('YYYY-MM-DD') })}
              aria-label="统计期间"
            />
            <Select allowClear placeholder="实施主体" value={query.department} onChange={(v) => update({ department: v })} options={(departments.data ?? []).map((d) => ({ value: d, label: d }))} style={{ width: 170 }} />
            <span style={{ display: 'inline-flex', alignItems: 'center', gap: 6 }}>
              <Switch size="small" checked={query.overOnly === 'true'} onChange={(on) => update({ overOnly: on ? 'true' : undefined })} aria-label="只看超时事项" />
              只看超承诺时限
            </span>
          </>
        }
        trailing={<RefreshButton spinning={stats.isFetching} onClick={() => stats.refetch()} />}
      />
      <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
        {[
          { title: '办结件', value: totals ? totals.finished.toLocaleString('zh-CN') : '—', suffix: '件' },
          { title: '平均用时', value: totals ? days(totals.avgWorkingDays) : '—', suffix: '工作日' },
          { title: '按时办结率', value: percent(totals?.withinLimitShare) },
          { title: '一次不跑', value: percent(totals?.zeroVisitShare) },
          { title: '只跑一次', value: percent(totals?.oneVisitShare) },
          { title: '在办 / 超期', value: totals ? `${totals.backlog} / ${totals.overdueOpen}` : '—' },
        ].map((f) => (
          <Col key={f.title} xs={12} md={8} xl={4}>
            <Card size="small">
              <Statistic title={f.title} value={f.value} suffix={f.suffix} loading={stats.isLoading} styles={{ content: { fontSize: 22 } }} />
            </Card>
          </Col>
        ))}
      </Row>
      <ResponsiveList<ItemStatsRow & { id: string }>
        query={{ ...stats, data: stats.data && { ...stats.data, items: stats.data.items.map((i) => ({ ...i, id: i.itemId })) } }}
        mobile={mobile}
        empty={<EmptyHint description="该期间没有符合条件的事项" />}
        paging={{ page: query.page, pageSize: query.pageSize, onChange: paginate, unit: '个事项', sizeChanger: true }}
        table={{
          size: 'middle',
          scroll: { x: 1100 },
          rowClassName: (r) => (r.overCommitted ? 'yq-stats-over' : ''),
          onChange: (_p, _f, sorter, extra) => {
            if (extra.action !== 'sort') return;
            const s = Array.isArray(sorter) ? sorter[0] : sorter;
            const key = s?.columnKey as string | undefined;
            update({ sort: key && s?.order ? SORT_OF[key]?.[s.order] : undefined });
          },
        }}
        columns={columns as TableProps<ItemStatsRow & { id: string }>['columns']}
        renderCard={(r) => (
          <Card className={`yq-mobile-card${r.overCommitted ? ' yq-stats-over' : ''}`} onClick={() => navigate(`/guide/items/${r.itemId}`)}>
            <div style={{ fontWeight: 500 }}>{r.name}</div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              承诺{r.committedDays}日 · {r.department}
            </Typography.Text>
            <div className="yq-kv">
              <span>办结 / 平均用时</span>
              <span className={r.overCommitted ? 'yq-over-days' : undefined}>
                {r.finished}件 / {days(r.avgWorkingDays)}日
              </span>
            </div>
            <div className="yq-kv">
              <span>按时率 / 一次不跑</span>
              <span>
                {percent(r.withinLimitShare)} / {percent(r.zeroVisitShare)}
              </span>
            </div>
            <div className="yq-kv">
              <span>在办 / 超期</span>
              <span>
                {r.backlog} / {r.overdueOpen}
              </span>
            </div>
          </Card>
        )}
      />
    </>
  );
}
