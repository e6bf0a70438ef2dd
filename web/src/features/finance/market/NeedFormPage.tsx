import { useEffect, useMemo, useState } from 'react';
import { Alert, Button, Card, Checkbox, Form, Input, InputNumber, Radio, Select, Skeleton, Space, Typography } from 'antd';
import { ArrowLeftOutlined, SendOutlined } from '@ant-design/icons';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import {
  COLLATERAL_KINDS,
  COLLATERAL_LABELS,
  CONSENT_SCOPES,
  CONSENT_SCOPE_LABELS,
  INSTITUTION_KIND_LABELS,
  parseYuanToFen,
  type CollateralKind,
  type ConsentScope,
} from '@yuanqi/contract';
import { isEnterpriseOnly, useMe } from '../../../app/auth';
import { PageHeader } from '../../../components/PageHeader';
import { QueryError } from '../../../components/QueryError';
import { formatWan } from '../../../components/format';
import { applyFieldErrors } from '../../../components/forms';
import { EnterpriseSelect } from '../../enterprises/EnterpriseSelect';
import { useInstitutions } from '../api';
import { useProduct } from '../products/api';
import { useConsents, useFileNeed } from './api';
import './market.css';

type Values = {
  enterpriseId?: string;
  amountYuan?: number;
  termMonths?: number;
  purpose?: string;
  collateral?: CollateralKind[];
  collateralNote?: string;
  sendTo: 'chosen' | 'all';
  bankIds?: string[];
};

const SCOPE_OPTIONS = CONSENT_SCOPES.map((s) => ({ value: s, label: CONSENT_SCOPE_LABELS[s] }));

/** 我要融资: amount, term, purpose, collateral, the institutions it goes to, and what each may see of the firm. */
export function NeedFormPage() {
  const me = useMe();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const productId = params.get('productId') ?? undefined;
  const presetBank = params.get('bankId') ?? undefined;
  const forOwnFirm = isEnterpriseOnly(me) || !!me.enterpriseId;
  const [form] = Form.useForm<Values>();
  const institutions = useInstitutions();
  const product = useProduct(productId);
  const file = useFileNeed();
  const enterpriseId = Form.useWatch('enterpriseId', form);
  const consents = useConsents(forOwnFirm ? { live: 'true' } : enterpriseId ? { live: 'true', enterpriseId } : { live: 'true', enterpriseId: '00000000-0000-0000-0000-000000000000' });
  const sendTo = Form.useWatch('sendTo', form) ?? 'chosen';
  const bankIds = Form.useWatch('bankIds', form) ?? [];
  const amountYuan = Form.useWatch('amountYuan', form);
  const [scopes, setScopes] = useState<Record<string, ConsentScope[]>>({});
  const [allScopes, setAllScopes] = useState<ConsentScope[]>([]);

  const active = useMemo(() => (institutions.data ?? []).filter((i) => i.status === 'active'), [institutions.data]);
  const nameOf = (id: string) => active.find((i) => i.id === id)?.name ?? '';

  // a product chosen in 金融超市 preselects its institution
  useEffect(() => {
    if (product.data && !form.getFieldValue('bankIds')?.length) form.setFieldsValue({ bankIds: [product.data.bankId] });
  }, [product.data, form]);
  // the firm's live consents prefill each institution's choice (it can still change them)
  useEffect(() => {
    if (!consents.data) return;
    setScopes((prev) => {
      const next = { ...prev };
      for (const c of consents.data) if (c.live && next[c.bankId] === undefined) next[c.bankId] = c.scopes;
      return next;
    });
  }, [consents.data]);

  if (institutions.isLoading) return <Card><Skeleton active paragraph={{ rows: 8 }} /></Card>;
  if (institutions.isError) return <QueryError error={institutions.error} onRetry={() => institutions.refetch()} what="金融机构" />;

  const submit = async (v: Values) => {
    const amountFen = v.amountYuan === undefined || v.amountYuan === null ? undefined : (parseYuanToFen(v.amountYuan) ?? undefined);
    const targets = v.sendTo === 'all' ? active.map((i) => i.id) : (v.bankIds ?? []);
    try {
      const need = await file.mutateAsync({
        enterpriseId: forOwnFirm ? undefined : v.enterpriseId,
        amountFen: amountFen as number,
        termMonths: v.termMonths as number,
        purpose: v.purpose ?? '',
        collateral: v.collateral ?? [],
        collateralNote: v.collateralNote || undefined,
        productId,
        sendTo: v.sendTo,
        bankIds: v.sendTo === 'chosen' ? targets : [],
        consents: targets.map((bankId) => ({ bankId, scopes: v.sendTo === 'all' ? allScopes : (scopes[bankId] ?? []) })),
      });
      navigate(`/finance/needs/${need.id}`);
    } catch (error) {
      applyFieldErrors(form, error, { amountFen: 'amountYuan', consents: 'bankIds' });
    }
  };

  return (
    <>
      <PageHeader
        title="我要融资"
        subTitle="提交后推送给所选金融机构,各机构须在规定工作日内答复;您可比较各家方案后选择"
        extra={
          <Link to="/finance/needs">
            <ArrowLeftOutlined /> 我的融资
          </Link>
        }
      />
      <Card>
        {product.data && (
          <Alert type="info" showIcon style={{ marginBottom: 16 }} title={`来自金融产品:${product.data.name}(${nameOf(product.data.bankId) || '所属机构'})`} description="已为您选中该产品所属机构,也可以再选其他机构一起比较" />
        )}
        <Form<Values> form={form} layout="vertical" initialValues={{ sendTo: 'chosen', termMonths: 12, collateral: [], bankIds: presetBank ? [presetBank] : [] }} onFinish={submit} requiredMark="optional" style={{ maxWidth: 720 }}>
          {!forOwnFirm && (
            <Form.Item name="enterpriseId" label="融资企业" rules={[{ required: true, message: '请选择企业' }]}>
              <EnterpriseSelect />
            </Form.Item>
          )}
          <Form.Item
            name="amountYuan"
            label="融资金额"
            rules={[{ required: true, message: '请填写融资金额' }]}
            extra={amountYuan ? `即 ${formatWan(parseYuanToFen(amountYuan) ?? 0)}` : '单位:元'}
          >
            <InputNumber style={{ width: '100%' }} min={1} max={10_000_000_000} precision={2} placeholder="例如 5000000" suffix="元" inputMode="decimal" />
          </Form.Item>
          <Form.Item name="termMonths" label="期限" rules={[{ required: true, message: '请填写期限' }]}>
            <InputNumber style={{ width: '100%' }} min={1} max={360} precision={0} suffix="个月" inputMode="numeric" />
          </Form.Item>
          <Form.Item name="purpose" label="资金用途" rules={[{ required: true, whitespace: true, message: '请填写资金用途' }, { min: 2, message: '资金用途至少2个字' }]}>
            <Input.TextArea rows={3} maxLength={500} showCount placeholder="例如:采购铜杆原料,补充流动资金" />
          </Form.Item>
          <Form.Item name="collateral" label="可提供的担保方式">
            <Checkbox.Group options={COLLATERAL_KINDS.map((k) => ({ value: k, label: COLLATERAL_LABELS[k] }))} />
          </Form.Item>
          <Form.Item name="collateralNote" label="担保说明">
            <Input maxLength={200} placeholder="选填,例如抵押物位置、面积" />
          </Form.Item>
          <Form.Item name="sendTo" label="推送给">
            <Radio.Group
              optionType="button"
              buttonStyle="solid"
              options={[
                { value: 'chosen', label: '我选择的机构' },
                { value: 'all', label: `全部机构(${active.length}家)` },
              ]}
            />
          </Form.Item>
          {sendTo === 'chosen' ? (
            <Form.Item name="bankIds" label="金融机构" rules={[{ required: true, type: 'array', min: 1, message: '请至少选择一家金融机构' }]}>
              <Select
                mode="multiple"
                placeholder="选择要推送的银行、担保、保险等机构"
                optionFilterProp="label"
                options={active.map((i) => ({ value: i.id, label: `${i.name}` , title: INSTITUTION_KIND_LABELS[i.kind] }))}
              />
            </Form.Item>
          ) : null}

          <Typography.Title level={5} style={{ marginTop: 8 }}>
            数据授权
          </Typography.Title>
          <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
            逐家选择每个机构可以查看的企业数据。不勾选则该机构只能看到本次需求和企业名称。授权可随时在“数据授权”中撤销。
          </Typography.Paragraph>
          {sendTo === 'all' ? (
            <div className="yq-consent-bank">
              <span>全部 {active.length} 家机构</span>
              <Checkbox.Group options={SCOPE_OPTIONS} value={allScopes} onChange={(v) => setAllScopes(v as ConsentScope[])} />
            </div>
          ) : bankIds.length === 0 ? (
            <Typography.Text type="secondary">请先选择金融机构</Typography.Text>
          ) : (
            bankIds.map((id) => (
              <div className="yq-consent-bank" key={id} data-testid="consent-row">
                <span style={{ fontWeight: 500 }}>{nameOf(id)}</span>
                <Checkbox.Group options={SCOPE_OPTIONS} value={scopes[id] ?? []} onChange={(v) => setScopes((s) => ({ ...s, [id]: v as ConsentScope[] }))} />
              </div>
            ))
          )}
          <Space style={{ marginTop: 20 }} wrap>
            <Button type="primary" htmlType="submit" icon={<SendOutlined />} loading={file.isPending} size="large">
              提交融资需求
            </Button>
            <Button onClick={() => navigate('/finance/needs')}>取消</Button>
          </Space>
        </Form>
      </Card>
    </>
  );
}
