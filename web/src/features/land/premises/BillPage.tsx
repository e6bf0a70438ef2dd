import { Link, useParams } from 'react-router-dom';
import { App, Button, Card, Col, Popconfirm, Row, Table, Tag, Typography } from 'antd';
import { api, errorMessage } from '../../../app/api';
import { useCan } from '../../../app/auth';
import { PageHeader } from '../../../components/PageHeader';
import { PageLoading } from '../../../components/PageLoading';
import { QueryError } from '../../../components/QueryError';
import { formatDateTime, formatMoney } from '../../../components/format';
import { useBill, useLandWrite } from './api';
import { BillCard } from './BillCard';
import { PaymentForm } from './forms';

/** 租金账单: how the gross was computed, each relief line, payments (record, void). */
export function BillPage() {
  const { id = '' } = useParams();
  const bill = useBill(id);
  const can = useCan();
  const { message } = App.useApp();
  const voidPayment = useLandWrite((paymentId: string) => api.post(`/api/land/premises/payments/${paymentId}/void`, { reason: '登记有误,作废' }));
  if (bill.error) return <QueryError error={bill.error} onRetry={() => bill.refetch()} what="账单" />;
  if (!bill.data) return <PageLoading />;
  const b = bill.data;
  const manage = can('premises:manage');
  return (
    <>
      <PageHeader title={`租金账单 · ${b.periodLabel}`} subTitle={b.enterpriseName} extra={manage && b.status !== 'void' ? <PaymentForm billId={b.id} balanceFen={b.balanceFen} /> : null} />
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={10}>
          <BillCard bill={b} reliefs={b.reliefs} />
          <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
            {b.grossExplanation}。合同 <Link to={`/land/premises/leases/${b.leaseId}`}>{b.contractNo}</Link>
          </Typography.Paragraph>
        </Col>
        <Col xs={24} lg={14}>
          <Card size="small" title="缴费记录">
            <Table
              size="small"
              rowKey="id"
              dataSource={b.payments}
              pagination={false}
              scroll={{ x: 560 }}
              locale={{ emptyText: '暂无缴费' }}
              columns={[
                { title: '日期', dataIndex: 'paidOn' },
                { title: '金额', dataIndex: 'amountFen', align: 'right', render: formatMoney },
                { title: '方式', dataIndex: 'methodLabel' },
                { title: '凭证号', dataIndex: 'reference' },
                { title: '登记', render: (_, p) => `${p.createdBy ?? '系统'} ${formatDateTime(p.createdAt)}` },
                {
                  title: '',
                  render: (_, p) =>
                    p.status === 'void' ? <Tag>已作废:{p.voidReason}</Tag> : manage ? (
                      <Popconfirm title="作废这笔缴费?" onConfirm={() => voidPayment.mutateAsync(p.id).then(() => message.success('已作废'), (e) => message.error(errorMessage(e)))}>
                        <Button size="small" type="link" danger>作废</Button>
                      </Popconfirm>
                    ) : null,
                },
              ]}
            />
          </Card>
        </Col>
      </Row>
    </>
  );
}
