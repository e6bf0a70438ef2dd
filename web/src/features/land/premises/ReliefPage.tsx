import { useParams } from 'react-router-dom';
import { App, Button, Card, Descriptions, Popconfirm, Space, Statistic, Table, Tag } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import type { ActivateReliefResult } from '@yuanqi/contract';
import { api, errorMessage } from '../../../app/api';
import { useCan } from '../../../app/auth';
import { PageHeader } from '../../../components/PageHeader';
import { PageLoading } from '../../../components/PageLoading';
import { QueryError } from '../../../components/QueryError';
import { useExport } from '../../../components/useExport';
import { formatMoney } from '../../../components/format';
import { useLandWrite, useMeasure } from './api';
import { areaText } from './bits';

/** 减免措施: the rule and the amount per firm (from the bills' relief lines), total, .xlsx. */
export function ReliefPage() {
  const { id = '' } = useParams();
  const measure = useMeasure(id);
  const can = useCan();
  const { message } = App.useApp();
  const activate = useLandWrite(() => api.post<ActivateReliefResult>(`/api/land/premises/reliefs/${id}/activate`));
  const close = useLandWrite(() => api.post(`/api/land/premises/reliefs/${id}/close`));
  const { exporting, doExport } = useExport(() => api.download(`/api/land/premises/reliefs/${id}/export`, undefined, '减免明细.xlsx'));
  if (measure.error) return <QueryError error={measure.error} onRetry={() => measure.refetch()} what="减免措施" />;
  if (!measure.data) return <PageLoading />;
  const m = measure.data;
  return (
    <>
      <PageHeader
        title={m.name}
        subTitle={<Tag color={m.status === 'active' ? 'green' : 'default'}>{m.statusLabel}</Tag>}
        extra={
          <Space>
            {can('premises:manage') && m.status === 'draft' && (
              <Popconfirm title="启用后,减免期内已出的账单同时重算,之后出的账单自动减免。确定启用?" onConfirm={() => activate.mutateAsync(undefined).then((r) => message.success(`已启用:${r.billsChanged}张账单减免${formatMoney(r.amountFen)}`), (e) => message.error(errorMessage(e)))}>
                <Button type="primary">启用</Button>
              </Popconfirm>
            )}
            {can('premises:manage') && m.status === 'active' && (
              <Popconfirm title="结束后新出的账单不再减免,已减免的保留。确定结束?" onConfirm={() => close.mutateAsync(undefined).then(() => message.success('已结束'), (e) => message.error(errorMessage(e)))}>
                <Button>结束</Button>
              </Popconfirm>
            )}
            <Button icon={<DownloadOutlined />} loading={exporting} onClick={doExport}>导出明细</Button>
          </Space>
        }
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Space size={48} wrap>
          <Statistic title="减免金额合计" value={formatMoney(m.totalFen)} valueStyle={{ color: '#3f8600' }} />
          <Statistic title="受益企业" value={m.firms} suffix="家" />
          <Statistic title="减免账单" value={m.bills} suffix="张" />
        </Space>
        <Descriptions size="small" column={{ xs: 1, md: 2 }} style={{ marginTop: 12 }}>
          <Descriptions.Item label="编码">{m.code}</Descriptions.Item>
          <Descriptions.Item label="减免期">{m.periodFrom} 至 {m.periodTo}</Descriptions.Item>
          <Descriptions.Item label="规则">{m.ruleText}</Descriptions.Item>
          <Descriptions.Item label="依据">{m.basis ?? '—'}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Table
        rowKey="enterpriseId"
        size="small"
        dataSource={m.rows}
        scroll={{ x: 700 }}
        pagination={{ pageSize: 50 }}
        columns={[
          { title: '企业', dataIndex: 'enterpriseName' },
          { title: '租赁合同', dataIndex: 'leases', align: 'right' },
          { title: '减免账单', dataIndex: 'bills', align: 'right' },
          { title: '租赁面积', dataIndex: 'areaM2', align: 'right', render: areaText },
          { title: '减免金额', dataIndex: 'amountFen', align: 'right', render: formatMoney },
        ]}
        summary={() => (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0}>合计 {m.rows.length} 家</Table.Summary.Cell>
            <Table.Summary.Cell index={1} align="right">{m.rows.reduce((a, r) => a + r.leases, 0)}</Table.Summary.Cell>
            <Table.Summary.Cell index={2} align="right">{m.bills}</Table.Summary.Cell>
            <Table.Summary.Cell index={3} align="right">{areaText(m.rows.reduce((a, r) => a + r.areaM2, 0))}</Table.Summary.Cell>
            <Table.Summary.Cell index={4} align="right"><strong data-testid="relief-total">{formatMoney(m.totalFen)}</strong></Table.Summary.Cell>
          </Table.Summary.Row>
        )}
      />
    </>
  );
}
