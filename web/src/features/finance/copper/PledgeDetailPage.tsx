import { useParams } from 'react-router-dom';
import { Card, Descriptions, Skeleton, Table } from 'antd';
import { PLEDGE_STATUS_LABELS, formatPricePerTon, formatTons, formatYuan, type MarginCallView, type PledgeEventView } from '@yuanqi/contract';
import { EventTimeline } from '../../../components/EventTimeline';
import { PageHeader } from '../../../components/PageHeader';
import { QueryError } from '../../../components/QueryError';
import { formatDateTime } from '../../../components/format';
import { usePledge } from './api';
import { CallStatusTags, PledgeActions, PledgeGauge, PledgeStatusTag } from './bits';

const COLORS = { pledge: 'blue', margin_call: 'red', top_up: 'green', repay: 'green', release: 'gray', price_recovered: 'green', overdue: 'red' };

function detailOf(e: PledgeEventView): string | null {
  const d = (e.data ?? {}) as Record<string, number | string | null | undefined>;
  switch (e.action) {
    case 'pledge':
      return `贷款 ${formatYuan(Number(d.loanFen))},额度 ${formatYuan(Number(d.limitFen))}(定价 ${formatPricePerTon(Number(d.priceFenPerTon))})`;
    case 'margin_call':
      return `铜价 ${formatPricePerTon(Number(d.priceFenPerTon))}(${d.priceOn}),额度 ${formatYuan(Number(d.limitFen))},差额 ${formatYuan(Number(d.shortfallFen))},期限 ${d.dueAt ? formatDateTime(String(d.dueAt)) : '—'}`;
    case 'top_up':
    case 'repay':
    case 'release':
      return `金额 ${formatYuan(Number(d.amountFen))},余额 ${formatYuan(Number(d.outstandingFen))},保证金 ${formatYuan(Number(d.marginFen))}${d.marginCallResolved ? ',补仓通知已解除' : ''}`;
    case 'price_recovered':
      return `铜价 ${formatPricePerTon(Number(d.priceFenPerTon))},额度 ${formatYuan(Number(d.limitFen))}`;
    default:
      return e.toStatus ? (PLEDGE_STATUS_LABELS as Record<string, string>)[e.toStatus] ?? null : null;
  }
}

/** One pledge: its terms, today's gauge, its margin calls and its timeline. */
export function PledgeDetailPage() {
  const { id = '' } = useParams();
  const q = usePledge(id);
  if (q.isLoading) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (q.isError || !q.data) return <QueryError error={q.error} onRetry={() => q.refetch()} what="质押" />;
  const p = q.data;
  return (
    <div className="yq-narrow" style={{ maxWidth: 960 }}>
      <PageHeader title={`质押 ${p.number}`} subTitle={<PledgeStatusTag p={p} />} extra={p.actions.length ? <PledgeActions p={p} /> : undefined} />
      <Card size="small" className="yq-copper-section">
        <PledgeGauge p={p} />
      </Card>
      <Card size="small" title="质押信息" className="yq-copper-section">
        <Descriptions column={{ xs: 1, sm: 2 }} size="small">
          <Descriptions.Item label="企业">{p.enterpriseName}</Descriptions.Item>
          <Descriptions.Item label="质权机构">{p.bankName}</Descriptions.Item>
          <Descriptions.Item label="仓单">{`${p.warehouse} ${p.receiptNo}`}</Descriptions.Item>
          <Descriptions.Item label="吨数 / 品级">{`${formatTons(p.weightKg)} / ${p.grade}`}</Descriptions.Item>
          <Descriptions.Item label="定价日 / 定价">{`${p.pricedOn} / ${formatPricePerTon(p.priceFenPerTon)}`}</Descriptions.Item>
          <Descriptions.Item label="质押率">{`${(p.ltvBp / 100).toFixed(2)}%`}</Descriptions.Item>
          <Descriptions.Item label="定价额度">{formatYuan(p.pricedLimitFen)}</Descriptions.Item>
          <Descriptions.Item label="贷款金额">{formatYuan(p.loanFen)}</Descriptions.Item>
          <Descriptions.Item label="贷款余额">{formatYuan(p.outstandingFen)}</Descriptions.Item>
          <Descriptions.Item label="已交保证金">{formatYuan(p.marginFen)}</Descriptions.Item>
          <Descriptions.Item label="质押日">{p.pledgedOn}</Descriptions.Item>
          {p.releasedOn && <Descriptions.Item label="解押日">{p.releasedOn}</Descriptions.Item>}
        </Descriptions>
      </Card>
      <Card size="small" title="补仓通知" className="yq-copper-section">
        <Table<MarginCallView>
          rowKey="id"
          size="small"
          dataSource={p.marginCalls}
          pagination={false}
          scroll={{ x: 560 }}
          locale={{ emptyText: '没有补仓通知' }}
          columns={[
            { title: '通知日', dataIndex: 'callOn' },
            { title: '铜价', render: (_, c) => formatPricePerTon(c.priceFenPerTon) },
            { title: '差额', render: (_, c) => formatYuan(c.shortfallFen) },
            { title: '状态', render: (_, c) => <CallStatusTags c={c} /> },
            { title: '办理', render: (_, c) => (c.resolvedAt ? `${formatDateTime(c.resolvedAt)} ${c.resolvedByName ?? ''}` : '—') },
          ]}
        />
      </Card>
      <Card size="small" title="办理记录">
        <EventTimeline events={p.events} colors={COLORS} detailOf={detailOf} />
      </Card>
    </div>
  );
}
