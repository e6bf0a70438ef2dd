import { useState } from 'react';
import { App, Button, Card, Col, DatePicker, Form, Input, InputNumber, Modal, Row, Table, Typography } from 'antd';
import { parseYuanToFen, type LandParameterView } from '@yuanqi/contract';
import { api, errorMessage, isApiError } from '../../../app/api';
import { useCan } from '../../../app/auth';
import { PageHeader } from '../../../components/PageHeader';
import { PageLoading } from '../../../components/PageLoading';
import { QueryError } from '../../../components/QueryError';
import { dayjs, formatDateTime } from '../../../components/format';
import { useLandWrite, useParameters } from './api';

/** A parameter's value as people read it: rents in 元/㎡/月, the rest in their unit. */
const valueText = (p: LandParameterView, v: number) => (p.unit === 'fen_per_m2_month' ? `${(v / 100).toFixed(2)}元/㎡/月` : `${v}${p.unitLabel}`);

/** 要素参数: each dated parameter's current value and versions; a new version applies from its date and never rewrites what was fixed before. */
export function ParametersPage() {
  const params = useParameters();
  const can = useCan();
  const { message } = App.useApp();
  const [editing, setEditing] = useState<LandParameterView | null>(null);
  const [form] = Form.useForm();
  const save = useLandWrite((v: { validFrom: unknown; value: number; note?: string }) =>
    api.post('/api/land/parameters', { key: editing!.key, validFrom: dayjs(v.validFrom as string).format('YYYY-MM-DD'), value: editing!.unit === 'fen_per_m2_month' ? parseYuanToFen(v.value) : v.value, note: v.note ?? null }),
  );
  if (params.error) return <QueryError error={params.error} onRetry={() => params.refetch()} />;
  if (!params.data) return <PageLoading />;
  const manage = can('land:manage') || can('premises:manage');
  return (
    <>
      <PageHeader title="要素参数" subTitle="按生效日期取值:签约、出账按当日有效的版本" />
      <Row gutter={[12, 12]}>
        {params.data.map((p) => (
          <Col xs={24} lg={12} key={p.key}>
            <Card size="small" title={p.label} extra={manage && <Button size="small" onClick={() => { setEditing(p); form.resetFields(); }}>新增版本</Button>} data-testid={`param-${p.key}`}>
              <Typography.Title level={4} style={{ margin: 0 }}>{valueText(p, p.current)}</Typography.Title>
              <Typography.Text type="secondary">当前值(默认 {valueText(p, p.defaultValue)})</Typography.Text>
              {p.versions.length > 0 && (
                <Table
                  size="small"
                  rowKey="id"
                  style={{ marginTop: 8 }}
                  pagination={false}
                  dataSource={p.versions}
                  columns={[
                    { title: '生效日期', dataIndex: 'validFrom' },
                    { title: '数值', dataIndex: 'value', render: (v) => valueText(p, v) },
                    { title: '说明', dataIndex: 'note' },
                    { title: '登记', render: (_, v) => `${v.createdBy ?? '系统'} ${formatDateTime(v.createdAt)}` },
                  ]}
                />
              )}
            </Card>
          </Col>
        ))}
      </Row>
      <Modal open={!!editing} title={`新增版本 · ${editing?.label ?? ''}`} onCancel={() => setEditing(null)} onOk={() => form.submit()} confirmLoading={save.isPending} destroyOnHidden>
        <Form
          form={form}
          layout="vertical"
          onFinish={(v) =>
            save.mutateAsync(v).then(
              () => { setEditing(null); message.success('已保存'); },
              (e) => { if (isApiError(e) && e.details?.length) form.setFields(e.details.map((d) => ({ name: d.path === 'value' ? 'value' : d.path, errors: [d.message] }))); message.error(errorMessage(e)); },
            )
          }
        >
          <Form.Item name="validFrom" label="生效日期" rules={[{ required: true, message: '请选择生效日期' }]}><DatePicker /></Form.Item>
          <Form.Item name="value" label={editing?.unit === 'fen_per_m2_month' ? '租金(元/㎡/月)' : `数值(${editing?.unitLabel ?? ''})`} rules={[{ required: true, message: '请填写数值' }]}>
            <InputNumber min={0} precision={editing?.unit === 'fen_per_m2_month' ? 2 : 0} style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name="note" label="说明"><Input /></Form.Item>
        </Form>
      </Modal>
    </>
  );
}
