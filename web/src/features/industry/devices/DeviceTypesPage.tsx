import { useState } from 'react';
import { App, Button, Card, Checkbox, Form, Input, InputNumber, Modal, Select, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { DeleteOutlined, MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { METRIC_KINDS, METRIC_KIND_LABELS, type CreateDeviceTypeRequest, type DeviceTypeView, type MetricKind } from '@yuanqi/contract';
import { useMe } from '../../../app/auth';
import { EmptyHint } from '../../../components/EmptyHint';
import { PageHeader } from '../../../components/PageHeader';
import { QueryError } from '../../../components/QueryError';
import { applyFieldErrors } from '../../../components/forms';
import { useScreens } from '../../../components/useScreens';
import { useCreateDeviceType, useDeleteDeviceType, useDeviceTypes } from './api';
import { MetricTags } from './bits';

type MetricValues = { key: string; label: string; unit?: string; kind: MetricKind; min?: number | null; max?: number | null; energy?: boolean };

function CreateTypeModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<{ code: string; label: string; metrics: MetricValues[] }>();
  const create = useCreateDeviceType();
  const submit = (v: { code: string; label: string; metrics: MetricValues[] }) => {
    const body: CreateDeviceTypeRequest = {
      code: v.code,
      label: v.label,
      metrics: v.metrics.map((m) => ({ key: m.key, label: m.label, unit: m.unit ?? '', kind: m.kind, min: m.min ?? null, max: m.max ?? null, ...(m.energy ? { energy: true } : {}) })),
    };
    create.mutate(body, {
      onSuccess: () => {
        form.resetFields();
        onClose();
      },
      onError: (e) => applyFieldErrors(form, e),
    });
  };
  return (
    <Modal title="新增设备类型" open={open} onCancel={onClose} okText="保存" confirmLoading={create.isPending} onOk={() => form.submit()} width={900} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ metrics: [{ kind: 'gauge' }] }}>
        <Space wrap style={{ width: '100%' }} size={12}>
          <Form.Item
            name="code"
            label="类型编码"
            rules={[
              { required: true, message: '请填写类型编码' },
              { pattern: /^[a-z][a-z0-9_]{1,39}$/, message: '小写字母开头的字母、数字或下划线(2–40位)' },
            ]}
          >
            <Input placeholder="如 air_compressor" style={{ width: 220 }} />
          </Form.Item>
          <Form.Item name="label" label="类型名称" rules={[{ required: true, whitespace: true, message: '请填写类型名称' }]}>
            <Input placeholder="如 空压机" style={{ width: 220 }} maxLength={30} />
          </Form.Item>
        </Space>
        <Typography.Text strong>指标</Typography.Text>
        <Form.List name="metrics">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field) => (
                <Space key={field.key} align="start" wrap size={8} style={{ display: 'flex', marginTop: 8 }}>
                  <Form.Item name={[field.name, 'key']} rules={[{ required: true, message: '指标编码' }, { pattern: /^[a-z][a-z0-9_]{0,39}$/, message: '小写字母开头' }]} style={{ marginBottom: 0 }}>
                    <Input placeholder="编码 如 pressure_mpa" style={{ width: 150 }} aria-label="指标编码" />
                  </Form.Item>
                  <Form.Item name={[field.name, 'label']} rules={[{ required: true, whitespace: true, message: '指标名称' }]} style={{ marginBottom: 0 }}>
                    <Input placeholder="名称 如 排气压力" style={{ width: 130 }} aria-label="指标名称" maxLength={30} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'unit']} style={{ marginBottom: 0 }}>
                    <Input placeholder="单位" style={{ width: 70 }} aria-label="单位" maxLength={12} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'kind']} style={{ marginBottom: 0 }}>
                    <Select style={{ width: 96 }} aria-label="指标类型" options={METRIC_KINDS.map((k) => ({ value: k, label: METRIC_KIND_LABELS[k] }))} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'min']} style={{ marginBottom: 0 }}>
                    <InputNumber placeholder="下限" style={{ width: 86 }} aria-label="下限" />
                  </Form.Item>
                  <Form.Item name={[field.name, 'max']} style={{ marginBottom: 0 }}>
                    <InputNumber placeholder="上限" style={{ width: 86 }} aria-label="上限" />
                  </Form.Item>
                  <Form.Item name={[field.name, 'energy']} valuePropName="checked" style={{ marginBottom: 0 }}>
                    <Checkbox>电量(kWh)</Checkbox>
                  </Form.Item>
                  {fields.length > 1 && <MinusCircleOutlined onClick={() => remove(field.name)} style={{ marginTop: 8 }} aria-label="删除指标" />}
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ kind: 'gauge' })} style={{ marginTop: 12 }}>
                添加指标
              </Button>
            </>
          )}
        </Form.List>
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
          瞬时值如温度、功率;累计值如电表读数、累计产量;开关量只取 0/1。勾选“电量”的累计值按日增量计入企业用电量。超出上下限的读数会被拒收。
        </Typography.Paragraph>
      </Form>
    </Modal>
  );
}

/** 设备类型: the types devices are registered under, with their metrics; the office adds its own. */
export function DeviceTypesPage() {
  const me = useMe();
  const screens = useScreens();
  const mobile = !screens.md;
  const { modal } = App.useApp();
  const types = useDeviceTypes();
  const remove = useDeleteDeviceType();
  const [creating, setCreating] = useState(false);
  const canManage = me.permissions.includes('industry:manage');

  const confirmDelete = (t: DeviceTypeView) =>
    modal.confirm({ title: `删除设备类型“${t.label}”?`, okText: '删除', okButtonProps: { danger: true }, onOk: () => remove.mutateAsync(t.code) });

  return (
    <>
      <PageHeader
        title="设备类型"
        subTitle="设备按类型上报指标:指标编码、单位、类型和量程决定平台接收哪些读数"
        extra={
          canManage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              新增类型
            </Button>
          )
        }
      />
      {types.isLoading ? (
        <Card>
          <Skeleton active paragraph={{ rows: 6 }} />
        </Card>
      ) : types.isError ? (
        <Card>
          <QueryError error={types.error} onRetry={() => types.refetch()} what="设备类型" />
        </Card>
      ) : (types.data ?? []).length === 0 ? (
        <Card>
          <EmptyHint description="还没有设备类型" />
        </Card>
      ) : mobile ? (
        (types.data ?? []).map((t) => (
          <Card key={t.code} size="small" title={t.label} extra={t.builtin ? <Tag>内置</Tag> : null} style={{ marginBottom: 12 }}>
            <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 8 }}>
              {t.code} · {t.deviceCount} 台设备
            </Typography.Text>
            <MetricTags metrics={t.metrics} />
          </Card>
        ))
      ) : (
        <Card styles={{ body: { padding: 0 } }}>
          <Table<DeviceTypeView>
            rowKey="code"
            dataSource={types.data}
            pagination={false}
            columns={[
              {
                title: '类型',
                key: 'label',
                width: 200,
                render: (_, t) => (
                  <div>
                    {t.label} {t.builtin && <Tag>内置</Tag>}
                    <div>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {t.code}
                      </Typography.Text>
                    </div>
                  </div>
                ),
              },
              {
                title: '指标(编码 · 单位 · 类型 · 量程)',
                key: 'metrics',
                render: (_, t) => (
                  <Space direction="vertical" size={2}>
                    {t.metrics.map((m) => (
                      <span key={m.key}>
                        {m.label} <Typography.Text type="secondary">{m.key}</Typography.Text> · {m.unit || '—'} · {METRIC_KIND_LABELS[m.kind]}
                        {m.kind !== 'flag' && (m.min !== null && m.min !== undefined ? ` · ${m.min}` : ' · -∞') + (m.max !== null && m.max !== undefined ? `~${m.max}` : '~+∞')}
                        {m.energy && <Tag color="gold" style={{ marginInlineStart: 6 }}>用电量</Tag>}
                      </span>
                    ))}
                  </Space>
                ),
              },
              { title: '设备数', dataIndex: 'deviceCount', key: 'count', width: 90, align: 'right' },
              ...(canManage
                ? [
                    {
                      title: '操作',
                      key: 'op',
                      width: 90,
                      render: (_: unknown, t: DeviceTypeView) =>
                        !t.builtin && t.deviceCount === 0 ? (
                          <Button size="small" type="link" danger icon={<DeleteOutlined />} onClick={() => confirmDelete(t)}>
                            删除
                          </Button>
                        ) : null,
                    },
                  ]
                : []),
            ]}
          />
        </Card>
      )}
      <CreateTypeModal open={creating} onClose={() => setCreating(false)} />
    </>
  );
}
