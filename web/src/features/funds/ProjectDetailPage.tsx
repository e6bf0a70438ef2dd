import { useState } from 'react';
import { App, Button, Card, Col, DatePicker, Descriptions, Form, Input, Modal, Row, Select, Space, Steps, Table, Tabs, Tag, Typography, type TableProps } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router-dom';
import type { Dayjs } from 'dayjs';
import {
  COMMITMENT_KIND_LABELS,
  COMMITMENT_KINDS,
  INVESTMENT_STAGE_LABELS,
  INVESTMENT_STAGES,
  MONETARY_COMMITMENT_KINDS,
  PAYOUT_SOURCE_LABELS,
  type CommitmentItemRequest,
  type CommitmentItemView,
  type CommitmentKind,
  type InvestmentProjectDetail,
  type InvestmentStage,
} from '@yuanqi/contract';
import { hasPermission, useMe } from '../../app/auth';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { applyFieldErrors } from '../../components/forms';
import { dayjs, formatDate, parkToday } from '../../components/format';
import { useScreens } from '../../components/useScreens';
import { useDictionary } from '../dictionaries/useDictionary';
import { useLinkablePayouts, useProject, useProjectAction, useUpdateProject } from './api';
import { CommitmentStatusTag, FundSelect, MoneyInput, PayeeAccountFields, yuan } from './bits';
import { LeadOriginLink } from '../land/leads/bits';

/** One signed project: its stages (plan vs actual) and every promised item with its fulfilments. */
export default function ProjectDetailPage() {
  const { id = '' } = useParams();
  const me = useMe();
  const screens = useScreens();
  const project = useProject(id);
  const p = project.data;
  const chains = useDictionary('chain');
  const manage = hasPermission(me, 'commitment:manage');
  const [itemForm, setItemForm] = useState<CommitmentItemView | 'new' | null>(null);
  const [fulfilling, setFulfilling] = useState<CommitmentItemView | null>(null);
  const [stageOpen, setStageOpen] = useState(false);
  const action = useProjectAction();
  const { message, modal } = App.useApp();

  if (project.isError && !p) {
    return (
      <Card>
        <QueryError error={project.error} onRetry={() => project.refetch()} />
      </Card>
    );
  }
  if (!p) return <Card loading />;

  const askReason = (title: string, run: (reason: string) => Promise<unknown>) => {
    let reason = '';
    modal.confirm({
      title,
      content: <Input.TextArea rows={2} placeholder="原因(必填)" onChange={(e) => (reason = e.target.value)} />,
      onOk: async () => {
        if (!reason.trim()) {
          message.error('请填写原因');
          throw new Error('reason required');
        }
        await run(reason.trim());
      },
    });
  };

  const stageIndex = INVESTMENT_STAGES.indexOf(p.stage);
  const columns: TableProps<CommitmentItemView>['columns'] = [
    {
      title: '承诺事项',
      key: 'title',
      render: (_, i) => (
        <div style={{ minWidth: 200 }}>
          <Tag>{COMMITMENT_KIND_LABELS[i.kind]}</Tag>
          {i.title}
          {i.note && <div style={{ fontSize: 12, color: '#667085' }}>{i.note}</div>}
          {i.cancelReason && <div style={{ fontSize: 12, color: '#667085' }}>取消原因:{i.cancelReason}</div>}
        </div>
      ),
    },
    { title: '金额', key: 'amount', align: 'right', width: 130, render: (_, i) => (i.amountFen === null ? '—' : yuan(i.amountFen)) },
    { title: '承诺兑现日', dataIndex: 'dueOn', key: 'due', width: 110 },
    { title: '状态', key: 'status', width: 100, render: (_, i) => <CommitmentStatusTag item={i} /> },
    {
      title: '兑现情况',
      key: 'fulfilments',
      render: (_, i) =>
        i.fulfilments.length === 0 ? (
          <Typography.Text type="secondary">—</Typography.Text>
        ) : (
          <Space orientation="vertical" size={2}>
            {i.fulfilments.map((f) => (
              <div key={f.id} style={{ fontSize: 12, textDecoration: f.status === 'void' || f.payoutStatus === 'reversed' ? 'line-through' : undefined }}>
                {formatDate(f.fulfilledOn)} ·{' '}
                {f.payoutId ? (
                  <>
                    拨付 {f.amountFen !== null ? yuan(f.amountFen) : ''} <Link to={`/payouts?q=${encodeURIComponent(f.payoutVoucherNumber ?? '')}`} className="yq-mono">{f.payoutVoucherNumber}</Link>
                    {f.payoutStatus === 'reversed' && <Tag color="red" style={{ marginLeft: 4 }}>已退回</Tag>}
                  </>
                ) : (
                  f.note
                )}
                {manage && f.status === 'active' && (
                  <a style={{ marginLeft: 6 }} onClick={() => askReason('作废这条兑现登记?', (reason) => action.mutateAsync({ kind: 'void', fulfilmentId: f.id, reason }))}>
                    作废
                  </a>
                )}
              </div>
            ))}
          </Space>
        ),
    },
    ...(manage
      ? [
          {
            title: '操作',
            key: 'ops',
            width: 210,
            render: (_: unknown, i: CommitmentItemView) =>
              i.status === 'cancelled' ? null : (
                <Space size={4} wrap>
                  {i.status === 'pending' && (
                    <Button size="small" type="primary" onClick={() => setFulfilling(i)}>
                      登记兑现
                    </Button>
                  )}
                  <a onClick={() => setItemForm(i)}>编辑</a>
                  {i.status === 'pending' && <a onClick={() => askReason(`取消“${i.title}”?`, (reason) => action.mutateAsync({ kind: 'cancel', itemId: i.id, reason }))}>取消</a>}
                </Space>
              ),
          },
        ]
      : []),
  ];

  return (
    <>
      <PageHeader
        title={p.name}
        subTitle={
          <Space size={12} wrap>
            <span>{`${p.code} · ${p.investor} · 签约于 ${p.signedOn}`}</span>
            <LeadOriginLink projectId={p.id} />
          </Space>
        }
        extra={
          manage && (
            <>
              <Button onClick={() => setStageOpen(true)}>更新进度</Button>
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setItemForm('new')}>
                添加承诺事项
              </Button>
            </>
          )
        }
      />
      <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
        <Col xs={24} lg={10}>
          <Card size="small" title="项目信息">
            <Descriptions size="small" column={1}>
              <Descriptions.Item label="落地企业">{p.enterpriseId ? <Link to={`/enterprises/${p.enterpriseId}`}>{p.enterpriseName}</Link> : '未注册(资金类承诺暂不能拨付)'}</Descriptions.Item>
              <Descriptions.Item label="协议投资额">{yuan(p.amountFen)}</Descriptions.Item>
              <Descriptions.Item label="产业链">{chains.labelOf(p.chain)}</Descriptions.Item>
              <Descriptions.Item label="合同编号">{p.contractNo ?? '—'}</Descriptions.Item>
              <Descriptions.Item label="承诺兑现">
                {p.fulfilledCount}/{p.itemCount} 项已兑现,资金 {yuan(p.fulfilledFen)} / {yuan(p.promisedFen)}
                {p.overdueCount > 0 && <Tag color="red" style={{ marginLeft: 6 }}>逾期 {p.overdueCount} 项</Tag>}
              </Descriptions.Item>
            </Descriptions>
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          <Card size="small" title="项目进度(计划 / 实际)">
            <Steps
              size="small"
              orientation={screens.md ? 'horizontal' : 'vertical'}
              current={stageIndex}
              items={INVESTMENT_STAGES.map((s) => {
                const d = p.stageDates[s];
                const late = d?.planned && (d.actual ? d.actual > d.planned : parkToday() > d.planned);
                return {
                  title: INVESTMENT_STAGE_LABELS[s],
                  content: (
                    <div style={{ fontSize: 12 }}>
                      <div>计划 {d?.planned ?? '—'}</div>
                      <div style={{ color: late ? '#b54708' : undefined }}>实际 {d?.actual ?? '—'}</div>
                    </div>
                  ),
                };
              })}
            />
          </Card>
        </Col>
      </Row>
      <Card styles={{ body: { padding: 0 } }} title="政府承诺事项">
        <Table<CommitmentItemView> rowKey="id" columns={columns} dataSource={p.items} pagination={false} scroll={{ x: 1000 }} rowClassName={(i) => (i.overdue ? 'yq-row-overdue' : '')} />
      </Card>
      {manage && <ItemModal project={p} value={itemForm} onClose={() => setItemForm(null)} />}
      {manage && <FulfilModal project={p} item={fulfilling} onClose={() => setFulfilling(null)} />}
      {manage && <StageModal project={p} open={stageOpen} onClose={() => setStageOpen(false)} />}
    </>
  );
}

function ItemModal({ project, value, onClose }: { project: InvestmentProjectDetail; value: CommitmentItemView | 'new' | null; onClose: () => void }) {
  const [form] = Form.useForm<Omit<CommitmentItemRequest, 'dueOn'> & { dueOn: Dayjs }>();
  const action = useProjectAction();
  const { message } = App.useApp();
  const kind = Form.useWatch('kind', form) as CommitmentKind | undefined;
  const editing = value && value !== 'new' ? value : null;
  const monetary = kind ? MONETARY_COMMITMENT_KINDS.includes(kind) : false;
  return (
    <Modal
      title={editing ? '编辑承诺事项' : '添加承诺事项'}
      open={!!value}
      onCancel={onClose}
      okText="保存"
      confirmLoading={action.isPending}
      destroyOnHidden
      onOk={async () => {
        const v = await form.validateFields();
        const body = { ...v, dueOn: v.dueOn.format('YYYY-MM-DD'), amountFen: v.amountFen ?? null, fundId: v.fundId ?? null };
        try {
          await action.mutateAsync(editing ? { kind: 'updateItem', itemId: editing.id, body } : { kind: 'addItem', projectId: project.id, body });
          message.success('已保存');
          onClose();
        } catch (e) {
          applyFieldErrors(form, e);
        }
      }}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={editing ? { ...editing, dueOn: dayjs(editing.dueOn) } : { kind: 'funding' }}
      >
        <Form.Item name="kind" label="承诺类型" rules={[{ required: true }]}>
          <Select options={COMMITMENT_KINDS.map((k) => ({ value: k, label: COMMITMENT_KIND_LABELS[k] }))} />
        </Form.Item>
        <Form.Item name="title" label="承诺内容" rules={[{ required: true, message: '请填写承诺内容' }]}>
          <Input placeholder="如:固定资产投资奖励(第一期)" />
        </Form.Item>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="amountFen" label="金额" rules={monetary ? [{ required: true, message: '资金类承诺须填写金额' }] : []}>
              <MoneyInput />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="dueOn" label="承诺兑现日期" rules={[{ required: true, message: '请选择日期' }]}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        {monetary && (
          <Form.Item name="fundId" label="拨付资金" extra="兑现时默认从该资金拨付">
            <FundSelect allowClear />
          </Form.Item>
        )}
        <Form.Item name="note" label="备注">
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function FulfilModal({ project, item, onClose }: { project: InvestmentProjectDetail; item: CommitmentItemView | null; onClose: () => void }) {
  const me = useMe();
  const canPay = hasPermission(me, 'payout:execute') && !!project.enterpriseId;
  const monetary = item ? item.amountFen !== null : false;
  const [mode, setMode] = useState<'pay' | 'link' | 'note'>('pay');
  const [payForm] = Form.useForm();
  const [noteForm] = Form.useForm<{ fulfilledOn: Dayjs; note: string }>();
  const [payoutId, setPayoutId] = useState<string | null>(null);
  const linkable = useLinkablePayouts(item && mode === 'link' ? item.id : null);
  const action = useProjectAction();
  const { message } = App.useApp();
  const effective = monetary ? mode : 'note';
  const left = item?.amountFen !== null && item?.amountFen !== undefined ? item.amountFen - item.fulfilledFen : null;

  const submit = async () => {
    if (!item) return;
    try {
      if (effective === 'pay') {
        const v = await payForm.validateFields();
        await action.mutateAsync({ kind: 'fulfil', itemId: item.id, body: { mode: 'pay', ...v } });
        message.success('已拨付并登记兑现');
      } else if (effective === 'link') {
        if (!payoutId) {
          message.error('请选择一笔拨付记录');
          return;
        }
        await action.mutateAsync({ kind: 'fulfil', itemId: item.id, body: { mode: 'link', payoutId } });
        message.success('已关联拨付记录');
      } else {
        const v = await noteForm.validateFields();
        await action.mutateAsync({ kind: 'fulfil', itemId: item.id, body: { mode: 'note', fulfilledOn: v.fulfilledOn.format('YYYY-MM-DD'), note: v.note } });
        message.success('已登记兑现');
      }
      onClose();
    } catch (e) {
      applyFieldErrors(effective === 'note' ? noteForm : payForm, e);
    }
  };

  const noteTab = (
    <Form form={noteForm} layout="vertical" initialValues={{ fulfilledOn: dayjs(parkToday()) }}>
      <Form.Item name="fulfilledOn" label="兑现日期" rules={[{ required: true, message: '请选择兑现日期' }]}>
        <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(parkToday()), 'day')} />
      </Form.Item>
      <Form.Item name="note" label="兑现情况" rules={[{ required: true, message: '请填写兑现情况' }]}>
        <Input.TextArea rows={3} placeholder="如:已完成土地出让并净地交付,不动产权证号……" />
      </Form.Item>
    </Form>
  );

  return (
    <Modal title={item ? `登记兑现:${item.title}` : '登记兑现'} open={!!item} onCancel={onClose} onOk={submit} okText="确认" confirmLoading={action.isPending} destroyOnHidden width={620}>
      {item && (
        <Typography.Paragraph type="secondary">
          承诺 {item.amountFen !== null ? yuan(item.amountFen) : COMMITMENT_KIND_LABELS[item.kind]},兑现日 {item.dueOn}
          {left !== null && item.fulfilledFen > 0 && `,已兑现 ${yuan(item.fulfilledFen)},尚余 ${yuan(left)}`}
        </Typography.Paragraph>
      )}
      {monetary ? (
        <Tabs
          activeKey={mode}
          onChange={(k) => setMode(k as typeof mode)}
          items={[
            {
              key: 'pay',
              label: '从资金拨付',
              disabled: !canPay,
              children: (
                <Form
                  form={payForm}
                  layout="vertical"
                  initialValues={{ fundId: item?.fundId ?? undefined, amountFen: left ?? undefined, accountName: project.enterpriseName ?? undefined }}
                >
                  <Form.Item name="fundId" label="专项资金" rules={[{ required: true, message: '请选择专项资金' }]}>
                    <FundSelect />
                  </Form.Item>
                  <Form.Item name="amountFen" label="拨付金额" rules={[{ required: true, message: '请填写金额' }]}>
                    <MoneyInput max={left ?? undefined} />
                  </Form.Item>
                  <PayeeAccountFields />
                </Form>
              ),
            },
            {
              key: 'link',
              label: '关联已有拨付',
              disabled: !project.enterpriseId,
              children: (
                <Table
                  size="small"
                  rowKey="id"
                  loading={linkable.isLoading}
                  dataSource={linkable.data?.items}
                  pagination={{ pageSize: 6, hideOnSinglePage: true }}
                  rowSelection={{ type: 'radio', selectedRowKeys: payoutId ? [payoutId] : [], onChange: (keys) => setPayoutId((keys[0] as string) ?? null) }}
                  locale={{ emptyText: '该企业没有可关联的拨付记录' }}
                  columns={[
                    { title: '凭证号', dataIndex: 'voucherNumber', key: 'n', render: (v: string) => <span className="yq-mono">{v}</span> },
                    { title: '事项', key: 'w', render: (_, r) => `${PAYOUT_SOURCE_LABELS[r.source]} ${r.policyTitle ?? r.memo ?? ''}` },
                    { title: '金额', dataIndex: 'amountFen', key: 'a', align: 'right', render: (v: number) => yuan(v) },
                    { title: '日期', dataIndex: 'paidAt', key: 'd', render: (v: string) => formatDate(v) },
                  ]}
                />
              ),
            },
            { key: 'note', label: '登记兑现情况', children: noteTab },
          ]}
        />
      ) : (
        noteTab
      )}
    </Modal>
  );
}

function StageModal({ project, open, onClose }: { project: InvestmentProjectDetail; open: boolean; onClose: () => void }) {
  const update = useUpdateProject(project.id);
  const [stage, setStage] = useState<InvestmentStage>(project.stage);
  const [dates, setDates] = useState(() => ({ ...project.stageDates }));
  const [enterpriseId] = useState(project.enterpriseId);
  const { message } = App.useApp();
  return (
    <Modal
      title="更新项目进度"
      open={open}
      onCancel={onClose}
      okText="保存"
      confirmLoading={update.isPending}
      width={560}
      onOk={async () => {
        await update.mutateAsync({ stage, stageDates: dates as never, enterpriseId });
        message.success('已更新');
        onClose();
      }}
    >
      <Form layout="vertical">
        <Form.Item label="当前阶段">
          <Select value={stage} onChange={setStage} options={INVESTMENT_STAGES.map((s) => ({ value: s, label: INVESTMENT_STAGE_LABELS[s] }))} />
        </Form.Item>
        {INVESTMENT_STAGES.map((s) => (
          <Row gutter={8} key={s} align="middle" style={{ marginBottom: 8 }}>
            <Col span={4}>{INVESTMENT_STAGE_LABELS[s]}</Col>
            <Col span={10}>
              <DatePicker
                placeholder="计划日期"
                style={{ width: '100%' }}
                value={dates[s]?.planned ? dayjs(dates[s]!.planned!) : null}
                onChange={(d) => setDates((x) => ({ ...x, [s]: { ...x[s], planned: d ? d.format('YYYY-MM-DD') : null } }))}
              />
            </Col>
            <Col span={10}>
              <DatePicker
                placeholder="实际日期"
                style={{ width: '100%' }}
                value={dates[s]?.actual ? dayjs(dates[s]!.actual!) : null}
                onChange={(d) => setDates((x) => ({ ...x, [s]: { ...x[s], actual: d ? d.format('YYYY-MM-DD') : null } }))}
              />
            </Col>
          </Row>
        ))}
      </Form>
    </Modal>
  );
}
