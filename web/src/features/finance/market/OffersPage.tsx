import { App, Button, Typography, type TableProps } from 'antd';
import { ThunderboltOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router-dom';
import { OFFER_STATUSES, OFFER_STATUS_LABELS, type OfferView } from '@yuanqi/contract';
import { hasPermission, useMe } from '../../../app/auth';
import { CaseCard, CaseQueuePage, useCaseQueue, type CaseFilterSpec } from '../../../components/case-kit';
import { EmptyHint } from '../../../components/EmptyHint';
import { formatDateTime, formatWan } from '../../../components/format';
import { useInstitutions } from '../api';
import { useEscalateNow, useOffers } from './api';
import { OfferDeadline, OfferStatusTag } from './bits';
import './market.css';

/** One answer in an inbox: the firm, the need's amount and term, the countdown. */
export function OfferInboxCard({ o, showBank }: { o: OfferView; showBank?: boolean }) {
  return (
    <CaseCard
      to={`/finance/offers/${o.id}`}
      number={o.needNumber}
      status={<OfferStatusTag o={o} />}
      title={o.enterpriseName}
      overdue={o.overdue}
      meta={
        <>
          <span>
            {formatWan(o.needAmountFen)} · {o.needTermMonths}个月
          </span>
          {showBank && <span>{o.bankName}</span>}
          <span>{o.needPurpose}</span>
        </>
      }
    >
      <div style={{ marginTop: 6 }}>
        <OfferDeadline o={o} />
      </div>
    </CaseCard>
  );
}

/**
 * 融资需求 (bank) / 机构答复 (staff): a bank's own answers, open ones by deadline by default; staff
 * every answer of the park with an institution and an overdue filter.
 */
export function OffersPage() {
  const me = useMe();
  const staff = hasPermission(me, 'finance:read');
  const navigate = useNavigate();
  const institutions = useInstitutions();
  const escalate = useEscalateNow();
  const { message } = App.useApp();
  const filters: CaseFilterSpec[] = [
    { kind: 'search', param: 'q', label: '搜索需求编号或企业' },
    {
      kind: 'segmented',
      param: 'view',
      label: '范围',
      defaultValue: staff ? 'all' : 'open',
      counts: false,
      options: [
        { value: 'open', label: '待处理' },
        { value: 'approved', label: '已批准' },
        { value: 'all', label: '全部' },
      ],
    },
    { kind: 'select', param: 'status', label: '按状态筛选', placeholder: '答复状态', options: OFFER_STATUSES.map((s) => ({ value: s, label: OFFER_STATUS_LABELS[s] })), width: 140, hidden: (v) => v.view !== 'all' && !(staff && !v.view) },
    {
      kind: 'select',
      param: 'bankId',
      label: '按机构筛选',
      placeholder: '金融机构',
      options: (institutions.data ?? []).map((i) => ({ value: i.id, label: i.shortName ?? i.name })),
      hidden: !staff,
      width: 180,
    },
    { kind: 'check', param: 'overdue', label: '只看逾期未答复' },
  ];
  const queue = useCaseQueue(filters);
  const { values } = queue;
  const view = values.view ?? (staff ? 'all' : 'open');
  const status = view === 'open' ? 'pending,interested,materials_requested' : view === 'approved' ? 'approved' : values.status;
  const list = useOffers({ q: values.q, status, overdue: values.overdue === 'true' ? 'true' : undefined, bankId: staff ? values.bankId : undefined, page: queue.page, pageSize: 20 });

  const columns: TableProps<OfferView>['columns'] = [
    {
      title: '企业 / 需求',
      key: 'firm',
      render: (_, o) => (
        <div>
          <Link to={`/finance/offers/${o.id}`} style={{ fontWeight: 500 }}>
            {o.enterpriseName}
          </Link>
          <div style={{ fontSize: 12, color: '#667085' }}>
            <span className="yq-mono">{o.needNumber}</span> · {o.needPurpose}
          </div>
        </div>
      ),
    },
    ...(staff ? [{ title: '机构', key: 'bank', width: 200, render: (_: unknown, o: OfferView) => o.bankName }] : []),
    { title: '需求金额', key: 'amount', width: 120, align: 'right', render: (_, o) => `${formatWan(o.needAmountFen)}` },
    { title: '期限', key: 'term', width: 80, render: (_, o) => `${o.needTermMonths}个月` },
    { title: '状态', key: 'status', width: 120, render: (_, o) => <OfferStatusTag o={o} /> },
    { title: '答复期限', key: 'due', width: 230, render: (_, o) => <OfferDeadline o={o} /> },
    { title: '推送时间', key: 'sentAt', width: 150, render: (_, o) => formatDateTime(o.sentAt) },
    {
      title: '操作',
      key: 'op',
      width: 90,
      fixed: 'right',
      render: (_, o) =>
        o.allowedActions.length ? (
          <Button size="small" type="primary" onClick={() => navigate(`/finance/offers/${o.id}`)}>
            答复
          </Button>
        ) : (
          <Link to={`/finance/offers/${o.id}`}>查看</Link>
        ),
    },
  ];
  const filtered = !!(values.q || values.overdue || values.bankId || values.status);
  return (
    <CaseQueuePage<OfferView>
      state={queue}
      title={staff ? '机构答复' : '融资需求'}
      subTitle={staff ? '各金融机构对融资需求的答复;逾期未答复的已升级,请督办' : `推送给${me.bankName ?? '本机构'}的融资需求,按答复期限排列`}
      extra={
        hasPermission(me, 'finance:manage') ? (
          <Button
            icon={<ThunderboltOutlined />}
            loading={escalate.isPending}
            onClick={async () => {
              const r = await escalate.mutateAsync();
              message.success(r.escalated ? `已升级 ${r.escalated} 条逾期未答复` : '没有新的逾期答复');
            }}
          >
            立即检查逾期
          </Button>
        ) : undefined
      }
      list={list}
      columns={columns}
      table={{ size: 'middle', rowClassName: (o) => (o.overdue ? 'yq-rating-bad' : ''), scroll: { x: 1100 } }}
      empty={<EmptyHint description={filtered ? '没有符合条件的答复' : view === 'open' ? '没有待答复的融资需求' : '暂无记录'} />}
      renderCard={(o) => <OfferInboxCard o={o} showBank={staff} />}
      banner={
        !staff && view === 'open' ? (
          <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
            期限按工作日计算,到期未答复将升级至园区金融服务中心。
          </Typography.Paragraph>
        ) : undefined
      }
    />
  );
}
