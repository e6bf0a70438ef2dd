import { useState } from 'react';
import { App, Button, Card, Col, Form, Input, InputNumber, Modal, Row, Select, Statistic, Table, Tag, Typography, type TableProps } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { FUND_SOURCES, FUND_SOURCE_LABELS, FUND_STATUS_LABELS, type CreateFundRequest, type FundSummary } from '@yuanqi/contract';
import { hasPermission, useMe } from '../../app/auth';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { applyFieldErrors } from '../../components/forms';
import { useScreens } from '../../components/useScreens';
import { useCreateFund, useFunds } from './api';
import { BurnBar, MoneyInput, yuan } from './bits';

/** 专项资金: every fund's budget, reserved, paid and available, with its burn rate. */
export default function FundsPage() {
  const me = useMe();
  const screens = useScreens();
  const [year, setYear] = useState<number | undefined>(undefined);
  const funds = useFunds(year ? { year } : {});
  const [creating, setCreating] = useState(false);
  const manage = hasPermission(me, 'fund:manage');
  const totals = funds.data?.totals;
  const years = [...new Set((funds.data?.items ?? []).map((f) => f.year))];

  const columns: TableProps<FundSummary>['columns'] = [
    {
      title: '专项资金',
      key: 'name',
      render: (_, f) => (
        <div>
          <Link to={`/funds/${f.id}`} style={{ fontWeight: 500 }}>
            {f.name}
          </Link>
          <div style={{ fontSize: 12, color: '#667085' }}>
            <span className="yq-mono">{f.code}</span> · {f.year}年度 · {FUND_SOURCE_LABELS[f.source]}
            {f.department ? ` · ${f.department}` : ''}
          </div>
        </div>
      ),
    },
    { title: '预算', dataIndex: 'budgetFen', key: 'budget', align: 'right', render: (v: number) => yuan(v) },
    { title: '已预留', dataIndex: 'reservedFen', key: 'reserved', align: 'right', render: (v: number) => yuan(v) },
    { title: '已拨付', dataIndex: 'paidFen', key: 'paid', align: 'right', render: (v: number) => yuan(v) },
    { title: '可用', dataIndex: 'availableFen', key: 'available', align: 'right', render: (v: number) => <Typography.Text strong>{yuan(v)}</Typography.Text> },
    {
      title: '执行率',
      key: 'burn',
      width: 180,
      render: (_, f) => <BurnBar percent={f.burnPercent} reservedPercent={f.budgetFen ? Math.round((f.reservedFen / f.budgetFen) * 1000) / 10 : 0} />,
    },
    { title: '受益企业', dataIndex: 'beneficiaryCount', key: 'beneficiaries', align: 'right', render: (v: number, f) => `${v} 家 / ${f.payoutCount} 笔` },
    { title: '状态', dataIndex: 'status', key: 'status', render: (v: FundSummary['status']) => <Tag color={v === 'active' ? 'green' : 'default'}>{FUND_STATUS_LABELS[v]}</Tag> },
  ];

  return (
    <>
      <PageHeader
        title="专项资金"
        subTitle="预算一经下达,每一笔预留、拨付、退回都记入资金台账;可用余额不足时系统拒绝拨付"
        extra={
          <>
            <Select allowClear placeholder="全部年度" value={year} onChange={setYear} options={years.map((y) => ({ value: y, label: `${y}年度` }))} style={{ width: 120 }} aria-label="年度" />
            {manage && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                新建专项资金
              </Button>
            )}
          </>
        }
      />
      <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
        {[
          { title: '预算总额', value: totals?.budgetFen },
          { title: '已拨付', value: totals?.paidFen },
          { title: '已预留(承诺)', value: totals?.reservedFen },
          { title: '可用余额', value: totals?.availableFen },
        ].map((s) => (
          <Col key={s.title} xs={12} md={6}>
            <Card size="small">
              <Statistic title={s.title} value={s.value === undefined ? '—' : yuan(s.value)} loading={funds.isLoading} />
            </Card>
          </Col>
        ))}
      </Row>
      {funds.isError && !funds.data ? (
        <Card>
          <QueryError error={funds.error} onRetry={() => funds.refetch()} />
        </Card>
      ) : (
        <Card styles={{ body: { padding: 0 } }} title={totals ? `共 ${funds.data?.items.length ?? 0} 项 · 总执行率 ${totals.burnPercent}%` : undefined}>
          <Table<FundSummary> rowKey="id" columns={columns} dataSource={funds.data?.items} loading={funds.isLoading} pagination={false} scroll={screens.md ? undefined : { x: 900 }} />
        </Card>
      )}
      <CreateFundModal open={creating} onClose={() => setCreating(false)} />
    </>
  );
}

function CreateFundModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<CreateFundRequest>();
  const create = useCreateFund();
  const { message } = App.useApp();
  const submit = async () => {
    const values = await form.validateFields();
    try {
      const fund = await create.mutateAsync(values);
      message.success(`已新建「${fund.name}」,预算 ${yuan(fund.budgetFen)}`);
      form.resetFields();
      onClose();
    } catch (e) {
      applyFieldErrors(form, e);
    }
  };
  return (
    <Modal title="新建专项资金" open={open} onCancel={onClose} onOk={submit} okText="保存" confirmLoading={create.isPending} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ year: new Date().getFullYear(), source: 'local' }}>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="code" label="资金编码" rules={[{ required: true, message: '请填写资金编码' }]}>
              <Input placeholder="如 CYFZ" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="year" label="年度" rules={[{ required: true, message: '请填写年度' }]}>
              <InputNumber min={2000} max={2100} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="name" label="资金名称" rules={[{ required: true, message: '请填写资金名称' }]}>
          <Input placeholder="如 产业发展专项资金" />
        </Form.Item>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="source" label="资金来源" rules={[{ required: true }]}>
              <Select options={FUND_SOURCES.map((s) => ({ value: s, label: FUND_SOURCE_LABELS[s] }))} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="category" label="资金类别">
              <Input placeholder="如 产业扶持" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="department" label="主管部门">
          <Input />
        </Form.Item>
        <Form.Item name="budgetFen" label="预算金额" rules={[{ required: true, message: '请填写预算金额' }]}>
          <MoneyInput />
        </Form.Item>
        <Form.Item name="description" label="说明">
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
