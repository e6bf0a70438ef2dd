import { useMemo, useState } from 'react';
import { App, Button, Card, Col, DatePicker, Descriptions, Form, Input, Modal, Popconfirm, Radio, Row, Space, Statistic, Table, Tag, Typography, type TableProps } from 'antd';
import { DownloadOutlined, EditOutlined } from '@ant-design/icons';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { FUND_SOURCE_LABELS, LEDGER_KIND_LABELS, type LedgerEntryView, type LedgerKind } from '@yuanqi/contract';
import { hasPermission, useMe } from '../../app/auth';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { applyFieldErrors } from '../../components/forms';
import { dayjs, formatDateTime, parkToday } from '../../components/format';
import { useExport } from '../../components/useExport';
import { useScreens } from '../../components/useScreens';
import { exportStatement, useAdjustFund, useStatement, useUpdateFund } from './api';
import { BurnBar, MoneyInput, yuan } from './bits';

const KIND_COLORS: Record<LedgerKind, string> = { budget: 'blue', adjust: 'geekblue', reserve: 'gold', release: 'lime', payout: 'volcano', reversal: 'green' };

type Row = LedgerEntryView & { rowType?: 'opening' | 'closing' };

/** 资金明细账: one fund's entries in a date range, opening and closing figures, export. */
export default function FundStatementPage() {
  const { id = '' } = useParams();
  const me = useMe();
  const screens = useScreens();
  const [params, setParams] = useSearchParams();
  const year = String(new Date().getFullYear());
  const from = params.get('from') ?? `${year}-01-01`;
  const to = params.get('to') ?? parkToday();
  const statement = useStatement(id, { from, to });
  const s = statement.data;
  const fund = s?.fund;
  const [adjusting, setAdjusting] = useState(false);
  const update = useUpdateFund(id);
  const { message } = App.useApp();
  const { exporting, doExport } = useExport(() => exportStatement(id, { from, to }));
  const manage = hasPermission(me, 'fund:manage');

  const rows: Row[] = useMemo(() => {
    if (!s) return [];
    const edge = (rowType: 'opening' | 'closing', f: typeof s.opening): Row => ({
      id: rowType === 'opening' ? -1 : -2,
      seq: 0,
      kind: 'budget',
      amountFen: 0,
      reservedDeltaFen: 0,
      balanceAfterFen: f.balanceFen,
      reservedAfterFen: f.reservedFen,
      availableAfterFen: f.availableFen,
      refType: null,
      refId: null,
      enterpriseId: null,
      enterpriseName: null,
      voucherNumber: null,
      memo: rowType === 'opening' ? `期初(${from} 之前)` : `期末(截至 ${to})`,
      createdBy: null,
      createdAt: '',
      rowType,
    });
    return [edge('opening', s.opening), ...s.entries, edge('closing', s.closing)];
  }, [s, from, to]);

  const columns: TableProps<Row>['columns'] = [
    { title: '序号', dataIndex: 'seq', key: 'seq', width: 64, render: (v: number, r) => (r.rowType ? '' : v) },
    { title: '日期', dataIndex: 'createdAt', key: 'at', width: 140, render: (v: string, r) => (r.rowType ? '' : formatDateTime(v)) },
    {
      title: '类型',
      dataIndex: 'kind',
      key: 'kind',
      width: 100,
      render: (v: LedgerKind, r) => (r.rowType ? <Typography.Text strong>{r.rowType === 'opening' ? '期初' : '期末'}</Typography.Text> : <Tag color={KIND_COLORS[v]}>{LEDGER_KIND_LABELS[v]}</Tag>),
    },
    {
      title: '摘要',
      key: 'memo',
      render: (_, r) => (
        <div style={{ minWidth: 180 }}>
          <div>{r.memo}</div>
          {(r.enterpriseName || r.voucherNumber) && (
            <div style={{ fontSize: 12, color: '#667085' }}>
              {r.voucherNumber && <span className="yq-mono">{r.voucherNumber} </span>}
              {r.enterpriseId ? <Link to={`/enterprises/${r.enterpriseId}`}>{r.enterpriseName}</Link> : r.enterpriseName}
            </div>
          )}
        </div>
      ),
    },
    { title: '收入', key: 'in', align: 'right', width: 130, render: (_, r) => (!r.rowType && r.amountFen > 0 ? yuan(r.amountFen) : '') },
    { title: '支出', key: 'out', align: 'right', width: 130, render: (_, r) => (!r.rowType && r.amountFen < 0 ? yuan(-r.amountFen) : '') },
    { title: '预留变动', key: 'reserved', align: 'right', width: 130, render: (_, r) => (!r.rowType && r.reservedDeltaFen !== 0 ? `${r.reservedDeltaFen > 0 ? '+' : ''}${yuan(r.reservedDeltaFen)}` : '') },
    { title: '余额', dataIndex: 'balanceAfterFen', key: 'balance', align: 'right', width: 150, render: (v: number) => yuan(v) },
    { title: '可用', dataIndex: 'availableAfterFen', key: 'available', align: 'right', width: 150, render: (v: number) => yuan(v) },
  ];

  const setRange = (f: string | undefined, t: string | undefined) => {
    const next = new URLSearchParams(params);
    if (f) next.set('from', f);
    else next.delete('from');
    if (t) next.set('to', t);
    else next.delete('to');
    setParams(next);
  };

  if (statement.isError && !s) {
    return (
      <Card>
        <QueryError error={statement.error} onRetry={() => statement.refetch()} />
      </Card>
    );
  }

  return (
    <>
      <PageHeader
        title={fund ? `${fund.name} · 资金明细账` : '资金明细账'}
        subTitle={fund ? `${fund.code} · ${fund.year}年度 · ${FUND_SOURCE_LABELS[fund.source]}${fund.department ? ` · ${fund.department}` : ''}` : undefined}
        extra={
          <>
            <Button icon={<DownloadOutlined />} loading={exporting} onClick={doExport}>
              导出明细账
            </Button>
            {manage && fund && (
              <>
                <Button icon={<EditOutlined />} onClick={() => setAdjusting(true)}>
                  调整预算
                </Button>
                <Popconfirm
                  title={fund.status === 'active' ? '关闭后不能再从该资金拨付或预留,确定关闭?' : '重新启用该专项资金?'}
                  onConfirm={async () => {
                    await update.mutateAsync({ status: fund.status === 'active' ? 'closed' : 'active' });
                    message.success(fund.status === 'active' ? '已关闭' : '已启用');
                  }}
                >
                  <Button danger={fund.status === 'active'}>{fund.status === 'active' ? '关闭资金' : '重新启用'}</Button>
                </Popconfirm>
              </>
            )}
          </>
        }
      />
      {fund && (
        <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
          <Col xs={12} md={6}>
            <Card size="small">
              <Statistic title="预算" value={yuan(fund.budgetFen)} />
            </Card>
          </Col>
          <Col xs={12} md={6}>
            <Card size="small">
              <Statistic title="已拨付" value={yuan(fund.paidFen)} />
              <BurnBar percent={fund.burnPercent} />
            </Card>
          </Col>
          <Col xs={12} md={6}>
            <Card size="small">
              <Statistic title="已预留(承诺)" value={yuan(fund.reservedFen)} />
            </Card>
          </Col>
          <Col xs={12} md={6}>
            <Card size="small">
              <Statistic title="可用余额" value={yuan(fund.availableFen)} styles={{ content: { color: '#0e7490' } }} />
            </Card>
          </Col>
        </Row>
      )}
      <Card size="small" style={{ marginBottom: 12 }}>
        <Space wrap>
          <span>期间</span>
          <DatePicker.RangePicker
            allowClear={false}
            value={[dayjs(from), dayjs(to)]}
            onChange={(v) => v && setRange(v[0]?.format('YYYY-MM-DD'), v[1]?.format('YYYY-MM-DD'))}
            aria-label="期间"
          />
          <Radio.Group
            size="small"
            optionType="button"
            value={null}
            onChange={(e) => {
              const today = parkToday();
              const d = dayjs(today);
              if (e.target.value === 'month') setRange(d.startOf('month').format('YYYY-MM-DD'), today);
              if (e.target.value === 'quarter') setRange(d.month(Math.floor(d.month() / 3) * 3).startOf('month').format('YYYY-MM-DD'), today);
              if (e.target.value === 'year') setRange(d.startOf('year').format('YYYY-MM-DD'), today);
              if (e.target.value === 'all') setRange('2000-01-01', today);
            }}
            options={[
              { value: 'month', label: '本月' },
              { value: 'quarter', label: '本季度' },
              { value: 'year', label: '本年' },
              { value: 'all', label: '全部' },
            ]}
          />
        </Space>
        {s && (
          <Descriptions size="small" column={screens.md ? 4 : 2} style={{ marginTop: 12 }}>
            <Descriptions.Item label="期初余额">{yuan(s.opening.balanceFen)}</Descriptions.Item>
            <Descriptions.Item label="本期收入">{yuan(s.totals.inFen)}</Descriptions.Item>
            <Descriptions.Item label="本期支出">{yuan(s.totals.outFen)}</Descriptions.Item>
            <Descriptions.Item label="期末余额">{yuan(s.closing.balanceFen)}</Descriptions.Item>
          </Descriptions>
        )}
      </Card>
      <Card styles={{ body: { padding: 0 } }} title={s ? `本期 ${s.totals.count} 笔` : undefined} extra={<Link to={`/payouts?fundId=${id}`}>查看拨付记录</Link>}>
        <Table<Row>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={rows}
          loading={statement.isLoading || statement.isFetching}
          pagination={false}
          // a year of a busy fund is hundreds of rows: render only those in view
          virtual
          scroll={{ x: 1100, y: screens.md ? 560 : 480 }}
          rowClassName={(r) => (r.rowType ? 'yq-ledger-edge' : '')}
          onRow={(r) => (r.rowType ? { style: { background: '#f5f8ff', fontWeight: 500 } } : {})}
        />
      </Card>
      {fund && <AdjustModal open={adjusting} onClose={() => setAdjusting(false)} fundId={id} availableFen={fund.availableFen} />}
    </>
  );
}

function AdjustModal({ open, onClose, fundId, availableFen }: { open: boolean; onClose: () => void; fundId: string; availableFen: number }) {
  const [form] = Form.useForm<{ direction: 'up' | 'down'; amountFen: number; reason: string }>();
  const adjust = useAdjustFund(fundId);
  const { message } = App.useApp();
  const submit = async () => {
    const v = await form.validateFields();
    try {
      await adjust.mutateAsync({ deltaFen: v.direction === 'up' ? v.amountFen : -v.amountFen, reason: v.reason });
      message.success(v.direction === 'up' ? '已追加预算' : '已调减预算');
      form.resetFields();
      onClose();
    } catch (e) {
      applyFieldErrors(form, e, { deltaFen: 'amountFen' });
    }
  };
  return (
    <Modal title="调整预算" open={open} onCancel={onClose} onOk={submit} okText="确认调整" confirmLoading={adjust.isPending} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ direction: 'up' }}>
        <Form.Item name="direction" label="方向">
          <Radio.Group optionType="button" options={[{ value: 'up', label: '追加' }, { value: 'down', label: '调减' }]} />
        </Form.Item>
        <Form.Item name="amountFen" label="金额" extra={`最多可调减 ${yuan(availableFen)}(不得低于已拨付与已预留之和)`} rules={[{ required: true, message: '请填写金额' }]}>
          <MoneyInput />
        </Form.Item>
        <Form.Item name="reason" label="调整理由" rules={[{ required: true, message: '请填写调整理由' }]}>
          <Input.TextArea rows={2} placeholder="如:根据财政局追加预算通知" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
