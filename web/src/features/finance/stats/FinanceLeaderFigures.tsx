import { Card, Col, Statistic, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { formatFigureYuan } from '@yuanqi/contract';
import { parkToday } from '../../../components/format';
import { useFinanceStats } from './api';

function FinanceFigure({ to, title, value, hint, loading, error, tone }: { to: string; title: string; value: string; hint?: string; loading: boolean; error: boolean; tone?: string }) {
  return (
    <Col xs={12} md={6}>
      <Link to={to} aria-label={`${title},查看明细`}>
        <Card hoverable size="small" style={{ height: '100%' }}>
          <Statistic title={title} value={error ? '—' : value} loading={loading} styles={{ content: tone ? { color: tone } : undefined }} />
          {hint && !loading && !error && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{hint}</Typography.Text>}
        </Card>
      </Link>
    </Col>
  );
}

/** A leader's finance figures of the year so far, all from GET /api/finance/stats (columns of the home's figure row). */
export function FinanceLeaderFigures() {
  const today = parkToday();
  const from = `${today.slice(0, 4)}-01-01`;
  const year = today.slice(0, 4);
  const stats = useFinanceStats({ from, to: today });
  const s = stats.data;
  const common = { loading: stats.isLoading, error: stats.isError };
  const avg = s?.needs.workingDays.average ?? null;
  return (
    <>
      <FinanceFigure to="/finance/stats" title={`${year}年融资放款`} value={s ? formatFigureYuan(s.needs.disbursedAmountFen) : '—'} hint={s ? `${s.needs.disbursedCount} 笔 · 需求 ${s.needs.needsFiled} 笔` : undefined} {...common} />
      <FinanceFigure
        to="/finance/stats"
        title="平均放款用时"
        value={avg === null ? '—' : `${avg.toLocaleString('zh-CN', { maximumFractionDigits: 1 })} 个工作日`}
        hint={s ? `发布需求至放款 · 5个工作日内 ${s.needs.workingDays.withinFive} 笔` : undefined}
        {...common}
      />
      <FinanceFigure to="/finance/bridge-loans" title={`${year}年应急转贷`} value={s ? formatFigureYuan(s.bridge.disbursedFen) : '—'} hint={s ? `${s.bridge.disbursedCount} 笔 · 收费 ${formatFigureYuan(s.bridge.feeFen)}` : undefined} {...common} />
      <FinanceFigure
        to="/finance/bridge-loans?view=overdue"
        title="逾期转贷"
        value={s ? `${s.bridge.overdueCount} 笔` : '—'}
        tone={s && s.bridge.overdueCount > 0 ? '#d92d20' : undefined}
        hint={s ? `逾期金额 ${formatFigureYuan(s.bridge.overdueFen)} · 在贷 ${s.bridge.outstandingCount} 笔` : undefined}
        {...common}
      />
      <FinanceFigure to="/finance/events" title="对接会签约" value={s ? formatFigureYuan(s.events.signedAmountFen) : '—'} hint={s ? `${s.events.count} 场 · 签约企业 ${s.events.signedFirms} 家` : undefined} {...common} />
    </>
  );
}
