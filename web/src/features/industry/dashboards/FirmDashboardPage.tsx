import { useEffect, useMemo, useState } from 'react';
import { Badge, Card, Col, Row, Segmented, Select, Skeleton, Space, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { periodLabel, type DashboardDevice, type FirmDashboardView } from '@yuanqi/contract';
import { useMe } from '../../../app/auth';
import { EmptyHint } from '../../../components/EmptyHint';
import { PageHeader } from '../../../components/PageHeader';
import { PageLoading } from '../../../components/PageLoading';
import { QueryError } from '../../../components/QueryError';
import { dayjs, formatDateTime, fromNow, toParkTime } from '../../../components/format';
import { useScreens } from '../../../components/useScreens';
import { Chart } from '../../dispatch/Chart';
import { useDeviceSeries, useFirmDashboard } from './api';
import { AlarmList, Growth, StatCard, formatFigure, formatKwh, formatReading } from './bits';

const REPORT_TAG: Record<string, string> = { accepted: 'green', submitted: 'blue', returned: 'orange', draft: 'default' };
/** The figures a month's line shows, in this order, when reported. */
const KEY_FIGURES = ['output_fen', 'revenue_fen', 'copper_output_t', 'copper_sales_t', 'power_kwh', 'employees'];

/** The metric a device's chart opens on: power for a meter, temperature, speed, gas. */
const PREFERRED_METRIC: Record<string, string> = { power_meter: 'power_kw', furnace: 'temp_c', line_counter: 'speed_ppm', safety_sensor: 'gas_ppm', env_sensor: 'temp_c' };

function DeviceCard({ device, selected, onSelect }: { device: DashboardDevice; selected: boolean; onSelect: () => void }) {
  return (
    <Card size="small" className={`yq-dash-device${selected ? ' is-selected' : ''}`} onClick={onSelect} data-testid="dash-device" role="button" aria-pressed={selected}>
      <div className="yq-dash-device-head">
        <span className="yq-dash-device-name" title={device.name}>
          {device.name}
        </span>
        <Badge status={device.online ? 'success' : 'default'} text={device.online ? '在线' : '离线'} />
      </div>
      <div className="yq-dash-muted" style={{ marginTop: 0 }}>
        {device.typeLabel}
        {device.location ? ` · ${device.location}` : ''}
        {device.liveAlarms > 0 && (
          <Tag color="red" style={{ marginInlineStart: 6 }}>
            告警 {device.liveAlarms}
          </Tag>
        )}
      </div>
      <div className="yq-dash-values">
        {device.values.map((v) => (
          <div key={v.key}>
            <div className="yq-dash-value-label">{v.label}</div>
            <div className="yq-dash-value">{formatReading(v.value, v.unit, v.kind, v.key)}</div>
          </div>
        ))}
      </div>
      <div className="yq-dash-month yq-dash-muted">
        <span>{device.lastSeenAt ? `最近上报 ${formatDateTime(device.lastSeenAt)}(${fromNow(device.lastSeenAt)})` : '尚未上报'}</span>
        <Link to={`/industry/devices/${device.id}`} onClick={(e) => e.stopPropagation()} style={{ flex: 'none', whiteSpace: 'nowrap' }}>
          详情
        </Link>
      </div>
    </Card>
  );
}

function DeviceTrend({ devices, selectedId, onSelect, mobile }: { devices: DashboardDevice[]; selectedId: string | null; onSelect: (id: string) => void; mobile: boolean }) {
  const device = devices.find((d) => d.id === selectedId) ?? devices[0] ?? null;
  const metrics = (device?.values ?? []).filter((v) => v.kind !== 'flag');
  const [metricKey, setMetricKey] = useState<string | null>(null);
  const [range, setRange] = useState<'24h' | '30d'>('24h');
  const metric = metrics.find((m) => m.key === metricKey) ?? metrics.find((m) => m.key === PREFERRED_METRIC[device?.typeCode ?? '']) ?? metrics[0] ?? null;
  useEffect(() => setMetricKey(null), [device?.id]);
  const series = useDeviceSeries(device?.id ?? null, metric?.key ?? null, range);
  const s = series.data;
  const counter = s?.kind === 'counter';
  const unit = s?.unit ?? metric?.unit ?? '';
  const labels = (s?.points ?? []).map((p) => (range === '24h' ? toParkTime(p.t).format('HH:mm') : p.t.slice(5)));
  const title = device && metric ? `${device.name} · ${metric.label}${counter ? (range === '24h' ? '(每小时增量)' : '(每日增量)') : ''}` : '设备曲线';

  return (
    <Card
      size="small"
      title="设备运行曲线"
      extra={<Segmented size="small" value={range} onChange={(v) => setRange(v as '24h' | '30d')} options={[{ label: '近24小时', value: '24h' }, { label: '近30天', value: '30d' }]} />}
    >
      {devices.length === 0 ? (
        <EmptyHint description="还没有登记设备" />
      ) : (
        <>
          <Space wrap style={{ marginBottom: 8, width: '100%' }}>
            <Select
              aria-label="选择设备"
              style={{ width: mobile ? 200 : 220 }}
              value={device?.id}
              onChange={onSelect}
              options={devices.map((d) => ({ value: d.id, label: d.name }))}
            />
            <Select aria-label="选择指标" style={{ width: 130 }} value={metric?.key} onChange={setMetricKey} options={metrics.map((m) => ({ value: m.key, label: m.label }))} />
          </Space>
          <div className="yq-dash-chart-title">{title}</div>
          <div className="yq-dash-chart-sub">
            单位:{unit || '—'} · {range === '24h' ? '按小时' : '按日'}
            {counter ? '累计值的增量' : '平均值,虚线为最高值'}
          </div>
          {series.isLoading ? (
            <Skeleton active paragraph={{ rows: 5 }} />
          ) : series.isError ? (
            <QueryError error={series.error} onRetry={() => series.refetch()} what="曲线" />
          ) : !s || s.points.length === 0 ? (
            <EmptyHint description="该时段没有数据" />
          ) : (
            <Chart
              label={title}
              height={mobile ? 220 : 260}
              option={{
                tooltip: { trigger: 'axis', valueFormatter: (v) => `${typeof v === 'number' ? v.toLocaleString('zh-CN', { maximumFractionDigits: 2 }) : v} ${unit}` },
                legend: { top: 0, right: 0, textStyle: { fontSize: 12 } },
                grid: { left: 8, right: 12, top: 30, bottom: 4, containLabel: true },
                xAxis: { type: 'category', data: labels, axisLabel: { fontSize: 11 } },
                yAxis: { type: 'value', name: unit, scale: !counter, nameTextStyle: { align: 'left' }, splitLine: { lineStyle: { type: 'dashed' } } },
                series: counter
                  ? [{ name: range === '24h' ? '每小时增量' : '每日增量', type: 'bar', data: s.points.map((p) => p.delta), barMaxWidth: 18 }]
                  : [
                      { name: '平均', type: 'line', smooth: true, showSymbol: false, data: s.points.map((p) => Math.round(p.avg * 100) / 100) },
                      { name: '最高', type: 'line', smooth: true, showSymbol: false, lineStyle: { type: 'dashed', width: 1 }, data: s.points.map((p) => p.max) },
                    ],
              }}
            />
          )}
        </>
      )}
    </Card>
  );
}

function EnergyCard({ view, mobile }: { view: FirmDashboardView; mobile: boolean }) {
  const e = view.energy;
  return (
    <Card size="small" title="近30天用电量">
      {e.meters === 0 ? (
        <EmptyHint description="没有接入智能电表,用电量以月报为准" />
      ) : e.daily.length === 0 ? (
        <EmptyHint description="近30天没有电表数据" />
      ) : (
        <>
          <div className="yq-dash-chart-sub">单位:千瓦时 · 由 {e.meters} 块智能电表的日累计读数计算</div>
          <Chart
            label="近30天每日用电量柱状图(千瓦时)"
            height={mobile ? 200 : 220}
            option={{
              tooltip: { trigger: 'axis', valueFormatter: (v) => `${typeof v === 'number' ? v.toLocaleString('zh-CN', { maximumFractionDigits: 1 }) : v} 千瓦时` },
              grid: { left: 8, right: 8, top: 24, bottom: 4, containLabel: true },
              xAxis: { type: 'category', data: e.daily.map((d) => d.day.slice(5)), axisLabel: { fontSize: 11 } },
              yAxis: { type: 'value', name: '千瓦时', splitLine: { lineStyle: { type: 'dashed' } } },
              series: [{ name: '用电量', type: 'bar', data: e.daily.map((d) => Math.round(d.kwh)), barMaxWidth: 14 }],
            }}
          />
        </>
      )}
    </Card>
  );
}

function ReportsCard({ view, mobile }: { view: FirmDashboardView; mobile: boolean }) {
  const months = [...view.reports].reverse();
  const withOutput = months.filter((r) => r.figures.some((f) => f.key === 'output_fen'));
  return (
    <Card size="small" title="经济运行月报" extra={<Typography.Text type="secondary" style={{ fontSize: 12 }}>图为近12个月,下列近6个月</Typography.Text>}>
      {withOutput.length > 0 && (
        <>
          <div className="yq-dash-chart-title">工业总产值与同比</div>
          <div className="yq-dash-chart-sub">单位:万元(柱)· 同比增速 %(线),审核通过的数据</div>
          <Chart
            label="近12个月工业总产值(万元)与同比增速(%)"
            height={mobile ? 200 : 220}
            option={{
              tooltip: { trigger: 'axis' },
              legend: { top: 0, right: 0, textStyle: { fontSize: 12 } },
              grid: { left: 8, right: 8, top: 30, bottom: 4, containLabel: true },
              xAxis: { type: 'category', data: months.map((r) => `${Number(r.period.slice(5, 7))}月`), axisLabel: { fontSize: 11 } },
              yAxis: [
                { type: 'value', name: '万元', splitLine: { lineStyle: { type: 'dashed' } } },
                { type: 'value', name: '%', splitLine: { show: false } },
              ],
              series: [
                { name: '本年', type: 'bar', barMaxWidth: 16, data: months.map((r) => { const f = r.figures.find((x) => x.key === 'output_fen'); return f?.value != null ? Math.round(f.value / 1_000_000) : null; }) },
                { name: '同期', type: 'bar', barMaxWidth: 16, data: months.map((r) => { const f = r.figures.find((x) => x.key === 'output_fen'); return f?.lastYear != null ? Math.round(f.lastYear / 1_000_000) : null; }) },
                { name: '同比', type: 'line', yAxisIndex: 1, data: months.map((r) => r.figures.find((x) => x.key === 'output_fen')?.yoyPct ?? null) },
              ],
            }}
          />
        </>
      )}
      <div data-testid="dash-reports">
        {view.reports.slice(0, 6).map((r) => {
          const figures = KEY_FIGURES.map((k) => r.figures.find((f) => f.key === k)).filter((f) => !!f);
          return (
            <div key={r.period} style={{ padding: '8px 0', borderTop: '1px solid #f0f0f0' }}>
              <div className="yq-dash-month">
                <span style={{ fontWeight: 500 }}>{periodLabel(r.period)}</span>
                <span>
                  {r.late && <Tag color="orange">逾期报送</Tag>}
                  <Tag color={r.status ? REPORT_TAG[r.status] : 'default'} style={{ marginInlineEnd: 0 }}>
                    {r.statusLabel}
                  </Tag>
                </span>
              </div>
              {figures.length > 0 ? (
                <div className="yq-dash-figures">
                  {figures.map((f) => (
                    <div key={f.key}>
                      <span className="yq-dash-value-label">{f.label} </span>
                      {formatFigure(f.value, f.unit)} <Growth pct={f.yoyPct} suffix="同比" />
                    </div>
                  ))}
                </div>
              ) : (
                <div className="yq-dash-muted">{r.status === null ? `截止 ${r.dueOn ?? '—'}` : r.status === 'accepted' ? '无数据' : '审核通过后显示数据'}</div>
              )}
            </div>
          );
        })}
      </div>
    </Card>
  );
}

/**
 * 企业数据看板: the firm's own (enterprise: /industry/my) or any firm in the officer's scope
 * (/industry/firms/:id/dashboard) — headline figures, live alarms, devices with their latest
 * values, a device's curve, 30 days of metered energy and the last 12 months' reports with 同比.
 */
export function FirmDashboardPage() {
  const me = useMe();
  const params = useParams();
  const enterpriseId = params.id ?? me.enterpriseId ?? null;
  const own = !params.id;
  const screens = useScreens();
  const mobile = !screens.md;
  const dashboard = useFirmDashboard(enterpriseId);
  const [selected, setSelected] = useState<string | null>(null);
  const view = dashboard.data;

  const devices = useMemo(() => view?.devices ?? [], [view]);
  const firstMeter = devices.find((d) => d.typeCode === 'power_meter') ?? devices[0];
  const selectedId = selected ?? firstMeter?.id ?? null;

  if (!enterpriseId) return <QueryError error={new Error('当前账号没有关联企业')} what="企业" />;
  if (dashboard.isLoading) return <PageLoading />;
  if (dashboard.isError || !view) return <QueryError error={dashboard.error} onRetry={() => dashboard.refetch()} what="企业" />;

  const e = view.energy;
  const latest = view.reports.find((r) => r.status !== null) ?? null;
  const critical = view.liveAlarms.filter((a) => a.severity === 'critical').length;

  return (
    <>
      <PageHeader
        title={own ? '我的产业云' : `${view.enterprise.name} · 数据看板`}
        docTitle={own ? '我的产业云' : '企业数据看板'}
        extra={own ? undefined : <Link to="/industry/firms">全部企业</Link>}
        subTitle={
          <span>
            {own ? view.enterprise.name : null}
            {view.enterprise.chainLabel ? `${own ? ' · ' : ''}${view.enterprise.chainLabel}` : ''}
            {view.enterprise.isAboveScale ? ' · 规上企业' : ''} · 更新于 {dayjs(dashboard.dataUpdatedAt).format('HH:mm:ss')}
          </span>
        }
      />
      <Row gutter={[12, 12]} className="yq-dash-cards">
        <Col xs={12} md={6}>
          <StatCard testId="dash-online" title="设备在线" value={`${view.devicesOnline} / ${view.devicesTotal}`} hint={view.devicesTotal ? `离线 ${view.devicesTotal - view.devicesOnline} 台` : '尚未登记设备'} tone={view.devicesTotal > 0 && view.devicesOnline < view.devicesTotal ? 'danger' : undefined} />
        </Col>
        <Col xs={12} md={6}>
          <StatCard testId="dash-alarms" title="待处理告警" value={view.liveAlarms.length} hint={critical ? `严重 ${critical} 条` : '无严重告警'} tone={view.liveAlarms.length ? 'danger' : 'ok'} />
        </Col>
        <Col xs={12} md={6}>
          <StatCard title="今日用电" value={formatKwh(e.todayKwh)} hint={e.meters ? `${e.meters} 块电表` : '未接入电表'} />
        </Col>
        <Col xs={12} md={6}>
          <StatCard title="本月用电" value={formatKwh(e.monthKwh)} hint={`上月 ${formatKwh(e.lastMonthKwh)}`} />
        </Col>
      </Row>

      <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
        <Col xs={24} lg={14}>
          <Space orientation="vertical" size={12} style={{ width: '100%' }}>
            {mobile && view.liveAlarms.length > 0 && (
              <Card size="small" title={`待处理告警(${view.liveAlarms.length})`}>
                <AlarmList alarms={view.liveAlarms} />
              </Card>
            )}
            <Card size="small" title={`设备实时数据(${view.devicesTotal})`} extra={<Typography.Text type="secondary" style={{ fontSize: 12 }}>点击设备查看曲线</Typography.Text>}>
              {devices.length === 0 ? (
                <EmptyHint description="还没有登记物联网设备" />
              ) : (
                <Row gutter={[8, 8]}>
                  {devices.map((d) => (
                    <Col key={d.id} xs={24} sm={12} xl={8}>
                      <DeviceCard device={d} selected={d.id === selectedId} onSelect={() => setSelected(d.id)} />
                    </Col>
                  ))}
                </Row>
              )}
            </Card>
            <DeviceTrend devices={devices} selectedId={selectedId} onSelect={setSelected} mobile={mobile} />
            {!mobile && view.recentAlarms.length > 0 && (
              <Card size="small" title="最近告警">
                <AlarmList alarms={view.recentAlarms} />
              </Card>
            )}
          </Space>
        </Col>
        <Col xs={24} lg={10}>
          <Space orientation="vertical" size={12} style={{ width: '100%' }}>
            {!mobile && (
              <Card size="small" title={`待处理告警(${view.liveAlarms.length})`}>
                {view.liveAlarms.length === 0 ? <EmptyHint description="没有待处理的告警" /> : <AlarmList alarms={view.liveAlarms} />}
              </Card>
            )}
            <EnergyCard view={view} mobile={mobile} />
            <ReportsCard view={view} mobile={mobile} />
            {mobile && view.recentAlarms.length > 0 && (
              <Card size="small" title="最近告警">
                <AlarmList alarms={view.recentAlarms} />
              </Card>
            )}
            {latest === null && <Typography.Text type="secondary">近12个月没有月报记录。</Typography.Text>}
          </Space>
        </Col>
      </Row>
    </>
  );
}
