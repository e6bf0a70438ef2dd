import { Button, Card, Empty, List, Segmented, Skeleton, Typography, type TableProps } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router-dom';
import { BRIDGE_LOAN_VIEWS, BRIDGE_LOAN_VIEW_LABELS, type BridgeLoanSummary, type BridgeLoanView } from '@yuanqi/contract';
import { hasPermission, useMe } from '../../../app/auth';
import { CaseQueuePage, useCaseQueue, type CaseFilterSpec } from '../../../components/case-kit';
import { EmptyHint } from '../../../components/EmptyHint';
import { PageHeader } from '../../../components/PageHeader';
import { QueryError } from '../../../components/QueryError';
import { formatDateTime } from '../../../components/format';
import { useBridgeLoans } from './api';
import { BridgeStatusTag, DueText, yuan } from './bits';
import './bridge.css';

const isView = (v: string | undefined): v is BridgeLoanView => !!v && (BRIDGE_LOAN_VIEWS as readonly string[]).includes(v);

/** What the staff member can do next, as a button label. */
function nextStep(l: BridgeLoanSummary): string | null {
  if (l.status === 'bank_confirmed') return '审批';
  if (l.status === 'approved' && l.needsLeader && !l.leaderApproved) return '领导审批';
  if (l.status === 'approved') return '放款';
  if (l.status === 'disbursed') return '登记归还';
  return null;
}

/** One loan as a card (phones, firms, banks). */
export function BridgeLoanCard({ loan, onOpen, showFirm = true, action }: { loan: BridgeLoanSummary; onOpen: () => void; showFirm?: boolean; action?: string | null }) {
  return (
    <Card className="yq-mobile-card" hoverable onClick={onOpen} size="small">
      <div className="yq-bridge-card-row">
        <Link to={`/finance/bridge-loans/${loan.id}`} onClick={(e) => e.stopPropagation()} style={{ fontWeight: 600, overflowWrap: 'anywhere' }}>
          {showFirm ? loan.enterpriseName : `${loan.bankName} 到期贷款转贷`}
        </Link>
        <BridgeStatusTag loan={loan} />
      </div>
      <div className="yq-bridge-card-meta">
        <span className="yq-mono">{loan.number}</span> · {showFirm ? loan.bankName : `合同 ${loan.maturingContractNo}`}
      </div>
      <div className="yq-bridge-card-row">
        <span className="yq-bridge-amount">{yuan(loan.amountFen)}</span>
        <span style={{ fontSize: 13 }}>
          {loan.repaidOn ? (
            `归还 ${loan.repaidOn}`
          ) : loan.dueOn ? (
            <>
              到期 <DueText loan={loan} />
            </>
          ) : (
            `申请 ${loan.daysRequested} 天`
          )}
        </span>
      </div>
      {action && (
        <div style={{ marginTop: 8, textAlign: 'right' }}>
          <Button size="small" type="primary">
            {action}
          </Button>
        </div>
      )}
    </Card>
  );
}

/** The finance officer's (and the leader's) desk: every loan of the park, by stage, overdue first. */
export function BridgeDesk({ fixedView, title, subTitle }: { fixedView?: BridgeLoanView; title: string; subTitle: string }) {
  const navigate = useNavigate();
  const filters: CaseFilterSpec[] = [
    { kind: 'search', param: 'q', label: '搜索编号、企业或合同号' },
    { kind: 'select', param: 'view', label: '按阶段筛选', placeholder: '阶段', defaultValue: fixedView ?? 'all', hidden: !!fixedView, options: BRIDGE_LOAN_VIEWS.map((v) => ({ value: v, label: BRIDGE_LOAN_VIEW_LABELS[v] })), width: 140 },
  ];
  const queue = useCaseQueue(filters);
  const view = fixedView ?? (isView(queue.values.view) ? queue.values.view : 'all');
  const list = useBridgeLoans({ view, q: queue.q || undefined, page: queue.page, pageSize: 20 });
  const counts = list.data?.counts ?? {};
  const chip = (v: BridgeLoanView, danger = false) => ({ label: BRIDGE_LOAN_VIEW_LABELS[v], count: counts[v], patch: { view: v === 'all' ? undefined : v }, active: view === v, danger });
  const columns: TableProps<BridgeLoanSummary>['columns'] = [
    {
      title: '转贷',
      key: 'loan',
      render: (_, l) => (
        <div>
          <Link to={`/finance/bridge-loans/${l.id}`} style={{ fontWeight: 500 }}>
            {l.enterpriseName}
          </Link>
          <div style={{ fontSize: 12, color: '#667085' }}>
            <span className="yq-mono">{l.number}</span> · {formatDateTime(l.filedAt)}
          </div>
        </div>
      ),
    },
    { title: '贷款银行', dataIndex: 'bankName', key: 'bank', width: 130 },
    { title: '金额', key: 'amount', width: 150, align: 'right', render: (_, l) => yuan(l.amountFen) },
    { title: '状态', key: 'status', width: 150, render: (_, l) => <BridgeStatusTag loan={l} /> },
    { title: '放款日', dataIndex: 'disbursedOn', key: 'disbursedOn', width: 110, render: (v: string | null) => v ?? '—' },
    { title: '到期日', key: 'due', width: 190, render: (_, l) => <DueText loan={l} /> },
    {
      title: '操作',
      key: 'op',
      width: 100,
      fixed: 'right',
      render: (_, l) => {
        const s = nextStep(l);
        return s ? (
          <Button size="small" type="primary" onClick={() => navigate(`/finance/bridge-loans/${l.id}`)}>
            {s}
          </Button>
        ) : (
          <Link to={`/finance/bridge-loans/${l.id}`}>查看</Link>
        );
      },
    },
  ];
  return (
    <CaseQueuePage<BridgeLoanSummary>
      state={queue}
      title={title}
      subTitle={subTitle}
      board={
        fixedView
          ? undefined
          : {
              chips: [chip('awaiting_bank'), chip('awaiting_approval'), chip('awaiting_leader'), chip('to_disburse'), chip('running'), chip('overdue', true), chip('repaid'), chip('all')],
              resets: ['view'],
              columns: { phone: 4, desktop: 8 },
            }
      }
      foldFilters={false}
      list={list}
      columns={columns}
      table={{ size: 'middle', rowClassName: (l) => (l.overdue ? 'yq-rating-bad' : ''), scroll: { x: 1000 } }}
      empty={<EmptyHint description={queue.q || view !== 'all' ? '没有符合条件的转贷' : '暂无应急转贷'} />}
      paging={{ plainTotal: true, hideOnSinglePage: true }}
      renderCard={(l) => <BridgeLoanCard loan={l} onOpen={() => navigate(`/finance/bridge-loans/${l.id}`)} action={nextStep(l)} />}
    />
  );
}

/** 我的转贷: a firm's (or its liaison's) loans as cards, phone first, with 申请. */
function MyBridgeLoans() {
  const navigate = useNavigate();
  const list = useBridgeLoans({ pageSize: 50 });
  return (
    <div className="yq-narrow">
      <PageHeader
        title="应急转贷"
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/finance/bridge-loans/new')}>
            申请转贷
          </Button>
        }
      />
      <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
        银行贷款到期、银行已同意续贷时,可申请园区应急转贷资金先行归还到期贷款,续贷后归还。贷款银行确认续贷承诺后,由金融服务中心审批放款。
      </Typography.Paragraph>
      {list.isLoading ? (
        <Card>
          <Skeleton active />
        </Card>
      ) : list.isError ? (
        <QueryError error={list.error} onRetry={() => list.refetch()} what="转贷申请" />
      ) : (list.data?.items.length ?? 0) === 0 ? (
        <Card>
          <Empty description="还没有转贷申请">
            <Button type="primary" onClick={() => navigate('/finance/bridge-loans/new')}>
              申请应急转贷
            </Button>
          </Empty>
        </Card>
      ) : (
        <List
          dataSource={list.data!.items}
          split={false}
          renderItem={(l) => (
            <div style={{ marginBottom: 10 }}>
              <BridgeLoanCard loan={l} showFirm={false} onOpen={() => navigate(`/finance/bridge-loans/${l.id}`)} />
            </div>
          )}
        />
      )}
    </div>
  );
}

export default function BridgeLoansPage() {
  const me = useMe();
  if (hasPermission(me, 'finance:read')) return <BridgeDesk title="应急转贷" subTitle="申请 → 银行续贷承诺 → 审批(大额须领导审批)→ 放款 → 续贷后归还;逾期自动标记并列入周调度" />;
  return <MyBridgeLoans />;
}

export function LeaderBridgePage() {
  return <BridgeDesk fixedView="awaiting_leader" title="大额转贷审批" subTitle="金额达到领导审批起点的转贷,金融服务专员审批后须经分管领导审批才能放款" />;
}

/** 转贷确认: the bank's loans, awaiting its 续贷承诺 first; cards at any width. */
export function BankBridgeLoansPage() {
  const navigate = useNavigate();
  const queue = useCaseQueue([{ kind: 'segmented', param: 'view', label: '阶段', defaultValue: 'awaiting_bank', options: [] }]);
  const view = isView(queue.values.view) ? queue.values.view : 'awaiting_bank';
  const list = useBridgeLoans({ view, page: queue.page, pageSize: 50 });
  const counts = list.data?.counts ?? {};
  return (
    <div className="yq-narrow">
      <PageHeader title="转贷确认" />
      <Segmented
        block
        value={view}
        onChange={(v) => queue.update({ view: v === 'awaiting_bank' ? undefined : String(v) })}
        options={(['awaiting_bank', 'running', 'all'] as const).map((v) => ({ value: v, label: `${v === 'running' ? '已放款' : BRIDGE_LOAN_VIEW_LABELS[v]}${counts[v] !== undefined ? ` ${counts[v]}` : ''}` }))}
        style={{ marginBottom: 12 }}
      />
      {list.isLoading ? (
        <Card>
          <Skeleton active />
        </Card>
      ) : list.isError ? (
        <QueryError error={list.error} onRetry={() => list.refetch()} what="转贷" />
      ) : (list.data?.items.length ?? 0) === 0 ? (
        <Card>
          <Empty description={view === 'awaiting_bank' ? '没有待确认续贷承诺的转贷' : '暂无转贷'} />
        </Card>
      ) : (
        list.data!.items.map((l) => (
          <div key={l.id} style={{ marginBottom: 10 }}>
            <BridgeLoanCard loan={l} onOpen={() => navigate(`/finance/bridge-loans/${l.id}`)} action={l.status === 'submitted' ? '确认续贷承诺' : null} />
          </div>
        ))
      )}
    </div>
  );
}
