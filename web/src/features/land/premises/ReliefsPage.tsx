import { Link } from 'react-router-dom';
import { Table, Tag } from 'antd';
import { PageHeader } from '../../../components/PageHeader';
import { QueryError } from '../../../components/QueryError';
import { formatMoney } from '../../../components/format';
import { useMeasures } from './api';
import { ReliefForm } from './forms';

/** 房租减免: the measures, each with its period, rule and the amount granted (computed from the bills). */
export function ReliefsPage() {
  const measures = useMeasures();
  return (
    <>
      <PageHeader title="房租减免" subTitle="减免措施按规则自动计入租金账单,减免金额按企业统计" extra={<ReliefForm />} />
      {measures.error ? (
        <QueryError error={measures.error} onRetry={() => measures.refetch()} />
      ) : (
        <Table
          rowKey="id"
          size="small"
          loading={measures.isLoading}
          dataSource={measures.data ?? []}
          scroll={{ x: 900 }}
          pagination={false}
          columns={[
            { title: '措施', dataIndex: 'name', render: (v, m) => <Link to={`/land/premises/reliefs/${m.id}`}>{v}</Link> },
            { title: '减免期', render: (_, m) => `${m.periodFrom} 至 ${m.periodTo}` },
            { title: '规则', dataIndex: 'ruleText' },
            { title: '企业', dataIndex: 'firms', align: 'right', render: (v) => `${v}家` },
            { title: '减免金额', dataIndex: 'totalFen', align: 'right', render: formatMoney },
            { title: '状态', dataIndex: 'statusLabel', render: (v, m) => <Tag color={m.status === 'active' ? 'green' : m.status === 'draft' ? 'blue' : 'default'}>{v}</Tag> },
          ]}
        />
      )}
    </>
  );
}
