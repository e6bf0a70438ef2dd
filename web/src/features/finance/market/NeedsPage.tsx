import { Button, Typography, type TableProps } from 'antd';
import { PlusOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router-dom';
import { NEED_STATUSES, NEED_STATUS_LABELS, type NeedView } from '@yuanqi/contract';
import { hasPermission, useMe } from '../../../app/auth';
import { CaseCard, CaseQueuePage, MyCasesPage, useCaseQueue, useCaseTabs, type CaseFilterSpec } from '../../../components/case-kit';
import { EmptyHint } from '../../../components/EmptyHint';
import { formatDateTime, formatWan } from '../../../components/format';
import { useNeeds } from './api';
import { NeedStatusTag, WorkingDaysBadge } from './bits';
import './market.css';

function answersText(n: NeedView): string {
  if (n.offerCount === 0) return '—';
  return `${n.offerCount}家机构 · ${n.answeredCount}家已答复${n.approvedCount ? ` · ${n.approvedCount}家批准` : ''}`;
}

/** One need as a parcel-like card: number, state, amount and term, how many institutions answered. */
export function NeedCard({ n }: { n: NeedView }) {
  return (
    <CaseCard
      to={`/finance/needs/${n.id}`}
      number={n.number}
      status={<NeedStatusTag n={n} />}
      title={`${formatWan(n.amountFen)} · ${n.termMonths}个月`}
      meta={
        <>
          <span>{n.purpose}</span>
          <span>提交于 {formatDateTime(n.filedAt)}</span>
        </>
      }
    >
      <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap', alignItems: 'center', marginTop: 6, fontSize: 13 }}>
        <Typography.Text type="secondary">{answersText(n)}</Typography.Text>
        {n.status === 'open' && n.approvedCount > 0 && <Typography.Text type="success">有已批准方案,请选择</Typography.Text>}
        {n.workingDaysToDisbursement !== null && <WorkingDaysBadge days={n.workingDaysToDisbursement} />}
      </div>
    </CaseCard>
  );
}

const FIRM_TABS = [
  { value: 'open', label: '进行中' },
  { value: 'done', label: '已结束' },
  { value: 'all', label: '全部' },
] as const;

/** 我的融资: the firm's needs as cards, open ones first. */
function MyNeedsPage() {
  const cases = useCaseTabs(FIRM_TABS);
  const pageSize = 10;
  const status = cases.tab === 'open' ? 'open,chosen' : cases.tab === 'done' ? 'disbursed,withdrawn,closed' : undefined;
  const list = useNeeds({ status, page: cases.page, pageSize });
  const navigate = useNavigate();
  return (
    <MyCasesPage<NeedView, (typeof FIRM_TABS)[number]['value']>
      title="我的融资"
      hint="各金融机构的答复随时可查"
      start={{ label: '我要融资', icon: <PlusOutlined />, to: '/finance/needs/new' }}
      banners={
        <Link to="/finance/consents" className="yq-market-banner is-info">
          <SafetyCertificateOutlined /> 数据授权:查看或撤销各金融机构可见的企业数据
        </Link>
      }
      cases={cases}
      list={list}
      pageSize={pageSize}
      empty={{
        description: cases.tab === 'open' ? '没有进行中的融资需求' : '暂无融资需求',
        action: (
          <Button type="primary" onClick={() => navigate('/finance/needs/new')}>
            我要融资
          </Button>
        ),
      }}
      renderCard={(n) => <NeedCard n={n} />}
    />
  );
}

/** 融资需求 (staff): every need of the park by filing time, with state and answers. */
function NeedQueuePage() {
  const filters: CaseFilterSpec[] = [
    { kind: 'search', param: 'q', label: '搜索编号、企业或用途' },
    { kind: 'select', param: 'status', label: '按状态筛选', placeholder: '需求状态', options: NEED_STATUSES.map((s) => ({ value: s, label: NEED_STATUS_LABELS[s] })), width: 150 },
  ];
  const queue = useCaseQueue(filters);
  const { values } = queue;
  const list = useNeeds({ q: values.q, status: values.status, page: queue.page, pageSize: 20 });
  const columns: TableProps<NeedView>['columns'] = [
    {
      title: '需求',
      key: 'need',
      render: (_, n) => (
        <div>
          <Link to={`/finance/needs/${n.id}`} style={{ fontWeight: 500 }}>
            {n.enterpriseName}
          </Link>
          <div style={{ fontSize: 12, color: '#667085' }}>
            <span className="yq-mono">{n.number}</span> · {n.purpose}
          </div>
        </div>
      ),
    },
    { title: '金额', key: 'amount', width: 130, align: 'right', render: (_, n) => formatWan(n.amountFen) },
    { title: '期限', key: 'term', width: 80, render: (_, n) => `${n.termMonths}个月` },
    { title: '机构答复', key: 'answers', width: 220, render: (_, n) => answersText(n) },
    { title: '状态', key: 'status', width: 110, render: (_, n) => <NeedStatusTag n={n} /> },
    { title: '提交到放款', key: 'wd', width: 110, render: (_, n) => (n.workingDaysToDisbursement === null ? '—' : `${n.workingDaysToDisbursement}个工作日`) },
    { title: '提交时间', key: 'filedAt', width: 150, render: (_, n) => formatDateTime(n.filedAt) },
  ];
  return (
    <CaseQueuePage<NeedView>
      state={queue}
      title="融资需求"
      subTitle="企业提交的融资需求及各金融机构答复;提交到放款按工作日计"
      list={list}
      columns={columns}
      table={{ size: 'middle', scroll: { x: 1000 } }}
      empty={<EmptyHint description={values.q || values.status ? '没有符合条件的融资需求' : '暂无融资需求'} />}
      renderCard={(n) => <NeedCard n={n} />}
    />
  );
}

/** /finance/needs: staff get the queue, a firm (or its liaison) its own needs. */
export function NeedsPage() {
  const me = useMe();
  return hasPermission(me, 'finance:read') ? <NeedQueuePage /> : <MyNeedsPage />;
}
