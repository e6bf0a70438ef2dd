import { Alert, Button, Card, Skeleton, Typography } from 'antd';
import { RightOutlined } from '@ant-design/icons';
import { Link, Navigate } from 'react-router-dom';
import type { FirmMonthView } from '@yuanqi/contract';
import { useMe } from '../../../app/auth';
import { EmptyHint } from '../../../components/EmptyHint';
import { formatDate } from '../../../components/format';
import { PageHeader } from '../../../components/PageHeader';
import { QueryError } from '../../../components/QueryError';
import { useFirmMonths } from './api';
import { DueTag, LateTag, ReportStatusTag, ym } from './components';
import './reports.css';

/** Where a month's card leads: the report when it exists, else the form (created on open). */
const linkOf = (m: FirmMonthView, enterpriseId?: string) =>
  m.reportId ? `/industry/reports/${m.reportId}` : `/industry/reports/file?period=${ym(m.period)}${enterpriseId ? `&enterpriseId=${enterpriseId}` : ''}`;

function actionOf(m: FirmMonthView): string | null {
  if (m.status === null) return '去填报';
  if (m.status === 'draft') return '继续填报';
  if (m.status === 'returned') return '修改后重报';
  return null;
}

/** 月度报表: the firm's own months, phone first — status, due countdown in working days, returned reason. */
export function MyReportsPage() {
  const me = useMe();
  // a liaison (no firm of its own) files for its firms from 企业月报
  if (!me.enterpriseId) return <Navigate to="/industry/reports/filing" replace />;
  return <FirmMonths />;
}

function FirmMonths() {
  const me = useMe();
  const months = useFirmMonths();
  const open = months.data?.months.filter((m) => actionOf(m)) ?? [];
  return (
    <div className="yq-narrow">
      <PageHeader title="月度报表" subTitle={months.data ? `${months.data.enterpriseName} · 经济运行月报,每月第10个工作日前报送上月数据` : '经济运行月报'} />
      {months.isLoading && <Skeleton active paragraph={{ rows: 6 }} />}
      {months.error ? <QueryError error={months.error} what="月度报表" onRetry={() => void months.refetch()} /> : null}
      {months.data && !months.data.reports && <Alert type="info" showIcon className="yq-section" message="贵企业目前不在经济运行月报报送范围内(仅规上企业及园区指定企业报送)" />}
      {months.data && months.data.months.length === 0 && <EmptyHint description="暂无需要报送的月份" />}
      {months.data && open.length > 0 && (
        <Alert className="yq-section" type={open.some((m) => (m.workingDaysLeft ?? 0) < 0) ? 'error' : 'warning'} showIcon message={`有${open.length}个月的月报待报送`} />
      )}
      {months.data?.months.map((m) => {
        const action = actionOf(m);
        return (
          <Card key={m.period} className="yq-section yq-month-card" size="small">
            <Link to={linkOf(m, me.enterpriseId ? undefined : months.data!.enterpriseId)} className="yq-month-link" aria-label={`${m.periodLabel}月报`}>
              <div className="yq-month-head">
                <Typography.Text strong style={{ fontSize: 16 }}>
                  {m.periodLabel}
                </Typography.Text>
                <ReportStatusTag status={m.status} label={m.statusLabel} />
              </div>
              <div className="yq-month-meta">
                <span>截止 {formatDate(m.dueOn)}</span>
                <DueTag workingDaysLeft={m.workingDaysLeft} />
                <LateTag late={m.late} />
                {m.revision > 1 && <span>已更正(第{m.revision}版)</span>}
              </div>
              {m.returnReason && <div className="yq-report-swing">退回原因:{m.returnReason}</div>}
              <div style={{ textAlign: 'right', marginTop: 6 }}>
                {action ? (
                  <Button type="primary" size="small">
                    {action}
                  </Button>
                ) : (
                  <Typography.Text type="secondary">
                    查看 <RightOutlined />
                  </Typography.Text>
                )}
              </div>
            </Link>
          </Card>
        );
      })}
    </div>
  );
}
