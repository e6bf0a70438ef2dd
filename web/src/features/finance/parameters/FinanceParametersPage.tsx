import { useState } from 'react';
import { App, Button, Card, DatePicker, Form, Input, InputNumber, Modal, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { FINANCE_PARAMETERS, type FinanceParameterKey, type FinanceParameterView } from '@yuanqi/contract';
import { hasPermission, useMe } from '../../../app/auth';
import { PageHeader } from '../../../components/PageHeader';
import { QueryError } from '../../../components/QueryError';
import { applyFieldErrors } from '../../../components/forms';
import { useFinanceParameters, useSetFinanceParameter } from '../api';

/** How a parameter's value reads: 0.01%/日, 80%, 1,000万元, 15天. */
export function formatParameter(key: FinanceParameterKey, value: number): string {
  if (key.endsWith('_ppm')) return `${(value / 10_000).toLocaleString('zh-CN', { maximumFractionDigits: 4 })}%/日`;
  if (key.endsWith('_bp')) return `${(value / 100).toLocaleString('zh-CN', { maximumFractionDigits: 2 })}%`;
  if (key.endsWith('_fen')) return `${(value / 1_000_000).toLocaleString('zh-CN', { maximumFractionDigits: 2 })}万元`;
  return `${value}${FINANCE_PARAMETERS[key].unit}`;
}

type FormValues = { validFrom: dayjs.Dayjs; value: number; note?: string };

/** 金融参数: each dated parameter with its current value and history; a new version applies from its date. */
export default function FinanceParametersPage() {
  const me = useMe();
  const { message } = App.useApp();
  const params = useFinanceParameters();
  const save = useSetFinanceParameter();
  const [editing, setEditing] = useState<FinanceParameterView | null>(null);
  const [form] = Form.useForm<FormValues>();
  const manage = hasPermission(me, 'finance:manage');

  const submit = async () => {
    if (!editing) return;
    const v = await form.validateFields();
    try {
      await save.mutateAsync({ key: editing.key, validFrom: v.validFrom.format('YYYY-MM-DD'), value: v.value, note: v.note || undefined });
      message.success(`已保存:${editing.label}自 ${v.validFrom.format('YYYY-MM-DD')} 起为 ${formatParameter(editing.key, v.value)}`);
      setEditing(null);
    } catch (e) {
      applyFieldErrors(form, e);
    }
  };

  return (
    <>
      <PageHeader title="金融参数" subTitle="按生效日期管理:新版本自生效日起适用,已放款的贷款按放款日的参数计算,不受后来的调整影响" />
      {params.isError ? (
        <QueryError error={params.error} onRetry={() => params.refetch()} />
      ) : (
        <Card>
          <Table<FinanceParameterView>
            rowKey="key"
            loading={params.isLoading}
            dataSource={params.data ?? []}
            pagination={false}
            scroll={{ x: 720 }}
            expandable={{
              expandedRowRender: (p) => (
                <Table
                  size="small"
                  rowKey={(v) => v.id ?? 'default'}
                  pagination={false}
                  dataSource={p.versions}
                  columns={[
                    { title: '生效日期', dataIndex: 'validFrom', render: (d: string | null) => d ?? '(默认)' },
                    { title: '值', dataIndex: 'value', render: (v: number) => formatParameter(p.key, v) },
                    { title: '说明', dataIndex: 'note' },
                    { title: '设置人', dataIndex: 'createdBy' },
                  ]}
                />
              ),
            }}
            columns={[
              { title: '参数', dataIndex: 'label', render: (l: string, p) => (<div><strong>{l}</strong><div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{p.help}</Typography.Text></div></div>) },
              { title: '当前值', key: 'current', width: 160, render: (_, p) => <Tag color="blue">{formatParameter(p.key, p.current)}</Tag> },
              { title: '版本数', key: 'versions', width: 90, render: (_, p) => p.versions.length - 1 },
              ...(manage
                ? [{ title: '操作', key: 'op', width: 120, render: (_: unknown, p: FinanceParameterView) => <Button size="small" onClick={() => { setEditing(p); form.setFieldsValue({ validFrom: dayjs(), value: p.current, note: undefined }); }}>新增版本</Button> }]
                : []),
            ]}
          />
        </Card>
      )}
      <Modal open={!!editing} title={editing ? `新增版本:${editing.label}` : ''} okText="保存" cancelText="取消" onOk={submit} confirmLoading={save.isPending} onCancel={() => setEditing(null)} destroyOnHidden>
        {editing && (
          <Form form={form} layout="vertical">
            <Form.Item name="validFrom" label="生效日期" rules={[{ required: true, message: '请选择生效日期' }]}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item name="value" label={`值(单位:${editing.unit})`} extra={editing.help} rules={[{ required: true, message: '请填写参数值' }]}>
              <InputNumber style={{ width: '100%' }} min={editing.min} max={editing.max} precision={0} />
            </Form.Item>
            <Form.Item name="note" label="说明(文件依据等)">
              <Input maxLength={200} />
            </Form.Item>
          </Form>
        )}
      </Modal>
    </>
  );
}
