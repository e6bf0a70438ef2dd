import { App, Alert, Card, Descriptions, Skeleton, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router-dom';
import { COLLATERAL_LABELS, formatRateBp, type CollateralKind, type NeedAction, type NeedDetailView, type OfferView } from '@yuanqi/contract';
import { hasPermission, useMe } from '../../../app/auth';
import { errorMessage } from '../../../app/api';
import { CaseActionBar, CaseFrame, type CaseActionSpec } from '../../../components/case-kit';
import { EventTimeline } from '../../../components/EventTimeline';
import { QueryError } from '../../../components/QueryError';
import { formatDateTime, formatWan } from '../../../components/format';
import { useNeed, useNeedAction } from './api';
import { NeedStatusTag, OfferCard, WorkingDaysBadge } from './bits';
import './market.css';

const NEED_ACTIONS: CaseActionSpec<NeedAction, NeedDetailView>[] = [
  {
    action: 'withdraw',
    label: '撤回需求',
    danger: true,
    title: '撤回融资需求',
    intro: '撤回后各机构不再处理此需求(已拒绝的答复保留)。',
    fields: [{ name: 'note', label: '撤回原因', kind: 'textarea', required: false, max: 500, placeholder: '选填,例如资金已通过其他渠道解决' }],
    success: '已撤回',
  },
];

const STEP_OF: Record<string, number> = { open: 1, chosen: 2, disbursed: 3, withdrawn: 1, closed: 1 };

export function NeedTimeline({ events }: { events: NeedDetailView['timeline'] }) {
  return (
    <EventTimeline
      events={events}
      colors={{ 'need.disbursed': 'green', 'need.choose': 'green', 'need.withdraw': 'gray', 'offer.decline': 'red', 'offer.escalated': 'red', 'offer.approve': 'green', 'offer.disburse': 'green' }}
      detailOf={(e) => {
        const d = e.data as Record<string, unknown> | null;
        if (e.action === 'need.sent' && d) return `推送至:${(d.banks as string[] | undefined)?.join('、') ?? ''};${d.workingDays}个工作日内答复`;
        if (e.action === 'need.disbursed' && d) return `${d.bank ?? ''} 放款 ${formatWan(Number(d.amountFen))}(${d.disbursedOn}),从提交到放款 ${d.workingDays} 个工作日`;
        if (e.action === 'offer.approve' && d) return `批准 ${formatWan(Number(d.amountFen))},年利率 ${formatRateBp(Number(d.rateBp))},${d.termMonths}个月`;
        if (e.action === 'offer.disburse' && d) return `放款 ${formatWan(Number(d.amountFen))}(${d.disbursedOn})`;
        return null;
      }}
    />
  );
}

/** A need with every institution's answer side by side (stacked on a phone); the firm picks an approved one. */
export function NeedPage() {
  const { id = '' } = useParams();
  const me = useMe();
  const need = useNeed(id);
  const act = useNeedAction(id);
  const { modal, message } = App.useApp();

  if (need.isLoading) return <Card><Skeleton active paragraph={{ rows: 8 }} /></Card>;
  if (need.isError || !need.data) return <QueryError error={need.error} onRetry={() => need.refetch()} what="融资需求" />;
  const n = need.data;
  const mayChoose = n.allowedActions.length > 0 && n.status === 'open';
  const staff = hasPermission(me, 'finance:read');

  const choose = (o: OfferView) =>
    modal.confirm({
      title: `选择${o.bankName}的方案?`,
      content: `${formatWan(o.approvedAmountFen)},年利率 ${formatRateBp(o.approvedRateBp ?? 0)},${o.approvedTermMonths}个月。选定后其他机构的答复将标记为未选用,并通知它们。`,
      okText: '选择此方案',
      onOk: async () => {
        try {
          await act.mutateAsync({ action: 'choose', offerId: o.id });
          message.success('已选择方案,等待该机构放款');
        } catch (error) {
          message.error(errorMessage(error));
        }
      },
    });

  const approved = n.offers.filter((o) => o.approvedAmountFen !== null).length;
  return (
    <CaseFrame
      before={
        <div style={{ marginBottom: 8 }}>
          <Link to="/finance/needs">
            <ArrowLeftOutlined /> {staff ? '融资需求' : '我的融资'}
          </Link>
        </div>
      }
      number={n.number}
      title={`${n.enterpriseName} · ${formatWan(n.amountFen)} · ${n.termMonths}个月`}
      docTitle={`融资需求 ${n.number}`}
      extra={
        n.allowedActions.includes('withdraw') ? (
          <CaseActionBar<NeedAction, NeedDetailView>
            key={n.status}
            allowedActions={n.allowedActions.filter((a) => a === 'withdraw')}
            actions={NEED_ACTIONS}
            run={(action, values) => act.mutateAsync({ action, note: typeof values.note === 'string' ? values.note : undefined })}
          />
        ) : undefined
      }
      status={<NeedStatusTag n={n} />}
      facts={[`提交于 ${formatDateTime(n.filedAt)}`, `${n.offers.length}家机构`, approved ? `${approved}家批准` : '暂无批准']}
      notice={
        <>
          {n.workingDaysToDisbursement !== null && (
            <div style={{ marginBottom: 12 }}>
              <WorkingDaysBadge days={n.workingDaysToDisbursement} />
            </div>
          )}
          {mayChoose && approved > 0 && <Alert type="success" showIcon style={{ marginBottom: 12 }} title="已有机构批准,请比较后点“选择此方案”" />}
          {n.status === 'chosen' && <Alert type="info" showIcon style={{ marginBottom: 12 }} title="已选定方案,等待该机构放款" />}
        </>
      }
      steps={{
        current: STEP_OF[n.status] ?? 0,
        status: n.status === 'withdrawn' ? 'error' : n.status === 'disbursed' ? 'finish' : 'process',
        items: [
          { title: '提交需求', content: formatDateTime(n.filedAt) },
          { title: '机构答复', content: `${n.answeredCount}/${n.offerCount}家已答复` },
          { title: n.status === 'withdrawn' ? '已撤回' : '选定方案' },
          { title: '放款', content: n.disbursedAt ? formatDateTime(n.disbursedAt) : undefined },
        ],
      }}
      timeline={n.timeline.length > 0 ? <NeedTimeline events={n.timeline} /> : undefined}
    >
      <Card title="各机构答复" className="yq-section" extra={<Typography.Text type="secondary">每家机构只能看到自己的答复</Typography.Text>}>
        <div className="yq-offer-grid">
          {n.offers.map((o) => (
            <OfferCard key={o.id} o={o} onChoose={mayChoose ? choose : undefined} choosing={act.isPending} />
          ))}
        </div>
      </Card>
      <Card title="需求内容" className="yq-section">
        <Descriptions column={{ xs: 1, sm: 2 }} size="small">
          <Descriptions.Item label="融资金额">{formatWan(n.amountFen)}</Descriptions.Item>
          <Descriptions.Item label="期限">{n.termMonths}个月</Descriptions.Item>
          <Descriptions.Item label="资金用途" span={2}>
            {n.purpose}
          </Descriptions.Item>
          <Descriptions.Item label="担保方式">{n.collateral.length ? n.collateral.map((c) => COLLATERAL_LABELS[c as CollateralKind] ?? c).join('、') : '—'}</Descriptions.Item>
          <Descriptions.Item label="担保说明">{n.collateralNote ?? '—'}</Descriptions.Item>
          {n.productName && <Descriptions.Item label="意向产品">{n.productName}</Descriptions.Item>}
          <Descriptions.Item label="推送范围">{n.sendTo === 'all' ? '全部机构' : '所选机构'}</Descriptions.Item>
        </Descriptions>
      </Card>
    </CaseFrame>
  );
}
