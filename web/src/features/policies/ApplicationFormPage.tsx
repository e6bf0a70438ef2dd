import { useEffect, useMemo, useRef, useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Select, Skeleton, Table, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined, SaveOutlined, SendOutlined } from '@ant-design/icons';
import { Navigate, useNavigate, useParams } from 'react-router-dom';
import { DEFAULT_COUNT_WORD, type FactDefinition, type PolicyApplicationDetail, type UpdatePolicyApplicationRequest } from '@yuanqi/contract';
import { isApiError } from '../../app/api';
import { applyFieldErrors } from '../../components/forms';
import { formatAmount } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { useApplicationTransition, useFactDefinitions, usePolicy, usePolicyApplication, useUpdateApplication } from './api';
import { ApplicationStatusTag, MissingList, periodText } from './bits';
import { MaterialsPanel } from './materials';
import { UnitNumberInput } from './rule-builder/UnitNumberInput';
import './policies.css';

const BASIC_LABELS: Record<string, string> = {
  enterpriseName: '企业名称',
  uscc: '统一社会信用代码',
  legalRepresentative: '法定代表人',
  address: '地址',
  headcount: '从业人数',
};
const READ_ONLY = new Set(['enterpriseName', 'uscc']);

type FormEntry = { key: string; label: string; def?: FactDefinition; value: unknown };

/** The form's entries in order: the firm's basics, then the data the rule reads (with its year). */
export function formEntries(form: Record<string, unknown>, defs: FactDefinition[]): FormEntry[] {
  const byKey = new Map(defs.map((d) => [d.key, d]));
  const basics = Object.keys(BASIC_LABELS);
  const rank = (k: string) => (basics.includes(k) ? basics.indexOf(k) : basics.length);
  return Object.entries(form)
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
    .map(([key, value]) => {
    if (BASIC_LABELS[key]) return { key, label: BASIC_LABELS[key]!, value };
    const [fact, when] = key.split('@');
    const def = byKey.get(fact ?? '');
    const label = `${when && when !== 'latest' ? `${when}年` : ''}${def?.label ?? fact}`;
    return { key, label, def, value };
  });
}

export function formValueText(e: FormEntry): string {
  const v = e.value;
  if (v === null || v === undefined || v === '') return '未填报';
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (typeof v === 'number') {
    if (e.def?.unit === 'fen') return formatAmount(v);
    if (e.def?.unit === 'percent') return `${v}%`;
    if (e.def?.unit === 'count' || e.key === 'headcount') return `${v}${e.def?.countWord ?? DEFAULT_COUNT_WORD}`;
    if (e.def?.unit === 'months') return `${v}个月`;
    return String(v);
  }
  return e.def?.options?.find((o) => o.value === v)?.label ?? String(v);
}

function EntryInput({ e, value, onChange, id }: { e: FormEntry; value?: unknown; onChange?: (v: unknown) => void; id?: string }) {
  const d = e.def;
  if (READ_ONLY.has(e.key)) return <Input id={id} value={String(value ?? '')} disabled />;
  if (d?.type === 'boolean') {
    return (
      <Select
        id={id}
        allowClear
        value={typeof value === 'boolean' ? (value ? 'yes' : 'no') : undefined}
        onChange={(v) => onChange?.(v === undefined ? null : v === 'yes')}
        options={[
          { value: 'yes', label: '是' },
          { value: 'no', label: '否' },
        ]}
        placeholder="请选择"
      />
    );
  }
  if (d?.type === 'text') {
    return d.options?.length ? (
      <Select id={id} allowClear value={(value as string) ?? undefined} onChange={(v) => onChange?.(v ?? null)} options={d.options} placeholder="请选择" />
    ) : (
      <Input id={id} value={(value as string) ?? ''} onChange={(ev) => onChange?.(ev.target.value || null)} maxLength={500} />
    );
  }
  if (d?.type === 'number' || e.key === 'headcount') {
    return <UnitNumberInput id={id} unit={d?.unit ?? 'count'} countWord={d?.countWord ?? undefined} value={typeof value === 'number' ? value : null} onChange={(v) => onChange?.(v)} width="100%" ariaLabel={e.label} />;
  }
  return <Input id={id} value={value === null || value === undefined ? '' : String(value)} onChange={(ev) => onChange?.(ev.target.value || null)} maxLength={2000} />;
}

type Values = {
  form: Record<string, unknown>;
  requestedAmountFen?: number | null;
  accountName?: string;
  bankName?: string;
  accountNo?: string;
  contactName?: string;
  contactPhone?: string;
  note?: string;
  persons?: { name: string; idNumber: string; category?: string }[];
};

/** 填写申报: prefilled from the firm's data; materials, account, persons; save or submit (also after 退回补正). */
export function ApplicationFormPage() {
  const { id = '' } = useParams();
  const app = usePolicyApplication(id);
  const defs = useFactDefinitions();
  if (app.isLoading || defs.isLoading) {
    return (
      <div className="yq-narrow">
        <Card>
          <Skeleton active paragraph={{ rows: 10 }} />
        </Card>
      </div>
    );
  }
  if (app.isError || !app.data) {
    return (
      <div className="yq-narrow">
        <Card>
          <QueryError error={app.error} what="申报" onRetry={() => app.refetch()} />
        </Card>
      </div>
    );
  }
  if (!app.data.canEdit) return <Navigate to={`/my/policy-applications/${id}`} replace />;
  return <ApplicationForm key={app.data.id} a={app.data} defs={defs.data ?? []} />;
}

function ApplicationForm({ a, defs }: { a: PolicyApplicationDetail; defs: FactDefinition[] }) {
  const navigate = useNavigate();
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<Values>();
  const update = useUpdateApplication(a.id);
  const transition = useApplicationTransition(a.id);
  const policy = usePolicy(a.policyId);
  const entries = useMemo(() => formEntries(a.form, defs), [a.form, defs]);
  const description = policy.data?.currentVersion?.description ?? '';
  const [editPersons, setEditPersons] = useState(false);
  const [needsPersons, setNeedsPersons] = useState(a.perPerson !== null || a.persons.length > 0 || description.includes('同一人员'));

  // filled once: the detail refetches after every upload and must not wipe what the firm typed
  const filled = useRef(false);
  useEffect(() => {
    if (filled.current) return;
    filled.current = true;
    form.setFieldsValue({
      form: { ...a.form },
      requestedAmountFen: a.requestedAmountFen ?? a.estimatedAmountFen ?? null,
      accountName: a.accountName ?? (a.form.enterpriseName as string | undefined) ?? undefined,
      bankName: a.bankName ?? undefined,
      accountNo: a.accountNo && !a.accountNo.includes('*') ? a.accountNo : undefined,
      contactName: a.contactName ?? undefined,
      contactPhone: a.contactPhone ?? undefined,
      note: a.note ?? undefined,
      persons: [],
    });
  }, [a, form]);

  const body = (v: Values): UpdatePolicyApplicationRequest => {
    const out: UpdatePolicyApplicationRequest = {
      form: Object.fromEntries(Object.entries(v.form ?? {}).map(([k, x]) => [k, x === undefined ? null : (x as string | number | boolean | null)])),
      requestedAmountFen: v.requestedAmountFen ?? null,
      contactName: v.contactName?.trim() || null,
      contactPhone: v.contactPhone?.trim() || null,
      note: v.note?.trim() || null,
    };
    if (v.accountName?.trim()) out.accountName = v.accountName.trim();
    if (v.bankName?.trim()) out.bankName = v.bankName.trim();
    if (v.accountNo?.trim()) out.accountNo = v.accountNo.trim();
    if (editPersons || (needsPersons && a.persons.length === 0)) out.persons = (v.persons ?? []).map((p) => ({ name: p.name.trim(), idNumber: p.idNumber.trim(), category: p.category?.trim() || null }));
    return out;
  };

  const onError = (e: unknown) => {
    if (isApiError(e) && e.details.some((d) => d.path.startsWith('persons'))) {
      setNeedsPersons(true);
      if (a.persons.length === 0) setEditPersons(true);
    }
    applyFieldErrors(form, e);
  };

  const save = async (quiet = false): Promise<boolean> => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return false;
    try {
      await update.mutateAsync(body(v));
      if (!quiet) message.success('已保存');
      setEditPersons(false);
      return true;
    } catch (e) {
      onError(e);
      return false;
    }
  };

  const submit = async () => {
    const missingRequired = a.materials.filter((m) => m.required && m.files.length === 0);
    if (missingRequired.length) {
      message.error(`请先上传必需材料:${missingRequired.map((m) => m.name).join('、')}`);
      return;
    }
    if (!(await save(true))) return;
    modal.confirm({
      title: a.status === 'returned' ? '重新提交申报?' : '提交申报?',
      content: '提交后由政策兑现窗口初审、复审,通过后公示5个工作日,公示无异议即拨付。',
      okText: '提交',
      cancelText: '再看看',
      onOk: async () => {
        try {
          await transition.mutateAsync({ action: 'submit' });
          message.success('已提交,请留意审核进度');
          navigate(`/my/policy-applications/${a.id}`, { replace: true });
        } catch (e) {
          onError(e);
        }
      },
    });
  };

  const ev = a.evaluation;
  const masked = !!a.accountNo && a.accountNo.includes('*');
  return (
    <div className="yq-narrow">
      <PageHeader title={a.status === 'returned' ? '补正申报' : '填写申报'} docTitle={`${a.number} ${a.policyTitle}`} subTitle={a.policyTitle} />
      <Card className="yq-section">
        <div className="yq-app-head">
          <span className="yq-mono yq-app-number">{a.number}</span>
          <ApplicationStatusTag status={a.status} label={a.statusLabel} />
        </div>
        <div style={{ marginTop: 8 }}>
          测算可享 <strong className="yq-reco-amount">{formatAmount(a.estimatedAmountFen)}</strong>
          <Typography.Text type="secondary" style={{ fontSize: 12, marginLeft: 8 }}>
            兑现期间 {periodText(a.periodKey)}
          </Typography.Text>
        </div>
        {ev && ev.reasons.length > 0 && (
          <ul className="yq-reco-reasons">
            {ev.reasons.map((t, i) => (
              <li key={i} className={/未填报|需补充|✗|\?/.test(t) ? 'no' : undefined}>
                {t.replace(/\s*(✓|✗|\?\(数据不全\))\s*$/, '')}
              </li>
            ))}
          </ul>
        )}
        {ev && ev.missing.length > 0 && <MissingList items={ev.missing} />}
      </Card>
      {a.status === 'returned' && a.returnReason && (
        <Alert type="warning" showIcon className="yq-section" title="窗口退回补正" description={<span style={{ whiteSpace: 'pre-wrap' }}>{a.returnReason}</span>} />
      )}
      <Form form={form} layout="vertical" scrollToFirstError>
        <Card title="企业信息和数据" className="yq-section" extra={<span className="yq-rule-unit">已按平台数据预填,请核对</span>}>
          {entries.map((e) => (
            <Form.Item key={e.key} name={['form', e.key]} label={e.label} style={{ marginBottom: 12 }}>
              <EntryInput e={e} />
            </Form.Item>
          ))}
        </Card>
        <Card title="申请金额" className="yq-section">
          <Form.Item name="requestedAmountFen" label="申请金额" extra={`按政策规则测算为 ${formatAmount(a.estimatedAmountFen)};如有不同请在申报说明中写明理由`} style={{ marginBottom: 0 }}>
            <AmountInput />
          </Form.Item>
        </Card>
        {needsPersons && (
          <Card title="享受补贴的人员名单" className="yq-section yq-persons" extra={<span className="yq-rule-unit">同一人员只能在一家企业享受</span>}>
            {a.persons.length > 0 && !editPersons && (
              <>
                <Table
                  size="small"
                  rowKey={(p) => p.idMasked}
                  pagination={false}
                  dataSource={a.persons}
                  columns={[
                    { title: '姓名', dataIndex: 'name' },
                    { title: '身份证号', dataIndex: 'idMasked', render: (v: string) => <span className="yq-mono">{v}</span> },
                    { title: '类别', dataIndex: 'category', render: (v: string | null) => v ?? '—' },
                  ]}
                />
                <Button style={{ marginTop: 8 }} onClick={() => setEditPersons(true)}>
                  重新填写名单
                </Button>
              </>
            )}
            {(editPersons || a.persons.length === 0) && (
              <Form.List name="persons">
                {(fields, { add, remove }) => (
                  <>
                    {fields.map((f, i) => (
                      <div key={f.key} className="yq-person-row">
                        <Form.Item name={[f.name, 'name']} rules={[{ required: true, whitespace: true, message: '请填写姓名' }]}>
                          <Input placeholder="姓名" maxLength={30} aria-label={`第${i + 1}人姓名`} />
                        </Form.Item>
                        <Form.Item name={[f.name, 'idNumber']} rules={[{ required: true, message: '请填写身份证号' }, { pattern: /^\d{17}[\dXx]$/, message: '身份证号应为18位' }]}>
                          <Input placeholder="身份证号" maxLength={18} className="yq-mono" aria-label={`第${i + 1}人身份证号`} />
                        </Form.Item>
                        <Form.Item name={[f.name, 'category']}>
                          <Input placeholder="人员类别(选填)" maxLength={40} aria-label={`第${i + 1}人类别`} />
                        </Form.Item>
                        <Button type="text" icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={`删除第${i + 1}人`} />
                      </div>
                    ))}
                    <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ name: '', idNumber: '' })} block>
                      添加人员
                    </Button>
                  </>
                )}
              </Form.List>
            )}
          </Card>
        )}
        <Card title="收款账户" className="yq-section">
          <Form.Item name="accountName" label="开户名称" rules={[{ required: true, whitespace: true, message: '请填写开户名称' }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="bankName" label="开户银行" rules={[{ required: true, whitespace: true, message: '请填写开户银行' }]}>
            <Input maxLength={100} placeholder="如 中国工商银行鹰潭分行" />
          </Form.Item>
          <Form.Item
            name="accountNo"
            label="银行账号"
            rules={[{ required: !masked, message: '请填写银行账号' }, { pattern: /^[\d\s-]{8,40}$/, message: '银行账号应为8-32位数字' }]}
            extra={masked ? `已填写 ${a.accountNo},如需更改请重新填写` : undefined}
            style={{ marginBottom: 0 }}
          >
            <Input inputMode="numeric" maxLength={40} className="yq-mono" />
          </Form.Item>
        </Card>
        <Card title="联系人" className="yq-section">
          <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }}>
            <Form.Item name="contactName" label="联系人" style={{ flex: '1 1 140px' }}>
              <Input maxLength={30} />
            </Form.Item>
            <Form.Item name="contactPhone" label="联系电话" style={{ flex: '1 1 160px' }}>
              <Input maxLength={30} inputMode="tel" />
            </Form.Item>
          </div>
          <Form.Item name="note" label="申报说明" style={{ marginBottom: 0 }}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={2000} showCount placeholder="选填:需要说明的情况" />
          </Form.Item>
        </Card>
      </Form>
      <Card title="申报材料" className="yq-section">
        <MaterialsPanel a={a} canEdit={a.canEdit} />
      </Card>
      <div className="yq-reco-actions" style={{ marginBottom: 24 }}>
        <Button icon={<SaveOutlined />} onClick={() => void save()} loading={update.isPending} style={{ flex: 1 }}>
          保存
        </Button>
        {a.allowedActions.includes('submit') && (
          <Button type="primary" icon={<SendOutlined />} onClick={() => void submit()} loading={transition.isPending} style={{ flex: 2 }}>
            {a.status === 'returned' ? '重新提交' : '提交申报'}
          </Button>
        )}
      </div>
    </div>
  );
}

function AmountInput({ value, onChange, id }: { value?: number | null; onChange?: (v: number | null) => void; id?: string }) {
  return <UnitNumberInput id={id} unit="fen" value={value ?? null} onChange={(v) => onChange?.(v)} width="100%" />;
}
