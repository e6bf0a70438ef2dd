import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Card, Col, Empty, Form, Input, InputNumber, Row, Select, Space, Tag, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import {
  CREDIT_METRICS,
  CREDIT_METRIC_META,
  ZCreditFormulaDefinition,
  describeCreditFormula,
  validateCreditFormula,
  type CreditFormulaDefinition,
  type CreditProfile,
} from '@yuanqi/contract';
import { hasPermission, useMe } from '../../../app/auth';
import { errorMessage, isApiError } from '../../../app/api';
import { applyFieldErrors } from '../../../components/forms';
import { PageHeader } from '../../../components/PageHeader';
import { PageLoading } from '../../../components/PageLoading';
import { QueryError } from '../../../components/QueryError';
import { EnterpriseSelect } from '../../enterprises/EnterpriseSelect';
import { useCreditFormula, usePublishCreditFormula, useSaveCreditFormula, useTestCreditFormula } from './api';
import { CreditProfileView } from './CreditProfileView';

type Values = { name: string; note?: string } & CreditFormulaDefinition;

const EMPTY: Values = {
  name: '企业信用画像',
  indicators: [{ metric: 'years_founded', weight: 100, bands: [{ min: null, max: 5, score: 60 }, { min: 5, max: null, score: 100 }] }],
  grades: { AAA: 90, AA: 80, A: 70, BBB: 60, BB: 50 },
};

/** Form values → a definition (empty inputs are null bounds); null when it does not even parse. */
function definitionOf(v: Partial<Values> | undefined): CreditFormulaDefinition | null {
  if (!v) return null;
  const parsed = ZCreditFormulaDefinition.safeParse({
    indicators: (v.indicators ?? []).map((i) => ({
      ...i,
      missingScore: i?.missingScore ?? undefined,
      bands: (i?.bands ?? []).map((b) => ({ min: b?.min ?? null, max: b?.max ?? null, score: b?.score })),
    })),
    grades: v.grades,
  });
  return parsed.success ? parsed.data : null;
}

/** 信用画像公式: a form (not JSON) with the read-back preview, live validation and a test on a firm. */
export default function CreditFormulaEditorPage() {
  const { id } = useParams();
  const [search] = useSearchParams();
  const copyFrom = search.get('from') ?? undefined;
  const me = useMe();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const existing = useCreditFormula(id ?? copyFrom);
  const save = useSaveCreditFormula(id);
  const publish = usePublishCreditFormula();
  const test = useTestCreditFormula();
  const [form] = Form.useForm<Values>();
  const [firm, setFirm] = useState<string | null>(null);
  const [tried, setTried] = useState<CreditProfile | null>(null);
  const values = Form.useWatch([], form) as Partial<Values> | undefined;
  const editable = hasPermission(me, 'finance:manage') && (!id || existing.data?.status === 'draft');

  useEffect(() => {
    if (id || copyFrom) {
      if (existing.data) form.setFieldsValue({ name: existing.data.name, note: existing.data.note ?? undefined, ...existing.data.definition });
    } else {
      form.setFieldsValue(EMPTY);
    }
  }, [id, copyFrom, existing.data, form]);

  const definition = useMemo(() => definitionOf(values), [values]);
  const issues = useMemo(() => (definition ? validateCreditFormula(definition) : []), [definition]);
  const readBack = useMemo(() => (definition ? describeCreditFormula(definition) : []), [definition]);
  const weightSum = (values?.indicators ?? []).reduce((s, i) => s + (Number(i?.weight) || 0), 0);

  const persist = async (): Promise<string | null> => {
    const v = await form.validateFields();
    const def = definitionOf(v);
    if (!def) return null;
    try {
      const saved = await save.mutateAsync({ name: v.name, note: v.note || null, definition: def });
      message.success(`已保存草稿(第 ${saved.version} 版)`);
      if (!id) navigate(`/finance/credit/formulas/${saved.id}`, { replace: true });
      return saved.id;
    } catch (e) {
      if (!applyFieldErrors(form, e, { definition: 'indicators' })) message.error(errorMessage(e));
      return null;
    }
  };

  const runTest = async () => {
    if (!firm) return message.warning('请先选择试算企业');
    const savedId = editable ? await persist() : id ?? null;
    if (!savedId) return;
    try {
      setTried(await test.mutateAsync({ id: savedId, enterpriseId: firm }));
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  const doPublish = async () => {
    const savedId = await persist();
    if (!savedId) return;
    try {
      const p = await publish.mutateAsync(savedId);
      message.success(`第 ${p.version} 版已发布生效,原生效版本已停用并保留`);
      navigate('/finance/credit/formulas');
    } catch (e) {
      if (!isApiError(e)) message.error(errorMessage(e));
    }
  };

  if ((id || copyFrom) && existing.isLoading) return <PageLoading />;
  if ((id || copyFrom) && existing.isError) return <QueryError error={existing.error} onRetry={() => existing.refetch()} what="信用画像公式" />;
  const title = id && existing.data ? `信用画像公式 第 ${existing.data.version} 版` : '新建信用画像公式';

  return (
    <>
      <PageHeader
        title={title}
        subTitle={id && existing.data ? <Tag color={existing.data.status === 'published' ? 'green' : existing.data.status === 'draft' ? 'blue' : 'default'}>{existing.data.statusLabel}</Tag> : '草稿保存后可试算,发布后生效'}
        extra={
          <Space wrap>
            {editable ? (
              <>
                <Button onClick={persist} loading={save.isPending}>保存草稿</Button>
                <Button type="primary" onClick={doPublish} loading={publish.isPending} disabled={issues.length > 0 || !definition}>发布生效</Button>
              </>
            ) : (
              id && hasPermission(me, 'finance:manage') && <Button onClick={() => navigate(`/finance/credit/formulas/new?from=${id}`)}>另存为新草稿</Button>
            )}
          </Space>
        }
      />
      <Row gutter={[12, 12]}>
        <Col xs={24} xl={14}>
          <Form form={form} layout="vertical" disabled={!editable}>
            <Card style={{ marginBottom: 12 }}>
              <Row gutter={12}>
                <Col xs={24} md={10}><Form.Item name="name" label="名称" rules={[{ required: true, message: '请填写名称' }]}><Input maxLength={60} /></Form.Item></Col>
                <Col xs={24} md={14}><Form.Item name="note" label="说明"><Input maxLength={500} /></Form.Item></Col>
              </Row>
            </Card>
            <Form.List name="indicators">
              {(fields, { add, remove }) => (
                <>
                  {fields.map((field, index) => {
                    const metric = values?.indicators?.[index]?.metric;
                    const unit = metric ? CREDIT_METRIC_META[metric].unit : '';
                    const yesNo = metric ? CREDIT_METRIC_META[metric].yesNo : false;
                    return (
                      <Card
                        key={field.key}
                        size="small"
                        style={{ marginBottom: 12 }}
                        title={`指标 ${index + 1}${metric ? `:${CREDIT_METRIC_META[metric].label}` : ''}`}
                        extra={editable && <Button size="small" type="text" danger icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label="删除指标" />}
                      >
                        <Row gutter={8}>
                          <Col xs={24} md={12}>
                            <Form.Item name={[field.name, 'metric']} label="指标" rules={[{ required: true, message: '请选择指标' }]} extra={metric ? CREDIT_METRIC_META[metric].help : undefined}>
                              <Select options={CREDIT_METRICS.map((m) => ({ value: m, label: CREDIT_METRIC_META[m].available ? CREDIT_METRIC_META[m].label : `${CREDIT_METRIC_META[m].label}(暂无数据,产业云上线后提供)`, disabled: !CREDIT_METRIC_META[m].available }))} />
                            </Form.Item>
                          </Col>
                          <Col xs={12} md={6}>
                            <Form.Item name={[field.name, 'weight']} label="权重(%)" rules={[{ required: true, message: '请填写权重' }]}>
                              <InputNumber min={1} max={100} precision={0} style={{ width: '100%' }} />
                            </Form.Item>
                          </Col>
                          <Col xs={12} md={6}>
                            <Form.Item name={[field.name, 'missingScore']} label="无数据得分" tooltip="企业没有该项数据时的得分,留空为0分">
                              <InputNumber min={0} max={100} precision={0} style={{ width: '100%' }} />
                            </Form.Item>
                          </Col>
                        </Row>
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          评分档(下限含、上限不含;最低一档下限留空、最高一档上限留空;{yesNo ? '是 = 1,否 = 0' : `单位:${unit || '—'}`})
                        </Typography.Text>
                        <Form.List name={[field.name, 'bands']}>
                          {(bands, bandOps) => (
                            <>
                              {bands.map((band, j) => (
                                <Space key={band.key} align="baseline" wrap style={{ display: 'flex', marginTop: 8 }}>
                                  <span style={{ width: 36, display: 'inline-block' }}>第{j + 1}档</span>
                                  <Form.Item name={[band.name, 'min']} noStyle><InputNumber placeholder="无下限" style={{ width: 110 }} /></Form.Item>
                                  <span>至</span>
                                  <Form.Item name={[band.name, 'max']} noStyle><InputNumber placeholder="无上限" style={{ width: 110 }} /></Form.Item>
                                  <span>得</span>
                                  <Form.Item name={[band.name, 'score']} noStyle rules={[{ required: true, message: '请填写得分' }]}><InputNumber min={0} max={100} precision={0} style={{ width: 80 }} /></Form.Item>
                                  <span>分</span>
                                  {editable && <Button size="small" type="text" icon={<DeleteOutlined />} onClick={() => bandOps.remove(band.name)} aria-label="删除评分档" />}
                                </Space>
                              ))}
                              {editable && <Button size="small" type="dashed" style={{ marginTop: 8 }} icon={<PlusOutlined />} onClick={() => bandOps.add({ min: null, max: null, score: 0 })}>添加评分档</Button>}
                            </>
                          )}
                        </Form.List>
                      </Card>
                    );
                  })}
                  {editable && (
                    <Button type="dashed" block icon={<PlusOutlined />} style={{ marginBottom: 12 }} onClick={() => add({ metric: undefined, weight: 10, bands: [{ min: null, max: 1, score: 60 }, { min: 1, max: null, score: 100 }] })}>
                      添加指标
                    </Button>
                  )}
                </>
              )}
            </Form.List>
            <Card size="small" title="信用等级起点分(总分 ≥ 起点分即为该等级,低于 BB 为 B)">
              <Space wrap>
                {(['AAA', 'AA', 'A', 'BBB', 'BB'] as const).map((g) => (
                  <Form.Item key={g} name={['grades', g]} label={g} rules={[{ required: true, message: `请填写${g}起点分` }]} style={{ marginBottom: 0 }}>
                    <InputNumber min={0} max={100} style={{ width: 90 }} />
                  </Form.Item>
                ))}
              </Space>
            </Card>
          </Form>
        </Col>
        <Col xs={24} xl={10}>
          <div style={{ position: 'sticky', top: 72 }}>
          <Card title="公式释义" size="small" style={{ marginBottom: 12 }} extra={<Tag color={weightSum === 100 ? 'green' : 'red'}>权重合计 {weightSum}%</Tag>}>
            {readBack.length ? (
              <ol style={{ paddingInlineStart: 20, margin: 0 }} data-testid="credit-readback">
                {readBack.map((line) => <li key={line} style={{ marginBottom: 4 }}>{line}</li>)}
              </ol>
            ) : (
              <Empty description="请完整填写指标、权重和评分档" />
            )}
            {issues.length > 0 && (
              <Alert style={{ marginTop: 12 }} type="warning" showIcon message="发布前请修正" description={<ul style={{ margin: 0, paddingInlineStart: 18 }}>{issues.map((i) => <li key={i.path + i.message}>{i.message}</li>)}</ul>} />
            )}
          </Card>
          <Card title="用企业试算" size="small" style={{ marginBottom: 12 }}>
            <Space.Compact style={{ width: '100%' }}>
              <div style={{ flex: 1, minWidth: 0 }}><EnterpriseSelect value={firm} onChange={setFirm} placeholder="选择企业" /></div>
              <Button type="primary" onClick={runTest} loading={test.isPending || save.isPending} disabled={!firm || issues.length > 0 || !definition}>{editable ? '保存并试算' : '试算'}</Button>
            </Space.Compact>
          </Card>
          {tried && <CreditProfileView profile={tried} />}
          </div>
        </Col>
      </Row>
    </>
  );
}
