import { useState } from 'react';
import { App, Button, Card, DatePicker, Form, Input, Modal, Table, Tag, Typography } from 'antd';
import { ThunderboltOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router-dom';
import { EXEMPTION_RUN_STATUS_LABELS, type ExemptionRunSummary, type PolicyDetail, type PolicyGrantSummary } from '@yuanqi/contract';
import { hasPermission, useMe } from '../../app/auth';
import { applyFieldErrors } from '../../components/forms';
import { dayjs, formatDateTime, formatAmount, parkToday } from '../../components/format';
import { EmptyHint } from '../../components/EmptyHint';
import { usePolicyGrants, usePolicyRuns, useStartRun } from './api';
import { GrantStatusTag, periodText } from './bits';

const RUN_COLORS = { running: 'processing', done: 'green', failed: 'red' } as const;

function StartRunModal({ policy, onClose }: { policy: PolicyDetail; onClose: () => void }) {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<{ asOf: dayjs.Dayjs; periodKey?: string }>();
  const start = useStartRun(policy.id);
  return (
    <Modal
      open
      title={`免申即享兑现:${policy.title}`}
      okText="开始兑现"
      cancelText="取消"
      confirmLoading={start.isPending}
      onCancel={onClose}
      onOk={async () => {
        const v = await form.validateFields();
        try {
          const run = await start.mutateAsync({ asOf: v.asOf.format('YYYY-MM-DD'), ...(v.periodKey?.trim() ? { periodKey: v.periodKey.trim() } : {}) });
          message.success(`已开始兑现批次 ${run.number}`);
          onClose();
          navigate(`/policy-runs/${run.id}`);
        } catch (e) {
          applyFieldErrors(form, e);
        }
      }}
    >
      <Typography.Paragraph type="secondary">
        系统按所选日期的规则逐户判断全部企业:符合条件且本期未兑现的企业直接发放,企业确认收款账户后即拨付;不发放的企业在报告中列明原因。同一企业同一期间不会重复发放。
      </Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={{ asOf: dayjs(parkToday()) }}>
        <Form.Item name="asOf" label="计算日期" rules={[{ required: true, message: '请选择计算日期' }]}>
          <DatePicker style={{ width: 180 }} />
        </Form.Item>
        <Form.Item name="periodKey" label="兑现期间(选填)" tooltip="留空按规则的兑现周期自动确定,如 2026、2026-H1、2026-Q3">
          <Input placeholder="留空自动确定" style={{ width: 180 }} maxLength={40} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 免申即享: the policy's runs (each with its report) and the grants waiting for the firm's account. */
export function PolicyRunsTab({ policy }: { policy: PolicyDetail }) {
  const me = useMe();
  const runs = usePolicyRuns(policy.id);
  const awaiting = usePolicyGrants({ policyId: policy.id, status: 'awaiting', page: 1, pageSize: 50 });
  const [starting, setStarting] = useState(false);
  const canRun = policy.allowedActions.includes('run');
  return (
    <>
      <Card
        title="兑现批次"
        className="yq-section"
        extra={
          canRun && (
            <Button type="primary" icon={<ThunderboltOutlined />} onClick={() => setStarting(true)}>
              发起免申即享兑现
            </Button>
          )
        }
        styles={{ body: { padding: 0 } }}
      >
        <Table<ExemptionRunSummary>
          rowKey="id"
          loading={runs.isLoading}
          dataSource={runs.data}
          pagination={false}
          scroll={{ x: 900 }}
          locale={{ emptyText: runs.isLoading ? ' ' : <EmptyHint description="还没有兑现批次" /> }}
          columns={[
            { title: '批次', dataIndex: 'number', width: 160, render: (v: string, r) => <Link to={`/policy-runs/${r.id}`} className="yq-mono">{v}</Link> },
            { title: '状态', dataIndex: 'status', width: 90, render: (s: ExemptionRunSummary['status']) => <Tag color={RUN_COLORS[s]}>{EXEMPTION_RUN_STATUS_LABELS[s]}</Tag> },
            { title: '期间', dataIndex: 'periodKey', width: 110, render: (v: string) => periodText(v) },
            { title: '计算日期', dataIndex: 'asOf', width: 110 },
            { title: '判断/发放/跳过(家)', key: 'n', width: 160, render: (_, r) => `${r.evaluated} / ${r.granted} / ${r.skipped}` },
            { title: '发放金额', dataIndex: 'grantedAmountFen', width: 130, align: 'right', render: (v: number) => <span className="yq-money">{formatAmount(v)}</span> },
            { title: '发起', key: 'by', render: (_, r) => `${r.createdByName ?? '—'} ${formatDateTime(r.createdAt)}` },
          ]}
        />
      </Card>
      <Card title="待企业确认收款账户" className="yq-section" styles={{ body: { padding: 0 } }}>
        <Table<PolicyGrantSummary>
          rowKey="id"
          loading={awaiting.isLoading}
          dataSource={awaiting.data?.items}
          pagination={false}
          locale={{ emptyText: awaiting.isLoading ? ' ' : <EmptyHint description="没有待确认的兑现" /> }}
          columns={[
            { title: '企业', dataIndex: 'enterpriseName', render: (v: string, g) => <Link to={`/enterprises/${g.enterpriseId}`}>{v}</Link> },
            { title: '期间', dataIndex: 'periodKey', width: 110, render: (v: string) => periodText(v) },
            { title: '金额', dataIndex: 'amountFen', width: 130, align: 'right', render: (v: number) => <span className="yq-money">{formatAmount(v)}</span> },
            { title: '状态', dataIndex: 'status', width: 110, render: (s: PolicyGrantSummary['status']) => <GrantStatusTag status={s} /> },
            { title: '发放时间', dataIndex: 'createdAt', width: 150, render: (v: string) => formatDateTime(v) },
            {
              title: '',
              key: 'op',
              width: 110,
              render: (_, g) => <Link to={`/policy-grants/${g.id}`}>{hasPermission(me, 'payout:execute') ? '代为确认' : '查看'}</Link>,
            },
          ]}
        />
        {(awaiting.data?.total ?? 0) > 50 && (
          <div style={{ padding: 12 }}>
            <Link to={`/policy-runs?policyId=${policy.id}`}>查看全部 {awaiting.data!.total} 笔</Link>
          </div>
        )}
      </Card>
      {starting && <StartRunModal policy={policy} onClose={() => setStarting(false)} />}
    </>
  );
}
