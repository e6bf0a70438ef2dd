import { useMemo, useState } from 'react';
import { Button, Card, Col, DatePicker, Row, Segmented, Space, Statistic, Table, Tabs, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { formatFigureYuan, type BridgeLoanBankRow, type NeedStatisticsByBank } from '@yuanqi/contract';
import { dayjs, formatCount, parkToday } from '../../../components/format';
import { PageHeader } from '../../../components/PageHeader';
import { QueryError } from '../../../components/QueryError';
import { useExport } from '../../../components/useExport';
import { exportFinanceStats, useFinanceStats } from './api';

type Preset = 'month' | 'quarter' | 'year' | 'custom';

/** The period of a preset, up to today (Asia/Shanghai). */
export function presetPeriod(preset: Exclude<Preset, 'custom'>, today = parkToday()): { from: string; to: string } {
  const d = dayjs(today);
  if (preset === 'month') return { from: d.startOf('month').format('YYYY-MM-DD'), to: today };
  if (preset === 'quarter') {
    const q = Math.floor(d.month() / 3) * 3;
    return { from: d.month(q).startOf('month').format('YYYY-MM-DD'), to: today };
  }
  return { from: d.startOf('year').format('YYYY-MM-DD'), to: today };
}

const pct = (share: number) => `${(share * 100).toLocaleString('zh-CN', { maximumFractionDigits: 1 })}%`;

function Figure({ title, value, sub, to }: { title: string; value: string; sub?: string; to?: string }) {
  const body = (
    <Card hoverable={!!to} style={{ height: '100%' }}>
      <Statistic title={title} value={value} />
      {sub && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{sub}</Typography.Text>}
    </Card>
  );
  return <Col xs={12} md={8} xl={6}>{to ? <Link to={to}>{body}</Link> : body}</Col>;
}

/** 金融服务统计: a period, its figures from every sub-domain, by institution, and the .xlsx export. */
export default function FinanceStatsPage() {
  const [preset, setPreset] = useState<Preset>('year');
  const [custom, setCustom] = useState<[string, string]>(() => {
    const p = presetPeriod('year');
    return [p.from, p.to];
  });
  const period = useMemo(() => (preset === 'custom' ? { from: custom[0], to: custom[1] } : presetPeriod(preset)), [preset, custom]);
  const stats = useFinanceStats(period);
  const { exporting, doExport } = useExport(() => exportFinanceStats(period));
  const s = stats.data;

  return (
    <>
      <PageHeader
        title="金融服务统计"
        subTitle={`${period.from} 至 ${period.to}`}
        extra={<Button icon={<DownloadOutlined />} loading={exporting} onClick={doExport} disabled={!s}>{exporting ? '正在生成…' : '导出 Excel'}</Button>}
      />
      <Card style={{ marginBottom: 12 }}>
        <Space wrap>
          <Segmented<Preset> value={preset} onChange={setPreset} options={[{ value: 'month', label: '本月' }, { value: 'quarter', label: '本季' }, { value: 'year', label: '本年' }, { value: 'custom', label: '自定义' }]} />
          {preset === 'custom' && (
            <DatePicker.RangePicker
              allowClear={false}
              value={[dayjs(custom[0]), dayjs(custom[1])]}
              onChange={(v) => v?.[0] && v[1] && setCustom([v[0].format('YYYY-MM-DD'), v[1].format('YYYY-MM-DD')])}
            />
          )}
        </Space>
      </Card>
      {stats.isError && !s ? (
        <Card><QueryError error={stats.error} onRetry={() => stats.refetch()} /></Card>
      ) : !s ? (
        <Card loading />
      ) : (
        <div style={{ opacity: stats.isFetching ? 0.6 : 1, transition: 'opacity .2s' }}>
          <Typography.Title level={5}>融资对接</Typography.Title>
          <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
            <Figure title="融资需求" value={formatCount(s.needs.needsFiled, ' 笔')} sub={`需求金额 ${formatFigureYuan(s.needs.needsAmountFen)}`} />
            <Figure title="融资放款" value={formatFigureYuan(s.needs.disbursedAmountFen)} sub={`${s.needs.disbursedCount} 笔`} />
            <Figure title="平均放款用时" value={s.needs.workingDays.average === null ? '—' : `${s.needs.workingDays.average.toLocaleString('zh-CN', { maximumFractionDigits: 1 })} 个工作日`} sub={`5个工作日内放款 ${s.needs.workingDays.withinFive} 笔`} />
            <Figure title="按时答复率" value={pct(s.needs.answeredOnTimeShare)} sub={`答复逾期 ${s.needs.overdueAnswers} 次`} />
          </Row>
          <Typography.Title level={5}>应急转贷</Typography.Title>
          <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
            <Figure title="转贷放款" value={formatFigureYuan(s.bridge.disbursedFen)} sub={`${s.bridge.disbursedCount} 笔,平均使用 ${s.bridge.averageDaysUsed ?? '—'} 天`} />
            <Figure title="收取费用" value={formatFigureYuan(s.bridge.feeFen)} sub={`逾期费 ${formatFigureYuan(s.bridge.penaltyFen)}`} />
            <Figure title="在贷 / 逾期(当前)" value={`${s.bridge.outstandingCount} / ${s.bridge.overdueCount} 笔`} sub={`逾期金额 ${formatFigureYuan(s.bridge.overdueFen)}`} />
            <Figure title="资金池周转" value={s.bridge.poolTurnover === null ? '—' : `${s.bridge.poolTurnover.toLocaleString('zh-CN', { maximumFractionDigits: 2 })} 次`} sub={`规模 ${formatFigureYuan(s.bridge.poolCapitalFen)}`} />
          </Row>
          <Typography.Title level={5}>存铜融 · 融资对接会 · 金融机构</Typography.Title>
          <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
            <Figure title="存铜融融资余额" value={formatFigureYuan(s.copper.activePledges.outstandingFen)} sub={`在押 ${s.copper.activePledges.count} 笔,本期补仓通知 ${s.copper.marginCallsInPeriod.count} 次`} />
            <Figure title="对接会签约" value={formatFigureYuan(s.events.signedAmountFen)} sub={`${s.events.count} 场,签约企业 ${s.events.signedFirms} 家`} to="/finance/events" />
            <Figure title="合作金融机构" value={`${s.institutions.total} 家`} sub={`银行 ${s.institutions.banks} 家,其他 ${s.institutions.others} 家,战略合作 ${s.institutions.strategic} 家`} />
          </Row>
          <Card styles={{ body: { paddingTop: 4 } }}>
            <Tabs
              items={[
                {
                  key: 'needs',
                  label: '融资对接 · 按机构',
                  children: (
                    <Table<NeedStatisticsByBank>
                      rowKey="bankId"
                      size="small"
                      pagination={false}
                      scroll={{ x: 760 }}
                      dataSource={s.needs.byBank}
                      columns={[
                        { title: '金融机构', dataIndex: 'bankName', fixed: 'left', width: 160 },
                        { title: '推送', dataIndex: 'sent', align: 'right' },
                        { title: '已答复', dataIndex: 'answered', align: 'right' },
                        { title: '按时答复', dataIndex: 'answeredOnTime', align: 'right' },
                        { title: '审批', dataIndex: 'approvedCount', align: 'right' },
                        { title: '审批金额', dataIndex: 'approvedAmountFen', align: 'right', render: (v: number) => formatFigureYuan(v) },
                        { title: '放款', dataIndex: 'disbursedCount', align: 'right' },
                        { title: '放款金额', dataIndex: 'disbursedAmountFen', align: 'right', render: (v: number) => formatFigureYuan(v) },
                      ]}
                    />
                  ),
                },
                {
                  key: 'bridge',
                  label: '应急转贷 · 按机构',
                  children: (
                    <Table<BridgeLoanBankRow>
                      rowKey="bankId"
                      size="small"
                      pagination={false}
                      scroll={{ x: 640 }}
                      dataSource={s.bridge.byBank}
                      columns={[
                        { title: '金融机构', dataIndex: 'bankName', fixed: 'left', width: 160 },
                        { title: '放款笔数', dataIndex: 'count', align: 'right' },
                        { title: '放款金额', dataIndex: 'amountFen', align: 'right', render: (v: number) => formatFigureYuan(v) },
                        { title: '在贷', dataIndex: 'outstandingCount', align: 'right' },
                        { title: '逾期', dataIndex: 'overdueCount', align: 'right' },
                        { title: '逾期金额', dataIndex: 'overdueFen', align: 'right', render: (v: number) => formatFigureYuan(v) },
                      ]}
                    />
                  ),
                },
              ]}
            />
          </Card>
        </div>
      )}
    </>
  );
}
