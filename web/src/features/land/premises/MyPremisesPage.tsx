import { Card, Collapse, Descriptions, Space, Statistic, Typography } from 'antd';
import { PageHeader } from '../../../components/PageHeader';
import { PageLoading } from '../../../components/PageLoading';
import { QueryError } from '../../../components/QueryError';
import { EmptyHint } from '../../../components/EmptyHint';
import { formatMoney } from '../../../components/format';
import { useMine } from './api';
import { BillCard } from './BillCard';
import { LeaseStatusTag, areaText, rateText } from './bits';

/** 我的租赁 (phone first): the firm's leases and its monthly bills, the relief of each bill spelled out. */
export function MyPremisesPage() {
  const mine = useMine();
  if (mine.error) return <QueryError error={mine.error} onRetry={() => mine.refetch()} />;
  if (!mine.data) return <PageLoading />;
  const m = mine.data;
  const reliefTotal = m.bills.reduce((a, b) => a + b.reliefTotalFen, 0);
  const latest = m.bills.slice(0, 3);
  const older = m.bills.slice(3);
  return (
    <>
      <PageHeader title="我的租赁" subTitle={m.enterpriseName} />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Space size={32} wrap>
          <Statistic title="待缴租金" value={formatMoney(m.balanceFen)} valueStyle={{ color: m.balanceFen > 0 ? '#cf1322' : undefined, fontSize: 20 }} />
          <Statistic title="已享房租减免" value={formatMoney(reliefTotal)} valueStyle={{ color: '#3f8600', fontSize: 20 }} />
        </Space>
      </Card>
      {m.leases.length === 0 ? (
        <EmptyHint description="暂无租赁合同" />
      ) : (
        <Space direction="vertical" style={{ width: '100%' }}>
          {m.leases.map((l) => (
            <Card size="small" key={l.id} title={`${l.buildingName} ${l.unitCode}`} extra={<LeaseStatusTag status={l.status} />}>
              <Descriptions size="small" column={1}>
                <Descriptions.Item label="合同号">{l.contractNo}</Descriptions.Item>
                <Descriptions.Item label="面积">{areaText(l.areaM2)}</Descriptions.Item>
                <Descriptions.Item label="租金">{rateText(l.rentFenPerM2Month)},每月 {formatMoney(l.monthlyRentFen)}</Descriptions.Item>
                <Descriptions.Item label="租期">{l.startsOn} 至 {l.lastDay}</Descriptions.Item>
              </Descriptions>
            </Card>
          ))}
          <Typography.Title level={5} style={{ marginTop: 8 }}>月度账单</Typography.Title>
          {latest.map((b) => <BillCard key={b.id} bill={b} reliefs={b.reliefs} />)}
          {older.length > 0 && (
            <Collapse
              items={[
                {
                  key: 'older',
                  label: `更早的账单(${older.length}张${older.some((b) => b.reliefTotalFen > 0) ? ',含房租减免' : ''})`,
                  children: <Space direction="vertical" style={{ width: '100%' }}>{older.map((b) => <BillCard key={b.id} bill={b} reliefs={b.reliefs} />)}</Space>,
                },
              ]}
            />
          )}
        </Space>
      )}
    </>
  );
}
