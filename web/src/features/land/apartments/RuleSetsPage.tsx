import { useState } from 'react';
import { App, Button, Card, DatePicker, Form, Input, InputNumber, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  APARTMENT_RULE_EFFECT_LABELS,
  APARTMENT_RULE_FIELDS,
  APARTMENT_RULE_FIELD_SPECS,
  APARTMENT_RULE_OPS_BY_KIND,
  APARTMENT_RULE_OP_LABELS,
  describeApartmentRule,
  type ApartmentRule,
  type ApartmentRuleField,
  type ApartmentRuleSetView,
} from '@yuanqi/contract';
import { hasPermission, useMe } from '../../../app/auth';
import { errorMessage } from '../../../app/api';
import { PageHeader } from '../../../components/PageHeader';
import { QueryError } from '../../../components/QueryError';
import { applyFieldErrors } from '../../../components/forms';
import { dayjs, formatDate, formatDateTime, parkToday } from '../../../components/format';
import { useCreateRuleSet, useRuleSets } from './api';

function RulesTable({ rules }: { rules: ApartmentRule[] }) {
  return (
    <Table<ApartmentRule>
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={rules}
      columns={[
        { title: '规则', dataIndex: 'label', key: 'label', width: 200 },
        { title: '条件', key: 'cond', render: (_, r) => describeApartmentRule(r) },
        { title: '作用', key: 'effect', width: 110, render: (_, r) => (r.effect === 'require' ? <Tag color="blue">必须满足</Tag> : <Tag color="purple">加 {r.points} 分</Tag>) },
      ]}
    />
  );
}

type FormRule = { label: string; field: ApartmentRuleField; op: string; value: unknown; effect: 'require' | 'score'; points?: number };

function ValueInput({ field, op, value, onChange }: { field: ApartmentRuleField; op: string; value?: unknown; onChange?: (v: unknown) => void }) {
  const spec = APARTMENT_RULE_FIELD_SPECS[field];
  const list = op === 'in' || op === 'not_in';
  if (spec.kind === 'number') return <InputNumber min={0} max={600} precision={0} value={typeof value === 'number' ? value : undefined} onChange={(v) => onChange?.(v)} addonAfter={spec.unit} aria-label="比较值" />;
  if (spec.kind === 'boolean')
    return (
      <Select style={{ width: 100 }} value={typeof value === 'boolean' ? String(value) : undefined} onChange={(v) => onChange?.(v === 'true')} options={[{ value: 'true', label: '是' }, { value: 'false', label: '否' }]} aria-label="比较值" />
    );
  const options = spec.options ? Object.entries(spec.options).map(([v, l]) => ({ value: v, label: l })) : [];
  return (
    <Select
      style={{ minWidth: 200 }}
      mode={spec.kind === 'text' ? (list ? 'tags' : undefined) : list ? 'multiple' : undefined}
      value={value as string | string[] | undefined}
      onChange={(v) => onChange?.(v)}
      options={options}
      placeholder={spec.kind === 'text' ? '输入产业链编码' : '选择'}
      aria-label="比较值"
    />
  );
}

/** 入住条件: the dated versions (the one in force marked), and a new version with the rule editor (premises:manage). */
export function RuleSetsPage() {
  const me = useMe();
  const { message } = App.useApp();
  const manage = hasPermission(me, 'premises:manage');
  const sets = useRuleSets();
  const create = useCreateRuleSet();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm();
  const current = sets.data?.find((s) => s.current);

  const start = () => {
    form.setFieldsValue({
      validFrom: dayjs(parkToday()).add(1, 'day'),
      note: '',
      rules: (current?.rules ?? []).map((r) => ({ label: r.label, field: r.field, op: r.op, value: r.value, effect: r.effect, points: r.points })),
    });
    setOpen(true);
  };
  const submit = async () => {
    const v = await form.validateFields();
    try {
      await create.mutateAsync({
        validFrom: (v.validFrom as dayjs.Dayjs).format('YYYY-MM-DD'),
        note: v.note || null,
        rules: (v.rules as FormRule[]).map((r, i) => ({ id: `r${i + 1}`, label: r.label, field: r.field, op: r.op as ApartmentRule['op'], value: r.value as ApartmentRule['value'], effect: r.effect, points: r.effect === 'score' ? (r.points ?? 0) : 0 })),
      });
      message.success('新版入住条件已保存');
      setOpen(false);
    } catch (err) {
      if (!applyFieldErrors(form, err)) message.error(errorMessage(err));
    }
  };

  return (
    <div>
      <PageHeader
        title="人才公寓入住条件"
        subTitle="按申请当日有效的版本审查:必须满足的条件决定是否进入轮候,加分条件决定轮候次序"
        extra={manage && (
          <Button type="primary" icon={<PlusOutlined />} onClick={start}>
            新增版本
          </Button>
        )}
      />
      {sets.isError ? (
        <QueryError error={sets.error} onRetry={() => sets.refetch()} />
      ) : (
        (sets.data ?? []).map((s: ApartmentRuleSetView) => (
          <Card
            key={s.id}
            size="small"
            style={{ marginBottom: 12 }}
            title={
              <Space wrap>
                <span>{formatDate(s.validFrom)} 起施行</span>
                {s.current && <Tag color="green">现行</Tag>}
                {s.validFrom > parkToday() && <Tag color="blue">待生效</Tag>}
                {s.validTo && <Typography.Text type="secondary">至 {formatDate(s.validTo)}</Typography.Text>}
              </Space>
            }
            extra={<span style={{ fontSize: 12, color: '#667085' }}>已审查申请 {s.applications} 件 · {s.createdByName ?? '—'} {formatDateTime(s.createdAt)}</span>}
          >
            {s.note && <div style={{ marginBottom: 8 }}>{s.note}</div>}
            <RulesTable rules={s.rules} />
          </Card>
        ))
      )}
      <Modal open={open} title="新增一版入住条件" width={980} okText="保存" onOk={() => void submit()} confirmLoading={create.isPending} onCancel={() => setOpen(false)} destroyOnHidden>
        <Form form={form} layout="vertical">
          <Space wrap>
            <Form.Item name="validFrom" label="生效日期" rules={[{ required: true, message: '请选择生效日期' }]} extra="不早于今天;已受理的申请仍按原版本">
              <DatePicker disabledDate={(d) => d.isBefore(dayjs(parkToday()), 'day')} />
            </Form.Item>
            <Form.Item name="note" label="说明" style={{ minWidth: 360 }}>
              <Input maxLength={200} placeholder="如:依据《人才公寓管理办法》2027年修订" />
            </Form.Item>
          </Space>
          <Form.List name="rules">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <Card key={f.key} size="small" style={{ marginBottom: 8 }} data-testid="rule-editor-row">
                    <Space wrap align="start">
                      <Form.Item name={[f.name, 'label']} label="规则名称" rules={[{ required: true, min: 2, message: '请填写规则名称(至少2个字)' }]}>
                        <Input style={{ width: 180 }} maxLength={60} />
                      </Form.Item>
                      <Form.Item name={[f.name, 'field']} label="条件项" rules={[{ required: true, message: '请选择条件项' }]}>
                        <Select
                          style={{ width: 170 }}
                          options={APARTMENT_RULE_FIELDS.map((x) => ({ value: x, label: APARTMENT_RULE_FIELD_SPECS[x].label }))}
                          onChange={(x: ApartmentRuleField) => {
                            const op = APARTMENT_RULE_OPS_BY_KIND[APARTMENT_RULE_FIELD_SPECS[x].kind][0];
                            form.setFieldValue(['rules', f.name, 'op'], op);
                            form.setFieldValue(['rules', f.name, 'value'], undefined);
                          }}
                        />
                      </Form.Item>
                      <Form.Item noStyle shouldUpdate>
                        {() => {
                          const field = form.getFieldValue(['rules', f.name, 'field']) as ApartmentRuleField | undefined;
                          const op = form.getFieldValue(['rules', f.name, 'op']) as string | undefined;
                          const ops = field ? APARTMENT_RULE_OPS_BY_KIND[APARTMENT_RULE_FIELD_SPECS[field].kind] : [];
                          return (
                            <>
                              <Form.Item name={[f.name, 'op']} label="比较" rules={[{ required: true, message: '请选择' }]}>
                                <Select style={{ width: 100 }} options={ops.map((o) => ({ value: o, label: APARTMENT_RULE_OP_LABELS[o] }))} />
                              </Form.Item>
                              <Form.Item name={[f.name, 'value']} label="值" rules={[{ required: true, message: '请填写比较值' }]}>
                                {field ? <ValueInput field={field} op={op ?? ''} /> : <Input disabled style={{ width: 120 }} />}
                              </Form.Item>
                            </>
                          );
                        }}
                      </Form.Item>
                      <Form.Item name={[f.name, 'effect']} label="作用" rules={[{ required: true, message: '请选择' }]}>
                        <Select style={{ width: 110 }} options={Object.entries(APARTMENT_RULE_EFFECT_LABELS).map(([v, l]) => ({ value: v, label: l }))} />
                      </Form.Item>
                      <Form.Item noStyle shouldUpdate>
                        {() =>
                          form.getFieldValue(['rules', f.name, 'effect']) === 'score' ? (
                            <Form.Item name={[f.name, 'points']} label="分值" rules={[{ required: true, message: '请填写分值' }]}>
                              <InputNumber min={1} max={100} precision={0} style={{ width: 80 }} />
                            </Form.Item>
                          ) : null
                        }
                      </Form.Item>
                      <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label="删除规则" style={{ marginTop: 30 }} />
                    </Space>
                  </Card>
                ))}
                <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add({ field: 'education', op: 'in', effect: 'require' })}>
                  添加规则
                </Button>
              </>
            )}
          </Form.List>
        </Form>
      </Modal>
    </div>
  );
}
