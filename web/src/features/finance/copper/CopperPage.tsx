import { useState, type ReactNode } from 'react';
import { Link, Navigate, useSearchParams } from 'react-router-dom';
import { App, Button, Card, Segmented, Skeleton, Space, Table, Tabs, Typography } from 'antd';
import { LineChartOutlined, PlusOutlined, SyncOutlined } from '@ant-design/icons';
import { formatPricePerTon, formatTons, formatYuan, type MarginCallView, type PledgeView, type ReceiptView } from '@yuanqi/contract';
import { errorMessage } from '../../../app/api';
import { useMe } from '../../../app/auth';
import { EmptyHint } from '../../../components/EmptyHint';
import { PageHeader } from '../../../components/PageHeader';
import { QueryError } from '../../../components/QueryError';
import { formatDateTime } from '../../../components/format';
import { useScreens } from '../../../components/useScreens';
import { useMarginCalls, useMarginSweep, usePledges, usePrices, useReceipts } from './api';
import { CallStatusTags, MarginCallCard, PledgeActions, PledgeCard, PledgeFormModal, PledgeGauge, PledgeStatusTag, ReceiptFormModal, ReceiptStatusTag } from './bits';

/** Loading / error / empty around a list. */
export function ListState<T>({ query, what, empty, children }: { query: { data?: T[]; isLoading: boolean; isError: boolean; error: unknown; refetch: () => unknown }; what: string; empty: string; children: (items: T[]) => ReactNode }) {
  if (query.isLoading) return <Skeleton active paragraph={{ rows: 3 }} />;
  if (query.isError || !query.data) return <QueryError error={query.error} onRetry={() => query.refetch()} what={what} />;
  if (query.data.length === 0) return <EmptyHint description={empty} />;
  return <>{children(query.data)}</>;
}

function ReceiptCard({ r, showFirm = true }: { r: ReceiptView; showFirm?: boolean }) {
  return (
    <div className="yq-copper-card" data-testid="receipt-card">
      <div className="yq-copper-card-head">
        <span className="yq-copper-title">{r.receiptNo}</span>
        <ReceiptStatusTag r={r} />
      </div>
      <div className="yq-copper-meta">
        {showFirm && <div>{r.enterpriseName}</div>}
        <div>{r.warehouse}</div>
        <div>
          {formatTons(r.weightKg)} · {r.grade}
          {r.storedOn ? ` · ${r.storedOn}入库` : ''}
        </div>
        {r.bankName && <div className="yq-copper-muted">质押给 {r.bankName}({r.pledgeNumber})</div>}
      </div>
    </div>
  );
}

/** 存铜融 of a firm (phone first): open margin calls, my pledges with their gauge, my receipts. */
function FirmCopper() {
  const me = useMe();
  const calls = useMarginCalls({ status: 'open' });
  const pledges = usePledges({ status: 'live' });
  const receipts = useReceipts();
  const prices = usePrices();
  const [open, setOpen] = useState(false);
  const latest = prices.data?.latest;
  // a liaison follows its assigned firms here: name the firm on each card
  const own = !!me.enterpriseId;
  return (
    <div className="yq-narrow" style={{ maxWidth: 960 }}>
      <PageHeader
        title="存铜融"
        subTitle={latest ? `最新铜价 ${formatPricePerTon(latest.priceFenPerTon)}(${latest.priceOn})` : '仓单质押融资'}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)}>
            登记仓单
          </Button>
        }
      />
      <Card title="补仓通知" className="yq-copper-section" size="small">
        <ListState query={calls} what="补仓通知" empty="没有待处理的补仓通知">
          {(items) => (
            <div className="yq-copper-list">
              {items.map((c) => (
                <MarginCallCard key={c.id} c={c} showFirm={!own} />
              ))}
            </div>
          )}
        </ListState>
      </Card>
      <Card title={own ? '我的质押' : '服务企业的质押'} className="yq-copper-section" size="small">
        <ListState query={pledges} what="质押" empty="还没有质押中的仓单">
          {(items) => (
            <div className="yq-copper-list">
              {items.map((p) => (
                <PledgeCard key={p.id} p={p} showFirm={!own} />
              ))}
            </div>
          )}
        </ListState>
      </Card>
      <Card title={own ? '我的仓单' : '服务企业的仓单'} className="yq-copper-section" size="small">
        <ListState query={receipts} what="仓单" empty="还没有登记仓单">
          {(items) => (
            <div className="yq-copper-list">
              {items.map((r) => (
                <ReceiptCard key={r.id} r={r} showFirm={!own} />
              ))}
            </div>
          )}
        </ListState>
      </Card>
      <ReceiptFormModal open={open} onClose={() => setOpen(false)} pickFirm={!own} />
    </div>
  );
}

function CallsTab({ manage }: { manage: boolean }) {
  const screens = useScreens();
  const { message } = App.useApp();
  const [filter, setFilter] = useState<'open' | 'overdue' | 'all'>('open');
  const calls = useMarginCalls(filter === 'all' ? {} : filter === 'overdue' ? { overdue: 'true' } : { status: 'open' });
  const sweep = useMarginSweep();
  const runSweep = async () => {
    try {
      const r = await sweep.mutateAsync();
      message.success(r.priceOn ? `已按 ${r.priceOn} 铜价 ${formatPricePerTon(r.priceFenPerTon ?? 0)} 检查 ${r.checked} 笔质押:新发补仓通知 ${r.created} 笔,铜价回升解除 ${r.recovered} 笔` : '铜价表暂无价格,未检查');
    } catch (e) {
      message.error(errorMessage(e));
    }
  };
  return (
    <>
      <Space wrap style={{ marginBottom: 12, justifyContent: 'space-between', width: '100%' }}>
        <Segmented
          value={filter}
          onChange={(v) => setFilter(v as typeof filter)}
          options={[
            { value: 'open', label: '待补仓' },
            { value: 'overdue', label: '已逾期' },
            { value: 'all', label: '全部' },
          ]}
        />
        {manage && (
          <Button type="primary" icon={<SyncOutlined />} loading={sweep.isPending} onClick={runSweep}>
            立即检查补仓
          </Button>
        )}
      </Space>
      <ListState query={calls} what="补仓通知" empty={filter === 'overdue' ? '没有逾期的补仓通知' : '没有补仓通知'}>
        {(items) =>
          screens.md ? (
            <Table<MarginCallView>
              rowKey="id"
              size="middle"
              dataSource={items}
              pagination={{ pageSize: 20, hideOnSinglePage: true }}
              rowClassName={(c) => (c.overdue ? 'yq-row-overdue' : '')}
              columns={[
                { title: '通知日', dataIndex: 'callOn', width: 110 },
                { title: '质押编号', render: (_, c) => <Link to={`/finance/copper/pledges/${c.pledgeId}`}>{c.pledgeNumber}</Link> },
                { title: '企业', dataIndex: 'enterpriseName' },
                { title: '金融机构', render: (_, c) => <span className="yq-nowrap">{c.bankName}</span> },
                { title: '仓单', dataIndex: 'receiptNo' },
                { title: '铜价', render: (_, c) => <span className="yq-nowrap">{formatPricePerTon(c.priceFenPerTon)}</span> },
                { title: '差额', align: 'right', render: (_, c) => <strong className="yq-nowrap" style={{ color: c.status === 'open' ? '#d92d20' : undefined }}>{formatYuan(c.shortfallFen)}</strong> },
                { title: '期限', render: (_, c) => (c.dueAt ? formatDateTime(c.dueAt) : '—') },
                { title: '状态', render: (_, c) => <CallStatusTags c={c} /> },
              ]}
            />
          ) : (
            <div className="yq-copper-list">
              {items.map((c) => (
                <MarginCallCard key={c.id} c={c} />
              ))}
            </div>
          )
        }
      </ListState>
    </>
  );
}

function PledgesTab({ manage }: { manage: boolean }) {
  const screens = useScreens();
  const [filter, setFilter] = useState<'live' | 'margin_call' | 'released' | 'all'>('live');
  const pledges = usePledges(filter === 'all' ? {} : { status: filter });
  const [open, setOpen] = useState(false);
  return (
    <>
      <Space wrap style={{ marginBottom: 12, justifyContent: 'space-between', width: '100%' }}>
        <Segmented
          value={filter}
          onChange={(v) => setFilter(v as typeof filter)}
          options={[
            { value: 'live', label: '质押中' },
            { value: 'margin_call', label: '待补仓' },
            { value: 'released', label: '已解除' },
            { value: 'all', label: '全部' },
          ]}
        />
        {manage && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)}>
            办理质押
          </Button>
        )}
      </Space>
      <ListState query={pledges} what="质押" empty="没有质押">
        {(items) =>
          screens.lg ? (
            <Table<PledgeView>
              rowKey="id"
              size="middle"
              dataSource={items}
              pagination={{ pageSize: 20, hideOnSinglePage: true }}
              columns={[
                { title: '质押编号', render: (_, p) => <Link to={`/finance/copper/pledges/${p.id}`}>{p.number}</Link> },
                { title: '企业', dataIndex: 'enterpriseName' },
                { title: '金融机构', dataIndex: 'bankName' },
                { title: '仓单', render: (_, p) => `${p.receiptNo} · ${formatTons(p.weightKg)}` },
                { title: '定价', render: (_, p) => `${formatPricePerTon(p.priceFenPerTon)}(${p.pricedOn})` },
                { title: '贷款余额', align: 'right', render: (_, p) => formatYuan(p.outstandingFen) },
                { title: '额度使用', width: 260, render: (_, p) => <PledgeGauge p={p} /> },
                { title: '状态', render: (_, p) => <PledgeStatusTag p={p} /> },
                { title: '操作', render: (_, p) => (p.actions.length ? <PledgeActions p={p} /> : null) },
              ]}
            />
          ) : (
            <div className="yq-copper-list">
              {items.map((p) => (
                <PledgeCard key={p.id} p={p} />
              ))}
            </div>
          )
        }
      </ListState>
      <PledgeFormModal open={open} onClose={() => setOpen(false)} asBank={false} />
    </>
  );
}

function ReceiptsTab({ manage }: { manage: boolean }) {
  const screens = useScreens();
  const receipts = useReceipts();
  const [open, setOpen] = useState(false);
  return (
    <>
      {manage && (
        <Space style={{ marginBottom: 12 }}>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)}>
            登记仓单
          </Button>
        </Space>
      )}
      <ListState query={receipts} what="仓单" empty="没有仓单">
        {(items) =>
          screens.md ? (
            <Table<ReceiptView>
              rowKey="id"
              size="middle"
              dataSource={items}
              pagination={{ pageSize: 20, hideOnSinglePage: true }}
              columns={[
                { title: '仓单号', dataIndex: 'receiptNo' },
                { title: '企业', dataIndex: 'enterpriseName' },
                { title: '仓库', dataIndex: 'warehouse' },
                { title: '吨数', align: 'right', render: (_, r) => formatTons(r.weightKg) },
                { title: '品级', dataIndex: 'grade' },
                { title: '入库日期', dataIndex: 'storedOn' },
                { title: '状态', render: (_, r) => <ReceiptStatusTag r={r} /> },
                { title: '质押', render: (_, r) => (r.pledgeId ? <Link to={`/finance/copper/pledges/${r.pledgeId}`}>{`${r.bankName} ${r.pledgeNumber}`}</Link> : '—') },
              ]}
            />
          ) : (
            <div className="yq-copper-list">
              {items.map((r) => (
                <ReceiptCard key={r.id} r={r} />
              ))}
            </div>
          )
        }
      </ListState>
      <ReceiptFormModal open={open} onClose={() => setOpen(false)} pickFirm />
    </>
  );
}

/** The finance officer's 存铜融 desk: the margin-call queue (overdue flagged), pledges, receipts. */
function StaffCopper({ initialTab }: { initialTab: string }) {
  const me = useMe();
  const manage = me.permissions.includes('finance:manage');
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? initialTab;
  const prices = usePrices();
  const open = useMarginCalls({ status: 'open' });
  const live = usePledges({ status: 'live' });
  const latest = prices.data?.latest;
  const overdue = (open.data ?? []).filter((c) => c.overdue).length;
  const figures = [
    { k: '最新铜价', v: latest ? formatPricePerTon(latest.priceFenPerTon) : '—', sub: latest?.priceOn },
    { k: '质押中', v: live.data ? `${live.data.length}笔` : '—', sub: live.data ? formatYuan(live.data.reduce((s, p) => s + p.outstandingFen, 0)) : undefined },
    { k: '待补仓', v: open.data ? `${open.data.length}笔` : '—', sub: open.data ? `差额 ${formatYuan(open.data.reduce((s, c) => s + c.shortfallFen, 0))}` : undefined, bad: (open.data?.length ?? 0) > 0 },
    { k: '补仓逾期', v: open.data ? `${overdue}笔` : '—', bad: overdue > 0 },
  ];
  return (
    <>
      <PageHeader
        title="存铜融"
        subTitle="仓单质押、每日铜价与补仓管理"
        extra={
          <Link to="/finance/copper/prices">
            <Button icon={<LineChartOutlined />}>铜价</Button>
          </Link>
        }
      />
      <div className="yq-copper-figures" data-testid="copper-figures">
        {figures.map((f) => (
          <div key={f.k} className={`yq-copper-figure ${f.bad ? 'is-bad' : ''}`}>
            <div className="k">{f.k}</div>
            <div className="v">{f.v}</div>
            {f.sub && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{f.sub}</Typography.Text>}
          </div>
        ))}
      </div>
      <Card>
        <Tabs
          activeKey={tab}
          onChange={(k) => setParams({ tab: k }, { replace: true })}
          items={[
            { key: 'calls', label: '补仓通知', children: <CallsTab manage={manage} /> },
            { key: 'pledges', label: '质押', children: <PledgesTab manage={manage} /> },
            { key: 'receipts', label: '仓单', children: <ReceiptsTab manage={manage} /> },
          ]}
        />
      </Card>
    </>
  );
}

/** /finance/copper: the staff desk for finance readers, an institution's page for its users, the firm's own page otherwise. */
export function CopperPage({ initialTab = 'calls' }: { initialTab?: string }) {
  const me = useMe();
  if (me.permissions.includes('finance:read')) return <StaffCopper initialTab={initialTab} />;
  // an institution's user (a notice links here for everyone told) has its own page
  if (me.permissions.includes('finance:bank') && !me.permissions.includes('finance:apply')) return <Navigate to="/finance/bank/copper" replace />;
  return <FirmCopper />;
}
