import type { ReactNode } from 'react';
import { Alert, App, Button, Card, Descriptions, Form, Input, Result, Skeleton, Table, Typography } from 'antd';
import { CheckOutlined, CloseOutlined, EditOutlined, RollbackOutlined, StopOutlined, WalletOutlined } from '@ant-design/icons';
import { Link, useNavigate, useParams } from 'react-router-dom';
import {
  policyApplicationActionLabel,
  POLICY_APPLICATION_ACTIONS,
  POLICY_APPLICATION_ACTION_INPUTS,
  type PolicyApplicationAction,
  type PolicyApplicationDetail,
  type PolicyApplicationEvent,
  type PolicyApplicationEventAction,
} from '@yuanqi/contract';
import { isEnterpriseOnly, useMe } from '../../app/auth';
import { CaseActionBar, CaseFrame, CaseHeaderButtons, type CaseActionField, type CaseActionSpec } from '../../components/case-kit';
import { EventTimeline } from '../../components/EventTimeline';
import { applyFieldErrors } from '../../components/forms';
import { formatDateTime, formatAmount } from '../../components/format';
import { QueryError } from '../../components/QueryError';
import { useScreens } from '../../components/useScreens';
import { useApplicationTransition, useFactDefinitions, usePayout, usePolicyApplication } from './api';
import { formEntries, formValueText } from './ApplicationFormPage';
import { applicationSteps, ApplicationStatusTag, MissingList, periodText } from './bits';
import { MaterialsPanel } from './materials';
import { UnitNumberInput } from './rule-builder/UnitNumberInput';
import '../demands/demands.css';
import './policies.css';

const EVENT_COLORS: Partial<Record<PolicyApplicationEventAction, string>> = {
  first_pass: 'green',
  second_pass: 'green',
  publicize: 'green',
  payout: 'green',
  first_return: 'orange',
  second_return: 'orange',
  first_reject: 'red',
  second_reject: 'red',
  objection_upheld: 'red',
};

export function ApplicationTimeline({ events }: { events: PolicyApplicationEvent[] }) {
  if (events.length === 0) return <Typography.Text type="secondary">暂无记录</Typography.Text>;
  return <EventTimeline events={events} colors={EVENT_COLORS} detailOf={() => null} />;
}

function FormFacts({ a }: { a: PolicyApplicationDetail }) {
  const defs = useFactDefinitions();
  const entries = formEntries(a.form, defs.data ?? []);
  return (
    <Descriptions
      size="small"
      column={1}
      styles={{ label: { width: 180, color: '#667085' } }}
      items={entries.map((e) => ({ key: e.key, label: e.label, children: formValueText(e) }))}
    />
  );
}

const ACTION_ICONS: Record<PolicyApplicationAction, ReactNode> = {
  submit: <CheckOutlined />,
  withdraw: <StopOutlined />,
  pass: <CheckOutlined />,
  return: <RollbackOutlined />,
  reject: <CloseOutlined />,
};

const NOTE_LABELS: Partial<Record<PolicyApplicationAction, string>> = { return: '退回原因(企业将看到)', reject: '不予通过的理由(企业将看到)' };

/** The application's actions, each with its dialog: a note (a reason where the firm will read it), and for a pass the amount. */
function applicationActions(a: PolicyApplicationDetail): CaseActionSpec<PolicyApplicationAction, PolicyApplicationDetail>[] {
  const ceiling = a.estimatedAmountFen;
  const over = (v: Record<string, unknown>) => ceiling !== null && typeof v.amountFen === 'number' && v.amountFen > ceiling;
  return POLICY_APPLICATION_ACTIONS.map((action) => {
    const inputs = POLICY_APPLICATION_ACTION_INPUTS[action];
    const label = policyApplicationActionLabel(action, a.status);
    const fields: CaseActionField[] = [];
    if (inputs.amount) {
      fields.push(
        {
          name: 'amountFen',
          label: '核定金额',
          kind: 'custom',
          control: <AmountField />,
          required: true,
          requiredMessage: '请填写核定金额',
          initialValue: a.approvedAmountFen ?? a.requestedAmountFen ?? a.estimatedAmountFen,
          extra: `规则测算 ${formatAmount(a.estimatedAmountFen)} · 企业申请 ${formatAmount(a.requestedAmountFen)}`,
        },
        { name: 'overrideReason', label: '超出测算金额的理由', kind: 'textarea', rows: 2, max: 500, required: true, requiredMessage: '核定金额超过测算金额,请说明理由', visible: over },
      );
    }
    const required = inputs.note === 'required';
    fields.push({
      name: 'note',
      label: NOTE_LABELS[action] ?? '审核意见(选填)',
      kind: 'textarea',
      required,
      requiredMessage: '请填写理由',
      min: required ? 2 : undefined,
      placeholder: action === 'return' ? '写明需要补正的内容,如:请补充劳动合同复印件' : '',
    });
    return { action, label, icon: ACTION_ICONS[action], primary: action === 'pass' || action === 'submit', danger: action === 'reject' || action === 'withdraw', title: `${label}:${a.enterpriseName}`, fields };
  });
}

function ApplicationActionBar({ a, only }: { a: PolicyApplicationDetail; only: PolicyApplicationAction[] }) {
  const transition = useApplicationTransition(a.id);
  return (
    <CaseActionBar<PolicyApplicationAction, PolicyApplicationDetail>
      allowedActions={a.allowedActions}
      actions={applicationActions(a)}
      only={only}
      run={(action, v) => {
        const amount = typeof v.amountFen === 'string' ? Number(v.amountFen) : undefined;
        return transition.mutateAsync({
          action,
          note: typeof v.note === 'string' ? v.note : undefined,
          ...(POLICY_APPLICATION_ACTION_INPUTS[action].amount && amount !== undefined ? { amountFen: amount } : {}),
          ...(typeof v.overrideReason === 'string' ? { overrideReason: v.overrideReason } : {}),
        });
      }}
    />
  );
}

function AmountField({ value, onChange, id }: { value?: number | null; onChange?: (v: number | null) => void; id?: string }) {
  return <UnitNumberInput id={id} unit="fen" value={value ?? null} onChange={(v) => onChange?.(v)} width="100%" />;
}

/** 拨付: the account and amount, then the payout; the voucher number comes back. */
function PayoutCard({ a }: { a: PolicyApplicationDetail }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ accountName: string; bankName: string; accountNo: string; amountFen: number | null; overrideReason?: string; memo?: string }>();
  const payout = usePayout(a.id);
  const amount = Form.useWatch('amountFen', form);
  const changed = typeof amount === 'number' && a.approvedAmountFen !== null && amount !== a.approvedAmountFen;
  return (
    <Card title={<span><WalletOutlined /> 资金拨付</span>} className="yq-section yq-callout">
      <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
        公示期满无异议,可以拨付。拨付从政策关联的专项资金列支,同一企业同一期间不会重复拨付。
      </Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ accountName: a.accountName ?? '', bankName: a.bankName ?? '', accountNo: a.accountNo ?? '', amountFen: a.approvedAmountFen }}
        onFinish={async (v) => {
          try {
            const res = await payout.mutateAsync({
              accountName: v.accountName,
              bankName: v.bankName,
              accountNo: v.accountNo,
              ...(typeof v.amountFen === 'number' ? { amountFen: v.amountFen } : {}),
              ...(changed && v.overrideReason ? { overrideReason: v.overrideReason } : {}),
              ...(v.memo?.trim() ? { memo: v.memo.trim() } : {}),
            });
            message.success(`已拨付 ${formatAmount(res.paidAmountFen)},凭证号 ${res.voucherNumber ?? ''}`);
          } catch (e) {
            applyFieldErrors(form, e);
          }
        }}
      >
        <Form.Item name="accountName" label="收款户名" rules={[{ required: true, whitespace: true, message: '请填写收款户名' }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="bankName" label="开户银行" rules={[{ required: true, whitespace: true, message: '请填写开户银行' }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="accountNo" label="收款账号" rules={[{ required: true, message: '请填写收款账号' }]}>
          <Input maxLength={40} className="yq-mono" />
        </Form.Item>
        <Form.Item name="amountFen" label="拨付金额" extra={`核定金额 ${formatAmount(a.approvedAmountFen)}`} rules={[{ required: true, message: '请填写拨付金额' }]}>
          <AmountField />
        </Form.Item>
        {changed && (
          <Form.Item name="overrideReason" label="调整金额的理由" rules={[{ required: true, whitespace: true, message: '拨付金额与核定金额不同,请说明理由' }]}>
            <Input.TextArea autoSize={{ minRows: 2 }} maxLength={500} />
          </Form.Item>
        )}
        <Form.Item name="memo" label="摘要(选填)">
          <Input maxLength={200} placeholder="如 2026年度规上企业用工补贴" />
        </Form.Item>
        <Button type="primary" htmlType="submit" icon={<WalletOutlined />} loading={payout.isPending} block>
          确认拨付
        </Button>
      </Form>
    </Card>
  );
}

function PaidCard({ a }: { a: PolicyApplicationDetail }) {
  return (
    <Card className="yq-section">
      <Result
        status="success"
        title={`已拨付 ${formatAmount(a.paidAmountFen)}`}
        subTitle={
          <div>
            <div>
              拨付凭证号 <span className="yq-mono">{a.voucherNumber}</span>
            </div>
            <div>
              {a.paidByName ?? ''} {formatDateTime(a.paidAt)}
            </div>
            {a.accountName && (
              <div>
                收款账户:{a.accountName} · {a.bankName} · <span className="yq-mono">{a.accountNo}</span>
              </div>
            )}
          </div>
        }
        style={{ padding: '12px 0' }}
      />
    </Card>
  );
}

function Overview({ a }: { a: PolicyApplicationDetail }) {
  return (
    <Descriptions
      size="small"
      column={1}
      styles={{ label: { width: 110, color: '#667085' } }}
      items={[
        { key: 'policy', label: '政策', children: a.policyTitle },
        { key: 'firm', label: '企业', children: a.enterpriseName },
        { key: 'period', label: '兑现期间', children: periodText(a.periodKey) },
        { key: 'est', label: '测算金额', children: formatAmount(a.estimatedAmountFen) },
        { key: 'req', label: '申请金额', children: formatAmount(a.requestedAmountFen) },
        ...(a.approvedAmountFen !== null ? [{ key: 'appr', label: '核定金额', children: formatAmount(a.approvedAmountFen) }] : []),
        ...(a.amountOverrideReason ? [{ key: 'ovr', label: '金额说明', children: a.amountOverrideReason }] : []),
        { key: 'acct', label: '收款账户', children: a.accountName ? `${a.accountName} · ${a.bankName ?? ''} · ${a.accountNo ?? ''}` : '—' },
        { key: 'contact', label: '联系人', children: a.contactName ? `${a.contactName} ${a.contactPhone ?? ''}` : '—' },
        ...(a.note ? [{ key: 'note', label: '申报说明', children: <span style={{ whiteSpace: 'pre-wrap' }}>{a.note}</span> }] : []),
        { key: 'sub', label: '提交时间', children: formatDateTime(a.submittedAt) },
        ...(a.firstReviewedAt ? [{ key: 'r1', label: '初审', children: `${a.firstReviewedByName ?? ''} ${formatDateTime(a.firstReviewedAt)}` }] : []),
        ...(a.secondReviewedAt ? [{ key: 'r2', label: '复审', children: `${a.secondReviewedByName ?? ''} ${formatDateTime(a.secondReviewedAt)}` }] : []),
        ...(a.publicityBatchId ? [{ key: 'pub', label: '公示', children: <Link to={`/policy-publicity/${a.publicityBatchId}`}>公示至 {formatDateTime(a.publicityEndsAt)}</Link> }] : []),
      ]}
    />
  );
}

function Evaluation({ a }: { a: PolicyApplicationDetail }) {
  const ev = a.evaluation;
  if (!ev) return <Typography.Text type="secondary">尚未测算</Typography.Text>;
  return (
    <div>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        按 {ev.asOf} 的规则和企业数据
      </Typography.Text>
      <ul className="yq-reco-reasons">
        {ev.reasons.map((t, i) => (
          <li key={i} className={/未填报|需补充|✗|\?/.test(t) ? 'no' : undefined}>
            {t.replace(/\s*(✓|✗|\?\(数据不全\))\s*$/, '')}
          </li>
        ))}
      </ul>
      <MissingList items={ev.missing} />
    </div>
  );
}

function Persons({ a }: { a: PolicyApplicationDetail }) {
  if (a.persons.length === 0) return null;
  return (
    <Card title={`享受人员(${a.persons.length}人)`} className="yq-section" styles={{ body: { padding: 0 } }}>
      <Table
        size="small"
        rowKey={(p) => p.idMasked}
        pagination={a.persons.length > 20 ? { pageSize: 20 } : false}
        dataSource={a.persons}
        columns={[
          { title: '姓名', dataIndex: 'name' },
          { title: '身份证号', dataIndex: 'idMasked', render: (v: string) => <span className="yq-mono">{v}</span> },
          { title: '类别', dataIndex: 'category', render: (v: string | null) => v ?? '—' },
        ]}
      />
    </Card>
  );
}

/** The firm's phone view: where the application is, what it must do, the record. */
function EnterpriseView({ a, back }: { a: PolicyApplicationDetail; back: ReactNode }) {
  const navigate = useNavigate();
  return (
    <CaseFrame
      layout="narrow"
      pageTitle="申报详情"
      docTitle={`${a.number} ${a.policyTitle}`}
      extra={back}
      number={a.number}
      numberClassName="yq-app-number"
      title={a.policyTitle}
      status={<ApplicationStatusTag status={a.status} label={a.statusLabel} />}
      facts={[`兑现期间 ${periodText(a.periodKey)}`, `测算 ${formatAmount(a.estimatedAmountFen)}`, ...(a.approvedAmountFen !== null ? [`核定 ${formatAmount(a.approvedAmountFen)}`] : [])]}
      steps={applicationSteps(a)}
      timeline={<ApplicationTimeline events={a.timeline} />}
      footer={
        <div style={{ textAlign: 'center', marginBottom: 16 }}>
          <ApplicationActionBar a={a} only={['withdraw']} />
        </div>
      }
    >
      {a.status === 'returned' && (
        <Card className="yq-section yq-callout-warn">
          <Typography.Text strong>窗口退回补正</Typography.Text>
          <div style={{ margin: '6px 0 12px', whiteSpace: 'pre-wrap' }}>{a.returnReason}</div>
          {a.canEdit && (
            <Button type="primary" icon={<EditOutlined />} block onClick={() => navigate(`/my/policy-applications/${a.id}/edit`)}>
              修改并重新提交
            </Button>
          )}
        </Card>
      )}
      {a.status === 'draft' && a.canEdit && (
        <Card className="yq-section yq-callout">
          <Typography.Text strong>申报尚未提交</Typography.Text>
          <div style={{ margin: '6px 0 12px', color: '#667085', fontSize: 13 }}>请核对预填信息、上传材料后提交。</div>
          <Button type="primary" icon={<EditOutlined />} block onClick={() => navigate(`/my/policy-applications/${a.id}/edit`)}>
            继续填写
          </Button>
        </Card>
      )}
      {a.status === 'rejected' && <Alert className="yq-section" type="error" showIcon title="申报未通过" description={a.rejectReason} />}
      {a.status === 'publicity' && (
        <Alert className="yq-section" type="info" showIcon title={`公示中,至 ${formatDateTime(a.publicityEndsAt)} 止`} description="公示期满无异议即拨付资金。" />
      )}
      {a.status === 'paid' && <PaidCard a={a} />}
      <Card title="申报信息" className="yq-section">
        <Overview a={a} />
      </Card>
      <Persons a={a} />
      <Card title="申报材料" className="yq-section">
        <MaterialsPanel a={a} canEdit={false} />
      </Card>
    </CaseFrame>
  );
}

/** What the window sees in place of review buttons. */
function waitingText(a: PolicyApplicationDetail): string {
  switch (a.status) {
    case 'approved':
      return '复审已通过,待发起公示。';
    case 'publicity':
      return a.payable ? '公示期满,可以拨付。' : `公示中,至 ${formatDateTime(a.publicityEndsAt)} 止。`;
    case 'paid':
      return '已拨付。';
    case 'returned':
      return '已退回企业补正,等待重新提交。';
    case 'draft':
      return '企业尚未提交。';
    default:
      return `当前状态:${a.statusLabel}`;
  }
}

const REVIEW_ACTIONS: PolicyApplicationAction[] = ['pass', 'return', 'reject'];

/** The window's workbench: the application and its record on the left, review, payout and the rule's reading on the right. */
function StaffView({ a, extra }: { a: PolicyApplicationDetail; extra: ReactNode }) {
  const screens = useScreens();
  const wide = !!screens.lg;
  const review = (
    <Card title="审核" className="yq-section">
      {a.allowedActions.some((x) => REVIEW_ACTIONS.includes(x)) ? (
        <ApplicationActionBar a={a} only={REVIEW_ACTIONS} />
      ) : (
        <Typography.Text type="secondary">{waitingText(a)}</Typography.Text>
      )}
      {a.status === 'approved' && (
        <div style={{ marginTop: 8 }}>
          <Link to={`/policy-publicity?select=${a.id}`}>去发起公示</Link>
        </div>
      )}
      {a.returnCount > 0 && (
        <div style={{ marginTop: 8, fontSize: 12, color: '#667085' }}>
          已退回补正 {a.returnCount} 次{a.returnReason ? `;最近一次:${a.returnReason}` : ''}
        </div>
      )}
    </Card>
  );
  return (
    <CaseFrame
      number={a.number}
      title={`${a.enterpriseName} · ${a.policyTitle}`}
      docTitle={`${a.number} ${a.policyTitle}`}
      status={<ApplicationStatusTag status={a.status} label={a.statusLabel} />}
      facts={[<Link key="policy" to={`/policies/${a.policyId}`}>查看政策</Link>, <Link key="firm" to={`/enterprises/${a.enterpriseId}`}>企业画像</Link>]}
      extra={extra}
      steps={{ ...applicationSteps(a), compact: !wide, vertical: false }}
      actions={
        <>
          {review}
          {a.canPayout && <PayoutCard a={a} />}
          {a.status === 'paid' && <PaidCard a={a} />}
        </>
      }
      side={
        <Card title="规则测算" className="yq-section">
          <Evaluation a={a} />
        </Card>
      }
      timeline={<ApplicationTimeline events={a.timeline} />}
    >
      <Card title="申报信息" className="yq-section">
        <Overview a={a} />
      </Card>
      <Card title="企业数据(申报表)" className="yq-section">
        <FormFacts a={a} />
      </Card>
      <Persons a={a} />
      <Card title="申报材料" className="yq-section">
        <MaterialsPanel a={a} canEdit={false} />
      </Card>
    </CaseFrame>
  );
}

/** 申报详情: the firm follows its progress; the window reviews, returns, publicizes and pays. */
export function ApplicationDetailPage() {
  const { id = '' } = useParams();
  const me = useMe();
  const app = usePolicyApplication(id);
  const a = app.data;
  const forFirm = isEnterpriseOnly(me);
  if (app.isLoading) {
    return (
      <Card>
        <Skeleton active paragraph={{ rows: 10 }} />
      </Card>
    );
  }
  if (app.isError || !a) {
    return (
      <Card>
        <QueryError error={app.error} what="申报" onRetry={() => app.refetch()} />
      </Card>
    );
  }
  if (forFirm) return <EnterpriseView a={a} back={<CaseHeaderButtons backTo="/my/policy-applications" />} />;
  return <StaffView a={a} extra={<CaseHeaderButtons backTo="/policy-applications" refresh={{ fetching: app.isFetching, onClick: () => void app.refetch() }} />} />;
}
