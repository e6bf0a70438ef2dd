import { Button, Card, Col, DatePicker, Row, Select, Space, Statistic, Table, Typography, type TableProps } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { Link, useSearchParams } from 'react-router-dom';
import { FUNNEL_STAGES, FUNNEL_STAGE_LABELS, LEAD_SOURCES, LEAD_SOURCE_LABELS, type FunnelFigures, type LeadFunnel, type LeadSource } from '@yuanqi/contract';
import { PageHeader } from '../../../components/PageHeader';
import { QueryError } from '../../../components/QueryError';
import { dayjs, formatDate, parkToday } from '../../../components/format';
import { useExport } from '../../../components/useExport';
import { useScreens } from '../../../components/useScreens';
import { exportLeadFunnel, useLeadFunnel, useLeadOptions, type FunnelParams } from './api';
import { LeadFunnelChart } from './FunnelChart';
import { SourceTag, leadAmount } from './bits';

const pct = (v: number | null) => (v === null ? '—' : `${v.toFixed(1)}%`);
const isDay = (s: string | null): s is string => !!s && /^\d{4}-\d{2}-\d{2}$/.test(s) && dayjs(s).isValid();

type ChainRow = LeadFunnel['byChain'][number] | ({ chain: 'total'; chainLabel: string } & FunnelFigures);

/** 招商漏斗: leads received in a period and how far they got, by chain; the period's signings; .xlsx. */
export default function FunnelPage() {
  const [params, setParams] = useSearchParams();
  const screens = useScreens();
  const today = parkToday();
  const q: FunnelParams = {
    from: isDay(params.get('from')) ? params.get('from')! : dayjs(today).subtract(1, 'year').add(1, 'day').format('YYYY-MM-DD'),
    to: isDay(params.get('to')) ? params.get('to')! : today,
  };
  if (params.get('chain')) q.chain = params.get('chain')!;
  const source = params.get('source');
  if (source && (LEAD_SOURCES as readonly string[]).includes(source)) q.source = source as LeadSource;
  const funnel = useLeadFunnel(q);
  const options = useLeadOptions();
  const { exporting, doExport } = useExport(() => exportLeadFunnel(q));
  const set = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next, { replace: true });
  };
  const f = funnel.data;

  const stageColumns = FUNNEL_STAGES.map((s) => ({
    title: FUNNEL_STAGE_LABELS[s],
    key: s,
    align: 'right' as const,
    width: 130,
    render: (_: unknown, r: ChainRow) => (
      <div>
        <div>{r[s].count}</div>
        <div style={{ fontSize: 12, color: '#667085' }}>{leadAmount(r[s].amountFen)}</div>
      </div>
    ),
  }));
  const columns: TableProps<ChainRow>['columns'] = [
    { title: '产业链', key: 'chain', width: 130, fixed: 'left', render: (_, r) => (r.chain === 'total' ? <strong>{r.chainLabel}</strong> : r.chainLabel) },
    ...stageColumns,
    { title: '已放弃', key: 'dropped', width: 80, align: 'right', render: (_, r) => r.dropped.count },
    { title: '签约转化率', key: 'conv', width: 100, align: 'right', render: (_, r) => pct(r.conversionPercent) },
    { title: '屏对屏占比', key: 'online', width: 100, align: 'right', render: (_, r) => pct(r.online.sharePercent) },
  ];

  return (
    <>
      <PageHeader
        title="招商漏斗"
        subTitle={
          <span>
            <Link to="/land/leads">招商线索</Link> · 期间内收到的线索,各阶段按截至今日曾到达该阶段计数;放弃的线索计入其放弃前到达的阶段
          </span>
        }
        extra={
          <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void doExport()}>
            导出 Excel
          </Button>
        }
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Space wrap>
          <DatePicker.RangePicker
            aria-label="期间"
            allowClear={false}
            value={[dayjs(q.from), dayjs(q.to)]}
            onChange={(v) => v?.[0] && v[1] && set({ from: v[0].format('YYYY-MM-DD'), to: v[1].format('YYYY-MM-DD') })}
          />
          <Select
            allowClear
            placeholder="全部产业链"
            aria-label="产业链"
            style={{ minWidth: 150 }}
            value={q.chain}
            onChange={(v) => set({ chain: v })}
            options={(options.data?.chains ?? []).map((c) => ({ value: c.code, label: c.label }))}
          />
          <Select allowClear placeholder="全部来源" aria-label="线索来源" style={{ minWidth: 150 }} value={q.source} onChange={(v) => set({ source: v })} options={LEAD_SOURCES.map((s) => ({ value: s, label: LEAD_SOURCE_LABELS[s] }))} />
        </Space>
      </Card>
      {funnel.isError && !f ? (
        <QueryError error={funnel.error} onRetry={() => funnel.refetch()} what="漏斗数据" />
      ) : !f ? (
        <Card loading />
      ) : (
        <>
          <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
            {FUNNEL_STAGES.map((s) => (
              <Col key={s} xs={12} md={8} xl={4}>
                <Card size="small">
                  <Statistic title={FUNNEL_STAGE_LABELS[s]} value={f.total[s].count} suffix="个" />
                  <div style={{ fontSize: 12, color: '#667085' }}>
                    {leadAmount(f.total[s].amountFen)}
                    {f.total.stepRates[s] !== null && ` · 转化 ${pct(f.total.stepRates[s])}`}
                  </div>
                </Card>
              </Col>
            ))}
            <Col xs={12} md={8} xl={4}>
              <Card size="small">
                <Statistic title="签约转化率" value={pct(f.total.conversionPercent)} />
                <div style={{ fontSize: 12, color: '#667085' }}>屏对屏线索占 {pct(f.total.online.sharePercent)}</div>
              </Card>
            </Col>
          </Row>
          <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
            <Col xs={24} lg={12}>
              <Card title="线索漏斗" size="small">
                <LeadFunnelChart
                  height={screens.md ? 300 : 240}
                  data={FUNNEL_STAGES.map((s) => ({ name: FUNNEL_STAGE_LABELS[s], value: f.total[s].count, detail: `${f.total[s].count} 个 · ${leadAmount(f.total[s].amountFen)}` }))}
                />
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card title="期间动态(不论线索何时收到)" size="small" data-testid="funnel-activity">
                <Row gutter={[12, 12]}>
                  <Col span={12}>
                    <Statistic title="洽谈次数" value={f.activity.negotiations} suffix="次" />
                    <div style={{ fontSize: 12, color: '#667085' }}>屏对屏 {f.activity.onlineNegotiations} 次({pct(f.activity.onlineNegotiationSharePercent)})</div>
                  </Col>
                  <Col span={12}>
                    <Statistic title="提交上会 / 过会" value={`${f.activity.committeeSubmissions} / ${f.activity.approvals}`} />
                  </Col>
                  <Col span={12}>
                    <Statistic title="签约项目" value={f.activity.signed.count} suffix="个" />
                    <div style={{ fontSize: 12, color: '#667085' }}>{leadAmount(f.activity.signed.amountFen)}</div>
                  </Col>
                  <Col span={12}>
                    <Statistic title="其中屏对屏签约" value={f.activity.signedOnline.count} suffix="个" />
                    <div style={{ fontSize: 12, color: '#667085' }}>{leadAmount(f.activity.signedOnline.amountFen)}</div>
                  </Col>
                </Row>
              </Card>
            </Col>
          </Row>
          <Card title="按产业链" size="small" style={{ marginBottom: 16 }}>
            <Table<ChainRow>
              rowKey={(r) => r.chain ?? 'none'}
              size="small"
              pagination={false}
              scroll={{ x: 1050 }}
              columns={columns}
              dataSource={[...f.byChain, { chain: 'total', chainLabel: '合计', ...f.total }]}
            />
          </Card>
          <Card title={`期间签约(${f.signings.length})`} size="small">
            <Table
              rowKey="leadId"
              size="small"
              pagination={f.signings.length > 10 ? { pageSize: 10 } : false}
              scroll={{ x: 800 }}
              dataSource={f.signings}
              locale={{ emptyText: '期间内无签约' }}
              columns={[
                { title: '项目', key: 'p', render: (_, s) => <Link to={`/land/leads/${s.leadId}`}>{s.projectName}</Link> },
                { title: '投资方', dataIndex: 'investor', key: 'i' },
                { title: '产业链', key: 'c', render: (_, s) => s.chainLabel ?? '—' },
                { title: '投资额', key: 'a', align: 'right', render: (_, s) => leadAmount(s.amountFen) },
                { title: '签约日期', key: 'd', render: (_, s) => <span className="yq-date">{formatDate(s.signedOn)}</span> },
                { title: '来源', key: 's', render: (_, s) => <SourceTag source={s.source} /> },
                { title: '招商项目', key: 'proj', render: (_, s) => (s.projectId ? <Link to={`/commitments/${s.projectId}`}>查看项目</Link> : '—') },
              ]}
            />
          </Card>
          <Typography.Paragraph type="secondary" style={{ marginTop: 12, fontSize: 12 }}>
            口径:收到线索 = 期间内登记的线索;开展洽谈 = 至少有一次洽谈记录;提交上会 = 曾提交招商委员会;招商委员会通过 = 曾获通过;签约 = 已签约并转入招商项目。金额为线索的意向投资额。
          </Typography.Paragraph>
        </>
      )}
    </>
  );
}
