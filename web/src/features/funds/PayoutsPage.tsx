import { useMemo, useState } from 'react';
import { App, Button, Card, Col, DatePicker, Form, Input, Modal, Row, Select, Space, Typography, type TableProps } from 'antd';
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { PAYOUT_SOURCES, PAYOUT_SOURCE_LABELS, PAYOUT_STATUS_LABELS, PAYOUT_STATUSES, type ManualPayoutRequest, type PayoutSource, type PayoutView } from '@yuanqi/contract';
import { hasPermission, isEnterpriseOnly, useMe } from '../../app/auth';
import { EmptyHint } from '../../components/EmptyHint';
import { FilterBar, RefreshButton, useSearchBox } from '../../components/FilterBar';
import { PageHeader } from '../../components/PageHeader';
import { ResponsiveList } from '../../components/ResponsiveList';
import { applyFieldErrors } from '../../components/forms';
import { dayjs, formatDateTime } from '../../components/format';
import { useExport } from '../../components/useExport';
import { useListParams } from '../../components/useListParams';
import { useScreens } from '../../components/useScreens';
import { EnterpriseSelect } from '../enterprises/EnterpriseSelect';
import { exportPayouts, useManualPayout, usePayouts, useReversePayout, type PayoutQuery } from './api';
import { FundSelect, MoneyInput, PayeeAccountFields, PayoutStatusTag, SourceTag, yuan } from './bits';

function readQuery(params: URLSearchParams): PayoutQuery {
  const source = params.get('source');
  return {
    fundId: params.get('fundId') ?? undefined,
    enterpriseId: params.get('enterpriseId') ?? undefined,
    policyId: params.get('policyId') ?? undefined,
    periodKey: params.get('periodKey') ?? undefined,
    source: PAYOUT_SOURCES.includes(source as PayoutSource) ? (source as PayoutSource) : undefined,
    status: params.get('status') ?? undefined,
    from: params.get('from') ?? undefined,
    to: params.get('to') ?? undefined,
    q: params.get('q') ?? undefined,
    page: Math.max(1, Number(params.get('page')) || 1),
    pageSize: [10, 20, 50, 100].includes(Number(params.get('pageSize'))) ? Number(params.get('pageSize')) : 20,
  };
}

/** 拨付记录: the office sees every payout of the park; a firm its own (phone cards). */
export default function PayoutsPage() {
  const me = useMe();
  const own = isEnterpriseOnly(me);
  const screens = useScreens();
  const mobile = !screens.md;
  const { params, update, paginate } = useListParams();
  const query = useMemo(() => readQuery(params), [params]);
  const list = usePayouts(query);
  const searchBox = useSearchBox(query.q, (q) => update({ q }));
  const execute = hasPermission(me, 'payout:execute');
  const staff = hasPermission(me, 'fund:read');
  const { page: _p, pageSize: _s, ...filters } = query;
  const { exporting, doExport } = useExport(() => exportPayouts(filters));
  const [reversing, setReversing] = useState<PayoutView | null>(null);
  const [paying, setPaying] = useState(false);
  const activeFilters = ['fundId', 'source', 'status', 'from', 'periodKey', 'enterpriseId'].filter((k) => params.get(k)).length;

  const columns: TableProps<PayoutView>['columns'] = [
    {
      title: '凭证号',
      key: 'no',
      width: 150,
      render: (_, p) => (
        <div>
          <span className="yq-mono">{p.voucherNumber}</span>
          <div style={{ fontSize: 12, color: '#667085' }}>{formatDateTime(p.paidAt)}</div>
        </div>
      ),
    },
    { title: '企业', key: 'firm', width: 220, render: (_, p) => <Link to={`/enterprises/${p.enterpriseId}`}>{p.enterpriseName}</Link> },
    {
      title: '事项',
      key: 'what',
      render: (_, p) => (
        <div style={{ minWidth: 200 }}>
          <SourceTag source={p.source} />
          {p.policyTitle ? <Link to={`/policies/${p.policyId}`}>{p.policyTitle}</Link> : <span>{p.memo}</span>}
          <div style={{ fontSize: 12, color: '#667085' }}>
            期间 {p.periodKey} · {staff ? <Link to={`/funds/${p.fundId}`}>{p.fundName}</Link> : p.fundName}
          </div>
        </div>
      ),
    },
    { title: '金额', dataIndex: 'amountFen', key: 'amount', align: 'right', width: 140, render: (v: number, p) => <Typography.Text delete={p.status === 'reversed'} strong>{yuan(v)}</Typography.Text> },
    {
      title: '收款账户',
      key: 'account',
      width: 220,
      render: (_, p) => (
        <div style={{ fontSize: 12 }}>
          <div>{p.accountName}</div>
          <div style={{ color: '#667085' }}>
            {p.bankName} <span className="yq-mono">{p.accountNo}</span>
          </div>
        </div>
      ),
    },
    {
      title: '状态',
      key: 'status',
      width: 170,
      render: (_, p) => (
        <Space orientation="vertical" size={2}>
          <PayoutStatusTag status={p.status} />
          {p.reversalReason && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{p.reversalReason}</Typography.Text>}
          {execute && p.status === 'paid' && (
            <Button size="small" danger type="link" style={{ padding: 0 }} onClick={() => setReversing(p)}>
              退回
            </Button>
          )}
        </Space>
      ),
    },
  ];

  const filterControls = (
    <>
      {staff && <FundSelect allowClear activeOnly={false} placeholder="全部专项资金" value={query.fundId} onChange={(v) => update({ fundId: v })} style={{ minWidth: 200 }} />}
      <Select allowClear placeholder="来源" value={query.source} onChange={(v) => update({ source: v })} style={{ minWidth: 120 }} options={PAYOUT_SOURCES.map((s) => ({ value: s, label: PAYOUT_SOURCE_LABELS[s] }))} aria-label="来源" />
      <Select allowClear placeholder="状态" value={query.status} onChange={(v) => update({ status: v })} style={{ minWidth: 100 }} options={PAYOUT_STATUSES.map((s) => ({ value: s, label: PAYOUT_STATUS_LABELS[s] }))} aria-label="状态" />
      <Input allowClear placeholder="兑付期间 如 2026" defaultValue={query.periodKey} onBlur={(e) => update({ periodKey: e.target.value.trim() || undefined })} onPressEnter={(e) => update({ periodKey: (e.target as HTMLInputElement).value.trim() || undefined })} style={{ width: 150 }} aria-label="兑付期间" />
      <DatePicker.RangePicker
        value={query.from && query.to ? [dayjs(query.from), dayjs(query.to)] : null}
        onChange={(v) => update({ from: v?.[0]?.format('YYYY-MM-DD'), to: v?.[1]?.format('YYYY-MM-DD') })}
        aria-label="拨付日期"
      />
      {staff && (
        <div style={{ minWidth: 240 }}>
          <EnterpriseSelect value={query.enterpriseId} onChange={(v) => update({ enterpriseId: v ?? undefined })} placeholder="按企业筛选" />
        </div>
      )}
    </>
  );

  return (
    <>
      <PageHeader
        title={own ? '我的拨付记录' : '拨付记录'}
        subTitle={
          list.data
            ? `共 ${list.data.total.toLocaleString('zh-CN')} 笔,已拨付合计 ${yuan(list.data.totalAmountFen)}${activeFilters || query.q ? '(已筛选)' : ''}`
            : own
              ? '本企业获得的政策资金、创新券兑付和招商奖励'
              : '每一笔政策兑现、创新券兑付和招商承诺拨付'
        }
        extra={
          <>
            <Button icon={<DownloadOutlined />} loading={exporting} onClick={doExport}>
              导出
            </Button>
            {execute && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setPaying(true)}>
                其他拨付
              </Button>
            )}
          </>
        }
      />
      <FilterBar
        mobile={mobile}
        search={{ placeholder: own ? '凭证号、摘要' : '企业、凭证号、摘要', width: 260, ...searchBox }}
        activeCount={activeFilters}
        filters={filterControls}
        trailing={<RefreshButton spinning={list.isFetching} onClick={() => list.refetch()} />}
      />
      <ResponsiveList<PayoutView>
        query={list}
        mobile={mobile}
        columns={columns}
        table={{ scroll: { x: 1100 } }}
        empty={<EmptyHint description="暂无拨付记录" />}
        paging={{ page: query.page, pageSize: query.pageSize, onChange: paginate, unit: '笔', sizeChanger: true }}
        renderCard={(p) => (
          <Card size="small" className="yq-mobile-card">
            <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
              <Typography.Text strong style={{ fontSize: 18 }} delete={p.status === 'reversed'}>
                {yuan(p.amountFen)}
              </Typography.Text>
              <PayoutStatusTag status={p.status} />
            </div>
            <div style={{ margin: '4px 0' }}>
              <SourceTag source={p.source} />
              {p.policyTitle ?? p.memo}
            </div>
            <div style={{ fontSize: 12, color: '#667085' }}>
              {own ? null : <div>{p.enterpriseName}</div>}
              <div>
                {p.fundName} · 期间 {p.periodKey}
              </div>
              <div>
                <span className="yq-mono">{p.voucherNumber}</span> · {formatDateTime(p.paidAt)}
              </div>
              <div>
                收款:{p.accountName} {p.bankName} {p.accountNo}
              </div>
              {p.reversalReason && <div style={{ color: '#b42318' }}>退回原因:{p.reversalReason}</div>}
            </div>
          </Card>
        )}
      />
      <ReverseModal payout={reversing} onClose={() => setReversing(null)} />
      {execute && <ManualPayoutModal open={paying} onClose={() => setPaying(false)} />}
    </>
  );
}

function ReverseModal({ payout, onClose }: { payout: PayoutView | null; onClose: () => void }) {
  const [form] = Form.useForm<{ reason: string }>();
  const reverse = useReversePayout();
  const { message } = App.useApp();
  return (
    <Modal
      title={payout ? `退回 ${payout.voucherNumber}` : '退回'}
      open={!!payout}
      onCancel={onClose}
      okText="确认退回"
      okButtonProps={{ danger: true }}
      confirmLoading={reverse.isPending}
      destroyOnHidden
      onOk={async () => {
        const v = await form.validateFields();
        try {
          await reverse.mutateAsync({ id: payout!.id, reason: v.reason });
          message.success('已退回,资金台账已记冲销分录');
          onClose();
        } catch (e) {
          applyFieldErrors(form, e);
        }
      }}
    >
      {payout && (
        <Typography.Paragraph type="secondary">
          {payout.enterpriseName} · {yuan(payout.amountFen)} · {payout.fundName}。退回不删除拨付记录,而是记一笔冲销分录,资金回到原资金(或原预留);该企业本期可重新拨付。
        </Typography.Paragraph>
      )}
      <Form form={form} layout="vertical">
        <Form.Item name="reason" label="退回原因" rules={[{ required: true, message: '请填写退回原因' }]}>
          <Input.TextArea rows={2} placeholder="如:收款账号有误,银行退票" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ManualPayoutModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<ManualPayoutRequest>();
  const pay = useManualPayout();
  const { message } = App.useApp();
  return (
    <Modal
      title="其他拨付(一事一议等)"
      open={open}
      onCancel={onClose}
      okText="确认拨付"
      confirmLoading={pay.isPending}
      destroyOnHidden
      width={560}
      onOk={async () => {
        const v = await form.validateFields();
        try {
          const p = await pay.mutateAsync(v);
          message.success(`已拨付 ${yuan(p.amountFen)},凭证号 ${p.voucherNumber}`);
          form.resetFields();
          onClose();
        } catch (e) {
          applyFieldErrors(form, e);
        }
      }}
    >
      <Form form={form} layout="vertical" initialValues={{ periodKey: String(new Date().getFullYear()) }}>
        <Form.Item name="fundId" label="专项资金" rules={[{ required: true, message: '请选择专项资金' }]}>
          <FundSelect />
        </Form.Item>
        <Form.Item name="enterpriseId" label="企业" rules={[{ required: true, message: '请选择企业' }]}>
          <EnterpriseSelect />
        </Form.Item>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="amountFen" label="金额" rules={[{ required: true, message: '请填写金额' }]}>
              <MoneyInput />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="periodKey" label="兑付期间" rules={[{ required: true, message: '请填写兑付期间' }]} extra="2026、2026-03、2026-Q1 或 2026-H1">
              <Input />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="exclusionKey" label="不重复兑付键" extra="同一企业、同一键、同一期间只能拨付一次;留空则按本笔记录">
          <Input placeholder="如 一事一议-设备补助" />
        </Form.Item>
        <Form.Item name="memo" label="摘要" rules={[{ required: true, message: '请填写摘要' }]}>
          <Input placeholder="如:2026年度一事一议设备补助" />
        </Form.Item>
        <PayeeAccountFields />
      </Form>
    </Modal>
  );
}
