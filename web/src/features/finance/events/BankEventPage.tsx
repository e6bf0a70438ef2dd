import { useState } from 'react';
import { App, Button, Card, Empty, Form, Input, InputNumber, List, Modal, Space, Tabs, Tag, Typography } from 'antd';
import { useParams } from 'react-router-dom';
import { applyFieldErrors } from '../../../components/forms';
import { formatMoney, wanToFen } from '../../../components/format';
import { PageHeader } from '../../../components/PageHeader';
import { PageLoading } from '../../../components/PageLoading';
import { QueryError } from '../../../components/QueryError';
import { useBankEvent, useRegisterIntention } from './api';
import { OutcomeModal } from './OutcomeModal';

type Firm = { id: string; name: string };

function IntentionModal({ eventId, firm, onClose }: { eventId: string; firm: Firm | null; onClose: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ amountWan: number; note?: string }>();
  const register = useRegisterIntention(eventId);
  const submit = async () => {
    const v = await form.validateFields();
    try {
      await register.mutateAsync({ enterpriseId: firm!.id, amountFen: wanToFen(v.amountWan) ?? 0, note: v.note || null });
      message.success(`已登记意向:${firm!.name}`);
      onClose();
    } catch (e) {
      applyFieldErrors(form, e, { amountFen: 'amountWan' });
    }
  };
  return (
    <Modal open={!!firm} title={`登记意向:${firm?.name ?? ''}`} okText="保存" cancelText="取消" onOk={submit} confirmLoading={register.isPending} onCancel={onClose} destroyOnHidden>
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item name="amountWan" label="意向金额(万元)" rules={[{ required: true, message: '请填写意向金额' }]}>
          <InputNumber min={0.01} precision={2} style={{ width: '100%' }} inputMode="decimal" />
        </Form.Item>
        <Form.Item name="note" label="备注(产品、条件)">
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** One event for a participating institution: sign-ups (firm + amount), our intentions and outcomes. */
export default function BankEventPage() {
  const { id = '' } = useParams();
  const event = useBankEvent(id);
  const [intentFor, setIntentFor] = useState<Firm | null>(null);
  const [outcomeFor, setOutcomeFor] = useState<Firm | null>(null);
  if (event.isLoading) return <PageLoading />;
  if (event.isError || !event.data) return <QueryError error={event.error} onRetry={() => event.refetch()} what="对接会" />;
  const e = event.data;
  const firms = e.signups.map((s) => ({ id: s.enterpriseId, name: s.enterpriseName }));
  const closed = e.status === 'closed' || e.status === 'cancelled';
  return (
    <>
      <PageHeader title={e.title} subTitle={`${e.heldOn}${e.venue ? ` · ${e.venue}` : ''} · ${e.statusLabel}`} />
      <Card styles={{ body: { paddingTop: 4 } }}>
        <Tabs
          items={[
            {
              key: 'signups',
              label: `报名企业 ${e.signups.length}`,
              children: e.signups.length === 0 ? <Empty description="还没有企业报名" /> : (
                <List
                  dataSource={e.signups}
                  pagination={e.signups.length > 20 ? { pageSize: 20, simple: true, align: 'center' } : false}
                  renderItem={(s) => {
                    const mine = e.intentions.find((i) => i.enterpriseId === s.enterpriseId);
                    const signed = e.outcomes.find((o) => o.enterpriseId === s.enterpriseId);
                    return (
                      <List.Item data-testid="bank-signup">
                        <Space direction="vertical" size={2} style={{ width: '100%' }}>
                          <strong>{s.enterpriseName}</strong>
                          <span>融资需求 {formatMoney(s.amountFen)}</span>
                          <Space wrap>
                            {mine && <Tag color="blue">本行意向 {formatMoney(mine.amountFen)}</Tag>}
                            {signed && <Tag color="green">已签约 {formatMoney(signed.signedAmountFen)}</Tag>}
                          </Space>
                          {!closed && (
                            <Space wrap>
                              <Button size="small" onClick={() => setIntentFor({ id: s.enterpriseId, name: s.enterpriseName })}>{mine ? '修改意向' : '登记意向'}</Button>
                              <Button size="small" onClick={() => setOutcomeFor({ id: s.enterpriseId, name: s.enterpriseName })}>{signed ? '修改签约' : '登记签约'}</Button>
                            </Space>
                          )}
                        </Space>
                      </List.Item>
                    );
                  }}
                />
              ),
            },
            {
              key: 'mine',
              label: `本行意向与签约 ${e.intentions.length + e.outcomes.length}`,
              children: (
                <Space direction="vertical" style={{ width: '100%' }}>
                  <Typography.Title level={5}>意向 {e.intentions.length} 笔,{formatMoney(e.intentions.reduce((s, i) => s + i.amountFen, 0))}</Typography.Title>
                  <List size="small" dataSource={e.intentions} locale={{ emptyText: '尚未登记意向' }} renderItem={(i) => <List.Item>{i.enterpriseName} · {formatMoney(i.amountFen)}{i.note ? ` · ${i.note}` : ''}</List.Item>} />
                  <Typography.Title level={5}>签约 {e.outcomes.length} 笔,{formatMoney(e.outcomes.reduce((s, o) => s + o.signedAmountFen, 0))}</Typography.Title>
                  <List size="small" dataSource={e.outcomes} locale={{ emptyText: '尚未登记签约' }} renderItem={(o) => <List.Item>{o.enterpriseName} · {formatMoney(o.signedAmountFen)} · {o.signedOn}{o.contractNo ? ` · ${o.contractNo}` : ''}</List.Item>} />
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <IntentionModal eventId={e.id} firm={intentFor} onClose={() => setIntentFor(null)} />
      <OutcomeModal open={!!outcomeFor} eventId={e.id} firms={firms} banks={null} defaults={outcomeFor ? { enterpriseId: outcomeFor.id } : undefined} onClose={() => setOutcomeFor(null)} />
    </>
  );
}
