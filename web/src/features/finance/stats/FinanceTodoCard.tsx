import { Card, Col, Row, Statistic } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import type { BridgeLoanPage, MarginCallView } from '@yuanqi/contract';
import { api } from '../../../app/api';
import { financeKeys } from '../api';

function Todo({ to, title, count, loading, error }: { to: string; title: string; count: number | undefined; loading: boolean; error: boolean }) {
  return (
    <Col xs={12} md={6}>
      <Link to={to} aria-label={`${title},去处理`}>
        <Card hoverable size="small">
          <Statistic title={title} value={error ? '—' : (count ?? 0)} loading={loading} suffix={error ? undefined : '件'} styles={{ content: count ? { color: '#d92d20' } : undefined }} />
        </Card>
      </Link>
    </Col>
  );
}

/** The finance officer's to-do: bridge loans to approve and awaiting a leader, overdue answers, open margin calls — from each sub-domain's own list. */
export function FinanceTodoCard() {
  const bridge = useQuery({
    queryKey: [...financeKeys.all, 'todo', 'bridge'],
    queryFn: ({ signal }) => api.get<BridgeLoanPage>('/api/finance/bridge-loans', { view: 'all', page: 1, pageSize: 1 }, signal),
  });
  const offers = useQuery({
    queryKey: [...financeKeys.all, 'todo', 'offers-overdue'],
    queryFn: ({ signal }) => api.get<{ total: number }>('/api/finance/offers', { overdue: 'true', page: 1, pageSize: 1 }, signal),
  });
  const calls = useQuery({
    queryKey: [...financeKeys.all, 'todo', 'margin-calls'],
    queryFn: ({ signal }) => api.get<MarginCallView[]>('/api/finance/copper/margin-calls', { status: 'open' }, signal),
  });
  return (
    <Card title="金融服务待办" extra={<Link to="/finance/stats">金融统计</Link>}>
      <Row gutter={[12, 12]}>
        <Todo to="/finance/bridge-loans?view=awaiting_approval" title="转贷待审批" count={bridge.data?.counts.awaiting_approval} loading={bridge.isLoading} error={bridge.isError} />
        <Todo to="/finance/bridge-loans?view=awaiting_leader" title="待领导审批" count={bridge.data?.counts.awaiting_leader} loading={bridge.isLoading} error={bridge.isError} />
        <Todo to="/finance/offers?overdue=true" title="机构答复逾期" count={offers.data?.total} loading={offers.isLoading} error={offers.isError} />
        <Todo to="/finance/copper/margin-calls?status=open" title="补仓未结" count={calls.data?.length} loading={calls.isLoading} error={calls.isError} />
      </Row>
    </Card>
  );
}
