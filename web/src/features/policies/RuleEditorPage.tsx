import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Form, Input, Select, Skeleton, Space, Typography } from 'antd';
import { ArrowLeftOutlined, CloudUploadOutlined, DeleteOutlined, SaveOutlined } from '@ant-design/icons';
import { useBlocker, useNavigate, useParams } from 'react-router-dom';
import {
  checkPolicyPublish,
  POLICY_MODE_LABELS,
  POLICY_RULE_EXAMPLES,
  type PolicyDetail,
  type PolicyMaterial,
  type PolicyRule,
} from '@yuanqi/contract';
import { isApiError } from '../../app/api';
import { applyFieldErrors } from '../../components/forms';
import { dayjs, parkToday } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { useCreatePolicy, useCreateVersion, useDiscardVersion, usePolicy, usePublishPolicy, useRuleContext, useUpdatePolicy, useUpdateVersion } from './api';
import { cleanMaterials, FundSelect, MaterialsFields, PolicyInfoFields, toPolicyFields, type PolicyInfoValues } from './PolicyForm';
import { RuleTestPanel } from './RuleTestPanel';
import { RuleEditor, RulePreview, useRuleCheck } from './rule-builder/RuleEditor';
import { asGroup, emptyRule } from './rule-builder/ruleDraft';
import { useRuleCatalogue } from './useRuleCatalogue';
import './policies.css';

/** A deep copy the builder may change freely, with the eligibility root shown as a group. */
function normalize(rule: PolicyRule | null | undefined): PolicyRule {
  if (!rule) return emptyRule();
  const copy = JSON.parse(JSON.stringify(rule)) as PolicyRule;
  return { ...copy, version: 1, params: copy.params ?? [], eligibility: asGroup(copy.eligibility), payment: copy.payment ?? { period: 'year' } };
}

const EXCLUSION_GROUPS = [...new Set(POLICY_RULE_EXAMPLES.map((e) => e.rule.payment.exclusionGroup).filter((g): g is string => !!g))];

type PageValues = PolicyInfoValues & { effectiveFrom: dayjs.Dayjs; changeNote?: string; materials?: PolicyMaterial[] };

function TemplatePicker({ onPick }: { onPick: (code: string) => void }) {
  return (
    <Select
      placeholder="从模板开始(常见政策写法)"
      style={{ width: 300 }}
      value={null}
      onChange={(code: string) => onPick(code)}
      options={POLICY_RULE_EXAMPLES.map((e) => ({ value: e.code, label: `${e.title}(${e.category}·${POLICY_MODE_LABELS[e.mode]})` }))}
      showSearch={{ optionFilterProp: 'label' }}
      aria-label="从模板开始"
      popupMatchSelectWidth={false}
    />
  );
}

/**
 * The rule builder page: a new policy (basic information + first rule), a draft version, or a
 * new version of a published policy effective from a date. The plain-Chinese reading and the
 * problems update as the officer builds; a saved draft can be tried on any enterprise.
 */
export function RuleEditorPage() {
  const { id = '' } = useParams();
  const creating = !id;
  const policy = usePolicy(id);
  if (!creating && policy.isLoading) {
    return (
      <Card>
        <Skeleton active paragraph={{ rows: 10 }} />
      </Card>
    );
  }
  if (!creating && (policy.isError || !policy.data)) {
    return (
      <Card>
        <QueryError error={policy.error} what="政策" onRetry={() => policy.refetch()} />
      </Card>
    );
  }
  return <Editor key={policy.data?.id ?? 'new'} policy={policy.data ?? null} />;
}

function Editor({ policy }: { policy: PolicyDetail | null }) {
  const navigate = useNavigate();
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<PageValues>();
  const { catalogue, loading: catalogueLoading, error: catalogueError } = useRuleCatalogue();
  const draft = policy?.draftVersion ?? null;
  const base = draft ?? policy?.currentVersion ?? null;
  const newVersion = !!policy && !draft;
  const [rule, setRuleState] = useState<PolicyRule>(() => normalize(base?.rule));
  const [dirty, setDirty] = useState(false);
  // a blank new policy shows no errors before the officer has entered anything (or tried to save)
  const [touched, setTouched] = useState(!!policy);
  const [serverErrors, setServerErrors] = useState<{ path: string; message: string }[]>([]);
  const saving = useRef(false);
  const setRule = useCallback((r: PolicyRule) => {
    setRuleState(r);
    setDirty(true);
    setTouched(true);
    setServerErrors([]);
  }, []);
  const check = useRuleCheck(rule, catalogue);
  const errors = !touched ? [] : check && !check.ok ? check.errors : serverErrors;
  const ruleContext = useRuleContext();
  const updatePolicy = useUpdatePolicy(policy?.id ?? '');

  // the same check the server's publish runs, on what the page holds now
  const watchedMaterials = Form.useWatch('materials', form) as PolicyMaterial[] | undefined;
  const watchedFrom = Form.useWatch('effectiveFrom', form) as dayjs.Dayjs | undefined;
  const watchedFund = Form.useWatch('fundId', form) as string | null | undefined;
  const watchedMode = Form.useWatch('mode', form) as PolicyDetail['mode'] | undefined;
  const watchedValidFrom = Form.useWatch('validFrom', form) as dayjs.Dayjs | undefined;
  const watchedValidTo = Form.useWatch('validTo', form) as dayjs.Dayjs | null | undefined;
  const publishCheck = useMemo(() => {
    if (!catalogue) return null;
    const latest = policy?.versions.find((v) => v.status !== 'draft' && v.id !== draft?.id);
    return checkPolicyPublish(
      {
        rule,
        mode: policy ? policy.mode : watchedMode,
        fundId: policy ? policy.fundId : watchedFund,
        validFrom: policy ? policy.validFrom : watchedValidFrom?.format('YYYY-MM-DD'),
        validTo: policy ? policy.validTo : watchedValidTo ? watchedValidTo.format('YYYY-MM-DD') : null,
        effectiveFrom: watchedFrom?.format('YYYY-MM-DD'),
        previousEffectiveFrom: latest?.effectiveFrom ?? null,
        previousVersionNo: latest?.versionNo ?? null,
        materials: cleanMaterials(watchedMaterials),
      },
      { catalogue, industryCodes: ruleContext.data?.industryCodes ?? null },
    );
  }, [catalogue, rule, policy, draft, watchedMode, watchedFund, watchedValidFrom, watchedValidTo, watchedFrom, watchedMaterials, ruleContext.data]);

  const create = useCreatePolicy();
  const createVersion = useCreateVersion(policy?.id ?? '');
  const updateVersion = useUpdateVersion(policy?.id ?? '');
  const publish = usePublishPolicy(policy?.id ?? '');
  const discard = useDiscardVersion(policy?.id ?? '');
  const pending = create.isPending || createVersion.isPending || updateVersion.isPending;

  useEffect(() => {
    const today = parkToday();
    form.setFieldsValue({
      // no category is chosen for the officer; 申报 is the common mode and is shown, not an error
      ...(policy ? {} : { mode: 'apply', validFrom: dayjs(today) }),
      effectiveFrom: dayjs(newVersion ? today : (draft?.effectiveFrom ?? policy?.validFrom ?? today)),
      changeNote: draft?.changeNote ?? undefined,
      materials: base?.materials ?? [],
    } as Partial<PageValues>);
  }, [form, policy, draft, base, newVersion]);

  // leaving with unsaved changes asks first
  const blocker = useBlocker(({ currentLocation, nextLocation }) => dirty && !saving.current && currentLocation.pathname !== nextLocation.pathname);
  useEffect(() => {
    if (blocker.state !== 'blocked') return;
    modal.confirm({
      title: '规则尚未保存,确定离开?',
      okText: '离开',
      cancelText: '继续编辑',
      onOk: () => blocker.proceed(),
      onCancel: () => blocker.reset(),
    });
  }, [blocker, modal]);

  const pickTemplate = (code: string) => {
    const ex = POLICY_RULE_EXAMPLES.find((e) => e.code === code);
    if (!ex) return;
    const go = () => {
      setRule(normalize(ex.rule));
      if (!policy) {
        form.setFieldsValue({
          title: ex.title,
          docNumber: ex.docNumber,
          issuer: ex.issuer,
          category: ex.category,
          mode: ex.mode,
          summary: ex.summary,
          validFrom: dayjs(ex.validFrom),
          validTo: ex.validTo ? dayjs(ex.validTo) : null,
          effectiveFrom: dayjs(ex.validFrom),
        });
      }
    };
    modal.confirm({ title: `从模板“${ex.title}”开始?`, content: '当前的规则将被模板替换,之后可逐项修改。', okText: '使用模板', cancelText: '取消', onOk: go });
  };

  /** Saves the draft; returns the saved policy or null. */
  const save = async (): Promise<PolicyDetail | null> => {
    let values: PageValues;
    setTouched(true);
    try {
      values = await form.validateFields();
    } catch {
      message.error('请先完善表单中标红的项目');
      return null;
    }
    const effectiveFrom = values.effectiveFrom.format('YYYY-MM-DD');
    const materials = cleanMaterials(values.materials);
    const changeNote = values.changeNote?.trim() || null;
    saving.current = true;
    try {
      let saved: PolicyDetail;
      if (!policy) {
        saved = await create.mutateAsync({ ...(values.code?.trim() ? { code: values.code.trim() } : {}), ...toPolicyFields(values), rule, effectiveFrom, materials });
      } else if (draft) {
        saved = await updateVersion.mutateAsync({ versionId: draft.id, body: { rule, effectiveFrom, changeNote, materials } });
      } else {
        saved = await createVersion.mutateAsync({ rule, effectiveFrom, changeNote, materials });
      }
      setDirty(false);
      const problems = saved.draftVersion?.problems ?? [];
      message.success(problems.length ? `草稿已保存(规则还有 ${problems.length} 处待完善)` : '草稿已保存');
      if (!policy) navigate(`/policies/${saved.id}/rule`, { replace: true });
      return saved;
    } catch (e) {
      if (isApiError(e, 'VALIDATION_FAILED')) {
        const ruleDetails = e.details.filter((d) => d.path.startsWith('rule'));
        if (ruleDetails.length) setServerErrors(ruleDetails.map((d) => ({ path: d.path.replace(/^rule\.?/, ''), message: d.message })));
        if (!applyFieldErrors(form, e) && !ruleDetails.length) message.error(e.message);
        else message.error(e.message);
      }
      return null;
    } finally {
      saving.current = false;
    }
  };

  const doPublish = async () => {
    setTouched(true);
    if (!check?.ok || !publishCheck?.ok) {
      message.error('尚不能发布,请先处理右侧列出的问题');
      return;
    }
    const saved = dirty || newVersion ? await save() : policy;
    if (!saved) return;
    const version = saved.draftVersion;
    modal.confirm({
      title: saved.status === 'published' ? `发布新版本(第${version?.versionNo ?? ''}版)?` : `发布政策“${saved.title}”?`,
      width: 560,
      content: (
        <div>
          <p>
            自 <strong>{version?.effectiveFrom ?? form.getFieldValue('effectiveFrom')?.format('YYYY-MM-DD')}</strong> 起生效。发布后规则不可修改(可再发布新版本),系统将为全部企业重新匹配。
          </p>
          <div className="yq-rule-whole">{check.parts.whole}</div>
        </div>
      ),
      okText: '确认发布',
      cancelText: '取消',
      onOk: async () => {
        saving.current = true;
        try {
          const p = await publish.mutateAsync({});
          message.success('已发布');
          navigate(`/policies/${p.id}`, { state: { matchJobId: p.matchJobId ?? null } });
        } finally {
          saving.current = false;
        }
      },
    });
  };

  const title = !policy ? '新建政策' : newVersion ? `${policy.title} · 新建版本` : `${policy.title} · 编辑规则`;
  const defaultFrom = (Form.useWatch('effectiveFrom', form) as dayjs.Dayjs | undefined)?.format('YYYY-MM-DD') ?? parkToday();
  const mode = Form.useWatch('mode', form) as string | undefined;

  if (catalogueLoading) {
    return (
      <Card>
        <Skeleton active paragraph={{ rows: 10 }} />
      </Card>
    );
  }
  if (!catalogue) {
    return (
      <Card>
        <QueryError error={catalogueError} what="数据目录" />
      </Card>
    );
  }

  return (
    <>
      <PageHeader
        title={title}
        subTitle={
          policy
            ? newVersion
              ? `当前生效第${policy.currentVersionNo ?? ''}版;新版本从所选日期起生效,之前的申报仍按原版本`
              : `第${draft?.versionNo}版草稿${policy.status === 'published' ? ',发布后自生效日期起替代现行版本' : ''}`
            : '填写基本信息,用条件和公式写出规则;右侧实时显示规则的白话解读'
        }
        extra={
          <>
            <TemplatePicker onPick={pickTemplate} />
            <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(policy ? `/policies/${policy.id}` : '/policies')}>
              返回
            </Button>
            {draft && policy?.currentVersion && (
              <Button
                danger
                icon={<DeleteOutlined />}
                loading={discard.isPending}
                onClick={() =>
                  modal.confirm({
                    title: `放弃第${draft.versionNo}版草稿?`,
                    content: `现行第${policy.currentVersion!.versionNo}版继续有效,草稿中的修改将删除。`,
                    okText: '放弃草稿',
                    okButtonProps: { danger: true },
                    cancelText: '取消',
                    onOk: async () => {
                      saving.current = true;
                      try {
                        await discard.mutateAsync(draft.id);
                        message.success('已放弃草稿');
                        navigate(`/policies/${policy.id}`);
                      } finally {
                        saving.current = false;
                      }
                    },
                  })
                }
              >
                放弃草稿
              </Button>
            )}
            <Button icon={<SaveOutlined />} onClick={() => void save()} loading={pending}>
              保存草稿
            </Button>
            {policy && (policy.allowedActions.includes('publish') || newVersion || !!draft) && (
              <Button type="primary" icon={<CloudUploadOutlined />} onClick={() => void doPublish()} loading={publish.isPending} disabled={!check?.ok || !publishCheck?.ok}>
                发布
              </Button>
            )}
          </>
        }
      />
      <Form form={form} layout="vertical" onValuesChange={() => setDirty(true)}>
        <div className="yq-rule-layout">
          <div style={{ minWidth: 0 }}>
            {!policy && (
              <Card title="基本信息" className="yq-section">
                <PolicyInfoFields creating />
              </Card>
            )}
            {policy && !policy.fundId && (
              <Card title="资金来源" className="yq-section" data-rule-path="fundId" extra={<span className="yq-rule-unit">发布前须指定,拨付从此资金列支</span>}>
                {policy.allowedActions.includes('edit') ? (
                  <FundSelect
                    value={null}
                    onChange={async (fundId) => {
                      if (!fundId) return;
                      try {
                        await updatePolicy.mutateAsync({ fundId });
                        message.success('已指定资金来源');
                      } catch (e) {
                        message.error(isApiError(e) ? e.message : '保存失败');
                      }
                    }}
                  />
                ) : (
                  <Typography.Text type="secondary">政策已发布过,资金来源不能在此修改。</Typography.Text>
                )}
              </Card>
            )}
            <Card title="版本" className="yq-section" data-rule-path="effectiveFrom">
              <Space wrap align="start" size={16}>
                <Form.Item name="effectiveFrom" label="本版本生效日期" rules={[{ required: true, message: '请选择生效日期' }]} style={{ marginBottom: 0 }}>
                  <DatePicker style={{ width: 160 }} />
                </Form.Item>
                {policy && (
                  <Form.Item name="changeNote" label="修订说明" style={{ marginBottom: 0, minWidth: 320 }}>
                    <Input maxLength={1000} placeholder="如 2026年起补贴标准上调为每人300元" />
                  </Form.Item>
                )}
              </Space>
            </Card>
            <RuleEditor rule={rule} onChange={setRule} catalogue={catalogue} errors={errors} defaultFrom={defaultFrom} exclusionGroups={EXCLUSION_GROUPS} />
            <Card title="申报材料" className="yq-section" data-rule-path="materials" extra={<span className="yq-rule-unit">{mode === 'auto' ? '免申即享政策无需企业申报材料' : '企业申报时须上传'}</span>}>
              <MaterialsFields form={form} />
            </Card>
          </div>
          <div className="yq-rule-side">
            <Card title="规则解读" size="small">
              <RulePreview check={check} publish={publishCheck} untouched={!touched} />
              {serverErrors.length > 0 && check?.ok && <Alert type="error" showIcon title={serverErrors.map((e) => e.message).join(';')} />}
            </Card>
            <Card title="企业试算" size="small">
              <RuleTestPanel policyId={policy?.id ?? null} rule={check?.ok ? check.rule : undefined} disabledReason={check && !check.ok ? '规则完成后可试算' : null} compact />
            </Card>
            {dirty && policy && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                有未保存的修改。试算使用当前编辑中的规则。
              </Typography.Text>
            )}
          </div>
        </div>
      </Form>
    </>
  );
}
