import { useEffect } from 'react';
import { App, Button, Checkbox, Col, DatePicker, Drawer, Form, Input, Row, Select, Space, type FormInstance } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  POLICY_CATEGORIES,
  POLICY_MODE_LABELS,
  POLICY_MODES,
  type PolicyCategory,
  type PolicyDetail,
  type PolicyMaterial,
  type PolicyMode,
  type UpdatePolicyRequest,
} from '@yuanqi/contract';
import { applyFieldErrors } from '../../components/forms';
import { dayjs, formatAmount } from '../../components/format';
import { useFunds, useUpdatePolicy } from './api';

export type PolicyInfoValues = {
  code?: string;
  title: string;
  docNumber?: string;
  issuer?: string;
  category: PolicyCategory;
  mode: PolicyMode;
  fundId?: string | null;
  validFrom: dayjs.Dayjs;
  validTo?: dayjs.Dayjs | null;
  contact?: string;
  summary?: string;
  tags?: string[];
};

export function toPolicyFields(v: PolicyInfoValues) {
  return {
    title: v.title.trim(),
    docNumber: v.docNumber?.trim() || null,
    issuer: v.issuer?.trim() || null,
    category: v.category,
    mode: v.mode,
    fundId: v.fundId || null,
    validFrom: v.validFrom.format('YYYY-MM-DD'),
    validTo: v.validTo ? v.validTo.format('YYYY-MM-DD') : null,
    contact: v.contact?.trim() || null,
    summary: v.summary?.trim() || null,
    tags: v.tags ?? [],
  };
}

export function FundSelect(props: { value?: string | null; onChange?: (v: string | null) => void; id?: string }) {
  const funds = useFunds();
  return (
    <Select
      id={props.id}
      allowClear
      value={props.value ?? undefined}
      onChange={(v) => props.onChange?.(v ?? null)}
      loading={funds.isLoading}
      placeholder="选择专项资金(拨付从此资金列支)"
      options={(funds.data?.items ?? []).filter((f) => f.status !== 'closed' || f.id === props.value).map((f) => ({ value: f.id, label: `${f.name}(可用 ${formatAmount(f.availableFen)})` }))}
      showSearch={{ optionFilterProp: 'label' }}
      notFoundContent={funds.isError ? '无法读取专项资金' : '暂无专项资金'}
    />
  );
}

/** Title, 文号, issuer, category, mode, fund, validity, contact, summary, tags. */
export function PolicyInfoFields({ creating }: { creating: boolean }) {
  return (
    <Row gutter={16}>
      <Col xs={24} md={16}>
        <Form.Item name="title" label="政策名称" rules={[{ required: true, whitespace: true, message: '请填写政策名称' }, { min: 4, message: '政策名称至少4个字' }]}>
          <Input maxLength={120} placeholder="如 规上企业用工补贴" />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        {creating && (
          <Form.Item name="code" label="政策编码" tooltip="选填,留空自动生成;2-40位字母、数字、- 或 _">
            <Input maxLength={40} placeholder="如 YGBT" className="yq-mono" />
          </Form.Item>
        )}
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name="docNumber" label="文号">
          <Input maxLength={80} placeholder="如 鹰高新管发〔2024〕3号" />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name="issuer" label="发文单位">
          <Input maxLength={100} placeholder="如 鹰潭高新区管委会" />
        </Form.Item>
      </Col>
      <Col xs={12} md={6}>
        <Form.Item name="category" label="政策类别" rules={[{ required: true, message: '请选择政策类别' }]}>
          <Select options={POLICY_CATEGORIES.map((c) => ({ value: c, label: c }))} placeholder="选择" />
        </Form.Item>
      </Col>
      <Col xs={12} md={6} data-rule-path="mode">
        <Form.Item name="mode" label="兑现方式" rules={[{ required: true, message: '请选择兑现方式' }]}>
          <Select options={POLICY_MODES.map((m) => ({ value: m, label: POLICY_MODE_LABELS[m] }))} />
        </Form.Item>
      </Col>
      <Col xs={24} md={12} data-rule-path="fundId">
        <Form.Item name="fundId" label="资金来源">
          <FundSelect />
        </Form.Item>
      </Col>
      <Col xs={12} md={6} data-rule-path="validFrom">
        <Form.Item name="validFrom" label="有效期起" rules={[{ required: true, message: '请选择有效期起' }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </Col>
      <Col xs={12} md={6} data-rule-path="validTo">
        <Form.Item
          name="validTo"
          label="有效期止"
          dependencies={['validFrom']}
          rules={[
            ({ getFieldValue }) => ({
              validator: (_, v: dayjs.Dayjs | null) => (!v || !getFieldValue('validFrom') || !v.isBefore(getFieldValue('validFrom'), 'day') ? Promise.resolve() : Promise.reject(new Error('有效期止不能早于有效期起'))),
            }),
          ]}
        >
          <DatePicker style={{ width: '100%' }} placeholder="长期有效" />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name="contact" label="咨询电话/窗口">
          <Input maxLength={200} placeholder="如 政策兑现窗口 0701-1234567" />
        </Form.Item>
      </Col>
      <Col span={24}>
        <Form.Item name="summary" label="政策摘要(企业端展示)">
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} showCount placeholder="用企业看得懂的话说明:谁能享受、能拿多少、怎么办理" />
        </Form.Item>
      </Col>
      <Col span={24}>
        <Form.Item name="tags" label="标签">
          <Select mode="tags" placeholder="输入后回车,如 稳就业" tokenSeparators={[',', ',']} open={false} suffixIcon={null} />
        </Form.Item>
      </Col>
    </Row>
  );
}

/** 申报材料 the firm must upload (a version's list). */
export function MaterialsFields({ form }: { form: FormInstance }) {
  void form;
  return (
    <Form.List name="materials">
      {(fields, { add, remove }) => (
        <div>
          {fields.map((f) => (
            <Space key={f.key} align="start" wrap style={{ display: 'flex', marginBottom: 4 }}>
              <Form.Item name={[f.name, 'name']} rules={[{ required: true, whitespace: true, message: '请填写材料名称' }]} style={{ marginBottom: 4 }}>
                <Input placeholder="材料名称,如 劳动合同复印件" maxLength={100} style={{ width: 240 }} />
              </Form.Item>
              <Form.Item name={[f.name, 'hint']} style={{ marginBottom: 4 }}>
                <Input placeholder="说明(选填)" maxLength={300} style={{ width: 240 }} />
              </Form.Item>
              <Form.Item name={[f.name, 'required']} valuePropName="checked" style={{ marginBottom: 4 }}>
                <Checkbox>必需</Checkbox>
              </Form.Item>
              <Button type="text" icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label="删除材料" />
            </Space>
          ))}
          <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ name: '', required: true, hint: '' })}>
            添加材料
          </Button>
        </div>
      )}
    </Form.List>
  );
}

export function cleanMaterials(list: PolicyMaterial[] | undefined): PolicyMaterial[] {
  return (list ?? []).filter((m) => m && m.name?.trim()).map((m) => ({ name: m.name.trim(), required: m.required !== false, hint: m.hint?.trim() || null }));
}

/** Edits a policy's basic information (while it has never been published). */
export function PolicyInfoDrawer({ policy, open, onClose }: { policy: PolicyDetail; open: boolean; onClose: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<PolicyInfoValues>();
  const update = useUpdatePolicy(policy.id);
  useEffect(() => {
    if (!open) return;
    form.setFieldsValue({
      title: policy.title,
      docNumber: policy.docNumber ?? undefined,
      issuer: policy.issuer ?? undefined,
      category: policy.category,
      mode: policy.mode,
      fundId: policy.fundId,
      validFrom: dayjs(policy.validFrom),
      validTo: policy.validTo ? dayjs(policy.validTo) : null,
      contact: policy.contact ?? undefined,
      summary: policy.summary ?? undefined,
      tags: policy.tags,
    });
  }, [open, policy, form]);
  const save = async () => {
    const v = await form.validateFields();
    try {
      await update.mutateAsync(toPolicyFields(v) as UpdatePolicyRequest);
      message.success('已保存');
      onClose();
    } catch (e) {
      applyFieldErrors(form, e);
    }
  };
  return (
    <Drawer
      open={open}
      onClose={onClose}
      title="编辑基本信息"
      size={720}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>取消</Button>
          <Button type="primary" loading={update.isPending} onClick={save}>
            保存
          </Button>
        </Space>
      }
    >
      <Form form={form} layout="vertical">
        <PolicyInfoFields creating={false} />
      </Form>
    </Drawer>
  );
}
