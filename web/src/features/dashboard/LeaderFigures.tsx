import type { ReactNode } from 'react';
import { Card, Col, Row, Statistic, Typography } from 'antd';
import { Link } from 'react-router-dom';
import type { ItemStatsRow, Me } from '@yuanqi/contract';
import { hasPermission } from '../../app/auth';
import { formatWan, parkToday } from '../../components/format';
import { useActiveFunds, useItemStatistics, usePayoutList } from './api';
import { percent, yearStart } from './bits';
import { FinanceLeaderFigures } from '../finance/stats/FinanceLeaderFigures';

function Figure({ to, title, value, suffix, hint, loading, error, tone }: { to: string; title: string; value: ReactNode; suffix?: string; hint?: ReactNode; loading: boolean; error: boolean; tone?: string }) {
  return (
    <Link to={to} aria-label={`${title},查看明细`}>
      <Card hoverable size="small" style={{ height: '100%' }}>
        <Statistic title={title} value={error ? '—' : (value as string | number)} suffix={error ? undefined : suffix} loading={loading} styles={{ content: tone ? { color: tone } : undefined }} />
        {hint && !loading && !error && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {hint}
          </Typography.Text>
        )}
      </Card>
    </Link>
  );
}

/** The committed limit of the finished cases, weighted by how many each item finished. */
function weightedCommittedDays(rows: ItemStatsRow[]): number | null {
  let cases = 0;
  let days = 0;
  for (const r of rows) {
    if (r.finished > 0 && r.avgWorkingDays !== null) {
      cases += r.finished;
      days += r.committedDays * r.finished;
    }
  }
  return cases ? days / cases : null;
}

/**
 * A leader's key figures of the year so far, each from the endpoint of its domain and each shown
 * only to whoever may read it: approval time against the committed limits and the 一次不跑 share
 * (事项效能), payouts (拨付记录) and the special funds' execution (专项资金).
 */
export function LeaderFigures({ me }: { me: Me }) {
  const today = parkToday();
  const from = yearStart(today);
  const year = from.slice(0, 4);
  const readsStats = hasPermission(me, 'service:stats');
  const readsPayouts = hasPermission(me, 'fund:read');
  // Rows by most finished first: the page covers nearly every finished case of the park.
  const stats = useItemStatistics({ from, to: today, sort: '-finished', page: 1, pageSize: 200 }, readsStats);
  const payouts = usePayoutList({ status: 'paid', from, to: today, page: 1, pageSize: 1 }, readsPayouts);
  const funds = useActiveFunds(readsPayouts);
  const readsFinance = hasPermission(me, 'finance:read');
  if (!readsStats && !readsPayouts && !readsFinance) return null;

  const t = stats.data?.totals;
  const committed = stats.data ? weightedCommittedDays(stats.data.items) : null;
  const avg = t?.avgWorkingDays ?? null;
  const over = avg !== null && committed !== null && avg > committed;

  return (
    <Row gutter={[16, 16]}>
      {readsStats && (
        <>
          <Col xs={12} md={6}>
            <Figure
              to={`/services/stats`}
              title={`${year}年审批平均用时`}
              value={avg === null ? '—' : avg.toFixed(1)}
              suffix={avg === null ? undefined : '个工作日'}
              tone={over ? '#d92d20' : undefined}
              hint={committed === null ? '今年暂无办结件' : `承诺时限平均 ${committed.toFixed(1)} 个工作日 · 按时办结 ${percent(t?.withinLimitShare ?? null)}`}
              loading={stats.isLoading}
              error={stats.isError}
            />
          </Col>
          <Col xs={12} md={6}>
            <Figure
              to={`/services/stats`}
              title="一次不跑占比"
              value={percent(t?.zeroVisitShare ?? null)}
              hint={t ? `今年办结 ${t.finished.toLocaleString('zh-CN')} 件 · 只跑一次 ${percent(t.oneVisitShare)}` : undefined}
              loading={stats.isLoading}
              error={stats.isError}
            />
          </Col>
        </>
      )}
      {readsPayouts && (
        <>
          <Col xs={12} md={6}>
            <Figure
              to={`/payouts?from=${from}&status=paid`}
              title={`${year}年拨付资金`}
              value={payouts.data ? formatWan(payouts.data.totalAmountFen) : '—'}
              hint={payouts.data ? `惠及 ${payouts.data.beneficiaryCount.toLocaleString('zh-CN')} 家企业,共 ${payouts.data.total.toLocaleString('zh-CN')} 笔(政策兑现、创新券、招商承诺等)` : undefined}
              loading={payouts.isLoading}
              error={payouts.isError}
            />
          </Col>
          <Col xs={12} md={6}>
            <Figure
              to="/funds"
              title="专项资金执行率"
              value={funds.data ? `${funds.data.totals.burnPercent}%` : '—'}
              hint={funds.data ? `可用 ${formatWan(funds.data.totals.availableFen)} / 预算 ${formatWan(funds.data.totals.budgetFen)}` : undefined}
              loading={funds.isLoading}
              error={funds.isError}
            />
          </Col>
        </>
      )}
      {readsFinance && <FinanceLeaderFigures />}
    </Row>
  );
}
