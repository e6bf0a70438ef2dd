import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { App, Button, Card, DatePicker, Descriptions, Form, Input, Modal, Space, Table } from 'antd';
import { api, errorMessage } from '../../../app/api';
import { useCan } from '../../../app/auth';
import { PageHeader } from '../../../components/PageHeader';
import { PageLoading } from '../../../components/PageLoading';
import { QueryError } from '../../../components/QueryError';
import { dayjs, formatMoney } from '../../../components/format';
import { useLandWrite, useLease } from './api';
import { BillStatusTag, LeaseStatusTag, areaText, rateText } from './bits';

/** 租赁合同: terms, the bills month by month, early termination or cancellation. */
export function LeasePage() {
  const { id = '' } = useParams();
  const lease = useLease(id);
  const can = useCan();
  const { message } = App.useApp();
  const [ending, setEnding] = useState<'terminate' | 'cancel' | null>(null);
  const [form] = Form.useForm();
  const act = useLandWrite((v: { terminatedOn?: unknown; reason: string }) =>
    ending === 'terminate' ? api.post(`/api/land/premises/leases/${id}/terminate`, { terminatedOn: dayjs(v.terminatedOn as string).format('YYYY-MM-DD'), reason: v.reason }) : api.post(`/api/land/premises/leases/${id}/cancel`, { reason: v.reason }),
  );
  if (lease.error) return <QueryError error={lease.error} onRetry={() => lease.refetch()} what="租赁合同" />;
  if (!lease.data) return <PageLoading />;
  const l = lease.data;
  return (
    <>
      <PageHeader
        title={`租赁合同 ${l.contractNo}`}
        subTitle={<LeaseStatusTag status={l.status} />}
        extra={
          can('premises:manage') && l.status === 'active' ? (
            <Space>
              <Button onClick={() => setEnding('terminate')}>提前终止</Button>
              <Button danger onClick={() => setEnding('cancel')}>作废</Button>
            </Space>
          ) : null
        }
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label="企业">{l.enterpriseName}</Descriptions.Item>
          <Descriptions.Item label="房源">{can('premises:read') ? <Link to={`/land/premises/buildings/${l.buildingId}`}>{`${l.buildingName} ${l.unitCode}`}</Link> : `${l.buildingName} ${l.unitCode}`}</Descriptions.Item>
          <Descriptions.Item label="面积">{areaText(l.areaM2)}</Descriptions.Item>
          <Descriptions.Item label="租期">{l.startsOn} 至 {l.endsOn}</Descriptions.Item>
          {l.terminatedOn && <Descriptions.Item label="提前终止">{l.terminatedOn}({l.terminateReason})</Descriptions.Item>}
          <Descriptions.Item label="租金单价">{rateText(l.rentFenPerM2Month)}</Descriptions.Item>
          <Descriptions.Item label="月租金">{formatMoney(l.monthlyRentFen)}</Descriptions.Item>
          <Descriptions.Item label="押金">{formatMoney(l.depositFen)}</Descriptions.Item>
          <Descriptions.Item label="累计应收 / 减免 / 已缴 / 欠缴">
            {formatMoney(l.totals.grossFen)} / {formatMoney(l.totals.reliefFen)} / {formatMoney(l.totals.paidFen)} / {formatMoney(l.totals.balanceFen)}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card size="small" title="租金账单">
        <Table
          size="small"
          rowKey="id"
          dataSource={l.bills}
          scroll={{ x: 800 }}
          pagination={{ pageSize: 12 }}
          columns={[
            { title: '月份', dataIndex: 'periodLabel', render: (v, b) => <Link to={`/land/premises/bills/${b.id}`}>{v}</Link> },
            { title: '天数', render: (_, b) => `${b.days}/${b.daysInMonth}` },
            { title: '应收', dataIndex: 'grossFen', align: 'right', render: formatMoney },
            { title: '减免', dataIndex: 'reliefTotalFen', align: 'right', render: formatMoney },
            { title: '应缴', dataIndex: 'dueFen', align: 'right', render: formatMoney },
            { title: '已缴', dataIndex: 'paidFen', align: 'right', render: formatMoney },
            { title: '状态', dataIndex: 'status', render: (s) => <BillStatusTag status={s} /> },
          ]}
        />
      </Card>
      <Modal open={!!ending} title={ending === 'terminate' ? '提前终止合同' : '作废合同(仅限未出账单)'} onCancel={() => setEnding(null)} onOk={() => form.submit()} confirmLoading={act.isPending} destroyOnHidden>
        <Form form={form} layout="vertical" onFinish={(v) => act.mutateAsync(v).then(() => { setEnding(null); message.success('已保存'); }, (e) => message.error(errorMessage(e)))}>
          {ending === 'terminate' && <Form.Item name="terminatedOn" label="终止日期(最后计租日)" rules={[{ required: true, message: '请选择日期' }]}><DatePicker /></Form.Item>}
          <Form.Item name="reason" label="原因" rules={[{ required: true, message: '请填写原因' }]}><Input.TextArea rows={2} /></Form.Item>
        </Form>
      </Modal>
    </>
  );
}
