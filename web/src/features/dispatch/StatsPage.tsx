import { useMemo, useState } from 'react';
import { Button, Card, Col, DatePicker, Row, Segmented, Select, Skeleton, Statistic, Table, Tooltip, Typography, type TableProps } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import type { DemandStats } from '@yuanqi/contract';
import { hasPermission, useMe } from '../../app/auth';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { dayjs, parkToday } from '../../components/format';
import { useExport } from '../../components/useExport';
import { useListParams } from '../../components/useListParams';
import { useScreens } from '../../components/useScreens';
import { useLiaisons } from '../enterprises/api';
import { formatRate, useRatingStats } from '../ratings/api';
import { exportDemandStats, useDemandStats } from './api';
import { Chart } from './Chart';
import { seesOfficeDesk } from './access';
import './dispatch.css';

type CategoryRow = DemandStats['byCategory'][number] & { goodRate?: number | null };
type OfficerRow = DemandStats['byOfficer'][number];
type Tab = 'category' | 'officer';

const isDate = (s: string | null): s is string => !!s && /^\d{4}-\d{2}-\d{2}$/.test(s) && dayjs(s).isValid();

function presets() {
  const today = dayjs(parkToday());
  return [
    { label: '本月', value: [today.startOf('month'), today] as [dayjs.Dayjs, dayjs.Dayjs] },
    { label: '上月', value: [today.subtract(1, 'month').startOf('month'), today.subtract(1, 'month').endOf('month')] as [dayjs.Dayjs, dayjs.Dayjs] },
    { label: '本季度', value: [today.startOf('month').subtract(today.month() % 3, 'month'), today] as [dayjs.Dayjs, dayjs.Dayjs] },
    { label: '本年', value: [today.startOf('year'), today] as [dayjs.Dayjs, dayjs.Dayjs] },
    { label: '上年', value: [today.subtract(1, 'year').startOf('year'), today.subtract(1, 'year').endOf('year')] as [dayjs.Dayjs, dayjs.Dayjs] },
  ];
}

const days = (n: number | null) => (n === null ? '—' : n.toFixed(1));

function Figure({ title, value, suffix, hint, loading, tip }: { title: string; value: string | number; suffix?: string; hint?: string; loading: boolean; tip?: string }) {
  return (
    <Card size="small" style={{ height: '100%' }}>
      <Statistic
        title={tip ? <Tooltip title={tip}>{title}</Tooltip> : title}
        value={value}
        suffix={suffix}
        loading={loading}
        styles={{ content: { fontSize: 24 } }}
      />
      {hint && <div className="yq-figure-hint">{hint}</div>}
    </Card>
  );
}

export function StatsPage() {
  const me = useMe();
  const parkWide = seesOfficeDesk(me);
  const readsRatings = hasPermission(me, 'rating:read');
  const screens = useScreens();
  const { params, update } = useListParams();
  const today = parkToday();
  const from = isDate(params.get('from')) ? params.get('from')! : `${today.slice(0, 4)}-01-01`;
  const to = isDate(params.get('to')) ? params.get('to')! : today;
  const liaisonId = params.get('liaisonId') ?? undefined;
  const [tab, setTab] = useState<Tab>('category');

  const stats = useDemandStats(from, to, parkWide ? liaisonId : undefined);
  const liaisons = useLiaisons(parkWide);
  const ratingByCategory = useRatingStats({ from, to, groupBy: 'category', subjectType: 'demand', officerId: parkWide ? liaisonId : undefined }, readsRatings);

  const set = (patch: Record<string, string | undefined>) => update(patch, false);

  const { exporting, doExport } = useExport(() => exportDemandStats(from, to, parkWide ? liaisonId : undefined));

  const s = stats.data;
  const loading = stats.isLoading;
  const categoryRows: CategoryRow[] = useMemo(() => {
    const rates = new Map((ratingByCategory.data?.groups ?? []).map((g) => [g.key, g.goodRate]));
    return (s?.byCategory ?? []).map((r) => ({ ...r, goodRate: ratingByCategory.data ? (rates.get(r.category) ?? null) : undefined }));
  }, [s, ratingByCategory.data]);

  const categoryColumns: TableProps<CategoryRow>['columns'] = [
    { title: '诉求类别', dataIndex: 'label', key: 'label', fixed: 'left', width: 100 },
    { title: '受理', dataIndex: 'filed', key: 'filed', align: 'right', sorter: (a, b) => a.filed - b.filed },
    { title: '办结', dataIndex: 'resolved', key: 'resolved', align: 'right', sorter: (a, b) => a.resolved - b.resolved },
    { title: '按时办结', dataIndex: 'resolvedOnTime', key: 'resolvedOnTime', align: 'right' },
    { title: '按时办结率', dataIndex: 'onTimeRate', key: 'onTimeRate', align: 'right', render: formatRate, sorter: (a, b) => (a.onTimeRate ?? -1) - (b.onTimeRate ?? -1) },
    { title: '平均答复(工作日)', dataIndex: 'averageAnswerWorkingDays', key: 'avg', align: 'right', render: days },
    { title: '在办', dataIndex: 'open', key: 'open', align: 'right' },
    {
      title: '逾期在办',
      dataIndex: 'overdueOpen',
      key: 'overdueOpen',
      align: 'right',
      render: (v: number) => (v > 0 ? <Typography.Text type="danger">{v}</Typography.Text> : v),
    },
    { title: '升级', dataIndex: 'escalated', key: 'escalated', align: 'right' },
    ...(readsRatings ? [{ title: '好评率', dataIndex: 'goodRate', key: 'goodRate', align: 'right' as const, render: (v: number | null | undefined) => (v === undefined ? '…' : formatRate(v)) }] : []),
  ];

  const officerColumns: TableProps<OfficerRow>['columns'] = [
    { title: '驻企专员', dataIndex: 'displayName', key: 'name', fixed: 'left', width: 110 },
    { title: '走访人次', dataIndex: 'visits', key: 'visits', align: 'right', sorter: (a, b) => a.visits - b.visits },
    { title: '走访企业', dataIndex: 'visitedEnterprises', key: 'visitedEnterprises', align: 'right' },
    { title: '代办', dataIndex: 'daiban', key: 'daiban', align: 'right', sorter: (a, b) => a.daiban - b.daiban },
    { title: '受理诉求', dataIndex: 'filed', key: 'filed', align: 'right' },
    { title: '办结', dataIndex: 'resolved', key: 'resolved', align: 'right', sorter: (a, b) => a.resolved - b.resolved, defaultSortOrder: undefined },
    { title: '按时办结率', dataIndex: 'onTimeRate', key: 'onTimeRate', align: 'right', render: formatRate, sorter: (a, b) => (a.onTimeRate ?? -1) - (b.onTimeRate ?? -1) },
    { title: '平均答复(工作日)', dataIndex: 'averageAnswerWorkingDays', key: 'avg', align: 'right', render: days },
    {
      title: '逾期在办',
      dataIndex: 'overdueOpen',
      key: 'overdueOpen',
      align: 'right',
      render: (v: number) => (v > 0 ? <Typography.Text type="danger">{v}</Typography.Text> : v),
    },
    {
      title: '好评率',
      key: 'goodRate',
      align: 'right',
      render: (_, r) =>
        r.satisfaction ? (
          <Tooltip title={`评价 ${r.satisfaction.rated} 件,差评 ${r.satisfaction.bad} 件,未评 ${r.satisfaction.unrated} 件`}>{formatRate(r.satisfaction.goodRate)}</Tooltip>
        ) : (
          '—'
        ),
      sorter: (a, b) => (a.satisfaction?.goodRate ?? -1) - (b.satisfaction?.goodRate ?? -1),
    },
  ];

  const chartData =
    tab === 'category'
      ? categoryRows.map((r) => ({ name: r.label, filed: r.filed, resolved: r.resolved, rate: r.onTimeRate }))
      : (s?.byOfficer ?? []).filter((r) => r.filed + r.resolved + r.visits > 0).map((r) => ({ name: r.displayName, filed: r.filed, resolved: r.resolved, rate: r.onTimeRate }));

  const sat = s?.satisfaction;
  return (
    <>
      <PageHeader
        title="诉求统计"
        subTitle={`入企走访、代办与诉求办理情况(${from} 至 ${to})`}
        extra={
          <>
            <DatePicker.RangePicker
              value={[dayjs(from), dayjs(to)]}
              presets={presets()}
              allowClear={false}
              onChange={(r) => r?.[0] && r[1] && set({ from: r[0].format('YYYY-MM-DD'), to: r[1].format('YYYY-MM-DD') })}
              aria-label="统计区间"
              style={{ width: screens.sm ? 250 : '100%' }}
            />
            {parkWide && (
              <Select
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                placeholder="全部专员"
                value={liaisonId}
                onChange={(v) => set({ liaisonId: v })}
                options={(liaisons.data?.items ?? []).map((l) => ({ value: l.id, label: l.displayName }))}
                style={{ width: 140 }}
                aria-label="按专员统计"
              />
            )}
            <Button icon={<DownloadOutlined />} onClick={doExport} loading={exporting}>
              导出 Excel
            </Button>
          </>
        }
      />

      {stats.isError && !s ? (
        <Card>
          <QueryError error={stats.error} onRetry={() => stats.refetch()} />
        </Card>
      ) : (
        <>
          <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
            <Col xs={12} md={8} xl={3}>
              <Figure title="走访人次" value={s?.visits.count ?? 0} suffix="次" hint={`覆盖企业 ${s?.visits.enterprises ?? 0} 家`} loading={loading} tip="入企摸排人次" />
            </Col>
            <Col xs={12} md={8} xl={3}>
              <Figure title="代办事项" value={s?.daiban ?? 0} suffix="件" hint="专员为企业代办" loading={loading} />
            </Col>
            <Col xs={12} md={8} xl={3}>
              <Figure title="诉求受理" value={s?.demands.filed ?? 0} suffix="件" hint={`在办 ${s?.demands.open ?? 0} 件`} loading={loading} />
            </Col>
            <Col xs={12} md={8} xl={3}>
              <Figure title="诉求办结" value={s?.demands.resolved ?? 0} suffix="件" hint={`按时 ${s?.demands.resolvedOnTime ?? 0} 件`} loading={loading} tip="区间内答复的诉求" />
            </Col>
            <Col xs={12} md={8} xl={4}>
              <Figure title="按时办结率" value={formatRate(s?.demands.onTimeRate)} hint={`逾期在办 ${s?.demands.overdueOpen ?? 0} 件`} loading={loading} />
            </Col>
            <Col xs={12} md={8} xl={4}>
              <Figure title="平均答复" value={days(s?.demands.averageAnswerWorkingDays ?? null)} suffix="个工作日" hint="从提交到答复" loading={loading} />
            </Col>
            <Col xs={24} md={8} xl={4}>
              <Figure
                title="好评率"
                value={formatRate(sat?.goodRate)}
                hint={sat ? `差评 ${sat.bad} 件 · 未评 ${sat.unrated} 件` : undefined}
                loading={loading}
                tip="非常满意、满意、基本满意占有效评价的比例;未评不计为好评"
              />
            </Col>
          </Row>

          <Card
            size="small"
            title={
              <Segmented<Tab>
                value={tab}
                onChange={setTab}
                options={[
                  { value: 'category', label: '按诉求类别' },
                  ...(parkWide && !liaisonId ? [{ value: 'officer' as const, label: '按驻企专员' }] : []),
                ]}
              />
            }
            style={{ marginBottom: 12 }}
          >
            {loading ? (
              <Skeleton active paragraph={{ rows: 6 }} />
            ) : (
              <Chart
                label={tab === 'category' ? '按诉求类别的受理、办结与按时办结率' : '按驻企专员的受理、办结与按时办结率'}
                height={300}
                option={{
                  tooltip: {
                    trigger: 'axis',
                    valueFormatter: (v) => (typeof v === 'number' && v <= 1 && v >= 0 && !Number.isInteger(v) ? `${(v * 100).toFixed(1)}%` : String(v ?? '—')),
                  },
                  legend: { top: 0 },
                  grid: { left: 8, right: 8, top: 36, bottom: 4, containLabel: true },
                  xAxis: { type: 'category', data: chartData.map((r) => r.name), axisLabel: { interval: 0, rotate: chartData.length > 9 ? 40 : 0, fontSize: 11 } },
                  yAxis: [
                    { type: 'value', name: '件', minInterval: 1, splitLine: { lineStyle: { type: 'dashed' } } },
                    { type: 'value', name: '按时率', min: 0, max: 1, axisLabel: { formatter: (v: number) => `${Math.round(v * 100)}%` }, splitLine: { show: false } },
                  ],
                  series: [
                    { name: '受理', type: 'bar', data: chartData.map((r) => r.filed), barMaxWidth: 22 },
                    { name: '办结', type: 'bar', data: chartData.map((r) => r.resolved), barMaxWidth: 22, itemStyle: { color: '#12b76a' } },
                    { name: '按时办结率', type: 'line', yAxisIndex: 1, data: chartData.map((r) => r.rate), itemStyle: { color: '#f79009' }, connectNulls: true, smooth: true },
                  ],
                }}
              />
            )}
          </Card>

          <Card styles={{ body: { padding: 0 } }}>
            {tab === 'category' ? (
              <Table<CategoryRow>
                rowKey="category"
                size="middle"
                columns={categoryColumns}
                dataSource={categoryRows}
                loading={loading || stats.isFetching}
                pagination={false}
                scroll={{ x: 900 }}
                summary={() =>
                  s ? (
                    <Table.Summary.Row style={{ fontWeight: 600, background: '#fafafa' }}>
                      <Table.Summary.Cell index={0}>合计</Table.Summary.Cell>
                      <Table.Summary.Cell index={1} align="right">{s.demands.filed}</Table.Summary.Cell>
                      <Table.Summary.Cell index={2} align="right">{s.demands.resolved}</Table.Summary.Cell>
                      <Table.Summary.Cell index={3} align="right">{s.demands.resolvedOnTime}</Table.Summary.Cell>
                      <Table.Summary.Cell index={4} align="right">{formatRate(s.demands.onTimeRate)}</Table.Summary.Cell>
                      <Table.Summary.Cell index={5} align="right">{days(s.demands.averageAnswerWorkingDays)}</Table.Summary.Cell>
                      <Table.Summary.Cell index={6} align="right">{s.demands.open}</Table.Summary.Cell>
                      <Table.Summary.Cell index={7} align="right">{s.demands.overdueOpen}</Table.Summary.Cell>
                      <Table.Summary.Cell index={8} align="right">{s.demands.escalated}</Table.Summary.Cell>
                      {readsRatings && <Table.Summary.Cell index={9} align="right">{formatRate(sat?.goodRate)}</Table.Summary.Cell>}
                    </Table.Summary.Row>
                  ) : null
                }
              />
            ) : (
              <Table<OfficerRow>
                rowKey={(r) => r.userId ?? 'none'}
                size="middle"
                columns={officerColumns}
                dataSource={s?.byOfficer}
                loading={loading || stats.isFetching}
                pagination={false}
                scroll={{ x: 1000, y: 560 }}
              />
            )}
          </Card>
        </>
      )}
    </>
  );
}
