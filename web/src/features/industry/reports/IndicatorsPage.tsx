import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input, InputNumber, Modal, Radio, Select, Space, Switch, Table, Tabs, Tag, Typography, type TableProps } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { INDICATOR_UNITS, INDICATOR_UNIT_LABELS, type IndicatorView, type ReporterView } from '@yuanqi/contract';
import { useListParams } from '../../../components/useListParams';
import { EmptyHint } from '../../../components/EmptyHint';
import { applyFieldErrors } from '../../../components/forms';
import { formatDateTime } from '../../../components/format';
import { PageHeader } from '../../../components/PageHeader';
import { QueryError } from '../../../components/QueryError';
import { useDictionary } from '../../dictionaries/useDictionary';
import { useIndicators, useReporters, useSaveIndicator, useSetReporter } from './api';
import './reports.css';

/** 指标设置: the form set (indicators) and which firms report (规上 by default, an officer's additions and exemptions). */
export function IndicatorsPage() {
  const { params, update } = useListParams();
  const tab = params.get('tab') ?? 'indicators';
  return (
    <>
      <PageHeader title="指标设置" subTitle="经济运行月报的指标(单位、适用产业链、校验规则)与报送企业名单" />
      <Tabs
        activeKey={tab}
        onChange={(k) => update({ tab: k === 'indicators' ? undefined : k, page: undefined })}
        items={[
          { key: 'indicators', label: '月报指标', children: <IndicatorTable /> },
          { key: 'reporters', label: '报送企业', children: <ReporterTable /> },
        ]}
      />
    </>
  );
}

type FormValues = Omit<IndicatorView, 'id' | 'unitLabel' | 'chainLabels' | 'builtin'>;

function IndicatorTable() {
  const list = useIndicators();
  const chains = useDictionary('chain');
  const [editing, setEditing] = useState<IndicatorView | 'new' | null>(null);
  const columns: TableProps<IndicatorView>['columns'] = [
    { title: '排序', dataIndex: 'sort', width: 60 },
    { title: '指标', key: 'label', render: (_, r) => <><strong>{r.label}</strong> <Typography.Text type="secondary" className="yq-mono">{r.key}</Typography.Text> {r.builtin && <Tag>内置</Tag>}</> },
    { title: '单位', key: 'unit', width: 90, render: (_, r) => (r.unit === 'fen' ? '元(填报用万元)' : r.unitLabel) },
    { title: '适用范围', key: 'applies', render: (_, r) => (r.appliesTo === 'all' ? '全部报送企业' : r.chainLabels.join('、')) },
    { title: '校验', key: 'checks', render: (_, r) => <Space size={4} wrap>{r.required && <Tag>必填</Tag>}{r.allowNegative && <Tag>可为负</Tag>}{r.swingCheck && <Tag color="orange">增幅需说明</Tag>}{r.maxValue !== null && <Tag>上限 {r.maxValue.toLocaleString('zh-CN')}</Tag>}</Space> },
    { title: '状态', key: 'active', width: 80, render: (_, r) => (r.active ? <Tag color="success">启用</Tag> : <Tag>已停用</Tag>) },
    { title: '操作', key: 'op', width: 80, render: (_, r) => <Button size="small" onClick={() => setEditing(r)}>编辑</Button> },
  ];
  if (list.error) return <QueryError error={list.error} what="指标" onRetry={() => void list.refetch()} />;
  return (
    <Card size="small" extra={<Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>新增指标</Button>} title="月报指标">
      <Table<IndicatorView> rowKey="id" size="middle" loading={list.isLoading} dataSource={list.data ?? []} columns={columns} pagination={false} scroll={{ x: 900 }} locale={{ emptyText: <EmptyHint description="暂无指标" /> }} />
      {editing && <IndicatorModal indicator={editing === 'new' ? null : editing} chainOptions={chains.options} onClose={() => setEditing(null)} />}
    </Card>
  );
}

function IndicatorModal({ indicator, chainOptions, onClose }: { indicator: IndicatorView | null; chainOptions: { value: string; label: string }[]; onClose: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues & { key: string }>();
  const save = useSaveIndicator();
  const appliesTo = Form.useWatch('appliesTo', form);
  const initial = indicator ?? { key: '', label: '', unit: 'count', decimals: 0, appliesTo: 'all', chains: [], required: true, allowNegative: false, maxValue: null, swingCheck: true, sort: 1000, active: true, help: null };
  const submit = async () => {
    const v = await form.validateFields();
    const body = { ...v, help: v.help || null, maxValue: v.maxValue ?? null, chains: v.appliesTo === 'chains' ? (v.chains ?? []) : [] };
    try {
      if (indicator) {
        const { key: _key, ...rest } = body;
        await save.mutateAsync({ id: indicator.id, body: rest });
      } else await save.mutateAsync({ id: null, body: body as never });
      message.success(indicator ? '指标已保存' : '指标已新增');
      onClose();
    } catch (e) {
      applyFieldErrors(form, e);
    }
  };
  return (
    <Modal open title={indicator ? `编辑指标:${indicator.label}` : '新增指标'} onCancel={onClose} onOk={() => void submit()} confirmLoading={save.isPending} okText="保存" width={620} destroyOnHidden>
      {indicator && !indicator.active && <Alert type="info" showIcon message="停用的指标不再出现在填报表中,已报送的历史数据保留" style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" initialValues={initial}>
        <Space.Compact block>
          <Form.Item name="key" label="指标代码" rules={[{ required: true, message: '请填写指标代码' }, { pattern: /^[a-z][a-z0-9_]{1,39}$/, message: '小写字母开头,小写字母、数字、下划线' }]} style={{ flex: 1 }}>
            <Input disabled={!!indicator} placeholder="如 rd_fen" />
          </Form.Item>
          <Form.Item name="label" label="指标名称" rules={[{ required: true, message: '请填写指标名称' }]} style={{ flex: 1, marginLeft: 8 }}>
            <Input maxLength={40} />
          </Form.Item>
        </Space.Compact>
        <Space wrap>
          <Form.Item name="unit" label="单位">
            <Select style={{ width: 140 }} disabled={indicator?.builtin} options={INDICATOR_UNITS.map((u) => ({ value: u, label: u === 'fen' ? '元(金额)' : INDICATOR_UNIT_LABELS[u] }))} />
          </Form.Item>
          <Form.Item name="decimals" label="小数位数" tooltip="金额固定为0(以分存储,填报时按万元/元填写)">
            <InputNumber min={0} max={3} />
          </Form.Item>
          <Form.Item name="maxValue" label="上限(存储单位,金额为分)">
            <InputNumber min={0} style={{ width: 180 }} />
          </Form.Item>
          <Form.Item name="sort" label="排序">
            <InputNumber min={0} max={100000} />
          </Form.Item>
        </Space>
        <Form.Item name="appliesTo" label="适用范围">
          <Radio.Group options={[{ value: 'all', label: '全部报送企业' }, { value: 'chains', label: '指定产业链' }]} />
        </Form.Item>
        {appliesTo === 'chains' && (
          <Form.Item name="chains" label="产业链" rules={[{ required: true, message: '请至少选择一条产业链' }]}>
            <Select mode="multiple" options={chainOptions} />
          </Form.Item>
        )}
        <Space wrap size="large">
          <Form.Item name="required" label="必填" valuePropName="checked">
            <Switch />
          </Form.Item>
          <Form.Item name="allowNegative" label="允许负数" valuePropName="checked">
            <Switch />
          </Form.Item>
          <Form.Item name="swingCheck" label="增幅超阈值需说明" valuePropName="checked">
            <Switch />
          </Form.Item>
          <Form.Item name="active" label="启用" valuePropName="checked">
            <Switch />
          </Form.Item>
        </Space>
        <Form.Item name="help" label="填报说明">
          <Input maxLength={200} placeholder="显示在输入框中的提示" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ReporterTable() {
  const { params, update, paginate } = useListParams();
  const filter = params.get('filter') ?? 'reporting';
  const q = params.get('q') ?? undefined;
  const page = Number(params.get('page') ?? '1') || 1;
  const list = useReporters({ filter, q, page, pageSize: 20 });
  const [target, setTarget] = useState<ReporterView | null>(null);
  const set = useSetReporter();
  const { message } = App.useApp();
  const columns: TableProps<ReporterView>['columns'] = [
    { title: '企业', dataIndex: 'enterpriseName' },
    { title: '产业链', dataIndex: 'chainLabel', width: 110, render: (v: string | null) => v ?? '—' },
    { title: '规上', dataIndex: 'isAboveScale', width: 70, render: (v: boolean) => (v ? '是' : '否') },
    { title: '报送', key: 'reports', width: 160, render: (_, r) => <>{r.reports ? <Tag color="success">报送</Tag> : <Tag>不报送</Tag>}{r.override !== null && <Tag color={r.override ? 'blue' : 'orange'}>{r.override ? '指定报送' : '豁免'}</Tag>}</> },
    { title: '原因', dataIndex: 'reason', render: (v: string | null, r) => (v ? <span>{v}<div style={{ fontSize: 12, color: '#667085' }}>{formatDateTime(r.updatedAt)}</div></span> : '—') },
    {
      title: '操作',
      key: 'op',
      width: 170,
      render: (_, r) => (
        <Space>
          <Button size="small" onClick={() => setTarget(r)}>{r.reports ? '豁免报送' : '列入报送'}</Button>
          {r.override !== null && (
            <Button size="small" type="link" onClick={() => void set.mutateAsync({ enterpriseId: r.enterpriseId, body: null }).then(() => message.success('已恢复按规上判定'))}>
              恢复默认
            </Button>
          )}
        </Space>
      ),
    },
  ];
  return (
    <Card size="small" title="报送企业" extra={<Typography.Text type="secondary">默认:规上企业报送;可指定非规上企业报送,或豁免规上企业</Typography.Text>}>
      <Space wrap style={{ marginBottom: 12 }}>
        <Radio.Group
          optionType="button"
          value={filter}
          onChange={(e) => update({ filter: e.target.value === 'reporting' ? undefined : e.target.value, page: undefined })}
          options={[
            { value: 'reporting', label: '报送企业' },
            { value: 'exempt', label: '已豁免' },
            { value: 'overrides', label: '人工调整' },
            { value: 'all', label: '全部企业' },
          ]}
        />
        <Input.Search allowClear placeholder="企业名称" defaultValue={q} onSearch={(v) => update({ q: v || undefined, page: undefined })} style={{ width: 220 }} aria-label="搜索企业名称" />
      </Space>
      {list.error ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Table<ReporterView>
          rowKey="enterpriseId"
          size="middle"
          loading={list.isLoading}
          dataSource={list.data?.items ?? []}
          columns={columns}
          scroll={{ x: 900 }}
          pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, showSizeChanger: false, onChange: (p) => paginate(p), showTotal: (t) => `共 ${t} 家` }}
          locale={{ emptyText: <EmptyHint description="没有符合条件的企业" /> }}
        />
      )}
      {target && <ReporterModal row={target} onClose={() => setTarget(null)} />}
    </Card>
  );
}

function ReporterModal({ row, onClose }: { row: ReporterView; onClose: () => void }) {
  const [form] = Form.useForm<{ reason: string }>();
  const set = useSetReporter();
  const { message } = App.useApp();
  const reports = !row.reports;
  const ok = async () => {
    const v = await form.validateFields();
    try {
      await set.mutateAsync({ enterpriseId: row.enterpriseId, body: { reports, reason: v.reason } });
      message.success(reports ? '已列入报送名单' : '已豁免报送');
      onClose();
    } catch (e) {
      applyFieldErrors(form, e);
    }
  };
  return (
    <Modal open title={`${reports ? '列入报送' : '豁免报送'}:${row.enterpriseName}`} onCancel={onClose} onOk={() => void ok()} confirmLoading={set.isPending} okText="确定">
      <Form form={form} layout="vertical">
        <Form.Item name="reason" label="原因" rules={[{ required: true, min: 2, message: '请填写原因(至少2个字)' }]}>
          <Input.TextArea rows={3} maxLength={200} placeholder={reports ? '例如:高新技术企业,纳入经济运行监测' : '例如:已停产,经统计局同意暂不报送'} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
