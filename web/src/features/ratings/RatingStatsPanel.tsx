import { Button, Card, Col, DatePicker, Row, Segmented, Skeleton, Statistic, Table, Tooltip, Typography, type TableProps } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import type { RatingStatsGroup, RatingStatsGroupBy } from '@yuanqi/contract';
import { useMe } from '../../app/auth';
import { QueryError } from '../../components/QueryError';
import { dayjs, parkToday } from '../../components/format';
import { useExport } from '../../components/useExport';
import { useListParams } from '../../components/useListParams';
import { useScreens } from '../../components/useScreens';
import { seesOfficeDesk } from '../dispatch/access';
import { Chart } from '../dispatch/Chart';
import { exportRatingStats, formatRate, useRatingStats } from './api';

const isDate = (s: string | null): s is string => !!s && /^\d{4}-\d{2}-\d{2}$/.test(s);

const GROUPS: { value: RatingStatsGroupBy; label: string }[] = [
  { value: 'officer', label: '按经办人' },
  { value: 'category', label: '按类别' },
  { value: 'department', label: '按部门' },
];

function Figure({ title, value, hint, tip, loading, danger }: { title: string; value: string | number; hint?: string; tip: string; loading: boolean; danger?: boolean }) {
  return (
    <Card size="small" style={{ height: '100%' }} className="yq-rate-figures">
      <Statistic title={<Tooltip title={tip}>{title}</Tooltip>} value={value} loading={loading} styles={{ content: danger ? { color: '#d92d20' } : undefined }} />
      {hint && <div className="yq-figure-hint">{hint}</div>}
    </Card>
  );
}

/** 好评率, 差评整改率, 未评率 … for the cases closed in a period, grouped. */
export function RatingStatsPanel() {
  const me = useMe();
  const parkWide = seesOfficeDesk(me);
  const screens = useScreens();
  const { params, update } = useListParams();
  const today = parkToday();
  const from = isDate(params.get('from')) ? params.get('from')! : `${today.slice(0, 4)}-01-01`;
  const to = isDate(params.get('to')) ? params.get('to')! : today;
  const groupParam = params.get('groupBy') as RatingStatsGroupBy | null;
  const groupBy: RatingStatsGroupBy = GROUPS.some((g) => g.value === groupParam) ? groupParam! : parkWide ? 'officer' : 'category';
  const stats = useRatingStats({ from, to, groupBy });

  const set = (patch: Record<string, string | undefined>) => update(patch, false);

  const { exporting, doExport } = useExport(() => exportRatingStats({ from, to, groupBy }));

  const t = stats.data?.total;
  const loading = stats.isLoading;
  const groups = stats.data?.groups ?? [];

  const columns: TableProps<RatingStatsGroup>['columns'] = [
    { title: GROUPS.find((g) => g.value === groupBy)!.label.slice(1), dataIndex: 'label', key: 'label', fixed: 'left', width: 140 },
    { title: '办结件数', dataIndex: 'closed', key: 'closed', align: 'right', sorter: (a, b) => a.closed - b.closed },
    { title: '有效评价', dataIndex: 'rated', key: 'rated', align: 'right' },
    { title: '好评', dataIndex: 'good', key: 'good', align: 'right' },
    { title: '差评', dataIndex: 'bad', key: 'bad', align: 'right', render: (v: number) => (v > 0 ? <Typography.Text type="danger">{v}</Typography.Text> : v), sorter: (a, b) => a.bad - b.bad },
    { title: '好评率', dataIndex: 'goodRate', key: 'goodRate', align: 'right', render: formatRate, sorter: (a, b) => (a.goodRate ?? -1) - (b.goodRate ?? -1) },
    { title: '差评整改率', dataIndex: 'rectifyRate', key: 'rectifyRate', align: 'right', render: formatRate, sorter: (a, b) => (a.rectifyRate ?? -1) - (b.rectifyRate ?? -1) },
    { title: '整改中', key: 'rectifyOpen', align: 'right', render: (_, g) => (g.rectifyOverdue > 0 ? <Tooltip title={`其中逾期 ${g.rectifyOverdue} 件`}><Typography.Text type="danger">{g.rectifyOpen}</Typography.Text></Tooltip> : g.rectifyOpen) },
    { title: '未评', dataIndex: 'unrated', key: 'unrated', align: 'right' },
    { title: '未评率', dataIndex: 'unratedRate', key: 'unratedRate', align: 'right', render: formatRate, sorter: (a, b) => (a.unratedRate ?? -1) - (b.unratedRate ?? -1) },
    { title: '已移除', dataIndex: 'removed', key: 'removed', align: 'right' },
  ];

  const chartGroups = groups.filter((g) => g.rated > 0).slice(0, 30);
  return (
    <>
      <Card size="small" style={{ marginBottom: 12 }}>
        <div className="yq-filter-bar" style={{ justifyContent: 'space-between' }}>
          <div className="yq-filter-bar">
            <DatePicker.RangePicker
              value={[dayjs(from), dayjs(to)]}
              allowClear={false}
              onChange={(r) => r?.[0] && r[1] && set({ from: r[0].format('YYYY-MM-DD'), to: r[1].format('YYYY-MM-DD') })}
              aria-label="统计区间(按办结日期)"
              style={{ width: screens.sm ? 250 : '100%' }}
            />
            <Segmented<RatingStatsGroupBy> value={groupBy} onChange={(v) => set({ groupBy: v })} options={GROUPS} />
          </div>
          <Button icon={<DownloadOutlined />} onClick={doExport} loading={exporting}>
            导出 Excel
          </Button>
        </div>
      </Card>

      {stats.isError && !stats.data ? (
        <Card>
          <QueryError error={stats.error} onRetry={() => stats.refetch()} />
        </Card>
      ) : (
        <>
          <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
            <Col xs={12} md={6}>
              <Figure title="好评率" value={formatRate(t?.goodRate)} hint={t ? `有效评价 ${t.rated} 件,好评 ${t.good} 件` : undefined} tip="(非常满意+满意+基本满意)/有效评价;已移除的评价不计" loading={loading} />
            </Col>
            <Col xs={12} md={6}>
              <Figure title="差评整改率" value={formatRate(t?.rectifyRate)} hint={t ? `差评 ${t.bad} 件,按期整改 ${t.rectifiedOnTime} 件` : undefined} tip="按期完成整改的差评/差评总数" loading={loading} />
            </Col>
            <Col xs={12} md={6}>
              <Figure title="未评率" value={formatRate(t?.unratedRate)} hint={t ? `办结 ${t.closed} 件,未评 ${t.unrated} 件,评价期内 ${t.pending} 件` : undefined} tip="办结满7日仍未评价的比例;未评不计为好评" loading={loading} />
            </Col>
            <Col xs={12} md={6}>
              <Figure
                title="整改中 / 逾期"
                value={t ? `${t.rectifyOpen} / ${t.rectifyOverdue}` : '—'}
                hint={t ? `整改满意率 ${formatRate(t.fixSatisfactionRate)} · 已移除 ${t.removed} 件` : undefined}
                tip="尚未办结的整改件数,及其中超过整改期限的件数"
                loading={loading}
                danger={(t?.rectifyOverdue ?? 0) > 0}
              />
            </Col>
          </Row>
          {chartGroups.length > 1 && (
            <Card size="small" title="好评率与差评整改率" style={{ marginBottom: 12 }}>
              <Chart
                label="各分组好评率与差评整改率柱状图"
                height={260}
                option={{
                  tooltip: { trigger: 'axis', valueFormatter: (v) => (typeof v === 'number' ? `${(v * 100).toFixed(1)}%` : '—') },
                  legend: { top: 0 },
                  grid: { left: 8, right: 8, top: 32, bottom: 4, containLabel: true },
                  xAxis: { type: 'category', data: chartGroups.map((g) => g.label), axisLabel: { interval: 0, rotate: chartGroups.length > 8 ? 40 : 0, fontSize: 11 } },
                  yAxis: { type: 'value', min: 0, max: 1, axisLabel: { formatter: (v: number) => `${Math.round(v * 100)}%` }, splitLine: { lineStyle: { type: 'dashed' } } },
                  series: [
                    { name: '好评率', type: 'bar', data: chartGroups.map((g) => g.goodRate), barMaxWidth: 20, itemStyle: { color: '#12b76a' } },
                    { name: '差评整改率', type: 'bar', data: chartGroups.map((g) => g.rectifyRate), barMaxWidth: 20, itemStyle: { color: '#1554ad' } },
                  ],
                }}
              />
            </Card>
          )}
          <Card styles={{ body: { padding: 0 } }}>
            {loading ? (
              <div style={{ padding: 16 }}>
                <Skeleton active />
              </div>
            ) : (
              <Table<RatingStatsGroup>
                rowKey={(g) => g.key ?? 'none'}
                size="middle"
                columns={columns}
                dataSource={groups}
                pagination={false}
                loading={stats.isFetching}
                scroll={{ x: 1000 }}
                summary={() =>
                  t ? (
                    <Table.Summary.Row style={{ fontWeight: 600, background: '#fafafa' }}>
                      <Table.Summary.Cell index={0}>合计</Table.Summary.Cell>
                      <Table.Summary.Cell index={1} align="right">{t.closed}</Table.Summary.Cell>
                      <Table.Summary.Cell index={2} align="right">{t.rated}</Table.Summary.Cell>
                      <Table.Summary.Cell index={3} align="right">{t.good}</Table.Summary.Cell>
                      <Table.Summary.Cell index={4} align="right">{t.bad}</Table.Summary.Cell>
                      <Table.Summary.Cell index={5} align="right">{formatRate(t.goodRate)}</Table.Summary.Cell>
                      <Table.Summary.Cell index={6} align="right">{formatRate(t.rectifyRate)}</Table.Summary.Cell>
                      <Table.Summary.Cell index={7} align="right">{t.rectifyOpen}</Table.Summary.Cell>
                      <Table.Summary.Cell index={8} align="right">{t.unrated}</Table.Summary.Cell>
                      <Table.Summary.Cell index={9} align="right">{formatRate(t.unratedRate)}</Table.Summary.Cell>
                      <Table.Summary.Cell index={10} align="right">{t.removed}</Table.Summary.Cell>
                    </Table.Summary.Row>
                  ) : null
                }
              />
            )}
          </Card>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 8 }}>
            统计口径:区间内办结的事项;好评率以有效评价为分母,经申诉移除的评价不计入任何比率;办结满7日未评价计为未评,不计为好评。
          </Typography.Paragraph>
        </>
      )}
    </>
  );
}
