import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Input, Select, Space, Table } from 'antd';
import { LEASE_STATUSES, LEASE_STATUS_LABELS, type LeaseStatus } from '@yuanqi/contract';
import { PageHeader } from '../../../components/PageHeader';
import { QueryError } from '../../../components/QueryError';
import { formatMoney } from '../../../components/format';
import { useLeases } from './api';
import { LeaseStatusTag, areaText, rateText } from './bits';
import { LeaseForm } from './forms';

/** 租赁合同: every lease of the park, by firm, unit, status. */
export function LeasesPage() {
  const [q, setQ] = useState('');
  const [status, setStatus] = useState<LeaseStatus | undefined>();
  const [page, setPage] = useState(1);
  const leases = useLeases({ q: q || undefined, status, page, pageSize: 20 });
  return (
    <>
      <PageHeader title="租赁合同" subTitle="同一房源的租期不能重叠(数据库约束)" extra={<LeaseForm />} />
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search allowClear placeholder="企业、合同号、楼宇、房号" onSearch={(v) => { setQ(v); setPage(1); }} style={{ width: 260 }} />
        <Select allowClear placeholder="状态" value={status} onChange={(v) => { setStatus(v); setPage(1); }} style={{ width: 140 }} options={LEASE_STATUSES.map((s) => ({ value: s, label: LEASE_STATUS_LABELS[s] }))} />
      </Space>
      {leases.error ? (
        <QueryError error={leases.error} onRetry={() => leases.refetch()} />
      ) : (
        <Table
          rowKey="id"
          size="small"
          loading={leases.isFetching}
          dataSource={leases.data?.items ?? []}
          scroll={{ x: 1000 }}
          pagination={{ current: page, pageSize: 20, total: leases.data?.total ?? 0, onChange: setPage, showTotal: (t) => `共 ${t} 份` }}
          columns={[
            { title: '合同号', dataIndex: 'contractNo', render: (v, l) => <Link to={`/land/premises/leases/${l.id}`}>{v}</Link> },
            { title: '企业', dataIndex: 'enterpriseName' },
            { title: '房源', render: (_, l) => <Link to={`/land/premises/buildings/${l.buildingId}`}>{`${l.buildingName} ${l.unitCode}`}</Link> },
            { title: '面积', dataIndex: 'areaM2', align: 'right', render: areaText },
            { title: '租期', render: (_, l) => `${l.startsOn} 至 ${l.lastDay}` },
            { title: '单价', dataIndex: 'rentFenPerM2Month', render: rateText },
            { title: '月租金', dataIndex: 'monthlyRentFen', align: 'right', render: formatMoney },
            { title: '状态', dataIndex: 'status', render: (s) => <LeaseStatusTag status={s} /> },
          ]}
        />
      )}
    </>
  );
}
