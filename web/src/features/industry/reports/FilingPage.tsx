import { Button, Card, Tag, type TableProps } from 'antd';
import { Link, useNavigate } from 'react-router-dom';
import type { FilingStatusQuery, FilingStatusRow } from '@yuanqi/contract';
import { useMe, useCan } from '../../../app/auth';
import { CaseQueuePage, useCaseQueue, type CaseFilterSpec } from '../../../components/case-kit';
import { EmptyHint } from '../../../components/EmptyHint';
import { formatDate, formatDateTime } from '../../../components/format';
import { useFilingStatus } from './api';
import { LateTag, ReportStatusTag } from './components';
import { MonthPicker, recentPeriods } from './MonthPicker';
import './reports.css';

/** 报送情况 / 逾期未报: each reporting firm (a liaison: its firms) and its report for a month. */
export function FilingPage() {
  const me = useMe();
  const can = useCan();
  const navigate = useNavigate();
  const periods = recentPeriods(24);
  const files = can('industry:report');
  const filters: CaseFilterSpec[] = [
    { kind: 'custom', param: 'period', label: '报告期', defaultValue: periods[0]!.value, render: ({ value, onChange }) => <MonthPicker value={value} onChange={onChange} options={periods} /> },
    { kind: 'search', param: 'q', label: '搜索企业名称' },
  ];
  const queue = useCaseQueue(filters);
  const period = queue.values.period ?? periods[0]!.value;
  const outstanding = queue.params.get('outstanding') === 'true';
  const query: FilingStatusQuery = { period, page: queue.page, pageSize: 20, ...(outstanding ? { outstanding: 'true' } : {}), ...(queue.q ? { q: queue.q } : {}) };
  const status = useFilingStatus(query);
  const view = status.data;
  const pastDue = !!view && view.items.some((i) => i.overdueWorkingDays > 0);
  const open = (r: FilingStatusRow) => (r.reportId ? `/industry/reports/${r.reportId}` : files ? `/industry/reports/file?period=${period}&enterpriseId=${r.enterpriseId}` : null);
  const OverdueTag = ({ r }: { r: FilingStatusRow }) => (r.overdueWorkingDays > 0 ? <Tag color="red">逾期{r.overdueWorkingDays}个工作日</Tag> : null);
  const columns: TableProps<FilingStatusRow>['columns'] = [
    { title: '企业', key: 'firm', render: (_, r) => (open(r) ? <Link to={open(r)!}>{r.enterpriseName}</Link> : r.enterpriseName) },
    { title: '产业链', dataIndex: 'chainLabel', width: 110, render: (v: string | null) => v ?? '—' },
    { title: '联络员', dataIndex: 'liaisonName', width: 100, render: (v: string | null) => v ?? '—' },
    { title: '状态', key: 'status', width: 200, render: (_, r) => <><ReportStatusTag status={r.status} label={r.statusLabel} /> <LateTag late={r.late} /> <OverdueTag r={r} /></> },
    { title: '提交时间', dataIndex: 'submittedAt', width: 150, render: (v: string | null) => formatDateTime(v) },
    ...(files ? [{ title: '操作', key: 'op', width: 90, render: (_: unknown, r: FilingStatusRow) => (!r.reportId || r.status === 'draft' || r.status === 'returned' ? <Button size="small" onClick={() => navigate(open(r)!)}>代为填报</Button> : null) }] : []),
  ];
  const list = { ...status, data: view ? { items: view.items, total: view.total } : undefined };
  return (
    <CaseQueuePage<FilingStatusRow>
      state={queue}
      title={me.roles.includes('liaison') && !can('industry:review') ? '企业月报' : '报送情况'}
      subTitle={view ? `${view.periodLabel}月报截止 ${formatDate(view.dueOn)}(按工作日历计算,含调休)` : '各报送企业的月报状态'}
      board={{
        resets: ['outstanding'],
        toggle: true,
        chips: [
          { label: '应报企业', count: view?.counts.firms, patch: {}, active: !outstanding },
          { label: '已提交', count: view?.counts.submitted, patch: {}, active: false },
          { label: '已通过', count: view?.counts.accepted, patch: {}, active: false },
          { label: pastDue ? '逾期未报' : '未提交', count: view?.counts.outstanding, patch: { outstanding: 'true' }, danger: pastDue },
        ],
      }}
      list={list}
      columns={columns}
      table={{ size: 'middle' }}
      empty={<EmptyHint description={outstanding ? '所有企业均已提交' : '没有需要报送月报的企业'} />}
      paging={{ plainTotal: true, hideOnSinglePage: true, unit: '家' }}
      renderCard={(r) => (
        <Card className="yq-mobile-card" hoverable onClick={() => open(r) && navigate(open(r)!)}>
          <div className="yq-month-head">
            <strong>{r.enterpriseName}</strong>
            <ReportStatusTag status={r.status} label={r.statusLabel} />
          </div>
          <div className="yq-month-meta">
            {r.chainLabel && <span>{r.chainLabel}</span>}
            {r.liaisonName && <span>联络员 {r.liaisonName}</span>}
            <LateTag late={r.late} />
            <OverdueTag r={r} />
          </div>
        </Card>
      )}
    />
  );
}
