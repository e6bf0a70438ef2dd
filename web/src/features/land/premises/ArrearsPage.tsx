import { useState } from 'react';
import { Link } from 'react-router-dom';
import { App, Button, Input, Space, Table, Typography } from 'antd';
import { api, errorMessage } from '../../../app/api';
import { useCan } from '../../../app/auth';
import { PageHeader } from '../../../components/PageHeader';
import { QueryError } from '../../../components/QueryError';
import { formatDateTime, formatMoney } from '../../../components/format';
import { useArrears, useLandWrite } from './api';

/** 欠费: firms with bills past their due day, with the balance and the days overdue; 催缴 sends them a message. */
export function ArrearsPage() {
  const can = useCan();
  const { message } = App.useApp();
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [selected, setSelected] = useState<string[]>([]);
  const arrears = useArrears({ q: q || undefined, page, pageSize: 20 });
  const remind = useLandWrite((ids: string[]) => api.post<{ firms: number; notified: number }>('/api/land/premises/arrears/remind', { enterpriseIds: ids }));
  const run = (ids: string[]) => remind.mutateAsync(ids).then((r) => { message.success(`已向 ${r.firms} 家企业的 ${r.notified} 位用户发送催缴消息`); setSelected([]); }, (e) => message.error(errorMessage(e)));
  return (
    <>
      <PageHeader title="欠费" subTitle="超过缴纳截止日仍未缴清的租金" extra={can('premises:manage') && <Button disabled={!selected.length} loading={remind.isPending} onClick={() => run(selected)}>催缴所选({selected.length})</Button>} />
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search allowClear placeholder="企业名称" onSearch={(v) => { setQ(v); setPage(1); }} style={{ width: 240 }} />
        {arrears.data && <Typography.Text>截至 {arrears.data.asOf}:{arrears.data.firms} 家企业欠缴 {formatMoney(arrears.data.totalFen)}</Typography.Text>}
      </Space>
      {arrears.error ? (
        <QueryError error={arrears.error} onRetry={() => arrears.refetch()} />
      ) : (
        <Table
          rowKey="enterpriseId"
          size="small"
          loading={arrears.isFetching}
          dataSource={arrears.data?.items ?? []}
          scroll={{ x: 800 }}
          rowSelection={can('premises:manage') ? { selectedRowKeys: selected, onChange: (k) => setSelected(k as string[]) } : undefined}
          pagination={{ current: page, pageSize: 20, total: arrears.data?.total ?? 0, onChange: setPage }}
          columns={[
            { title: '企业', dataIndex: 'enterpriseName', render: (v, r) => <Link to={`/land/premises/bills?enterpriseId=${r.enterpriseId}`}>{v}</Link> },
            { title: '欠缴账单', dataIndex: 'bills', align: 'right' },
            { title: '欠缴金额', dataIndex: 'balanceFen', align: 'right', render: formatMoney },
            { title: '最早截止日', dataIndex: 'oldestDueOn' },
            { title: '逾期天数', dataIndex: 'maxOverdueDays', align: 'right' },
            { title: '上次催缴', dataIndex: 'remindedAt', render: (v) => (v ? formatDateTime(v) : '—') },
            { title: '', render: (_, r) => can('premises:manage') && <Button size="small" onClick={() => run([r.enterpriseId])}>催缴</Button> },
          ]}
        />
      )}
    </>
  );
}
