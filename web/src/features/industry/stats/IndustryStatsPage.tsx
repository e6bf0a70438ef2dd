import { useMemo, useState } from 'react';
import { Button, Card, Col, Grid, List, Row, Segmented, Select, Space, Statistic, Table, Tabs, Tag, Tooltip, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import type { EChartsOption } from 'echarts';
import {
  COMPLETENESS_STATE_LABELS,
  formatGrowth,
  formatStatsValue,
  isStockIndicator,
  periodLabel,
  statsDisplayNumber,
  statsUnitLabel,
  type CompletenessCell,
  type IndicatorTrend,
  type IndustryCompletenessView,
  type IndustryRankingRow,
  type IndustryStatsGroup,
  type IndustryStatsRow,
  type StatsRankBasis,
} from '@yuanqi/contract';
import { Chart } from '../../dispatch/Chart';
import { EmptyHint } from '../../../components/EmptyHint';
import { PageHeader } from '../../../components/PageHeader';
import { QueryError } from '../../../components/QueryError';
import { useExport } from '../../../components/useExport';
import { exportIndustryStats, useIndustryCompleteness, useIndustryRankings, useIndustryStats, useIndustryTrend } from './api';

const PARK = '__park__';

function Growth({ pct }: { pct: number | null }) {
  if (pct === null) return <Typography.Text type="secondary">—</Typography.Text>;
  return <span style={{ color: pct > 0 ? '#cf1322' : pct < 0 ? '#389e0d' : undefined, whiteSpace: 'nowrap' }}>{formatGrowth(pct)}</span>;
}

const value = (r: Pick<IndustryStatsRow, 'unit' | 'decimals'>, v: number | null) => formatStatsValue(v, r.unit, r.decimals);

/** The indicators of one group: a table on a desktop, a card per indicator on a phone. */
function IndicatorTable({ group, mobile }: { group: IndustryStatsGroup; mobile: boolean }) {
  if (group.rows.length === 0) return <EmptyHint description="暂无指标" />;
  if (mobile) {
    return (
      <List
        dataSource={group.rows}
        renderItem={(r) => (
          <List.Item>
            <div style={{ width: '100%' }}>
              <div style={{ display: 'flex', justifyContent: 'space-between' }}>
                <strong>{r.label}</strong>
                <Typography.Text type="secondary">{r.unitLabel}</Typography.Text>
              </div>
              <div>本月 {value(r, r.current)} · 同比 <Growth pct={r.yoyPct} /> · 环比 <Growth pct={r.momPct} /></div>
              {isStockIndicator(r) ? (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>时点指标,不计累计</Typography.Text>
              ) : (
                <div>累计 {value(r, r.ytd)} · 累计增速 <Growth pct={r.ytdYoyPct} /></div>
              )}
            </div>
          </List.Item>
        )}
      />
    );
  }
  return (
    <Table<IndustryStatsRow>
      rowKey="key"
      size="small"
      pagination={false}
      scroll={{ x: 980 }}
      dataSource={group.rows}
      columns={[
        { title: '指标', dataIndex: 'label', fixed: 'left', width: 120 },
        { title: '计量单位', dataIndex: 'unitLabel', width: 80 },
        { title: '本月', key: 'current', align: 'right', render: (_, r) => value(r, r.current) },
        { title: '同期', key: 'lastYear', align: 'right', render: (_, r) => value(r, r.lastYear) },
        { title: '同比', key: 'yoy', align: 'right', render: (_, r) => <Growth pct={r.yoyPct} /> },
        { title: '上月', key: 'previous', align: 'right', render: (_, r) => value(r, r.previous) },
        { title: '环比', key: 'mom', align: 'right', render: (_, r) => <Growth pct={r.momPct} /> },
        { title: '累计', key: 'ytd', align: 'right', render: (_, r) => value(r, r.ytd) },
        { title: '同期累计', key: 'ytdLastYear', align: 'right', render: (_, r) => value(r, r.ytdLastYear) },
        { title: '累计增速', key: 'ytdYoy', align: 'right', render: (_, r) => <Growth pct={r.ytdYoyPct} /> },
      ]}
    />
  );
}

/** Monthly bars of one indicator (in its display unit) with the 同比 line on the right axis. */
function trendOption(t: IndicatorTrend): EChartsOption {
  const unit = statsUnitLabel(t.unit);
  return {
    tooltip: { trigger: 'axis' },
    legend: { data: [`${t.label}(${unit})`, '同比增速(%)'], bottom: 0 },
    grid: { left: 56, right: 48, top: 36, bottom: 56 },
    xAxis: { type: 'category', data: t.points.map((p) => `${p.period.slice(2, 4)}年${Number(p.period.slice(5, 7))}月`) },
    yAxis: [
      { type: 'value', name: unit, nameTextStyle: { align: 'right' } },
      { type: 'value', name: '%', splitLine: { show: false } },
    ],
    series: [
      { name: `${t.label}(${unit})`, type: 'bar', data: t.points.map((p) => (p.value === null ? null : statsDisplayNumber(p.value, t.unit, 3))) },
      { name: '同比增速(%)', type: 'line', yAxisIndex: 1, connectNulls: false, data: t.points.map((p) => p.yoyPct) },
    ],
  };
}

function TrendCharts({ chain, chainLabel }: { chain: string | undefined; chainLabel: string }) {
  const indicators = chain === 'copper' ? ['output_fen', 'copper_sales_t'] : ['output_fen', 'revenue_fen'];
  const trend = useIndustryTrend({ chain, indicators, months: 24 });
  if (trend.isError && !trend.data) return <QueryError error={trend.error} onRetry={() => trend.refetch()} />;
  if (!trend.data) return <Card loading />;
  return (
    <Row gutter={[12, 12]}>
      {trend.data.indicators.map((t) => (
        <Col xs={24} xl={12} key={t.key}>
          <Card size="small" title={`${chainLabel}${t.label}月度走势(${statsUnitLabel(t.unit)},近24个月)`}>
            {t.points.every((p) => p.value === null) ? <EmptyHint description="暂无数据" /> : <Chart option={trendOption(t)} height={280} label={`${chainLabel}${t.label}月度走势`} />}
          </Card>
        </Col>
      ))}
    </Row>
  );
}

function Rankings({ month, groups, mobile }: { month: string; groups: IndustryStatsGroup[]; mobile: boolean }) {
  const park = groups[0]!;
  const [indicator, setIndicator] = useState('output_fen');
  const [basis, setBasis] = useState<StatsRankBasis>('month');
  const [order, setOrder] = useState<'desc' | 'asc'>('desc');
  const [chain, setChain] = useState<string>(PARK);
  const q = useIndustryRankings({ month, indicator, basis, order, chain: chain === PARK ? undefined : chain, limit: 20 }, true);
  const ind = q.data?.indicator;
  const fmt = (v: number | null) => (ind ? formatStatsValue(v, ind.unit, ind.decimals) : '—');
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select aria-label="排名指标" style={{ width: 160 }} value={indicator} onChange={setIndicator} options={park.rows.map((r) => ({ value: r.key, label: r.label }))} />
        <Segmented<StatsRankBasis> value={basis} onChange={setBasis} options={[{ value: 'month', label: '本月' }, { value: 'ytd', label: '累计' }]} />
        <Segmented<'desc' | 'asc'> value={order} onChange={setOrder} options={[{ value: 'desc', label: '前20名' }, { value: 'asc', label: '后20名' }]} />
        <Select aria-label="排名产业链" style={{ width: 140 }} value={chain} onChange={setChain} options={groups.map((g) => ({ value: g.chain ?? PARK, label: g.label }))} />
      </Space>
      {q.isError && !q.data ? (
        <QueryError error={q.error} onRetry={() => q.refetch()} />
      ) : mobile ? (
        <List
          loading={!q.data}
          dataSource={q.data?.rows ?? []}
          locale={{ emptyText: <EmptyHint description="暂无数据" /> }}
          renderItem={(r) => (
            <List.Item>
              <div style={{ width: '100%' }}>
                <strong>{r.rank}. {r.enterpriseName}</strong>
                <div>{fmt(r.value)} {ind?.unitLabel} · 同比 <Growth pct={r.yoyPct} /></div>
              </div>
            </List.Item>
          )}
        />
      ) : (
        <Table<IndustryRankingRow>
          rowKey="enterpriseId"
          size="small"
          loading={!q.data || q.isFetching}
          pagination={false}
          dataSource={q.data?.rows ?? []}
          locale={{ emptyText: <EmptyHint description="暂无数据" /> }}
          footer={() => (q.data ? `共 ${q.data.total} 家企业有数据,${q.data.order === 'desc' ? '由高到低' : '由低到高'}显示前 ${q.data.rows.length} 家` : null)}
          columns={[
            { title: '名次', dataIndex: 'rank', width: 64 },
            { title: '企业名称', dataIndex: 'enterpriseName' },
            { title: '产业链', dataIndex: 'chainLabel', width: 120, render: (v: string | null) => v ?? '—' },
            { title: `${q.data?.basis === 'ytd' ? '累计' : '本月'}(${ind?.unitLabel ?? ''})`, key: 'value', align: 'right', render: (_, r) => fmt(r.value) },
            { title: `同期(${ind?.unitLabel ?? ''})`, key: 'lastYear', align: 'right', render: (_, r) => fmt(r.lastYear) },
            { title: '同比', key: 'yoy', align: 'right', render: (_, r) => <Growth pct={r.yoyPct} /> },
          ]}
        />
      )}
    </>
  );
}

const CELL_COLORS: Record<CompletenessCell['state'], string> = { accepted: 'green', submitted: 'blue', returned: 'orange', missing: 'default' };

function cellTag(c: CompletenessCell) {
  const label = COMPLETENESS_STATE_LABELS[c.state];
  const text = c.late ? `${label}(逾期)` : label;
  const short = { accepted: '✓', submitted: '审', returned: '退', missing: '缺' }[c.state];
  return (
    <Tooltip title={`${periodLabel(c.period)}:${text}`}>
      <Tag color={c.late && c.state !== 'accepted' ? 'red' : CELL_COLORS[c.state]} style={{ marginInlineEnd: 0, minWidth: 26, textAlign: 'center' }} aria-label={`${periodLabel(c.period)}${text}`}>
        {short}
        {c.late ? '!' : ''}
      </Tag>
    </Tooltip>
  );
}

function Completeness({ month, groups }: { month: string; groups: IndustryStatsGroup[] }) {
  const chains = groups.filter((g) => g.chain);
  const [chain, setChain] = useState<string>(chains.some((g) => g.chain === 'copper') ? 'copper' : (chains[0]?.chain ?? PARK));
  const q = useIndustryCompleteness({ month, chain: chain === PARK ? undefined : chain }, true);
  const v: IndustryCompletenessView | undefined = q.data;
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }} align="center">
        <Select aria-label="完整性产业链" style={{ width: 160 }} value={chain} onChange={setChain} options={groups.map((g) => ({ value: g.chain ?? PARK, label: g.label }))} />
        {v && (
          <Typography.Text data-testid="completeness-summary">
            近12个月全部审核通过 <strong>{v.completeFirms}</strong> / {v.firms.length} 家;{periodLabel(v.periods[v.periods.length - 1]!)}已通过 {v.acceptedByPeriod[v.acceptedByPeriod.length - 1]} 家
          </Typography.Text>
        )}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>✓ 已通过 · 审 待审核 · 退 已退回 · 缺 未报送 · ! 逾期</Typography.Text>
      </Space>
      {q.isError && !v ? (
        <QueryError error={q.error} onRetry={() => q.refetch()} />
      ) : (
        <Table
          rowKey="enterpriseId"
          size="small"
          loading={!v || q.isFetching}
          pagination={false}
          scroll={{ x: 900, y: 520 }}
          dataSource={v?.firms ?? []}
          locale={{ emptyText: <EmptyHint description="该产业链暂无应报企业" /> }}
          columns={[
            { title: '企业', dataIndex: 'enterpriseName', fixed: 'left', width: 220, ellipsis: true },
            ...(v?.periods ?? []).map((p, i) => ({
              title: `${p.slice(2, 4)}.${p.slice(5, 7)}`,
              key: p,
              width: 52,
              align: 'center' as const,
              render: (_: unknown, f: IndustryCompletenessView['firms'][number]) => cellTag(f.cells[i]!),
            })),
            { title: '通过', dataIndex: 'accepted', width: 60, align: 'right' as const, render: (n: number) => `${n}/12` },
          ]}
          summary={() =>
            v ? (
              <Table.Summary fixed>
                <Table.Summary.Row>
                  <Table.Summary.Cell index={0}>已通过企业数</Table.Summary.Cell>
                  {v.acceptedByPeriod.map((n, i) => (
                    <Table.Summary.Cell index={i + 1} key={i} align="center">{n}</Table.Summary.Cell>
                  ))}
                  <Table.Summary.Cell index={13} align="right">{v.completeFirms}</Table.Summary.Cell>
                </Table.Summary.Row>
              </Table.Summary>
            ) : null
          }
        />
      )}
    </>
  );
}

/** 经济运行: the park's and each chain's main indicators for a month, trends, rankings, completeness, the .xlsx. */
export default function IndustryStatsPage() {
  const mobile = !Grid.useBreakpoint().md;
  const [month, setMonth] = useState<string | undefined>(undefined);
  const [chain, setChain] = useState<string>(PARK);
  const stats = useIndustryStats(month);
  const s = stats.data;
  const period = s?.period ?? undefined;
  const { exporting, doExport } = useExport(() => exportIndustryStats(period!, `${s?.ytdLabel ?? ''}经济运行主要指标.xlsx`));
  const group = useMemo(() => s?.groups.find((g) => (g.chain ?? PARK) === chain) ?? s?.groups[0], [s, chain]);

  return (
    <>
      <PageHeader
        title="经济运行"
        subTitle={s?.period ? `${s.periodLabel} · 累计 ${s.ytdLabel} · 审核通过的企业月报合计` : '企业经济运行月报统计'}
        extra={
          <Space wrap>
            <Select
              aria-label="统计月份"
              style={{ width: 140 }}
              value={period}
              placeholder="月份"
              disabled={!s || s.months.length === 0}
              onChange={setMonth}
              options={(s?.months ?? []).map((m) => ({ value: m, label: periodLabel(m) }))}
            />
            <Button icon={<DownloadOutlined />} loading={exporting} disabled={!period} onClick={doExport}>
              {exporting ? '正在生成…' : '导出 Excel'}
            </Button>
          </Space>
        }
      />
      {stats.isError && !s ? (
        <Card><QueryError error={stats.error} onRetry={() => stats.refetch()} /></Card>
      ) : !s ? (
        <Card loading />
      ) : !s.period || !group ? (
        <Card><EmptyHint description="暂无审核通过的经济运行月报" /></Card>
      ) : (
        <div style={{ opacity: stats.isFetching ? 0.6 : 1, transition: 'opacity .2s' }}>
          <Card size="small" style={{ marginBottom: 12 }}>
            <Segmented<string> value={(group.chain ?? PARK)} onChange={setChain} options={s.groups.map((g) => ({ value: g.chain ?? PARK, label: g.label }))} />
          </Card>
          <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
            <Col xs={8}><Card size="small"><Statistic title="应报企业" value={group.expected} suffix="家" /></Card></Col>
            <Col xs={8}><Card size="small"><Statistic title="已报送" value={group.reported} suffix="家" /></Card></Col>
            <Col xs={8}><Card size="small"><Statistic title="已审核通过" value={group.accepted} suffix="家" /></Card></Col>
          </Row>
          <Card size="small" title={`${group.label} ${s.periodLabel}主要指标`} style={{ marginBottom: 12 }} data-testid="stats-table">
            <IndicatorTable group={group} mobile={mobile} />
            <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '8px 0 0' }}>
              金额单位万元;同期、上月按可比口径(本月已审核通过的同一批企业上年同月、上月数)计算,同比、环比、累计增速据此得出;1月环比与上年12月比较。
            </Typography.Paragraph>
          </Card>
          <div style={{ marginBottom: 12 }}>
            <TrendCharts chain={group.chain ?? undefined} chainLabel={group.chain ? group.label : '全园区'} />
          </div>
          <Card size="small">
            <Tabs
              items={[
                { key: 'rankings', label: '企业排名', children: <Rankings month={s.period} groups={s.groups} mobile={mobile} /> },
                { key: 'completeness', label: '报送完整性', children: <Completeness month={s.period} groups={s.groups} /> },
              ]}
            />
          </Card>
        </div>
      )}
    </>
  );
}
