import { useEffect } from 'react';
import { App, Button, Card, Checkbox, Col, DatePicker, Form, Input, InputNumber, Row, Select, Skeleton, Space } from 'antd';
import { useNavigate, useParams } from 'react-router-dom';
import type { Dayjs } from 'dayjs';
import { COLLATERAL_KINDS, COLLATERAL_LABELS, PRODUCT_TYPE_LABELS, PRODUCT_TYPES, type CollateralKind, type CreateProductRequest, type ProductType } from '@yuanqi/contract';
import { hasPermission, useMe } from '../../../app/auth';
import { PageHeader } from '../../../components/PageHeader';
import { QueryError } from '../../../components/QueryError';
import { applyFieldErrors } from '../../../components/forms';
import { dayjs, fenToWan, parkToday, wanToFen } from '../../../components/format';
import { useScreens } from '../../../components/useScreens';
import { useDictionary } from '../../dictionaries/useDictionary';
import { useInstitutionDetails, useProduct, useSaveProduct } from './api';

type Values = {
  bankId?: string;
  name: string;
  type: ProductType;
  rateMinBp: number | null;
  rateMaxBp: number | null;
  termMinMonths: number | null;
  termMaxMonths: number | null;
  amountMinFen: number | null;
  amountMaxFen: number | null;
  collateral: CollateralKind[];
  targetChains: string[];
  targetTags: string[];
  targetNote?: string;
  description?: string;
  validFrom: Dayjs | null;
  validTo: Dayjs | null;
};

/** New product (a bank's own; the finance officer names the institution) or edit of one. */
export default function ProductFormPage() {
  const { id } = useParams();
  const product = useProduct(id);
  if (id && product.isError) {
    return (
      <>
        <PageHeader title="编辑产品" />
        <Card>
          <QueryError error={product.error} onRetry={() => product.refetch()} what="产品" />
        </Card>
      </>
    );
  }
  if (id && !product.data) {
    return (
      <>
        <PageHeader title="编辑产品" />
        <Card>
          <Skeleton active paragraph={{ rows: 8 }} />
        </Card>
      </>
    );
  }
  return <ProductForm key={id ?? 'new'} id={id} initial={product.data} />;
}

function ProductForm({ id, initial }: { id?: string; initial?: ReturnType<typeof useProduct>['data'] }) {
  const me = useMe();
  const navigate = useNavigate();
  const screens = useScreens();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const save = useSaveProduct(id);
  const chains = useDictionary('chain');
  const tags = useDictionary('tag');
  const manage = hasPermission(me, 'finance:manage');
  const institutions = useInstitutionDetails();
  const collateral = Form.useWatch('collateral', form) ?? [];

  useEffect(() => {
    if (!initial) return;
    form.setFieldsValue({
      name: initial.name,
      type: initial.type,
      rateMinBp: initial.rateMinBp / 100,
      rateMaxBp: initial.rateMaxBp / 100,
      termMinMonths: initial.termMinMonths,
      termMaxMonths: initial.termMaxMonths,
      amountMinFen: fenToWan(initial.amountMinFen),
      amountMaxFen: fenToWan(initial.amountMaxFen),
      collateral: initial.collateral,
      targetChains: initial.targetChains,
      targetTags: initial.targetTags,
      targetNote: initial.targetNote ?? '',
      description: initial.description ?? '',
      validFrom: dayjs(initial.validFrom),
      validTo: initial.validTo ? dayjs(initial.validTo) : null,
    });
  }, [initial, form]);

  const submit = async (publish: boolean) => {
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    const bp = (pct: number | null) => (pct === null || pct === undefined ? undefined : Math.round(pct * 100));
    const body: CreateProductRequest = {
      ...(manage && !id ? { bankId: v.bankId } : {}),
      name: v.name,
      type: v.type,
      rateMinBp: bp(v.rateMinBp)!,
      rateMaxBp: bp(v.rateMaxBp)!,
      termMinMonths: v.termMinMonths!,
      termMaxMonths: v.termMaxMonths!,
      amountMinFen: wanToFen(v.amountMinFen)!,
      amountMaxFen: wanToFen(v.amountMaxFen)!,
      collateral: v.collateral,
      targetChains: v.targetChains ?? [],
      targetTags: v.targetTags ?? [],
      targetNote: v.targetNote?.trim() || null,
      description: v.description?.trim() || null,
      validFrom: v.validFrom!.format('YYYY-MM-DD'),
      validTo: v.validTo ? v.validTo.format('YYYY-MM-DD') : null,
      ...(id ? {} : { publish }),
    };
    if (id) delete (body as Partial<CreateProductRequest>).bankId;
    try {
      const saved = await save.mutateAsync(body);
      message.success(id ? '已保存' : publish ? '已发布,企业可在金融超市看到' : '已存为草稿');
      navigate(`/finance/products/${saved.id}`, { replace: true });
    } catch (e) {
      applyFieldErrors(form, e);
    }
  };

  const half = screens.md ? 12 : 24;
  const onlyNone = collateral.includes('none');
  return (
    <>
      <PageHeader title={id ? `编辑产品 · ${initial?.name ?? ''}` : '新增金融产品'} subTitle={id ? '修改即时生效;在售产品的修改企业立即可见' : '保存为草稿后可预览,发布后企业即可在金融超市看到'} docTitle={id ? '编辑产品' : '新增金融产品'} />
      <Card style={{ maxWidth: 960 }}>
        <Form<Values>
          form={form}
          layout="vertical"
          requiredMark
          initialValues={{ type: 'credit', collateral: ['none'], targetChains: [], targetTags: [], validFrom: dayjs(parkToday()), validTo: null, bankId: me.bankId ?? undefined }}
          onValuesChange={(changed) => {
            // 无需抵押 excludes the others: picking it clears them, picking another clears it
            if (changed.collateral) {
              const next = changed.collateral as CollateralKind[];
              const last = next[next.length - 1];
              if (next.length > 1 && next.includes('none')) form.setFieldValue('collateral', last === 'none' ? ['none'] : next.filter((c) => c !== 'none'));
            }
          }}
        >
          {manage && !id && (
            <Form.Item name="bankId" label="所属金融机构" rules={[{ required: true, message: '请选择产品所属的金融机构' }]}>
              <Select showSearch={{ optionFilterProp: 'label' }} placeholder="选择金融机构" loading={institutions.isLoading} options={(institutions.data ?? []).filter((i) => i.status === 'active').map((i) => ({ value: i.id, label: i.name }))} />
            </Form.Item>
          )}
          <Row gutter={16}>
            <Col span={half}>
              <Form.Item name="name" label="产品名称" rules={[{ required: true, whitespace: true, message: '请填写产品名称' }, { max: 80, message: '产品名称最多80个字' }]}>
                <Input placeholder="如:科创贷、税易贷" maxLength={80} />
              </Form.Item>
            </Col>
            <Col span={half}>
              <Form.Item name="type" label="产品类型" rules={[{ required: true, message: '请选择产品类型' }]}>
                <Select options={PRODUCT_TYPES.map((t) => ({ value: t, label: PRODUCT_TYPE_LABELS[t] }))} />
              </Form.Item>
            </Col>
          </Row>
          <Row gutter={16}>
            <Col xs={12} md={6}>
              <Form.Item name="rateMinBp" label="年利率下限" rules={[{ required: true, message: '请填写年利率下限' }]}>
                <InputNumber min={0} max={24} step={0.05} precision={2} suffix="%" style={{ width: '100%' }} placeholder="3.45" />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item
                name="rateMaxBp"
                label="年利率上限"
                dependencies={['rateMinBp']}
                rules={[
                  { required: true, message: '请填写年利率上限' },
                  ({ getFieldValue }) => ({ validator: (_, v) => (v === null || v === undefined || getFieldValue('rateMinBp') == null || v >= getFieldValue('rateMinBp') ? Promise.resolve() : Promise.reject(new Error('年利率上限不能低于年利率下限'))) }),
                ]}
              >
                <InputNumber min={0} max={24} step={0.05} precision={2} suffix="%" style={{ width: '100%' }} placeholder="4.35" />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name="termMinMonths" label="最短期限" rules={[{ required: true, message: '请填写最短期限' }]}>
                <InputNumber min={1} max={360} precision={0} suffix="个月" style={{ width: '100%' }} placeholder="1" />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item
                name="termMaxMonths"
                label="最长期限"
                dependencies={['termMinMonths']}
                rules={[
                  { required: true, message: '请填写最长期限' },
                  ({ getFieldValue }) => ({ validator: (_, v) => (v == null || getFieldValue('termMinMonths') == null || v >= getFieldValue('termMinMonths') ? Promise.resolve() : Promise.reject(new Error('最长期限不能短于最短期限'))) }),
                ]}
              >
                <InputNumber min={1} max={360} precision={0} suffix="个月" style={{ width: '100%' }} placeholder="36" />
              </Form.Item>
            </Col>
          </Row>
          <Row gutter={16}>
            <Col xs={12} md={6}>
              <Form.Item name="amountMinFen" label="最低额度" rules={[{ required: true, message: '请填写最低额度' }]}>
                <InputNumber min={0.01} max={1_000_000} precision={2} suffix="万元" style={{ width: '100%' }} placeholder="10" />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item
                name="amountMaxFen"
                label="最高额度"
                dependencies={['amountMinFen']}
                rules={[
                  { required: true, message: '请填写最高额度' },
                  ({ getFieldValue }) => ({ validator: (_, v) => (v == null || getFieldValue('amountMinFen') == null || v >= getFieldValue('amountMinFen') ? Promise.resolve() : Promise.reject(new Error('最高额度不能低于最低额度'))) }),
                ]}
              >
                <InputNumber min={0.01} max={1_000_000} precision={2} suffix="万元" style={{ width: '100%' }} placeholder="1000" />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name="validFrom" label="有效期起" rules={[{ required: true, message: '请选择有效期起' }]}>
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item
                name="validTo"
                label="有效期止"
                extra="不填为长期有效"
                dependencies={['validFrom']}
                rules={[({ getFieldValue }) => ({ validator: (_, v: Dayjs | null) => (!v || !getFieldValue('validFrom') || !v.isBefore(getFieldValue('validFrom'), 'day') ? Promise.resolve() : Promise.reject(new Error('有效期止不能早于有效期起'))) })]}
              >
                <DatePicker style={{ width: '100%' }} placeholder="长期有效" />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="collateral" label="担保方式" extra={onlyNone ? '信用类产品:无需抵押或担保' : '企业可以提供其中任一种'} rules={[{ required: true, type: 'array', min: 1, message: '请至少选择一种担保方式' }]}>
            <Checkbox.Group options={COLLATERAL_KINDS.map((c) => ({ value: c, label: COLLATERAL_LABELS[c] }))} />
          </Form.Item>
          <Row gutter={16}>
            <Col span={half}>
              <Form.Item name="targetChains" label="适用产业链" extra="不选为不限">
                <Select mode="multiple" allowClear placeholder="不限" options={chains.options} loading={chains.isLoading} />
              </Form.Item>
            </Col>
            <Col span={half}>
              <Form.Item name="targetTags" label="适用企业标签" extra="不选为不限;企业具备任一标签即适用">
                <Select mode="multiple" allowClear placeholder="不限" options={tags.options} loading={tags.isLoading} />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="targetNote" label="申请条件说明">
            <Input.TextArea rows={2} maxLength={300} showCount placeholder="如:纳税信用B级以上、正常经营满2年" />
          </Form.Item>
          <Form.Item name="description" label="产品介绍">
            <Input.TextArea rows={4} maxLength={2000} showCount placeholder="产品特点、办理流程、所需材料等" />
          </Form.Item>
          <Space wrap>
            {id ? (
              <Button type="primary" loading={save.isPending} onClick={() => submit(false)}>
                保存
              </Button>
            ) : (
              <>
                <Button type="primary" loading={save.isPending} onClick={() => submit(true)}>
                  保存并发布
                </Button>
                <Button loading={save.isPending} onClick={() => submit(false)}>
                  存为草稿
                </Button>
              </>
            )}
            <Button onClick={() => navigate(-1)}>取消</Button>
          </Space>
        </Form>
      </Card>
    </>
  );
}
