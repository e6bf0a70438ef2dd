import { useMemo, useState } from 'react';
import { App, Button, Card, Col, DatePicker, Empty, Form, Input, Modal, Radio, Row, Select, Skeleton, Space, Statistic, Table, Tag, Typography, type TableProps } from 'antd';
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { Link, useSearchParams } from 'react-router-dom';
import { type BridgeLedgerEntryView, type BridgeLedgerKindValue, type BridgeLoanBankRow } from '@yuanqi/contract';
import { errorMessage } from '../../../app/api';
import { hasPermission, useMe } from '../../../app/auth';
import { PageHeader } from '../../../components/PageHeader';
import { QueryError } from '../../../components/QueryError';
import { applyFieldErrors } from '../../../components/forms';
import { dayjs, formatDateTime, parkToday } from '../../../components/format';
import { useExport } from '../../../components/useExport';
import { useScreens } from '../../../components/useScreens';
import { MoneyInput } from '../../funds/bits';
import { exportPoolStatement, useBridgePools, useBridgeStats, useCreateBridgePool, useMoveCapital, usePoolStatement } from './api';
import { yuan } from './bits';
import './bridge.css';

const KIND_COLORS: Record<BridgeLedgerKindValue, string> = { capital: 'blue', withdraw: 'geekblue', disburse: 'volcano', repay: 'green', fee: 'gold', penalty: 'red' };
type Row = BridgeLedgerEntryView & { edge?: 'opening' | 'closing' };

function CapitalModal({ poolId, open, onClose }: { poolId: string; open: boolean; onClose: () => void }) {
  const [form] = Form.useForm();
  const move = useMoveCapital(poolId);
  const { message } = App.useApp();
  return (
    <Modal
      title="注资 / 减资"
      open={open}
      onCancel={onClose}
      okText="确定"
      confirmLoading={move.isPending}
      destroyOnHidden
      onOk={() =>
        form.validateFields().then(async (v) => {
          try {
            await move.mutateAsync({ direction: v.direction, amountFen: v.amountFen, memo: v.memo });
            message.success(v.direction === 'in' ? '已注资' : '已减资');
            onClose();
          } catch (e) {
            if (!applyFieldErrors(form, e)) message.error(errorMessage(e));
          }
        })
      }
    >
      <Form form={form} layout="vertical" initialValues={{ direction: 'in' }} preserve={false}>
        <Form.Item name="direction" label="方向">
          <Radio.Group optionType="button" buttonStyle="solid" options={[{ value: 'in', label: '注资' }, { value: 'out', label: '减资(不超过可用余额)' }]} />
        </Form.Item>
        <Form.Item name="amountFen" label="金额" rules={[{ required: true, message: '请填写金额' }]}>
          <MoneyInput />
        </Form.Item>
        <Form.Item name="memo" label="说明" rules={[{ required: true, whitespace: true, message: '请填写说明' }]}>
          <Input maxLength={200} placeholder="例如:市财政追加应急转贷资金" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function CreatePoolModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [form] = Form.useForm();
  const create = useCreateBridgePool();
  const { message } = App.useApp();
  return (
    <Modal
      title="新建转贷资金池"
      open={open}
      onCancel={onClose}
      confirmLoading={create.isPending}
      destroyOnHidden
      onOk={() =>
        form.validateFields().then(async (v) => {
          try {
            await create.mutateAsync(v);
            message.success('已新建资金池');
            onClose();
          } catch (e) {
            if (!applyFieldErrors(form, e)) message.error(errorMessage(e));
          }
        })
      }
    >
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item name="code" label="编码" rules={[{ required: true, whitespace: true, message: '请填写编码' }]}>
          <Input maxLength={30} />
        </Form.Item>
        <Form.Item name="name" label="名称" rules={[{ required: true, whitespace: true, message: '请填写资金池名称' }]}>
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item name="capitalFen" label="初始资金" rules={[{ required: true, message: '请填写初始资金' }]}>
          <MoneyInput />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 应急转贷统计 for any period: count, amount, average days, fees, turnover, overdue, by bank. */
export function BridgeStatsPanel({ from, to }: { from: string; to: string }) {
  const stats = useBridgeStats({ from, to });
  if (stats.isLoading) return <Card><Skeleton active /></Card>;
  if (stats.isError || !stats.data) return <QueryError error={stats.error} onRetry={() => stats.refetch()} what="转贷统计" />;
  const s = stats.data;
  const figures: [string, React.ReactNode][] = [
    ['放款笔数', `${s.disbursedCount} 笔`],
    ['放款金额', yuan(s.disbursedFen)],
    ['平均使用天数', s.averageDaysUsed === null ? '—' : `${s.averageDaysUsed} 天`],
    ['转贷费收入', yuan(s.feeFen)],
    ['逾期费收入', yuan(s.penaltyFen)],
    ['资金池周转', s.poolTurnover === null ? '—' : `${s.poolTurnover} 次`],
    ['在贷', `${s.outstandingCount} 笔 / ${yuan(s.outstandingFen)}`],
    ['逾期', `${s.overdueCount} 笔 / ${yuan(s.overdueFen)}`],
    ['申请 / 通过 / 未通过', `${s.applicationsFiled} / ${s.applicationsApproved} / ${s.applicationsRejected}`],
  ];
  const cols: TableProps<BridgeLoanBankRow>['columns'] = [
    { title: '银行', dataIndex: 'bankName', key: 'bank' },
    { title: '放款笔数', dataIndex: 'count', key: 'count', align: 'right' },
    { title: '放款金额', key: 'amount', align: 'right', render: (_, r) => yuan(r.amountFen) },
    { title: '在贷', key: 'out', align: 'right', render: (_, r) => (r.outstandingCount ? `${r.outstandingCount} 笔 / ${yuan(r.outstandingFen)}` : '—') },
    { title: '逾期', key: 'overdue', align: 'right', render: (_, r) => (r.overdueCount ? <Typography.Text type="danger">{`${r.overdueCount} 笔`}</Typography.Text> : '—') },
  ];
  return (
    <Card title={`转贷统计(${from} 至 ${to})`} className="yq-section yq-bridge-stats" size="small">
      <Row gutter={[12, 12]}>
        {figures.map(([t, v]) => (
          <Col key={t} xs={12} md={8} xl={6}>
            <Statistic title={t} value={typeof v === 'string' ? v : undefined} formatter={() => v} styles={{ content: { fontSize: 18, color: t === '逾期' && s.overdueCount ? '#cf1322' : undefined } }} />
          </Col>
        ))}
      </Row>
      <Table<BridgeLoanBankRow> style={{ marginTop: 12 }} size="small" rowKey="bankId" columns={cols} dataSource={s.byBank} pagination={false} scroll={{ x: 560 }} locale={{ emptyText: <Empty description="该期间没有转贷" /> }} />
    </Card>
  );
}

/** 转贷资金池: the pools, a statement for any period (opening, entries, closing) with .xlsx, and the statistics. */
export default function BridgePoolsPage() {
  const me = useMe();
  const screens = useScreens();
  const manage = hasPermission(me, 'finance:manage');
  const [params, setParams] = useSearchParams();
  const pools = useBridgePools();
  const poolId = params.get('pool') ?? pools.data?.[0]?.id;
  const from = params.get('from') ?? dayjs(parkToday()).subtract(3, 'month').format('YYYY-MM-DD');
  const to = params.get('to') ?? parkToday();
  const statement = usePoolStatement(poolId, { from, to });
  const [capital, setCapital] = useState(false);
  const [creating, setCreating] = useState(false);
  const { exporting, doExport } = useExport(() => exportPoolStatement(poolId!, { from, to }));
  const pool = pools.data?.find((p) => p.id === poolId);
  const s = statement.data;

  const rows: Row[] = useMemo(() => {
    if (!s) return [];
    const edge = (e: 'opening' | 'closing', f: typeof s.opening): Row => ({
      seq: e === 'opening' ? -1 : -2,
      kind: 'capital',
      kindLabel: '',
      amountFen: 0,
      availableAfterFen: f.availableFen,
      lentAfterFen: f.lentFen,
      feeIncomeAfterFen: f.feeIncomeFen,
      loanId: null,
      loanNumber: null,
      enterpriseName: null,
      memo: e === 'opening' ? `期初(${from} 之前)` : `期末(截至 ${to})`,
      createdAt: '',
      createdBy: null,
      edge: e,
    });
    return [edge('opening', s.opening), ...s.entries, edge('closing', s.closing)];
  }, [s, from, to]);

  const columns: TableProps<Row>['columns'] = [
    { title: '序号', key: 'seq', width: 64, render: (_, r) => (r.edge ? '' : r.seq) },
    { title: '时间', key: 'at', width: 140, render: (_, r) => (r.edge ? '' : formatDateTime(r.createdAt)) },
    { title: '类型', key: 'kind', width: 90, render: (_, r) => (r.edge ? <Typography.Text strong>{r.edge === 'opening' ? '期初' : '期末'}</Typography.Text> : <Tag color={KIND_COLORS[r.kind]}>{r.kindLabel}</Tag>) },
    {
      title: '摘要',
      key: 'memo',
      render: (_, r) => (
        <div style={{ minWidth: 180 }}>
          <div>{r.memo}</div>
          {r.loanNumber && (
            <div style={{ fontSize: 12 }}>
              <Link to={`/finance/bridge-loans/${r.loanId}`} className="yq-mono">
                {r.loanNumber}
              </Link>
            </div>
          )}
        </div>
      ),
    },
    {
      title: '金额',
      key: 'amount',
      width: 150,
      align: 'right',
      render: (_, r) => (r.edge ? '' : <Typography.Text type={r.kind === 'disburse' || r.kind === 'withdraw' ? 'danger' : 'success'}>{`${r.kind === 'disburse' || r.kind === 'withdraw' ? '−' : '+'}${yuan(r.amountFen)}`}</Typography.Text>),
    },
    { title: '可用余额', key: 'avail', width: 150, align: 'right', render: (_, r) => yuan(r.availableAfterFen) },
    { title: '在贷', key: 'lent', width: 140, align: 'right', render: (_, r) => yuan(r.lentAfterFen) },
    { title: '费用收入', key: 'fee', width: 130, align: 'right', render: (_, r) => yuan(r.feeIncomeAfterFen) },
  ];

  const setParam = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) (v ? next.set(k, v) : next.delete(k));
    setParams(next, { replace: true });
  };

  return (
    <div>
      <PageHeader
        title="转贷资金池"
        subTitle="余额由数据库保证不为负;台账只增不改,每笔资金变动一条记录"
        extra={manage && <Button icon={<PlusOutlined />} onClick={() => setCreating(true)}>新建资金池</Button>}
      />
      {pools.isLoading ? (
        <Card><Skeleton active /></Card>
      ) : pools.isError ? (
        <QueryError error={pools.error} onRetry={() => pools.refetch()} what="资金池" />
      ) : !pool ? (
        <Card><Empty description="还没有转贷资金池">{manage && <Button type="primary" onClick={() => setCreating(true)}>新建资金池</Button>}</Empty></Card>
      ) : (
        <>
          <Card
            className="yq-section"
            title={
              (pools.data?.length ?? 0) > 1 ? (
                <Select value={poolId} onChange={(v) => setParam({ pool: v })} options={pools.data!.map((p) => ({ value: p.id, label: p.name }))} style={{ minWidth: 200 }} />
              ) : (
                pool.name
              )
            }
            extra={manage && <Button onClick={() => setCapital(true)}>注资 / 减资</Button>}
          >
            <Row gutter={[16, 16]}>
              <Col xs={12} md={6}><Statistic title="资本金" value={yuan(pool.capitalFen)} /></Col>
              <Col xs={12} md={6}><Statistic title="可用余额" value={yuan(pool.availableFen)} styles={{ content: { color: '#0b5cad' } }} /></Col>
              <Col xs={12} md={6}><Statistic title="在贷" value={yuan(pool.lentFen)} /></Col>
              <Col xs={12} md={6}><Statistic title="累计费用收入" value={yuan(pool.feeIncomeFen)} /></Col>
            </Row>
          </Card>
          <Card
            className="yq-section"
            title="明细账"
            extra={
              <Space wrap>
                <DatePicker.RangePicker
                  value={[dayjs(from), dayjs(to)]}
                  allowClear={false}
                  onChange={(r) => r?.[0] && r[1] && setParam({ from: r[0].format('YYYY-MM-DD'), to: r[1].format('YYYY-MM-DD') })}
                  style={{ width: screens.md ? 260 : '100%' }}
                />
                <Button icon={<DownloadOutlined />} loading={exporting} onClick={doExport}>导出 Excel</Button>
              </Space>
            }
          >
            {statement.isError ? (
              <QueryError error={statement.error} onRetry={() => statement.refetch()} what="明细账" />
            ) : (
              <Table<Row>
                rowKey={(r) => r.seq}
                size="small"
                loading={statement.isLoading || statement.isFetching}
                columns={columns}
                dataSource={rows}
                pagination={false}
                scroll={{ x: 1000, y: 520 }}
                rowClassName={(r) => (r.edge ? 'yq-ledger-edge' : '')}
              />
            )}
            {s && (
              <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0, fontSize: 12 }}>
                本期 {s.entries.length} 笔:放款 {yuan(s.totals.disburse)},收回本金 {yuan(s.totals.repay)},转贷费 {yuan(s.totals.fee)},逾期费 {yuan(s.totals.penalty)},注资 {yuan(s.totals.capital)},减资 {yuan(s.totals.withdraw)}
              </Typography.Paragraph>
            )}
          </Card>
          <BridgeStatsPanel from={from} to={to} />
          <CapitalModal poolId={pool.id} open={capital} onClose={() => setCapital(false)} />
        </>
      )}
      <CreatePoolModal open={creating} onClose={() => setCreating(false)} />
    </div>
  );
}
