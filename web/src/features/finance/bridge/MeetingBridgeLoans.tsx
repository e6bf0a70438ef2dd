import { useQuery } from '@tanstack/react-query';
import { Card, Table, Tag, type TableProps } from 'antd';
import { Link } from 'react-router-dom';
import type { BridgeLoanSummary } from '@yuanqi/contract';
import { api } from '../../../app/api';
import { hasPermission, useMe } from '../../../app/auth';
import { QueryError } from '../../../components/QueryError';
import { bridgeKeys } from './api';
import { yuan } from './bits';

type AgendaLoan = BridgeLoanSummary & { overdueDays: number };

/**
 * The 周调度 agenda's read-only 逾期转贷 section: the bridge loans overdue on the meeting's date, each
 * linked to its case (decisions on a loan are taken on its own page; dispatch_items is demand-shaped).
 * For users with finance:read; nothing when there are none.
 */
export function MeetingBridgeLoans({ meetingId }: { meetingId: string }) {
  const me = useMe();
  const allowed = hasPermission(me, 'finance:read');
  const list = useQuery({
    queryKey: [...bridgeKeys.all, 'meeting', meetingId],
    queryFn: ({ signal }) => api.get<AgendaLoan[]>(`/api/dispatch-meetings/${encodeURIComponent(meetingId)}/bridge-loans`, undefined, signal),
    enabled: allowed && !!meetingId,
  });
  if (!allowed) return null;
  if (list.isError) return <QueryError error={list.error} onRetry={() => list.refetch()} what="逾期转贷" />;
  if (!list.data || list.data.length === 0) return null;
  const columns: TableProps<AgendaLoan>['columns'] = [
    { title: '转贷', key: 'loan', render: (_, l) => <Link to={`/finance/bridge-loans/${l.id}`}>{l.enterpriseName}</Link> },
    { title: '贷款银行', dataIndex: 'bankName', key: 'bank', width: 120 },
    { title: '金额', key: 'amount', width: 150, align: 'right', render: (_, l) => yuan(l.amountFen) },
    { title: '到期日', dataIndex: 'dueOn', key: 'due', width: 110 },
    { title: '逾期', key: 'days', width: 90, render: (_, l) => <Tag color="red">{l.overdueDays} 天</Tag> },
  ];
  return (
    <Card size="small" title={`逾期应急转贷(${list.data.length} 笔,只读)`} style={{ marginBottom: 16 }}>
      <Table<AgendaLoan> rowKey="id" size="small" columns={columns} dataSource={list.data} pagination={false} scroll={{ x: 600 }} />
    </Card>
  );
}
