import { useEffect, useMemo } from 'react';
import { Alert, App, Button, Col, DatePicker, Drawer, Form, Input, InputNumber, Row, Select, Space, Switch, Typography } from 'antd';
import { useScreens } from '../../components/useScreens';
import {
  ABOVE_SCALE_REVENUE_FEN,
  ENTERPRISE_SELF_EDITABLE,
  isValidMobile,
  normalizePhone,
  normalizeUscc,
  validateUscc,
  type CreateEnterpriseRequest,
  type Enterprise,
} from '@yuanqi/contract';
import type { Dayjs } from 'dayjs';
import { isApiError } from '../../app/api';
import { useAuth, isEnterpriseOnly } from '../../app/auth';
import { applyFieldErrors } from '../../components/forms';
import { dayjs, fenToWan, wanToFen } from '../../components/format';
import { useDictionary } from '../dictionaries/useDictionary';
import { useCreateEnterprise, useUpdateEnterprise, type EnterprisePatch } from './api';

type FormValues = {
  uscc: string;
  name: string;
  legalRepresentative?: string | null;
  registeredCapitalFen?: number | null; // 万元 in the form
  foundedOn?: Dayjs | null;
  industryCode?: string | null;
  chain?: string | null;
  isAboveScale: boolean;
  annualRevenueFen?: number | null; // 万元 in the form
  headcount?: number | null;
  address?: string | null;
  plot?: string | null;
  contactName?: string | null;
  contactPhone?: string | null;
  tags: string[];
};

type Props = {
  open: boolean;
  onClose: () => void;
  /** Absent: create a new firm. */
  enterprise?: Enterprise;
  onSaved?: (e: Enterprise) => void;
  /** Asks the page to fetch the latest version after a CONFLICT. */
  onReload?: () => Promise<Enterprise | undefined>;
};

const isMasked = (phone: string | null | undefined) => !!phone && phone.includes('*');

function toFormValues(e?: Enterprise): FormValues {
  if (!e) return { uscc: '', name: '', isAboveScale: false, tags: [] };
  return {
    uscc: e.uscc,
    name: e.name,
    legalRepresentative: e.legalRepresentative,
    registeredCapitalFen: fenToWan(e.registeredCapitalFen),
    foundedOn: e.foundedOn ? dayjs(e.foundedOn) : null,
    industryCode: e.industryCode,
    chain: e.chain,
    isAboveScale: e.isAboveScale,
    annualRevenueFen: fenToWan(e.annualRevenueFen),
    headcount: e.headcount,
    address: e.address,
    plot: e.plot,
    contactName: e.contactName,
    // a masked number cannot be edited back; the field starts empty and only a new number is sent
    contactPhone: isMasked(e.contactPhone) ? '' : e.contactPhone,
    tags: e.tags ?? [],
  };
}

const text = (v: string | null | undefined) => {
  const t = (v ?? '').trim();
  return t === '' ? null : t;
};

/** Form values → request fields, in the API's units (fen, YYYY-MM-DD, null for empty). */
function toRequest(v: FormValues): CreateEnterpriseRequest {
  return {
    uscc: normalizeUscc(v.uscc ?? ''),
    name: (v.name ?? '').trim(),
    legalRepresentative: text(v.legalRepresentative),
    registeredCapitalFen: wanToFen(v.registeredCapitalFen),
    foundedOn: v.foundedOn ? v.foundedOn.format('YYYY-MM-DD') : null,
    industryCode: v.industryCode ?? null,
    chain: v.chain ?? null,
    isAboveScale: !!v.isAboveScale,
    annualRevenueFen: wanToFen(v.annualRevenueFen),
    headcount: v.headcount ?? null,
    address: text(v.address),
    plot: text(v.plot),
    contactName: text(v.contactName),
    contactPhone: text(v.contactPhone) ? normalizePhone(v.contactPhone!.trim()) : null,
    tags: v.tags ?? [],
  };
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

export function EnterpriseFormDrawer({ open, onClose, enterprise, onSaved, onReload }: Props) {
  const { me } = useAuth();
  const { modal, message } = App.useApp();
  const screens = useScreens();
  const [form] = Form.useForm<FormValues>();
  const editing = !!enterprise;
  const selfService = isEnterpriseOnly(me);
  const editable = useMemo(
    () => (selfService ? new Set<string>(ENTERPRISE_SELF_EDITABLE) : null),
    [selfService],
  );
  const show = (field: string) => !editable || editable.has(field);

  const chains = useDictionary('chain', open);
  const tags = useDictionary('tag', open);
  const industries = useDictionary('industry', open);

  const create = useCreateEnterprise();
  const update = useUpdateEnterprise(enterprise?.id ?? '');
  const saving = create.isPending || update.isPending;

  useEffect(() => {
    if (open) {
      form.resetFields();
      form.setFieldsValue(toFormValues(enterprise));
    }
    // only when the drawer opens or switches firm; a refetch must not wipe what the user typed
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open, enterprise?.id]);

  const revenueWan = Form.useWatch('annualRevenueFen', form);
  const aboveScale = Form.useWatch('isAboveScale', form);
  const revenueSaysAbove = revenueWan !== undefined && revenueWan !== null && (wanToFen(revenueWan) ?? 0) >= ABOVE_SCALE_REVENUE_FEN;

  const close = () => {
    if (!form.isFieldsTouched() || saving) return onClose();
    modal.confirm({
      title: '放弃未保存的修改?',
      content: '关闭后,本次填写的内容将不会保存。',
      okText: '放弃修改',
      okButtonProps: { danger: true },
      cancelText: '继续编辑',
      onOk: onClose,
    });
  };

  const reloadAfterConflict = () => {
    modal.confirm({
      title: '该企业已被他人修改',
      content: '在您编辑期间,其他人已保存了对该企业的修改。重新加载将显示最新数据,您本次的修改需要重新填写。',
      okText: '重新加载最新数据',
      cancelText: '留在此处',
      onOk: async () => {
        const latest = await onReload?.();
        form.resetFields();
        form.setFieldsValue(toFormValues(latest ?? enterprise));
        message.info('已加载最新数据,请重新修改后保存');
      },
    });
  };

  const submit = (values: FormValues) => {
    const body = toRequest(values);
    if (!editing) {
      create.mutate(body, {
        onSuccess: (e) => {
          message.success(`已新增企业“${e.name}”`);
          onSaved?.(e);
          onClose();
        },
        onError: (error) => applyFieldErrors(form, error),
      });
      return;
    }
    const original = toRequest(toFormValues(enterprise));
    const patch: EnterprisePatch = { version: enterprise!.version };
    for (const key of Object.keys(body) as (keyof CreateEnterpriseRequest)[]) {
      if (!show(key)) continue;
      if (key === 'contactPhone' && isMasked(enterprise!.contactPhone) && body.contactPhone === null) continue;
      if (!sameValue(body[key], original[key])) (patch as Record<string, unknown>)[key] = body[key];
    }
    if (Object.keys(patch).length === 1) {
      message.info('没有修改任何内容');
      onClose();
      return;
    }
    update.mutate(patch, {
      onSuccess: (e) => {
        message.success('已保存');
        onSaved?.(e);
        onClose();
      },
      onError: (error) => {
        // a stale version comes without details; a clash on a field (e.g. a USCC already in use) names it
        if (isApiError(error, 'CONFLICT')) {
          if (error.details.length === 0) return reloadAfterConflict();
          message.error(error.message);
        }
        applyFieldErrors(form, error);
      },
    });
  };

  const half = { xs: 24, md: 12 };
  const title = editing ? (selfService ? '更新企业信息' : `编辑企业 · ${enterprise!.name}`) : '新增企业';

  return (
    <Drawer
      title={title}
      open={open}
      onClose={close}
      size={screens.md ? 680 : '100%'}
      destroyOnHidden
      mask={{ closable: false }}
      footer={
        <Space style={{ width: '100%', justifyContent: 'flex-end' }}>
          <Button onClick={close}>取消</Button>
          <Button type="primary" loading={saving} onClick={() => form.submit()}>
            保存
          </Button>
        </Space>
      }
    >
      {selfService && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title="企业可自行维护地址、联系人、联系电话和从业人数;其他登记信息如有变化,请联系驻企专员更正。"
        />
      )}
      <Form form={form} layout="vertical" onFinish={submit} scrollToFirstError={{ block: 'center' }} initialValues={toFormValues(enterprise)}>
        {!selfService && (
          <>
            <Typography.Title level={5}>基本信息</Typography.Title>
            <Row gutter={16}>
              <Col {...half}>
                <Form.Item
                  name="uscc"
                  label="统一社会信用代码"
                  required
                  validateTrigger="onBlur"
                  normalize={(v: string) => v.toUpperCase()}
                  rules={[
                    {
                      validator: (_, v: string) => {
                        const r = validateUscc(v ?? '');
                        return r.ok ? Promise.resolve() : Promise.reject(new Error(r.message));
                      },
                    },
                  ]}
                  extra="18位,按 GB 32100-2015 校验,可粘贴全角字符,自动规范化"
                >
                  <Input
                    className="yq-mono"
                    maxLength={30}
                    placeholder="如 91360600MA35XXXXXX"
                    onBlur={(e) => {
                      const normalized = normalizeUscc(e.target.value);
                      if (normalized !== e.target.value) form.setFieldValue('uscc', normalized);
                    }}
                  />
                </Form.Item>
              </Col>
              <Col {...half}>
                <Form.Item
                  name="name"
                  label="企业名称"
                  rules={[
                    { required: true, whitespace: true, message: '请填写企业名称' },
                    { min: 2, message: '企业名称至少2个字' },
                    { max: 100, message: '企业名称最多100个字' },
                  ]}
                >
                  <Input placeholder="与营业执照一致" maxLength={100} />
                </Form.Item>
              </Col>
              <Col {...half}>
                <Form.Item name="legalRepresentative" label="法定代表人" rules={[{ max: 50, message: '法定代表人最多50个字' }]}>
                  <Input maxLength={50} />
                </Form.Item>
              </Col>
              <Col {...half}>
                <Form.Item name="registeredCapitalFen" label="注册资本(万元)">
                  <InputNumber min={0} max={1e9} style={{ width: '100%' }} suffix="万元" placeholder="如 5000" />
                </Form.Item>
              </Col>
              <Col {...half}>
                <Form.Item name="foundedOn" label="成立日期">
                  <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs())} inputReadOnly={!screens.md} />
                </Form.Item>
              </Col>
              <Col {...half}>
                <Form.Item name="industryCode" label="所属行业(国民经济行业分类)">
                  <Select
                    allowClear
                    showSearch={{ optionFilterProp: 'label' }}
                    options={industries.items.map((i) => ({ value: i.code, label: `${i.code} ${i.label}` }))}
                    loading={industries.isLoading}
                    placeholder="输入代码或名称搜索"
                  />
                </Form.Item>
              </Col>
              <Col {...half}>
                <Form.Item name="chain" label="产业链">
                  <Select allowClear options={chains.options} loading={chains.isLoading} placeholder="请选择" />
                </Form.Item>
              </Col>
              <Col {...half}>
                <Form.Item name="tags" label="企业标签">
                  <Select mode="multiple" allowClear options={tags.options} loading={tags.isLoading} placeholder="可多选" />
                </Form.Item>
              </Col>
            </Row>
          </>
        )}
        <Typography.Title level={5}>经营情况</Typography.Title>
        <Row gutter={16}>
          {show('annualRevenueFen') && (
            <Col {...half}>
              <Form.Item name="annualRevenueFen" label="年主营业务收入(万元)">
                <InputNumber min={0} max={1e9} style={{ width: '100%' }} suffix="万元" />
              </Form.Item>
            </Col>
          )}
          <Col {...half}>
            <Form.Item
              name="headcount"
              label="从业人数"
              rules={[{ type: 'integer', min: 0, max: 10_000_000, message: '从业人数应为不小于0的整数' }]}
            >
              <InputNumber min={0} precision={0} style={{ width: '100%' }} suffix="人" />
            </Form.Item>
          </Col>
          {show('isAboveScale') && (
            <Col {...half}>
              <Form.Item
                name="isAboveScale"
                label="规模以上工业企业(规上)"
                valuePropName="checked"
                extra={
                  revenueSaysAbove && !aboveScale ? (
                    <Typography.Text type="warning">年主营业务收入已达2000万元,按标准应为规上企业</Typography.Text>
                  ) : (
                    '规上:年主营业务收入 ≥ 2000 万元'
                  )
                }
              >
                <Switch checkedChildren="规上" unCheckedChildren="规下" />
              </Form.Item>
            </Col>
          )}
        </Row>
        <Typography.Title level={5}>地址与联系人</Typography.Title>
        <Row gutter={16}>
          <Col xs={24}>
            <Form.Item name="address" label="地址" rules={[{ max: 200, message: '地址最多200个字' }]}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          {show('plot') && (
            <Col {...half}>
              <Form.Item name="plot" label="地块" rules={[{ max: 100, message: '地块最多100个字' }]}>
                <Input maxLength={100} placeholder="如 B-12" />
              </Form.Item>
            </Col>
          )}
          <Col {...half}>
            <Form.Item name="contactName" label="联系人" rules={[{ max: 50, message: '联系人最多50个字' }]}>
              <Input maxLength={50} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item
              name="contactPhone"
              label="联系电话"
              validateTrigger="onBlur"
              rules={[
                {
                  validator: (_, v: string | null) => {
                    const p = normalizePhone(v ?? '');
                    if (p === '' || isValidMobile(p) || /^0\d{2,3}\d{7,8}$/.test(p)) return Promise.resolve();
                    return Promise.reject(new Error('联系电话应为11位手机号或带区号的座机号'));
                  },
                },
              ]}
              extra={isMasked(enterprise?.contactPhone) ? `当前号码已隐藏(${enterprise!.contactPhone}),如需更换请输入新号码` : undefined}
            >
              <Input inputMode="tel" maxLength={20} placeholder={isMasked(enterprise?.contactPhone) ? '不修改请留空' : '手机号或座机号'} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Drawer>
  );
}
