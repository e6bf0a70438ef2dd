import { useState } from 'react';
import { App, Button, Card, Empty, Form, Input, InputNumber, Modal, Radio, Select, Space, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import type { FirmFinanceEvent, NeedView } from '@yuanqi/contract';
import { api } from '../../../app/api';
import { applyFieldErrors } from '../../../components/forms';
import { formatMoney, wanToFen } from '../../../components/format';
import { PageHeader } from '../../../components/PageHeader';
import { QueryError } from '../../../components/QueryError';
import { financeKeys } from '../api';
import { useFirmEvents, useSignUp } from './api';

type Values = { mode: 'need' | 'amount'; needId?: string; amountWan?: number; note?: string };

function SignUpModal({ event, onClose }: { event: FirmFinanceEvent | null; onClose: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const signUp = useSignUp(event?.id ?? '');
  const mode = Form.useWatch('mode', form);
  const needs = useQuery({
    queryKey: [...financeKeys.all, 'needs', 'mine-for-events'],
    queryFn: ({ signal }) => api.get<{ items: NeedView[] }>('/api/finance/needs', { page: 1, pageSize: 50 }, signal),
    enabled: !!event,
  });
  const usable = (needs.data?.items ?? []).filter((n) => n.status !== 'withdrawn' && n.status !== 'closed');
  const submit = async () => {
    const v = await form.validateFields();
    try {
      await signUp.mutateAsync(v.mode === 'need' ? { needId: v.needId, note: v.note || null } : { amountFen: wanToFen(v.amountWan) ?? 0, note: v.note || null });
      message.success(`已报名:${event!.title}`);
      onClose();
    } catch (e) {
      applyFieldErrors(form, e, { amountFen: 'amountWan' });
    }
  };
  return (
    <Modal open={!!event} title={`报名:${event?.title ?? ''}`} okText="提交报名" cancelText="取消" onOk={submit} confirmLoading={signUp.isPending} onCancel={onClose} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ mode: 'amount' }} preserve={false}>
        <Form.Item name="mode" label="报名方式">
          <Radio.Group optionType="button" options={[{ value: 'amount', label: '填写融资金额' }, { value: 'need', label: '选择融资需求', disabled: usable.length === 0 }]} />
        </Form.Item>
        {mode === 'need' ? (
          <Form.Item name="needId" label="融资需求" rules={[{ required: true, message: '请选择一条融资需求' }]}>
            <Select loading={needs.isLoading} options={usable.map((n) => ({ value: n.id, label: `${n.number} · ${formatMoney(n.amountFen)} · ${n.purpose}` }))} />
          </Form.Item>
        ) : (
          <Form.Item name="amountWan" label="融资金额(万元)" rules={[{ required: true, message: '请填写融资金额' }]}>
            <InputNumber min={0.01} precision={2} style={{ width: '100%' }} inputMode="decimal" />
          </Form.Item>
        )}
        <Form.Item name="note" label="备注(用途、期限等)">
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 融资对接会 on a firm's phone: upcoming events (sign up once), and its own sign-ups. */
export default function FirmEventsPage() {
  const events = useFirmEvents();
  const [signing, setSigning] = useState<FirmFinanceEvent | null>(null);
  return (
    <>
      <PageHeader title="融资对接会" subTitle="报名参加银企对接,每场每家企业报名一次" />
      {events.isError ? (
        <Card><QueryError error={events.error} onRetry={() => events.refetch()} /></Card>
      ) : (
        <div className="yq-card-list">
          {events.isLoading && <Card loading />}
          {events.data?.length === 0 && <Card><Empty description="近期没有对接会" /></Card>}
          {events.data?.map((e) => (
            <Card key={e.id} className="yq-mobile-card" data-testid="firm-event">
              <Space direction="vertical" size={4} style={{ width: '100%' }}>
                <Space wrap><strong>{e.title}</strong>{e.signupOpen ? <Tag color="blue">报名中</Tag> : <Tag>{e.statusLabel}</Tag>}</Space>
                {e.theme && <Typography.Text type="secondary">{e.theme}</Typography.Text>}
                <span>时间:{e.heldOn}{e.venue ? ` · ${e.venue}` : ''}</span>
                <span>报名截止:{e.signupDeadline ?? e.heldOn}</span>
                <span>参会机构:{e.banks.map((b) => b.name).join('、')}</span>
                {e.mySignup ? (
                  <Tag color="green" style={{ whiteSpace: 'normal' }}>已报名 · {e.mySignup.needNumber ? `需求 ${e.mySignup.needNumber} · ` : ''}{formatMoney(e.mySignup.amountFen)}</Tag>
                ) : e.signupOpen ? (
                  <Button type="primary" block onClick={() => setSigning(e)}>我要报名</Button>
                ) : (
                  <Typography.Text type="secondary">报名已截止</Typography.Text>
                )}
              </Space>
            </Card>
          ))}
        </div>
      )}
      <SignUpModal event={signing} onClose={() => setSigning(null)} />
    </>
  );
}
