import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Alert, App, Button, Card, DatePicker, Descriptions, Form, Input, InputNumber, Modal, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { ACQUISITION_INCIDENT_KIND_LABELS, ACQUISITION_KIND_LABELS, parseYuanToFen, type AcquisitionPaymentView } from '@yuanqi/contract';
import { errorMessage } from '../../../app/api';
import { hasPermission, useMe } from '../../../app/auth';
import { PageHeader } from '../../../components/PageHeader';
import { PageLoading } from '../../../components/PageLoading';
import { QueryError } from '../../../components/QueryError';
import { formatAmount } from '../../../components/format';
import { useAddPayment, useHousehold, useVoidPayment } from './api';
import { StageTag } from './bits';

/** 征迁住户: its record (masked unless the actor is an officer of the area), compensation payments, incidents. */
export function HouseholdPage() {
  const { id = '' } = useParams();
  const me = useMe();
  const { message } = App.useApp();
  const household = useHousehold(id);
  const addPayment = useAddPayment();
  const voidPayment = useVoidPayment();
  const [paying, setPaying] = useState(false);
  const [voiding, setVoiding] = useState<AcquisitionPaymentView | null>(null);
  const [form] = Form.useForm();
  const [voidForm] = Form.useForm();
  if (household.isLoading) return <PageLoading />;
  if (household.isError || !household.data) return <QueryError error={household.error} onRetry={() => household.refetch()} what="征迁住户" />;
  const h = household.data;
  const canManage = hasPermission(me, 'acquisition:manage');
  const pay = async () => {
    const v = await form.validateFields();
    const amountFen = parseYuanToFen(String(v.amount));
    if (amountFen === null) return;
    try {
      await addPayment.mutateAsync({ id: h.id, body: { amountFen, paidOn: v.paidOn.format('YYYY-MM-DD'), reference: v.reference || null, note: v.note || null } });
      message.success('已登记补偿支付');
      setPaying(false);
    } catch (e) {
      message.error(errorMessage(e));
    }
  };
  const doVoid = async () => {
    const v = await voidForm.validateFields();
    try {
      await voidPayment.mutateAsync({ id: voiding!.id, voidReason: v.voidReason });
      message.success('已作废');
      setVoiding(null);
    } catch (e) {
      message.error(errorMessage(e));
    }
  };
  return (
    <>
      <PageHeader title={`${h.code} ${h.name}`} subTitle={<Link to={`/land/acquisition/${h.areaId}`}>{h.areaName}</Link>} extra={<StageTag stage={h.stage} />} />
      {h.masked && <Alert type="info" showIcon style={{ marginBottom: 12 }} message="个人信息已脱敏:仅本片区负责干部可见完整姓名、电话和地址。身份证号对所有人脱敏。" />}
      <Card style={{ marginBottom: 16 }}>
        <Descriptions column={{ xs: 1, md: 3 }} size="small">
          <Descriptions.Item label="类型">{ACQUISITION_KIND_LABELS[h.kind]}</Descriptions.Item>
          <Descriptions.Item label="姓名/单位">{h.name}</Descriptions.Item>
          <Descriptions.Item label="身份证号">{h.idNumberMasked ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="电话">{h.phone ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="地址">{h.address ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="人口">{h.members ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="房屋面积">{h.buildingAreaM2.toLocaleString('zh-CN', { minimumFractionDigits: 2 })} ㎡</Descriptions.Item>
          <Descriptions.Item label="占地面积">{h.landAreaM2 === null ? '—' : `${h.landAreaM2.toLocaleString('zh-CN', { minimumFractionDigits: 2 })} ㎡`}</Descriptions.Item>
          <Descriptions.Item label="签约日期">{h.agreementOn ?? '未签约'}</Descriptions.Item>
          <Descriptions.Item label="协议补偿">{formatAmount(h.compensationAgreedFen)}</Descriptions.Item>
          <Descriptions.Item label="已付补偿">{formatAmount(h.compensationPaidFen)}</Descriptions.Item>
          <Descriptions.Item label="未付">{formatAmount(h.outstandingFen)}</Descriptions.Item>
          <Descriptions.Item label="搬迁日期">{h.movedOutOn ?? '未搬迁'}</Descriptions.Item>
          <Descriptions.Item label="说明">{h.note ?? '—'}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card
        title="补偿支付"
        style={{ marginBottom: 16 }}
        extra={
          canManage && h.agreementOn && (h.outstandingFen ?? 0) > 0 && (
            <Button icon={<PlusOutlined />} onClick={() => { form.resetFields(); setPaying(true); }}>
              登记支付
            </Button>
          )
        }
      >
        <Table<AcquisitionPaymentView>
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={h.payments}
          scroll={{ x: 700 }}
          columns={[
            { title: '支付日期', dataIndex: 'paidOn', width: 110 },
            { title: '金额', dataIndex: 'amountFen', align: 'right', render: (v: number, p) => <span style={{ textDecoration: p.status === 'void' ? 'line-through' : undefined }}>{formatAmount(v)}</span> },
            { title: '凭证号', dataIndex: 'reference', render: (v: string | null) => v ?? '—' },
            { title: '说明', dataIndex: 'note', render: (v: string | null) => v ?? '—' },
            { title: '状态', dataIndex: 'status', render: (s: string, p) => (s === 'void' ? <Tag>已作废:{p.voidReason}</Tag> : <Tag color="green">有效</Tag>) },
            ...(canManage ? [{ title: '', key: 'void', width: 70, render: (_: unknown, p: AcquisitionPaymentView) => p.status === 'active' && <a onClick={() => { voidForm.resetFields(); setVoiding(p); }}>作废</a> }] : []),
          ]}
        />
      </Card>
      <Card title="事故·纠纷·上访">
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={h.incidentList}
          columns={[
            { title: '日期', dataIndex: 'occurredOn', render: (d: string, i) => <Link to={`/land/acquisition/incidents/${i.id}`}>{d}</Link> },
            { title: '类别', dataIndex: 'kind', render: (k: keyof typeof ACQUISITION_INCIDENT_KIND_LABELS) => ACQUISITION_INCIDENT_KIND_LABELS[k] },
            { title: '情况', dataIndex: 'summary' },
            { title: '状态', dataIndex: 'status', render: (s: string) => <Tag color={s === 'open' ? 'red' : 'green'}>{s === 'open' ? '未结' : '已处理'}</Tag> },
          ]}
        />
      </Card>
      <Modal open={paying} title="登记补偿支付" onCancel={() => setPaying(false)} onOk={pay} confirmLoading={addPayment.isPending} okText="登记">
        <Form form={form} layout="vertical">
          <Form.Item name="amount" label={`金额(元,未付 ${formatAmount(h.outstandingFen)})`} rules={[{ required: true, message: '请填写金额' }]}>
            <InputNumber min={0.01} precision={2} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="paidOn" label="支付日期" rules={[{ required: true, message: '请选择日期' }]}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="reference" label="凭证号">
            <Input maxLength={60} />
          </Form.Item>
          <Form.Item name="note" label="说明">
            <Input maxLength={500} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal open={Boolean(voiding)} title="作废补偿支付" onCancel={() => setVoiding(null)} onOk={doVoid} confirmLoading={voidPayment.isPending} okText="作废" okButtonProps={{ danger: true }}>
        <Form form={voidForm} layout="vertical">
          <Form.Item name="voidReason" label="作废原因" rules={[{ required: true, message: '请填写作废原因' }]}>
            <Input.TextArea maxLength={200} rows={2} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
