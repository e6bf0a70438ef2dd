import { Link, useParams } from 'react-router-dom';
import { App, Button, Card, DatePicker, Descriptions, Form, Input, Tag } from 'antd';
import { ACQUISITION_INCIDENT_KIND_LABELS } from '@yuanqi/contract';
import { errorMessage } from '../../../app/api';
import { hasPermission, useMe } from '../../../app/auth';
import { PageHeader } from '../../../components/PageHeader';
import { PageLoading } from '../../../components/PageLoading';
import { QueryError } from '../../../components/QueryError';
import { useIncident, useResolveIncident } from './api';

/** 事故/纠纷/上访: the record and, while open, the resolution form. */
export function IncidentPage() {
  const { id = '' } = useParams();
  const me = useMe();
  const { message } = App.useApp();
  const incident = useIncident(id);
  const resolve = useResolveIncident();
  const [form] = Form.useForm();
  if (incident.isLoading) return <PageLoading />;
  if (incident.isError || !incident.data) return <QueryError error={incident.error} onRetry={() => incident.refetch()} what="事件" />;
  const i = incident.data;
  const submit = async () => {
    const v = await form.validateFields();
    try {
      await resolve.mutateAsync({ id: i.id, body: { resolution: v.resolution, resolvedOn: v.resolvedOn.format('YYYY-MM-DD') } });
      message.success('已办结');
    } catch (e) {
      message.error(errorMessage(e));
    }
  };
  return (
    <>
      <PageHeader
        title={`${ACQUISITION_INCIDENT_KIND_LABELS[i.kind]} · ${i.occurredOn}`}
        subTitle={<Link to={`/land/acquisition/${i.areaId}`}>{i.areaName}</Link>}
        extra={<Tag color={i.status === 'open' ? 'red' : 'green'}>{i.status === 'open' ? '未结' : '已处理'}</Tag>}
      />
      <Card style={{ marginBottom: 16 }}>
        <Descriptions column={1} size="small">
          <Descriptions.Item label="住户">{i.householdId ? <Link to={`/land/acquisition/households/${i.householdId}`}>{`${i.householdCode} ${i.householdName ?? ''}`}</Link> : '—'}</Descriptions.Item>
          <Descriptions.Item label="情况">{i.summary}</Descriptions.Item>
          <Descriptions.Item label="登记">{`${i.createdBy ?? '系统'} ${i.createdAt.slice(0, 10)}`}</Descriptions.Item>
          {i.status === 'resolved' && <Descriptions.Item label="处理结果">{i.resolution}</Descriptions.Item>}
          {i.status === 'resolved' && <Descriptions.Item label="办结日期">{i.resolvedOn}</Descriptions.Item>}
        </Descriptions>
      </Card>
      {i.status === 'open' && hasPermission(me, 'acquisition:manage') && (
        <Card title="办结">
          <Form form={form} layout="vertical" onFinish={submit}>
            <Form.Item name="resolution" label="处理结果" rules={[{ required: true, message: '请填写处理结果' }]}>
              <Input.TextArea rows={3} maxLength={1000} />
            </Form.Item>
            <Form.Item name="resolvedOn" label="办结日期" rules={[{ required: true, message: '请选择日期' }]}>
              <DatePicker />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={resolve.isPending}>
              办结
            </Button>
          </Form>
        </Card>
      )}
    </>
  );
}
