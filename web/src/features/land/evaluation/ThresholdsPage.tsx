import { useState } from 'react';
import { App, Button, Card, DatePicker, Form, Input, InputNumber, Modal, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { MUJUN_INDICATORS, MUJUN_INDICATOR_LABELS, MUJUN_INDICATOR_UNITS, isMoneyIndicator, type MujunThresholdRules, type MujunThresholdView } from '@yuanqi/contract';
import { errorMessage, isApiError } from '../../../app/api';
import { hasPermission, useMe } from '../../../app/auth';
import { PageHeader } from '../../../components/PageHeader';
import { QueryError } from '../../../components/QueryError';
import { useCreateThreshold, useThresholds } from './api';

const benchmarkText = (key: (typeof MUJUN_INDICATORS)[number], v: number) => (isMoneyIndicator(key) ? `${(v / 1_000_000).toLocaleString('zh-CN', { maximumFractionDigits: 2 })}${MUJUN_INDICATOR_UNITS[key]}` : String(v));

function RulesText({ rules }: { rules: MujunThresholdRules }) {
  return (
    <Space direction="vertical" size={2}>
      {rules.indicators.map((i) => (
        <span key={i.key}>
          {MUJUN_INDICATOR_LABELS[i.key]}:基准 {benchmarkText(i.key, i.benchmark)},权重 {i.weight},封顶 {i.cap} 倍
        </span>
      ))}
      <span>
        A类 ≥ {rules.cutoffs.A} 分,B类 ≥ {rules.cutoffs.B} 分,C类 ≥ {rules.cutoffs.C} 分,其余 D类
      </span>
    </Space>
  );
}

/** 亩均评价标准: the dated versions (the one valid on 31 Dec grades a year) and a form to add one. */
export function ThresholdsPage() {
  const me = useMe();
  const { message } = App.useApp();
  const list = useThresholds();
  const create = useCreateThreshold();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm();
  const start = () => {
    const latest = list.data?.items[0]?.rules ?? list.data?.defaultRules;
    form.resetFields();
    if (latest) {
      form.setFieldsValue({
        cutoffA: latest.cutoffs.A,
        cutoffB: latest.cutoffs.B,
        cutoffC: latest.cutoffs.C,
        ...Object.fromEntries(latest.indicators.flatMap((i) => [[`b_${i.key}`, isMoneyIndicator(i.key) ? i.benchmark / 1_000_000 : i.benchmark], [`w_${i.key}`, i.weight]])),
      });
    }
    setOpen(true);
  };
  const submit = async () => {
    const v = await form.validateFields();
    const indicators = MUJUN_INDICATORS.filter((k) => (v[`w_${k}`] ?? 0) > 0).map((k) => ({
      key: k,
      benchmark: isMoneyIndicator(k) ? Math.round(v[`b_${k}`] * 1_000_000) : v[`b_${k}`],
      weight: v[`w_${k}`],
      cap: 1.2,
    }));
    try {
      await create.mutateAsync({ validFrom: v.validFrom.format('YYYY-MM-DD'), note: v.note || null, rules: { indicators, cutoffs: { A: v.cutoffA, B: v.cutoffB, C: v.cutoffC } } });
      message.success('已新增评价标准;受影响的年度请重新评价');
      setOpen(false);
    } catch (e) {
      if (isApiError(e)) {
        const detail = e.details?.[0];
        message.error(detail ? `${e.message}:${detail.message}` : e.message);
      } else message.error(errorMessage(e));
    }
  };
  return (
    <>
      <PageHeader
        title="亩均评价标准"
        subTitle="每项指标按“实际值 ÷ 基准值 × 权重”计分(最高封顶1.2倍),合计得分按分数线评定等级;某年度按当年12月31日有效的版本评定"
        extra={
          hasPermission(me, 'land:manage') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={start}>
              新增一版标准
            </Button>
          )
        }
      />
      {list.isError && <QueryError error={list.error} onRetry={() => list.refetch()} what="评价标准" />}
      <Card>
        <Table<MujunThresholdView>
          rowKey="id"
          loading={list.isLoading}
          dataSource={list.data?.items ?? []}
          pagination={false}
          scroll={{ x: 800 }}
          columns={[
            { title: '生效日期', dataIndex: 'validFrom', width: 120 },
            { title: '规则', key: 'rules', render: (_: unknown, r) => <RulesText rules={r.rules} /> },
            { title: '评定年度', dataIndex: 'gradesYears', width: 140, render: (ys: number[]) => (ys.length ? ys.map((y) => <Tag key={y}>{y}</Tag>) : '—') },
            { title: '说明', dataIndex: 'note', render: (n: string | null) => n ?? '—' },
            { title: '录入', key: 'by', width: 160, render: (_: unknown, r) => <Typography.Text type="secondary">{r.createdBy ?? '系统'} {r.createdAt.slice(0, 10)}</Typography.Text> },
          ]}
        />
      </Card>
      <Modal open={open} title="新增一版亩均评价标准" onCancel={() => setOpen(false)} onOk={submit} confirmLoading={create.isPending} okText="保存" width={640}>
        <Form form={form} layout="vertical">
          <Form.Item name="validFrom" label="生效日期" rules={[{ required: true, message: '请选择生效日期' }]}>
            <DatePicker style={{ width: 200 }} />
          </Form.Item>
          {MUJUN_INDICATORS.map((k) => (
            <Space key={k} wrap>
              <Form.Item name={`b_${k}`} label={`${MUJUN_INDICATOR_LABELS[k]}基准值${MUJUN_INDICATOR_UNITS[k] ? `(${MUJUN_INDICATOR_UNITS[k]})` : ''}`} rules={[{ required: true, message: '请填写基准值' }]}>
                <InputNumber min={0.01} precision={2} style={{ width: 200 }} />
              </Form.Item>
              <Form.Item name={`w_${k}`} label="权重" rules={[{ required: true, message: '请填写权重' }]}>
                <InputNumber min={0} max={100} style={{ width: 120 }} />
              </Form.Item>
            </Space>
          ))}
          <Space wrap>
            <Form.Item name="cutoffA" label="A类分数线" rules={[{ required: true, message: '请填写' }]}>
              <InputNumber min={0} max={500} />
            </Form.Item>
            <Form.Item name="cutoffB" label="B类分数线" rules={[{ required: true, message: '请填写' }]}>
              <InputNumber min={0} max={500} />
            </Form.Item>
            <Form.Item name="cutoffC" label="C类分数线" rules={[{ required: true, message: '请填写' }]}>
              <InputNumber min={0} max={500} />
            </Form.Item>
          </Space>
          <Form.Item name="note" label="说明">
            <Input.TextArea maxLength={500} rows={2} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
