import { Alert, Button, Card, Descriptions, Skeleton, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router-dom';
import { formatYuan, type BridgeLoanDetail } from '@yuanqi/contract';
import { hasPermission, isBankOnly, useMe } from '../../../app/auth';
import { CaseActionBar, CaseFrame, type CaseActionSpec, type CaseActionValues } from '../../../components/case-kit';
import { EventTimeline } from '../../../components/EventTimeline';
import { QueryError } from '../../../components/QueryError';
import { dayjs, formatDateTime, parkToday } from '../../../components/format';
import { MoneyInput } from '../../funds/bits';
import { useBridgeLoan, useBridgePools, useBridgeStep, type StepAction } from './api';
import { BridgeFeeBox, BridgeStatusTag, DueText, bridgeSteps, yuan } from './bits';
import './bridge.css';

const COLORS: Record<string, string> = {
  'bridge.filed': 'blue',
  'bridge.bank_confirmed': 'green',
  'bridge.bank_declined': 'red',
  'bridge.approved': 'green',
  'bridge.leader_approved': 'green',
  'bridge.rejected': 'red',
  'bridge.withdrawn': 'gray',
  'bridge.disbursed': 'blue',
  'bridge.repaid': 'green',
  'bridge.overdue': 'red',
  'bridge.escalated': 'red',
};

function actionSpecs(loan: BridgeLoanDetail, poolOptions: { value: string; label: string }[], poolsLoading: boolean): CaseActionSpec<StepAction, BridgeLoanDetail>[] {
  const today = parkToday();
  return [
    {
      action: 'bank_confirm',
      label: '确认续贷承诺',
      primary: true,
      intro: `确认贵行对该企业到期贷款(合同 ${loan.maturingContractNo},本金 ${formatYuan(loan.maturingPrincipalFen)},${loan.maturingDueOn} 到期)的续贷承诺。没有银行的承诺,转贷不能审批。`,
      fields: [
        { name: 'commitmentNo', label: '续贷承诺编号', kind: 'text', required: true, max: 60 },
        { name: 'renewalAmountFen', label: '续贷金额', kind: 'custom', required: true, control: <MoneyInput />, initialValue: loan.maturingPrincipalFen },
        { name: 'expectedRenewalOn', label: '预计续贷日期', kind: 'date', required: true, disabledDate: (d) => d.isBefore(dayjs(today), 'day') },
        { name: 'note', label: '备注', kind: 'textarea', rows: 2, max: 500 },
      ],
      success: '已确认续贷承诺',
    },
    { action: 'bank_decline', label: '不予承诺', danger: true, fields: [{ name: 'reason', label: '原因', kind: 'textarea', required: true, min: 2, max: 500 }], success: '已告知企业不予续贷承诺' },
    { action: 'approve', label: '审批通过', primary: true, fields: [{ name: 'note', label: '审批意见', kind: 'textarea', rows: 2, max: 500 }], intro: loan.needsLeader ? '金额达到领导审批起点,审批后还须分管领导审批才能放款。' : undefined },
    { action: 'leader_approve', label: '领导审批通过', primary: true, fields: [{ name: 'note', label: '审批意见', kind: 'textarea', rows: 2, max: 500 }] },
    {
      action: 'disburse',
      label: '放款',
      primary: true,
      intro: `从资金池放款 ${formatYuan(loan.amountFen)};费率与期限按今天(放款日)的参数确定。`,
      fields: [
        { name: 'poolId', label: '资金池', kind: 'select', required: true, options: poolOptions, loading: poolsLoading, initialValue: poolOptions.length === 1 ? poolOptions[0]!.value : undefined },
        { name: 'note', label: '备注', kind: 'textarea', rows: 2, max: 500 },
      ],
    },
    {
      action: 'repay',
      label: '登记归还',
      primary: true,
      intro: '银行续贷后企业归还转贷资金:本金回到资金池,转贷费(及逾期费)按归还日计算入账。',
      fields: [
        { name: 'repaidOn', label: '归还日期', kind: 'date', required: true, initialValue: dayjs(today), disabledDate: (d) => d.isAfter(dayjs(today), 'day') || (!!loan.disbursedOn && d.isBefore(dayjs(loan.disbursedOn), 'day')) },
        { name: 'renewalContractNo', label: '续贷合同号', kind: 'text', max: 60 },
        { name: 'note', label: '备注', kind: 'textarea', rows: 2, max: 500 },
      ],
      success: (r) => `已登记归还,转贷费 ${yuan(r.feeFen)}${r.penaltyFen ? `,逾期费 ${yuan(r.penaltyFen)}` : ''}`,
    },
    { action: 'reject', label: '退回', danger: true, fields: [{ name: 'reason', label: '退回原因', kind: 'textarea', required: true, min: 2, max: 500 }] },
    { action: 'withdraw', label: '撤回申请', danger: true, confirm: { title: '撤回这笔转贷申请?', okText: '撤回' } },
  ];
}

function toBody(action: StepAction, v: CaseActionValues): object {
  const s = (k: string) => (typeof v[k] === 'string' ? (v[k] as string) : undefined);
  switch (action) {
    case 'bank_confirm':
      return { commitmentNo: s('commitmentNo'), renewalAmountFen: Number(s('renewalAmountFen')), expectedRenewalOn: s('expectedRenewalOn'), note: s('note') };
    case 'bank_decline':
    case 'reject':
      return { reason: s('reason') ?? '' };
    case 'disburse':
      return { poolId: s('poolId'), note: s('note') };
    case 'repay':
      return { repaidOn: s('repaidOn'), renewalContractNo: s('renewalContractNo'), note: s('note') };
    default:
      return { note: s('note') };
  }
}

export default function BridgeLoanPage() {
  const { id = '' } = useParams();
  const me = useMe();
  const loan = useBridgeLoan(id);
  const step = useBridgeStep(id);
  const staff = hasPermission(me, 'finance:read');
  const pools = useBridgePools(hasPermission(me, 'finance:manage'));
  if (loan.isLoading) return <Card><Skeleton active paragraph={{ rows: 8 }} /></Card>;
  if (loan.isError || !loan.data) return <QueryError error={loan.error} onRetry={() => loan.refetch()} what="转贷申请" />;
  const l = loan.data;
  const narrow = !staff;
  const back = isBankOnly(me) ? '/finance/bank/bridge-loans' : '/finance/bridge-loans';
  const poolOptions = (pools.data ?? []).filter((p) => p.status === 'active').map((p) => ({ value: p.id, label: `${p.name}(可用 ${yuan(p.availableFen)})` }));

  return (
    <CaseFrame
      layout={narrow ? 'narrow' : 'workbench'}
      pageTitle="应急转贷"
      before={
        <div style={{ marginBottom: 8 }}>
          <Link to={back}>
            <ArrowLeftOutlined /> {isBankOnly(me) ? '转贷确认' : '应急转贷'}
          </Link>
        </div>
      }
      number={l.number}
      numberClassName="yq-bridge-number"
      title={`${l.enterpriseName} · ${yuan(l.amountFen)}`}
      docTitle={`转贷 ${l.number}`}
      status={<BridgeStatusTag loan={l} />}
      facts={[`贷款银行:${l.bankName}`, `申请于 ${formatDateTime(l.filedAt)}`]}
      notice={
        <>
          {l.overdue && <Alert type="error" showIcon style={{ marginBottom: 12 }} title={`已超过到期日 ${l.dueOn} 未归还`} description="逾期天数按逾期日费率另计逾期费;已列入周调度会议议程。" />}
          {l.rejectReason && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={l.status === 'bank_declined' ? '贷款银行未承诺续贷' : '转贷申请未通过'} description={l.rejectReason} />}
          {l.status === 'bank_confirmed' && !staff && <Alert type="info" showIcon style={{ marginBottom: 12 }} title="银行已确认续贷承诺,等待金融服务中心审批" />}
        </>
      }
      steps={bridgeSteps(l, narrow)}
      actions={
        l.actions.length > 0 ? (
          <CaseActionBar<StepAction, BridgeLoanDetail>
            key={l.status + String(l.leaderApproved)}
            allowedActions={l.actions}
            actions={actionSpecs(l, poolOptions, pools.isLoading)}
            block={narrow}
            run={(action, values) => step.mutateAsync({ action, body: toBody(action, values) })}
          />
        ) : undefined
      }
      side={
        <Card title={l.status === 'repaid' ? '转贷费用' : '费用测算'} size="small" className="yq-section">
          <BridgeFeeBox loan={l} />
          <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 8, marginBottom: 0 }}>
            {l.feeRule}
          </Typography.Paragraph>
        </Card>
      }
      timeline={
        <EventTimeline
          // the loan's timeline names who acted, not in which role
          events={l.events.map((e) => ({ ...e, actorRole: null }))}
          colors={COLORS}
          detailOf={() => null}
        />
      }
    >
      <Card title="转贷信息" size="small" className="yq-section">
        <Descriptions column={narrow ? 1 : 2} size="small">
          <Descriptions.Item label="申请企业">{l.enterpriseName}</Descriptions.Item>
          <Descriptions.Item label="转贷金额">
            <strong>{yuan(l.amountFen)}</strong>
          </Descriptions.Item>
          <Descriptions.Item label="申请天数">{l.daysRequested} 天</Descriptions.Item>
          <Descriptions.Item label="到期日">
            <DueText loan={l} />
          </Descriptions.Item>
          {l.disbursedOn && <Descriptions.Item label="放款日">{l.disbursedOn}</Descriptions.Item>}
          {l.poolName && <Descriptions.Item label="资金池">{l.poolName}</Descriptions.Item>}
          {l.repaidOn && <Descriptions.Item label="归还日">{l.repaidOn}</Descriptions.Item>}
          <Descriptions.Item label="用途">{l.purpose ?? '—'}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title="到期贷款与续贷承诺" size="small" className="yq-section">
        <Descriptions column={narrow ? 1 : 2} size="small">
          <Descriptions.Item label="贷款银行">{l.bankName}</Descriptions.Item>
          <Descriptions.Item label="合同号">
            <span className="yq-mono">{l.maturingContractNo}</span>
          </Descriptions.Item>
          <Descriptions.Item label="到期本金">{yuan(l.maturingPrincipalFen)}</Descriptions.Item>
          <Descriptions.Item label="贷款到期日">{l.maturingDueOn}</Descriptions.Item>
          <Descriptions.Item label="续贷承诺编号">{l.renewalCommitmentNo ?? <Typography.Text type="secondary">待银行确认</Typography.Text>}</Descriptions.Item>
          <Descriptions.Item label="续贷金额">{yuan(l.renewalAmountFen)}</Descriptions.Item>
          <Descriptions.Item label="预计续贷日">{l.renewalExpectedOn ?? '—'}</Descriptions.Item>
          {l.needsLeader && <Descriptions.Item label="领导审批">{l.leaderApprovedAt ? `已审批 ${formatDateTime(l.leaderApprovedAt)}` : '待分管领导审批'}</Descriptions.Item>}
        </Descriptions>
      </Card>
      {!narrow && l.actions.length === 0 && l.status === 'approved' && l.needsLeader && !l.leaderApproved && (
        <Alert type="info" showIcon title="待分管领导审批后放款" action={<Button size="small" href="/finance/bridge-loans/leader">大额审批</Button>} />
      )}
    </CaseFrame>
  );
}
