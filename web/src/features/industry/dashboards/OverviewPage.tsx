import { Card, Col, List, Progress, Row, Skeleton, Space, Table, Tag, Typography, type TableProps } from 'antd';
import { Link } from 'react-router-dom';
import { formatGrowth, growthPct, type IndicatorTrend, type OfficeEnergyRow } from '@yuanqi/contract';
import { EmptyHint } from '../../../components/EmptyHint';
import { PageHeader } from '../../../components/PageHeader';
import { PageLoading } from '../../../components/PageLoading';
import { QueryError } from '../../../components/QueryError';
import { dayjs, formatDate } from '../../../components/format';
import { useScreens } from '../../../components/useScreens';
import { Chart } from '../../dispatch/Chart';
import { useCopperTrend, useOfficeDashboard } from './api';
import { AlarmList, Growth, SEVERITY_COLORS, StatCard, formatKwh } from './bits';

const monthOf = (period: string) => `${period.slice(2, 4)}年${Number(period.slice(5, 7))}月`;

/** One indicator's 24 months: this year's bars, the same months a year before, 同比 on the right axis. */
function TrendChart({ trends, title, unitLabel, scale, mobile }: { trends: IndicatorTrend[]; title: string; unitLabel: string; scale: number; mobile: boolean }) {
  const periods = trends[0]?.points.map((p) => p.period) ?? [];
  const toUnit = (v: number | null) => (v === null ? null : Math.round((v / scale) * 100) / 100);
  return (
    <Chart
      label={`${title}(${unitLabel})与同比增速(%)`}
      height={mobile ? 240 : 280}
      option={{
        tooltip: { trigger: 'axis' },
        legend: { top: 0, left: 0, textStyle: { fontSize: 12 } },
        grid: { left: 8, right: 8, top: mobile ? 52 : 34, bottom: 4, containLabel: true },
        xAxis: { type: 'category', data: periods.map(monthOf), axisLabel: { fontSize: 11 } },
        yAxis: [
          { type: 'value', name: unitLabel, splitLine: { lineStyle: { type: 'dashed' } } },
          { type: 'value', name: '同比 %', splitLine: { show: false } },
        ],
        series: [
          ...trends.map((t) => ({ name: t.label, type: 'bar' as const, barMaxWidth: 12, data: t.points.map((p) => toUnit(p.value)) })),
          ...trends.map((t) => ({ name: `${t.label}同比`, type: 'line' as const, yAxisIndex: 1, smooth: true, showSymbol: false, data: t.points.map((p) => p.yoyPct) })),
        ],
      }}
    />
  );
}

function CopperTrendCard({ mobile }: { mobile: boolean }) {
  const trend = useCopperTrend();
  const t = trend.data;
  const tonnes = (t?.indicators ?? []).filter((i) => i.key === 'copper_output_t' || i.key === 'copper_sales_t');
  const output = (t?.indicators ?? []).filter((i) => i.key === 'output_fen');
  const hasData = tonnes.some((i) => i.points.some((p) => p.value !== null));
  const last = tonnes[0]?.points.filter((p) => p.value !== null).at(-1);
  return (
    <Card size="small" title={`${t?.chainLabel ?? '铜产业链'} 产销趋势(近24个月)`} extra={<Link to="/industry/stats">经济运行统计</Link>} data-testid="copper-trend">
      {trend.isLoading ? (
        <Skeleton active paragraph={{ rows: 6 }} />
      ) : trend.isError ? (
        <EmptyHint description="产业链统计暂不可用" />
      ) : !hasData ? (
        <EmptyHint description="还没有审核通过的铜企月报数据" />
      ) : (
        <>
          <div className="yq-dash-chart-title">铜材产量与销量</div>
          <div className="yq-dash-chart-sub">
            单位:吨(柱)· 同比增速 %(线){last ? ` · 最新 ${monthOf(last.period)}:产量 ${last.value?.toLocaleString('zh-CN', { maximumFractionDigits: 0 })} 吨,同比 ${formatGrowth(last.yoyPct)},${last.firms} 家企业` : ''}
          </div>
          <TrendChart trends={tonnes} title="铜材产量与销量" unitLabel="吨" scale={1} mobile={mobile} />
          {output.length > 0 && (
            <>
              <div className="yq-dash-chart-title" style={{ marginTop: 12 }}>
                工业总产值
              </div>
              <div className="yq-dash-chart-sub">单位:万元(柱)· 同比增速 %(线)</div>
              <TrendChart trends={output} title="铜产业链工业总产值" unitLabel="万元" scale={1_000_000} mobile={mobile} />
            </>
          )}
        </>
      )}
    </Card>
  );
}

/**
 * 产业云总览 (office, leader): devices online, live alarms, the copper chain's output and sales with
 * 同比, this month's metered energy by firm, and the month being reported.
 */
export function OverviewPage() {
  const screens = useScreens();
  const mobile = !screens.md;
  const dashboard = useOfficeDashboard();
  const v = dashboard.data;
  if (dashboard.isLoading) return <PageLoading />;
  if (dashboard.isError || !v) return <QueryError error={dashboard.error} onRetry={() => dashboard.refetch()} what="总览" />;

  const onlinePct = v.devices.total ? Math.round((v.devices.online / v.devices.total) * 1000) / 10 : null;
  const critical = v.alarms.bySeverity.find((s) => s.severity === 'critical');
  const energyChange = growthPct(v.energy.totalKwh, v.energy.lastMonthSameDaysKwh);
  const r = v.reporting;
  const reported = r.submitted + r.accepted;
  const top = v.energy.topFirms;

  const energyColumns: TableProps<OfficeEnergyRow>['columns'] = [
    { title: '企业', dataIndex: 'enterpriseName', ellipsis: true, render: (name: string, row) => <Link to={`/industry/firms/${row.enterpriseId}/dashboard`}>{name}</Link> },
    { title: '本月用电', dataIndex: 'kwh', align: 'right', width: 130, render: (k: number) => formatKwh(k) },
    { title: '上月', dataIndex: 'lastMonthKwh', align: 'right', width: 120, render: (k: number | null) => formatKwh(k) },
    { title: '较上月同期', dataIndex: 'changePct', align: 'right', width: 100, render: (p: number | null) => <Growth pct={p} /> },
  ];

  return (
    <>
      <PageHeader title="产业云总览" subTitle={`设备、告警、能耗与月报报送 · 更新于 ${dayjs(dashboard.dataUpdatedAt).format('HH:mm:ss')}`} />
      <Row gutter={[12, 12]}>
        <Col xs={12} md={8} xl={4}>
          <StatCard testId="overview-online" title="设备在线" value={`${v.devices.online} / ${v.devices.total}`} hint={onlinePct === null ? '尚无设备' : `在线率 ${onlinePct}% · ${v.devices.firms} 家企业`} />
        </Col>
        <Col xs={12} md={8} xl={4}>
          <StatCard testId="overview-offline" title="离线设备" value={v.devices.offline} tone={v.devices.offline ? 'danger' : 'ok'} hint="超过离线时限未上报" />
        </Col>
        <Col xs={12} md={8} xl={4}>
          <StatCard testId="overview-alarms" title="待处理告警" value={v.alarms.live} tone={v.alarms.live ? 'danger' : 'ok'} hint={`严重 ${(critical?.open ?? 0) + (critical?.acknowledged ?? 0)} · 今日新增 ${v.alarms.raisedToday}`} />
        </Col>
        <Col xs={12} md={8} xl={4}>
          <StatCard title="本月用电" value={formatKwh(v.energy.totalKwh)} hint={<Growth pct={energyChange} suffix="较上月同期" />} />
        </Col>
        <Col xs={12} md={8} xl={4}>
          <StatCard title={`${r.periodLabel}月报`} value={`${reported} / ${r.expected}`} hint={`已审核 ${r.accepted} · 截止 ${formatDate(r.dueOn)}`} />
        </Col>
        <Col xs={12} md={8} xl={4}>
          <StatCard title="逾期未报" value={r.overdue} tone={r.overdue ? 'danger' : 'ok'} hint={r.overdue ? '已过报送截止日' : `未报 ${r.expected - reported} 家`} />
        </Col>
      </Row>

      <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
        <Col xs={24} xl={14}>
          <Space orientation="vertical" size={12} style={{ width: '100%' }}>
            <CopperTrendCard mobile={mobile} />
            <Card size="small" title={`本月企业用电排行(前${top.length || 15}名)`} data-testid="energy-by-firm">
              {top.length === 0 ? (
                <EmptyHint description="本月还没有电表数据" />
              ) : (
                <>
                  <div className="yq-dash-chart-sub">
                    单位:万千瓦时 · {v.energy.firmsWithMeters} 家企业接入电表 · 本月合计 {formatKwh(v.energy.totalKwh)},上月 {formatKwh(v.energy.lastMonthKwh)}
                  </div>
                  <Chart
                    label="本月企业用电排行横向柱状图(万千瓦时)"
                    height={Math.max(220, top.length * 24 + 40)}
                    option={{
                      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (x) => `${x} 万千瓦时` },
                      grid: { left: 8, right: 16, top: 8, bottom: 4, containLabel: true },
                      xAxis: { type: 'value', name: '万千瓦时', splitLine: { lineStyle: { type: 'dashed' } } },
                      yAxis: {
                        type: 'category',
                        inverse: true,
                        data: top.map((f) => f.enterpriseName),
                        axisLabel: { fontSize: 11, width: mobile ? 96 : 180, overflow: 'truncate' },
                      },
                      series: [{ name: '本月用电', type: 'bar', barMaxWidth: 14, data: top.map((f) => Math.round(f.kwh / 100) / 100) }],
                    }}
                  />
                  {mobile ? (
                    <List
                      size="small"
                      dataSource={top}
                      renderItem={(f, i) => (
                        <List.Item style={{ paddingInline: 0 }}>
                          <div style={{ width: '100%' }}>
                            <Link to={`/industry/firms/${f.enterpriseId}/dashboard`}>
                              {i + 1}. {f.enterpriseName}
                            </Link>
                            <div className="yq-dash-muted">
                              {formatKwh(f.kwh)} · 上月 {formatKwh(f.lastMonthKwh)} · <Growth pct={f.changePct} suffix="较上月同期" />
                            </div>
                          </div>
                        </List.Item>
                      )}
                    />
                  ) : (
                    <Table<OfficeEnergyRow> size="small" rowKey="enterpriseId" columns={energyColumns} dataSource={top} pagination={false} />
                  )}
                </>
              )}
            </Card>
          </Space>
        </Col>
        <Col xs={24} xl={10}>
          <Space orientation="vertical" size={12} style={{ width: '100%' }}>
            <Card size="small" title="告警" extra={<Link to="/industry/alarms">全部告警</Link>} data-testid="overview-alarm-card">
              <Space wrap style={{ marginBottom: 8 }}>
                {v.alarms.bySeverity.map((s) => (
                  <Tag key={s.severity} color={s.open + s.acknowledged ? SEVERITY_COLORS[s.severity] : 'default'}>
                    {s.label}:待确认 {s.open} · 处理中 {s.acknowledged}
                  </Tag>
                ))}
              </Space>
              {v.alarms.latest.length === 0 ? <EmptyHint description="还没有告警" /> : <AlarmList alarms={v.alarms.latest} showFirm />}
            </Card>
            <Card size="small" title="设备在线情况">
              {v.devices.byType.length === 0 ? (
                <EmptyHint description="还没有登记设备" />
              ) : (
                v.devices.byType.map((t) => (
                  <div key={t.typeCode} style={{ marginBottom: 6 }}>
                    <div className="yq-dash-month">
                      <span>{t.label}</span>
                      <Typography.Text type="secondary">
                        在线 {t.online} / {t.total}
                      </Typography.Text>
                    </div>
                    <Progress percent={t.total ? Math.round((t.online / t.total) * 100) : 0} size="small" showInfo={false} status={t.online < t.total ? 'exception' : 'success'} />
                  </div>
                ))
              )}
            </Card>
            <Card size="small" title={`${r.periodLabel}月报报送`} data-testid="overview-reporting">
              <Progress
                percent={r.expected ? Math.round((reported / r.expected) * 100) : 0}
                success={{ percent: r.expected ? Math.round((r.accepted / r.expected) * 100) : 0 }}
                format={() => `${reported}/${r.expected}`}
              />
              <Space wrap style={{ marginTop: 8 }}>
                <Tag color="green">已审核 {r.accepted}</Tag>
                <Tag color="blue">待审核 {r.submitted}</Tag>
                <Tag color="orange">已退回 {r.returned}</Tag>
                <Tag>草稿 {r.draft}</Tag>
                <Tag>未填报 {r.notStarted}</Tag>
                <Tag color={r.overdue ? 'red' : 'default'}>逾期 {r.overdue}</Tag>
              </Space>
              <div className="yq-dash-muted">应报企业 {r.expected} 家,报送截止 {formatDate(r.dueOn)}</div>
            </Card>
          </Space>
        </Col>
      </Row>
    </>
  );
}
