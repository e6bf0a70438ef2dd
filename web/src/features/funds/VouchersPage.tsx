import { useEffect, useMemo, useState } from 'react';
import { App, Button, Card, Col, DatePicker, Drawer, Form, Input, Modal, Popconfirm, Row, Select, Space, Spin, Statistic, Table, Tabs, Tag, Typography, type TableProps } from 'antd';
import { FileTextOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import type { Dayjs } from 'dayjs';
import {
  PROVIDER_STATUS_LABELS,
  REDEMPTION_STATUS_LABELS,
  REDEMPTION_STATUSES,
  VOUCHER_SERVICE_TYPES,
  VOUCHER_STATUS_LABELS,
  VOUCHER_STATUSES,
  type CreateProviderRequest,
  type IssueVouchersRequest,
  type Enterprise,
  type Paged,
  type ProviderView,
  type RedemptionView,
  type VoucherView,
} from '@yuanqi/contract';
import { api } from '../../app/api';
import { hasPermission, useMe } from '../../app/auth';
import { EmptyHint } from '../../components/EmptyHint';
import { FilterBar, RefreshButton, useSearchBox } from '../../components/FilterBar';
import { PageHeader } from '../../components/PageHeader';
import { ResponsiveList } from '../../components/ResponsiveList';
import { applyFieldErrors } from '../../components/forms';
import { dayjs, formatDate, formatDateTime, parkToday } from '../../components/format';
import { useListParams } from '../../components/useListParams';
import { useScreens } from '../../components/useScreens';
import { invoiceUrl, useIssueVouchers, useProviders, useRedemptions, useReviewRedemption, useRevokeVoucher, useSaveProvider, useVoucher, useVouchers } from './api';
import { RedeemForm } from './RedeemForm';
import { FundSelect, MoneyInput, PayeeAccountFields, RedemptionStatusTag, VoucherStatusTag, yuan } from './bits';

type Tab = 'vouchers' | 'redemptions' | 'providers';

/** 创新券 desk: vouchers issued, claims waiting for review and reimbursement, registered providers. */
export default function VouchersPage() {
  const { params, update } = useListParams();
  const tab = (['vouchers', 'redemptions', 'providers'].includes(params.get('tab') ?? '') ? params.get('tab') : 'vouchers') as Tab;
  const pending = useRedemptions({ status: 'submitted', page: 1, pageSize: 1 });
  return (
    <>
      <PageHeader title="创新券" subTitle="发放时从专项资金预留面额;企业凭服务机构发票抵用,审核后兑付给服务机构;到期未用部分自动收回" />
      <Tabs
        activeKey={tab}
        onChange={(k) => update({ tab: k === 'vouchers' ? undefined : k, status: undefined, q: undefined })}
        items={[
          { key: 'vouchers', label: '创新券', children: tab === 'vouchers' ? <VoucherTab /> : null },
          { key: 'redemptions', label: `兑付审核${pending.data?.total ? `(${pending.data.total})` : ''}`, children: tab === 'redemptions' ? <RedemptionTab /> : null },
          { key: 'providers', label: '服务机构', children: tab === 'providers' ? <ProviderTab /> : null },
        ]}
      />
    </>
  );
}

// ------------------------------------------------------------------ vouchers

function VoucherTab() {
  const me = useMe();
  const screens = useScreens();
  const mobile = !screens.md;
  const { params, update, paginate } = useListParams();
  const query = useMemo(
    () => ({
      status: params.get('status') ?? undefined,
      q: params.get('q') ?? undefined,
      fundId: params.get('fundId') ?? undefined,
      page: Math.max(1, Number(params.get('page')) || 1),
      pageSize: 20,
    }),
    [params],
  );
  const list = useVouchers(query);
  const searchBox = useSearchBox(query.q, (q) => update({ q }));
  const manage = hasPermission(me, 'voucher:manage');
  const [issuing, setIssuing] = useState(false);
  const [openId, setOpenId] = useState<string | null>(null);
  const totals = list.data?.totals;

  const columns: TableProps<VoucherView>['columns'] = [
    {
      title: '券号',
      key: 'number',
      width: 150,
      render: (_, v) => (
        <a onClick={() => setOpenId(v.id)} className="yq-mono">
          {v.number}
        </a>
      ),
    },
    { title: '企业', key: 'firm', render: (_, v) => <Link to={`/enterprises/${v.enterpriseId}`}>{v.enterpriseName}</Link> },
    { title: '面额', dataIndex: 'faceValueFen', key: 'face', align: 'right', width: 120, render: (v: number) => yuan(v) },
    { title: '已抵用', dataIndex: 'redeemedFen', key: 'redeemed', align: 'right', width: 120, render: (v: number) => yuan(v) },
    { title: '已兑付', dataIndex: 'reimbursedFen', key: 'reimbursed', align: 'right', width: 120, render: (v: number) => yuan(v) },
    { title: '可用余额', dataIndex: 'remainingFen', key: 'remaining', align: 'right', width: 120, render: (v: number) => <Typography.Text strong>{yuan(v)}</Typography.Text> },
    {
      title: '有效期',
      key: 'valid',
      width: 150,
      render: (_, v) => (
        <div>
          {v.issuedOn} 至 {v.validUntil}
          {v.status === 'active' && <div style={{ fontSize: 12, color: v.daysLeft <= 30 ? '#b54708' : '#667085' }}>{v.daysLeft >= 0 ? `剩 ${v.daysLeft} 天` : '待到期处理'}</div>}
        </div>
      ),
    },
    { title: '状态', dataIndex: 'status', key: 'status', width: 90, render: (s: VoucherView['status']) => <VoucherStatusTag status={s} /> },
  ];

  return (
    <>
      <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title="发放张数" value={list.data?.total ?? '—'} suffix="张" loading={list.isLoading} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title="发放面额" value={totals ? yuan(totals.faceValueFen) : '—'} loading={list.isLoading} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title="已抵用" value={totals ? yuan(totals.redeemedFen) : '—'} loading={list.isLoading} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title="已兑付" value={totals ? yuan(totals.reimbursedFen) : '—'} loading={list.isLoading} />
          </Card>
        </Col>
      </Row>
      <FilterBar
        mobile={mobile}
        search={{ placeholder: '券号、企业名称', width: 240, ...searchBox }}
        filters={
          <>
            <Select allowClear placeholder="状态" value={query.status} onChange={(v) => update({ status: v })} style={{ minWidth: 110 }} options={VOUCHER_STATUSES.map((s) => ({ value: s, label: VOUCHER_STATUS_LABELS[s] }))} aria-label="状态" />
            <FundSelect allowClear activeOnly={false} placeholder="全部资金" value={query.fundId} onChange={(v) => update({ fundId: v })} style={{ minWidth: 200 }} />
          </>
        }
        trailing={
          <Space>
            <RefreshButton spinning={list.isFetching} onClick={() => list.refetch()} />
            {manage && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setIssuing(true)}>
                发放创新券
              </Button>
            )}
          </Space>
        }
      />
      <ResponsiveList<VoucherView>
        query={list}
        mobile={mobile}
        columns={columns}
        table={{ scroll: { x: 1000 } }}
        empty={<EmptyHint description="暂无创新券" />}
        paging={{ page: query.page, pageSize: query.pageSize, onChange: paginate, unit: '张' }}
        renderCard={(v) => (
          <Card size="small" className="yq-mobile-card" onClick={() => setOpenId(v.id)}>
            <div style={{ display: 'flex', justifyContent: 'space-between' }}>
              <span className="yq-mono">{v.number}</span>
              <VoucherStatusTag status={v.status} />
            </div>
            <div>{v.enterpriseName}</div>
            <div style={{ fontSize: 12, color: '#667085' }}>
              面额 {yuan(v.faceValueFen)} · 余额 {yuan(v.remainingFen)} · 至 {v.validUntil}
            </div>
          </Card>
        )}
      />
      {manage && <IssueModal open={issuing} onClose={() => setIssuing(false)} />}
      <VoucherDrawer id={openId} onClose={() => setOpenId(null)} manage={manage} />
    </>
  );
}

function VoucherDrawer({ id, onClose, manage }: { id: string | null; onClose: () => void; manage: boolean }) {
  const voucher = useVoucher(id);
  const v = voucher.data;
  const revoke = useRevokeVoucher();
  const { message, modal } = App.useApp();
  const [recording, setRecording] = useState(false);
  useEffect(() => setRecording(false), [id]);
  return (
    <Drawer open={!!id} onClose={onClose} size={520} title={v ? `创新券 ${v.number}` : '创新券'} destroyOnHidden>
      {!v ? (
        <Spin />
      ) : recording ? (
        <RedeemForm voucher={v} onDone={() => setRecording(false)} />
      ) : (
        <>
          <Space orientation="vertical" style={{ width: '100%' }}>
            <div>
              {v.enterpriseName} <VoucherStatusTag status={v.status} />
            </div>
            <div>
              面额 {yuan(v.faceValueFen)} · 已抵用 {yuan(v.redeemedFen)} · 已兑付 {yuan(v.reimbursedFen)} · 可用 <b>{yuan(v.remainingFen)}</b>
            </div>
            <div style={{ color: '#667085' }}>
              {v.fundName} · 发放于 {v.issuedOn} · 有效期至 {v.validUntil}
              {v.releasedFen > 0 && ` · 已收回 ${yuan(v.releasedFen)}`}
            </div>
            {v.note && <div style={{ color: '#667085' }}>备注:{v.note}</div>}
            {manage && v.status === 'active' && (
              <Space>
                {v.remainingFen > 0 && <Button onClick={() => setRecording(true)}>代企业登记使用</Button>}
                <Button
                  danger
                  onClick={() => {
                    let reason = '';
                    modal.confirm({
                      title: `作废 ${v.number}?`,
                      content: (
                        <div>
                          <p>未使用的 {yuan(v.remainingFen)} 将释放回专项资金;已提交的抵用申请仍可审核。</p>
                          <Input.TextArea rows={2} placeholder="作废原因(必填)" onChange={(e) => (reason = e.target.value)} />
                        </div>
                      ),
                      okText: '作废',
                      okButtonProps: { danger: true },
                      onOk: async () => {
                        if (!reason.trim()) {
                          message.error('请填写作废原因');
                          throw new Error('reason required');
                        }
                        await revoke.mutateAsync({ id: v.id, reason: reason.trim() });
                        message.success('已作废');
                      },
                    });
                  }}
                >
                  作废
                </Button>
              </Space>
            )}
          </Space>
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            使用记录
          </Typography.Title>
          <Table<RedemptionView>
            size="small"
            rowKey="id"
            dataSource={v.redemptions}
            pagination={false}
            locale={{ emptyText: '尚未使用' }}
            columns={[
              { title: '服务机构', dataIndex: 'providerName', key: 'p' },
              { title: '发票', key: 'i', render: (_, r) => <span className="yq-mono">{r.invoiceNo}</span> },
              { title: '抵用', dataIndex: 'amountFen', key: 'a', align: 'right', render: (x: number) => yuan(x) },
              { title: '状态', dataIndex: 'status', key: 's', render: (s: RedemptionView['status']) => <RedemptionStatusTag status={s} /> },
            ]}
          />
        </>
      )}
    </Drawer>
  );
}

/** Firms to issue to: a multi-select searching the registry. */
function FirmMultiSelect({ value, onChange, id }: { value?: string[]; onChange?: (v: string[]) => void; id?: string }) {
  const [input, setInput] = useState('');
  const [term, setTerm] = useState('');
  const [known, setKnown] = useState<Record<string, string>>({});
  useEffect(() => {
    const t = window.setTimeout(() => setTerm(input.trim()), 300);
    return () => window.clearTimeout(t);
  }, [input]);
  const search = useQuery({
    queryKey: ['enterprises', 'list', { q: term, page: 1, pageSize: 20, sort: 'name' }],
    queryFn: ({ signal }) => api.get<Paged<Enterprise>>('/api/enterprises', { q: term, page: 1, pageSize: 20, sort: 'name' }, signal),
    staleTime: 60_000,
  });
  const options = [
    ...(value ?? []).filter((v) => !(search.data?.items ?? []).some((e) => e.id === v)).map((v) => ({ value: v, label: known[v] ?? v })),
    ...(search.data?.items ?? []).map((e) => ({ value: e.id, label: e.name })),
  ];
  return (
    <Select
      id={id}
      mode="multiple"
      value={value}
      onChange={(v: string[]) => {
        const names = { ...known };
        for (const e of search.data?.items ?? []) names[e.id] = e.name;
        setKnown(names);
        onChange?.(v);
      }}
      placeholder="输入企业名称搜索,可多选"
      showSearch={{ filterOption: false, onSearch: setInput }}
      notFoundContent={search.isFetching ? <Spin size="small" /> : '没有找到匹配的企业'}
      options={options}
      style={{ width: '100%' }}
    />
  );
}

function IssueModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<Omit<IssueVouchersRequest, 'validUntil'> & { validUntil: Dayjs }>();
  const issue = useIssueVouchers();
  const { message } = App.useApp();
  const count = Form.useWatch('enterpriseIds', form)?.length ?? 0;
  const face = Form.useWatch('faceValueFen', form) ?? 0;
  return (
    <Modal
      title="发放创新券"
      open={open}
      onCancel={onClose}
      okText={count ? `发放 ${count} 张` : '发放'}
      confirmLoading={issue.isPending}
      destroyOnHidden
      width={600}
      onOk={async () => {
        const v = await form.validateFields();
        try {
          const res = await issue.mutateAsync({ ...v, validUntil: v.validUntil.format('YYYY-MM-DD') });
          message.success(`已发放 ${res.issued.length} 张创新券,共 ${yuan(res.issued.reduce((s, x) => s + x.faceValueFen, 0))}`);
          form.resetFields();
          onClose();
        } catch (e) {
          applyFieldErrors(form, e);
        }
      }}
    >
      <Form form={form} layout="vertical" initialValues={{ validUntil: dayjs(parkToday()).add(6, 'month').endOf('month') }}>
        <Form.Item name="fundId" label="资金来源" rules={[{ required: true, message: '请选择专项资金' }]} extra="每张券的面额在发放时从该资金预留">
          <FundSelect />
        </Form.Item>
        <Form.Item name="enterpriseIds" label="发放企业" rules={[{ required: true, message: '请选择企业' }]}>
          <FirmMultiSelect />
        </Form.Item>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="faceValueFen" label="每张面额" rules={[{ required: true, message: '请填写面额' }]}>
              <MoneyInput />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="validUntil" label="有效期至" rules={[{ required: true, message: '请选择有效期' }]}>
              <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isBefore(dayjs(parkToday()), 'day')} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="serviceTypes" label="限定服务类型" extra="不选则不限">
          <Select mode="multiple" allowClear options={VOUCHER_SERVICE_TYPES.map((t) => ({ value: t, label: t }))} />
        </Form.Item>
        <Form.Item name="note" label="备注">
          <Input placeholder="如:2026年第三批科技创新券" />
        </Form.Item>
        {count > 0 && face > 0 && <Typography.Text type="secondary">合计预留 {yuan(count * face)}</Typography.Text>}
      </Form>
    </Modal>
  );
}

// ------------------------------------------------------------------ redemptions

function RedemptionTab() {
  const me = useMe();
  const screens = useScreens();
  const mobile = !screens.md;
  const { params, update, paginate } = useListParams();
  const status = params.get('status') ?? 'submitted';
  const query = { status: status === 'all' ? undefined : status, page: Math.max(1, Number(params.get('page')) || 1), pageSize: 20 };
  const list = useRedemptions(query);
  const review = useReviewRedemption();
  const { message } = App.useApp();
  const [rejecting, setRejecting] = useState<RedemptionView | null>(null);
  const canPay = hasPermission(me, 'voucher:manage') && hasPermission(me, 'payout:execute');

  const reimburse = async (r: RedemptionView) => {
    const done = await review.mutateAsync({ id: r.id, body: { action: 'reimburse', note: '发票与服务合同核验无误,同意兑付' } });
    message.success(`已兑付 ${yuan(done.amountFen)} 给「${done.providerName}」,凭证号 ${done.payoutVoucherNumber}`);
  };

  const columns: TableProps<RedemptionView>['columns'] = [
    {
      title: '创新券',
      key: 'voucher',
      width: 200,
      render: (_, r) => (
        <div>
          <span className="yq-mono">{r.voucherNumber}</span>
          <div style={{ fontSize: 12 }}>
            <Link to={`/enterprises/${r.enterpriseId}`}>{r.enterpriseName}</Link>
          </div>
        </div>
      ),
    },
    {
      title: '服务机构',
      key: 'provider',
      render: (_, r) => (
        <div>
          {r.providerName}
          {r.serviceType && <Tag style={{ marginLeft: 4 }}>{r.serviceType}</Tag>}
          {r.description && <div style={{ fontSize: 12, color: '#667085' }}>{r.description}</div>}
        </div>
      ),
    },
    {
      title: '发票',
      key: 'invoice',
      width: 210,
      render: (_, r) => (
        <div style={{ fontSize: 13 }}>
          <span className="yq-mono">{r.invoiceNo}</span> · {formatDate(r.invoiceDate)}
          <div>
            金额 {yuan(r.invoiceAmountFen)}{' '}
            {r.hasFile && (
              <a href={invoiceUrl(r.id)} target="_blank" rel="noreferrer">
                <FileTextOutlined /> 查看
              </a>
            )}
          </div>
        </div>
      ),
    },
    { title: '申请抵用', dataIndex: 'amountFen', key: 'amount', align: 'right', width: 130, render: (v: number) => <Typography.Text strong>{yuan(v)}</Typography.Text> },
    { title: '提交时间', dataIndex: 'createdAt', key: 'at', width: 140, render: (v: string) => formatDateTime(v) },
    {
      title: '状态/操作',
      key: 'actions',
      width: 200,
      render: (_, r) =>
        r.status === 'submitted' && canPay ? (
          <Space>
            <Popconfirm title={`向「${r.providerName}」兑付 ${yuan(r.amountFen)}?`} description="从该券的预留资金拨付,记入资金台账" onConfirm={() => reimburse(r)} okText="兑 付">
              <Button type="primary" size="small" loading={review.isPending && review.variables?.id === r.id}>
                兑付
              </Button>
            </Popconfirm>
            <Button size="small" danger onClick={() => setRejecting(r)}>
              驳回
            </Button>
          </Space>
        ) : (
          <div>
            <RedemptionStatusTag status={r.status} />
            {r.payoutVoucherNumber && <div className="yq-mono" style={{ fontSize: 12 }}>{r.payoutVoucherNumber}</div>}
            {r.reviewNote && <div style={{ fontSize: 12, color: '#667085' }}>{r.reviewNote}</div>}
          </div>
        ),
    },
  ];

  return (
    <>
      <FilterBar
        mobile={mobile}
        filters={
          <Select
            value={status}
            onChange={(v) => update({ status: v === 'submitted' ? undefined : v })}
            style={{ minWidth: 140 }}
            options={[...REDEMPTION_STATUSES.map((s) => ({ value: s, label: REDEMPTION_STATUS_LABELS[s] })), { value: 'all', label: '全部' }]}
            aria-label="状态"
          />
        }
        trailing={<RefreshButton spinning={list.isFetching} onClick={() => list.refetch()} />}
      />
      <ResponsiveList<RedemptionView>
        query={list}
        mobile={mobile}
        columns={columns}
        table={{ scroll: { x: 1100 } }}
        empty={<EmptyHint description={status === 'submitted' ? '没有待审核的抵用申请' : '暂无记录'} />}
        paging={{ page: query.page, pageSize: query.pageSize, onChange: paginate, unit: '笔' }}
        renderCard={(r) => (
          <Card size="small" className="yq-mobile-card">
            <div style={{ display: 'flex', justifyContent: 'space-between' }}>
              <b>{yuan(r.amountFen)}</b>
              <RedemptionStatusTag status={r.status} />
            </div>
            <div>{r.enterpriseName}</div>
            <div style={{ fontSize: 12, color: '#667085' }}>
              {r.providerName} · 发票 {r.invoiceNo}
            </div>
          </Card>
        )}
      />
      <Modal
        title="驳回抵用申请"
        open={!!rejecting}
        onCancel={() => setRejecting(null)}
        destroyOnHidden
        okText="驳回"
        okButtonProps={{ danger: true }}
        confirmLoading={review.isPending}
        onOk={async () => {
          const note = (document.getElementById('reject-note') as HTMLTextAreaElement | null)?.value.trim() ?? '';
          if (!note) {
            message.error('请填写驳回原因');
            return;
          }
          await review.mutateAsync({ id: rejecting!.id, body: { action: 'reject', note } });
          message.success('已驳回,抵用金额退回券内');
          setRejecting(null);
        }}
      >
        {rejecting && (
          <Typography.Paragraph type="secondary">
            {rejecting.enterpriseName} · {rejecting.providerName} · 发票 {rejecting.invoiceNo} · {yuan(rejecting.amountFen)}
          </Typography.Paragraph>
        )}
        <Input.TextArea id="reject-note" rows={3} placeholder="驳回原因(必填),如:发票抬头与企业名称不符" />
      </Modal>
    </>
  );
}

// ------------------------------------------------------------------ providers

function ProviderTab() {
  const me = useMe();
  const providers = useProviders();
  const save = useSaveProvider();
  const manage = hasPermission(me, 'voucher:manage');
  const [editing, setEditing] = useState<ProviderView | 'new' | null>(null);
  const { message } = App.useApp();
  const columns: TableProps<ProviderView>['columns'] = [
    {
      title: '服务机构',
      key: 'name',
      render: (_, p) => (
        <div>
          {p.name}
          <div className="yq-mono" style={{ fontSize: 12, color: '#667085' }}>
            {p.uscc}
          </div>
        </div>
      ),
    },
    { title: '服务类型', key: 'types', render: (_, p) => p.serviceTypes.map((t) => <Tag key={t}>{t}</Tag>) },
    { title: '联系人', key: 'contact', render: (_, p) => `${p.contactName ?? '—'} ${p.contactPhone ?? ''}` },
    { title: '收款账户', key: 'account', render: (_, p) => <span style={{ fontSize: 12 }}>{p.bankName} {p.accountNo}</span> },
    { title: '已兑付', key: 'paid', align: 'right', render: (_, p) => `${yuan(p.redeemedFen)}(${p.redemptionCount}笔)` },
    { title: '状态', dataIndex: 'status', key: 'status', render: (s: ProviderView['status']) => <Tag color={s === 'active' ? 'green' : 'default'}>{PROVIDER_STATUS_LABELS[s]}</Tag> },
    ...(manage
      ? [
          {
            title: '操作',
            key: 'ops',
            render: (_: unknown, p: ProviderView) => (
              <Space>
                <a onClick={() => setEditing(p)}>编辑</a>
                <Popconfirm
                  title={p.status === 'active' ? '暂停后企业不能再在该机构使用创新券,确定?' : '恢复受理创新券?'}
                  onConfirm={async () => {
                    await save.mutateAsync({ id: p.id, body: { status: p.status === 'active' ? 'suspended' : 'active' } });
                    message.success(p.status === 'active' ? '已暂停' : '已恢复');
                  }}
                >
                  <a>{p.status === 'active' ? '暂停' : '恢复'}</a>
                </Popconfirm>
              </Space>
            ),
          },
        ]
      : []),
  ];
  return (
    <>
      <div style={{ display: 'flex', justifyContent: 'flex-end', marginBottom: 12 }}>
        {manage && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            登记服务机构
          </Button>
        )}
      </div>
      <Card styles={{ body: { padding: 0 } }}>
        <Table<ProviderView> rowKey="id" columns={columns} dataSource={providers.data?.items} loading={providers.isLoading} pagination={false} scroll={{ x: 1000 }} />
      </Card>
      <ProviderModal value={editing} onClose={() => setEditing(null)} />
    </>
  );
}

function ProviderModal({ value, onClose }: { value: ProviderView | 'new' | null; onClose: () => void }) {
  const [form] = Form.useForm<CreateProviderRequest>();
  const save = useSaveProvider();
  const { message } = App.useApp();
  const editing = value && value !== 'new' ? value : null;
  useEffect(() => {
    if (value === 'new') form.resetFields();
    else if (value) form.setFieldsValue({ ...value, serviceTypes: value.serviceTypes as CreateProviderRequest['serviceTypes'], contactName: value.contactName ?? undefined, contactPhone: value.contactPhone ?? undefined, note: value.note ?? undefined });
  }, [value, form]);
  return (
    <Modal
      title={editing ? `编辑 ${editing.name}` : '登记服务机构'}
      open={!!value}
      onCancel={onClose}
      okText="保存"
      confirmLoading={save.isPending}
      forceRender
      width={600}
      onOk={async () => {
        const v = await form.validateFields();
        try {
          await save.mutateAsync({ id: editing?.id, body: editing && v.accountNo?.includes('*') ? { ...v, accountNo: undefined } : v });
          message.success('已保存');
          onClose();
        } catch (e) {
          applyFieldErrors(form, e);
        }
      }}
    >
      <Form form={form} layout="vertical">
        <Form.Item name="name" label="机构名称" rules={[{ required: true, message: '请填写机构名称' }]}>
          <Input />
        </Form.Item>
        <Form.Item name="uscc" label="统一社会信用代码" rules={[{ required: true, message: '请填写统一社会信用代码' }]}>
          <Input className="yq-mono" />
        </Form.Item>
        <Form.Item name="serviceTypes" label="服务类型" rules={[{ required: true, message: '至少选择一种服务类型' }]}>
          <Select mode="multiple" options={VOUCHER_SERVICE_TYPES.map((t) => ({ value: t, label: t }))} />
        </Form.Item>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="contactName" label="联系人">
              <Input />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="contactPhone" label="联系电话">
              <Input />
            </Form.Item>
          </Col>
        </Row>
        <PayeeAccountFields />
        <Form.Item name="note" label="备注">
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  );
}
