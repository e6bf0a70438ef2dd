import { Card, Tag, type TableProps } from 'antd';
import { Link, useNavigate } from 'react-router-dom';
import { REPORT_STATUSES, REPORT_STATUS_LABELS, type ReportListQuery, type ReportStatus, type ReportSummaryView } from '@yuanqi/contract';
import { CaseQueuePage, useCaseQueue, type CaseFilterSpec } from '../../../components/case-kit';
import { EmptyHint } from '../../../components/EmptyHint';
import { formatDate, formatDateTime } from '../../../components/format';
import { useReports } from './api';
import { LateTag, ReportStatusTag } from './components';
import { MonthPicker, recentPeriods } from './MonthPicker';
import './reports.css';

/** 月报审核: the office's queue (待审核 by default, oldest submission first). */
export function ReviewQueuePage() {
  const navigate = useNavigate();
  const filters: CaseFilterSpec[] = [
    { kind: 'select', param: 'status', label: '按状态筛选', placeholder: '状态', defaultValue: 'submitted', allowClear: true, options: REPORT_STATUSES.map((s) => ({ value: s, label: REPORT_STATUS_LABELS[s] })), width: 120 },
    { kind: 'custom', param: 'period', label: '报告期', render: ({ value, onChange }) => <MonthPicker value={value} onChange={onChange} options={recentPeriods(24)} allowClear /> },
    { kind: 'check', param: 'late', label: '只看逾期报送' },
    { kind: 'search', param: 'q', label: '搜索企业名称' },
  ];
  const queue = useCaseQueue(filters);
  const { values } = queue;
  const query: ReportListQuery = { page: queue.page, pageSize: 20 };
  if (values.status && (REPORT_STATUSES as readonly string[]).includes(values.status)) query.status = values.status as ReportStatus;
  if (values.period) query.period = values.period;
  if (values.late === 'true') query.late = 'true';
  if (queue.q) query.q = queue.q;
  const list = useReports(query);
  const to = (r: ReportSummaryView) => `/industry/reports/${r.id}`;
  const columns: TableProps<ReportSummaryView>['columns'] = [
    { title: '企业', key: 'firm', render: (_, r) => <Link to={to(r)}>{r.enterpriseName}</Link> },
    { title: '产业链', dataIndex: 'chainLabel', width: 110, render: (v: string | null) => v ?? '—' },
    { title: '报告期', dataIndex: 'periodLabel', width: 110 },
    { title: '状态', key: 'status', width: 150, render: (_, r) => <><ReportStatusTag status={r.status} label={r.statusLabel} /> {r.correctionReason && r.status === 'submitted' && r.revision > 0 && <Tag color="purple">更正</Tag>}</> },
    { title: '提交时间', dataIndex: 'submittedAt', width: 150, render: (v: string | null) => formatDateTime(v) },
    { title: '截止', dataIndex: 'dueOn', width: 110, render: (v: string, r) => <>{formatDate(v)} <LateTag late={r.late} /></> },
    { title: '增幅说明', dataIndex: 'swingNotes', width: 100, render: (n: number) => (n > 0 ? <Tag color="orange">{n}项</Tag> : '—') },
    { title: '联络员', dataIndex: 'liaisonName', width: 100, render: (v: string | null) => v ?? '—' },
  ];
  return (
    <CaseQueuePage<ReportSummaryView>
      state={queue}
      title="月报审核"
      subTitle="企业提交的经济运行月报:核对同比、环比与增幅说明后通过或退回;通过后数据计入统计"
      list={list}
      columns={columns}
      table={{ size: 'middle', onRow: (r) => ({ onClick: () => navigate(to(r)), style: { cursor: 'pointer' } }) }}
      empty={<EmptyHint description={query.status === 'submitted' ? '没有待审核的月报' : '没有符合条件的月报'} />}
      paging={{ plainTotal: true, hideOnSinglePage: true }}
      renderCard={(r) => (
        <Card className="yq-mobile-card" hoverable onClick={() => navigate(to(r))}>
          <div className="yq-month-head">
            <Link to={to(r)} style={{ fontWeight: 600 }} onClick={(e) => e.stopPropagation()}>
              {r.enterpriseName}
            </Link>
            <ReportStatusTag status={r.status} label={r.statusLabel} />
          </div>
          <div className="yq-month-meta">
            <span>{r.periodLabel}</span>
            <span>提交 {formatDateTime(r.submittedAt)}</span>
            <LateTag late={r.late} />
            {r.swingNotes > 0 && <Tag color="orange">增幅说明{r.swingNotes}项</Tag>}
          </div>
        </Card>
      )}
    />
  );
}
