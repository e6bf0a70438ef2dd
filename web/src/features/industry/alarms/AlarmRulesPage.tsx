import { useState } from 'react';
import { App, Button, Card, Form, Input, InputNumber, Modal, Popconfirm, Radio, Select, Space, Switch, Table, Tag, Typography, type TableProps } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import {
  ALARM_COMPARISONS,
  ALARM_COMPARISON_LABELS,
  ALARM_COMPARISON_SIGNS,
  ALARM_RULE_SCOPE_LABELS,
  ALARM_SEVERITIES,
  ALARM_SEVERITY_LABELS,
  type AlarmRuleRequest,
  type AlarmRuleView,
} from '@yuanqi/contract';
import { EmptyHint } from '../../../components/EmptyHint';
import { PageHeader } from '../../../components/PageHeader';
import { QueryError } from '../../../components/QueryError';
import { formatDateTime } from '../../../components/format';
import { applyFieldErrors } from '../../../components/forms';
import { useScreens } from '../../../components/useScreens';
import { useAlarmRuleOptions, useAlarmRules, useDeleteAlarmRule, useSaveAlarmRule, useToggleAlarmRule } from './api';
import { SeverityTag } from './bits';

type FormValues = Omit<AlarmRuleRequest, 'threshold' | 'forMinutes'> & { threshold: number | null; forMinutes: number | null };

const EMPTY: Partial<FormValues> = { scope: 'type', comparison: 'gt', forMinutes: 5, severity: 'warning', enabled: true };

function RuleForm({ rule, open, onClose }: { rule: AlarmRuleView | null; open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<FormValues>();
  const options = useAlarmRuleOptions(open);
  const save = useSaveAlarmRule();
  const { message } = App.useApp();
  const scope = Form.useWatch('scope', form) ?? 'type';
  const typeCode = Form.useWatch('typeCode', form);
  const deviceId = Form.useWatch('deviceId', form);
  const metricKey = Form.useWatch('metric', form);
  const types = options.data?.types ?? [];
  const devices = options.data?.devices ?? [];
  const effectiveType = scope === 'device' ? devices.find((d) => d.id === deviceId)?.typeCode : typeCode;
  const metrics = types.find((t) => t.code === effectiveType)?.metrics ?? [];
  const unit = metrics.find((m) => m.key === metricKey)?.unit ?? '';

  const initial: Partial<FormValues> = rule
    ? {
        name: rule.name,
        scope: rule.scope,
        typeCode: rule.typeCode,
        deviceId: rule.deviceId,
        metric: rule.metric,
        comparison: rule.comparison,
        threshold: rule.threshold,
        forMinutes: rule.forMinutes,
        severity: rule.severity,
        enabled: rule.enabled,
      }
    : EMPTY;

  const submit = async (v: FormValues) => {
    const body: AlarmRuleRequest = {
      ...v,
      typeCode: v.scope === 'type' ? v.typeCode : null,
      deviceId: v.scope === 'device' ? v.deviceId : null,
      threshold: v.threshold ?? Number.NaN,
      forMinutes: v.forMinutes ?? 0,
    };
    try {
      await save.mutateAsync({ id: rule?.id, body });
      message.success(rule ? '告警规则已保存' : '告警规则已创建');
      onClose();
    } catch (error) {
      applyFieldErrors(form, error);
    }
  };

  return (
    <Modal
      open={open}
      title={rule ? '修改告警规则' : '新建告警规则'}
      okText={rule ? '保存' : '创建'}
      cancelText="取消"
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      width={560}
    >
      {rule && <Typography.Paragraph type="secondary">修改后该规则的越限计时重新开始;已触发的告警不受影响。</Typography.Paragraph>}
      <Form<FormValues> form={form} layout="vertical" initialValues={initial} onFinish={submit} preserve={false}>
        <Form.Item name="name" label="规则名称" rules={[{ required: true, whitespace: true, message: '请填写规则名称' }, { max: 60, message: '规则名称最多60个字' }]}>
          <Input placeholder="如:熔炉超温" maxLength={60} />
        </Form.Item>
        <Form.Item name="scope" label="适用范围" rules={[{ required: true }]}>
          <Radio.Group
            optionType="button"
            options={(['type', 'device'] as const).map((s) => ({ value: s, label: ALARM_RULE_SCOPE_LABELS[s] }))}
            onChange={() => form.setFieldsValue({ metric: undefined })}
          />
        </Form.Item>
        {scope === 'type' ? (
          <Form.Item name="typeCode" label="设备类型" rules={[{ required: true, message: '请选择设备类型' }]} extra="园区内该类型的所有设备都按此规则判断">
            <Select
              placeholder="设备类型"
              loading={options.isLoading}
              options={types.map((t) => ({ value: t.code, label: t.label }))}
              onChange={() => form.setFieldsValue({ metric: undefined })}
            />
          </Form.Item>
        ) : (
          <Form.Item name="deviceId" label="设备" rules={[{ required: true, message: '请选择设备' }]}>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              placeholder="搜索企业、设备名称或编号"
              loading={options.isLoading}
              options={devices.map((d) => ({ value: d.id, label: `${d.enterpriseName} · ${d.name}(${d.code})` }))}
              onChange={() => form.setFieldsValue({ metric: undefined })}
            />
          </Form.Item>
        )}
        <Form.Item name="metric" label="监测指标" rules={[{ required: true, message: '请选择监测指标' }]}>
          <Select
            placeholder={effectiveType ? '监测指标' : '请先选择设备类型或设备'}
            disabled={!effectiveType}
            options={metrics.map((m) => ({ value: m.key, label: `${m.label}${m.unit ? `(${m.unit})` : ''}` }))}
          />
        </Form.Item>
        <Space.Compact block>
          <Form.Item name="comparison" label="条件" rules={[{ required: true, message: '请选择比较方式' }]} style={{ width: 140 }}>
            <Select options={ALARM_COMPARISONS.map((c) => ({ value: c, label: `${ALARM_COMPARISON_SIGNS[c]} ${ALARM_COMPARISON_LABELS[c]}` }))} />
          </Form.Item>
          <Form.Item name="threshold" label="阈值" rules={[{ required: true, message: '请填写阈值' }]} style={{ flex: 1 }}>
            <InputNumber style={{ width: '100%' }} placeholder="阈值" suffix={unit || undefined} />
          </Form.Item>
        </Space.Compact>
        <Form.Item
          name="forMinutes"
          label="持续时间"
          rules={[{ required: true, message: '请填写持续时间' }]}
          extra="条件连续成立达到该分钟数才告警(0 = 立即告警);设备停发时按最后读数计时,设备离线后不再计时"
        >
          <InputNumber min={0} max={1440} precision={0} suffix="分钟" style={{ width: 180 }} />
        </Form.Item>
        <Form.Item name="severity" label="告警级别" rules={[{ required: true }]} extra="严重告警同时以短信通知企业和联络员">
          <Radio.Group optionType="button" options={ALARM_SEVERITIES.map((s) => ({ value: s, label: ALARM_SEVERITY_LABELS[s] }))} />
        </Form.Item>
        <Form.Item name="enabled" label="启用" valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 告警规则 (industry:manage): threshold rules per device type or device; enable/disable, edit, delete. */
export function AlarmRulesPage() {
  const rules = useAlarmRules();
  const toggle = useToggleAlarmRule();
  const remove = useDeleteAlarmRule();
  const { message } = App.useApp();
  const [editing, setEditing] = useState<AlarmRuleView | null>(null);
  const [open, setOpen] = useState(false);
  const screens = useScreens();

  const edit = (r: AlarmRuleView | null) => {
    setEditing(r);
    setOpen(true);
  };

  const columns: TableProps<AlarmRuleView>['columns'] = [
    {
      title: '规则',
      key: 'name',
      render: (_, r) => (
        <div>
          <Space size={6} wrap>
            <SeverityTag severity={r.severity} />
            <strong>{r.name}</strong>
          </Space>
          <div style={{ fontSize: 13, marginTop: 2 }}>{r.conditionText}</div>
        </div>
      ),
    },
    {
      title: '适用范围',
      key: 'scope',
      width: 260,
      render: (_, r) =>
        r.scope === 'type' ? (
          <span>
            <Tag>类型</Tag>
            {r.typeLabel ?? r.typeCode}(全部设备)
          </span>
        ) : (
          <span>
            <Tag color="purple">设备</Tag>
            {r.deviceName}
            <div style={{ fontSize: 12, color: '#667085' }}>
              {r.enterpriseName} · <span className="yq-mono">{r.deviceCode}</span>
            </div>
          </span>
        ),
    },
    { title: '未关闭告警', dataIndex: 'liveAlarms', key: 'live', width: 100, render: (n: number) => (n > 0 ? <Tag color="red">{n}</Tag> : '0') },
    {
      title: '启用',
      key: 'enabled',
      width: 80,
      render: (_, r) => (
        <Switch
          checked={r.enabled}
          loading={toggle.isPending && toggle.variables?.id === r.id}
          aria-label={`${r.enabled ? '停用' : '启用'}${r.name}`}
          onChange={(enabled) => toggle.mutate({ id: r.id, enabled }, { onSuccess: () => message.success(enabled ? '规则已启用' : '规则已停用') })}
        />
      ),
    },
    { title: '更新时间', key: 'updated', width: 150, render: (_, r) => formatDateTime(r.updatedAt) },
    {
      title: '操作',
      key: 'actions',
      width: 130,
      render: (_, r) => (
        <Space size={4}>
          <Button size="small" type="link" onClick={() => edit(r)}>
            修改
          </Button>
          <Popconfirm title="删除该告警规则?" description="已触发的告警保留" okText="删除" cancelText="取消" onConfirm={() => remove.mutateAsync(r.id).then(() => message.success('规则已删除'))}>
            <Button size="small" type="link" danger>
              删除
            </Button>
          </Popconfirm>
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title="告警规则"
        subTitle="按设备类型或单台设备设定阈值:指标越限并持续达到设定分钟数,触发一条告警并通知企业及其联络员"
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => edit(null)}>
            新建规则
          </Button>
        }
      />
      {rules.isError ? (
        <QueryError error={rules.error} onRetry={() => rules.refetch()} what="告警规则" />
      ) : (
        <Card styles={{ body: { padding: screens.md ? 0 : 12 } }}>
          <Table<AlarmRuleView>
            rowKey="id"
            size="middle"
            loading={rules.isLoading}
            dataSource={rules.data ?? []}
            columns={columns}
            pagination={false}
            scroll={{ x: 980 }}
            rowClassName={(r) => (r.enabled ? '' : 'yq-row-muted')}
            locale={{
              emptyText: (
                <EmptyHint description="还没有告警规则">
                  <Button type="primary" onClick={() => edit(null)}>
                    新建规则
                  </Button>
                </EmptyHint>
              ),
            }}
          />
        </Card>
      )}
      <RuleForm key={editing?.id ?? 'new'} rule={editing} open={open} onClose={() => setOpen(false)} />
    </>
  );
}
