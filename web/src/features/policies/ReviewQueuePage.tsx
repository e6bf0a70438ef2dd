import { Button, Card, Tag, Typography, type TableProps } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router-dom';
import type { PolicyApplicationSummary } from '@yuanqi/contract';
import { CaseQueuePage, useCaseQueue, type CaseFilterSpec } from '../../components/case-kit';
import { EmptyHint } from '../../components/EmptyHint';
import { formatDateTime, formatAmount } from '../../components/format';
import { useExport } from '../../components/useExport';
import { exportPolicyApplications, usePolicyApplications, usePolicyStats, type ApplicationListQuery } from './api';
import { ApplicationCardFrame, ApplicationStatusTag, periodText } from './bits';
import './policies.css';

const QUEUES = [
  { value: 'first', label: '待初审' },
  { value: 'second', label: '待复审' },
  { value: 'publicity', label: '待公示' },
  { value: 'payout', label: '公示期满待拨付' },
  { value: 'returned', label: '退回补正中' },
  { value: 'all', label: '所有申报' },
] as const;
type Queue = (typeof QUEUES)[number]['value'];

const FILTERS: CaseFilterSpec[] = [
  { kind: 'search', param: 'q', label: '搜索申报', placeholder: '申报编号、企业或政策名称', width: 280 },
  { kind: 'select', param: 'queue', label: '队列', options: [...QUEUES], defaultValue: 'first', counts: false, hidden: true },
  { kind: 'select', param: 'policyId', label: '政策', options: [], hidden: true },
];

/** 申报审核: 初审 and 复审 queues, then 公示 and 拨付, one click from each case. */
export function ReviewQueuePage() {
  const navigate = useNavigate();
  const queue = useCaseQueue(FILTERS);
  const view = (QUEUES.find((q) => q.value === queue.values.queue)?.value ?? 'first') as Queue;
  const query: ApplicationListQuery = {
    ...(view === 'first' || view === 'second' || view === 'publicity' || view === 'payout' ? { queue: view } : {}),
    ...(view === 'returned' ? { status: 'returned' } : {}),
    q: queue.q,
    policyId: queue.values.policyId,
    page: queue.page,
    pageSize: queue.pageSize,
  };
  const list = usePolicyApplications(query);
  const stats = usePolicyStats();
  const s = stats.data;
  const { exporting, doExport } = useExport(() => exportPolicyApplications({ queue: query.queue, status: query.status, q: query.q, policyId: query.policyId }));
  const counts: Partial<Record<Queue, number>> = s ? { first: s.queue.first, second: s.queue.second, publicity: s.queue.publicity, payout: s.queue.payout, returned: s.queue.returned } : {};

  const columns: TableProps<PolicyApplicationSummary>['columns'] = [
    {
      title: '申报',
      key: 'no',
      width: 280,
      fixed: 'left',
      render: (_, a) => (
        <div>
          <Link to={`/policy-applications/${a.id}`} style={{ fontWeight: 500 }}>
            {a.enterpriseName}
          </Link>
          <div style={{ fontSize: 12, color: '#667085' }}>
            <span className="yq-mono">{a.number}</span>
          </div>
        </div>
      ),
    },
    { title: '政策', dataIndex: 'policyTitle', width: 220, render: (v: string, a) => <Link to={`/policies/${a.policyId}`}>{v}</Link> },
    { title: '期间', dataIndex: 'periodKey', width: 110, render: (v: string) => periodText(v) },
    { title: '状态', dataIndex: 'status', width: 110, render: (_, a) => <ApplicationStatusTag status={a.status} label={a.statusLabel} /> },
    {
      title: '测算 / 申请 / 核定',
      key: 'amount',
      width: 260,
      render: (_, a) => (
        <span className="yq-money">
          {formatAmount(a.estimatedAmountFen)} / {formatAmount(a.requestedAmountFen)} / {formatAmount(a.approvedAmountFen)}
        </span>
      ),
    },
    { title: '提交时间', dataIndex: 'submittedAt', width: 140, render: (v: string | null) => formatDateTime(v) },
    {
      title: '公示',
      key: 'pub',
      width: 170,
      render: (_, a) =>
        a.publicityEndsAt ? (
          <span style={{ fontSize: 13 }}>
            至 {formatDateTime(a.publicityEndsAt)} {a.payable && <Tag color="green">可拨付</Tag>}
          </span>
        ) : (
          '—'
        ),
    },
  ];

  return (
    <CaseQueuePage<PolicyApplicationSummary>
      state={queue}
      title="申报审核"
      subTitle="初审 → 复审 → 公示(5个工作日)→ 拨付"
      extra={
        <>
          <Button onClick={() => navigate('/policy-publicity')}>公示管理</Button>
          <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void doExport()}>
            导出 Excel
          </Button>
        </>
      }
      board={{
        resets: ['queue'],
        columns: { phone: 3 },
        chips: QUEUES.map((q) => ({ label: q.label, count: q.value === 'all' ? '全部' : counts[q.value], patch: q.value === 'first' ? {} : { queue: q.value } })),
      }}
      banner={
        view === 'publicity' &&
        (list.data?.total ?? 0) > 0 && (
          <Card size="small" className="yq-section yq-callout">
            <Typography.Text>复审通过的申报需公示5个工作日。</Typography.Text>{' '}
            <Button type="primary" size="small" onClick={() => navigate('/policy-publicity?new=1')}>
              发起公示
            </Button>
          </Card>
        )
      }
      onRefresh={() => void stats.refetch()}
      foldFilters={false}
      list={list}
      columns={columns}
      table={{ scroll: { x: 1260 } }}
      empty={<EmptyHint description={`没有${QUEUES.find((q) => q.value === view)!.label}的申报`} />}
      paging={{ sizeChanger: true }}
      renderCard={(a) => (
        <ApplicationCardFrame
          a={a}
          to={`/policy-applications/${a.id}`}
          title={a.enterpriseName}
          meta={
            <>
              <span>{a.policyTitle}</span>
              <span>测算 {formatAmount(a.estimatedAmountFen)}</span>
            </>
          }
        />
      )}
    />
  );
}
